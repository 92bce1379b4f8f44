"""Speakers: people whose words are quoted or whose statement is reported.

A person is a speaker when the text gives them a speaking role: subject (or
passive agent) of a reporting verb outside quotation marks ("X stressed",
"said X", "as expressed by X", "according to X"), named in the attribution
clause of a quotation ('," the Director, X, ...'), or the subject of a sentence
that opens with "In her opening remarks, ...". Reporting verbs come from a
lexicon that includes the diplomatic verbs of meeting reports. A pronoun
subject ("She said") gives the role to the latest fitting person, a titled one
("The police commander told reporters") to the latest person whose title
shares a word with it.

Names come from spaCy's PERSON entities and, for subjects of reporting verbs
that the small model tags otherwise, from the shape of the proper-noun phrase.
One item per person: a later surname mention ("Mr Costa", "Verzosa") joins the
full name given earlier. Honorifics are split off the name; title and
organization come from the apposition after a mention or the words before it
("X, Director of Y," / "the Director of Y, X" / "UNODC Executive Director X").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.extract.anaphora import (
    load_abduction_lemmas,
    load_victim_nouns,
    taken_person,
    unnamed_antecedent,
)
from kfr_extract.extract.context import DocContext, RoleWords, load_roles
from kfr_extract.extract.lexicons import honorifics, naming_cues, pronoun_genders, words
from kfr_extract.extract.quoting import MARK, Quoted, RawQuote
from kfr_extract.extract.syntax import (
    APPOSITION,
    apposed_name,
    end_char,
    is_definite,
    subject_regions,
)
from kfr_extract.models import Organization, Place, Speaker

NAME_DEPS = {"compound", "flat", "nmod"}
LEADING = {"the", "a", "an"}
TITLE_PREPOSITIONS = {"of", "for", "at", "in"}
# A surname opening with a lowercase Arabic article ("al-Khafaji", "el-Sisi") is still
# a name where it starts a sentence's subject: '"...," al-Khafaji said'.
PARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|at|an|az)-[A-Z]")
ADVERBIAL = {"behalf"}  # 'on behalf of the Minister, X': whom X speaks for, not X's title
BREAKS = {"\u2013", "\u2014", ":", ";", "|", "/"}  # dashes and separators end a title
REMARKS = re.compile(
    r"\s*(?:In|During)\s+(?:his|her|their)\s+(?:[\w-]+\s+){0,2}"
    r"(?:remarks|statement|speech|address|message|intervention|presentation)\b",
    re.IGNORECASE,
)
POSSESSIVE = re.compile(r"[\u2019']s?$")  # possessive endings, straight or curly
OWNER = re.compile(r"^(?P<org>[^,]+?)[\u2019']s\s+(?P<title>\S.*)$")
BRACKETED = re.compile(r"^(?P<org>[^,]+?\([A-Z][\w/&.-]*\)),?\s+(?P<title>\S.*)$")
# 'Head of the EU Delegation', 'Under-Secretary-General, UN Office ...': the
# organization follows a preposition or a comma; its head precedes 'in'/'of' ...
ORG_SEPARATOR = re.compile(r"(?:,?\s+(?:of|for|at|with|from)\s+|,\s+)(?:the\s+)?")
ORG_TAIL = re.compile(r"\s+(?:in|of|for|at|on)\s+")


@dataclass(frozen=True)
class Resources:
    verbs: frozenset[str]
    honorifics: frozenset[str]
    courtesy: frozenset[str]  # honorifics that make one word a person ('Mr. Tanaka')
    title_words: frozenset[str]
    org_words: frozenset[str]  # words of organizations, publications and buildings
    particles: frozenset[str]
    suffixes: frozenset[str]  # 'jr', 'iii': part of a name, never its surname
    continuing: frozenset[str]  # 'add': a pronoun subject is the last speaker going on
    pronouns: dict[str, str]  # 'she' -> 'f'
    stop_words: frozenset[str]
    honorific_tail: re.Pattern[str]
    gender: dict[str, str]  # honorific -> 'm' / 'f'
    roles: RoleWords  # what 'the general', 'the monarch' can refer to
    person_nouns: frozenset[str]  # 'survivor', 'relative': 'a survivor, X,' is a person
    org_kinds: frozenset[str]  # 'newspaper', 'charity': 'the daily X' is no person
    naming_cue: re.Pattern[str]  # 'identified himself as' right before a name
    victim_nouns: frozenset[str]  # 'the victim told the police': the person taken speaks
    abduction: frozenset[str]  # verb lemmas of taking people ('abduct')


@dataclass
class Person:
    """One person across mentions, while the document is being read."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    speaks: bool = False


# Lexicons whose words mark an organization, a publication or a building, not a person.
ORG_WORD_LISTS = (
    "organizations_heads.txt",
    "organizations_press_words.txt",
    "places_facility_words.txt",
)


def load_resources(lexicon_dir: Path) -> Resources:
    rows = honorifics(lexicon_dir)
    forms = {h.form for h in rows}
    alternation = "|".join(re.escape(h) for h in sorted(forms, key=len, reverse=True))
    return Resources(
        verbs=words(lexicon_dir, "speakers_reporting_verbs.txt", lower=True),
        honorifics=frozenset(forms),
        courtesy=frozenset(h.form for h in rows if h.courtesy),
        title_words=words(lexicon_dir, "speakers_title_words.txt", lower=True),
        org_words=frozenset().union(
            *(words(lexicon_dir, name, lower=True) for name in ORG_WORD_LISTS)
        ),
        particles=words(lexicon_dir, "names_particles.txt", lower=True),
        suffixes=words(lexicon_dir, "names_suffixes.txt", lower=True),
        continuing=words(lexicon_dir, "speakers_continuing_verbs.txt", lower=True),
        pronouns=pronoun_genders(lexicon_dir),
        stop_words=words(lexicon_dir, "common_stop_words.txt", lower=True),
        gender={h.form: h.gender for h in rows if h.gender},
        honorific_tail=re.compile(rf"(?:(?<![\w-])(?:{alternation})\b\.?\s+)+$", re.IGNORECASE),
        roles=load_roles(lexicon_dir),
        person_nouns=words(lexicon_dir, "speakers_person_nouns.txt", lower=True),
        org_kinds=words(lexicon_dir, "organizations_kind_nouns.txt", lower=True),
        naming_cue=naming_cues(lexicon_dir),
        victim_nouns=load_victim_nouns(lexicon_dir),
        abduction=load_abduction_lemmas(lexicon_dir),
    )


# --- names ---------------------------------------------------------------------------


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _trim(tokens: list[Token], res: Resources) -> list[Token]:
    """The name inside a phrase: what follows the last honorific, title word,
    article or possessive ('UNODC Executive Director | Antonio Maria Costa'),
    without a possessive ending."""
    marks = [
        i
        for i, t in enumerate(tokens[:-1])
        if (_bare(t.text) in res.honorifics and not _inside_name(t, res))
        or _bare(t.text) in res.title_words
        or t.lower_ in LEADING
        or POSSESSIVE.fullmatch(t.text)
    ]
    start, end = (marks[-1] + 1 if marks else 0), len(tokens)
    while start < end and not tokens[start].text[:1].isalpha():
        start += 1
    while end > start and (POSSESSIVE.fullmatch(tokens[end - 1].text) or tokens[end - 1].is_punct):
        end -= 1
    return tokens[start:end]


def _inside_name(tok: Token, res: Resources) -> bool:
    """An honorific word that is a name word here ('Abdikadir Sheikh Nuur'): it goes on
    a person entity after a given name, not after a title or another honorific."""
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ != "I" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.is_alpha and _bare(prev.text) not in res.honorifics | res.title_words


def _titled_word(tok: Token) -> bool:
    """'the Ewi', 'Alawe of Ilawe-Ekiti', 'Emir of Kano': one capitalized word after 'the' or
    before 'of' is a title (traditional ones are unknown to any list), not a name."""
    doc = tok.doc
    return (tok.i > 0 and doc[tok.i - 1].lower_ == "the") or (
        tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of")


def _title_before_name(tokens: list[Token]) -> bool:
    """'The Sarkin Tsafe, Alhaji X,', 'The Lamu East MP, Y Z,': a phrase after 'the' with a
    proper name apposed to it is the title of the person that name names (a name takes
    no article), whatever title words, traditional or not, it holds."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    definite = first.lower_ == "the" or (first.i > 0 and doc[first.i - 1].lower_ == "the")
    return definite and any(
        c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > last.i for c in last.children
    )


def _looks_like_name(text: str, res: Resources, places: set[str], place_words: set[str]) -> bool:
    """A personal name's shape: capitalized words, no digits, no organization
    word, not a place (nor one word of a place: 'Tobago')."""
    words = text.split()
    if not words or len(words) > 6 or re.search(r"[\d|/@]", text):
        return False
    if text.lower() in places or (len(words) == 1 and text.lower() in place_words):
        return False
    if any(_bare(w) in res.org_words or _bare(w) in res.title_words for w in words):
        return False
    if not (words[0][:1].isupper() and any(c.isupper() for c in words[-1])):
        return False
    if any(w.isupper() and len(w) > 2 for w in words):
        return False  # acronyms are organizations
    return all(_name_word(w, res) for w in words)


def _name_word(word: str, res: Resources) -> bool:
    """'Costa', 'de', 'Jr.', 'al-Abedi'."""
    head = word.split("-", 1)[0]
    return (
        word[:1].isupper()
        or _bare(word) in res.particles
        or word.lower() in res.suffixes
        or ("-" in word and head.lower() in res.particles)
    )


def _surname(name: str, suffixes: frozenset[str]) -> str:
    kept = [w for w in name.split() if w.lower() not in suffixes]
    return (kept or name.split())[-1]


def _name_tokens(head: Token) -> list[Token]:
    """A proper-noun head with its name-part modifiers ('Aminu' + 'Masari'), across
    the hyphen of a compound given name ('Choi Young-sam', tokenized 'Young - sam')."""
    doc, left = head.doc, head.i
    while left > 0:
        prev = doc[left - 1]
        if prev.pos_ == "PROPN" and prev.head.i in range(left, head.i + 1):
            left -= 1
        elif _glued_hyphen(prev) and left > 1 and doc[left - 2].pos_ == "PROPN":
            left -= 2
        else:
            break
    return list(doc[left : head.i + 1])


def _inside_longer_org(tokens: list[Token]) -> bool:
    """Words cut from a longer organization entity ('the [Armed Conflict Location] &
    Event Data Project'); an ORG entity that is exactly the name may be a mistagged person."""
    last = tokens[-1]
    nxt = last.i + 1
    return last.ent_type_ == "ORG" and nxt < len(last.doc) and last.doc[nxt].ent_iob_ == "I"


def _glued_tail(tokens: list[Token]) -> list[Token]:
    """A name word split at a mark typed inside it ('Na,allah' for Na'Allah): the
    mark touches both halves, so the halves are one word."""
    if not tokens:
        return tokens
    doc, end = tokens[0].doc, tokens[-1].i + 1
    while (
        end + 1 < len(doc)
        and doc[end].text in (",", "'", "\u2019")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return list(doc[tokens[0].i : end])


def _modifies_a_noun(tokens: list[Token]) -> bool:
    """'A Burkinabè aid worker', 'the Obama administration': a name used as the
    modifier of a common noun after it speaks for nobody itself."""
    last = tokens[-1]
    return last.dep_ == "compound" and last.head.pos_ == "NOUN" and last.head.i > last.i


def _named_organization(tokens: list[Token], res: Resources) -> bool:
    """A name the text gives to a publication, a charity or a company: 'the daily
    Mutations', 'the Punch newspaper', 'Mutations, a French-language newspaper,'."""
    doc = tokens[0].doc
    before, after = tokens[0].i - 1, tokens[-1].i + 1
    if before >= 0 and doc[before].is_lower and doc[before].lower_ in res.org_kinds:
        return True
    if after < len(doc) and doc[after].is_lower and doc[after].lower_ in res.org_kinds:
        return True
    inside = {t.i for t in tokens}
    return any(t.dep_ == "appos" and t.head.i in inside and t.lower_ in res.org_kinds
               for t in doc[after : min(len(doc), after + 8)])


def _named_by_cue(doc: Doc, res: Resources) -> list[list[Token]]:
    """Names a naming phrase introduces: 'an eyewitness, who identified himself as
    Oche', 'a former hostage who gave his first name as Nelson'."""
    out = []
    index: dict[int, Token] | None = None  # built only when a cue is found
    for m in res.naming_cue.finditer(doc_text(doc)):
        index = index if index is not None else {t.idx: t for t in doc}
        tok = index.get(m.end())
        run: list[Token] = []
        while tok is not None and tok.text[:1].isupper() and tok.is_alpha and len(run) < 4:
            run.append(tok)
            tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if run:
            out.append(run)
    return out


def _glued_hyphen(tok: Token) -> bool:
    """A hyphen written without spaces inside a word ('Young-sam')."""
    return tok.text in ("-", "\u2010", "\u2011") and not tok.whitespace_ \
        and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _whole_name(ent: Span) -> list[Token]:
    """A PERSON entity plus the name words the tagger left out ('Fred' | "Matiang'i").

    The parser still links them: the entity's last word is a compound of the next
    capitalized word, outside any other entity.
    """
    doc, start, end = ent.doc, ent.start, ent.end
    while end < len(doc):
        if _person_follows(doc, end):
            end = _entity_end(doc, end)  # '[Alhaji Salihu] [Tanko Rafi]': one name cut in two
        elif _glued_hyphen(doc[end]) and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 2  # 'Amina Diagne' | '-Sow': a double-barrelled surname
        elif (
            doc[end - 1].dep_ == "compound"
            and (doc[end - 1].head.i == end
                 or (doc[end - 1].head.i > end and doc[end].pos_ == "PROPN"))
            and doc[end].text[:1].isupper()
            and _unclaimed(doc[end])
        ):  # the compound's head may lie further on: '[Alhaji Sani] Garba Dauda'
            end += 1
        else:
            break
    # Leftward too ('Undersecretary Rolando [Dela Cruz]'): title-case proper nouns
    # compounded into the entity; a title word taken in is cut off again by `_trim`.
    while (
        start > 0
        and doc[start - 1].dep_ == "compound"
        and start <= doc[start - 1].head.i < end
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text.istitle()
        and not doc[start - 1].ent_type_
    ):
        start -= 1
    return list(doc[start:end])


def _person_follows(doc: Doc, i: int) -> bool:
    """A PERSON entity starting at ``i`` one space after another PERSON entity."""
    return doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "PERSON" \
        and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].whitespace_ == " "


def _entity_end(doc: Doc, i: int) -> int:
    """The end of the entity that starts at token ``i``."""
    i += 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def _unclaimed(tok: Token) -> bool:
    """A word no entity holds, or one the tagger made an entity of its own ('[Abdikadir
    Sheikh] [Nuur]': a one-word ORG that the parse makes the head of the name)."""
    if not tok.ent_type_:
        return True
    nxt = tok.i + 1
    return tok.ent_iob_ == "B" and (nxt >= len(tok.doc) or tok.doc[nxt].ent_iob_ != "I")


class Roster:
    """Persons of one document and their mentions."""

    def __init__(
        self, doc: Doc, res: Resources, places: set[str], place_spans: frozenset[int] = frozenset()
    ) -> None:
        self.doc, self.res, self.places = doc, res, places
        self.place_spans = place_spans  # where a place is mentioned: no surname there
        self.place_words = {w for p in places for w in p.split()}
        self.people: list[Person] = []
        self.by_key: dict[str, Person] = {}
        self.by_surname: dict[str, Person] = {}
        self.namesakes: dict[str, list[Person]] = {}  # surname -> everyone who bears it
        self._index: tuple[list[int], list[tuple[int, int, Person]]] | None = None

    def add(self, tokens: list[Token], known_person: bool) -> Person | None:
        """Register a name (from an entity or a speaking role) and its mention."""
        tokens = _glued_tail(tokens)
        if tokens and _title_before_name(tokens):
            return None
        tokens = _trim(tokens, self.res)
        if not tokens or _inside_longer_org(tokens) or _named_organization(tokens, self.res) \
                or _modifies_a_noun(tokens):
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = doc_text(self.doc)[start:end]
        if "\n" in text or not _looks_like_name(text, self.res, self.places, self.place_words):
            return None
        if self._whole_line(start, end):
            return None  # a heading such as "Background"
        if len(tokens) == 1 and _titled_word(tokens[0]):
            return None
        if len(text.split()) == 1 and not known_person and text.lower() not in self.by_surname \
                and self._first_surname(text.lower()) is None:
            return None
        overlapping = self.covering(start) or self.first_in(start, end)
        if overlapping is not None:
            return overlapping  # one mention per stretch of text: the first reading wins
        person = self._person_for(text, start)
        person.mentions.append((start, end))
        self._index = None
        return person

    def _whole_line(self, start: int, end: int) -> bool:
        text = doc_text(self.doc)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        return line.strip() == text[start:end]

    def _person_for(self, text: str, start: int) -> Person:
        key = text.lower()
        if key in self.by_key:
            return self.by_key[key]
        single = len(text.split()) == 1
        if single and key in self.by_surname:
            return self._namesake(key, start)
        known = self.by_surname.get(_surname(text, self.res.suffixes).lower())
        if known is not None and known.name.lower().endswith(" " + key):
            return known  # 'St Hilaire' after 'Pierre St Hilaire'
        if single and (compound := self._first_surname(key)) is not None:
            return compound
        if single and (named := self._first_name(key)) is not None:
            return named
        person = Person(text)
        self.people.append(person)
        self.by_key[key] = person
        self.by_surname.setdefault(_surname(text, self.res.suffixes).lower(), person)
        self.namesakes.setdefault(_surname(text, self.res.suffixes).lower(), []).append(person)
        if not single and _surname(text, self.res.suffixes).lower() in self.by_key:
            self._absorb(self.by_key[_surname(text, self.res.suffixes).lower()], person)
        return person

    def _namesake(self, surname: str, start: int) -> Person:
        """Which bearer of a shared surname a lone surname at ``start`` means ('Prince
        Ogunsakin' is the son, not Oba Adeleke Ogunsakin; 'Anozie said' after the
        brother is introduced is the brother): the one whose honorific it repeats, else
        the one mentioned last before it."""
        people = self.namesakes.get(surname, [])
        if len(people) < 2:
            return self.by_surname[surname]
        text = doc_text(self.doc)
        honorific = _honorific(text, start, self.res)
        if honorific:
            same = [p for p in people
                    if any(_honorific(text, s, self.res) == honorific for s, _ in p.mentions)]
            if len(same) == 1:
                return same[0]
        return max(people, key=lambda p: max((s for s, _ in p.mentions if s < start), default=-1))

    def _first_name(self, key: str) -> Person | None:
        """ "Esther said" after "Esther Danjuma": a lone word that is the first name of
        exactly one person named in full before (news refers to victims and witnesses
        by first name)."""
        found = [p for p in self.people
                 if len(p.name.split()) > 1 and p.name.lower().split()[0] == key]
        return found[0] if len(found) == 1 else None

    def _first_surname(self, key: str) -> Person | None:
        """'Cuéllar' after 'Jorge Cuéllar Montoya': Spanish and Portuguese names carry two
        surnames and the press often shortens them to the first; a later lone word that
        is an inner word of a known three-word-or-longer name is that person."""
        for person in self.people:
            words = person.name.lower().split()
            if len(words) >= 3 and key in words[1:-1]:
                return person
        return None

    def _absorb(self, short: Person, full: Person) -> None:
        """A surname seen before its full name joins the full name."""
        if short is full:
            return
        full.mentions.extend(short.mentions)
        full.speaks = full.speaks or short.speaks
        self._index = None
        self.people.remove(short)
        self.by_key[short.name.lower()] = full
        self.by_surname[short.name.lower()] = full
        for bearers in self.namesakes.values():
            if short in bearers:
                bearers.remove(short)

    def scan_surnames(self, quoted: Quoted) -> None:
        """Add every other 'Surname' / 'Mr Surname' mention of a known person
        (outside quotations, where a name is the quoted speaker's business).
        One alternation of this document's surnames: a single pass over the text."""
        if not self.by_surname:
            return
        names = sorted(self.by_surname, key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE
        )
        for m in pattern.finditer(doc_text(self.doc)):
            if (
                (m.group()[:1].isupper() or PARTICLE_PREFIX.match(m.group()))
                and m.start() not in quoted
                and m.start() not in self.place_spans  # 'Kundu village', 'Musa Kundu'
                and self.covering(m.start()) is None
            ):
                person = self._namesake(m.group().lower(), m.start())
                person.mentions.append((m.start(), m.end()))
        self._index = None

    def settle_namesakes(self) -> None:
        """Lone-surname mentions read before every bearer of that surname was known go
        to the bearer `_namesake` picks now that all are."""
        text = doc_text(self.doc)
        for surname, bearers in self.namesakes.items():
            if len(bearers) < 2:
                continue
            lone = [(s, e) for p in bearers for s, e in p.mentions if text[s:e].lower() == surname]
            for person in bearers:
                person.mentions = [m for m in person.mentions if m not in lone]
            for start, end in sorted(lone):
                self._namesake(surname, start).mentions.append((start, end))
        self._index = None

    def gender(self, person: Person) -> str | None:
        """'m' or 'f' when an honorific before a mention says so."""
        for start, _end in person.mentions:
            tail = self.res.honorific_tail.search(doc_text(self.doc)[max(0, start - 24) : start])
            if tail:
                found = self.res.gender.get(_bare(tail.group().split()[-1]))
                if found:
                    return found
        return None

    def _sorted(self) -> tuple[list[int], list[tuple[int, int, Person]]]:
        """Mentions in text order (rebuilt only after new mentions arrive)."""
        if self._index is None:
            items = sorted(
                ((s, e, p) for p in self.people for s, e in p.mentions), key=lambda item: item[0]
            )
            self._index = ([i[0] for i in items], items)
        return self._index

    def first_in(self, low: int, high: int) -> Person | None:
        starts, items = self._sorted()
        i = bisect_left(starts, low)
        return items[i][2] if i < len(items) and items[i][0] < high else None

    def covering(self, char: int) -> Person | None:
        starts, items = self._sorted()
        i = bisect_right(starts, char) - 1
        return items[i][2] if i >= 0 and char < items[i][1] else None


# --- speaking roles -----------------------------------------------------------------------


def _role_regions(doc: Doc, res: Resources, quoted: Quoted) -> list[tuple[Token, int, int]]:
    """Subjects of reporting (see `quotes.subject_regions`) outside quotations,
    plus "according to X" and "In her opening remarks, X ..." subjects."""
    out: list[tuple[Token, int, int]] = []
    for tok in _reporting_candidates(doc, res.verbs):
        if tok.idx in quoted:
            continue
        if tok.pos_ == "VERB" and tok.lemma_.lower() in res.verbs:
            out.extend(subject_regions(tok, res.title_words))
        elif tok.lower_ == "according":
            out.extend(
                (p, p.left_edge.idx, end_char(p.right_edge))
                for c in tok.children
                if c.lower_ == "to"
                for p in c.children
                if p.dep_ == "pobj"
            )
    text = doc_text(doc)
    for sent in doc.sents:
        if REMARKS.match(text, sent.start_char, sent.end_char):
            out.extend(subject_regions(sent.root, res.title_words))
    return out


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


def _mark_by_pronoun(roster: Roster, subject: Token) -> None:
    """'She said ...': the latest speaker mentioned before, else the latest
    person, in this paragraph or the one before, whose honorific does not
    contradict the pronoun."""
    wanted = roster.res.pronouns[subject.lower_]
    continues = subject.head.lemma_ in roster.res.continuing
    if continues and _latest_speaker(roster, subject.idx, wanted):
        return  # 'he added': the one who spoke last goes on, however far back
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
    if subject.lower_ not in res.title_words or not is_definite(subject):
        return
    text = doc_text(roster.doc)
    floor = text.rfind("\n", 0, max(0, text.rfind("\n", 0, subject.idx)))
    if unnamed_antecedent(subject, floor, lambda a, b: roster.first_in(a, b) is not None):
        return  # 'A police officer ... said ... the officer said': nobody named
    role = {t.lower_ for t in subject.lefts if t.dep_ not in {"det", "poss"}} | {subject.lower_}
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


# --- titles and organizations ----------------------------------------------------------------


def _phrase(tokens: list[Token]) -> str | None:
    """The text of a title phrase without its article and edge punctuation."""
    while tokens and (tokens[0].lower_ in LEADING or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        tokens = tokens[:-1]
    if not tokens:
        return None
    text = doc_text(tokens[0].doc)
    end = tokens[-1].idx + len(tokens[-1])
    if text.count("(", tokens[0].idx, end) > text.count(")", tokens[0].idx, end):
        end += text.startswith(")", end)  # the bracket the parse left outside
    return text[tokens[0].idx : end].rsplit("\n", 1)[-1].strip() or None


def _description(doc: Doc, start: int, end: int, res: Resources) -> str | None:
    """The title phrase of a mention: an apposition after it ('X, Director of
    Y,'), else the words before it ('the Director of Y, X', 'UNODC Executive
    Director X'); it must contain a title word."""
    candidates = [_words_after(doc, end, res), _words_before(doc, start, res)]
    for tokens in candidates:
        if any(_bare(t.text) in res.title_words for t in tokens):
            return _phrase(tokens)
    return None


def _first_index(doc: Doc, char: int) -> int:
    """Index of the token that starts at (or holds) ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _abbreviation_end(doc: Doc, i: int, res: Resources) -> bool:
    """A full stop split off an abbreviated honorific ('Insp' + '.')."""
    return (
        doc[i].text == "."
        and i > 0
        and not doc[i - 1].whitespace_
        and _bare(doc[i - 1].text) in res.honorifics
    )


def _words_after(doc: Doc, end: int, res: Resources) -> list[Token]:
    """The apposition after a name ('X, Director of Y, said'), read rightwards:
    from a comma to a verb, a quotation mark, a clause word, the end of the
    sentence, or a comma once a title word has been seen."""
    i = _first_index(doc, end)
    if i >= len(doc) or doc[i].text != ",":
        return []
    out: list[Token] = []
    for tok in doc[i + 1 :]:
        if "\n" in tok.text or tok.text in BREAKS or tok.text in {".", "!", "?"}:
            break
        if tok.pos_ in {"VERB", "AUX", "SCONJ", "PRON"} or MARK.search(tok.text):
            break
        if tok.text == "," and _title_complete(
            out, tok.nbor() if tok.i + 1 < len(doc) else None, res
        ):
            break
        out.append(tok)
    return out


def _title_complete(tokens: list[Token], after_comma: Token | None, res: Resources) -> bool:
    """At a comma: the title is complete when it has a title word and the comma
    is not followed by more of a capitalized name ('..., Peace and Security')."""
    if not any(_bare(t.text) in res.title_words for t in tokens):
        return False
    return after_comma is None or not after_comma.text[:1].isupper()


def _is_rank(doc: Doc, i: int, res: Resources) -> bool:
    """An honorific token, not the end of a hyphenated title ('Secretary-General')."""
    return _bare(doc[i].text) in res.honorifics and not (i > 0 and doc[i - 1].text == "-")


def _words_before(doc: Doc, start: int, res: Resources) -> list[Token]:
    """The noun phrase right before a name, read leftwards from the surface (the
    parse of long titles is unreliable). Ranks right before the name and the
    apposition's comma are passed ('the Director of Y, Dr. X'); then it stops at
    a verb, pronoun, clause word, a preposition other than those of titles, a
    line break, or a comma once a title word has been seen. An adverbial phrase
    ('Speaking on behalf of the Minister, X') is no title."""
    i = _first_index(doc, start) - 1
    while i >= 0 and (_is_rank(doc, i, res) or _abbreviation_end(doc, i, res)):
        i -= 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    out: list[Token] = []
    while i >= 0:
        tok = doc[i]
        if tok.lower_ in ADVERBIAL:
            return []
        if "\n" in tok.text or tok.text in BREAKS or tok.pos_ in {"VERB", "AUX", "SCONJ", "PRON"}:
            break
        if tok.text in {".", "!", "?"} and not _abbreviation_end(doc, i, res):
            break
        if tok.pos_ == "ADP" and tok.lower_ not in TITLE_PREPOSITIONS:
            break
        if tok.text == "," and any(_bare(t.text) in res.title_words for t in out):
            break
        out.insert(0, tok)
        i -= 1
    return out


def _split_org(phrase: str, res: Resources, acronyms: set[str]) -> tuple[str, str | None]:
    """('title', 'organization'): 'Head of the EU Delegation', 'UNODC Executive
    Director', 'the ECOWAS Commission's Commissioner for Political Affairs'."""
    for m in ORG_SEPARATOR.finditer(phrase):
        title, org = phrase[: m.start()].strip(" ,"), phrase[m.end() :].strip(" ,")
        org_head = ORG_TAIL.split(org, maxsplit=1)[0]
        if _is_org(org_head, res, acronyms) and any(
            _bare(w) in res.title_words for w in title.split()
        ):
            return title, org
    for pattern in (OWNER, BRACKETED):
        owner = pattern.match(phrase)
        if owner and _bare(owner.group("title").split()[0]) in res.title_words:
            return owner.group("title"), owner.group("org")
    words = phrase.split()
    lead = POSSESSIVE.sub("", words[0])
    if len(words) > 1 and (lead in acronyms or (lead.isupper() and len(lead) > 1)):
        return " ".join(words[1:]), lead
    return phrase, None


def _is_org(text: str, res: Resources, acronyms: set[str]) -> bool:
    """An organization word ('Office', 'Police') or an acronym in the phrase."""
    words = [POSSESSIVE.sub("", w.strip("(),")) for w in text.split()]
    return any(
        _bare(w) in res.org_words or w in acronyms or (w.isupper() and len(w) > 1) for w in words
    )


def _honorific(text: str, start: int, res: Resources) -> str | None:
    m = res.honorific_tail.search(text[max(0, start - 24) : start])
    if not m:
        return None
    found = [w for w in m.group().split() if _bare(w) in res.honorifics]
    return " ".join(found) or None


# --- extract ------------------------------------------------------------------------------------


def _places(places: list[Place]) -> set[str]:
    out = set()
    for place in places:
        out.add(place.name.lower())
        out.update(m.text.lower() for m in place.mentions)
    return out


def _place_starts(places: list[Place]) -> frozenset[int]:
    return frozenset(m.start_char for place in places for m in place.mentions)


def _acronyms(organizations: list[Organization]) -> set[str]:
    out = set()
    for org in organizations:
        if org.acronym:
            out.add(org.acronym)
    return out


def _build_roster(
    doc: Doc, res: Resources, places: set[str], quoted: Quoted, speech: list[RawQuote],
    place_spans: frozenset[int] = frozenset(),
) -> Roster:
    """Who is named (entities, titled names, speaking subjects), then who speaks."""
    roster = Roster(doc, res, places, place_spans)
    for ent in sorted((e for e in doc.ents if e.label_ == "PERSON"), key=lambda e: -len(e)):
        if ent.start_char not in quoted:
            roster.add(_whole_name(ent), known_person=True)
    for tokens in _titled_names(doc, res):
        if roster.covering(tokens[-1].idx) is None and tokens[0].idx not in quoted:
            roster.add(tokens, known_person=_bare(tokens[0].text) in res.courtesy)
    for tokens in _named_by_cue(doc, res):
        if roster.covering(tokens[-1].idx) is None and tokens[0].idx not in quoted:
            roster.add(tokens, known_person=True)
    regions = _role_regions(doc, res, quoted)
    for subject, _low, _high in regions:
        run_in = _name_after_title(subject, res, roster.place_words)
        for tokens in _name_candidates(subject) + ([run_in] if run_in else []):
            if roster.covering(tokens[-1].idx) is None:
                roster.add(tokens, known_person=tokens[-1].ent_type_ == "PERSON")
    roster.scan_surnames(quoted)
    roster.settle_namesakes()
    for region in regions:
        _mark_roles(roster, region)
    for subject, low, high in regions:
        if roster.covering(subject.idx) is None and roster.first_in(low, high) is None:
            if subject.lower_ in res.pronouns:
                _mark_by_pronoun(roster, subject)
            else:
                _mark_by_title(roster, subject)
    _mark_quote_neighbours(roster, doc_text(doc), speech)
    return roster


def _speaker(doc: Doc, person: Person, res: Resources, acronyms: set[str]) -> Speaker:
    mentions = sorted(set(person.mentions))
    honorific = next((h for s, _ in mentions if (h := _honorific(doc_text(doc), s, res))), None)
    title = org = None
    for start, end in mentions:
        phrase = _description(doc, start, end, res)
        if phrase:
            title, org = _split_org(phrase, res, acronyms)
            break
    return Speaker(
        name=person.name,
        honorific=honorific,
        title=title,
        organization=org,
        mentions=[span_of(doc, s, e) for s, e in mentions],
    )


REQUIRES = ("places", "organizations")  # neither is a person


def extract(ctx: DocContext, resources: Resources) -> list[Speaker]:
    doc = ctx.doc
    found = ctx.result("places")
    roster = _build_roster(doc, resources, _places(found), ctx.quoted, ctx.speech,
                           _place_starts(found))
    acronyms = _acronyms(ctx.result("organizations"))
    speakers = [p for p in roster.people if p.speaks]
    speakers.sort(key=lambda p: min(p.mentions))
    return [_speaker(doc, p, resources, acronyms) for p in speakers]
