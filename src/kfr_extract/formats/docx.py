"""Word (.docx) -> its paragraphs, headings and table cells, one a line, in document order.

python-docx reads the body; each table cell's paragraphs come out as paragraphs of their
own (a cell merged across columns once), nested tables included. Headers, footers,
footnotes and comments are not part of the body and stay out. Metadata comes from the
file's core properties: author, created (as the published date) and language; the
headline is the first paragraph styled "Title", when there is one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from kfr_extract.errors import KfrError

from .extracted import Extracted, Meta

EXTENSIONS = (".docx",)
_ZIP = b"PK\x03\x04"


def sniff(data: bytes, hinted: bool) -> bool:
    """A ZIP archive holding a Word body (or any ZIP named .docx, refused in `read`)."""
    return data.startswith(_ZIP) and (hinted or b"word/document.xml" in data)


def read(data: bytes, name: str) -> Extracted:
    document = _open(data, name)
    paragraphs = [p for p in _paragraphs(document) if p.text.strip()]
    title = next((p.text.strip() for p in paragraphs if _style(p).lower() == "title"), None)
    text = "\n".join(p.text.strip() for p in paragraphs)
    return Extracted(text, None, [], _meta(document, title))


def _open(data: bytes, name: str) -> Any:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as err:
        raise KfrError("decode_failed", f"{name}: a damaged ZIP archive, not a readable "
                       f"Word document ({err})") from None
    if "word/document.xml" not in names:
        raise KfrError("not_text", f"{name}: a ZIP archive without word/document.xml, "
                       "not a Word document")
    import docx  # here: python-docx loads on the first Word file, not at start-up

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx on a damaged package or malformed XML parts
        raise KfrError("decode_failed", f"{name}: a damaged Word document "
                       f"({type(err).__name__}: {err})") from None


def _paragraphs(container: Any) -> Iterator[Any]:
    """Paragraphs in reading order, table cells' paragraphs in row order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table(block)
        else:
            yield block


def _table(table: Any) -> Iterator[Any]:
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                continue
            seen.add(id(cell._tc))
            yield from _paragraphs(cell)


def _style(paragraph: Any) -> str:
    try:
        return paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError):
        return ""


def _meta(document: Any, title: str | None) -> Meta:
    props = document.core_properties
    created = props.created
    return Meta(author=(props.author or "").strip() or None,
                published=created.date().isoformat() if created else None,
                language=(props.language or "").strip() or None,
                title=title)
