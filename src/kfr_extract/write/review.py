"""`--format html`: one self-contained review page for a batch of records.

A reviewer checks a record against its text: every item that carries offsets
is highlighted in the text in its field's colour, and hovering or focusing it
(Tab) shows its normalized values. The page fetches nothing (inline CSS and
JS, system fonts) and escapes every string from a document.

What is highlighted is found by walking the record, not listed by hand: any
`Span` anywhere in a field (dates, a place's mentions, an incident's evidence,
a repair anomaly) is marked, so a new field needs only its colour in
`COLOURS`. Items that overlap (a date inside a quote) are nested; one that
crosses another's end is cut in two pieces that share `data-span`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from typing import IO, Any

from pydantic import BaseModel

from kfr_extract import __version__
from kfr_extract.models import Record, Span
from kfr_extract.write.tables import REFERENCES, flat_columns

# field -> (line colour, background): one line per field that carries offsets.
COLOURS: dict[str, tuple[str, str]] = {
    "dates": ("#1d4ed8", "#dbeafe"),
    "places": ("#047857", "#d1fae5"),
    "counts": ("#a16207", "#fef3c7"),
    "money": ("#c2410c", "#ffedd5"),
    "organizations": ("#6d28d9", "#ede9fe"),
    "speakers": ("#be185d", "#fce7f3"),
    "quotes": ("#0e7490", "#cffafe"),
    "incidents": ("#b91c1c", "#fee2e2"),
    "event": ("#4d7c0f", "#ecfccb"),
    "repair": ("#7f1d1d", "#fecaca"),
}
FALLBACK = ("#525252", "#e5e5e5")
OFFSETS = frozenset({"text", "start_char", "end_char"})


@dataclass(frozen=True)
class Located:
    """One span of a record and what it belongs to."""

    field: str  # the record's top-level field: the colour
    index: int | None  # the item's position in its list
    item: BaseModel  # the list item (a place for its mentions), else the field's object
    span: Span
    owner: BaseModel | None = None  # the field's single object (the event) the item is part of


def located(record: BaseModel) -> list[Located]:
    """Every span in the record, in field order, with its item."""
    found: list[Located] = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        owner = value if isinstance(value, BaseModel) else None
        found += [Located(m.field, m.index, m.item, m.span, owner if owner is not m.item else None)
                  for m in _walk(value, name, owner, None, False)]
    return found


def _walk(value: Any, field: str, item: Any, index: int | None, in_list: bool
          ) -> Iterator[Located]:
    if isinstance(value, list):
        for i, element in enumerate(value):
            if in_list:
                yield from _walk(element, field, item, index, True)
            else:
                yield from _walk(element, field, element, i, True)
    elif isinstance(value, BaseModel):
        if isinstance(value, Span):
            yield Located(field, index, item if item is not None else value, value)
        for name in type(value).model_fields:
            if name not in OFFSETS:
                yield from _walk(getattr(value, name), field, item, index, in_list)


# --- what a highlight says ------------------------------------------------------------


def values_of(item: BaseModel) -> list[tuple[str, Any]]:
    """The item's normalized values as (name, value), offsets and empty values left out."""
    fields = type(item).model_fields
    spans = {n for n in fields if _holds_spans(getattr(item, n))}
    pairs = []
    for column in flat_columns(type(item), only=frozenset(fields) - spans):
        value = column.get(item)
        if column.name not in OFFSETS and not column.name.endswith(("start_char", "end_char")) \
                and value not in (None, "", "[]"):
            pairs.append((column.name, value))
    return pairs


def _holds_spans(value: Any) -> bool:
    """Mentions and evidence are shown in the text, not repeated in a tooltip."""
    return isinstance(value, list) and any(isinstance(v, Span) for v in value)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def describe(record: BaseModel, mark: Located) -> str:
    """The tooltip: the field, then one `name: value` line per normalized value."""
    lines = [mark.field if mark.index is None else f"{mark.field} #{mark.index + 1}"]
    lines += [f"{name}: {_show(value)}" for name, value in values_of(mark.item)]
    lines += _referenced(record, mark)
    if mark.owner is not None:  # a part of the event: the event's values too
        lines += [f"{mark.field} {name}: {_show(value)}" for name, value in values_of(mark.owner)]
    return "\n".join(lines)


def _referenced(record: BaseModel, mark: Located) -> list[str]:
    """A quote's speaker with title and organization (see `tables.REFERENCES`)."""
    lines = []
    for (field, column), (target, by) in REFERENCES.items():
        name = getattr(mark.item, column, None) if field == mark.field else None
        for other in getattr(record, target, None) or [] if name else []:
            if getattr(other, by, None) == name:
                lines += [f"{column} {k}: {_show(v)}" for k, v in values_of(other) if k != by]
                break
    return lines


# --- text with nested highlights --------------------------------------------------------


def nest(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, key) pieces that nest properly: a span crossing an enclosing span's end
    is cut there, and its rest goes on after it. Pieces come in document order, outer
    before inner."""
    heap = [(start, -end, key) for start, end, key in spans]
    heapq.heapify(heap)
    pieces: list[tuple[int, int, int]] = []
    open_ends: list[int] = []
    while heap:
        start, neg_end, key = heapq.heappop(heap)
        end = -neg_end
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            heapq.heappush(heap, (open_ends[-1], -end, key))
            end = open_ends[-1]
        pieces.append((start, end, key))
        if end > start:
            open_ends.append(end)
    return pieces


def highlight(text: str, marks: list[Located], opening: list[str]) -> str:
    """The escaped text with `opening[k]` ... `</mark>` around every piece of mark k."""
    out: list[str] = []
    position = 0
    stack: list[int] = []
    seen: set[int] = set()
    pieces = nest((m.span.start_char, m.span.end_char, k) for k, m in enumerate(marks))
    for start, end, key in pieces:
        while stack and stack[-1] <= start:
            position = _close(out, text, position, stack.pop())
        out.append(escape(text[position:start]))
        position = start
        first = key not in seen
        seen.add(key)
        out.append(opening[key] if first else _strip_focus(opening[key]))
        stack.append(end)
        if end == start:
            position = _close(out, text, position, stack.pop())
    while stack:
        position = _close(out, text, position, stack.pop())
    out.append(escape(text[position:]))
    return "".join(out)


def _close(out: list[str], text: str, position: int, end: int) -> int:
    out.append(escape(text[position:end]) + "</mark>")
    return end


def _strip_focus(tag: str) -> str:
    """Later pieces of a cut span: not a second tab stop, not a second anchor."""
    return tag.replace(' tabindex="0"', "").replace(' id="', ' data-piece-of="', 1)


# --- the page ---------------------------------------------------------------------------


def _list_fields(record: BaseModel) -> list[tuple[str, list]]:
    """Every list of items in the record, repair's anomalies included, for counts."""
    found = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, list):
            found.append((name, value))
        elif name == "repair" and isinstance(value, BaseModel):
            found.append(("anomalies", list(getattr(value, "anomalies", []))))
    return found


def _has_evidence(item: Any) -> bool:
    return isinstance(item, BaseModel) and "evidence" in type(item).model_fields


class Page:
    """One document's section: its text with every span highlighted, and what it holds."""

    def __init__(self, number: int, record: Record) -> None:
        self.number = number
        self.record = record
        self.anchor = f"doc-{number}"
        self.marks = located(record) if record.status == "ok" else []
        self.ids = [f"d{number}-s{k}" for k in range(len(self.marks))]

    def section(self) -> str:
        r = self.record
        parts = [f'<section class="doc" id="{self.anchor}" aria-labelledby="{self.anchor}-h">',
                 f'<h2 id="{self.anchor}-h">{escape(r.title or r.source.path)}</h2>',
                 f'<p class="meta"><span class="status s-{escape(r.status)}">{escape(r.status)}'
                 f'</span> <code>{escape(r.source.path)}</code>'
                 + (f' · sha256 <code>{escape(r.source.sha256[:12])}…</code>'
                    if r.source.sha256 else "")
                 + (f" · {r.sentences} sentences" if r.status == "ok" else "") + "</p>"]
        if r.error:
            parts.append(f'<p class="error" role="alert"><strong>{escape(r.error.type)}</strong>: '
                         f"{escape(r.error.message)}</p>")
        else:
            parts += [self._repair(), self._objects(), self._cards(), self._legend(),
                      f'<div class="text">{self._text()}</div>']
        parts.append('<p class="top"><a href="#index">Back to the index</a></p></section>')
        return "\n".join(p for p in parts if p)

    def _text(self) -> str:
        opening = [self._tag(k, m) for k, m in enumerate(self.marks)]
        return highlight(self.record.text, self.marks, opening)

    def _tag(self, k: int, mark: Located) -> str:
        colour = mark.field if mark.field in COLOURS else "other"
        return (f'<mark class="hl f-{escape(colour)}" tabindex="0" id="{self.ids[k]}" '
                f'data-span="{self.ids[k]}" data-field="{escape(mark.field)}" '
                f'data-start="{mark.span.start_char}" data-end="{mark.span.end_char}" '
                f'data-tip="{escape(describe(self.record, mark))}">')

    def _repair(self) -> str:
        repair = self.record.repair
        anomalies = len(repair.anomalies)
        if not repair.fixes and not anomalies:
            return ""
        fixes = "".join(f"<li><code>{escape(f.kind)}</code>: {escape(f.detail)} "
                        f"(×{f.count})</li>" for f in repair.fixes)
        note = (f'<p>{anomalies} anomal{"y" if anomalies == 1 else "ies"} left in the text, '
                f'marked <mark class="hl f-repair">like this</mark>.</p>' if anomalies else "")
        return ('<div class="repair"><h3>Text repair</h3>'
                + (f"<ul>{fixes}</ul>" if fixes else "") + note + "</div>")

    def _objects(self) -> str:
        """Single-object fields (the event) as a list of their values."""
        out = []
        for name in type(self.record).model_fields:
            value = getattr(self.record, name)
            if name in ("source", "error", "repair") or not isinstance(value, BaseModel):
                continue
            rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(_show(v))}</dd>"
                           for k, v in values_of(value))
            out.append(f'<div class="object"><h3>{escape(name)}</h3><dl>{rows}</dl></div>')
        return "".join(out)

    def _cards(self) -> str:
        """Items with evidence (incidents) as cards whose slots link to the evidence."""
        out = []
        for name, items in _list_fields(self.record):
            cards = [self._card(name, i, item) for i, item in enumerate(items)
                     if _has_evidence(item)]
            if cards:
                out.append(f'<div class="cards-wrap"><h3>{escape(name)} ({len(cards)})</h3>'
                           f'<div class="cards">{"".join(cards)}</div></div>')
        return "".join(out)

    def _card(self, name: str, index: int, item: BaseModel) -> str:
        evidence = [(self.ids[k], m.span) for k, m in enumerate(self.marks) if m.item is item]
        rows = []
        for column in flat_columns(type(item), only=frozenset(type(item).model_fields)
                                   - {"evidence"}):
            value = column.get(item)
            shown = "—" if value in (None, "", "[]") else escape(_show(value))
            target = _evidence_for(value, evidence)
            if target and value not in (None, "", "[]"):
                shown = f'<a href="#{target}">{shown}</a>'
            rows.append(f"<dt>{escape(column.name.replace('_', ' '))}</dt><dd>{shown}</dd>")
        quotes = "".join(f'<li><a href="#{anchor}">“{escape(_clip(span.text))}”</a></li>'
                         for anchor, span in evidence)
        return (f'<article class="card f-{escape(name)}" id="{self.anchor}-{escape(name)}-{index}">'
                f"<h4>{escape(name)} #{index + 1}</h4><dl>{''.join(rows)}</dl>"
                + (f'<p class="ev">evidence</p><ol>{quotes}</ol>' if quotes else "")
                + "</article>")

    def _legend(self) -> str:
        counts: dict[str, int] = {}
        for mark in self.marks:
            counts[mark.field] = counts.get(mark.field, 0) + 1
        if not counts:
            return '<p class="legend">Nothing extracted.</p>'
        keys = "".join(f'<li><span class="swatch f-{escape(f if f in COLOURS else "other")}">'
                       f'</span>{escape(f)} <span class="n">{n}</span></li>'
                       for f, n in counts.items())
        return f'<ul class="legend" aria-label="Highlight colours">{keys}</ul>'


def _evidence_for(value: Any, evidence: list[tuple[str, Span]]) -> str | None:
    """The evidence span that states this slot's value, else the first one."""
    if not evidence:
        return None
    needle = _show(value).lower() if isinstance(value, str | int | float) else ""
    for anchor, span in evidence:
        if needle and needle in span.text.lower():
            return anchor
    return evidence[0][0]


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class HtmlWriter:
    """Renders each document's section as it finishes; writes the page when closed.

    Only the rendered sections and the index entries are kept, not the records.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.sections: list[str] = []
        self.entries: list[Entry] = []

    def __enter__(self) -> HtmlWriter:
        return self

    def write(self, record: Record) -> None:
        page = Page(len(self.sections) + 1, record)
        self.sections.append(page.section())
        self.entries.append(Entry.of(page))

    def __exit__(self, *exc: object) -> None:
        columns: list[str] = []
        for entry in self.entries:
            columns += [name for name in entry.counts if name not in columns]
        self.stream.write(render_page([e.row(columns) for e in self.entries], columns,
                                      self.sections))
        self.stream.flush()


@dataclass(frozen=True)
class Entry:
    """A document's line in the index."""

    anchor: str
    title: str
    path: str
    status: str
    counts: dict[str, int | str]  # "" for a failed document

    @classmethod
    def of(cls, page: Page) -> Entry:
        r = page.record
        counts = {name: len(items) for name, items in _list_fields(r)}
        shown = counts if r.status == "ok" else dict.fromkeys(counts, "")
        return cls(page.anchor, r.title or r.source.path, r.source.path, r.status, shown)

    def row(self, columns: list[str]) -> str:
        cells = "".join(f'<td class="n">{self.counts.get(c, "")}</td>' for c in columns)
        return (f'<tr><th scope="row"><a href="#{self.anchor}">{escape(self.title)}</a>'
                f"<br><code>{escape(self.path)}</code></th>"
                f'<td><span class="status s-{escape(self.status)}">{escape(self.status)}'
                f"</span></td>{cells}</tr>")


def render(records: Iterable[Record]) -> str:
    """The review page of `records` as a string."""
    import io

    stream = io.StringIO()
    with HtmlWriter(stream) as writer:
        for record in records:
            writer.write(record)
    return stream.getvalue()


def render_page(rows: list[str], columns: list[str], sections: list[str]) -> str:
    heads = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    count = len(sections)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kfr-extract review: {count} document{"" if count == 1 else "s"}</title>
<style>{_css()}</style>
</head>
<body>
<header><h1>kfr-extract review</h1>
<p>{count} document{"" if count == 1 else "s"} · kfr-extract {escape(__version__)} ·
hover or Tab to a highlight to see its normalized values (Esc hides them)</p></header>
<nav id="index" aria-label="Documents"><h2>Documents</h2>
<div class="scroll" tabindex="0" role="region" aria-label="Documents table, scrolls sideways">
<table><thead><tr><th scope="col">document</th><th scope="col">status</th>{heads}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div></nav>
<main>
{"".join(sections)}
</main>
<div id="tip" role="tooltip" hidden></div>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def _css() -> str:
    colours = "".join(f".f-{f}{{--c:{line};--bg:{bg}}}" for f, (line, bg) in COLOURS.items())
    return colours + f".f-other{{--c:{FALLBACK[0]};--bg:{FALLBACK[1]}}}" + _STYLE


_STYLE = """
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif;color:#111;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;margin:.3rem 0;overflow-wrap:anywhere}
h3{font-size:1rem;margin:.8rem 0 .3rem}h4{margin:0 0 .3rem;font-size:.95rem}
code{font-size:.85em;overflow-wrap:anywhere}
a{color:#1e40af}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9rem;min-width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tbody th{font-weight:normal;min-width:12rem;max-width:26rem;overflow-wrap:anywhere}
.status{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.85em}
.s-ok{background:#dcfce7;color:#14532d}.s-error{background:#fee2e2;color:#7f1d1d}
.doc{border-top:3px solid #333;margin-top:2rem;padding-top:.5rem}
.meta{color:#444;font-size:.9rem;overflow-wrap:anywhere}
.error{background:#fee2e2;border-left:4px solid #b91c1c;padding:.5rem;overflow-wrap:anywhere}
.repair,.object{background:#f8fafc;border:1px solid #e2e8f0;border-radius:.4rem;
padding:.2rem .8rem;margin:.5rem 0;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0}
dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.8rem}
.card{border:2px solid var(--c);border-radius:.5rem;padding:.6rem;background:#fff;
font-size:.9rem;min-width:0}
.card dl{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}
.card ol{margin:.2rem 0;padding-left:1.3rem}.ev{margin:.4rem 0 0;color:#555}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;font-size:.9rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:-.1rem;
background:var(--bg);border-bottom:3px solid var(--c)}
.legend .n{color:#555}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;border-radius:.4rem;
padding:.8rem;line-height:1.8;background:#fffefb}
mark.hl{background:var(--bg);color:inherit;border-bottom:2px solid var(--c);
padding:.1rem 0;border-radius:.15rem;cursor:help}
mark.hl mark.hl{border-bottom-width:3px;padding:0}
mark.f-repair{outline:2px dashed var(--c);outline-offset:1px}
mark.hl:target{box-shadow:0 0 0 3px #f59e0b}
mark.hl:focus-visible{outline:3px solid #f59e0b;outline-offset:1px}
#tip{position:absolute;z-index:10;max-width:min(26rem,calc(100vw - 1rem));white-space:pre-line;
background:#111;color:#fff;padding:.4rem .6rem;border-radius:.3rem;font-size:.85rem;
line-height:1.4;pointer-events:none;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.top{font-size:.9rem}
@media (max-width:600px){body{padding:.5rem;font-size:15px}.text{padding:.5rem}
dl{grid-template-columns:1fr}dt{font-weight:600}}
"""

_SCRIPT = """
(function () {
  var tip = document.getElementById('tip'), current = null;
  function enclosing(mark) {
    var up = mark.parentElement;
    return up ? up.closest('mark.hl[data-tip]') : null;
  }
  // Hovering shows the item under the pointer and every item it lies inside (a date in a
  // quote: both); focus shows the focused item, since Tab reaches each one in turn.
  function show(mark, nested) {
    if (current === mark) return;
    hide();
    current = mark;
    var tips = [mark.getAttribute('data-tip')];
    for (var m = nested ? enclosing(mark) : null; m; m = enclosing(m)) {
      tips.push(m.getAttribute('data-tip'));
    }
    tip.textContent = tips.join('\\n\\n');
    tip.hidden = false;
    mark.setAttribute('aria-describedby', 'tip');
    var box = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth
                                    - tip.offsetWidth - 8));
    tip.style.left = (left + window.scrollX) + 'px';
    tip.style.top = (box.bottom + window.scrollY + 6) + 'px';
  }
  function hide() {
    if (current) current.removeAttribute('aria-describedby');
    current = null;
    tip.hidden = true;
  }
  function markOf(node) {
    return node && node.closest ? node.closest('mark.hl[data-tip]') : null;
  }
  document.addEventListener('mouseover', function (e) {
    var mark = markOf(e.target);
    if (mark) show(mark, true); else if (document.activeElement !== current) hide();
  });
  document.addEventListener('focusin', function (e) {
    var mark = markOf(e.target);
    if (mark) show(mark, false); else hide();
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
})();
"""
