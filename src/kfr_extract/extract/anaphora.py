"""Who a definite noun phrase refers back to: 'the officer', 'the victim', 'the brother'.

Shared by speakers (who has a speaking role) and quotes (who said this quotation). News
introduces people by description ('A police officer at the scene said ...', 'a
pharmacist, one Mrs X, was abducted') and then refers to them by a noun: the noun points
back to its own last use, or, for a kidnapping's victim, to the person reported taken.
Each check reads only the tokens between the noun and a nearby floor, or one token chain
per earlier person mention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Token

from kfr_extract.extract.lexicons import words
from kfr_extract.extract.syntax import end_char, is_definite
from kfr_extract.paths import read_lexicon

INDEFINITE = {"a", "an", "one", "another"}
Who = TypeVar("Who")  # a name, or a person being read


def load_abduction_lemmas(lexicon_dir: Path) -> frozenset[str]:
    """Verb lemmas that report people being taken ('abduct'; 'seize' when a person is)."""
    out = set()
    for line in read_lexicon(lexicon_dir / "incidents_abduction_words.tsv"):
        lemma, _, kind = line.partition("\t")
        if kind in ("verb", "weak"):
            out.add(lemma.lower())
    return frozenset(out)


def load_victim_nouns(lexicon_dir: Path) -> frozenset[str]:
    return words(lexicon_dir, "speakers_victim_nouns.txt", lower=True)


def previous_use(noun: Token, floor: int) -> Token | None:
    """The last earlier noun of the same word (or its plural: 'one of the nurses' ...
    'the nurse') at or after char ``floor``."""
    doc, i = noun.doc, noun.i - 1
    while i >= 0 and doc[i].idx >= floor:
        tok = doc[i]
        same = tok.lower_ == noun.lower_ or (tok.pos_ == "NOUN" and tok.lemma_ == noun.lemma_)
        if same and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "poss":
            return tok
        i -= 1
    return None


def later_use(nouns: set[str], start: int, end: int, doc_tokens: Iterable[Token]) -> Token | None:
    """'A spokesman for the force said ... "…," the spokesman said. / The spokesman, X,
    added ...': the first definite noun between chars ``start`` and ``end`` whose lemma is
    one of ``nouns`` (the words an unnamed person was introduced by). News often names a
    source only in the paragraph after its first quotation. A title in capitals ('The
    Senior Divisional Officer for X, Y,') names an office anew, not the person met before."""
    for tok in doc_tokens:
        if tok.idx >= end:
            break
        if tok.idx >= start and tok.pos_ in ("NOUN", "PROPN") and is_definite(tok) \
                and tok.lemma_.lower() in nouns and tok.text.islower():
            return tok
    return None


def introduced_by(subject: Token) -> set[str]:
    """The nouns an unnamed person is introduced by: the subject's own ('a spokesman'),
    its apposition's ('One of the freed passengers, a lecturer at ...') and the group a
    partitive picks from ('passengers')."""
    out = {subject.lemma_.lower()}
    for tok in subject.subtree:  # the parse may hang the apposition on the group noun
        if tok.dep_ == "appos" and tok.pos_ == "NOUN":
            out.add(tok.lemma_.lower())
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "of" and is_partitive_one(subject):
            out |= {g.lemma_.lower() for g in child.children if g.dep_ == "pobj"}
    return out


def is_partitive_one(tok: Token) -> bool:
    """'One of the freed men', 'one of the nurses': one person picked from a group the
    text does not name one by one."""
    return tok.lower_ == "one" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children)
        for c in tok.children
    )


def unnamed_source(subject: Token, person_words: frozenset[str], reporting: frozenset[str]) -> bool:
    """A subject that stands for one person the text does not name: a partitive ('One of
    the nurses ... told'), or an indefinite singular noun that is a person word ('a
    relative of one of the passengers, who asked not to be named') or reports something
    ('a money changer in the market said'). The caller has checked that no name is
    apposed to it."""
    if is_partitive_one(subject):
        return True
    if subject.pos_ != "NOUN" or subject.tag_ != "NN":
        return False
    if not _indefinite(subject):
        return False
    head = subject.head
    return subject.lower_ in person_words or (
        head.pos_ == "VERB" and head.lemma_.lower() in reporting
    )


def _indefinite(noun: Token) -> bool:
    """'a relative', or a noun owned by an indefinite one ('a schoolboy's father': one
    father the text does not name)."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    return any(c.dep_ == "det" and c.lower_ in INDEFINITE
               for n in [noun, *owners] for c in n.children)


def unnamed_antecedent(noun: Token, floor: int, named: Callable[[int, int], bool]) -> bool:
    """'A police officer at the scene ... said ... "…," the officer said': a definite noun
    whose last use since ``floor`` was an indefinite phrase naming nobody stands for that
    unnamed person, not for anyone the text names."""
    if not is_definite(noun):
        return False
    before = previous_use(noun, floor)
    if before is None:
        return False
    group = before.head.head if before.dep_ == "pobj" else None
    if group is not None and is_partitive_one(group):
        before = group  # 'One of the nurses ... the nurse said'
    elif not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in before.children):
        return False
    phrase = before.head if before.dep_ == "appos" else before
    return not named(phrase.left_edge.idx, end_char(phrase.right_edge))


def taken_person(
    mentions: Iterable[tuple[int, int, Who]], doc_tokens: Callable[[int, int], Token | None],
    abduction: frozenset[str],
) -> Who | None:
    """'the victim': the latest person (of ``mentions``, latest first) the text reports as
    taken: the passive subject or the object of an abduction verb, directly or through
    the noun the name is apposed to ('a pharmacist, one Mrs X, was abducted')."""
    for start, end, name in mentions:
        root = doc_tokens(start, end)
        if root is None:
            continue
        if root.dep_ == "appos":
            root = root.head
        if root.dep_ in ("nsubjpass", "dobj") and root.head.lemma_.lower() in abduction:
            return name
        if _passive_abduction_after(root, abduction):
            return name
    return None


PASSIVE_AUX = {"was", "were", "been", "got"}
SURFACE_WINDOW = 12


def _passive_abduction_after(tok: Token, abduction: frozenset[str]) -> bool:
    """The surface form when the parse is off (a headline run into the sentence): the
    first verb after the name, within its sentence, is a passive abduction verb
    ('X, a nurse, was abducted')."""
    doc = tok.doc
    for nxt in doc[tok.i + 1 : tok.i + 1 + SURFACE_WINDOW]:
        if nxt.text in (".", "!", "?", ";") or "\n" in nxt.text:
            return False
        if nxt.tag_ == "VBN" or nxt.pos_ == "VERB":
            return nxt.lemma_.lower() in abduction and doc[nxt.i - 1].lower_ in PASSIVE_AUX
    return False
