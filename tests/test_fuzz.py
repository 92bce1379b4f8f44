"""Property: whatever the input, the pipeline returns one valid, grounded record.

2,000 generated inputs (random bytes; random Unicode; mixed scripts; report-like
fragments with random quotation marks, digits, dates and names; text in other
encodings) go through the whole library pipeline with one shared spaCy pipeline.
No exception may escape, every record must validate, every offset must lie inside
the text and point at its own characters, and the only errors allowed are the ones
that describe the input (empty, not text, undecodable) - never a crash of ours.
"""

from __future__ import annotations

import json
import os
import tempfile
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kfr_extract import cli, pipeline
from kfr_extract.load import RawInput, path_text
from kfr_extract.models import Record, iter_spans

INPUT_ERRORS = {"empty", "not_text", "decode_failed"}
# An example hypothesis found (UTF-16 "Mr.A" and control characters) that once made
# an extractor raise; kept so it is tried on every run.

FRAGMENTS = [
    "“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "「", "」",
    "0", "7", "25", "1,200", "3.5", "2022", "twenty-five", "-", "–", "—", "(", ")", ".", ",",
    ":", "\n", "\n\n", " ", "  ", "\t", "\r\n", "\u00a0", "\ufeff", "\ufffd", "\u200b",
    "3 May 2022", "3-4 May 2022", "May 2022", "June 5, 2023", "from 1 to 3 March 2021",
    "Nairobi", "Kenya", "the Philippines", "UNODC", "United Nations Office on Drugs and Crime",
    "(UNODC)", "OSCE", "Mr.", "Ms.", "H.E.", "Dr.", "John Kamau", "Amina Diallo", "said",
    "stressed", "noted", "kidnapping", "hostages", "officers", "Member States", "ransom",
    "abducted", "were kidnapped", "held hostage", "by gunmen", "bandits", "released",
    "rescued", "on Tuesday", "N2.5m", "$1,000", "FCFA 6million", "pesos", "Rs", "a billion",
    "demanded", "paid", "arrested", "three women", "Separately,",
    "São Tomé", "Côte d'Ivoire", "联合国", "عربي", "Кыргызстан", "日本語", "한국어", "🙂",
    "Ã©", "â€œ", "â€\x9d", "¨C", "Â", "\x00", "\x1b[31m", "&amp;", "<b>", "\\u201c",
]

SCRIPTS = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z"])

texts = st.one_of(
    st.text(max_size=200),
    st.text(SCRIPTS, max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(SCRIPTS, max_size=8)),
             max_size=40).map(" ".join),
)

inputs = st.one_of(
    st.binary(max_size=300),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(texts, st.sampled_from(["utf-16", "utf-8-sig", "cp1252", "latin-1", "gbk",
                                      "shift_jis", "utf-32"]))
    .map(lambda pair: pair[0].encode(pair[1], "ignore")),
    st.tuples(texts, st.binary(max_size=6), texts)
    .map(lambda parts: parts[0].encode("utf-8", "surrogatepass") + parts[1]
         + parts[2].encode("utf-8", "surrogatepass")),
)


def check(record: Record, data: bytes) -> None:
    again = Record.model_validate_json(record.model_dump_json())  # validates, grounding too
    assert again == record
    if record.status == "error":
        assert record.error.type in INPUT_ERRORS, (data, record.error)
        assert record.error.message.startswith("fuzz.txt: "), record.error.message
        return
    for span in iter_spans(record):
        assert 0 <= span.start_char <= span.end_char <= len(record.text), (data, span)
        assert record.text[span.start_char:span.end_char] == span.text, (data, span)


@settings(max_examples=2000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=inputs)
@example(data=b"\xff\xfeM\x00r\x00.\x00A\x00" + b"\x00" * 16 + b"\x06\x00\x00\x00\x01\x00-\x00")
def test_any_input_gives_one_valid_grounded_record(nlp, data):
    records = list(pipeline.run([RawInput("fuzz.txt", data=data)], nlp=nlp))
    assert len(records) == 1
    check(records[0], data)


# ---- the whole command over generated folders (issue 14) -------------------------------

HOSTILE_TEXTS = [
    "There were " + "9" * 400 + " officers in Nairobi on 3 May 2022.", "1e309 hostages",
    "Report [/bold] on Nairobi", "[bold]Vienna[/bold] [link=http://x]here[/link] [red]",
    "\x1b[2J\x1b[31mUNODC\x1b[0m met in Abuja.", "theme “" + ", " * 2000,
    "“We will not pay,” said Mr. John Kamau on 3-4 May 2022.", "\u202eevil\u202c Lagos",
    "Kidnappers demanded $" + "9" * 400 + " in Lagos.", "between 5 and " + "9" * 400 + " gunmen",
]
ODD_NAMES = [b"[bold]x[_bold].txt", b"[/bold]", b"\x1b[31mred.txt",
             b"a\nerror internal: forged.txt", b"r\xff\xfe.txt", b"back\\slash\\xff.txt",
             b"-", b"--out", b"\xc3(", b" ",
             "São Tomé 日本.txt".encode(), b"\r\x07\x7f.txt", b"\xe2\x80\xae.txt"]

names = st.one_of(st.sampled_from(ODD_NAMES), st.binary(min_size=1, max_size=16)).map(
    lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")).filter(lambda b: not b.startswith(b"."))
contents = st.one_of(
    st.sampled_from(HOSTILE_TEXTS).map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(FRAGMENTS + HOSTILE_TEXTS), max_size=20).map(
        lambda parts: " ".join(parts).encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
)
entries = st.lists(
    st.tuples(names, st.sampled_from(["file", "file", "file", "dangling", "loop", "fifo"]),
              contents),
    min_size=1, max_size=5, unique_by=lambda entry: entry[0])


def _make(folder: bytes, entries: list[tuple[bytes, str, bytes]]) -> list[str]:
    """Create the entries; return the paths the records must carry (as the tool shows them)."""
    expected = []
    for name, kind, data in entries:
        path = os.path.join(folder, name)
        if kind == "file":
            with open(path, "wb") as handle:
                handle.write(data)
        elif kind == "dangling":
            os.symlink(b"nowhere", path)
        elif kind == "loop":
            os.symlink(path, path)
        else:
            os.mkfifo(path)
        expected.append(path_text(os.fsdecode(path)))
    return expected


def _cli(nlp, *args: str):
    with mock.patch.object(cli.nlp_module, "build", lambda path=None, overrides=None: nlp):
        return CliRunner().invoke(cli.app, list(args))


def _no_crash(result) -> None:
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(entries=entries)
def test_the_command_gives_one_grounded_record_per_entry_of_any_folder(nlp, entries):
    """Odd names (not UTF-8, markup, escapes, newlines), links that lead nowhere, FIFOs,
    huge numbers and markup in the text: one record each, never `internal`, never a
    traceback, no forged stderr line, offsets grounded; `--out` and `-f table` too."""
    with tempfile.TemporaryDirectory() as root:
        folder = os.path.join(os.fsencode(root), b"in")
        os.mkdir(folder)
        expected = _make(folder, entries)
        # --include '*': every entry is read, whatever its name (not only document types)
        result = _cli(nlp, os.fsdecode(folder), "--include", "*", "--format", "jsonl",
                      "--timeout", "60")
        _no_crash(result)
        records = [Record.model_validate_json(line) for line in result.stdout.splitlines()]
        assert sorted(r.source.path for r in records) == sorted(expected)
        failed = [r for r in records if r.status == "error"]
        assert "internal" not in {r.error.type for r in failed}
        assert len([x for x in result.stderr.splitlines() if x.startswith("error ")]) == \
            len(failed)
        for record in records:
            for span in iter_spans(record):
                assert record.text[span.start_char:span.end_char] == span.text
        out = os.path.join(os.fsencode(root), b"out")
        written = _cli(nlp, os.fsdecode(folder), "--include", "*", "--out", os.fsdecode(out))
        _no_crash(written)
        written_paths = []
        for name in os.listdir(out):
            with open(os.path.join(out, name), "rb") as handle:
                written_paths.append(json.load(handle)["source"]["path"])
        assert sorted(written_paths) == sorted(expected)
        _no_crash(_cli(nlp, os.fsdecode(folder), "--include", "*", "--format", "table"))
