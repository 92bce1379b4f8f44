"""A record with every field filled (money and incidents included), written for the tests of
the writers: tables, databases and the review page are derived from the Record model, and
this record exercises every one of its fields, overlaps included (a date in a quote)."""

from __future__ import annotations

from kfr_extract.models import Record

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
            {"date": "2024-05-05", "place": "Kajuru", "country_code": "NG", "victims": 3,
             "victim_description": "farmers", "perpetrators": "gunmen",
             "ransom_demanded": {"value": 5_000_000, "currency": "NGN"},
             "ransom_paid": {"value": 2000, "currency": "USD"}, "outcome": "released",
             "outcome_date": "2024-06-07", "suspects_arrested": None,
             "evidence": [{**span(text, "Gunmen abducted 3 farmers near Kajuru, Kaduna State, "
                                        "on 5 May 2024 and demanded N5 million."),
                           "slot": "abduction"},
                          {**span(text, "The farmers were released on 7 June 2024."),
                           "slot": "outcome"}]},
            {"date": "2024-03", "place": "Zamfara", "country_code": "NG", "victims": 12,
             "victim_description": "travellers", "perpetrators": "gunmen",
             "ransom_demanded": None, "ransom_paid": "no", "outcome": "held",
             "outcome_date": None, "suspects_arrested": None,
             "evidence": [{**span(text, "In Zamfara, gunmen seized 12 travellers in March "
                                        "2024; they are still held."), "slot": "abduction"}]},
        ],
    }


def sample_record(**kwargs) -> Record:
    return Record.model_validate(record_data(**kwargs))
