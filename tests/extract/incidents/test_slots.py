"""Slots: perpetrators and arrests."""

from __future__ import annotations


def test_a_word_in_lower_case_is_no_acronym_of_a_group(incidents):
    text = (
        "Gunmen abducted a surgeon in Misrata on 3 May 2025. \u201cThey let us speak to "
        "him once,\u201d his brother said."
    )
    [inc] = incidents(text)
    assert inc.perpetrators == "Gunmen"


def test_people_an_armed_group_captures_are_not_arrested(incidents):
    text = (
        "Insurgents abducted four rangers in Mecufi on 2 May 2025. The group claimed its "
        "fighters had captured four elements of the local militia."
    )
    [inc] = incidents(text)
    assert inc.suspects_arrested is None


def test_the_count_of_suspects_before_a_list_of_their_names(incidents):
    text = (
        "Kidnappers abducted a trader in Tema on 2 May 2025. Police rescued her on "
        "5 May 2025. Three suspects, namely Kofi Mensah, 30, Ama Owusu, 25, and "
        "Yaw Darko, 41, were arrested."
    )
    [inc] = incidents(text)
    assert inc.suspects_arrested == 3


def test_no_arrest_made_is_none_arrested(incidents):
    text = (
        "Gunmen abducted a contractor in Ukhrul on 2 May 2025. He was released after a "
        "week. No arrest was made in the case."
    )
    [inc] = incidents(text)
    assert inc.suspects_arrested == 0


def test_a_named_unit_wins_over_its_parent_group(incidents):
    text = (
        "Rebels abducted two surveyors in Tumaco on 2 May 2025. They are held by the "
        "Oliver Sinisterra front, a dissident structure of the former FARC. In March, two "
        "drivers taken by the same front in Nariño were released after a week."
    )
    found = incidents(text)
    assert [i.perpetrators for i in found] == ["Oliver Sinisterra front"] * 2


def test_the_captors_by_phrase_over_the_headline(incidents):
    text = (
        "Doctors strike after colleague kidnapped, abductors demand ransom\n\n"
        "A surgeon was abducted on 3 May 2025 by gunmen in two cars in Misrata, his "
        "family said."
    )
    [inc] = incidents(text)
    assert (inc.perpetrators, inc.place) == ("gunmen", "Misrata")


def test_a_named_branch_wins_over_its_parent(incidents):
    text = (
        "Militants abducted two engineers near Gao on 4 March 2026. Officials said the "
        "attackers belonged to the Islamic State's Sahel Province, which operates there."
    )
    [inc] = incidents(text)
    assert inc.perpetrators == "Sahel Province"


def test_the_group_word_the_text_keeps_using_over_armed_men(incidents):
    text = (
        "A pharmacist was abducted by armed men in Tikrit on 3 April 2026. Police traced "
        "the gang to a farm and freed him. Two members of the gang were arrested."
    )
    [inc] = incidents(text)
    assert inc.perpetrators == "gang"


def test_a_group_word_used_once_leaves_the_captors_word(incidents):
    text = (
        "Gunmen abducted a teacher in Kaduna on 3 April 2026. Residents said the gang "
        "had threatened the school before."
    )
    [inc] = incidents(text)
    assert inc.perpetrators == "Gunmen"


def test_not_a_single_unit_of_money_paid_is_no_ransom(incidents):
    text = (
        "Gunmen abducted a farmer in Zaria on 3 April 2026. Police freed him two days "
        "later. His family did not pay a single naira, his brother said."
    )
    [inc] = incidents(text)
    assert inc.ransom_paid == "no"


def test_an_appeal_not_to_pay_is_no_payment(incidents):
    text = (
        "Gunmen abducted a farmer in Zaria on 3 April 2026. The police commissioner urged "
        "the family not to pay any ransom."
    )
    [inc] = incidents(text)
    assert inc.ransom_paid is None


def test_the_date_of_a_deed_the_captors_did(incidents):
    text = (
        "A trader was kidnapped in Kaduna, his family said. He was forced into a car by "
        "three armed men on 4 March 2026 as he left his shop."
    )
    [inc] = incidents(text)
    assert inc.date == "2026-03-04"


def test_a_date_with_a_when_clause_of_the_captors(incidents):
    text = (
        "Bandits abducted six passengers near Zaria, police said. The passengers were "
        "travelling to Kano on Friday, April 10, 2026, when about 20 gunmen opened fire "
        "on their bus."
    )
    [inc] = incidents(text)
    assert inc.date == "2026-04-10"


def test_a_date_on_the_person_taken(incidents):
    text = (
        "Police freed, on 2 May 2026, a six-year-old girl who had been kidnapped in the "
        "city of Kirkuk, in the north, on 28 April 2026."
    )
    [inc] = incidents(text)
    assert inc.date == "2026-04-28"


def test_people_a_group_says_it_arrested_are_its_captives(incidents):
    text = (
        "Gunmen abducted five nurses near Baidoa on 3 May 2026. In a radio statement, "
        "Al-Shabaab said it had arrested six agents of the government."
    )
    [inc] = incidents(text)
    assert inc.suspects_arrested is None


def test_the_town_where_the_captors_struck_over_the_state(incidents):
    text = (
        "Gunmen abducted five traders in Zamfara State on 4 May 2025. The bandits "
        "ambushed their bus near Gidan Goga village, residents said."
    )
    [inc] = incidents(text)
    assert inc.place == "Gidan Goga"


def test_the_village_where_the_captors_stopped_the_vehicle_over_the_road(incidents):
    text = (
        "Kidnappers seized three nurses on the highway between Kibo and Lumi on 9 June "
        "2026. Armed men stopped their minibus near Tamba village, police said."
    )
    [inc] = incidents(text)
    assert inc.place == "Tamba"


def test_the_town_that_locates_the_site_they_were_taken_outside(incidents):
    [inc] = incidents(
        "Armed men kidnapped a businessman outside his shop in Kalimba on 6 May 2026, in what "
        "police call the third kidnapping in Rovuma province this year."
    )
    assert inc.place == "Kalimba"


def test_a_place_they_were_taken_outside_of_is_not_where(incidents):
    [inc] = incidents("Gunmen kidnapped two nurses outside Kalimba on 6 May 2026.")
    assert inc.place is None


def test_no_one_arrested_is_zero_suspects(incidents):
    [inc] = incidents(
        "In May, a trader was seized outside his shop in Azzan and freed after 12 days, when "
        "his family paid 30 million rials. No one was arrested."
    )
    assert inc.suspects_arrested == 0


def test_no_payment_made_and_paid_nothing_are_no_ransom_paid(incidents):
    [first] = incidents(
        "Gunmen kidnapped a trader in Sullana on 3 May 2026 and demanded 100,000 soles. "
        "He was rescued by police on 9 May. “No payment was made,” the general said."
    )
    [second] = incidents(
        "Gunmen kidnapped a boy in Gorakhpur on 3 May 2026 and demanded ₹30 lakh. His "
        "father had arranged ₹5 lakh but, on the advice of the police, paid nothing."
    )
    assert (first.ransom_paid, second.ransom_paid) == ("no", "no")


def test_an_armed_front_named_as_the_captors_but_not_a_party(incidents):
    [taken] = incidents(
        "Armed members of the Karen Hills National Front (KHNF) abducted three road "
        "workers in Paletwa on Monday, September 7, 2026."
    )
    [party] = incidents(
        "Gunmen abducted three farmers near Bamenda on 7 September 2026, the chairman of "
        "the Social Democratic Front (SDF) party said."
    )
    assert (taken.perpetrators, party.perpetrators) == ("KHNF", "Gunmen")
