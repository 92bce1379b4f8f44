"""The people a document names, one entry per person, with every mention and alias
(a later surname, 'Mr Costa', joins the full name given earlier).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.quoting import Quoted
from kfr_extract.extract.speakers.names import (
    _bare,
    _glued_tail,
    _inside_longer_org,
    _looks_like_name,
    _modifies_a_noun,
    _named_organization,
    _object_of_a_title,
    _surname,
    _title_before_name,
    _titled_word,
    _trim,
)
from kfr_extract.extract.speakers.resources import (
    ARABIC_ARTICLE,
    PARTICLE_PREFIX,
    Person,
    Resources,
)
from kfr_extract.extract.speakers.titles import _honorific

ARTICLE_WORD = re.compile(rf"{ARABIC_ARTICLE}-\w+", re.IGNORECASE)


def _surname_forms(surname: str, single: bool) -> list[str]:
    """The surname (lower case), and without its Arabic article when it has one: after
    'Major General Haidar al-Saedi', the press writes 'al-Saedi said' and 'Saedi said'."""
    forms = [surname.lower()]
    if not single and PARTICLE_PREFIX.match(surname):
        forms.append(surname.split("-", 1)[1].lower())
    return forms


# ', the brother,' / ', a lecturer at ...': a role noun set off right after a name
SET_OFF_ROLE = re.compile(r",\s*(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}?([a-z-]+)\s*[,.]")
NAME_RUN = re.compile(r"(?:[A-Z][\w'.-]*\s*)+")


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
        if tokens and (_title_before_name(tokens) or _object_of_a_title(tokens, self.res)):
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
        if self._group_name(text):
            return None
        if len(text.split()) == 1 and not known_person and text.lower() not in self.by_surname \
                and self._first_surname(text.lower()) is None \
                and self._first_name(text.lower()) is None:
            return None  # one unknown word: no name unless spaCy says PERSON
        overlapping = self.covering(start) or self.first_in(start, end)
        if overlapping is not None:
            return overlapping  # one mention per stretch of text: the first reading wins
        person = self._person_for(text, start)
        person.mentions.append((start, end))
        self._index = None
        return person

    def _group_name(self, text: str) -> bool:
        """Names of groups and publications the tagger may read as people: a lone word
        with an Arabic article ('Al-Shabab said', 'according to Al-Ayyam'), which names a
        person only as the surname of someone named in full before; a plural the text
        also writes after 'the' ('Suspected Maoists' ... 'the Maoists had held')."""
        words = text.split()
        if len(words) == 1 and ARTICLE_WORD.fullmatch(text) \
                and _surname_forms(text, True)[0] not in self.by_surname:
            return True
        last = words[-1]
        return len(last) > 3 and last.endswith("s") and re.search(
            rf"\bthe\s+{re.escape(last)}\b(?!\s+[A-Z])", doc_text(self.doc)) is not None

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
        last = _surname(text, self.res.suffixes).lower()
        known = self.by_surname.get(last)
        if known is not None and known.name.lower().endswith(" " + key):
            # 'St Hilaire' after 'Pierre St Hilaire'; 'Ms. Ben Salah' after Mr. Karim and
            # Ms. Leila Ben Salah: the bearer `_pick` finds
            bearers = [p for p in self.namesakes.get(last, [])
                       if p.name.lower().endswith(" " + key)]
            return self._pick(bearers, start) if len(bearers) > 1 else known
        if single and (compound := self._first_surname(key)) is not None:
            return compound
        if (named := self._first_name(key)) is not None:
            return named
        person = Person(text)
        self.people.append(person)
        self.by_key[key] = person
        written = _surname(text, self.res.suffixes)
        surname = written.lower()
        for form in _surname_forms(written, single):
            self.by_surname.setdefault(form, person)
            self.namesakes.setdefault(form, []).append(person)
        if not single and surname in self.by_key:
            self._absorb(self.by_key[surname], person)
        return person

    def _namesake(self, surname: str, start: int) -> Person:
        """Which bearer of a shared surname a lone surname at ``start`` means ('Prince
        Ogunsakin' is the son, not Oba Adeleke Ogunsakin; 'Anozie said' after the
        brother is introduced is the brother): the one whose honorific it repeats, else
        the one mentioned last before it."""
        people = self.namesakes.get(surname, [])
        if len(people) < 2:
            return self.by_surname[surname]
        return self._pick(people, start)

    def _pick(self, people: list[Person], start: int) -> Person:
        """Among bearers of one surname, the one a mention at ``start`` means: the one
        whose honorific it repeats, else the only one written with no other honorific
        and not of the other gender ('Mr Al Hamdan' after 'Sheikh Mohammed Al Hamdan' and
        'Ahmad Al Hamdan'), else the one the role set off after it was given to ('Hama Amin, the
        brother,' after 'His brother, Dler Hama Amin'), else the one mentioned last."""
        text = doc_text(self.doc)
        honorific = _honorific(text, start, self.res)
        if honorific:
            same = [p for p in people
                    if any(_honorific(text, s, self.res) == honorific for s, _ in p.mentions)]
            if len(same) == 1:
                return same[0]
            # nobody written with another honorific ('Mr Al Hamdan' is not 'Sheikh Al
            # Hamdan') nor of the other gender
            gender = self.res.gender.get(_bare(honorific.split()[-1]))
            same = [p for p in people
                    if not ({h for s, _ in p.mentions if (h := _honorific(text, s, self.res))}
                            - {honorific})
                    and self.gender(p) in (None, gender or self.gender(p))]
            if len(same) == 1:
                return same[0]
        role = SET_OFF_ROLE.match(text, self._mention_end(start))
        if role:
            same = [p for p in people if self._described_as(p, role.group(1).lower())]
            if len(same) == 1:
                return same[0]
        return max(people, key=lambda p: max((s for s, _ in p.mentions if s < start), default=-1))

    def _mention_end(self, start: int) -> int:
        """Where the capitalized name that starts at ``start`` ends."""
        m = NAME_RUN.match(doc_text(self.doc), start)
        return m.end() if m else start

    def _described_as(self, person: Person, role: str) -> bool:
        """Whether a mention of ``person`` is introduced by the role noun ('His brother,
        X'; 'The lecturer, Dr X') or has it set off after it ('X, the brother,')."""
        text = doc_text(self.doc)
        for start, end in person.mentions:
            before = text[max(text.rfind("\n", 0, start) + 1, start - 40) : start]
            if re.search(rf"\b{re.escape(role)}\b", before, re.IGNORECASE):
                return True
            after = SET_OFF_ROLE.match(text, end)
            if after and after.group(1).lower() == role:
                return True
        return False

    def _first_name(self, key: str) -> Person | None:
        """ "Esther said" after "Esther Danjuma", "said Rosa Elena" after "Rosa Elena
        Dávila": the given name or names (the first words) of exactly one person named
        in full before (news refers to victims, witnesses and relatives by first name)."""
        given = key.split()
        found = [p for p in self.people
                 if len(p.name.split()) > len(given)
                 and p.name.lower().split()[: len(given)] == given]
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
