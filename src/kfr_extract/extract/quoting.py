"""Quotation marks: which stretches of a text are quoted, and which of those are speech.

Shared by every extractor that must know what is inside quotation marks (quotes,
speakers, the event's theme and title); `context.DocContext` computes them once
per document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

OPENING = '“"'
CLOSING = '”"'
MARK = re.compile(r"[\"“”]")
SENTENCE_END = {".", "!", "?"}
SHORT_WORDS = 3
TOPIC = re.compile(r"\b(on)(?:\s+the)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class RawQuote:
    """One quoted stretch: ``start``/``end`` bound the words, marks excluded."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: runs to the end of its paragraph (continued below)
    paragraph: int



@dataclass(frozen=True)
class SpeechCues:
    """Lexicon entries that tell speech from titles and labels."""

    verbs: frozenset[str]  # reporting verbs, lemmas
    title_cue: re.Pattern[str]  # 'under the theme', 'entitled' ... just before a mark
    naming_verbs: frozenset[str]  # 'calls them "..."': a label, not speech


def find_quoted(text: str) -> list[RawQuote]:
    """Pair quotation marks paragraph by paragraph (curly and straight alike).

    A mark left open at the end of a paragraph closes there: news style opens
    each paragraph of a multi-paragraph quotation and closes only the last.
    """
    out: list[RawQuote] = []
    offset, number = 0, -1
    for line in text.split("\n"):
        number += bool(line.strip())  # blank lines do not separate paragraphs further
        opened: int | None = None
        for m in MARK.finditer(line):
            char, pos = m.group(), offset + m.start()
            if opened is None and (char in OPENING or _opens_like_a_quote(line, m.start())):
                opened = pos
            elif opened is not None and char in CLOSING:
                _append(out, text, opened, pos, pos, number)
                opened = None
            elif opened is not None and char in OPENING:
                opened = pos  # a stray opening mark: restart from the later one
        if opened is not None:
            _append(out, text, opened, offset + len(line), None, number)
        offset += len(line) + 1
    return out


def _opens_like_a_quote(line: str, i: int) -> bool:
    """A closing-shaped mark used to open ('”We will ...'): after a space or the
    start of the line, right before a word."""
    before = line[i - 1] if i else " "
    return i + 1 < len(line) and line[i + 1].isalnum() and (before.isspace() or before in "(\u2014")


def _append(
    out: list[RawQuote], text: str, opened: int, end: int, close: int | None, par: int
) -> None:
    start = opened + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(c.isalpha() for c in text[start:end]):
        out.append(RawQuote(start, end, opened, close, par))


class TokenIndex:
    """Character offset -> token, by bisection over token starts."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token | None:
        i = bisect_right(self.starts, char) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None


class Quoted:
    """Membership of a character offset in quoted text, by bisection."""

    def __init__(self, quotes: list[RawQuote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]
        self.closes = {q.close_mark for q in quotes}

    def __contains__(self, char: int) -> bool:
        i = bisect_right(self.starts, char) - 1
        return i >= 0 and char < self.quotes[i].end



def is_title(text: str, q: RawQuote, tokens: TokenIndex, cues: SpeechCues) -> bool:
    """Themes, titles of workshops and documents, names of courses."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    before = text[max(line_start, q.open_mark - 40) : q.open_mark]
    if cues.title_cue.search(before):
        return True
    topic = TOPIC.search(before)
    if topic:  # 'a workshop on "..."' (a title), not 'commented on "..."'
        on = tokens.at(q.open_mark - len(before) + topic.start(1))
        if on is not None and on.i > 0 and on.nbor(-1).pos_ in {"NOUN", "PROPN"}:
            return True
    inner = text[q.start : q.end].rstrip(" ,;:")
    words = re.findall(r"[^\W\d_][\w\u2019'-]*", inner)
    long_words = [w for w in words if len(w) > 3]
    return (
        len(words) >= 2
        and bool(long_words)
        and all(w[0].isupper() for w in long_words)
        and inner[-1:] not in SENTENCE_END
    )


def verb_before(q: RawQuote, tokens: TokenIndex, quoted: Quoted, cues: SpeechCues) -> Token | None:
    """The nearest reporting verb before the opening mark, in its sentence and line."""
    mark = tokens.at(q.open_mark)
    if mark is None:
        return None
    for tok in reversed(mark.doc[mark.sent.start : mark.i]):
        if tok.idx in quoted.closes or "\n" in tok.text:
            return None  # an earlier quotation (or paragraph) owns what precedes
        if is_reporting(tok, cues.verbs) and tok.idx not in quoted:
            return tok
    return None


def is_reporting(tok: Token, verbs: frozenset[str]) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in verbs


def speech_quotes(
    text: str, quoted: Quoted, tokens: TokenIndex, cues: SpeechCues
) -> list[RawQuote]:
    """Quoted stretches that are someone's words (not titles, themes, or terms).

    A short fragment ('a "goodwill gesture"') counts only when a reporting verb
    precedes it in its sentence, or when it is a punctuated utterance of its
    own ('"Families need answers," he said'): otherwise it is a scare-quoted term.
    After a naming verb ('calls its kidnappings "economic retentions"', 'describes
    it as a "criminal" group') the fragment is a label, not speech.
    """
    out = []
    for q in quoted.quotes:
        if is_title(text, q, tokens, cues):
            continue
        if _is_fragment(text[q.start : q.end]):
            verb = verb_before(q, tokens, quoted, cues)
            if verb is None or verb.lemma_.lower() in cues.naming_verbs:
                continue
        out.append(q)
    return out


def _is_fragment(inner: str) -> bool:
    """A few words without the capital and punctuation of an utterance."""
    if len(inner.split()) > SHORT_WORDS:
        return False
    return not (inner[:1].isupper() and inner.rstrip()[-1:] in {",", ".", "!", "?"})
