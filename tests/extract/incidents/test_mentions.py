"""Abduction mentions: people the lexicon does not know, taken and then freed."""

from __future__ import annotations


def test_a_noun_taken_then_released_stands_for_people(incidents):
    text = (
        "Rebels abducted three surveyors near Tumaco on 2 May 2024. "
        "In January, two geologists taken by the same rebels in Nariño were released "
        "after a month."
    )
    found = incidents(text)
    assert [(i.victims, i.date) for i in found][1:] == [(2, "2024-01")]
    assert found[-1].outcome == "released"


def test_a_thing_taken_is_no_abduction(incidents):
    text = "A truck taken by thieves in Kisumu on 3 May 2024 was recovered by police."
    assert incidents(text) == []


def test_people_counted_in_a_tally_are_a_statistic(incidents):
    text = (
        "Gunmen abducted a teacher in Tillabéri on 2 May 2025. A local association has "
        "counted 48 people abducted in the region since January."
    )
    found = incidents(text)
    assert [(i.victims, i.place) for i in found] == [(1, "Tillabéri")]
