"""Anomalies: what a reader should know but that the repair must not silently change.

Flagged on the repaired text (offsets index it): U+FFFD (bytes `decode` could not decode,
or replacement characters already in the text), runs in a script foreign to the document
(under a quarter of its letters; CJK and Hangul are not foreign to each other), and
residual mojibake (tokens still implausible, "?" standing for a lost letter).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from kfr_extract.models import Anomaly

from .plausible import SEPARATORS, implausible_at, tokens_holding
from .scripts import (
    CJK_GROUP,
    HANGUL,
    dominant_script,
    is_cjk_letter,
    is_wordchar,
    script_counts,
    script_of,
)


def find_anomalies(text: str, undecodable: Sequence[tuple[int, int]] = ()) -> list[Anomaly]:
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
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return []
    dominant = dominant_script(text)
    foreign = {
        s for s, c in counts.items()
        if s != dominant and c / total < 0.25 and not (
            {s, dominant} <= {CJK_GROUP, HANGUL}
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
            while s > 0 and is_wordchar(text[s - 1]):
                s -= 1
            while e < n and is_wordchar(text[e]):
                e += 1
            out.append((s, e, "foreign_script"))
            i = e
        else:
            i += 1
    return out


_LOST_CHAR_RE = re.compile(r"(?<=[a-z])\?(?=[a-z])")
_HIGH_OR_QUESTION_RE = re.compile(f"[^{SEPARATORS}\\x00-\\x7f]|\\?")


def _residual_runs(text: str) -> list[tuple[int, int, str]]:
    """Stretches that still look like mojibake after the repair."""
    context = True  # CJK glued to ASCII is real text, whatever the document
    out = []
    for m in tokens_holding(text, _HIGH_OR_QUESTION_RE):  # other tokens have nothing to flag
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
        while s > 0 and not token[s - 1].isascii() and not is_cjk_letter(token[s - 1]):
            s -= 1
        e = bad + 1
        while e < len(token) and not token[e].isascii() and not is_cjk_letter(token[e]):
            e += 1
        if ch.isascii() or token[s:e].strip("\ufffd") == "":
            continue
        out.append((m.start() + s, m.start() + e, "residual_mojibake"))
    return out
