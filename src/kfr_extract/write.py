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
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kfr_extract.errors import OutputError
from kfr_extract.load import STDIN, RawInput, printable
from kfr_extract.models import Amount, Incident, Record
from kfr_extract.review import HtmlWriter
from kfr_extract.schema import strict_schema
from kfr_extract.tables import CsvWriter

Format = Literal["json", "jsonl", "table", "csv", "html"]


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
    "json": JsonArrayWriter, "jsonl": JsonLinesWriter, "table": TableWriter,
    "html": HtmlWriter}  # type: ignore[dict-item]  (same protocol, no shared base)


def open_writer(fmt: str, stream: IO[str], table: str | None = None) -> Writer:
    """The writer of `fmt` on `stream`; `csv` writes the one flat table `table`."""
    if fmt == "csv":
        return CsvWriter(stream, table or "documents")  # type: ignore[return-value]
    return WRITERS[fmt](stream)


def render(record: Record) -> Panel:
    """A panel listing every field's items with their offsets.

    Every string from a document goes in as `Text`, never as rich markup: a title
    such as "Report [/bold] on Nairobi" is shown as it is, and cannot break the table.
    """
    title = Text(printable(f"{record.source.path} [{record.status}]"))
    if record.error:
        return Panel(Text.assemble((record.error.type, "red"), f": {record.error.message}"),
                     title=title)
    table = _PlainTable(show_header=True, header_style="bold", expand=True)
    table.add_column("field")
    table.add_column("value")
    table.add_column("details")
    table.add_column("chars", justify="right")
    for d in record.dates or []:
        span = d.start if d.start == d.end else f"{d.start} to {d.end}"
        details = f"{span} ({d.precision})" if span else (
            "relative, no anchor" if d.relative else "no value")
        table.add_row("date", d.text, details, _chars(d))
    for p in record.places or []:
        table.add_row("place", p.name, f"{p.kind}, {p.country_code or '-'}", _chars(p.mentions[0]))
    for c in record.counts or []:
        table.add_row("count", f"{c.value:g}", c.unit, _chars(c))
    for o in record.organizations or []:
        table.add_row("organization", o.name, o.acronym or "", _chars(o.mentions[0]))
    for s in record.speakers or []:
        who = ", ".join(x for x in (s.title, s.organization) if x)
        table.add_row("speaker", " ".join(filter(None, (s.honorific, s.name))), who,
                      _chars(s.mentions[0]))
    for q in record.quotes or []:
        table.add_row("quote", _clip(q.text), q.speaker or "(unattributed)", _chars(q))
    if record.event:
        e = record.event
        table.add_row("event", e.type or "", f"{e.organizer or '-'}, {e.start or '?'} to "
                      f"{e.end or '?'}, {e.location or '-'}", "")
    for m in record.money or []:
        table.add_row("money", m.text, f"{m.value:,} {m.currency or '?'} ({m.role})", _chars(m))
    for a in record.repair.anomalies:
        table.add_row("anomaly", a.text, a.kind, _chars(a))
    fixes = "; ".join(f"{f.detail} (x{f.count})" for f in record.repair.fixes) or "none"
    heading = f"{record.title or ''}\nrepairs: {fixes}; sentences: {record.sentences}"
    cards = [incident_card(i, n) for n, i in enumerate(record.incidents or [], 1)]
    return Panel.fit(Group(table, *cards), title=title, subtitle=Text(heading[:200]))


def incident_card(incident: Incident, number: int) -> Panel:
    """One incident as a card: what, where, when, who, ransom, outcome."""
    i = incident
    who = f"{i.victims} taken" if i.victims is not None else "victims: number not stated"
    when = i.date or "not stated"
    if i.date_resolved:
        when += " (from a weekday and the dateline)"
    ended = i.outcome or "not stated"
    if i.outcome_date:
        ended += f" on {i.outcome_date}"
    where = (i.place or "not stated") + (f" ({i.country_code})" if i.country_code else "")
    rows = [
        ("what", f"{who}" + (f": {i.victim_description}" if i.victim_description else "")),
        ("where", where),
        ("when", when),
        ("who", i.perpetrators or "not stated"),
        ("ransom", f"demanded {_amount(i.ransom_demanded)}; paid {_amount(i.ransom_paid)}"),
        ("outcome", ended + (f"; {i.suspects_arrested} arrested" if i.suspects_arrested else "")),
    ]
    card = Table.grid(padding=(0, 1))
    for label, value in rows:
        card.add_row(Text(label, style="bold"), Text(value))
    sentences = ", ".join(_chars(e) for e in i.evidence if e.slot == "abduction")
    return Panel.fit(card, title=f"incident {number}", subtitle=Text(f"chars {sentences}"[:200]))


def _amount(value: Amount | str | None) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, str):
        return value
    return f"{value.value:,} {value.currency or '?'}"


class _PlainTable(Table):
    """A rich Table whose string cells are plain text, not markup."""

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:
        super().add_row(*(Text(r) if isinstance(r, str) else r for r in renderables), **kwargs)


def _chars(span) -> str:
    return f"{span.start_char}-{span.end_char}"


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file.

    The temporary name (`.NAME.kfr-PID.RANDOM.tmp`) carries our process id, so
    `remove_stale_temps` can tell the leftovers of a killed run from the files a live
    run is writing, and the `kfr-` mark from a user's own files. The file is created
    with mode 0666 less the umask, like any file a program writes (not mkstemp's 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temp(path: Path) -> tuple[int, str]:
    while True:
        tmp = path.parent / f".{path.name}.kfr-{os.getpid()}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(tmp)
        except FileExistsError:
            continue


_TEMP = re.compile(r"^\..+\.json\.kfr-(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")


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


def output_name(path: str, taken: Iterable[str] = ()) -> str:
    """`NAME.json` for input `.../NAME.txt` (`stdin.json` for '-'); `NAME-XXXXXXXX.json`
    when `taken` has that name already.

    XXXXXXXX is a digest of the input's absolute path, so `a/report.txt` and
    `b/report.txt` do not overwrite each other. Standard input is one input like a
    file: whatever it carries, it is `stdin.json`, and a rerun replaces it.
    """
    stem = "stdin" if path in (STDIN, "") else _SAFE.sub("_", Path(path).stem)[:100]
    stem = stem or "document"
    if f"{stem}.json" not in taken:
        return f"{stem}.json"
    digest = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{stem}-{digest[:8]}.json"


def _same_input(a: str, b: str) -> bool:
    if a == b:
        return True
    return STDIN not in (a, b) and os.path.abspath(a) == os.path.abspath(b)


_SAFE = re.compile(r"[^\w.\-]+")


class OutputDir(Writer):
    """`--out DIR`: one JSON file per document, written atomically; reruns skip what is done.

    A name belongs to the input whose record it holds: an input gets `NAME.json` unless
    another input of this run claimed it or the file there holds another input's
    record; then `NAME-XXXXXXXX.json`. So names do not shift between runs when inputs
    come and go, or fail on one run and not on the next.
    """

    def __init__(self, folder: Path, pipeline: str, force: bool = False) -> None:
        self.folder = folder
        self.pipeline = pipeline
        self.force = force
        self.skipped = 0
        self.names: dict[str, str] = {}  # input path -> output file name, for this run
        self._last: tuple[str, Any] = ("", None)  # the output file read last, parsed

    def open(self) -> OutputDir:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(self.folder)
        except OSError as exc:
            raise OutputError(f"cannot use {printable(str(self.folder))} as the output "
                              f"folder: {_reason(exc)}") from exc
        return self

    def path_for(self, path: str) -> Path:
        """The output file of `path`, claimed on first use so a later namesake gets another."""
        if path not in self.names:
            taken = set(self.names.values())
            name = output_name(path, taken)
            if not self._owned_by(name, path):
                name = output_name(path, taken | {name})
            self.names[path] = name
        return self.folder / self.names[path]

    def _owned_by(self, name: str, path: str) -> bool:
        """Whether the file `name` is free for `path`: absent, not a record, or its own."""
        previous = self._read(name)
        if not isinstance(previous, dict):
            return True
        owner = (previous.get("source") or {}).get("path")
        return not isinstance(owner, str) or _same_input(owner, path)

    def _read(self, name: str) -> Any:
        """The parsed JSON of an output file (None when absent or unreadable); the last one
        read is kept, since naming and `is_done` both look at the same file."""
        if self._last[0] != name:
            try:
                parsed = json.loads((self.folder / name).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                parsed = None
            self._last = (name, parsed)
        return self._last[1]

    def write(self, record: Record) -> None:
        target = self.path_for(record.source.path)
        self._last = ("", None)
        try:
            write_atomic(target, to_json(record, indent=2) + "\n")
        except OSError as exc:
            raise OutputError(f"cannot write {printable(str(target))}: {_reason(exc)}") from exc

    def is_done(self, raw: RawInput) -> bool:
        """True when the output holds an ok record of these very bytes by this pipeline."""
        if self.force or raw.data is None:
            return False
        sha = hashlib.sha256(raw.data).hexdigest()
        previous = self._read(self.path_for(raw.path).name)
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


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def schema() -> str:
    """The strict JSON Schema of a record (`schema.py`): every key required, no other key."""
    return json.dumps(strict_schema(), indent=2)
