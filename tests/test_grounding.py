"""Every item of every dev record points at its own characters (issue #4's invariant)."""

from __future__ import annotations

import pytest

from kfr_extract import extract_paths
from kfr_extract.models import iter_spans
from tests.conftest import SHARED

DEV = SHARED / "eval" / "dev"


@pytest.mark.skipif(not DEV.is_dir(), reason="shared eval set not present")
def test_every_offset_grounds_its_text(nlp):
    texts = sorted(str(p) for p in DEV.glob("*.txt"))
    records = list(extract_paths(texts, nlp=nlp))
    assert len(records) == len(texts)
    for record in records:
        assert record.status == "ok", record.error
        spans = list(iter_spans(record))
        assert spans, record.source.path
        for span in spans:
            assert record.text[span.start_char:span.end_char] == span.text, record.source.path
