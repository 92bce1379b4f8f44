"""Filling an incident's slots from its mentions and sentences, each value with the
sentence it was read from as evidence: victims, date, place, perpetrators, outcome,
ransom and arrests.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kfr_extract.extract._spans import span_of
from kfr_extract.extract.incidents.document import KIND_RANK, _Doc, _group_in, _When
from kfr_extract.extract.incidents.grouping import _Incident, _ordered
from kfr_extract.extract.incidents.mentions import (
    _agent_text,
    _captor_noun,
    _generic,
    _Mention,
    _patient,
)
from kfr_extract.extract.incidents.outcome import _operation_date, _outcome
from kfr_extract.extract.incidents.victims import RELATIVE, _number_of, _of_object, _personal
from kfr_extract.models import Amount, Incident, IncidentEvidence, Place

MIN_GROUP_WORD_USES = 2  # "the gang" once may be in passing; twice, it is the text's word
GROUP_PRONOUNS = frozenset(("it", "they", "we"))  # a group speaking of its own deeds
PER_HEAD = re.compile(r"\s*(?:per|a|for each|each)\s*(?:head|person|victim|hostage|captive)?\b",
                      re.IGNORECASE)


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
    # a count of people named over one a pronoun gives ("holding him for ransom")
    victims = next((m for m in sorted(mentions, key=lambda m: _by_pronoun(d, m)) if m.victims),
                   None)
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
    where = (placed[0].places[0][1], placed[0].segment) if placed else None
    if where is None or KIND_RANK.get(where[0].kind, 3) > 0 \
            or _road_end(d.text, placed[0].places[0][0]):
        # a town or village where they struck, not the state or a road's end
        where = _attack_place(d, inc) or where
    if where:
        place, seg_index = where
        values["place"] = place.name
        values["country_code"] = place.country_code or d.country or d.money_country
        cite(seg_index, "place")
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
        if when is None and kind == "rescued":
            operation = _operation_date(d, inc, values.get("date") or "")
            if operation is not None:
                when, seg_index = operation
        if when and not any(m.date is when for m in inc.mentions):  # a date framing both
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


def _by_pronoun(d: _Doc, m: _Mention) -> bool:
    return m.patient is not None and m.patient.lower_ in d.res.pronouns


def _attack_date(d: _Doc, inc: _Incident) -> tuple[_When, int] | None:
    """The date of the attack in which the people were taken, when the abduction
    sentence gives none ("on September 7 ... attacked Kudewa village")."""
    for i in _ordered(d, inc):
        seg = d.segments[i]
        for s, e, w in d.dates:
            if not seg.start_char <= s < seg.end_char:
                continue
            if w.verb is not None and w.verb.lemma_.lower() in d.res.attack:
                return w, i
            # the captors' deeds date the attack only with a day told as a date: not a
            # weekday counted back ("Last Wednesday, a gang stole ...") nor a year
            # ("late 2021, when insurgents attacked villages")
            if len(w.iso) == 10 and not w.resolved and (
                    (w.verb is not None and _attack_verb(d, w.verb)) or _attack_when(d, s, e)):
                return w, i
    return None


# A town named as one end of a road ("on the road between [Ambo] and [Guder]"), right
# before the town's name.
ROAD_END = re.compile(r"\bbetween\s+(?:[A-Z][\w'\u2019.-]*\s+){0,3}(?:and\s+)?\Z")


def _road_end(text: str, start: int) -> bool:
    return ROAD_END.search(text, max(0, start - 60), start) is not None


def _attack_place(d: _Doc, inc: _Incident) -> tuple[Place, int] | None:
    """A town or village where the captors struck, in the incident's sentences, when the
    abduction's own sentence names only a region ("were kidnapped in Southern Highlands
    Province ... armed men stopped the vehicle near Tente village")."""
    for i in _ordered(d, inc):
        seg = d.segments[i]
        for s, _, place, verb, located in d.places:
            if seg.start_char <= s < seg.end_char and located and verb is not None \
                    and verb.lemma_.lower() in d.res.attack and KIND_RANK.get(place.kind, 3) == 0:
                return place, i
    return None


def _attack_verb(d: _Doc, verb: Token) -> bool:
    """A verb of attack, or one the captors do ("forced into a car by three armed men
    on 9 March"), or one a "when" clause of theirs dates ("were travelling on Sunday,
    May 17, when about 12 gunmen opened fire")."""
    if verb.lemma_.lower() in d.res.attack or _by_captors_word(d, verb):
        return True
    return any(c.dep_ == "advcl" and (c.lemma_.lower() in d.res.attack or any(
        _by_captors_word(d, v) for v in (c, *c.conjuncts))) for c in verb.children)


def _attack_when(d: _Doc, start: int, end: int) -> bool:
    """A date with a clause of the captors' deed ("on Sunday, May 17, 2026, when about
    12 gunmen opened fire"), hung on the date by the parse."""
    span = d.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        c.dep_ in ("relcl", "advcl") and (c.lemma_.lower() in d.res.attack or
                                          _by_captors_word(d, c))
        for t in span for c in t.children)


def _by_captors_word(d: _Doc, verb: Token) -> bool:
    """The verb's doer is named with a captor word ("gunmen", "armed men")."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    return any(_captor_noun(d, doer) for doer in doers)


def _perpetrators(d: _Doc, inc: _Incident) -> tuple[str, int] | None:
    """A group named as the captors, else one named in the incident's sentences (blamed,
    suspected), else the captors' word for themselves when it says more than "armed
    men", else the group word the text keeps using for these captors ("the gang"),
    else the captors' word, else any captor word there."""
    agents = [(_agent_text(d, m), m.segment) for m in inc.mentions if m.agent is not None]
    agents.sort(key=lambda agent: agent[1] == d.title)  # the body's words over the headline's
    for m in inc.mentions:
        named = _unit_referred_to(d, m.agent)
        if named:
            return named, m.segment
    segments = _ordered(d, inc)
    for phrase, i in agents:
        named = _group_in(d, phrase)
        if named:
            return named, i
    for i in segments:
        named = _group_in(d, d.segments[i].text)
        if named:
            return named, i
    words = [(named, i) for phrase, i in agents for named in [_captor_in(d, phrase)] if named]
    if words and words[0][0].lower() not in d.res.generic_captors:
        return words[0]
    kept = _kept_group_word(d, inc)
    if kept:
        return kept
    if words:
        return words[0]
    for i in [m.segment for m in inc.mentions] + segments:
        named = _captor_in(d, d.segments[i].text)
        if named:
            return named, i
    return None


def _kept_group_word(d: _Doc, inc: _Incident) -> tuple[str, int] | None:
    """The group word ("the gang", "the syndicate") the incident's sentences use for
    particular captors at least `MIN_GROUP_WORD_USES` times, the most used, the first
    on a tie; "gangs" in general ("armed gangs") does not count."""
    uses: dict[str, list[tuple[str, int]]] = {}
    for i in sorted(i for i in inc.segments if i != d.title):
        text = d.segments[i].text
        for found in d.res.captor_pattern.finditer(text):
            word = found.group()
            before = text[max(0, found.start() - 40) : found.start()].lower().split()[-2:]
            if word.lower() not in d.res.captor_groups or \
                    not d.res.definite.intersection(before):
                continue  # "the (alleged) gang", not "armed gangs"
            uses.setdefault(_captor_key(word), []).append((word, i))
    used = [u for u in uses.values() if len(u) >= MIN_GROUP_WORD_USES]
    if not used:
        return None
    return max(used, key=lambda u: (len(u), -u[0][1]))[0]


def _captor_key(word: str) -> str:
    """One key for a captor word's forms: "gang", "gangs", "gang members"."""
    return word.lower().split()[0].removesuffix("s")


def _unit_referred_to(d: _Doc, agent: Token | None) -> str | None:
    """"taken by the same front": the unit of that noun the text named last before."""
    if agent is None or agent.lower_ not in d.res.unit_nouns or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in agent.children):
        return None
    before = d.text[: agent.idx]
    named = [(m.start(), name) for name, pattern in d.armed
             if name.lower().endswith(agent.lower_) for m in pattern.finditer(before)]
    return max(named)[1] if named else None


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


_PAY = frozenset(("pay", "payment"))


def _payment_said(d: _Doc, seg: SpacySpan) -> str | None:
    """"yes" for "paid a ransom" with no amount, "no" for "no ransom was paid", "paid
    nothing", "No payment was made"."""
    for tok in d.tokens_with_lemma(_PAY, seg):
        if tok.pos_ == "NOUN":
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) \
                    and not _intended(d, tok):
                return "no"
            continue
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lower_ == "nothing" for o in objects) and not _intended(d, tok):
            return "no"
        ransom = [o for o in objects if o.lemma_.lower() == "ransom" or
                  (_of_object(o) is not None and _of_object(o).lemma_.lower() == "ransom")]
        negative = any(c.dep_ == "neg" for c in tok.children) or \
            any(c.lower_ == "no" for o in ransom for c in o.children) or \
            tok.head.lemma_.lower() in d.res.negative_heads or \
            any(a.lower_ == "without" for a in tok.ancestors)
        if not ransom and negative:  # "did not pay a single quetzal", "paid no money"
            ransom = [o for o in objects if o.lower_ in d.res.money_nouns]
        if not ransom or _unsure(tok) or _intended(d, tok) or \
                any(c.dep_ == "aux" and c.lower_ in d.res.modals for c in tok.children):
            continue  # "would not pay any ransom": a stance, not what happened
        return "no" if negative else "yes"
    return None


def _intended(d: _Doc, verb: Token) -> bool:
    """"trying to get them released without paying", "urged the families not to pay
    any ransom": an aim or an appeal, not a fact."""
    return any(a.lemma_.lower() in d.res.intentions or a.lemma_.lower() in d.res.wishes
               for a in verb.ancestors)


def _unsure(verb: Token) -> bool:
    """"did not say whether a ransom was paid", "it was not clear if": not told."""
    for tok in [verb, *verb.ancestors]:
        if any(c.lower_ in ("whether", "if") and c.dep_ == "mark" for c in tok.children):
            return True
    return False


def _arrested(d: _Doc, inc: _Incident) -> tuple[int, int] | None:
    for i in _ordered(d, inc):
        for tok in d.tokens_with_lemma(d.res.arrest, d.segments[i]):
            if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no"
                                          for c in tok.children):
                return 0, i  # "No arrest was made in that case"
            if _generic(d, tok):
                continue
            if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBD"):
                continue
            who = _patient(tok)
            if who is None or _by_captors(d, tok):
                continue
            if tok.lemma_.lower() == "capture" and _personal(d, who):
                continue  # "captured ten villagers" is an abduction
            if who.lower_ in RELATIVE:
                who = tok.head
            if who.lower_ == "nobody" or any(c.dep_ == "det" and c.lower_ == "no"
                                             for c in who.children):
                return 0, i  # "No one was arrested", "nobody has been arrested"
            conjuncts = [who, *[c for c in who.conjuncts if c.i > who.i]]
            numbers = [_arrest_number(d, c) for c in conjuncts]
            if all(n is not None for n in numbers):
                return sum(numbers), i
            heading = _heading_count(d, who)
            if heading is not None:
                return heading, i
    return None


def _by_captors(d: _Doc, verb: Token) -> bool:
    """"its fighters had captured six elements of the militia": people an armed group
    captures are its captives, not suspects arrested."""
    def captors(tok: Token) -> bool:
        return any(c.dep_ == "nsubj" and (c.lower_ in d.res.captors or _group_in(
            d, d.text[c.left_edge.idx : c.right_edge.idx + len(c.right_edge)]))
                   for c in tok.children)

    if captors(verb):
        return True
    # "Al-Shabaab said it had arrested six agents": the group's own pronoun
    if any(c.dep_ == "nsubj" and c.lower_ in GROUP_PRONOUNS for c in verb.children):
        return any(captors(a) for a in verb.ancestors if a.pos_ in ("VERB", "AUX"))
    return False


def _heading_count(d: _Doc, who: Token) -> int | None:
    """The count that opens the phrase of those arrested, when the parse lost it in a
    list of names: "Four suspects, namely A, 29, B, 34 ... and D, 31, were arrested"."""
    first = d.doc[who.left_edge.i]
    if not first.like_num:
        return None
    noun = first.head
    if first.dep_ != "nummod" or not (noun.lower_ in d.res.suspect_words or
                                      _personal(d, noun)):
        return None
    return _number_of(d, noun)


def _arrest_number(d: _Doc, tok: Token) -> int | None:
    n = _number_of(d, tok)
    if n is not None:
        return n
    if any(c.lower_ in ("a", "an", "one") for c in tok.children if c.dep_ == "det"):
        return 1
    return None
