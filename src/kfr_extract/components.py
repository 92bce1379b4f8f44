"""The spaCy component that runs the extractors: `nlp.add_pipe("kfr_extract")`.

Its results go two ways:

- ``doc._.kfr``: plain data (the fields as lists of dicts), so the pipeline can merge a
  long document's chunk results (`chunks.py`) and validate them (`assemble.py`) without
  keeping any Doc alive;
- ``doc.spans["kfr"]``: every item with offsets as a Span labelled by its field, so
  ``displacy.render(doc, style="span", options={"spans_key": "kfr"})`` shows them.
  On by default; the command line's pipeline (`pipelines/kfr.cfg`) turns them off
  (``spans = false``): it reads only ``doc._.kfr``, and building the spans cost about
  3% of extraction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from kfr_extract.extract import FIELDS, REGISTRY, plan
from kfr_extract.extract._spans import TEXT_KEY
from kfr_extract.extract.context import DocContext
from kfr_extract.extract.context import load_resources as load_context_resources
from kfr_extract.models import iter_spans
from kfr_extract.paths import lexicon_dir

SPANS_KEY = "kfr"

if not Doc.has_extension("kfr"):
    Doc.set_extension("kfr", default=None)


class KfrExtractor:
    """Runs the extractors the requested fields need, in dependency order."""

    def __init__(self, fields: list[str] | None, lexicons: Path, spans: bool = True) -> None:
        self.spans = spans
        wanted = list(FIELDS) if fields is None else list(fields)
        self.plan = plan(wanted)
        self.fields = [f for f in FIELDS if f in wanted]
        self.context_resources = load_context_resources(lexicons)
        self.resources = {name: REGISTRY[name].load_resources(lexicons) for name in self.plan}

    def __call__(self, doc: Doc) -> Doc:
        chosen = self.results(doc)
        if self.spans:
            doc.spans[SPANS_KEY] = _spans(doc, chosen)
        doc._.kfr = {"sentences": sum(1 for _ in doc.sents) if len(doc) else 0,
                     **{field: _plain(value) for field, value in chosen.items()}}
        return doc

    def results(self, doc: Doc) -> dict[str, Any]:
        """The requested fields' items (pydantic models) for a parsed Doc."""
        ctx = DocContext(doc, self.context_resources)
        for name in self.plan:
            with ctx.running(REGISTRY[name].REQUIRES):
                ctx.results[name] = REGISTRY[name].extract(ctx, self.resources[name])
        doc.user_data.pop(TEXT_KEY, None)  # the text cache of `doc_text`: not part of the result
        return {field: ctx.results[field] for field in self.fields}


def _spans(doc: Doc, results: dict[str, Any]) -> list:
    """Each item with offsets as a spaCy Span labelled by field (for displaCy)."""
    out = []
    for field, value in results.items():
        for item in iter_spans(value):
            span = doc.char_span(item.start_char, item.end_char, label=field,
                                 alignment_mode="expand")
            if span is not None:
                out.append(span)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@Language.factory(
    "kfr_extract",
    default_config={"fields": None, "lexicons": None, "spans": True},
    requires=["doc.ents", "doc.sents", "token.dep"],
    assigns=["doc._.kfr", "doc.spans"],
)
def make_kfr_extract(nlp: Language, name: str, fields: list[str] | None,
                     lexicons: str | None, spans: bool) -> KfrExtractor:
    """`fields`: the fields to emit (None: all); what they require runs regardless.
    `spans`: also set ``doc.spans["kfr"]`` (for displaCy)."""
    return KfrExtractor(fields, Path(lexicons) if lexicons else lexicon_dir(), spans)

