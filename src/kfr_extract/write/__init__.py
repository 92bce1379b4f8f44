"""Records out: the writers, one module per kind of output.

- `base`: the Writer protocol, JSON array and JSON Lines;
- `console`: rich panels for a person (`--format table`);
- `review`: one self-contained HTML page for a batch (`--format html`);
- `tables`: flat tables with declared columns (`--format csv --table`), which
  `database` writes into SQLite or DuckDB (`--out FILE.sqlite|.duckdb`);
- `outdir`: one JSON file per record, atomically (`--out DIR`);
- `schema`: the strict JSON Schema of a record (`--schema`).
"""

from __future__ import annotations

import json
from typing import IO, Literal

from kfr_extract.write.base import JsonArrayWriter, JsonLinesWriter, Writer, to_json
from kfr_extract.write.console import TableWriter, render
from kfr_extract.write.outdir import OutputDir, output_name, remove_stale_temps, write_atomic
from kfr_extract.write.review import HtmlWriter
from kfr_extract.write.schema import strict_schema
from kfr_extract.write.tables import CsvWriter

Format = Literal["json", "jsonl", "table", "csv", "html"]

WRITERS: dict[str, type[Writer]] = {
    "json": JsonArrayWriter, "jsonl": JsonLinesWriter, "table": TableWriter,
    "html": HtmlWriter}  # type: ignore[dict-item]  (same protocol, no shared base)


def open_writer(fmt: str, stream: IO[str], table: str | None = None) -> Writer:
    """The writer of `fmt` on `stream`; `csv` writes the one flat table `table`."""
    if fmt == "csv":
        return CsvWriter(stream, table or "documents")  # type: ignore[return-value]
    return WRITERS[fmt](stream)


def schema() -> str:
    """The strict JSON Schema of a record: every key required, no other key."""
    return json.dumps(strict_schema(), indent=2)


__all__ = [
    "WRITERS",
    "Format",
    "OutputDir",
    "Writer",
    "open_writer",
    "output_name",
    "remove_stale_temps",
    "render",
    "schema",
    "to_json",
    "write_atomic",
]
