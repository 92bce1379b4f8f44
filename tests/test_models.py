"""The record contract refuses what downstream tools must never see."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from kfr_extract.models import Count, Error, Record, Source
from kfr_extract.write import schema


def test_ungrounded_offsets_are_rejected():
    source = Source(path="x.txt")
    good = Count(text="5 boats", start_char=4, end_char=11, value=5, unit="boats")
    Record(source=source, text="Saw 5 boats.", counts=[good])
    bad = Count(text="5 boats", start_char=3, end_char=10, value=5, unit="boats")
    with pytest.raises(ValidationError, match="not grounded"):
        Record(source=source, text="Saw 5 boats.", counts=[bad])


def test_error_status_needs_an_error_and_vice_versa():
    source = Source(path="x.txt")
    with pytest.raises(ValidationError):
        Record(source=source, status="error")
    with pytest.raises(ValidationError):
        Record(source=source, error=Error(type="empty", message="x.txt: empty"))


def test_top_level_key_order_is_the_contract():
    keys = list(Record(source=Source(path="x")).model_dump())
    assert keys[:8] == ["schema_version", "source", "status", "error", "title", "text",
                        "repair", "sentences"]
    assert keys[8:15] == ["dates", "places", "counts", "organizations", "speakers", "quotes",
                        "event"]


def test_schema_documents_fields():
    doc = json.loads(schema())
    assert doc["title"] == "Record"
    assert "description" in doc["$defs"]["Count"]["properties"]["value"]
