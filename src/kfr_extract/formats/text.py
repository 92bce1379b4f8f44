"""Plain text: bytes -> text, saying which encoding was used and where bytes could not be decoded.

The last reader in ``FORMATS``: whatever no other reader claims comes here, so it also
refuses what is not text. ``html.py`` reuses ``decode`` for pages that declare no charset.

Order of decisions:

1. Nothing but whitespace -> ``KfrError("empty")``.
2. A byte-order mark: UTF-8, UTF-16 or UTF-32 as it says.
3. Known binary formats (PNG, ZIP, ELF, PDF, ...) or NUL bytes that are not BOM-less
   UTF-16/32 text, or many control bytes -> ``KfrError("not_text")``.
4. Valid UTF-8 -> UTF-8.
5. UTF-8 with a few invalid bytes (at least as many good multi-byte characters as bad
   sequences) -> UTF-8, each invalid sequence becoming U+FFFD and listed (character
   offsets) in ``Extracted.undecodable``. charset-normalizer is not asked: it would turn
   the whole file into Windows-1252 mojibake because of one bad byte.
6. Otherwise a legacy encoding: Windows-1252 when that reads as clean text (the common
   case, and charset-normalizer guesses badly on short Latin text), else
   charset-normalizer's best guess when it reads as clean text, else UTF-8 with U+FFFD
   (or ``KfrError("decode_failed")`` when most of it would be U+FFFD).

Pass ``Extracted.undecodable`` to ``repair(text, undecodable=...)`` so the record flags
those places as ``undecodable_bytes`` rather than plain ``replacement_char``.
"""

from __future__ import annotations

import codecs
import re
import threading

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
from charset_normalizer import from_bytes

from kfr_extract.errors import KfrError
from kfr_extract.repair import has_cjk_context, is_plausible

from .extracted import Extracted

EXTENSIONS = (".txt",)

# (BOM, codec for the bytes after it, name reported in source.encoding)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
BOM_CODECS = tuple((bom, codec) for bom, codec, _name in _BOMS)

# (offset, magic, what it is)
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"PK\x03\x04", "a ZIP archive that is not a Word document"),
    (0, b"PK\x05\x06", "an empty ZIP archive"),
    (0, b"PK\x07\x08", "a ZIP archive"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"\x1f\x8b", "gzip-compressed data"),
    (0, b"BZh91AY&SY", "bzip2-compressed data"),
    (0, b"\xfd7zXZ\x00", "xz-compressed data"),
    (0, b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (old Word/Excel)"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"\x00asm", "a WebAssembly module"),
    (0, b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (0, b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (0, b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (0, b"MZ\x90\x00", "a Windows executable"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"OggS", "an Ogg media file"),
    (0, b"ID3", "an MP3 file"),
    (0, b"fLaC", "a FLAC audio file"),
    (0, b"wOFF", "a WOFF font"),
    (0, b"wOF2", "a WOFF2 font"),
    (4, b"ftyp", "an MP4/QuickTime media file"),
    (8, b"WEBP", "a WebP image"),
    (8, b"WAVE", "a WAV audio file"),
    (8, b"AVI ", "an AVI video"),
)

_SAMPLE = 8192
# Control bytes that text does not contain (tab, LF, VT, FF, CR and ESC excepted).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def sniff(data: bytes, hinted: bool) -> bool:
    """Text takes whatever no other reader claimed (and refuses binary data in `read`)."""
    return True


def read(data: bytes, name: str) -> Extracted:
    return decode(data, name)


def has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _codec in BOM_CODECS)


def decode(data: bytes, path: str) -> Extracted:
    """Decode `data`; raise KfrError('empty'/'not_text'/'decode_failed') for a non-document."""
    if not data.strip():
        raise KfrError("empty", f"{path}: the file is empty" if not data
                       else f"{path}: the file holds only whitespace")
    decoded = _decode(data, path)
    if not decoded.text.replace("\ufeff", "").strip():
        raise KfrError("empty", f"{path}: the file holds only whitespace")
    return decoded


def _decode(data: bytes, path: str) -> Extracted:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text, bad = decode_recording(data[len(bom) :], codec)
            if too_broken(text, bad) or _control_heavy(text):
                raise KfrError("not_text", f"{path}: binary data behind a {name} byte-order mark")
            return Extracted(text, name, bad)

    for offset, magic, what in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            raise KfrError("not_text", f"{path}: binary data ({what}), not a text document")

    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        wide = _bomless_wide(sample)
        if wide is not None:
            text, bad = decode_recording(data, wide)
            if not too_broken(text, bad) and not _control_heavy(text):
                return Extracted(text, wide, bad)
        raise KfrError("not_text", f"{path}: binary data (NUL bytes), not a text document")
    if len(_CONTROL_BYTES.findall(sample)) > max(8, len(sample) // 20):
        raise KfrError("not_text", f"{path}: binary data (control bytes), not a text document")

    try:
        return Extracted(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass

    text, bad = decode_recording(data, "utf-8")
    good_multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - len(bad)
    if good_multibyte >= len(bad):
        return Extracted(text, "utf-8", bad)

    legacy = _legacy(data)
    if legacy is not None:
        return legacy
    if too_broken(text, bad):
        raise KfrError(
            "decode_failed",
            f"{path}: no encoding decodes these bytes as text "
            f"({len(bad)} invalid UTF-8 sequences)",
        )
    return Extracted(text, "utf-8", bad)


def too_broken(text: str, bad: list[tuple[int, int]]) -> bool:
    return len(bad) > max(16, len(text) // 4)


def _control_heavy(text: str) -> bool:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 0x20 and ch not in "\t\n\x0b\x0c\r\x1b")
    return controls > max(8, len(sample) // 20)


_ERRORS = threading.local()


def _record_error(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _ERRORS.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("kfr-record", _record_error)


def decode_recording(data: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """Decode with U+FFFD for each invalid sequence; return the text and their offsets."""
    _ERRORS.spans = []
    try:
        text = data.decode(codec, errors="kfr-record")
        spans = _ERRORS.spans
    finally:
        _ERRORS.spans = []
    bad: list[tuple[int, int]] = []
    chars = 0
    prev = 0
    for start, end in spans:
        chars += len(data[prev:start].decode(codec, errors="replace"))
        bad.append((chars, chars + 1))
        chars += 1
        prev = end
    return text, bad


def _bomless_wide(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be'/'utf-32-le'/'utf-32-be' when NUL bytes follow that pattern."""
    n = len(sample) - len(sample) % 4
    if n < 4:
        return None
    s = sample[:n]
    for codec, zero_slots, width in (
        ("utf-32-le", (1, 2, 3), 4),
        ("utf-32-be", (0, 1, 2), 4),
        ("utf-16-le", (1,), 2),
        ("utf-16-be", (0,), 2),
    ):
        units = n // width
        zeros = [sum(1 for k in range(slot, n, width) if s[k] == 0) for slot in range(width)]
        others = [slot for slot in range(width) if slot not in zero_slots]
        if all(zeros[slot] >= 0.9 * units for slot in zero_slots) and all(
            zeros[slot] <= 0.1 * units for slot in others
        ):
            return codec
    return None


def _legacy(data: bytes) -> Extracted | None:
    """Decode bytes that are not UTF-8; None when nothing reads as text."""

    def implausible(text: str) -> int:
        cjk = has_cjk_context(text)
        return sum(
            1 for tok in text.split() if not tok.isascii() and not is_plausible(tok, cjk)
        )

    cp1252 = data.decode("sloppy-windows-1252")  # browsers' Windows-1252: never fails
    tokens = sum(1 for tok in cp1252.split() if not tok.isascii())
    bad_cp1252 = implausible(cp1252)
    if bad_cp1252 == 0:
        return Extracted(cp1252, "windows-1252")

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        n = sum(1 for tok in text.split() if not tok.isascii())
        if implausible(text) <= n // 20:
            return Extracted(text, best.encoding)
    if bad_cp1252 <= tokens // 20:
        return Extracted(cp1252, "windows-1252")
    return None
