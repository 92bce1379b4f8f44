"""Incidents: one per abduction, with its slots, on short reports written for the test."""

from __future__ import annotations

import pytest

from kfr_extract.components import KfrExtractor
from kfr_extract.paths import lexicon_dir


@pytest.fixture(scope="module")
def incidents(nlp):
    extractor = KfrExtractor(["incidents"], lexicon_dir())
    return lambda text: extractor.results(nlp(text))["incidents"]


def test_one_abduction_with_every_slot(incidents):
    text = (
        "Bandits kidnap traders in Katsina\n"
        "KATSINA, May 16, 2024 — Bandits on Monday abducted 14 traders near Funtua, Katsina "
        "State, police said.\n"
        "The kidnappers demanded N30 million for their release.\n"
        "The victims regained their freedom on Wednesday after their families paid N4 million, "
        "and two suspects were arrested."
    )
    [inc] = incidents(text)
    assert (inc.date, inc.date_resolved) == ("2024-05-13", True)
    assert (inc.place, inc.country_code) == ("Funtua", "NG")
    assert (inc.victims, inc.perpetrators) == (14, "Bandits")
    assert inc.ransom_demanded.model_dump() == {"value": 30_000_000, "currency": "NGN"}
    assert inc.ransom_paid.model_dump() == {"value": 4_000_000, "currency": "NGN"}
    assert (inc.outcome, inc.outcome_date) == ("released", "2024-05-15")
    assert inc.suspects_arrested == 2
    slots = {e.slot for e in inc.evidence}
    assert {"abduction", "date", "place", "victims", "outcome", "ransom_paid"} <= slots
    for e in inc.evidence:
        assert text[e.start_char : e.end_char] == e.text


def test_a_separate_abduction_is_another_incident(incidents):
    text = (
        "LAGOS, 4 March 2023 — Gunmen abducted three engineers in Ikorodu on 1 March. "
        "In a separate incident, pirates seized seven crew members off Bonny Island "
        "on 2 March."
    )
    found = incidents(text)
    assert [(i.victims, i.date, i.perpetrators) for i in found] == [
        (3, "2023-03-01", "Gunmen"), (7, "2023-03-02", "pirates")]


def test_the_victims_refer_back_to_the_same_incident(incidents):
    text = (
        "Gunmen kidnapped two nurses in Kaduna on 3 June 2022. The women were taken "
        "to a forest near Kachia. They escaped on 9 June 2022."
    )
    [inc] = incidents(text)
    assert (inc.victims, inc.outcome, inc.outcome_date) == (2, "escaped", "2022-06-09")


def test_statistics_are_not_incidents(incidents):
    text = (
        "The state recorded 49 kidnapping cases in 2014. More than 1,200 people were "
        "kidnapped in the country in 2023, according to police figures."
    )
    assert incidents(text) == []


def test_kidnap_as_the_name_of_a_crime_is_no_incident(incidents):
    text = "Experts met in Vienna to discuss how to prevent kidnap for ransom in the Sahel."
    assert incidents(text) == []


def test_group_names_win_over_captor_words(incidents):
    text = ("Suspected Abu Sayyaf militants abducted two fishermen near Jolo, Sulu, "
            "on 8 July 2019.")
    [inc] = incidents(text)
    assert (inc.perpetrators, inc.place, inc.victims) == ("Abu Sayyaf", "Jolo", 2)


def test_conjoined_victims_add_up(incidents):
    text = "Armed men took a doctor and three nurses hostage in Tillaberi on 2 May 2021."
    [inc] = incidents(text)
    assert inc.victims == 4
    assert inc.perpetrators == "Armed men"


def test_rescue_by_troops_and_the_killed_captor(incidents):
    text = (
        "Troops on 12 April 2023 freed nine passengers kidnapped on 2 April 2023 in Ose, "
        "Ondo State. One kidnapper was killed in the operation."
    )
    [inc] = incidents(text)
    assert (inc.outcome, inc.outcome_date, inc.date) == ("rescued", "2023-04-12", "2023-04-02")


def test_still_held_and_no_ransom(incidents):
    text = (
        "Jihadists abducted 40 villagers in Djibo, Burkina Faso, on 6 January 2024. "
        "No ransom was paid and the villagers are still being held, residents said."
    )
    [inc] = incidents(text)
    assert (inc.outcome, inc.ransom_paid, inc.country_code) == ("held", "no", "BF")


def test_weekdays_stay_unresolved_without_a_dateline(incidents):
    [inc] = incidents("Gunmen abducted 12 worshippers in Kagoro on Sunday, police said.")
    assert inc.date is None and inc.victims == 12


def test_another_group_of_people_is_another_incident(incidents):
    text = (
        "Gunmen who kidnapped two teachers in Bafut are demanding FCFA 5 million. "
        "Last month, the separatists abducted a former minister in Kumbo; his family paid "
        "FCFA 10 million to secure his release."
    )
    first, second = incidents(text)
    assert (first.victims, first.outcome) == (2, "held")
    assert first.ransom_demanded.model_dump() == {"value": 5_000_000, "currency": "XAF"}
    assert (second.victims, second.perpetrators, second.outcome) == (1, "separatists", None)
    assert second.ransom_paid.model_dump() == {"value": 10_000_000, "currency": "XAF"}


def test_a_fate_told_of_a_few_leaves_the_rest_held(incidents):
    text = ("Bandits who abducted about two hundred pupils in Tegina on 30 May 2021 have "
            "released 11 of their victims.")
    [inc] = incidents(text)
    assert (inc.victims, inc.outcome) == (200, "held")


def test_reported_abductions_and_companions(incidents):
    text = ("Gunmen are reported to have kidnapped a doctor with 15 others from Sabon Gero "
            "community on 4 April 2022.")
    [inc] = incidents(text)
    assert (inc.victims, inc.place, inc.date) == (16, "Sabon Gero", "2022-04-04")


def test_figures_and_crime_names_are_not_incidents(incidents):
    text = ("According to figures presented by the authorities, 87 people were abducted in "
            "November 2019 near Bamako. Kidnapping for ransom remains a lucrative crime.")
    assert incidents(text) == []


def test_a_locality_is_the_first_name_of_its_phrase(incidents):
    text = ("Four musicians were kidnapped in the town of Celaya, Guanajuato, on 2 May 2025, "
            "their families said.")
    [inc] = incidents(text)
    assert inc.place == "Celaya"
