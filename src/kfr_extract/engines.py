"""Engines: where documents are processed. The one module that picks one.

- `local` with one worker: this process (`pipeline.run`);
- `local` with N workers: a pool of N processes on this machine (`run_local`);
  workers are forked from a parent that has already built the pipeline, so none reloads it;
- `dask`: a Dask cluster (`run_dask`), a running scheduler or a LocalCluster; each worker
  process builds the pipeline once and keeps it for every later batch. Needs the optional
  extra: ``pip install 'kfr-extract[dask]'``.

Both parallel engines cut the input stream into small batches and hand each batch to a
worker that runs the ordinary single-process pipeline (decode, repair, parse, extract,
validate) and sends the records back as JSON. Why not spaCy's own
``nlp.pipe(n_process=N)``: it ships every parsed Doc back to the parent and leaves decode,
repair, validation and serialization there, so the parent becomes the bottleneck on a
small machine. Here the parent only reads files and re-validates small JSON strings.

Records come back in input order and at most a few batches per worker are in flight, so
memory stays flat however many documents stream through. A worker that dies (killed,
out of memory) loses only its batch: each of its documents is tried once more, alone, on
another worker, and a document that kills that one too is recorded as `worker_lost`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import multiprocessing
import pickle
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from functools import lru_cache
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, Literal, Protocol

from spacy.language import Language

from kfr_extract import nlp as nlp_module
from kfr_extract import pipeline
from kfr_extract.assemble import error_record
from kfr_extract.errors import EngineError, KfrError, SetupError
from kfr_extract.load import DEFAULT_MAX_BYTES, RawInput, display_name, iter_inputs
from kfr_extract.models import Record, Source

Engine = Literal["local", "dask"]
# Documents per task: small enough for an early first record and even load,
# large enough that inter-process traffic is noise next to parsing (~50 ms a document).
TASK_SIZE = 8
# Batches in flight per worker: one being parsed, one queued so a worker never waits.
IN_FLIGHT_PER_WORKER = 2
# Seconds to reach a Dask scheduler and hear it answer as one.
CONNECT_TIMEOUT = 5.0


def run(raws: Iterable[RawInput], *, engine: Engine = "local", workers: int = 1,
        scheduler: str | None = None, nlp: Language | None = None,
        overrides: dict | None = None, timeout: float | None = None,
        chunk_chars: int = pipeline.CHUNK_CHARS) -> Iterator[Record]:
    """One record per input, in input order, from the chosen engine.

    `overrides`: kfr.cfg dotted overrides (e.g. the fields), used where a pipeline is
    built (`nlp` given wins on this machine). `timeout`: seconds per document (None or
    0: no limit); `chunk_chars`: the longest text handed to spaCy at once.
    """
    options = {"timeout": timeout, "chunk_chars": chunk_chars}
    if engine == "dask":
        return run_dask(raws, scheduler=scheduler, workers=workers, overrides=overrides,
                        **options)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: choose local or dask")
    if nlp is None:
        nlp = nlp_module.build(overrides=overrides) if overrides else nlp_module.cached()
    if workers > 1:
        return run_local(raws, nlp=nlp, workers=workers, **options)
    return pipeline.run(raws, nlp=nlp, **options)


def extract_paths(paths: Iterable[str], *, engine: Engine = "local", workers: int = 1,
                  scheduler: str | None = None, nlp: Language | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None,
                  chunk_chars: int = pipeline.CHUNK_CHARS) -> Iterator[Record]:
    """Records for files, folders (recursively) or '-' (stdin), read here, parsed by `engine`."""
    return run(iter_inputs(paths, max_bytes=max_bytes), engine=engine, workers=workers,
               scheduler=scheduler, nlp=nlp, timeout=timeout, chunk_chars=chunk_chars)


# ---------------------------------------------------------------------------------------------
# Shared by both parallel engines
# ---------------------------------------------------------------------------------------------


class _Pending(Protocol):
    """What a local pool task and a Dask Future both offer."""

    def result(self) -> list[str]: ...


def batches(raws: Iterable[RawInput], size: int = TASK_SIZE) -> Iterator[list[RawInput]]:
    """The input stream as lists of inputs, read lazily.

    Sizes ramp up 1, 2, 4, ... to `size`, so the first record is out after one
    document's work rather than a whole batch's.
    """
    stream = iter(raws)
    step = 1
    while batch := list(islice(stream, step)):
        yield batch
        step = min(step * 2, size)


def process_items(raws: list[RawInput], nlp: Language, options: dict[str, Any]) -> list[str]:
    """(In a worker.) The single-process pipeline over one batch; records as JSON.

    `options` are `pipeline.run`'s keywords (timeout, chunk_chars).
    """
    with nlp.memory_zone():  # strings interned for this batch are freed with it
        return [record.model_dump_json() for record in pipeline.run(raws, nlp=nlp, **options)]


def ordered(submit: Callable[[list[RawInput]], _Pending], work: Iterable[list[RawInput]],
            window: int, lost: tuple[type[BaseException], ...] = (),
            version: str | None = None) -> Iterator[Record]:
    """Submit batches with at most `window` outstanding; yield records in submission order.

    A batch whose result raises one of `lost` (its worker died) is retried one
    document at a time; a document whose retry is lost too gets a `worker_lost` record.
    """
    pending: deque[tuple[list[RawInput], _Pending]] = deque()
    for batch in work:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            yield from _collect(*pending.popleft(), submit, lost, version)
    while pending:
        yield from _collect(*pending.popleft(), submit, lost, version)


def _collect(batch: list[RawInput], future: _Pending, submit: Callable[..., _Pending],
             lost: tuple[type[BaseException], ...], version: str | None) -> Iterator[Record]:
    try:
        payloads = future.result()
    except lost:
        yield from _retry_alone(batch, submit, lost, version)
        return
    yield from _records(payloads)


def _retry_alone(batch: list[RawInput], submit: Callable[..., _Pending],
                 lost: tuple[type[BaseException], ...], version: str | None) -> Iterator[Record]:
    """Each document of a lost batch once more, alone, so only the one that kills is lost."""
    for raw in batch:
        try:
            payloads = submit([raw]).result()
        except lost:
            yield lost_record(raw, version)
            continue
        yield from _records(payloads)


def lost_record(raw: RawInput, version: str | None = None) -> Record:
    """The record of a document whose worker died under it twice."""
    source = Source(path=raw.path)
    if raw.data is not None:
        source = Source(path=raw.path, sha256=hashlib.sha256(raw.data).hexdigest(),
                        bytes=len(raw.data))
    error = KfrError("worker_lost", f"{display_name(raw.path)}: the worker process died while "
                     "parsing it, twice (killed, e.g. by the out-of-memory killer)")
    return error_record(source, error, version)


def _records(payloads: list[str]) -> Iterator[Record]:
    return (Record.model_validate_json(p) for p in payloads)


# ---------------------------------------------------------------------------------------------
# Local process pool
# ---------------------------------------------------------------------------------------------


class WorkerLost(Exception):
    """The worker process running a task died before it answered."""


def _pool_worker(conn: Connection, nlp: Language, options: dict[str, Any]) -> None:
    """(In a worker process.) Parse each batch the parent sends; answer with its records.

    Ctrl-C is the parent's to handle (it stops the pool); a worker ignores it rather
    than print its own traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send((True, process_items(batch, nlp, options)))
        except Exception as exc:  # a bug: the parent says so, with no traceback of ours
            conn.send((False, f"{type(exc).__name__}: {exc}"))


class _Task:
    """One batch handed to the pool; `result()` serves the pool until this one is done."""

    def __init__(self, pool: _Pool, batch: list[RawInput]) -> None:
        self.pool = pool
        self.batch = batch
        self.outcome: tuple[bool, Any] | None = None

    def result(self) -> list[str]:
        while self.outcome is None:
            self.pool.serve()
        ok, value = self.outcome
        if ok:
            return value
        if isinstance(value, WorkerLost):
            raise value
        raise EngineError(f"a worker process failed on a batch ({value})")


class _Worker:
    def __init__(self, context: Any, nlp: Language, options: dict[str, Any]) -> None:
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_pool_worker, args=(theirs, nlp, options),
                                       daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class _Pool:
    """N worker processes, each with a pipe of its own, each running one task at a time.

    Why not multiprocessing.Pool or a pool library: with one queue shared by all
    workers, a worker killed while it holds the queue's lock (or its task) stalls
    the others, and Pool waits forever on the lost task. Here the parent knows which
    task each worker holds: when one dies (its process sentinel fires), only that task
    fails (`WorkerLost`) and a fresh worker takes its place.
    """

    def __init__(self, workers: int, nlp: Language, options: dict[str, Any]) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit the built pipeline (no reload, no pickling of the model).
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.nlp, self.options = nlp, options
        self.idle: list[_Worker] = []
        self.busy: dict[_Worker, _Task] = {}
        self.queue: deque[_Task] = deque()
        try:
            self.idle = [self._start() for _ in range(workers)]
        except OSError as exc:
            self.close()
            raise EngineError(f"cannot start {workers} worker processes ({exc})") from exc

    def _start(self) -> _Worker:
        return _Worker(self.context, self.nlp, self.options)

    def submit(self, batch: list[RawInput]) -> _Task:
        task = _Task(self, batch)
        self.queue.append(task)
        self._dispatch()
        return task

    def _dispatch(self) -> None:
        while self.queue and self.idle:
            worker, task = self.idle.pop(), self.queue.popleft()
            try:
                worker.conn.send(task.batch)
            except (OSError, ValueError):  # it died while idle: the task goes to another
                self.queue.appendleft(task)
                self._replace(worker)
                continue
            self.busy[worker] = task

    def serve(self) -> None:
        """Wait for a worker to answer or die; settle its task; hand out queued ones."""
        by_handle: dict[Any, _Worker] = {}
        for worker in self.busy:
            by_handle[worker.conn] = by_handle[worker.process.sentinel] = worker
        for handle in wait(list(by_handle)):
            worker = by_handle[handle]
            if worker in self.busy:
                self._settle(worker)
        self._dispatch()

    def _settle(self, worker: _Worker) -> None:
        task = self.busy.pop(worker)
        try:
            if not worker.conn.poll():
                raise EOFError
            task.outcome = worker.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError):  # died: no answer, or half of one
            task.outcome = (False, WorkerLost())
            self._replace(worker)
            return
        self.idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        try:
            self.idle.append(self._start())
        except OSError as exc:
            raise EngineError(f"cannot start a worker process to replace one that died ({exc})"
                              ) from exc

    def close(self) -> None:
        for worker in [*self.idle, *self.busy]:
            worker.stop()
        self.idle, self.busy = [], {}


def run_local(raws: Iterable[RawInput], nlp: Language | None = None, workers: int = 2,
              **options: Any) -> Iterator[Record]:
    """One record per input, in input order, parsed by `workers` processes on this machine.

    `options` go to each worker's `pipeline.run` (timeout, chunk_chars).
    """
    nlp = nlp or nlp_module.cached()
    pool = _Pool(workers, nlp, options)
    try:
        yield from ordered(pool.submit, batches(raws), window=workers * IN_FLIGHT_PER_WORKER,
                           lost=(WorkerLost,), version=pipeline.pipeline_version(nlp))
    finally:
        pool.close()


# ---------------------------------------------------------------------------------------------
# Dask
# ---------------------------------------------------------------------------------------------

# One batch at a time per worker process: spaCy pipelines and memory zones are not meant
# to be shared between threads (run Dask workers with --nthreads 1 to use every core).
_worker_lock = threading.Lock()


@lru_cache(maxsize=4)
def _dask_pipeline(overrides_json: str) -> Language:
    """The worker process's pipeline, built on its first batch and kept (one per override set)."""
    return nlp_module.build(overrides=json.loads(overrides_json))


def dask_task(raws: list[RawInput], overrides_json: str, options: dict[str, Any]) -> list[str]:
    """(On a Dask worker.) Parse one batch with the worker's cached pipeline.

    The timeout runs on this task thread (deadline.py), so --timeout holds under Dask too.
    """
    with _worker_lock:
        return process_items(raws, _dask_pipeline(overrides_json), options)


def warm_worker(overrides: dict | None = None) -> str:
    """Build the pipeline on a worker ahead of work: ``client.run(warm_worker)`` warms them all."""
    with _worker_lock:
        nlp = _dask_pipeline(json.dumps(overrides or {}, sort_keys=True))
    return nlp.meta.get("name", "?")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise SetupError(
            "the dask engine needs the optional extra: pip install 'kfr-extract[dask]'"
        ) from exc
    return distributed


def _dask_client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client for `scheduler`, or for a new LocalCluster of `workers` processes.

    The LocalCluster's scheduler gives up on a task at the first worker death
    (allowed_failures=0): `ordered` then retries its documents once, one by one.
    """
    distributed = _distributed()
    if scheduler:
        check_scheduler(scheduler)
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT), None
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address="127.0.0.1:0",  # loopback, any port
                                       scheduler_kwargs={"allowed_failures": 0})
    return distributed.Client(cluster), cluster


def check_scheduler(address: str, seconds: float = CONNECT_TIMEOUT) -> None:
    """Fail within `seconds` unless `address` answers as a Dask scheduler.

    distributed's own Client waits 30 s for a closed port, forever for a server that
    never answers, and reads any other server's greeting as a message length (a
    "MemoryError" of exabytes): ask the scheduler who it is, under a timer, first.
    """
    async def identity() -> Any:
        from distributed.comm import connect

        comm = await connect(address, timeout=seconds)
        try:
            await comm.write({"op": "identity"})
            return await comm.read()
        finally:
            comm.abort()

    _distributed()
    answer: list[Any] = []

    def ask() -> None:  # in a thread of its own: the caller may be inside an event loop
        try:
            answer.append(asyncio.run(asyncio.wait_for(identity(), seconds)))
        except BaseException as exc:  # every failure becomes the message
            answer.append(exc)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    thread.join(seconds + 1)
    reply = answer[0] if answer else TimeoutError()
    if isinstance(reply, (OSError, TimeoutError, asyncio.TimeoutError)):
        raise EngineError(f"cannot reach a Dask scheduler at {address} within {seconds:g} s "
                          "(is `dask scheduler` running there, and the port open?)")
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        raise EngineError(f"{address} is not a Dask scheduler (it does not answer as one); "
                          "give the scheduler's address, e.g. tcp://10.0.0.5:8786")


class _DaskTask:
    """A Dask future whose failures, other than a lost worker, read as engine failures."""

    def __init__(self, inner: Any, lost: tuple[type[BaseException], ...]) -> None:
        self.inner = inner
        self.lost = lost

    def result(self) -> list[str]:
        try:
            return self.inner.result()
        except self.lost:
            raise
        except CancelledError as exc:
            raise EngineError(f"the Dask scheduler dropped the work ({exc}); "
                              "was it stopped or the connection lost?") from exc
        except Exception as exc:
            raise EngineError(f"a Dask worker failed on a batch ({type(exc).__name__}: {exc}); "
                              "workers need kfr-extract and its spaCy model installed") from exc


def run_dask(raws: Iterable[RawInput], *, scheduler: str | None = None, workers: int = 2,
             overrides: dict | None = None, **options: Any) -> Iterator[Record]:
    """One record per input, in input order, parsed on a Dask cluster.

    Without `scheduler`, starts (and afterwards stops) a LocalCluster of `workers`
    single-threaded processes. Workers need kfr-extract and the spaCy model installed.
    `overrides` are kfr.cfg dotted overrides; `options` go to `pipeline.run`
    (timeout, chunk_chars).
    """
    distributed = _distributed()
    overrides_json = json.dumps(overrides or {}, sort_keys=True)
    client, cluster = _dask_client(scheduler, workers)
    lost = (distributed.KilledWorker,)
    try:
        threads = sum(client.nthreads().values()) or workers

        def submit(batch: list[RawInput]) -> _Pending:
            return _DaskTask(client.submit(dask_task, batch, overrides_json, options,
                                           pure=False), lost)

        yield from ordered(submit, batches(raws), window=threads * IN_FLIGHT_PER_WORKER,
                           lost=lost)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
