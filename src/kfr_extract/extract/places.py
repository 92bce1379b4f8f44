"""Places: countries, cities and regions, one item per place with all its mentions."""

from __future__ import annotations

from pathlib import Path

import pycountry
from spacy.tokens import Doc

from kfr_extract.extract._spans import from_spacy
from kfr_extract.models import Place


def load_resources(lexicon_dir: Path) -> None:
    return None


def extract(doc: Doc, resources: None, found: dict) -> list[Place]:
    grouped: dict[str, dict] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        name, kind, code = _normalize(ent.text)
        item = grouped.setdefault(name, {"name": name, "kind": kind, "country_code": code,
                                         "mentions": []})
        item["mentions"].append(from_spacy(ent))
    return [Place(**item) for item in grouped.values()]


def _normalize(text: str) -> tuple[str, str, str | None]:
    bare = text.removeprefix("the ")
    for prefix in ("Kingdom of ", "Republic of ", "Federal Republic of "):
        bare = bare.removeprefix(prefix)
    try:
        country = pycountry.countries.lookup(bare)
        return getattr(country, "common_name", None) or bare, "country", country.alpha_2
    except LookupError:
        return bare, "other", None
