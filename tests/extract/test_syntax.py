"""Syntax: who does the reporting, read off the parse, on sentences written for the test."""

from __future__ import annotations

from kfr_extract.extract.syntax import subject_regions


def _verb(doc, lemma):
    return next(t for t in doc if t.lemma_ == lemma and t.pos_ == "VERB")


def _regions(doc, lemma):
    return [doc.text[low:high] for _subject, low, high in subject_regions(_verb(doc, lemma))]


def test_a_subject_inside_the_quotation_before_the_verb_is_not_the_speaker(nlp):
    doc = nlp('"The payments made in one town fund raids in the next," she stressed.')
    assert _regions(doc, "stress") == ["she"]


def test_the_surface_subject_starts_after_a_quotation_that_precedes_the_verb(nlp):
    # Spanish comma style: the inverted subject follows the verb, and the quotation holds
    # proper nouns that are no subject of it
    doc = nlp('"The Navy found the boat near Tampico on Friday", explained the spokesperson.')
    found = _regions(doc, "explain")
    assert not any("Navy" in region or "Tampico" in region for region in found)
