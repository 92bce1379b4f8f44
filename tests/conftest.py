"""Shared fixtures: one pipeline per test session (building it takes about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfr_extract import nlp as nlp_module
from kfr_extract.pipeline import extract_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_6fb83db321b109f6.txt"


@pytest.fixture(scope="session")
def nlp():
    return nlp_module.build()


@pytest.fixture(scope="session")
def extract(nlp):
    """Record for a text written in the test."""
    return lambda text: extract_text(text, nlp=nlp)


EVAL_SETS = (SHARED / "eval" / "dev", SHARED / "eval" / "incidents")


@pytest.fixture(scope="session")
def eval_records(nlp):
    """Records of the real dev and incidents sets' reports (`*.txt`; the folders also hold
    gold files and notes), read from shared/, never copied here."""
    from kfr_extract import extract_paths

    missing = [str(p) for p in EVAL_SETS if not p.is_dir()]
    if missing:
        pytest.fail(f"evaluation sets missing: {missing}")
    reports = [str(p) for folder in EVAL_SETS for p in sorted(folder.glob("*.txt"))]
    return list(extract_paths(reports, nlp=nlp))
