"""Who does the reporting: subjects of reporting verbs, read off spaCy's parse.

Shared by speakers (who has a speaking role) and quotes (who said this quotation).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.quoting import MARK

SUBJECT_DEPS = {"nsubj", "csubj"}  # a passive subject is spoken about; the agent speaks
HEAD_HOPS = {"conj", "advcl", "xcomp", "ccomp"}
RELATIVES = {"who", "that", "which"}
# Between a closing mark and a name: ', the Director of X, ' or nothing at all.
APPOSITION = re.compile(r"^[\s,]*(?:(?:the|a|an)\s[^;\"“”\n]{0,140}?,\s*)?$", re.IGNORECASE)
# A clause after the last comma that opens with an article names the source itself
# ('..., a resident of the town told AFP'); names before that comma are not it.
POSTPOSED_SOURCE = re.compile(r"\s*(?:a|an|the|one)\s", re.IGNORECASE)
# A closing double mark (curly or straight): where a quotation before a verb ends.
CLOSING_MARK = re.compile(r"[\"\u201d]")


def _same_line(a: Token, b: Token) -> bool:
    """A headline without a full stop gets parsed into the next sentence; a
    subject across a line break is such a parse, not the speaker."""
    low, high = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[low:high]


def _inside_quotation(subject: Token, verb: Token) -> bool:
    """'"The ransoms paid … finance attacks," he stressed': the parse may give the verb
    a subject inside the quotation before it; a quotation closes between them (a
    closing curly mark before any opening one, or an odd number of straight marks)."""
    if subject.i > verb.i:
        return False
    stretch = doc_text(verb.doc)[subject.idx : verb.idx]
    close, opening = stretch.find("\u201d"), stretch.find("\u201c")
    if close >= 0 and (opening < 0 or close < opening):
        return True
    return stretch.count('"') % 2 == 1


def _antecedent(subject: Token, verb: Token) -> Token:
    """'X, a former hostage, who described ...': a relative pronoun stands for
    the noun its clause hangs on (through an apposition, for the name)."""
    if subject.lower_ not in RELATIVES or verb.dep_ != "relcl":
        return subject
    noun = verb.head
    return noun.head if noun.dep_ == "appos" else noun


def relative_subject(subject: Token) -> bool:
    """'X, whose brother Y was among the freed workers, spoke to us': a subject its
    phrase opens with 'whose' belongs to a relative clause about someone else (the parse
    may still hang it on the main verb); it is never who does the main clause's talking."""
    doc, i = subject.doc, subject.i - 1
    while i >= 0 and doc[i].pos_ in WHOSE_PHRASE and doc[i].lower_ != "whose":
        i -= 1  # read off the surface: the parse hangs 'whose' on either noun
    return i >= 0 and doc[i].lower_ == "whose"


WHOSE_PHRASE = {"ADJ", "NOUN", "PROPN", "DET", "PUNCT"}  # 'whose younger brother, Y,'


def _subjects(verb: Token, objects: bool = True) -> list[Token]:
    """Who does the reporting: subject, passive agent, or an inherited subject;
    with ``objects``, a proper noun after the verb ('said X' misparsed)."""
    origin = verb
    for _ in range(3):
        # 'X said the killing "is a reminder ...," and called for ...': a verb hung on one
        # inside the quotation before it takes the subject of the verb that quotation hangs on
        quoted_head = verb is not origin and _inside_quotation(verb, origin)
        subjects = [] if quoted_head else [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if verb.tag_ != "VBG" and not quoted_head:  # 'Reporting by X' credits: no statements
            subjects += [
                p
                for c in verb.children
                if c.dep_ == "agent"
                for p in c.children
                if p.dep_ == "pobj"
            ]
        subjects = [_antecedent(c, verb) for c in subjects
                    if _same_line(c, origin) and not _inside_quotation(c, origin)
                    and not relative_subject(c)]
        if subjects:
            return subjects
        if _modifies_its_subject(verb) and _same_line(verb.head, origin):
            return [verb.head]  # 'The president of X, Y, ..., saying that': the noun it hangs on
        if verb.dep_ == "pcomp" and verb.head.lower_ in ("as", "by"):
            verb = verb.head.head  # 'quoted as saying'; 'opened the talks by recalling'
        elif verb.dep_ in HEAD_HOPS and verb.head is not verb:
            verb = verb.head
        else:
            break
        if verb.lemma_.lower() == "quote":  # 'X was quoted as saying', 'he quoted X as saying'
            quoted = [
                c
                for c in verb.children
                if c.dep_ in ("nsubjpass", "dobj") and _same_line(c, origin)
            ]
            if quoted:
                return quoted
    if not objects:
        return []
    return [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "attr", "npadvmod"}
        and c.i > verb.i
        and _same_line(c, origin)
        and (c.pos_ == "PROPN" or (c.pos_ == "NOUN" and is_definite(c) and _after_quotation(verb)))
    ]


def _modifies_its_subject(verb: Token) -> bool:
    """A participle or a subjectless clause hung on a noun, which the parse makes of a
    sentence whose main verb it lost ('The president of the traders' union, X, for his
    part called on ..., saying that ...'): the noun does the verb."""
    return verb.head.pos_ in ("NOUN", "PROPN") and (
        (verb.dep_ == "acl" and verb.tag_ == "VBG") or verb.dep_ == "relcl")


def _after_quotation(verb: Token) -> bool:
    """'"…," added the general': a verb right after a quotation's closing mark inverts
    its subject, which the parse then reads as an object."""
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i else None
    if prev is not None and prev.text == ",":
        prev = doc[prev.i - 1] if prev.i else None
    return prev is not None and MARK.search(prev.text) is not None


def end_char(tok: Token) -> int:
    return tok.idx + len(tok)


def apposed_name(last: Token) -> list[Token]:
    """The name right after a title phrase: 'the Director of X, [Dr.] Name'.

    The small model often attaches such names far from the title, so this is
    read off the surface: a comma, optional abbreviated honorifics, proper nouns.
    """
    doc = last.doc
    i = last.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    while i < len(doc) and (doc[i].text.endswith(".") and doc[i].text[:1].isupper()):
        i += 1
    start = i
    while i < len(doc) and doc[i].pos_ == "PROPN" and not MARK.search(doc[i].text):
        i += 1
    return list(doc[start:i])


# Parts of speech a title's tail runs over ('to the Niger State Governor').
TITLE_TAIL = {"ADP", "DET", "PROPN", "NOUN", "ADJ", "CCONJ", "PART"}
MAX_TITLE_TAIL = 12


def subject_regions(
    verb: Token, title_words: frozenset[str] = frozenset()
) -> list[tuple[Token, int, int]]:
    """Each subject of a reporting verb with the character stretch that names it
    (its phrase, capped at the verb, plus an apposed name). With ``title_words``, a
    titled subject reaches its bearer's name across a tail the parse attached
    elsewhere ('confirmed by the Chief Press Secretary | to the Niger State Governor,
    Mary Noel Berge'), and the owner of a subject that is no title is not its speaker
    ("Nabeehah's killing")."""
    subjects = _subjects(verb, objects=False)
    if not subjects:
        surface = _surface_region(verb)
        merged = "\n" in doc_text(verb.doc)[verb.sent.start_char : verb.idx]
        passive = verb.tag_ == "VBG" or any(
            c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children
        )
        if (
            (merged or verb.dep_ in {"ROOT", "conj"})
            and not passive
            and any(
                t.pos_ == "PROPN" for t in verb.doc[verb.sent.start : verb.i] if t.idx >= surface[1]
            )
        ):
            return [surface]
        subjects = _subjects(verb)
    out = []
    for subject in subjects:
        low, high = subject.left_edge.idx, end_char(subject.right_edge)
        before = subject.i < verb.i
        if before:
            high = min(high, verb.idx)
        name = apposed_name(subject.right_edge)
        if not name and subject.lower_ in title_words:
            name = _name_after_tail(subject.right_edge)
        if name and (not before or end_char(name[-1]) <= verb.idx):
            high = max(high, end_char(name[-1]))
        if title_words and subject.pos_ == "NOUN" and subject.lower_ not in title_words \
                and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in subject.children):
            low = max(low, subject.idx)
        out.append((subject, low, high))
    return out


def _name_after_tail(last: Token) -> list[Token]:
    """The name after a title's tail of nouns and prepositions: ', Name'."""
    doc, i = last.doc, last.i + 1
    while i < len(doc) and i - last.i <= MAX_TITLE_TAIL and doc[i].pos_ in TITLE_TAIL \
            and "\n" not in doc[i].text_with_ws:
        i += 1
    return apposed_name(doc[i - 1]) if i > last.i + 1 else []


def _surface_region(verb: Token) -> tuple[Token, int, int]:
    """When the parse gives no subject (typically a headline run into the first
    sentence), the words before the verb on its line stand in for it."""
    text = doc_text(verb.doc)
    low = max(verb.sent.start_char, text.rfind("\n", 0, verb.idx) + 1)
    # '"… the State …", explained the spokesperson': a quotation before the verb is what
    # was said, not who said it; the subject can only follow its closing mark
    mark = max((m.end() for m in CLOSING_MARK.finditer(text, low, verb.idx)), default=low)
    low = max(low, mark)
    comma = text.rfind(",", low, verb.idx)
    if comma >= 0 and POSTPOSED_SOURCE.match(text, comma + 1):
        low = comma + 1  # '... the villages of A and B, a resident told AFP': only 'a resident'
    return verb, low, verb.idx


def hyphenated(tok: Token) -> str:
    """The whole lower-case word a token opens where the tokenizer split it at hyphens
    ('sub', '-', 'prefect': 'sub-prefect'); else the token's own."""
    doc, i = tok.doc, tok.i
    word = tok.lower_
    while i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text == "-" \
            and not doc[i + 1].whitespace_ and doc[i + 2].is_alpha:
        word += "-" + doc[i + 2].lower_
        i += 2
    return word


def is_definite(noun: Token) -> bool:
    """'the governor', 'this official', 'Iraq's deputy chief' (not 'a spokesman')."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"}) or c.dep_ == "poss"
        for c in noun.children
    )
