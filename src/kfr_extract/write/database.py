"""`--out FILE.sqlite` / `--out FILE.duckdb`: the flat tables (`tables.py`) in a database.

Columns are declared from the model (SQLite tables are STRICT, so a value of the
wrong type is refused rather than stored), never guessed from the data. A batch
is one transaction: it lands whole or not at all. A document is known by its
bytes: writing it again (a rerun) first deletes every row with its `sha256`, or
with its `path` (the file was edited), so rows are replaced, never duplicated.
A table made by an older version gains the columns it lacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kfr_extract.errors import SetupError
from kfr_extract.models import Record
from kfr_extract.write.tables import Table, layout

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
DUCKDB_SUFFIXES = (".duckdb",)

_TYPES = {
    "sqlite": {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "boolean": "INTEGER"},
    "duckdb": {"text": "VARCHAR", "integer": "BIGINT", "real": "DOUBLE", "boolean": "BOOLEAN"},
}


def is_database(path: Path) -> bool:
    """True when `--out` names a database file rather than a folder."""
    return path.suffix.lower() in SQLITE_SUFFIXES + DUCKDB_SUFFIXES


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DatabaseWriter:
    """Writes every record's rows into one database file, in one transaction per batch."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = "duckdb" if path.suffix.lower() in DUCKDB_SUFFIXES else "sqlite"
        self.connection: Any = None
        self._ready: set[str] = set()

    def __enter__(self) -> DatabaseWriter:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = self._connect()
            self._execute("BEGIN")
            for table in layout().values():
                self._create(table)
        except SetupError:
            raise
        except Exception as exc:
            self._close()
            raise SetupError(f"cannot write the database {self.path}: {exc}") from exc
        return self

    def _connect(self) -> Any:
        if self.kind == "duckdb":
            try:
                import duckdb
            except ImportError as exc:
                raise SetupError("writing a .duckdb file needs the optional extra: "
                                 "pip install 'kfr-extract[duckdb]'") from exc
            return duckdb.connect(str(self.path))
        import sqlite3

        # Autocommit mode: the transaction is ours (BEGIN in __enter__, COMMIT in __exit__).
        return sqlite3.connect(self.path, isolation_level=None)

    def _execute(self, sql: str, params: tuple = ()) -> Any:
        return self.connection.execute(sql, params)

    def _create(self, table: Table) -> None:
        """Create the table, or add the columns an older layout lacked."""
        types = _TYPES[self.kind]
        name = _quote(table.name)
        columns = ", ".join(f"{_quote(c.name)} {types[c.type]}" for c in table.columns)
        strict = " STRICT" if self.kind == "sqlite" else ""
        self._execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns}){strict}")
        have = {d[0] for d in self._execute(f"SELECT * FROM {name} LIMIT 0").description}
        for c in table.columns:
            if c.name not in have:
                self._execute(f"ALTER TABLE {name} ADD COLUMN {_quote(c.name)} {types[c.type]}")
        if self.kind == "sqlite":  # DuckDB scans fast enough without them
            for key in ("sha256", "path"):
                self._execute(f"CREATE INDEX IF NOT EXISTS {_quote(table.name + '_' + key)} "
                              f"ON {name} ({key})")
        self._ready.add(table.name)

    def write(self, record: Record) -> None:
        tables = layout(type(record))
        for table in tables.values():
            if table.name not in self._ready:  # a record model with more fields than Record
                self._create(table)
            self._execute(f"DELETE FROM {_quote(table.name)} WHERE sha256 = ? OR path = ?",
                          (record.source.sha256, record.source.path))
            rows = list(table.rows(record))
            if rows:
                marks = ", ".join("?" for _ in table.columns)
                names = ", ".join(_quote(c.name) for c in table.columns)
                self.connection.executemany(
                    f"INSERT INTO {_quote(table.name)} ({names}) VALUES ({marks})", rows)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.connection is None:
            return
        try:
            self._execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._close()

    def _close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
