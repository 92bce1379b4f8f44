"""Records -> JSON array, JSON Lines, rich tables, or one file per record.

Writers are context managers fed one record at a time, so output appears as
each document finishes and an empty run still prints valid JSON (`[]`); every
record is flushed as soon as it is written. `OutputDir` writes one file per
record, atomically, and tells a rerun which documents are already done.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from kfr_extract.load import RawInput
from kfr_extract.models import Record

Format = Literal["json", "jsonl", "table"]


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


class TableWriter(Writer):
    """One rich panel per document, for a person to read."""

    def __init__(self, stream: IO[str]) -> None:
        self.console = Console(file=stream)

    def write(self, record: Record) -> None:
        self.console.print(render(record))


WRITERS: dict[str, type[Writer]] = {
    "json": JsonArrayWriter, "jsonl": JsonLinesWriter, "table": TableWriter}


def render(record: Record) -> Panel:
    """A panel listing every field's items with their offsets."""
    title = escape(f"{record.source.path} [{record.status}]")
    if record.error:
        return Panel(f"[red]{record.error.type}[/red]: {escape(record.error.message)}",
                     title=title)
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("field")
    table.add_column("value")
    table.add_column("details")
    table.add_column("chars", justify="right")
    for d in record.dates:
        span = d.start if d.start == d.end else f"{d.start} to {d.end}"
        table.add_row("date", d.text, f"{span or 'relative'} ({d.precision})", _chars(d))
    for p in record.places:
        where = p.subdivision_code or p.country_code or "-"
        table.add_row("place", p.name, f"{p.kind}, {where}", _chars(p.mentions[0]))
    for c in record.counts:
        table.add_row("count", f"{c.value:g}", c.unit, _chars(c))
    for o in record.organizations:
        table.add_row("organization", o.name, o.acronym or "", _chars(o.mentions[0]))
    for s in record.speakers:
        who = ", ".join(x for x in (s.title, s.organization) if x)
        table.add_row("speaker", " ".join(filter(None, (s.honorific, s.name))), who,
                      _chars(s.mentions[0]))
    for q in record.quotes:
        table.add_row("quote", _clip(q.text), q.speaker or "(unattributed)", _chars(q))
    if record.event:
        e = record.event
        table.add_row("event", e.type or "", f"{e.organizer or '-'}, {e.start or '?'} to "
                      f"{e.end or '?'}, {e.location or '-'}", "")
    for a in record.repair.anomalies:
        table.add_row("anomaly", a.text, a.kind, _chars(a))
    fixes = "; ".join(f"{f.detail} (x{f.count})" for f in record.repair.fixes) or "none"
    heading = f"{record.title or ''}\nrepairs: {fixes}; sentences: {record.sentences}"
    return Panel.fit(table, title=title, subtitle=heading[:200])


def _chars(span) -> str:
    return f"{span.start_char}-{span.end_char}"


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file.

    The temporary name carries our process id, so `remove_stale_temps` can tell the
    leftovers of a killed run from the files a live run is writing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.tmp$")


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files left by killed runs (their process is gone); return how many."""
    removed = 0
    for candidate in folder.glob(".*.tmp") if folder.is_dir() else ():
        match = _TEMP.match(candidate.name)
        if match and not _alive(int(match["pid"])):
            candidate.unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def output_name(path: str, sha256: str | None = None, taken: Iterable[str] = ()) -> str:
    """`NAME.json` for input `.../NAME.txt`; `NAME-XXXXXXXX.json` when `taken` has it already.

    XXXXXXXX is a digest of the input's absolute path, so `a/report.txt` and
    `b/report.txt` in one run do not overwrite each other, and the same inputs in
    the same order get the same names on every run (which lets reruns skip
    finished documents). Standard input is named by a digest of its content.
    """
    if path in ("-", ""):
        return f"stdin-{sha256[:8]}.json" if sha256 else "stdin.json"
    stem = _SAFE.sub("_", Path(path).stem)[:100] or "document"
    if f"{stem}.json" not in taken:
        return f"{stem}.json"
    digest = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{stem}-{digest[:8]}.json"


_SAFE = re.compile(r"[^\w.\-]+")


class OutputDir(Writer):
    """`--out DIR`: one JSON file per document, written atomically; reruns skip what is done."""

    def __init__(self, folder: Path, pipeline: str, force: bool = False) -> None:
        self.folder = folder
        self.pipeline = pipeline
        self.force = force
        self.skipped = 0
        self.names: dict[str, str] = {}  # input path -> output file name, for this run

    def open(self) -> OutputDir:
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(self.folder)
        return self

    def path_for(self, path: str, sha256: str | None = None) -> Path:
        """The output file of `path`, claimed on first use so a later namesake gets another."""
        if path not in self.names:
            self.names[path] = output_name(path, sha256, self.names.values())
        return self.folder / self.names[path]

    def write(self, record: Record) -> None:
        target = self.path_for(record.source.path, record.source.sha256)
        write_atomic(target, to_json(record, indent=2) + "\n")

    def is_done(self, raw: RawInput) -> bool:
        """True when the output holds an ok record of these very bytes by this pipeline."""
        if self.force or raw.data is None:
            return False
        sha = hashlib.sha256(raw.data).hexdigest()
        try:
            previous = json.loads(self.path_for(raw.path, sha).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (isinstance(previous, dict) and previous.get("status") == "ok"
                and previous.get("pipeline") == self.pipeline
                and (previous.get("source") or {}).get("sha256") == sha)

    def unfinished(self, raws: Iterable[RawInput]) -> Iterator[RawInput]:
        """The inputs still to do; counts the others in `skipped`."""
        for raw in raws:
            if self.is_done(raw):
                self.skipped += 1
            else:
                yield raw


def schema() -> str:
    return json.dumps(Record.model_json_schema(mode="serialization"), indent=2)
