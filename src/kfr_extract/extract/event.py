"""Event: the one organized event a document reports, from its opening sentences."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.models import Event


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> Event | None:
    dates = [d for d in found.get("dates", []) if d.start]
    places = found.get("places", [])
    if not dates:
        return None
    return Event(start=dates[0].start, end=dates[0].end,
                 location=places[0].name if places else None)
