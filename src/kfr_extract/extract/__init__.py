"""Extractors: one module per field, and the registry that orders them.

Every extractor module exposes:

- ``REQUIRES``: the fields and document facts (`context.FACTS`) it reads;
- ``load_resources(lexicon_dir: Path) -> object``: its lexicons, read once when the
  pipeline is built;
- ``extract(ctx: DocContext, resources) -> result``: the field's items for one document,
  pydantic models from `kfr_extract.models` whose offsets index the text. Results of
  other fields are read with ``ctx.result(name)``, only for names in ``REQUIRES``.

Adding a field: write its module (plus lexicon and tests), add it to `REGISTRY` and add
its key to `models.Record`; `tests/test_registry.py` fails until the two agree.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter
from types import ModuleType

from kfr_extract.extract import (
    counts,
    dates,
    event,
    incidents,
    money,
    organizations,
    places,
    quotes,
    speakers,
)
from kfr_extract.extract.context import FACTS

REGISTRY: dict[str, ModuleType] = {
    "dates": dates,
    "places": places,
    "counts": counts,
    "organizations": organizations,
    "speakers": speakers,
    "quotes": quotes,
    "event": event,
    "money": money,
    "incidents": incidents,
}

FIELDS = tuple(REGISTRY)


def requirements(name: str) -> tuple[str, ...]:
    """The fields an extractor needs run before it (facts stand for their fields)."""
    out: list[str] = []
    for need in REGISTRY[name].REQUIRES:
        if need in REGISTRY:
            out.append(need)
        elif need in FACTS:
            out.extend(FACTS[need])
        else:
            raise ValueError(f"extractor {name!r} requires {need!r}, which no field or fact "
                             f"provides (fields: {', '.join(REGISTRY)}; facts: {', '.join(FACTS)})")
    return tuple(dict.fromkeys(out))


def plan(fields: list[str] | tuple[str, ...]) -> list[str]:
    """The extractors to run for `fields`, requirements first, in a stable order."""
    unknown = sorted(set(fields) - set(REGISTRY))
    if unknown:
        raise ValueError(f"unknown fields {unknown}; choose from {list(REGISTRY)}")
    needed: set[str] = set()
    todo = list(fields)
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(requirements(name))
    graph = {name: requirements(name) for name in needed}
    sorter = TopologicalSorter(graph)
    try:
        sorter.prepare()
    except CycleError as exc:
        raise ValueError(f"extractors require each other in a cycle: {exc.args[1]}") from exc
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=FIELDS.index)
        order.extend(ready)
        sorter.done(*ready)
    return order
