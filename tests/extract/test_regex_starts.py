"""Trying a pattern only where its matches can start gives the matches of a full scan."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kfr_extract.extract.regex_starts import (
    DIGIT_RUNS,
    DIGIT_RUNS_ANY,
    WORDS,
    Starts,
    class_body,
    first_chars,
    matches,
)


@pytest.mark.parametrize(("regex", "chars"), [
    (r"\b(?:today|tonight)\b", "t"),
    (r"\b(?:in\s+)?(?:the\s+)?(?:recent|last)\s+days", "itrl"),
    (r"(?:a|[0-9]{1,2})\s+days?\s+ago", "a0123456789"),
    (r"(?=x)(?<!y)Q+", "Q"),
])
def test_first_chars(regex, chars):
    assert first_chars(regex) == frozenset(chars)


@pytest.mark.parametrize("regex", [r"\w+ago", r"[^a]b", r"(?:x)?", r"a*"])
def test_first_chars_none_when_not_a_short_list(regex):
    assert first_chars(regex) is None


def test_class_body_refuses_what_cannot_start_a_word():
    with pytest.raises(ValueError, match="cannot start"):
        class_body(frozenset("-a"))


def test_case_folded_bodies_take_both_cases_and_every_non_ascii_start():
    starts = Starts("Today \u212aelvin tomorrow xtoday _t")
    assert starts.at(class_body(frozenset("tk"), ignore_case=True)) == [0, 6, 13]


def test_digit_runs_and_words():
    text = "A2019 12/05 ٣٠٠ x_1 word"
    starts = Starts(text)
    assert starts.at(DIGIT_RUNS) == [1, 6, 9, 18]
    assert starts.at(DIGIT_RUNS_ANY) == [1, 6, 9, 12, 18]
    assert starts.at(WORDS) == [0, 6, 9, 12, 16, 20]
    assert starts.words(re.compile(r"(?:word|x_1|A2019)(?!\w)")) == [0, 16, 20]


@given(st.text(alphabet=st.sampled_from("ab1 \n-_Aé"), max_size=30))
def test_matches_equal_a_full_scan(text):
    pattern = re.compile(r"\b(?=[aA1])(?:a+b?|1\w*|A)")
    starts = Starts(text).at(class_body(frozenset("aA1")))
    assert [m.span() for m in matches(pattern, text, starts)] == \
        [m.span() for m in pattern.finditer(text)]
