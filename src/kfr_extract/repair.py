# ruff: noqa: RUF001, RUF002, RUF003  (this module is about look-alike characters)
"""Mis-encoded text -> repaired text, with an account of what changed.

Three steps, each local (a line, a token or a run of characters), so text that a
step does not change keeps its relative offsets:

1. Legacy CJK mojibake (``_legacy_cjk``): GBK, Big5, Shift-JIS or EUC-KR bytes
   shown as Latin-1/Windows-1252 (``¡°`` for “, ``¨C`` for –, ``³Ô¹Ï`` for 吃瓜).
   ftfy's authors declined this one, so it is ours. A run is repaired only with
   evidence: the token it sits in is implausible as written and plausible once
   decoded, the decoded characters are common ones for that encoding (or
   typographic punctuation), and the document as a whole points to one
   encoding. Runs whose bytes read as valid UTF-8 are left to ftfy.
   When every high character of the text is UTF-8 bytes (UTF-8 shown as
   Windows-1252, perhaps over a legacy layer: ``Â¡Â°``) this step waits a round.
2. ftfy (``fix_and_explain``, line by line) with a configuration that suits
   extraction: curly quotes stay (they mark quotations), fullwidth characters
   stay (they are correct in CJK text), HTML entities, line breaks and NFC are
   fixed. Just before it, ``â€`` closing an open quotation gets its lost last
   byte back (”), which ftfy would read as a dagger.
3. Residual UTF-8 mojibake (``_residual_utf8``) that ftfy leaves when a line
   mixes good and bad text or the code page is one it does not try (Windows-1251
   words inside Latin text, Thai Windows-874 with a lost last byte: ``โ€``).
   Same evidence rule as step 1.

The whole is repeated until nothing changes (at most a few rounds), so
``repair(repair(x).text).text == repair(x).text``. ``Repaired.edits`` says where
the output differs from the input; everything else is the input, shifted.

Afterwards ``_anomalies`` flags what a reader should know but that we must not
silently change: a run in a script foreign to the document, U+FFFD, residual
mojibake. Offsets index the repaired text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy
import ftfy.bad_codecs

from kfr_extract.models import Anomaly, Fix

# An edit: (start, end) in the input, (start, end) in the output.
Edit = tuple[int, int, int, int]


@dataclass(frozen=True)
class Repaired:
    text: str
    fixes: list[Fix] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    # Where the output differs from the input, as (in_start, in_end, out_start, out_end),
    # sorted and non-overlapping. Text outside these spans is unchanged, only shifted.
    edits: list[Edit] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# ftfy configuration
# --------------------------------------------------------------------------------------

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,  # decided per document below: off when the text is HTML markup
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,  # "ﬁ" -> "fi": helps matching, never changes meaning
    fix_character_width=False,  # "，" is correct in Chinese text: leave widths alone
    uncurl_quotes=False,  # curly quotes mark quotations: keep them
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=True,
)

_HTML_MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")

MAX_ROUNDS = 4

# --------------------------------------------------------------------------------------
# Characters and scripts
# --------------------------------------------------------------------------------------

_CJK_GROUP = "CJK"  # Han, kana and friends
_HANGUL = "HANGUL"

_NAME_GROUPS = {
    "CJK": _CJK_GROUP,
    "HIRAGANA": _CJK_GROUP,
    "KATAKANA": _CJK_GROUP,
    "KATAKANA-HIRAGANA": _CJK_GROUP,
    "IDEOGRAPHIC": _CJK_GROUP,
    "KANGXI": _CJK_GROUP,
    "BOPOMOFO": _CJK_GROUP,
    "HANGUL": _HANGUL,
}


@lru_cache(maxsize=65536)
def script_of(ch: str) -> str | None:
    """The script group of a letter ('LATIN', 'CYRILLIC', 'CJK', ...); None for non-letters."""
    if not ch.isalpha() or ch in _SYMBOLIC_LETTERS:
        return None
    if ch.isascii():
        return "LATIN"
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3FFFF:
        return _CJK_GROUP
    if 0xAC00 <= o <= 0xD7AF:
        return _HANGUL
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


# Letters (category L*) that behave like symbols in running text.
_SYMBOLIC_LETTERS = frozenset("ªºµ")


def _is_wordchar(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat[0] == "L":
        return ch not in _SYMBOLIC_LETTERS
    return cat == "Nd" or cat[0] == "M"


def _is_cjk_letter(ch: str) -> bool:
    return script_of(ch) in (_CJK_GROUP, _HANGUL)


def _is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF65 or 0xFE30 <= o <= 0xFE4F


# Typographic punctuation that legacy CJK code pages carry and English text uses.
PUNCT_WEST = frozenset("“”‘’–—…·•")
# Symbols of Latin text that legacy CJK code pages carry as two bytes ("¡ã" is ° in GBK).
_LATIN_SYMBOLS_IN_CJK = frozenset("€°±×÷§№‰′″©®™")

_OPEN_PUNCT = frozenset("“‘«„‚‹¿¡「『（【《〈〔［｛")
_CLOSE_PUNCT = frozenset("”’»›」』）】》〉〕］｝")
_DASHES = frozenset("‐‑‒–—―−")
_OK_ANYWHERE = frozenset("…•·‧・※′″‴\ufffd")
_SUPERSCRIPTS = frozenset("¹²³⁰⁴⁵⁶⁷⁸⁹")
_FRACTIONS = frozenset("½¼¾⅓⅔⅛⅜⅝⅞")
_LEGAL = frozenset("©®™℗℠№")
# Spacing diacritics and odd symbols: never glued to a word in clean text.
_MOJIBAKE_MARKS = frozenset("¨¸´¯¤¦¬˜ˆ˚˝˛˙`")
# Letters that Windows-1252 puts in 0x80-0x9F: real in French (œ) or Czech (š),
# but "ƒ" inside a word is a Shift-JIS/UTF-8 lead byte shown as Windows-1252.
_HOOK_F = "ƒ"

# What follows a UTF-8 lead byte when UTF-8 is shown as Latin-1/Windows-1252:
# continuation bytes 0x80-0xBF. In clean text these symbols do not follow a letter.
_CONT_AFTER_LOWER = frozenset(
    "€‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ¡¢£¤¥¦§¨©ª¬®¯±²³´µ¶¸¹º¼½¾¿"
    + "".join(chr(c) for c in range(0x80, 0xA0))
)
_CONT_AFTER_UPPER = _CONT_AFTER_LOWER | frozenset("«»°·\xa0")
_UTF8_LEAD_UPPER = frozenset("ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß")
_UTF8_LEAD_LOWER = frozenset("àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ")

_LATIN1_SYMBOLS = frozenset(chr(c) for c in range(0xA1, 0xC0) if c != 0xAD) | {"×", "÷"}
_SPANISH_MARKS = frozenset("¡¿«»")
_CLOSE_OK_BEFORE = frozenset(".,;:!?)]}\"'…%") | _CLOSE_PUNCT | _DASHES


def implausible_at(token: str, cjk_context: bool = False) -> int:
    """Index of the first character that makes `token` implausible as clean text, or -1.

    A token is a whitespace-free stretch. The rules describe clean running text in
    any script: a word stays in one alphabet (ASCII acronyms may touch CJK), a Latin
    word of two or more letters has an ASCII letter, symbols sit where symbols go
    (° after a digit, “ before a word, ’ after one), and no control characters.
    """
    if token.isascii():
        return -1
    if "\xa0" in token:  # a no-break space separates words as any space does
        offset = 0
        for part in token.split("\xa0"):
            bad = implausible_at(part, cjk_context)
            if bad >= 0:
                return offset + bad
            offset += len(part) + 1
        return -1
    n = len(token)
    i = 0
    while i < n:
        ch = token[i]
        if _is_wordchar(ch):
            j = i + 1
            while j < n and _is_wordchar(token[j]):
                j += 1
            bad = _segment_bad(token, i, j, cjk_context)
            if bad >= 0:
                return bad
            i = j
            continue
        if not _symbol_ok(token, i, n):
            return i
        i += 1
    return -1


def is_plausible(token: str, cjk_context: bool = False) -> bool:
    return implausible_at(token, cjk_context) < 0


def _segment_bad(token: str, start: int, end: int, cjk_context: bool) -> int:
    """Check one run of letters and digits; return the offending index or -1."""
    scripts: dict[str, int] = {}
    letters = 0
    ascii_letters = 0
    for k in range(start, end):
        s = script_of(token[k])
        if s is None:
            continue
        letters += 1
        if token[k].isascii():
            ascii_letters += 1
        scripts.setdefault(s, k)
    if not scripts:
        return -1
    cjk = {_CJK_GROUP, _HANGUL} & scripts.keys()
    alphabetic = [s for s in scripts if s not in (_CJK_GROUP, _HANGUL)]
    if len(alphabetic) > 1:
        return max(scripts[s] for s in alphabetic)
    if alphabetic and cjk:
        # ASCII acronyms inside Chinese or Japanese text ("UN安理会") are normal in a CJK
        # document; elsewhere a CJK character glued to letters is not.
        latin_ascii = alphabetic == ["LATIN"] and all(
            token[k].isascii() for k in range(start, end) if script_of(token[k]) == "LATIN"
        )
        if not (latin_ascii and cjk_context):
            return min(scripts[s] for s in cjk)
        return -1
    if not alphabetic:
        return -1
    script = alphabetic[0]
    if script == "LATIN":
        nonascii = [k for k in range(start, end) if script_of(token[k]) and not token[k].isascii()]
        if not nonascii:
            return -1
        if (
            letters > 1
            and ascii_letters == 0
            and all(ord(token[k]) <= 0xFF for k in nonascii)
            and not all(token[k].islower() for k in nonascii)
        ):
            return nonascii[0]  # "ÖÐ", "Äã": GBK bytes, not a word
        if end - start == 1 and start > 0 and end < len(token):
            before, after = token[start - 1], token[end]
            quotes = _OPEN_PUNCT | _CLOSE_PUNCT
            if (
                not before.isascii()
                and not after.isascii()
                and not (before in quotes and after in quotes)
            ):
                return start  # "“ú–{": a lone letter between symbols is a byte, not a word
        for k in nonascii:
            ch = token[k]
            if ch == _HOOK_F:
                return k
            if ch == "Ÿ" and not (k > start and token[k - 1].isascii() and token[k - 1].isupper()):
                return k
            if ch.isupper() and k > start + 1 and token[k - 1].islower():
                return k  # "tÃ": but Irish "hÉireann", "tÍr" mutate with one letter
        return -1
    # Bicameral alphabets: an uppercase letter right after a lowercase one is mojibake
    # ("вЂњ", "РџСЂ"), not spelling.
    for k in range(start + 1, end):
        if (
            token[k].isupper()
            and token[k - 1].islower()
            and script_of(token[k]) == script
            and token[k] not in "\u04c0\u0406"  # palochka, written as a capital anywhere
        ):
            return k
    return -1


def _symbol_ok(token: str, i: int, n: int) -> bool:
    ch = token[i]
    if ch.isascii():
        return True
    prev = token[i - 1] if i > 0 else ""
    nxt = token[i + 1] if i + 1 < n else ""
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Co", "Cn", "Cs"):
        return False
    if ch == "\xad":  # soft hyphen: inside a word only
        return bool(prev) and prev.isalpha() and bool(nxt) and nxt.isalpha()
    if cat == "Cf" or cat == "Zs":
        return True
    wp = bool(prev) and _is_wordchar(prev)
    wn = bool(nxt) and _is_wordchar(nxt)
    # A UTF-8 lead letter followed by a continuation symbol: "Ã©", "â€", "Â£".
    if nxt and (
        (ch in _UTF8_LEAD_UPPER and nxt in _CONT_AFTER_UPPER)
        or (ch in _UTF8_LEAD_LOWER and nxt in _CONT_AFTER_LOWER)
    ):
        return False
    if prev and (
        (prev in _UTF8_LEAD_UPPER and ch in _CONT_AFTER_UPPER)
        or (prev in _UTF8_LEAD_LOWER and ch in _CONT_AFTER_LOWER)
        or (prev in "ÃÂ" and ch in _CP1252_ONLY)  # "Ã…land", "Ã‰": the commonest leads
    ):
        return False
    if ch in _LATIN1_SYMBOLS and (
        (prev in _LATIN1_SYMBOLS and not (prev in _SPANISH_MARKS and ch in _SPANISH_MARKS))
        or (nxt in _LATIN1_SYMBOLS and not (ch in _SPANISH_MARKS and nxt in _SPANISH_MARKS))
    ):
        return False  # "¢°", "¡°", "³Ô¹Ï": Latin-1 symbols do not come in clusters
    if ch in _MOJIBAKE_MARKS:
        return n == 1
    if ch in "«»‹›" and ((not prev and wn) or (wp and not nxt)):
        return True  # German and Danish write »so« as well as «so»
    if ch == "‘" and wp and wn:
        return True  # ‘ayn in transliteration: "Sa‘ūd"
    if ch in _OPEN_PUNCT:
        if ch in "¡¿" and nxt.isascii() and nxt.isalpha() and i + 2 == n:
            return False  # "¡V", "word¡K": Big5 punctuation, not Spanish
        if ch in "“‘" and wp and (not nxt or (nxt.isascii() and not nxt.isalnum())):
            return True  # German and Czech close quotations with “ and ‘
        if wp and not _is_cjk_letter(prev):
            return False
        if prev and not wp and not (
            prev in _OPEN_PUNCT or prev in "([{\"'/-" or prev in _DASHES or _is_cjk_punct(prev)
        ):
            return False
        if not nxt:
            return True
        if wn or nxt in _OPEN_PUNCT or nxt in "\"'([…" or nxt in _DASHES:
            return True
        if ch in "¡¿":
            return nxt.isascii() and not nxt.isspace()
        # “½ cup”, “£5”, “#1”: a quotation may open on a number or a sign
        return nxt.isascii() or nxt in _FRACTIONS or unicodedata.category(nxt) == "Sc"
    if ch in _CLOSE_PUNCT:
        if not prev:
            return ch == "’" or not nxt or not wn
        if not (wp or prev in _CLOSE_OK_BEFORE or prev in _OPEN_PUNCT or _is_cjk_punct(prev)):
            return False
        return not (wn and ch != "’" and not _is_cjk_letter(nxt))
    if ch in "§¶":
        return not (prev and not prev.isascii()) and (not nxt or nxt.isdigit() or nxt in " .(")
    if ch in "‰‱":
        return (bool(prev) and prev.isdigit()) or n == 1
    if ch in "†‡":
        return not wn and not (prev and not prev.isascii() and not _is_wordchar(prev))
    if ch == "•" and prev and not prev.isascii() and not prev.isspace():
        return False
    if ch == "·":  # middle dot: between letters ("l·l") or on its own
        return (not prev or prev.isalpha()) and (not nxt or nxt.isalpha())
    if ch in _DASHES or ch in _OK_ANYWHERE:
        return True
    if ch in "°ºª":
        if prev and prev.isdigit():
            return not (nxt and nxt.isalpha()) or (
                ch == "°" and nxt in "CFK" and (i + 2 >= n or not _is_wordchar(token[i + 2]))
            )
        if ch in "ºª" and prev in ("N", "n"):
            return True
        if ch == "°" and not wp:
            rest = token[i + 1 :]
            return not rest or (rest[0].isascii() and not rest[0].isalnum()) or (
                rest[0] in "CFKcfk" and (len(rest) == 1 or not _is_wordchar(rest[1]))
            )
        return not prev and not nxt
    if ch in _SUPERSCRIPTS:
        return bool(prev) and (prev.isalnum() or prev in ")]’”.,") and not (nxt and nxt.isalpha())
    if ch in _FRACTIONS:
        return not (prev and prev.isalpha()) and not (nxt and nxt.isalpha())
    if cat == "Sc":
        # "5€", "€5", "(€)"; a currency sign glued to a letter is a UTF-8 lead byte's
        # neighbour ("â€", "โ€œ").
        if prev and prev.isalpha():
            return False
        return not nxt or nxt.isdigit() or (nxt.isascii() and not nxt.isalpha())
    if ch in _LEGAL:
        if ch in "™®℠":
            return not wn
        return not (wp and wn)
    if cat == "Sk":
        return n == 1
    if cat == "Sm":
        return not (prev and prev.isalpha()) and not (nxt and nxt.isalpha())
    if cat == "So":
        if 0x2500 <= ord(ch) <= 0x259F:  # box drawing next to a word: cp437 mojibake
            return not wp and not wn
        return True
    return True


# Tokens: stretches between whitespace. A no-break space (0xA0) or a C1 "next line"
# (0x85) does not end a token: as bytes they are part of legacy double-byte characters
# ("あ" is 82 A0 and "桁" 8C 85 in Shift-JIS).
_TOKEN_RE = re.compile("[^ \t\n\r\x0b\x0c\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def has_cjk_context(text: str) -> bool:
    """True when CJK (or Hangul) letters make up a large share of the letters of `text`."""
    counts = _script_counts(text)
    total = sum(counts.values())
    if not total:
        return False
    return (counts.get(_CJK_GROUP, 0) + counts.get(_HANGUL, 0)) / total >= 0.3


_ASCII_LETTERS_RE = re.compile("[A-Za-z]+")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


@lru_cache(maxsize=8)
def _script_counts(text: str) -> dict[str, int]:
    """Letters per script group. (Cached: a step asks several times about one text.)"""
    counts: dict[str, int] = {}
    latin = sum(len(w) for w in _ASCII_LETTERS_RE.findall(text))
    if latin:
        counts["LATIN"] = latin
    for ch in _NON_ASCII_RE.findall(text):
        s = script_of(ch)
        if s is not None:
            counts[s] = counts.get(s, 0) + 1
    return counts


# --------------------------------------------------------------------------------------
# Bytes as shown: Latin-1 / Windows-1252 (and other single-byte code pages)
# --------------------------------------------------------------------------------------


def _display_map(codec: str) -> dict[str, int]:
    """Character -> byte for text that is `codec` bytes shown as characters.

    "Sloppy" like a browser: bytes the code page leaves undefined in 0x80-0x9F may show
    as their Windows-1252 character or as the C1 control of the same number.
    """
    chars: dict[str, int] = {}
    defined: set[int] = set()
    for b in range(256):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1:
            chars.setdefault(ch, b)
            defined.add(b)
    for b in range(0x80, 0xA0):
        if b in defined and codec not in ("cp1252", "latin-1"):
            continue
        for ch in (bytes([b]).decode("cp1252", errors="ignore"), chr(b)):
            if ch:
                chars.setdefault(ch, b)
    return chars


# Latin-1 and Windows-1252 together: "€" and "\x80" are both byte 0x80.
_LATIN_MAP = _display_map("cp1252")
_LATIN_MAP.update({chr(b): b for b in range(256) if chr(b) not in _LATIN_MAP})
_CP1252_ONLY = frozenset(ch for ch in _LATIN_MAP if ord(ch) > 0xFF)
_HIGH_LATIN = frozenset(ch for ch, b in _LATIN_MAP.items() if b >= 0x80)

# Code pages the residual step tries. Latin-1/Windows-1252 are not among them: ftfy
# handles those (its decode_inconsistent_utf8 covers mixed lines) and what it declines
# there it declines on purpose ("DrÃ¥ber", "AHÅ™").
_DISPLAY_CODECS: dict[str, dict[str, int]] = {}
for _codec, _label in (
    ("cp1251", "cp1251"),
    ("mac_roman", "macroman"),
    ("cp1250", "cp1250"),
    ("cp437", "cp437"),
    ("cp874", "cp874"),
    ("cp1253", "cp1253"),
    ("cp1254", "cp1254"),
    ("cp1257", "cp1257"),
    ("iso8859_2", "iso8859_2"),
    ("cp1255", "cp1255"),
    ("cp1256", "cp1256"),
):
    _DISPLAY_CODECS[_label] = _display_map(_codec)

_DISPLAY_NAMES = {
    "latin1": "Latin-1",
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp874": "Windows-874 (Thai)",
    "cp437": "code page 437",
    "cp850": "code page 850",
    "macroman": "Mac Roman",
    "iso8859_2": "ISO-8859-2",
}


def _latin_label(chars: Iterable[str]) -> str:
    return "cp1252" if any(ch in _CP1252_ONLY for ch in chars) else "latin1"


# --------------------------------------------------------------------------------------
# Step 1: legacy CJK encodings shown as Latin-1 / Windows-1252
# --------------------------------------------------------------------------------------

# name -> codecs to decode a byte pair with (the first that succeeds wins)
_LEGACY_CODECS: dict[str, tuple[str, ...]] = {
    "gbk": ("gbk",),
    "big5": ("big5", "cp950"),
    "shift_jis": ("shift_jis", "cp932"),
    "euc_kr": ("euc_kr", "cp949"),
}
_LEGACY_NAMES = {"gbk": "GBK", "big5": "Big5", "shift_jis": "Shift-JIS", "euc_kr": "EUC-KR"}
_PAIR_CACHE: dict[tuple[str, int, int], str | None] = {}


def _pair(enc: str, a: int, b: int) -> str | None:
    """The one character that bytes (a, b) stand for in `enc`, or None."""
    key = (enc, a, b)
    if key in _PAIR_CACHE:
        return _PAIR_CACHE[key]
    out = None
    if a >= 0x81 and b >= 0x40 and b != 0x7F:
        for codec in _LEGACY_CODECS[enc]:
            try:
                ch = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out = ch
                break
    _PAIR_CACHE[key] = out
    return out


def _cjk_class(enc: str, ch: str, a: int, b: int) -> str:
    """'punct', 'symbol', 'latin', 'alpha', 'common', 'rare', 'cjkpunct' or 'bad'."""
    if ch in PUNCT_WEST:
        return "punct"
    if ch in _LATIN_SYMBOLS_IN_CJK:
        return "symbol"
    cat = unicodedata.category(ch)
    if cat in ("Co", "Cn", "Cc", "Cs") or 0xFF61 <= ord(ch) <= 0xFF9F:
        return "bad"
    letter = _is_cjk_letter(ch)
    if enc == "gbk":
        if a == 0xA8 and 0xA1 <= b <= 0xC0 and script_of(ch) == "LATIN":
            return "latin"  # pinyin letters with tone marks: "¨®" is ó
        if 0xB0 <= a <= 0xD7 and b >= 0xA1:
            return "common"  # GB2312 level 1
        if 0xD8 <= a <= 0xF7 and b >= 0xA1:
            return "rare"
        if 0xA1 <= a <= 0xA3 and b >= 0xA1:
            return "cjkpunct"
    elif enc == "big5":
        if (0xA4, 0x40) <= (a, b) <= (0xC6, 0x7E):
            return "common"  # frequently used characters
        if 0xC9 <= a <= 0xF9:
            return "rare"
        if 0xA1 <= a <= 0xA3:
            return "cjkpunct"
    elif enc == "shift_jis":
        if (a == 0x82 and b >= 0x9F) or (a == 0x83 and b <= 0x96):
            return "common"  # kana
        if (0x88, 0x9F) <= (a, b) <= (0x98, 0x72):
            return "common"  # JIS level 1 kanji
        if (0x98, 0x9F) <= (a, b) <= (0xEA, 0xA4):
            return "rare"
        if a == 0x81 or (a == 0x82 and b < 0x9F):
            return "cjkpunct"
    elif enc == "euc_kr":
        if 0xB0 <= a <= 0xC8 and b >= 0xA1:
            return "common"  # KS X 1001 Hangul syllables
        if 0xCA <= a <= 0xFD and b >= 0xA1:
            return "rare"  # Hanja
        if 0xA1 <= a <= 0xA3 and b >= 0xA1:
            return "cjkpunct"
    if script_of(ch) in ("GREEK", "CYRILLIC"):
        return "alpha"  # rows of Greek and Cyrillic letters: a word in those alphabets
    return "rare" if letter else "bad"


@dataclass
class _Candidate:
    start: int  # token offsets in the text
    end: int
    runs: list[tuple[int, int, str]]  # (start, end, replacement) in text offsets
    classes: list[str]
    new_token: str
    implausible: bool  # the token as written is not clean text
    strong: bool  # evidence on its own
    chars: str  # the characters decoded


@lru_cache(maxsize=4)
def _high_tokens(text: str) -> list[tuple[re.Match[str], list[int | None]]]:
    """Tokens holding a Latin-1/Windows-1252 high character, with their bytes."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        if token.isascii():
            continue
        bs = [_LATIN_MAP.get(ch) for ch in token]
        if any(b is not None and b >= 0x80 for b in bs):
            out.append((m, bs))
    return out


def _legacy_candidates(
    text: str, enc: str, cjk_context: bool, utf8_guard: str = "all"
) -> list[_Candidate]:
    """Tokens that decode in `enc`, entirely, into characters that read as clean text.

    `utf8_guard`: "all" leaves alone every token whose bytes read well as UTF-8;
    "strong" only those with three-byte or doubly encoded UTF-8 (for documents where
    `enc` has evidence and UTF-8 mojibake has none: "Ã¡" is 谩 there, not á)."""
    cands = []
    for m, bs in _high_tokens(text):
        token = m.group()
        pairs: list[tuple[int, int, str, str]] = []
        leftover = False
        i, n = 0, len(token)
        while i < n:
            a = bs[i]
            inside_run = bool(pairs) and pairs[-1][1] == i
            if a is not None and a >= 0x80 and (token[i] != "\xa0" or inside_run):
                b = bs[i + 1] if i + 1 < n else None
                ch = _pair(enc, a, b) if b is not None else None
                if ch is not None:
                    pairs.append((i, i + 2, ch, _cjk_class(enc, ch, a, b)))  # type: ignore[arg-type]
                    i += 2
                    continue
                leftover = True
            i += 1
        if not pairs or leftover:
            continue
        classes = [p[3] for p in pairs]
        if "bad" in classes:
            continue
        # Bytes that read well as UTF-8 are UTF-8 mojibake: ftfy's business, not ours.
        stretches, utf8_strong = _utf8_stretches(token, bs, cjk_context)
        if (utf8_guard == "all" or utf8_strong) and any(
            s < e2 and s2 < e for (s, e) in stretches for (s2, e2, _, _) in pairs
        ):
            continue
        runs: list[tuple[int, int, str]] = []
        for s, e, ch, _ in pairs:
            if runs and runs[-1][1] == m.start() + s:
                rs, _re, rt = runs[-1]
                runs[-1] = (rs, m.start() + e, rt + ch)
            else:
                runs.append((m.start() + s, m.start() + e, ch))
        new_token = _apply_runs(token, [(s - m.start(), e - m.start(), r) for s, e, r in runs])
        if not is_plausible(new_token, cjk_context) or _utf8_in_other_code_page(token):
            continue
        implausible = not is_plausible(token, cjk_context)
        common = classes.count("common")
        rare = classes.count("rare")
        chars = "".join(token[s:e] for s, e, _, _ in pairs)
        alpha = classes.count("alpha")
        strong = implausible and (
            (("punct" in classes or "symbol" in classes or "latin" in classes or common >= 2)
            and rare <= common)
            or (alpha >= 2 and alpha == len(classes))
        )
        if enc == "shift_jis" and not any(0x80 <= ord(ch) <= 0x9F for ch in chars):
            # Shift-JIS lead bytes are Windows-1252's quotes and dashes: only a C1 control
            # (its punctuation row starts with 0x81, which Windows-1252 leaves undefined)
            # is evidence on its own.
            strong = False
        cands.append(
            _Candidate(m.start(), m.end(), runs, classes, new_token, implausible, strong, chars)
        )
    return cands


def _utf8_in_other_code_page(token: str) -> bool:
    """Does `token` hold UTF-8 three-byte sequences when read as Mac Roman, Windows-1251
    or another code page ftfy knows ("ÂêÉÁìú" is 吃瓜 in UTF-8 shown as Mac Roman)?"""
    for cmap in _DISPLAY_CODECS.values():
        bs = [cmap.get(ch) for ch in token]
        if None in bs:
            continue  # every character must be a byte of that code page
        seqs, _ = _utf8_sequences(bs)
        long_seqs = [ch for s, e, ch in seqs if e - s > 2]
        if (len(long_seqs) >= 2 or (long_seqs and long_seqs[0] in PUNCT_WEST)) and all(
            _utf8_char_ok(ch) or (e - s > 2 and _multibyte_ok(ch)) for s, e, ch in seqs
        ):
            high = sum(1 for b in bs if b is not None and b >= 0x80)
            scripts = {script_of(ch) for _, _, ch in seqs} - {None}
            if (
                sum(e - s for s, e, _ in seqs) == high
                and len(scripts) <= 1
                and is_plausible(_apply_runs(token, seqs), True)
            ):
                return True
    return False


def _accept_with_context(c: _Candidate) -> bool:
    """With strong evidence elsewhere in the document, what else do we decode? Tokens
    that are implausible as written, and tokens that decode entirely into common CJK
    characters (Shift-JIS shown as Windows-1252 often looks like punctuation: "“ú–{")."""
    if c.implausible:
        return True
    return "common" in c.classes and all(
        k in ("common", "cjkpunct", "punct", "symbol") for k in c.classes
    )


@lru_cache(maxsize=1)
def _frequent() -> dict[str, frozenset[str]]:
    """Frequent hanzi and hangul (pipelines/lexicons/repair_common_*.txt)."""
    out = {}
    for name in ("hanzi", "hangul"):
        chars: set[str] = set()
        try:
            from kfr_extract.paths import lexicon_dir

            path = lexicon_dir() / f"repair_common_{name}.txt"
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    chars.update(ch for ch in line.strip() if not ch.isspace())
        except (OSError, FileNotFoundError):
            pass
        out[name] = frozenset(chars)
    return out


def _korean_not_chinese(gbk: Sequence[_Candidate], euc_kr: Sequence[_Candidate]) -> bool:
    """GBK and EUC-KR read most of each other's bytes: Hangul syllables (EUC-KR B0A1-C8FE)
    are GB2312 hanzi. Korean wins only on plain evidence: ten distinct characters or more,
    all from the rows Hangul occupies, and clearly more of them frequent as Hangul than
    as hanzi."""
    pairs = [(s, e) for c in euc_kr for s, e, _ in c.runs]
    decoded_k = {ch for c in euc_kr for _, _, r in c.runs for ch in r if _is_cjk_letter(ch)}
    decoded_c = {ch for c in gbk for _, _, r in c.runs for ch in r if _is_cjk_letter(ch)}
    if len(decoded_k) < 10 or not pairs:
        return False
    leads = {ch.encode("gbk")[0] for ch in decoded_c}
    if any(not 0xB0 <= lead <= 0xC8 for lead in leads) or len(leads) < 5:
        return False
    frequent = _frequent()
    ratio_k = len(decoded_k & frequent["hangul"]) / len(decoded_k)
    ratio_c = len(decoded_c & frequent["hanzi"]) / max(1, len(decoded_c))
    return ratio_k >= ratio_c + 0.3


def _quality(cands: Sequence[_Candidate]) -> int:
    """How well an encoding reads the document's candidates: characters of the kinds
    clean text is made of, minus the unusual ones."""
    good = sum(
        k in ("punct", "symbol", "latin", "alpha", "common") for c in cands for k in c.classes
    )
    odd = sum(k in ("rare", "cjkpunct") for c in cands for k in c.classes)
    return good - odd


def _apply_runs(s: str, runs: Sequence[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for a, b, r in runs:
        out.append(s[pos:a])
        out.append(r)
        pos = b
    out.append(s[pos:])
    return "".join(out)


def _legacy_cjk(text: str) -> tuple[str, list[Edit], list[Fix]]:
    if text.isascii() or not any(ch in _LATIN_MAP and ord(ch) >= 0x80 for ch in text):
        return text, [], []
    context = has_cjk_context(text)
    # In a document that is CJK as written, tokens that read as clean text stay as they
    # are ("——" is not Shift-JIS there, whatever else is).
    allow_weak = not context
    best: tuple[tuple[int, ...], str, list[_Candidate]] | None = None
    scored: dict[str, tuple[tuple[int, ...], list[_Candidate]]] = {}
    order = list(_LEGACY_CODECS)
    for rank, enc in enumerate(order):
        cands = _legacy_candidates(text, enc, context)
        if not cands:
            continue
        if not context:
            # The decoded document may be a CJK one (everything was mojibake).
            decoded_cjk = sum(1 for c in cands for ch in c.new_token if _is_cjk_letter(ch))
            counts = _script_counts(text)
            latin = sum(counts.values()) - sum(
                1 for c in cands for ch in text[c.start : c.end] if script_of(ch)
            )
            if decoded_cjk and decoded_cjk / max(1, decoded_cjk + latin) >= 0.3:
                cands = _legacy_candidates(text, enc, True)
        strong = sum(1 for c in cands if c.strong)
        if not strong:
            continue
        cands = [c for c in cands if c.strong or (allow_weak and _accept_with_context(c))]
        score = (strong, _quality(cands), len(cands), -rank)
        scored[enc] = (score, cands)
        if best is None or score > best[0]:
            best = (score, enc, cands)
    if best is None:
        return text, [], []
    _, enc, cands = best
    if enc == "gbk" and "euc_kr" in scored and _korean_not_chinese(cands, scored["euc_kr"][1]):
        enc, cands = "euc_kr", scored["euc_kr"][1]
    if not _strong_utf8_anywhere(text):
        context = context or (any(
            _is_cjk_letter(ch) for c in cands for ch in c.new_token
        ) and has_cjk_context(_apply_runs(text, sorted(r for c in cands for r in c.runs))))
        relaxed = _legacy_candidates(text, enc, context, utf8_guard="strong")
        cands = [c for c in relaxed if c.strong or (allow_weak and _accept_with_context(c))]
    runs = sorted(r for c in cands for r in c.runs)
    if not runs:
        return text, [], []
    new_text = _apply_runs(text, runs)
    edits = _runs_to_edits(runs)
    label = _latin_label(ch for c in cands for ch in c.chars)
    examples = ", ".join(
        f"{text[s:e]!r} -> {r!r}" for s, e, r in runs[:3]
    )
    fix = Fix(
        kind=f"{enc}_as_{label}",
        detail=f"{_LEGACY_NAMES[enc]} bytes shown as {_DISPLAY_NAMES[label]} decoded back "
        f"(e.g. {examples})",
        count=len(runs),
    )
    return new_text, edits, [fix]


def _strong_utf8_anywhere(text: str) -> bool:
    """Does any token hold UTF-8 mojibake that cannot be chance (three-byte sequences
    such as "â€œ", or UTF-8 encoded twice)?"""
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        if token.isascii():
            continue
        bs = [_LATIN_MAP.get(ch) for ch in token]
        if _utf8_stretches(token, bs, False)[1]:
            return True
    return False


def _runs_to_edits(runs: Sequence[tuple[int, int, str]]) -> list[Edit]:
    edits = []
    delta = 0
    for s, e, r in runs:
        edits.append((s, e, s + delta, s + delta + len(r)))
        delta += len(r) - (e - s)
    return edits


# --------------------------------------------------------------------------------------
# Step 3: residual UTF-8 mojibake, token by token
# --------------------------------------------------------------------------------------


def _utf8_sequences(
    bs: Sequence[int | None],
) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Complete UTF-8 multi-byte sequences in `bs`, and starts of E2 80 pairs whose
    third byte was lost (followed by the end or by a non-continuation byte)."""
    seqs: list[tuple[int, int, str]] = []
    lossy: list[int] = []
    i, n = 0, len(bs)
    while i < n:
        b = bs[i]
        if b is None or not 0xC2 <= b <= 0xF4:
            i += 1
            continue
        need = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
        chunk = bs[i : i + need + 1]
        if len(chunk) == need + 1 and all(c is not None and 0x80 <= c <= 0xBF for c in chunk[1:]):
            try:
                ch = bytes(chunk).decode("utf-8")  # type: ignore[arg-type]
            except UnicodeDecodeError:
                i += 1
                continue
            seqs.append((i, i + need + 1, ch))
            i += need + 1
            continue
        if b == 0xE2 and i + 1 < n and bs[i + 1] == 0x80:
            after = bs[i + 2] if i + 2 < n else None
            if i + 2 == n or after is None or not 0x80 <= after <= 0xBF:
                lossy.append(i)
                i += 2
                continue
        i += 1
    return seqs, lossy


_DECODED_SYMBOLS_2 = frozenset("©®°±·«»¿¡£§¶½¼¾\xa0")


def _utf8_stretches(
    token: str, bs: Sequence[int | None], cjk_context: bool
) -> tuple[list[tuple[int, int]], bool]:
    """Stretches of high bytes in `token` whose UTF-8 reading is a good one: complete
    multi-byte sequences throughout (except perhaps one cut short at the end) giving
    characters clean text uses, in a token that then reads as clean text."""
    found: list[tuple[int, int, str]] = []
    strong = False
    i, n = 0, len(bs)
    while i < n:
        if bs[i] is None or bs[i] < 0x80:  # type: ignore[operator]
            i += 1
            continue
        j = i
        while j < n and bs[j] is not None and bs[j] >= 0x80:  # type: ignore[operator]
            j += 1
        if _is_utf8_stretch(bs[i:j]):
            seqs, _ = _utf8_sequences(bs[i:j])
            decoded = "".join(ch for _, _, ch in seqs)
            if any(e - s > 2 for s, e, _ in seqs) and all(
                _utf8_char_ok(ch) or (e - s > 2 and _multibyte_ok(ch)) for s, e, ch in seqs
            ):
                strong = True  # three-byte sequences do not happen by chance
            elif all(ch in _LATIN_MAP for ch in decoded) and _is_utf8_stretch(
                [_LATIN_MAP[ch] for ch in decoded]
            ):
                strong = True  # UTF-8 encoded twice: "Ã©ËœÂ¿" -> "é˜¿" -> "阿"
            if strong or all(_utf8_char_ok(ch) for _, _, ch in seqs):
                found.append((i, j, "".join(ch for _, _, ch in seqs)))
        i = j
    if not found:
        return [], False
    if not strong and not is_plausible(_apply_runs(token, found), cjk_context):
        return [], False
    return [(s, e) for s, e, _ in found], strong


_MULTIBYTE_SYMBOL_BLOCKS = (
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letterlike (™, №)
    (0x2190, 0x21FF),  # arrows
    (0x25A0, 0x27BF),  # shapes, symbols, dingbats
    (0x3000, 0x303F),  # CJK punctuation
    (0xFF00, 0xFFEF),  # fullwidth forms
    (0x1F300, 0x1FAFF),  # emoji
)


def _multibyte_ok(ch: str) -> bool:
    """A character from a three- or four-byte UTF-8 sequence that text would contain:
    a letter or mark of any script, or punctuation and symbols of common blocks (not
    braille, box drawing or enclosed letters)."""
    cat = unicodedata.category(ch)
    if cat in ("Cn", "Co", "Cs", "Cc"):
        return False
    if cat[0] in "LMNP":
        return True
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _MULTIBYTE_SYMBOL_BLOCKS)


def _utf8_char_ok(ch: str) -> bool:
    """A character from a two-byte UTF-8 sequence that clean text would contain."""
    if unicodedata.category(ch) == "Mn":
        return True
    script = script_of(ch)
    if script is None:
        return ch in _DECODED_SYMBOLS_2
    if script == "LATIN":
        return _decoded_ok(ch, 2, {"LATIN"})
    return script in ("GREEK", "CYRILLIC", "HEBREW", "ARABIC", "ARMENIAN")


def _is_utf8_stretch(bs: Sequence[int | None]) -> bool:
    k, n, complete = 0, len(bs), 0
    while k < n:
        b = bs[k]
        if b is None or not 0xC2 <= b <= 0xF4:
            return False
        need = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
        conts = bs[k + 1 : k + 1 + need]
        if not all(c is not None and 0x80 <= c <= 0xBF for c in conts):
            return False
        if len(conts) < need:
            return complete > 0  # cut short at the end
        complete += 1
        k += need + 1
    return complete > 0


def _decoded_ok(ch: str, nbytes: int, allowed_scripts: set[str]) -> bool:
    """Is `ch`, decoded from an `nbytes`-long UTF-8 sequence, a character clean text uses?"""
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Co", "Cn", "Cs"):
        return False
    s = script_of(ch)
    if nbytes == 2:
        if s == "LATIN":
            o = ord(ch)
            return (0xC0 <= o <= 0x24F and ch not in "×÷ſ") or 0x1E00 <= o <= 0x1EFF
        if s is not None:
            return s in allowed_scripts
        return ch in _DECODED_SYMBOLS_2
    o = ord(ch)
    if 0x2010 <= o <= 0x205E or 0x20A0 <= o <= 0x20BF or 0x2100 <= o <= 0x214F:
        return True
    return s is not None and (s in allowed_scripts or s in (_CJK_GROUP, _HANGUL))


def _residual_utf8(
    text: str, dominant: str | None, evidence: frozenset[str] = frozenset()
) -> tuple[str, list[Edit], list[Fix]]:
    """UTF-8 bytes shown in a code page ftfy does not try on mixed lines, token by token;
    and closing quotation marks whose last UTF-8 byte was lost (``â€``, ``โ€``).

    A token is repaired when it is implausible as written and plausible once decoded;
    or when every non-ASCII character in it is a byte of a complete UTF-8 sequence and
    either there are three sequences or more in another script ("ШЈЩЃШєШ§Щ†" is Arabic),
    or the document already shows that code page's UTF-8 mojibake (`evidence`: found by
    ftfy, or here): then "Ã…land", "Г\xa0" (à), "ЩЎЩҐ" (١٥) are repaired too."""
    if text.isascii():
        return text, [], []
    context = has_cjk_context(text)
    per_kind: dict[str, list[tuple[int, int, str]]] = {}
    lost: list[tuple[int, int, str]] = []
    deferred: list[tuple[str, list[tuple[int, int, str]]]] = []
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        if token.isascii():
            continue
        offset = m.start()
        direct = None
        if not is_plausible(token, context):
            direct = _direct_utf8(text, offset, token, dominant, context)
        if direct is not None:
            label, seqs, lossy_runs = direct
            per_kind.setdefault(label, []).extend((offset + s, offset + e, r) for s, e, r in seqs)
            lost.extend((offset + s, offset + e, r) for s, e, r in lossy_runs)
            continue
        full = _full_utf8(token, context)
        if full is None:
            continue
        label, seqs, sure = full
        if label == "cp1252" and is_plausible(token, context) and not all(
            e - s == 2 and _decoded_ok(ch, 2, {"LATIN"}) for s, e, ch in seqs
        ):
            continue  # after ftfy, "café”’s" is clean text even if "é”’" reads as UTF-8
        runs = [(offset + s, offset + e, r) for s, e, r in seqs]
        if sure:
            per_kind.setdefault(label, []).extend(runs)
        else:
            deferred.append((label, runs))
    evidence = evidence | {label for label, runs in per_kind.items() if runs}
    for label, runs in deferred:
        if label in evidence:
            per_kind.setdefault(label, []).extend(runs)
    all_runs = sorted([r for runs in per_kind.values() for r in runs] + lost)
    if not all_runs:
        return text, [], []
    new_text = _apply_runs(text, all_runs)
    fixes = []
    for label, runs in per_kind.items():
        if not runs:
            continue
        shown = label
        if label == "cp1252":
            shown = _latin_label(ch for s, e, _ in runs for ch in text[s:e])
        examples = ", ".join(f"{text[s:e]!r} -> {r!r}" for s, e, r in runs[:3])
        fixes.append(Fix(
            kind=f"utf8_as_{shown}",
            detail=f"UTF-8 bytes shown as {_DISPLAY_NAMES[shown]} decoded back (e.g. {examples})",
            count=len(runs),
        ))
    if lost:
        examples = ", ".join(f"{text[s:e]!r} -> {r!r}" for s, e, r in lost[:3])
        fixes.append(Fix(
            kind="utf8_lost_byte",
            detail="closing quotation marks whose last UTF-8 byte was lost restored "
            f"(e.g. {examples})",
            count=len(lost),
        ))
    return new_text, _runs_to_edits(all_runs), fixes


def _direct_utf8(
    text: str, offset: int, token: str, dominant: str | None, context: bool
) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]] | None:
    """An implausible token that reads as clean text once its UTF-8 sequences in some
    code page are decoded: (code page, sequences, restored closing quotes)."""
    allowed = {"LATIN"} | ({dominant} if dominant else set())
    # UTF-8 shown as Windows-1252 is ftfy's call, and it declined: only a lost last
    # byte ("â€" for ”) is ours to restore then.
    latin_bs = [_LATIN_MAP.get(ch) for ch in token]
    ftfys = None not in latin_bs and bool(_utf8_sequences(latin_bs)[0])
    codecs_ = {"cp1252": _LATIN_MAP} if ftfys else _DISPLAY_CODECS
    for label, cmap in codecs_.items():
        bs = latin_bs if ftfys else [cmap.get(ch) for ch in token]
        seqs, lossy = _utf8_sequences(bs)
        if ftfys:
            seqs = []
        if not seqs and not lossy:
            continue
        # Letters the sequences leave alone may lend their script to decoded ones.
        inside = {k for s, e, _ in seqs for k in range(s, e)}
        others = {script_of(token[k]) for k in range(len(token)) if k not in inside}
        allowed_here = allowed | (others - {None})  # type: ignore[operator]
        if not all(_decoded_ok(ch, e - s, allowed_here) for s, e, ch in seqs):
            continue
        lossy_runs = []
        for s in lossy:
            nxt = token[s + 2] if s + 2 < len(token) else ""
            if nxt and (_is_wordchar(nxt) or nxt in _OPEN_PUNCT):
                continue  # only a closing quotation mark can be restored with confidence
            if not _lossy_context_ok(text, offset + s):
                continue
            lossy_runs.append((s, s + 2, "”"))
        runs = sorted(seqs + lossy_runs)
        if not runs:
            continue
        new_token = _apply_runs(token, runs)
        if not is_plausible(new_token, context):
            continue
        if any(e - s == 2 and script_of(ch) for s, e, ch in seqs) and not any(
            c.isascii() and c.isalpha() for c in new_token
        ):
            continue  # a lone decoded letter ("√π" -> "ù") is no evidence on its own
        return label, seqs, lossy_runs
    return None


def _sure_utf8(text: str) -> tuple[str, list[Edit], list[Fix]]:
    """Before ftfy: tokens that are UTF-8 shown in a code page other than Windows-1252
    through and through (three sequences or more, another script once decoded, e.g.
    Cyrillic shown as Mac Roman: "–ë–µ–Ω–∏–Ω"). ftfy would otherwise pick at them as
    Windows-1252 and leave them worse."""
    if text.isascii():
        return text, [], []
    context = has_cjk_context(text)
    per_kind: dict[str, list[tuple[int, int, str]]] = {}
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        if token.isascii():
            continue
        latin_bs = [_LATIN_MAP.get(ch) for ch in token]
        if None not in latin_bs:
            seqs, _ = _utf8_sequences(latin_bs)
            if sum(e - s for s, e, _ in seqs) == sum(1 for b in latin_bs if b >= 0x80):  # type: ignore[operator]
                continue  # UTF-8 shown as Windows-1252 through and through: ftfy's
        full = _full_utf8(token, context, latin=False)
        if full is None or not full[2]:
            continue
        label, seqs, _ = full
        per_kind.setdefault(label, []).extend((m.start() + s, m.start() + e, r) for s, e, r in seqs)
    runs = sorted(r for rs in per_kind.values() for r in rs)
    if not runs:
        return text, [], []
    fixes = [
        Fix(
            kind=f"utf8_as_{label}",
            detail=f"UTF-8 bytes shown as {_DISPLAY_NAMES[label]} decoded back (e.g. "
            + ", ".join(f"{text[s:e]!r} -> {r!r}" for s, e, r in rs[:3]) + ")",
            count=len(rs),
        )
        for label, rs in per_kind.items()
    ]
    return _apply_runs(text, runs), _runs_to_edits(runs), fixes


def _full_utf8(
    token: str, context: bool, latin: bool = True
) -> tuple[str, list[tuple[int, int, str]], bool] | None:
    """A code page in which every non-ASCII character of `token` is a byte of a complete
    UTF-8 sequence, the decoded token reading as clean text: (code page, sequences, sure),
    sure when three sequences or more give letters of a script the token is not in."""
    if not _TWO_HIGH_RE.search(token):
        return None  # a multi-byte sequence needs two adjacent non-ASCII characters
    tables = {"cp1252": _LATIN_MAP, **_DISPLAY_CODECS} if latin else _DISPLAY_CODECS
    for label, cmap in tables.items():
        bs = [cmap.get(ch) for ch in token]
        if None in bs:
            continue
        seqs, lossy = _utf8_sequences(bs)
        if not seqs or lossy:
            continue
        if sum(e - s for s, e, _ in seqs) != sum(1 for b in bs if b >= 0x80):  # type: ignore[operator]
            continue
        if not all(
            _multibyte_ok(ch) if e - s > 2 else (_utf8_char_ok(ch) or _assigned_letter(ch))
            for s, e, ch in seqs
        ):
            continue
        new_token = _apply_runs(token, seqs)
        if not is_plausible(new_token, context):
            continue
        before = {script_of(ch) for ch in token} - {None}
        after = {script_of(ch) for _, _, ch in seqs} - {None}
        sure = len(seqs) >= 3 and bool(after) and not (after & before)
        return label, seqs, sure
    return None


_TWO_HIGH_RE = re.compile("[^\x00-\x7f]{2}")


def _assigned_letter(ch: str) -> bool:
    """A letter, mark, digit or punctuation mark of a real script ("١", "،", "ئ")."""
    cat = unicodedata.category(ch)
    if cat == "Nd" or (cat[0] == "P" and 0x370 <= ord(ch) <= 0x7FF):
        return True
    return cat[0] in "LM" and script_of(ch) not in (None, "UNKNOWN")


def _lossy_context_ok(text: str, pos: int) -> bool:
    """A lossy 'â€' becomes ” only when an unclosed “ precedes it in its paragraph."""
    para_start = text.rfind("\n\n", 0, pos)
    before = text[para_start + 1 : pos]
    return before.count("“") > before.count("”")


# --------------------------------------------------------------------------------------
# Step 2: ftfy, line by line
# --------------------------------------------------------------------------------------

_FTFY_KINDS = {
    "unescape_html": ("html_entities", "HTML entities replaced by the characters they stand for"),
    "decode_inconsistent_utf8": ("utf8_mixed", "UTF-8 mojibake inside otherwise good text decoded"),
    "fix_c1_controls": (
        "c1_controls", "C1 control characters read as their Windows-1252 characters"
    ),
    "fix_latin_ligatures": ("latin_ligatures", "Latin ligatures such as 'ﬁ' spelled out"),
    "fix_character_width": ("character_width", "fullwidth/halfwidth characters normalized"),
    "uncurl_quotes": ("uncurl_quotes", "curly quotes straightened"),
    "fix_line_breaks": ("line_breaks", "line breaks (CRLF, CR, U+2028 ...) made '\\n'"),
    "fix_surrogates": ("surrogates", "UTF-16 surrogate pairs joined"),
    "remove_terminal_escapes": ("terminal_escapes", "terminal colour escapes removed"),
    "remove_control_chars": ("control_chars", "invisible control characters removed"),
    "NFC": ("unicode_nfc", "Unicode NFC normalization (letters + combining marks joined)"),
    "NFKC": ("unicode_nfkc", "Unicode NFKC normalization"),
}

_ENC_LABELS = {
    "latin-1": "latin1",
    "sloppy-windows-1252": "cp1252",
    "windows-1252": "cp1252",
    "sloppy-windows-1251": "cp1251",
    "sloppy-windows-1250": "cp1250",
    "sloppy-windows-1253": "cp1253",
    "sloppy-windows-1254": "cp1254",
    "sloppy-windows-1257": "cp1257",
    "iso-8859-2": "iso8859_2",
    "macroman": "macroman",
    "cp437": "cp437",
    "utf-8": "utf8",
    "utf-8-variants": "utf8",
}


def _explain_kinds(steps: Sequence[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """ftfy's explanation of one segment -> [(kind, detail)], repeats collapsed."""
    kinds: list[tuple[str, str]] = []
    i = 0
    steps = list(steps or [])
    while i < len(steps):
        action, param = steps[i]
        if action == "encode":
            enc = param
            extra = []
            j = i + 1
            while j < len(steps) and steps[j][0] == "transcode":
                extra.append(steps[j][1])
                j += 1
            dec = steps[j][1] if j < len(steps) and steps[j][0] == "decode" else "?"
            enc_l = _ENC_LABELS.get(enc, enc)
            dec_l = _ENC_LABELS.get(dec, dec)
            detail = (
                f"{'UTF-8' if dec_l == 'utf8' else dec} bytes shown as "
                f"{_DISPLAY_NAMES.get(enc_l, enc)} decoded back (ftfy: encode {enc}, decode {dec})"
            )
            if "restore_byte_a0" in extra:
                detail += ", restoring no-break spaces turned into spaces"
            if "replace_lossy_sequences" in extra:
                detail += ", unrecoverable sequences replaced by U+FFFD"
            kinds.append((f"{dec_l}_as_{enc_l}", detail))
            i = j + 1
            continue
        key = param if action in ("apply", "transcode", "normalize") else f"{action}:{param}"
        kind, detail = _FTFY_KINDS.get(key, (key, f"ftfy: {action} {param}"))
        kinds.append((kind, detail))
        i += 1
    def family(kind: str) -> str:
        # Latin-1 and Windows-1252 are one family: ftfy may peel a double encoding as
        # "encode sloppy-windows-1252" then "encode latin-1".
        return kind.replace("_as_latin1", "_as_cp1252")

    collapsed: list[tuple[str, str]] = []
    k = 0
    while k < len(kinds):
        j = k
        while j + 1 < len(kinds) and family(kinds[j + 1][0]) == family(kinds[k][0]):
            j += 1
        times = j - k + 1
        kind, detail = kinds[k]
        if times > 1 and any(kinds[x][0] != kind for x in range(k, j + 1)):
            kind = family(kind)
            detail = detail.replace(_DISPLAY_NAMES["latin1"], _DISPLAY_NAMES["cp1252"])
        if times > 1:
            kind = f"{kind}_x{times}"
            detail = f"{detail}, {times} times over (multiply encoded)"
        if kind not in (c[0] for c in collapsed):
            collapsed.append((kind, detail))
        k = j + 1
    return collapsed


def _ftfy_lines(text: str, config: ftfy.TextFixerConfig) -> tuple[str, list[Edit], list[Fix]]:
    out: list[str] = []
    edits: list[Edit] = []
    counts: dict[str, list] = {}
    pos = 0
    out_pos = 0
    while pos < len(text):
        brk = text.find("\n", pos) + 1 or len(text)
        if brk - pos > config.max_decode_length:
            brk = pos + config.max_decode_length
        segment = text[pos:brk]
        if segment.isascii() and "&" not in segment and "\r" not in segment and not _has_controls(
            segment
        ):
            fixed, steps = segment, []
        else:
            fixed, steps = ftfy.fix_and_explain(segment, config)
        if fixed != segment:
            for a, b, c, d in _diff(segment, fixed):
                edits.append((pos + a, pos + b, out_pos + c, out_pos + d))
            for kind, detail in _explain_kinds(steps):
                entry = counts.setdefault(kind, [detail, 0])
                entry[1] += 1
        out.append(fixed)
        pos = brk
        out_pos += len(fixed)
    fixes = [Fix(kind=k, detail=d, count=c) for k, (d, c) in counts.items()]
    return "".join(out), edits, fixes


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x1b]")


def _has_controls(s: str) -> bool:
    return bool(_CONTROL_RE.search(s))


def _diff(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Minimal-ish edits turning a into b: common prefix/suffix, then difflib for the middle."""
    p = 0
    m = min(len(a), len(b))
    while p < m and a[p] == b[p]:
        p += 1
    q = 0
    while q < m - p and a[len(a) - 1 - q] == b[len(b) - 1 - q]:
        q += 1
    ea, eb = len(a) - q, len(b) - q
    if ea - p > 2000 or eb - p > 2000:
        return [(p, ea, p, eb)]
    sm = difflib.SequenceMatcher(None, a[p:ea], b[p:eb], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append((p + i1, p + i2, p + j1, p + j2))
    return out


# --------------------------------------------------------------------------------------
# Edit bookkeeping
# --------------------------------------------------------------------------------------


def compose(first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Edits of `second` (applied to the output of `first`) composed with `first`:
    edits from the original text to the final one. Touching edits are merged."""
    if not first:
        return list(second)
    if not second:
        return list(first)
    spans = [(s, e) for s, e, _, _ in first]
    for ys, ye, _, _ in second:
        spans.append((_back(first, ys, left=True), _back(first, ye, left=False)))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    for a, b in merged:
        ya, yb = _fwd(first, a, left=True), _fwd(first, b, left=False)
        out.append((a, b, _fwd(second, ya, left=True), _fwd(second, yb, left=False)))
    return out


def _back(edits: Sequence[Edit], y: int, *, left: bool) -> int:
    """Input position of output position `y`; at or inside an edit's output, its input edge."""
    delta = 0
    for s, e, ns, ne in edits:
        if ns <= y <= ne:
            return s if left else e
        if ne < y:
            delta = e - ne
        else:
            break
    return y + delta


def _fwd(edits: Sequence[Edit], x: int, *, left: bool) -> int:
    """Output position of input position `x` (an edge, never strictly inside an edit)."""
    delta = 0
    for s, e, _ns, ne in edits:
        if e < x or (e == x and (not left or s < x)):
            delta = ne - e
        else:
            break
    return x + delta


def map_position(edits: Sequence[Edit], pos: int) -> int:
    """Where input offset `pos` lands in the output (inside an edit: the edit's output start)."""
    delta = 0
    for s, e, ns, ne in edits:
        if s <= pos < e:
            return ns
        if e <= pos:
            delta = ne - e
        else:
            break
    return pos + delta


# --------------------------------------------------------------------------------------
# Anomalies
# --------------------------------------------------------------------------------------

def dominant_script(text: str) -> str | None:
    counts = _script_counts(text)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _anomalies(text: str, undecodable: Sequence[tuple[int, int]] = ()) -> list[Anomaly]:
    found: list[tuple[int, int, str]] = []
    undec = sorted(undecodable)
    # U+FFFD: bytes we could not decode, or replacement characters already in the text.
    for m in re.finditer("\ufffd+", text):
        s, e = m.span()
        k = s
        while k < e:
            inside = any(a <= k < b for a, b in undec)
            j = k
            while j < e and any(a <= j < b for a, b in undec) == inside:
                j += 1
            found.append((k, j, "undecodable_bytes" if inside else "replacement_char"))
            k = j
    found.extend(_foreign_runs(text))
    found.extend(_residual_runs(text))
    found.sort()
    out = []
    for s, e, kind in found:
        if out and out[-1].kind == kind and s <= out[-1].end_char:
            prev = out.pop()
            s, e = prev.start_char, max(e, prev.end_char)
        out.append(Anomaly(kind=kind, text=text[s:e], start_char=s, end_char=e))  # type: ignore[arg-type]
    return out


def _foreign_runs(text: str) -> list[tuple[int, int, str]]:
    counts = _script_counts(text)
    total = sum(counts.values())
    if not total:
        return []
    dominant = max(counts.items(), key=lambda kv: kv[1])[0]
    foreign = {
        s for s, c in counts.items()
        if s != dominant and c / total < 0.25 and not (
            {s, dominant} <= {_CJK_GROUP, _HANGUL}
        )
    }
    if not foreign:
        return []
    out = []
    i, n = 0, len(text)
    while i < n:
        if script_of(text[i]) in foreign:
            s = i
            e = i + 1
            while e < n and (
                script_of(text[e]) in foreign or unicodedata.category(text[e])[0] == "M"
            ):
                e += 1
            # Extend over letters and digits glued to the run ("51吃瓜").
            while s > 0 and _is_wordchar(text[s - 1]):
                s -= 1
            while e < n and _is_wordchar(text[e]):
                e += 1
            out.append((s, e, "foreign_script"))
            i = e
        else:
            i += 1
    return out


_LOST_CHAR_RE = re.compile(r"(?<=[a-z])\?(?=[a-z])")


def _residual_runs(text: str) -> list[tuple[int, int, str]]:
    """Stretches that still look like mojibake after the repair."""
    context = True  # CJK glued to ASCII is real text, whatever the document
    out = []
    for m in _TOKEN_RE.finditer(text):
        token = m.group()
        if token.isascii():
            if "?" in token and not re.search(r"[/=&:@#]|www|http", token):
                for q in _LOST_CHAR_RE.finditer(token):
                    out.append((m.start() + q.start(), m.start() + q.end(), "residual_mojibake"))
            continue
        bad = implausible_at(token, context)
        if bad < 0:
            continue
        ch = token[bad]
        if ch == "\ufffd":
            continue
        # The stretch of non-ASCII characters around the offending one.
        s = bad
        while s > 0 and not token[s - 1].isascii() and not _is_cjk_letter(token[s - 1]):
            s -= 1
        e = bad + 1
        while e < len(token) and not token[e].isascii() and not _is_cjk_letter(token[e]):
            e += 1
        if ch.isascii() or token[s:e].strip("\ufffd") == "":
            continue
        out.append((m.start() + s, m.start() + e, "residual_mojibake"))
    return out


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def _utf8_layer(text: str) -> bool:
    """Is every stretch of Latin-1/Windows-1252 high characters UTF-8 bytes? Then the text
    is UTF-8 shown as Windows-1252 throughout (perhaps over a legacy CJK layer: "Â¡Â°"):
    ftfy peels that layer first, and the legacy step looks at the result next round."""
    found = False
    for m in re.finditer("[" + re.escape("".join(_HIGH_LATIN)) + "]+", text):
        bs = [_LATIN_MAP[ch] for ch in m.group()]
        if not _is_utf8_stretch(bs):
            return False
        found = True
    return found


_LOST_QUOTE_RE = re.compile("â€(?=[ \t\n.,;:!)\\]]|$)")  # "â€?": ftfy reads "?" as the lost byte


def _lost_closing_quotes(text: str) -> tuple[str, list[Edit], list[Fix]]:
    """``â€`` then a space or the end, after an unclosed “ (or its mojibake ``â€œ``):
    a closing ” whose last byte (0x9D, undefined in Windows-1252) was lost. Done before
    ftfy, which would read the space as a lost no-break space and make a dagger (†)."""
    runs = []
    for m in _LOST_QUOTE_RE.finditer(text):
        para = text.rfind("\n\n", 0, m.start()) + 1
        before = text[para : m.start()]
        opened = before.count("“") + before.count("â€œ")
        closed = before.count("”") + before.count("â€\x9d") + len(_LOST_QUOTE_RE.findall(before))
        if opened > closed:
            runs.append((m.start(), m.end(), "”"))
    if not runs:
        return text, [], []
    examples = ", ".join(f"{text[s:e]!r} -> {r!r}" for s, e, r in runs[:3])
    fix = Fix(
        kind="utf8_lost_byte",
        detail=f"closing quotation marks whose last UTF-8 byte was lost restored (e.g. {examples})",
        count=len(runs),
    )
    return _apply_runs(text, runs), _runs_to_edits(runs), [fix]


def _one_round(text: str) -> tuple[str, list[Edit], list[Fix]]:
    fixes: list[Fix] = []
    if _utf8_layer(text):
        t0, e0, f0 = text, [], []
    else:
        t0, e0, f0 = _legacy_cjk(text)
    fixes += f0
    t_sure, e_sure, f_sure = _sure_utf8(t0)
    fixes += f_sure
    t1, e_lost, f_lost = _lost_closing_quotes(t_sure)
    fixes += f_lost
    e1 = compose(compose(e0, e_sure), e_lost)
    config = FTFY_CONFIG
    if _HTML_MARKUP_RE.search(t1):
        config = config._replace(unescape_html=False)
    t2, e2, f2 = _ftfy_lines(t1, config)
    fixes += f2
    evidence = frozenset(
        "cp1252" if m.group(1) in ("latin1", "cp1252", "mixed") else m.group(1)
        for f in f_sure + f2
        for m in [re.match(r"utf8_(?:as_)?(\w+?)(?:_x\d+)?$", f.kind)]
        if m
    )
    t3, e3, f3 = _residual_utf8(t2, dominant_script(t2), evidence)
    fixes += f3
    edits = compose(compose(e1, e2), e3)
    return t3, edits, fixes


def repair(text: str, undecodable: Sequence[tuple[int, int]] = ()) -> Repaired:
    """Repair mis-encoded `text`; say what changed and what a reader should know.

    `undecodable`: spans of `text` (U+FFFD characters inserted by `decode`) that stand for
    bytes that could not be decoded; they are reported as 'undecodable_bytes' anomalies
    at their place in the repaired text.
    """
    current = text
    edits: list[Edit] = []
    merged: dict[str, list] = {}
    for _ in range(MAX_ROUNDS):
        new, round_edits, round_fixes = _one_round(current)
        if new == current:
            break
        edits = compose(edits, round_edits)
        for fix in round_fixes:
            entry = merged.setdefault(fix.kind, [fix.detail, 0])
            entry[1] += fix.count
        current = new
    fixes = [Fix(kind=k, detail=d, count=c) for k, (d, c) in merged.items()]
    undec_out = []
    for s, e in undecodable:
        undec_out.extend(_map_span(text, current, edits, s, e))
    return Repaired(current, fixes, _anomalies(current, undec_out), edits)


def _map_span(
    src: str, dst: str, edits: Sequence[Edit], s: int, e: int
) -> list[tuple[int, int]]:
    """Where the U+FFFD span [s, e) of `src` is in `dst`."""
    for a, b, na, nb in edits:
        if a <= s < b or a < e <= b:
            # Inside an edit: the replacement characters there.
            return [(k, k + 1) for k in range(na, nb) if dst[k] == "\ufffd"]
    ns = map_position(edits, s)
    return [(ns, ns + (e - s))]
