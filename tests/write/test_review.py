"""The HTML review page: every span highlighted with its text, nested when items overlap."""

from __future__ import annotations

import types
from collections import Counter
from html.parser import HTMLParser
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from kfr_extract.models import Record, Source, Span, iter_spans
from kfr_extract.write import review
from tests.sample_record import sample_record


class Marks(HTMLParser):
    """Collects every highlight's text (pieces of a cut span joined) and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.attrs: dict[str, dict] = {}
        self.inside: dict[str, set[str]] = {}  # span -> the spans it is nested in
        self.scripts = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "mark":
            key = a.get("data-span")
            self.open.append(key)
            if key:
                self.text.setdefault(key, "")
                self.attrs.setdefault(key, a)
                self.inside.setdefault(key, set()).update(k for k in self.open[:-1] if k)
        if tag == "script":
            self.scripts += 1 if not a.get("src") else 100
        if tag in ("link", "img") or (tag == "a" and not a.get("href", "#").startswith("#")):
            self.links.append(str(a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for key in self.open:
            if key:
                self.text[key] += data


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def _carries_spans(annotation: Any, seen: frozenset = frozenset()) -> bool:
    if get_origin(annotation) in (list, Union, types.UnionType):
        return any(_carries_spans(a, seen) for a in get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if issubclass(annotation, Span):
            return True
        return annotation not in seen and any(
            _carries_spans(f.annotation, seen | {annotation})
            for f in annotation.model_fields.values())
    return False


def test_every_field_that_carries_offsets_has_its_colour():
    """A new field with spans is highlighted anyway, but in grey until it gets a colour."""
    for model in (Record,):
        lacking = [name for name, info in model.model_fields.items()
                   if _carries_spans(info.annotation) and name not in review.COLOURS]
        assert not lacking, f"add a colour to review.COLOURS for {lacking}"


def test_the_walk_finds_every_span_the_model_lists():
    record = sample_record()
    walked = Counter((m.span.start_char, m.span.end_char) for m in review.located(record))
    listed = Counter((s.start_char, s.end_char) for s in iter_spans(record))
    new = Counter((s.start_char, s.end_char) for s in
                  [*record.money, *(e for i in record.incidents for e in i.evidence)])
    assert not listed - walked, "a span the model lists is not highlighted"
    assert walked == listed + new or walked == listed


def test_every_span_has_a_highlight_with_its_text():
    record = sample_record()
    html = review.render([record])
    marks = parse(html)
    spans = review.located(record)
    assert len(marks.text) == len(spans)
    found = {(a["data-field"], int(a["data-start"]), int(a["data-end"]), marks.text[k])
             for k, a in marks.attrs.items()}
    for m in spans:
        assert (m.field, m.span.start_char, m.span.end_char, m.span.text) in found, m


def test_a_date_inside_a_quote_is_nested_inside_it():
    record = sample_record()
    marks = parse(review.render([record]))
    by_text = {(a["data-field"], marks.text[k]): k for k, a in marks.attrs.items()}
    quote = by_text[("quotes", record.quotes[0].text)]
    for field, text in [("dates", "2 June 2024"), ("money", "$2,000")]:
        assert quote in marks.inside[by_text[(field, text)]]
    assert not marks.inside[quote]


def test_crossing_spans_are_cut_into_pieces_that_nest():
    pieces = review.nest([(0, 10, 0), (5, 15, 1), (12, 14, 2)])
    assert pieces == [(0, 10, 0), (5, 10, 1), (10, 15, 1), (12, 14, 2)]
    text = "abcdefghijklmnopqrstuvwxyz"
    spans = [Span(text=text[s:e], start_char=s, end_char=e) for s, e in [(0, 10), (5, 15)]]
    marks = [review.Located("dates", i, s, s) for i, s in enumerate(spans)]
    html = review.highlight(text, marks, [f'<mark data-span="{k}">' for k in range(2)])
    assert html == ('<mark data-span="0">abcde<mark data-span="1">fghij</mark></mark>'
                    '<mark data-span="1">klmno</mark>pqrstuvwxyz')
    assert parse(html).text == {"0": "abcdefghij", "1": "fghijklmno"}


def test_identical_and_empty_spans_each_get_a_mark():
    pieces = review.nest([(2, 4, 0), (2, 4, 1), (3, 3, 2)])
    assert sorted(k for *_, k in pieces) == [0, 1, 2]
    assert pieces[0][:2] == pieces[1][:2] == (2, 4)


def test_document_strings_are_escaped_and_nothing_is_fetched():
    nasty = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    text = f"{nasty}\nUNODC met."
    record = Record(source=Source(path=f"{nasty}.txt", sha256="f" * 64), title=nasty, text=text,
                    organizations=[{"name": nasty, "mentions": [
                        {"text": "UNODC", "start_char": text.index("UNODC"),
                         "end_char": text.index("UNODC") + 5}]}])
    html = review.render([record])
    assert nasty not in html and "&lt;script&gt;" in html
    marks = parse(html)
    assert marks.scripts == 1 and not marks.links  # our own inline script only
    assert "http://" not in html.replace('"http://www.w3.org', "") and "https://" not in html
    assert "@import" not in html and "url(" not in html


def test_tooltips_show_normalized_values_and_the_speakers_title():
    record = sample_record()
    marks = parse(review.render([record])).attrs.values()
    tips = {a["data-field"]: [] for a in marks}
    for a in marks:
        tips[a["data-field"]].append(a["data-tip"])
    assert any("start: 2024-05-05" in t and "precision: day" in t for t in tips["dates"])
    assert any("country_code: NG" in t for t in tips["places"])
    assert any("value: 5,000,000" in t and "currency: NGN" in t for t in tips["money"])
    assert any("value: 3" in t and "unit: farmers" in t for t in tips["counts"])
    assert any("speaker title: spokesman" in t and
               "speaker organization: Kaduna Police Command" in t for t in tips["quotes"])
    assert any("country_code: NG" in t and "outcome: released" in t for t in tips["incidents"])


def test_incident_cards_link_their_slots_to_the_evidence():
    record = sample_record()
    html = review.render([record])
    assert html.count('<article class="card f-incidents"') == 2
    card = html[html.index('<article class="card'):html.index("</article>")]
    ids = {k for k, a in parse(html).attrs.items() if a["data-field"] == "incidents"}
    linked = {href.split('"')[0] for href in card.split('href="#')[1:]}
    assert linked and linked <= ids
    assert '<dt>outcome</dt><dd><a href="#' in card and "released" in card


def test_the_index_counts_items_per_field_and_shows_failures():
    ok = sample_record()
    failed = Record(source=Source(path="gone.txt"), status="error",
                    error={"type": "not_found", "message": "gone.txt: no such file"})
    html = review.render([ok, failed])
    index = html[html.index('<nav id="index"'):html.index("</nav>")]
    for field in ("dates", "places", "quotes", "incidents", "money"):
        assert f'<th scope="col">{field}</th>' in index
    assert "s-error" in index and "gone.txt: no such file" in html
    assert html.count('<section class="doc"') == 2


def test_an_empty_batch_is_a_valid_page():
    html = review.render([])
    assert html.startswith("<!doctype html>") and "0 documents" in html
