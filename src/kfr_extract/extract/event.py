"""Event: the one organized event a document reports, from its opening sentences.

Press releases about capacity building name their event early: "UNOCT held an
Expert Group Meeting from 6 - 8 June 2023, in Rabat, ... under the theme
"...". The extractor reads the title and the first full sentences of the body,
finds the first event noun phrase (workshop, training course, conference ...),
and fills the record from that sentence and the next ones that refer back to
the event ("Held from 10 to 13 April in N'Djamena, the conference ..."):
organizer = subject (or passive agent) of an organizing verb, by acronym;
dates and location from the earlier extractors' results inside those sentences.

Incident news (an abduction, a rescue) and roundups of several activities
report no single event: the result is null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.context import DocContext
from kfr_extract.models import DateMention, Event, EventPart, Organization, Place
from kfr_extract.paths import read_lexicon

OPENING_SENTENCES = 3
MIN_WORDS = 7
FOLLOW_UP = 2
ROUNDUP = re.compile(
    r"\b(?:several|various|multiple|separate|a series of|two|three|four|five|six|\d+)\s+"
    r"(?:[\w-]+\s+){0,2}(?:activities|events|workshops|trainings|meetings|conferences)\b",
    re.IGNORECASE,
)
# The quoted text is taken whole and trimmed in Python (`_quoted`): a lazy group followed
# by `[\s.,;]*` made the search quadratic on a long run of ", " with no closing mark.
THEME = re.compile(r"\btheme[:,]?\s*[\"“](?P<theme>[^\"“”]*)[\"”]", re.IGNORECASE)
TITLED = re.compile(r"\b(?:titled|entitled)[:,]?\s*[\"“](?P<title>[^\"“”]*)[\"”]", re.IGNORECASE)
NAME_TAIL = re.compile(
    r"^(?:\s+(?:on|of|for|against|and|the|to|in)|\s+[A-Z][\w\u2019'-]*|\s+\([A-Z]+\))+"
)
PRESS = re.compile(r"\b(?:press|news|media)\s*$", re.IGNORECASE)
LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
COORDINATION = re.compile(r"[\s()]*(?:,\s*)?(?:and\s+)?(?:the\s+)?")
LAUNCH = frozenset({"launch"})
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z/&.-]*[A-Z])\)")


@dataclass(frozen=True)
class Resources:
    types: re.Pattern[str]
    ordinals: frozenset[str]
    organizing: frozenset[str]
    gathering: frozenset[str]
    incident: frozenset[str]
    anaphora: tuple[str, ...]  # 'the workshop': a later sentence about the same event


def load_resources(lexicon_dir: Path) -> Resources:
    types = sorted(read_lexicon(lexicon_dir / "event_types.txt"), key=len, reverse=True)
    modifiers = read_lexicon(lexicon_dir / "event_modifiers.txt")
    ordinals = read_lexicon(lexicon_dir / "event_ordinals.txt")
    lead = "|".join(
        re.escape(w) for w in sorted(modifiers + ordinals + ["and"], key=len, reverse=True)
    )
    heads = "|".join(r"\s+".join(map(re.escape, t.split())) for t in types)
    pattern = rf"\b(?:(?:{lead})\s+)*(?P<head>{heads})\b" if types else r"(?!)"
    return Resources(
        types=re.compile(pattern, re.IGNORECASE),
        ordinals=frozenset(w.lower() for w in ordinals),
        organizing=frozenset(read_lexicon(lexicon_dir / "event_verbs.txt")),
        gathering=frozenset(read_lexicon(lexicon_dir / "event_gathering_verbs.txt")),
        incident=frozenset(read_lexicon(lexicon_dir / "event_incident_verbs.txt")),
        anaphora=tuple(w.lower() for w in read_lexicon(lexicon_dir / "event_anaphora_words.txt")),
    )


# --- where the event is named -------------------------------------------------------------


def _title_end(text: str) -> int:
    """End of the document's first non-empty line (its title)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _line_of(text: str, char: int) -> str:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return text[start : len(text) if end < 0 else end].strip()


def _opening(ctx: DocContext) -> list[Span]:
    """The body's first full sentences, skipping captions, credits and repeats."""
    text = ctx.text
    title_end = _title_end(text)
    out = []
    for sent in ctx.segments:
        if sent.start_char < title_end:
            continue
        line = _line_of(text, sent.start_char)
        words = [t for t in sent if t.is_alpha]
        if len(words) < MIN_WORDS or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue
        if text.count(line) > 1 or "photo" in line.lower():
            continue  # picture captions and their alt-text copies
        out.append(sent)
        if len(out) == OPENING_SENTENCES + FOLLOW_UP:
            break
    return out


def _event_phrase(
    doc: Doc, start: int, end: int, res: Resources, quoted: list[tuple[int, int]]
) -> re.Match[str] | None:
    """First event noun phrase in the text[start:end] (not quoted, not 'press conference')."""
    text = doc_text(doc)
    for m in res.types.finditer(text, start, end):
        if any(s <= m.start() < e for s, e in quoted):
            continue
        if PRESS.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        head = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
        if head is not None and head.root.pos_ in {"NOUN", "PROPN"}:
            return m
    return None


def _has_lemma(span: Span, lemmas: frozenset[str]) -> Token | None:
    return next((t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in lemmas), None)


def _event_type(m: re.Match[str], res: Resources) -> str:
    """'fifth and final regional workshop' -> 'Regional workshop'; a capitalized
    multi-word type keeps its form ('Expert Group Meeting'), a capitalized event
    name does not ('Second International Meeting' -> 'International meeting')."""
    head = m.group("head")
    lead = m.string[m.start() : m.start("head")].split()
    words = [w.lower() for w in lead if w.lower() not in res.ordinals and w.lower() != "and"]
    if not (len(head.split()) > 1 and all(w[:1].isupper() for w in head.split())):
        head = head.lower()
    text = " ".join([*words, head])
    return text[:1].upper() + text[1:]


# --- details ------------------------------------------------------------------------------


def _organizer(
    sents: list[Span], res: Resources, organizations: list[Organization]
) -> tuple[str, int, int] | None:
    """Subject or passive agent of 'held', 'organized', 'launched' ... by acronym,
    with the organizations coordinated with it ('by X and Y')."""
    text = doc_text(sents[0].doc) if sents else ""
    mentions = sorted(
        (m.start_char, m.end_char, _short_name(org, m.end_char, text))
        for org in organizations
        for m in org.mentions
    )
    for sent in sents:
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in res.organizing:
                continue
            for low, high, head in _doer_regions(tok):
                names, start, end = _coordinated(
                    doc_text(sent.doc), low, high, head, mentions, sent.end_char
                )
                if names:
                    return " and ".join(dict.fromkeys(names)), start, end
    return None


def _short_name(org: Organization, end: int, text: str) -> str:
    """The organization's acronym: known, or given in brackets after this mention."""
    if org.acronym:
        return org.acronym
    given = ACRONYM_AFTER.match(text, end)
    return given.group(1) if given else org.name


def _doer_regions(verb: Token) -> list[tuple[int, int, Token | None]]:
    """Character stretches naming who organizes: the subject or agent phrases,
    else (a headline parsed into the sentence) the words before the verb on its line."""
    text = doc_text(verb.doc)
    line_start = text.rfind("\n", 0, verb.idx) + 1
    regions: list[tuple[int, int, Token | None]] = [
        (h.left_edge.idx, h.idx + len(h), h) for h in _doers(verb) if h.idx >= line_start
    ]
    if not regions and line_start > verb.sent.start_char:
        regions.append((line_start, verb.idx, None))
    return regions


def _doers(verb: Token) -> list[Token]:
    """Head nouns of who does the organizing."""
    heads = [c for c in verb.children if c.dep_ == "nsubj"]
    heads += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not heads and verb.dep_ in {"xcomp", "conj"}:
        heads = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return [h for h in heads if h.pos_ in {"PROPN", "NOUN"}]


def _coordinated(
    text: str,
    low: int,
    high: int,
    head: Token | None,
    mentions: list[tuple[int, int, str]],
    limit: int,
) -> tuple[list[str], int, int]:
    """The organization a phrase names, then those joined to it by 'and' / ',', with the
    stretch of text that names them."""
    names: list[str] = []
    first = end = -1
    for start, stop, name in mentions:
        if start >= limit:
            break
        if not names:
            if head is not None and start <= head.idx < stop:
                names.append(name)
                first, end = start, stop
            elif low <= start < high:
                # 'the OSCE Transnational Threats Department': the organization's
                # acronym opens a longer name that the phrase gives in full
                longer = head is not None and head.pos_ == "PROPN" and stop <= head.idx
                names.append(_noun_phrase(head) if longer else name)
                first, end = start, head.idx + len(head) if longer else stop
            continue
        if start < end:
            continue  # nested in the previous mention
        gap = COORDINATION.fullmatch(text, end, start)
        if gap is None:
            break
        if name != names[-1]:
            if not re.search(r",|\band\b", gap.group()):
                break
            names.append(name)
        end = stop  # the same organization again: its acronym in brackets
    if not names and head is not None and head.pos_ == "PROPN" and head.ent_type_ != "PERSON":
        phrase = _noun_phrase(head)  # an organization the earlier extractor missed
        return [phrase], head.idx + len(head) - len(phrase), head.idx + len(head)
    if text[first:end].count("(") > text[first:end].count(")") and text[end:end + 1] == ")":
        end += 1  # '... Office of Counter-Terrorism (UNOCT)': the bracket closes in the span
    return names, first, end


def _noun_phrase(head: Token) -> str:
    """'the OSCE Programme Office' -> 'OSCE Programme Office' (head and its left
    modifiers), or the acronym the text gives right after it ('... Branch (UNODC/TPB)')."""
    text = doc_text(head.doc)
    acronym = ACRONYM_AFTER.match(text, head.idx + len(head))
    if acronym:
        return acronym.group(1)
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1] if t.dep_ != "det"]
    return text[tokens[0].idx : head.idx + len(head)].rsplit("\n", 1)[-1].strip()


def _dates(sents: list[Span], dates: list[DateMention]) -> DateMention | None:
    """The first date of the event sentences; in a sentence, a range before a
    single day ('Abuja, 14 March - ... from 14 to 16 March')."""
    absolute = [d for d in dates if d.start and not d.relative]
    for sent in sents:
        inside = [d for d in absolute if sent.start_char <= d.start_char < sent.end_char]
        if inside:
            return min(inside, key=lambda d: (d.end in (None, d.start), d.start_char))
    return None


def _location(
    sents: list[Span], title_end: int, places: list[Place], quoted: list[tuple[int, int]]
) -> tuple[str, int, int] | None:
    """A place of the event sentences (else the headline): a city named after
    'in'/'at' first, then any city, then other places before countries."""
    text = doc_text(sents[0].doc) if sents else ""
    stretches = [(s.start_char, s.end_char) for s in sents] + [(0, title_end)]
    ranked = []
    for place in places:
        for m in place.mentions:
            order = next(
                (i for i, (lo, hi) in enumerate(stretches) if lo <= m.start_char < hi), None
            )
            if order is None or any(s <= m.start_char < e for s, e in quoted):
                continue
            locative = bool(LOCATIVE.search(text[max(0, m.start_char - 12) : m.start_char]))
            rank = (
                place.kind != "city",
                not locative,
                place.kind == "country",
                order,
                m.start_char,
            )
            ranked.append((rank, (place.name, m.start_char, m.end_char)))
    return min(ranked)[1] if ranked else None


def _name_of_event(
    doc: Doc, m: re.Match[str], opening: tuple[int, int]
) -> tuple[str, int, int] | None:
    """A quoted title ('titled "..."') or the capitalized proper name of the event."""
    text = doc_text(doc)
    titled = _quoted(TITLED, text, *opening)
    if titled:
        return titled
    if not all(w[:1].isupper() for w in m.group().split()):
        return None
    tail = NAME_TAIL.match(text, m.end())
    if not tail:
        return None
    name = (m.group() + tail.group()).strip()
    name = re.sub(r"(?:\s+(?:on|of|for|against|and|the|to|in))+$", "", name)
    start = m.start() + len(m.group()) - len(m.group().lstrip())
    return (name, start, start + len(name)) if len(name) > len(m.group()) else None


def _follow_ups(opening: list[Span], first: Span, anaphora: tuple[str, ...]) -> list[Span]:
    """The event sentence, later opening sentences that refer back to the event,
    then the lead sentence when the event is named after it."""
    later = [s for s in opening if s.start_char > first.start_char]
    refer = [s for s in later if _contains_any(s.text.lower(), anaphora)]
    lead = [opening[0]] if opening[0].start_char < first.start_char else []
    return [first, *refer[:FOLLOW_UP], *lead]  # the lead sentence sets the scene last


def _contains_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _reports_no_event(
    text: str, title_end: int, first: Span, in_first: re.Match[str] | None, res: Resources
) -> bool:
    """A roundup of several activities, or a lead that reports an abduction or
    a rescue before naming any event."""
    if ROUNDUP.search(text[:title_end]) or ROUNDUP.search(first.text):
        return True
    incident = _has_lemma(first, res.incident)
    return incident is not None and (in_first is None or incident.idx < in_first.start())


def _find_event(
    doc: Doc,
    opening: list[Span],
    in_title: re.Match[str] | None,
    res: Resources,
    quoted: list[tuple[int, int]],
) -> tuple[Span, re.Match[str] | None, str] | None:
    """The sentence that names the event, the event phrase and the event type."""
    for sent in opening[:OPENING_SENTENCES]:
        match = _event_phrase(doc, sent.start_char, sent.end_char, res, quoted)
        if match:
            return sent, match, _event_type(match, res)
    first = opening[0]
    if in_title:
        return first, in_title, _event_type(in_title, res)
    if _has_lemma(first, LAUNCH):
        return first, None, "Launch"
    if _has_lemma(first, res.gathering):
        return first, None, "Meeting"
    return None


REQUIRES = ("dates", "places", "organizations")


def extract(ctx: DocContext, resources: Resources) -> Event | None:
    doc, text = ctx.doc, ctx.text
    quoted = [(q.start, q.end) for q in ctx.quoted.quotes]
    opening = _opening(ctx)
    if not opening:
        return None
    title_end = _title_end(text)
    first = opening[0]
    in_title = _event_phrase(doc, 0, title_end, resources, quoted)
    in_first = _event_phrase(doc, first.start_char, first.end_char, resources, quoted)
    if _reports_no_event(text, title_end, first, in_first, resources):
        return None
    located = _find_event(doc, opening, in_title, resources, quoted)
    if located is None:
        return None
    sentence, match, kind = located
    sents = _follow_ups(opening, sentence, resources.anaphora)
    parts = _Parts(text)
    if match:
        parts.add("type", match.start(), match.end())
    when = _dates(sents, ctx.result("dates"))
    if when:
        parts.add("dates", when.start_char, when.end_char)
    lead = (opening[0].start_char, opening[-1].end_char)
    theme = parts.value("theme", _quoted(THEME, text, *lead))
    title = _name_of_event(doc, match, lead) if match else None
    organizer = _organizer(sents, resources, ctx.result("organizations"))
    location = _location(sents, title_end, ctx.result("places"), quoted)
    return Event(
        type=kind,
        title=parts.value("title", title),
        organizer=parts.value("organizer", organizer),
        start=when.start if when else None,
        end=(when.end or when.start) if when else None,
        location=parts.value("location", location),
        theme=theme,
        evidence=parts.spans,
    )


class _Parts:
    """The stretches of text the event's slots come from."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[EventPart] = []

    def add(self, slot: str, start: int, end: int) -> None:
        self.spans.append(EventPart(slot=slot, text=self.text[start:end],
                                    start_char=start, end_char=end))

    def value(self, slot: str, found: tuple[str, int, int] | None) -> str | None:
        if found is None:
            return None
        self.add(slot, found[1], found[2])
        return found[0]


def _quoted(pattern: re.Pattern[str], text: str, start: int, end: int
            ) -> tuple[str, int, int] | None:
    """The first quotation `pattern` finds in text[start:end] with some words in it,
    without the spaces and `.,;` around them, and where those words are."""
    for match in pattern.finditer(text, start, end):
        low, high = match.span(1)
        while high > low and (text[high - 1].isspace() or text[high - 1] in ".,;"):
            high -= 1
        while low < high and text[low].isspace():
            low += 1
        if low < high:
            return text[low:high], low, high
    return None
