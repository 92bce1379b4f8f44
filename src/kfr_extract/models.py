"""The record: the contract that downstream tools and the scorer read.

Every extracted item carries ``start_char``/``end_char`` into ``Record.text``
(the repaired text), so a reader can always go back to the exact characters.
This module imports nothing from spaCy: records are plain data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, model_validator

SCHEMA_VERSION = "1.0"

# A count or an amount: never NaN or infinite, which JSON cannot carry.
Number = int | FiniteFloat

ErrorType = Literal[
    "not_found",
    "permission_denied",
    "read_failed",
    "not_text",
    "decode_failed",
    "too_large",
    "empty",
    "parse_failed",
    "timeout",
    "worker_lost",
    "internal",
    "encrypted",
    "no_text_layer",
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
    format: str | None = Field(
        None, description="The reader used, from the bytes: 'text', 'html', 'pdf' or 'docx'."
    )
    encoding: str | None = Field(
        None, description="Encoding used to decode the bytes (as detected or declared), "
        "e.g. 'utf-8'; null for PDF and DOCX, which carry text, not bytes to decode."
    )
    url: str | None = Field(
        None, description="The page's address as it states it (canonical link or og:url)."
    )
    site_name: str | None = Field(None, description="The site or publisher the page names.")
    author: str | None = Field(None, description="The author the page or file names.")
    published: str | None = Field(
        None, description="Publication date the page's markup gives (PDF, DOCX: creation "
        "date), ISO 8601 YYYY-MM-DD."
    )
    language: str | None = Field(
        None, description="The language the document declares (BCP 47 tag, e.g. 'en')."
    )
    pages: list[int] | None = Field(
        None, description="PDF: the offset in `text` where each page starts, so an item at "
        "offset k is on page 1 + (the number of starts <= k, less one); null otherwise."
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
    value: Number = Field(description="The number counted: 'twenty-five' is 25.")
    unit: str = Field(description="What is counted, the noun phrase: 'Member States'.")
    value_max: Number | None = Field(
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


class Money(Span):
    value: Number = Field(description="The amount in units of the currency: 'N2.5 million' "
                               "is 2500000.")
    currency: str | None = Field(
        None, description="ISO 4217 code ('NGN', 'USD', 'XAF'), null where the text does not "
        "tell which currency.")
    role: Literal["ransom_demanded", "ransom_paid", "other"] = Field(
        "other", description="'ransom_demanded' (asked for), 'ransom_paid' (handed over), or "
        "'other' (any other amount: a grant, a reward, money recovered).")


class Amount(_Model):
    value: Number = Field(description="The amount in units of the currency.")
    currency: str | None = Field(None, description="ISO 4217 code, or null when unknown.")


IncidentSlot = Literal[
    "abduction", "date", "place", "victims", "perpetrators", "ransom_demanded", "ransom_paid",
    "outcome", "outcome_date", "suspects_arrested",
]


class IncidentEvidence(Span):
    """A sentence an incident's values were read from."""

    slot: IncidentSlot = Field(
        description="Which value this sentence gave ('abduction': the sentence reporting it).")


class Incident(_Model):
    """One specific kidnapping or hostage-taking: people taken at one time and place by
    the same captors. Every value is null where the text does not state it."""

    date: str | None = Field(
        None, description="When the victims were taken, ISO 8601 at the text's precision.")
    date_resolved: bool = Field(
        False, description="True when `date` comes from a weekday ('on Tuesday') counted back "
        "from the document's dateline.")
    place: str | None = Field(
        None, description="The most specific named place where they were taken (a place name "
        "from `places`).")
    country_code: str | None = Field(
        None, description="ISO 3166-1 alpha-2 code of that place's country (else the "
        "document's country).")
    victims: int | None = Field(None, ge=0, description="Number of people taken.")
    victim_description: str | None = Field(
        None, description="The text's phrase for the victims: 'three aid workers'.")
    perpetrators: str | None = Field(
        None, description="The captors: an armed or criminal group's name when the text gives "
        "one ('Boko Haram'), else the text's word ('bandits', 'gunmen').")
    ransom_demanded: Amount | None = Field(None, description="The ransom asked for.")
    ransom_paid: Amount | Literal["yes", "no"] | None = Field(
        None, description="The ransom handed over; 'yes' when paid with no amount given, 'no' "
        "when the text says none was paid.")
    outcome: Literal["released", "rescued", "escaped", "killed", "held"] | None = Field(
        None, description="How it ended for most victims: released (freed by the captors), "
        "rescued (freed by force or an operation), escaped, killed (died in captivity or in "
        "the rescue), held (still captive).")
    outcome_date: str | None = Field(None, description="When that happened, ISO 8601.")
    outcome_date_resolved: bool = Field(
        False, description="True when `outcome_date` comes from a weekday counted back from "
        "the dateline.")
    suspects_arrested: int | None = Field(
        None, ge=0, description="Number of people arrested for this incident.")
    evidence: list[IncidentEvidence] = Field(
        default_factory=list, description="The sentences each value was read from.")


NOT_RUN = "Null when the field was not asked for (--fields) or the document failed."


class Record(_Model):
    """One input document and everything extracted from it."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    status: Literal["ok", "error"] = "ok"
    error: Error | None = None
    title: str | None = Field(
        None, description="The headline the document marks (an HTML page's, a DOCX Title), "
        "else its first non-empty line."
    )
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
    money: list[Money] | None = Field(None, description=NOT_RUN)
    incidents: list[Incident] | None = Field(None, description=NOT_RUN)
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
