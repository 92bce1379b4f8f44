"""The only module that knows the order: load -> decode -> repair -> parse -> extract -> assemble.

Documents stream through `nlp.pipe` one batch at a time, so one file and a
million take the same code and memory does not grow with the batch. Every input
yields exactly one record, in input order, whatever goes wrong:

- a document that cannot be read, decoded or repaired gets an error record;
- a text longer than `chunk_chars` is cut into chunks (`chunks.py`) parsed one
  at a time outside the batches (32 long chunks at once would take gigabytes);
- a document on which spaCy or an extractor raises is dropped by spaCy's error
  handler, noticed here, parsed again alone and, if it fails again, recorded as
  `parse_failed`;
- with a `timeout`, a batch that runs over it is abandoned and its documents
  are parsed again one by one, each with the full timeout: only a document that
  alone runs over it is recorded as `timeout` (a hang is cut, the batch goes on).
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.util import raise_error

from kfr_extract import nlp as nlp_module
from kfr_extract.assemble import Prepared, assemble, error_record
from kfr_extract.chunks import merge_results, split_chunks
from kfr_extract.decode import decode
from kfr_extract.errors import DocumentTimeout, KfrError
from kfr_extract.load import DEFAULT_MAX_BYTES, RawInput, display_name, iter_inputs
from kfr_extract.models import Record, Source
from kfr_extract.repair import repair

BATCH_SIZE = 32
# Chunks well under spaCy's max_length (1,000,000) keep the parser's memory small.
CHUNK_CHARS = 100_000
# Seconds per document; generous because a 50 MB text takes about 25 minutes on one core.
DEFAULT_TIMEOUT = 3600.0


def prepare(raw: RawInput) -> Prepared:
    """Decode and repair one input; never raises for a bad document."""
    if raw.error is not None or raw.data is None:
        return Prepared(Source(path=raw.path), error=raw.error)
    source = Source(path=raw.path, sha256=hashlib.sha256(raw.data).hexdigest(), bytes=len(raw.data))
    name = display_name(raw.path)
    try:
        decoded = decode(raw.data, name)
        repaired = repair(decoded.text, undecodable=decoded.undecodable)
    except KfrError as err:
        return Prepared(source, error=err)
    except Exception as exc:  # a bug in decode/repair must not stop the batch
        return Prepared(source, error=KfrError(
            "decode_failed", f"{name}: the bytes could not be decoded or repaired "
            f"({type(exc).__name__}: {exc})"))
    source = source.model_copy(update={"encoding": decoded.encoding})
    return Prepared(source, repaired=repaired)


def pipeline_version(nlp: Language) -> str:
    """Tool, model and fields that make a record: reruns reuse outputs only when it matches."""
    from kfr_extract import __version__  # here: the package imports this module first

    model = f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    fields: list[str] = []
    if "kfr_extract" in nlp.pipe_names:
        fields = list(getattr(nlp.get_pipe("kfr_extract"), "fields", []))
    return f"kfr-extract {__version__}; {model}; fields={','.join(fields)}"


# --------------------------------------------------------------------------------------
# The per-document state while its chunks are in spaCy's hands
# --------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Doc:
    prepared: Prepared
    chunks: list[tuple[int, str]]
    started: float = field(default_factory=time.monotonic)
    results: list[dict | None] = field(default_factory=list)
    failure: KfrError | None = None
    fed: int = 0  # chunks handed to spaCy (or parsed alone) so far

    @property
    def done(self) -> bool:
        return self.failure is not None or len(self.results) == len(self.chunks)

    @property
    def name(self) -> str:
        return display_name(self.prepared.source.path)


@dataclass(eq=False)
class _Item:
    """One text handed to nlp.pipe: chunk `index` of `doc`."""

    doc: _Doc
    index: int


def _skip_failed(proc_name: str, proc: Any, docs: list, error: Exception) -> None:
    """spaCy error handler: drop the failing batch; `_Runner` notices and retries alone."""


class _Runner:
    """Feeds documents through one `nlp.pipe` and turns what comes out into records."""

    def __init__(self, nlp: Language, workers: int, timeout: float | None, chunk_chars: int):
        self.nlp = nlp
        self.workers = workers
        self.timeout = timeout if timeout and timeout > 0 else None
        self.chunk_chars = max(1, min(chunk_chars, nlp.max_length))
        self.version = pipeline_version(nlp)
        self.pending: deque[_Item] = deque()  # handed to spaCy, not yet back
        self.preparing: RawInput | None = None  # read, being decoded/repaired
        self.open_docs: deque[_Doc] = deque()  # not yet turned into records, in order
        self.use_alarm = self.timeout is not None and _alarm_possible()
        self.long_doc: _Doc | None = None  # a multi-chunk document waiting for its turn

    # ---- feeding -------------------------------------------------------------------

    def feed(self, raws: Iterator[RawInput]) -> Iterator[tuple[str, _Item]]:
        """(text, item) pairs for nlp.pipe; reads inputs with the timer blocked."""
        while True:
            with self._alarm_blocked():
                raw = next(raws, None)
                self.preparing = raw  # before the timer can fire again: never lost
            if raw is None:
                return
            prepared = prepare(raw)
            with self._alarm_blocked():  # registered and no longer "preparing", at once
                doc = self._new_doc(prepared)
                self.preparing = None
                if len(doc.chunks) > 1:
                    # Not in a batch: 32 chunks of 100,000 characters at once would take
                    # gigabytes. End this stream; `run` parses it chunk by chunk.
                    self.long_doc = doc
                    return
            yield from self._feed_doc(doc)

    def _new_doc(self, prepared: Prepared) -> _Doc:
        chunks = split_chunks(prepared.text, self.chunk_chars) if prepared.repaired else [(0, "")]
        doc = _Doc(prepared, chunks)
        self.open_docs.append(doc)
        return doc

    def _feed_doc(self, doc: _Doc) -> Iterator[tuple[str, _Item]]:
        for index, (_, text) in enumerate(doc.chunks):
            item = _Item(doc, index)
            with self._alarm_blocked():  # counted and pending together, or neither
                doc.fed += 1
                self.pending.append(item)
            # An error document or one already given up costs spaCy an empty text only.
            skip = doc.prepared.error is not None or doc.failure is not None
            yield ("" if skip else text), item

    # ---- receiving -----------------------------------------------------------------

    def run(self, raws: Iterable[RawInput]) -> Iterator[Record]:
        raws = iter(raws)
        # Only components without a batch `pipe` method (our extractor) use this handler;
        # spaCy's parsers cannot take one (Cython classes), their errors reach `_stream`.
        self.nlp.default_error_handler = _skip_failed
        with self._alarm_handler():
            while True:
                finished = yield from self._stream(raws)
                if not finished:
                    yield from self._isolate_stalled()
                if self.long_doc is not None:
                    yield from self._parse_long()
                elif finished:
                    break
        yield from self._flush(final=True)

    def _stream(self, raws: Iterator[RawInput]) -> Iterator[Record]:
        """Run one nlp.pipe; False after a timeout or failure, else True (end of input,
        or a long document to parse on its own)."""
        stream = self.nlp.pipe(self.feed(raws), as_tuples=True, batch_size=BATCH_SIZE,
                               n_process=self.workers)
        budget = self.timeout
        while True:
            if not self.pending:
                budget = self.timeout  # a new batch starts: a fresh budget
            try:
                with self._alarm(budget) as remaining:
                    spacy_doc, item = next(stream)
            except StopIteration:
                self._drop_pending()
                return True
            except DocumentTimeout:
                _close(stream)
                return False
            except Exception:
                _close(stream)
                if not self.pending and self.preparing is None:
                    raise  # no document to blame: the pipeline itself is broken
                return False  # `_isolate_stalled` retries the batch alone, one by one
            budget = remaining()
            self._receive(item, spacy_doc._.kfr)
            yield from self._flush()

    def _receive(self, item: _Item, results: dict | None) -> None:
        while self.pending and self.pending[0] is not item:
            self._parse_alone(self.pending.popleft())  # dropped by spaCy's error handler
        if self.pending:
            self.pending.popleft()
        self._store(item, results)

    def _store(self, item: _Item, results: dict | None) -> None:
        doc = item.doc
        if doc.failure is not None or doc.prepared.error is not None:
            doc.results.append(None)
            return
        doc.results.append(results)
        # A long document spans batches: check its own clock between chunks.
        if (self.timeout and len(doc.chunks) > 1 and not doc.done
                and time.monotonic() - doc.started > self.timeout):
            doc.failure = _timeout_error(doc.name, self.timeout)

    def _drop_pending(self) -> None:
        """At the end of the stream, anything still pending was dropped: retry it alone."""
        while self.pending:
            self._parse_alone(self.pending.popleft())

    # ---- the slow path: one document at a time -------------------------------------

    def _parse_alone(self, item: _Item) -> None:
        """Parse one chunk by itself (after a failure or a timeout), with the full timeout."""
        doc = item.doc
        if doc.failure is not None or doc.prepared.error is not None:
            doc.results.append(None)
            return
        text = doc.chunks[item.index][1]
        try:
            with self._alarm(self.timeout), _errors_raised(self.nlp):
                results = self.nlp(text)._.kfr
        except DocumentTimeout:
            doc.failure = _timeout_error(doc.name, self.timeout)
            return
        except Exception as exc:
            doc.failure = KfrError("parse_failed", f"{doc.name}: parsing or extraction failed "
                                   f"({type(exc).__name__}: {exc})")
            return
        self._store(item, results)

    def _isolate_stalled(self) -> Iterator[Record]:
        """After a batch timed out or raised: finish its documents one at a time."""
        stalled, self.pending = list(self.pending), deque()
        for doc in dict.fromkeys(item.doc for item in stalled):
            doc.started = time.monotonic()  # each gets the full timeout for itself alone
            for item in stalled:
                if item.doc is doc:
                    self._parse_alone(item)
            self._parse_rest_alone(doc)  # a long document cut short: chunks not yet fed
        for doc in self.open_docs:
            if doc is not self.long_doc:
                self._parse_rest_alone(doc)
        if self.preparing is not None:
            raw, self.preparing = self.preparing, None
            self._prepare_alone(raw)
        yield from self._flush()

    def _parse_long(self) -> Iterator[Record]:
        """A document of many chunks, one chunk at a time (bounded memory), then its record."""
        doc, self.long_doc = self.long_doc, None
        doc.started = time.monotonic()
        self._parse_rest_alone(doc)
        yield from self._flush()

    def _parse_rest_alone(self, doc: _Doc) -> None:
        while doc.fed < len(doc.chunks):
            doc.fed += 1
            self._parse_alone(_Item(doc, doc.fed - 1))

    def _prepare_alone(self, raw: RawInput) -> None:
        """The input whose decode/repair was cut by the timer: redo it with the full timeout."""
        try:
            with self._alarm(self.timeout):
                prepared = prepare(raw)
        except DocumentTimeout:
            prepared = Prepared(Source(path=raw.path), error=_timeout_error(
                display_name(raw.path), self.timeout))
        self._parse_rest_alone(self._new_doc(prepared))

    # ---- records out, in input order -----------------------------------------------

    def _flush(self, final: bool = False) -> Iterator[Record]:
        while self.open_docs and (self.open_docs[0].done or final):
            yield self._record(self.open_docs.popleft())

    def _record(self, doc: _Doc) -> Record:
        prepared = doc.prepared
        if prepared.error is not None:
            return error_record(prepared.source, prepared.error, self.version)
        if doc.failure is not None or not doc.done:
            failure = doc.failure or KfrError("internal", f"{doc.name}: parsing stopped early")
            return error_record(prepared.source, failure, self.version)
        parts = [(start, res) for (start, _), res in zip(doc.chunks, doc.results, strict=True)]
        return assemble(prepared, merge_results(parts), self.version)

    # ---- the timer -----------------------------------------------------------------

    @contextmanager
    def _alarm(self, seconds: float | None):
        """Raise DocumentTimeout in the block after `seconds`; yields a 'time left' getter."""
        if not self.use_alarm or seconds is None:
            yield lambda: seconds
            return
        left: list[float] = [seconds]
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
        try:
            yield lambda: left[0]
        finally:
            left[0] = signal.setitimer(signal.ITIMER_REAL, 0)[0]

    @contextmanager
    def _alarm_blocked(self):
        """Delay the timer while reading input, so it never fires inside the input generator."""
        if not self.use_alarm:
            yield
            return
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})

    @contextmanager
    def _alarm_handler(self):
        if not self.use_alarm:
            yield
            return
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def _errors_raised(nlp: Language):
    """Alone, a failing component must raise (not be skipped) so the document is marked."""
    handler, nlp.default_error_handler = nlp.default_error_handler, raise_error
    try:
        yield
    finally:
        nlp.default_error_handler = handler


def _on_alarm(signum: int, frame: Any) -> None:
    raise DocumentTimeout()


def _alarm_possible() -> bool:
    """SIGALRM timers need a Unix main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _timeout_error(name: str, timeout: float | None) -> KfrError:
    return KfrError("timeout", f"{name}: gave up after {timeout:g} seconds "
                    "(raise the limit with --timeout)")


def _close(stream: Iterator) -> None:
    """Close an abandoned nlp.pipe (stops its worker processes, if any)."""
    close = getattr(stream, "close", None)
    if close is not None:
        with suppress(Exception):  # best effort on a stream we abandon
            close()


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def run(raws: Iterable[RawInput], nlp: Language | None = None, workers: int = 1, *,
        timeout: float | None = None, chunk_chars: int = CHUNK_CHARS) -> Iterator[Record]:
    """One record per input, in input order.

    `timeout`: seconds per document (None or 0: no limit). `chunk_chars`: longest text
    handed to spaCy at once; longer documents are cut on paragraph boundaries.
    `workers` > 1: whole documents go to a process pool (engines.py), not spaCy's n_process.
    """
    nlp = nlp or nlp_module.cached()
    if workers > 1:
        from kfr_extract.engines import run_local

        return run_local(raws, nlp=nlp, workers=workers, timeout=timeout, chunk_chars=chunk_chars)
    runner = _Runner(nlp, 1, timeout, chunk_chars)
    return runner.run(raws)


def extract_paths(paths: Iterable[str], *, nlp: Language | None = None, workers: int = 1,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None,
                  chunk_chars: int = CHUNK_CHARS) -> Iterator[Record]:
    """Records for files, folders (recursively) or '-' (stdin)."""
    return run(iter_inputs(paths, max_bytes=max_bytes), nlp=nlp, workers=workers,
               timeout=timeout, chunk_chars=chunk_chars)


def extract_text(text: str, *, path: str = "<text>", nlp: Language | None = None,
                 chunk_chars: int = CHUNK_CHARS) -> Record:
    """The record for one in-memory text."""
    raw = RawInput(path, data=text.encode("utf-8"))
    return next(run([raw], nlp=nlp, chunk_chars=chunk_chars))
