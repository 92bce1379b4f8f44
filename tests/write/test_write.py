"""Output files: atomic, uniquely named, and recognised on a rerun."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys

import pytest
from rich.console import Console

from kfr_extract import write
from kfr_extract.errors import OutputError
from kfr_extract.load import RawInput
from kfr_extract.models import Error, Quote, Record, Source


def record(path: str, data: bytes = b"text", pipeline: str = "v1", status: str = "ok") -> Record:
    import hashlib

    source = Source(path=path, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    if status == "error":
        return Record(source=source, status="error", pipeline=pipeline,
                      error=Error(type="empty", message=f"{path}: the file is empty"))
    return Record(source=source, text=data.decode(), pipeline=pipeline)


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "a.json"
    write.write_atomic(target, "first")
    write.write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    write.write_atomic(target, "old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def _dead_pid() -> str:
    return subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_stale_temps_of_dead_processes_are_removed(tmp_path):
    dead = _dead_pid()
    stale = tmp_path / f".a.json.kfr-{dead}.0a1b2c3d.tmp"
    live = tmp_path / f".b.json.kfr-{os.getpid()}.0a1b2c3d.tmp"
    other = tmp_path / ".notes.tmp"
    for path in (stale, live, other):
        path.write_text("partial")
    assert write.remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and live.exists() and other.exists()


def test_a_users_file_that_looks_like_a_temp_is_kept(tmp_path):
    """Issue 14 #8: `.notes.99999.backup.tmp` (a dead pid in it) is not ours to delete."""
    dead = _dead_pid()
    mine = [tmp_path / f".notes.{dead}.backup.tmp", tmp_path / f".a.json.{dead}.x1y2.tmp",
            tmp_path / f".a.txt.kfr-{dead}.0a1b2c3d.tmp"]
    for path in mine:
        path.write_text("the user's")
    out = write.OutputDir(tmp_path, "v1").open()
    out.write(record("a.txt"))
    assert all(p.read_text() == "the user's" for p in mine)


def test_output_files_follow_the_umask(tmp_path):
    """Issue 14 #13: not mkstemp's 0600, but 0666 less the umask, like `>` would give."""
    previous = os.umask(0o022)
    try:
        write.write_atomic(tmp_path / "a.json", "x")
        os.umask(0o027)
        write.write_atomic(tmp_path / "b.json", "x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o640


def test_output_names_are_the_input_stem_unless_taken(tmp_path, monkeypatch):
    assert write.output_name("a/report.txt") == "report.json"
    second = write.output_name("b/report.txt", taken=["report.json"])
    assert second.startswith("report-") and second.endswith(".json")
    monkeypatch.chdir(tmp_path)
    assert write.output_name(str(tmp_path / "x" / "r.txt"), taken=["r.json"]) == \
        write.output_name("x/r.txt", taken=["r.json"])
    assert write.output_name("-") == "stdin.json"
    assert write.output_name("weird name [1].txt") == "weird_name_1_.json"


def test_output_dir_gives_each_input_path_one_stable_name(tmp_path):
    out = write.OutputDir(tmp_path, "v1")
    first, second = out.path_for("a/report.txt"), out.path_for("b/report.txt")
    assert first.name == "report.json" and second.name.startswith("report-")
    assert out.path_for("a/report.txt") == first


def test_a_name_stays_with_its_input_across_runs(tmp_path):
    """Issue 14 #9: the first run gave b/report.txt `report.json`; a rerun in which
    a/report.txt comes first must not take that name (nor overwrite b's record)."""
    first = write.OutputDir(tmp_path, "v1").open()
    first.write(record("b/report.txt", b"beta"))
    second = write.OutputDir(tmp_path, "v1").open()
    assert second.path_for("a/report.txt").name != "report.json"
    assert second.path_for("b/report.txt").name == "report.json"
    assert second.is_done(RawInput("b/report.txt", data=b"beta"))


def test_stdin_keeps_one_name_whether_it_failed_or_not(tmp_path):
    """Issue 14 #9: a failed stdin and a good one are one input, one file; an input file
    named like stdin's output does not overwrite it."""
    out = write.OutputDir(tmp_path, "v1").open()
    out.write(record("-", b"", status="error"))
    again = write.OutputDir(tmp_path, "v1").open()
    again.write(record("-", b"now readable"))
    again.write(record("docs/stdin.txt", b"a file"))
    files = {p.name: json.loads(p.read_text())["source"]["path"] for p in tmp_path.glob("*.json")}
    assert files["stdin.json"] == "-"
    assert sorted(files.values()) == ["-", "docs/stdin.txt"]


def test_an_unusable_output_folder_is_an_output_error(tmp_path):
    """Issue 14 #16: a file where the folder should be is said as such, not 'internal'."""
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match=r"cannot use .*file/out as the output folder"):
        write.OutputDir(tmp_path / "file" / "out", "v1").open()


def test_a_full_disk_names_the_output_file(tmp_path, monkeypatch):
    out = write.OutputDir(tmp_path, "v1").open()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write .*a\.json: No space left on device"):
        out.write(record("a.txt"))


def test_is_done_needs_same_bytes_same_pipeline_and_ok(tmp_path):
    out = write.OutputDir(tmp_path, "v1").open()
    out.write(record("docs/a.txt", b"alpha"))
    out.write(record("docs/b.txt", b"beta", status="error"))
    assert out.is_done(RawInput("docs/a.txt", data=b"alpha"))
    assert not out.is_done(RawInput("docs/a.txt", data=b"alpha, edited"))
    assert not out.is_done(RawInput("docs/b.txt", data=b"beta"))  # errors are retried
    assert not out.is_done(RawInput("docs/c.txt", data=b"alpha"))  # never written
    assert not write.OutputDir(tmp_path, "v2").is_done(RawInput("docs/a.txt", data=b"alpha"))
    assert not write.OutputDir(tmp_path, "v1", force=True).is_done(
        RawInput("docs/a.txt", data=b"alpha"))


def test_a_corrupt_output_file_is_redone(tmp_path):
    out = write.OutputDir(tmp_path, "v1").open()
    out.path_for("docs/a.txt").write_text("{ not json")
    assert not out.is_done(RawInput("docs/a.txt", data=b"alpha"))


def test_unfinished_counts_skips(tmp_path):
    out = write.OutputDir(tmp_path, "v1").open()
    out.write(record("a.txt", b"alpha"))
    todo = list(out.unfinished([RawInput("a.txt", data=b"alpha"), RawInput("b.txt", data=b"x")]))
    assert [r.path for r in todo] == ["b.txt"] and out.skipped == 1


def test_json_array_is_valid_even_when_empty_or_interrupted():
    stream = io.StringIO()
    with write.JsonArrayWriter(stream):
        pass
    assert json.loads(stream.getvalue()) == []
    stream = io.StringIO()
    with pytest.raises(KeyboardInterrupt), write.JsonArrayWriter(stream) as writer:
        writer.write(record("a.txt"))
        raise KeyboardInterrupt
    assert len(json.loads(stream.getvalue())) == 1


def test_table_shows_document_text_that_looks_like_markup_verbatim():
    """Issue 14 #3: a title `Report [/bold] on Nairobi` raised MarkupError; `[bold]` vanished."""
    title = "Report [/bold] on Nairobi"
    said = "[bold]now[/bold] [link=http://x]here[/link]"
    text = f"{title}\n“{said}”"
    start = text.index(said)
    rec = Record(source=Source(path="r.txt"), title=title, text=text, quotes=[
        Quote(text=said, start_char=start, end_char=start + len(said), speaker=None)])
    with write.TableWriter(io.StringIO()) as writer:
        writer.write(rec)  # no MarkupError
    wide = Console(file=io.StringIO(), width=200)
    wide.print(write.render(rec))
    shown = wide.file.getvalue()
    assert title in shown and said in shown


def test_table_shows_file_names_with_brackets_verbatim():
    stream = io.StringIO()
    rec = record("[bold]x[/bold].txt", status="error")
    with write.TableWriter(stream) as writer:
        writer.write(rec)
    assert "[bold]x[/bold].txt: the file is empty" in stream.getvalue().replace("\n", "")


def test_table_shows_each_incident_as_a_card():
    from kfr_extract.models import Amount, Incident, IncidentEvidence, Money

    text = "Bandits abducted 12 traders in Funtua on 3 May 2024 and demanded N5m."
    base = record("a.txt", text.encode())
    at = text.index("N5m")
    money = Money(text="N5m", start_char=at, end_char=at + 3, value=5_000_000, currency="NGN",
                  role="ransom_demanded")
    incident = Incident(
        date="2024-05-03", place="Funtua", country_code="NG", victims=12,
        victim_description="12 traders", perpetrators="Bandits",
        ransom_demanded=Amount(value=5_000_000, currency="NGN"), ransom_paid="no",
        outcome="held", evidence=[IncidentEvidence(text=text, start_char=0,
                                                   end_char=len(text), slot="abduction")])
    rec = Record.model_validate({**base.model_dump(), "dates": [], "places": [], "counts": [],
                                 "organizations": [], "speakers": [], "quotes": [],
                                 "money": [money.model_dump()],
                                 "incidents": [incident.model_dump()]})
    stream = io.StringIO()
    with write.TableWriter(stream) as writer:
        writer.write(rec)
    shown = stream.getvalue()
    for expected in ("incident 1", "12 taken: 12 traders", "Funtua (NG)", "2024-05-03",
                     "Bandits", "demanded 5,000,000 NGN; paid no", "held", "N5m"):
        assert expected in shown
