"""The word lists the speaker rules read, loaded once per pipeline, and the shape of
what they find about a person (`Person`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kfr_extract.extract.anaphora import (
    load_abduction_lemmas,
    load_victim_nouns,
)
from kfr_extract.extract.context import RoleWords, load_roles
from kfr_extract.extract.lexicons import honorifics, naming_cues, pronoun_genders, words

NAME_DEPS = {"compound", "flat", "nmod"}
LEADING = {"the", "a", "an"}


TITLE_PREPOSITIONS = {"of", "for", "at", "in"}


# The Arabic article as names and place names write it before a hyphen ("al-", "el-").
ARABIC_ARTICLE = r"(?:al|el|ad|ar|as|at|an|az)"
# A surname opening with a lowercase Arabic article ("al-Khafaji", "el-Sisi") is still
# a name where it starts a sentence's subject: '"...," al-Khafaji said'.
PARTICLE_PREFIX = re.compile(rf"{ARABIC_ARTICLE}-[A-Z]")
ADVERBIAL = {"behalf"}  # 'on behalf of the Minister, X': whom X speaks for, not X's title


BREAKS = {"\u2013", "\u2014", ":", ";", "|", "/"}  # dashes and separators end a title
REMARKS = re.compile(
    r"\s*(?:In|During)\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}"
    r"(?:remarks|statement|speech|address|message|intervention|presentation)\b",
    re.IGNORECASE,
)


POSSESSIVE = re.compile(r"[\u2019']s?$")  # possessive endings, straight or curly
OWNER = re.compile(r"^(?P<org>[^,]+?)[\u2019']s\s+(?P<title>\S.*)$")


BRACKETED = re.compile(r"^(?P<org>[^,]+?\([A-Z][\w/&.-]*\)),?\s+(?P<title>\S.*)$")


# 'Head of the EU Delegation', 'Under-Secretary-General, UN Office ...': the
# organization follows a preposition or a comma; its head precedes 'in'/'of' ...
ORG_SEPARATOR = re.compile(r"(?:,?\s+(?:of|for|at|with|from)\s+|,\s+)(?:the\s+)?")
ORG_TAIL = re.compile(r"\s+(?:in|of|for|at|on)\s+")


@dataclass(frozen=True)
class Resources:
    verbs: frozenset[str]
    honorifics: frozenset[str]
    courtesy: frozenset[str]  # honorifics that make one word a person ('Mr. Tanaka')
    title_words: frozenset[str]
    org_words: frozenset[str]  # words of organizations, publications and buildings
    particles: frozenset[str]
    suffixes: frozenset[str]  # 'jr', 'iii': part of a name, never its surname
    continuing: frozenset[str]  # 'add': a pronoun subject is the last speaker going on
    pronouns: dict[str, str]  # 'she' -> 'f'
    stop_words: frozenset[str]
    honorific_tail: re.Pattern[str]
    gender: dict[str, str]  # honorific -> 'm' / 'f'
    roles: RoleWords  # what 'the general', 'the monarch' can refer to
    person_nouns: frozenset[str]  # 'survivor', 'relative': 'a survivor, X,' is a person
    org_kinds: frozenset[str]  # 'newspaper', 'charity': 'the daily X' is no person
    naming_cue: re.Pattern[str]  # 'identified himself as' right before a name
    victim_nouns: frozenset[str]  # 'the victim told the police': the person taken speaks
    abduction: frozenset[str]  # verb lemmas of taking people ('abduct')
    name_titles: frozenset[str] = frozenset()  # 'malik': a title only where used as a noun
    after_verbs: frozenset[str] = frozenset()  # 'plead': speech only after a quotation
    opinion_verbs: frozenset[str] = frozenset()  # 'consider': speech when it governs one
    inhabitant_nouns: frozenset[str] = frozenset()  # 'residents': 'Residents of X' is a place
    document_nouns: frozenset[str] = frozenset()  # 'statement': 'a statement by X' is X's


def with_document_titles(text: str, res: Resources) -> Resources:
    """'Sultan X of Butig ... the sultan said': a word that opens names as often as it is
    a title is an honorific in a text that also uses it as a common noun."""
    if not res.name_titles:
        return res
    used = {m.group(1) for m in _title_as_noun(res.name_titles).finditer(text)}
    if not used:
        return res
    forms = res.honorifics | used
    return replace(res, honorifics=forms, honorific_tail=_honorific_tail(forms))


@lru_cache(maxsize=8)
def _title_as_noun(name_titles: frozenset[str]) -> re.Pattern[str]:
    """'the sultan', 'a malik': one pattern for every word, built once per word list."""
    alternation = "|".join(re.escape(w) for w in sorted(name_titles, key=len, reverse=True))
    return re.compile(rf"\b(?:the|a|an)\s+({alternation})\b")


def _honorific_tail(forms: frozenset[str]) -> re.Pattern[str]:
    """Honorifics right before a name ('Brig. Gen. '), longest first."""
    alternation = "|".join(re.escape(h) for h in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?:(?<![\w-])(?:{alternation})\b\.?\s+)+$", re.IGNORECASE)


@dataclass
class Person:
    """One person across mentions, while the document is being read."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    speaks: bool = False


# Lexicons whose words mark an organization, a publication or a building, not a person.
ORG_WORD_LISTS = (
    "organizations_heads.txt",
    "organizations_press_words.txt",
    "places_facility_words.txt",
    "organizations_news_agencies.txt",
)


def load_resources(lexicon_dir: Path) -> Resources:
    rows = honorifics(lexicon_dir)
    forms = frozenset(h.form for h in rows)
    return Resources(
        verbs=words(lexicon_dir, "speakers_reporting_verbs.txt", lower=True),
        honorifics=forms,
        courtesy=frozenset(h.form for h in rows if h.courtesy),
        title_words=words(lexicon_dir, "speakers_title_words.txt", lower=True),
        org_words=frozenset().union(
            *(words(lexicon_dir, name, lower=True) for name in ORG_WORD_LISTS)
        ),
        particles=words(lexicon_dir, "names_particles.txt", lower=True),
        suffixes=words(lexicon_dir, "names_suffixes.txt", lower=True),
        continuing=words(lexicon_dir, "speakers_continuing_verbs.txt", lower=True),
        pronouns=pronoun_genders(lexicon_dir),
        stop_words=words(lexicon_dir, "common_stop_words.txt", lower=True),
        gender={h.form: h.gender for h in rows if h.gender},
        honorific_tail=_honorific_tail(forms),
        roles=load_roles(lexicon_dir),
        person_nouns=words(lexicon_dir, "speakers_person_nouns.txt", lower=True),
        org_kinds=words(lexicon_dir, "organizations_kind_nouns.txt", lower=True),
        naming_cue=naming_cues(lexicon_dir),
        victim_nouns=load_victim_nouns(lexicon_dir),
        abduction=load_abduction_lemmas(lexicon_dir),
        name_titles=words(lexicon_dir, "speakers_name_titles.txt", lower=True),
        after_verbs=words(lexicon_dir, "speakers_attribution_verbs.txt", lower=True),
        opinion_verbs=words(lexicon_dir, "speakers_opinion_verbs.txt", lower=True),
        inhabitant_nouns=words(lexicon_dir, "speakers_inhabitant_nouns.txt", lower=True),
        document_nouns=words(lexicon_dir, "quotes_document_subjects.txt", lower=True),
    )
