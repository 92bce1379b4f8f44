"""Run kfr-extract over a gold folder and print the scorer's per-field table.

usage: python benchmarks/accuracy.py GOLD_DIR [--scorer PATH] [--save PRED.jsonl] [--min-f1=...]

GOLD_DIR holds NAME.txt / NAME.gold.json pairs (e.g. ../shared/eval/dev); the
scorer defaults to GOLD_DIR/../score.py. Extra --min-f1 flags pass through.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from kfr_extract import extract_paths, write


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--scorer", type=Path)
    parser.add_argument("--save", type=Path, help="keep the predictions (JSON Lines) here")
    args, passthrough = parser.parse_known_args(argv)
    scorer = args.scorer or args.gold_dir.parent / "score.py"
    texts = sorted(str(p) for p in args.gold_dir.glob("*.txt"))
    pred = args.save or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with pred.open("w", encoding="utf-8") as handle:
        for record in extract_paths(texts):
            handle.write(write.to_json(record) + "\n")
    command = [sys.executable, str(scorer), str(args.gold_dir), str(pred), *passthrough]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
