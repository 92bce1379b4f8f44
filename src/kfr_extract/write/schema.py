"""The JSON Schema of a record, strict: it describes exactly what the tool writes.

Pydantic's schema lists as required only the fields without defaults, so nearly
any object validates against it. Every record the tool writes has every key
(null or [] when nothing was found), so here every property of every object is
required and no other key is allowed; closed sets (kinds, roles, outcomes) are
enums because the models declare them as literals.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from kfr_extract.models import Record

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def strict_schema(model: type[BaseModel] = Record) -> dict[str, Any]:
    schema = model.model_json_schema(mode="serialization")
    for obj in object_schemas(schema):
        obj["required"] = list(obj["properties"])
        obj["additionalProperties"] = False
    return {"$schema": DIALECT, **schema}


def object_schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every object schema (one with `properties`) anywhere in the tree, $defs included."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield node
        for value in node.values():
            yield from object_schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from object_schemas(value)
