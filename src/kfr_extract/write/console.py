"""Records as rich panels for a person (`--format table`): a row per item with its offsets,
and a card per incident.

Every string from a document goes in as `Text`, never as rich markup: a title such as
"Report [/bold] on Nairobi" is shown as it is, and cannot break the table.
"""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kfr_extract.load import printable
from kfr_extract.models import Amount, Incident, Record
from kfr_extract.write.base import Writer


class TableWriter(Writer):
    """One rich panel per document, for a person to read."""

    def __init__(self, stream: IO[str]) -> None:
        self.console = Console(file=stream)

    def write(self, record: Record) -> None:
        self.console.print(render(record))



def render(record: Record) -> Panel:
    """A panel listing every field's items with their offsets.

    Every string from a document goes in as `Text`, never as rich markup: a title
    such as "Report [/bold] on Nairobi" is shown as it is, and cannot break the table.
    """
    title = Text(printable(f"{record.source.path} [{record.status}]"))
    if record.error:
        return Panel(Text.assemble((record.error.type, "red"), f": {record.error.message}"),
                     title=title)
    table = _PlainTable(show_header=True, header_style="bold", expand=True)
    table.add_column("field")
    table.add_column("value")
    table.add_column("details")
    table.add_column("chars", justify="right")
    for d in record.dates or []:
        span = d.start if d.start == d.end else f"{d.start} to {d.end}"
        details = f"{span} ({d.precision})" if span else (
            "relative, no anchor" if d.relative else "no value")
        table.add_row("date", d.text, details, _chars(d))
    for p in record.places or []:
        where = p.subdivision_code or p.country_code or "-"
        table.add_row("place", p.name, f"{p.kind}, {where}", _chars(p.mentions[0]))
    for c in record.counts or []:
        table.add_row("count", f"{c.value:g}", c.unit, _chars(c))
    for o in record.organizations or []:
        table.add_row("organization", o.name, o.acronym or "", _chars(o.mentions[0]))
    for s in record.speakers or []:
        who = ", ".join(x for x in (s.title, s.organization) if x)
        table.add_row("speaker", " ".join(filter(None, (s.honorific, s.name))), who,
                      _chars(s.mentions[0]))
    for q in record.quotes or []:
        table.add_row("quote", _clip(q.text), q.speaker or "(unattributed)", _chars(q))
    if record.event:
        e = record.event
        table.add_row("event", e.type or "", f"{e.organizer or '-'}, {e.start or '?'} to "
                      f"{e.end or '?'}, {e.location or '-'}", "")
    for m in record.money or []:
        table.add_row("money", m.text, f"{m.value:,} {m.currency or '?'} ({m.role})", _chars(m))
    for a in record.repair.anomalies:
        table.add_row("anomaly", a.text, a.kind, _chars(a))
    fixes = "; ".join(f"{f.detail} (x{f.count})" for f in record.repair.fixes) or "none"
    heading = f"{record.title or ''}\nrepairs: {fixes}; sentences: {record.sentences}"
    cards = [incident_card(i, n) for n, i in enumerate(record.incidents or [], 1)]
    return Panel.fit(Group(table, *cards), title=title, subtitle=Text(heading[:200]))


def incident_card(incident: Incident, number: int) -> Panel:
    """One incident as a card: what, where, when, who, ransom, outcome."""
    i = incident
    who = f"{i.victims} taken" if i.victims is not None else "victims: number not stated"
    when = i.date or "not stated"
    if i.date_resolved:
        when += " (from a weekday and the dateline)"
    ended = i.outcome or "not stated"
    if i.outcome_date:
        ended += f" on {i.outcome_date}"
    where = (i.place or "not stated") + (f" ({i.country_code})" if i.country_code else "")
    rows = [
        ("what", f"{who}" + (f": {i.victim_description}" if i.victim_description else "")),
        ("where", where),
        ("when", when),
        ("who", i.perpetrators or "not stated"),
        ("ransom", f"demanded {_amount(i.ransom_demanded)}; paid {_amount(i.ransom_paid)}"),
        ("outcome", ended + (f"; {i.suspects_arrested} arrested" if i.suspects_arrested else "")),
    ]
    card = Table.grid(padding=(0, 1))
    for label, value in rows:
        card.add_row(Text(label, style="bold"), Text(value))
    sentences = ", ".join(_chars(e) for e in i.evidence if e.slot == "abduction")
    return Panel.fit(card, title=f"incident {number}", subtitle=Text(f"chars {sentences}"[:200]))


def _amount(value: Amount | str | None) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, str):
        return value
    return f"{value.value:,} {value.currency or '?'}"


class _PlainTable(Table):
    """A rich Table whose string cells are plain text, not markup."""

    def add_row(self, *renderables: Any, **kwargs: Any) -> None:
        super().add_row(*(Text(r) if isinstance(r, str) else r for r in renderables), **kwargs)


def _chars(span) -> str:
    return f"{span.start_char}-{span.end_char}"


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


