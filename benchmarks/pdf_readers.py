#!/usr/bin/env python3
"""pypdf against pdfplumber for the PDF reader: the same words back, and how fast.

    pip install 'kfr-extract[bench]'        # pdfplumber and reportlab
    python benchmarks/pdf_readers.py ../shared/eval/dev

Each NAME.txt of the folder becomes PDFs made with reportlab's layout engine, as word
processors make them: justified paragraphs in an embedded TrueType font (so the text
comes back through the font's ToUnicode map), a running header and page numbers, in one
column and in two. Each library's plain text extraction (`page.extract_text()`) is
compared with the source words (difflib over the word sequence: the share of source
words found in order), and timed. Then our reader (`formats.pdf.read`, pypdf plus
unwrapping, header and page-number removal) is scored on whole paragraphs: the share of
source paragraphs that come out as one line of its text, exactly.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from kfr_extract.formats import pdf as pdf_reader  # noqa: E402

HEADER = "United Nations | Press release"


def build(paragraphs: list[str], columns: int) -> bytes:
    import reportlab
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    buffer = io.BytesIO()
    width, height = A4
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=70,
                          bottomMargin=60)
    frame_width = (doc.width - 20 * (columns - 1)) / columns
    frames = [Frame(doc.leftMargin + i * (frame_width + 20), doc.bottomMargin, frame_width,
                    doc.height, id=f"column{i}") for i in range(columns)]

    def decorate(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(60, height - 40, HEADER)
        canvas.drawCentredString(width / 2, 30, f"Page {document.page}")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(frames=frames, onPage=decorate)])
    style = ParagraphStyle("body", fontName="Vera", fontSize=10, leading=13,
                           alignment=TA_JUSTIFY, spaceAfter=6)
    doc.build([Paragraph(escape(p), style) for p in paragraphs])
    return buffer.getvalue()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def word_share(source: str, extracted: str) -> tuple[int, int]:
    a, b = words(source), words(extracted)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()), len(a)


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def with_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        default=HERE.parents[1] / "shared" / "eval" / "dev")
    args = parser.parse_args(argv)
    sources = [p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.txt"))]
    print(f"{len(sources)} documents from {args.folder}")
    print("| layout | library | pages | seconds | ms/page | source words found in order |")
    print("|---|---|---:|---:|---:|---:|")
    for columns in (1, 2):
        pdfs = [build([line for line in s.splitlines() if line.strip()], columns)
                for s in sources]
        pages = sum(len(__import__("pypdf").PdfReader(io.BytesIO(d)).pages) for d in pdfs)
        for name, extract in (("pypdf", with_pypdf), ("pdfplumber", with_pdfplumber)):
            found = total = 0
            started = time.perf_counter()
            texts = [extract(d) for d in pdfs]
            seconds = time.perf_counter() - started
            for source, text in zip(sources, texts, strict=True):
                a, b = word_share(source, text)
                found, total = found + a, total + b
            print(f"| {columns} column(s) | {name} | {pages} | {seconds:.2f} | "
                  f"{1000 * seconds / pages:.1f} | {found / total:.4f} |")
        whole = total_paragraphs = 0
        started = time.perf_counter()
        for source, data in zip(sources, pdfs, strict=True):
            lines = set(pdf_reader.read(data, "x.pdf").text.split("\n"))
            paragraphs = [" ".join(p.split()) for p in source.splitlines() if p.strip()]
            whole += sum(p in lines for p in paragraphs)
            total_paragraphs += len(paragraphs)
        seconds = time.perf_counter() - started
        print(f"| {columns} column(s) | kfr-extract pdf reader (pypdf) | {pages} | "
              f"{seconds:.2f} | {1000 * seconds / pages:.1f} | paragraphs exact: "
              f"{whole}/{total_paragraphs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
