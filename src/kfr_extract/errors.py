"""Errors the library raises on purpose: each maps to one record `error.type`.

The types a record can carry (documented in the README, "Errors and exit codes"):

- ``not_found``: the path does not exist (or a link points nowhere);
- ``permission_denied``: the file or folder exists but cannot be read;
- ``read_failed``: reading failed for another reason (an I/O error, a vanished file system);
- ``not_text``: a binary file (image, archive, program), a ZIP that is not a Word file,
  a folder or a device;
- ``decode_failed``: the bytes could not be turned into text (or a PDF or Word file is
  damaged beyond reading);
- ``encrypted``: a PDF that needs a password;
- ``no_text_layer``: a PDF without text (a scan; we do not OCR);
- ``too_large``: over ``--max-bytes``;
- ``empty``: nothing but whitespace (a web page: no main text);
- ``parse_failed``: spaCy or an extractor raised on this document;
- ``timeout``: the document took longer than ``--timeout`` seconds;
- ``worker_lost``: the worker process parsing it died, and died again on the retry;
- ``internal``: a reader or the repair raised, or the extraction produced an invalid
  record (a bug: please report it).
"""

from __future__ import annotations

from kfr_extract.models import Error, ErrorType


class KfrError(Exception):
    """A problem with one document, reported in its record instead of stopping the batch."""

    def __init__(self, type_: ErrorType, message: str) -> None:
        super().__init__(message)
        self.type: ErrorType = type_
        self.message = message

    def __reduce__(self):
        """Pickle by the constructor's own arguments, so errors cross process boundaries."""
        return (type(self), (self.type, self.message))

    def to_error(self) -> Error:
        return Error(type=self.type, message=self.message)


class EngineError(RuntimeError):
    """The chosen engine cannot run: no Dask, an unreachable scheduler, workers that fail."""


class OutputError(RuntimeError):
    """Records cannot be written (a full disk, a read-only folder, a bad --out path):
    the message says what and where; nothing about the documents is wrong."""


class ModelNotInstalled(RuntimeError):
    """No English spaCy model is installed: nothing can be parsed."""


class DocumentTimeout(BaseException):
    """Raised by the timer when a document runs over `--timeout`.

    A BaseException on purpose: spaCy's per-component error handlers and our own
    `except Exception` clauses must not swallow it on its way up to the pipeline.
    """


class SetupError(RuntimeError):
    """The run cannot go on for a reason outside any document: an optional extra is not
    installed, or an output cannot be written. The CLI says what is missing (exit 2)."""
