"""The `kfr_extract` spaCy component: plain results on the Doc, ready to cross processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

from kfr_extract.components import KfrExtractor
from kfr_extract.extract import FIELDS
from kfr_extract.paths import lexicon_dir

TEXT = ("The Ministry of Interior of Kenya hosted a workshop on 14 March 2022 in Nairobi. "
        "Forty officers attended. “We will not pay ransoms,” said Ms. Grace Wanjiru.")


def test_results_are_plain_json_data(nlp):
    results = nlp(TEXT)._.kfr
    assert set(results) == {"sentences", *FIELDS}
    assert results["sentences"] == 3
    assert json.loads(json.dumps(results)) == results


def test_results_survive_doc_serialization(nlp):
    """What a worker process sends back (Doc.to_bytes keeps user_data) reads back whole."""
    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.kfr == doc._.kfr


def test_empty_text_has_no_sentences(nlp):
    assert nlp("")._.kfr["sentences"] == 0


def test_chosen_fields_run_after_what_they_require():
    extractor = KfrExtractor(["quotes", "dates"], lexicon_dir())
    assert extractor.fields == ["dates", "quotes"]
    # dates read the country (numeric day-month order), so places come first
    assert extractor.plan == ["places", "dates", "organizations", "speakers", "quotes"]


def test_unknown_field_is_refused():
    with pytest.raises(ValueError, match="unknown fields"):
        KfrExtractor(["dates", "weather"], Path(lexicon_dir()))


def test_items_are_spans_for_displacy(nlp):
    """As the README shows: the factory added with its default config sets the spans."""
    import spacy
    from spacy import displacy

    plain = spacy.blank("en")
    plain.add_pipe("kfr_extract")
    assert plain.get_pipe("kfr_extract").spans
    doc = nlp(TEXT)
    assert "kfr" not in doc.spans  # the command line's pipeline leaves them out
    kfr = KfrExtractor(None, lexicon_dir())
    with nlp.select_pipes(disable=["kfr_extract"]):
        doc = kfr(nlp(TEXT))
    labelled = {(span.text, span.label_) for span in doc.spans["kfr"]}
    assert {("14 March 2022", "dates"), ("Nairobi", "places"), ("Grace Wanjiru", "speakers"),
            ("We will not pay ransoms,", "quotes")} <= labelled
    html = displacy.render(doc, style="span", options={"spans_key": "kfr"})
    assert "Nairobi" in html and "places" in html
