"""Bytes -> text. (Minimal first version: the repair issue replaces it.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from kfr_extract.errors import KfrError


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    undecodable: list[tuple[int, int]] = field(default_factory=list)


def decode(data: bytes, path: str) -> Decoded:
    """Decode `data`; raise KfrError('not_text'/'empty') for what is not a text document."""
    if not data.strip():
        raise KfrError("empty", f"{path}: the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KfrError("not_text", f"{path}: binary data, not a text document")
    for enc in ("utf-8-sig", "utf-16"):
        try:
            return Decoded(data.decode(enc), enc)
        except UnicodeDecodeError:
            continue
    return Decoded(data.decode("latin-1"), "latin-1")
