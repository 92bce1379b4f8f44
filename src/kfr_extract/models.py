"""The record: the contract that downstream tools and the scorer read.

Every extracted item carries ``start_char``/``end_char`` into ``Record.text``
(the repaired text), so a reader can always go back to the exact characters.
This module imports nothing from spaCy: records are plain data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

ErrorType = Literal[
    "not_found",
    "permission_denied",
    "not_text",
    "decode_failed",
    "too_large",
    "empty",
    "parse_failed",
    "timeout",
    "internal",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """A stretch of the repaired text; ``text == record.text[start_char:end_char]``."""

    text: str = Field(description="The characters as they appear in the repaired text.")
    start_char: int = Field(ge=0, description="Offset of the first character.")
    end_char: int = Field(ge=0, description="Offset one past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end_char < self.start_char:
            raise ValueError("end_char precedes start_char")
        return self


class Source(_Model):
    path: str = Field(description="The input path as given, or '-' for standard input.")
    sha256: str | None = Field(None, description="SHA-256 of the raw bytes read.")
    bytes: int | None = Field(None, ge=0, description="Size of the raw input in bytes.")
    encoding: str | None = Field(
        None, description="Encoding used to decode the bytes (as detected), e.g. 'utf-8'."
    )


class Error(_Model):
    type: ErrorType = Field(description="A machine-readable error category.")
    message: str = Field(description="What went wrong, naming the file, in plain words.")


class Fix(_Model):
    kind: str = Field(description="Machine-readable name of the repair, e.g. 'gbk_as_latin1'.")
    detail: str = Field(description="What the repair did, for a person.")
    count: int = Field(ge=1, description="How many places (runs or steps) it changed.")


class Anomaly(Span):
    kind: Literal[
        "foreign_script", "replacement_char", "residual_mojibake", "undecodable_bytes"
    ] = (
        Field(description="What a reader should know about this stretch of text.")
    )


class Repair(_Model):
    changed: bool = Field(description="True when the repaired text differs from the decoded text.")
    fixes: list[Fix] = Field(default_factory=list, description="Repairs applied, in order.")
    anomalies: list[Anomaly] = Field(
        default_factory=list, description="Suspicious stretches left unchanged, with offsets."
    )


class DateMention(Span):
    start: str | None = Field(
        None, description="ISO 8601 start at the text's precision (YYYY-MM-DD, YYYY-MM or YYYY)."
    )
    end: str | None = Field(None, description="ISO 8601 end; equals start for a single date.")
    precision: Literal["day", "month", "year"] | None = Field(
        None, description="The finest unit the text gives."
    )
    relative: bool = Field(
        False, description="True for expressions like 'today' or 'recent years'."
    )


class Place(_Model):
    name: str = Field(description="Common short form, e.g. 'Morocco' for 'Kingdom of Morocco'.")
    kind: Literal["country", "city", "region", "other"]
    country_code: str | None = Field(
        None, description="ISO 3166-1 alpha-2 code of the country the place is in, if known."
    )
    subdivision_code: str | None = Field(
        None,
        description="ISO 3166-2 code of the state, province or region the place is, for "
        "places that are one ('Zamfara State': 'NG-ZA'), if known.",
    )
    mentions: list[Span] = Field(min_length=1)


class Count(Span):
    value: float | int = Field(description="The number counted: 'twenty-five' is 25.")
    unit: str = Field(description="What is counted, the noun phrase: 'Member States'.")
    value_max: float | int | None = Field(
        None,
        description="For a range, its upper bound ('between 20 and 30 gunmen': value 20, "
        "value_max 30); null otherwise.",
    )


class Organization(_Model):
    name: str = Field(description="The long form when known, else the form in the text.")
    acronym: str | None = Field(None, description="The acronym the text or gazetteer gives.")
    mentions: list[Span] = Field(min_length=1)


class Speaker(_Model):
    name: str = Field(description="Full name without honorific.")
    honorific: str | None = Field(None, description="'Mr.', 'H.E.', 'Dr.' ...")
    title: str | None = Field(None, description="Position as the text gives it.")
    organization: str | None = Field(None, description="Organization as the text gives it.")
    mentions: list[Span] = Field(min_length=1)


class Quote(Span):
    speaker: str | None = Field(
        None, description="Name of a speaker in `speakers`, or null when the text does not say."
    )


class EventPart(Span):
    slot: Literal["type", "title", "organizer", "dates", "location", "theme"] = Field(
        description="Which of the event's values this stretch of text gave."
    )


class Event(_Model):
    type: str | None = Field(None, description="'Expert Group Meeting', 'workshop' ...")
    title: str | None = None
    organizer: str | None = Field(None, description="Organizer, by acronym when it has one.")
    start: str | None = Field(None, description="ISO 8601 start date.")
    end: str | None = Field(None, description="ISO 8601 end date.")
    location: str | None = Field(None, description="Where it took place (a place name).")
    theme: str | None = None
    evidence: list[EventPart] = Field(
        default_factory=list, description="Where in the text each value was read."
    )


NOT_RUN = "Null when the field was not asked for (--fields) or the document failed."


class Record(_Model):
    """One input document and everything extracted from it."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    status: Literal["ok", "error"] = "ok"
    error: Error | None = None
    title: str | None = Field(None, description="The document's first non-empty line.")
    text: str = Field("", description="The repaired text; every offset indexes into it.")
    repair: Repair = Field(default_factory=lambda: Repair(changed=False))
    sentences: int = Field(0, ge=0, description="Number of sentences.")
    dates: list[DateMention] | None = Field(None, description=NOT_RUN)
    places: list[Place] | None = Field(None, description=NOT_RUN)
    counts: list[Count] | None = Field(None, description=NOT_RUN)
    organizations: list[Organization] | None = Field(None, description=NOT_RUN)
    speakers: list[Speaker] | None = Field(None, description=NOT_RUN)
    quotes: list[Quote] | None = Field(None, description=NOT_RUN)
    event: Event | None = Field(None, description="The event reported; null also when not run.")
    pipeline: str | None = Field(
        None, description="What made the record (tool, model and fields versions); with "
        "source.sha256 it lets a rerun with --out skip documents already done."
    )

    @model_validator(mode="after")
    def _grounded(self) -> Record:
        """Refuse a record whose offsets do not point at their own text."""
        for span in iter_spans(self):
            if self.text[span.start_char : span.end_char] != span.text:
                raise ValueError(
                    f"span {span.text!r} at {span.start_char}:{span.end_char} is not grounded"
                )
        if (self.status == "error") != (self.error is not None):
            raise ValueError("status 'error' goes with an error, and only then")
        return self


def iter_spans(value: object) -> Iterator[Span]:
    """Every offset-carrying item inside `value` (a record, an item, a list), nested
    ones included: new fields and items are checked without being listed here."""
    if isinstance(value, Span):
        yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name != "source":
                yield from iter_spans(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from iter_spans(item)
