"""Long texts -> chunks spaCy can parse in bounded memory, and their results -> one document.

spaCy refuses texts over `nlp.max_length` and the parser's working memory grows
with the text, so a long document is cut on paragraph boundaries (failing
that: a line break, a sentence end, a space, and only as a last resort a hard
cut) into chunks of at most `limit` characters. Each chunk is parsed on its own;
`merge_results` shifts every offset by the chunk's start and merges places,
organizations and speakers across chunks by name, so the record reads as if the
text had been parsed whole.
"""

from __future__ import annotations

from typing import Any

# Where to cut, best first: a blank line, a line break, a sentence end, any space.
_SEPARATORS = ("\n\n", "\n", ". ", " ")


def split_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """(start offset, chunk) pairs covering `text` exactly, each at most `limit` characters."""
    if limit < 1:
        raise ValueError("chunk limit must be positive")
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut_point(text, start, start + limit)
        chunks.append((start, text[start:cut]))
        start = cut
    chunks.append((start, text[start:]))
    return chunks


def _cut_point(text: str, start: int, end: int) -> int:
    """The best place to cut in text[start:end], never in its first half (no tiny chunks)."""
    floor = start + (end - start) // 2
    for sep in _SEPARATORS:
        found = text.rfind(sep, floor, end)
        if found != -1 and found + len(sep) <= end:
            return found + len(sep)
    return end


def merge_results(parts: list[tuple[int, dict[str, Any] | None]]) -> dict[str, Any]:
    """One document's results from its chunks' results (`(chunk start, results)` pairs)."""
    if len(parts) == 1 and parts[0][0] == 0:
        return dict(parts[0][1] or {})
    merged: dict[str, Any] = {}
    grouped: dict[str, dict[str, dict]] = {}
    for offset, results in parts:
        for key, value in (results or {}).items():
            _merge_field(merged, grouped, key, shift(value, offset))
    return merged


def _merge_field(merged: dict, grouped: dict, key: str, value: Any) -> None:
    if key == "sentences":
        merged[key] = merged.get(key, 0) + (value or 0)
    elif isinstance(value, list):
        items = merged.setdefault(key, [])
        by_name = grouped.setdefault(key, {})
        for item in value:
            if _mergeable(item) and item["name"] in by_name:
                by_name[item["name"]]["mentions"].extend(item["mentions"])
            else:
                items.append(item)
                if _mergeable(item):
                    by_name[item["name"]] = item
    elif merged.get(key) is None:
        merged[key] = value  # the event: the first chunk that names one


def _mergeable(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("mentions"), list) and "name" in item


def shift(value: Any, offset: int) -> Any:
    """A copy of `value` with every `start_char`/`end_char` moved by `offset`."""
    if offset == 0:
        return value
    if isinstance(value, list):
        return [shift(v, offset) for v in value]
    if isinstance(value, dict):
        moved = {k: shift(v, offset) for k, v in value.items()}
        for key in ("start_char", "end_char"):
            if isinstance(moved.get(key), int):
                moved[key] += offset
        return moved
    return value
