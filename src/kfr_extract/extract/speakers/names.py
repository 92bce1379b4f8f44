"""Where a person's name starts and ends: entities cut short or run over, titles and
honorifics before it, glued hyphens and marks inside it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.speakers.resources import LEADING, POSSESSIVE, Resources


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def _trim(tokens: list[Token], res: Resources) -> list[Token]:
    """The name inside a phrase: what follows the last honorific, title word,
    article or possessive ('UNODC Executive Director | Antonio Maria Costa'),
    without a possessive ending."""
    marks = [
        i
        for i, t in enumerate(tokens[:-1])
        if (_bare(t.text) in res.honorifics and not _inside_name(t, res))
        or _bare(t.text) in res.title_words
        or t.lower_ in LEADING
        or POSSESSIVE.fullmatch(t.text)
        or _capitals_before_name(t, tokens[i + 1])
    ]
    start, end = (marks[-1] + 1 if marks else 0), len(tokens)
    while start < end and not tokens[start].text[:1].isalpha():
        start += 1
    while end > start and (POSSESSIVE.fullmatch(tokens[end - 1].text) or tokens[end - 1].is_punct):
        end -= 1
    return tokens[start:end]


def _capitals_before_name(tok: Token, nxt: Token) -> bool:
    """A short word in capitals before a title-case word is a rank or office the lists do
    not hold ('Opposition MLA Birendra Kujur', 'MNA X'), not a word of the name."""
    return tok.is_alpha and tok.text.isupper() and 2 <= len(tok.text) <= 4 \
        and nxt.text.istitle()


def _inside_name(tok: Token, res: Resources) -> bool:
    """An honorific word that is a name word here ('Abdikadir Sheikh Nuur'): it goes on
    a person entity after a given name, not after a title or another honorific. A rank
    written in capitals is never a name word ('Shikarpur SSP Imtiaz Soomro')."""
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ != "I" or tok.i == 0 or tok.text.isupper():
        return False
    prev = tok.doc[tok.i - 1]
    return prev.is_alpha and _bare(prev.text) not in res.honorifics | res.title_words


def _titled_word(tok: Token) -> bool:
    """'the Ewi', 'Alawe of Ilawe-Ekiti', 'Emir of Kano': one capitalized word after 'the' or
    before 'of' is a title (traditional ones are unknown to any list), not a name."""
    doc = tok.doc
    return (tok.i > 0 and doc[tok.i - 1].lower_ == "the") or (
        tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of")


def _title_before_name(tokens: list[Token]) -> bool:
    """'The Sarkin Tsafe, Alhaji X,', 'The Lamu East MP, Y Z,': a phrase after 'the' with a
    proper name apposed to it is the title of the person that name names (a name takes
    no article), whatever title words, traditional or not, it holds."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    definite = first.lower_ == "the" or (first.i > 0 and doc[first.i - 1].lower_ == "the")
    return definite and any(
        c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > last.i for c in last.children
    )


def _object_of_a_title(tokens: list[Token], res: Resources) -> bool:
    """'The Senior Divisional Officer for Ngoketunjia, Paul Tabe,': what a title is for or
    of, when a name follows it after a comma, is not the title's bearer (nor anyone: the
    tagger often takes such a district for a person). Read off the surface, as the
    parse of such phrases varies."""
    doc = tokens[0].doc
    first, end = tokens[0].i, tokens[-1].i + 1
    return (
        first >= 2
        and doc[first - 1].lower_ in TITLE_LINKS
        and _bare(doc[first - 2].text) in res.title_words
        and doc[first - 2].text[:1].isupper()
        and end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].is_alpha
    )


TITLE_LINKS = {"for", "of", "to", "in"}  # 'Officer for', 'Emir of', 'Ambassador to'


def _looks_like_name(text: str, res: Resources, places: set[str], place_words: set[str]) -> bool:
    """A personal name's shape: capitalized words, no digits, no organization
    word, not a place (nor one word of a place: 'Tobago')."""
    words = text.split()
    if not words or len(words) > 6 or re.search(r"[\d|/@]", text):
        return False
    if text.lower() in places or (len(words) == 1 and text.lower() in place_words):
        return False
    if any(_bare(w) in res.org_words or _bare(w) in res.title_words for w in words):
        return False
    if not (words[0][:1].isupper() and any(c.isupper() for c in words[-1])):
        return False
    if any(w.isupper() and len(w) > 2 for w in words):
        return False  # acronyms are organizations
    return all(_name_word(w, res) for w in words)


def _name_word(word: str, res: Resources) -> bool:
    """'Costa', 'de', 'Jr.', 'al-Abedi'."""
    head = word.split("-", 1)[0]
    return (
        word[:1].isupper()
        or _bare(word) in res.particles
        or word.lower() in res.suffixes
        or ("-" in word and head.lower() in res.particles)
    )


def _surname(name: str, suffixes: frozenset[str]) -> str:
    kept = [w for w in name.split() if w.lower() not in suffixes]
    return (kept or name.split())[-1]


def _name_tokens(head: Token) -> list[Token]:
    """A proper-noun head with its name-part modifiers ('Aminu' + 'Masari'), across
    the hyphen of a compound given name ('Choi Young-sam', tokenized 'Young - sam')."""
    doc, left = head.doc, head.i
    while left > 0:
        prev = doc[left - 1]
        if prev.pos_ == "PROPN" and prev.head.i in range(left, head.i + 1):
            left -= 1
        elif _glued_hyphen(prev) and left > 1 and doc[left - 2].pos_ == "PROPN":
            left -= 2
        else:
            break
    return list(doc[left : head.i + 1])


def _inside_longer_org(tokens: list[Token]) -> bool:
    """Words cut from a longer organization entity ('the [Armed Conflict Location] &
    Event Data Project', 'the [Papua Baptist Church] Synod'); an ORG entity that is
    exactly the name may be a mistagged person."""
    last = tokens[-1]
    nxt = last.i + 1
    if last.ent_type_ == "ORG" and nxt < len(last.doc) and last.doc[nxt].ent_iob_ == "I":
        return True
    # 'the [Papua Baptist Church] [Synod]': one word run on from an organization's name
    # of several words (not from a one-word one: '[Doña] [Carmen]')
    prev = tokens[0].doc[tokens[0].i - 1] if tokens[0].i else None
    return len(tokens) == 1 and prev is not None and prev.ent_type_ == "ORG" \
        and prev.ent_iob_ == "I" and prev.text[:1].isupper() and bool(prev.whitespace_)


def _glued_tail(tokens: list[Token]) -> list[Token]:
    """A name word split at a mark typed inside it ('Na,allah' for Na'Allah): the
    mark touches both halves, so the halves are one word."""
    if not tokens:
        return tokens
    doc, end = tokens[0].doc, tokens[-1].i + 1
    while (
        end + 1 < len(doc)
        and doc[end].text in (",", "'", "\u2019")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return list(doc[tokens[0].i : end])


def _modifies_a_noun(tokens: list[Token]) -> bool:
    """'A Burkinabè aid worker', 'the Obama administration', 'the Puntland and Galmudug
    administrations': a name used as the modifier of a common noun after it (alone or
    coordinated with another modifier) speaks for nobody itself."""
    last = tokens[-1]
    while last.dep_ == "conj" and last.head.i < last.i:
        last = last.head
    return last.dep_ in MODIFIER_DEPS and last.head.pos_ == "NOUN" and last.head.i > tokens[-1].i


MODIFIER_DEPS = {"compound", "nmod"}


def _named_organization(tokens: list[Token], res: Resources) -> bool:
    """A name the text gives to a publication, a charity or a company: 'the daily
    Mutations', 'the Punch newspaper', 'Mutations, a French-language newspaper,'."""
    doc = tokens[0].doc
    before, after = tokens[0].i - 1, tokens[-1].i + 1
    if before >= 0 and doc[before].is_lower and doc[before].lower_ in res.org_kinds:
        return True
    if after < len(doc) and doc[after].is_lower and doc[after].lower_ in res.org_kinds:
        return True
    inside = {t.i for t in tokens}
    return any(t.dep_ == "appos" and t.head.i in inside and t.lower_ in res.org_kinds
               for t in doc[after : min(len(doc), after + 8)]) or _spelled_out(tokens)


# The rest of a name up to an acronym in brackets: " wal-Muslimin (JNIM)".
ACRONYM_AHEAD = re.compile(r"[\w'\u2019 -]{0,40}?\(([A-Z][A-Z0-9]{1,7})\)")


def _spelled_out(tokens: list[Token]) -> bool:
    """A name whose initials make the acronym in brackets after it ('Jama'at Nusrat
    al-Islam wal-Muslimin (JNIM)') is an organization's; a person's is not ('Ms Jane Doe
    (UNODC)')."""
    text = doc_text(tokens[0].doc)
    start = tokens[0].idx
    m = ACRONYM_AHEAD.match(text, tokens[-1].idx + len(tokens[-1]))
    if m is None:
        return False
    words = re.split(r"[\s-]+", text[start : m.start(1) - 1])
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return len(initials) > 1 and initials == m.group(1)


def _named_by_cue(doc: Doc, res: Resources) -> list[list[Token]]:
    """Names a naming phrase introduces: 'an eyewitness, who identified himself as
    Oche', 'a former hostage who gave his first name as Nelson'."""
    out = []
    index: dict[int, Token] | None = None  # built only when a cue is found
    for m in res.naming_cue.finditer(doc_text(doc)):
        index = index if index is not None else {t.idx: t for t in doc}
        tok = index.get(m.end())
        run: list[Token] = []
        while tok is not None and tok.text[:1].isupper() and tok.is_alpha and len(run) < 4:
            run.append(tok)
            tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if run:
            out.append(run)
    return out


def _glued_hyphen(tok: Token) -> bool:
    """A hyphen written without spaces inside a word ('Young-sam')."""
    return tok.text in ("-", "\u2010", "\u2011") and not tok.whitespace_ \
        and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _whole_name(ent: Span, place_words: frozenset[str] | set[str] = frozenset()) -> list[Token]:
    """A PERSON entity plus the name words the tagger left out ('Fred' | "Matiang'i"),
    not the words of the document's places (``place_words``).

    The parser still links them: the entity's last word is a compound of the next
    capitalized word, outside any other entity.
    """
    doc, start, end = ent.doc, ent.start, ent.end
    while end < len(doc):
        if _person_follows(doc, end):
            end = _entity_end(doc, end)  # '[Alhaji Salihu] [Tanko Rafi]': one name cut in two
        elif _glued_hyphen(doc[end]) and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 2  # 'Amina Diagne' | '-Sow': a double-barrelled surname
        elif (
            doc[end - 1].dep_ == "compound"
            and (doc[end - 1].head.i == end
                 or (doc[end - 1].head.i > end and doc[end].pos_ == "PROPN"))
            and doc[end].text[:1].isupper()
            and _unclaimed(doc[end])
        ):  # the compound's head may lie further on: '[Alhaji Sani] Garba Dauda'
            end += 1
        else:
            break
    # Leftward too ('Undersecretary Rolando [Dela Cruz]'): title-case proper nouns
    # compounded into the entity, also a given name the tagger made an entity of its own
    # ('Deputy Attorney-General [Amélia] [Cossa Machava]'); a title word taken in is cut
    # off again by `_trim`.
    while (
        start > 0
        and doc[start - 1].dep_ == "compound"
        and start <= doc[start - 1].head.i < end
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text.istitle()
        and _unclaimed(doc[start - 1])
        and doc[start - 1].ent_type_ != "NORP"  # 'Swiss Daniel Max Guggenheim'
        and doc[start - 1].lower_ not in place_words  # '... of Algeria Eric Overvest'
    ):
        start -= 1
    return list(doc[start:end])


def _person_follows(doc: Doc, i: int) -> bool:
    """A PERSON entity starting at ``i`` one space after another PERSON entity."""
    return doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "PERSON" \
        and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].whitespace_ == " "


def _entity_end(doc: Doc, i: int) -> int:
    """The end of the entity that starts at token ``i``."""
    i += 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def _unclaimed(tok: Token) -> bool:
    """A word no entity holds, or one the tagger made an entity of its own ('[Abdikadir
    Sheikh] [Nuur]': a one-word ORG that the parse makes the head of the name)."""
    if not tok.ent_type_:
        return True
    nxt = tok.i + 1
    return tok.ent_iob_ == "B" and (nxt >= len(tok.doc) or tok.doc[nxt].ent_iob_ != "I")


def _apposed_to_a_person(tokens: list[Token], res: Resources) -> bool:
    """'A relative of two hostages, Hamidou, a cattle trader, says ...': one word set off
    by commas as the apposition of a person noun (where the parse hangs it: 'two
    hostages, Hamidou,'; not 'the General Hospital, Anyigba,'), or followed by one
    ('Amina, a nurse, said'), is a name (a first name; the tagger often takes an
    unfamiliar one for an organization)."""
    if len(tokens) != 1:
        return False
    doc, i = tokens[0].doc, tokens[0].i
    if i + 1 < len(doc) and doc[i + 1].text == "," and any(
            c.dep_ == "appos" and c.i > i and _a_person(c, res) for c in tokens[0].children):
        return True  # 'Amina, a nurse, said'; 'Khalid, a money changer who gave ...'
    if tokens[0].dep_ != "appos":
        return False
    set_off = i > 0 and doc[i - 1].text == "," and i + 1 < len(doc) and doc[i + 1].text == ","
    return set_off and _a_person(tokens[0].head, res)


def _a_person(noun: Token, res: Resources) -> bool:
    """A person noun ('nurse'), or a noun a 'who' clause describes ('a money changer
    who gave only his first name')."""
    return noun.lower_ in res.person_nouns or noun.lemma_.lower() in res.person_nouns \
        or any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children)
               for c in noun.children)
