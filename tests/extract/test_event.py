"""Event: the one organized event of a report, on texts written for the test."""

from __future__ import annotations

import pytest

from tests.conftest import SEED


def test_meeting_with_organizer_dates_city_and_theme(extract):
    event = extract(
        "UNOCT Expert Group Meeting on Maritime Kidnapping\n"
        "The United Nations Office of Counter-Terrorism (UNOCT) held an Expert Group Meeting from "
        "14 to 16 March 2022 in Nairobi, Kenya, under the theme “Protecting Seafarers from "
        "Kidnap for Ransom.”\nThe meeting brought together 40 experts from 12 Member States.\n"
    ).event
    assert event is not None
    assert (event.type, event.organizer, event.start, event.end) == (
        "Expert Group Meeting",
        "UNOCT",
        "2022-03-14",
        "2022-03-16",
    )
    assert event.location == "Nairobi"
    assert event.theme == "Protecting Seafarers from Kidnap for Ransom"
    assert {(part.slot, part.text) for part in event.evidence} == {
        ("type", "Expert Group Meeting"),
        ("dates", "14 to 16 March 2022"),
        ("location", "Nairobi"),
        ("theme", "Protecting Seafarers from Kidnap for Ransom"),
        ("organizer", "United Nations Office of Counter-Terrorism (UNOCT)"),
    }


def test_type_keeps_its_modifiers_and_drops_ordinals(extract):
    event = extract(
        "Workshop concludes\nThe Office completed its third and final regional workshop on "
        "countering terrorist financing in Dakar, Senegal, on 4 May 2021.\n"
    ).event
    assert event is not None and event.type == "Regional workshop"
    assert event.location == "Dakar"


def test_passive_organizers_are_joined(extract):
    event = extract(
        "Experts discuss ransom payments\nExperts in security issues took part in a training "
        "course on hostage negotiation, jointly organized by the United Nations Office on Drugs "
        "and Crime (UNODC) and the International Criminal Police Organization (INTERPOL).\n"
    ).event
    assert event is not None and event.type == "Training course"
    assert event.organizer == "UNODC and INTERPOL"


def test_dates_and_place_from_a_sentence_that_refers_back(extract):
    event = extract(
        "Towards a regional strategy\nThe Directorate joined forces with the African Union to "
        "facilitate a regional conference on the screening of returnees.\nHeld from 10 to 13 "
        "April 2018 in Niamey, Niger, the conference brought together 120 participants.\n"
    ).event
    assert event is not None
    assert (event.type, event.start, event.end, event.location) == (
        "Regional conference",
        "2018-04-10",
        "2018-04-13",
        "Niamey",
    )


def test_incident_news_has_no_event(extract):
    record = extract(
        "Hostage freed\nPolice commandos rescued a businessman held captive for six months by "
        "an armed group, the head of the national police said on Tuesday. He was found in a "
        "forest camp after a meeting of local elders passed on a tip.\n"
    )
    assert record.event is None


def test_roundup_of_several_activities_has_no_event(extract):
    record = extract(
        "Office implements several capacity-building activities\nDuring June, the Office "
        "organised three separate activities on terrorism prevention in West Africa.\n"
    )
    assert record.event is None


def test_sample_report(extract):
    if not SEED.is_file():
        pytest.skip("sample report not present")
    record = extract(SEED.read_text(encoding="utf-8", errors="replace"))
    event = record.event
    assert event is not None
    assert (event.type, event.organizer, event.start, event.end, event.location) == (
        "Expert Group Meeting",
        "UNOCT",
        "2023-06-06",
        "2023-06-08",
        "Rabat",
    )
    assert event.theme and event.theme.startswith("Addressing Emerging Trends")
    assert [q.text for q in record.quotes if "Addressing" in q.text] == []
    speakers = {s.name: s for s in record.speakers}
    assert list(speakers) == ["Chris Jones"]
    jones = speakers["Chris Jones"]
    assert (jones.honorific, jones.title, jones.organization) == (
        "Mr.",
        "Serious Organised Crime (SOC) Director",
        "United Kingdom Home Office (UKHO)",
    )
    assert [q.speaker for q in record.quotes] == ["Chris Jones"]


def test_incident_lead_mentioning_a_meeting_has_no_event(extract):
    record = extract(
        "Village elders abducted\nGunmen abducted six elders on their way to a meeting of the "
        "district council in the north of the country, officials said.\n"
    )
    assert record.event is None


def test_capitalized_event_name_gives_a_plain_type(extract):
    event = extract(
        "Delegates meet in Lima\nDelegates of 30 countries are taking part in the Third "
        "International Meeting on Hostage Negotiation, held in Lima with the support of donors.\n"
    ).event
    assert event is not None and event.type == "International meeting"
    assert event.location == "Lima"


def test_organizer_by_the_acronym_given_after_its_name(extract):
    event = extract(
        "Workshop on ransom payments\nThe Regional Office Counter-Terrorism Unit (RO/CTU) held a "
        "national workshop on ransom payments in Accra, Ghana, from 3 to 5 May 2021.\n"
    ).event
    assert event is not None
    assert (event.type, event.organizer) == ("National workshop", "RO/CTU")


def test_incident_news_with_an_event_word_in_the_headline_has_no_event(extract):
    record = extract(
        "Hostages freed after meeting with elders\nSoldiers rescued four hostages on Monday "
        "after a meeting between community elders and the kidnappers, the army said.\n"
    )
    assert record.event is None


def test_theme_and_title_search_is_linear_on_unclosed_quotations():
    """Issue 14 #7: `theme “` then 45,000 times ", " took about 50 s (a lazy group before
    `[\\s.,;]*`). Now it is a scan; the bound is 100 times what the scan needs."""
    import time

    from kfr_extract.extract import event

    for opening in ("theme “", "titled “", "entitled: “"):
        for tail in (", " * 45_000, " " * 90_000, "x, " * 30_000):
            started = time.monotonic()
            text = opening + tail
            assert event._quoted(event.THEME, text, 0, len(text)) is None
            assert event._quoted(event.TITLED, text, 0, len(text)) is None
            assert time.monotonic() - started < 2, (opening, tail[:6])


def test_theme_is_the_quoted_words_without_trailing_punctuation():
    from kfr_extract.extract import event

    text = "under the theme: “ Victims first, always. ” and titled “, ” then titled “Safe Return”"
    theme = event._quoted(event.THEME, text, 0, len(text))
    assert theme is not None and theme[0] == "Victims first, always"
    assert text[theme[1]:theme[2]] == theme[0]
    title = event._quoted(event.TITLED, text, 0, len(text))
    assert title is not None and title[0] == "Safe Return"
