# ruff: noqa: RUF002, RUF003  (this module is about look-alike characters)
"""UTF-8 mojibake that ftfy leaves or would make worse, token by token.

- ``sure_utf8`` (before ftfy): tokens that are UTF-8 shown in a code page other than
  Windows-1252 through and through (three sequences or more, another script once
  decoded: "–ë–µ–Ω–∏–Ω"); ftfy would pick at them as Windows-1252 and leave them worse.
- ``lost_closing_quotes`` (just before ftfy): ``â€`` closing an open quotation is ” whose
  last byte (0x9D, undefined in Windows-1252) was lost; ftfy would make it a dagger.
- ``residual_utf8`` (after ftfy): what ftfy leaves when a line mixes good and bad text or
  the code page is one it does not try (Windows-1251 words inside Latin text, Thai
  Windows-874 with a lost last byte: ``โ€``).

Same evidence rule as the legacy CJK step: a token implausible as written and plausible
once decoded; or a token made of complete UTF-8 sequences, with evidence for that code
page in the document. UTF-8 shown as Windows-1252 stays ftfy's call: where it declined,
only a lost closing quote is restored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kfr_extract.models import Fix

from .codepages import DISPLAY_CODECS, DISPLAY_NAMES, LATIN_MAP, latin_label
from .edits import Edit, apply_runs, runs_to_edits, show_examples
from .plausible import OPEN_PUNCT, high_tokens, is_plausible
from .scripts import has_cjk_context, is_wordchar, script_of
from .utf8_bytes import (
    assigned_letter,
    covers_high_bytes,
    decoded_ok,
    multibyte_ok,
    utf8_char_ok,
    utf8_sequences,
)


def _decoded_fix(text: str, label: str, runs: Sequence[tuple[int, int, str]]) -> Fix:
    """The Fix for `runs` of UTF-8 bytes shown in code page `label`, decoded back."""
    return Fix(
        kind=f"utf8_as_{label}",
        detail=f"UTF-8 bytes shown as {DISPLAY_NAMES[label]} decoded back "
        f"(e.g. {show_examples(text, runs)})",
        count=len(runs),
    )


def _lost_byte_fix(text: str, runs: Sequence[tuple[int, int, str]]) -> Fix:
    """The Fix for closing quotation marks restored in `runs`."""
    return Fix(
        kind="utf8_lost_byte",
        detail="closing quotation marks whose last UTF-8 byte was lost restored "
        f"(e.g. {show_examples(text, runs)})",
        count=len(runs),
    )


def sure_utf8(text: str) -> tuple[str, list[Edit], list[Fix]]:
    """Before ftfy: tokens that are UTF-8 shown in a code page other than Windows-1252
    through and through (three sequences or more, another script once decoded, e.g.
    Cyrillic shown as Mac Roman: "–ë–µ–Ω–∏–Ω"). ftfy would otherwise pick at them as
    Windows-1252 and leave them worse."""
    if text.isascii():
        return text, [], []
    context = has_cjk_context(text)
    per_kind: dict[str, list[tuple[int, int, str]]] = {}
    for m in high_tokens(text):
        token = m.group()
        latin_bs = [LATIN_MAP.get(ch) for ch in token]
        if None not in latin_bs and covers_high_bytes(utf8_sequences(latin_bs)[0], latin_bs):
            continue  # UTF-8 shown as Windows-1252 through and through: ftfy's
        full = _full_utf8(token, context, latin=False)
        if full is None or not full[2]:
            continue
        label, seqs, _ = full
        per_kind.setdefault(label, []).extend((m.start() + s, m.start() + e, r) for s, e, r in seqs)
    runs = sorted(r for rs in per_kind.values() for r in rs)
    if not runs:
        return text, [], []
    fixes = [_decoded_fix(text, label, rs) for label, rs in per_kind.items()]
    return apply_runs(text, runs), runs_to_edits(runs), fixes


_LOST_QUOTE_RE = re.compile("â€(?=[ \t\n.,;:!)\\]]|$)")  # "â€?": ftfy reads "?" as the lost byte


def lost_closing_quotes(text: str) -> tuple[str, list[Edit], list[Fix]]:
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
    return apply_runs(text, runs), runs_to_edits(runs), [_lost_byte_fix(text, runs)]


def _lossy_context_ok(text: str, pos: int) -> bool:
    """A lossy 'â€' becomes ” only when an unclosed “ precedes it in its paragraph."""
    para_start = text.rfind("\n\n", 0, pos)
    before = text[para_start + 1 : pos]
    return before.count("“") > before.count("”")


def residual_utf8(
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
    for m in high_tokens(text):
        token = m.group()
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
            e - s == 2 and decoded_ok(ch, 2, {"LATIN"}) for s, e, ch in seqs
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
    new_text = apply_runs(text, all_runs)
    fixes = []
    for label, runs in per_kind.items():
        if not runs:
            continue
        shown = label
        if label == "cp1252":
            shown = latin_label(ch for s, e, _ in runs for ch in text[s:e])
        fixes.append(_decoded_fix(text, shown, runs))
    if lost:
        fixes.append(_lost_byte_fix(text, lost))
    return new_text, runs_to_edits(all_runs), fixes


def _direct_utf8(
    text: str, offset: int, token: str, dominant: str | None, context: bool
) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]] | None:
    """An implausible token that reads as clean text once its UTF-8 sequences in some
    code page are decoded: (code page, sequences, restored closing quotes)."""
    allowed = {"LATIN"} | ({dominant} if dominant else set())
    # UTF-8 shown as Windows-1252 is ftfy's call, and it declined: only a lost last
    # byte ("â€" for ”) is ours to restore then.
    latin_bs = [LATIN_MAP.get(ch) for ch in token]
    ftfys = None not in latin_bs and bool(utf8_sequences(latin_bs)[0])
    codecs_ = {"cp1252": LATIN_MAP} if ftfys else DISPLAY_CODECS
    for label, cmap in codecs_.items():
        bs = latin_bs if ftfys else [cmap.get(ch) for ch in token]
        seqs, lossy = utf8_sequences(bs)
        if ftfys:
            seqs = []
        if not seqs and not lossy:
            continue
        # Letters the sequences leave alone may lend their script to decoded ones.
        inside = {k for s, e, _ in seqs for k in range(s, e)}
        others = {script_of(token[k]) for k in range(len(token)) if k not in inside}
        allowed_here = allowed | (others - {None})  # type: ignore[operator]
        if not all(decoded_ok(ch, e - s, allowed_here) for s, e, ch in seqs):
            continue
        lossy_runs = []
        for s in lossy:
            nxt = token[s + 2] if s + 2 < len(token) else ""
            if nxt and (is_wordchar(nxt) or nxt in OPEN_PUNCT):
                continue  # only a closing quotation mark can be restored with confidence
            if not _lossy_context_ok(text, offset + s):
                continue
            lossy_runs.append((s, s + 2, "”"))
        runs = sorted(seqs + lossy_runs)
        if not runs:
            continue
        new_token = apply_runs(token, runs)
        if not is_plausible(new_token, context):
            continue
        if any(e - s == 2 and script_of(ch) for s, e, ch in seqs) and not any(
            c.isascii() and c.isalpha() for c in new_token
        ):
            continue  # a lone decoded letter ("√π" -> "ù") is no evidence on its own
        return label, seqs, lossy_runs
    return None


def _full_utf8(
    token: str, context: bool, latin: bool = True
) -> tuple[str, list[tuple[int, int, str]], bool] | None:
    """A code page in which every non-ASCII character of `token` is a byte of a complete
    UTF-8 sequence, the decoded token reading as clean text: (code page, sequences, sure),
    sure when three sequences or more give letters of a script the token is not in."""
    if not _TWO_HIGH_RE.search(token):
        return None  # a multi-byte sequence needs two adjacent non-ASCII characters
    tables = {"cp1252": LATIN_MAP, **DISPLAY_CODECS} if latin else DISPLAY_CODECS
    for label, cmap in tables.items():
        bs = [cmap.get(ch) for ch in token]
        if None in bs:
            continue
        seqs, lossy = utf8_sequences(bs)
        if not seqs or lossy:
            continue
        if not covers_high_bytes(seqs, bs):
            continue
        if not all(
            multibyte_ok(ch) if e - s > 2 else (utf8_char_ok(ch) or assigned_letter(ch))
            for s, e, ch in seqs
        ):
            continue
        new_token = apply_runs(token, seqs)
        if not is_plausible(new_token, context):
            continue
        before = {script_of(ch) for ch in token} - {None}
        after = {script_of(ch) for _, _, ch in seqs} - {None}
        sure = len(seqs) >= 3 and bool(after) and not (after & before)
        return label, seqs, sure
    return None


_TWO_HIGH_RE = re.compile("[^\x00-\x7f]{2}")
