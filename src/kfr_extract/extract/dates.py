"""Dates: absolute calendar expressions with ISO 8601 start/end at the text's precision."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract._spans import span_of
from kfr_extract.models import DateMention

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH = r"(?P<m>" + "|".join(m.capitalize() for m in MONTHS) + r")"
_DASH = r"\s*[-–—]\s*"
PATTERNS = [
    re.compile(r"\b(?P<d1>\d{1,2})" + _DASH + r"(?P<d2>\d{1,2})\s+" + _MONTH + r"\s+(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<d1>\d{1,2})\s+" + _MONTH + r"\s+(?P<y>\d{4})\b"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<d1>\d{1,2}),\s+(?P<y>\d{4})\b"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<y>\d{4})\b"),
]


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> list[DateMention]:
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(_mention(doc, m))
    return sorted(out, key=lambda d: d.start_char)


def _mention(doc: Doc, m: re.Match) -> DateMention:
    g = m.groupdict()
    year, month = int(g["y"]), MONTHS[g["m"].lower()]
    if g.get("d1"):
        start = f"{year:04d}-{month:02d}-{int(g['d1']):02d}"
        end = f"{year:04d}-{month:02d}-{int(g.get('d2') or g['d1']):02d}"
        precision = "day"
    else:
        start = end = f"{year:04d}-{month:02d}"
        precision = "month"
    span = span_of(doc, m.start(), m.end())
    return DateMention(**span.model_dump(), start=start, end=end, precision=precision)
