"""Counts: a number (digits or words) and the noun phrase it counts.

A count is a cardinal followed by what it counts: "28 Member States",
"twenty-five (25) participants", "more than 10,000 people", and durations
written with a hyphen ("a three-week training": 3 weeks). The counted noun is
the number's syntactic head when spaCy's parse puts it in the noun phrase that
follows, else the last noun of that phrase; coordinated modifiers are kept
("40 senior law enforcement and border security officials").

Numbers that do not count anything are dropped: parts of dates (the dates
extractor runs first), money and percentages (spaCy's MONEY/PERCENT entities
and currency words), measures ("300 km"), ordinals, ages ("48-year-old"),
clock times, phone numbers, identifiers ("resolution 2133", "Article 5") and
years ("the 1999 Convention", "a 2021 law"). Partitives count the noun after
"of the" ("three of the victims"), and a bare number standing for people named
just before it ("of the 104 people, 16 came from ...") takes that count's unit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import LIKE_NUM, LOWER
from spacy.tokens import Doc, Token

from kfr_extract.extract import currencies, lexicons
from kfr_extract.extract._spans import doc_text, span_of
from kfr_extract.extract.context import DocContext
from kfr_extract.models import Count, DateMention
from kfr_extract.paths import read_lexicon

CLOCK = re.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9]")  # "1930 hours", "0600 hrs"
SHORT_GROUP = re.compile(r"[0-9]{1,3}")  # a number that may go on in groups of three
THOUSANDS_GROUP = re.compile(r"[0-9]{3}")  # after a space: "4 000", as French and SI write
DIGITS = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
LEADING_ZERO = re.compile(r"^0[0-9]")
YEAR_LIKE = re.compile(r"^(?:1[89]|20)[0-9]{2}$")
HYPHENS = {"-", "\u2010", "\u2011", "\u2013"}  # hyphen-minus, hyphen, non-breaking, en dash
MAX_UNIT_TOKENS = 8
NOMINAL = {"NOUN", "PROPN"}
SINGULAR_TAGS = {"NN", "NNP"}
PLURAL_TAGS = {"NNS", "NNPS"}
PARTICIPLES = {"VBN", "VBG"}  # "77 rescued persons", "21 identified kidnap syndicates"
# spaCy entity labels whose numbers are never counts.
NOT_COUNT_LABELS = {"MONEY", "PERCENT", "ORDINAL"}
PERCENT_WORDS = re.compile(r"%|\bper\s*cent\b|\bpercent|\bpct\b", re.IGNORECASE)
INDEFINITE = {"a", "an"}
QUOTE_MARKS = {'"', "\u201c", "\u201d"}


@dataclass(frozen=True)
class CountResources:
    """Lexicons read once per pipeline."""

    words: dict[str, tuple[int, str]]  # number word -> (value, kind)
    # last word -> the phrases ending with it, as token sequences, longest first
    approximators: dict[str, tuple[tuple[str, ...], ...]]
    blocking_words: frozenset[str]
    excluded_units: frozenset[str]
    # currency names (CLDR, English and the countries' own: "pesos", "meticais") and
    # the scale words only money takes ("crore", "lakh"): a number before one is money
    money_words: frozenset[str]
    nominal_adjectives: frozenset[str]
    partitive_determiners: frozenset[str]  # "three of the victims", "five of their men"
    relational: frozenset[str]  # "members": counted with its "of" phrase
    people: frozenset[str]  # "an eight-month baby": a duration before one is an age
    contrast: frozenset[tuple[str, ...]]  # "against 41": the last count's unit


@dataclass(frozen=True)
class _Number:
    """A number in the text: tokens [start, end) and its value."""

    start: int
    end: int
    value: int | float


def load_resources(lexicon_dir: Path) -> CountResources:
    words = lexicons.number_words(lexicon_dir)
    approximators: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((tuple(p.split()) for p in _lines(
            lexicon_dir / "counts_approximators.txt")), key=len, reverse=True):
        approximators.setdefault(phrase[-1], []).append(phrase)
    return CountResources(
        words=words,
        approximators={last: tuple(phrases) for last, phrases in approximators.items()},
        blocking_words=frozenset(_lines(lexicon_dir / "counts_blocking_words.txt")),
        excluded_units=frozenset(_lines(lexicon_dir / "counts_excluded_units.txt")),
        money_words=_money_words(lexicon_dir, words),
        nominal_adjectives=frozenset(_lines(lexicon_dir / "counts_nominal_adjectives.txt")),
        partitive_determiners=frozenset(_lines(lexicon_dir / "counts_partitive_determiners.txt")),
        relational=frozenset(_lines(lexicon_dir / "counts_relational_nouns.txt")),
        people=frozenset(_lines(lexicon_dir / "speakers_person_nouns.txt"))
        | frozenset(_lines(lexicon_dir / "counts_young_people.txt")),
        contrast=frozenset(tuple(phrase.split())
                           for phrase in _lines(lexicon_dir / "counts_contrast_words.txt")),
    )


def _money_words(lexicon_dir: Path, words: dict[str, tuple[int, str]]) -> frozenset[str]:
    """One-word currency names, and the money scales that are no number word of counts
    ("crore", "lakh"; not "million")."""
    names = {name for name in currencies.load().names if " " not in name}
    scales = {line.split("\t")[0].lower()
              for line in read_lexicon(lexicon_dir / "money_scales.tsv")}
    number_words = {w.lower() for w in words}
    homographs = set(_lines(lexicon_dir / "counts_currency_homographs.txt"))
    return frozenset((names | {s for s in scales if len(s) > 2}) - number_words - homographs)


def _is_money_word(token: Token, res: CountResources) -> bool:
    lower = token.lower_
    return lower in res.money_words or (
        not lower.isascii() and currencies.plain(lower) in res.money_words)


def _lines(path: Path) -> list[str]:
    """A lexicon's entries; word lists (no tabs) are lower-cased."""
    return [line if "\t" in line else line.lower() for line in read_lexicon(path)]


REQUIRES = ("dates", "money")  # numbers inside dates and amounts of money are not counts


def extract(ctx: DocContext, resources: CountResources) -> list[Count]:
    doc = ctx.doc
    blocked = _blocked_tokens(doc, [*ctx.result("dates"), *ctx.result("money")])
    in_units = blocked | _relative_time_tokens(doc, ctx.result("dates"), resources)
    out: list[tuple[int, Count]] = []  # (number's first token, count)
    after = 0  # the first token not yet read as part of a number
    covered = 0  # where the last count's text ends
    for i in _number_starts(doc):
        number = _number_at(doc, i, resources) if i >= after and i not in blocked else None
        if number is None or (doc[i].idx < covered and _opens_hyphenated(doc, number.end - 1)):
            continue  # "two four-wheel-drive vehicles": a modifier inside the unit
        after = number.end
        upper = _range_end(doc, number, resources, blocked)
        if upper is not None:  # "between 20 and 30 gunmen": one count, from its lower bound
            after = upper.end
            count = _count(doc, upper, resources, in_units, out)
            if count is not None:
                start = _approximator_start(doc, number.start, resources)
                if start > 0 and doc[start - 1].lower_ in ("between", "from"):
                    start -= 1  # the range as written
                count = count.model_copy(update={
                    **span_of(doc, doc[start].idx, count.end_char).model_dump(),
                    "value": number.value, "value_max": upper.value})
        else:
            count = _count(doc, number, resources, in_units, out)
        if count is not None:
            out.append((number.start, count))
            covered = count.end_char
    return _first_per_head([c for _, c in out])


RANGE_JOINERS = ("and", "to", "-", "\u2013")
BREAKDOWN = re.compile(r"(?:[^()]*[,;]\s*)?")  # "17 arrests (11 in Spain, 6 ..."


def _number_starts(doc: Doc) -> list[int]:
    """The tokens `_number_at` may read a number from (spaCy's like_num, or "a"/"an"
    before a scale word), found from two arrays rather than a Token per token."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    indefinite = {strings[word] for word in INDEFINITE}
    rows = doc.to_array([LIKE_NUM, LOWER]).tolist()
    return [i for i, (like_num, lower) in enumerate(rows)
            if like_num or (lower in indefinite and i + 1 < len(rows))]


def _range_end(doc: Doc, number: _Number, res: CountResources, blocked: set[int]) -> _Number | None:
    """The upper number of "between 20 and 30", "20 to 30", "20-30" (not "20 and 30
    people" without "between": two counts may be listed so)."""
    j = number.end
    if j + 1 >= len(doc) or doc[j].lower_ not in RANGE_JOINERS or j + 1 in blocked:
        return None
    if doc[j].lower_ == "and" and not (number.start > 0
                                       and doc[number.start - 1].lower_ == "between"):
        return None
    upper = _number_at(doc, j + 1, res)
    if upper is None or upper.value <= number.value:
        return None
    return upper


def _first_per_head(counts_: list[Count]) -> list[Count]:
    """One count per value and counted thing: "22 abducted passengers" in a headline
    and "22 passengers" in the body are one count (the first mention), as a reader
    lists it once. Units with the same head but different modifiers ("two Malian
    soldiers", "two Nigerien soldiers") stay apart: one unit must contain the other."""
    seen: dict[tuple[float, str], list[set[str]]] = {}
    out = []
    for c in counts_:
        words = {_singular(w) for w in c.unit.lower().split()}
        noun = c.unit.lower().split(" of ")[0].split()  # "members of the clergy": members
        head = _singular(noun[-1]) if noun else ""
        earlier = seen.setdefault((c.value, head), [])
        if any(words <= other or other <= words for other in earlier):
            continue
        earlier.append(words)
        out.append(c)
    return out


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _blocked_tokens(doc: Doc, spans: list) -> set[int]:
    """Tokens inside absolute dates and amounts of money (the items in ``spans``), or
    inside spaCy's money, percent and ordinal entities."""
    blocked: set[int] = set()
    for d in spans:
        if isinstance(d, DateMention) and (d.relative or d.start is None):
            continue
        span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.label_ in NOT_COUNT_LABELS and not _false_percent(ent):
            blocked.update(range(ent.start, ent.end))
    return blocked


def _relative_time_tokens(doc: Doc, dates: list[DateMention], res: CountResources) -> set[int]:
    """Tokens of relative dates without a number ("last year", "this week"): never a unit
    ("up from 24 last year"); "two weeks ago", "the past three years" still count."""
    out: set[int] = set()
    for d in dates:
        if not d.relative:
            continue
        span = doc.char_span(d.start_char, d.end_char, alignment_mode="expand")
        if span is not None and not any(DIGITS.match(t.text) or t.lower_ in res.words
                                        for t in span):
            out.update(range(span.start, span.end))
    return out


def _false_percent(ent) -> bool:
    """The small model tags "forty (40" as PERCENT: without a percent sign or word it
    is no percentage, and its number may count."""
    return ent.label_ == "PERCENT" and not PERCENT_WORDS.search(ent.text)


def _number_at(doc: Doc, i: int, res: CountResources) -> _Number | None:
    """The number starting at token i: digits ("10,000", "1.5 million") or words ("twenty-five")."""
    tok = doc[i]
    if tok.lower_ in INDEFINITE and i + 1 < len(doc):
        scale = res.words.get(doc[i + 1].lower_)  # "a dozen attacks", "a hundred people"
        return _Number(i, i + 2, scale[0]) if scale and scale[1] == "scale" else None
    if not tok.like_num:  # spaCy's lexical flag: a cheap first filter
        return None
    if DIGITS.match(tok.text):
        value: float = float(tok.text.replace(",", ""))
        end = i + 1
        if SHORT_GROUP.fullmatch(tok.text):  # "4 000 kidnappings", "12 500 people"
            while end < len(doc) and THOUSANDS_GROUP.fullmatch(doc[end].text) \
                    and doc[end - 1].whitespace_ == " ":
                value = value * 1000 + float(doc[end].text)
                end += 1
        if end < len(doc) and res.words.get(doc[end].lower_, (0, ""))[1] == "scale":
            value *= res.words[doc[end].lower_][0]
            end += 1
        if not math.isfinite(value):  # 309 digits and more: beyond a float, and any count
            return None
        return _Number(i, end, _clean(value))
    if tok.lower_ not in res.words:
        return None
    return _word_number(doc, i, res)


def _word_number(doc: Doc, i: int, res: CountResources) -> _Number | None:
    """Parse a run of number words ("two hundred and fifty", "Twenty-four")."""
    total, current, end, j = 0, 0, i, i
    previous = ""
    while j < len(doc):
        entry = res.words.get(doc[j].lower_)
        if entry is None:
            break
        value, kind = entry
        if kind != "scale" and previous == "unit":
            break  # "two four-wheel-drive vehicles": two numbers, the second a modifier
        previous = kind
        if kind == "scale":
            if j == i:
                return None  # "hundred" alone, "thousands of"
            if value == 100:
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * value, 0
        else:
            current += value
        end = j + 1
        j = end
        if _joiner_at(doc, j, res):
            j += 1
    if end == i:
        return None
    return _Number(i, end, total + current)


def _joiner_at(doc: Doc, j: int, res: CountResources) -> bool:
    """Whether token j joins two number words: the hyphen of "twenty-four" (no spaces)
    or the "and" of "two hundred and fifty"."""
    if j + 1 >= len(doc):
        return False
    before, joiner = res.words[doc[j - 1].lower_][1], doc[j]
    if joiner.lower_ == "and":
        return before == "scale"
    glued = not doc[j - 1].whitespace_ and not joiner.whitespace_
    after = res.words.get(doc[j + 1].lower_, (0, ""))[1]
    return joiner.text in HYPHENS and glued and before == "ten" and after == "unit"


def _clean(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _count(
    doc: Doc,
    number: _Number,
    res: CountResources,
    blocked: set[int],
    earlier: list[tuple[int, Count]],
) -> Count | None:
    """The count a number makes with the words after it, or None if it counts nothing."""
    if not _may_count(doc, number, res):
        return None
    after = _skip_parenthetical(doc, number.end)
    hyphenated = _hyphen_unit(doc, number, res)
    if hyphenated is not None:
        first, last = hyphenated, hyphenated
    else:
        unit = _unit_tokens(doc, number, after, res, blocked) or _partitive(
            doc, after, res, blocked
        )
        if unit is None:
            return _elliptical(doc, number, earlier, res)
        first, last = unit
    if doc[last].lower_ in res.excluded_units or _is_money_word(doc[last], res) \
            or _is_age(doc, last, res) or _military_time(doc, number, first) \
            or _names_a_group(doc, number, first, last) \
            or _names_a_person(doc, number, first, last):
        return None
    last = _of_complement(doc, last, res, blocked)
    start = _approximator_start(doc, number.start, res)
    unit = doc_text(doc)[doc[first].idx : _end_char(doc[last])]
    return Count(
        **span_of(doc, doc[start].idx, _end_char(doc[last])).model_dump(),
        value=number.value,
        unit=_unit_others_stand_for(doc, first, last, earlier) or unit,
    )


def _unit_others_stand_for(
    doc: Doc, first: int, last: int, earlier: list[tuple[int, Count]]
) -> str | None:
    """ "Seven passengers were freed, while 23 others remain": "others" counts the unit
    of the previous count in the same sentence."""
    if first != last or doc[last].lower_ != "others":
        return None
    return _previous_unit(doc[last], earlier, sentences=1)


def _military_time(doc: Doc, number: _Number, first: int) -> bool:
    """ "at about 1930 hours": four digits of a 24-hour clock before "hours" tell a time."""
    return number.end - number.start == 1 and first == number.end \
        and bool(CLOCK.fullmatch(doc[number.start].text)) \
        and doc[first].lower_ in ("hours", "hrs")


def _names_a_person(doc: Doc, number: _Number, first: int, last: int) -> bool:
    """ "one Musa Garba, a trader": a number before a person's name singles the person
    out; it counts nothing ("one Canadian", a nationality, still counts)."""
    run = doc[first : last + 1]
    if not all(t.pos_ == "PROPN" and t.text.istitle() for t in run):
        return False
    unlabelled = not any(t.ent_type_ for t in run)
    return run[-1].ent_type_ == "PERSON" or (number.value == 1 and unlabelled)


def _names_a_group(doc: Doc, number: _Number, first: int, last: int) -> bool:
    """ "the 400 Mawozo gang": a number before a proper name and a singular common noun
    is part of that name; counting would need a plural ("400 Mawozo members")."""
    return (
        number.value != 1
        and first < last
        and doc[first].pos_ == "PROPN"
        and doc[first].text.istitle()
        and doc[last].pos_ == "NOUN"
        and doc[last].tag_ == "NN"
    )


def _end_char(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _may_count(doc: Doc, number: _Number, res: CountResources) -> bool:
    """Rule out identifiers, ordinals, years in names, phone numbers and idioms with "one"."""
    first, nxt = doc[number.start], doc[number.end] if number.end < len(doc) else None
    prev = doc[number.start - 1] if number.start > 0 else None
    if prev is not None:
        if prev.lower_ in res.blocking_words or prev.is_currency or prev.text in ("#", "+"):
            return False
        if prev.text in HYPHENS | {"/", "."} and not prev.whitespace_:
            return False  # "COVID-19", "1/2", "v.2"
        if prev.text in QUOTE_MARKS and _closes_soon(doc, number.end):
            return False  # 'the "400 Mawozo" gang': a name in quotation marks
        if _ends_a_name(prev):
            return False  # "Canal 2 English", "the Mile 4 neighbourhood", "AK 47 rifles"
    if nxt is not None:
        if nxt.lower_ in res.excluded_units or nxt.is_currency or _is_money_word(nxt, res):
            return False
        if DIGITS.match(nxt.text):
            return False  # "0803 123 4567": a phone or an identifier, not a count
    if LEADING_ZERO.match(first.text):
        return False  # "0900 hours", "08": clock times and codes
    if number.value != int(number.value):
        return False  # "11.38 EDT", "a 7.2 earthquake": times and magnitudes, not counts
    if YEAR_LIKE.match(first.text) and nxt is not None and (nxt.is_title or nxt.tag_ == "NN"):
        return False  # "the 1999 Convention", "2030 Agenda", "a 2021 law": years, not counts
    if first.lower_ == "one" and number.end - number.start == 1:
        return _one_counts(doc, number)
    return True


def _ends_a_name(prev: Token) -> bool:
    """A number right after a proper noun (no comma between) is part of its name, unless
    the line is a title-case headline, where verbs are capitalized too ("Rescue 5")."""
    if prev.pos_ not in NOMINAL or not prev.text[:1].isupper() or prev.is_sent_start:
        return False  # (a date's day is no count either, but the dates extractor says so)
    text = doc_text(prev.doc)
    start = text.rfind("\n", 0, prev.idx) + 1
    end = text.find("\n", prev.idx)
    words = re.findall(r"[^\W\d_][\w'’-]*", text[start : len(text) if end < 0 else end])
    capitalized = sum(w[0].isupper() for w in words)
    return capitalized < 0.6 * len(words)


def _closes_soon(doc: Doc, j: int, window: int = 3) -> bool:
    """Whether a quotation mark follows within a few tokens (a short quoted name)."""
    return any(t.text in QUOTE_MARKS for t in doc[j : min(len(doc), j + window + 1)])


def _one_counts(doc: Doc, number: _Number) -> bool:
    """The word "one" counts only in a plain noun phrase ("one victim"), not in
    "one of", "one another" or "from one place to another"."""
    window = doc[number.end : min(len(doc), number.end + 5)]
    if window and window[0].lower_ == "other" and len(window) > 1 and window[1].pos_ == "NOUN":
        return True  # "one other victim"
    return not any(t.lower_ in ("another", "other", "of") for t in window)


def _skip_parenthetical(doc: Doc, j: int) -> int:
    """Index after a digits-in-brackets restatement ("twenty-five (25) participants")."""
    if (
        j + 2 < len(doc)
        and doc[j].text == "("
        and DIGITS.match(doc[j + 1].text)
        and doc[j + 2].text == ")"
    ):
        return j + 3
    return j


def _hyphen_unit(doc: Doc, number: _Number, res: CountResources) -> int | None:
    """The noun of "three-week", "10-minute" (a duration or size written as one word)."""
    j = number.end
    if j + 1 >= len(doc) or doc[j].text not in HYPHENS:
        return None
    if doc[j - 1].whitespace_ or doc[j].whitespace_:
        return None
    noun = doc[j + 1]
    if noun.pos_ != "NOUN" or noun.lower_ in res.words:
        return None  # "one-on-one", "twenty-first"
    return noun.i


def _is_age(doc: Doc, last: int, res: CountResources) -> bool:
    """ "48-year-old", "30 years old", "a 10-year-old girl", "an eight-month baby"."""
    k = last + 1
    if k < len(doc) and doc[k].text in HYPHENS:
        k += 1
    if k < len(doc) and doc[k].lower_ == "old":
        return True
    hyphenated = last > 0 and doc[last - 1].text in HYPHENS and not doc[last - 1].whitespace_
    return hyphenated and last + 1 < len(doc) and doc[last + 1].lower_ in res.people


def _unit_tokens(
    doc: Doc, number: _Number, j: int, res: CountResources, blocked: set[int]
) -> tuple[int, int] | None:
    """First and last token of the counted noun phrase after the number."""
    run = _nominal_run(doc, j, res, blocked)
    if not run:
        return None
    head = _syntactic_head(doc, number, run)
    if head is None:
        # The run ends on its last noun, or is a lone nominal adjective ("at least 48 dead").
        head = run[-1]
    return run[0], _past_hyphens(doc, head, run)


def _of_complement(doc: Doc, last: int, res: CountResources, blocked: set[int]) -> int:
    """ "seven members of the clergy": a relational noun's "of" phrase belongs to the
    unit; the last token of that phrase, or ``last`` where there is none."""
    j = last + 1
    if doc[last].lower_ not in res.relational or j + 1 >= len(doc) or doc[j].lower_ != "of":
        return last
    k = j + 1
    if doc[k].pos_ == "DET" or doc[k].tag_ == "PRP$":
        k += 1
    if k >= len(doc) or DIGITS.match(doc[k].text) or doc[k].lower_ in res.words:
        return last  # "members of the 12 families": a count of its own
    if doc[k].pos_ == "ADV":
        return last  # "members of the newly created unit": a description, not the unit
    run = _nominal_run(doc, k, res, blocked)
    return run[-1] if run else last


def _partitive(doc: Doc, j: int, res: CountResources, blocked: set[int]) -> tuple[int, int] | None:
    """ "Three of the victims", "16 of the 104 people": the counted noun follows "of" and a
    determiner (and possibly the whole group's number)."""
    if j + 2 >= len(doc) or doc[j].lower_ != "of" \
            or doc[j + 1].lower_ not in res.partitive_determiners:
        return None
    k = j + 2
    if DIGITS.match(doc[k].text) or doc[k].lower_ in res.words:
        k += 1
    run = _nominal_run(doc, k, res, blocked)
    nouns = [t for t in run if doc[t].pos_ in NOMINAL]
    if not nouns or doc[nouns[-1]].tag_ not in PLURAL_TAGS:
        return None
    return run[0], nouns[-1]


def _nominal_run(doc: Doc, j: int, res: CountResources, blocked: set[int]) -> list[int]:
    """Token indices of the adjective/noun sequence that starts at j, trimmed to end on a noun
    (or on a lone nominal adjective). Conjunctions are kept only between modifiers."""
    run: list[int] = []
    k = j
    while k < len(doc) and len(run) < MAX_UNIT_TOKENS and k not in blocked:
        if not _continues_run(doc, k, run, res):
            break
        run.append(k)
        k += 1
    while run and doc[run[-1]].pos_ not in NOMINAL:
        if len(run) == 1 and doc[run[0]].lower_ in res.nominal_adjectives:
            break
        run.pop()
    return run


def _continues_run(doc: Doc, k: int, run: list[int], res: CountResources) -> bool:
    """Whether token k extends the noun phrase collected so far."""
    tok = doc[k]
    if tok.text in HYPHENS:  # only inside a word ("anti-crime"), never first
        return bool(run) and not doc[k - 1].whitespace_ and not tok.whitespace_
    if run and doc[k - 1].text in HYPHENS and not doc[k - 1].whitespace_ and tok.is_alpha:
        return True  # any part of a hyphenated word: "kidnap-for-ransom", "ex-hostages"
    if _opens_hyphenated(doc, k):
        return True  # "12 well-armed officers"
    if tok.pos_ == "CCONJ":  # only between modifiers ("law enforcement and border officials")
        return bool(run) and k + 1 < len(doc) and doc[k + 1].pos_ in NOMINAL | {"ADJ"}
    if DIGITS.match(tok.text) or tok.lower_ in res.words:
        return False
    if tok.pos_ == "NUM":  # a model name tagged as a number ("2 AK-47 rifles") modifies the noun
        return any(ch.isalpha() for ch in tok.text)
    if tok.tag_ == "RB" and tok.lower_.endswith("ly") and k + 1 < len(doc):
        nxt = doc[k + 1]  # "two locally manufactured guns", "40 newly trained officers"
        return nxt.pos_ == "ADJ" or (nxt.pos_ == "VERB" and nxt.tag_ in PARTICIPLES)
    return (
        tok.pos_ in NOMINAL or tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and tok.tag_ in PARTICIPLES)
    )


def _opens_hyphenated(doc: Doc, k: int) -> bool:
    """A word glued to a hyphen and the word after it ("well-armed")."""
    return (k + 2 < len(doc) and doc[k].is_alpha and not doc[k].whitespace_
            and doc[k + 1].text in HYPHENS and not doc[k + 1].whitespace_)


def _past_hyphens(doc: Doc, k: int, run: list[int]) -> int:
    """From a word of a hyphenated modifier ("kidnap" of "kidnap-for-ransom suspects"),
    the noun the whole phrase modifies, or the phrase's last word."""
    start = k
    while k + 2 in run and doc[k + 1].text in HYPHENS and not doc[k].whitespace_:
        k += 2
    while k > start and k + 1 in run and doc[k + 1].pos_ in NOMINAL \
            and doc[k + 1].tag_ in PLURAL_TAGS | {"NN"} and doc[k].whitespace_:
        k += 1
        if doc[k].tag_ in PLURAL_TAGS:
            break
    return k


def _syntactic_head(doc: Doc, number: _Number, run: list[int]) -> int | None:
    """The noun the parser attaches the number to, when it lies in the run; a singular
    head coordinated with a plural noun ("law enforcement and border security officials")
    gives way to that plural."""
    head = doc[number.end - 1].head
    if head.i not in run or head.pos_ not in NOMINAL:
        return None
    if head.tag_ in SINGULAR_TAGS:
        for k in run:
            if (
                k > head.i
                and doc[k].dep_ == "conj"
                and doc[k].head.i == head.i
                and doc[k].tag_ in PLURAL_TAGS
            ):
                return k
    # Compounds may follow the parser's head ("two Scotland Yard experts"): stay on the last noun
    # of the contiguous nouns starting at the head.
    # A plural noun is rarely a modifier, so the walk stops there ("25 Countries Participate"),
    # unless the parser makes it one of a lower-case plural ("three cattle ranchers").
    k = head.i
    while (
        k + 1 in run
        and doc[k + 1].pos_ in NOMINAL
        and doc[k].dep_ == "compound"
        and (doc[k].tag_ not in PLURAL_TAGS
             or (doc[k].head.i == k + 1 and doc[k + 1].is_lower and doc[k + 1].tag_ in PLURAL_TAGS))
    ):
        k += 1
    return _coordinated_head(doc, k, run)


def _coordinated_head(doc: Doc, k: int, run: list[int]) -> int:
    """ "22 investigators and prosecutors", "137 students and staff": one number counts
    both coordinated plural heads, so the unit runs to the last conjunct."""
    if doc[k].tag_ not in PLURAL_TAGS:
        return k
    for j in run:
        if j > k + 1 and doc[j].dep_ == "conj" and doc[j].head.i == k and doc[j].pos_ == "NOUN":
            return j
    return k


def _elliptical(
    doc: Doc, number: _Number, earlier: list[tuple[int, Count]], res: CountResources
) -> Count | None:
    """A number whose counted noun is clear from just before it: a bare subject ("16 came
    from Sabuwa"), "eight of them" (the nearest plural noun of its sentence, else the
    last count's or the last plural subject's), a number compared with the last count
    ("63 people ..., against 41 in 2025"), or an item of a breakdown in brackets after a
    count ("17 arrests (11 in Spain, 6 in the Netherlands)")."""
    tok, end = doc[number.end - 1], number.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "them":
        unit = _plural_noun_before(tok) or _previous_unit(tok, earlier, sentences=2) \
            or _plural_subject_before(tok)
        end += 2
    elif tok.dep_ in ("nsubj", "nsubjpass"):
        unit = _previous_unit(tok, earlier, sentences=1)
    elif _compared(doc, number.start, res.contrast):
        # the sentence's first count: "1,107 kidnappings in the first nine months,
        # compared with 655" compares kidnappings, not months
        unit = next((c.unit for first, c in earlier if first >= tok.sent.start), None)
    else:
        unit = _breakdown_unit(doc, number, earlier)
    if unit is None:
        return None
    span = doc[number.start : end]
    return Count(**span_of(doc, span.start_char, span.end_char).model_dump(),
                 value=number.value, unit=unit)


def _compared(doc: Doc, i: int, contrast: frozenset[tuple[str, ...]]) -> bool:
    """Whether a comparing word ("against", "up from") stands right before token `i`."""
    return any(tuple(t.lower_ for t in doc[max(0, i - n) : i]) in contrast for n in (1, 2))


def _previous_unit(tok: Token, earlier: list[tuple[int, Count]], sentences: int) -> str | None:
    """The unit of the last count, if it is in this sentence (or the one before)."""
    if not earlier:
        return None
    start = tok.sent.start
    if sentences > 1 and start > 0:
        start = tok.doc[start - 1].sent.start
    first_token, previous = earlier[-1]
    return previous.unit if first_token >= start else None


def _plural_noun_before(tok: Token) -> str | None:
    """ "the attackers ordered the workers to lie down, then picked two of them": the
    nearest plural noun before the number in its sentence."""
    doc = tok.doc
    for k in range(tok.i - 1, tok.sent.start - 1, -1):
        if doc[k].tag_ == "NNS" and doc[k].pos_ == "NOUN":
            return doc[k].text
    return None


def _plural_subject_before(tok: Token) -> str | None:
    """ "the attackers, about eight of them": the plural subject "them" stands for, in this
    sentence or the one before."""
    doc, start = tok.doc, tok.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for k in range(tok.i - 1, start - 1, -1):
        if doc[k].tag_ in PLURAL_TAGS and doc[k].dep_ in ("nsubj", "nsubjpass"):
            return doc[k].text
    return None


def _breakdown_unit(doc: Doc, number: _Number, earlier: list[tuple[int, Count]]) -> str | None:
    """The unit of a count right before brackets the number stands in, as an item of its
    breakdown before a preposition ("17 arrests (11 in Spain, 6 in the Netherlands)")."""
    if not earlier or number.end >= len(doc) or doc[number.end].pos_ != "ADP":
        return None
    text, start = doc_text(doc), doc[number.start].idx
    bracket = text.rfind("(", 0, start)
    if bracket < 0 or not BREAKDOWN.fullmatch(text[bracket + 1 : start]):
        return None
    opened_after = len(text[:bracket].rstrip())
    return next((c.unit for _, c in reversed(earlier) if c.end_char == opened_after), None)


def _approximator_start(doc: Doc, i: int, res: CountResources) -> int:
    """Index where a qualifier such as "more than" or "an estimated" before the number starts."""
    if i == 0:
        return i
    for phrase in res.approximators.get(doc[i - 1].lower_, ()):
        n = len(phrase)
        if i - n >= 0 and tuple(t.lower_ for t in doc[i - n : i]) == phrase:
            return i - n
    return i
