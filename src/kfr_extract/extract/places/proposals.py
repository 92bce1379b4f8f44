# ruff: noqa: RUF003  (comments quote place names with dashes and apostrophes)
"""Mentions proposed from the gazetteer and from the words around a name: roads,
locatives, lists, echoes of a designated name, shared heads and compass ellipses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kfr_extract.extract.gazetteer import Entry, fold_accents
from kfr_extract.extract.places.filters import _language_spoken
from kfr_extract.extract.places.mention import (
    Mention,
    Target,
    _Context,
    _glued_hyphen,
    _target,
    _town_in,
    _unknown,
)

MAX_WINDOW = 6  # longest gazetteer name in tokens ("Saint Vincent and the Grenadines")
PREVIOUS_WORD = re.compile(r"(\w+)\s+$")


# Two names sharing a plural head: "the Sulu and Celebes Seas" (Sulu Sea, Celebes Sea).
SHARED_HEAD = re.compile(
    r"\b([A-Z][\w\u2019'-]+)\s+and\s+([A-Z][\w\u2019'-]+)\s+(Sea|Island|Lake|River|Mountain)s\b"
)


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
        firm = token.lower_ in ctx.words.firm_locatives or titled or _on_a_way(ctx, token)
        for n, run in enumerate(_listed_runs(doc, token.i + 1, titled)):
            first, last = doc[run[0]], doc[run[-1]]
            start, end = first.idx, last.idx + len(last)
            if any(taken[start:end]) or _language_spoken(ctx, run[0]):
                continue
            target = _town_after(ctx, run, codes, firm, titled)
            if target is None:
                if titled and n == 0:
                    break  # "Director of Criminal Affairs and Pardons": a list of departments
                continue
            taken[start:end] = b"\x01" * (end - start)
            yield Mention(start, end, [target], "town")


def _town_after(
    ctx: _Context, run: list[int], codes: set[str], firm: bool, titled: bool
) -> Target | None:
    """What a name listed after a locative word refers to, or None if it is no place."""
    doc = ctx.doc
    if not firm and any(doc[i].ent_type_ == "PERSON" for i in run):
        return None
    if titled and run[-1] + 1 < len(doc) and not doc[run[-1] + 1].is_punct:
        return None  # 'Head of Cooperation at the Delegation': a department, no seat
    name = ctx.text[doc[run[0]].idx : doc[run[-1]].idx + len(doc[run[-1]])]
    if name in ctx.res.stop:
        return None
    town = _town_in(ctx.res.towns.lookup(name), codes) if codes else None
    if town is not None:
        key = f"city|{fold_accents(name).casefold()}|{town.country_code}"
        return Target(name, "city", town.country_code, key)
    if firm and _lone_name_after_locative(ctx, run):
        return _unknown(name, "other")
    return None


def _on_a_way(ctx: _Context, token) -> bool:
    """ "the road to Koza", "on their way from Kano", "travelled to Mazamari": after a road,
    a journey or a verb of going, "to" and "from" lead to a place, not a person."""
    doc = ctx.doc
    if token.lower_ not in ("to", "from") or token.i == 0:
        return False
    before = doc[token.i - 1]
    return before.lower_ in ctx.words.ways \
        or (before.pos_ == "VERB" and before.lemma_.lower() in ctx.words.motion)


def _of_a_title(ctx: _Context, token) -> bool:
    """ "the Emir of Kagara", "the Governor of Kebbi", "the mayor of Dourou": after a
    capitalized title or traditional title, or a lower-case title of an office with a seat,
    "of" introduces the title's seat, whatever spaCy tags the name."""
    doc = ctx.doc
    if token.lower_ != "of" or token.i == 0:
        return False
    title = doc[token.i - 1]
    return (title.text.istitle() and (title.lower_ in ctx.words.titles
                                      or title.lower_ in ctx.words.honorifics)) \
        or (title.is_lower and title.lower_ in ctx.words.seat_titles)


def _lone_name_after_locative(ctx: _Context, run: list[int]) -> bool:
    """ "kidnapped around Ahume", "at Kudewa", "near Kutulo": one title-case proper noun
    right after "in"/"at"/"near" that spaCy tagged a person, an organization, a product
    or nothing (its guesses for unfamiliar village names) and that is no word of an
    organization, a person's name elsewhere in the text, or a word the text also writes
    in lower case."""
    token = ctx.doc[run[0]]
    if len(run) == 2 and _two_word_village(ctx, run):
        return True
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


def _two_word_village(ctx: _Context, run: list[int]) -> bool:
    """ "stopped near Yandoton Daji", "and nearby Gidan Dawa": two title-case words right
    after "near" or "nearby", whatever spaCy tags them, that the text uses nowhere else (a person's
    name comes back as "Daji said") and that nothing follows as part of a longer name."""
    doc = ctx.doc
    first, last = doc[run[0]], doc[run[-1]]
    if run[0] == 0 or doc[run[0] - 1].lower_ not in ctx.words.nearness:
        return False
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    described = any(t.dep_ == "appos" and t.head.i in run and t.lower_ in ctx.words.person_words
                    for t in doc[last.i + 1 : last.i + 8])  # "near John Smith, the trader"
    return all(t.is_alpha and t.text.istitle() and t.pos_ == "PROPN"
               and ctx.text.count(t.text) == 1 for t in (first, last)) and not described \
        and not (after is not None and (after.text[:1].isupper() or after.tag_ == "POS"))


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


def _coordinated_mentions(ctx: _Context, kept: list[Mention]) -> Iterator[Mention]:
    """ "between Mopti and Djenne", "in Tank, Bannu and X": a name coordinated with known
    places after a locative word is a place too, though no gazetteer lists it and the
    small model mislabels it. The name must be one or two title-case proper nouns that no
    person, organization or nationality entity claims (a list of two known places
    outweighs a PERSON label), ending its noun phrase."""
    doc, starts = ctx.doc, {m.start for m in kept}
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in kept]
    ending_at = {span.end: span for span in spans if span is not None}
    for first in spans:
        if first is None:
            continue
        listed = _listed_before(doc, first, ending_at)  # "in X, Y and Z": X, Y
        if not listed or listed[0].start == 0 \
                or doc[listed[0].start - 1].lower_ not in ctx.words.locatives:
            continue
        j = first.end
        if j + 1 >= len(doc) or doc[j].lower_ != "and":
            continue
        label = "PERSON" if len(listed) > 1 else doc[first.start].ent_type_
        k = j + 1
        while k < len(doc) and k - j <= 2 and _coordinable(doc[k], label):
            k += 1
        if k == j + 1 or (k < len(doc) and doc[k].text[:1].isupper()):
            continue
        name = doc[j + 1 : k]
        if name.start_char in starts or ctx.lookup(name.text):
            continue  # already a mention, or the gazetteer proposes it on its own
        yield Mention(name.start_char, name.end_char, [_unknown(name.text, "other")], "ner")


def _listed_before(
    doc: Doc, span: SpacySpan, ending_at: dict[int, SpacySpan]
) -> list[SpacySpan]:
    """``span`` and the known places listed before it with commas, first first."""
    listed = [span]
    while listed[0].start > 1 and doc[listed[0].start - 1].text == "," \
            and listed[0].start - 1 in ending_at:
        listed.insert(0, ending_at[listed[0].start - 1])
    return listed


def _coordinable(token, first_label: str) -> bool:
    """A proper noun the parser does not claim for a person, organization or
    nationality, unless it labels the known place the same way ("Kano and X" both
    PERSON: the small model's mistake on unfamiliar names, not evidence)."""
    return token.pos_ == "PROPN" and token.text.istitle() and token.is_alpha \
        and (token.ent_type_ not in ("PERSON", "ORG", "NORP") or token.ent_type_ == first_label)


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
    if entry is None or i < 2 or not _glued_hyphen(doc, i - 1) \
            or ctx.words.compass.fullmatch(doc[i].text):
        return None  # ("Kpendjal-Ouest": a division of Kpendjal, not a town of Haiti's Ouest)
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
