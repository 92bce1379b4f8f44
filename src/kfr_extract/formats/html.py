"""HTML and XHTML pages -> the article's text and the page's metadata.

Decoding follows browsers: a byte-order mark, then the charset the page declares in a
``<meta charset>`` or ``http-equiv`` tag (or an XML declaration) near the top, with the
labels read as the WHATWG Encoding Standard reads them (``iso-8859-1`` and ``ascii`` are
Windows-1252, ``gb2312`` is GB18030, ...), then the detection plain text uses
(``text.decode``). A page declaring UTF-8 goes straight to that detection, which keeps
UTF-8 whenever the bytes are UTF-8 and flags the odd undecodable byte.

The main content comes from trafilatura with comments left out and ``favor_precision``:
a report's boilerplate (related stories, sidebars) costs the extractors more than a
missed aside. On trafilatura's own evaluation pages this scores above its defaults
(``benchmarks/html_eval.py``). Paragraphs, headings, block quotes, list items and table
cells come out one per line; navigation, scripts, comments and footers do not. The page
is parsed here with lxml's ``huge_tree`` (trafilatura's own parser gives up on a text
node over 10 MB, as a page's inline data can be) and no size cap (``--max-bytes`` is the
limit). Metadata: the URL (canonical link or ``og:url``), site name, author, published
date (from the page's markup and URL, not guessed from its text), the ``lang`` the page
declares, and the headline as ``title``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

from kfr_extract.errors import KfrError

from . import text
from .extracted import Extracted, Meta

EXTENSIONS = (".html", ".htm", ".xhtml")

# How far into the page browsers (and we) look for a declared charset and for the
# signature of an HTML document.
_PRESCAN = 4096
# The WHATWG MIME sniffing patterns for text/html (after whitespace), each followed by a
# space or '>' ("<!--" by anything).
_HTML_START = re.compile(
    rb"\s*(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style"
    rb"|<title|<b|<body|<br|<p)[\s>]|\s*<!--", re.IGNORECASE)
_XHTML = re.compile(rb"\s*<\?xml[^>]*>.*?<html", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(rb"<(?:[a-z][a-z0-9]*)[\s/>]", re.IGNORECASE)
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.+-]+)""", re.IGNORECASE)

# Labels whose meaning in HTML differs from Python's codec of that name (WHATWG Encoding
# Standard); a page cannot declare UTF-16 in a <meta> (the bytes would not be ASCII).
_ENCODING_NAMES = {"sloppy-windows-1252": "windows-1252"}  # as source.encoding says it
_LABELS = {
    **dict.fromkeys(("ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                     "l1", "cp819", "cp1252", "windows-1252", "x-cp1252"),
                    "sloppy-windows-1252"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80"),
                    "gb18030"),
    **dict.fromkeys(("iso-8859-9", "latin5", "l5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11"), "cp874"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "x-sjis", "windows-31j"),
                    "cp932"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949"), "cp949"),
    **dict.fromkeys(("big5", "big5-hkscs", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode", "utf8", "utf-8"), "utf-8"),
}



@lru_cache(maxsize=1)
def _parser() -> Any:
    """lxml's HTML parser as we use it (lxml and trafilatura load on the first page)."""
    from lxml.html import HTMLParser

    return HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False,
                      encoding="utf-8", remove_comments=True, remove_pis=True)


@lru_cache(maxsize=1)
def _options() -> dict[str, Any]:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(2**62))  # --max-bytes is the limit
    return {
        "include_comments": False,
        "favor_precision": True,
        "with_metadata": True,
        # Dates from the markup and the URL only: searching the text is slow and finds
        # the report's own dates.
        "date_extraction_params": {"extensive_search": False, "original_date": True},
        "config": config,
    }


def sniff(data: bytes, hinted: bool) -> bool:
    head = _ascii_head(data)
    if _HTML_START.match(head) or _XHTML.match(head):
        return True
    return hinted and _ANY_TAG.search(head) is not None


def read(data: bytes, name: str) -> Extracted:
    decoded = decode_html(data, name)
    tree = _parse(decoded.text, name)
    language = _language(tree)
    canonical = _canonical(tree)
    import trafilatura

    document = trafilatura.bare_extraction(tree, **_options())
    body = (document.text or "") if document is not None else ""
    if not body.strip():
        raise KfrError("empty", f"{name}: the page has no main text (only navigation, "
                       "scripts or boilerplate)")
    undecodable = ([(i, i + 1) for i, ch in enumerate(body) if ch == "\ufffd"]
                   if decoded.undecodable else [])
    meta = _meta(document, language)
    if canonical:
        meta = replace(meta, url=canonical)
    return Extracted(body, decoded.encoding, undecodable, meta)


def decode_html(data: bytes, name: str) -> Extracted:
    """The page's bytes as a browser decodes them (the markup, not yet the article)."""
    if not data.strip():
        raise KfrError("empty", f"{name}: the file is empty")
    declared = _declared_codec(data)
    if declared is None or declared == "utf-8" or text.has_bom(data):
        return text.decode(data, name)
    decoded, bad = text.decode_recording(data, declared)
    if text.too_broken(decoded, bad):  # the declaration is wrong: detect instead
        return text.decode(data, name)
    return Extracted(decoded, _ENCODING_NAMES.get(declared, codecs.lookup(declared).name), bad)


def _ascii_head(data: bytes) -> bytes:
    """The first bytes with a BOM dropped and UTF-16/32 narrowed to ASCII, for matching."""
    head = data[:_PRESCAN]
    for bom, codec in text.BOM_CODECS:
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore").encode("ascii", "replace")
    return head


def _declared_codec(data: bytes) -> str | None:
    found = _DECLARED.search(data[:_PRESCAN])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    codec = _LABELS.get(label, label)
    try:
        codecs.lookup(codec)
    except LookupError:
        return None
    return codec


def _parse(markup: str, name: str) -> Any:
    from lxml import etree
    from lxml.html import document_fromstring

    try:
        return document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise KfrError("empty", f"{name}: the page has no content that HTML parsing "
                       f"could recover ({err})") from None


def _canonical(tree: Any) -> str | None:
    """The canonical link's address (trafilatura prefers og:url when both are there)."""
    for link in tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            href = link.get("href", "").strip()
            if href.startswith(("http://", "https://")):
                return href
    return None


def _language(tree: Any) -> str | None:
    """The language the page declares: <html lang>, xml:lang or Content-Language."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        for meta in tree.iterfind(".//meta[@http-equiv]"):
            if meta.get("http-equiv", "").lower() == "content-language":
                declared = meta.get("content")
                break
    if not declared:
        return None
    tag = declared.split(",")[0].strip().replace("_", "-")
    return tag or None


def _meta(document, language: str | None) -> Meta:
    return Meta(
        url=document.url or None,
        site_name=document.sitename or None,
        author=document.author or None,
        published=_iso_date(document.date),
        language=language,
        title=document.title or None,
    )


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
