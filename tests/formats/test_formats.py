"""Detection and dispatch (formats/__init__.py): the bytes decide, the extension hints."""

from __future__ import annotations

import io
import zipfile

import pytest

from kfr_extract import formats
from kfr_extract.errors import KfrError
from tests.formats.builders import docx_file, pdf_pages, web_page

TEXT = "Kidnappers released two aid workers near Gao on 3 May 2023.\n"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", TEXT)
    return buffer.getvalue()


@pytest.mark.parametrize("data,name,expected", [
    (TEXT.encode(), "a.txt", "text"),
    (TEXT.encode(), "a", "text"),
    (TEXT.encode(), "lies.pdf", "text"),  # a text named .pdf
    (TEXT.encode(), "lies.html", "text"),  # no markup at all
    (TEXT.encode(), "lies.docx", "text"),  # not a ZIP
    (pdf_pages([[TEXT.strip()]]), "lies.txt", "pdf"),  # a PDF named .txt
    (pdf_pages([[TEXT.strip()]]), "noext", "pdf"),
    (web_page("T", [TEXT]).encode(), "page.txt", "html"),
    (web_page("T", [TEXT]).encode(), "page", "html"),
    (docx_file("T", [TEXT]), "word.bin", "docx"),
    (_zip(), "bundle.zip", "text"),  # refused by the text reader as binary
    (_zip(), "bundle.docx", "docx"),  # refused by the DOCX reader: no Word body
])
def test_detect(data, name, expected):
    assert formats.detect(data, name) == expected


def test_read_names_the_format():
    fmt, extracted = formats.read(pdf_pages([[TEXT.strip()]], header=None, numbers=None),
                                  "lies.txt")
    assert (fmt, extracted.text) == ("pdf", TEXT.strip())


def test_a_zip_that_is_not_docx_is_refused_either_way():
    for name in ("bundle.zip", "bundle.docx"):
        with pytest.raises(KfrError) as err:
            formats.read(_zip(), name)
        assert err.value.type == "not_text" and name in err.value.message


def test_every_reader_has_the_interface():
    for reader in formats.FORMATS.values():
        assert callable(reader.sniff) and callable(reader.read)
        assert all(ext.startswith(".") for ext in reader.EXTENSIONS)
    assert list(formats.FORMATS)[-1] == "text"  # the fallback comes last
    assert {".txt", ".html", ".htm", ".pdf", ".docx"} <= formats.document_extensions()
