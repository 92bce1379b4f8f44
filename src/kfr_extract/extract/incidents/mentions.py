"""Abduction mentions: the words that report people being taken, and what each mention
says of the victims, the captors, the date and the places; sentences that report no
specific abduction (a crime's name, an intention, statistics) give none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kfr_extract.extract._spans import span_of
from kfr_extract.extract.incidents.document import KIND_RANK, _Doc, _group_in, _When
from kfr_extract.extract.incidents.victims import RELATIVE, _of_object, _personal, _victims
from kfr_extract.models import Place

SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
PERIOD_WORDS = re.compile(
    r"\b(?:since|so far|this year|last year|per year|a year|every year|each year|annually"
    r"|in the past|over the past|between \d{4}|from \d{4})\b", re.IGNORECASE)


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


def _mentions(d: _Doc, i: int) -> list[_Mention]:
    seg = d.segments[i]
    statistical = _statistical(d, seg)
    out = []
    for tok in d.tokens_with_lemma(_may_report(d.res.trigger_lemmas), seg):  # others: none
        patient = _abduction_patient(d, tok)
        if patient is False or (statistical and not _singled_out(d, tok, patient)):
            continue
        if _generic(d, tok):
            continue
        victims, description, anaphoric = _victims(d, patient, tok, seg) \
            if patient is not None else (None, None, False)
        if victims is not None and victims > 0 and _approximate_period(d, seg, patient):
            continue
        if patient is not None and _tallied(d, patient):
            continue
        when = _date_of(d, seg, tok)
        if when is not None and len(when.iso) < 10 and _cites_figures(d, seg):
            continue  # "According to figures ..., 87 people were abducted in November"
        agent = _agent(tok)
        if tok.lemma_.lower() in CAPTIVITY_VERBS:
            places, local = [], None  # where people are held is not where they were taken
        else:
            places, local = _places_in(d, seg, tok, agent), _locality(d, tok, patient)
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


# Verbs that report an abduction only with "hostage": "took them hostage", "held hostage";
# of them, those that tell of the captivity, not of the taking.
HOSTAGE_VERBS = frozenset(("take", "hold", "keep"))
CAPTIVITY_VERBS = frozenset(("hold", "keep"))


@lru_cache(maxsize=4)
def _may_report(trigger_lemmas: frozenset[str]) -> frozenset[str]:
    """The lemmas `_abduction_patient` looks further at (all other tokens: False)."""
    return trigger_lemmas | HOSTAGE_VERBS | {"fall", "deprive"}


def _abduction_patient(d: _Doc, tok: Token) -> Token | bool | None:
    """The people taken if `tok` reports an abduction (None when unsaid), else False."""
    lemma = tok.lemma_.lower()
    res = d.res
    if lemma not in res.trigger_lemmas and lemma not in HOSTAGE_VERBS \
            and lemma not in ("fall", "deprive"):
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
    if lemma == "deprive" and _of_liberty(tok):
        kinds = {"verb"}  # "deprived of liberty a vanilla producer": Spanish news's words
    hostage = any(c.lower_ in res.hostage for c in tok.children) or any(
        c.dep_ == "dobj" and (c.right_edge.lower_ in res.hostage or (
            c.right_edge.i + 1 < len(tok.doc) and tok.doc[c.right_edge.i + 1].lower_
            in res.hostage)) for c in tok.children)
    if lemma in HOSTAGE_VERBS and not hostage:
        hostage = _held_by_captors(d, tok)
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
    if tok.dep_ in ("amod", "acl") and patient is not None and not _personal(d, patient) \
            and not _freed_later(d, patient):
        return False
    if patient is not None and patient.lower_ in res.hostage and patient.head.i == tok.i:
        # "soldiers that they have held hostage", "a national held captive" (parsed as
        # the subject of "held"): the people are the antecedent or the subject.
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.lower_ not in RELATIVE]
        patient = tok.head if tok.dep_ in ("relcl", "acl") else \
            (subjects[0] if subjects and _personal(d, subjects[0]) else None)
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and patient is not None and \
            not _personal(d, patient) and not _freed_later(d, patient):
        return False  # "wanted on kidnapping charges" read as a gerund and its object
    if "verb" in kinds or hostage:
        return patient
    return patient if patient is not None and (
        _personal(d, patient) or _freed_later(d, patient)) else False


def _of_liberty(tok: Token) -> bool:
    return any(c.lower_ == "of" and any(g.lemma_.lower() in ("liberty", "freedom")
                                        for g in c.children) for c in tok.children)


def _captor_noun(d: _Doc, noun: Token) -> bool:
    """A noun named with a captor word: "gunmen"; "armed men" as its modifiers say it
    ("heavily armed men") or as its phrase opens ("armed individuals of the X gang")."""
    modified = " ".join(t.text for t in noun.subtree
                        if t.dep_ in ("amod", "compound") or t.i == noun.i)
    opening = d.text[noun.left_edge.idx : noun.idx + len(noun)].lower()
    return noun.lower_ in d.res.captors or opening in d.res.captors \
        or d.res.captor_pattern.fullmatch(modified) is not None


def _held_by_captors(d: _Doc, tok: Token) -> bool:
    """'migrants who were being held by smugglers', 'held for ransom': people held by
    captors, or for a ransom, were taken, whatever the verb that took them."""
    for prep in tok.children:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.dep_ == "agent" and any(_captor_noun(d, o) for o in objects):
            return True
        if prep.lower_ == "for" and any(o.lemma_.lower() == "ransom" for o in objects):
            return True
    return False


# The fates only people undergo: whoever is released, escapes or is killed after being
# taken is people ("rescued" is left out: a stolen car is "recovered").
PERSONAL_FATES = frozenset(("released", "escaped", "killed"))


def _freed_later(d: _Doc, noun: Token) -> bool:
    """"two topographers taken by the front ... were released": a noun the person
    lexicon does not know, taken and then freed or killed, stands for people."""
    head = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass") and \
        d.res.outcomes.get(head.lemma_.lower()) in PERSONAL_FATES and \
        any(c.dep_ in ("det", "nummod") for c in noun.children)


def _patient(tok: Token) -> Token | None:
    """Who undergoes the verb: the passive subject, the object, the noun a participle
    modifies ("kidnapped passengers"), or the antecedent of "who"."""
    own_clause = any(c.dep_ == "nsubj" for c in tok.children) and tok.tag_ == "VBD"
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON")
                              and not own_clause):
        # but "indications that the gang kidnapped a trader": a clause with its subject
        return _included_in(tok.head)
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]
    for child in tok.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            if child.lower_ in RELATIVE and tok.dep_ == "relcl":
                return _included_in(tok.head)
            return _glued_subject(subjects) if child.dep_ == "nsubjpass" else child
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


def _glued_subject(subjects: list[Token]) -> Token:
    """The first passive subject, unless a line break or a colon parts it from a later
    one: a headline or dateline parsed into the sentence ("SRINAGAR, Jun 4: Three
    officials ... were abducted"), where the nearest subject is the verb's."""
    first, last = subjects[0], subjects[-1]
    if first.i == last.i:
        return first
    between = first.doc[first.i : last.i].text
    return last if "\n" in between or ":" in between else first


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
    """The captors' words; the whole by-phrase when it hangs on the abduction ("abducted
    ... by gunmen in two vehicles")."""
    by = m.agent.head if m.agent is not None else None
    if by is not None and by.lower_ == "by" and by.head.i == m.trigger.i:
        return " ".join(t.text for t in m.agent.subtree)
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
    if tok.lemma_.lower() in CAPTIVITY_VERBS and tok.tag_ in ("VBP", "VBZ") \
            and not _in_title(d, tok):
        return True  # "the gangs that hold our hostages": a habit, not a captivity told
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.pos_ == "NOUN" and nxt is not None and nxt.lower_ == "for":
        return True
    return tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "for", "against")


def _in_title(d: _Doc, tok: Token) -> bool:
    """In the headline, which tells past events in the present ("Gunmen hold 5 traders")."""
    title = d.segments[d.title] if d.title is not None else None
    return title is not None and title.start_char <= tok.idx < title.end_char


def _statistical(d: _Doc, seg: SpacySpan) -> bool:
    """A sentence counting kidnappings ("142 kidnapping cases", "30 kidnappings")."""
    for tok in d.tokens_with_lower(d.res.statistic, seg):
        if tok.pos_ == "NOUN":
            if any(c.dep_ == "nummod" or c.like_num for c in tok.children):
                return True
            if any(c.dep_ == "compound" and any(g.like_num for g in c.children)
                   for c in tok.children):
                return True
    return False


def _singled_out(d: _Doc, trigger: Token, patient: Token | None) -> bool:
    """One abduction a sentence counting others names ("at least two other abductions
    ..., including the kidnapping of a trader in Muqdadiyah"): one person, brought in
    with an indefinite article, taken in "the kidnapping of"."""
    return patient is not None and trigger.pos_ == "NOUN" and patient.tag_ == "NN" and \
        _personal(d, patient) and any(c.dep_ == "det" and c.lower_ in d.res.indefinite
                                      for c in patient.children)


def _tallied(d: _Doc, patient: Token) -> bool:
    """"has counted 63 people abducted since May", "recorded 27 kidnappings": people
    counted by someone keeping a tally are a statistic, not the victims of one attack."""
    return patient.dep_ == "dobj" and patient.head.lemma_.lower() in d.res.tally_verbs


def _cites_figures(d: _Doc, seg: SpacySpan) -> bool:
    return any(t.lower_ in d.res.figures for t in seg)


def _approximate_period(d: _Doc, seg: SpacySpan, patient: Token) -> bool:
    """"More than 1,200 people were kidnapped in 2024": an approximate number of people
    over a year, a month or a period is a statistic."""
    approx = any(t.lower_ in d.res.approximators for t in patient.subtree
                 if t.i < patient.i)  # "more than 1,200 people", "at least 14 of its members"
    if not approx:
        return False
    if PERIOD_WORDS.search(seg.text):
        return True
    return any(seg.start_char <= s < seg.end_char and len(w.iso) < 10
               for s, _, w in d.dates)


def _date_of(d: _Doc, seg: SpacySpan, trigger: Token) -> _When | None:
    # "since October" starts a period: it dates no single abduction; but people "held
    # since Saturday, November 7" were taken that day
    held = trigger.lemma_.lower() in CAPTIVITY_VERBS
    here = [w for s, _, w in d.dates if seg.start_char <= s < seg.end_char
            and (not SINCE_BEFORE.search(d.text, max(0, s - 8), s)
                 or (held and len(w.iso) == 10))]
    verbs = {trigger.i}
    if trigger.dep_ in ("amod", "acl"):
        verbs.add(trigger.head.i)
    for w in here:
        if w.verb is not None and w.verb.i in verbs:
            return w
    if trigger.dep_ == "relcl":  # "a boy who had been kidnapped in Baqubah, on 29 December"
        for s, _, w in d.dates:
            if seg.start_char <= s < seg.end_char and _on_noun(d, s, trigger.head):
                return w
    framing = _framing_verb(trigger)
    for w in here:
        if framing is not None and w.verb is not None and w.verb.i == framing.i \
                and len(w.iso) < 10:
            return w
    # The parse often attaches a date to the verb governing the abduction ("are reported
    # on Wednesday to have kidnapped"): take one that no other event claims.
    loose = [w for w in here if w.verb is None or (
        not _claimed(d, w.verb, trigger) and _verb_chain(trigger, w.verb))]
    return loose[0] if len(loose) == 1 else None


def _on_noun(d: _Doc, char: int, noun: Token) -> bool:
    """The date at `char` hangs on `noun` itself (through a preposition), no verb between."""
    span = d.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    for anc in span[0].ancestors:
        if anc.i == noun.i:
            return True
        if anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def _framing_verb(trigger: Token) -> Token | None:
    """The verb of the clause whose subject people taken are ("In June, two surveyors
    taken by the rebels were released after 23 days"): a month or year on it frames
    the whole story, the abduction first; a day is the release's own."""
    if trigger.dep_ not in ("acl", "amod"):
        return None
    noun = trigger.head
    return noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None


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
                names = _first_name_run(names)
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


def _first_name_run(names: list[Token]) -> list[Token]:
    """The first name of several in a phrase ("the Xinantécatl volcano, better known as
    the Nevado de Toluca", "the town of Celaya, Guanajuato"): proper nouns joined by
    nothing but a particle ("Nevado de Toluca")."""
    run = names[:1]
    for token in names[1:]:
        gap = token.doc[run[-1].i + 1 : token.i]
        if any(not (t.is_lower and len(t) <= 3 and t.is_alpha) for t in gap):
            break
        run.append(token)
    return run


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
    """A verb other than the trigger that a date may belong to: an outcome, an arrest or a
    court's act."""
    if verb.i == trigger.i:
        return False
    lemma = verb.lemma_.lower()
    return (lemma in d.res.outcomes or lemma in d.res.arrest or lemma in d.res.reporting
            or lemma in d.res.captivity_verbs or lemma in d.res.court_verbs)


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
