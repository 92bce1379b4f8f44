"""Scanning a text with a pattern only where its matches can start.

Python's regex engine tries a pattern at every character of the text unless the pattern
opens with a plain character or class. Patterns built from lexicons open with ``\\b`` and
an alternation, so each scan of a 400-word report costs tens of microseconds, and the
dates extractor scans fifteen of them. Here the places where a match can start (words
opening with given characters, runs of digits) are found with one cheap scan each, and
the pattern is tried only there: the matches are the ones a full scan finds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

try:  # the regex parser: public as sre_parse up to Python 3.10, re._parser since 3.11
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover  (Python 3.10)
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = tuple(getattr(sre_constants, name) for name in
                 ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre_constants, name))

# A character class body for "any character outside ASCII".
NON_ASCII = "\\x80-\\U0010ffff"
# The class body of `Starts.at` for "a run of ASCII digits".
DIGIT_RUNS = ""
# The class body of `Starts.at` for "a run of digits" (``\\d``: any script's).
DIGIT_RUNS_ANY = "\\d"
# The class body of `Starts.at` for "any word".
WORDS = "\\w"


class _NotAListOfCharacters(Exception):
    """The pattern may start with too many characters to list (\\w, a negated class)."""


def first_chars(regex: str) -> frozenset[str] | None:
    """The characters a match of `regex` can start with; None when they are not a short
    list (a match may start with a class such as ``\\w``, or be empty). Zero-width items
    (``\\b``, lookarounds) are passed over, which can only add characters."""
    try:
        chars, may_be_empty = _first_of(sre_parse.parse(regex).data)
    except _NotAListOfCharacters:
        return None
    return None if may_be_empty else frozenset(chars)


def _first_of(items: list) -> tuple[set[str], bool]:
    """First characters of a sequence of parsed items, and whether it may match empty."""
    out: set[str] = set()
    for op, av in items:
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        if op is sre_constants.LITERAL:
            return out | {chr(av)}, False
        if op is sre_constants.IN:
            return out | _class_chars(av), False
        if op is sre_constants.SUBPATTERN:
            chars, may_be_empty = _first_of(av[-1].data)
        elif op is sre_constants.BRANCH:
            found = [_first_of(branch.data) for branch in av[1]]
            chars = set().union(*(c for c, _ in found))
            may_be_empty = any(e for _, e in found)
        elif op in _REPEATS:
            low, _, body = av
            chars, may_be_empty = _first_of(body.data)
            may_be_empty = may_be_empty or low == 0
        else:
            raise _NotAListOfCharacters(op)
        out |= chars
        if not may_be_empty:
            return out, False
    return out, True


def _class_chars(items: list) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            out.add(chr(av))
        elif op is sre_constants.RANGE and av[1] - av[0] < 128:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            raise _NotAListOfCharacters(op)
    return out


def class_body(chars: frozenset[str] | str, ignore_case: bool = False) -> str:
    """A character class body (for `Starts.at`) for words starting with one of `chars`.
    With `ignore_case`, both cases of ASCII letters, and every non-ASCII character (the
    engine folds some of them onto ASCII letters: the Kelvin sign matches "k")."""
    chars = set(chars)
    if not all(ch.isalnum() for ch in chars):  # words (\\w) start only with these
        raise ValueError(f"a word cannot start with some of {''.join(sorted(chars))!r}")
    if ignore_case:
        chars |= {c.swapcase() for c in chars if c.isascii()}
        ascii_chars = "".join(sorted(c for c in chars if c.isascii()))
        return re.escape(ascii_chars) + NON_ASCII
    return re.escape("".join(sorted(chars)))


class Starts:
    """Where, in one text, matches of some patterns can start: found once per kind."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def at(self, body: str) -> list[int]:
        """Sorted offsets of the words whose first character is in the class `body`
        (`class_body`), or of the runs of digits for `DIGIT_RUNS` (ASCII) and
        `DIGIT_RUNS_ANY` (any script)."""
        found = self._found.get(body)
        if found is None:
            found = self._found[body] = [m.start() for m in _finder(body).finditer(self.text)]
        return found


    def words(self, finder: re.Pattern[str]) -> list[int]:
        """Sorted offsets of the words that `finder` matches from their first character.
        `finder` matches word characters only and ends with ``(?!\\w)``: an alternation
        of words, best a prefix tree (`lexicons.trie`), which the engine scans fast."""
        key = f"words:{finder.pattern}"
        found = self._found.get(key)
        if found is None:
            text = self.text
            found = self._found[key] = [
                m.start() for m in finder.finditer(text)
                if m.start() == 0 or not _is_word_char(text[m.start() - 1])
            ]
        return found


def _is_word_char(ch: str) -> bool:
    """What ``\\w`` matches (in a str pattern)."""
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=64)
def _finder(body: str) -> re.Pattern[str]:
    """Opening with the class itself lets the engine skip to its characters at once;
    the lookbehind keeps those that start a word (or a run of digits)."""
    if body == DIGIT_RUNS:
        return re.compile(r"[0-9](?<![0-9][0-9])")
    if body == DIGIT_RUNS_ANY:
        return re.compile(r"\d(?<!\d\d)")
    return re.compile(rf"[{body}](?<!\w(?s:.))")


def matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches all begin at one of the
    sorted offsets `starts`."""
    m = first_match(pattern, text, starts, 0)
    while m is not None:
        yield m
        start, end = m.span()
        m = first_match(pattern, text, starts, max(end, start + 1))


def first_match(
    pattern: re.Pattern[str], text: str, starts: list[int], pos: int
) -> re.Match[str] | None:
    """``pattern.search(text, pos)`` for a pattern whose matches all begin at one of the
    sorted offsets `starts`. The match tried at an offset is the one a scan finds there:
    lookbehinds and ``\\b`` still see the text before it."""
    for i in range(bisect_left(starts, pos), len(starts)):
        m = pattern.match(text, starts[i])
        if m is not None:
            return m
    return None
