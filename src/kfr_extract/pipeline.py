"""The only module that knows the order: load -> read -> repair -> parse -> extract -> assemble.

Documents stream through in batches of `BATCH_SIZE`, so one file and a million
take the same code and memory does not grow with the input. Every input yields
exactly one record, in input order, whatever goes wrong:

- a document that cannot be read (by its format) or repaired gets an error record;
- a text longer than `chunk_chars` is cut into chunks (`chunks.py`) parsed one
  at a time outside the batches (32 long chunks at once would take gigabytes);
- a document on which spaCy or an extractor raises is parsed again alone and,
  if it fails again, recorded as `parse_failed`;
- with a `timeout`, decoding and repairing one document, parsing one batch and
  parsing one document alone each get that many seconds. A batch that runs over
  is parsed again one document at a time, so only a document that alone runs
  over is recorded as `timeout` (a hang is cut, the batch goes on).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.util import raise_error

from kfr_extract import formats
from kfr_extract import nlp as nlp_module
from kfr_extract.assemble import Prepared, assemble, error_record
from kfr_extract.chunks import merge_results, split_chunks
from kfr_extract.deadline import deadline, effective
from kfr_extract.errors import DocumentTimeout, KfrError
from kfr_extract.load import RawInput, display_name
from kfr_extract.models import Record, Source
from kfr_extract.paths import pipelines_dir
from kfr_extract.repair import map_position, repair

BATCH_SIZE = 32
# Chunks well under spaCy's max_length (1,000,000) keep the parser's memory small.
CHUNK_CHARS = 100_000
# Seconds per document; generous because a 50 MB text takes about 25 minutes on one core.
DEFAULT_TIMEOUT = 3600.0


def prepare(raw: RawInput) -> Prepared:
    """Read (by format) and repair one input; never raises for a bad document.

    Page offsets are carried across the repair's edits, so they index the repaired text.
    """
    if raw.error is not None or raw.data is None:
        return Prepared(Source(path=raw.path), error=raw.error)
    name = display_name(raw.path)
    source = Source(path=raw.path, sha256=hashlib.sha256(raw.data).hexdigest(),
                    bytes=len(raw.data))
    try:
        fmt = formats.detect(raw.data, name)
        source = source.model_copy(update={"format": fmt})  # error records say it too
        _, extracted = formats.read(raw.data, name, fmt)
        repaired = repair(extracted.text, undecodable=extracted.undecodable)
        title = repair(extracted.meta.title).text if extracted.meta.title else None
    except KfrError as err:
        return Prepared(source, error=err)
    except Exception as exc:  # a bug in a reader or in repair must not stop the batch
        return Prepared(source, error=KfrError(
            "internal", f"{name}: reading or repairing the text failed, a bug in "
            f"kfr-extract ({type(exc).__name__}: {exc})"))
    pages = None
    if extracted.pages is not None:
        pages = [map_position(repaired.edits, start) for start in extracted.pages]
    meta = extracted.meta
    source = source.model_copy(update={
        "encoding": extracted.encoding, "url": meta.url, "site_name": meta.site_name,
        "author": meta.author, "published": meta.published, "language": meta.language,
        "pages": pages})
    return Prepared(source, repaired=repaired, title=title)


def pipeline_version(nlp: Language) -> str:
    """Tool, model, rules and fields that make a record: reruns reuse outputs only when it
    matches. `rules` digests the pipeline config, the lexicons and the package's code, so
    a changed word list or rule redoes the documents."""
    from kfr_extract import __version__  # here: the package imports this module first

    model = f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    fields: list[str] = []
    if "kfr_extract" in nlp.pipe_names:
        fields = list(getattr(nlp.get_pipe("kfr_extract"), "fields", []))
    return f"kfr-extract {__version__}; {model}; rules={rules_digest()}; fields={','.join(fields)}"


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A short digest of `pipelines/` (config and lexicons) and of the package's source."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for root in (pipelines_dir(), package):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".cfg", ".txt", ".tsv", ".py"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class _Runner:
    """Turns a stream of inputs into records: batches for speed, one by one when one fails."""

    def __init__(self, nlp: Language, timeout: float | None, chunk_chars: int) -> None:
        self.nlp = nlp
        self.timeout = effective(timeout)
        self.chunk_chars = max(1, min(chunk_chars, nlp.max_length))
        self.version = pipeline_version(nlp)

    def run(self, raws: Iterable[RawInput]) -> Iterator[Record]:
        """One record per input, in input order; inputs are read only as batches need them.

        Batches grow 1, 2, 4 ... `BATCH_SIZE`, so the first record is out after one
        document's parse rather than a full batch's.
        """
        batch: list[Prepared] = []
        size = 1
        for raw in raws:
            prepared = self._prepare(raw)
            if len(prepared.text) > self.chunk_chars:
                # Never in a batch: 32 chunks of 100,000 characters at once would take
                # gigabytes. The batch so far goes first, to keep the input order.
                yield from self._parse_batch(batch)
                batch = []
                yield self._parse_alone(prepared)
                continue
            batch.append(prepared)
            if len(batch) >= size:
                yield from self._parse_batch(batch)
                batch, size = [], min(size * 2, BATCH_SIZE)
        yield from self._parse_batch(batch)

    def _prepare(self, raw: RawInput) -> Prepared:
        """`prepare` under the timeout: a hang in reading or repair is cut too."""
        try:
            with deadline(self.timeout):
                return prepare(raw)
        except DocumentTimeout:
            error = _timeout_error(display_name(raw.path), self.timeout)
            return Prepared(Source(path=raw.path), error=error)

    def _parse_batch(self, batch: list[Prepared]) -> Iterator[Record]:
        """One `nlp.pipe` over short documents; any it does not return is parsed alone."""
        todo = [(p.text, i) for i, p in enumerate(batch) if p.error is None]
        results: dict[int, dict | None] = {}
        try:
            # Our extractor (a component without a batch `pipe`) drops a failing document
            # through this handler; spaCy's own components raise, abandoning the batch.
            with deadline(self.timeout), _error_handler(self.nlp, _skip_failed):
                for doc, i in self.nlp.pipe(todo, as_tuples=True, batch_size=BATCH_SIZE):
                    results[i] = doc._.kfr
        except (DocumentTimeout, Exception):
            pass  # whatever did not come back is retried alone below
        for i, prepared in enumerate(batch):
            if prepared.error is None and i not in results:
                yield self._parse_alone(prepared)
            else:
                yield assemble(prepared, results.get(i), self.version)

    def _parse_alone(self, prepared: Prepared) -> Record:
        """One document by itself, chunk by chunk, with the full timeout for the whole text."""
        name = display_name(prepared.source.path)
        try:
            with deadline(self.timeout), _error_handler(self.nlp, raise_error):
                parts = [(start, self.nlp(text)._.kfr)
                         for start, text in split_chunks(prepared.text, self.chunk_chars)]
        except DocumentTimeout:
            return error_record(prepared.source, _timeout_error(name, self.timeout), self.version)
        except Exception as exc:
            error = KfrError("parse_failed", f"{name}: parsing or extraction failed "
                             f"({type(exc).__name__}: {exc})")
            return error_record(prepared.source, error, self.version)
        return assemble(prepared, merge_results(parts), self.version)


def _skip_failed(proc_name: str, proc: Any, docs: list, error: Exception) -> None:
    """spaCy error handler: drop the failing document; `_parse_batch` retries it alone."""


@contextmanager
def _error_handler(nlp: Language, handler: Callable[..., None]) -> Iterator[None]:
    """`nlp`'s error handler for components without `pipe`, for the block only."""
    previous, nlp.default_error_handler = nlp.default_error_handler, handler
    try:
        yield
    finally:
        nlp.default_error_handler = previous


def _timeout_error(name: str, timeout: float | None) -> KfrError:
    return KfrError("timeout", f"{name}: gave up after {timeout:g} seconds "
                    "(raise the limit with --timeout)")


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def run(raws: Iterable[RawInput], nlp: Language | None = None, *,
        timeout: float | None = None, chunk_chars: int = CHUNK_CHARS) -> Iterator[Record]:
    """One record per input, in input order, in this process (engines.py runs it elsewhere).

    `timeout`: seconds per document (None or 0: no limit). `chunk_chars`: longest text
    handed to spaCy at once; longer documents are cut on paragraph boundaries.
    """
    return _Runner(nlp or nlp_module.cached(), timeout, chunk_chars).run(raws)


def extract_text(text: str, *, path: str = "<text>", nlp: Language | None = None,
                 chunk_chars: int = CHUNK_CHARS) -> Record:
    """The record for one in-memory text."""
    raw = RawInput(path, data=text.encode("utf-8"))
    return next(run([raw], nlp=nlp, chunk_chars=chunk_chars))
