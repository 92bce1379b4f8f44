"""`--out DIR`: one JSON file per record, written atomically, and what a rerun may skip."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kfr_extract.errors import OutputError
from kfr_extract.load import STDIN, RawInput, printable
from kfr_extract.models import Record
from kfr_extract.write.base import Writer, to_json


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


