"""What every reader returns: the document's text and what the file says about itself."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Meta:
    """Page metadata as the file gives it; None where it says nothing."""

    url: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date, YYYY-MM-DD
    language: str | None = None  # as declared, e.g. 'en' or 'fr-CA'
    title: str | None = None  # the headline, when the format marks one


@dataclass(frozen=True)
class Extracted:
    text: str
    encoding: str | None = None
    # (start, end) character offsets in `text` of U+FFFD standing for undecodable bytes.
    undecodable: list[tuple[int, int]] = field(default_factory=list)
    meta: Meta = field(default_factory=Meta)
    # Character offset in `text` where each page starts (formats with pages only).
    pages: list[int] | None = None
