"""What the rules pass around: proposed mentions, their targets, and the per-document
lookups (`_Context`) every rule shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.attrs import ORTH
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kfr_extract.extract._spans import doc_text
from kfr_extract.extract.gazetteer import Entry, fold_accents
from kfr_extract.extract.places.resources import Resources
from kfr_extract.extract.towns import Town

SPACED_DASH = re.compile(r"\s[-\u2013\u2014]\s")
LGA = ("Local", "Government")  # Nigeria's "Local Government Area"


class Target(NamedTuple):
    """What a mention refers to; mentions with the same `key` are one place."""

    name: str
    kind: str
    code: str | None
    key: str
    subdivision: str | None = None


def _unknown(name: str, kind: str) -> Target:
    """A place no gazetteer lists, known by its spelling."""
    return Target(name, kind, None, fold_accents(name).casefold())


@dataclass
class Mention:
    """A proposed place mention: its character span and what it refers to."""

    start: int
    end: int
    targets: list[Target]
    source: str  # "gazetteer", "designator", "ner"
    display: str | None = None  # name with its capitalized designator ("Nduga Regency")
    checked: bool = False  # needs locative context (see `_city_in_context`)
    options: tuple[Entry, ...] = ()  # homonymous gazetteer entries, best first
    surface: str = ""
    kind: str = ""  # the kind a designator gives ("province": region)


def _countries(mentions: list[Mention]) -> set[str]:
    """Codes of the countries this text names places in."""
    return {t.code for m in mentions for t in m.targets if t.code}


def _town_in(towns: list[Town], codes: set[str]) -> Town | None:
    return next((t for t in towns if t.country_code in codes), None)


class _Context:
    """Per-document lookups shared by the rules (entity index, person tokens)."""

    def __init__(self, doc: Doc, resources: Resources) -> None:
        self.doc = doc
        self.res = resources
        self.words = resources.words
        self.codes: set[str] = set()  # countries of the gazetteer's finds, a first guess
        self.norp_towns: set[str] = set()  # words spaCy calls nationalities, known as towns
        self.code_sites: dict[str, set[str]] = {}  # country code -> names found in it
        self.text = doc_text(doc)  # Doc.text rebuilds the string on every access
        self.in_org_name = bytearray(len(self.text))
        for match in resources.org_names.finditer(self.text):
            self.in_org_name[match.start():match.end()] = b"\x01" * (match.end() - match.start())
        strings = doc.vocab.strings  # each distinct word once, without a Token per token
        self.orths: list[int] = doc.to_array(ORTH).tolist() if len(doc) else []
        self.words_of = {orth: strings[orth] for orth in set(self.orths)}
        self.lower_words = {w for w in self.words_of.values() if w.islower()}
        self._read_entities([self.words_of[orth] for orth in self.orths])

    def _read_entities(self, words: list[str]) -> None:
        """One pass over the entities, reading token texts from `words` (a Token and a Span
        per access would cost more than the rules that use them)."""
        self.ent_of: dict[int, SpacySpan] = {}
        self.name_parts: set[str] = set()  # words of multi-word PERSON entities
        # last words of full names: a PERSON entity, or any entity a rank or honorific
        # opens ('[SP Abdullahi Funtua]' is often tagged ORG)
        self.surnames: set[str] = set()
        self.person_tokens: set[str] = set()  # capitalized words of people and org names
        self.norp_words: set[str] = set()  # words spaCy calls nationalities
        self.ents = self.doc.ents  # a new tuple of Spans on every access
        for ent in self.ents:
            start, end, label = ent.start, ent.end, ent.label_
            text = self.text[ent.start_char:ent.end_char]
            if "\n" not in text and not SPACED_DASH.search(text):
                # (else a heading run into the next line, or a dateline's dash run over:
                # "MOGADISHU, Somalia - Somali National Army", no evidence either way)
                self.ent_of.update(dict.fromkeys(range(start, end), ent))
            several = end - start > 1
            if label == "PERSON" and several:
                self.name_parts.update(words[start:end])
            if several and (label == "PERSON"
                            or words[start].lower().rstrip(".") in self.words.honorifics):
                self.surnames.add(words[end - 1])
            if label == "PERSON" or (label == "ORG" and several):
                self.person_tokens.update(w for w in words[start:end] if w[:1].isupper())
            if label == "NORP":
                self.norp_words.update(w for w in words[start:end] if w[:1].isupper())

    def lookup(self, text: str) -> list[Entry]:
        return self.res.gazetteer.lookup(text)

    def where(self, test: Callable[[str], bool]) -> list[int]:
        """The tokens whose text passes `test`, each distinct word tested once: the rules'
        first filters, read without building a Token per token."""
        passed = {orth for orth, word in self.words_of.items() if test(word)}
        return [i for i, orth in enumerate(self.orths) if orth in passed]


def _target(entry: Entry, surface: str = "") -> Target:
    """The gazetteer place; a city is named as the text spells it.

    Geonames spells "Khāliş" where a report writes "Khalis", and a report
    that writes "Kiev" is annotated "Kiev": the text's form is the safe name
    for a city, while countries and regions take their usual short name, unless a
    region's differs only in its accents ("Kirkūk" written "Kirkuk").
    """
    name = entry.name
    spelled = surface.title() if surface.isupper() else surface
    if entry.kind == "city" or (entry.kind == "region" and _same_letters(spelled, name)):
        name = spelled or name
    key = f"{entry.kind}|{entry.name}|{entry.code}|{entry.subdivision or ''}"
    return Target(name, entry.kind, entry.code, key, entry.subdivision)


def _same_letters(a: str, b: str) -> bool:
    return fold_accents(a).casefold() == fold_accents(b).casefold()


def _lga_start(doc: Doc, token) -> int | None:
    """Index of "Local" in Nigeria's "Local Government (Area)" ending at ``token``
    (or of "local" in "local government area", as many papers write it)."""
    i = token.i
    if token.text in ("Area", "Areas") and i >= 2 and _words(doc, [i - 2, i - 1]) == LGA:
        return i - 2
    if token.text in ("area", "areas") and i >= 2 \
            and _words(doc, [i - 2, i - 1]) == ("local", "government"):
        return i - 2
    if token.text == "Government" and i >= 1 and doc[i - 1].text == LGA[0] \
            and not (i + 1 < len(doc) and doc[i + 1].text in ("Area", "Areas")):
        return i - 1
    return None


def _words(doc: Doc, indices: list[int]) -> tuple[str, ...]:
    return tuple(doc[i].text for i in indices)


def _designated_target(entry: Entry, base: str, kind: str) -> Target:
    """ "Lagos State" is a region even though the gazetteer knows Lagos the city."""
    target = _target(entry, base)
    return target._replace(kind=kind) if target.kind == "city" else target


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """ "Tipo-Tipo": a hyphen with no space on either side."""
    return doc[j].text in ("-", "–") and j > 0 and not doc[j - 1].whitespace_ \
        and not doc[j].whitespace_


def _line_start(text: str, char: int) -> bool:
    """Whether only an opening bracket stands between a line start and ``char``."""
    if char > 0 and text[char - 1] == "(":
        char -= 1
    return char == 0 or text[char - 1] == "\n"
