"""Event: the one organized event a document reports, from its opening sentences.

Press releases about capacity building name their event early: "UNOCT held an
Expert Group Meeting from 6 – 8 June 2023, in Rabat, ... under the theme
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

from kfr_extract.extract.quotes import find_quoted, read_lexicon
from kfr_extract.models import Event

OPENING_SENTENCES = 3
MIN_WORDS = 7
FOLLOW_UP = 2
ROUNDUP = re.compile(
    r"\b(?:several|various|multiple|separate|a series of|two|three|four|five|six|\d+)\s+"
    r"(?:[\w-]+\s+){0,2}(?:activities|events|workshops|trainings|meetings|sessions)\b",
    re.IGNORECASE,
)
THEME = re.compile(r"\btheme[:,]?\s*[\"“]\s*(?P<theme>[^\"“”]+?)[\s.,;]*[\"”]", re.IGNORECASE)
TITLED = re.compile(r"\b(?:titled|entitled)[:,]?\s*[\"“]\s*(?P<title>[^\"“”]+?)[\s.,;]*[\"”]", re.IGNORECASE)
NAME_TAIL = re.compile(r"^(?:\s+(?:on|of|for|against|and|the|to|in)|\s+[A-Z][\w’'-]*|\s+\([A-Z]+\))+")
PRESS = re.compile(r"\b(?:press|news|media)\s*$", re.IGNORECASE)
LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
ENTITY_WORDS = ("event", "meeting", "workshop", "training", "course", "conference", "seminar",
                "session", "forum", "roundtable", "summit", "webinar", "symposium")


@dataclass(frozen=True)
class Resources:
    types: re.Pattern[str]
    ordinals: frozenset[str]
    organizing: frozenset[str]
    gathering: frozenset[str]
    incident: frozenset[str]


def load_resources(lexicon_dir: Path) -> Resources:
    types = sorted(read_lexicon(lexicon_dir / "event_types.txt"), key=len, reverse=True)
    modifiers = read_lexicon(lexicon_dir / "event_modifiers.txt")
    ordinals = read_lexicon(lexicon_dir / "event_ordinals.txt")
    lead = "|".join(re.escape(w) for w in sorted(modifiers + ordinals + ["and"], key=len, reverse=True))
    heads = "|".join(r"\s+".join(map(re.escape, t.split())) for t in types)
    pattern = rf"\b(?:(?:{lead})\s+)*(?:{heads})\b" if types else r"(?!)"
    return Resources(
        types=re.compile(pattern, re.IGNORECASE),
        ordinals=frozenset(w.lower() for w in ordinals),
        organizing=frozenset(read_lexicon(lexicon_dir / "event_verbs.txt")),
        gathering=frozenset(read_lexicon(lexicon_dir / "event_gathering_verbs.txt")),
        incident=frozenset(read_lexicon(lexicon_dir / "event_incident_verbs.txt")),
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


def _segments(doc: Doc) -> list[Span]:
    """Sentences cut at line breaks: a headline without a full stop is not
    part of the first sentence of the body."""
    out = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in re.split(r"(\n+)", sent.text):
            end = start + len(piece)
            if piece.strip() and "\n" not in piece:
                span = doc.char_span(start, end, alignment_mode="contract")
                if span is not None and len(span):
                    out.append(span)
            start = end
    return out


def _opening(doc: Doc) -> list[Span]:
    """The body's first full sentences, skipping captions, credits and repeats."""
    text = doc.text
    title_end = _title_end(text)
    out = []
    for sent in _segments(doc):
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


def _event_phrase(doc: Doc, start: int, end: int, res: Resources,
                  quoted: list[tuple[int, int]]) -> re.Match[str] | None:
    """First event noun phrase in doc.text[start:end] (not quoted, not 'press conference')."""
    for m in res.types.finditer(doc.text, start, end):
        if any(s <= m.start() < e for s, e in quoted) or PRESS.search(doc.text[max(0, m.start() - 8) : m.start()]):
            continue
        head = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
        if head is not None and head.root.pos_ in {"NOUN", "PROPN"}:
            return m
    return None


def _has_lemma(span: Span, lemmas: frozenset[str]) -> Token | None:
    return next((t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in lemmas), None)


def _event_type(phrase: str, res: Resources) -> str:
    words = [w for w in phrase.split() if w.lower() not in res.ordinals]
    while words and words[0].lower() == "and":
        words = words[1:]
    if all(w[:1].isupper() for w in words) and len(words) > 1:
        return " ".join(words)
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]


# --- details ------------------------------------------------------------------------------


def _organizer(sents: list[Span], res: Resources, found: dict) -> str | None:
    """Subject or passive agent of 'held', 'organized', 'launched' ... by acronym."""
    orgs = found.get("organizations") or []
    for sent in sents:
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in res.organizing:
                continue
            names = [_org_name(h, orgs) for h in _doers(tok)]
            names = [n for n in names if n]
            if names:
                return " and ".join(dict.fromkeys(names))
    return None


def _doers(verb: Token) -> list[Token]:
    """Head nouns of who does the organizing, coordinated ones included."""
    heads = [c for c in verb.children if c.dep_ == "nsubj"]
    heads += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not heads and verb.dep_ in {"xcomp", "conj"}:
        heads = [c for c in verb.head.children if c.dep_ == "nsubj"]
    out = []
    for head in heads:
        out.append(head)
        out.extend(c for c in head.children if c.dep_ == "conj")
    return out


def _org_name(head: Token, orgs: list) -> str | None:
    """The organization whose mention covers this noun (its acronym if it has one)."""
    if head.pos_ not in {"PROPN", "NOUN"} or head.lower_ in {"it", "they"}:
        return None
    for org in orgs:
        for m in org.mentions:
            if m.start_char <= head.idx < m.end_char or (
                head.left_edge.idx <= m.start_char < head.idx + len(head) and head.pos_ == "PROPN"
            ):
                return org.acronym or org.name
    if head.pos_ == "PROPN" and head.text.isupper() and len(head.text) > 1:
        return head.text
    return None


def _dates(sents: list[Span], found: dict) -> tuple[str | None, str | None]:
    for sent in sents:
        for date in found.get("dates") or []:
            if date.start and not date.relative and sent.start_char <= date.start_char < sent.end_char:
                return date.start, date.end or date.start
    return None, None


def _location(sents: list[Span], found: dict, quoted: list[tuple[int, int]]) -> str | None:
    """A place of the event sentences, preferring a city named after 'in'/'at'."""
    text = sents[0].doc.text if sents else ""
    for sent in sents:
        ranked = []
        for place in found.get("places") or []:
            for m in place.mentions:
                if sent.start_char <= m.start_char < sent.end_char and not any(s <= m.start_char < e for s, e in quoted):
                    locative = bool(LOCATIVE.search(text[max(0, m.start_char - 12) : m.start_char]))
                    rank = (place.kind != "city", not locative, place.kind == "country", m.start_char)
                    ranked.append((rank, place.name))
        if ranked:
            return min(ranked)[1]
    return None


def _name_of_event(doc: Doc, m: re.Match[str], opening_text: str) -> str | None:
    """A quoted title ('titled "..."') or the capitalized proper name of the event."""
    titled = TITLED.search(opening_text)
    if titled:
        return titled.group("title")
    if not all(w[:1].isupper() for w in m.group().split()):
        return None
    tail = NAME_TAIL.match(doc.text, m.end())
    if not tail:
        return None
    name = (m.group() + tail.group()).strip()
    name = re.sub(r"(?:\s+(?:on|of|for|against|and|the|to|in))+$", "", name)
    return name if len(name) > len(m.group()) else None


def _follow_ups(opening: list[Span], first: Span) -> list[Span]:
    """The event sentence, later opening sentences that refer back to the event,
    then the lead sentence when the event is named after it."""
    later = [s for s in opening if s.start_char > first.start_char]
    refer = [s for s in later if any(w in s.text.lower() for w in ENTITY_WORDS)]
    lead = [opening[0]] if opening[0].start_char < first.start_char else []
    return [first] + refer[:FOLLOW_UP] + lead  # the lead sentence sets the scene last


def extract(doc: Doc, resources: Resources, found: dict) -> Event | None:
    text = doc.text
    quoted = [(q.start, q.end) for q in find_quoted(text)]
    opening = _opening(doc)
    if not opening:
        return None
    title_end = _title_end(text)
    first = opening[0]
    if ROUNDUP.search(text[:title_end]) or ROUNDUP.search(first.text):
        return None
    in_title = _event_phrase(doc, 0, title_end, resources, quoted)
    in_first = _event_phrase(doc, first.start_char, first.end_char, resources, quoted)
    if not (in_title or in_first) and _has_lemma(first, resources.incident):
        return None
    sentence, match, kind = None, None, None
    for sent in opening[:OPENING_SENTENCES]:
        match = _event_phrase(doc, sent.start_char, sent.end_char, resources, quoted)
        if match:
            sentence, kind = sent, _event_type(match.group(), resources)
            break
    if sentence is None:
        if in_title:
            sentence, match, kind = first, in_title, _event_type(in_title.group(), resources)
        elif _has_lemma(first, frozenset({"launch"})):
            sentence, kind = first, "Launch"
        elif _has_lemma(first, resources.gathering):
            sentence, kind = first, "Meeting"
        else:
            return None
    sents = _follow_ups(opening, sentence)
    start, end = _dates(sents, found)
    opening_text = text[opening[0].start_char : opening[-1].end_char]
    theme = THEME.search(opening_text)
    return Event(
        type=kind,
        title=_name_of_event(doc, match, opening_text) if match else None,
        organizer=_organizer(sents, resources, found),
        start=start,
        end=end,
        location=_location(sents, found, quoted),
        theme=theme.group("theme") if theme else None,
    )
