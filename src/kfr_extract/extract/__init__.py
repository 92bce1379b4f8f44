"""Extractors: one module per field, each a pure function of a parsed Doc.

Every module exposes the same two functions:

- ``load_resources(lexicon_dir: Path) -> object``: read its pattern/gazetteer
  files from ``pipelines/`` once, when the pipeline is built;
- ``extract(doc, resources, found) -> result``: the field's items for one
  document. ``found`` holds the results of the fields run before it (the order
  below), so the quote extractor can attribute quotes to known speakers and
  the event extractor can pick among the document's dates and places.

Results are pydantic models from `kfr_extract.models`, whose offsets index
``doc.text``.
"""

from __future__ import annotations

from types import ModuleType

from kfr_extract.extract import (
    counts,
    dates,
    event,
    organizations,
    places,
    quotes,
    speakers,
)

# Run order matters: later extractors read earlier results from `found`.
EXTRACTORS: dict[str, ModuleType] = {
    "dates": dates,
    "places": places,
    "counts": counts,
    "organizations": organizations,
    "speakers": speakers,
    "quotes": quotes,
    "event": event,
}

FIELDS = tuple(EXTRACTORS)
