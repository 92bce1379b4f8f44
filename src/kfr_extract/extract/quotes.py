"""Quotes: direct quotations in quotation marks, with who said them."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract._spans import span_of
from kfr_extract.models import Quote, Speaker

QUOTED = re.compile(r"“([^”]+)”")


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> list[Quote]:
    speakers: list[Speaker] = found.get("speakers", [])
    out = []
    for m in QUOTED.finditer(doc.text):
        before = [s for s in speakers for mm in s.mentions if mm.end_char <= m.start(1)]
        speaker = before[-1].name if before else None
        out.append(Quote(**span_of(doc, m.start(1), m.end(1)).model_dump(), speaker=speaker))
    return out
