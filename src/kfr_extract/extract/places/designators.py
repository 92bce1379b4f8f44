"""Names a designator word marks as places: 'Arauca province', 'the town of Luuk',
'Barangay Mandih', 'Kajuru Local Government Area'.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kfr_extract.extract.gazetteer import Entry, fold_accents
from kfr_extract.extract.places.mention import (
    Mention,
    _Context,
    _designated_target,
    _glued_hyphen,
    _lga_start,
    _line_start,
    _unknown,
)


def _designator_mentions(ctx: _Context) -> Iterator[Mention]:
    """Names a designator word marks as places: "Arauca province", "town of Luuk",
    "Barangay Mandih", "Kajuru Local Government Area", "Maru LGA"."""
    doc, words = ctx.doc, ctx.words

    def may_designate(word: str) -> bool:
        low = word.lower()
        return low in words.suffixes or low in words.prefixes or word == "Government" \
            or word in ("area", "areas") or (
            word[:1].isupper() and word.rstrip(".").capitalize() in words.leads)

    for token in map(doc.__getitem__, ctx.where(may_designate)):
        kind = ctx.words.suffixes.get(token.lower_)
        if kind and token.i > 0:
            yield from _suffix_designated(ctx, token, kind)
        elif token.text in ("Government", "area", "areas") and _lga_start(doc, token) is not None:
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
        options = _designated_options(ctx.lookup(base), kind, ctx.codes, ctx.code_sites)
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
        if _glued_hyphen(doc, run[k - 1]):
            continue  # "Akoko-Edo Local Government Area": one name, not Edo's
        tail = text(run[k:])
        if any(e.subdivision and _named_elsewhere(ctx, e.code, tail) for e in ctx.lookup(tail)):
            return run[k:]
    return run


def _named_elsewhere(ctx: _Context, code: str | None, name: str) -> bool:
    """Whether the text names a place of country `code` other than `name` itself (so
    "Bahema Nord chiefdom" in a report on Congo is not Burkina Faso's Nord)."""
    return any(site != name.casefold() for site in ctx.code_sites.get(code or "", ()))


def _dateline_designator(ctx: _Context, token) -> bool:
    """ "ZAMBOANGA CITY, Philippines": a capitalized name with its designator opening
    the dateline line, all in capitals."""
    run = _name_run_before(ctx, token.i)
    return bool(run) and token.text.capitalize() in ctx.words.in_names \
        and all(ctx.doc[i].text.isupper() for i in run) \
        and _line_start(ctx.text, ctx.doc[run[0]].idx)


def _designated_options(
    entries: list[Entry], kind: str, codes: set[str], sites: dict[str, set[str]]
) -> tuple[Entry, ...]:
    """With a region's designator, the state before the city of the same name
    ("Katsina State" is not Katsina, its capital), and before a country of that name
    when the text names places in the state's country ("Niger State" in a report on
    Nigeria; "Mali state broadcaster" is Mali's); of two countries' regions of that
    name, the one in the country the text names most places in ("the Savanes region"
    of a report on Togo, not Côte d'Ivoire's)."""
    if kind != "region":
        return tuple(entries)
    homonym = any(e.kind == "country" for e in entries)

    def rank(entry: Entry) -> tuple[bool, bool, int]:
        foreign = entry.code not in codes  # "Huila" in Colombia, not "Huíla" in Angola
        return (entry.subdivision is None or (homonym and foreign), foreign,
                -len(sites.get(entry.code or "", ())))

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
    while j < len(doc) and len(run) < 3 and _continues_name(ctx, run, j):
        run.append(j)  # "Barangay Sanga-Sanga"
        j += 1
    if not run or _has_acronym(doc, run):
        return
    start, stop = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
    base = ctx.text[start:stop]
    options = tuple(ctx.lookup(base))
    targets = [_designated_target(e, base, kind) for e in options[:1]] or [_unknown(base, kind)]
    yield Mention(token.idx, stop, targets, "designator", options=options, surface=base,
                  kind=kind)


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
            elif j >= 2 and doc[j - 1].lower_ in ctx.res.particles \
                    and _is_name_token(ctx, doc[j - 2]):
                run[:0] = [j - 2, j - 1, j]  # "Deir ez-Zor province"
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
        while j < len(doc) and len(run) < 5 and _continues_name(ctx, run, j):
            run.append(j)  # "the municipality of Valle de Chalco"
            j += 1
        yield from _prefix_run(ctx, token, run)
        if not (run and token.lower_.endswith("s") and j + 1 < len(doc)
                and doc[j].text in (",", "and") and _is_name_token(ctx, doc[j + 1])):
            return
        j += 1


def _modifies_noun(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN" and doc[i + 1].is_lower


def _continues_name(ctx: _Context, run: list[int], j: int) -> bool:
    """Whether token ``j`` extends the name ``run``: a name word, or a particle or glued
    hyphen between name words ("Valle de Chalco", "Sanga-Sanga")."""
    doc = ctx.doc
    return _is_name_token(ctx, doc[j]) or (
        bool(run) and (doc[j].lower_ in ctx.res.particles or _glued_hyphen(doc, j))
        and j + 1 < len(doc) and _is_name_token(ctx, doc[j + 1]))


def _prefix_run(ctx: _Context, token, run: list[int]) -> Iterator[Mention]:
    doc = ctx.doc
    if not run or doc[run[0]].text in ctx.words.not_place or _has_acronym(doc, run) \
            or _peoples_community(ctx, token, run) or _modifies_noun(doc, run[-1]):
        return  # "the community of Fulani herders": a people
    start, end = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])
    base = ctx.text[start:end]
    kind = ctx.words.suffixes.get(token.lower_, "other")
    options = _designated_options(ctx.lookup(base), kind, ctx.codes, ctx.code_sites)
    targets = [_designated_target(e, base, kind) for e in options[:1]]
    display = None
    if _names_a_country_too(ctx, base, options):
        start = token.idx  # "the state of Mexico"
        display = ctx.text[start:end]
    yield Mention(start, end, targets or [_unknown(base, kind)], "designator", display,
                  options=options, surface=base, kind=kind)
