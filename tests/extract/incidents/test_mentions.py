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


def test_one_abduction_named_among_counted_ones(incidents):
    text = (
        "Police said the gang had carried out at least three other abductions in the "
        "province since March, including the kidnapping of a trader in Hilla, who was "
        "released after his family paid $20,000."
    )
    [inc] = incidents(text)
    assert (inc.victims, inc.place, inc.outcome) == (1, "Hilla", "released")


def test_suspects_wanted_on_kidnapping_charges_are_no_abduction(incidents):
    text = "Police in Kirkuk arrested nine suspects wanted on kidnapping charges last week."
    assert incidents(text) == []


def test_the_kidnapping_of_an_executive(incidents):
    text = (
        "Investigators linked the gang to the kidnapping of a mining executive in Kwekwe on "
        "2 February 2026."
    )
    [inc] = incidents(text)
    assert (inc.victims, inc.date) == (1, "2026-02-02")


def test_since_a_month_dates_no_abduction(incidents):
    text = (
        "Police said the gang had carried out several abductions since October, among "
        "them the kidnapping of a trader in Hilla."
    )
    [inc] = incidents(text)
    assert inc.date is None


def test_an_abduction_in_a_clause_on_a_noun(incidents):
    text = (
        "\u201cWe have evidence that the same gang kidnapped a farmer in Jalapa in April "
        "2026,\u201d the prosecutor said."
    )
    [inc] = incidents(text)
    assert (inc.victims, inc.place, inc.date) == (1, "Jalapa", "2026-04")


def test_people_held_by_captors_or_for_ransom_were_taken(incidents):
    [inc] = incidents(
        "Police freed nine migrants who were being held by smugglers in a farmhouse near "
        "Kilkis on 3 May 2026. The gang had demanded 20,000 euros."
    )
    assert (inc.victims, inc.perpetrators, inc.outcome) == (9, "smugglers", "rescued")
    assert inc.place is None  # where they were held, not where they were taken


def test_people_held_by_the_police_are_no_abduction(incidents):
    assert incidents("Police held two suspects in Kilkis on 3 May 2026 for questioning.") == []


def test_the_victims_are_described_by_a_noun_not_a_pronoun(incidents):
    [inc] = incidents(
        "Kidnappers held him for ransom for a week. The 70-year-old investor had been "
        "kidnapped in Liège on 4 June 2026."
    )
    assert inc.victim_description == "The 70-year-old investor"


def test_at_least_so_many_members_taken_since_a_year_is_a_statistic(incidents):
    assert incidents(
        "According to the union, at least 14 of its members have been kidnapped in the "
        "region since 2019."
    ) == []


def test_captors_who_hold_hostages_as_a_habit_are_no_incident(incidents):
    assert incidents(
        "Officials meet on kidnapping\n"
        "“The gangs that hold our hostages collect their ransoms across borders,” the "
        "minister said."
    ) == []


def test_people_held_since_a_day_by_armed_men_were_taken_that_day(incidents):
    found = incidents(
        "Published on 10 November 2026\n\n"
        "Five traders have been held since Saturday, November 7, by armed men who stopped "
        "them near Luofu. Their captors are demanding 25,000 dollars.\n\n"
        "At the end of October, a nurse was kidnapped in Kirumba and released after four days."
    )
    assert [(i.date, i.victims) for i in found] == [("2026-11-07", 5), ("2026-10", 1)]


def test_deprived_of_liberty_is_taken(incidents):
    found = incidents(
        "Tuxpan: they kidnap a cattle rancher\n\n"
        "Armed men deprived of liberty a cattle rancher in the community of Los Naranjos, "
        "in the municipality of Tuxpan, on 27 October 2026, and are demanding 2 million pesos "
        "for his release, relatives reported.\n\n"
        "In August, another rancher was kidnapped and released after five days."
    )
    assert [i.date for i in found] == ["2026-10-27", "2026-08"]
