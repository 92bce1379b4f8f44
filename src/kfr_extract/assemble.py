"""Prepared document + extraction results -> a validated `Record`.

Validation happens here and only here: a record that leaves the library has
passed the pydantic models, grounding of every offset included. A document
whose results do not validate (an extractor bug) still gets a record: an error
record of type `internal` naming the file and the failed check, so the batch
goes on and nothing is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kfr_extract.errors import KfrError
from kfr_extract.load import display_name
from kfr_extract.models import Record, Repair, Source
from kfr_extract.repair import Repaired


@dataclass(frozen=True)
class Prepared:
    """A document after load, decode and repair: what goes into `nlp.pipe`."""

    source: Source
    repaired: Repaired | None = None
    error: KfrError | None = None
    title: str | None = None  # the headline the format marks (HTML, DOCX), if any

    @property
    def text(self) -> str:
        return self.repaired.text if self.repaired else ""


def title_of(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def error_record(source: Source, error: KfrError, pipeline: str | None = None) -> Record:
    return Record(pipeline=pipeline, source=source, status="error", error=error.to_error())


def assemble(prepared: Prepared, results: dict[str, Any] | None,
             pipeline: str | None = None) -> Record:
    """The record for one document; never raises for a bad extraction result."""
    if prepared.error is not None or prepared.repaired is None:
        return error_record(prepared.source, prepared.error or KfrError("internal", "no text"),
                            pipeline)
    repaired = prepared.repaired
    try:
        return Record(
            pipeline=pipeline,
            source=prepared.source,
            title=prepared.title or title_of(repaired.text),
            text=repaired.text,
            repair=Repair(
                changed=bool(repaired.fixes), fixes=repaired.fixes, anomalies=repaired.anomalies
            ),
            **dict(results or {}),
        )
    except (ValidationError, TypeError, ValueError) as exc:
        return error_record(prepared.source, _invalid(prepared.source.path, exc), pipeline)


def _invalid(path: str, exc: Exception) -> KfrError:
    first = str(exc).strip().splitlines()
    detail = " ".join(first[:3])[:300] if first else type(exc).__name__
    return KfrError("internal", f"{display_name(path)}: the extracted data failed validation, "
                    f"a bug in kfr-extract ({detail})")
