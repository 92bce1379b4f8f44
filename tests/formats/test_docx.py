"""DOCX reader: paragraphs, headings and table cells in order; not-a-Word-file errors."""

from __future__ import annotations

import io
import zipfile

import pytest

from kfr_extract.errors import KfrError
from kfr_extract.formats import docx
from tests.formats.builders import docx_file

BODY = ["Kidnappers released two aid workers near Gao on 3 May 2023.", "Background",
        "The two had been held for forty days."]


def test_paragraphs_headings_and_title():
    extracted = docx.read(docx_file("Aid workers freed", BODY, headings=("Background",),
                                    author="Desk"), "a.docx")
    assert extracted.text.split("\n") == ["Aid workers freed", *BODY]
    assert extracted.meta.title == "Aid workers freed"
    assert (extracted.meta.author, extracted.meta.language) == ("Desk", "en-GB")
    assert extracted.pages is None


def test_table_cells_are_paragraphs_in_row_order():
    table = [["Date", "Place", "Hostages"], ["3 May 2023", "Gao", "2"]]
    extracted = docx.read(docx_file(None, BODY[:1], table=table), "t.docx")
    assert extracted.text.split("\n") == [BODY[0], "Date", "Place", "Hostages",
                                          "3 May 2023", "Gao", "2"]
    assert extracted.meta.title is None


def test_a_merged_cell_comes_out_once():
    import docx as python_docx

    document = python_docx.Document()
    grid = document.add_table(rows=2, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 2)).text = "Incidents in 2023"
    for c, value in enumerate(["Gao", "Kidal", "Mopti"]):
        grid.cell(1, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    text = docx.read(buffer.getvalue(), "m.docx").text
    assert text.split("\n") == ["Incidents in 2023", "Gao", "Kidal", "Mopti"]


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_that_is_not_a_word_file():
    data = _zip({"notes.txt": "just notes", "data.csv": "a,b"})
    assert docx.sniff(data, hinted=True) and not docx.sniff(data, hinted=False)
    with pytest.raises(KfrError) as err:
        docx.read(data, "fake.docx")
    assert err.value.type == "not_text"
    assert "fake.docx" in err.value.message and "not a Word document" in err.value.message


def test_a_damaged_word_file():
    data = docx_file("Title", BODY)
    with pytest.raises(KfrError) as err:
        docx.read(data[: len(data) // 2], "cut.docx")
    assert err.value.type == "decode_failed" and "cut.docx" in err.value.message


def test_a_word_body_that_is_not_xml():
    data = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "not xml <<"})
    with pytest.raises(KfrError) as err:
        docx.read(data, "bad.docx")
    assert err.value.type == "decode_failed" and "bad.docx" in err.value.message
