"""Small helpers shared by the extractors for building grounded spans."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from spacy.tokens import Doc

from kfr_extract.models import Span

# Where `doc_text` keeps a Doc's text; the kfr_extract component removes it when done.
TEXT_KEY = "kfr_extract.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc. spaCy rebuilds ``doc.text`` from every token on each
    access (about 2 ms for a 400-word report), which made repeated calls the costliest
    part of extraction: read the text through this helper instead."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_of(doc: Doc, start_char: int, end_char: int) -> Span:
    """A grounded `Span` for ``doc.text[start_char:end_char]``."""
    return Span(text=doc_text(doc)[start_char:end_char], start_char=start_char, end_char=end_char)


class _Stretch(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=_Stretch)


def without_overlaps(by_priority: Iterable[S]) -> list[S]:
    """Keep each candidate that overlaps none kept before it; return them in text order.

    Extractors collect candidates from several rules and sort them best first
    (longest, most trusted): one reading per stretch of text.
    """
    taken: list[S] = []
    used: set[int] = set()
    for item in by_priority:
        chars = range(item.start, item.end)
        if not used.isdisjoint(chars):
            continue
        used.update(chars)
        taken.append(item)
    return sorted(taken, key=lambda m: m.start)
