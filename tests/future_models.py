"""Record fields being added in parallel (money, incidents), in the shapes agreed for them.

Writers are derived from the Record model, so tests build a Record subclass with
these fields to exercise their tables and highlights before the fields land.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kfr_extract.models import Record, Span


class Money(Span):
    value: float | int
    currency: str | None = None
    role: Literal["ransom_demanded", "ransom_paid", "other"] = "other"


class Amount(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: float | int
    currency: str | None = None


class Incident(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    date: str | None = None
    date_precision: Literal["day", "month", "year"] | None = None
    place: str | None = None
    country_code: str | None = None
    subdivision_code: str | None = None
    victims: int | None = None
    victim_description: str | None = None
    perpetrators: str | None = None
    ransom_demanded: Amount | None = None
    ransom_paid: Amount | Literal["yes", "no"] | None = None
    outcome: Literal["released", "rescued", "escaped", "killed", "held"] | None = None
    outcome_date: str | None = None
    suspects_arrested: int | None = None
    evidence: list[Span] = Field(default_factory=list)


class FutureRecord(Record):
    money: list[Money] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)


TEXT = (
    "Kaduna kidnapping\n"
    "Gunmen abducted 3 farmers near Kajuru, Kaduna State, on 5 May 2024 and demanded "
    "N5 million. \"We paid $2,000 on 2 June 2024,\" said Mr. Ade Bello, spokesman of the "
    "Kaduna Police Command. The farmers were released on 7 June 2024.\n"
    "In Zamfara, gunmen seized 12 travellers in March 2024; they are still held."
)


def span(text: str, part: str, after: int = 0) -> dict:
    start = text.index(part, after)
    return {"text": part, "start_char": start, "end_char": start + len(part)}


def record_data(path: str = "docs/kaduna.txt", sha: str = "a" * 64, text: str = TEXT) -> dict:
    """A record as JSON data with every field filled, overlaps included (a date in a quote)."""
    quote = 'We paid $2,000 on 2 June 2024,'
    return {
        "source": {"path": path, "sha256": sha, "bytes": len(text.encode()), "encoding": "utf-8"},
        "title": "Kaduna kidnapping", "text": text, "sentences": 4,
        "repair": {"changed": True, "fixes": [{"kind": "cp1252_as_utf8", "detail": "quotes",
                                               "count": 2}],
                   "anomalies": [{**span(text, "Kajuru"), "kind": "residual_mojibake"}]},
        "dates": [{**span(text, "5 May 2024"), "start": "2024-05-05", "end": "2024-05-05",
                   "precision": "day"},
                  {**span(text, "2 June 2024"), "start": "2024-06-02", "end": "2024-06-02",
                   "precision": "day"},
                  {**span(text, "March 2024"), "start": "2024-03", "end": "2024-03",
                   "precision": "month"}],
        "places": [{"name": "Kaduna", "kind": "region", "country_code": "NG",
                    "mentions": [span(text, "Kaduna"), span(text, "Kaduna State")]},
                   {"name": "Zamfara", "kind": "region", "country_code": "NG",
                    "mentions": [span(text, "Zamfara")]}],
        "counts": [{**span(text, "3 farmers"), "value": 3, "unit": "farmers"},
                   {**span(text, "12 travellers"), "value": 12, "unit": "travellers"}],
        "organizations": [{"name": "Kaduna Police Command", "acronym": None,
                           "mentions": [span(text, "Kaduna Police Command")]}],
        "speakers": [{"name": "Ade Bello", "honorific": "Mr.", "title": "spokesman",
                      "organization": "Kaduna Police Command",
                      "mentions": [span(text, "Ade Bello")]}],
        "quotes": [{**span(text, quote), "speaker": "Ade Bello"}],
        "event": None,
        "money": [{**span(text, "N5 million"), "value": 5_000_000, "currency": "NGN",
                   "role": "ransom_demanded"},
                  {**span(text, "$2,000"), "value": 2000, "currency": "USD",
                   "role": "ransom_paid"}],
        "incidents": [
            {"date": "2024-05-05", "date_precision": "day", "place": "Kajuru",
             "country_code": "NG", "subdivision_code": "NG-KD", "victims": 3,
             "victim_description": "farmers", "perpetrators": "gunmen",
             "ransom_demanded": {"value": 5_000_000, "currency": "NGN"},
             "ransom_paid": {"value": 2000, "currency": "USD"}, "outcome": "released",
             "outcome_date": "2024-06-07", "suspects_arrested": None,
             "evidence": [span(text, "Gunmen abducted 3 farmers near Kajuru, Kaduna State, on "
                                     "5 May 2024 and demanded N5 million."),
                          span(text, "The farmers were released on 7 June 2024.")]},
            {"date": "2024-03", "date_precision": "month", "place": "Zamfara",
             "country_code": "NG", "subdivision_code": "NG-ZA", "victims": 12,
             "victim_description": "travellers", "perpetrators": "gunmen",
             "ransom_demanded": None, "ransom_paid": "no", "outcome": "held",
             "outcome_date": None, "suspects_arrested": None,
             "evidence": [span(text, "In Zamfara, gunmen seized 12 travellers in March 2024; "
                                     "they are still held.")]},
        ],
    }


def future_record(**kwargs) -> FutureRecord:
    return FutureRecord.model_validate(record_data(**kwargs))
