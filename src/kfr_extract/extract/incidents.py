"""Incidents: each specific kidnapping a text reports, with who, where, when, by whom,
for how much, and how it ended.

An incident starts at an abduction mention: a verb of taking people ("abducted 35
people", "three women were kidnapped", "35 kidnapped passengers", "took them
hostage"; "seized" only with people taken) or "the abduction of" people. The
sentences that follow belong to it until a mention reports another abduction: one
with new victims (a number or an indefinite phrase, not "the victims" or "they")
taken at another place or time, or introduced as separate ("Separately, ...",
"In another incident"). Statistics are no incidents: a sentence counting cases
("49 kidnapping cases in 2014") or an approximate number of people over a period
("more than 1,200 people were kidnapped in 2024").

Slots come from the parse of those sentences and the earlier fields:

- victims: the number of the people taken (conjoined phrases add up: "an academic
  and three researchers" is 4; "a trader" is 1), else of the people freed later;
- date / outcome_date: the absolute dates (from `dates`) and weekdays ("on Tuesday",
  counted back from the dateline and flagged) that the parse attaches to the
  abduction or the outcome verb;
- place: the most specific place (from `places`) in the abduction sentences; its
  country code, else the document's country;
- perpetrators: a group from `incidents_groups.tsv` named as the captors, else the
  captors' word ("gunmen", "armed separatists"), else a group or captor word
  anywhere in the incident;
- outcome: what happened to the victims (released, rescued: freed by security
  forces, escaped, killed, held: still captive), the one told of most victims;
- ransom: the amounts `money` marks as demanded or paid in the incident's sentences,
  "yes" for a ransom paid with no amount, "no" where none was paid;
- suspects_arrested: the number of people arrested in those sentences.

Every slot keeps the sentence it came from as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import pycountry
from babel.numbers import get_territory_currencies
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kfr_extract.extract import lexicons
from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.extract.context import DATELINE_WINDOW, DocContext
from kfr_extract.models import (
    Amount,
    DateMention,
    Incident,
    IncidentEvidence,
    Money,
    Organization,
    Place,
)
from kfr_extract.paths import read_lexicon

REQUIRES = ("dates", "places", "organizations", "money", "dateline", "country")

WEEKDAY = re.compile(
    r"\b(?P<last>last\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!\s*,?\s+(?:\d|January|February|March|April|May|June|July|August|September|October"
    r"|November|December))"
)
RELATIVE = {"who", "that", "which", "whom"}
PERIOD_WORDS = re.compile(
    r"\b(?:since|so far|this year|last year|per year|a year|every year|each year|annually"
    r"|in the past|over the past|between \d{4}|from \d{4})\b", re.IGNORECASE)
STILL_HELD = re.compile(
    r"\b(?:still|remain(?:s|ed)?|are being|is being|were being|was being)\s+(?:being\s+)?"
    r"(?:held|in captivity|captive|missing|in the hands of|with (?:the|their|his|her) "
    r"(?:abductors|kidnappers|captors))", re.IGNORECASE)
KIND_RANK = {"city": 0, "other": 0, "region": 1, "country": 2}
ACRONYM_AFTER = re.compile(r"\s*(?:,\s*or\s+|\()([A-Z][A-Z0-9-]{1,9})\b")
PER_HEAD = re.compile(r"\s*(?:per|a|for each|each)\s*(?:head|person|victim|hostage|captive)?\b",
                      re.IGNORECASE)


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
    groups: tuple[re.Pattern[str], ...]  # every group name (acronyms in their case)
    group_names: dict[str, str]  # any name of a group, lower-cased -> its canonical name
    separate: re.Pattern[str]
    statistic: frozenset[str]
    figures: frozenset[str]  # "figures", "statistics": a sentence citing them
    currency_country: dict[str, str]  # a currency only one country uses -> that country
    persons: frozenset[str]
    reporting: frozenset[str]  # "said", "told": a date or place there is not the abduction's
    attack: frozenset[str]  # "stormed", "invaded": the raid the abduction was part of
    armed_words: frozenset[str]  # "liberation", "cartel": an organization that is armed
    place_nouns: frozenset[str]  # "village", "community": a locality's common noun
    state_words: tuple[str, ...]  # "police", "national army": one that is the state
    numbers: dict[str, tuple[int, str]]  # number word -> (value, 'unit' | 'ten' | 'scale')
    weekdays: tuple[str, ...]  # lower-cased, Monday first: a weekday's index is its number
    pronouns: dict[str, int | None]  # pronoun -> how many people it is (None: untold)
    definite: frozenset[str]  # "the", "their": the phrase refers back
    modals: frozenset[str]
    negative_heads: frozenset[str]  # "refuse", "deny": governing "pay", none was paid
    approximators: frozenset[str]  # "more", "nearly": an approximate number
    captivity_verbs: frozenset[str]  # "hold", "find": a date there is not the abduction's
    locatives: frozenset[str]  # "in", "near": a place where something happened
    road_words: tuple[str, ...]  # "highway": a town naming a road
    event_nouns: frozenset[str]  # "abduction", "release": a date may belong to one
    place_noun_ranks: dict[str, int]  # "village" -> 0: the smallest localities rank first
    administrative: frozenset[str]  # "state", "lga": an administrative unit's name
    collectives: frozenset[str]  # "group", "batch": its "of" object counts the people
    intentions: frozenset[str]  # "try", "plan": an aim, not a fact
    suspect_words: frozenset[str]  # "suspects", "informant": never the victims


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
    for line in read_lexicon(lexicon_dir / "incidents_groups.tsv"):
        name, _, others = line.partition("\t")
        forms = [name, *filter(None, others.split("|"))]
        for form in forms:
            group_names[form.lower()] = name
        (exact if any(f.isupper() for f in forms) else loose).extend(forms)
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
        groups=groups,
        group_names=group_names,
        separate=re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b",
                            re.IGNORECASE) if cues else re.compile(r"(?!)"),
        statistic=lower("incidents_statistic_words.txt"),
        figures=lower("incidents_figure_words.txt"),
        currency_country=_currency_countries(),
        persons=lower("incidents_person_nouns.txt"),
        reporting=lower("speakers_reporting_verbs.txt"),
        attack=lower("incidents_attack_verbs.txt"),
        armed_words=lower("incidents_armed_group_words.txt"),
        place_nouns=lower("incidents_place_nouns.txt"),
        state_words=tuple(lower("incidents_state_words.txt")),
        numbers=lexicons.number_words(lexicon_dir),
        weekdays=tuple(w.lower() for w in read_lexicon(lexicon_dir / "incidents_weekdays.txt")),
        pronouns=pronouns,
        definite=lower("incidents_definite_words.txt"),
        modals=lower("incidents_modals.txt"),
        negative_heads=lower("incidents_negative_heads.txt"),
        approximators=lower("incidents_approximators.txt"),
        captivity_verbs=lower("incidents_captivity_verbs.txt"),
        locatives=lower("incidents_locatives.txt"),
        road_words=tuple(w.lower() for w in read_lexicon(lexicon_dir / "incidents_road_words.txt")),
        event_nouns=lower("incidents_event_nouns.txt"),
        place_noun_ranks=ranks,
        administrative=lower("incidents_administrative_words.txt"),
        collectives=lower("incidents_collectives.txt"),
        intentions=lower("incidents_intention_verbs.txt"),
        suspect_words=lower("incidents_suspect_words.txt"),
    )


def _currency_countries() -> dict[str, str]:
    """Currencies that one country alone uses (CLDR, through babel): NGN -> NG."""
    users: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for code in get_territory_currencies(country.alpha_2):
            users.setdefault(code, set()).add(country.alpha_2)
    return {code: next(iter(c)) for code, c in users.items() if len(c) == 1}


# --- what the sentences say -------------------------------------------------------------


@dataclass
class _When:
    """A date in a sentence and the verb it belongs to."""

    iso: str
    resolved: bool
    verb: Token | None


@dataclass
class _Mention:
    """One report of people being taken."""

    segment: int
    trigger: Token
    patient: Token | None
    anaphoric: bool
    victims: int | None
    description: str | None
    agent: Token | None
    date: _When | None
    places: list[tuple[int, Place, bool]]  # (mention start, place, located), best first


@dataclass
class _Incident:
    mentions: list[_Mention]
    segments: list[int] = field(default_factory=list)


@dataclass
class _Doc:
    """What every step reads about the document."""

    doc: Doc
    text: str
    res: IncidentResources
    segments: list[SpacySpan]
    dates: list[tuple[int, int, _When]]  # (start, end, date)
    places: list[tuple[int, int, Place, Token | None, bool]]  # mention, place, verb, located
    money: list[Money]
    country: str | None
    armed: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    group_cache: dict[str, str | None] = field(default_factory=dict)

    @cached_property
    def money_country(self) -> str | None:
        """The one country whose own currency the text's amounts are in ("N2.5m": NG),
        for a story whose places carry no country."""
        countries = {self.res.currency_country.get(m.currency) for m in self.money}
        countries.discard(None)
        return countries.pop() if len(countries) == 1 else None

    @cached_property
    def title(self) -> int | None:
        """The headline's segment: the text's first line, when it is a line of its own."""
        if not self.segments:
            return None
        first = self.segments[0]
        ends_line = self.text[first.end_char : first.end_char + 1] in ("\n", "")
        sentence = first.text.rstrip().endswith((".", "!", "?", ".\u201d", '."'))
        return 0 if not self.text[: first.start_char].strip() and ends_line and not sentence \
            else None


def extract(ctx: DocContext, resources: IncidentResources) -> list[Incident]:
    doc = ctx.doc
    text = doc_text(doc)
    d = _Doc(doc=doc, text=text, res=resources, segments=ctx.segments,
             dates=[], places=[], money=ctx.result("money"), country=ctx.country)
    d.dates = _dates(d, ctx.result("dates"), ctx.dateline)
    d.places = _place_mentions(d, ctx.result("places"))
    d.armed = _armed_groups(d, ctx.result("organizations"))
    mentions = [m for i in range(len(d.segments)) for m in _mentions(d, i)]
    return [_fill(d, inc) for inc in _group(d, mentions)]


def _armed_groups(d: _Doc, organizations: list[Organization]) -> list:
    """Organizations the text names that are armed groups, not in the groups lexicon:
    (short name, pattern of their names). The short name is the acronym the text gives
    ("Africa Marine Commando (AMC)", "..., or AUC")."""
    out = []
    for org in organizations:
        words = set(re.findall(r"[\w-]+", org.name.lower()))
        lower = org.name.lower()
        if not words & d.res.armed_words or any(w in lower for w in d.res.state_words):
            continue
        acronym = org.acronym
        for m in org.mentions:
            after = ACRONYM_AFTER.match(d.text, m.end_char)
            acronym = acronym or (after.group(1) if after else None)
        forms = [org.name, *([acronym] if acronym else [])]
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        out.append((acronym or org.name, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")))
    return out


def _dates(d: _Doc, mentions: list[DateMention], dateline: date | None) -> list:
    """Absolute dates and weekdays, each with the verb the parse attaches it to; the
    dateline itself is left out (it dates the report, not the events)."""
    out = []
    skipped_dateline = False
    for m in mentions:
        if m.relative or not m.start:
            continue
        if (not skipped_dateline and dateline and m.start_char < DATELINE_WINDOW
                and m.start == dateline.isoformat()):
            skipped_dateline = True
            continue
        iso = _single(m.start, m.end)
        if iso:
            iso = _not_after(iso, dateline)
            out.append((m.start_char, m.end_char, _When(iso, False, _verb_at(d, m.start_char))))
    taken = [(m.start_char, m.end_char) for m in mentions]
    for w in WEEKDAY.finditer(d.text):
        if dateline is None or any(s <= w.start() < e for s, e in taken):
            continue
        back = (dateline.weekday() - d.res.weekdays.index(w["day"].lower())) % 7
        if w["last"] and back == 0:
            back = 7
        day = dateline - timedelta(days=back)
        out.append((w.start("day"), w.end(), _When(day.isoformat(), True,
                                                   _verb_at(d, w.start("day")))))
    return sorted(out, key=lambda x: x[0])


def _single(start: str, end: str | None) -> str | None:
    """One time for a date or a range: "between March 7 and March 11" is March."""
    if start == end or end is None:
        return start
    for width in (7, 4):
        if start[:width] == end[:width]:
            return start[:width]
    return None


def _not_after(iso: str, dateline: date | None) -> str:
    """What a report tells happened before it was written: a year-less date read
    after the dateline ("kidnapped in December" in a March report) is the year before."""
    if dateline is None or iso[: len(iso)] <= dateline.isoformat()[: len(iso)]:
        return iso
    return f"{int(iso[:4]) - 1:04d}{iso[4:]}"


def _verb_at(d: _Doc, char: int) -> Token | None:
    span = d.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    return _governing_verb(d, span[0])


def _governing_verb(d: _Doc, token: Token) -> Token | None:
    """The verb a date belongs to, or the event noun ("the abduction", "their release")."""
    for anc in token.ancestors:
        if anc.pos_ in ("VERB", "AUX") or anc.tag_ in ("VBN", "VBD", "VBG"):
            return anc
        if anc.pos_ == "NOUN" and anc.lemma_.lower() in d.res.event_nouns:
            return anc
    return None


def _place_mentions(d: _Doc, places: list[Place]) -> list:
    """Place mentions that can be where people were taken: not the dateline's city, not
    a town naming a road ("the Abuja-Kaduna highway"), not an armed group's name."""
    out = []
    for place in places:
        if any(pattern.search(place.name) for pattern in d.res.groups):
            continue
        for m in place.mentions:
            if m.start_char < DATELINE_WINDOW and _in_dateline(d.text, m.start_char, m.end_char):
                continue
            after = d.text[m.end_char : m.end_char + 30].lower()
            if re.match(r"[\w\s/-]*?\b(?:" + "|".join(d.res.road_words) + r")\b", after) and \
                    re.match(r"\s*[-/\u2013]", after):
                continue
            if re.match(r"\s*[-/\u2013]\s*\w+\s+(?:" + "|".join(d.res.road_words) + r")\b", after):
                continue
            if d.text[max(0, m.start_char - 1) : m.start_char] in "-/\u2013" and \
                    re.match(r"\s+(?:" + "|".join(d.res.road_words) + r")\b", after):
                continue
            where = _locative_verb(d, m.start_char, m.end_char)
            if where is not None:
                out.append((m.start_char, m.end_char, place, *where))
    return sorted(out, key=lambda x: x[0])


def _locative_verb(d: _Doc, start: int, end: int) -> tuple[Token | None, bool] | None:
    """The verb (or abduction noun) a place is the location of ("abducted ... in
    Maradun"; None when it hangs on none, as in a headline) and whether a locative
    preposition says so (not only "of": "all of Kudewa village"); None when the place
    is no location: a modifier ("Ambazonia fighters"), "outside the capital"."""
    span = d.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    located = of = False
    for anc in span.root.ancestors:
        if anc.dep_ in ("prep", "agent") and anc.pos_ == "ADP":
            if anc.lower_ not in d.res.locatives:
                return None
            located = located or anc.lower_ != "of"
            of = of or anc.lower_ == "of"
        elif anc.pos_ in ("VERB", "AUX") or f"noun:{anc.lemma_.lower()}" in d.res.abduction:
            return (anc, located) if located or of else None
    return (None, located) if located or of or span.root.dep_ == "ROOT" else None


def _in_dateline(text: str, start: int, end: int) -> bool:
    """A capitalized city opening a line and followed by a comma, a dash or a bracket."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and (
        text[start:end].isupper() or bool(re.match(r"\s*[,(\u2013\u2014-]", text[end:]))
    )


# --- abduction mentions ------------------------------------------------------------------


def _mentions(d: _Doc, i: int) -> list[_Mention]:
    seg = d.segments[i]
    if _statistical(d, seg):
        return []
    out = []
    for tok in seg:
        patient = _abduction_patient(d, tok)
        if patient is False:
            continue
        if _generic(d, tok):
            continue
        victims, description, anaphoric = _victims(d, patient, tok, seg) \
            if patient is not None else (None, None, False)
        if victims is not None and victims > 0 and _approximate_period(d, seg, patient):
            continue
        when = _date_of(d, seg, tok)
        if when is not None and len(when.iso) < 10 and _cites_figures(d, seg):
            continue  # "According to figures ..., 87 people were abducted in November"
        agent = _agent(tok)
        places = _places_in(d, seg, tok, agent)
        local = _locality(d, tok, patient)
        if local and not (places and places[0][2] and local[1].name in places[0][1].name):
            places.insert(0, local)
        out.append(_Mention(
            segment=i, trigger=tok, patient=patient, anaphoric=anaphoric, victims=victims,
            description=description, agent=agent,
            date=when, places=places,
        ))
    return _one_per_event(out)


def _one_per_event(mentions: list[_Mention]) -> list[_Mention]:
    """"were kidnapped and taken hostage": verbs sharing their victims are one mention."""
    out: list[_Mention] = []
    for m in mentions:
        if out and m.patient is not None and out[-1].patient is not None and \
                m.patient.i == out[-1].patient.i:
            continue
        out.append(m)
    return out


# Verbs that report an abduction only with "hostage": "took them hostage", "held hostage".
HOSTAGE_VERBS = frozenset(("take", "hold", "keep"))


def _abduction_patient(d: _Doc, tok: Token) -> Token | bool | None:
    """The people taken if `tok` reports an abduction (None when unsaid), else False."""
    lemma = tok.lemma_.lower()
    res = d.res
    if lemma not in res.trigger_lemmas and lemma not in HOSTAGE_VERBS and lemma != "fall":
        return False  # most tokens: no need to look at their syntax
    if tok.pos_ in ("NOUN", "PROPN") and f"noun:{lemma}" in res.abduction:
        if tok.dep_ == "compound" or tok.tag_ in ("NNS", "NNPS"):
            return False  # "kidnap kingpin"; "several kidnappings of foreigners"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and _personal(d, objs[0]):
                    return objs[0]
        return False
    if tok.pos_ not in ("VERB", "AUX", "ADJ") and tok.tag_ not in ("VBN", "VBD", "VBG"):
        return False
    if lemma == "fall" and any(c.lower_ == "into" and any(g.lemma_.lower() == "hand"
                                                          for g in c.children)
                               for c in tok.children):
        # "fell into the hands of the gang"
        return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if tok.dep_ in ("amod", "acl", "compound") and tok.tag_ == "VBG":
        return False  # "kidnapping gang", "the kidnapping terrain": no one taken
    if tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) \
            and not any(c.dep_ == "dobj" for c in tok.children):
        return False  # a gerund naming the crime: "Kidnapping for ransom remains ..."
    kinds = {k for k in ("verb", "weak") if f"{k}:{lemma}" in res.abduction}
    hostage = any(c.lower_ in res.hostage for c in tok.children) or any(
        c.dep_ == "dobj" and (c.right_edge.lower_ in res.hostage or (
            c.right_edge.i + 1 < len(tok.doc) and tok.doc[c.right_edge.i + 1].lower_
            in res.hostage)) for c in tok.children)
    if not kinds and not (hostage and lemma in HOSTAGE_VERBS):
        return False
    patient = _patient(tok)
    if patient is None and "verb" in kinds:
        # "a Doctor kidnapped with about 15 others ... has regained" read as active:
        # a person as the subject of an abduction verb with no object was taken.
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in res.persons and \
                subject.lower_ not in res.captors:
            patient = subject
    if tok.dep_ in ("amod", "acl") and patient is not None and not _personal(d, patient):
        return False
    if patient is not None and patient.lower_ in res.hostage and patient.head.i == tok.i:
        # "soldiers that they have held hostage", "a national held captive" (parsed as
        # the subject of "held"): the people are the antecedent or the subject.
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.lower_ not in RELATIVE]
        patient = tok.head if tok.dep_ in ("relcl", "acl") else \
            (subjects[0] if subjects and _personal(d, subjects[0]) else None)
    if "verb" in kinds or hostage:
        return patient
    return patient if patient is not None and _personal(d, patient) else False


def _patient(tok: Token) -> Token | None:
    """Who undergoes the verb: the passive subject, the object, the noun a participle
    modifies ("kidnapped passengers"), or the antecedent of "who"."""
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON")):
        return _included_in(tok.head)
    for child in tok.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            if child.lower_ in RELATIVE and tok.dep_ == "relcl":
                return _included_in(tok.head)
            return child
    if tok.dep_ == "relcl":
        return _included_in(tok.head)
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        for child in tok.head.children:
            if child.dep_ == "nsubjpass":
                return child
    if tok.dep_ in ("pcomp", "advcl", "xcomp"):
        # "released four days after being kidnapped": the main clause's subject
        head = tok.head.head if tok.dep_ == "pcomp" else tok.head
        for child in head.children:
            if child.dep_ in ("nsubjpass", "nsubj") and head.pos_ in ("VERB", "AUX"):
                passive = any(c.dep_ == "auxpass" for c in tok.children)
                if child.dep_ == "nsubjpass" or passive:
                    return child
    return None


def _included_in(tok: Token) -> Token:
    """The whole group a part of it stands in: "eight people, including three U.S.
    citizens, who had been kidnapped"; "nine hostages comprising seven females and two
    males"."""
    whole = tok
    while whole.dep_ == "conj":
        whole = whole.head
    head = whole.head
    if whole.dep_ in ("pobj", "dobj") and head.lemma_.lower() in ("include", "including",
                                                                   "among", "comprise") and \
            head.head.pos_ in ("NOUN", "PROPN"):
        return head.head
    return tok


def _agent(tok: Token) -> Token | None:
    """Who did the taking: the "by" phrase, else the subject of an active verb."""
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if tok.pos_ in ("NOUN", "PROPN"):
        return None
    if tok.lemma_.lower() == "fall":  # "fell into the hands of X"
        hands = [g for c in tok.children if c.lower_ == "into" for g in c.children
                 if g.lemma_.lower() == "hand"]
        return _of_object(hands[0]) if hands else None
    for child in tok.children:
        if child.dep_ == "nsubj":
            if child.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return child
    if tok.dep_ == "conj":
        return _agent(tok.head) if tok.head.pos_ in ("VERB", "AUX") else None
    if tok.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in tok.children):
        return tok.head
    return None


def _agent_tokens(agent: Token | None, trigger: Token) -> set[int]:
    """The captors' phrase without the clause it governs ("Bandits [who abducted ...]")."""
    if agent is None:
        return set()
    return {t.i for t in agent.subtree} - {t.i for t in trigger.subtree}


def _agent_text(d: _Doc, m: _Mention) -> str:
    tokens = sorted(_agent_tokens(m.agent, m.trigger))
    return " ".join(d.doc[i].text for i in tokens)


def _generic(d: _Doc, tok: Token) -> bool:
    """Not a report of something that happened: "to kidnap", "could be abducted",
    "were not kidnapped", "kidnap for ransom" as a crime's name."""
    children = list(tok.children)
    if any(c.dep_ == "neg" for c in children):
        return True
    perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in children)
    if any(c.dep_ == "aux" and ((c.lower_ == "to" and not perfect) or c.lower_ in d.res.modals)
           for c in children):
        return True  # but "are reported to have kidnapped" is a past event
    if any(c.dep_ == "auxpass" and c.lower_ in ("be",) for c in children):
        return True  # "to be kidnapped", "will be kidnapped"
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.pos_ == "NOUN" and nxt is not None and nxt.lower_ == "for":
        return True
    return tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "for", "against")


def _statistical(d: _Doc, seg: SpacySpan) -> bool:
    """A sentence counting kidnappings ("142 kidnapping cases", "30 kidnappings")."""
    for tok in seg:
        if tok.lower_ in d.res.statistic and tok.pos_ == "NOUN":
            if any(c.dep_ == "nummod" or c.like_num for c in tok.children):
                return True
            if any(c.dep_ == "compound" and any(g.like_num for g in c.children)
                   for c in tok.children):
                return True
    return False


def _cites_figures(d: _Doc, seg: SpacySpan) -> bool:
    return any(t.lower_ in d.res.figures for t in seg)


def _approximate_period(d: _Doc, seg: SpacySpan, patient: Token) -> bool:
    """"More than 1,200 people were kidnapped in 2024": an approximate number of people
    over a year, a month or a period is a statistic."""
    approx = any(t.lower_ in d.res.approximators for c in patient.children if c.dep_ == "nummod"
                 for t in c.subtree)
    if not approx:
        return False
    if PERIOD_WORDS.search(seg.text):
        return True
    return any(seg.start_char <= s < seg.end_char and len(w.iso) < 10
               for s, _, w in d.dates)


# --- victims ----------------------------------------------------------------------------


def _personal(d: _Doc, tok: Token) -> bool:
    """Whether `tok` stands for people: a pronoun, a name, a person noun, a count of them."""
    lower = tok.lower_
    if lower in d.res.pronouns or lower in RELATIVE:
        return True
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    if lower in d.res.persons or tok.lemma_.lower() in d.res.persons:
        return True
    if any(c.dep_ == "compound" and c.lower_ in d.res.persons for c in tok.children):
        return True  # "crew members"
    if lower in d.res.captors or lower in d.res.suspect_words:
        return False
    if tok.like_num or tok.pos_ == "NUM":
        of = _of_object(tok)  # "one of the kidnappers" is no victim
        return True if of is None else _personal(d, of)
    return any(_personal(d, c) for c in tok.conjuncts if c.i > tok.i)


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "out"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _victims(d: _Doc, patient: Token, trigger: Token,
             seg: SpacySpan) -> tuple[int | None, str | None, bool]:
    """(number of people, the phrase, whether it refers back to people already named).
    Conjoined people add up, and so do those taken with them ("a doctor kidnapped with
    about 15 others", "along with 12 other people")."""
    conjuncts = [c for c in (_unhostage(d, c) for c in [patient, *patient.conjuncts]
                             if c.i >= patient.i)
                 if c.i == patient.i or _counted_apart(c)]
    withs = [c for head in (trigger, patient) for c in head.children
             if c.dep_ == "prep" and c.lower_ == "with"]
    withs += [g for head in (trigger, patient) for c in head.children
              if c.lower_ in ("along", "together") for g in c.children if g.lower_ == "with"]
    companions = [obj for w in withs for obj in w.children
                  if obj.dep_ == "pobj" and _personal(d, obj)]
    total: int | None = 0
    for c in conjuncts + companions:
        n = _number_of(d, c)
        if n is None:
            total = None
            break
        total += n
    first = max(patient.left_edge.i, seg.start)
    last = min(max(c.i for c in conjuncts), seg.end - 1)
    description = d.doc[first : last + 1].text if first <= last else patient.text
    anaphoric = _anaphoric(d, patient) and len(conjuncts) == 1
    return total, description, anaphoric


def _counted_apart(conjunct: Token) -> bool:
    """"a doctor and three nurses": two groups; "a businessman and former consul": one
    man with two titles (a singular noun with no determiner of its own)."""
    if conjunct.tag_ not in ("NN",):
        return True
    return any(c.dep_ in ("det", "nummod", "poss") for c in conjunct.children)


def _unhostage(d: _Doc, tok: Token) -> Token:
    """"took a doctor and three nurses hostage" parsed with "hostage" as the conjunct:
    the people are its compound ("nurses")."""
    if tok.lower_ in d.res.hostage:
        for child in tok.children:
            if child.dep_ == "compound":
                return child
    return tok


def _number_of(d: _Doc, tok: Token) -> int | None:
    value = _value(d, tok)
    if value is not None:
        return value
    for child in tok.children:
        if child.dep_ == "nummod":
            value = _value(d, child)
            if value is not None:
                return value
    if tok.lemma_.lower() in d.res.collectives:  # "the first group of 22 people"
        of = _of_object(tok)
        if of is not None:
            return _number_of(d, of)
    if tok.tag_ in ("NNS", "NNPS") and _anaphoric(d, tok):
        return _earlier_number(d, tok)  # "the sisters" after "six sisters"
    lower = tok.lower_
    if lower in d.res.pronouns:
        return d.res.pronouns[lower]
    if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
        return 1
    if tok.tag_ in ("NN", "NNP") and any(c.lower_ in ("a", "an", "one", "the", "his", "her",
                                                       "their", "this")
                                         for c in tok.children if c.dep_ in ("det", "poss")):
        return None if tok.lower_ in ("group", "family", "crew") else 1
    return None


def _earlier_number(d: _Doc, tok: Token) -> int | None:
    """The number last given for the same people ("six sisters" ... "the sisters")."""
    lemma = tok.lemma_.lower()
    for earlier in reversed(d.doc[: tok.i]):
        if earlier.lemma_.lower() == lemma:
            for child in earlier.children:
                if child.dep_ == "nummod":
                    value = _value(d, child)
                    if value is not None:
                        return value
    return None


def _value(d: _Doc, tok: Token) -> int | None:
    """The value of a number token with the number words joined to it ("Thirty five",
    "two hundred", "1,200", "11children")."""
    def word(t: Token) -> bool:
        return all(p in d.res.numbers for p in re.split(r"[-\s]", t.lower_))

    if not (tok.like_num or tok.pos_ == "NUM" or word(tok) or re.match(r"\d", tok.text)):
        return None
    first = last = tok.i
    if word(tok):  # "Thirty five", "two hundred"; digits stand alone ("Jan. 11 five")
        while first > 0 and word(d.doc[first - 1]):
            first -= 1
        while last + 1 < len(d.doc) and word(d.doc[last + 1]):
            last += 1
    total = current = 0
    for w in d.doc[first : last + 1]:
        digits = re.match(r"\d[\d,]*", w.text)
        parts = re.split(r"[-\s]", w.lower_)
        if digits:
            current += int(digits.group().replace(",", ""))
        elif all(p in d.res.numbers for p in parts):
            for p in parts:
                value, kind = d.res.numbers[p]
                if kind != "scale":
                    current += value
                elif value >= 1000:
                    total, current = total + max(current, 1) * value, 0
                else:
                    current = max(current, 1) * value
        else:
            return None
    return total + current or None


def _anaphoric(d: _Doc, tok: Token) -> bool:
    """"they", "the victims", "the 12 passengers": people named before."""
    if tok.lower_ in d.res.pronouns or tok.lower_ in RELATIVE:
        return True
    return any(c.lower_ in d.res.definite for c in tok.children if c.dep_ in ("det", "poss"))


# --- dates and places of a mention -----------------------------------------------------


def _date_of(d: _Doc, seg: SpacySpan, trigger: Token) -> _When | None:
    here = [w for s, _, w in d.dates if seg.start_char <= s < seg.end_char]
    verbs = {trigger.i}
    if trigger.dep_ in ("amod", "acl"):
        verbs.add(trigger.head.i)
    for w in here:
        if w.verb is not None and w.verb.i in verbs:
            return w
    # The parse often attaches a date to the verb governing the abduction ("are reported
    # on Wednesday to have kidnapped"): take one that no other event claims.
    loose = [w for w in here if w.verb is None or (
        not _claimed(d, w.verb, trigger) and _verb_chain(trigger, w.verb))]
    return loose[0] if len(loose) == 1 else None


def _locality(d: _Doc, trigger: Token, patient: Token | None) -> tuple | None:
    """A named locality where people were taken that the places field may not know: the
    proper name with a locality noun in a locative phrase of the abduction ("from Sabon
    Gero community", "in the neighbourhood of Martissant", "in the Bwari area")."""
    found = []
    heads = [trigger] + ([patient] if patient is not None else [])
    heads += [obj for head in list(heads) for c in head.children  # "with 15 others from X"
              if c.dep_ == "prep" and c.lower_ == "with"
              for obj in c.children if obj.dep_ == "pobj"]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in d.res.locatives or prep.lower_ == "of":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lower_ in d.res.place_nouns:
                    names = sorted((t for c in obj.children
                                    if c.dep_ in ("compound", "nmod", "amod")
                                    and c.pos_ == "PROPN" and c.i < obj.i
                                    for t in c.subtree if t.pos_ == "PROPN"), key=lambda t: t.i)
                    of = _of_object(obj)
                    if not names and of is not None and of.pos_ == "PROPN":
                        names = [t for t in of.subtree if t.pos_ == "PROPN"]
                    rank = d.res.place_noun_ranks.get(obj.lower_, 1)
                else:
                    continue
                if not names or any(t.lower_ in d.res.administrative for t in names):
                    continue
                start, end = names[0].idx, names[-1].idx + len(names[-1])
                name = d.text[start:end]
                if _group_in(d, name):
                    continue
                place = Place(name=name, kind="other", country_code=None,
                              mentions=[span_of(d.doc, start, end)])
                found.append((rank, start, place))
    if not found:
        return None
    _, start, place = min(found, key=lambda f: (f[0], f[1]))
    return start, place, True


def _verb_chain(trigger: Token, verb: Token) -> bool:
    """Whether the abduction is not inside the subject of `verb` ("pilgrims taken
    hostage ... flew home on Saturday": the date is the flight's)."""
    node = trigger
    while node.i != node.head.i:
        if node.head.i == verb.i:
            return node.dep_ not in ("nsubj", "nsubjpass", "csubj")
        node = node.head
    return True


def _claimed(d: _Doc, verb: Token, trigger: Token) -> bool:
    """A verb other than the trigger that a date may belong to: an outcome or an arrest."""
    if verb.i == trigger.i:
        return False
    lemma = verb.lemma_.lower()
    return (lemma in d.res.outcomes or lemma in d.res.arrest or lemma in d.res.reporting
            or lemma in d.res.captivity_verbs)


def _places_in(d: _Doc, seg: SpacySpan, trigger: Token,
               agent: Token | None) -> list[tuple[int, Place, bool]]:
    """Places in the sentence where the people were taken: located by the abduction
    verb, or by no verb that claims them (a rescue, a report), not in the captors'
    phrase; the most specific first."""
    verbs = {trigger.i, trigger.head.i} if trigger.dep_ in ("amod", "acl") else {trigger.i}
    skip = _agent_tokens(agent, trigger)
    here = []
    for s, e, p, verb, located in d.places:
        if not seg.start_char <= s < seg.end_char:
            continue
        tok = d.doc.char_span(s, e, alignment_mode="expand")
        if tok is not None and tok.root.i in skip:
            continue
        if verb is not None and verb.i not in verbs and _claimed(d, verb, trigger):
            continue
        here.append((not located, s, p))
    return [(s, p, not unlocated) for unlocated, s, p in sorted(here, key=lambda x: (
        x[0], KIND_RANK.get(x[2].kind, 3), abs(x[1] - trigger.idx)))]


# --- grouping mentions into incidents -----------------------------------------------------


def _group(d: _Doc, mentions: list[_Mention]) -> list[_Incident]:
    incidents: list[_Incident] = []
    for m in mentions:
        current = incidents[-1] if incidents else None
        if current is None or _starts_new(d, current, m):
            incidents.append(_Incident(mentions=[m]))
        else:
            current.mentions.append(m)
    # Each sentence belongs to the incident reported last before it (the first one for
    # sentences before any mention: a headline, a lead about the rescue).
    starts = [inc.mentions[0].segment for inc in incidents]
    for i in range(len(d.segments)):
        k = max((j for j, s in enumerate(starts) if s <= i), default=0)
        if incidents:
            incidents[k].segments.append(i)
    return [inc for inc in incidents if _substantial(inc)]


def _starts_new(d: _Doc, current: _Incident, m: _Mention) -> bool:
    known = [x.victims for x in current.mentions if x.victims is not None]
    if m.anaphoric and not (m.victims and known and m.victims not in known and
                            any(c.dep_ == "nummod" for c in m.patient.children)):
        return False  # "the victims"; but "the 344 students" after "104 people" are others
    if all(x.segment == d.title for x in current.mentions) and not _separate(d, m):
        return False  # the headline announces the story the body tells
    previous = current.mentions[-1]
    if m.segment == previous.segment and not _separate(d, m):
        # one sentence tells one abduction, unless it dates two ("On Jan. 9 ... were
        # captured, and then on Jan. 11 five teachers were captured")
        return bool(m.date and previous.date and m.date.iso != previous.date.iso
                    and m.victims != previous.victims)
    if _separate(d, m):
        return True
    if m.victims is not None and known and m.victims in known:
        return False
    if _other_people(current, m):
        return True
    dates = {x.date.iso for x in current.mentions if x.date}
    if m.date and dates and m.date.iso not in dates and \
            not any(i.startswith(m.date.iso) or m.date.iso.startswith(i) for i in dates):
        return True
    names = {p.name for x in current.mentions for _, p, _ in x.places[:1]
             if KIND_RANK.get(p.kind, 3) == 0}  # a town inside a region or country agrees
    return bool(m.places and names and m.places[0][1].name not in names
                and KIND_RANK.get(m.places[0][1].kind, 3) == 0
                and m.victims != (known or [None])[0])


def _other_people(current: _Incident, m: _Mention) -> bool:
    """New people, named differently from everyone taken so far in this incident
    ("10 people" after "a group of missionaries", "a former minister" after "the
    brother and two employees")."""
    if m.patient is None or m.victims is None:
        return False
    heads = {x.patient.lemma_.lower() for x in current.mentions
             if x.patient is not None and not x.anaphoric}
    named = [x for x in current.mentions if x.patient is not None and not x.anaphoric]
    return bool(named) and m.patient.lemma_.lower() not in heads and \
        m.patient.ent_type_ != "PERSON"


def _separate(d: _Doc, m: _Mention) -> bool:
    seg = d.segments[m.segment]
    before = d.text[seg.start_char : m.trigger.idx]
    return bool(d.res.separate.search(before))


def _substantial(inc: _Incident) -> bool:
    """A mention with nothing to say about whom, where or when is no report of a
    specific abduction ("kidnapped people are often moved")."""
    return any(m.victims is not None or m.date or m.places or m.description
               for m in inc.mentions)


# --- filling the slots ------------------------------------------------------------------


def _fill(d: _Doc, inc: _Incident) -> Incident:
    evidence: list[IncidentEvidence] = []

    def cite(seg_index: int, slot: str) -> None:
        seg = d.segments[seg_index]
        span = span_of(d.doc, seg.start_char, seg.end_char)
        item = IncidentEvidence(slot=slot, **span.model_dump())
        if item not in evidence:
            evidence.append(item)

    for m in inc.mentions:
        cite(m.segment, "abduction")
    values: dict = {}
    # The body's words over the headline's ("Eight kidnapped in Tamaulipas").
    mentions = sorted(inc.mentions, key=lambda m: m.segment == d.title)
    victims = next((m for m in mentions if m.victims), None)
    if victims:
        values["victims"], values["victim_description"] = victims.victims, victims.description
        cite(victims.segment, "victims")
    dated = sorted((m for m in mentions if m.date), key=lambda m: m.date.resolved)
    attack = None if dated else _attack_date(d, inc)
    if dated:
        values["date"], values["date_resolved"] = dated[0].date.iso, dated[0].date.resolved
        cite(dated[0].segment, "date")
    elif attack:
        values["date"], values["date_resolved"] = attack[0].iso, attack[0].resolved
        cite(attack[1], "date")
    placed = sorted((m for m in mentions if m.places),
                    key=lambda m: (not m.places[0][2], KIND_RANK.get(m.places[0][1].kind, 3),
                                   m.segment == d.title))
    if placed:
        place = placed[0].places[0][1]
        values["place"] = place.name
        values["country_code"] = place.country_code or d.country or d.money_country
        cite(placed[0].segment, "place")
    elif d.country or d.money_country:
        values["country_code"] = d.country or d.money_country
    perpetrators = _perpetrators(d, inc)
    if perpetrators:
        values["perpetrators"] = perpetrators[0]
        cite(perpetrators[1], "perpetrators")
    outcome = _outcome(d, inc)
    if outcome:
        kind, count, seg_index, when = outcome
        values["outcome"] = kind
        cite(seg_index, "outcome")
        if "victims" not in values and count and kind != "held":
            values["victims"] = count
        if when:
            values["outcome_date"], values["outcome_date_resolved"] = when.iso, when.resolved
            cite(seg_index, "outcome_date")
    for slot, (value, seg_index) in _ransom(d, inc).items():
        values[slot] = value
        cite(seg_index, slot)
    arrested = _arrested(d, inc)
    if arrested:
        values["suspects_arrested"] = arrested[0]
        cite(arrested[1], "suspects_arrested")
    evidence.sort(key=lambda e: (e.start_char, e.slot))
    return Incident(evidence=evidence, **values)


def _attack_date(d: _Doc, inc: _Incident) -> tuple[_When, int] | None:
    """The date of the attack in which the people were taken, when the abduction
    sentence gives none ("on September 7 ... attacked Kudewa village")."""
    for i in _ordered(d, inc):
        seg = d.segments[i]
        for s, _, w in d.dates:
            if seg.start_char <= s < seg.end_char and w.verb is not None and \
                    w.verb.lemma_.lower() in d.res.attack:
                return w, i
    return None


def _perpetrators(d: _Doc, inc: _Incident) -> tuple[str, int] | None:
    """A group named as the captors, else one named in the incident's sentences (blamed,
    suspected), else the captors' word for themselves, else any captor word there."""
    agents = [(_agent_text(d, m), m.segment) for m in inc.mentions if m.agent is not None]
    segments = _ordered(d, inc)
    for finder in (_group_in, _captor_in):
        for phrase, i in agents:
            named = finder(d, phrase)
            if named:
                return named, i
        if finder is _group_in:
            for i in segments:
                named = _group_in(d, d.segments[i].text)
                if named:
                    return named, i
    for i in [m.segment for m in inc.mentions] + segments:
        named = _captor_in(d, d.segments[i].text)
        if named:
            return named, i
    return None


def _ordered(d: _Doc, inc: _Incident) -> list[int]:
    """The incident's sentences from its first mention on, then those before (the lead,
    the headline last): what the story tells of this abduction comes first."""
    first = inc.mentions[0].segment
    after = [i for i in inc.segments if i >= first and i != d.title]
    before = [i for i in inc.segments if i < first and i != d.title]
    return after + before + ([d.title] if d.title in inc.segments else [])


def _group_in(d: _Doc, text: str) -> str | None:
    """The armed group named first in `text` (lexicon or the text's own armed groups)."""
    if text not in d.group_cache:
        hits = [(m.start(), d.res.group_names[m.group().lower()]) for pattern in d.res.groups
                for m in [pattern.search(text)] if m]
        hits += [(m.start(), name) for name, pattern in d.armed
                 for m in [pattern.search(text)] if m]
        d.group_cache[text] = min(hits)[1] if hits else None
    return d.group_cache[text]


def _captor_in(d: _Doc, text: str) -> str | None:
    found = d.res.captor_pattern.search(text)
    if not found:
        return None
    lower = text.lower()
    start, word = found.start(), found.group()
    before = re.search(r"(?:\b(armed|suspected|unknown|masked|heavily armed)\s+)$",
                       lower[:start])
    return (text[before.start(1) : start] + word) if before and before.group(1) == "armed" \
        else word


OUTCOME_PREFERENCE = ("rescued", "released", "escaped", "killed")


def _outcome(d: _Doc, inc: _Incident) -> tuple[str, int | None, int, _When | None] | None:
    """The fate told of most victims; "held" when the text says they are still captive,
    or when what it tells happened to a minority ("released 11 of their victims")."""
    found: list[tuple[str, int | None, int, _When | None]] = []
    victim_heads = {m.patient.lemma_.lower() for m in inc.mentions if m.patient is not None}
    victims = max((m.victims for m in inc.mentions if m.victims), default=None)
    for i in _ordered(d, inc):
        seg = d.segments[i]
        for tok in seg:
            kind = _outcome_of(d, tok, victim_heads, victims)
            if kind is not None:
                found.append((kind[0], kind[1], i, _date_at_verb(d, seg, tok)))
    held = next((i for i in _ordered(d, inc) if STILL_HELD.search(d.segments[i].text)
                 or _still_captive(d, d.segments[i])), None)
    if found:
        best = min(found, key=lambda f: (-(f[1] or 0), OUTCOME_PREFERENCE.index(f[0])))
        minority = victims and best[1] and best[1] * 2 < victims
        if not minority:
            # the date may come with another telling of the same fate
            dated = next((f for f in found if f[0] == best[0] and f[3] is not None), None)
            return best if best[3] is not None or dated is None else \
                (best[0], best[1], dated[2], dated[3])
        return "held", None, best[2], None
    if held is not None:
        return "held", None, held, None
    return None


def _still_captive(d: _Doc, seg: SpacySpan) -> bool:
    """A demand still standing ("are demanding", "demands"), talks under way, or efforts
    to rescue: the victims are held."""
    for tok in seg:
        lemma = tok.lemma_.lower()
        if lemma in ("demand", "negotiate", "want") and tok.pos_ in ("VERB", "AUX"):
            present = tok.tag_ in ("VBZ", "VBP") or (
                tok.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in tok.children))
            if present:
                return True
        if lemma in ("negotiation", "negotiations") and tok.pos_ == "NOUN":
            return True
        if d.res.outcomes.get(lemma) in ("rescued", "released") and _generic(d, tok):
            return True  # "efforts to rescue the victims", "working to secure their release"
    return False


def _outcome_of(d: _Doc, tok: Token, victim_heads: set[str],
                victims: int | None) -> tuple[str, int | None] | None:
    lemma = tok.lemma_.lower()
    outcome = d.res.outcomes.get(lemma)
    if lemma == "find" and any(c.lower_ == "dead" for c in tok.subtree):
        outcome = "killed"
    if outcome is None:
        return None
    if tok.pos_ == "NOUN":  # "the release of the hostages"
        who = _of_object(tok)
        if who is None or not _victim_like(d, who, victim_heads, victims):
            return None
        return outcome, _group_size(d, who, victim_heads, victims)
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBD"):
        return None
    if _generic(d, tok) or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("try", "attempt")):
        return None
    if lemma == "regain" and not any(c.lemma_.lower() == "freedom" for c in tok.children):
        return None
    intransitive = lemma in ("regain", "escape", "flee", "die", "reunite")
    who = None
    for child in tok.children:
        if child.dep_ == ("nsubj" if intransitive else "nsubjpass") or \
                (not intransitive and child.dep_ == "dobj"):
            who = child
            break
    if who is not None and who.lower_ in RELATIVE and tok.dep_ == "relcl":
        who = tok.head
    if who is None and tok.dep_ in ("acl", "amod", "relcl"):
        who = tok.head
    if who is None and not intransitive:
        # "rescued a national held captive" parsed with the national as the subject of
        # a clause under "rescued"
        who = next((g for c in tok.children if c.dep_ == "ccomp" for g in c.children
                    if g.dep_ == "nsubj"), None)
    if who is None and tok.dep_ == "conj":  # "was kidnapped ... and released"
        who = next((c for c in tok.head.children
                    if c.dep_ == ("nsubj" if intransitive else "nsubjpass")), None)
    if who is None or not _victim_like(d, who, victim_heads, victims):
        return None
    if outcome == "killed" and not _killed_by_captors(d, tok):
        return None
    if outcome == "released" and _by_security(d, tok):
        outcome = "rescued"
    return outcome, _group_size(d, who, victim_heads, victims)


def _group_size(d: _Doc, who: Token, victim_heads: set[str], victims: int | None) -> int | None:
    """How many the fate is told of: the number given, else all the victims when the
    phrase names them as a whole ("they", "the hostages"), else unknown."""
    number = _number_of(d, who)
    if number is not None:
        return number
    whole = who.lower_ in ("they", "them") or (
        _anaphoric(d, who) and who.tag_ in ("NNS", "NNPS") and who.lemma_.lower() in victim_heads)
    return victims if whole else None


def _killed_by_captors(d: _Doc, verb: Token) -> bool:
    """"were killed" (no killer named) or killed by the captors; not "an earthquake
    that killed 2,200 people" nor people killed by the troops."""
    actors = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and actors and actors[0].lower_ in RELATIVE:
        actors = [verb.head]
    for child in verb.children:
        if child.dep_ == "agent":
            actors.extend(c for c in child.children if c.dep_ == "pobj")
    return all(a.lower_ in d.res.captors or a.lower_ in d.res.pronouns or _group_in(d, a.text)
               for a in actors)


def _victim_like(d: _Doc, tok: Token, victim_heads: set[str], victims: int | None) -> bool:
    """Whether the people freed or killed are this incident's victims: named like them,
    referred back to ("they", "the hostages"), or part of them ("one of the victims");
    not other people counted ("killed more than 2,200 people")."""
    lower = tok.lower_
    if tok.lemma_.lower() in victim_heads:
        return True
    if lower in d.res.captors or lower in d.res.suspect_words or lower in d.res.security or any(
            c.lower_ in d.res.security for c in tok.children if c.dep_ in ("compound", "amod")):
        return False  # the captors, suspects, or "two police paramilitaries"
    if _anaphoric(d, tok) or tok.ent_type_ == "PERSON":
        return _personal(d, tok)
    if any(t.lower_ in d.res.approximators for c in tok.children if c.dep_ == "nummod"
           for t in c.subtree):
        return False  # "more than 2,200 people": a toll, not the victims
    number = _number_of(d, tok)
    if number is not None and victims is not None and number > victims:
        return False  # more people than were taken: others
    if tok.pos_ == "NUM" or tok.like_num:
        # "one of the victims"; not "a fourth" (an ordinal) or "two of the suspects"
        for child in tok.children:
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _victim_like(d, obj, victim_heads, victims)
        return True
    return _personal(d, tok)


def _by_security(d: _Doc, verb: Token) -> bool:
    """"freed by troops", "police freed the hostages": force, not the captors' will."""
    actors = [c for c in verb.children if c.dep_ == "nsubj"]
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            actors.extend(c for c in child.children if c.dep_ == "pobj")
    return any(w.lower_ in d.res.security and not _group_in(d, a.text)
               for a in actors
               for w in [a, *(c for c in a.children if c.dep_ in ("compound", "amod"))])


def _date_at_verb(d: _Doc, seg: SpacySpan, verb: Token) -> _When | None:
    for s, _, w in d.dates:
        if seg.start_char <= s < seg.end_char and w.verb is not None and w.verb.i == verb.i:
            return w
    return None


def _ransom(d: _Doc, inc: _Incident) -> dict[str, tuple[object, int]]:
    """The first amount demanded and the first paid, from the body before the headline;
    an amount both "demanded" and paid is the payment ("freed after N2.5m ransom")."""
    out: dict[str, tuple[Amount, int]] = {}
    for i in _ordered(d, inc):
        seg = d.segments[i]
        here = [m for m in d.money
                if seg.start_char <= m.start_char < seg.end_char and m.role != "other"]
        # "N1 million per head ..., totaling N26 million": the total, not the rate
        totals = [m for m in here if not PER_HEAD.match(d.text, m.end_char)]
        for m in totals or here:
            out.setdefault(m.role, (Amount(value=m.value, currency=m.currency), i))
    if "ransom_demanded" in out and "ransom_paid" in out and \
            out["ransom_demanded"][0] == out["ransom_paid"][0]:
        del out["ransom_demanded"]
    result: dict[str, tuple[object, int]] = dict(out)
    if "ransom_paid" not in result:
        for i in _ordered(d, inc):
            said = _payment_said(d, d.segments[i])
            if said:
                result["ransom_paid"] = (said, i)
                break
    return result


def _payment_said(d: _Doc, seg: SpacySpan) -> str | None:
    """"yes" for "paid a ransom" with no amount, "no" for "no ransom was paid"."""
    for tok in seg:
        if tok.lemma_.lower() != "pay":
            continue
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        ransom = [o for o in objects if o.lemma_.lower() == "ransom" or
                  (_of_object(o) is not None and _of_object(o).lemma_.lower() == "ransom")]
        if not ransom or _unsure(tok) or _intended(d, tok) or \
                any(c.dep_ == "aux" and c.lower_ in d.res.modals for c in tok.children):
            continue  # "would not pay any ransom": a stance, not what happened
        negative = any(c.dep_ == "neg" for c in tok.children) or \
            any(c.lower_ == "no" for o in ransom for c in o.children) or \
            tok.head.lemma_.lower() in d.res.negative_heads or \
            any(a.lower_ == "without" for a in tok.ancestors)
        return "no" if negative else "yes"
    return None


def _intended(d: _Doc, verb: Token) -> bool:
    """"trying to get them released without paying": an aim, not a fact."""
    return any(a.lemma_.lower() in d.res.intentions for a in verb.ancestors)


def _unsure(verb: Token) -> bool:
    """"did not say whether a ransom was paid", "it was not clear if": not told."""
    for tok in [verb, *verb.ancestors]:
        if any(c.lower_ in ("whether", "if") and c.dep_ == "mark" for c in tok.children):
            return True
    return False


def _arrested(d: _Doc, inc: _Incident) -> tuple[int, int] | None:
    for i in _ordered(d, inc):
        for tok in d.segments[i]:
            if tok.lemma_.lower() not in d.res.arrest or _generic(d, tok):
                continue
            if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBD"):
                continue
            who = _patient(tok)
            if who is None:
                continue
            if tok.lemma_.lower() == "capture" and _personal(d, who):
                continue  # "captured ten villagers" is an abduction
            if who.lower_ in RELATIVE:
                who = tok.head
            conjuncts = [who, *[c for c in who.conjuncts if c.i > who.i]]
            numbers = [_arrest_number(d, c) for c in conjuncts]
            if all(n is not None for n in numbers):
                return sum(numbers), i
    return None


def _arrest_number(d: _Doc, tok: Token) -> int | None:
    n = _number_of(d, tok)
    if n is not None:
        return n
    if any(c.lower_ in ("a", "an", "one") for c in tok.children if c.dep_ == "det"):
        return 1
    return None
