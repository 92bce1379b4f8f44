"""Mentions proposed from spaCy's GPE/LOC/FAC entities, with the checks that keep
the tagger's mistakes (people, products, nationalities) out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span as SpacySpan

from kfr_extract.extract.places.mention import Mention, _Context, _target, _unknown

# A lowercase letter then a capital inside a word: acronyms and brands ("PAcCTO").
MIXED_CASE = re.compile(r"[a-z][A-Z]")


def _ner_mentions(ctx: _Context) -> Iterator[Mention]:
    """spaCy GPE/LOC/FAC entities, split at commas ("Abuja, Nigeria")."""
    for ent in ctx.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        for part in _split_commas(ent):
            for piece in _split_hyphens(ctx, part):
                mention = _ner_mention(ctx, piece, ent.label_)
                if mention:
                    yield mention


def _split_commas(ent: SpacySpan, marks: tuple[str, ...] = (",",)) -> Iterator[SpacySpan]:
    start = ent.start
    for token in ent:
        if token.text in marks:
            if token.i > start:
                yield ent.doc[start: token.i]
            start = token.i + 1
    if start < ent.end:
        yield ent.doc[start: ent.end]


def _split_hyphens(ctx: _Context, span: SpacySpan) -> Iterator[SpacySpan]:
    """"Abuja-Kaduna highway" names two places; "Guinea-Bissau" is one (the gazetteer says).

    Only a span whose capitalized parts are all known places splits: "Saint-Luc" or
    "Talon-Talon" is one name, and its halves are no places of their own."""
    if ctx.lookup(span.text) or not any(t.text in ("-", "–") for t in span):
        yield span
        return
    parts = [t.text for t in span if t.text not in ("-", "–") and t.text[:1].isupper()]
    if parts and all(ctx.lookup(p) for p in parts):
        yield from _split_commas(span, ("-", "–"))
    else:
        yield span


def _ner_mention(ctx: _Context, span: SpacySpan, label: str) -> Mention | None:
    if span and span[0].lower_ == "the":
        span = span[1:]
    if span and span[-1].tag_ == "POS":
        span = span[:-1]  # "the Kurdistan Region's security forces"
    if not span or span.text in ctx.res.stop or span[-1].lower_ in ctx.words.roads:
        return None  # streets and roads are no places (their towns are: `_road_mentions`)
    entries = ctx.lookup(span.text)
    if entries:
        return Mention(span.start_char, span.end_char, [_target(entries[0], span.text)],
                       "gazetteer")
    if not _plausible_ner_place(ctx, span, label):
        return None
    text = span.text.title() if span.text.isupper() else span.text
    kind = ctx.words.suffixes.get(span[-1].lower_)
    if kind and len(span) > 1 and span[-1].text[0].isupper():
        # "Ban Village" is the "Ban village" of another sentence: one place
        base = ctx.text[span.start_char : span[-2].idx + len(span[-2])]
        return Mention(span.start_char, span.end_char, [_unknown(base, kind)], "ner")
    return Mention(span.start_char, span.end_char, [_unknown(text, "other")], "ner")


def _plausible_ner_place(ctx: _Context, span: SpacySpan, label: str) -> bool:
    """Reject NER-only places that look like words, surnames or organizations."""
    words = [t.text for t in span]
    named = words[_compass_lead(ctx, span):]  # "South Waziristan": a compass word may open it
    if span.text in ctx.res.stop or any(w in ctx.res.stop for w in named):
        return False
    if not all(w[:1].isupper() or not w[:1].isalpha() or w == "of" or w in ctx.res.particles
               for w in words):
        return False
    if any(not (w.isalpha() or w in ("-", "'", "’", ".")) for w in words
           if not w.replace("-", "").replace("'", "").replace("’", "").isalpha()):
        return False
    if words[-1].lower() in ctx.words.non_place_heads or any(MIXED_CASE.search(w) for w in words):
        return False
    if len(words) > 1 and words[0] in ctx.words.leading_heads:
        return False  # "the Fiscalía Especial": a head-first organization name
    if any(w in ("-", "–", "/") for w in words) and span.end < len(ctx.doc) \
            and ctx.doc[span.end].lower_ in ctx.words.roads:
        return False  # "the Auchi-Igarra road": the road's name (its towns are found apart)
    doc = ctx.doc
    if span.end < len(doc) and doc[span.end].lower_ in ctx.words.facilities:
        return False  # "the Saint-Luc hospital"
    if _apposed_subject(span):
        return False  # "the coordinator for Mali, Alain Noudeh, told ...": a person
    if span.start > 0 and _is_demonym(doc[span.start - 1], ctx.words.compass):
        return False  # "the Spanish Guardia Civil": a demonym does not precede a place
    if len(span) > 1 and (span[0].ent_type_ == "NORP" or _is_demonym(span[0], ctx.words.compass)):
        return False  # "the British Empire": a nationality word opens no unknown place
    if _kind_follows(ctx, span):
        return False  # "the Los Tequileros gang", "the Aden al-Ghad news website"
    inside = range(span.start, span.end)
    if any(t.dep_ == "appos" and t.head.i in inside and t.lower_ in ctx.words.kinds
           for t in doc[span.end : span.end + 10]):
        return False  # '"Los Tequileros", a break-off from the gang ...': a group
    if len(span) == 1 and span.text in ctx.person_tokens:
        return False  # "Verzosa", the surname of "Jesus Verzosa"
    if all(w.lower() in ctx.lower_words for w in words):
        return False  # "Kidnap" in a title, "kidnap" in the body: a word, not a place
    if label == "FAC" and len(span) == 1:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an"):
        return False  # "came in a Probox": a place's name takes no indefinite article
    if span.end < len(doc) and doc[span.end].pos_ == "PROPN" and doc[span.end].text.istitle():
        return False  # "the Kuta Heneral | Teodulfo Bautista Station Hospital": cut from a name
    if len(span) == 1 and _stan_demonym(ctx, span.text):
        return False  # "Kyrgyz police": a nationality word the tagger took for a country
    return not span.text.isupper() or len(span.text) > 3


def _compass_lead(ctx: _Context, span: SpacySpan) -> int:
    """1 when a compass word opens a longer name after a locative word ("towards South
    Waziristan"), 0 otherwise. Before a place the gazetteer knows it is a direction
    ("northern Borno"): Borno is the place, found on its own; and without a locative
    it opens names of all kinds ("the Northern Herald")."""
    rest, doc = span[1:], span.doc
    return int(bool(rest) and bool(ctx.words.compass.fullmatch(span[0].text))
               and span.start > 0 and doc[span.start - 1].lower_ in ctx.words.locatives
               and not ctx.lookup(rest.text))


def _kind_follows(ctx: _Context, span: SpacySpan) -> bool:
    """A noun for a kind of organization among the next two lower-case words."""
    after = span.doc[span.end : span.end + 2]
    for token in after:
        if not token.is_lower:
            return False
        if token.lower_ in ctx.words.kinds:
            return True
    return False


def _stan_demonym(ctx: _Context, word: str) -> bool:
    """ "Kyrgyz", "Uzbek", "Afghan": the nationality word of a "-stan" country is that
    country's name without the ending, a form no gazetteer lists and spaCy calls GPE."""
    return bool(ctx.lookup(word + "stan") or ctx.lookup(word + "istan"))


def _apposed_subject(span: SpacySpan) -> bool:
    """An unknown name set off by commas right before a finite verb is the apposed
    name of the subject ("the envoy, X, told reporters"), a person, not a place."""
    doc = span.doc
    return (
        span.start > 0
        and doc[span.start - 1].text == ","
        and span.end + 1 < len(doc)
        and doc[span.end].text == ","
        and doc[span.end + 1].tag_ in ("VBD", "VBZ", "VBP")
    )


def _is_demonym(token, compass: re.Pattern[str]) -> bool:
    """A nationality adjective ("Spanish", "Nigerian"), not a compass word."""
    if token.ent_type_ == "NORP":
        return True
    return token.pos_ == "ADJ" and token.text[:1].isupper() and token.i > 0 \
        and not token.is_sent_start and not compass.fullmatch(token.text)
