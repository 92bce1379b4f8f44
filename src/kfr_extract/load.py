"""Input paths -> raw bytes, one `RawInput` per document, in a stable order.

Folders are walked recursively (sorted, hidden entries skipped, symlinked
folders not followed, so a symlink loop cannot trap the walk). Reading never
raises: a path that cannot be read becomes a `RawInput` carrying its error, so
the batch goes on and the document still gets a record.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kfr_extract.errors import KfrError

STDIN = "-"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class RawInput:
    path: str
    data: bytes | None = None
    error: KfrError | None = None


def iter_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput]:
    """Yield one `RawInput` per document found under `paths`."""
    for given in paths:
        if given == STDIN:
            yield _read_stdin(max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            yield from (_read_file(p, max_bytes) for p in walk_folder(path))
        else:
            yield _read_file(path, max_bytes)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Regular files under `folder`, depth first, sorted, skipping hidden names."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                candidate = Path(root) / name
                if candidate.is_file():
                    yield candidate


def _read_file(path: Path, max_bytes: int) -> RawInput:
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise KfrError(
                "too_large", f"{shown}: {size:,} bytes is over the limit of {max_bytes:,} bytes"
            )
        return RawInput(shown, data=path.read_bytes())
    except KfrError as err:
        return RawInput(shown, error=err)
    except FileNotFoundError:
        return RawInput(shown, error=KfrError("not_found", f"{shown}: no such file or folder"))
    except PermissionError:
        return RawInput(shown, error=KfrError("permission_denied", f"{shown}: permission denied"))
    except IsADirectoryError:
        return RawInput(shown, error=KfrError("not_text", f"{shown}: is a folder, not a file"))
    except OSError as err:
        return RawInput(shown, error=KfrError("not_found", f"{shown}: cannot read ({err.strerror})"))


def _read_stdin(max_bytes: int) -> RawInput:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return RawInput(
            STDIN, error=KfrError("too_large", f"<stdin>: over the limit of {max_bytes:,} bytes")
        )
    return RawInput(STDIN, data=data)
