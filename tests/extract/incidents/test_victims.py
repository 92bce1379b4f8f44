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
