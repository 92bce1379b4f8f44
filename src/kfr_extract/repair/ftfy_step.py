# ruff: noqa: RUF003  (this module is about look-alike characters)
"""ftfy, line by line, with a configuration that suits extraction, its explanation turned
into Fix records.

Curly quotes stay (they mark quotations) and fullwidth characters stay (they are correct
in CJK text); HTML entities (unless the text is HTML markup), line breaks, control
characters and NFC are fixed. Running ftfy per line keeps each change local (edits come
from diffing the line) and lets ftfy judge each line on its own; ASCII lines with nothing
to fix skip it. ``_explain_kinds`` names what ftfy did, collapsing repeated decodings
(multiply encoded text) into one kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ftfy

from kfr_extract.models import Fix

from .codepages import DISPLAY_NAMES
from .edits import Edit, diff_edits

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=True,  # decided per document below: off when the text is HTML markup
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,  # "ﬁ" -> "fi": helps matching, never changes meaning
    fix_character_width=False,  # "，" is correct in Chinese text: leave widths alone
    uncurl_quotes=False,  # curly quotes mark quotations: keep them
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=True,
)

_HTML_MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")

_FTFY_KINDS = {
    "unescape_html": ("html_entities", "HTML entities replaced by the characters they stand for"),
    "decode_inconsistent_utf8": ("utf8_mixed", "UTF-8 mojibake inside otherwise good text decoded"),
    "fix_c1_controls": (
        "c1_controls", "C1 control characters read as their Windows-1252 characters"
    ),
    "fix_latin_ligatures": ("latin_ligatures", "Latin ligatures such as 'ﬁ' spelled out"),
    "fix_character_width": ("character_width", "fullwidth/halfwidth characters normalized"),
    "uncurl_quotes": ("uncurl_quotes", "curly quotes straightened"),
    "fix_line_breaks": ("line_breaks", "line breaks (CRLF, CR, U+2028 ...) made '\\n'"),
    "fix_surrogates": ("surrogates", "UTF-16 surrogate pairs joined"),
    "remove_terminal_escapes": ("terminal_escapes", "terminal colour escapes removed"),
    "remove_control_chars": ("control_chars", "invisible control characters removed"),
    "NFC": ("unicode_nfc", "Unicode NFC normalization (letters + combining marks joined)"),
    "NFKC": ("unicode_nfkc", "Unicode NFKC normalization"),
}

_ENC_LABELS = {
    "latin-1": "latin1",
    "sloppy-windows-1252": "cp1252",
    "windows-1252": "cp1252",
    "sloppy-windows-1251": "cp1251",
    "sloppy-windows-1250": "cp1250",
    "sloppy-windows-1253": "cp1253",
    "sloppy-windows-1254": "cp1254",
    "sloppy-windows-1257": "cp1257",
    "iso-8859-2": "iso8859_2",
    "macroman": "macroman",
    "cp437": "cp437",
    "utf-8": "utf8",
    "utf-8-variants": "utf8",
}


def _explain_kinds(steps: Sequence[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """ftfy's explanation of one segment -> [(kind, detail)], repeats collapsed."""
    kinds: list[tuple[str, str]] = []
    i = 0
    steps = list(steps or [])
    while i < len(steps):
        action, param = steps[i]
        if action == "encode":
            enc = param
            extra = []
            j = i + 1
            while j < len(steps) and steps[j][0] == "transcode":
                extra.append(steps[j][1])
                j += 1
            dec = steps[j][1] if j < len(steps) and steps[j][0] == "decode" else "?"
            enc_l = _ENC_LABELS.get(enc, enc)
            dec_l = _ENC_LABELS.get(dec, dec)
            detail = (
                f"{'UTF-8' if dec_l == 'utf8' else dec} bytes shown as "
                f"{DISPLAY_NAMES.get(enc_l, enc)} decoded back (ftfy: encode {enc}, decode {dec})"
            )
            if "restore_byte_a0" in extra:
                detail += ", restoring no-break spaces turned into spaces"
            if "replace_lossy_sequences" in extra:
                detail += ", unrecoverable sequences replaced by U+FFFD"
            kinds.append((f"{dec_l}_as_{enc_l}", detail))
            i = j + 1
            continue
        key = param if action in ("apply", "transcode", "normalize") else f"{action}:{param}"
        kind, detail = _FTFY_KINDS.get(key, (key, f"ftfy: {action} {param}"))
        kinds.append((kind, detail))
        i += 1
    def family(kind: str) -> str:
        # Latin-1 and Windows-1252 are one family: ftfy may peel a double encoding as
        # "encode sloppy-windows-1252" then "encode latin-1".
        return kind.replace("_as_latin1", "_as_cp1252")

    collapsed: list[tuple[str, str]] = []
    k = 0
    while k < len(kinds):
        j = k
        while j + 1 < len(kinds) and family(kinds[j + 1][0]) == family(kinds[k][0]):
            j += 1
        times = j - k + 1
        kind, detail = kinds[k]
        if times > 1 and any(kinds[x][0] != kind for x in range(k, j + 1)):
            kind = family(kind)
            detail = detail.replace(DISPLAY_NAMES["latin1"], DISPLAY_NAMES["cp1252"])
        if times > 1:
            kind = f"{kind}_x{times}"
            detail = f"{detail}, {times} times over (multiply encoded)"
        if kind not in (c[0] for c in collapsed):
            collapsed.append((kind, detail))
        k = j + 1
    return collapsed


def run_ftfy(text: str) -> tuple[str, list[Edit], list[Fix]]:
    """ftfy over `text`, line by line; HTML entities stay when the text is HTML markup."""
    config = FTFY_CONFIG
    if _HTML_MARKUP_RE.search(text):
        config = config._replace(unescape_html=False)
    return _ftfy_lines(text, config)


def _ftfy_lines(text: str, config: ftfy.TextFixerConfig) -> tuple[str, list[Edit], list[Fix]]:
    out: list[str] = []
    edits: list[Edit] = []
    counts: dict[str, list] = {}
    pos = 0
    out_pos = 0
    while pos < len(text):
        brk = text.find("\n", pos) + 1 or len(text)
        if brk - pos > config.max_decode_length:
            brk = pos + config.max_decode_length
        segment = text[pos:brk]
        if _nothing_to_fix(segment):
            fixed, steps = segment, []
        else:
            fixed, steps = ftfy.fix_and_explain(segment, config)
        if fixed != segment:
            for a, b, c, d in diff_edits(segment, fixed):
                edits.append((pos + a, pos + b, out_pos + c, out_pos + d))
            for kind, detail in _explain_kinds(steps):
                entry = counts.setdefault(kind, [detail, 0])
                entry[1] += 1
        out.append(fixed)
        pos = brk
        out_pos += len(fixed)
    fixes = [Fix(kind=k, detail=d, count=c) for k, (d, c) in counts.items()]
    return "".join(out), edits, fixes


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x1b]")

# Typographic quotes, dashes and the ellipsis: with ASCII, no ftfy fixer can change a line
# made of them (none is mojibake evidence without an accented letter, a currency sign or
# the like next to it, none is a control, a line break or a ligature, and all are NFC).
# tests/test_repair.py proves it against ftfy's own badness rules.
FTFY_NEUTRAL = "‘’“”–—…"
_NOT_NEUTRAL_RE = re.compile(f"[^\x00-\x7f{FTFY_NEUTRAL}]")


def _nothing_to_fix(segment: str) -> bool:
    """Whether ftfy would return `segment` unchanged, decided without running it: most
    lines are ASCII plus curly quotes, and ftfy's mojibake scan of each one cost a third
    of `repair`."""
    if "&" in segment or "\r" in segment or _has_controls(segment):
        return False
    return segment.isascii() or not _NOT_NEUTRAL_RE.search(segment)


def _has_controls(s: str) -> bool:
    return bool(_CONTROL_RE.search(s))
