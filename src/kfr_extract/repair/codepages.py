
"""Bytes as shown: which byte each character stands for in a single-byte code page.

Mojibake is bytes decoded with the wrong code page; to repair it we read the characters
back as the bytes they were, with inverse tables built "sloppily", as a browser shows
text (``_display_map``).

``LATIN_MAP`` merges Latin-1 and Windows-1252, the commonest wrong reading (and the one
legacy CJK mojibake is shown in); ``DISPLAY_CODECS`` are the other code pages the UTF-8
steps try; ``DISPLAY_NAMES`` name them in Fix details. No other module of the package is
imported here.
"""

from __future__ import annotations

from collections.abc import Iterable


def _display_map(codec: str) -> dict[str, int]:
    """Character -> byte for text that is `codec` bytes shown as characters.

    "Sloppy" like a browser: bytes the code page leaves undefined in 0x80-0x9F may show
    as their Windows-1252 character or as the C1 control of the same number.
    """
    chars: dict[str, int] = {}
    defined: set[int] = set()
    for b in range(256):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1:
            chars.setdefault(ch, b)
            defined.add(b)
    for b in range(0x80, 0xA0):
        if b in defined and codec not in ("cp1252", "latin-1"):
            continue
        for ch in (bytes([b]).decode("cp1252", errors="ignore"), chr(b)):
            if ch:
                chars.setdefault(ch, b)
    return chars


# Latin-1 and Windows-1252 together: "€" and "\x80" are both byte 0x80.
LATIN_MAP = _display_map("cp1252")

LATIN_MAP.update({chr(b): b for b in range(256) if chr(b) not in LATIN_MAP})

CP1252_ONLY = frozenset(ch for ch in LATIN_MAP if ord(ch) > 0xFF)

HIGH_LATIN = frozenset(ch for ch, b in LATIN_MAP.items() if b >= 0x80)

# Code pages the residual step tries. Latin-1/Windows-1252 are not among them: ftfy
# handles those (its decode_inconsistent_utf8 covers mixed lines) and what it declines
# there it declines on purpose ("DrÃ¥ber", "AHÅ™").
DISPLAY_CODECS: dict[str, dict[str, int]] = {}

for _codec, _label in (
    ("cp1251", "cp1251"),
    ("mac_roman", "macroman"),
    ("cp1250", "cp1250"),
    ("cp437", "cp437"),
    ("cp874", "cp874"),
    ("cp1253", "cp1253"),
    ("cp1254", "cp1254"),
    ("cp1257", "cp1257"),
    ("iso8859_2", "iso8859_2"),
    ("cp1255", "cp1255"),
    ("cp1256", "cp1256"),
):
    DISPLAY_CODECS[_label] = _display_map(_codec)

DISPLAY_NAMES = {
    "latin1": "Latin-1",
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp874": "Windows-874 (Thai)",
    "cp437": "code page 437",
    "cp850": "code page 850",
    "macroman": "Mac Roman",
    "iso8859_2": "ISO-8859-2",
}


def latin_label(chars: Iterable[str]) -> str:
    return "cp1252" if any(ch in CP1252_ONLY for ch in chars) else "latin1"
