"""SQLite and DuckDB: declared types, one transaction per batch, reruns replace rows."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from kfr_extract.errors import SetupError
from kfr_extract.write import tables
from kfr_extract.write.database import DatabaseWriter, is_database
from tests.conftest import REPO
from tests.sample_record import TEXT, sample_record

duckdb = pytest.importorskip("duckdb", reason="the [duckdb] extra (in the test extra)")
KINDS = ("sqlite", "duckdb")


def _connect(path: Path):
    return duckdb.connect(str(path)) if path.suffix == ".duckdb" else sqlite3.connect(path)


def _write(path: Path, records) -> None:
    with DatabaseWriter(path) as writer:
        for record in records:
            writer.write(record)


def _count(path: Path, table: str) -> int:
    connection = _connect(path)
    try:
        return connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        connection.close()


def _query(path: Path, sql: str) -> list[tuple]:
    connection = _connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def readme_queries() -> list[str]:
    """The three SQL queries of the README's "Tables and databases" section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Tables and databases", 1)[1].split("\n## ", 1)[0]
    queries = re.findall(r"```sql\n(.*?)```", section, flags=re.S)
    assert len(queries) == 3, "the README shows three queries"
    return queries


def _rounded(rows: list[tuple]) -> list[tuple]:
    """Rows comparable across engines: floats that are whole become ints, NULLs sort first."""
    def norm(v):
        return int(v) if isinstance(v, float) and v.is_integer() else v
    return sorted((tuple(norm(v) for v in row) for row in rows),
                  key=lambda row: [(v is not None, str(v)) for v in row])


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_batch_makes_every_table_with_declared_types(tmp_path, kind):
    path = tmp_path / f"empty.{kind}"
    _write(path, [])
    connection = _connect(path)
    info = {row[1]: row[2] for row in connection.execute("PRAGMA table_info('dates')").fetchall()}
    connection.close()
    assert info["start"] in ("TEXT", "VARCHAR") and info["relative"] in ("INTEGER", "BOOLEAN")
    assert info["start_char"] in ("INTEGER", "BIGINT")
    for name in tables.table_names():
        assert _count(path, name) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_a_rerun_replaces_rows_and_never_duplicates(tmp_path, kind):
    path = tmp_path / f"kfr.{kind}"
    first = sample_record(path="docs/a.txt", sha="a" * 64)
    second = sample_record(path="docs/b.txt", sha="b" * 64)
    _write(path, [first, second])
    _write(path, [first])  # a rerun of one document
    layout = tables.layout(type(first))
    for name, table in layout.items():
        expected = 2 * len(list(table.rows(first)))
        assert _count(path, name) == expected, name
    assert _count(path, "incidents") == 4 and _count(path, "money") == 4


@pytest.mark.parametrize("kind", KINDS)
def test_an_edited_file_replaces_its_old_rows(tmp_path, kind):
    path = tmp_path / f"kfr.{kind}"
    _write(path, [sample_record(path="docs/a.txt", sha="a" * 64)])
    edited = TEXT.replace("Kaduna kidnapping", "Kaduna kidnaping")
    _write(path, [sample_record(path="docs/a.txt", sha="c" * 64, text=edited)])
    assert _query(path, "SELECT DISTINCT sha256 FROM dates") == [("c" * 64,)]
    assert _query(path, "SELECT text FROM documents") == [(edited,)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_batch_leaves_the_database_as_it_was(tmp_path, kind):
    path = tmp_path / f"kfr.{kind}"
    _write(path, [sample_record(path="docs/a.txt", sha="a" * 64)])
    with pytest.raises(RuntimeError), DatabaseWriter(path) as writer:
        writer.write(sample_record(path="docs/b.txt", sha="b" * 64))
        raise RuntimeError("killed mid-batch")
    assert _query(path, "SELECT DISTINCT path FROM documents") == [("docs/a.txt",)]


def test_sqlite_tables_are_strict(tmp_path):
    path = tmp_path / "kfr.sqlite"
    _write(path, [])
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.Error):
        connection.execute("INSERT INTO dates (path, item, start_char) VALUES ('x', 0, 'late')")
    connection.close()


def test_an_older_table_gains_the_new_columns(tmp_path):
    path = tmp_path / "kfr.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE places (path TEXT, sha256 TEXT, item INTEGER) STRICT")
    connection.commit()
    connection.close()
    _write(path, [sample_record()])
    assert _query(path, "SELECT name, country_code FROM places WHERE mention = 1") == \
        [("Kaduna", "NG")]


def test_an_unwritable_or_foreign_file_is_a_setup_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SetupError, match="cannot write the database"):
        _write(blocker / "kfr.sqlite", [])
    notes = tmp_path / "notes.sqlite"
    notes.write_text("these are notes, not a database " * 100)
    with pytest.raises(SetupError, match=r"notes\.sqlite"):
        _write(notes, [])


def test_database_suffixes():
    assert is_database(Path("a/kfr.sqlite")) and is_database(Path("kfr.DUCKDB"))
    assert not is_database(Path("outputs")) and not is_database(Path("out.json"))


@pytest.mark.parametrize("kind", KINDS)
def test_readme_queries_on_records_written_for_the_test(tmp_path, kind):
    path = tmp_path / f"kfr.{kind}"
    _write(path, [sample_record(path="docs/a.txt", sha="a" * 64),
                  sample_record(path="docs/b.txt", sha="b" * 64)])
    police, by_country, ransoms = readme_queries()
    assert _query(path, police) == [
        ("Ade Bello", "spokesman", "Kaduna Police Command", "We paid $2,000 on 2 June 2024,")] * 2
    assert _rounded(_query(path, by_country)) == _rounded(
        [("NG", "held", 2, 24), ("NG", "released", 2, 6)])
    assert _rounded(_query(path, ransoms)) == _rounded(
        [("NGN", "ransom_demanded", 2, 10_000_000, 5_000_000),
         ("USD", "ransom_paid", 2, 4000, 2000)])


# --- the real dev set ------------------------------------------------------------------


def _expected_rows(records: list[dict], table: tables.Table) -> int:
    """Items counted in the JSON records themselves: a mention is a row where items have them."""
    if table.name == "documents":
        return len(records)
    total = 0
    for record in records:
        parent, _, name = table.source.rpartition(".")
        holder = (record.get(parent) or {}) if parent else record
        for item in holder.get(name) or []:
            total += len(item["mentions"]) if "mentions" in item else 1
    return total


def _police_quotes(records: list[dict]) -> list[tuple]:
    rows = []
    for record in records:
        speakers = {s["name"]: s for s in record["speakers"] or []}
        for quote in sorted(record["quotes"] or [], key=lambda q: q["start_char"]):
            speaker = speakers.get(quote["speaker"]) or {}
            if "Police" in (speaker.get("organization") or ""):
                rows.append((speaker["name"], speaker["title"], speaker["organization"],
                             quote["text"]))
    return rows


def _group(records: list[dict], field: str, keys: tuple[str, ...], where=lambda item: True,
           sums: tuple[str, ...] = ()) -> list[tuple]:
    groups: dict[tuple, list] = {}
    for record in records:
        for item in record.get(field) or []:
            if where(item):
                groups.setdefault(tuple(item[k] for k in keys), []).append(item)
    return [(*key, len(items), *[_sum(items, s) for s in sums]) for key, items in groups.items()]


def _sum(items: list[dict], key: str):
    values = [i[key] for i in items if i[key] is not None]
    return sum(values) if values else None


@pytest.mark.parametrize("kind", KINDS)
def test_the_dev_set_twice_row_counts_and_readme_queries(tmp_path, eval_records, kind):
    dev = [r for r in eval_records if "/eval/dev/" in r.source.path]
    assert len(dev) >= 20
    path = tmp_path / f"dev.{kind}"
    _write(path, dev)
    _write(path, dev)  # a rerun
    records = [json.loads(r.model_dump_json()) for r in dev]
    for table in tables.layout().values():
        assert _count(path, table.name) == _expected_rows(records, table), table.name
    police, by_country, ransoms = readme_queries()
    expected = _police_quotes(records)
    assert expected, "the dev set has quotes by police officials"
    assert _query(path, police) == expected
    if "incidents" in tables.layout():
        assert _rounded(_query(path, by_country)) == _rounded(_group(
            records, "incidents", ("country_code", "outcome"), sums=("victims",)))
    if "money" in tables.layout():
        largest = _group(records, "money", ("currency", "role"),
                         where=lambda m: m["role"] in ("ransom_demanded", "ransom_paid"),
                         sums=("value",))
        maxima = {(m["currency"], m["role"]): m["value"] for r in records
                  for m in sorted(r.get("money") or [], key=lambda m: m["value"])}
        assert _rounded(_query(path, ransoms)) == _rounded(
            [(*row, maxima[row[:2]]) for row in largest])
    if "incidents" not in tables.layout() or "money" not in tables.layout():
        pytest.skip("row counts and the quotes query checked; the incidents and money "
                    "queries need Record fields that are being added in parallel")
