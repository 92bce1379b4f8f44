# ruff: noqa: RUF003  (comments quote place names with dashes and apostrophes)
"""The word lists and gazetteers the places rules read, loaded once per pipeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from kfr_extract.extract import lexicons
from kfr_extract.extract.gazetteer import Gazetteer
from kfr_extract.extract.lexicons import known_long_forms
from kfr_extract.extract.towns import Towns
from kfr_extract.paths import read_lexicon


@dataclass(frozen=True)
class Words:
    """The word lists the rules read (`pipelines/lexicons/places_*`, `organizations_*`);
    each file's header says what its words show."""

    government_heads: frozenset[str]  # 'the Government of | Colombia': the country itself
    org_followers: frozenset[str]  # 'Nigeria | Police Force': the place opens a name
    non_place_heads: frozenset[str]  # lower case; 'Lake Chad Basin Commission', '... Mosque'
    leading_heads: frozenset[str]  # 'Fiscalía | Especial': the head opens the name
    facilities: frozenset[str]  # 'the Saint-Luc hospital'
    seats: frozenset[str]  # 'Delegation in X': X is the seat in the office's name
    field_offices: frozenset[str]  # 'Regional Bureau in X': X no place of the story
    suffixes: dict[str, str]  # designator after a name -> kind ('province': region)
    prefixes: frozenset[str]  # designators before 'of NAME' ('the town of Luuk')
    leads: dict[str, str]  # capitalized designators right before a name ('Barangay X')
    in_names: frozenset[str]  # capitalized designators that are part of a name
    kept: frozenset[str]  # lower-case designators kept in the name ('Rugu forest')
    peoples: frozenset[str]  # 'community': after a nationality or faith, a people
    roads: frozenset[str]  # 'the Kaduna–Kachia road' names its towns
    locatives: frozenset[str]  # 'in', 'near': a bare city name used as a place
    firm_locatives: frozenset[str]  # 'in', not 'from': what follows is no person
    ways: frozenset[str]  # 'the road | to X', 'on their way | from X': X is a place
    motion: frozenset[str]  # lemmas: 'travelled | to X', 'fled | from X': X is a place
    nearness: frozenset[str]  # 'near', 'nearby': two unknown words after one are a village
    place_nouns: frozenset[str]  # 'Gulf countries': keep a modifier a place
    not_place: frozenset[str]  # 'Islamic State', 'Member State'
    official: frozenset[str]  # 'Kingdom of | Morocco'
    compass: re.Pattern[str]  # 'West', 'Northern': a whole compass word
    demonym_endings: frozenset[str]  # 'Niger' + 'ien': a nationality word
    ellipsis: re.Pattern[str]  # 'West and Central Africa'
    # What shows a name is a person's (the speakers' lexicons): 'Sawadogo said',
    # 'Issouf Sawadogo, a logistics officer,', 'Mr Nelson', 'who gave his name as Nelson'.
    reporting: frozenset[str]
    person_words: frozenset[str]  # titles and common nouns for people
    titles: frozenset[str]  # 'X County | Commissioner': a title's words
    seat_titles: frozenset[str]  # 'the mayor of | Dourou': the office's seat, a place
    honorifics: frozenset[str]
    naming_cue: re.Pattern[str]
    kinds: frozenset[str]  # 'gang', 'newspaper': the name before one is an organization's
    not_lone: frozenset[str]  # words of organizations and people: "in Parliament", "at Police"


@dataclass
class Resources:
    gazetteer: Gazetteer
    stop: frozenset[str]
    org_names: re.Pattern[str]  # known organizations' long forms
    words: Words
    particles: frozenset[str]  # lower-case words inside names ('de', 'al')
    towns: Towns  # villages and towns of 500+ people, looked up where the text says "place"


def load_resources(lexicon_dir: Path) -> Resources:
    return Resources(gazetteer=Gazetteer.load(lexicon_dir),
                     stop=lexicons.place_stop_words(lexicon_dir),
                     org_names=known_long_forms(lexicon_dir),
                     words=_load_words(lexicon_dir),
                     particles=lexicons.words(lexicon_dir, "names_particles.txt", lower=True),
                     towns=Towns.open())


def _load_words(lexicon_dir: Path) -> Words:
    heads = lexicons.words(lexicon_dir, "organizations_heads.txt")
    facilities = lexicons.words(lexicon_dir, "places_facility_words.txt", lower=True)
    seats = lexicons.table(lexicon_dir, "places_seat_heads.tsv", 2)
    designators = lexicons.table(lexicon_dir, "places_designators.tsv", 3)
    placed = [(w, kind, set(where.split(","))) for w, kind, where in designators]
    locatives = lexicons.table(lexicon_dir, "places_locatives.tsv", 2)
    suffixes = {w: kind for w, kind, where in placed if "suffix" in where}
    compass = "|".join(map(re.escape, read_lexicon(lexicon_dir / "places_compass_words.txt")))
    compass = f"(?:{compass or '(?!)'})"
    return Words(
        government_heads=lexicons.words(lexicon_dir, "places_government_heads.txt"),
        org_followers=heads | lexicons.words(lexicon_dir, "organizations_name_words.txt")
        | lexicons.words(lexicon_dir, "organizations_press_words.txt"),
        non_place_heads=frozenset(w.lower() for w in heads) | facilities,
        leading_heads=lexicons.words(lexicon_dir, "organizations_leading_heads.txt"),
        facilities=facilities,
        seats=frozenset(w for w, _ in seats),
        field_offices=frozenset(w for w, kind in seats if kind == "field"),
        suffixes=suffixes,
        prefixes=frozenset(w for w, _, where in placed if "prefix" in where),
        leads={w.capitalize(): kind for w, kind, where in placed if "lead" in where},
        in_names=frozenset(w.capitalize() for w, _, where in placed if "name" in where),
        kept=frozenset(w for w, _, where in placed if "keep" in where),
        peoples=frozenset(w for w, _, where in placed if "people" in where),
        roads=frozenset(w for w, _, where in placed if "road" in where),
        locatives=frozenset(w.lower() for w, _ in locatives),
        firm_locatives=frozenset(w.lower() for w, firm in locatives if firm == "firm"),
        ways=lexicons.words(lexicon_dir, "places_way_nouns.txt", lower=True)
        | frozenset(w for w, _, where in placed if "road" in where),
        nearness=lexicons.words(lexicon_dir, "places_nearness_words.txt", lower=True),
        motion=lexicons.words(lexicon_dir, "places_motion_verbs.txt", lower=True),
        place_nouns=lexicons.words(lexicon_dir, "places_geographic_nouns.txt", lower=True)
        | set(suffixes),
        not_place=lexicons.words(lexicon_dir, "places_not_place_words.txt"),
        official=lexicons.words(lexicon_dir, "places_official_words.txt"),
        compass=re.compile(compass),
        demonym_endings=lexicons.words(lexicon_dir, "places_demonym_endings.txt", lower=True),
        reporting=lexicons.words(lexicon_dir, "speakers_reporting_verbs.txt", lower=True),
        person_words=lexicons.words(lexicon_dir, "speakers_title_words.txt", lower=True)
        | lexicons.words(lexicon_dir, "speakers_person_nouns.txt", lower=True),
        honorifics=frozenset(h.form for h in lexicons.honorifics(lexicon_dir)),
        titles=lexicons.words(lexicon_dir, "speakers_title_words.txt", lower=True),
        seat_titles=lexicons.words(lexicon_dir, "places_seat_titles.txt", lower=True),
        kinds=lexicons.words(lexicon_dir, "organizations_kind_nouns.txt", lower=True),
        not_lone=frozenset(w.lower() for w in heads)
        | lexicons.words(lexicon_dir, "organizations_name_words.txt", lower=True)
        | lexicons.words(lexicon_dir, "organizations_press_words.txt", lower=True)
        | lexicons.words(lexicon_dir, "organizations_kind_nouns.txt", lower=True)
        | lexicons.words(lexicon_dir, "speakers_title_words.txt", lower=True)
        | lexicons.words(lexicon_dir, "speakers_person_nouns.txt", lower=True),
        naming_cue=lexicons.naming_cues(lexicon_dir, at_end=True),
        ellipsis=re.compile(rf"\b({compass})\s+and\s+({compass})\s+(Africa|Asia|Europe|America)\b"),
    )


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """ISO 639-3 language names (pycountry's), read on first need (about 25 ms): the
    language in "she said in Cebuano" is no place."""
    return frozenset(language.name for language in pycountry.languages)
