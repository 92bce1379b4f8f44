"""Currency facts from babel's CLDR data, read once and kept in the user's cache.

Which currencies are in use, their English names and signs, and which countries use
which: `money` reads amounts with them and `incidents` places a ransom's currency in
its country. Reading them from babel costs about 0.1 s at start-up (its locale data
and every country's tender currencies); the derived tables unpickle in a few
milliseconds (`cache.py`). CLDR's tender currencies depend on the date, so the cache
key holds the day.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kfr_extract.extract import cache


@dataclass(frozen=True)
class Currencies:
    current: frozenset[str]  # ISO 4217 codes some country uses today
    signs: dict[str, tuple[str, ...]]  # English sign ("$", "€", "MX$") -> its currencies
    names: dict[str, tuple[str, ...]]  # plain name or name tail ("cfa francs") -> codes
    qualifiers: dict[str, str]  # code -> the words before its noun ("Mexican" peso)
    by_country: dict[str, tuple[str, ...]]  # ISO 3166 alpha-2 -> currencies, main first
    local_signs: dict[str, tuple[str, ...]]  # a sign only the country's own locale writes

    def of_country(self, country: str | None) -> tuple[str, ...]:
        return self.by_country.get(country or "", ())

    def sole_users(self) -> dict[str, str]:
        """Currencies that one country alone uses: NGN -> NG."""
        users: dict[str, set[str]] = {}
        for country, codes in self.by_country.items():
            for code in codes:
                users.setdefault(code, set()).add(country)
        return {code: next(iter(c)) for code, c in users.items() if len(c) == 1}


def load(directory: Path | None = None) -> Currencies:
    key = cache.digest([Path(__file__)], ["babel", "pycountry"], date.today().isoformat())
    return cache.load_or_build("currencies", key, build, directory)


def plain(text: str) -> str:
    """Lower case without accents: 'Bolívares' and 'bolivares' are one name."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def build() -> Currencies:
    import pycountry
    from babel import Locale
    from babel.numbers import get_territory_currencies

    by_country = {}
    for country in pycountry.countries:
        try:
            by_country[country.alpha_2] = tuple(get_territory_currencies(country.alpha_2))
        except Exception:  # babel raises for codes CLDR does not know
            continue
    current = frozenset(code for codes in by_country.values() for code in codes)
    english = Locale("en")
    qualifiers = {code: " ".join(english.currencies.get(code, "").split()[:-1])
                  for code in current}
    names = _names(english, current)
    for form, codes in _native_names(english, by_country).items():
        names.setdefault(form, codes)  # the English name wins where both exist
    signs = _signs(english, current)
    local = {sign: codes for sign, codes in _local_signs(by_country).items() if sign not in signs}
    return Currencies(current=current, signs=signs, local_signs=local,
                      names=names, by_country=by_country,
                      qualifiers={code: q for code, q in qualifiers.items() if q})


def _signs(english, current: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """English signs from CLDR ("$", "€", "MX$", "₱"), each for the currencies using it."""
    out: dict[str, list[str]] = {}
    for code, sign in english.currency_symbols.items():
        if code in current and sign != code:
            out.setdefault(sign.replace("\u202f", " "), []).append(code)
    return {sign: tuple(codes) for sign, codes in out.items()}


def _local_signs(by_country: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The sign each country's own locales give its main currency where English CLDR
    gives only the code: "R" rand (en_ZA), "Q" quetzal (es_GT), "K" kina (en_PG). The
    local press writes these ("R15-million", "Q500,000"); `money` reads them only in a
    document about a country using that currency, since a bare letter is too common."""
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    out: dict[str, set[str]] = {}
    for country, codes in by_country.items():
        if not codes:
            continue
        for language in get_official_languages(country, de_facto=True):
            try:
                locale = Locale.parse(f"{language}_{country}")
            except (UnknownLocaleError, ValueError):
                continue
            sign = (locale.currency_symbols.get(codes[0]) or "").strip("\u200b\u200f ")
            if sign and sign != codes[0]:
                out.setdefault(sign, set()).add(codes[0])
    return {sign: tuple(sorted(codes)) for sign, codes in out.items()}


def _names(english, current: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Every English name of a current currency, singular and plural, and each of its
    word tails ("central african cfa francs" -> "cfa francs" -> "francs"), so a name
    written in part ("CFA francs", "pesos") finds all the currencies it may be."""
    from babel.numbers import get_currency_name

    out: dict[str, set[str]] = {}
    for code in sorted(current):
        forms = {english.currencies.get(code, ""), get_currency_name(code, count=2, locale="en")}
        for form in filter(None, forms):
            words = plain(form).split()
            for i in range(len(words)):
                out.setdefault(" ".join(words[i:]), set()).add(code)
    return {name: tuple(sorted(codes)) for name, codes in out.items()}


def _native_names(english, by_country: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The noun of each currency in its countries' official languages, where it is a
    form of the English noun: "meticais" (Portuguese plural of metical), "reais",
    "colones", "francos". Stories translated or written locally keep these; adjectives
    ("moçambicanos", "schweizer") and other words are left out, since only a word
    sharing its first letters with the English noun is taken."""
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages
    from babel.numbers import get_currency_name

    out: dict[str, set[str]] = {}
    for country, codes in by_country.items():
        if not codes:
            continue
        code = codes[0]
        noun = plain(english.currencies.get(code, "")).split()[-1:]
        if not noun:
            continue
        for language in get_official_languages(country, de_facto=True):
            if language == "en":
                continue
            try:
                locale = Locale.parse(f"{language}_{country}")
            except (UnknownLocaleError, ValueError):
                try:
                    locale = Locale.parse(language)
                except (UnknownLocaleError, ValueError):
                    continue
            for count in (1, 2):
                for word in plain(get_currency_name(code, count=count, locale=locale)).split():
                    if len(word) >= 4 and word.isalpha() and word[:3] == noun[0][:3]:
                        out.setdefault(word, set()).add(code)
    return {word: tuple(sorted(codes)) for word, codes in out.items()}
