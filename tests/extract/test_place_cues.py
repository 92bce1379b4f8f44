"""Names the text uses as places (speakers/place_cues.py), on sentences written for the test."""

from __future__ import annotations

from kfr_extract.extract.speakers.place_cues import places_by_use

INHABITANTS = frozenset({"residents", "villagers", "people"})


def test_the_people_of_a_name_make_it_a_place():
    text = "Residents of Bir al-Nasr told reporters that villagers of Kamba fled."
    assert places_by_use(text, set(), INHABITANTS) == {"bir al-nasr", "kamba"}


def test_the_other_end_of_a_stretch_from_a_known_place_is_a_place():
    text = "on the coastal road between El-Arish and Bir al-Nasr, and between Musa and Ali"
    assert places_by_use(text, {"el-arish"}, INHABITANTS) == {"bir al-nasr"}


def test_no_cue_no_place():
    assert places_by_use("Karim Said told the residents to stay home.", set(), INHABITANTS) \
        == set()
