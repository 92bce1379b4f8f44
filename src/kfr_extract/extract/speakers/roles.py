"""Who has a speaking role: subjects of reporting verbs, names introduced by a title
or a description, and the people pronouns, titles and quotations point back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.anaphora import (
    taken_person,
    unnamed_antecedent,
)
from kfr_extract.extract.quoting import (
    MARK,
    Quoted,
    RawQuote,
    after_paragraph_number,
    governs,
    opening_quotation,
)
from kfr_extract.extract.speakers.names import _bare, _glued_hyphen, _name_tokens
from kfr_extract.extract.speakers.resources import NAME_DEPS, REMARKS, Person, Resources
from kfr_extract.extract.speakers.roster import Roster
from kfr_extract.extract.speakers.titles import _description, _honorific
from kfr_extract.extract.syntax import (
    APPOSITION,
    apposed_name,
    end_char,
    hyphenated,
    is_definite,
    relative_subject,
    subject_regions,
)


def _role_regions(
    doc: Doc, res: Resources, quoted: Quoted, introductions: Iterable[Token] = (),
) -> list[tuple[Token, int, int]]:
    """Subjects of reporting (see `quotes.subject_regions`) outside quotations,
    plus "according to X", "In her opening remarks, X ..." and the subjects of clauses
    that introduce a quotation paragraph ('Lady Justice X held:')."""
    out: list[tuple[Token, int, int]] = []
    for verb in introductions:
        out.extend(subject_regions(verb, res.title_words))
    for tok in _reporting_candidates(doc, res.verbs | res.after_verbs | res.opinion_verbs):
        if tok.idx in quoted:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (lemma in res.verbs or (
                lemma in res.after_verbs and _follows_quotation(tok, quoted)) or (
                lemma in res.opinion_verbs and _opines_a_quotation(tok, quoted))):
            out.extend(subject_regions(tok, res.title_words))
        elif tok.lower_ == "according":
            out.extend(
                (p, p.left_edge.idx, end_char(p.right_edge))
                for c in tok.children
                if c.lower_ == "to"
                for p in c.children
                if p.dep_ == "pobj"
            )
    out.extend(_statement_authors(doc, res, quoted))
    text = doc_text(doc)
    for sent in doc.sents:
        if REMARKS.match(text, sent.start_char, sent.end_char):
            out.extend(subject_regions(sent.root, res.title_words))
        out.extend(_viewpoint(sent))
    return out


# Between a quotation's closing mark and a verb that attributes it: a comma, or a short
# subject ('," he fears', '," the mayor sighs'); '," pleads X' has nothing at all.
ATTRIBUTING_GAP = re.compile(r"[\s,]*(?:[\w'\u2019.-]+\s+){0,3}")


def _follows_quotation(verb: Token, quoted: Quoted) -> bool:
    """A verb that attributes the quotation closing right before it."""
    text = doc_text(verb.doc)
    close = max(text.rfind('"', 0, verb.idx), text.rfind("\u201d", 0, verb.idx))
    return close >= 0 and close in quoted.closes \
        and ATTRIBUTING_GAP.fullmatch(text, close + 1, verb.idx) is not None


def _opines_a_quotation(verb: Token, quoted: Quoted) -> bool:
    """'X considered that the abduction is "a signal"': a quotation opens in the clause
    the verb of opinion governs."""
    doc = verb.doc
    return any(
        MARK.search(t.text) is not None and t.i + 1 < len(doc) and doc[t.i + 1].idx in quoted
        and governs(verb, t)
        for t in doc[verb.i + 1 : verb.sent.end]
    )


def _viewpoint(sent: Span) -> list[tuple[Token, int, int]]:
    """'For Ange X, president of the league, women are the first victims': a sentence
    that opens with 'For' and a name set off by a comma gives that person's view, as
    French and Spanish reports attribute ('Pour X, ...'); not 'For two days, ...'."""
    first = sent[0]
    if first.lower_ != "for" or first.dep_ != "prep":
        return []
    out = []
    for obj in first.children:
        after = obj.right_edge.i + 1
        if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and after < sent.end \
                and sent.doc[after].text == ",":
            out.append((obj, obj.left_edge.idx, end_char(obj.right_edge)))
    return out


def _statement_authors(doc: Doc, res: Resources, quoted: Quoted) -> list[tuple[Token, int, int]]:
    """'The government said in a statement by the Commissioner for Information, Mr. X,
    that ...': whoever a statement (communiqué, letter) is by has spoken, with the name
    apposed to their title."""
    out: list[tuple[Token, int, int]] = []
    if not _statement_by(res.document_nouns).search(doc_text(doc)):
        return out  # most documents: no token scan
    for by in _tokens_written(doc, "by"):
        if by.idx in quoted or by.head.lemma_.lower() not in res.document_nouns:
            continue
        for author in by.children:
            if author.dep_ != "pobj":
                continue
            name = apposed_name(author.right_edge)
            high = end_char(name[-1]) if name else end_char(author.right_edge)
            out.append((author, author.left_edge.idx, high))
    return out


@lru_cache(maxsize=4)
def _statement_by(nouns: frozenset[str]) -> re.Pattern[str]:
    """'statement by', 'communiqué by': the surface form `_statement_authors` looks for."""
    alternation = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b(?i:{alternation})s?\s+by\b")


def _tokens_written(doc: Doc, lower: str) -> list[Token]:
    """The tokens that are this word, found from the LOWER array."""
    if not len(doc):
        return []
    wanted = doc.vocab.strings.add(lower)
    return [doc[i] for i, low in enumerate(doc.to_array(LOWER).tolist()) if low == wanted]


def _reporting_candidates(doc: Doc, verbs: frozenset[str]) -> list[Token]:
    """Tokens whose lemma is a reporting verb, or 'according': read off arrays, so the
    other tokens of the document never become Token objects."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    lemmas = doc.to_array(LEMMA).tolist()
    wanted = {h for h in set(lemmas) if strings[h].lower() in verbs}
    according = strings.add("according")
    lowers = doc.to_array(LOWER).tolist()
    return [doc[i] for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
            if lemma in wanted or lower == according]


def _name_candidates(subject: Token) -> list[list[Token]]:
    """Proper-noun phrases a speaking subject may be: itself, its appositions (also
    one the parse hangs lower in the phrase: 'the coordinator for Mali, X, told')."""
    out = []
    heads = [subject] + [
        c for c in subject.subtree if c.dep_ == "appos" and (c.head is subject or c.pos_ == "PROPN")
    ]
    # 'The Commissioner of Police, Lagos State, CP X Y, disclosed': the name parsed as
    # coordinated with an apposition.
    heads += [c for h in heads[1:] for c in h.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    out.extend(_name_tokens(h) for h in heads if h.pos_ == "PROPN")
    apposed = apposed_name(subject.right_edge)
    if apposed:
        out.append(apposed)
    out.extend(_closing_name(subject))
    return out


def _closing_name(subject: Token) -> list[list[Token]]:
    """'said the EU Ambassador to Ghana, Sofia Marenco': a proper-noun phrase that
    closes the subject phrase after a comma is the title's bearer, however the parse
    attached it (often as a conjunct of the place in the title)."""
    last = subject.right_edge
    if last is subject or last.pos_ != "PROPN":
        return []
    name = _name_tokens(last)
    first = name[0].i
    return [name] if first > subject.i and last.doc[first - 1].text == "," else []


def _name_after_title(subject: Token, res: Resources, place_words: set[str]) -> list[Token]:
    """'Deputy Minister of Internal Affairs of Uzbekistan Bakhtiyor Rakhimov welcomed ...':
    a title run into its bearer's name with no comma. Read off the surface, as the parse
    varies (the name as the last object of the title, or the title as the name's
    modifier): after the title's last 'of', the words of a known place or organization
    belong to the title, the two or more capitalized words after them are the name."""
    doc = subject.doc
    span = doc[subject.left_edge.i : subject.right_edge.i + 1]
    if any(t.text in RUN_IN_BREAKS for t in span) or not any(
        t.text[:1].isupper() and t.lower_ in res.title_words for t in span
    ):
        return []
    ofs = [t.i for t in span if t.lower_ == "of"]
    if not ofs:
        return []
    chain = list(doc[ofs[-1] + 1 : span.end])
    if not all((t.pos_ == "PROPN" and t.text[:1].isupper()) or _glued_hyphen(t) for t in chain):
        return []
    cut = 0
    while cut < len(chain) and _title_object_word(chain[cut], res, place_words):
        cut += 1
    name = chain[cut:]
    if any(t.ent_type_ in TITLE_OBJECT_ENTS for t in name):
        return []
    return name if cut and len(name) >= 2 else []


RUN_IN_BREAKS = {",", "(", ")", ";", ":", "\u2013", "\u2014"}  # an apposition, read elsewhere
TITLE_OBJECT_ENTS = {"ORG", "GPE", "LOC", "NORP", "FAC"}  # what a title's 'of' names


def _title_object_word(tok: Token, res: Resources, place_words: set[str]) -> bool:
    """A word of what a title is 'of': a known place, an organization word, or a word
    the tagger puts in a place or organization entity ('[Internal Affairs of Uzbekistan]')."""
    return tok.lower_ in place_words or _bare(tok.text) in res.org_words \
        or tok.ent_type_ in TITLE_OBJECT_ENTS


def _titled_names(doc: Doc, res: Resources) -> list[list[Token]]:
    """Proper-noun phrases that a title or a noun for a person introduces as people:
    'the state governor, Aminu Bello,', 'Governor Aminu Bello', 'a survivor, Esther
    Danjuma,', 'Issouf Sawadogo, a logistics officer,' (the small model often tags
    such names as organizations or places)."""
    out = []
    described = res.title_words | res.person_nouns
    marking = res.honorifics | res.title_words
    for tok in _proper_nouns(doc):
        if tok.dep_ in NAME_DEPS:
            continue
        if tok.dep_ == "appos" and tok.head.lower_ in described:
            out.append(_name_tokens(tok))
            continue
        if any(c.dep_ == "appos" and c.lower_ in described and c.i > tok.i for c in tok.children):
            out.append(_name_tokens(tok))
            continue
        chain = _name_tokens(tok)
        marks = [i for i, t in enumerate(chain) if _bare(t.text) in marking]
        if not marks:
            continue
        name = chain[marks[-1] + 1 :]
        if len(name) >= 2 or (name and _bare(chain[marks[-1]].text) in res.courtesy):
            out.append(chain)  # trimmed to the name when registered
    return out


def _proper_nouns(doc: Doc) -> list[Token]:
    """The PROPN tokens, found from the POS array rather than a Token per token."""
    if not len(doc):
        return []
    return [doc[i] for i, pos in enumerate(doc.to_array(POS).tolist()) if pos == PROPN]


def _mark_roles(roster: Roster, region: tuple[Token, int, int]) -> None:
    """The person the subject names (itself, else the first name in its phrase),
    and any person coordinated with it ('X and Y said')."""
    subject, low, high = region
    named = roster.covering(subject.idx) if subject.pos_ != "VERB" else None
    person = named or roster.first_in(low, high)
    if person is not None:
        person.speaks = True
    for conj in subject.children:
        if conj.dep_ == "conj" and (other := roster.covering(conj.idx)) is not None:
            other.speaks = True


def _mark_by_pronoun(roster: Roster, subject: Token, quoted: Quoted | None = None) -> None:
    """'She said ...': the latest speaker mentioned before, else the latest
    person, in this paragraph or the one before, whose honorific does not
    contradict the pronoun."""
    wanted = roster.res.pronouns[subject.lower_]
    continues = subject.head.lemma_ in roster.res.continuing
    if continues and _latest_speaker(roster, subject.idx, wanted):
        return  # 'he added': the one who spoke last goes on, however far back
    clause = _clause_subject(roster, subject, quoted)
    if clause is not None and roster.gender(clause) in (None, wanted):
        clause.speaks = True
        return
    text = doc_text(roster.doc)
    floor = text.rfind("\n", 0, max(0, text.rfind("\n", 0, subject.idx)))
    best: tuple[bool, int, Person] | None = None
    for person in roster.people:
        starts = [s for s, _ in person.mentions if floor < s < subject.idx]
        if not starts or roster.gender(person) not in (None, wanted):
            continue
        key = (person.speaks, max(starts), person)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        best[2].speaks = True


def _clause_subject(roster: Roster, pronoun: Token, quoted: Quoted | None = None) -> Person | None:
    """'Colonel X of the ACTC presented case studies. He said: "…"': a pronoun stands for
    the person who is the subject of the last main clause before it in its paragraph,
    or in the paragraph before when the pronoun opens its own ('He said:' on a line of its
    own after the paragraph that introduces X) or follows only the quotation it attributes
    ('"…," he told participants'). Subjects inside quotations are the quoted speaker's;
    the person may be the name apposed to the subject ('The victim's wife, X, has not
    left her house.'), never the owner of a subject noun ('Y's son, Raymond,')."""
    doc, text = roster.doc, doc_text(roster.doc)
    start = text.rfind("\n", 0, pronoun.idx) + 1
    lead = after_paragraph_number(text, start)
    if not text[lead : pronoun.idx].strip(OPENING) or _quotation_only(text[lead : pronoun.idx]):
        start = text.rfind("\n", 0, len(text[:start].rstrip())) + 1
    i = pronoun.i - 1
    while i >= 0 and doc[i].idx >= start:
        tok = doc[i]
        i -= 1
        if tok.dep_ != "nsubj" or tok.head.dep_ not in ("ROOT", "conj") or relative_subject(tok):
            continue
        if quoted is not None and tok.idx in quoted:
            continue
        if _same_pronoun(roster.res.pronouns, tok, pronoun):
            continue  # 'X sold his herd. He met us in Pala. / "…," he said': X still
        # a common noun's owner is someone else ('Ong's son, Raymond, said')
        low = tok.left_edge.idx if tok.pos_ == "PROPN" else tok.idx
        return roster.first_in(low, end_char(tok)) or next(
            (p for c in tok.children if c.dep_ == "appos" and c.i > tok.i
             and (p := roster.first_in(c.left_edge.idx, end_char(c.right_edge)))), None) \
            or _title_bearer(roster, tok)
    return None


def _title_bearer(roster: Roster, subject: Token) -> Person | None:
    """'The Commissioner for X of the Y Police, ACP Z, chaired the session': the name
    set off after a titled subject's tail, which the parse hangs on the tail's last noun."""
    if subject.lower_ not in roster.res.title_words:
        return None
    for tok, low, high in subject_regions(subject.head, roster.res.title_words):
        if tok.i == subject.i:
            return roster.first_in(low, high)
    return None


def _same_pronoun(pronouns: dict[str, str], tok: Token, pronoun: Token) -> bool:
    """A subject pronoun of the pronoun's own gender: a chain of 'he ... he' goes on
    about one person, whom the clause before the chain names."""
    return tok.lower_ in pronouns and pronouns[tok.lower_] == pronouns.get(pronoun.lower_)


def _quotation_only(before: str) -> bool:
    """The stretch before a pronoun in its paragraph is one quotation ('"…," she said')."""
    before = before.strip().rstrip(",")
    return before[:1] in QUOTE_OPENERS and before[-1:] in QUOTE_CLOSERS


QUOTE_OPENERS = "\"\u201c\u2018"
QUOTE_CLOSERS = "\"\u201d\u2019,"


OPENING = " \t\"'\u201c\u2018"  # what may stand before a pronoun opening its paragraph


def _latest_speaker(roster: Roster, char: int, wanted: str) -> Person | None:
    """The speaker with the latest mention before ``char`` whose honorific does not
    contradict the pronoun, or None."""
    best: tuple[int, Person] | None = None
    for person in roster.people:
        if not person.speaks or roster.gender(person) not in (None, wanted):
            continue
        starts = [s for s, _ in person.mentions if s < char]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), person)
    return best[1] if best else None


def _mark_by_title(roster: Roster, subject: Token) -> None:
    """'The police commander told reporters': the latest person introduced with a
    title sharing a word ('director of the National Police')."""
    res = roster.res
    if subject.lower_ in res.victim_nouns and is_definite(subject):
        _mark_taken(roster, subject)
        return
    word = hyphenated(subject)  # 'the sub-prefect' is three tokens
    if word not in res.title_words or not is_definite(subject):
        return
    text = doc_text(roster.doc)
    floor = text.rfind("\n", 0, max(0, text.rfind("\n", 0, subject.idx)))
    if unnamed_antecedent(subject, floor, lambda a, b: roster.first_in(a, b) is not None):
        return  # 'A police officer ... said ... the officer said': nobody named
    role = {t.lower_ for t in subject.lefts if t.dep_ not in {"det", "poss"}} | {word}
    fits = res.roles.of_role(role)
    latest = sorted(
        (
            (max(s for s, _ in p.mentions if s < subject.idx), p)
            for p in roster.people
            if any(s < subject.idx for s, _ in p.mentions)
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    for _start, person in latest:
        described = next(
            (d for s, e in person.mentions if (d := _description(roster.doc, s, e, res))), ""
        )
        honorific = next((h for s, _ in person.mentions if (h := _honorific(text, s, res))), None)
        if fits & res.roles.of_person(described, None, honorific):
            person.speaks = True
            return


def _mark_taken(roster: Roster, subject: Token) -> None:
    """'The victim told the police': the latest person the text reports taken speaks."""
    _starts, items = roster._sorted()
    doc = roster.doc
    earlier = [(s, e, p) for s, e, p in reversed(items) if s < subject.idx]

    def root(start: int, end: int) -> Token | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None else None

    found = taken_person(earlier, root, roster.res.abduction)
    if found is not None:
        found.speaks = True


def _mark_quote_neighbours(roster: Roster, text: str, quoted: list[RawQuote]) -> None:
    """'“...,” the Under-Secretary-General of X, Name, at a roundtable ...'."""
    mentions = sorted(
        ((s, p) for p in roster.people for s, _ in p.mentions), key=lambda item: item[0]
    )
    for q in quoted:
        if q.close_mark is None:
            continue
        limit = text.find("\n", q.close_mark)
        limit = len(text) if limit < 0 else limit
        for start, person in mentions:
            if q.close_mark < start < limit:
                gap = roster.res.honorific_tail.sub("", text[q.close_mark + 1 : start])
                if APPOSITION.match(gap):
                    person.speaks = True
                break


def _mark_opening_quotation(roster: Roster, text: str, quoted: list[RawQuote]) -> None:
    """'"I no longer sleep." / Awa X has lived with this fear since ...': the person whose
    name opens the paragraph after a story's opening quotation said it."""
    found = opening_quotation(text, quoted)
    if found is None:
        return
    _q, low, high = found
    for person in roster.people:
        if any(low <= start <= high for start, _ in person.mentions):
            person.speaks = True
