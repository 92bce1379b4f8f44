"""Small helpers shared by the extractors for building grounded spans."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kfr_extract.models import Span


def span_of(doc: Doc, start_char: int, end_char: int) -> Span:
    """A grounded `Span` for ``doc.text[start_char:end_char]``."""
    return Span(text=doc.text[start_char:end_char], start_char=start_char, end_char=end_char)


def from_spacy(span: SpacySpan) -> Span:
    return Span(text=span.text, start_char=span.start_char, end_char=span.end_char)
