"""Parallel engines: same records as one process, in input order, with bounded work in flight."""

from __future__ import annotations

import faulthandler
import json
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kfr_extract import engines, formats, pipeline
from kfr_extract.cli import app
from kfr_extract.errors import KfrError
from kfr_extract.load import RawInput

TEMPLATES = [
    "The Ministry of Interior of Kenya hosted a workshop on {d} March 2022 in Nairobi. "
    "“We will not pay ransoms,” said Ms. Grace Wanjiru, the director of the unit.",
    "On {d} May 2021, {n} officers from Interpol and Europol met in Lyon, France, to discuss "
    "kidnapping cases reported across the Sahel.",
    "Police in Manila arrested {n} suspects on {d} July 2019 after a hostage was freed unharmed.",
]


def _raws(count: int) -> list[RawInput]:
    """Short documents written for this test, plus inputs that fail before parsing."""
    raws = [RawInput(f"doc{i:02d}.txt", data=TEMPLATES[i % 3].format(d=i % 27 + 1, n=i + 2)
                     .encode("utf-8")) for i in range(count)]
    raws.insert(3, RawInput("gone.txt", error=KfrError("not_found", "gone.txt: no such file")))
    raws.insert(7, RawInput("blank.txt", data=b"   \n"))
    return raws


def _json(records) -> list[dict]:
    return [json.loads(r.model_dump_json()) for r in records]


@pytest.fixture(scope="module")
def expected(nlp) -> list[dict]:
    return _json(pipeline.run(_raws(12), nlp=nlp))


def test_inputs_carry_errors_across_processes():
    raw = RawInput("x.txt", error=KfrError("too_large", "x.txt: too big"))
    back = pickle.loads(pickle.dumps(raw))
    assert (back.path, back.data, back.error.type, back.error.message) == (
        "x.txt", None, "too_large", "x.txt: too big")


def test_batches_ramp_up_to_their_size():
    """A one-document first batch gets the first record out early."""
    sizes = [len(b) for b in engines.batches(iter(_raws(12)), size=5)]
    assert sizes == [1, 2, 4, 5, 2]


def test_ordered_yields_in_submission_order_with_a_bounded_window(nlp):
    """Futures that finish out of order still come out in order; never more than `window` out."""
    record = pipeline.run([RawInput("a.txt", data=b"Rabat, 6 June 2023.")], nlp=nlp)
    payload = next(record).model_dump_json()
    outstanding: list[int] = []

    class Done:
        def __init__(self, tag: int) -> None:
            self.tag = tag
            outstanding.append(tag)

        def result(self) -> list[str]:
            outstanding.remove(self.tag)
            return [payload.replace('"a.txt"', f'"{self.tag}.txt"')]

    peak = 0

    def submit(batch):
        nonlocal peak
        future = Done(batch[0])
        peak = max(peak, len(outstanding))
        return future

    out = list(engines.ordered(submit, ([i] for i in range(10)), window=3))
    assert [r.source.path for r in out] == [f"{i}.txt" for i in range(10)]
    assert peak == 3


def test_local_pool_matches_one_process(nlp, expected):
    assert _json(engines.run(_raws(12), nlp=nlp, workers=2)) == expected


def _deadly_decode(monkeypatch, once: Path) -> None:
    """Pool workers forked after this die by SIGKILL (as by the out-of-memory killer) on a
    document holding POISON, and on one holding ONCE while the file `once` exists."""
    real = formats.read

    def deadly(data: bytes, name: str, fmt: str | None = None):
        if b"POISON" in data or (b"ONCE" in data and _take(once)):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(data, name, fmt)

    monkeypatch.setattr(formats, "read", deadly)


def _take(flag: Path) -> bool:
    try:
        flag.unlink()
    except FileNotFoundError:
        return False
    return True


def test_a_worker_that_dies_loses_nothing(nlp, monkeypatch, tmp_path):
    """Issue 14 #2: the pool waited forever on a dead worker's task. Now its documents are
    tried once more, alone, on another worker: a document that killed it by chance gets
    its record; one that kills again is `worker_lost`; the run finishes."""
    raws = _raws(12)
    raws.insert(5, RawInput("poison.txt", data=b"POISON in Nairobi on 3 May 2022."))
    raws.insert(10, RawInput("once.txt", data=b"ONCE in Lagos on 4 May 2022."))
    want = _json(pipeline.run(raws, nlp=nlp))
    once = tmp_path / "once"
    once.touch()
    _deadly_decode(monkeypatch, once)
    faulthandler.dump_traceback_later(300, exit=True)  # a hang fails the run, not CI's clock
    try:
        got = _json(engines.run(iter(raws), nlp=nlp, workers=2))
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert not once.exists()  # the ONCE document did kill a worker
    assert [r["source"]["path"] for r in got] == [r.path for r in raws]
    lost = got.pop(5)
    assert lost["status"] == "error" and lost["error"]["type"] == "worker_lost"
    assert lost["error"]["message"].startswith("poison.txt: the worker process died")
    assert lost["source"]["sha256"] == want[5]["source"]["sha256"]
    assert got == want[:5] + want[6:]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as local:
        yield local


def test_dask_local_cluster_matches_one_process(cluster, expected):
    records = engines.run_dask(iter(_raws(12)), scheduler=cluster.scheduler_address)
    assert _json(records) == expected


def test_cli_dask_engine(cluster, tmp_path):
    for i, text in enumerate(TEMPLATES):
        (tmp_path / f"r{i}.txt").write_text(text.format(d=i + 3, n=i + 4), encoding="utf-8")
    result = CliRunner().invoke(app, [str(tmp_path), "--format", "jsonl", "--quiet",
                                      "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(tmp_path / f"r{i}.txt") for i in range(3)]


def test_scheduler_needs_the_dask_engine(tmp_path):
    (tmp_path / "r.txt").write_text("Rabat, 6 June 2023.", encoding="utf-8")
    result = CliRunner().invoke(app, [str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2


# ---- issue 14: Dask failures ----------------------------------------------------------

# Loaded into each Dask worker (distributed's `preload`): the worker process dies by
# SIGKILL on a document holding POISON, and loops in Python on one holding HANG.
WORKER_TRAPS = """
import os, signal
from kfr_extract import formats

if not getattr(formats.read, "trapped", False):
    real = formats.read

    def trapped(data, name, fmt=None):
        if b"POISON" in data:
            os.kill(os.getpid(), signal.SIGKILL)
        while b"HANG" in data:
            pass
        return real(data, name, fmt)

    trapped.trapped = True
    formats.read = trapped
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_dask_worker_deaths_and_hangs_are_records_without_tracebacks(tmp_path, capfd):
    """Issue 14 #12 and the worker-loss promise on Dask: a document that kills its worker
    twice is `worker_lost`, one that loops is cut by --timeout on the worker's thread, and
    neither Dask's warnings nor a traceback reach stderr (no --debug)."""
    import dask
    import distributed  # noqa: F401 (its defaults first: leaving `config.set` would drop them)

    traps = tmp_path / "traps.py"
    traps.write_text(WORKER_TRAPS, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(TEMPLATES):
        (docs / f"r{i}.txt").write_text(text.format(d=i + 3, n=i + 4), encoding="utf-8")
    (docs / "r1_poison.txt").write_text("POISON in Lagos on 4 May 2022.", encoding="utf-8")
    (docs / "r1_hang.txt").write_text("HANG in Lagos on 5 May 2022.", encoding="utf-8")
    with dask.config.set({"distributed.worker.preload": [str(traps)]}):
        result = CliRunner().invoke(app, [str(docs), "--format", "jsonl", "--engine", "dask",
                                          "--workers", "2", "--timeout", "3"])
    records = {Path(json.loads(line)["source"]["path"]).name: json.loads(line)
               for line in result.stdout.splitlines()}
    assert result.exit_code == 1, result.output
    assert sorted(records) == sorted(p.name for p in docs.iterdir())
    assert records["r1_poison.txt"]["error"]["type"] == "worker_lost"
    assert records["r1_hang.txt"]["error"]["type"] == "timeout"
    assert [records[f"r{i}.txt"]["status"] for i in range(3)] == ["ok"] * 3
    stderr = result.stderr + capfd.readouterr().err
    assert "Traceback" not in stderr and "distributed." not in stderr, stderr
    assert result.stderr.splitlines()[-1] == "3 documents ok, 2 failed"


def _serve(handler) -> tuple[str, socket.socket]:
    """A TCP server on a free loopback port, each connection given to `handler`."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def loop() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            handler(conn)

    threading.Thread(target=loop, daemon=True).start()
    return f"tcp://127.0.0.1:{server.getsockname()[1]}", server


@pytest.mark.parametrize("kind", ["closed", "banner", "silent"])
def test_a_scheduler_that_is_not_there_fails_fast_and_plainly(tmp_path, kind):
    """Issue 14 #12: a closed port took 30 s; an SSH server gave "MemoryError: 3.07 EiB";
    a server that never answers hung forever."""
    held: list[socket.socket] = []
    server = None
    if kind == "closed":
        address = f"tcp://127.0.0.1:{free_port()}"
    elif kind == "banner":
        address, server = _serve(lambda c: (c.sendall(b"SSH-2.0-OpenSSH_9.2p1\r\n"),
                                            held.append(c)))
    else:
        address, server = _serve(held.append)
    (tmp_path / "r.txt").write_text("Rabat, 6 June 2023.", encoding="utf-8")
    started = time.monotonic()
    try:
        result = CliRunner().invoke(app, [str(tmp_path), "--engine", "dask",
                                          "--scheduler", address])
    finally:
        if server is not None:
            server.close()
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    assert f"error: cannot reach a Dask scheduler at {address}" in result.stderr or \
        f"error: {address} is not a Dask scheduler" in result.stderr, result.stderr
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def real_cluster(tmp_path_factory):
    """`dask scheduler` and two `dask worker`s, separate commands on 127.0.0.1, as a
    deployment runs them (workers without a nanny, so killing one removes it)."""
    distributed = pytest.importorskip("distributed")
    dask_command = shutil.which("dask", path=str(Path(sys.executable).parent)) or "dask"
    logs = tmp_path_factory.mktemp("dask-logs")
    address = f"tcp://127.0.0.1:{free_port()}"
    common = ["--no-dashboard"]
    procs = [subprocess.Popen([dask_command, "scheduler", "--host", "127.0.0.1", "--port",
                               address.rsplit(":", 1)[1], *common],
                              stdout=subprocess.DEVNULL, stderr=(logs / "scheduler").open("w"))]
    for i in range(2):
        procs.append(subprocess.Popen(
            [dask_command, "worker", address, "--nthreads", "1", "--no-nanny", "--host",
             "127.0.0.1", "--name", f"w{i}", *common],
            stdout=subprocess.DEVNULL, stderr=(logs / f"worker{i}").open("w")))
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
        yield address, procs[1:]
    finally:
        for proc in reversed(procs):
            proc.kill()
            proc.wait(timeout=30)


def test_a_real_cluster_loses_a_worker_mid_run(real_cluster, nlp, tmp_path):
    """Every document has exactly one record, identical to a local run's, though one of
    the two workers is killed (SIGKILL) while the batch runs."""
    from tests.test_interrupt import make_docs

    address, workers = real_cluster
    docs = tmp_path / "docs"
    make_docs(docs)
    want = {r["source"]["path"]: r for r in _json(engines.extract_paths([str(docs)], nlp=nlp))}
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "kfr_extract", str(docs), "--engine", "dask",
               "--scheduler", address, "--format", "jsonl", "--quiet"]
    with out.open("wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 180
        while proc.poll() is None and time.monotonic() < deadline:
            if out.read_bytes().count(b"\n") >= 2:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before a worker could be killed"
        workers[0].kill()
        _, stderr = proc.communicate(timeout=300)
    assert workers[0].wait(timeout=30) == -signal.SIGKILL
    assert proc.returncode == 0, stderr.decode(errors="replace")
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in got] == list(want)  # one each, in input order
    assert got == list(want.values())
