# ruff: noqa: RUF002, RUF003  (this module is about look-alike characters)
"""Characters read back as UTF-8 bytes: is a stretch UTF-8 mojibake, and are the decoded
characters ones clean text uses?

Shared by the two kinds of step that must recognise UTF-8 mojibake: the legacy CJK step
leaves alone anything that reads well as UTF-8 (ftfy's business, not its own), and the
UTF-8 steps decide what to decode. Three-byte sequences and UTF-8 encoded twice do not
happen by chance ("strong" evidence); a two-byte sequence can, so its decoded character
must be one text would contain (a Latin letter with a diacritic, Greek, Cyrillic, ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .codepages import DISPLAY_CODECS, HIGH_LATIN, LATIN_MAP
from .edits import apply_runs
from .plausible import PUNCT_WEST, high_tokens, is_plausible
from .scripts import CJK_GROUP, HANGUL, script_of


def utf8_sequences(
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



def covers_high_bytes(seqs: Sequence[tuple[int, int, str]], bs: Sequence[int | None]) -> bool:
    """Do the UTF-8 sequences `seqs` account for every high byte of `bs` (bytes all known)?"""
    return sum(e - s for s, e, _ in seqs) == sum(1 for b in bs if b >= 0x80)  # type: ignore[operator]


_DECODED_SYMBOLS_2 = frozenset("©®°±·«»¿¡£§¶½¼¾\xa0")


def utf8_stretches(
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
        if is_utf8_stretch(bs[i:j]):
            seqs, _ = utf8_sequences(bs[i:j])
            decoded = "".join(ch for _, _, ch in seqs)
            if any(e - s > 2 for s, e, _ in seqs) and all(
                utf8_char_ok(ch) or (e - s > 2 and multibyte_ok(ch)) for s, e, ch in seqs
            ):
                strong = True  # three-byte sequences do not happen by chance
            elif all(ch in LATIN_MAP for ch in decoded) and is_utf8_stretch(
                [LATIN_MAP[ch] for ch in decoded]
            ):
                strong = True  # UTF-8 encoded twice: "Ã©ËœÂ¿" -> "é˜¿" -> "阿"
            if strong or all(utf8_char_ok(ch) for _, _, ch in seqs):
                found.append((i, j, "".join(ch for _, _, ch in seqs)))
        i = j
    if not found:
        return [], False
    if not strong and not is_plausible(apply_runs(token, found), cjk_context):
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


def multibyte_ok(ch: str) -> bool:
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


def utf8_char_ok(ch: str) -> bool:
    """A character from a two-byte UTF-8 sequence that clean text would contain."""
    if unicodedata.category(ch) == "Mn":
        return True
    script = script_of(ch)
    if script is None:
        return ch in _DECODED_SYMBOLS_2
    if script == "LATIN":
        return decoded_ok(ch, 2, {"LATIN"})
    return script in ("GREEK", "CYRILLIC", "HEBREW", "ARABIC", "ARMENIAN")


def is_utf8_stretch(bs: Sequence[int | None]) -> bool:
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


def decoded_ok(ch: str, nbytes: int, allowed_scripts: set[str]) -> bool:
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
    return s is not None and (s in allowed_scripts or s in (CJK_GROUP, HANGUL))


def assigned_letter(ch: str) -> bool:
    """A letter, mark, digit or punctuation mark of a real script ("١", "،", "ئ")."""
    cat = unicodedata.category(ch)
    if cat == "Nd" or (cat[0] == "P" and 0x370 <= ord(ch) <= 0x7FF):
        return True
    return cat[0] in "LM" and script_of(ch) not in (None, "UNKNOWN")


def strong_utf8_anywhere(text: str) -> bool:
    """Does any token hold UTF-8 mojibake that cannot be chance (three-byte sequences
    such as "â€œ", or UTF-8 encoded twice)?"""
    for m in high_tokens(text):
        token = m.group()
        bs = [LATIN_MAP.get(ch) for ch in token]
        if utf8_stretches(token, bs, False)[1]:
            return True
    return False


def utf8_in_other_code_page(token: str) -> bool:
    """Does `token` hold UTF-8 three-byte sequences when read as Mac Roman, Windows-1251
    or another code page ftfy knows ("ÂêÉÁìú" is 吃瓜 in UTF-8 shown as Mac Roman)?"""
    for cmap in DISPLAY_CODECS.values():
        bs = [cmap.get(ch) for ch in token]
        if None in bs:
            continue  # every character must be a byte of that code page
        seqs, _ = utf8_sequences(bs)
        long_seqs = [ch for s, e, ch in seqs if e - s > 2]
        if (len(long_seqs) >= 2 or (long_seqs and long_seqs[0] in PUNCT_WEST)) and all(
            utf8_char_ok(ch) or (e - s > 2 and multibyte_ok(ch)) for s, e, ch in seqs
        ):
            scripts = {script_of(ch) for _, _, ch in seqs} - {None}
            if (
                covers_high_bytes(seqs, bs)
                and len(scripts) <= 1
                and is_plausible(apply_runs(token, seqs), True)
            ):
                return True
    return False


def utf8_layer(text: str) -> bool:
    """Is every stretch of Latin-1/Windows-1252 high characters UTF-8 bytes? Then the text
    is UTF-8 shown as Windows-1252 throughout (perhaps over a legacy CJK layer: "Â¡Â°"):
    ftfy peels that layer first, and the legacy step looks at the result next round."""
    found = False
    for m in re.finditer("[" + re.escape("".join(HIGH_LATIN)) + "]+", text):
        bs = [LATIN_MAP[ch] for ch in m.group()]
        if not is_utf8_stretch(bs):
            return False
        found = True
    return found
