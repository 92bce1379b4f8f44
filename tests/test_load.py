"""Reading inputs never raises: every path becomes bytes or a typed error."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from kfr_extract import load
from kfr_extract.load import RawInput, Selection, iter_inputs, read_file, walk_folder


def test_walk_is_sorted_skips_hidden_and_does_not_follow_folder_links(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("x")
    (tmp_path / "b" / "up").symlink_to(tmp_path, target_is_directory=True)
    names = [p.relative_to(tmp_path).as_posix() for p in walk_folder(tmp_path)]
    assert names == ["a.txt", "b/2.txt"]


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    raw = read_file(fifo, 1000)
    assert raw.error.type == "not_text" and "not a regular file" in raw.error.message


def test_a_folder_given_as_a_file_is_refused(tmp_path):
    raw = read_file(tmp_path, 1000)
    assert raw.error.type == "not_text" and "folder" in raw.error.message


def test_reads_are_bounded_even_when_stat_lies(tmp_path, monkeypatch):
    """A file that grows after stat() is still cut at max_bytes + 1 and refused."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    raw = read_file(path, 10)
    assert raw.error.type == "too_large" and "100 bytes" in raw.error.message
    assert read_file(path, 100) == RawInput(str(path), data=b"x" * 100)


def test_stdin_over_the_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y" * 50)))
    (raw,) = iter_inputs(["-"], max_bytes=10)
    assert raw.path == "-" and raw.error.type == "too_large"
    assert raw.error.message.startswith("<stdin>:")


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("fine")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("x")
    real_scandir = os.scandir

    def guarded(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    got = list(iter_inputs([str(tmp_path)]))
    assert [r.path for r in got if r.data] == [str(tmp_path / "ok.txt")]
    errors = [r for r in got if r.error]
    assert len(errors) == 1 and errors[0].path == str(locked)
    assert errors[0].error.type == "permission_denied"
    assert "folder" in errors[0].error.message


def test_a_walk_reads_document_types_and_reports_the_rest(tmp_path):
    for name in ("a.txt", "b.HTML", "c.pdf", "d.docx", "e.htm", "notes.md", "data.json", "README"):
        (tmp_path / name).write_text("x")
    skipped = []
    read = [Path(r.path).name for r in iter_inputs([str(tmp_path)], on_skip=skipped.append)]
    assert read == ["a.txt", "b.HTML", "c.pdf", "d.docx", "e.htm"]
    assert sorted(p.name for p in skipped) == ["README", "data.json", "notes.md"]


def test_selection_globs_match_names_and_paths_below_the_folder(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.txt").write_text("x")
    (tmp_path / "y.txt").write_text("x")
    (tmp_path / "z.md").write_text("x")

    def names(selection: Selection) -> list[str]:
        found = iter_inputs([str(tmp_path)], selection=selection)
        return sorted(Path(r.path).relative_to(tmp_path).as_posix() for r in found)

    assert names(Selection(exclude=("drafts/*",))) == ["y.txt"]
    assert names(Selection(include=("*.md",))) == ["z.md"]
    assert names(Selection(include=("*",), exclude=("x.txt",))) == ["y.txt", "z.md"]


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("x")
    (raw,) = iter_inputs([str(path)], selection=Selection(exclude=("*",)))
    assert raw.data == b"x"


def test_a_file_deleted_between_listing_and_reading_gets_an_error(tmp_path):
    """Issue 14 #6: the walk lists it, then it is gone: a record, not silence."""
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "b.txt").write_text("second")
    inputs = iter_inputs([str(tmp_path)])
    first = next(inputs)
    (tmp_path / "b.txt").unlink()
    rest = list(inputs)
    assert first.data == b"first"
    assert [r.path for r in rest] == [str(tmp_path / "b.txt")]
    assert rest[0].error.type == "not_found"


def test_a_huge_limit_is_not_allocated_up_front(tmp_path):
    """Issue 14 #5: --max-bytes 100000000000 gave MemoryError (read() pre-allocated it)."""
    (tmp_path / "a.txt").write_bytes(b"x" * 100)
    raw = read_file(tmp_path / "a.txt", 100_000_000_000)
    assert raw.data == b"x" * 100 and raw.error is None


def test_reads_in_steps_still_stop_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "READ_STEP", 7)
    (tmp_path / "a.txt").write_bytes(b"y" * 50)
    assert read_file(tmp_path / "a.txt", 50).data == b"y" * 50
    assert read_file(tmp_path / "a.txt", 49).error.type == "too_large"


def test_a_name_that_is_not_utf8_becomes_escaped_text(tmp_path):
    """Issue 14 #1: the path is valid Unicode (JSON can carry it), and tells names apart."""
    odd = os.path.join(os.fsencode(tmp_path), b"b\xff\\x.txt")
    with open(odd, "wb") as handle:
        handle.write(b"text")
    (raw,) = iter_inputs([str(tmp_path)])
    assert raw.path == str(tmp_path / "b\\xff\\\\x.txt") and raw.data == b"text"
    raw.path.encode("utf-8")  # no lone surrogate left
    assert load.path_text("a\\xff.txt") != load.path_text(os.fsdecode(b"a\xff.txt"))


def test_messages_escape_control_characters():
    """Issue 14 #14: a newline cannot forge a line, an escape code cannot reach the terminal."""
    assert load.printable("a\nerror internal: x\x1b[31m\u202e.txt") == (
        "a\\x0aerror internal: x\\x1b[31m\\u202e.txt")
    assert load.display_name("r\x07.txt") == "r\\x07.txt"
