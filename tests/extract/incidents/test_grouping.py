"""Grouping: a later abduction of other people is another incident."""

from __future__ import annotations


def test_a_person_introduced_later_is_another_incident(incidents):
    text = (
        "KANO, 9 May 2025 - Gunmen abducted four farmers near Gaya on Sunday, 4 May 2025. "
        "Villagers found one of them and took him to a clinic in Gaya. "
        "In March, a nurse was kidnapped at Wudil and released after a week."
    )
    found = incidents(text)
    assert [(i.victims, i.date, i.place) for i in found] == [
        (4, "2025-05-04", "Gaya"), (1, "2025-03", "Wudil")]
    assert found[1].outcome == "released"


def test_the_same_count_again_is_the_same_people(incidents):
    text = (
        "Bandits kidnapped two traders in Zaria on 2 June 2024. "
        "The two traders were taken to a forest near Kaduna."
    )
    assert len(incidents(text)) == 1


def test_a_fuller_count_told_next_is_the_same_abduction(incidents):
    text = (
        "The mayor of Bossey and two of his aides, abducted by gunmen in the early hours "
        "of 3 May 2026, have been found dead, officials said. A third aide escaped.\n\n"
        "According to residents, about ten armed men arrived on motorcycles and took away "
        "four men."
    )
    [inc] = incidents(text)
    assert inc.victims == 4


def test_the_relative_of_someone_new_is_no_victim_named_before(incidents):
    found = incidents(
        "Armed men kidnapped a trader outside his shop in Beira on 13 April 2026. In January, "
        "the son of a Chimoio businessman was kidnapped outside his school and freed after "
        "19 days."
    )
    assert [(i.date, i.victims) for i in found] == [("2026-04-13", 1), ("2026-01", 1)]


def test_the_day_a_court_sentenced_kidnappers_is_not_the_abduction_date(incidents):
    found = incidents(
        "TARIJA, 5 November 2026 - The court of Tarija on Tuesday sentenced three men for "
        "the kidnapping of the "
        "rancher Luis Vaca. According to the accusation, on 12 August 2024 the men took "
        "Mr. Vaca from his ranch and held him for 41 days."
    )
    assert [i.date for i in found] == ["2024-08-12"]
