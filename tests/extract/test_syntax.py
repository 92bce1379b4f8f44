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


def test_a_subject_opened_by_whose_is_no_subject_of_the_main_clause(nlp):
    from spacy.tokens import Doc

    from kfr_extract.extract.syntax import relative_subject

    # the parse that hangs the relative clause's subject on the main verb
    words = ["Ali", "Hassan", ",", "whose", "younger", "cousin", "Omar", "was", "among",
             "them", ",", "spoke", "to", "us", "."]
    heads = [1, 7, 7, 6, 5, 6, 7, 7, 7, 8, 7, 7, 11, 12, 7]
    deps = ["compound", "nsubj", "punct", "poss", "amod", "compound", "nsubj", "ROOT",
            "prep", "pobj", "punct", "conj", "prep", "pobj", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PROPN", "AUX", "ADP", "PRON",
           "PUNCT", "VERB", "ADP", "PRON", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert relative_subject(doc[6])
    assert not relative_subject(doc[1])
    assert [t.text for t, _low, _high in subject_regions(doc[11])] == ["Hassan"]


def test_a_verb_hung_on_a_quoted_verb_takes_the_subject_outside_the_quotation(nlp):
    from spacy.tokens import Doc

    # the parse that hangs 'called' on the verb inside the quotation before it
    words = ["Ali", "said", "the", "killing", '"', "is", "a", "reminder", ",", '"', "and",
             "called", "for", "calm", "."]
    heads = [1, 1, 3, 5, 5, 1, 7, 5, 5, 5, 5, 5, 11, 12, 1]
    deps = ["nsubj", "ROOT", "det", "nsubj", "punct", "ccomp", "det", "attr", "punct",
            "punct", "cc", "conj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "AUX", "DET", "NOUN", "PUNCT", "PUNCT",
           "CCONJ", "VERB", "ADP", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t, _low, _high in subject_regions(doc[11])] == ["Ali"]
