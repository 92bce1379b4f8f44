"""Speakers: people whose words are quoted or reported."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract._spans import from_spacy
from kfr_extract.models import Speaker

REPORTING_VERBS = {"say", "remark", "stress", "note", "add", "emphasize", "underline", "state"}


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> list[Speaker]:
    grouped: dict[str, dict] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if not any(t.lemma_ in REPORTING_VERBS for t in ent.sent):
            continue
        item = grouped.setdefault(ent.text, {"name": ent.text, "mentions": []})
        item["mentions"].append(from_spacy(ent))
    return [Speaker(**item) for item in grouped.values()]
