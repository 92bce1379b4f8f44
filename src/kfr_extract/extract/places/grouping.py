"""Mentions grouped into one `Place` per canonical place."""

from __future__ import annotations

import re

from kfr_extract.extract.places.mention import Mention
from kfr_extract.extract.places.resources import Words
from kfr_extract.models import Place, Span


def _group(text: str, mentions: list[Mention], words: Words) -> list[Place]:
    """One Place per canonical name, in order of first mention."""
    groups: dict[str, dict] = {}
    for m in mentions:
        for name, kind, code, key, subdivision in m.targets:
            item = groups.setdefault(key, {
                "name": name, "kind": kind, "country_code": code, "mentions": [],
                "starts": set(), "bare": False, "display": None, "subdivision": subdivision,
                "spellings": []})
            if m.source == "gazetteer" and kind == "country":
                item["spellings"].append(text[m.start:m.end])
            if m.start not in item["starts"]:
                item["starts"].add(m.start)
                item["mentions"].append(Span(text=text[m.start:m.end], start_char=m.start,
                                             end_char=m.end))
            if m.display:
                item["display"] = item["display"] or m.display
            else:
                item["bare"] = True
    places = _short_forms_merged([_place(item, words.official) for item in groups.values()],
                                 words.compass)
    names = [p.name for p in places]
    return [_told_apart(p) if names.count(p.name) > 1 else p for p in places]


def _short_forms_merged(places: list[Place], compass: re.Pattern[str]) -> list[Place]:
    """ "a function in Ibaram" after "Ibaram-Akoko": a town's first word used alone is
    the town, where no gazetteer says it is a place of its own ("Kpendjal" beside
    "Kpendjal-Ouest" is not: a compass word makes a division of the place)."""
    towns = {p.name.split("-", 1)[0]: p for p in places
             if "-" in p.name and p.name.split("-", 1)[1][:1].isupper()
             and not compass.fullmatch(p.name.split("-", 1)[1])}

    def town_of(place: Place) -> Place | None:
        town = towns.get(place.name)
        return town if town and place.country_code in (None, town.country_code) else None

    extra: dict[str, list[Span]] = {}
    for place in places:
        if (town := town_of(place)) is not None:
            extra.setdefault(town.name, []).extend(place.mentions)
    return [_with_mentions(p, extra.get(p.name, [])) for p in places if town_of(p) is None]


def _with_mentions(place: Place, more: list[Span]) -> Place:
    if not more:
        return place
    mentions = sorted([*place.mentions, *more], key=lambda m: m.start_char)
    return place.model_copy(update={"mentions": mentions})


def _told_apart(place: Place) -> Place:
    """A region named like its capital ("Ségou region", "Ségou town") takes the form
    with its designator, so a record never holds two places of the same name."""
    if place.kind != "region":
        return place
    designated = [m.text for m in place.mentions if m.text.startswith(place.name + " ")]
    return place.model_copy(update={"name": designated[0]}) if designated else place


def _place(item: dict, official: frozenset[str]) -> Place:
    """Named by its designated form when it has one and is a state ("Katsina State",
    apart from the city), or is only ever designated ("Nduga Regency")."""
    shown = item["display"] and (item["subdivision"] or not item["bare"])
    name = item["display"] if shown else _as_written(item["name"], item["spellings"], official)
    return Place(name=name, kind=item["kind"], country_code=item["country_code"],
                 subdivision_code=item["subdivision"], mentions=item["mentions"])


def _as_written(name: str, spellings: list[str], official: frozenset[str]) -> str:
    """A country the text never calls by the gazetteer's name takes the name the text gives
    it ("Türkiye", "Democratic Republic of Congo"): both are usual names, and its ISO code
    still joins it across documents (a region without a code keeps the gazetteer's name,
    its only join key: "Northern Africa" is "North Africa"). Official long forms
    ("Kingdom of Morocco"), abbreviations ("U.S.") and capitals (a dateline's "NIGERIA")
    do not rename it."""
    folded = name.casefold()
    if not spellings or any(folded in s.casefold() for s in spellings):
        return name
    words = [s for s in spellings if "." not in s and not s.isupper()
             and (" " in s or len(s) > 4)
             and (s.split()[0] not in official or _without_articles(s) == _without_articles(name))]
    return max(words, key=words.count) if words else name


def _without_articles(name: str) -> str:
    return " ".join(w for w in name.casefold().split() if w != "the")
