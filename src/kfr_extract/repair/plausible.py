# ruff: noqa: RUF002, RUF003  (this module is about look-alike characters)
"""Is a token plausible as clean text? The evidence rule every repair step relies on.

A step decodes a token only when it is implausible as written and plausible once decoded,
so these rules describe clean running text in any script and, by contrast, what mojibake
looks like: a word stays in one alphabet (ASCII acronyms may touch CJK), a Latin word of
two or more letters has an ASCII letter, symbols sit where symbols go (° after a digit,
“ before a word, ’ after one), Latin-1 symbols do not come in clusters, a UTF-8 lead
letter is not followed by a continuation symbol ("Ã©", "â€"), and no control characters.

A token is a whitespace-free stretch (``TOKEN_RE``). A no-break space or U+0085 does not
end one: as bytes they are part of legacy double-byte characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .codepages import CP1252_ONLY
from .scripts import CJK_GROUP, HANGUL, is_cjk_letter, is_wordchar, script_of


def _is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF65 or 0xFE30 <= o <= 0xFE4F


# Typographic punctuation that legacy CJK code pages carry and English text uses.
PUNCT_WEST = frozenset("“”‘’–—…·•")

OPEN_PUNCT = frozenset("“‘«„‚‹¿¡「『（【《〈〔［｛")

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

# Tokens: stretches between whitespace. A no-break space (0xA0) or a C1 "next line"
# (0x85) does not end a token: as bytes they are part of legacy double-byte characters
# ("あ" is 82 A0 and "桁" 8C 85 in Shift-JIS).
SEPARATORS = " \t\n\r\x0b\x0c\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
TOKEN_RE = re.compile(f"[^{SEPARATORS}]+")
_HIGH_RE = re.compile(f"[^{SEPARATORS}\\x00-\\x7f]")


def tokens_holding(text: str, char_re: re.Pattern[str]) -> list[re.Match[str]]:
    """The `TOKEN_RE` matches of `text` (in order, as ``TOKEN_RE.finditer`` gives them)
    that hold a character `char_re` matches (one token character at a time).

    The steps look only at tokens with a non-ASCII character, a few in a mostly ASCII
    text: finding those characters and growing each to its token is much cheaper than
    walking every token in Python."""
    out: list[re.Match[str]] = []
    end = 0
    for hit in char_re.finditer(text):
        start = hit.start()
        if start < end:
            continue  # in the token found last
        while start > 0 and TOKEN_RE.match(text, start - 1, start):
            start -= 1
        token = TOKEN_RE.match(text, start)
        assert token is not None  # `char_re` matched a token character at `hit.start()`
        out.append(token)
        end = token.end()
    return out


@lru_cache(maxsize=8)
def high_tokens(text: str) -> tuple[re.Match[str], ...]:
    """The tokens of `text` holding a non-ASCII character (cached: each step of a repair
    round asks about the same text)."""
    return tuple(tokens_holding(text, _HIGH_RE))


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
        if is_wordchar(ch):
            j = i + 1
            while j < n and is_wordchar(token[j]):
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
    cjk = {CJK_GROUP, HANGUL} & scripts.keys()
    alphabetic = [s for s in scripts if s not in (CJK_GROUP, HANGUL)]
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
            quotes = OPEN_PUNCT | _CLOSE_PUNCT
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
    wp = bool(prev) and is_wordchar(prev)
    wn = bool(nxt) and is_wordchar(nxt)
    # A UTF-8 lead letter followed by a continuation symbol: "Ã©", "â€", "Â£".
    if nxt and (
        (ch in _UTF8_LEAD_UPPER and nxt in _CONT_AFTER_UPPER)
        or (ch in _UTF8_LEAD_LOWER and nxt in _CONT_AFTER_LOWER)
    ):
        return False
    if prev and (
        (prev in _UTF8_LEAD_UPPER and ch in _CONT_AFTER_UPPER)
        or (prev in _UTF8_LEAD_LOWER and ch in _CONT_AFTER_LOWER)
        or (prev in "ÃÂ" and ch in CP1252_ONLY)  # "Ã…land", "Ã‰": the commonest leads
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
    if ch in OPEN_PUNCT:
        if ch in "¡¿" and nxt.isascii() and nxt.isalpha() and i + 2 == n:
            return False  # "¡V", "word¡K": Big5 punctuation, not Spanish
        if ch in "“‘" and wp and (not nxt or (nxt.isascii() and not nxt.isalnum())):
            return True  # German and Czech close quotations with “ and ‘
        if wp and not is_cjk_letter(prev):
            return False
        if prev and not wp and not (
            prev in OPEN_PUNCT or prev in "([{\"'/-" or prev in _DASHES or _is_cjk_punct(prev)
        ):
            return False
        if not nxt:
            return True
        if wn or nxt in OPEN_PUNCT or nxt in "\"'([…" or nxt in _DASHES:
            return True
        if ch in "¡¿":
            return nxt.isascii() and not nxt.isspace()
        # “½ cup”, “£5”, “#1”: a quotation may open on a number or a sign
        return nxt.isascii() or nxt in _FRACTIONS or unicodedata.category(nxt) == "Sc"
    if ch in _CLOSE_PUNCT:
        if not prev:
            return ch == "’" or not nxt or not wn
        if not (wp or prev in _CLOSE_OK_BEFORE or prev in OPEN_PUNCT or _is_cjk_punct(prev)):
            return False
        return not (wn and ch != "’" and not is_cjk_letter(nxt))
    if ch in "§¶":
        return not (prev and not prev.isascii()) and (not nxt or nxt.isdigit() or nxt in " .(")
    if ch in "‰‱":
        return (bool(prev) and prev.isdigit()) or n == 1
    if ch in "†‡":
        return not wn and not (prev and not prev.isascii() and not is_wordchar(prev))
    if ch == "•" and prev and not prev.isascii() and not prev.isspace():
        return False
    if ch == "·":  # middle dot: between letters ("l·l") or on its own
        return (not prev or prev.isalpha()) and (not nxt or nxt.isalpha())
    if ch in _DASHES or ch in _OK_ANYWHERE:
        return True
    if ch in "°ºª":
        if prev and prev.isdigit():
            return not (nxt and nxt.isalpha()) or (
                ch == "°" and nxt in "CFK" and (i + 2 >= n or not is_wordchar(token[i + 2]))
            )
        if ch in "ºª" and prev in ("N", "n"):
            return True
        if ch == "°" and not wp:
            rest = token[i + 1 :]
            return not rest or (rest[0].isascii() and not rest[0].isalnum()) or (
                rest[0] in "CFKcfk" and (len(rest) == 1 or not is_wordchar(rest[1]))
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
