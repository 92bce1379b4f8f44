"""The `kfr-extract` command: arguments in, records out. All the work is in the library."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kfr_extract import __version__, nlp as nlp_module, pipeline, write
from kfr_extract.errors import ModelNotInstalled
from kfr_extract.extract import FIELDS
from kfr_extract.load import DEFAULT_MAX_BYTES
from kfr_extract.models import Record

err = Console(stderr=True)
app = typer.Typer(add_completion=False, rich_markup_mode="rich")

EPILOG = (
    "Examples:  kfr-extract seeds/  ·  kfr-extract report.txt --format table  ·  "
    "kfr-extract reports/ --format jsonl > out.jsonl  ·  kfr-extract - < report.txt  ·  "
    "kfr-extract reports/ --out outputs/  ·  kfr-extract --schema"
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kfr-extract {__version__}")
        raise typer.Exit()


def _schema(value: bool) -> None:
    if value:
        typer.echo(write.schema())
        raise typer.Exit()


@app.command(epilog=EPILOG)
def extract(
    paths: Annotated[Optional[list[str]], typer.Argument(  # noqa: UP045 (typer needs Optional)
        help="Files or folders (searched recursively) to read; '-' reads standard input. "
        "Example: kfr-extract seeds/ report.txt", show_default=False)] = None,
    fmt: Annotated[write.Format, typer.Option(
        "--format", "-f", help="json: one JSON array; jsonl: one record per line, written as "
        "each document finishes; table: rich panels for a person. Example: --format jsonl")] = "json",
    out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--out", "-o", help="Write one NAME.json per document into this folder (atomically) "
        "instead of printing records. Example: --out outputs/", file_okay=False)] = None,
    text_only: Annotated[bool, typer.Option(
        "--text-only", help="Print only the repaired text of each document (no parsing). "
        "Example: kfr-extract bad.txt --text-only > fixed.txt")] = False,
    fields: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--fields", help=f"Comma-separated fields to extract (default all: {','.join(FIELDS)}). "
        "Example: --fields dates,places")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Processes that parse in parallel; output keeps input "
        "order. Example: --workers 2")] = 1,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse (with an error record) inputs larger than this. "
        "Example: --max-bytes 10000000")] = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no summary line on stderr.")] = False,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show full tracebacks for unexpected failures.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    schema: Annotated[bool, typer.Option(
        "--schema", callback=_schema, is_eager=True,
        help="Print the JSON Schema of a record and exit. Example: kfr-extract --schema")] = False,
) -> None:
    """Extract dates, places, counts, organizations, speakers, quotes and the event from
    kidnap-for-ransom and counter-terrorism reports, as JSON records (one per document)
    whose every item points at the exact characters it came from.

    Exit codes: 0 every document ok, 1 some document failed, 2 usage error.
    """
    if not paths:
        raise typer.BadParameter("give at least one file, folder or '-'", param_hint="PATHS")
    try:
        failed, total = _run(paths, fmt, out, text_only, fields, workers, max_bytes, quiet)
    except ModelNotInstalled as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except Exception as exc:
        if debug:
            raise
        err.print(f"[red]internal error:[/red] {type(exc).__name__}: {exc} (rerun with --debug)")
        raise typer.Exit(1) from None
    if total == 0:
        err.print("[red]error:[/red] no documents found in " + ", ".join(paths))
        raise typer.Exit(1)
    if not quiet:
        err.print(f"{total - failed} documents ok, {failed} failed")
    raise typer.Exit(1 if failed else 0)


def _run(paths: list[str], fmt: str, out: Path | None, text_only: bool, fields: str | None,
         workers: int, max_bytes: int, quiet: bool) -> tuple[int, int]:
    """Stream records to their destination; return (failed, total)."""
    if text_only:
        return _print_texts(paths, max_bytes)
    overrides = {}
    if fields:
        overrides["components.kfr_extract.fields"] = [f.strip() for f in fields.split(",")]
    nlp = nlp_module.build(overrides=overrides)
    records = pipeline.extract_paths(paths, nlp=nlp, workers=workers, max_bytes=max_bytes)
    failed = total = 0
    show_progress = not quiet and sys.stderr.isatty()
    with _progress(show_progress) as progress, _sink(fmt, out) as sink:
        task = progress.add_task("extracting", total=None) if progress else None
        for record in records:
            total += 1
            if record.error:
                failed += 1
                err.print(f"[red]error[/red] {record.error.type}: {record.error.message}",
                          highlight=False)
            sink(record)
            if progress:
                progress.update(task, advance=1, description=record.source.path)
    return failed, total


def _print_texts(paths: list[str], max_bytes: int) -> tuple[int, int]:
    from kfr_extract.load import iter_inputs

    failed = total = 0
    for raw in iter_inputs(paths, max_bytes=max_bytes):
        total += 1
        prepared = pipeline.prepare(raw)
        if prepared.error:
            failed += 1
            err.print(f"[red]error[/red] {prepared.error.type}: {prepared.error.message}")
        else:
            sys.stdout.write(prepared.text)
    return failed, total


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    return Progress(SpinnerColumn(), TextColumn("{task.completed} documents"),
                    TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                    transient=True)


class _sink:
    """Where each record goes: a stdout writer, or one file per record in `out`."""

    def __init__(self, fmt: str, out: Path | None) -> None:
        self.out = out
        self.writer = None if out else write.WRITERS[fmt](sys.stdout)

    def __enter__(self):
        if self.writer:
            self.writer.__enter__()
            return self.writer.write
        return self._to_file

    def _to_file(self, record: Record) -> None:
        assert self.out is not None
        write.write_atomic(self.out / write.output_name(record), write.to_json(record, indent=2))

    def __exit__(self, *exc: object) -> None:
        if self.writer:
            self.writer.__exit__(*exc)


def main() -> None:
    app()
