# ruff: noqa: RUF002  (this module is about look-alike characters)
"""Mis-encoded text -> repaired text, with an account of what changed.

Three steps, each local (a line, a token or a run of characters), so text that a
step does not change keeps its relative offsets:

1. Legacy CJK mojibake (``legacy_cjk``): GBK, Big5, Shift-JIS or EUC-KR bytes
   shown as Latin-1/Windows-1252 (``¡°`` for “, ``¨C`` for –, ``³Ô¹Ï`` for 吃瓜).
   ftfy's authors declined this one, so it is ours. A run is repaired only with
   evidence: the token it sits in is implausible as written and plausible once
   decoded, the decoded characters are common ones for that encoding (or
   typographic punctuation), and the document as a whole points to one
   encoding. Runs whose bytes read as valid UTF-8 are left to ftfy.
   When every high character of the text is UTF-8 bytes (UTF-8 shown as
   Windows-1252, perhaps over a legacy layer: ``Â¡Â°``) this step waits a round.
2. ftfy (``ftfy_step``: ``fix_and_explain``, line by line) with a configuration that suits
   extraction: curly quotes stay (they mark quotations), fullwidth characters
   stay (they are correct in CJK text), HTML entities, line breaks and NFC are
   fixed. Just before it, ``â€`` closing an open quotation gets its lost last
   byte back (”), which ftfy would read as a dagger (``utf8``).
3. Residual UTF-8 mojibake (``utf8``) that ftfy leaves when a line
   mixes good and bad text or the code page is one it does not try (Windows-1251
   words inside Latin text, Thai Windows-874 with a lost last byte: ``โ€``).
   Same evidence rule as step 1.

The whole is repeated until nothing changes (at most a few rounds), so
``repair(repair(x).text).text == repair(x).text``. ``Repaired.edits`` says where
the output differs from the input; everything else is the input, shifted.

Afterwards ``anomalies`` flags what a reader should know but that we must not
silently change: a run in a script foreign to the document, U+FFFD, residual
mojibake. Offsets index the repaired text.

Modules, each importing only those listed before it: ``codepages`` (bytes as shown),
``scripts`` (script of a letter), ``plausible`` (is a token clean text), ``edits``
(Edit bookkeeping), ``utf8_bytes`` (reading characters as UTF-8 bytes), ``utf8``,
``legacy_cjk``, ``ftfy_step`` (the steps), ``anomalies``; this one runs the rounds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kfr_extract.models import Anomaly, Fix

from .anomalies import find_anomalies
from .edits import Edit, compose, map_position, map_span
from .ftfy_step import FTFY_CONFIG, run_ftfy
from .legacy_cjk import repair_legacy_cjk
from .plausible import is_plausible
from .scripts import dominant_script, has_cjk_context
from .utf8 import lost_closing_quotes, residual_utf8, sure_utf8
from .utf8_bytes import utf8_layer

__all__ = [
    "FTFY_CONFIG",
    "Repaired",
    "has_cjk_context",
    "is_plausible",
    "map_position",
    "repair",
]


@dataclass(frozen=True)
class Repaired:
    text: str
    fixes: list[Fix] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    # Where the output differs from the input, as (in_start, in_end, out_start, out_end),
    # sorted and non-overlapping. Text outside these spans is unchanged, only shifted.
    edits: list[Edit] = field(default_factory=list)


MAX_ROUNDS = 4


def _one_round(text: str) -> tuple[str, list[Edit], list[Fix]]:
    """The steps once, in order: the new text, its edits from `text`, the fixes made."""
    fixes: list[Fix] = []
    if utf8_layer(text):
        t0, e0, f0 = text, [], []
    else:
        t0, e0, f0 = repair_legacy_cjk(text)
    fixes += f0
    t_sure, e_sure, f_sure = sure_utf8(t0)
    fixes += f_sure
    t1, e_lost, f_lost = lost_closing_quotes(t_sure)
    fixes += f_lost
    e1 = compose(compose(e0, e_sure), e_lost)
    t2, e2, f2 = run_ftfy(t1)
    fixes += f2
    # Code pages whose UTF-8 mojibake this round has already shown (before ftfy or in it):
    # there the residual step also decodes tokens that are only weak evidence on their own.
    evidence = frozenset(
        "cp1252" if m.group(1) in ("latin1", "cp1252", "mixed") else m.group(1)
        for f in f_sure + f2
        for m in [re.match(r"utf8_(?:as_)?(\w+?)(?:_x\d+)?$", f.kind)]
        if m
    )
    t3, e3, f3 = residual_utf8(t2, dominant_script(t2), evidence)
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
        undec_out.extend(map_span(current, edits, s, e))
    return Repaired(current, fixes, find_anomalies(current, undec_out), edits)
