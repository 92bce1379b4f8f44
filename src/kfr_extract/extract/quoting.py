# ruff: noqa: RUF002, RUF003  (this module is about quotation marks)
"""Quotation marks: which stretches of a text are quoted, and which of those are speech.

Shared by every extractor that must know what is inside quotation marks (quotes,
speakers, the event's theme and title); `context.DocContext` computes them once
per document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from kfr_extract.extract._spans import doc_text

OPENING = '“"'
CLOSING = '”"'
DOUBLE = re.compile(r"[\"“”]")
# A token holding a quotation mark: double marks, and the opening single mark (the
# closing one, ’, is also the apostrophe of "Nigeria’s" and "don’t").
MARK = re.compile(r"[\"“”‘]")
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
# Pairs of single marks: curly, and the straight mark of plain-text copies
# ('We are relieved,' she said), which is also the typed apostrophe.
SINGLE_PAIRS = ((SINGLE_OPEN, SINGLE_CLOSE), ("'", "'"))
# Before an opening single mark: the start of the line, a space, a bracket or a dash.
SINGLE_BEFORE = " \t(\u2014\u2013-\"“"
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
    labelled: frozenset[str]  # nouns for people and groups: 'a "notorious" suspect'
    # verbs that attribute only after the quotation: '"…," pleads X', '"…," he fears'
    after_verbs: frozenset[str] = frozenset()
    # verbs of opinion: speech only when their clause holds the quotation
    opinion_verbs: frozenset[str] = frozenset()


def find_quoted(text: str) -> list[RawQuote]:
    """Pair quotation marks paragraph by paragraph (curly and straight alike).

    A mark left open at the end of a paragraph closes there: news style opens
    each paragraph of a multi-paragraph quotation and closes only the last.
    """
    out: list[RawQuote] = []
    offset, number = 0, -1
    for line in text.split("\n"):
        number += bool(line.strip())  # blank lines do not separate paragraphs further
        doubles = _double_quoted(text, line, offset, number)
        out += doubles
        out += _single_quoted(text, line, offset, number, doubles)
        offset += len(line) + 1
    return sorted(out, key=lambda q: q.start)


def _double_quoted(text: str, line: str, offset: int, number: int) -> list[RawQuote]:
    """Double marks of one paragraph (line), paired left to right."""
    out: list[RawQuote] = []
    opened: int | None = None
    for m in DOUBLE.finditer(line):
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
    return out


def _single_quoted(
    text: str, line: str, offset: int, number: int, doubles: list[RawQuote]
) -> list[RawQuote]:
    """Quotations in single marks (‘…’, or '…' in plain-text copies), the house style
    of British and many African outlets. An opening mark stands before a word; its
    closing mark is the first one not inside a word ("don’t") and not a plural
    possessive ("the farmers’ land"), unless no other closes the quotation. Single
    marks inside a double-quoted stretch quote within a quotation and are left to it."""
    out: list[RawQuote] = []
    for opening, closing in SINGLE_PAIRS:
        if opening in line:
            out += _single_pairs(text, line, offset, number, doubles + out, opening, closing)
    return out


def _single_pairs(
    text: str,
    line: str,
    offset: int,
    number: int,
    enclosing: list[RawQuote],
    opening: str,
    closing: str,
) -> list[RawQuote]:
    """The quotations one kind of single mark opens and closes in one paragraph."""
    out: list[RawQuote] = []
    i = line.find(opening)
    while i >= 0:
        pos = offset + i
        inside = any(q.open_mark < pos < (q.close_mark if q.close_mark is not None else q.end + 1)
                     for q in enclosing)
        if inside or not _opens_single(line, i):
            i = line.find(opening, i + 1)
            continue
        close = _single_close(line, i + 1, closing)
        if close is None:
            _append(out, text, pos, offset + len(line), None, number)
            return out
        _append(out, text, pos, offset + close, offset + close, number)
        i = line.find(opening, close + 1)
    return out


def _opens_single(line: str, i: int) -> bool:
    before = line[i - 1] if i else " "
    return i + 1 < len(line) and line[i + 1].isalpha() and before in SINGLE_BEFORE


def _single_close(line: str, start: int, closing: str = SINGLE_CLOSE) -> int | None:
    """The closing mark of a single-quoted stretch opened before ``start``."""
    weak: int | None = None
    j = line.find(closing, start)
    while j >= 0:
        after = line[j + 1] if j + 1 < len(line) else " "
        if not after.isalnum():
            rest = line[j + 1 :].lstrip()
            possessive = line[j - 1] == "s" and after == " " and rest[:1].islower()
            if not possessive:
                return j
            weak = j if weak is None else weak
        j = line.find(closing, j + 1)
    return weak


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
        # One array read instead of a Token object per token (a tenth of the time).
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []

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
    if headline_description(text, q) is not None:
        return False  # "'We Have Sold Everything' – Father of Abducted Student": speech
    inner = text[q.start : q.end].rstrip(" ,;:")
    words = re.findall(r"[^\W\d_][\w\u2019'-]*", inner)
    long_words = [w for w in words if len(w) > 3]
    return (
        len(words) >= 2
        and bool(long_words)
        and all(w[0].isupper() for w in long_words)
        and inner[-1:] not in SENTENCE_END
    )


# After a headline's quotation: a dash, then who said it ("'…' – Father of Abducted Student").
HEADLINE_SPEAKER = re.compile(r"[ \t]*[\u2013\u2014-]{1,2}[ \t]*([A-Z][^\n]*)")


def headline_description(text: str, q: RawQuote) -> str | None:
    """The description of the speaker after a quotation that opens a story's headline
    and is set off from it by a dash, the headline style of much of the African press
    (Title Case, like a title, but a person's words); None for any other quotation."""
    if q.close_mark is None or text[: q.open_mark].strip():
        return None
    m = HEADLINE_SPEAKER.match(text, q.close_mark + 1)
    return m.group(1) if m else None


def verb_before(q: RawQuote, tokens: TokenIndex, quoted: Quoted, cues: SpeechCues) -> Token | None:
    """The nearest reporting verb before the opening mark, in its sentence and line."""
    mark = tokens.at(q.open_mark)
    if mark is None:
        return None
    for tok in reversed(mark.doc[mark.sent.start : mark.i]):
        if tok.idx in quoted.closes or "\n" in tok.text:
            return None  # an earlier quotation (or paragraph) owns what precedes
        if tok.idx in quoted:
            continue
        if is_reporting(tok, cues.verbs) or (
                is_reporting(tok, cues.opinion_verbs) and governs(tok, mark)):
            return tok
    return None


def governs(verb: Token, tok: Token) -> bool:
    """Whether ``tok`` hangs, through its heads, under ``verb`` ('considered that the
    abduction is "a signal"': the opening mark belongs to the clause the verb governs)."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i == verb.i:
            return True
    return False


def colon_intro_verb(
    q: RawQuote, text: str, tokens: TokenIndex, quoted: Quoted, cues: SpeechCues
) -> Token | None:
    """'X said:' closing the paragraph before a quotation that opens its own paragraph:
    the reporting verb of that introduction, else the verb of a clause that introduces it."""
    start = text.rfind("\n", 0, q.open_mark) + 1
    if text[after_paragraph_number(text, start) : q.open_mark].strip():
        return None
    before = text[:start].rstrip()
    if not before.endswith(":"):
        return None
    colon = tokens.at(len(before) - 1)
    if colon is None:
        return None
    for tok in reversed(colon.doc[colon.sent.start : colon.i]):
        if tok.idx in quoted.closes:
            return None
        if "\n" in tok.text:
            break
        if is_reporting(tok, cues.verbs) and tok.idx not in quoted:
            return tok
    return _introducing_verb(colon)


# How far the verb of a colon introduction may stand from its colon ('held:', 'wrote in
# her ruling:').
INTRO_REACH = 4


def _introducing_verb(colon: Token) -> Token | None:
    """A clause ending on a colon before a paragraph of quotation introduces speech,
    whatever its verb ('In her judgment, Lady Justice X held:', 'the court ruled:'): its
    main verb, when that verb has a subject and stands close to the colon."""
    root = colon.head if colon.dep_ == "punct" else colon.sent.root
    if root.pos_ != "VERB" or not 0 < colon.i - root.i <= INTRO_REACH:
        return None
    if any("\n" in t.text for t in colon.doc[root.i : colon.i]):
        return None
    return root if any(c.dep_ == "nsubj" for c in root.children) else None


# What may stand before the name that opens a paragraph: nothing, or a short honorific.
LEAD_HONORIFIC = re.compile(r"(?:[A-Z][a-z]{0,3}\.?\s+)?")


def opening_quotation(text: str, speech: list[RawQuote]) -> tuple[RawQuote, int, int] | None:
    """A story that opens with a quotation standing as its own paragraph names the speaker
    as the first words of the next paragraph ('"I no longer sleep." / Awa X has lived with
    this fear since ...'): that quotation (the first speech, after nothing but headline,
    byline and dateline lines, which end without a full stop) and the span where the name
    may start."""
    if not speech or speech[0].close_mark is None:
        return None
    q = speech[0]
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    line_end = text.find("\n", q.close_mark)
    if line_end < 0 or text[line_start : q.open_mark].strip() \
            or text[q.close_mark + 1 : line_end].strip():
        return None
    if any(line.rstrip()[-1:] in SENTENCE_END for line in text[:line_start].split("\n")):
        return None
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    lead = LEAD_HONORIFIC.match(text, start)
    return q, start, lead.end() if lead else start


# A paragraph number of a numbered report ('8. ', '(b) ', 'iv) '): no narration.
PARAGRAPH_NUMBER = re.compile(r"[ \t]*(?:\d{1,3}[.)]|\(\w{1,4}\)|[ivxlc]{1,6}[.)])[ \t]+")


def after_paragraph_number(text: str, start: int) -> int:
    """Where a paragraph's words start: past a paragraph number, which reports that
    number their paragraphs set before a quotation as well as before narration
    ('8. "…," she told participants' opens with the quotation all the same)."""
    m = PARAGRAPH_NUMBER.match(text, start)
    return m.end() if m else start


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
    it as a "criminal" group') the fragment is a label, not speech; so is one that
    modifies the noun after it ('a ‘notorious’ kidnap suspect') or is counted by a
    number before it ('three or four "pirates"'), whatever verb opens the sentence.
    """
    out = []
    for q in quoted.quotes:
        if is_title(text, q, tokens, cues):
            continue
        if _is_fragment(text[q.start : q.end]):
            verb = verb_before(q, tokens, quoted, cues)
            if verb is None or _names(verb, cues.naming_verbs) \
                    or _is_label(q, tokens, cues.labelled) or _named_thing(q, tokens, verb) \
                    or _quoted_name(q, tokens):
                continue
        out.append(q)
    return out


def _is_label(q: RawQuote, tokens: TokenIndex, labelled: frozenset[str]) -> bool:
    """A quoted word used as a name for someone rather than as someone's words: an
    epithet of the person or group noun after it, or what a number counts. (A quoted
    modifier of another noun is the speaker's word: 'stressed a "rigorous"
    implementation'.)"""
    first, last = tokens.at(q.start), tokens.at(q.end - 1)
    if first is None or last is None or q.close_mark is None:
        return False
    doc = first.doc
    mark = tokens.at(q.open_mark)
    if mark is not None and mark.i > 0 and mark.idx == q.open_mark:
        before = doc[mark.i - 1]
        if before.like_num or before.pos_ == "NUM":
            return True  # 'three or four "pirates"'
    close = tokens.at(q.close_mark)
    nxt = close.i + 1 if close is not None else len(doc)
    if nxt >= len(doc) or doc[nxt].pos_ not in ("NOUN", "PROPN") \
            or "\n" in doc_text(doc)[q.close_mark : doc[nxt].idx]:
        return False
    heads = [t.head for t in doc[first.i : last.i + 1] if t.head.i >= nxt]
    for head in heads:  # 'a notorious | kidnap suspect': up the compound to its noun
        while head.lower_ not in labelled and head.dep_ in ("compound", "amod", "nmod") \
                and head.head.i > head.i:
            head = head.head
        if head.lower_ in labelled:
            return True
    return False


def _names(verb: Token, naming_verbs: frozenset[str]) -> bool:
    """'calls them "pirates"' names; 'called for the army to be "rejigged"' demands."""
    if verb.lemma_.lower() not in naming_verbs:
        return False
    nxt = verb.i + 1
    return nxt >= len(verb.doc) or verb.doc[nxt].lower_ != "for"


def _quoted_name(q: RawQuote, tokens: TokenIndex) -> bool:
    """'local sources told "Carta"': one quoted proper noun is a name (a newspaper's, a
    nickname), not words anyone said ('he answered "No"' is an interjection)."""
    first, last = tokens.at(q.start), tokens.at(q.end - 1)
    return first is not None and last is not None and first.i == last.i \
        and first.pos_ == "PROPN" \
        and first.idx == q.start and first.text[:1].isupper()


def _named_thing(q: RawQuote, tokens: TokenIndex, verb: Token) -> bool:
    """'The government declared an "internal armed conflict"': a fragment that is the
    whole noun phrase of an indefinite article and the object of the verb itself names a
    thing the subject declared or made, not words it said (inside what was said it is a
    quotation: 'said the man was freed as a "goodwill gesture"'; so is a quoted modifier
    of a noun after it: 'stressed a "rigorous" approach'), except a lone quoted word that
    is a verb's whole object there ('say the group has imposed a "zakat" on herders')."""
    mark, first, last = tokens.at(q.open_mark), tokens.at(q.start), tokens.at(q.end - 1)
    if mark is None or first is None or last is None or mark.i == 0 \
            or mark.idx != q.open_mark:
        return False
    doc = mark.doc
    if doc[mark.i - 1].lower_ not in ("a", "an"):
        return False
    head = doc[last.i]
    if head.dep_ not in ("dobj", "attr", "oprd"):
        return False
    # one quoted word as the whole object ('has imposed a "zakat" on herders'): a term
    # the writer marks, whichever verb takes it; a longer one only the speaker's own verb
    return head.head.i == verb.i or (first.i == last.i and head.head.pos_ in ("VERB", "AUX"))


def _is_fragment(inner: str) -> bool:
    """A few words without the capital and punctuation of an utterance."""
    if len(inner.split()) > SHORT_WORDS:
        return False
    return not (inner[:1].isupper() and inner.rstrip()[-1:] in {",", ".", "!", "?"})
