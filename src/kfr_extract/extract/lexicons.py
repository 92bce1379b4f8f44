"""Lexicon files that more than one extractor reads, parsed in one place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kfr_extract.paths import read_lexicon


@dataclass(frozen=True)
class Known:
    """A gazetteer organization."""

    acronym: str
    name: str


def known_long_forms(lexicon_dir: Path) -> re.Pattern[str]:
    """One pattern for the long forms (not acronyms) of known organizations and armed
    groups, except groups named after their area ("Village de Dieu").

    The places extractor uses it to skip place names inside organization names
    ("Economic Community of West African States", "... in Iraq and the Levant",
    "Tehrik-i-Taliban Pakistan") and groups that sound like places ("Los Lobos").
    """
    forms = {form for _, names in known_organizations(lexicon_dir) for form in names}
    forms |= {form for group in armed_groups(lexicon_dir) if not group.place
              for form in group.forms}
    return alternation({form for form in forms if " " in form})


@dataclass(frozen=True)
class Group:
    """An armed or criminal group: its usual name first, then its other names."""

    forms: tuple[str, ...]
    place: bool  # named after its area: the name is a place too


def armed_groups(lexicon_dir: Path) -> Iterator[Group]:
    for line in read_lexicon(lexicon_dir / "incidents_groups.tsv"):
        cells = line.split("\t") + ["", ""]
        yield Group((cells[0], *filter(None, cells[1].split("|"))), cells[2] == "place")


def known_organizations(lexicon_dir: Path) -> Iterator[tuple[Known, list[str]]]:
    """Each gazetteer row: the organization, and the forms it is written in."""
    for line in read_lexicon(lexicon_dir / "organizations_known.tsv"):
        cells = line.split("\t") + [""]
        yield Known(cells[0], cells[1]), [f for f in [cells[1], *cells[2].split("|")] if f]


def phrase_pattern(phrases: list[str], then: str = "", at_end: bool = False) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, any whitespace between them, case-insensitive,
    followed by the pattern ``then`` and spaces; with ``at_end``, only one that ends where
    the searched text ends."""
    alternatives = sorted((r"\s+".join(map(re.escape, p.split())) for p in phrases),
                          key=len, reverse=True)
    tail = r"\s+$" if at_end else r"\s+"
    return re.compile(rf"\b(?:{'|'.join(alternatives) or '(?!)'}){then}{tail}", re.IGNORECASE)


def naming_cues(lexicon_dir: Path, at_end: bool = False) -> re.Pattern[str]:
    """ "identified himself as", "gave only her first name,": a name follows."""
    phrases = read_lexicon(lexicon_dir / "speakers_naming_cues.txt")
    return phrase_pattern(phrases, then=r"(?:\s+as\b|\s*,)", at_end=at_end)


def alternation(forms) -> re.Pattern[str]:
    """Whole-word alternation of `forms`, longest first."""
    return re.compile(rf"(?<!\w){trie(forms)}(?!\w)")


def trie(forms, fold: bool = False) -> str:
    """A regex matching any of `forms`, longest first, written as a prefix tree; with
    `fold`, of their lower-case forms, for patterns compiled with re.IGNORECASE (where
    "Boko Haram" and "boko haram" would otherwise be two branches that both match).

    Python's `re` tries the branches of a flat alternation one by one at every position
    it scans; a tree rejects most positions on their first character, which makes a
    scan for hundreds of names several times faster. Like the flat alternation of the
    forms sorted longest first, it prefers the longest form that lets the rest of the
    pattern match.
    """
    root: dict = {}
    for form in {f.lower() for f in forms} if fold else forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(root) if root else "(?!)"


def _render(node: dict) -> str:
    branches = [re.escape(char) + _render(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"


def words(lexicon_dir: Path, name: str, lower: bool = False) -> frozenset[str]:
    """A word list's entries, as written or lower-cased."""
    entries = read_lexicon(lexicon_dir / name)
    return frozenset(e.lower() for e in entries) if lower else frozenset(entries)


# Files whose entries are never a place on their own: the places' stop words and the
# names of news agencies (which speakers also read, as organizations).
PLACE_STOP_FILES = ("places_stoplist.txt", "organizations_news_agencies.txt")


def place_stop_words(lexicon_dir: Path) -> frozenset[str]:
    """Capitalized words that name no place, whatever the tagger or the gazetteer says."""
    return frozenset().union(*(words(lexicon_dir, name) for name in PLACE_STOP_FILES))


def number_words(lexicon_dir: Path) -> dict[str, tuple[int, str]]:
    """`counts_numbers.tsv`: a number word -> its value and kind ('unit', 'scale', ...),
    read by counts, money and incidents alike."""
    rows = (line.split("\t") for line in read_lexicon(lexicon_dir / "counts_numbers.tsv"))
    return {word: (int(value), kind) for word, value, kind in rows}


def table(lexicon_dir: Path, name: str, width: int) -> list[tuple[str, ...]]:
    """A tab-separated lexicon's rows, padded with empty cells to ``width``."""
    rows = (line.split("\t") for line in read_lexicon(lexicon_dir / name))
    return [tuple((row + [""] * width)[:width]) for row in rows]


@dataclass(frozen=True)
class Honorific:
    """One row of `speakers_honorifics.tsv`: the form (lower case, no final dot), the
    gender it tells ('m', 'f' or None), whether it makes one word a person, and the
    word an abbreviation stands for ('gen': 'general'), or the form itself."""

    form: str
    gender: str | None
    courtesy: bool
    full: str


def honorifics(lexicon_dir: Path) -> list[Honorific]:
    out = []
    for form, gender, courtesy, full in table(lexicon_dir, "speakers_honorifics.tsv", 4):
        bare = form.lower().rstrip(".")
        out.append(Honorific(bare, gender if gender in ("m", "f") else None,
                             courtesy == "courtesy", full.lower() or bare))
    return out


def role_groups(lexicon_dir: Path) -> dict[str, str]:
    """Role word -> its group ('monarch', 'oba' -> 'traditional ruler')."""
    return {word: group for group, members in table(lexicon_dir, "speakers_role_groups.tsv", 2)
            for word in members.lower().split()}


def role_hypernyms(lexicon_dir: Path) -> dict[str, frozenset[str]]:
    """General role noun -> the titles it covers ('officer' -> colonel, inspector ...)."""
    return {noun.lower(): frozenset(covered.lower().split())
            for noun, covered in table(lexicon_dir, "speakers_role_hypernyms.tsv", 2)}


def honorific_genders(lexicon_dir: Path) -> dict[str, str]:
    """Honorific (lowercase, no dot) -> 'm' or 'f': 'Mrs' tells who 'she' is."""
    return {h.form: h.gender for h in honorifics(lexicon_dir) if h.gender}


def pronoun_genders(lexicon_dir: Path) -> dict[str, str]:
    """Personal pronoun -> the gender it asks of the person it stands for."""
    return {row[0].lower(): row[1] for row in table(lexicon_dir, "speakers_pronouns.tsv", 2)}


def gender_words(lexicon_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """`speakers_gender_words.tsv`: (kin and person nouns, pronouns) -> 'm' or 'f'."""
    nouns: dict[str, str] = {}
    pronouns: dict[str, str] = {}
    for word, gender, kind in table(lexicon_dir, "speakers_gender_words.tsv", 3):
        (pronouns if kind == "pronoun" else nouns)[word.lower()] = gender
    return nouns, pronouns
