"""A run killed midway leaves only whole output files, and a rerun finishes the rest.

The first run is a real `python -m kfr_extract` process, killed (SIGKILL: no chance
to clean up) or interrupted (SIGINT: Ctrl-C) once some outputs exist; the rerun
goes through the same command in-process with the session's pipeline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kfr_extract import cli
from kfr_extract.cli import EXIT_INTERRUPTED
from kfr_extract.models import Record

DOCS = 60
PARAGRAPH = ("The {org} held a meeting in {city} on {day} March 2023 with {n} officials. "
             "“Every hostage must come home,” said Ms. Ingrid Novak, Head of Unit.\n\n")


def make_docs(folder: Path) -> None:
    folder.mkdir()
    orgs, cities = ["UNODC", "OSCE", "INTERPOL"], ["Vienna", "Abuja", "Manila", "Doha"]
    for i in range(DOCS):
        body = "".join(PARAGRAPH.format(org=orgs[(i + k) % 3], city=cities[(i + k) % 4],
                                        day=1 + (i + k) % 27, n=3 + k) for k in range(4))
        (folder / f"report_{i:03d}.txt").write_text(f"Report {i}\n\n{body}", encoding="utf-8")


def start_and_stop(docs: Path, out: Path, sig: int) -> subprocess.CompletedProcess:
    """Launch a run, wait for its first outputs, then send `sig`."""
    command = [sys.executable, "-m", "kfr_extract", str(docs), "--out", str(out), "--quiet"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(out.glob("*.json"))) >= 3:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail(f"the run ended before it could be stopped: {proc.communicate()}")
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(command, proc.returncode, stdout, stderr)


def whole_records(out: Path) -> list[Record]:
    """Every visible output parses as a valid record (temporary files are hidden)."""
    visible = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert all(p.suffix == ".json" for p in visible)
    return [Record.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in visible]


def rerun(nlp, monkeypatch, docs: Path, out: Path):
    monkeypatch.setattr(cli.nlp_module, "build", lambda path=None, overrides=None: nlp)
    return CliRunner().invoke(cli.app, [str(docs), "--out", str(out)])


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_run_leaves_whole_files_and_rerun_completes(nlp, monkeypatch, tmp_path, sig):
    docs, out = tmp_path / "docs", tmp_path / "out"
    make_docs(docs)
    stopped = start_and_stop(docs, out, sig)
    if sig == signal.SIGINT:
        assert stopped.returncode == 130
        assert b"interrupted after" in stopped.stderr and b"Traceback" not in stopped.stderr
    else:
        assert stopped.returncode == -signal.SIGKILL
    done = whole_records(out)
    assert 3 <= len(done) < DOCS
    assert all(r.status == "ok" for r in done)

    result = rerun(nlp, monkeypatch, docs, out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"{DOCS - len(done)} documents ok, 0 failed, {len(done)} skipped "
        f"(already done in {out}; --force redoes them)")
    final = whole_records(out)
    assert sorted(Path(r.source.path).name for r in final) == sorted(
        p.name for p in docs.iterdir())
    assert not list(out.glob(".*.tmp"))  # leftovers of the killed run are gone


def kfr_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kfr_extract", *args]


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5, 1.0, 2.0])
def test_ctrl_c_while_starting_prints_no_traceback(tmp_path, delay):
    """Issue 14 #10: a Ctrl-C while spaCy loads printed a Python traceback."""
    docs = tmp_path / "docs"
    make_docs(docs)
    proc = subprocess.Popen(kfr_command(str(docs), "--quiet"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert b"Traceback" not in stderr, stderr.decode(errors="replace")
    # Before Python has its handler, SIGINT ends the process silently (-2).
    assert proc.returncode in (EXIT_INTERRUPTED, -signal.SIGINT), (proc.returncode, stderr)


def test_records_are_written_with_stderr_closed(tmp_path):
    """Issue 14 #11: with `2>&-` no record came out at all."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("UNODC met in Vienna on 3 May 2022.\n", encoding="utf-8")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    done = subprocess.run(kfr_command(str(docs), "--format", "jsonl"), capture_output=False,
                          stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2), timeout=120)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["status"] for r in records] == ["ok", "error"]
    assert done.returncode == 1


def test_a_full_disk_behind_stdout_is_said_plainly(tmp_path):
    """Issue 14 #16: `> /dev/full` was an 'internal error'."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    (tmp_path / "a.txt").write_text("UNODC met in Vienna on 3 May 2022.\n", encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run(kfr_command(str(tmp_path / "a.txt")), stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    stderr = done.stderr.decode()
    assert done.returncode == 1
    assert "error: cannot write records to standard output: No space left on device" in stderr
    assert "internal" not in stderr and "Traceback" not in stderr


def pool_workers(pid: int) -> list[int]:
    """The children of `pid` forked from it (same command line): its pool's workers."""
    task = Path(f"/proc/{pid}/task/{pid}/children")
    mine = Path(f"/proc/{pid}/cmdline").read_bytes()
    children = [int(c) for c in task.read_text().split()] if task.exists() else []
    found = []
    for child in children:
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == mine:
                found.append(child)
        except OSError:
            continue
    return found


def test_killing_a_pool_worker_mid_run_loses_no_document(tmp_path):
    """Issue 14 #2 as a user meets it: `kill -9` one `--workers` child while the run goes on.
    Its batch is retried; every document has exactly one ok record; the run ends."""
    docs, out = tmp_path / "docs", tmp_path / "out.jsonl"
    make_docs(docs)
    with out.open("wb") as sink:
        proc = subprocess.Popen(kfr_command(str(docs), "--workers", "2", "--format", "jsonl",
                                            "--quiet"), stdout=sink, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            if out.read_bytes().count(b"\n") >= 3 and pool_workers(proc.pid):
                break
            time.sleep(0.05)
        victims = pool_workers(proc.pid)
        assert victims and proc.poll() is None, "the run ended before a worker could be killed"
        os.kill(victims[0], signal.SIGKILL)
        _, stderr = proc.communicate(timeout=300)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert proc.returncode == 0, stderr.decode(errors="replace")
    assert sorted(Path(r["source"]["path"]).name for r in records) == sorted(
        p.name for p in docs.iterdir())
    assert all(r["status"] == "ok" for r in records)
    assert b"Traceback" not in stderr
