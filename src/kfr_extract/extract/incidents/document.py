"""The per-document view every step reads (`_Doc`), and what it gathers once from the
earlier fields: the dates with the verbs they belong to, the place mentions that can be
where people were taken, and the armed groups the text names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kfr_extract.extract.context import DATELINE_WINDOW
from kfr_extract.extract.incidents.resources import IncidentResources
from kfr_extract.models import DateMention, Money, Organization, Place

WEEKDAY = re.compile(
    r"\b(?P<last>last\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!\s*,?\s+(?:\d|January|February|March|April|May|June|July|August|September|October"
    r"|November|December))"
)
T = TypeVar("T")
KIND_RANK = {"city": 0, "other": 0, "region": 1, "country": 2}
ACRONYM_AFTER = re.compile(r"\s*(?:,\s*or\s+|\()([A-Z][A-Z0-9-]{1,9})\b")
PARTY_AFTER = re.compile(r"\s*(?:\([A-Z][A-Z0-9-]{1,9}\)\s*)?party\b")


@dataclass
class _When:
    """A date in a sentence and the verb it belongs to."""

    iso: str
    resolved: bool
    verb: Token | None


@dataclass
class _Doc:
    """What every step reads about the document."""

    doc: Doc
    text: str
    res: IncidentResources
    segments: list[SpacySpan]
    dates: list[tuple[int, int, _When]]  # (start, end, date)
    places: list[tuple[int, int, Place, Token | None, bool]]  # mention, place, verb, located
    money: list[Money]
    country: str | None
    armed: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    group_cache: dict[str, str | None] = field(default_factory=dict)

    def tokens_with_lower(self, words: frozenset[str], within: SpacySpan) -> list[Token]:
        """The tokens of `within` whose lower-case form is in `words`."""
        return self._tokens(self._with_lower(words), within)

    def tokens_with_lemma(self, lemmas: frozenset[str], within: SpacySpan) -> list[Token]:
        """The tokens of `within` whose lower-cased lemma is in `lemmas`."""
        return self._tokens(self._with_lemma(lemmas), within)

    def _tokens(self, indices: list[int], within: SpacySpan) -> list[Token]:
        lo, hi = bisect_left(indices, within.start), bisect_left(indices, within.end)
        return [self.doc[i] for i in indices[lo:hi]]

    def _with_lower(self, words: frozenset[str]) -> list[int]:
        """Token indices, read from the Doc's arrays of string ids rather than token by
        token: the steps that look for a few words in every sentence made a Token object
        for each token of the document, the costliest part of the extractor."""
        key = ("lower", words)
        if key not in self._index_cache:
            ids = self._ids[:, 0]
            wanted = [get_string_id(word) for word in words]  # ids are the strings' hashes
            self._index_cache[key] = [
                i for i in np.flatnonzero(np.isin(ids, wanted)).tolist()
                if self.doc[i].lower_ in words  # (a hash may collide: say it with strings)
            ]
        return self._index_cache[key]

    def _with_lemma(self, lemmas: frozenset[str]) -> list[int]:
        key = ("lemma", lemmas)
        if key not in self._index_cache:
            by_lemma = self._ids_by_lower_lemma
            wanted = [h for lemma in lemmas for h in by_lemma.get(lemma, ())]
            self._index_cache[key] = np.flatnonzero(np.isin(self._ids[:, 1], wanted)).tolist()
        return self._index_cache[key]

    @cached_property
    def _ids(self) -> np.ndarray:
        """Each token's LOWER and LEMMA string ids."""
        return self.doc.to_array([LOWER, LEMMA])

    @cached_property
    def _ids_by_lower_lemma(self) -> dict[str, list[int]]:
        """The document's lemma ids by lemma lower-cased ("Abduction", "abduction")."""
        out: dict[str, list[int]] = {}
        for h in np.unique(self._ids[:, 1]).tolist():
            lowered = _LOWERED.get(h)
            if lowered is None:
                lowered = _LOWERED[h] = self.doc.vocab.strings[h].lower()
            out.setdefault(lowered, []).append(h)
        return out

    @cached_property
    def _index_cache(self) -> dict[tuple[str, frozenset[str]], list[int]]:
        return {}

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, computed once per document (word sets derived from the resources,
        for `tokens_with_lemma`)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

    @cached_property
    def money_country(self) -> str | None:
        """The one country whose own currency the text's amounts are in ("N2.5m": NG),
        for a story whose places carry no country."""
        countries = {self.res.currency_country.get(m.currency) for m in self.money}
        countries.discard(None)
        return countries.pop() if len(countries) == 1 else None

    @cached_property
    def title(self) -> int | None:
        """The headline's segment: the text's first line, when it is a line of its own."""
        if not self.segments:
            return None
        first = self.segments[0]
        ends_line = self.text[first.end_char : first.end_char + 1] in ("\n", "")
        sentence = first.text.rstrip().endswith((".", "!", "?", ".\u201d", '."'))
        return 0 if not self.text[: first.start_char].strip() and ends_line and not sentence \
            else None


# String id -> the string lower-cased, for every Doc: ids are hashes of the strings, the
# same in every StringStore, and the vocabulary keeps the strings for the life of the
# process anyway.
_LOWERED: dict[int, str] = {}


def _armed_groups(d: _Doc, organizations: list[Organization]) -> list:
    """Organizations the text names that are armed groups, not in the groups lexicon:
    (short name, pattern of their names). The short name is the acronym the text gives
    ("Africa Marine Commando (AMC)", "..., or AUC")."""
    out = []
    for org in organizations:
        words = set(re.findall(r"[\w-]+", org.name.lower()))
        lower = org.name.lower()
        if not words & d.res.armed_words or any(w in lower for w in d.res.state_words):
            continue
        if any(PARTY_AFTER.match(d.text, m.end_char) for m in org.mentions):
            continue  # "the Social Democratic Front (SDF) party"
        acronym = org.acronym
        for m in org.mentions:
            after = ACRONYM_AFTER.match(d.text, m.end_char)
            acronym = acronym or (after.group(1) if after else None)
        forms = [org.name, *([acronym] if acronym else [])]
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        out.append((acronym or org.name, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")))
    return out


def _named_units(d: _Doc) -> list:
    """Units of armed groups the text names with a proper name and a unit noun ("the
    Carlos Patiño front, a dissident structure of the former FARC"): the unit is more
    specific than the group it belongs to, and is named first."""
    out = []
    for noun in d.tokens_with_lower(d.res.unit_nouns, d.doc[:]):
        names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names or noun.pos_ not in ("NOUN", "PROPN") or not noun.text.islower():
            continue
        start = min(t.left_edge.i for t in names)
        if d.doc[start].pos_ != "PROPN":
            continue
        name = d.text[d.doc[start].idx : noun.idx + len(noun)]
        if any(name == known for known, _ in out):
            continue
        out.append((name, re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")))
    return out


def _group_in(d: _Doc, text: str) -> str | None:
    """The armed group named first in `text` (lexicon or the text's own armed groups)."""
    if text not in d.group_cache:
        hits = [(m.start(), d.res.group_names[m.group().lower()], m.end())
                for pattern in d.res.groups for m in [pattern.search(text)] if m]
        hits += [(m.start(), name, m.end()) for name, pattern in d.armed
                 for m in [pattern.search(text)] if m]
        d.group_cache[text] = _branch_or_group(d, text, min(hits)) if hits else None
    return d.group_cache[text]


def _branch_or_group(d: _Doc, text: str, hit: tuple[int, str, int]) -> str:
    """The branch the text names after the group ("the Islamic State group's Sinai
    Province"): the branch is who acted, more specific than its parent."""
    _, name, end = hit
    branch = d.res.branch_after.match(text, end)
    return branch["branch"] if branch else name


def _dates(d: _Doc, mentions: list[DateMention], dateline: date | None) -> list:
    """Absolute dates and weekdays, each with the verb the parse attaches it to; the
    dateline itself is left out (it dates the report, not the events)."""
    out = []
    skipped_dateline = False
    for m in mentions:
        if m.relative or not m.start:
            continue
        if (not skipped_dateline and dateline and m.start_char < DATELINE_WINDOW
                and m.start == dateline.isoformat()):
            skipped_dateline = True
            continue
        iso = _single(m.start, m.end)
        if iso:
            iso = _not_after(iso, dateline)
            out.append((m.start_char, m.end_char, _When(iso, False, _verb_at(d, m.start_char))))
    taken = [(m.start_char, m.end_char) for m in mentions]
    for w in WEEKDAY.finditer(d.text):
        if dateline is None or any(s <= w.start() < e for s, e in taken):
            continue
        back = (dateline.weekday() - d.res.weekdays.index(w["day"].lower())) % 7
        if w["last"] and back == 0:
            back = 7
        day = dateline - timedelta(days=back)
        out.append((w.start("day"), w.end(), _When(day.isoformat(), True,
                                                   _verb_at(d, w.start("day")))))
    return sorted(out, key=lambda x: x[0])


def _single(start: str, end: str | None) -> str | None:
    """One time for a date or a range: "between March 7 and March 11" is March."""
    if start == end or end is None:
        return start
    for width in (7, 4):
        if start[:width] == end[:width]:
            return start[:width]
    return None


def _not_after(iso: str, dateline: date | None) -> str:
    """What a report tells happened before it was written: a year-less date read
    after the dateline ("kidnapped in December" in a March report) is the year before."""
    if dateline is None or iso[: len(iso)] <= dateline.isoformat()[: len(iso)]:
        return iso
    return f"{int(iso[:4]) - 1:04d}{iso[4:]}"


def _verb_at(d: _Doc, char: int) -> Token | None:
    span = d.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    return _governing_verb(d, span[0])


def _governing_verb(d: _Doc, token: Token) -> Token | None:
    """The verb a date belongs to, or the event noun ("the abduction", "their release")."""
    for anc in token.ancestors:
        if anc.pos_ in ("VERB", "AUX") or anc.tag_ in ("VBN", "VBD", "VBG"):
            return anc
        if anc.pos_ == "NOUN" and anc.lemma_.lower() in d.res.event_nouns:
            return anc
    return None


def _place_mentions(d: _Doc, places: list[Place]) -> list:
    """Place mentions that can be where people were taken: not the dateline's city, not
    a town naming a road ("the Abuja-Kaduna highway"), not an armed group's name."""
    out = []
    for place in places:
        if any(pattern.search(place.name) for pattern in d.res.groups):
            continue
        for m in place.mentions:
            if m.start_char < DATELINE_WINDOW and _in_dateline(d.text, m.start_char, m.end_char):
                continue
            after = d.text[m.end_char : m.end_char + 30].lower()
            if re.match(r"[\w\s/-]*?\b(?:" + "|".join(d.res.road_words) + r")\b", after) and \
                    re.match(r"\s*[-/\u2013]", after):
                continue
            if re.match(r"\s*[-/\u2013]\s*\w+\s+(?:" + "|".join(d.res.road_words) + r")\b", after):
                continue
            if d.text[max(0, m.start_char - 1) : m.start_char] in "-/\u2013" and \
                    re.match(r"\s+(?:" + "|".join(d.res.road_words) + r")\b", after):
                continue
            where = _locative_verb(d, m.start_char, m.end_char)
            if where is not None:
                out.append((m.start_char, m.end_char, place, *where))
    return sorted(out, key=lambda x: x[0])


def _locative_verb(d: _Doc, start: int, end: int) -> tuple[Token | None, bool] | None:
    """The verb (or abduction noun) a place is the location of ("abducted ... in
    Maradun"; None when it hangs on none, as in a headline) and whether a locative
    preposition says so (not only "of": "all of Kudewa village"); None when the place
    is no location: a modifier ("Ambazonia fighters"), "outside the capital"."""
    span = d.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    located = of = False
    for anc in span.root.ancestors:
        if anc.dep_ in ("prep", "agent") and anc.pos_ == "ADP":
            if anc.lower_ not in d.res.locatives:
                if located and anc.lower_ in d.res.site_preps:
                    continue  # "outside his shop [in Phoenix]": the town locates the shop
                return None
            located = located or anc.lower_ != "of"
            of = of or anc.lower_ == "of"
        elif anc.pos_ in ("VERB", "AUX") or f"noun:{anc.lemma_.lower()}" in d.res.abduction:
            return (anc, located) if located or of else None
    return (None, located) if located or of or span.root.dep_ == "ROOT" else None


def _in_dateline(text: str, start: int, end: int) -> bool:
    """A capitalized city opening a line and followed by a comma, a dash or a bracket."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and (
        text[start:end].isupper() or bool(re.match(r"\s*[,(\u2013\u2014-]", text[end:]))
    )
