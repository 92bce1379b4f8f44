"""The sample document, end to end: what issue #2 says it must yield."""

from __future__ import annotations

import pytest

from kfr_extract import extract_paths
from tests.conftest import SEED


@pytest.fixture(scope="module")
def record(nlp):
    return next(extract_paths([str(SEED)], nlp=nlp))


def test_text_is_repaired(record):
    assert record.status == "ok"
    assert "from 6 – 8 June 2023" in record.text
    assert "Victims’ Needs" in record.text
    assert "“Beyond the immediate" in record.text and "transnational kidnap.”" in record.text
    assert not set("¡¨³Ô¹Ï") & set(record.text)
    assert [f.kind for f in record.repair.fixes if "gbk" in f.kind.lower()]
    flagged = [a for a in record.repair.anomalies if a.kind == "foreign_script"]
    assert [a.text for a in flagged] == ["51吃瓜"]


def test_dates(record):
    values = {(d.start, d.end) for d in record.dates if not d.relative}
    assert values == {("2023-06-06", "2023-06-08"), ("2021-01", "2021-01")}
    assert any(d.text == "6 – 8 June 2023" for d in record.dates)


def test_places(record):
    places = {p.name: p for p in record.places}
    assert set(places) == {"Rabat", "Morocco", "United Kingdom"}
    assert (places["Rabat"].kind, places["Rabat"].country_code) == ("city", "MA")
    assert (places["Morocco"].kind, places["Morocco"].country_code) == ("country", "MA")
    assert "Kingdom of Morocco" in {m.text for m in places["Morocco"].mentions}
    assert places["United Kingdom"].country_code == "GB"


def test_counts(record):
    assert {(c.value, c.unit) for c in record.counts} == {
        (28, "Member States"), (8, "international organizations")}


def test_speaker_and_quote(record):
    assert len(record.speakers) == 1
    jones = record.speakers[0]
    assert (jones.name, jones.honorific) == ("Chris Jones", "Mr.")
    assert jones.title == "Serious Organised Crime (SOC) Director"
    assert jones.organization == "United Kingdom Home Office (UKHO)"
    assert len(record.quotes) == 1
    quote = record.quotes[0]
    assert quote.speaker == "Chris Jones"
    assert quote.text.startswith("Beyond the immediate benefits")
    assert quote.text.endswith("tackle a transnational kidnap.")


def test_event(record):
    event = record.event
    assert event is not None
    assert (event.type, event.organizer, event.location) == (
        "Expert Group Meeting", "UNOCT", "Rabat")
    assert (event.start, event.end) == ("2023-06-06", "2023-06-08")
    assert event.theme == ("Addressing Emerging Trends While Raising Awareness of the Impact on "
                           "Victims and Victims’ Needs")


def test_organizations(record):
    by_acronym = {o.acronym: o for o in record.organizations if o.acronym}
    assert {"UNOCT", "UKHO"} <= set(by_acronym)
    assert by_acronym["UKHO"].name == "United Kingdom Home Office"
    assert "Office of Counter-Terrorism" in by_acronym["UNOCT"].name


def test_background_heading_is_not_a_person(record):
    assert all("Background" not in s.name for s in record.speakers)
