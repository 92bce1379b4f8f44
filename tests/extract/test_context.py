"""Shared document facts: what the text tells of a named person's gender."""

from __future__ import annotations

from kfr_extract.extract.context import GenderCues, text_gender

CUES = GenderCues(nouns={"wife": "f", "brother": "m"},
                  pronouns={"she": "f", "her": "f", "he": "m", "his": "m"})


def _span(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start, start + len(name)


def test_a_kin_noun_set_off_before_the_name_tells_the_gender():
    text = "The trader's wife, Lucia, said the family was waiting."
    assert text_gender(text, [_span(text, "Lucia")], [], CUES) == "f"


def test_the_first_pronoun_after_the_name_in_its_sentence_tells_the_gender():
    text = "Tomas Reyes said he had paid. Later, she called again."
    assert text_gender(text, [_span(text, "Tomas Reyes")], [], CUES) == "m"


def test_pronouns_inside_quotations_or_after_another_name_tell_nothing():
    text = 'Ana Cruz said "he never came back" and Luis Cruz said his car was gone.'
    others = [_span(text, "Luis Cruz")[0]]
    assert text_gender(text, [_span(text, "Ana Cruz")], others, CUES) is None


def test_mentions_that_disagree_tell_nothing():
    text = "Alex Moyo said she would come. Alex Moyo said his car broke."
    spans = [_span(text, "Alex Moyo"), _span(text, "Alex Moyo", 1)]
    assert text_gender(text, spans, [], CUES) is None
