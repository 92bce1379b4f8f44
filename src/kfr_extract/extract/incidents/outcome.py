"""How an incident ended: the fate told of most of its victims (released, rescued,
escaped, killed) with its date, or "held" while they are still captive.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kfr_extract.extract.incidents.document import _Doc, _group_in, _When
from kfr_extract.extract.incidents.grouping import _Incident, _ordered
from kfr_extract.extract.incidents.mentions import _generic
from kfr_extract.extract.incidents.victims import (
    NOT_PEOPLE,
    RELATIVE,
    _anaphoric,
    _number_of,
    _of_object,
    _personal,
)

STILL_HELD = re.compile(
    r"\b(?:still|remain(?:s|ed)?|are being|is being|were being|was being)\s+(?:being\s+)?"
    r"(?:held|in captivity|captive|missing|in the hands of|with (?:the|their|his|her) "
    r"(?:abductors|kidnappers|captors))", re.IGNORECASE)


PLACE_PREPOSITIONS = frozenset(("in", "at", "from", "near"))
OUTCOME_PREFERENCE = ("rescued", "released", "escaped", "killed")


def _outcome(d: _Doc, inc: _Incident) -> tuple[str, int | None, int, _When | None] | None:
    """The fate told of most victims; "held" when the text says they are still captive,
    or when what it tells happened to a minority ("released 11 of their victims")."""
    found: list[tuple[str, int | None, int, _When | None]] = []
    victim_heads = {m.patient.lemma_.lower() for m in inc.mentions if m.patient is not None}
    victims = max((m.victims for m in inc.mentions if m.victims), default=None)
    lemmas = d.once("outcome", lambda: frozenset(d.res.outcomes) | {"find"})
    for i in _ordered(d, inc):
        seg = d.segments[i]
        for tok in d.tokens_with_lemma(lemmas, seg):  # `_outcome_of` is None for the others
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


def _operation_date(d: _Doc, inc: _Incident, taken: str) -> tuple[_When, int] | None:
    """The day of the operation that freed the victims, when the rescue itself has no
    date: a raid or arrests dated in the incident's sentences ("On 25 September 2026,
    detectives raided the house and rescued the victim"; "were arrested during the
    raid in the early hours of Saturday, 14 March"). A day told as a date only, not a
    weekday counted back, and after the abduction's day `taken` (its ambush is no
    rescue)."""
    lemmas = d.res.attack | d.res.arrest
    for i in _ordered(d, inc):
        seg = d.segments[i]
        for s, _, w in d.dates:
            if seg.start_char <= s < seg.end_char and len(w.iso) == 10 and w.iso > taken \
                    and not w.resolved and w.verb is not None \
                    and w.verb.lemma_.lower() in lemmas:
                return w, i
    return None


def _still_captive(d: _Doc, seg: SpacySpan) -> bool:
    """A demand still standing ("are demanding", "demands"), talks under way, or efforts
    to rescue: the victims are held."""
    lemmas = d.once("still_captive", lambda: frozenset(
        ("demand", "negotiate", "want", "negotiation", "negotiations",
         *(lemma for lemma, fate in d.res.outcomes.items() if fate in ("rescued", "released")))))
    for tok in d.tokens_with_lemma(lemmas, seg):  # the others say nothing of it
        lemma = tok.lemma_.lower()
        if lemma in ("demand", "negotiate", "want") and tok.pos_ in ("VERB", "AUX"):
            present = tok.tag_ in ("VBZ", "VBP") or (
                tok.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in tok.children))
            if present:
                return True
        if lemma in ("negotiation", "negotiations") and tok.pos_ == "NOUN":
            return True
        if d.res.outcomes.get(lemma) in ("rescued", "released") and (
                _generic(d, tok) or _standing(_unrealized(d, tok))):
            return True  # "efforts to rescue the victims", "until they are rescued"
    return False


def _standing(wish: Token | None) -> bool:
    """A wish or condition that still holds: a subordinator ("until they are rescued")
    or a verb not in the past ("urge the troops to free them"; not "had asked for N5m
    for their release", a demand that may since have been met)."""
    return wish is not None and (wish.dep_ == "mark" or wish.tag_ not in ("VBD", "VBN"))


# How far up a fate's word the words that ask or hope for it are looked for: through
# objects, clauses and prepositions ("demanded [Rs 1 crore [for [the release]]]"), not
# across adverbial clauses ("asked for money before they released him" tells a release).
WISHED_THROUGH = frozenset(("dobj", "pobj", "prep", "xcomp", "ccomp", "nsubjpass", "acl"))


def _unrealized(d: _Doc, tok: Token) -> Token | None:
    """A fate hoped for, asked for or set as a condition, not one that happened:
    "until the three men are rescued", "demanded N5m for their release", "called for
    the release of the hostages". The word that says so (the subordinator or the verb
    of wishing), else None."""
    node = tok
    while True:
        mark = next((c for c in node.children
                     if c.dep_ == "mark" and c.lower_ in d.res.conditions), None)
        if mark is not None:
            return mark
        if node is not tok and node.lemma_.lower() in d.res.wishes:
            return node
        if node.dep_ not in WISHED_THROUGH or node.head.i == node.i:
            return None
        node = node.head


def _outcome_of(d: _Doc, tok: Token, victim_heads: set[str],
                victims: int | None) -> tuple[str, int | None] | None:
    lemma = tok.lemma_.lower()
    outcome = d.res.outcomes.get(lemma)
    if lemma == "find" and any(c.lower_ == "dead" for c in tok.subtree):
        outcome = "killed"
    if outcome is None:
        return None
    if _unrealized(d, tok) is not None:
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
        who = _antecedent(tok.head)
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
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if who is None and tok.dep_ == "conj" and passive:
        who = _lost_subject(tok, victim_heads)
    if who is None and not passive and not intransitive:
        who = _lost_object(tok, victim_heads)
    if who is None or not _victim_like(d, who, victim_heads, victims):
        return None
    if outcome == "killed" and not _killed_by_captors(d, tok):
        return None
    if outcome == "released" and _by_security(d, tok):
        outcome = "rescued"
    return outcome, _group_size(d, who, victim_heads, victims)


LOST_SUBJECT_REACH = 30  # tokens back from a passive fate verb to its lost subject


def _lost_subject(verb: Token, victim_heads: set[str]) -> Token | None:
    """"An 11-year-old boy who was snatched ... has been rescued", where the parse hangs
    "rescued" on another clause and loses its subject: the victims' noun nearest before
    it in the same sentence, outside any prepositional phrase."""
    start = max(verb.sent.start, verb.i - LOST_SUBJECT_REACH)
    for tok in reversed(verb.doc[start : verb.i]):
        if tok.lemma_.lower() in victim_heads and tok.dep_ != "pobj":
            return tok
    return None


def _antecedent(noun: Token) -> Token:
    """"a trader in Muqdadiyah, who was released": the parse hangs the relative clause
    on the place; the person before the place is who it tells of."""
    while noun.pos_ == "PROPN" and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and \
            noun.head.lower_ in PLACE_PREPOSITIONS and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def _lost_object(verb: Token, victim_heads: set[str]) -> Token | None:
    """"its forces freed, at dawn on Friday, 1 January 2027, a seven-year-old boy", where
    the parse cuts the object off after the inserted phrase: the victims' noun nearest
    after the verb in the same sentence, before any other verb, outside prepositions."""
    end = min(verb.sent.end, verb.i + 1 + LOST_SUBJECT_REACH)
    for tok in verb.doc[verb.i + 1 : end]:
        if tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.lemma_.lower() in victim_heads and tok.dep_ != "pobj":
            return tok
    return None


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
    if tok.ent_type_ in NOT_PEOPLE:
        return False  # "a producer kidnapped in 2025, who was released": the year is none
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
    if not actors and verb.dep_ == "conj":  # "Forces raided the orchard, freed the child"
        actors = [c for c in verb.head.children if c.dep_ == "nsubj"]
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
