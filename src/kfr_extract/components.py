"""The spaCy component that runs the extractors: `nlp.add_pipe("kfr_extract")`.

It stores plain data (lists of dicts) in ``doc._.kfr`` rather than Span objects, so
the pipeline can merge a long document's chunk results (`chunks.py`) and validate
them (`assemble.py`) without keeping any Doc alive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from kfr_extract.extract import EXTRACTORS, FIELDS
from kfr_extract.extract._spans import TEXT_KEY
from kfr_extract.paths import lexicon_dir

if not Doc.has_extension("kfr"):
    Doc.set_extension("kfr", default=None)


class KfrExtractor:
    """Runs the chosen extractors in order and stores their results on the Doc."""

    def __init__(self, fields: list[str], lexicons: Path) -> None:
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown fields {unknown}; choose from {list(FIELDS)}")
        self.fields = [f for f in FIELDS if f in fields]
        self.resources = {f: EXTRACTORS[f].load_resources(lexicons) for f in self.fields}

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, Any] = {}
        for field in self.fields:
            found[field] = EXTRACTORS[field].extract(doc, self.resources[field], found)
        doc.user_data.pop(TEXT_KEY, None)  # the text cache of `doc_text`: not part of the result
        doc._.kfr = {"sentences": sum(1 for _ in doc.sents) if len(doc) else 0,
                     **{field: _plain(value) for field, value in found.items()}}
        return doc


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@Language.factory(
    "kfr_extract",
    default_config={"fields": list(FIELDS), "lexicons": None},
    requires=["doc.ents", "doc.sents", "token.dep"],
    assigns=["doc._.kfr"],
)
def make_kfr_extract(nlp: Language, name: str, fields: list[str],
                     lexicons: str | None) -> KfrExtractor:
    return KfrExtractor(fields, Path(lexicons) if lexicons else lexicon_dir())
