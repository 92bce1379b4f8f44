"""Parallel engines: the whole per-document chain runs in worker processes.

Both engines cut the input stream into small batches and hand each batch to a
worker that runs the ordinary single-process pipeline (`pipeline.run`: decode,
repair, parse, extract, validate) and sends back the records as JSON. Why not
spaCy's own ``nlp.pipe(n_process=N)``: it ships every parsed Doc back to the
parent and leaves decode, repair, validation and serialization there, so the
parent becomes the bottleneck on a small machine. Here the parent only reads
files and re-validates small JSON strings (~0.1 ms a record).

Records come back in input order and at most a few batches per worker are in
flight, so memory stays flat however many documents stream through.

- `run_local`: a process pool on this machine (``--workers N``); workers are
  forked from a parent that has already built the pipeline, so none reloads it.
- `run_dask`: a Dask cluster (``--engine dask [--scheduler ADDRESS]``); each
  worker process builds the pipeline once and keeps it for every later batch.
  Needs the optional extra: ``pip install 'kfr-extract[dask]'``.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

from spacy.language import Language

from kfr_extract import nlp as nlp_module
from kfr_extract.errors import SetupError
from kfr_extract.load import DEFAULT_MAX_BYTES, RawInput, iter_inputs
from kfr_extract.models import Record

# Documents per task: small enough for an early first record and even load,
# large enough that inter-process traffic is noise next to parsing (~50 ms a document).
TASK_SIZE = 8
# Batches in flight per worker: one being parsed, one queued so a worker never waits.
IN_FLIGHT_PER_WORKER = 2

class _Pending(Protocol):
    """What both a multiprocessing AsyncResult and a Dask Future offer."""

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

    `options` are `pipeline.run`'s keywords (timeout, chunk_chars). The timeout is
    a SIGALRM timer, so it applies where the batch runs on a process's main thread
    (the local pool), not on a Dask worker's task thread.
    """
    from kfr_extract import pipeline

    with nlp.memory_zone():  # strings interned for this batch are freed with it
        return [record.model_dump_json() for record in pipeline.run(raws, nlp=nlp, **options)]


def ordered(submit: Callable[[list[RawInput]], _Pending], work: Iterable[list[RawInput]],
            window: int) -> Iterator[Record]:
    """Submit batches with at most `window` outstanding; yield records in submission order."""
    pending: deque[_Pending] = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from _records(pending.popleft().result())
    while pending:
        yield from _records(pending.popleft().result())


def _records(payloads: list[str]) -> Iterator[Record]:
    return (Record.model_validate_json(p) for p in payloads)


# ---------------------------------------------------------------------------------------------
# Local process pool
# ---------------------------------------------------------------------------------------------

_pool_state: dict[str, Any] = {}


def _init_pool_worker(nlp: Language, options: dict[str, Any]) -> None:
    """Runs once per worker process: keep the pipeline and options for every task.

    Ctrl-C is the parent's to handle (it stops the pool); a worker ignores it rather
    than print its own traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _pool_state.update(nlp=nlp, options=options)


def _pool_task(raws: list[RawInput]) -> list[str]:
    return process_items(raws, _pool_state["nlp"], _pool_state["options"])


class _AsyncResult:
    """multiprocessing's AsyncResult under the `result()` name Dask futures use."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def result(self) -> list[str]:
        return self.inner.get()


def run_local(raws: Iterable[RawInput], nlp: Language | None = None, workers: int = 2,
              **options: Any) -> Iterator[Record]:
    """One record per input, in input order, parsed by `workers` processes on this machine.

    `options` go to each worker's `pipeline.run` (timeout, chunk_chars).
    """
    nlp = nlp or nlp_module.cached()
    methods = multiprocessing.get_all_start_methods()
    # fork: workers inherit the built pipeline (no reload, no pickling of the model).
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers, initializer=_init_pool_worker,
                      initargs=(nlp, options)) as pool:
        def submit(batch: list[RawInput]) -> _Pending:
            return _AsyncResult(pool.apply_async(_pool_task, (batch,)))

        yield from ordered(submit, batches(raws), window=workers * IN_FLIGHT_PER_WORKER)


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
    """(On a Dask worker.) Parse one batch with the worker's cached pipeline."""
    with _worker_lock:
        return process_items(raws, _dask_pipeline(overrides_json), options)


def warm_worker(overrides: dict | None = None) -> str:
    """Build the pipeline on a worker ahead of work: ``client.run(warm_worker)`` warms them all."""
    with _worker_lock:
        nlp = _dask_pipeline(json.dumps(overrides or {}, sort_keys=True))
    return nlp.meta.get("name", "?")


def _dask_client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client for `scheduler`, or for a new LocalCluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise SetupError(
            "the dask engine needs the optional extra: pip install 'kfr-extract[dask]'"
        ) from exc
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def run_dask(raws: Iterable[RawInput], *, scheduler: str | None = None, workers: int = 2,
             overrides: dict | None = None, **options: Any) -> Iterator[Record]:
    """One record per input, in input order, parsed on a Dask cluster.

    Without `scheduler`, starts (and afterwards stops) a LocalCluster of `workers`
    single-threaded processes. Workers need kfr-extract and the spaCy model installed.
    `overrides` are kfr.cfg dotted overrides; `options` go to `pipeline.run` (chunk_chars).
    """
    overrides_json = json.dumps(overrides or {}, sort_keys=True)
    client, cluster = _dask_client(scheduler, workers)
    try:
        threads = sum(client.nthreads().values()) or workers

        def submit(batch: list[RawInput]) -> _Pending:
            return client.submit(dask_task, batch, overrides_json, options, pure=False)

        yield from ordered(submit, batches(raws), window=threads * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_paths_dask(paths: Iterable[str], *, scheduler: str | None = None, workers: int = 2,
                       overrides: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                       **options: Any) -> Iterator[Record]:
    """Like `pipeline.extract_paths`, on Dask. Files are read here and sent to the workers."""
    return run_dask(iter_inputs(paths, max_bytes=max_bytes), scheduler=scheduler,
                    workers=workers, overrides=overrides, **options)
