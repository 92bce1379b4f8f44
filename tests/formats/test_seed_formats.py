"""The sample as published: a web page, a two-page PDF and a Word file, built here from
seeds/, give what the .txt gives (dates, places, speakers, quotes, event) and no
boilerplate. The .txt record is computed in the same test, not hard-coded."""

from __future__ import annotations

import pytest

from kfr_extract import extract_paths
from tests.conftest import SEED
from tests.formats import builders


@pytest.fixture(scope="module")
def records(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    (folder / "report.html").write_bytes(builders.seed_html())
    (folder / "report.pdf").write_bytes(builders.seed_pdf())
    (folder / "report.docx").write_bytes(builders.seed_docx())
    paths = [str(SEED), *(str(folder / f"report.{ext}") for ext in ("html", "pdf", "docx"))]
    found = list(extract_paths(paths, nlp=nlp))
    assert [r.status for r in found] == ["ok"] * 4, [r.error for r in found]
    return dict(zip(["text", "html", "pdf", "docx"], found, strict=True))


def _dates(record):
    return [(d.text, d.start, d.end, d.precision, d.relative) for d in record.dates]


def _places(record):
    return {(p.name, p.kind, p.country_code, tuple(m.text for m in p.mentions))
            for p in record.places}


def _speakers(record):
    return [(s.name, s.honorific, s.title, s.organization) for s in record.speakers]


def _quotes(record):
    return [(q.text, q.speaker) for q in record.quotes]


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_same_findings_as_the_text(records, fmt):
    text, other = records["text"], records[fmt]
    assert other.source.format == fmt
    assert _dates(other) == _dates(text)
    assert _places(other) == _places(text)
    assert _speakers(other) == _speakers(text)
    assert _quotes(other) == _quotes(text)
    assert other.event == text.event
    assert other.title == text.title
    assert text.title == "UNOCT Expert Group Meeting on Kidnap for Ransom (KFR) Project"


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_text_is_the_repaired_article_without_boilerplate(records, fmt):
    record = records[fmt]
    for line in records["text"].text.splitlines():
        assert line in record.text.splitlines()  # each paragraph whole, repaired
    for noise in (builders.HEADER, "Page 1", "Page 2", builders.SCRIPT_WORDS, "Marina Road",
                  "Privacy notice", "About us", "Related", "dataLayer", "font-family"):
        assert noise not in record.text, noise
    assert "51吃瓜 Office" in record.text and "¡" not in record.text


def test_page_metadata(records):
    source = records["html"].source
    assert source.url == "https://www.un.org/counterterrorism/kfr-egm-2023"
    assert source.site_name == "Office of Counter-Terrorism"
    assert source.author == "UNOCT Communications"
    assert source.published == "2023-06-12"
    assert source.language == "en"
    assert records["docx"].source.author == "UNOCT"
    assert records["text"].source.pages is None


def test_pdf_page_starts_index_the_repaired_text(records):
    record = records["pdf"]
    first, second = record.source.pages
    assert first == 0
    page_two = builders.seed_pdf_pages()[1][0].replace("¡¯", "’")  # as repaired
    # Repair shortened page 1 ('³Ô¹Ï' -> '吃瓜', ...): the start moved with it.
    assert record.text[second:].startswith(page_two)
    assert record.text[second - 1] == " "  # the paragraph flows on across the break
