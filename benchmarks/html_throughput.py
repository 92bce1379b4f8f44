#!/usr/bin/env python3
"""Throughput of web pages against the same main texts given as .txt (words per second).

    python benchmarks/html_throughput.py                      # 120 generated news pages
    python benchmarks/html_throughput.py --pages ../shared/peer/trafilatura-eval/pages

Each HTML page goes through the library once (`pipeline.prepare`) to get the text its
record would hold; that text is saved as NAME.txt in a second folder. Then the whole
pipeline (`extract_paths`: read, repair, parse, extract, validate, serialize) runs over
both folders, interleaved (after an untimed pass), best of `--repeat`, one process. Both
rows divide the same number of words (whitespace-separated tokens of the main texts), so
the ratio is what reading HTML (decoding, trafilatura, metadata) costs on top of the text pipeline.

The generated pages are `throughput.py`'s reports inside a news site's page: head
metadata, a style sheet, scripts, navigation, a sidebar of related stories and a footer,
about 36 KB a page (saved news pages are often larger: `--pages` takes real ones).
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from throughput import machine, make_document  # noqa: E402

from kfr_extract import extract_paths, pipeline, write  # noqa: E402
from kfr_extract import nlp as nlp_module  # noqa: E402
from kfr_extract.load import RawInput  # noqa: E402

STYLE = "".join(f".c{i} {{ margin: {i % 7}px; color: #{i:06x}; }}\n" for i in range(200))
SCRIPT = "".join(f"function f{i}(a) {{ return a * {i} + window.innerWidth; }}\n"
                 for i in range(300))


def news_page(index: int, report: str) -> str:
    lines = report.strip().split("\n")
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
    related = "".join(f'<li><a href="/story/{index}-{i}">Related story {i} about the region'
                      "</a></li>" for i in range(25))
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(lines[0])} | World Desk</title>
<link rel="canonical" href="https://news.example.org/story/{index}">
<meta property="og:site_name" content="World Desk"><meta name="author" content="Staff">
<meta property="article:published_time" content="2024-03-{index % 28 + 1:02d}">
<style>{STYLE}</style><script>{SCRIPT}</script></head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{html.escape(lines[0])}</h1>{body}</article></main>
<aside><h3>Related</h3><ul>{related}</ul></aside>
<footer><p>World Desk, 1 Example Street. All rights reserved.</p></footer>
<script>{SCRIPT[:4000]}</script></body></html>"""


def make_pages(folder: Path, n: int, paragraphs: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"page_{i:05d}.html"
        path.write_text(news_page(i, make_document(i, paragraphs)), encoding="utf-8")
        paths.append(path)
    return paths


def main_texts(pages: list[Path], folder: Path) -> tuple[list[Path], list[Path], int]:
    """(pages with text, their .txt twins, words): the text each page's record holds."""
    folder.mkdir(parents=True, exist_ok=True)
    kept, texts, words = [], [], 0
    for page in pages:
        prepared = pipeline.prepare(RawInput(str(page), data=page.read_bytes()))
        if prepared.error is not None:
            continue
        twin = folder / (page.stem + ".txt")
        twin.write_text(prepared.text, encoding="utf-8")
        kept.append(page)
        texts.append(twin)
        words += len(prepared.text.split())
    return kept, texts, words


def run(paths: list[Path], nlp) -> float:
    started = time.perf_counter()
    for record in extract_paths([str(p) for p in paths], nlp=nlp):
        write.to_json(record)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="a folder of saved pages (default: generate)")
    parser.add_argument("--docs", type=int, default=120, help="pages to generate")
    parser.add_argument("--paragraphs", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.pages:
            pages = sorted(p for p in args.pages.iterdir() if p.suffix in (".html", ".htm"))
        else:
            pages = make_pages(Path(tmp) / "html", args.docs, args.paragraphs)
        pages, texts, words = main_texts(pages, Path(tmp) / "txt")
        size = sum(p.stat().st_size for p in pages) / len(pages) / 1024
        nlp = nlp_module.build()
        # Warm up, untimed: the first pass over these texts fills spaCy's vocabulary (which
        # would favour whichever input runs second), and trafilatura loads on a first page.
        run(texts, nlp)
        run(pages[:4], nlp)
        best = {"txt": float("inf"), "html": float("inf")}
        for i in range(args.repeat):
            for kind in ("html", "txt") if i % 2 else ("txt", "html"):
                best[kind] = min(best[kind], run(pages if kind == "html" else texts, nlp))
    print(machine())
    print(f"{len(pages)} pages, {size:.0f} KB of HTML a page on average, {words:,} words of "
          f"main text ({words / len(pages):.0f} a page); best of {args.repeat}, 1 process")
    rate = {k: words / v for k, v in best.items()}
    print(f"| input | seconds | words/s |\n|---|---:|---:|\n"
          f"| .txt (main texts) | {best['txt']:.1f} | {rate['txt']:,.0f} |\n"
          f"| .html (pages) | {best['html']:.1f} | {rate['html']:,.0f} |")
    print(f"html / txt words/s: {rate['html'] / rate['txt']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
