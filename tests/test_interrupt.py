"""A run killed midway leaves only whole output files, and a rerun finishes the rest.

The first run is a real `python -m kfr_extract` process, killed (SIGKILL: no chance
to clean up) or interrupted (SIGINT: Ctrl-C) once some outputs exist; the rerun
goes through the same command in-process with the session's pipeline.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kfr_extract import cli
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
