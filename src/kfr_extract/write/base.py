"""What every writer is: a context manager fed one record at a time; and the JSON ones.

Output appears as each document finishes and an empty run still prints valid JSON
(`[]`); every record is flushed as soon as it is written.
"""

from __future__ import annotations

from typing import IO

from kfr_extract.models import Record


def to_json(record: Record, indent: int | None = None) -> str:
    return record.model_dump_json(indent=indent)


class Writer:
    """A context manager fed one record at a time by `write`; the base of every sink."""

    def __enter__(self) -> Writer:
        return self

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def __exit__(self, *exc: object) -> None:
        """Nothing to close by default: every `write` is already flushed."""


class JsonArrayWriter(Writer):
    """A JSON array streamed element by element: valid JSON once closed."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0

    def __enter__(self) -> JsonArrayWriter:
        self.stream.write("[")
        return self

    def write(self, record: Record) -> None:
        self.stream.write(",\n" if self.count else "\n")
        self.stream.write(to_json(record, indent=2))
        self.stream.flush()
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class JsonLinesWriter(Writer):
    """One record per line, flushed at once, so a reader can follow the file as it grows."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, record: Record) -> None:
        self.stream.write(to_json(record) + "\n")
        self.stream.flush()
