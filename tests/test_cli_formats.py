"""The command line's output choices: csv tables, databases, html, and their usage errors."""

from __future__ import annotations

import csv
import io
import sqlite3
import sys

import pytest
from typer.testing import CliRunner

from kfr_extract import cli

GOOD = ("UNODC held a workshop in Nairobi, Kenya, on 3-4 May 2022 for 25 police officers.\n\n"
        "“We must act together,” said Mr. John Kamau, Director of the unit.\n")


@pytest.fixture
def run(nlp, monkeypatch, tmp_path):
    """`kfr-extract ARGS` with the session pipeline; returns the CliRunner result."""
    monkeypatch.setattr(cli.nlp_module, "build", lambda path=None, overrides=None: nlp)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return lambda *args: CliRunner().invoke(cli.app, list(args))


def test_csv_prints_the_chosen_table(run, tmp_path):
    result = run(str(tmp_path / "good.txt"), "-f", "csv", "--table", "places", "-q")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["name"], r["country_code"]) for r in rows} >= {("Nairobi", "KE"), ("Kenya", "KE")}


@pytest.mark.parametrize("args, message", [
    (["-f", "csv"], "needs --table"),
    (["-f", "json", "--table", "quotes"], "goes with --format csv"),
    (["-f", "csv", "--table", "nope"], "unknown table"),
])
def test_table_usage_errors(run, tmp_path, args, message):
    result = run(str(tmp_path / "good.txt"), *args)
    assert result.exit_code == 2 and message in result.stderr.replace("\n", " ")


def test_out_sqlite_writes_the_tables(run, tmp_path):
    db = tmp_path / "sub" / "kfr.sqlite"
    for _ in range(2):
        result = run(str(tmp_path / "good.txt"), "--out", str(db), "-q")
        assert result.exit_code == 0, result.stderr
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT COUNT(*) FROM documents").fetchone() == (1,)
    assert connection.execute("SELECT text, start FROM dates").fetchall() == [
        ("3-4 May 2022", "2022-05-03")]
    connection.close()


def test_an_unwritable_database_says_so_and_exits_2(run, tmp_path):
    (tmp_path / "file").write_text("x")
    result = run(str(tmp_path / "good.txt"), "--out", str(tmp_path / "file" / "kfr.sqlite"))
    assert result.exit_code == 2
    assert "cannot write the database" in result.stderr and "internal" not in result.stderr


def test_a_missing_dask_extra_says_what_to_install(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    result = run(str(tmp_path / "good.txt"), "--engine", "dask")
    assert result.exit_code == 2
    assert "pip install 'kfr-extract[dask]'" in result.stderr and "internal" not in result.stderr


def test_html_goes_to_stdout(run, tmp_path):
    result = run(str(tmp_path / "good.txt"), "-f", "html", "-q")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!doctype html>") and 'data-field="dates"' in result.stdout


def test_help_keeps_the_extra_in_the_install_hint():
    result = CliRunner().invoke(cli.app, ["--help"], env={"COLUMNS": "300"}, terminal_width=300)
    assert "pip install 'kfr-extract[dask]'" in result.stdout


def test_table_format_says_relative_not_none(run, tmp_path):
    (tmp_path / "rel.txt").write_text("Officials met today and again in recent years.\n")
    result = run(str(tmp_path / "rel.txt"), "-f", "table", "-q")
    assert "(None)" not in result.stdout and "relative" in result.stdout


@pytest.mark.parametrize("stderr_tty, stdout_tty, to_stdout, shown", [
    (True, False, True, True),    # records piped away: the spinner is alone on the terminal
    (True, True, True, False),    # records printed on the same terminal: it would draw over them
    (True, True, False, True),    # --out: nothing else on the terminal
    (False, False, True, False),  # no terminal at all
])
def test_the_spinner_never_draws_over_records(monkeypatch, stderr_tty, stdout_tty, to_stdout,
                                              shown):
    monkeypatch.setattr(sys, "stderr", _Tty(stderr_tty))
    monkeypatch.setattr(sys, "stdout", _Tty(stdout_tty))
    assert cli._show_progress(quiet=False, to_stdout=to_stdout) is shown
    assert cli._show_progress(quiet=True, to_stdout=to_stdout) is False


class _Tty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty
