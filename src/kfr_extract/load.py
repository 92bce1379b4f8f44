"""Input paths -> raw bytes, one `RawInput` per document, in a stable order.

Folders are walked recursively (sorted, hidden entries skipped, symlinked
folders not followed, so a symlink loop cannot trap the walk). A walk reads the
document types (the extensions the readers in `formats` know) and skips other files,
reporting each to `on_skip`; `Selection` globs change that. A file named by its own
path is always read, whatever its name: the bytes decide its format. Reading never
raises: a path that cannot be read becomes a `RawInput` carrying its error, so
the batch goes on and the document still gets a record. Reads are bounded by
`max_bytes` (a file that grows after `stat` cannot blow memory up), and only
regular files are opened (a FIFO or device would block or never end).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from kfr_extract.errors import KfrError
from kfr_extract.formats import document_extensions

STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class RawInput:
    path: str
    data: bytes | None = None
    error: KfrError | None = None


@dataclass(frozen=True)
class Selection:
    """Which files a folder walk reads.

    `include`: globs; when given, a file is read only if one matches (instead of the
    document types). `exclude`: globs; a file that matches one is skipped, always.
    A glob matches a file's name or its path below the folder walked ('*.md', 'drafts/*').
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, path: Path, folder: Path) -> bool:
        below = path.relative_to(folder).as_posix()

        def matches(globs: tuple[str, ...]) -> bool:
            return any(fnmatch(path.name, glob) or fnmatch(below, glob) for glob in globs)

        if matches(self.exclude):
            return False
        if self.include:
            return matches(self.include)
        return path.suffix.lower() in document_extensions()


ALL_DOCUMENTS = Selection()


def display_name(path: str) -> str:
    """How messages name an input: its path, or '<stdin>' for '-'."""
    return STDIN_NAME if path == STDIN else path


def iter_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                selection: Selection = ALL_DOCUMENTS,
                on_skip: Callable[[Path], None] | None = None) -> Iterator[RawInput]:
    """Yield one `RawInput` per document found under `paths`.

    Files of a folder that `selection` does not want are passed to `on_skip` instead.
    """
    for given in paths:
        if given == STDIN:
            yield _read_stdin(max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            yield from walk_inputs(path, max_bytes, selection, on_skip)
        else:
            yield read_file(path, max_bytes)


def walk_inputs(folder: Path, max_bytes: int, selection: Selection = ALL_DOCUMENTS,
                on_skip: Callable[[Path], None] | None = None) -> Iterator[RawInput]:
    """Documents under `folder`; an unreadable subfolder becomes one error input.

    `os.walk` reports such a folder while it looks for the next file, so the error
    input comes right after that file (or at the end).
    """
    failures: list[OSError] = []
    for candidate in _walk(folder, failures.append):
        if selection.wants(candidate, folder):
            yield read_file(candidate, max_bytes)
        elif on_skip is not None:
            on_skip(candidate)
        yield from _walk_errors(failures)
    yield from _walk_errors(failures)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Regular files under `folder`, depth first, sorted, skipping hidden names."""
    return _walk(folder, lambda _err: None)


def _walk(folder: Path, on_error) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                candidate = Path(root) / name
                if candidate.is_file():  # follows file links; skips dangling ones and loops
                    yield candidate


def _walk_errors(failures: list[OSError]) -> Iterator[RawInput]:
    """One error input per failure collected so far, emptying the list."""
    while failures:
        err = failures.pop(0)
        shown = str(err.filename or "?")
        yield RawInput(shown, error=_os_error(shown, err, folder=True))


def read_file(path: Path, max_bytes: int) -> RawInput:
    """The bytes of one file, or the reason they cannot be had (never raises)."""
    shown = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise KfrError("not_text", f"{shown}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise KfrError("not_text", f"{shown}: not a regular file (a pipe, socket or device)")
        if info.st_size > max_bytes:
            raise KfrError("too_large", _too_large(shown, max_bytes, info.st_size))
        with path.open("rb") as handle:
            return RawInput(shown, data=_bounded_read(handle, shown, max_bytes))
    except KfrError as err:
        return RawInput(shown, error=err)
    except OSError as err:
        return RawInput(shown, error=_os_error(shown, err))


def _os_error(shown: str, err: OSError, folder: bool = False) -> KfrError:
    """The record error for an OS failure, in plain words."""
    what = "folder" if folder else "file"
    if isinstance(err, FileNotFoundError):
        return KfrError("not_found", f"{shown}: no such file or folder")
    if isinstance(err, PermissionError):
        return KfrError("permission_denied",
                        f"{shown}: permission denied (this user may not read the {what})")
    if err.errno == errno.ELOOP:
        return KfrError("not_found", f"{shown}: a symbolic link loop, no {what} behind it")
    if isinstance(err, IsADirectoryError):
        return KfrError("not_text", f"{shown}: is a folder, not a file")
    reason = err.strerror or type(err).__name__
    return KfrError("not_found", f"{shown}: cannot read the {what} ({reason})")


def _bounded_read(handle: BinaryIO, shown: str, max_bytes: int) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise KfrError("too_large", _too_large(shown, max_bytes))
    return data


def _too_large(shown: str, max_bytes: int, size: int | None = None) -> str:
    have = f"{size:,} bytes is" if size is not None else "the input is"
    return (f"{shown}: {have} over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)")


def _read_stdin(max_bytes: int) -> RawInput:
    try:
        return RawInput(STDIN, data=_bounded_read(sys.stdin.buffer, STDIN_NAME, max_bytes))
    except KfrError as err:
        return RawInput(STDIN, error=err)
    except (OSError, AttributeError, ValueError) as err:  # closed or missing stdin
        message = f"{STDIN_NAME}: standard input cannot be read ({err})"
        return RawInput(STDIN, error=KfrError("not_found", message))
