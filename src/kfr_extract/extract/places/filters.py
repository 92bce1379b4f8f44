"""The annotation rules that decide whether a proposed mention is a place mention:
not inside an organization's name, not a modifier, not a person's name.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from kfr_extract.extract._spans import without_overlaps
from kfr_extract.extract.places.mention import (
    Mention,
    _Context,
    _designated_target,
    _lga_start,
    _line_start,
    _target,
    _town_in,
    _unknown,
)
from kfr_extract.extract.places.resources import language_names

# After a name at the start of a line, what shows the line is a dateline ("KADUNA —",
# "Lima, ...", "Bangkok (Thailand)"), not a headline starting with a word ("Man charged").
DATELINE_AFTER = re.compile(r"\s*[,(/\u2013\u2014-]")


# Entity labels for numbers and times: one that runs over a name says nothing about it.
NUMERIC_LABELS = frozenset(("DATE", "TIME", "CARDINAL", "QUANTITY"))


def _states_named_bare(ctx: _Context, mentions: list[Mention]) -> None:
    """ "Ondo monarch", "Niger:" in a report that names "Ondo State", "Niger State": a
    bare name the text also designates as a state is that state, except after a
    locative word, closing a byline or opening a dateline, where it is the city of that
    name ("a statement in Katsina", "By X, Katsina", "Katsina, 3 May 2024 -")."""
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
        filed_from = span is not None and _byline_town(ctx, span)  # "From X, Kaduna"
        dateline = _line_start(ctx.text, m.start) and DATELINE_AFTER.match(ctx.text, m.end)
        if not ((after_locative or filed_from or dateline) and m.targets[0].kind == "city"):
            m.targets = [state]
            m.options = ()


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
    if m.source == "ner" and len(span) > 1 and root.dep_ == "appos" \
            and root.head.i < span.start and _describes_a_person(root.head, words.person_words):
        return True  # 'The police chief in charge of the case, Renata Figueiredo, of ...'
    # 'Sawadogo said'; 'Gwarzo said' after 'DSP Aminu Gwarzo' (a town's name, but here
    # the surname of a person the text names in full, or one spaCy tags a person)
    return ((m.source == "ner" or span.text in ctx.surnames or root.ent_type_ == "PERSON")
            and root.dep_ == "nsubj" and root.head.pos_ == "VERB"
            and root.head.lemma_.lower() in words.reporting
            and "\n" not in ctx.text[span.end_char : root.head.idx])  # not a parse across lines


def _describes_a_person(head, person_words: frozenset[str]) -> bool:
    """Whether a phrase is about a person: its head is a person noun, or it hangs by
    prepositions from one ('the chief in charge of the case': the parser may attach an
    apposition to 'case')."""
    for _ in range(6):
        if head.lower_ in person_words:
            return True
        if head.dep_ not in ("pobj", "prep"):
            return False
        head = head.head
    return False


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
        elif (m.kind and codes) or _small_town_abroad(m, mentions):
            # "Maro village" in a report on Nigeria is not Maro, Chad.
            m.targets = [_unknown(m.targets[0].name, m.kind or "city")]
        if local is not None and m.kind:
            m.targets = [_designated_target(local, m.surface, m.kind)]


SMALL_TOWN = 100_000  # fewer people than this: known at home, seldom news abroad


def _small_town_abroad(m: Mention, mentions: list[Mention]) -> bool:
    """ "near Kula in Akuku-Toru" in a story whose other places are all Nigerian is not
    Kula, Turkey: a small town of a country the text does not otherwise touch is a
    namesake the gazetteer does not list."""
    entry = m.options[0]
    elsewhere = {t.code for other in mentions if other is not m for t in other.targets if t.code}
    return entry.population < SMALL_TOWN and bool(elsewhere) and entry.code not in elsewhere


def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; designators beat bare names."""
    rank = {"designator": 0, "gazetteer": 1, "ner": 2, "echo": 3}
    return without_overlaps(
        sorted(candidates, key=lambda m: (-(m.end - m.start), rank[m.source], m.start)))


def _is_place_mention(ctx: _Context, m: Mention) -> bool:
    """Apply the annotation rules to one mention in its context."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not (span.text[:1].isupper() or (m.display and m.surface[:1].isupper())):
        return False  # capitalized, or a designator before a capitalized name ("state of Mexico")
    if m.source == "gazetteer" and BASED_IN.match(ctx.text, span.end_char):
        return True  # "the Aden-based government": where it is based, whatever the tags
    if _inside_organization(ctx, span) or _premodifies_org(ctx, span) or _in_title(ctx, span) \
            or _used_as_modifier(span, ctx.words.place_nouns):
        return False
    if len(span) == 1 and m.source != "designator" and _country_demonym(ctx, span.text):
        return False  # "Nigerien employees", "Somali forces": a nationality word
    if m.source == "designator" and " " not in m.surface and _country_demonym(ctx, m.surface):
        return False  # "the Angolan province of Cabinda": the nationality of the province
    if len(span) == 1 and _rank(ctx, span):
        return False  # "DIG Thapa said", "(DIG)": a rank, though a town in India is called Dig
    if len(span) == 1 and _language_spoken(ctx, span.start):
        return False  # "she said in Cebuano", "speaking in Hausa"
    if span.root.dep_ in ("dobj", "dative") and span.root.head.lemma_ == "tell":
        return False  # "he told EL UNIVERSAL": a newspaper or a person is told things
    if m.source == "gazetteer" and m.checked:
        return _city_in_context(ctx, span)
    return not (m.source != "designator" and _in_person_name(ctx, span))


def _rank(ctx: _Context, span: SpacySpan) -> bool:
    """An honorific or rank in capitals, or written right before a capitalized name."""
    if span.text.lower().rstrip(".") not in ctx.words.honorifics:
        return False
    after = ctx.doc[span.end] if span.end < len(ctx.doc) else None
    return span.text.isupper() or (
        after is not None and after.text[:1].isupper() and after.is_alpha)


def _language_spoken(ctx: _Context, i: int) -> bool:
    """A language name after "in" that follows a verb of speech in its clause: "she said
    in Cebuano", "spoke to reporters in Hausa" ("said in Kano" stays a place: no
    language is called Kano)."""
    doc = ctx.doc
    if i < 2 or doc[i - 1].lower_ != "in":
        return False
    verb = next((t for t in reversed(doc[max(0, i - 6) : i - 1]) if t.pos_ == "VERB"), None)
    return verb is not None and verb.lemma_.lower() in ctx.words.reporting \
        and doc[i].text in language_names()


def _country_demonym(ctx: _Context, word: str) -> bool:
    """A country's name with a nationality ending ("Niger" + "ien", "Kenya" + "n", "Somali(a)"
    + "i", "Senegal" + "ese"), or its plural, which no gazetteer lists as a country itself."""
    if any(e.kind == "country" for e in ctx.lookup(word)):
        return False
    if word.endswith("s") and _country_demonym(ctx, word[:-1]):
        return True  # "seven Pakistanis": nationals counted
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


BASED_IN = re.compile(r"-based\b")
# A line holding only a name before the city: "Ikechukwu Obi, Awka", "By Ali Musa, Kano".
BYLINE_NAME = re.compile(r"(?:(?:By|From|Author)\s+)?[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){1,3}")


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
    return _listed_with_place(ctx, span) or _seat_after_organization(ctx, span) \
        or _byline_town(ctx, span)


def _byline_town(ctx: _Context, span: SpacySpan) -> bool:
    """ "By Adewale Momoh, Akure", "Author X, Gusau | The Herald": a city after a
    person's name and a comma, closing a line or a byline's cell, is where the
    reporter filed from."""
    doc = ctx.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    rest = ctx.text[span.end_char : span.end_char + 3].lstrip(" \t")
    if rest[:1] not in ("", "\n", "|"):
        return False
    line = ctx.text[ctx.text.rfind("\n", 0, span.start_char) + 1 : doc[span.start - 1].idx]
    return doc[span.start - 2].ent_type_ == "PERSON" or bool(BYLINE_NAME.fullmatch(line))


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
            and not _only_places(ctx, _core(ent)) and not _names_road(ctx, ent) \
            and not _designated_place(ctx, ent):
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
    return _of_organization(ctx, span) or _continues_office_name(ctx, span)


def _continues_office_name(ctx: _Context, span: SpacySpan) -> bool:
    """ "the UNODC Regional Office for Central America and the Caribbean": a place
    coordinated right after a field office's name that ends on a place is in the name."""
    doc, i = ctx.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "and":
        return False
    office = ctx.ent_of.get(i - 1)
    return office is not None and office.label_ == "ORG" and office.end == i \
        and any(t.text in ctx.words.field_offices and t.i + 1 < office.end
                and doc[t.i + 1].lower_ in ("in", "for") for t in office)


def _designated_place(ctx: _Context, ent: SpacySpan) -> bool:
    """ "[the Ihiala Local Government Area of Anambra State]" tagged ORG: a phrase headed
    by a designator names a place, not an organization; so does one right after a
    designator and "of" ("the prefectures of [Kpendjal and Kpendjal-Ouest]")."""
    root, doc, i = ent.root, ent.doc, ent.start
    return root.lower_ in ctx.words.suffixes or _lga_start(doc, root) is not None \
        or (i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].is_lower
            and doc[i - 2].lower_ in ctx.words.prefixes)


def _names_road(ctx: _Context, ent: SpacySpan) -> bool:
    """ "[the Abraka-Eku] road", "[the Kaduna-Abuja Highway]": the entity is a road's
    name, whose towns are places, with or without the road word inside it."""
    doc, roads = ent.doc, ctx.words.roads
    return ent[-1].lower_ in roads or (ent.end < len(doc) and doc[ent.end].lower_ in roads)


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


# What joins the names of a list or a road: hyphens, slashes, commas, "and".
JOINERS = re.compile(r"\s*(?:[-\u2013/,&]|\band\b)\s*")


def _only_places(ctx: _Context, span: SpacySpan) -> bool:
    """ "the Abuja-Kaduna", "Gabon and Mozambique", "Niger, Burkina Faso" tagged ORG: known
    places joined by hyphens, commas or "and" name no organization ("Federal University
    Lokoja" does)."""
    parts = [p for p in JOINERS.split(span.text) if p]
    return len(parts) > 1 and all(ctx.lookup(p) for p in parts)


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
    capitals = span.text.isupper()  # a letterhead's "GHANA POLICE SERVICE"
    for k in range(span.end, min(len(doc), span.end + 3)):  # "Zimbabwe Republic Police"
        word = doc[k].text.title() if capitals and doc[k].text.isupper() else doc[k].text
        if word in ctx.words.org_followers:
            return True
        if not word.istitle():
            break
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
