"""Who was taken and how many: whether a phrase stands for people, the number it gives
(number words, conjoined people, companions taken with them), and whether it refers
back to people named before.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kfr_extract.extract.incidents.document import _Doc

RELATIVE = {"who", "that", "which", "whom"}

# Entity labels of numbers that count no people.
NOT_PEOPLE = frozenset(("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"))


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
    if tok.ent_type_ in NOT_PEOPLE:
        return False  # "in 2025": a year counts no one
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
    conjuncts = [c for c in (_unhostage(d, c) for c in [patient, *patient.conjuncts,
                                                       *_stray_conjuncts(d, patient)]
                             if c.i >= patient.i)
                 if c.i == patient.i or _counted_apart(c)]
    before = _conjunct_before(d, patient, seg)
    if before is not None:
        conjuncts.insert(0, before)
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
    first = max(conjuncts[0].left_edge.i, seg.start)
    last = min(max(c.i for c in conjuncts), seg.end - 1)
    description = d.doc[first : last + 1].text if first <= last else patient.text
    anaphoric = _anaphoric(d, patient) and len(conjuncts) == 1
    return total, description, anaphoric


def _stray_conjuncts(d: _Doc, patient: Token) -> list[Token]:
    """People the parse joined to a place or a thing inside the victims' phrase: in
    "the chief of the village of X and eleven women" the women hang on "X", yet it is
    the chief and the women who were taken."""
    out = []
    node = _of_object(patient)
    while node is not None:
        if not _names_people(d, node):
            out.extend(c for c in node.conjuncts if c.i > node.i and _personal(d, c)
                       and any(g.dep_ == "nummod" for g in c.children))
        node = _of_object(node)
    return out


def _names_people(d: _Doc, tok: Token) -> bool:
    """Whether the word itself names people (not through what is joined to it)."""
    return tok.ent_type_ in ("PERSON", "NORP") or tok.lower_ in d.res.persons or \
        tok.lemma_.lower() in d.res.persons or tok.lower_ in d.res.pronouns


def _conjunct_before(d: _Doc, patient: Token, seg: SpacySpan) -> Token | None:
    """The first of two conjoined groups when the parse made the second the victims:
    in "Two engineers of the state works department and their driver were abducted"
    (with a dateline before) "driver" alone is the subject; the people before "and",
    with a number of their own, were taken with him."""
    if any(c.i < patient.i for c in patient.conjuncts):
        return None
    cc = patient.left_edge.i - 1
    if cc <= seg.start or d.doc[cc].lower_ != "and":
        return None
    node, found = d.doc[cc - 1], None
    while seg.start <= node.i < cc:
        if node.pos_ in ("NOUN", "PROPN") and _personal(d, node) and \
                any(c.dep_ == "nummod" for c in node.children):
            found = node
        if node.head.i == node.i:
            break
        node = node.head
    return found


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
        if child.dep_ == "nummod" and not _across_lines(d, child, tok):
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


def _across_lines(d: _Doc, a: Token, b: Token) -> bool:
    """A line break between two tokens: a parse joining a dateline's "16" to the lead's
    "boy" gives no count of the boy."""
    first, last = sorted((a, b), key=lambda t: t.i)
    return "\n" in d.text[first.idx + len(first) : last.idx]


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
    """"they", "the victims", "the 12 passengers": people named before; but "the son of a
    Chimoio businessman" brings in someone new."""
    if tok.lower_ in d.res.pronouns or tok.lower_ in RELATIVE:
        return True
    if any(c.dep_ == "det" and c.lower_ in d.res.indefinite
           for of in tok.children if of.dep_ == "prep" and of.lower_ == "of"
           for obj in of.children if obj.dep_ == "pobj" for c in obj.children):
        return False
    return any(c.lower_ in d.res.definite for c in tok.children if c.dep_ in ("det", "poss"))
