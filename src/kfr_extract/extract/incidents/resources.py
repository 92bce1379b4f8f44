"""The incidents extractor's lexicons, read once when the pipeline is built: every word
list its rules consult, and the currencies that point to one country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kfr_extract.extract import currencies, lexicons
from kfr_extract.paths import read_lexicon


@dataclass(frozen=True)
class IncidentResources:
    abduction: dict[str, str]  # 'kind:lemma' -> kind ('verb' | 'weak' | 'noun')
    trigger_lemmas: frozenset[str]  # the lemmas of `abduction`
    hostage: frozenset[str]
    outcomes: dict[str, str]  # lemma -> outcome
    security: frozenset[str]
    arrest: frozenset[str]
    captors: frozenset[str]
    captor_pattern: re.Pattern[str]  # any captor word, longest first
    generic_captors: frozenset[str]  # "armed men", "criminals": used only with no other word
    captor_groups: frozenset[str]  # "gang", "syndicate": the captors as an organized group
    branch_after: re.Pattern[str]  # "'s Sinai Province" after a group: its named branch
    groups: tuple[re.Pattern[str], ...]  # every group name (acronyms in their case)
    group_names: dict[str, str]  # any name of a group, lower-cased -> its canonical name
    separate: re.Pattern[str]
    statistic: frozenset[str]
    figures: frozenset[str]  # "figures", "statistics": a sentence citing them
    tally_verbs: frozenset[str]  # "count", "record": people they count are a statistic
    currency_country: dict[str, str]  # a currency only one country uses -> that country
    money_nouns: frozenset[str]  # "quetzal", "pounds", "money": what "did not pay a single" takes
    persons: frozenset[str]
    reporting: frozenset[str]  # "said", "told": a date or place there is not the abduction's
    attack: frozenset[str]  # "stormed", "invaded": the raid the abduction was part of
    armed_words: frozenset[str]  # "liberation", "cartel": an organization that is armed
    unit_nouns: frozenset[str]  # "front", "column": after a proper name, a named unit
    place_nouns: frozenset[str]  # "village", "community": a locality's common noun
    state_words: tuple[str, ...]  # "police", "national army": one that is the state
    numbers: dict[str, tuple[int, str]]  # number word -> (value, 'unit' | 'ten' | 'scale')
    weekdays: tuple[str, ...]  # lower-cased, Monday first: a weekday's index is its number
    pronouns: dict[str, int | None]  # pronoun -> how many people it is (None: untold)
    definite: frozenset[str]  # "the", "their": the phrase refers back
    indefinite: frozenset[str]  # "a", "another": the phrase brings in new people
    modals: frozenset[str]
    negative_heads: frozenset[str]  # "refuse", "deny": governing "pay", none was paid
    approximators: frozenset[str]  # "more", "nearly": an approximate number
    captivity_verbs: frozenset[str]  # "hold", "find": a date there is not the abduction's
    locatives: frozenset[str]  # "in", "near": a place where something happened
    site_preps: frozenset[str]  # "outside": next to a site ("outside his shop in X")
    court_verbs: frozenset[str]  # "sentence": a court's act, dated on its own
    road_words: tuple[str, ...]  # "highway": a town naming a road
    event_nouns: frozenset[str]  # "abduction", "release": a date may belong to one
    place_noun_ranks: dict[str, int]  # "village" -> 0: the smallest localities rank first
    administrative: frozenset[str]  # "state", "lga": an administrative unit's name
    collectives: frozenset[str]  # "group", "batch": its "of" object counts the people
    intentions: frozenset[str]  # "try", "plan": an aim, not a fact
    wishes: frozenset[str]  # "hope", "urge", "demand": a fate asked for, not told
    conditions: frozenset[str]  # "until", "unless": a clause that has not happened
    suspect_words: frozenset[str]  # "suspects", "informant": never the victims


def _acronym(form: str) -> bool:
    """One word with two capitals or more: "LeT", "HuJI"."""
    return " " not in form and "-" not in form and sum(c.isupper() for c in form) >= 2


def _branch_pattern(nouns: frozenset[str]) -> re.Pattern[str]:
    """A group's possessive and a capitalized name ending in a branch noun: "(Islamic
    State) group's Sinai Province", "(al-Qaeda)'s Sahel branch"."""
    return re.compile(rf"(?:\s+group)?['\u2019]s\s+(?P<branch>(?:[A-Z][\w-]*\s+)+"
                      rf"(?i:{lexicons.trie(nouns, fold=True)}))(?![\w-])")


def load_resources(lexicon_dir: Path) -> IncidentResources:
    def lower(name: str) -> frozenset[str]:
        return lexicons.words(lexicon_dir, name, lower=True)

    abduction: dict[str, str] = {}
    for line in read_lexicon(lexicon_dir / "incidents_abduction_words.tsv"):
        lemma, kind = line.split("\t")
        abduction[f"{kind}:{lemma}"] = kind
    outcomes = dict(line.split("\t") for line in
                    read_lexicon(lexicon_dir / "incidents_outcomes.tsv"))
    group_names: dict[str, str] = {}
    exact: list[str] = []  # names of groups with an acronym: matched in their case
    loose: list[str] = []
    for group in lexicons.armed_groups(lexicon_dir):
        for form in group.forms:
            group_names[form.lower()] = group.forms[0]
        if any(f.isupper() for f in group.forms):
            exact.extend(group.forms)
        else:  # an acronym in mixed case ("LeT") is read in its case: "let" is a verb
            exact.extend(f for f in group.forms if _acronym(f))
            loose.extend(f for f in group.forms if not _acronym(f))
    groups = tuple(
        re.compile(rf"(?<![\w-]){lexicons.trie(forms, fold=bool(flags))}(?![\w-])", flags)
        for forms, flags in ((exact, 0), (loose, re.IGNORECASE)) if forms)
    captors = [w.lower() for w in read_lexicon(lexicon_dir / "incidents_captor_words.txt")]
    cues = read_lexicon(lexicon_dir / "incidents_separate_cues.txt")
    pronouns = {pronoun.lower(): None if count == "-" else int(count) for pronoun, count in
                (line.split("\t") for line in read_lexicon(lexicon_dir / "incidents_pronouns.tsv"))}
    ranks = {noun.lower(): int(rank) for noun, rank in
             (line.split("\t") for line in
              read_lexicon(lexicon_dir / "incidents_place_noun_ranks.tsv"))}
    return IncidentResources(
        abduction=abduction,
        trigger_lemmas=frozenset(key.split(":", 1)[1] for key in abduction),
        hostage=lower("incidents_hostage_words.txt"),
        outcomes=outcomes,
        security=lower("incidents_security_forces.txt"),
        arrest=lower("incidents_arrest_words.txt"),
        captors=frozenset(captors),
        captor_pattern=re.compile(rf"\b{lexicons.trie(captors, fold=True)}\b", re.IGNORECASE),
        generic_captors=lower("incidents_generic_captor_words.txt"),
        captor_groups=lower("incidents_captor_group_words.txt"),
        branch_after=_branch_pattern(lower("incidents_branch_nouns.txt")),
        groups=groups,
        group_names=group_names,
        separate=re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b",
                            re.IGNORECASE) if cues else re.compile(r"(?!)"),
        statistic=lower("incidents_statistic_words.txt"),
        figures=lower("incidents_figure_words.txt"),
        tally_verbs=lower("incidents_tally_verbs.txt"),
        currency_country=currencies.load().sole_users(),
        money_nouns=frozenset(n for n in currencies.load().names if " " not in n)
        | lower("incidents_money_nouns.txt"),
        persons=lower("incidents_person_nouns.txt"),
        reporting=lower("speakers_reporting_verbs.txt"),
        attack=lower("incidents_attack_verbs.txt"),
        armed_words=lower("incidents_armed_group_words.txt"),
        unit_nouns=lower("incidents_unit_nouns.txt"),
        place_nouns=lower("incidents_place_nouns.txt"),
        state_words=tuple(lower("incidents_state_words.txt")),
        numbers=lexicons.number_words(lexicon_dir),
        weekdays=tuple(w.lower() for w in read_lexicon(lexicon_dir / "incidents_weekdays.txt")),
        pronouns=pronouns,
        definite=lower("incidents_definite_words.txt"),
        indefinite=lower("incidents_indefinite_words.txt"),
        modals=lower("incidents_modals.txt"),
        negative_heads=lower("incidents_negative_heads.txt"),
        approximators=lower("incidents_approximators.txt"),
        captivity_verbs=lower("incidents_captivity_verbs.txt"),
        locatives=lower("incidents_locatives.txt"),
        site_preps=lower("incidents_site_prepositions.txt"),
        court_verbs=lower("incidents_court_verbs.txt"),
        road_words=tuple(w.lower() for w in read_lexicon(lexicon_dir / "incidents_road_words.txt")),
        event_nouns=lower("incidents_event_nouns.txt"),
        place_noun_ranks=ranks,
        administrative=lower("incidents_administrative_words.txt"),
        collectives=lower("incidents_collectives.txt"),
        intentions=lower("incidents_intention_verbs.txt"),
        wishes=lower("incidents_intention_verbs.txt") | lower("incidents_appeal_verbs.txt")
        | lower("money_demand_words.txt"),
        conditions=lower("incidents_condition_marks.txt"),
        suspect_words=lower("incidents_suspect_words.txt"),
    )
