"""The registry: declared requirements, their order, and the record that follows it."""

from __future__ import annotations

import pytest

from kfr_extract.components import KfrExtractor
from kfr_extract.extract import FIELDS, REGISTRY, plan, requirements
from kfr_extract.extract.context import FACTS, DocContext
from kfr_extract.extract.context import load_resources as context_resources
from kfr_extract.models import Record
from kfr_extract.paths import lexicon_dir
from tests.conftest import SHARED

# Keys every record has whatever the extractors: the rest must be exactly the registry.
BASE_KEYS = {"schema_version", "source", "status", "error", "title", "text", "repair",
             "sentences", "pipeline"}


def test_record_keys_are_the_registry_fields():
    assert set(Record.model_fields) - BASE_KEYS == set(FIELDS)


def test_every_requirement_names_a_field_or_a_fact():
    for name, module in REGISTRY.items():
        for need in module.REQUIRES:
            assert need in REGISTRY or need in FACTS, f"{name} requires unknown {need!r}"


def test_plan_puts_requirements_first():
    order = plan(["quotes"])
    for name in order:
        for need in requirements(name):
            assert order.index(need) < order.index(name)
    assert order[-1] == "quotes"


def test_a_fact_pulls_in_the_field_it_comes_from(monkeypatch):
    monkeypatch.setattr(REGISTRY["counts"], "REQUIRES", ("dateline",))
    order = plan(["counts"])
    assert order[-2:] == ["dates", "counts"]
    assert "money" not in order  # no longer required: only what the fact needs runs


def test_a_cycle_is_refused(monkeypatch):
    monkeypatch.setattr(REGISTRY["dates"], "REQUIRES", ("counts",))
    with pytest.raises(ValueError, match="cycle"):
        plan(["counts"])


def test_an_unknown_requirement_is_refused(monkeypatch):
    monkeypatch.setattr(REGISTRY["dates"], "REQUIRES", ("weather",))
    with pytest.raises(ValueError, match="weather"):
        plan(["dates"])


def test_an_undeclared_read_fails_loudly(nlp):
    ctx = DocContext(nlp.make_doc("Nothing here."), context_resources(lexicon_dir()))
    ctx.results["places"] = []
    with ctx.running(("dates",)), pytest.raises(LookupError, match="places"):
        ctx.result("places")
    assert ctx.result("places") == []  # outside an extractor nothing is restricted


def _eval_texts() -> list[str]:
    paths = sorted((SHARED / "eval").glob("*/*.txt"))
    if not paths:
        pytest.skip(f"no evaluation documents under {SHARED / 'eval'}")
    return [p.read_text(encoding="utf-8") for p in paths]


def test_each_field_alone_equals_the_same_field_of_a_full_run(nlp):
    """`--fields X` gives exactly the X of a full run, on every evaluation document."""
    full = KfrExtractor(None, lexicon_dir())
    alone = {field: KfrExtractor([field], lexicon_dir()) for field in FIELDS}
    base = [name for name in nlp.pipe_names if name != "kfr_extract"]
    with nlp.select_pipes(enable=base):
        docs = list(nlp.pipe(_eval_texts()))
    for doc in docs:
        everything = full.results(doc)
        for field, extractor in alone.items():
            assert extractor.results(doc)[field] == everything[field], (field, doc.text[:60])
