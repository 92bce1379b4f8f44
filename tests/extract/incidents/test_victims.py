"""Victims: groups joined by "and" add up even where the parse splits them."""

from __future__ import annotations


def test_people_joined_after_a_place_add_up(incidents):
    text = ("Armed bandits abducted the head of the village of Bakin Ruwa and nine women "
            "on 3 June 2025.")
    [inc] = incidents(text)
    assert inc.victims == 10


def test_a_group_before_their_companion_adds_up(incidents):
    text = (
        "Two RDD officials, driver abducted on Srinagar-Kupwara road\n\n"
        "SRINAGAR, Jun 4: Three officials of the state Rural Development Department (RDD) "
        "and their driver were abducted by unidentified armed men near Kupwara on Monday "
        "afternoon while returning from a village, police said."
    )
    [inc] = incidents(text)
    assert inc.victims == 4


def test_a_number_on_the_line_above_counts_no_victims(incidents):
    text = (
        "Police rescue kidnapped girl from Kano house, three suspects held\n\n"
        "12 May 2026\n\n"
        "A nine-year-old girl who was snatched outside her home in Fagge last week has been "
        "rescued from a house in Kano, in a joint operation by the police and the army."
    )
    [inc] = incidents(text)
    assert (inc.victims, inc.outcome) == (1, "rescued")


def test_a_money_changer_taken_is_a_person(incidents):
    [inc] = incidents(
        "Kidnapped Jalalabad money changer freed after family pays 3m afghanis\n\n"
        "JALALABAD (Pajhwok): A money changer kidnapped in Jalalabad, the capital of eastern "
        "Nangarhar province, 11 days ago has been freed after his family paid three million "
        "afghanis to his captors, a relative said on Monday."
    )
    assert (inc.victims, inc.place) == (1, "Jalalabad")
