# ruff: noqa: RUF002  (this module is about look-alike characters)
"""Legacy CJK mojibake: GBK, Big5, Shift-JIS or EUC-KR bytes shown as Latin-1/Windows-1252
(``¡°`` for “, ``¨C`` for –, ``³Ô¹Ï`` for 吃瓜).

ftfy's authors declined this one, so it is ours. A run is repaired only with evidence:
the token it sits in is implausible as written and plausible once decoded, the decoded
characters are common ones for that encoding (or typographic punctuation), and the
document as a whole points to one encoding (the best-scoring one; GBK and EUC-KR read
each other's bytes, so Korean needs plain evidence). Runs whose bytes read as valid
UTF-8 are left to ftfy. The round loop skips this step while the text is UTF-8 shown as
Windows-1252 throughout (``Â¡Â°``), so ftfy peels that layer first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kfr_extract.models import Fix
from kfr_extract.paths import lexicon_dir, read_lexicon

from .codepages import DISPLAY_NAMES, LATIN_MAP, latin_label
from .edits import Edit, apply_runs, runs_to_edits, show_examples
from .plausible import PUNCT_WEST, high_tokens, is_plausible
from .scripts import has_cjk_context, is_cjk_letter, script_counts, script_of
from .utf8_bytes import strong_utf8_anywhere, utf8_in_other_code_page, utf8_stretches

# Symbols of Latin text that legacy CJK code pages carry as two bytes ("¡ã" is ° in GBK).
_LATIN_SYMBOLS_IN_CJK = frozenset("€°±×÷§№‰′″©®™")

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
    letter = is_cjk_letter(ch)
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
    for m in high_tokens(text):
        token = m.group()
        bs = [LATIN_MAP.get(ch) for ch in token]
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
        stretches, utf8_strong = utf8_stretches(token, bs, cjk_context)
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
        new_token = apply_runs(token, [(s - m.start(), e - m.start(), r) for s, e, r in runs])
        if not is_plausible(new_token, cjk_context):
            continue
        if utf8_guard == "all" and utf8_in_other_code_page(token):
            # "Â¢±·µ°" is also UTF-8 shown as Mac Roman: undecided until the document's
            # evidence picks `enc` (the relaxed pass below), then read in `enc`.
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


def _any_implausible_token(text: str, cjk_context: bool) -> bool:
    """Whether some token with a high character is implausible as written, read as in
    `_legacy_candidates` (in a CJK context, and in one when the document may turn out to
    be CJK). Only such a token makes a strong candidate, and without one no encoding is
    tried: curly quotes, which every document has, cost four encodings' search otherwise."""
    contexts = (True,) if cjk_context else (False, True)
    return any(not is_plausible(m.group(), c) for m, _ in _high_tokens(text) for c in contexts)


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
        lines = read_lexicon(lexicon_dir() / f"repair_common_{name}.txt")
        out[name] = frozenset(ch for line in lines for ch in line if not ch.isspace())
    return out


def _korean_not_chinese(gbk: Sequence[_Candidate], euc_kr: Sequence[_Candidate]) -> bool:
    """GBK and EUC-KR read most of each other's bytes: Hangul syllables (EUC-KR B0A1-C8FE)
    are GB2312 hanzi. Korean wins only on plain evidence: ten distinct characters or more,
    all from the rows Hangul occupies, every one a KS X 1001 syllable (both bytes A1 or
    above, where the extended Hangul of code page 949 and GBK punctuation are not), and
    clearly more of them frequent as Hangul than as hanzi."""
    pairs = [(s, e) for c in euc_kr for s, e, _ in c.runs]
    decoded_k = {ch for c in euc_kr for _, _, r in c.runs for ch in r if is_cjk_letter(ch)}
    decoded_c = {ch for c in gbk for _, _, r in c.runs for ch in r if is_cjk_letter(ch)}
    if len(decoded_k) < 10 or not pairs:
        return False
    if any(LATIN_MAP.get(ch, 0xFF) < 0xA1 for c in euc_kr for ch in c.chars[1::2]):
        return False  # a trail byte below A1: no KS X 1001 syllable ("¨C" is GBK's en dash)
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


def repair_legacy_cjk(text: str) -> tuple[str, list[Edit], list[Fix]]:
    if text.isascii() or not any(ch in LATIN_MAP and ord(ch) >= 0x80 for ch in text):
        return text, [], []
    context = has_cjk_context(text)
    if not _any_implausible_token(text, context):
        return text, [], []
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
            decoded_cjk = sum(1 for c in cands for ch in c.new_token if is_cjk_letter(ch))
            counts = script_counts(text)
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
    if not strong_utf8_anywhere(text):
        context = context or (any(
            is_cjk_letter(ch) for c in cands for ch in c.new_token
        ) and has_cjk_context(apply_runs(text, sorted(r for c in cands for r in c.runs))))
        relaxed = _legacy_candidates(text, enc, context, utf8_guard="strong")
        cands = [c for c in relaxed if c.strong or (allow_weak and _accept_with_context(c))]
    runs = sorted(r for c in cands for r in c.runs)
    if not runs:
        return text, [], []
    new_text = apply_runs(text, runs)
    edits = runs_to_edits(runs)
    label = latin_label(ch for c in cands for ch in c.chars)
    fix = Fix(
        kind=f"{enc}_as_{label}",
        detail=f"{_LEGACY_NAMES[enc]} bytes shown as {DISPLAY_NAMES[label]} decoded back "
        f"(e.g. {show_examples(text, runs)})",
        count=len(runs),
    )
    return new_text, edits, [fix]
