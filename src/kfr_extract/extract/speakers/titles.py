"""A speaker's title and organization, from the words around a mention ('X, Director
of Y,' / 'the Director of Y, X'), and the honorific before the name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.quoting import MARK
from kfr_extract.extract.speakers.names import _bare
from kfr_extract.extract.speakers.resources import (
    ADVERBIAL,
    BRACKETED,
    BREAKS,
    LEADING,
    ORG_SEPARATOR,
    ORG_TAIL,
    OWNER,
    POSSESSIVE,
    TITLE_PREPOSITIONS,
    Resources,
)


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
