"""The accuracy gate: no field may drop more than 0.01 F1 below its committed floor.

Floors and a digest of the gold live in `benchmarks/baseline.json`; raising them is a
deliberate commit (`python benchmarks/accuracy.py --update-baseline`).
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("accuracy", REPO / "benchmarks" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)


@pytest.mark.parametrize("name", accuracy.GATED_SETS)
def test_no_field_drops_below_its_floor(name, nlp, tmp_path):
    gold_dir = accuracy.EVAL / name
    if not gold_dir.is_dir():
        pytest.skip(f"evaluation set {gold_dir} is not present")
    baseline = json.loads(accuracy.BASELINE.read_text(encoding="utf-8"))[name]
    assert accuracy.gold_digest(gold_dir) == baseline["gold_sha256"], (
        f"the gold of {gold_dir} changed: review the change, then rerun "
        "`python benchmarks/accuracy.py --update-baseline` and commit the new floors")
    pred = tmp_path / "pred.jsonl"
    accuracy.predict(gold_dir, pred, nlp=nlp)
    now = accuracy.scores(gold_dir, pred)
    drops = {field: (floor, now.get(field, 0.0)) for field, floor in baseline["f1"].items()
             if now.get(field, 0.0) < floor - accuracy.TOLERANCE}
    assert not drops, f"{name}: F1 fell below the floor (floor, now): {drops}"
