"""Edits: where the output text differs from the input, and positions mapped across.

Every step is local (a line, a token or a run of characters) and reports ``Edit`` tuples
(in_start, in_end, out_start, out_end), sorted and non-overlapping: text outside them is
unchanged, only shifted. Steps and rounds chain with ``compose``, so ``Repaired.edits``
relate the original input to the final output, and ``map_position``/``map_span`` carry
offsets (of undecodable bytes, for instance) across. Steps that replace runs
(start, end, replacement) build their text and edits with ``apply_runs`` and
``runs_to_edits``; ftfy's output is diffed instead (``diff_edits``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

# An edit: (start, end) in the input, (start, end) in the output.
Edit = tuple[int, int, int, int]


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


def apply_runs(s: str, runs: Sequence[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for a, b, r in runs:
        out.append(s[pos:a])
        out.append(r)
        pos = b
    out.append(s[pos:])
    return "".join(out)


def runs_to_edits(runs: Sequence[tuple[int, int, str]]) -> list[Edit]:
    edits = []
    delta = 0
    for s, e, r in runs:
        edits.append((s, e, s + delta, s + delta + len(r)))
        delta += len(r) - (e - s)
    return edits


def diff_edits(a: str, b: str) -> list[tuple[int, int, int, int]]:
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


def map_span(dst: str, edits: Sequence[Edit], s: int, e: int) -> list[tuple[int, int]]:
    """Where the U+FFFD span [s, e) of the edited text is in `dst`, its result."""
    for a, b, na, nb in edits:
        if a <= s < b or a < e <= b:
            # Inside an edit: the replacement characters there.
            return [(k, k + 1) for k in range(na, nb) if dst[k] == "\ufffd"]
    ns = map_position(edits, s)
    return [(ns, ns + (e - s))]


def show_examples(text: str, runs: Sequence[tuple[int, int, str]]) -> str:
    """The first three runs of `text` as "'old' -> 'new'", for a Fix's detail."""
    return ", ".join(f"{text[s:e]!r} -> {r!r}" for s, e, r in runs[:3])
