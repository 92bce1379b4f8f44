"""Counts: a number and the noun phrase it counts."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract._spans import span_of
from kfr_extract.models import Count


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> list[Count]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "CARDINAL" or not ent.text.replace(",", "").isdigit():
            continue
        head = ent.root.head
        if head.pos_ not in ("NOUN", "PROPN") or head.i < ent.end:
            continue
        start = ent.start_char
        end = head.idx + len(head.text)
        unit = doc.text[ent.end_char:end].strip()
        out.append(Count(**span_of(doc, start, end).model_dump(),
                         value=int(ent.text.replace(",", "")), unit=unit))
    return out
