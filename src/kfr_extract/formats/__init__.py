"""Input formats: bytes of a file -> its text, metadata and page starts.

One module per format, each with the same small interface:

- ``EXTENSIONS``: the file name endings it is known by (folder walks read these);
- ``sniff(data, hinted) -> bool``: whether the bytes are this format; ``hinted`` says the
  file name has one of ``EXTENSIONS``, for bytes that could be several things;
- ``read(data, name) -> Extracted``: the text, or ``KfrError`` naming the file and problem.

``FORMATS`` lists them in detection order: the bytes decide (a PDF named ``.txt`` is read
as a PDF), the extension only settles what the bytes leave open; plain text comes last and
takes everything else. Mojibake repair runs afterwards on the text, whatever the format.
"""

from __future__ import annotations

import logging
from pathlib import PurePath
from types import ModuleType

from kfr_extract.errors import KfrError

from . import docx, html, pdf, text
from .extracted import Extracted, Meta

__all__ = ["FORMATS", "Extracted", "Meta", "detect", "document_extensions", "read"]

FORMATS: dict[str, ModuleType] = {"pdf": pdf, "docx": docx, "html": html, "text": text}

# The parsing libraries log what they recover from to the root logger's last resort, i.e.
# stderr; our records already say what went wrong, so their messages go nowhere unless the
# application configures logging itself.
for _name in ("pypdf", "trafilatura", "htmldate", "courlan", "docx"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


def document_extensions() -> frozenset[str]:
    """File name endings of every known format ('.txt', '.pdf', ...)."""
    return frozenset(ext for reader in FORMATS.values() for ext in reader.EXTENSIONS)


def detect(data: bytes, name: str) -> str:
    """The format of `data`, from its bytes; the extension of `name` is a hint only."""
    suffix = PurePath(name).suffix.lower()
    for fmt, reader in FORMATS.items():
        if reader.sniff(data, suffix in reader.EXTENSIONS):
            return fmt
    return "text"


def read(data: bytes, name: str, fmt: str | None = None) -> tuple[str, Extracted]:
    """(format, extracted text) of `data`; `fmt` skips detection. Raises KfrError."""
    fmt = fmt or detect(data, name)
    extracted = FORMATS[fmt].read(data, name)
    if not extracted.text.replace("\ufeff", "").strip():
        raise KfrError("empty", f"{name}: the {fmt.upper()} file holds no text")
    return fmt, extracted
