# ruff: noqa: RUF003  (comments show look-alike characters)
"""Script groups of letters: which alphabet a character belongs to, and what a text is
mostly written in.

The repair judges text by script: a word stays in one alphabet, a run in a script foreign
to the document is an anomaly, CJK context relaxes some rules. Han, kana, bopomofo and
friends form one group (``CJK_GROUP``) and Hangul another (``HANGUL``); other scripts are
named by the first word of their Unicode name (Fullwidth/Halfwidth forms by the second).
Letters that behave as symbols (ª º µ) and modifier letters have no script. Counts per
script are cached: a step asks several times about one text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CJK_GROUP = "CJK"  # Han, kana and friends

HANGUL = "HANGUL"

_NAME_GROUPS = {
    "CJK": CJK_GROUP,
    "HIRAGANA": CJK_GROUP,
    "KATAKANA": CJK_GROUP,
    "KATAKANA-HIRAGANA": CJK_GROUP,
    "IDEOGRAPHIC": CJK_GROUP,
    "KANGXI": CJK_GROUP,
    "BOPOMOFO": CJK_GROUP,
    "HANGUL": HANGUL,
}

# Letters (category L*) that behave like symbols in running text.
_SYMBOLIC_LETTERS = frozenset("ªºµ")


@lru_cache(maxsize=65536)
def script_of(ch: str) -> str | None:
    """The script group of a letter ('LATIN', 'CYRILLIC', 'CJK', ...); None for non-letters."""
    if not ch.isalpha() or ch in _SYMBOLIC_LETTERS:
        return None
    if ch.isascii():
        return "LATIN"
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3FFFF:
        return CJK_GROUP
    if 0xAC00 <= o <= 0xD7AF:
        return HANGUL
    name = unicodedata.name(ch, "")
    if not name:
        return "UNKNOWN"
    if name.startswith("MODIFIER LETTER"):
        return None  # ʻ ʿ ˡ: no script of their own
    words = name.split()
    first = words[0]
    if first in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1:
        first = words[1]
    return _NAME_GROUPS.get(first, first)


def is_wordchar(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat[0] == "L":
        return ch not in _SYMBOLIC_LETTERS
    return cat == "Nd" or cat[0] == "M"


def is_cjk_letter(ch: str) -> bool:
    return script_of(ch) in (CJK_GROUP, HANGUL)


def has_cjk_context(text: str) -> bool:
    """True when CJK (or Hangul) letters make up a large share of the letters of `text`."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return False
    return (counts.get(CJK_GROUP, 0) + counts.get(HANGUL, 0)) / total >= 0.3


_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(256) if not chr(b).isalpha() or b > 0x7F)

_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


@lru_cache(maxsize=8)
def script_counts(text: str) -> dict[str, int]:
    """Letters per script group. (Cached: a step asks several times about one text.)"""
    counts: dict[str, int] = {}
    # ASCII letters: the UTF-8 bytes less every byte that is not one (a tenth of the time
    # of matching words); non-ASCII characters are all bytes >= 0x80, never letters.
    latin = len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LETTER_BYTES))
    if latin:
        counts["LATIN"] = latin
    for ch in _NON_ASCII_RE.findall(text):
        s = script_of(ch)
        if s is not None:
            counts[s] = counts.get(s, 0) + 1
    return counts


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]
