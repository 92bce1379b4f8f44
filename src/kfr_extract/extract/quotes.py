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

Which quoted stretches are speech is decided once per document (`context.DocContext.speech`),
so that quotes and speakers agree on it; who is named where comes from the speakers
(`context.People`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.extract.anaphora import (
    introduced_by,
    later_use,
    previous_use,
    taken_person,
    unnamed_antecedent,
    unnamed_source,
)
from kfr_extract.extract.context import (
    ContextResources,
    DocContext,
    paragraph_end,
    paragraph_start,
)
from kfr_extract.extract.context import People as Mentions
from kfr_extract.extract.quoting import (
    MARK,
    SENTENCE_END,
    Quoted,
    RawQuote,
    TokenIndex,
    after_paragraph_number,
    headline_description,
    is_reporting,
    opening_quotation,
    verb_before,
)
from kfr_extract.extract.syntax import (
    APPOSITION,
    apposed_name,
    end_char,
    hyphenated,
    is_definite,
    relative_subject,
    subject_regions,
)
from kfr_extract.models import Quote

POST_WINDOW = 25
REQUIRES = ("speakers", "people")


@dataclass
class Attribution:
    """Outcome of looking for a quotation's speaker: ``found`` with a null name
    means the text names a non-person source ('the ministry said')."""

    found: bool = False
    speaker: str | None = None


def load_resources(lexicon_dir: object) -> None:
    """Quotes read only the shared lexicons (`context.ContextResources`)."""
    return None


def _resolve(
    verb: Token, anchor: int, mentions: Mentions, res: ContextResources,
    quoted: Quoted | None = None,
) -> Attribution:
    """The speaker a reporting verb's subject names, or a non-person source."""
    regions = subject_regions(verb, res.title_words)
    if not regions:
        return Attribution()
    for subject, low, high in regions:  # 'Briefing reporters ..., the PPRO, X, said'
        named = mentions.covering(subject.idx) if subject is not verb else None
        if named:
            return Attribution(True, named)
        inner = mentions.first_in(low, high)
        if inner:
            return Attribution(True, inner[1])
    subject = regions[0][0]
    if subject.text.istitle() and subject.lower_ not in res.title_words \
            and (given := mentions.by_given_name(subject.text)):
        return Attribution(True, given)
    if subject.lower_ in res.pronouns:
        gender = res.pronouns[subject.lower_]
        found = _paragraph_subject(subject, anchor, mentions, res, quoted) \
            if quoted is not None else Attribution()
        if not found.found:
            found = Attribution(True, mentions.latest_before(anchor, gender=gender))
        mentions.learn_gender(found.speaker, gender)  # the pronouns after it agree
        return found
    return Attribution(True, _by_role(subject, anchor, mentions, res))


def _paragraph_subject(
    pronoun: Token, anchor: int, mentions: Mentions, res: ContextResources, quoted: Quoted
) -> Attribution:
    """'The CP also warned landlords. "…," he warned'; 'A security official said the
    men were moved. "…," he said': a pronoun stands for the subject of the last main
    clause before it in its paragraph, when that subject is a person: a name, a
    definite title ('the CP': whoever it refers to) or an unnamed source ('a security
    official': nobody the text names). Otherwise the caller looks further back."""
    doc, text = pronoun.doc, mentions.text
    start = paragraph_start(text, min(anchor, pronoun.idx))
    before = start
    if not text[after_paragraph_number(text, start) : anchor].strip(OPENING):
        # '"…," he said' opening its paragraph: the subject may close the one before
        # ('One of the freed men, reached by phone, said ...')
        before = paragraph_start(text, start, 1)
    i, chained = pronoun.i - 1, False
    while i >= 0 and doc[i].idx >= before:
        tok = doc[i]
        i -= 1
        if tok.dep_ != "nsubj" or tok.idx in quoted or tok.head.dep_ not in ("ROOT", "conj") \
                or relative_subject(tok):
            continue
        if any(c.dep_ == "conj" for c in tok.children):
            continue  # 'Mr X and the commandant briefed ...': two people, not one 'she'
        named = mentions.covering(tok.idx) or _apposed(tok, mentions) \
            or _named_in_phrase(tok, mentions)
        if named and not mentions.agrees(named, res.pronouns[pronoun.lower_]):
            continue  # 'Mr X ... "…," she said': not him
        if named:
            return Attribution(True, named)
        if tok.lower_ in res.pronouns and res.pronouns[tok.lower_] == res.pronouns[pronoun.lower_]:
            chained = True  # 'X sold his herd. He met us in Pala. / "…," he said': X still
            continue
        if chained:
            return Attribution()  # only a name ends a chain of pronouns
        if unnamed_source(tok, res.person_nouns | res.title_words, res.cues.verbs):
            # 'One of the nurses', 'a relative ... said': nobody, unless named just after
            return Attribution(True, _named_later(introduced_by(tok), anchor, mentions, doc))
        described = _unnamed_apposition(tok, res) if is_reporting(tok.head, res.cues.verbs) \
            else None
        if described is not None:
            # 'Joined by Radio X, a nurse at the centre says ...': the parse hung the
            # unnamed source on another phrase of the subject
            return Attribution(True, _named_later(introduced_by(described), anchor, mentions,
                                                  doc))
        if tok.idx < start:
            return Attribution()  # the paragraph before only tells of unnamed sources
        if tok.tag_ not in ("NN", "NNP"):  # one person: not 'the police', 'the gunmen'
            continue
        if is_definite(tok) and _is_role(tok, res):  # 'the CP' is tagged a proper noun
            return Attribution(True, _by_role(tok, anchor, mentions, res))
        if tok.pos_ == "NOUN" and is_definite(tok) and tok.lower_ in res.person_nouns:
            return Attribution(True, _by_person_noun(tok, anchor, mentions, res))
        if tok.pos_ == "NOUN" and not is_definite(tok) \
                and (tok.lower_ in res.title_words or tok.lower_ in res.cues.labelled):
            return Attribution(True, None)
    return Attribution()


def _unnamed_apposition(subject: Token, res: ContextResources) -> Token | None:
    """An indefinite person noun set off inside a subject phrase that names nobody."""
    for tok in subject.subtree:
        if tok.dep_ == "appos" and unnamed_source(
                tok, res.person_nouns | res.title_words, res.cues.verbs):
            return tok
    return None


def _apposed(noun: Token, mentions: Mentions) -> str | None:
    """'A resident, Musa Kundu, said ...': the person a subject noun's apposition names."""
    for child in noun.children:
        if child.dep_ == "appos":
            hit = mentions.first_in(child.left_edge.idx, end_char(child.right_edge))
            if hit:
                return hit[1]
    return None


# ', Name' or ', Malam Name' closing a stretch of text: the name is set off by commas
SET_OFF = re.compile(r",\s*(?:[A-Z][\w'.-]*\s+){0,3}$")


def _named_in_phrase(noun: Token, mentions: Mentions) -> str | None:
    """'A vigilante leader in Pandogari, Malam X, said ...'; 'A shopkeeper who gave only his
    first name, Issa, said ...': a name set off by commas inside the subject's phrase is
    whom the subject describes, wherever the parse hung it (on the place, in a relative
    clause)."""
    low = noun.left_edge.idx
    high = min(end_char(noun.right_edge), noun.head.idx) if noun.head.i > noun.i \
        else end_char(noun.right_edge)
    hit = mentions.first_in(noun.idx, high)
    if hit and SET_OFF.search(mentions.text[low : hit[0]]):
        return hit[1]
    return None


OPENING = " \t\"'\u201c\u2018"  # what may stand before a quotation opening its paragraph
RECENT_PARAGRAPHS = 2  # a role or a statement refers to someone named this close


def _by_role(subject: Token, anchor: int, mentions: Mentions, res: ContextResources) -> str | None:
    """'the governor said', 'the monarch said', 'the PPRO said': the latest speaker whose
    role words fit, else the latest speaker named in the last paragraphs; 'the statement
    read': the latest speaker named in the last paragraphs. 'A police spokesman said'
    names nobody known."""
    if not is_definite(subject):
        return None
    recent = paragraph_start(mentions.text, anchor, RECENT_PARAGRAPHS)
    if subject.lower_ in res.document_subjects:
        return _issuer(subject, anchor, mentions, res, recent)
    if subject.lower_ in res.victim_nouns:
        return _taken(subject, anchor, mentions, res)
    if unnamed_antecedent(subject, recent, lambda a, b: mentions.first_in(a, b) is not None):
        # 'A police officer ... said ... the officer said': nobody named, unless the
        # next paragraph names them ('The officer, X, added')
        return _named_later({subject.lemma_.lower()}, max(anchor, end_char(subject)), mentions,
                            subject.doc)
    if _organization_acronym(subject, mentions.text, res):
        return None  # 'the TSC said it was "working ..."': an organization speaks
    word = hyphenated(subject)  # 'the sub-prefect' is three tokens
    words = {t.lower_ for t in subject.lefts if t.dep_ not in {"det", "poss"}} | {word}
    fits = res.roles.of_role(words)
    if not _is_role(subject, res, word):
        # 'the Alawe said' after 'Chairman of the Council and Alawe of Ilawe-Ekiti, Oba X':
        # a capitalized title word of one speaker's own title (not an organization's word)
        if subject.pos_ == "PROPN" and subject.lower_ not in res.cues.labelled:
            return mentions.latest_before(anchor, fits)
        # 'Human rights activist X ... "…," the activist said': whom the noun named last
        return _named_at_previous_use(subject, anchor, mentions)
    return mentions.latest_before(anchor, fits) \
        or mentions.introduced_in(anchor, paragraph_end(mentions.text, anchor, 1), fits) \
        or mentions.latest_before(anchor, since=recent)


def _issuer(
    document: Token, anchor: int, mentions: Mentions, res: ContextResources, recent: int
) -> str | None:
    """'the statement read': who issued the statement, as its last mention in the recent
    paragraphs tells ('X said in a statement'); null when an organization issued it ('The
    Ministry said in a statement'); else the latest speaker of the recent paragraphs."""
    use = previous_use(document, recent)
    verb = use.head if use is not None else None
    while verb is not None and verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    if verb is not None and verb.pos_ == "VERB":
        for subject, low, high in subject_regions(verb, res.title_words):
            hit = mentions.first_in(low, high)
            if hit:
                return hit[1]
            if subject.lower_ not in res.pronouns:
                return None  # an organization, or someone the text does not name
    return mentions.latest_before(anchor, since=recent)


def _named_later(nouns: set[str], anchor: int, mentions: Mentions, doc: Doc) -> str | None:
    """The name apposed to the next definite use of one of ``nouns`` in the rest of the
    quotation's paragraph or the next one ('The spokesman, X, added ...')."""
    end = paragraph_end(mentions.text, anchor, 1)
    start = doc.char_span(anchor, anchor + 1, alignment_mode="expand")
    tokens = doc[start.start if start is not None else 0 :]
    use = later_use(nouns, anchor, end, tokens)
    if use is None:
        return None
    return _apposed(use, mentions) or _named_in_phrase(use, mentions)


def _taken(noun: Token, anchor: int, mentions: Mentions, res: ContextResources) -> str | None:
    """'the victim': the latest person named before whom the text reports taken."""
    doc = noun.doc

    def root(start: int, end: int) -> Token | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None else None

    return taken_person(mentions.before(anchor), root, res.abduction)


def _by_person_noun(
    noun: Token, anchor: int, mentions: Mentions, res: ContextResources
) -> str | None:
    """'The victim's brother thanked ...  "…," he wrote': a definite common noun for a
    person is the victim, or whoever its last earlier use named ('a trader, X, ... the
    trader'), else someone the text does not name."""
    if noun.lower_ in res.victim_nouns:
        return _taken(noun, anchor, mentions, res)
    return _named_at_previous_use(noun, anchor, mentions)


def _named_at_previous_use(noun: Token, anchor: int, mentions: Mentions) -> str | None:
    """The person the noun's last use in the recent paragraphs named: 'a trader, X',
    'X, a trader', or the noun written before the name ('Human rights activist X')."""
    before = previous_use(noun, paragraph_start(mentions.text, anchor, RECENT_PARAGRAPHS))
    if before is None:
        return None
    phrase = before
    while phrase.dep_ == "compound" and phrase.head.i > phrase.i:
        phrase = phrase.head  # 'activist' -> 'Human rights activist Marisela Contreras'
    if phrase.dep_ == "appos":
        phrase = phrase.head
    hit = mentions.first_in(phrase.left_edge.idx, end_char(phrase.right_edge))
    return hit[1] if hit else None


def _organization_acronym(noun: Token, text: str, res: ContextResources) -> bool:
    """An acronym the text spells out as an organization ('Teachers Service Commission
    (TSC)'), not as a title ('Police Public Relations Officer (PPRO)'): the word before
    its bracket is an organization's head, not a title word."""
    if not (noun.text.isupper() and noun.text.isalpha()):
        return False
    m = re.search(rf"([\w-]+)\s*\({re.escape(noun.text)}\)", text)
    return m is not None and m.group(1).lower() in res.cues.labelled \
        and m.group(1).lower() not in res.title_words


def _is_role(noun: Token, res: ContextResources, word: str | None = None) -> bool:
    """A title word ('governor'), a word of the role tables ('the malik'), or an acronym
    standing for a title ('the PPRO'); `word`: the noun's whole word, where the tokenizer
    split it."""
    word = word or noun.lower_
    return word in res.title_words or word in res.roles.expand \
        or res.roles.names_a_role(word) or (
        noun.text.isupper() and noun.text.isalpha() and len(noun.text) > 2
    )


def _according(tok: Token, anchor: int, mentions: Mentions, res: ContextResources) -> Attribution:
    """'," according to Dr. X, head of ...'; 'according to the PPRO, "...'."""
    for to in tok.children:
        for obj in to.children:
            if to.lower_ == "to" and obj.dep_ == "pobj":
                hit = mentions.first_in(obj.left_edge.idx, end_char(obj.right_edge))
                if hit:
                    return Attribution(True, hit[1])
                return Attribution(True, _by_role(obj, anchor, mentions, res))
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
    q: RawQuote, doc: Doc, tokens: TokenIndex, mentions: Mentions, res: ContextResources, near: int,
    quoted: Quoted | None = None,
) -> Attribution:
    """Attribution after the closing mark: '," he said', '," the Director, X, at ...'.
    A clause opening with a conjunction goes on with the sentence ('," and called
    for ...'): its verb's subject is the one before the quotation."""
    window = _post_window(q, tokens)
    if window and window[0].pos_ == "CCONJ":
        return Attribution()
    for tok in window[:near]:
        if is_reporting(tok, res.cues.verbs) or is_reporting(tok, res.cues.after_verbs):
            return _resolve(tok, q.start, mentions, res, quoted)
        if tok.lower_ == "according":
            return _according(tok, q.start, mentions, res)
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
    doc: Doc,
    q: RawQuote,
    quoted: Quoted,
    tokens: TokenIndex,
    mentions: Mentions,
    res: ContextResources,
    introductions: dict[int, Token],
) -> Attribution:
    """Try the attribution forms of one quotation in a reader's order."""
    text = doc_text(doc)
    if _strong_after(q, text):
        found = _after(q, doc, tokens, mentions, res, POST_WINDOW, quoted)
        if found.found:
            return found
    verb = verb_before(q, tokens, quoted, res.cues)
    if verb is not None:
        return _resolve(verb, q.start, mentions, res, quoted)
    according = _according_before(q, tokens, quoted)
    if according is not None:
        return _according(according, q.start, mentions, res)
    found = _after(q, doc, tokens, mentions, res, 3, quoted)
    if found.found:
        return found
    verb = introductions.get(q.start)
    if verb is not None:
        return _resolve(verb, q.start, mentions, res, quoted)
    return found


def _according_before(q: RawQuote, tokens: TokenIndex, quoted: Quoted) -> Token | None:
    """'According to the PPRO, "the hoodlums ...': the source before the opening mark."""
    mark = tokens.at(q.open_mark)
    if mark is None:
        return None
    for tok in reversed(mark.doc[mark.sent.start : mark.i]):
        if tok.idx in quoted.closes or "\n" in tok.text:
            return None
        if tok.lower_ == "according" and tok.idx not in quoted:
            return tok
    return None


def _fill_from_neighbours(
    quoted: list[RawQuote], found: list[Attribution], mentions: Mentions,
    pronouns: dict[str, str],
) -> None:
    """Unattributed quotations take the attribution of the passage they belong to: the
    paragraph of an attributed one, or the next paragraph when it opens with the
    quotation. A paragraph that opens with narration ('At the end, participants adopted
    recommendations to "…"') tells its own source, unless a pronoun opens it ('She declined
    to say, saying only that "…"')."""
    # A quotation continued into the next paragraph shares one speaker.
    for i in range(len(quoted) - 1, 0, -1):
        if quoted[i - 1].close_mark is None and found[i].found and not found[i - 1].found:
            found[i - 1] = found[i]
    for i in range(1, len(quoted)):
        prev, cur = quoted[i - 1], quoted[i]
        if found[i].found or not found[i - 1].found or cur.paragraph - prev.paragraph > 1:
            continue
        if cur.paragraph != prev.paragraph and _narrated(mentions.text, cur, pronouns):
            continue
        between = mentions.first_in(prev.end, cur.start)
        if between is None or between[1] == found[i - 1].speaker:
            found[i] = found[i - 1]


def _narrated(text: str, q: RawQuote, pronouns: dict[str, str]) -> bool:
    """Words other than quotation marks stand before the quotation in its paragraph, and
    the first of them is no pronoun going on about the last speaker."""
    start = after_paragraph_number(text, paragraph_start(text, q.open_mark))
    words = text[start : q.open_mark].strip(OPENING).split()
    return bool(words) and words[0].lower() not in pronouns


def _fill_from_paragraph(
    text: str, quoted: list[RawQuote], found: list[Attribution], mentions: Mentions
) -> None:
    """Still unattributed: the speaker the paragraph has been reporting
    ('X said the talks failed. "We tried everything."'); a quotation that is a paragraph
    of its own goes on with the speaker of the paragraph before ('Mr Isah said the
    ransom was recovered.' / '"Today, the command ..."')."""
    for i, q in enumerate(quoted):
        if found[i].found:
            continue
        start = paragraph_start(text, q.open_mark)
        if mentions.first_in(start, q.open_mark):
            found[i] = Attribution(True, mentions.latest_before(q.open_mark))
        elif not text[after_paragraph_number(text, start) : q.open_mark].strip():
            name = mentions.latest_before(q.open_mark, since=paragraph_start(text, start, 1))
            if name:
                found[i] = Attribution(True, name)
    opening = opening_quotation(text, quoted)
    if opening is not None and not found[0].found:
        # '"I no longer sleep." / Awa X has lived with this fear since ...'
        hit = mentions.first_in(opening[1], opening[2] + 1)
        if hit:
            found[0] = Attribution(True, hit[1])


def _headline_speaker(q: RawQuote, description: str, doc: Doc, mentions: Mentions) -> str | None:
    """"'…' - Father of Abducted Student": the person the story introduces by the
    description's first noun ('The father of one of the students, Mr. X, said')."""
    noun = description.split()[0].strip(",:;").lower()
    line_end = mentions.text.find("\n", q.open_mark)
    for tok in doc:
        if tok.idx <= line_end or tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ != noun:
            continue
        found = _apposed(tok, mentions) or _named_in_phrase(tok, mentions)
        if found is None:
            name = apposed_name(tok.right_edge)
            hit = mentions.first_in(name[0].idx, end_char(name[-1])) if name else None
            found = hit[1] if hit else None
        if found is not None:
            return found
    return None


def extract(ctx: DocContext, resources: None) -> list[Quote]:
    doc, mentions, quoted = ctx.doc, ctx.people, ctx.speech
    attributions = [attribute(doc, q, ctx.quoted, ctx.tokens, mentions, ctx.res,
                              ctx.introductions) for q in quoted]
    _fill_from_neighbours(quoted, attributions, mentions, ctx.res.pronouns)
    _fill_from_paragraph(ctx.text, quoted, attributions, mentions)
    if quoted and not attributions[0].found \
            and (description := headline_description(ctx.text, quoted[0])) is not None:
        attributions[0] = Attribution(True, _headline_speaker(quoted[0], description, doc,
                                                              mentions))
    return [
        Quote(**span_of(doc, q.start, q.end).model_dump(), speaker=a.speaker)
        for q, a in zip(quoted, attributions, strict=True)
    ]
