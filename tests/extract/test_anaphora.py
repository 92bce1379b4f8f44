"""Anaphora: what a definite noun refers back to, on sentences written for the test."""

from __future__ import annotations

import pytest

from kfr_extract.extract.anaphora import taken_person, unnamed_antecedent, unnamed_source


@pytest.fixture(scope="module")
def parse(nlp):
    """text -> parsed Doc (the full pipeline: its parse is what the rules read)."""
    return nlp


def _token(doc, word, nth=0):
    return [t for t in doc if t.text == word][nth]


def test_definite_noun_after_an_unnamed_indefinite_one_names_nobody(parse):
    doc = parse("A soldier at the checkpoint said the men fled. The soldier said more.")
    assert unnamed_antecedent(_token(doc, "soldier", 1), 0, lambda a, b: False)


def test_definite_noun_after_a_named_indefinite_one_is_not_unnamed(parse):
    doc = parse("A soldier, Sergeant Paul Ade, said the men fled. The soldier said more.")
    named = [(t.idx, t.idx + len(t)) for t in doc if t.text in ("Paul", "Ade")]
    assert not unnamed_antecedent(
        _token(doc, "soldier", 1), 0, lambda a, b: any(a <= s < b for s, _ in named)
    )


def test_first_definite_mention_is_not_unnamed(parse):
    doc = parse("The soldier said the men fled.")
    assert not unnamed_antecedent(_token(doc, "soldier"), 0, lambda a, b: False)


def test_the_victim_is_the_person_reported_taken(parse):
    doc = parse("A teacher, one Mrs Ada Obi, was abducted from her home. "
                "Her neighbour, Mr Femi Okon, called the police.")
    ada = _token(doc, "Ada").idx
    femi = _token(doc, "Femi").idx
    spans = [(femi, femi + len("Femi Okon"), "Femi"), (ada, ada + len("Ada Obi"), "Ada")]

    def root(start, end):
        return doc.char_span(start, end, alignment_mode="expand").root

    assert taken_person(spans, root, frozenset({"abduct", "kidnap"})) == "Ada"


def test_partitive_one_is_an_unnamed_source(parse):
    doc = parse("One of the rescued fishermen, reached by telephone, said the boat sank.")
    assert unnamed_source(_token(doc, "One"), frozenset(), frozenset({"say"}))


def test_indefinite_reporting_subject_with_post_modifier_is_unnamed(parse):
    doc = parse("A cousin of one of the drivers, who declined to be identified, said the road "
                "was closed.")
    assert unnamed_source(_token(doc, "cousin"), frozenset(), frozenset({"say"}))


def test_definite_or_plural_subject_is_not_an_unnamed_source(parse):
    doc = parse("The cousin said the road was closed. Some drivers said it was open.")
    verbs = frozenset({"say"})
    assert not unnamed_source(_token(doc, "cousin"), frozenset(), verbs)
    assert not unnamed_source(_token(doc, "drivers"), frozenset(), verbs)


def test_singular_noun_after_a_partitive_one_names_nobody(parse):
    doc = parse("One of the guards at the mine was wounded. Later the guard said he saw four men.")
    assert unnamed_antecedent(_token(doc, "guard"), 0, lambda a, b: False)


def test_a_noun_owned_by_an_indefinite_one_is_an_unnamed_source(parse):
    doc = parse("A farmer's son, who asked not to be named, said the men came at dawn.")
    assert unnamed_source(_token(doc, "son"), frozenset({"son"}), frozenset({"say"}))
