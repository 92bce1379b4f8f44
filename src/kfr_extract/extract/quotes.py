"""Quotes: direct quotations in quotation marks, with who said them.

Finding a quotation is a matter of pairing marks inside a paragraph; the
work is in telling speech from titles ('under the theme "..."') and in
attribution. Reports attribute a quotation in a handful of ways, tried here in
the order a reader would: a clause right after the closing mark ('," he said',
'," said X', '," the Director, X, ...'), then a reporting verb before the
opening mark ('X stressed that "...', 'X said: "...'), then the neighbouring
quotation of the same passage (a quotation continued in the next paragraph, or
a second quotation right after an attributed one), then the speaker the
paragraph has been reporting. Pronouns and titles ('he added', 'the governor
said') resolve to the latest fitting speaker; a non-person source ('the
ministry said', 'a police spokesman said') gives a null speaker.

Titles and themes in quotation marks are not quotations ('under the theme
"..."', 'a workshop on "..."', a Title-Cased name), nor are scare-quoted terms
(a few words with no reporting verb before them: 'the "kidnapping terrain"').

Speakers come from `found["speakers"]`; `speakers.py` uses `speech_quotes`
from here so that both fields agree on what counts as a quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.models import Quote, Speaker
from kfr_extract.paths import read_lexicon

OPENING = '“"'
CLOSING = '”"'
MARK = re.compile(r"[\"“”]")
SENTENCE_END = {".", "!", "?"}
SUBJECT_DEPS = {"nsubj", "csubj"}  # a passive subject is spoken about; the agent speaks
HEAD_HOPS = {"conj", "advcl", "xcomp", "ccomp"}
PERSONAL = {"he": "m", "she": "f"}
RELATIVES = {"who", "that", "which"}
GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "father": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
}
SHORT_WORDS = 3
TOPIC = re.compile(r"\b(on)(?:\s+the)?\s*$", re.IGNORECASE)
POST_WINDOW = 25
# A clause after the last comma that opens with an article names the source itself
# ('..., a resident of the town told AFP'); names before that comma are not it.
POSTPOSED_SOURCE = re.compile(r"\s*(?:a|an|the|one)\s", re.IGNORECASE)
STOP_WORDS = {"the", "a", "an", "of", "for", "in", "at", "and", "to", "on", "'s", "\u2019s"}
# Between a closing mark and a name: ', the Director of X, ' or nothing at all.
APPOSITION = re.compile(r"^[\s,]*(?:(?:the|a|an)\s[^;\"“”\n]{0,140}?,\s*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class RawQuote:
    """One quoted stretch: ``start``/``end`` bound the words, marks excluded."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: runs to the end of its paragraph (continued below)
    paragraph: int


@dataclass(frozen=True)
class Resources:
    verbs: frozenset[str]
    title_words: frozenset[str]
    title_cue: re.Pattern[str]
    naming_verbs: frozenset[str]  # 'calls them "..."': a label, not speech


@dataclass
class Attribution:
    """Outcome of looking for a quotation's speaker: ``found`` with a null name
    means the text names a non-person source ('the ministry said')."""

    found: bool = False
    speaker: str | None = None


def load_resources(lexicon_dir: Path) -> Resources:
    cues = sorted(read_lexicon(lexicon_dir / "quotes_title_cues.txt"), key=len, reverse=True)
    cue_alt = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in cues) or "(?!)"
    return Resources(
        verbs=frozenset(
            w.lower() for w in read_lexicon(lexicon_dir / "speakers_reporting_verbs.txt")
        ),
        title_words=frozenset(
            w.lower() for w in read_lexicon(lexicon_dir / "speakers_title_words.txt")
        ),
        title_cue=re.compile(rf"(?:^|[^\w])(?:{cue_alt})\s*[:,]?\s*$", re.IGNORECASE),
        naming_verbs=frozenset(
            w.lower() for w in read_lexicon(lexicon_dir / "quotes_naming_verbs.txt")
        ),
    )


# --- finding quoted stretches ---------------------------------------------------


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


def _is_title(text: str, q: RawQuote, tokens: TokenIndex, res: Resources) -> bool:
    """Themes, titles of workshops and documents, names of courses."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    before = text[max(line_start, q.open_mark - 40) : q.open_mark]
    if res.title_cue.search(before):
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


def _verb_before(q: RawQuote, tokens: TokenIndex, quoted: Quoted, res: Resources) -> Token | None:
    """The nearest reporting verb before the opening mark, in its sentence and line."""
    mark = tokens.at(q.open_mark)
    if mark is None:
        return None
    for tok in reversed(mark.doc[mark.sent.start : mark.i]):
        if tok.idx in quoted.closes or "\n" in tok.text:
            return None  # an earlier quotation (or paragraph) owns what precedes
        if _is_reporting(tok, res) and tok.idx not in quoted:
            return tok
    return None


def _is_reporting(tok: Token, res: Resources) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in res.verbs


def speech_quotes(doc: Doc, res: Resources) -> list[RawQuote]:
    """Quoted stretches that are someone's words (not titles, themes, or terms).

    A short fragment ('a "goodwill gesture"') counts only when a reporting verb
    precedes it in its sentence, or when it is a punctuated utterance of its
    own ('"Families need answers," he said'): otherwise it is a scare-quoted term.
    After a naming verb ('calls its kidnappings "economic retentions"', 'describes
    it as a "criminal" group') the fragment is a label, not speech.
    """
    text = doc_text(doc)
    found = find_quoted(text)
    quoted = Quoted(found)
    tokens = TokenIndex(doc)
    out = []
    for q in found:
        if _is_title(text, q, tokens, res):
            continue
        if _is_fragment(text[q.start : q.end]):
            verb = _verb_before(q, tokens, quoted, res)
            if verb is None or verb.lemma_.lower() in res.naming_verbs:
                continue
        out.append(q)
    return out


def _is_fragment(inner: str) -> bool:
    """A few words without the capital and punctuation of an utterance."""
    if len(inner.split()) > SHORT_WORDS:
        return False
    return not (inner[:1].isupper() and inner.rstrip()[-1:] in {",", ".", "!", "?"})


# --- attribution --------------------------------------------------------------------


class Mentions:
    """Speaker mentions in text order, for 'who is named here / most recently'."""

    def __init__(self, speakers: list[Speaker]) -> None:
        items = sorted((m.start_char, m.end_char, s.name) for s in speakers for m in s.mentions)
        self.starts = [i[0] for i in items]
        self.items = items
        self.words = {
            s.name: _content_words(f"{s.title or ''} {s.organization or ''}") for s in speakers
        }
        self.gender = {
            s.name: GENDER.get((s.honorific or "").split(" ")[-1].lower().rstrip("."))
            for s in speakers
        }

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

    def latest_before(
        self, char: int, fits: set[str] | None = None, gender: str | None = None
    ) -> str | None:
        """The speaker mentioned last before ``char`` whose title shares a word
        with ``fits`` and whose honorific does not contradict ``gender``."""
        for _start, _end, name in reversed(self.items[: bisect_left(self.starts, char)]):
            if fits is not None and not self.words[name] & fits:
                continue
            if gender and self.gender[name] not in (None, gender):
                continue
            return name
        return None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if w not in STOP_WORDS}


def _same_line(a: Token, b: Token) -> bool:
    """A headline without a full stop gets parsed into the next sentence; a
    subject across a line break is such a parse, not the speaker."""
    low, high = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[low:high]


def _antecedent(subject: Token, verb: Token) -> Token:
    """'X, a former hostage, who described ...': a relative pronoun stands for
    the noun its clause hangs on (through an apposition, for the name)."""
    if subject.lower_ not in RELATIVES or verb.dep_ != "relcl":
        return subject
    noun = verb.head
    return noun.head if noun.dep_ == "appos" else noun


def _subjects(verb: Token, objects: bool = True) -> list[Token]:
    """Who does the reporting: subject, passive agent, or an inherited subject;
    with ``objects``, a proper noun after the verb ('said X' misparsed)."""
    origin = verb
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if verb.tag_ != "VBG":  # 'Reporting by X; Writing by Y' credits are no statements
            subjects += [
                p
                for c in verb.children
                if c.dep_ == "agent"
                for p in c.children
                if p.dep_ == "pobj"
            ]
        subjects = [_antecedent(c, verb) for c in subjects if _same_line(c, origin)]
        if subjects:
            return subjects
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
        and c.pos_ == "PROPN"
    ]


def _end(tok: Token) -> int:
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


def subject_regions(verb: Token) -> list[tuple[Token, int, int]]:
    """Each subject of a reporting verb with the character stretch that names it
    (its phrase, capped at the verb, plus an apposed name)."""
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
        low, high = subject.left_edge.idx, _end(subject.right_edge)
        before = subject.i < verb.i
        if before:
            high = min(high, verb.idx)
        name = apposed_name(subject.right_edge)
        if name and (not before or _end(name[-1]) <= verb.idx):
            high = max(high, _end(name[-1]))
        out.append((subject, low, high))
    return out


def _surface_region(verb: Token) -> tuple[Token, int, int]:
    """When the parse gives no subject (typically a headline run into the first
    sentence), the words before the verb on its line stand in for it."""
    text = doc_text(verb.doc)
    low = max(verb.sent.start_char, text.rfind("\n", 0, verb.idx) + 1)
    comma = text.rfind(",", low, verb.idx)
    if comma >= 0 and POSTPOSED_SOURCE.match(text, comma + 1):
        low = comma + 1  # '... the villages of A and B, a resident told AFP': only 'a resident'
    return verb, low, verb.idx


def _resolve(verb: Token, anchor: int, mentions: Mentions, res: Resources) -> Attribution:
    """The speaker a reporting verb's subject names, or a non-person source."""
    regions = subject_regions(verb)
    if not regions:
        return Attribution()
    subject, low, high = regions[0]
    named = mentions.covering(subject.idx) if subject is not verb else None
    if named:
        return Attribution(True, named)
    inner = mentions.first_in(low, high)
    if inner:
        return Attribution(True, inner[1])
    if subject.lower_ in PERSONAL:
        return Attribution(True, mentions.latest_before(anchor, gender=PERSONAL[subject.lower_]))
    return Attribution(True, _by_title(subject, anchor, mentions, res))


def _by_title(subject: Token, anchor: int, mentions: Mentions, res: Resources) -> str | None:
    """'the governor said': the latest speaker whose title shares a word with it
    ('a police spokesman said' names nobody known)."""
    if subject.lower_ not in res.title_words or not is_definite(subject):
        return None
    words = {t.lower_ for t in subject.lefts if t.dep_ not in {"det", "poss"}} | {subject.lower_}
    return mentions.latest_before(anchor, words - STOP_WORDS)


def is_definite(noun: Token) -> bool:
    """'the governor', 'this official', 'Iraq's deputy chief' (not 'a spokesman')."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"}) or c.dep_ == "poss"
        for c in noun.children
    )


def _according(tok: Token, mentions: Mentions) -> Attribution:
    """'," according to Dr. X, head of ...'."""
    for to in tok.children:
        for obj in to.children:
            if to.lower_ == "to" and obj.dep_ == "pobj":
                hit = mentions.first_in(obj.left_edge.idx, _end(obj.right_edge))
                return Attribution(True, hit[1] if hit else None)
    return Attribution()


def _post_window(q: RawQuote, tokens: TokenIndex) -> list[Token]:
    """Tokens after the closing mark up to the end of the clause's sentence."""
    if q.close_mark is None:
        return []
    mark = tokens.at(q.close_mark)
    if mark is None:
        return []
    out = []
    for tok in tokens.doc[mark.i + 1 : mark.i + 1 + POST_WINDOW]:
        if tok.text in SENTENCE_END or MARK.search(tok.text) or "\n" in tok.text:
            break
        out.append(tok)
    return out


def _after(
    q: RawQuote, doc: Doc, tokens: TokenIndex, mentions: Mentions, res: Resources, near: int
) -> Attribution:
    """Attribution after the closing mark: '," he said', '," the Director, X, at ...'."""
    window = _post_window(q, tokens)
    for tok in window[:near]:
        if _is_reporting(tok, res):
            return _resolve(tok, q.start, mentions, res)
        if tok.lower_ == "according":
            return _according(tok, mentions)
    if window:
        hit = mentions.first_in(window[0].idx, window[-1].idx + len(window[-1]))
        if hit and APPOSITION.match(doc_text(doc)[q.close_mark + 1 : hit[0]]):
            return Attribution(True, hit[1])
    return Attribution()


def _strong_after(q: RawQuote, text: str) -> bool:
    """The quotation's punctuation hands over to an attribution clause."""
    if q.close_mark is None:
        return False
    inner_last = text[q.start : q.end].rstrip()[-1:]
    rest = text[q.close_mark + 1 : q.close_mark + 4].lstrip(" ")
    return inner_last in {",", "?", "!"} or rest.startswith(",")


def attribute(
    doc: Doc, q: RawQuote, quoted: Quoted, tokens: TokenIndex, mentions: Mentions, res: Resources
) -> Attribution:
    """Try the attribution forms of one quotation in a reader's order."""
    text = doc_text(doc)
    if _strong_after(q, text):
        found = _after(q, doc, tokens, mentions, res, POST_WINDOW)
        if found.found:
            return found
    verb = _verb_before(q, tokens, quoted, res)
    if verb is not None:
        return _resolve(verb, q.start, mentions, res)
    return _after(q, doc, tokens, mentions, res, 3)


def _fill_from_neighbours(
    quoted: list[RawQuote], found: list[Attribution], mentions: Mentions
) -> None:
    """Unattributed quotations take the attribution of the passage they belong to."""
    # A quotation continued into the next paragraph shares one speaker.
    for i in range(len(quoted) - 1, 0, -1):
        if quoted[i - 1].close_mark is None and found[i].found and not found[i - 1].found:
            found[i - 1] = found[i]
    for i in range(1, len(quoted)):
        prev, cur = quoted[i - 1], quoted[i]
        if found[i].found or not found[i - 1].found or cur.paragraph - prev.paragraph > 1:
            continue
        between = mentions.first_in(prev.end, cur.start)
        if between is None or between[1] == found[i - 1].speaker:
            found[i] = found[i - 1]


def _fill_from_paragraph(
    text: str, quoted: list[RawQuote], found: list[Attribution], mentions: Mentions
) -> None:
    """Still unattributed: the speaker the paragraph has been reporting
    ('X said the talks failed. "We tried everything."')."""
    for i, q in enumerate(quoted):
        if not found[i].found:
            paragraph_start = text.rfind("\n", 0, q.open_mark) + 1
            name = mentions.latest_before(q.open_mark)
            hit = name and mentions.first_in(paragraph_start, q.open_mark)
            if hit:
                found[i] = Attribution(True, name)


def extract(doc: Doc, resources: Resources, found: dict) -> list[Quote]:
    speakers: list[Speaker] = found.get("speakers") or []
    quoted = speech_quotes(doc, resources)
    tokens = TokenIndex(doc)
    mentions = Mentions(speakers)
    everything = Quoted(find_quoted(doc_text(doc)))
    attributions = [attribute(doc, q, everything, tokens, mentions, resources) for q in quoted]
    _fill_from_neighbours(quoted, attributions, mentions)
    _fill_from_paragraph(doc_text(doc), quoted, attributions, mentions)
    return [
        Quote(**span_of(doc, q.start, q.end).model_dump(), speaker=a.speaker)
        for q, a in zip(quoted, attributions, strict=True)
    ]
