"""Run kfr-extract over a gold folder and print the scorers' per-field tables.

usage:
  python benchmarks/accuracy.py GOLD_DIR [--save PRED.jsonl] [--min-f1=FIELD=F ...]
  python benchmarks/accuracy.py --update-baseline      # after a deliberate change

GOLD_DIR holds NAME.txt / NAME.gold.json pairs (e.g. ../shared/eval/dev); the scorers
are GOLD_DIR/../score.py and score_incidents.py. Extra --min-f1 flags pass to score.py.

`benchmarks/baseline.json` holds per-field F1 floors for the evaluation sets and a digest
of their gold; `tests/test_accuracy_gate.py` fails when a field drops more than
`TOLERANCE` below its floor. Raising (or, after review, lowering) a floor is a commit of
`--update-baseline`'s output.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kfr_extract import extract_paths, write

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
BASELINE = Path(__file__).with_name("baseline.json")
GATED_SETS = ("dev", "incidents")
TOLERANCE = 0.01


def predict(gold_dir: Path, pred: Path, nlp=None) -> None:
    """Records for every NAME.txt of `gold_dir`, as JSON Lines in `pred`."""
    texts = sorted(str(p) for p in gold_dir.glob("*.txt"))
    with pred.open("w", encoding="utf-8") as handle:
        for record in extract_paths(texts, nlp=nlp):
            handle.write(write.to_json(record) + "\n")


def scores(gold_dir: Path, pred: Path) -> dict[str, float]:
    """Flat F1 figures from both scorers: `dates`, ..., `quote_attribution`, `money`,
    `incident_detection`, `incident_slots`."""
    fields = _score(gold_dir.parent / "score.py", gold_dir, pred)
    incidents = _score(gold_dir.parent / "score_incidents.py", gold_dir, pred)
    flat = {name: s["f1"] for name, s in fields["fields"].items()}
    flat["quote_attribution"] = fields["quote_attribution"]
    flat["money"] = incidents["money"]["f1"]
    flat["incident_detection"] = incidents["incident_detection"]["f1"]
    flat["incident_slots"] = incidents["slot_macro_f1"]
    return {k: float(v or 0.0) for k, v in flat.items()}


def _score(scorer: Path, gold_dir: Path, pred: Path) -> dict:
    """The scorer's own result dict (its `score(gold_dir, predictions)`)."""
    spec = importlib.util.spec_from_file_location(scorer.stem, scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(str(gold_dir), module.load_preds(str(pred)))


def gold_digest(gold_dir: Path) -> str:
    """SHA-256 over the set's texts and gold files, so a changed set is noticed."""
    digest = hashlib.sha256()
    for path in sorted(gold_dir.glob("*.txt")) + sorted(gold_dir.glob("*.gold.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def update_baseline() -> None:
    baseline = {}
    for name in GATED_SETS:
        gold_dir = EVAL / name
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(tmp) / "pred.jsonl"
            predict(gold_dir, pred)
            baseline[name] = {"gold_sha256": gold_digest(gold_dir),
                              "f1": scores(gold_dir, pred)}
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {BASELINE}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path, nargs="?")
    parser.add_argument("--save", type=Path, help="keep the predictions (JSON Lines) here")
    parser.add_argument("--update-baseline", action="store_true",
                        help=f"rewrite {BASELINE.name} from the sets {', '.join(GATED_SETS)}")
    args, passthrough = parser.parse_known_args(argv)
    if args.update_baseline:
        update_baseline()
        return 0
    if args.gold_dir is None:
        parser.error("give GOLD_DIR or --update-baseline")
    pred = args.save or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    predict(args.gold_dir, pred)
    status = 0
    for scorer in ("score.py", "score_incidents.py"):
        extra = passthrough if scorer == "score.py" else []
        command = [sys.executable, str(args.gold_dir.parent / scorer), str(args.gold_dir),
                   str(pred), *extra]
        status |= subprocess.run(command, check=False).returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
