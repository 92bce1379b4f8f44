"""HTML reader: browser-like decoding, main content only, page metadata, bad pages."""

from __future__ import annotations

import codecs
import json
import re

import pytest

from kfr_extract.errors import KfrError
from kfr_extract.formats import html
from tests.formats.builders import web_page

ARTICLE = [
    "Police in Lagos said on 4 March 2024 that the kidnappers of three engineers had "
    "demanded a ransom, and that negotiations were under way with the families.",
    "“We will bring them home,” said Commissioner Ada Obi, who leads the state's "
    "anti-kidnapping unit, adding that 40 officers had joined the search.",
]


def page(blocks=ARTICLE, **kwargs) -> str:
    return web_page("Engineers kidnapped in Lagos", blocks, **kwargs)


def test_main_text_keeps_paragraphs_and_drops_boilerplate():
    extracted = html.read(page().encode(), "p.html")
    lines = extracted.text.splitlines()
    assert lines[0] == "Engineers kidnapped in Lagos"
    for paragraph in ARTICLE:
        assert paragraph in lines
    for noise in ("Home", "About us", "Georgia", "Marina Road", "Privacy", "dataLayer",
                  "Tbilisi", "font-family"):
        assert noise not in extracted.text
    assert extracted.meta.title == "Engineers kidnapped in Lagos"
    assert extracted.meta.language == "en"


def test_headings_lists_and_block_quotes_are_kept_one_a_line():
    markup = ("<html><body><article><h1>Hostages freed</h1>"
              "<p>Security forces freed 12 hostages near Kaduna on Sunday, officials said, "
              "after a week of talks with the group that had held them since May.</p>"
              "<h2>What the army said</h2><blockquote>The operation ended without a shot "
              "fired and every hostage is safe and with their family.</blockquote>"
              "<ul><li>Five were students from the local college.</li>"
              "<li>Seven were farm workers from nearby villages.</li></ul>"
              "<p>The army thanked community leaders for their help in the negotiations, "
              "which took place in the presence of two religious leaders.</p>"
              "</article></body></html>")
    lines = html.read(markup.encode(), "h.html").text.splitlines()
    assert "What the army said" in lines
    assert any(line.startswith("The operation ended without a shot") for line in lines)
    assert any(line.endswith("Five were students from the local college.") for line in lines)
    assert any(line.endswith("Seven were farm workers from nearby villages.") for line in lines)


def test_metadata_from_markup():
    head = """<link rel="canonical" href="https://news.example.org/2024/03/lagos">
<meta property="og:url" content="https://news.example.org/other">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">"""
    meta = html.read(page(head=head).encode(), "m.html").meta
    assert meta.url == "https://news.example.org/2024/03/lagos"
    assert (meta.site_name, meta.author, meta.published) == ("Example News", "Jane Doe",
                                                           "2024-03-05")


def test_og_url_when_there_is_no_canonical_link():
    head = '<meta property="og:url" content="https://news.example.org/og">'
    assert html.read(page(head=head).encode(), "o.html").meta.url == "https://news.example.org/og"


# ---- decoding as browsers do ---------------------------------------------------------


def test_declared_legacy_charset_is_used():
    text = ("洪旭东去年被绑架，直至今年才有最新消息。"
            "巴基斯坦塔利班分支武装组织向美联社提供了视频。") * 4
    markup = page([text], charset="gb2312").encode("gbk", "xmlcharrefreplace")
    extracted = html.read(markup, "zh.html")
    assert text in extracted.text
    assert extracted.encoding == "gb18030"


def test_iso_8859_1_label_means_windows_1252():
    """A page declaring iso-8859-1 with cp1252 curly quotes: browsers show the quotes."""
    para = "“We will not pay,” said the minister in Bogotá on Tuesday, after the talks failed."
    markup = page([para * 3], charset="iso-8859-1").encode("cp1252")
    extracted = html.read(markup, "l1.html")
    assert para in extracted.text
    assert extracted.encoding == "windows-1252"


def test_http_equiv_declaration():
    para = "Gefährliche Entführung in München: die Polizei ermittelt weiter gegen die Täter."
    markup = page([para * 3], charset="x").replace(
        '<meta charset="x">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    assert para in html.read(markup.encode("cp1252"), "de.html").text


def test_byte_order_mark_beats_the_declaration():
    para = "Côte d’Ivoire: “libération” des otages à Abidjan, selon le ministère de l’Intérieur."
    markup = codecs.BOM_UTF8 + page([para * 3], charset="windows-1252").encode("utf-8")
    assert para in html.read(markup, "bom.html").text


def test_undeclared_charset_is_detected_like_text():
    para = "São Paulo: “sequestro relâmpago” volta a crescer, diz a polícia em relatório."
    markup = page([para * 3]).replace('<meta charset="utf-8">', "").encode("cp1252")
    assert para in html.read(markup, "pt.html").text


def test_a_wrong_utf8_declaration_flags_undecodable_bytes():
    para = "Officials met in Vienna on 5 June 2023 to discuss ransom payments and hostages."
    markup = page([para, "A stray byte: X here, in an otherwise fine paragraph of text."])
    extracted = html.read(markup.encode().replace(b"X here", b"\xff here"), "bad.html")
    assert para in extracted.text
    [(start, end)] = extracted.undecodable
    assert extracted.text[start:end] == "\ufffd"


def test_mojibake_in_the_page_is_left_for_repair():
    """The reader gives the characters the page has; repair runs after (pipeline)."""
    para = "The 51³Ô¹Ï Office held a meeting from 6 ¨C 8 June 2023 in Rabat, Morocco."
    assert para in html.read(page([para]).encode(), "moji.html").text


# ---- bad pages -----------------------------------------------------------------------


def test_boilerplate_only_page_is_empty():
    """Navigation, a sidebar, scripts and a footer around an empty article."""
    markup = re.sub(r"<h1>.*?</h1>", "", web_page("Home", []))
    with pytest.raises(KfrError) as err:
        html.read(markup.encode(), "nav.html")
    assert err.value.type == "empty"
    assert "nav.html" in err.value.message and "no main text" in err.value.message


def test_malformed_markup_is_recovered():
    """Unclosed, stray and misnested tags: browsers still show the text, and so do we."""
    markup = ("<html><head><title>Broken</title><body><div class=a><p>Kidnappers released "
              "two aid workers in Mali on 3 May 2023, the agency said in a statement.</div>"
              "</span></p><p>The two had been held for 40 days near the border with Niger "
              "<b>and were reported to be in good health<i></b></html></p><td>")
    extracted = html.read(markup.encode(), "broken.html")
    assert "The two had been held for 40 days" in extracted.text


@pytest.mark.parametrize("markup", [
    b"<html><div></span><p></div><script>x()</script><style>p {}</style></html>",
    # an attribute that never closes swallows the rest of the page, in browsers too
    b"<html><body><div class='a><p>Kidnappers released two aid workers.</p></body></html>",
])
def test_markup_with_no_text_to_show_is_empty(markup):
    with pytest.raises(KfrError) as err:
        html.read(markup, "junk.html")
    assert err.value.type == "empty" and "junk.html" in err.value.message


def test_twenty_megabytes_of_inline_data_around_an_article():
    """A text node over 10 MB (inline JSON) made trafilatura's own parser give up."""
    data = json.dumps([{"id": i, "body": "lorem ipsum " * 25} for i in range(64_000)])
    markup = page(head=f"<script>window.__DATA__ = {data};</script>").encode()
    assert len(markup) > 20_000_000
    extracted = html.read(markup, "big.html")
    assert all(paragraph in extracted.text for paragraph in ARTICLE)
    assert "lorem" not in extracted.text


# ---- detection -----------------------------------------------------------------------


@pytest.mark.parametrize("start", [
    b"<!DOCTYPE html><html><body><p>x</p></body></html>",
    b"\n  <html lang='en'><p>x</p></html>",
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0'
    b' Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    codecs.BOM_UTF8 + b"<!doctype html><p>x</p>",
    "<!DOCTYPE html><p>x</p>".encode("utf-16"),
])
def test_sniff_finds_html_from_the_bytes(start):
    assert html.sniff(start, hinted=False)


def test_sniff_needs_the_extension_for_a_fragment():
    fragment = b"Report follows.\n<span>Kidnapping in Lagos</span>"
    assert not html.sniff(fragment, hinted=False)
    assert html.sniff(fragment, hinted=True)
    assert not html.sniff(b"No markup at all in this file.", hinted=True)
