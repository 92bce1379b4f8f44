"""PDF reader: paragraphs from hard-wrapped lines, hyphens, running lines, pages, errors."""

from __future__ import annotations

import re

import pytest

from kfr_extract.errors import KfrError
from kfr_extract.formats import pdf
from tests.formats.builders import HEADER, pdf_pages, scanned_pdf, wrapped

PARAGRAPHS = [
    "Kidnappers released two aid workers near the border with Niger on 3 May 2023, the "
    "agency said, after forty days of talks that involved local elders and officials.",
    "The minister thanked the mediators and said that no ransom had been paid, a claim "
    "that the families of the hostages did not dispute when asked by reporters.",
]


def one_page(lines) -> bytes:
    """A page without header or page number (on one page a header cannot be told apart)."""
    return pdf_pages([lines], header=None, numbers=None)


def test_wrapped_lines_become_paragraphs_and_running_lines_go():
    lines = wrapped(PARAGRAPHS, width=60)
    extracted = pdf.read(pdf_pages([lines[:2], lines[2:]]), "r.pdf")
    assert extracted.text.split("\n") == PARAGRAPHS
    assert HEADER not in extracted.text and "Page" not in extracted.text
    assert extracted.pages[0] == 0
    assert extracted.text[extracted.pages[1]:].startswith(lines[2])
    assert extracted.text[extracted.pages[1] - 1] == " "  # the paragraph goes on


def test_a_paragraph_ending_with_its_page_ends_there():
    lines = wrapped(PARAGRAPHS, width=60)
    cut = lines.index("")
    extracted = pdf.read(pdf_pages([lines[:cut], lines[cut + 1:]]), "r.pdf")
    assert extracted.text.split("\n") == PARAGRAPHS
    assert extracted.pages[1] == len(PARAGRAPHS[0]) + 1


def test_paragraphs_without_gaps_split_after_a_short_sentence_end():
    lines = ["Kidnappers released two aid workers near the border with",
             "Niger on 3 May 2023, the agency said.",
             "The minister thanked the mediators and said that no ransom",
             "had been paid, and the families did not dispute it."]
    assert pdf.read(one_page(lines), "r.pdf").text.split("\n") == [
        " ".join(lines[:2]), " ".join(lines[2:])]


def test_a_heading_in_a_larger_font_is_its_own_paragraph():
    lines = [("Aid workers freed", 16.0), *wrapped(PARAGRAPHS, width=60)]
    text = pdf.read(one_page(lines), "r.pdf").text
    assert text.split("\n") == ["Aid workers freed", *PARAGRAPHS]


def test_page_numbers_alone_are_dropped_even_on_one_page():
    lines = wrapped(PARAGRAPHS[:1], width=60)
    text = pdf.read(pdf_pages([lines], header=None, numbers="- {n} -"), "r.pdf").text
    assert text == PARAGRAPHS[0]


def test_only_page_numbers_is_empty():
    with pytest.raises(KfrError) as err:
        pdf.read(pdf_pages([[], []]), "blank.pdf")
    assert err.value.type == "empty" and "blank.pdf" in err.value.message


def test_a_title_on_the_first_page_only_is_kept():
    pages = [[("Annual report on kidnapping", 14.0), "", *wrapped(PARAGRAPHS[:1], 60)],
             wrapped(PARAGRAPHS[1:], 60)]
    text = pdf.read(pdf_pages(pages), "r.pdf").text
    assert text.split("\n") == ["Annual report on kidnapping", *PARAGRAPHS]


@pytest.mark.parametrize("lines,expected", [
    # joined: "organizations" is a word
    (["Delegates from eight international organi-", "zations met in Rabat."],
     "Delegates from eight international organizations met in Rabat."),
    # kept: "wellformulated" is not a word
    (["They made well-", "formulated decisions in Rabat."],
     "They made well-formulated decisions in Rabat."),
    # kept: the document writes "counter-terrorism" elsewhere
    (["The counter-terrorism office met the counter-", "terrorism police in Rabat."],
     "The counter-terrorism office met the counter-terrorism police in Rabat."),
    # joined: the document writes "counterterrorism" elsewhere
    (["The counterterrorism office met the counter-", "terrorism police in Rabat."],
     "The counterterrorism office met the counterterrorism police in Rabat."),
    # joined on the document's own evidence, for a word no vocabulary knows
    (["Talks in Ouagadougou and then in Ouaga-", "dougou again."],
     "Talks in Ouagadougou and then in Ouagadougou again."),
])
def test_line_end_hyphens(lines, expected):
    assert pdf.read(one_page(lines), "h.pdf").text == expected


def test_encrypted_with_a_password():
    data = pdf_pages([wrapped(PARAGRAPHS, 60)], encrypt="s3cret")
    with pytest.raises(KfrError) as err:
        pdf.read(data, "locked.pdf")
    assert err.value.type == "encrypted"
    assert "locked.pdf" in err.value.message and "password" in err.value.message


def test_encrypted_with_an_owner_password_only_opens():
    data = pdf_pages([wrapped(PARAGRAPHS, 60)], header=None, encrypt="owner", owner_only=True)
    assert pdf.read(data, "open.pdf").text.split("\n") == PARAGRAPHS


def test_a_scan_has_no_text_layer():
    with pytest.raises(KfrError) as err:
        pdf.read(scanned_pdf(), "scan.pdf")
    assert err.value.type == "no_text_layer"
    assert "scan.pdf" in err.value.message and "ocrmypdf" in err.value.message


def test_a_broken_cross_reference_table_is_rebuilt():
    data = pdf_pages([wrapped(PARAGRAPHS, 60)], header=None)
    broken = re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data)  # every offset wrong
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n99999999", broken)
    assert broken != data
    assert pdf.read(broken, "xref.pdf").text.split("\n") == PARAGRAPHS


@pytest.mark.parametrize("cut", [0.1, 0.5])
def test_a_truncated_pdf_is_a_typed_error_or_what_can_be_read(cut):
    data = pdf_pages([wrapped(PARAGRAPHS, 60)])
    try:
        extracted = pdf.read(data[: int(len(data) * cut)], "cut.pdf")
    except KfrError as err:
        assert err.type in {"decode_failed", "no_text_layer"} and "cut.pdf" in err.message
    else:
        assert extracted.text in "\n".join(PARAGRAPHS)


def test_garbage_after_the_signature_is_decode_failed():
    with pytest.raises(KfrError) as err:
        pdf.read(b"%PDF-1.7\n" + bytes(range(256)) * 20, "junk.pdf")
    assert err.value.type == "decode_failed" and "junk.pdf" in err.value.message


def test_sniff():
    assert pdf.sniff(b"%PDF-1.4\n...", hinted=False)
    assert pdf.sniff(b"\r\n junk before it %PDF-1.4\n", hinted=False)
    assert not pdf.sniff(b"A text file named .pdf", hinted=True)
