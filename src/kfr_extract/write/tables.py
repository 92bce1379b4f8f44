"""Records as flat tables, one per field, with columns declared from the Record model.

The layout is read from the pydantic models, not from the data, so a column has
the same type whether a batch found nothing, only full dates or only months
(dates are ISO text with a precision column, never a guessed DATE). A field
added to the Record gets its table (a list of items) or its columns in
`documents` (a single value or object) without a line here; an annotation this
module cannot map raises `TypeError` at import rather than dropping data.

Rules, applied to every model:

- every row starts with the document's `path` and `sha256`; item rows add
  `item` (the item's position in its list), so a row points back at its JSON;
- a scalar field is one column; a nested object is flattened into
  `<field>_<sub>` columns; a union of an object and literals (`ransom_paid`:
  an amount, "yes" or "no") is the literal column plus the object's columns;
- an item with `mentions` gives one row per mention (`mention`, its `text`
  and offsets) carrying the item's own columns (a place's name and codes);
- an item that is itself a span carries its `text`, `start_char`, `end_char`;
  any other list of spans (an incident's `evidence`) gives the offsets that
  cover them plus a JSON column of every `[start, end]`;
- a list of scalars, or a list of objects inside an item, is a JSON text column;
- a reference to another field's item by name (a quote's `speaker`) adds that
  item's columns (`speaker_title`, `speaker_organization`).
"""

from __future__ import annotations

import csv
import json
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from kfr_extract.models import Record, Span

ColumnType = Literal["text", "integer", "real", "boolean"]
Getter = Callable[[Any], Any]

# (table, column) -> (table whose item it names, that item's name column).
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {("quotes", "speaker"): ("speakers", "name")}
MENTIONS = "mentions"
KEY_COLUMNS = (("path", "text"), ("sha256", "text"))


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    get: Getter | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Table:
    """One flat table: its columns and how a record becomes its rows."""

    name: str
    columns: tuple[Column, ...]
    rows_of: Callable[[Record], Iterator[tuple]] = field(repr=False, compare=False)
    source: str = ""  # the record path it comes from, e.g. "repair.anomalies"

    def rows(self, record: Record) -> Iterator[tuple]:
        return self.rows_of(record)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


# --- annotations -> column kinds -------------------------------------------------------


def _members(annotation: Any) -> list[Any]:
    """The alternatives of a union, without None; a single type is a union of one."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _list_item(annotation: Any) -> Any | None:
    """The item type of `list[X]` (or `list[X] | None`), else None."""
    members = _members(annotation)
    if len(members) == 1 and get_origin(members[0]) is list:
        return (get_args(members[0]) or (Any,))[0]
    return None


def _is_json(tp: Any) -> bool:
    """Free-form values (dicts, Any) are kept whole as JSON text."""
    return tp is Any or tp is dict or get_origin(tp) is dict


def _scalar_type(owner: str, members: list[Any]) -> ColumnType:
    """The declared type of a union of scalars; anything else is an error, not a guess."""
    kinds = set()
    for tp in members:
        if get_origin(tp) is Annotated:  # a constrained scalar (FiniteFloat): its base type
            tp = get_args(tp)[0]
        if get_origin(tp) is Literal and all(isinstance(v, str) for v in get_args(tp)):
            kinds.add("text")
        elif tp in (bool, int, float, str):
            kinds.add({bool: "boolean", int: "integer", float: "real", str: "text"}[tp])
        else:
            raise TypeError(f"{owner}: no column type for {tp!r}")
    if kinds == {"integer", "real"}:
        return "real"
    if len(kinds) != 1:
        raise TypeError(f"{owner}: values of types {sorted(kinds)} share no column type")
    return kinds.pop()


def _chain(outer: Getter, name: str) -> Getter:
    def get(obj: Any) -> Any:
        parent = outer(obj)
        return None if parent is None else getattr(parent, name, None)
    return get


def _as_json(getter: Getter) -> Getter:
    def get(obj: Any) -> Any:
        value = getter(obj)
        if value is None:
            return None
        if isinstance(value, list):
            value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
        return json.dumps(value, ensure_ascii=False)
    return get


def _if(getter: Getter, wanted: Callable[[Any], bool]) -> Getter:
    def get(obj: Any) -> Any:
        value = getter(obj)
        return value if wanted(value) else None
    return get


def flat_columns(model: type[BaseModel], prefix: str = "",
                 getter: Getter = lambda o: o, only: frozenset[str] | None = None
                 ) -> list[Column]:
    """The columns of one object: scalars as they are, nested objects flattened.

    Lists of objects are left out (the caller makes them tables or expands
    rows); lists of scalars and free-form values become JSON text.
    """
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        if only is not None and name not in only:
            continue
        column, get = f"{prefix}{name}", _chain(getter, name)
        item = _list_item(info.annotation)
        members = _members(info.annotation)
        objects = [m for m in members if _is_model(m)]
        scalars = [m for m in members if not _is_model(m)]
        owner = f"{model.__name__}.{name}"
        if item is not None:
            if not _is_model(item):
                columns.append(Column(column, "text", _as_json(get)))
        elif any(_is_json(m) for m in members):
            columns.append(Column(column, "text", _as_json(get)))
        elif len(objects) > 1:
            raise TypeError(f"{owner}: a union of several objects has no columns")
        elif objects and scalars:  # an amount, or "yes"/"no"
            obj = objects[0]
            columns.append(Column(column, _scalar_type(owner, scalars),
                                  _if(get, lambda v: not isinstance(v, BaseModel))))
            columns += flat_columns(obj, f"{column}_", _if(get, lambda v, o=obj: isinstance(v, o)))
        elif objects:
            columns += flat_columns(objects[0], f"{column}_", get)
        else:
            columns.append(Column(column, _scalar_type(owner, scalars), get))
    return columns


# --- item tables ------------------------------------------------------------------------


def _lists_of(model: type[BaseModel], spans: bool) -> list[str]:
    """Fields of `model` holding lists of spans (mentions, evidence), or of other objects."""
    found = []
    for name, info in model.model_fields.items():
        item = _list_item(info.annotation)
        if _is_model(item) and issubclass(item, Span) == spans:
            found.append(name)
    return found


def _covering(name: str) -> list[Column]:
    """Offsets covering an item's spans, and every span's [start, end] as JSON."""
    def spans(item: Any) -> list[Span]:
        return list(getattr(item, name, None) or [])

    def start(item: Any) -> int | None:
        return min((s.start_char for s in spans(item)), default=None)

    def end(item: Any) -> int | None:
        return max((s.end_char for s in spans(item)), default=None)

    def pairs(item: Any) -> str:
        return json.dumps([[s.start_char, s.end_char] for s in spans(item)])

    return [Column("start_char", "integer", start), Column("end_char", "integer", end),
            Column(name, "text", pairs)]


def _item_table(name: str, model: type[BaseModel], items: Getter, source: str) -> Table:
    span_lists = _lists_of(model, spans=True)
    own = flat_columns(model, only=frozenset(model.model_fields) - set(span_lists))
    own += [Column(n, "text", _as_json(_chain(lambda o: o, n)))
            for n in _lists_of(model, spans=False)]
    expand = MENTIONS in span_lists
    for other in span_lists:
        if other != MENTIONS:
            own += _covering(other)
    keys = [Column(n, t) for n, t in KEY_COLUMNS] + [Column("item", "integer")]
    if expand:
        keys += [Column("mention", "integer"), *(Column(c.name, c.type) for c in
                                                 flat_columns(Span))]
    columns = keys + own
    _unique(name, columns)

    def rows(record: Record) -> Iterator[tuple]:
        key = (record.source.path, record.source.sha256)
        for index, item in enumerate(items(record) or []):
            values = tuple(c.get(item) for c in own)
            if not expand:
                yield (*key, index, *values)
                continue
            for m, span in enumerate(getattr(item, MENTIONS)):
                yield (*key, index, m, span.text, span.start_char, span.end_char, *values)

    return Table(name, tuple(columns), rows, source)


def _unique(table: str, columns: list[Column]) -> None:
    names = [c.name for c in columns]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise TypeError(f"table {table}: columns {doubled} would be doubled")


def _with_reference(table: Table, column: str, target: Table, by: str) -> Table:
    """`table` plus the columns of the `target` item that its `column` names."""
    skip = {"path", "sha256", "item", "mention", "text", "start_char", "end_char", by}
    borrowed = [c for c in target.columns if c.name not in skip]
    at = table.column_names.index(column) + 1
    extra = tuple(Column(f"{column}_{c.name}", c.type) for c in borrowed)
    columns = table.columns[:at] + extra + table.columns[at:]
    _unique(table.name, list(columns))
    by_at = target.column_names.index(by)
    picks = [target.column_names.index(c.name) for c in borrowed]

    def rows(record: Record) -> Iterator[tuple]:
        known: dict[Any, tuple] = {}
        for row in target.rows(record):
            known.setdefault(row[by_at], tuple(row[i] for i in picks))
        for row in table.rows(record):
            found = known.get(row[at - 1], (None,) * len(picks))
            yield row[:at] + found + row[at:]

    return Table(table.name, columns, rows, table.source)


# --- the whole layout ---------------------------------------------------------------------


def _documents_table(model: type[Record]) -> Table:
    """One row per document: every field that is not a list of objects, flattened."""
    columns = [Column("path", "text", lambda r: r.source.path),
               Column("sha256", "text", lambda r: r.source.sha256)]
    for name, info in model.model_fields.items():
        if name == "source":
            source = _members(info.annotation)[0]
            columns += flat_columns(source, "source_", lambda r: r.source,
                                    frozenset(source.model_fields) - {"path", "sha256"})
        else:
            columns += flat_columns(model, only=frozenset({name}))
    _unique("documents", columns)

    def rows(record: Record) -> Iterator[tuple]:
        yield tuple(c.get(record) for c in columns)

    return Table("documents", tuple(columns), rows, "")


def _nested_lists(model: type[BaseModel]) -> Iterator[tuple[str, Any, Getter, str]]:
    """(name, item model, getter, source) of every list of objects, and of those one level
    down in nested objects (`repair.anomalies` is the table `repair_anomalies`)."""
    for name, info in model.model_fields.items():
        item = _list_item(info.annotation)
        get = _chain(lambda r: r, name)
        if _is_model(item):
            yield name, item, get, name
            continue
        for member in _members(info.annotation):
            if not _is_model(member):
                continue
            for sub, sub_info in member.model_fields.items():
                sub_item = _list_item(sub_info.annotation)
                if _is_model(sub_item):
                    yield f"{name}_{sub}", sub_item, _chain(get, sub), f"{name}.{sub}"


@cache
def layout(model: type[Record] = Record) -> dict[str, Table]:
    """Every table of `model` by name: `documents` first, then one per list of objects.

    Computed on first use, so a field this module cannot map breaks the table
    formats (and the test that calls this), never the JSON output.
    """
    tables = {"documents": _documents_table(model)}
    for name, item, get, source in _nested_lists(model):
        if name in tables:
            raise TypeError(f"two lists are named {name!r}: {source} and {tables[name].source}")
        tables[name] = _item_table(name, item, get, source)
    for (name, column), (target, by) in REFERENCES.items():
        if name in tables and target in tables and column in tables[name].column_names:
            tables[name] = _with_reference(tables[name], column, tables[target], by)
    return tables


def table_names() -> list[str]:
    return list(layout())


# --- CSV --------------------------------------------------------------------------------


class CsvWriter:
    """`--format csv --table NAME`: one table as CSV, rows written as each document finishes."""

    def __init__(self, stream: IO[str], table: str) -> None:
        if table not in layout():
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(layout())}")
        self.stream = stream
        self.table = table
        self.csv = csv.writer(stream, lineterminator="\n")

    def __enter__(self) -> CsvWriter:
        self.csv.writerow(layout()[self.table].column_names)
        self.stream.flush()
        return self

    def write(self, record: Record) -> None:
        for row in layout(type(record))[self.table].rows(record):
            self.csv.writerow([_csv_value(v) for v in row])
        self.stream.flush()

    def __exit__(self, *exc: object) -> None:
        self.stream.flush()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
