"""Currency facts from CLDR (babel), built once and read from the cache."""

from __future__ import annotations

from pathlib import Path

from kfr_extract.extract import currencies


def test_cldr_facts_money_and_incidents_read(tmp_path: Path):
    cldr = currencies.load(tmp_path)
    assert cldr.of_country("NG") == ("NGN",) and cldr.of_country("SN") == ("XOF",)
    assert cldr.of_country("ZZ") == cldr.of_country(None) == ()
    assert cldr.names["naira"] == ("NGN",)
    assert {"COP", "MXN", "PHP"} <= set(cldr.names["pesos"])
    assert cldr.signs["€"] == ("EUR",) and cldr.qualifiers["MXN"] == "Mexican"
    sole = cldr.sole_users()
    assert sole["NGN"] == "NG" and "XOF" not in sole  # eight countries use the CFA franc
    assert currencies.load(tmp_path) == cldr  # read back from the cache file


def test_built_once_per_cache_folder(tmp_path: Path, monkeypatch):
    calls = []
    real = currencies.build

    def counted() -> currencies.Currencies:
        calls.append(1)
        return real()

    monkeypatch.setattr(currencies, "build", counted)
    currencies.load(tmp_path)
    currencies.load(tmp_path)
    assert calls == [1]


def test_plain_names_drop_case_and_accents():
    assert currencies.plain("Bolívares") == currencies.plain("BOLIVARES") == "bolivares"


def test_names_in_the_countries_own_languages(tmp_path: Path):
    """CLDR's Portuguese, Spanish ... names of a country's currency, where they are forms
    of the English noun; their adjectives are not currency names."""
    cldr = currencies.load(tmp_path)
    assert cldr.names["meticais"] == ("MZN",) and cldr.names["reais"] == ("BRL",)
    assert cldr.names["colones"] == ("CRC",)
    assert "mocambicanos" not in cldr.names and "brasileiros" not in cldr.names
    assert cldr.names["dollars"] != ("CAD",)  # the English name is kept where both exist
