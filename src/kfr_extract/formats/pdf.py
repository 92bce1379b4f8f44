"""PDF -> the text layer as paragraphs, with the character offset where each page starts.

The text comes from pypdf. pdfplumber (pdfminer) was measured against it on the 23
development reports made into PDFs (``benchmarks/pdf_readers.py``: justified text in an
embedded TrueType font, header, page numbers): on one-column pages both give back the
same words (99.94% of the source's, in order), but pdfplumber takes 84 ms a page to
pypdf's 5; on two-column pages pdfplumber reads across both columns line by line (93.0%
of the words in order) where pypdf follows the content stream, column by column
(99.94%). pypdf also reports where each piece of text sits on the page (its visitor),
which is all the layout this reader needs.

From positioned lines to text:

- Running headers and footers: lines among the two top-most and two bottom-most of a
  page that come back (digits aside) on at least a third of the pages (and two), and
  page numbers there ("7", "Page 7 of 9", "- 7 -"), are dropped.
- Paragraphs: a new one starts where the vertical gap is clearly wider than the line
  spacing, where the first line is indented, where the font size changes (headings),
  after a short line that ends a sentence, after a very short line of its own with no
  punctuation before a capital (a heading), and at a new page or column when the last
  line ended a sentence and the next opens with a capital. Lines inside a paragraph are
  joined with a space (none between CJK characters); text flows on across pages.
- A hyphen at a line end: kept where the document writes that word with a hyphen
  elsewhere; dropped where the joined form is a word (in the document itself, else in
  the spaCy model's vocabulary); kept otherwise ("non-governmental" stays).

Errors: an encrypted PDF that does not open with the empty password -> ``encrypted``; a
PDF with pages but no text (a scan) -> ``no_text_layer`` (we do not OCR); a PDF pypdf
cannot read -> ``decode_failed``. A broken cross-reference table is rebuilt by pypdf
(non-strict mode) where the objects are still there.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kfr_extract.errors import KfrError

from .extracted import Extracted, Meta

EXTENSIONS = (".pdf",)

_PAGE_NUMBER = re.compile(
    r"^\W*(?:(?:page|p\.|seite|página|pagina|pág\.)\s*)?\d{1,4}"
    r"(?:\s*(?:of|/|de|von|sur|di)\s*\d{1,4})?\W*$", re.IGNORECASE)
_SENTENCE_END = tuple(".!?:;\"”’»)")
_WORD = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float  # baseline, from the bottom of the page
    size: float  # font size as drawn


def sniff(data: bytes, hinted: bool) -> bool:
    """The PDF signature within the first kilobyte, as readers accept it."""
    return b"%PDF-" in data[:1024]


def read(data: bytes, name: str) -> Extracted:
    reader = _open(data, name)
    pages = _lines_of_pages(reader, name)
    body = _drop_running_lines(pages)
    if not any(body):
        raise KfrError("empty", f"{name}: the PDF holds only page numbers and running lines")
    text, starts = assemble(body)
    return Extracted(text, None, [], _meta(reader), starts)


# ---- pypdf --------------------------------------------------------------------------


def _open(data: bytes, name: str) -> Any:
    from pypdf import PdfReader  # here: pypdf loads on the first PDF, not at start-up
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise KfrError("encrypted", f"{name}: the PDF is encrypted with a password; "
                           "decrypt it first (e.g. qpdf --decrypt --password=... IN OUT)")
        if len(reader.pages) == 0:
            raise KfrError("decode_failed", f"{name}: the PDF has no pages")
    except KfrError:
        raise
    except DependencyError as err:
        raise KfrError("encrypted", f"{name}: the PDF is encrypted and opening it needs "
                       f"a package that is missing ({err})") from None
    except Exception as err:  # pypdf raises many kinds on a damaged file
        raise KfrError("decode_failed", f"{name}: a damaged PDF that cannot be read "
                       f"({type(err).__name__}: {err})") from None
    return reader


def _lines_of_pages(reader: Any, name: str) -> list[list[Line]]:
    pages: list[list[Line]] = []
    failures: list[str] = []
    for page in reader.pages:
        try:
            pages.append(_lines_of(page))
        except Exception as err:  # one damaged page: read the others
            failures.append(f"{type(err).__name__}: {err}")
            pages.append([])
    if not any(pages):
        if failures:
            raise KfrError("decode_failed", f"{name}: a damaged PDF: no page could be read "
                           f"({failures[0]})")
        raise KfrError("no_text_layer", f"{name}: the PDF has no text layer ({len(pages)} "
                       "page(s), scanned images?); OCR it first, e.g. with "
                       "'ocrmypdf IN.pdf OUT.pdf', then read OUT.pdf")
    return pages


def _lines_of(page) -> list[Line]:
    """The page's text lines in content-stream order, each with where it starts."""
    lines: list[Line] = []
    parts: list[str] = []
    start: list[float] = []

    def close() -> None:
        joined = "".join(parts).strip()
        if joined and start:
            lines.append(Line(joined, *start))
        parts.clear()
        start.clear()

    def visit(chunk: str, cm, tm, font, size) -> None:
        for i, piece in enumerate(chunk.split("\n")):
            if i:
                close()
            if piece.strip() and not start:
                start.extend(_position(cm, tm, size or 0.0))
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _position(cm, tm, size: float) -> tuple[float, float, float]:
    """x, y of the text matrix's origin on the page, and the font size as drawn."""
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
    return x, y, round(size * (scale or 1.0), 1)


def _meta(reader: Any) -> Meta:
    """Author, creation date and declared language; the /Title field is left out (it
    is often a file name or a template's)."""
    try:
        info = reader.metadata
        author = (info.author or None) if info else None
        created = info.creation_date if info else None
        lang = reader.trailer["/Root"].get("/Lang")
    except Exception:  # metadata of a damaged file: the text is what matters
        return Meta()
    return Meta(author=str(author).strip() or None if author else None,
                published=created.date().isoformat() if created else None,
                language=str(lang).strip() or None if lang else None)


# ---- headers, footers, page numbers ----------------------------------------------------


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers."""
    edges = [_edge_lines(lines) for lines in pages]
    seen = Counter(key for edge in edges for key in {_key(line) for line in edge})
    needed = max(2, math.ceil(len(pages) / 3))
    kept = []
    for lines, edge in zip(pages, edges, strict=True):
        drop = {id(line) for line in edge
                if _PAGE_NUMBER.match(line.text)
                or (len(pages) > 1 and seen[_key(line)] >= needed)}
        kept.append([line for line in lines if id(line) not in drop])
    return kept


def _edge_lines(lines: list[Line]) -> list[Line]:
    """Lines on the two top-most and two bottom-most baselines of a page."""
    heights = sorted({round(line.y) for line in lines})
    edge = set(heights[:2]) | set(heights[-2:])
    return [line for line in lines if round(line.y) in edge]


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.casefold())


# ---- lines -> paragraphs ----------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    spacing: float  # usual distance between baselines
    full: int  # characters in a usual full line


def assemble(pages: list[list[Line]]) -> tuple[str, list[int]]:
    """Text with one paragraph a line, and the offset where each page's text starts."""
    lines = [line for page in pages for line in page]
    layout = _layout(pages)
    words = _document_words(lines)
    paragraphs: list[str] = []
    current = ""
    done = 0  # characters in `paragraphs` so far, with their newlines
    starts: list[int | None] = []
    previous: Line | None = None
    for page in pages:
        starts.append(None)
        for line in page:
            alone = current == (previous.text if previous else "")
            if previous is not None and _starts_paragraph(previous, line, layout, alone):
                paragraphs.append(current)
                done += len(current) + 1
                current = ""
            if current:
                current, joiner = _join(current, line.text, words)
                current += joiner
            if starts[-1] is None:
                starts[-1] = done + len(current)
            current += line.text
            previous = line
    paragraphs.append(current)
    text = "\n".join(paragraphs)
    return text, _fill_starts(starts, len(text))


def _fill_starts(starts: list[int | None], end: int) -> list[int]:
    """A page without text starts where the next page's text does."""
    filled: list[int] = []
    following = end
    for start in reversed(starts):
        following = start if start is not None else following
        filled.append(following)
    return filled[::-1]


def _layout(pages: list[list[Line]]) -> _Layout:
    gaps = [a.y - b.y for page in pages for a, b in itertools.pairwise(page)
            if a.size == b.size and 0 < a.y - b.y < 3 * max(a.size, 1.0)]
    lengths = sorted(len(line.text) for page in pages for line in page)
    if len(gaps) >= 4:
        spacing = sorted(gaps)[len(gaps) // 4]  # most gaps are within paragraphs
    else:  # too few lines to tell: the usual leading for the usual size
        spacing = 1.2 * statistics.median(line.size for page in pages for line in page)
    full = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0
    return _Layout(spacing, full)


def _starts_paragraph(prev: Line, line: Line, layout: _Layout, alone: bool) -> bool:
    """Whether `line` opens a paragraph; `alone`: `prev` opened the one it is in."""
    if abs(prev.size - line.size) > 0.15 * max(prev.size, line.size, 1.0):
        return True
    ending = prev.text.rstrip()
    short = len(ending) < 0.7 * layout.full
    if short and ending.endswith(_SENTENCE_END):
        return True
    if (alone and len(ending) < 0.4 * layout.full and ending[-1:].isalnum()
            and _capital(line.text)):
        return True  # a heading: a short line of its own, no punctuation
    below = prev.y - line.y
    if 0 < below < 3 * max(line.size, 1.0):  # the next line of the same column
        if layout.spacing and below > 1.4 * layout.spacing:
            return True
        return line.x - prev.x > 0.8 * max(line.size, 1.0)  # an indented first line
    # A new page or column, where gaps say nothing: a sentence ending the last line
    # and a capital opening the next end the paragraph.
    return ending.endswith(_SENTENCE_END) and _capital(line.text)


def _capital(text: str) -> bool:
    """Whether `text` opens with a capital, after any opening quotation mark or bracket."""
    opening = text.lstrip("\"'“‘«„(¿¡[")
    return opening[:1].isupper()


def _join(current: str, following: str, words: _Words) -> tuple[str, str]:
    """`current` (its line-end hyphen dropped or kept) and what goes before `following`."""
    if current.endswith("\u00ad"):
        return current[:-1], ""
    hyphen = _LINE_END_HYPHEN.search(current)
    right = _WORD.match(following)
    if hyphen and right and following[:1].isalpha():
        if words.joins(hyphen.group(1), right.group()):
            return current[:-1], ""
        return current, ""
    if _CJK.match(current[-1:]) and _CJK.match(following[:1]):
        return current, ""
    return current, " "


class _Words:
    """Spellings the document uses, for deciding line-end hyphens."""

    def __init__(self, words: set[str], hyphenated: set[str]) -> None:
        self.words = words
        self.hyphenated = hyphenated

    def joins(self, left: str, right: str) -> bool:
        """Whether 'left-' + 'right' across a line break is one word without the hyphen."""
        if f"{left}-{right}".casefold() in self.hyphenated:
            return False
        joined = f"{left}{right}".casefold()
        return joined in self.words or joined in _vocabulary()


def _document_words(lines: Iterable[Line]) -> _Words:
    words: set[str] = set()
    hyphenated: set[str] = set()
    for line in lines:
        inner = line.text[:-1] if line.text.endswith("-") else line.text
        words.update(w.casefold() for w in _WORD.findall(inner))
        hyphenated.update(w.casefold() for w in _HYPHENATED.findall(inner))
    return _Words(words, hyphenated)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Lower-case words of the installed spaCy model's vocabulary (empty without one)."""
    import json

    import spacy.util

    from kfr_extract.errors import ModelNotInstalled
    from kfr_extract.nlp import installed_model, load_config

    try:
        model = installed_model(list(load_config()["base"]["models"]))
    except ModelNotInstalled:
        return frozenset()
    for path in spacy.util.get_package_path(model).glob("**/vocab/strings.json"):
        strings = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(s for s in strings if len(s) > 2 and s.isalpha() and s.islower())
    return frozenset()
