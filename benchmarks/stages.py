"""CPU milliseconds per document of our own work, stage by stage, without spaCy's parse.

usage: python benchmarks/stages.py [--docs 80] [--repeat 5] [--set synth|DIR]

`throughput.py` compares the whole pipeline with raw spaCy; this one says where our share
goes: `prepare` (read and repair), each extractor in the component's order (a document fact
is charged to the first extractor that asks for it), and the whole `kfr_extract` component.
Documents are parsed once up front; each stage is timed over all of them, best of
`--repeat` rounds of process CPU time (a shared machine inflates wall time, and a busy one
inflates some rounds: compare best-of figures, and rerun before trusting a small change).
`--set synth` uses the generated reports of `throughput.py`; a folder uses its *.txt files.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import document_bytes

from kfr_extract import nlp as nlp_module
from kfr_extract import pipeline
from kfr_extract.extract import REGISTRY
from kfr_extract.extract._spans import TEXT_KEY
from kfr_extract.extract.context import DocContext
from kfr_extract.load import RawInput


def inputs(which: str, n: int) -> list[RawInput]:
    if which == "synth":
        return [RawInput(f"doc_{i}.txt", data=document_bytes(i, 13)) for i in range(n)]
    return [RawInput(str(p), data=p.read_bytes()) for p in sorted(Path(which).glob("*.txt"))[:n]]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--set", default="synth", help="'synth' or a folder of .txt files")
    args = parser.parse_args(argv)
    raws = inputs(args.set, args.docs)
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    clock = time.process_time
    for _ in range(args.repeat):
        start = clock()
        prepared = [pipeline.prepare(raw) for raw in raws]
        best["prepare"] = min(best["prepare"], clock() - start)
    nlp = nlp_module.build()
    with nlp.select_pipes(disable=["kfr_extract"]):
        docs = list(nlp.pipe([p.text for p in prepared], batch_size=32))
    component = nlp.get_pipe("kfr_extract")
    for _ in range(args.repeat):
        spent: dict[str, float] = defaultdict(float)
        for doc in docs:
            ctx = DocContext(doc, component.context_resources)
            for name in component.plan:
                start = clock()
                with ctx.running(REGISTRY[name].REQUIRES):
                    ctx.results[name] = REGISTRY[name].extract(ctx, component.resources[name])
                spent[name] += clock() - start
            doc.user_data.pop(TEXT_KEY, None)
        start = clock()
        for doc in docs:
            component(doc)
        spent["kfr_extract (whole component)"] = clock() - start
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    print(f"{len(docs)} documents ({args.set}), best of {args.repeat}, CPU ms per document:")
    for name, seconds in best.items():
        print(f"  {name:32s} {seconds / len(docs) * 1000:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
