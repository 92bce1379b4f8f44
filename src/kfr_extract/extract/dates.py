"""Dates: calendar expressions with ISO 8601 start/end at the precision the text gives.

Absolute expressions (a day, a month, a year, or a range of them) are found by
regular expressions built once from `pipelines/lexicons/dates_*` and tried from
the most to the least specific, so "6 - 8 June 2023" is one range rather than
a day and a stray number. Parts the text leaves out are filled in from context:
a range's shared month or year ("2 and 3 June 2021"), else the year of the
nearest preceding dated mention, else the document's first stated year; with no
year anywhere, a day or month is not reported. Two dates joined by "and" make a
range only when adjacent ("30 June and 1 July") or after "between".

Bare years and bare months are times only after a temporal cue ("in 2019",
"since 2015", "in October"); years that belong to names and identifiers
("the 1999 Convention", "resolution 2133 (2014)", "Agenda 2030") carry no cue
and are left out. Relative expressions ("today", "last week") are reported with ``relative=True``,
resolved only when a dateline anchors them: an analyst sees them flagged rather
than silently dropped (the eval gold lists absolute dates only, so each document
with an unresolved one costs the dates score one false positive).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from spacy.tokens import Doc

from kfr_extract.extract import lexicons
from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.extract.context import DATELINE_WINDOW, DocContext, find_dateline
from kfr_extract.extract.regex_starts import (
    DIGIT_RUNS,
    WORDS,
    Starts,
    class_body,
    first_chars,
    first_match,
)
from kfr_extract.models import DateMention
from kfr_extract.paths import read_lexicon

# Dateline: a single day stated this close to the top of the document anchors "today".
# A year-less day this many days after the dateline belongs to the previous year.
FUTURE_DAYS = 120
# How far back (characters) to look for a temporal cue before a bare year or month.
CUE_WINDOW = 30

_WEEKDAY_STEMS = "Mon|Tues|Wednes|Thurs|Fri|Satur|Sun"  # a regex alternation
_WEEKDAY = rf"(?:(?:{_WEEKDAY_STEMS})day,?\s+(?:the\s+)?)?"
_DASH = r"[-\u2013\u2014\u2010\u2011]"  # hyphen-minus, en/em dash, hyphens
_SEP = rf"(?P<sep>\s*{_DASH}\s*|\s+(?:to|until|till|through|thru|and)\s+)"
_IDENTIFIER_OF = re.compile(r"[0-9]\s+of\s+$", re.IGNORECASE)
_NAME_FOLLOWS = re.compile(r"\s+[A-Z][a-z]")
# "of 1998" closing a capitalised name ("the Convention for the Suppression of Terrorism
# of 1998", "Act of 2022") is the name's year; the capitalised word is kept in group 1.
_NAME_OF = re.compile(r"\b([A-Z][a-z]+)\s+of\s+$")
# "a 2022 suicide bombing": after an indefinite article, a year before a lowercase word
# modifies that noun as a time (a count cannot follow "a").
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an)\s+$", re.IGNORECASE)
# "the 2012 level", "the historic 2016 peace accord": a year between "the" (and perhaps an
# adjective) and a singular common noun dates that noun.
_THE_BEFORE = re.compile(r"(?:^|\s)the\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_LOWER_FOLLOWS = re.compile(r"\s+[a-z]")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_EDGES = ("early", "mid", "late", r"the\s+end\s+of", r"end\s+of")
_EDGE = rf"(?:(?:{'|'.join(_EDGES)})[\s-]+)?"


def _day(n: int) -> str:
    # "(?!:[0-9])": a clock time after a date ("Aug 14, 2023 - 08:15 PM") is not a range end.
    # "2nd", "3rd", and the older "2d", "3d", "22d" of dispatches and US military style
    return rf"(?<![0-9.,:/])(?P<d{n}>3[01]|[12][0-9]|0?[1-9])(?!:[0-9])(?:\s?(?:st|nd|rd|th|d)\b)?"


def _year(n: int) -> str:
    return rf"(?P<y{n}>(?:1[89]|20)[0-9]{{2}})(?![0-9])"


@dataclass(frozen=True)
class DateResources:
    """Compiled patterns and lexicons: built once per pipeline."""

    # (kind, pattern, starts): where its matches start, one of _DIGITS, _WORDS, _EITHER
    patterns: tuple[tuple[str, re.Pattern[str], str], ...]
    # The words a date can open with (a weekday, a month, "early", "the" ...), for
    # `regex_starts.Starts.words`
    first_words: re.Pattern[str]
    months: dict[str, int]
    relative: re.Pattern[str]  # one alternation; group rN matches the N-th lexicon row
    relative_starts: str  # the words they can start at, for `regex_starts.Starts.at`
    # the same, for a word opening with this (lower-case ASCII) letter or digit: only the
    # rows that can start with it
    relative_by_first: dict[str, re.Pattern[str]]
    resolve: tuple[str, ...]  # how to resolve row N against the dateline
    strong_cue: re.Pattern[str]
    any_cue: re.Pattern[str]
    month_first: frozenset[str]  # countries that write "4/11/2019" for 11 April


@dataclass
class _Parts:
    """The calendar fields a match states; None where the text leaves them out."""

    y1: int | None = None
    m1: int | None = None
    d1: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    order: str = ""  # numeric dates: "dm" or "md" when the numbers say, "?" when either fits


def load_resources(lexicon_dir: Path) -> DateResources:
    months = _read_months(lexicon_dir / "dates_months.tsv")
    patterns = _build_patterns(months, _full_english_names(lexicon_dir / "dates_months.tsv"))
    first_words = _first_words(months)
    rows = _read_rows(lexicon_dir / "dates_relative.tsv", 2)
    relative = _relative_pattern(rows)
    relative_first = first_chars(relative.pattern)
    cues = _read_rows(lexicon_dir / "dates_cues.tsv", 2)
    strong = [c for c, kind in cues if kind == "strong"]
    every = [c for c, _ in cues]
    return DateResources(
        patterns=patterns,
        first_words=first_words,
        months=months,
        relative=relative,
        relative_starts=WORDS if relative_first is None else class_body(relative_first, True),
        relative_by_first=_relative_by_first(rows),
        resolve=tuple(how for _, how in rows),
        strong_cue=_cue_pattern(strong),
        any_cue=_cue_pattern(every),
        month_first=frozenset(read_lexicon(lexicon_dir / "dates_month_first_countries.txt")),
    )


def _relative_pattern(rows: list[tuple[str, ...]], keep: set[int] | None = None) -> re.Pattern[str]:
    """One alternation of the relative rows (those in `keep`), each in group rN; matches
    start at a word."""
    alternatives = "|".join(f"(?P<r{i}>{rx})" for i, (rx, _) in enumerate(rows)
                            if keep is None or i in keep) or "(?!)"
    return re.compile(rf"\b(?=\w)(?:{alternatives})", re.IGNORECASE)


def _relative_by_first(rows: list[tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    """For each letter or digit a relative expression can open with, the alternation of
    the rows that can (in lexicon order, so the same row wins as in the whole one); under
    "", that of the rows that can open with anything.
    Trying all rows at every word was most of the cost of the relative scan. A row that
    may start with other characters (non-ASCII ones, which case folding can turn into
    ASCII letters) goes into every alternation."""
    can_start: dict[str, set[int]] = {}
    everywhere: set[int] = set()
    for i, (rx, _) in enumerate(rows):
        chars = first_chars(rf"\b(?=\w)(?:{rx})")
        if chars is None or not all(ch.isascii() for ch in chars):
            everywhere.add(i)
            continue
        for ch in chars:
            can_start.setdefault(ch.lower(), set()).add(i)
    by_first = {ch: _relative_pattern(rows, keep | everywhere) for ch, keep in can_start.items()}
    by_first[""] = _relative_pattern(rows, everywhere)  # any other first character
    return by_first


def _read_rows(path: Path, width: int) -> list[tuple[str, ...]]:
    """Tab-separated rows of a lexicon file, cut to `width` cells."""
    return [tuple(line.split("\t")[:width]) for line in read_lexicon(path)]


def _read_months(path: Path) -> dict[str, int]:
    """Month forms -> number. English forms are capitalised (lower case "may" and
    "march" are verbs); other languages write month names in lower case; English
    abbreviations may end with a dot ("Dec.")."""
    full = set(_full_english_names(path))
    months: dict[str, int] = {}
    for form, number, lang in _read_rows(path, 3):
        variants = {form.capitalize(), form.upper()}
        if lang != "en":
            variants.add(form.lower())
        elif form not in full:
            variants |= {v + "." for v in variants}
        for v in variants:
            months[v] = int(number)
    return months


def _full_english_names(path: Path) -> list[str]:
    """The longest English form of each month ("June", not "Jun"): only these may stand alone."""
    longest: dict[str, str] = {}
    for form, number, lang in _read_rows(path, 3):
        if lang == "en" and len(form) > len(longest.get(number, "")):
            longest[number] = form
    return list(longest.values())


def _cue_pattern(cues: list[str]) -> re.Pattern[str]:
    """Matches a cue word ending right before the candidate (the window's end)."""
    words = "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True)
    )
    return re.compile(rf"(?:^|[^\w-])(?:{words})(?:\s+|\s*-)$", re.IGNORECASE)


def _build_patterns(
    months: dict[str, int], english: list[str]
) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """All absolute-date patterns, most specific first (earlier ones claim their text).

    A pattern that starts at a word is guarded by the characters it can start with
    ("3", "T" of "Tuesday", "J" of "June") and tried only at the words it can start with
    (`_first_words`, or a day's digits); the others start with an ASCII digit that
    follows none, and are tried only at the start of each run of digits."""

    any_month = lexicons.trie(months)

    def month(n: int) -> str:
        return rf"(?P<m{n}>{any_month})(?!\w)"

    d1, d2, y1, y2, m1, m2 = _day(1), _day(2), _year(1), _year(2), month(1), month(2)
    # Spanish and Portuguese datelines join day, month and year with "de"/"del"
    # ("15 de octubre de 2019"), as English may join day and month with "of".
    of = r"(?:\s+(?:of|de))?\s+"
    # c: what may stand before a year: a comma, "de", or a spaced dash ("March 11 - 2026",
    # some outlets' date lines)
    wd, sep, c = _WEEKDAY, _SEP, r"(?:,|\s+del?|\s+[-\u2013])?\s+"
    # What each kind of pattern can start with: a weekday, a day, a month, an edge word.
    day_first = "MTWFS0123456789"
    month_first = "MTWFS" + "".join({f[0] for f in months})
    edge_first = "emltEMLT" + "".join({f[0] for f in months})
    specs = [
        ("iso", "",
         rf"(?<![0-9]){y1}-(?P<n1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12][0-9]|3[01])(?![0-9])"),
        ("numeric", "",
         rf"(?<![0-9./-])(?P<a>[0-9]{{1,2}})(?P<s>[/.-])(?P<b>[0-9]{{1,2}})(?P=s){y1}"),
        ("dd_range", day_first,
         rf"{wd}{d1}(?:{of}{m1}(?:{c}{y1})?)?{sep}(?:the\s+)?{wd}{d2}{of}{m2}(?:{c}{y2})?"),
        ("md_range", month_first,
         rf"{wd}{m1}\s+{d1}(?:{c}{y1})?{sep}{wd}(?:{m2}\s+)?{d2}(?![0-9])(?:{c}{y2})?"),
        ("month_range", edge_first, rf"{_EDGE}{m1}(?:{c}{y1})?{sep}{_EDGE}{m2}{c}{y2}"),
        # a year-less month range needs the range's own cue ("between January and
        # August", "from March to May"): a month alone needs a temporal cue
        ("m_range", month_first,
         rf"(?:(?<=between )|(?<=Between )|(?<=from )|(?<=From )){m1}{sep}{m2}(?!\s*[0-9])"),
        ("year_range", "", rf"(?<![0-9]){y1}{sep}(?P<y2>(?:1[89]|20)?[0-9]{{2}})(?![0-9])"),
        ("dmy", day_first, rf"{wd}{d1}{of}{m1}{c}{y1}"),
        ("mdy", month_first, rf"{wd}{m1}\s+{d1}{c}{y1}"),
        ("my", edge_first, rf"{_EDGE}{m1}{c}{y1}"),
        ("dm", day_first, rf"{wd}{d1}{of}{m1}"),
        ("md", month_first, rf"{wd}{m1}\s+{d1}(?![0-9])"),
        ("m", "".join({f[0] for f in english}),
         rf"(?P<m1>{lexicons.trie(english)})\b(?!\s*[0-9])"),
        ("y", "", rf"(?<![0-9.,/])(?<![0-9]-){y1}(?![-\u2013/.]?[0-9])"),
    ]
    out = []
    for kind, first, rx in specs:
        if not first:  # each of these starts with a digit that follows none
            out.append((kind, re.compile(rx), _DIGITS))
            continue
        where = _EITHER if any(ch.isdigit() for ch in first) else _WORDS
        out.append((kind, re.compile(rf"\b(?=[{class_body(frozenset(first))}]){rx}"), where))
    return tuple(out)


# Where the matches of a pattern start: at a run of digits, at one of the `first_words`, or
# at either (a day, or the weekday before it).
_DIGITS, _WORDS, _EITHER = "digits", "words", "either"


def _starts_of(where: str, starts: Starts, res: DateResources) -> list[int]:
    """The offsets where a pattern of this kind (`_DIGITS` ...) can match."""
    if where == _DIGITS:
        return starts.at(DIGIT_RUNS)
    if where == _WORDS:
        return starts.words(res.first_words)
    return sorted({*starts.at(DIGIT_RUNS), *starts.words(res.first_words)})


def _first_words(months: dict[str, int]) -> re.Pattern[str]:
    """The words a date in words opens with: a weekday, a month's first word ("Dec" of
    "Dec."), an edge's first word ("mid", "the" of "the end of"). Each pattern that starts
    at a word opens with one of them, so it is tried only where they are."""
    words = set()
    weekdays = [f"{stem}day" for stem in _WEEKDAY_STEMS.split("|")]
    for opener in (*weekdays, *months, *_EDGES):
        word = re.match(r"\w+", opener)
        if word is None:
            raise ValueError(f"month form {opener!r} does not start with a letter "
                             "(pipelines/lexicons/dates_months.tsv)")
        words.add(word.group())
    return re.compile(rf"{lexicons.trie(words)}(?!\w)")


REQUIRES: tuple[str, ...] = ("country",)  # how its numeric dates are written


def extract(ctx: DocContext, resources: DateResources) -> list[DateMention]:
    """Absolute dates plus relative expressions (``relative=True``), in text order; the
    relative ones are resolved against the dateline when there is one."""
    doc, text = ctx.doc, ctx.text
    taken = bytearray(len(text) + 1)
    raw: list[tuple[int, int, str, _Parts]] = []
    starts = Starts(text)
    for kind, pattern, where in resources.patterns:
        raw.extend(_claim(kind, pattern, _starts_of(where, starts, resources), doc, taken,
                          resources))
    raw.sort(key=lambda r: r[0])
    _order_numeric(raw, ctx.country in resources.month_first)
    out = _resolve_all(doc, raw)
    anchor = find_dateline(text, out)
    out.extend(_relative(doc, resources, starts.at(resources.relative_starts), taken, anchor))
    out.extend(_bracketed_days(doc, text, taken, anchor))
    return sorted(out, key=lambda d: d.start_char)


# "on Sunday (8)": Brazilian and Portuguese papers give the day of the month in brackets
# after the weekday, and the month only in the dateline.
_WEEKDAY_DAY = re.compile(rf"\b(?P<w>{_WEEKDAY_STEMS})day\s+\((?P<d>3[01]|[12][0-9]|0?[1-9])\)")
_WEEKDAY_INDEX = {stem: i for i, stem in enumerate(_WEEKDAY_STEMS.split("|"))}


def _bracketed_days(
    doc: Doc, text: str, taken: bytearray, anchor: date | None
) -> list[DateMention]:
    """Weekdays with their day of the month, dated by the dateline: the month near it in
    which that day falls on that weekday (the two facts check each other)."""
    if anchor is None or "day (" not in text:
        return []
    out = []
    for m in _WEEKDAY_DAY.finditer(text):
        if any(taken[m.start():m.end()]):
            continue
        day = _weekday_near(anchor, _WEEKDAY_INDEX[m["w"]], int(m["d"]))
        if day is not None:
            iso = day.isoformat()
            out.append(DateMention(**span_of(doc, m.start(), m.end()).model_dump(),
                                   start=iso, end=iso, precision="day"))
    return out


def _weekday_near(anchor: date, weekday: int, day: int) -> date | None:
    """The date nearest `anchor`, within a month of it, that is the `day`-th of its month
    and falls on `weekday` (0 Monday); of two as near, the earlier (news looks back)."""
    found = []
    for shift in (-1, 0, 1):
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        month += 1
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate.weekday() == weekday and abs((candidate - anchor).days) <= 31:
                found.append(candidate)
    return min(found, key=lambda d: (abs((d - anchor).days), d), default=None)


def _order_numeric(raw: list[tuple[int, int, str, _Parts]], country_month_first: bool) -> None:
    """ "4/11/2019" is 4 November or 11 April: the document's own numeric dates decide
    ("13/11/2019" is day first), else its country's convention (month first in the US
    and the Philippines), else day first, as most of the world writes."""
    orders = {p.order for _, _, kind, p in raw if kind == "numeric"} - {"?", ""}
    month_first = orders == {"md"} or (not orders and country_month_first)
    if not month_first:
        return
    for _, _, kind, p in raw:
        if kind == "numeric" and p.order == "?":
            p.d1, p.m1, p.order = p.m1, p.d1, "md"


def _claim(
    kind: str, pattern: re.Pattern[str], starts: list[int], doc: Doc, taken: bytearray,
    res: DateResources,
) -> list[tuple[int, int, str, _Parts]]:
    """Matches of one pattern (starting at `starts` only) on text no earlier pattern
    claimed. A rejected match is retried one character later, so it cannot hide a valid
    one that overlaps it."""
    text, found = doc_text(doc), []
    m = first_match(pattern, text, starts, 0)
    while m is not None:
        start, end = m.span()
        pieces = []
        if not any(taken[start:end]):
            parts = _parts(kind, m, res.months)
            if parts is not None and _is_time(kind, doc, start, end, res):
                pieces = _split_and(kind, m, parts, text)
        if pieces:
            taken[start:end] = b"\x01" * (end - start)
            found.extend(pieces)
        m = first_match(pattern, text, starts, end if pieces else start + 1)
    return found


def _parts(kind: str, m: re.Match[str], months: dict[str, int]) -> _Parts | None:
    """The fields a match states, or None when they are not a valid calendar date."""
    g = m.groupdict()

    def num(key: str) -> int | None:
        return int(g[key]) if g.get(key) else None

    def mon(key: str) -> int | None:
        return months.get(g[key]) if g.get(key) else None

    if kind == "numeric":
        day, mon_ = int(g["a"]), int(g["b"])
        order = "?" if day <= 12 and mon_ <= 12 and day != mon_ else "dm"
        if mon_ > 12 and day <= 12:  # month first ("11/13/2019")
            day, mon_, order = mon_, day, "md"
        if not 1 <= mon_ <= 12:
            return None
        return _Parts(y1=num("y1"), m1=mon_, d1=day, order=order)
    if kind == "iso":
        return _Parts(y1=num("y1"), m1=num("n1"), d1=num("d1"))
    parts = _Parts(num("y1"), mon("m1"), num("d1"), num("y2"), mon("m2"), num("d2"))
    if kind == "year_range" and parts.y2 is not None and parts.y2 < 100 and parts.y1 is not None:
        parts.y2 += parts.y1 // 100 * 100  # "2015-16"
        if parts.y2 <= parts.y1:
            return None
    return parts


def _split_and(
    kind: str, m: re.Match[str], p: _Parts, text: str
) -> list[tuple[int, int, str, _Parts]]:
    """A range joined by "and" is one range only for adjacent units ("2 and 3 June",
    "30 June and 1 July") or after "between"; otherwise ("5 and 12 May") it is two dates."""
    start, end = m.span()
    sep = m.groupdict().get("sep")
    if sep is None or sep.strip().lower() != "and":
        return [(start, end, kind, p)]
    if _BETWEEN.search(text[max(0, start - 12) : start]) or _adjacent(p):
        return [(start, end, kind, p)]
    if kind == "year_range":
        return []  # "2015 and 2018": two bare years, each judged on its own
    first = _Parts(y1=p.y1 or p.y2, m1=p.m1 or p.m2, d1=p.d1)
    second = _Parts(y1=p.y2 or (p.y1 if p.m2 is None else None), m1=p.m2 or p.m1, d1=p.d2)
    sep_start, sep_end = m.span("sep")
    return [(start, sep_start, kind, first), (sep_end, end, kind, second)]


def _adjacent(p: _Parts) -> bool:
    """Whether the two ends of a range are consecutive days, months or years."""
    y1, y2 = p.y1 or p.y2 or 2000, p.y2 or p.y1 or 2000
    m1, m2 = p.m1 or p.m2, p.m2 or p.m1
    if m1 is None or m2 is None:
        return y2 - y1 == 1
    if p.d1 is None or p.d2 is None:
        return (y2 * 12 + m2) - (y1 * 12 + m1) == 1
    if not (_valid(y1, m1, p.d1) and _valid(y2, m2, p.d2)):
        return False
    return (date(y2, m2, p.d2) - date(y1, m1, p.d1)).days == 1


def _is_time(kind: str, doc: Doc, start: int, end: int, res: DateResources) -> bool:
    """Bare years and months need a temporal cue; years in names and identifiers have none."""
    if kind not in ("y", "m", "year_range"):
        return True
    text = doc_text(doc)
    before = text[max(0, start - CUE_WINDOW) : start]
    names_follow = _NAME_FOLLOWS.match(text, end) is not None
    if kind == "year_range":  # "2019-2021" is a time unless it starts a name ("2019-2021 Strategy")
        return not names_follow
    if before.endswith("(") or text[end : end + 1] in ("-", ")"):
        return False  # "resolution 2133 (2014)", "2019-nCoV"
    if kind == "m":
        return bool(res.strong_cue.search(before))
    if _ARTICLE_BEFORE.search(before) and _LOWER_FOLLOWS.match(text, end):
        return True
    if _THE_BEFORE.search(before) and _singular_noun_follows(doc, start, end):
        return True
    name_of = _NAME_OF.search(before)
    if name_of and name_of.group(1) not in res.months:
        return False
    if not res.any_cue.search(before) or _IDENTIFIER_OF.search(before):
        return False  # no cue, or the year of an identifier ("Law No. 12 of 2015")
    # A capitalised word right after the year makes it part of a name ("of 1973 Convention"),
    # a plural noun makes it a count ("and 2000 people"), unless the cue is an unmistakably
    # temporal one ("in 2019 Nigeria ...").
    counted = _noun_follows(doc, start, end)
    return not (names_follow or counted) or bool(res.strong_cue.search(before))


def _singular_noun_follows(doc: Doc, start: int, end: int) -> bool:
    """ "the 2016 peace accord": a singular common noun after the number (a plural one
    is counted: "the 2000 people")."""
    span = doc.char_span(start, end)
    if span is None:
        return False
    k = span.end
    while k < len(doc) and doc[k].tag_ == "NN" and k + 1 < len(doc) and doc[k + 1].tag_ == "NN":
        k += 1  # "peace accord"
    return k < len(doc) and doc[k].tag_ == "NN" and doc[k].text.islower()


def _noun_follows(doc: Doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) is followed by a common noun it counts."""
    span = doc.char_span(start, end)
    return span is not None and span.end < len(doc) and doc[span.end].pos_ == "NOUN"


def _resolve_all(doc: Doc, raw: list[tuple[int, int, str, _Parts]]) -> list[DateMention]:
    """Fill missing years from context, in text order, and build the mentions."""
    text = doc_text(doc)
    stated = [p.y1 or p.y2 for _, _, _, p in raw if p.y1 or p.y2]
    first_year = stated[0] if stated else None
    context_year, context_end = first_year, 0
    out = []
    top = _top_day(raw)
    for start, end, _kind, parts in raw:
        year = _year_for(text, start, context_year, context_end, first_year)
        if parts.y1 is None and parts.y2 is None and (parts.d1 or _told_in_past(doc, start, end)):
            year = _not_months_ahead(parts, year, top)
        mention = _mention(doc, start, end, parts, year)
        if parts.y1 or parts.y2:
            context_year, context_end = parts.y2 or parts.y1, end
        if mention is not None:
            out.append(mention)
    return out


def _told_in_past(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb a date hangs on is in the past ("kidnapped in December"), not
    the future ("training will begin in October"): a month alone, unlike a day, is as
    often announced ahead as recalled."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.head.lower_ == "since":
        return True  # "since December": a time already past
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    future = any(c.lower_ in ("will", "shall", "'ll") for c in tok.children)
    perfect = any(c.lemma_.lower() == "have" and c.dep_ == "aux" for c in tok.children)
    return (tok.tag_ in ("VBD", "VBN") or perfect) and not future


def _top_day(raw: list[tuple[int, int, str, _Parts]]) -> date | None:
    """The first full day stated near the top (a dateline or byline), if any."""
    for start, _end, _kind, p in raw:
        if start >= DATELINE_WINDOW:
            break
        if p.y1 and p.m1 and p.d1 and _valid(p.y1, p.m1, p.d1):
            return date(p.y1, p.m1, p.d1)
    return None


def _not_months_ahead(p: _Parts, year: int | None, top: date | None) -> int | None:
    """A year-less day or month given the dateline's year is the past, not next winter:
    "Jan. 3, 2022 - ... seized on Dec. 28" is 28 December 2021, "March 16, 2014 - ...
    kidnapped in December" December 2013. Only a date more than FUTURE_DAYS after the
    dateline moves back a year (a meeting may be announced ahead)."""
    month, day = p.m1 or p.m2, p.d1 or 1  # a month alone: its first day ("in December")
    if top is None or year != top.year or month is None:
        return year
    if not _valid(year, month, day):
        return year
    return year - 1 if (date(year, month, day) - top).days > FUTURE_DAYS else year


def _year_for(
    text: str, start: int, near: int | None, near_end: int, first: int | None
) -> int | None:
    """The year a year-less date takes: that of the nearest dated mention when it is in
    the same paragraph ("formed in March 2019; on 5 April it ..."); across a paragraph
    break, the document's first stated year (its dateline or byline) is the safer
    context, since a later paragraph often recalls a past year before moving on."""
    if near is None or "\n" not in text[near_end:start]:
        return near
    return first


def _mention(
    doc: Doc, start: int, end: int, p: _Parts, context_year: int | None
) -> DateMention | None:
    """ISO start/end at the stated precision; None when no year can be given."""
    y1, y2 = p.y1 or p.y2 or context_year, p.y2 or p.y1 or context_year
    if y1 is None or y2 is None:
        return None
    m1, m2 = p.m1 or p.m2, p.m2 or p.m1
    d1, d2 = p.d1, p.d2 or p.d1
    if d1 is not None and not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
        return None
    if (y2, m2 or 0, d2 or 0) < (y1, m1 or 0, d1 or 0):
        if p.y1 is None and p.y2 is not None:
            y1 -= 1  # "28 December - 3 January 2016" starts in 2015
        elif p.y2 is None:
            y2 += 1  # "28 December to 3 January" crosses into the next year
        else:
            return None
    if m1 is None:
        first, last, precision = f"{y1:04d}", f"{y2:04d}", "year"
    elif d1 is None:
        first, last, precision = f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}", "month"
    else:
        first, last, precision = f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}", "day"
    return DateMention(
        **span_of(doc, start, end).model_dump(), start=first, end=last, precision=precision
    )


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None or day is None:
        return False
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _relative(
    doc: Doc, res: DateResources, starts: list[int], taken: bytearray, anchor: date | None
) -> list[DateMention]:
    """Deictic expressions, resolved against the dateline where that is sound. `starts`:
    the words they can start at."""
    out = []
    for m in _relative_matches(res, doc_text(doc), starts):
        start, end = m.span()
        if any(taken[start:end]) or m.lastgroup is None:
            continue
        first, precision = _shift(anchor, res.resolve[int(m.lastgroup[1:])])
        out.append(
            DateMention(
                **span_of(doc, start, end).model_dump(),
                start=first,
                end=first,
                precision=precision,
                relative=True,
            )
        )
    return out


def _relative_matches(res: DateResources, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``res.relative.finditer(text)``, trying at each word (`starts`) only the rows that
    can open with its first character."""
    pos = 0
    for start in starts:
        if start < pos:
            continue
        ch = text[start]
        if ch.isascii():
            pattern = res.relative_by_first.get(ch.lower(), res.relative_by_first[""])
        else:
            pattern = res.relative
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


def _shift(anchor: date | None, how: str) -> tuple[str | None, str | None]:
    """ISO value and precision of `anchor` moved by `how` ("day:-1", "year:0"); None if unsound."""
    if anchor is None or ":" not in how:
        return None, None
    unit, offset = how.split(":")
    k = int(offset)
    if unit == "day":
        return (anchor + timedelta(days=k)).isoformat(), "day"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + k
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{anchor.year + k:04d}", "year"
