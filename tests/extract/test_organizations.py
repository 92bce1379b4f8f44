"""Organizations: acronym definitions, the gazetteer, spaCy ORG clean-up, grouping."""

from __future__ import annotations

import pytest

from kfr_extract import nlp as nlp_module


@pytest.fixture(scope="module")
def orgs_of():
    """Text -> {acronym or name: organization dict} (places run first: they block ORGs)."""
    nlp = nlp_module.build(overrides={"components.kfr_extract.fields": ["places",
                                                                        "organizations"]})

    def run(text: str) -> dict[str, dict]:
        return {o["acronym"] or o["name"]: o for o in nlp(text)._.kfr["organizations"]}

    return run


def texts(org: dict) -> list[str]:
    return [m["text"] for m in org["mentions"]]


# ---------------------------------------------------------------- definitions


def test_definition_in_text_gives_long_form_and_acronym(orgs_of):
    found = orgs_of("Mr. Chris Jones of the United Kingdom Home Office (UKHO) spoke. "
                    "UKHO experts then presented two cases.")
    ukho = found["UKHO"]
    assert ukho["name"] == "United Kingdom Home Office"
    assert texts(ukho) == ["United Kingdom Home Office", "UKHO", "UKHO"]


def test_long_form_is_trimmed_to_where_the_acronym_starts(orgs_of):
    found = orgs_of("The Head of the National Centre for Judicial Cooperation (NCJC) "
                    "thanked the donors.")
    assert found["NCJC"]["name"] == "National Centre for Judicial Cooperation"


def test_unknown_acronym_defined_for_a_term_is_not_an_organization(orgs_of):
    found = orgs_of("The manual covers Kidnap for Ransom (KFR) and Improvised Explosive "
                    "Devices (IEDs). KFR is a growing threat.")
    assert "KFR" not in found and "IEDs" not in found


def test_acronym_that_does_not_spell_the_long_form_still_names_an_army(orgs_of):
    found = orgs_of("The West Papua National Liberation Army (TPNPB) claimed the attack.")
    assert found["TPNPB"]["name"] == "West Papua National Liberation Army"


# ---------------------------------------------------------------- gazetteer


def test_gazetteer_long_form_wins_over_a_garbled_definition(orgs_of):
    found = orgs_of("The 51吃瓜 Office of Counter-Terrorism (UNOCT) held a meeting. "
                    "UNOCT thanked Member States.")
    unoct = found["UNOCT"]
    assert unoct["name"] == "United Nations Office of Counter-Terrorism"
    assert texts(unoct).count("UNOCT") == 2


def test_bare_known_acronyms_and_variants_join_one_item(orgs_of):
    found = orgs_of("The UN Office of Counter-Terrorism and UNODC met. The United Nations "
                    "Office on Drugs and Crime said UNOCT would lead.")
    assert texts(found["UNOCT"]) == ["UN Office of Counter-Terrorism", "UNOCT"]
    assert found["UNODC"]["name"] == "United Nations Office on Drugs and Crime"
    assert len(found["UNODC"]["mentions"]) == 2


def test_hyphenated_acronyms_are_both_found(orgs_of):
    found = orgs_of("A joint OSCE-UNODC training was held for INTERPOL officers.")
    assert {"OSCE", "UNODC", "INTERPOL"} <= set(found)


def test_known_long_form_inside_a_longer_name_is_not_matched(orgs_of):
    found = orgs_of("Fighters of the Free Aceh Financial Action Task Force Brigade fled.")
    assert "FATF" not in found


# ---------------------------------------------------------------- spaCy ORG clean-up


def test_plain_ner_organizations_are_kept_without_the(orgs_of):
    found = orgs_of("Amnesty International and the Associated Press reported the kidnapping.")
    assert {"Amnesty International", "Associated Press"} <= set(found)


def test_places_titles_and_events_are_not_organizations(orgs_of):
    found = orgs_of("The UNOCT Expert Group Meeting was held in Rabat. The Commissioner of "
                    "Police thanked the Strengthening Iraq's Efforts team.")
    assert set(found) == {"UNOCT"}


def test_mentions_are_grounded(orgs_of):
    text = "The African Union (AU) and the Lake Chad Basin Commission met. The AU agreed."
    for org in orgs_of(text).values():
        for m in org["mentions"]:
            assert text[m["start_char"]:m["end_char"]] == m["text"]
