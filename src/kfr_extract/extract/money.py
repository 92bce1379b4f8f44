"""Money: every amount the text states, with its value, ISO 4217 currency and role.

An amount is a number (with an optional scale: "2.5 million", "40m", "6million",
"5 lakh") and a currency written before it (a sign or abbreviation: "$", "N",
"₦", "FCFA", "Rs", "USD") or after it (a name or code: "pesos", "CFA francs",
"Nigerian naira", "USD"). Currency names, English signs and which currency each
country uses come from babel's CLDR data; `money_symbols.tsv` adds what the local
press writes that CLDR does not ("N2.5 million" for naira, "P10 million" for
Philippine pesos, "K3 million" kina). A sign or word several currencies share
("pesos", "Rs", "CFA francs") takes the document's country's currency; "$" and
"dollars" are US dollars unless the text names another dollar ("Canadian dollars").
A range ("between N50m and N100m", "$1-2 million") gives two items.

The role is read from the words governing the amount in the parse: demanded
("demanded N5 million", "asking for"), paid ("paid a ransom of N3.5 million",
"handed over"), else other; a refusal ("refused to pay") is not a payment.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc, Token

from kfr_extract.extract import currencies, lexicons
from kfr_extract.extract.context import DocContext
from kfr_extract.extract.regex_starts import DIGIT_RUNS_ANY, Starts, class_body, matches
from kfr_extract.models import Money, Place
from kfr_extract.paths import read_lexicon

REQUIRES = ("country", "places")

# 1,500,000.50 | 2,80,000 (South Asian grouping) | 320 000 (spaces as thousands separators)
# | 1.500.000 | 2.5 | 40
NUMBER = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d,.]\d)"
    r"|\d+(?:\.\d+)?)"
)
SPACES = " \u00a0\u202f"
RANGE_JOINER = re.compile(r"\s*(?:-|\u2013|\u2014|to|and|or)\s*", re.IGNORECASE)
LOOKBACK = 8  # tokens before an amount searched for its verb when the parse has none
MAX_SYMBOL_GAP = 1  # "Rs 5m", "USD 5,000": at most one space between a sign and the digits
MIN_BARE_LETTER_AMOUNT = 100  # "N1", "G9", "A4": a road, a group, a format, not money


@dataclass(frozen=True)
class MoneyResources:
    number_words: dict[str, int]  # 'five' -> 5, 'a' -> 1: before a scale word only
    numbers: re.Pattern[str]  # digits, or number words before "million", "billion" ...
    word_number_starts: str  # the words a number word starts, for `regex_starts.Starts.at`
    any_scale: re.Pattern[str]  # a scale word after a space: without one, no number words
    symbols: dict[str, tuple[str, ...]]  # case-sensitive sign or code -> candidate codes
    guarded: dict[str, frozenset[str]]  # short or local sign -> the countries it counts in
    names: dict[str, tuple[str, ...]]  # lower-case name (or its tail) -> candidate codes
    adjectives: dict[str, re.Pattern[str]]  # code -> its name's qualifier ("Mexican")
    by_country: dict[str, tuple[str, ...]]  # country -> its currencies (CLDR)
    name_pattern: re.Pattern[str]  # a currency name or sign right after an amount
    defaults: dict[str, str]  # 'dollars' -> 'USD' whatever the country
    scales: dict[str, int]
    scale_pattern: re.Pattern[str]
    symbol_before: re.Pattern[str]  # a sign or code ending right before the digits
    demand: frozenset[str]
    paid: frozenset[str]
    ransom_context: frozenset[str]
    negations: frozenset[str]  # "not", "refuse": governing a payment, none was made


def load_resources(lexicon_dir: Path) -> MoneyResources:
    cldr = currencies.load()
    current = cldr.current
    symbols = dict(cldr.signs)
    for line in read_lexicon(lexicon_dir / "money_symbols.tsv"):
        form, codes = line.split("\t")
        symbols[form] = tuple(codes.split())
    local = {sign for sign in cldr.local_signs if sign not in symbols}
    for sign in local:
        symbols[sign] = cldr.local_signs[sign]
    for code in current:
        symbols.setdefault(code, (code,))
    guarded = _guarded(symbols, local, cldr.by_country)
    names = dict(cldr.names)
    for line in read_lexicon(lexicon_dir / "money_names.tsv"):
        form, codes = line.split("\t")
        names[currencies.plain(form)] = tuple(codes.split())
    words = {word.lower(): value for word, (value, kind)
             in lexicons.number_words(lexicon_dir).items() if kind != "scale"}
    words.update({"a": 1, "an": 1})
    defaults = {}
    for line in read_lexicon(lexicon_dir / "money_default_currencies.tsv"):
        form, code = line.split("\t")
        defaults[form.lower()] = code
    scales = {}
    for line in read_lexicon(lexicon_dir / "money_scales.tsv"):
        form, value = line.split("\t")
        scales[form.lower()] = int(value)
    adjectives = {code: re.compile(rf"\b{re.escape(qualifier)}\b")
                  for code, qualifier in cldr.qualifiers.items()
                  if qualifier.lower() not in ("us", "cfa")}
    return MoneyResources(
        adjectives=adjectives,
        by_country=cldr.by_country,
        number_words=words,
        numbers=_number_pattern(words, scales),
        word_number_starts=class_body(frozenset(w[0] for w in words), ignore_case=True),
        any_scale=re.compile(rf"\s(?:{_scale_words(scales)})\b", re.IGNORECASE),
        symbols=symbols,
        guarded=guarded,
        names=names,
        name_pattern=_after_pattern(names, symbols),
        defaults=defaults,
        scales=scales,
        scale_pattern=_scale_pattern(scales),
        symbol_before=_before_pattern(symbols),
        demand=frozenset(read_lexicon(lexicon_dir / "money_demand_words.txt")),
        paid=frozenset(read_lexicon(lexicon_dir / "money_paid_words.txt")),
        ransom_context=frozenset(read_lexicon(lexicon_dir / "money_ransom_context.txt")),
        negations=frozenset(read_lexicon(lexicon_dir / "money_negations.txt")),
    )


def _guarded(symbols: dict[str, tuple[str, ...]], local: set[str],
             by_country: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Signs that stand for money only in a document about a country using one of their
    currencies: those only a country's own locale writes ("R", "Q", "Kz"), and single
    letters ("N", "P", "K"), which elsewhere are road numbers and initials ("the N1")."""
    users: dict[str, set[str]] = {}
    for country, codes in by_country.items():
        for code in codes:
            users.setdefault(code, set()).add(country)
    out = {}
    for sign, codes in symbols.items():
        if sign in local or (len(sign) == 1 and sign.isalpha()):
            out[sign] = frozenset(c for code in codes for c in users.get(code, ()))
    return out


def _after_pattern(names: dict[str, tuple[str, ...]], symbols: dict) -> re.Pattern[str]:
    multi = [s for s in symbols if len(s) > 1 or not s.isalpha()]
    return re.compile(
        rf"(?:[{SPACES}]|-)?(?:(?P<name>{lexicons.trie(names, fold=True)})\b"
        rf"|(?-i:(?P<sign>{lexicons.trie(multi)}))(?![\w]))",
        re.IGNORECASE,
    )


def _before_pattern(symbols: dict) -> re.Pattern[str]:
    """A sign or code at the end of the text before an amount: letters only when no
    letter precedes them ("N40m", not "AK47")."""
    return re.compile(rf"(?<![A-Za-z])(?P<sign>{lexicons.trie(symbols)})[{SPACES}]?$")


def _number_pattern(words: dict[str, int], scales: dict[str, int]) -> re.Pattern[str]:
    """Digits, or number words right before a scale word ("a billion CFA francs",
    "five million naira"): without a scale, a word number is no amount."""
    word = lexicons.trie(words, fold=True)
    scale = _scale_words(scales)
    return re.compile(
        NUMBER.pattern
        + rf"|\b(?P<words>(?:{word})(?:[\s-](?:{word}))*)(?=\s+(?:{scale})\b)",
        re.IGNORECASE,
    )


def _scale_words(scales: dict[str, int]) -> str:
    """The scale words that may follow number words ("million", not "m")."""
    return lexicons.trie([s for s in scales if len(s) > 2], fold=True)


def _scale_pattern(scales: dict[str, int]) -> re.Pattern[str]:
    words = [s for s in scales if len(s) > 2]
    letters = [s for s in scales if len(s) <= 2]
    word, letter = lexicons.trie(words, fold=True), lexicons.trie(letters, fold=True)
    return re.compile(
        rf"(?:[{SPACES}-]?(?P<word>{word})|(?P<letter>{letter}))"
        r"(?![A-Za-z])",
        re.IGNORECASE,
    )


# --- finding amounts ------------------------------------------------------------------


@dataclass
class _Amount:
    start: int
    end: int
    number: float
    scale: int | None
    codes: tuple[str, ...]  # candidate currencies
    form: str  # the currency as written, for the defaults table


def extract(ctx: DocContext, resources: MoneyResources) -> list[Money]:
    text = ctx.text
    amounts = _amounts(text, resources)
    countries = _countries(ctx.country, ctx.result("places"))
    out = []
    for a in amounts:
        if not _sign_counts(a, countries, resources):
            continue
        value = a.number * (a.scale or 1)
        if not math.isfinite(value):  # 309 digits and more: beyond a float, and any ransom
            continue
        out.append(Money(
            text=text[a.start : a.end], start_char=a.start, end_char=a.end,
            value=int(value) if float(value).is_integer() else value,
            currency=_currency(a, countries, resources, text),
            role=_role(ctx.doc, a.start, a.end, resources),
        ))
    return out


def _sign_counts(a: _Amount, countries: list[str], res: MoneyResources) -> bool:
    """A guarded sign in a document that names countries needs one of them to use its
    currency (with none named, the sign is read as written); a single letter also needs
    a sum, not a small bare number ("N1" is a road)."""
    allowed = res.guarded.get(a.form)
    if allowed is None:
        return True
    if countries and not allowed.intersection(countries):
        return False
    single = len(a.form) == 1 and a.form.isalpha()
    return not (single and a.scale is None and a.number < MIN_BARE_LETTER_AMOUNT)


def _number_starts(text: str, res: MoneyResources) -> list[int]:
    """Where `res.numbers` can match: at the first of a run of digits, and, when some
    scale word follows a space somewhere, at the words a number word can start. Trying
    it only there gives the matches of a full scan at a fraction of the cost."""
    starts = Starts(text)
    digits = starts.at(DIGIT_RUNS_ANY)
    if not res.any_scale.search(text):
        return digits
    return sorted({*digits, *starts.at(res.word_number_starts)})


# How far after an amount its currency's name may run ("million South Sudanese pounds").
NAME_REACH = 40


def _name_after(text: str, end: int, res: MoneyResources) -> re.Match[str] | None:
    """The currency name or sign right after an amount, read without accents ('500 million
    guaraníes'), as names are stored; the match's offsets count from `end`."""
    window = text[end : end + NAME_REACH]
    if not window.isascii():
        window = "".join(_base_letter(c) for c in window)  # letter for letter
    return res.name_pattern.match(window)


@lru_cache(maxsize=1024)
def _base_letter(c: str) -> str:
    base = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
    return base if len(base) == 1 else c


def _amounts(text: str, res: MoneyResources) -> list[_Amount]:
    found: list[_Amount] = []
    for m in matches(res.numbers, text, _number_starts(text, res)):
        number = _number(m["num"]) if m["num"] else _word_number(m["words"], res)
        if number is None:
            continue
        end = m.end()
        scale = None
        sm = res.scale_pattern.match(text, end)
        if sm:
            scale = res.scales[(sm["word"] or sm["letter"]).lower()]
            end = sm.end()
        start, codes, form = m.start(), (), ""
        before = res.symbol_before.search(text, max(0, m.start() - 8), m.start())
        if before and _sign_fits(before["sign"], m.start() - before.end("sign")):
            start, codes, form = before.start("sign"), res.symbols[before["sign"]], before["sign"]
        else:
            after = _name_after(text, end, res)
            if after and after["name"]:
                form = after["name"]
                codes, end = res.names[currencies.plain(form)], end + after.end()
            elif after and after["sign"] and after["sign"] in res.symbols:
                form = after["sign"]
                codes, end = res.symbols[form], end + after.end()
        if codes:
            found.append(_Amount(start, end, number, scale, codes, form))
        elif found and _continues_range(text, found[-1], m.start()):
            prev = found[-1]
            found.append(_Amount(m.start(), end, number, scale, prev.codes, prev.form))
    _share_scales(text, found)
    return found


def _sign_fits(sign: str, gap: int) -> bool:
    """Letters standing for a currency ("N", "K", "P") touch the digits; others may
    be one space away ("Rs 5m", "FCFA 6million")."""
    if len(sign) == 1 and sign.isalpha():
        return gap == 0
    return gap <= MAX_SYMBOL_GAP


def _number(raw: str) -> float | None:
    digits = raw.replace(",", "")
    for space in SPACES:
        digits = digits.replace(space, "")
    if digits.count(".") > 1:  # 1.500.000: dots as thousands separators
        digits = digits.replace(".", "")
    try:
        return float(digits)
    except ValueError:
        return None


def _word_number(words: str, res: MoneyResources) -> float | None:
    parts = re.split(r"[\s-]+", words.lower())
    values = [res.number_words.get(p) for p in parts]
    if None in values or (("a" in parts or "an" in parts) and len(parts) > 1):
        return None
    return float(sum(values))


def _continues_range(text: str, prev: _Amount, start: int) -> bool:
    """"$1-2 million", "N50 to 100m": a bare number right after an amount and a
    range word is the range's other end, in the same currency."""
    return bool(RANGE_JOINER.fullmatch(text[prev.end : start])) and prev.end < start


def _share_scales(text: str, amounts: list[_Amount]) -> None:
    """"$1-2 million": the first end of a range takes the scale written after the second."""
    for first, second in pairwise(amounts):
        joined = RANGE_JOINER.fullmatch(text[first.end : second.start])
        if joined and first.scale is None and second.scale and first.number < second.number:
            first.scale = second.scale


def _countries(main: str | None, places: list[Place]) -> list[str]:
    """The document's main country, then every other country it names, most named first."""
    tally: dict[str, int] = {}
    for place in places:
        if place.country_code:
            tally[place.country_code] = tally.get(place.country_code, 0) + len(place.mentions)
    others = sorted((c for c in tally if c != main), key=lambda c: -tally[c])
    return ([main] if main else []) + others


def _currency(a: _Amount, countries: list[str], res: MoneyResources, text: str) -> str | None:
    """One candidate: it. A default ("dollars"): it. Else the currency of the first of
    the document's countries (its main one first) that uses one of the candidates, else
    the one whose qualifier the text uses ("a Mexican actor": Mexican pesos)."""
    if len(a.codes) == 1:
        return a.codes[0]
    default = res.defaults.get(currencies.plain(a.form)) or res.defaults.get(a.form)
    if default:
        return default
    for country in countries:
        local = [c for c in res.by_country.get(country, ()) if c in a.codes]
        if local:
            return local[0]
    named = [c for c in a.codes if c in res.adjectives and res.adjectives[c].search(text)]
    return named[0] if len(named) == 1 else None


# --- what the amount is ----------------------------------------------------------------


def _role(doc: Doc, start: int, end: int, res: MoneyResources) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "other"
    root = span.root
    role = None
    for governor in [root, *root.ancestors]:
        role = _verb_role(governor, res)
        if role or (governor.dep_ in ("ROOT", "ccomp", "advcl", "relcl") and governor is not root):
            break
    if role is None:
        # The parse may miss the link ("paid N1.5m." read as an abbreviation): the nearest
        # demand or payment word before the amount in its clause decides.
        for tok in reversed(doc[max(span.sent.start, span.start - LOOKBACK) : span.start]):
            if tok.text in (";", ".") or tok.dep_ == "mark":
                break
            role = _verb_role(tok, res)
            if role:
                break
    if role is None:
        after = doc[span.end : span.end + 3]  # "N26 million as ransom"
        near = _near_ransom(root) or any(t.lemma_.lower() == "ransom" for t in after)
        return "ransom_demanded" if near else "other"
    if role == "ransom_paid" and not _about_ransom(span, res):
        return "other"
    return role


def _verb_role(token: Token, res: MoneyResources) -> str | None:
    """A payment word makes the amount paid, unless the payment is asked for ("asking
    him to pay N110m") or did not happen ("failed to pay a ransom of $63,000"): then it
    is the sum demanded."""
    lemma = token.lemma_.lower()
    if lemma in res.paid:
        asked = token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in res.demand
        return "ransom_demanded" if asked or _negated(token, res) else "ransom_paid"
    if lemma in res.demand:
        return "ransom_demanded"
    return None


def _about_ransom(span, res: MoneyResources) -> bool:
    """A payment is a ransom when its sentence speaks of a kidnapping or a ransom, or,
    for "pay" itself, when the sentence before does."""
    def speaks(tokens) -> bool:
        return any(t.lemma_.lower() in res.ransom_context or t.lower_ in res.ransom_context
                   for t in tokens)

    sent = span.sent
    if speaks(sent):
        return True
    verb_is_pay = any(t.lemma_.lower() == "pay" for t in sent[: span.start - sent.start])
    return verb_is_pay and sent.start > 0 and speaks(span.doc[sent.start - 1].sent)


def _negated(verb: Token, res: MoneyResources) -> bool:
    """"did not pay", "refused to pay", "no ransom was paid", "without paying"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.lower_ == "no" for child in verb.children for c in child.children
           if child.dep_ in ("nsubjpass", "dobj", "nsubj")):
        return True
    head = verb.head
    return head is not verb and head.lemma_.lower() in res.negations


def _near_ransom(token: Token) -> bool:
    """"a ransom of N5 million", "a N5 million ransom": asked for unless a verb says paid."""
    for governor in [token, *list(token.ancestors)[:3]]:
        if governor.lemma_.lower() == "ransom":
            return True
    return any(c.lemma_.lower() == "ransom" for c in token.children)
