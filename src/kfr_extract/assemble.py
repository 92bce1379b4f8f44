"""Prepared document + extraction results -> a validated `Record`.

Validation happens here and only here: a record that leaves the library has
passed the pydantic models, grounding of every offset included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kfr_extract.errors import KfrError
from kfr_extract.models import Record, Repair, Source
from kfr_extract.repair import Repaired


@dataclass(frozen=True)
class Prepared:
    """A document after load, decode and repair: what goes into `nlp.pipe`."""

    source: Source
    repaired: Repaired | None = None
    error: KfrError | None = None

    @property
    def text(self) -> str:
        return self.repaired.text if self.repaired else ""


def title_of(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def error_record(source: Source, error: KfrError) -> Record:
    return Record(source=source, status="error", error=error.to_error())


def assemble(prepared: Prepared, results: dict[str, Any] | None) -> Record:
    if prepared.error is not None or prepared.repaired is None:
        return error_record(prepared.source, prepared.error or KfrError("internal", "no text"))
    repaired = prepared.repaired
    results = dict(results or {})
    return Record(
        source=prepared.source,
        title=title_of(repaired.text),
        text=repaired.text,
        repair=Repair(
            changed=bool(repaired.fixes), fixes=repaired.fixes, anomalies=repaired.anomalies
        ),
        **results,
    )
