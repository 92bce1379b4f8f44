"""Outcome: what is hoped for, asked for or awaited is not what happened."""

from __future__ import annotations


def test_a_rescue_awaited_leaves_the_victims_held(incidents):
    text = (
        "Gunmen abducted three surveyors near Jos on 4 March 2025. Their union urged the "
        "government to deploy soldiers until the three surveyors are rescued."
    )
    [inc] = incidents(text)
    assert inc.outcome == "held"


def test_a_release_demanded_is_no_release(incidents):
    text = (
        "Gunmen abducted a pastor in Enugu on 4 March 2025. The kidnappers demanded "
        "N20 million for the release of the pastor."
    )
    [inc] = incidents(text)
    assert inc.outcome != "released"


def test_a_release_told_after_a_payment_is_a_release(incidents):
    text = (
        "Gunmen abducted a pastor in Enugu on 4 March 2025. His family paid N2 million "
        "before he was released on 9 March 2025."
    )
    [inc] = incidents(text)
    assert inc.outcome == "released"


def test_forces_freeing_the_victim_past_an_inserted_date_is_a_rescue(incidents):
    text = (
        "The ministry announces that its forces freed, at dawn on Sunday, 3 May 2026, a "
        "ten-year-old girl who had been kidnapped in Mosul on 28 April."
    )
    [inc] = incidents(text)
    assert (inc.outcome, inc.outcome_date) == ("rescued", "2026-05-03")


def test_a_verb_joined_to_the_forces_raid_is_theirs(incidents):
    text = (
        "A trader was kidnapped in Basra on 2 May 2026. Forces raided the farm, freed the "
        "trader and arrested two men."
    )
    [inc] = incidents(text)
    assert inc.outcome == "rescued"


def test_a_rescue_takes_the_day_of_the_raid(incidents):
    text = (
        "A pharmacist was kidnapped in Gweru on 3 May 2026. On 7 May 2026, detectives "
        "raided a farm and rescued the pharmacist."
    )
    [inc] = incidents(text)
    assert (inc.outcome, inc.outcome_date) == ("rescued", "2026-05-07")


def test_an_ambush_before_the_rescue_does_not_date_it(incidents):
    text = (
        "A pharmacist was kidnapped in Gweru on 3 May 2026. On 3 May 2026, four men "
        "ambushed him at his gate. Police later rescued the pharmacist."
    )
    [inc] = incidents(text)
    assert (inc.outcome, inc.outcome_date) == ("rescued", None)


def test_the_ambush_that_dates_the_abduction_does_not_date_the_rescue(incidents):
    text = (
        "Police confirm the rescue of a trader who was kidnapped in Gweru. On 3 May 2026, "
        "four men ambushed the trader at his gate. Police later rescued the trader."
    )
    [inc] = incidents(text)
    assert (inc.date, inc.outcome, inc.outcome_date) == ("2026-05-03", "rescued", None)


def test_a_release_told_of_the_person_before_a_place(incidents):
    text = (
        "Police said the gang kidnapped a trader in Hilla on 3 May 2026. Earlier it took a "
        "teacher in Kufa, who was released after his family paid $20,000."
    )
    found = incidents(text)
    assert found[-1].outcome == "released"


def test_a_year_is_no_count_of_people_freed(incidents):
    found = incidents(
        "Police rescue businessman kidnapped in Warnes\n"
        "Juan Paz was intercepted on 8 October 2026 as he left his mill near Warnes. The case "
        "recalls the kidnapping of a soybean producer in Montero in 2025, who was released "
        "after his relatives paid $80,000."
    )
    assert 2025 not in [i.victims for i in found]
