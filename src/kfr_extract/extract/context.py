"""One document's shared facts, computed once and read by every extractor.

Two kinds of fact live here:

- facts of the text alone (the text itself, token lookup, quoted stretches and which
  of them are speech, sentences cut at line breaks), computed lazily the first time an
  extractor asks;
- facts derived from other fields (`FACTS`: the dateline from the dates, the
  document's country from the places, the people mentioned from the speakers).
  An extractor names these in its ``REQUIRES`` like fields, and the component runs
  the fields they come from first.

Results of earlier extractors are read with `DocContext.result`, which refuses a
field the running extractor did not declare: an undeclared dependency fails loudly
instead of silently giving worse results when fewer fields are asked for.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.anaphora import load_abduction_lemmas, load_victim_nouns
from kfr_extract.extract.lexicons import (
    gender_words,
    honorific_genders,
    honorifics,
    pronoun_genders,
    role_groups,
    role_hypernyms,
    words,
)
from kfr_extract.extract.quoting import (
    Quoted,
    RawQuote,
    SpeechCues,
    TokenIndex,
    colon_intro_verb,
    find_quoted,
    speech_quotes,
)
from kfr_extract.models import DateMention, Place, Speaker
from kfr_extract.paths import read_lexicon

# Facts derived from fields: name -> the fields they are computed from.
FACTS: dict[str, tuple[str, ...]] = {
    "dateline": ("dates",),
    "country": ("places",),
    "people": ("speakers",),
}
# A dateline is a single day in the first characters of the text ...
DATELINE_WINDOW = 250
CUE_WINDOW = 30
# ... not after a preposition, which puts it inside a sentence about an event, except
# after the publishing verbs of a dateline ("Posted on 3 June 2019").
IN_SENTENCE = re.compile(
    r"(?<!posted )(?<!published )(?<!updated )(?<!issued )(?<!released )"
    r"\b(?:on|from|since|by|until|till|before|after|of)\s+$",
    re.IGNORECASE,
)


CAPITALIZED_RUN = re.compile(r"(?:[A-Z][\w'-]*\s+){1,5}[A-Z][\w'-]*")


@dataclass(frozen=True)
class RoleWords:
    """What a role noun ('the general', 'the monarch', 'the PPRO') can refer to: the
    content words of a person's title and organization, their honorific and the word
    it abbreviates ('Brig. Gen.': brigadier, general), the initials of the title's
    capitalized runs ('Police Public Relations Officer': ppro), and the group of any
    of these ('oba', 'monarch': traditional ruler)."""

    stop_words: frozenset[str]
    expand: dict[str, str]  # honorific -> the word it stands for
    groups: dict[str, str]  # role word -> group
    narrower: dict[str, frozenset[str]]  # 'officer' -> the ranks it may stand for

    def of_person(self, title: str | None, org: str | None, honorific: str | None) -> set[str]:
        found = content_words(f"{title or ''} {org or ''}", self.stop_words)
        for word in (honorific or "").lower().replace(".", " ").split():
            found |= {word, self.expand.get(word, word)}
        found |= {initials for run in CAPITALIZED_RUN.findall(title or "")
                   for initials in _initials(run)}
        return found | {self.groups[w] for w in found if w in self.groups}

    def of_role(self, role: set[str]) -> set[str]:
        role = {w.lower() for w in role} - self.stop_words
        role |= {self.expand[w] for w in role if w in self.expand}  # 'the SP': superintendent
        role |= {n for w in role for n in self.narrower.get(w, ())}
        return role | {self.groups[w] for w in role if w in self.groups}

    def names_a_role(self, word: str) -> bool:
        """A role noun these tables know ('monarch', 'cleric', 'malik'), though no job title."""
        word = word.lower()
        return word in self.groups or word in self.narrower or any(
            word in covered for covered in self.narrower.values())


def _initials(run: str) -> set[str]:
    """The initials of a title's run and of its tails: 'Mastung Deputy Commissioner' is
    'the MDC' and, without the place before the office, 'the DC'."""
    letters = "".join(word[0] for word in run.split()).lower()
    return {letters[i:] for i in range(len(letters) - 1)}


def load_roles(lexicon_dir: Path) -> RoleWords:
    return RoleWords(
        stop_words=words(lexicon_dir, "common_stop_words.txt", lower=True),
        expand={h.form: h.full for h in honorifics(lexicon_dir)},
        groups=role_groups(lexicon_dir),
        narrower=role_hypernyms(lexicon_dir),
    )


@dataclass(frozen=True)
class ContextResources:
    """Lexicons that shared facts need: what counts as speech, who is titled."""

    cues: SpeechCues
    title_words: frozenset[str]  # 'governor', 'spokesman': a definite one names a person
    gender: dict[str, str]  # honorific -> 'm' / 'f'
    pronouns: dict[str, str]  # 'he' -> 'm': the person a pronoun subject stands for
    stop_words: frozenset[str]  # left out when titles are compared word by word
    roles: RoleWords  # what 'the governor', 'the monarch' can refer to
    document_subjects: frozenset[str]  # 'the statement read': its issuer speaks
    person_nouns: frozenset[str]  # 'the brother', 'the trader': a person, maybe unnamed
    victim_nouns: frozenset[str]  # 'the victim': the person reported taken
    abduction: frozenset[str]  # verb lemmas of taking people ('abduct')
    gender_nouns: dict[str, str]  # 'wife' -> 'f': "His wife, X," tells X's gender
    gender_pronouns: dict[str, str]  # 'her' -> 'f': "X said she ..." tells X's gender


def load_resources(lexicon_dir: Path) -> ContextResources:
    cues = sorted(read_lexicon(lexicon_dir / "quotes_title_cues.txt"), key=len, reverse=True)
    cue_alt = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in cues) or "(?!)"
    return ContextResources(
        cues=SpeechCues(
            verbs=words(lexicon_dir, "speakers_reporting_verbs.txt", lower=True),
            title_cue=re.compile(rf"(?:^|[^\w])(?:{cue_alt})\s*[:,]?\s*$", re.IGNORECASE),
            naming_verbs=words(lexicon_dir, "quotes_naming_verbs.txt", lower=True),
            labelled=words(lexicon_dir, "speakers_person_nouns.txt", lower=True)
            | words(lexicon_dir, "organizations_kind_nouns.txt", lower=True)
            | words(lexicon_dir, "organizations_heads.txt", lower=True),
            after_verbs=words(lexicon_dir, "speakers_attribution_verbs.txt", lower=True),
            opinion_verbs=words(lexicon_dir, "speakers_opinion_verbs.txt", lower=True),
        ),
        title_words=words(lexicon_dir, "speakers_title_words.txt", lower=True),
        gender=honorific_genders(lexicon_dir),
        pronouns=pronoun_genders(lexicon_dir),
        stop_words=words(lexicon_dir, "common_stop_words.txt", lower=True),
        roles=load_roles(lexicon_dir),
        document_subjects=words(lexicon_dir, "quotes_document_subjects.txt", lower=True),
        person_nouns=words(lexicon_dir, "speakers_person_nouns.txt", lower=True),
        victim_nouns=load_victim_nouns(lexicon_dir),
        abduction=load_abduction_lemmas(lexicon_dir),
        gender_nouns=gender_words(lexicon_dir)[0],
        gender_pronouns=gender_words(lexicon_dir)[1],
    )


class DocContext:
    """Everything extractors share about one parsed document."""

    def __init__(self, doc: Doc, resources: ContextResources) -> None:
        self.doc = doc
        self.res = resources
        self.results: dict[str, Any] = {}
        self._allowed: frozenset[str] | None = None  # None: no extractor running

    # --- facts of the text ---------------------------------------------------------

    @cached_property
    def text(self) -> str:
        return doc_text(self.doc)

    @cached_property
    def tokens(self) -> TokenIndex:
        return TokenIndex(self.doc)

    @cached_property
    def quoted(self) -> Quoted:
        """Every stretch inside quotation marks, speech or not."""
        return Quoted(find_quoted(self.text))

    @cached_property
    def segments(self) -> list[Span]:
        """Sentences cut at line breaks: a headline without a full stop is a sentence of its
        own, not part of the body's first sentence."""
        out = []
        for sent in self.doc.sents:
            start = sent.start_char
            for piece in re.split(r"(\n+)", self.text[sent.start_char : sent.end_char]):
                end = start + len(piece)
                if piece.strip() and "\n" not in piece:
                    span = self.doc.char_span(start, end, alignment_mode="contract")
                    if span is not None and len(span):
                        out.append(span)
                start = end
        return out

    @cached_property
    def speech(self) -> list[RawQuote]:
        """The quoted stretches that are someone's words (not titles or scare quotes)."""
        return speech_quotes(self.text, self.quoted, self.tokens, self.res.cues)

    @cached_property
    def introductions(self) -> dict[int, Token]:
        """Quotation paragraphs introduced by a clause ending on a colon ('X held:'): the
        quotation's start -> the clause's verb, whose subject is the speaker."""
        found = ((q.start, colon_intro_verb(q, self.text, self.tokens, self.quoted,
                                            self.res.cues)) for q in self.speech)
        return {start: verb for start, verb in found if verb is not None}

    # --- results of other extractors and facts derived from them --------------------

    @contextmanager
    def running(self, requires: tuple[str, ...]) -> Iterator[None]:
        """While an extractor runs, only what it declared may be read."""
        self._allowed = frozenset(requires)
        try:
            yield
        finally:
            self._allowed = None

    def result(self, name: str) -> Any:
        """A field's items, as the extractor that provides it returned them."""
        self._check(name)
        return self.results[name]

    def _check(self, name: str) -> None:
        if self._allowed is not None and name not in self._allowed:
            raise LookupError(f"{name!r} read by an extractor that does not declare it in "
                              f"REQUIRES {sorted(self._allowed)}")

    @property
    def dateline(self) -> date | None:
        """The document's own date ("VIENNA, 26 April 2006 -"), if it states one."""
        self._check("dateline")
        return find_dateline(self.text, self.results["dates"])

    @property
    def country(self) -> str | None:
        """ISO code of the country the document is mostly about (most place mentions)."""
        self._check("country")
        return main_country(self.results["places"])

    @property
    def people(self) -> People:
        """The speakers' mentions in text order, for 'who is named here / last'."""
        self._check("people")
        return People(self.text, self.results["speakers"], self.res.gender, self.res.roles,
                      GenderCues(self.res.gender_nouns, self.res.gender_pronouns))


def find_dateline(text: str, dates: list[DateMention]) -> date | None:
    """A single day stated near the top and not as part of a sentence about an event
    ("VIENNA, 26 April 2006 -", not "on 14 June the group ...")."""
    for m in dates:
        if m.start_char >= DATELINE_WINDOW:
            break
        before = text[max(0, m.start_char - CUE_WINDOW) : m.start_char]
        if m.precision == "day" and m.start and m.start == m.end and not IN_SENTENCE.search(before):
            return date.fromisoformat(m.start)
    return None


def main_country(places: list[Place]) -> str | None:
    """The country code with the most place mentions; ties go to the first named."""
    tally: Counter[str] = Counter()
    first: dict[str, int] = {}
    for place in places:
        if place.country_code:
            tally[place.country_code] += len(place.mentions)
            first.setdefault(place.country_code, place.mentions[0].start_char)
            first[place.country_code] = min(first[place.country_code],
                                            place.mentions[0].start_char)
    if not tally:
        return None
    return min(tally, key=lambda code: (-tally[code], first[code]))


@dataclass(frozen=True)
class GenderCues:
    """Words that tell a named person's gender from the text around the name."""

    nouns: dict[str, str]
    pronouns: dict[str, str]


KIN_BEFORE = re.compile(r"(\w+)\s*,\s*$")  # "His wife, " right before the name
QUOTATION = re.compile(r"[\"\u201c][^\"\u201d\n]*[\"\u201d]")
CLAUSE_END = re.compile(r"[.!?;](?:\s|$)|\n")


def text_gender(text: str, spans: list[tuple[int, int]], others: list[int],
                cues: GenderCues) -> str | None:
    """What the text itself tells of a person's gender: a kin noun set off right before
    a mention ("Cabahug's wife, Maricel,"), else the first pronoun after a mention in
    the rest of its sentence, outside quotations and before anyone else is named ("X
    said she last spoke to her husband"). Mentions that disagree tell nothing."""
    votes: Counter[str] = Counter()
    for start, end in spans:
        kin = KIN_BEFORE.search(text[max(0, start - 30) : start])
        if kin and kin.group(1).lower() in cues.nouns:
            votes[cues.nouns[kin.group(1).lower()]] += 1
            continue
        stop = CLAUSE_END.search(text, end)
        limit = min([stop.start() if stop else len(text)] + [o for o in others if o > end])
        rest = QUOTATION.sub(" ", text[end:limit])
        for word in re.findall(r"[A-Za-z]+", rest):
            if word.lower() in cues.pronouns:
                votes[cues.pronouns[word.lower()]] += 1
                break
    if len(votes) != 1:
        return None
    return next(iter(votes))


class People:
    """Speaker mentions in text order, for 'who is named here / most recently'."""

    def __init__(
        self, text: str, speakers: list[Speaker], genders: dict[str, str], roles: RoleWords,
        cues: GenderCues | None = None,
    ) -> None:
        self.text = text
        items = sorted((m.start_char, m.end_char, s.name) for s in speakers for m in s.mentions)
        self.starts = [i[0] for i in items]
        self.items = items
        self.roles = roles
        self.words = {s.name: roles.of_person(s.title, s.organization, s.honorific)
                      for s in speakers}
        self.gender = {
            s.name: genders.get((s.honorific or "").split(" ")[-1].lower().rstrip("."))
            for s in speakers
        }
        if cues is not None:
            self._read_genders(speakers, cues)

    def _read_genders(self, speakers: list[Speaker], cues: GenderCues) -> None:
        """Without an honorific that tells it, a speaker's gender is what the text says
        of them. (First-name lists were tried as weaker evidence: they changed no
        attribution on eleven held-out sets and cost 0.3 s of start-up.)"""
        for s in speakers:
            if self.gender.get(s.name):
                continue
            spans = [(m.start_char, m.end_char) for m in s.mentions]
            others = [start for start, _end, name in self.items if name != s.name]
            self.gender[s.name] = text_gender(self.text, spans, others, cues)

    def learn_gender(self, name: str | None, gender: str | None) -> None:
        """'"…," he said' given to X: X is a man for the pronouns that follow."""
        if name and gender and not self.gender.get(name):
            self.gender[name] = gender

    def covering(self, char: int) -> str | None:
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and self.items[i][0] <= char < self.items[i][1]:
            return self.items[i][2]
        return None

    def first_in(self, start: int, end: int) -> tuple[int, str] | None:
        i = bisect_left(self.starts, start)
        if i < len(self.items) and self.items[i][0] < end:
            return self.items[i][0], self.items[i][2]
        return None

    def before(self, char: int) -> list[tuple[int, int, str]]:
        """Mentions that start before ``char``, latest first."""
        return self.items[: bisect_left(self.starts, char)][::-1]

    def by_given_name(self, word: str) -> str | None:
        """'"…," Yohanes told reporters' after 'Sr. Comr. Yohanes Agus Wambrauw': the one
        speaker whose name opens with this word, when the tagger did not read it as a name."""
        found = {name for *_, name in self.items
                 if len(name.split()) > 1 and name.split()[0].lower() == word.lower()}
        return found.pop() if len(found) == 1 else None

    def introduced_in(self, start: int, end: int, fits: set[str]) -> str | None:
        """'"…," the general said. / The division commander, Maj. Gen. X, added': the
        first speaker named for the first time between ``start`` and ``end`` whose role
        words fit."""
        earlier = {name for *_, name in self.items[: bisect_left(self.starts, start)]}
        for first, _end, name in self.items[bisect_left(self.starts, start) :]:
            if first >= end:
                break
            if name not in earlier and self.words[name] & fits:
                return name
        return None

    def agrees(self, name: str, gender: str | None) -> bool:
        """Whether a pronoun of ``gender`` may stand for this speaker: no honorific of
        the other gender ('Mr X' is never 'she'), nor a pronoun the text used for them."""
        return not gender or self.gender.get(name) in (None, gender)

    def latest_before(
        self, char: int, fits: set[str] | None = None, gender: str | None = None,
        since: int = 0,
    ) -> str | None:
        """The speaker mentioned last before ``char`` (and not before ``since``) whose
        role words (`RoleWords.of_person`) share one with ``fits`` and whose honorific
        does not contradict ``gender``."""
        for start, _end, name in reversed(self.items[: bisect_left(self.starts, char)]):
            if start < since:
                break
            if fits is not None and not self.words[name] & fits:
                continue
            if not self.agrees(name, gender):
                continue
            return name
        return None


def paragraph_start(text: str, char: int, back: int = 0) -> int:
    """Where the paragraph holding ``char`` starts, or the one ``back`` paragraphs
    before it (blank lines do not count as paragraphs)."""
    start = text.rfind("\n", 0, char) + 1
    for _ in range(back):
        if start == 0:
            break
        prev = text.rfind("\n", 0, start - 1) + 1
        while prev > 0 and not text[prev:start].strip():
            prev = text.rfind("\n", 0, prev - 1) + 1
        start = prev
    return start


def paragraph_end(text: str, char: int, forward: int = 0) -> int:
    """Where the paragraph holding ``char`` ends, or the one ``forward`` paragraphs after
    it (blank lines do not count as paragraphs)."""
    end = text.find("\n", char)
    for _ in range(forward):
        if end < 0:
            break
        nxt = end
        while nxt < len(text) and text[nxt] in "\n \t":
            nxt += 1
        end = text.find("\n", nxt)
    return len(text) if end < 0 else end


def content_words(text: str, stop_words: frozenset[str]) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if w not in stop_words}
