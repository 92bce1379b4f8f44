#!/usr/bin/env python3
"""Main-text extraction on trafilatura's evaluation pages: our HTML reader against trafilatura.

    python benchmarks/html_eval.py ../shared/peer/trafilatura-eval
    python benchmarks/html_eval.py ../shared/peer/trafilatura-eval --full   # whole records
    python benchmarks/html_eval.py --large                                   # 20 MB pages

Each page goes through the library as a document does (`pipeline.prepare`: format
detection, browser-like decoding, trafilatura, mojibake repair), and the text it would
put in the record is scored by the eval set's own scorer (`score.py` in EVAL_DIR:
segments of the main text found, boilerplate segments found). `--full` runs the whole
pipeline (spaCy and the extractors too) and scores the records' `text`, which is the
same text; it takes minutes rather than seconds.

For reference it scores `trafilatura.extract` on the raw bytes with its defaults and
with `include_comments=False`, and lists every segment that trafilatura finds with our
settings (`favor_precision`, no comments) that our text lacks: what our decoding and
repair would have lost.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from kfr_extract import extract_paths, pipeline  # noqa: E402
from kfr_extract.load import RawInput  # noqa: E402


def load_scorer(root: Path):
    sys.path.insert(0, str(root))
    import score  # the eval set's scorer: count(item, text) -> (tp, fp, fn)

    return score


def figures(score, evaldata: dict, texts: dict[str, str | None]) -> str:
    tp = fp = fn = 0
    missing = 0
    for item in evaldata.values():
        text = texts.get(item["file"])
        missing += text is None
        a, b, c = score.count(item, text)
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return (f"pages {len(evaldata)}, without text {missing}: "
            f"precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")


def ours(root: Path, evaldata: dict, full: bool) -> tuple[dict[str, str | None], float, dict]:
    paths = [root / "pages" / item["file"] for item in evaldata.values()]
    texts: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    started = time.perf_counter()
    if full:
        for record in extract_paths([str(p) for p in paths]):
            name = Path(record.source.path).name
            texts[name] = record.text if record.status == "ok" else None
            if record.error:
                errors[name] = f"{record.error.type}: {record.error.message}"
    else:
        for path in paths:
            prepared = pipeline.prepare(RawInput(str(path), data=path.read_bytes()))
            texts[path.name] = prepared.text if prepared.error is None else None
            if prepared.error:
                errors[path.name] = f"{prepared.error.type}: {prepared.error.message}"
    return texts, time.perf_counter() - started, errors


def trafilatura_texts(root: Path, evaldata: dict, **options) -> dict[str, str | None]:
    import trafilatura

    return {item["file"]: trafilatura.extract((root / "pages" / item["file"]).read_bytes(),
                                              **options)
            for item in evaldata.values()}


def lost_segments(score, evaldata: dict, ours_: dict, theirs: dict) -> list[tuple[str, str]]:
    """Main-text segments trafilatura's text has and ours lacks."""
    lost = []
    for item in evaldata.values():
        mine = score.norm(ours_.get(item["file"]) or "")
        other = score.norm(theirs.get(item["file"]) or "")
        for segment in item["with"][: score.MAX_CHUNKS]:
            segment = score.norm(segment)
            if segment in other and segment not in mine:
                lost.append((item["file"], segment))
    return lost


def large_pages() -> None:
    """Time two 20 MB pages through `prepare` (read + repair): inline data, and text."""
    def para(i: int) -> str:  # distinct: trafilatura drops a paragraph repeated verbatim
        return (f"<p>Item {i}: the UNODC workshop in Nairobi on 3 May 2022 gathered 25 "
                "officers from the region to discuss kidnapping.</p>")

    data = json.dumps([{"id": i, "body": "lorem ipsum " * 25} for i in range(64_000)])
    article = "".join(para(i) for i in range(30))
    inline = (f"<html><head><title>T</title><script>var d = {data};</script></head><body>"
              f"<nav>{'<a href=/x>Home</a> ' * 2000}</nav><article><h1>Report</h1>"
              f"{article}</article></body></html>")
    blocks = "".join(f"<div>{para(i)}<a href='/x'>more</a></div>\n" for i in range(140_000))
    text_heavy = f"<html><body>{blocks}</body></html>"
    for label, page in (("20 MB, mostly inline script data", inline),
                        ("20 MB, mostly article-like paragraphs", text_heavy)):
        raw = RawInput(f"{label}.html", data=page.encode())
        started = time.perf_counter()
        prepared = pipeline.prepare(raw)
        seconds = time.perf_counter() - started
        outcome = (f"{len(prepared.text):,} characters of text" if prepared.error is None
                   else f"{prepared.error.type}: {prepared.error.message}")
        print(f"{label}: {len(raw.data) / 1e6:.1f} MB in {seconds:.1f} s -> {outcome}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", type=Path,
                        default=HERE.parents[1] / "shared" / "peer" / "trafilatura-eval")
    parser.add_argument("--full", action="store_true", help="score whole records (slow)")
    parser.add_argument("--large", action="store_true", help="only time two 20 MB pages")
    args = parser.parse_args(argv)
    if args.large:
        large_pages()
        return 0
    score = load_scorer(args.eval_dir)
    evaldata = json.loads((args.eval_dir / "evaldata.json").read_text(encoding="utf-8"))
    texts, seconds, errors = ours(args.eval_dir, evaldata, args.full)
    print(f"kfr-extract ({'records' if args.full else 'prepare: read + repair'}): "
          f"{figures(score, evaldata, texts)}  [{seconds:.1f} s]")
    for name, error in sorted(errors.items()):
        print(f"  no text for {name}: {error}")
    for label, options in (("trafilatura.extract defaults", {}),
                           ("trafilatura.extract include_comments=False",
                            {"include_comments": False})):
        texts = trafilatura_texts(args.eval_dir, evaldata, **options)
        print(f"{label}: {figures(score, evaldata, texts)}")
    same = trafilatura_texts(args.eval_dir, evaldata, include_comments=False,
                             favor_precision=True)
    print(f"trafilatura.extract with our settings (favor_precision, no comments) on the raw "
          f"bytes: {figures(score, evaldata, same)}")
    lost = lost_segments(score, evaldata, texts, same)
    print(f"segments trafilatura finds (same settings) that our text lacks: {len(lost)}")
    for name, segment in lost:
        print(f"  {name}: {segment[:120]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
