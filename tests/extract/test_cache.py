"""Tables kept in the user's cache: keyed by what they are made of, rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

from kfr_extract.extract import cache


def test_the_key_follows_the_files_contents(tmp_path: Path):
    source = tmp_path / "words.txt"
    source.write_text("alpha\n")
    before = cache.digest([source], ["pycountry"])
    assert cache.digest([source], ["pycountry"]) == before
    source.write_text("alpha\nbeta\n")
    assert cache.digest([source], ["pycountry"]) != before
    assert cache.digest([source], ["pycountry"], "2026-12-08") != cache.digest([source],
                                                                               ["pycountry"])


def test_built_once_then_read(tmp_path: Path):
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"a": (1, 2)}

    assert cache.load_or_build("t", "k1", build, tmp_path) == {"a": (1, 2)}
    assert cache.load_or_build("t", "k1", build, tmp_path) == {"a": (1, 2)}
    assert calls == [1]
    cache.load_or_build("t", "k2", build, tmp_path)  # another key: another file
    assert len(calls) == 2


def test_a_damaged_file_is_rebuilt_and_an_unwritable_folder_still_works(tmp_path: Path):
    cache.load_or_build("t", "k", lambda: [1], tmp_path)
    (tmp_path / "t-k.pickle").write_bytes(b"\x80\x05not a pickle")
    assert cache.load_or_build("t", "k", lambda: [2], tmp_path) == [2]
    blocker = tmp_path / "file"
    blocker.write_text("where a folder should be")
    assert cache.load_or_build("t", "k", lambda: [3], blocker / "cache") == [3]
    assert not list(tmp_path.rglob("*.tmp"))


def test_the_folder_follows_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("KFR_EXTRACT_CACHE", str(tmp_path))
    assert cache.cache_dir() == tmp_path
    monkeypatch.delenv("KFR_EXTRACT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "kfr-extract"
