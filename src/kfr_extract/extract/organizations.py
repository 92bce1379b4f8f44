"""Organizations, with acronyms the text defines ("United Kingdom Home Office (UKHO)")."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract._spans import from_spacy, span_of
from kfr_extract.models import Organization

ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])\)")


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> list[Organization]:
    grouped: dict[str, dict] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        after = doc.text[ent.end_char:ent.end_char + 12]
        m = ACRONYM.match(after.lstrip())
        acronym = m.group(1) if m else None
        key = ent.text
        item = grouped.setdefault(key, {"name": ent.text, "acronym": acronym, "mentions": []})
        item["mentions"].append(from_spacy(ent))
    return [Organization(**item) for item in grouped.values()]
