"""The only module that knows the order: load -> decode -> repair -> parse -> extract -> assemble.

Documents stream through `nlp.pipe` one batch at a time, so one file and a
million take the same code and memory does not grow with the batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from spacy.language import Language

from kfr_extract import nlp as nlp_module
from kfr_extract.assemble import Prepared, assemble, error_record
from kfr_extract.decode import decode
from kfr_extract.errors import KfrError
from kfr_extract.load import DEFAULT_MAX_BYTES, RawInput, iter_inputs
from kfr_extract.models import Record, Source
from kfr_extract.repair import repair

BATCH_SIZE = 32


def prepare(raw: RawInput) -> Prepared:
    """Decode and repair one input; never raises for a bad document."""
    if raw.error is not None or raw.data is None:
        return Prepared(Source(path=raw.path), error=raw.error)
    source = Source(path=raw.path, sha256=hashlib.sha256(raw.data).hexdigest(), bytes=len(raw.data))
    try:
        decoded = decode(raw.data, raw.path)
    except KfrError as err:
        return Prepared(source, error=err)
    source = source.model_copy(update={"encoding": decoded.encoding})
    return Prepared(source, repaired=repair(decoded.text))


def run(raws: Iterable[RawInput], nlp: Language | None = None, workers: int = 1) -> Iterator[Record]:
    """One record per input, in input order."""
    nlp = nlp or nlp_module.cached()
    stream = ((p.text, p) for p in map(prepare, raws))
    for doc, prepared in nlp.pipe(stream, as_tuples=True, batch_size=BATCH_SIZE, n_process=workers):
        if prepared.error is not None:
            yield error_record(prepared.source, prepared.error)
        else:
            yield assemble(prepared, doc._.kfr)


def extract_paths(paths: Iterable[str], *, nlp: Language | None = None, workers: int = 1,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Records for files, folders (recursively) or '-' (stdin)."""
    return run(iter_inputs(paths, max_bytes=max_bytes), nlp=nlp, workers=workers)


def extract_text(text: str, *, path: str = "<text>", nlp: Language | None = None) -> Record:
    """The record for one in-memory text."""
    raw = RawInput(path, data=text.encode("utf-8"))
    return next(run([raw], nlp=nlp))
