"""Documents the format tests read, built from text in the test: web pages, PDFs, DOCX.

The PDFs are drawn line by line with reportlab's canvas, so each test decides exactly
where lines break, which lines repeat on every page and where the gaps are.
"""

from __future__ import annotations

import html
import io
import textwrap
from collections.abc import Sequence

from tests.conftest import SEED

HEADER = "United Nations Office of Counter-Terrorism | Press release"
FOOTER_ADDRESS = "Contact: 12 Marina Road, Nairobi, Kenya"
SCRIPT_WORDS = "Georgia"


def seed_lines() -> list[str]:
    """The sample's lines as the .txt holds them (mis-encoded: GBK shown as Latin-1)."""
    return SEED.read_text(encoding="utf-8").splitlines()


# ---- HTML ---------------------------------------------------------------------------


def web_page(title: str, blocks: Sequence[str], *, charset: str = "utf-8",
             head: str = "", headings: Sequence[str] = ()) -> str:
    """A news-like page: navigation, scripts, a style sheet, the article, a footer."""
    body = "\n".join(f"<h2>{html.escape(b)}</h2>" if b in headings else f"<p>{html.escape(b)}</p>"
                     for b in blocks)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{html.escape(title)} | Office of Counter-Terrorism</title>
{head}
<style>body {{ font-family: {SCRIPT_WORDS}, serif; }} .ge {{ color: #333 }}</style>
<script>var region = "{SCRIPT_WORDS}"; window.dataLayer = window.dataLayer || [];</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li>
<li><a href="/geneva">Geneva liaison office</a></li><li><a href="/news">News</a></li>
</ul></nav></header>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main>
<aside><h3>Related</h3><ul><li><a href="/x">Workshop in Tbilisi, 2 May 2024</a></li></ul></aside>
<footer><p>{FOOTER_ADDRESS}. © 2024 United Nations. All rights reserved.</p>
<p><a href="/privacy">Privacy notice</a> | <a href="/terms">Terms of use</a></p></footer>
<script>console.log("loaded 25 May 2024");</script>
</body></html>"""


SEED_HEAD = """<link rel="canonical" href="https://www.un.org/counterterrorism/kfr-egm-2023">
<meta property="og:site_name" content="Office of Counter-Terrorism">
<meta name="author" content="UNOCT Communications">
<meta property="article:published_time" content="2023-06-12T09:00:00Z">"""


def seed_html() -> bytes:
    lines = seed_lines()
    page = web_page(lines[0], lines[1:], head=SEED_HEAD, headings=("Background",))
    return page.encode("utf-8")


# ---- PDF ----------------------------------------------------------------------------


def pdf_pages(pages: Sequence[Sequence[str | tuple[str, float]]], *,
              header: str | None = HEADER, numbers: str | None = "Page {n} of {total}",
              encrypt: str | None = None, owner_only: bool = False) -> bytes:
    """One PDF page per list of lines; a line is text (10 pt) or (text, size); "" is a gap.

    Each page gets the running `header` at the top and `numbers` at the bottom.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    protection = None
    if encrypt is not None:
        protection = StandardEncryption("" if owner_only else encrypt, ownerPassword=encrypt)
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=protection)
    width, height = A4
    for n, lines in enumerate(pages, 1):
        if header:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(60, height - 40, header)
        y = height - 80
        for line in lines:
            text, size = line if isinstance(line, tuple) else (line, 10.0)
            pdf.setFont("Helvetica", size)
            if text:
                pdf.drawString(60, y, text)
            y -= size * 1.3
        if numbers:
            pdf.setFont("Helvetica", 8)
            pdf.drawCentredString(width / 2, 30, numbers.format(n=n, total=len(pages)))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def wrapped(paragraphs: Sequence[str], width: int = 92) -> list[str]:
    """Hard-wrapped lines with an empty line after each paragraph."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width)
        lines.append("")
    return lines


def seed_pdf_pages() -> list[list[str | tuple[str, float]]]:
    """The sample's lines on two pages: headline, wrapped paragraphs, the break inside one."""
    lines = seed_lines()
    body = [(lines[0], 14.0), "", *wrapped(lines[1:])]
    half = len(body) // 2
    while body[half] == "" or body[half - 1] == "":
        half += 1
    return [body[:half], body[half:]]


def seed_pdf() -> bytes:
    """The sample as a two-page PDF, with a running header and page numbers."""
    return pdf_pages(seed_pdf_pages())


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages with drawings only: what a scan looks like to a text extractor."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        for row in range(40):
            pdf.rect(60, 780 - row * 18, 300 + (row * 37) % 150, 9, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ---- DOCX ---------------------------------------------------------------------------


def docx_file(title: str | None, paragraphs: Sequence[str], *, headings: Sequence[str] = (),
              table: Sequence[Sequence[str]] | None = None, author: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.add_heading(title, level=0)  # the "Title" style
    for paragraph in paragraphs:
        if paragraph in headings:
            document.add_heading(paragraph, level=1)
        else:
            document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    props = document.core_properties
    props.author = author or ""
    props.language = "en-GB"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_docx() -> bytes:
    lines = seed_lines()
    return docx_file(lines[0], lines[1:], headings=("Background",), author="UNOCT")
