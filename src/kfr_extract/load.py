"""Input paths -> raw bytes, one `RawInput` per document, in a stable order.

Folders are walked recursively (sorted, hidden entries skipped, symlinked
folders not followed, so a symlink loop cannot trap the walk). A walk reads the
document types (the extensions the readers in `formats` know) and skips other files,
reporting each to `on_skip`; `Selection` globs change that. A file named by its own
path is always read, whatever its name: the bytes decide its format. Every other entry
of a folder that is not skipped is an input: a dangling link, a link loop, a FIFO or a
file deleted before it is read gets an error record, never silence. Reading never
raises: a path that cannot be read becomes a `RawInput` carrying its error, so the
batch goes on and the document still gets a record. Reads are bounded by `max_bytes`
(a file that grows after `stat` cannot blow memory up, and a huge limit is not
allocated up front), and only regular files are opened (a FIFO or device would
block or never end).

Paths are text everywhere after this module (`path_text`): a file name's bytes
read as UTF-8, a byte that is not UTF-8 written `\\xHH` and a backslash doubled,
so the form is valid JSON and still tells every name apart. Messages also show
control characters escaped (`printable`): a name cannot forge a line on stderr.
"""

from __future__ import annotations

import errno
import os
import re
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
# Read in steps of this size: a --max-bytes of 100 GB must not allocate 100 GB up front.
READ_STEP = 8 * 1024 * 1024


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


def path_text(path: str) -> str:
    """A file system path as valid Unicode that still tells every name apart.

    Python hands undecodable bytes of a name over as lone surrogates, which JSON
    cannot carry: each becomes `\\xHH`. On POSIX a backslash is an ordinary
    character of a name, so it is doubled, and `\\x` cannot be mistaken for a byte.
    """
    if os.sep == "/":
        path = path.replace("\\", "\\\\")
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a surrogate that does not stand for a byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


# Control characters (C0, DEL, C1), line and paragraph separators, bidirectional
# overrides and isolates, lone surrogates: invisible or harmful on a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` for one line on a terminal: unprintable characters as `\\xHH` / `\\uHHHH`."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_name(path: str) -> str:
    """How messages name an input: its path (printable), or '<stdin>' for '-'."""
    return STDIN_NAME if path == STDIN else printable(path)


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
        for name in sorted(files):  # links, FIFOs and the like too: `read_file` says why not
            if not name.startswith("."):
                yield Path(root) / name


def _walk_errors(failures: list[OSError]) -> Iterator[RawInput]:
    """One error input per failure collected so far, emptying the list."""
    while failures:
        err = failures.pop(0)
        shown = path_text(os.fsdecode(err.filename)) if err.filename is not None else "?"
        yield RawInput(shown, error=_os_error(shown, err, folder=True))


def read_file(path: Path, max_bytes: int) -> RawInput:
    """The bytes of one file, or the reason they cannot be had (never raises)."""
    shown = path_text(str(path))
    name = display_name(shown)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise KfrError("not_text", f"{name}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise KfrError("not_text", f"{name}: not a regular file (a pipe, socket or device)")
        if info.st_size > max_bytes:
            raise KfrError("too_large", _too_large(name, max_bytes, info.st_size))
        with path.open("rb") as handle:
            return RawInput(shown, data=_bounded_read(handle, name, max_bytes))
    except KfrError as err:
        return RawInput(shown, error=err)
    except OSError as err:
        return RawInput(shown, error=_os_error(shown, err, dangling=_is_link(path)))


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _os_error(shown: str, err: OSError, folder: bool = False,
              dangling: bool = False) -> KfrError:
    """The record error for an OS failure, in plain words."""
    what = "folder" if folder else "file"
    shown = display_name(shown)
    if isinstance(err, FileNotFoundError) and dangling:
        return KfrError("not_found", f"{shown}: a symbolic link to a file that does not exist")
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
    return KfrError("read_failed", f"{shown}: the {what} could not be read ({reason})")


def _bounded_read(handle: BinaryIO, shown: str, max_bytes: int) -> bytes:
    """At most `max_bytes` (more is an error), read in steps: memory follows the data."""
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes:
        part = handle.read(min(READ_STEP, max_bytes + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    if size > max_bytes:
        raise KfrError("too_large", _too_large(shown, max_bytes))
    return b"".join(parts)


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
