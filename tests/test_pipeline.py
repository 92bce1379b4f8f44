"""The pipeline's promises: one record per input in input order, long texts parsed in
chunks with offsets into the whole text, and a failing or hanging document recorded
as such while the rest of the batch goes on."""

from __future__ import annotations

import shutil
import time

import pytest
from spacy.language import Language

from kfr_extract import nlp as nlp_module
from kfr_extract import pipeline
from kfr_extract.chunks import merge_results, shift, split_chunks
from kfr_extract.load import RawInput
from kfr_extract.models import Record, iter_spans
from kfr_extract.paths import pipelines_dir

PARAGRAPHS = [
    "The United Nations Office on Drugs and Crime (UNODC) held a workshop in Nairobi, Kenya, "
    "from 3 to 5 May 2022 for 25 police officers from Kenya and Uganda.",
    "“Kidnapping for ransom feeds armed groups,” said Ms. Amina Diallo, Director at UNODC.",
    "Officials from Mali described 14 abductions near Bamako in June 2021.",
    "The OSCE and INTERPOL sent 6 experts to Vienna on 12 January 2023.",
]


def report(copies: int) -> str:
    return "\n\n".join(PARAGRAPHS * copies) + "\n"


@Language.component("kfr_test_trap")
def _trap(doc):
    """A stand-in for a buggy or runaway extractor, keyed on words in the text."""
    if "HANG" in doc.text:
        time.sleep(60)
    if "SLOWISH" in doc.text:
        time.sleep(0.2)
    if "BOOM" in doc.text:
        raise RuntimeError("trap sprung")
    return doc


@pytest.fixture(scope="module")
def trapped_nlp():
    nlp = nlp_module.build()
    nlp.add_pipe("kfr_test_trap", before="kfr_extract")
    return nlp


def raws(texts: list[str]) -> list[RawInput]:
    return [RawInput(f"doc{i}.txt", data=t.encode("utf-8")) for i, t in enumerate(texts)]


def assert_grounded(record: Record) -> None:
    for span in iter_spans(record):
        assert 0 <= span.start_char <= span.end_char <= len(record.text)
        assert record.text[span.start_char:span.end_char] == span.text


# ---- chunking -----------------------------------------------------------------------


def test_chunks_cover_the_text_and_prefer_paragraphs():
    text = report(40)
    chunks = split_chunks(text, 1000)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 1000 for _, c in chunks)
    assert all(text[start:start + len(c)] == c for start, c in chunks)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])


def test_chunks_fall_back_to_lines_sentences_spaces_then_hard_cuts():
    assert [c for _, c in split_chunks("aaaa\nbbbb\ncccc", 10)] == ["aaaa\nbbbb\n", "cccc"]
    assert [c for _, c in split_chunks("Aa aa. Bb bb. Cc", 10)] == ["Aa aa. ", "Bb bb. Cc"]
    assert [c for _, c in split_chunks("aaaa bbbb cccc", 10)] == ["aaaa bbbb ", "cccc"]
    assert [c for _, c in split_chunks("x" * 25, 10)] == ["x" * 10, "x" * 10, "x" * 5]
    with pytest.raises(ValueError):
        split_chunks("text", 0)


def test_fifty_megabytes_split_quickly_within_the_limit():
    text = report(1) * (50_000_000 // len(report(1)))
    started = time.monotonic()
    chunks = split_chunks(text, pipeline.CHUNK_CHARS)
    assert time.monotonic() - started < 10
    assert sum(len(c) for _, c in chunks) == len(text)
    assert max(len(c) for _, c in chunks) <= pipeline.CHUNK_CHARS
    assert chunks[-1][0] + len(chunks[-1][1]) == len(text)


def test_merge_shifts_offsets_and_merges_by_name():
    first = {"sentences": 2, "places": [{"name": "Kenya", "mentions": [
        {"text": "Kenya", "start_char": 5, "end_char": 10}]}], "event": None,
        "dates": [{"text": "May 2022", "start_char": 0, "end_char": 8}]}
    second = {"sentences": 3, "places": [
        {"name": "Kenya", "mentions": [{"text": "Kenya", "start_char": 1, "end_char": 6}]},
        {"name": "Mali", "mentions": [{"text": "Mali", "start_char": 8, "end_char": 12}]}],
        "event": {"start": "2022-05"}, "dates": []}
    merged = merge_results([(0, first), (100, second)])
    assert merged["sentences"] == 5
    assert [p["name"] for p in merged["places"]] == ["Kenya", "Mali"]
    assert [m["start_char"] for m in merged["places"][0]["mentions"]] == [5, 101]
    assert merged["places"][1]["mentions"][0]["end_char"] == 112
    assert merged["event"] == {"start": "2022-05"}
    assert shift({"a": [{"start_char": 1, "end_char": 2}]}, 3) == {
        "a": [{"start_char": 4, "end_char": 5}]}


def test_chunked_parse_keeps_offsets_and_results(nlp):
    """A report parsed whole and in ~500-character chunks gives the same items."""
    text = report(6)
    whole = pipeline.extract_text(text, nlp=nlp)
    chunked = pipeline.extract_text(text, nlp=nlp, chunk_chars=500)
    assert len(split_chunks(text, 500)) > 4
    assert chunked.status == "ok" and chunked.text == text
    assert_grounded(chunked)
    assert chunked.dates == whole.dates
    assert {p.name for p in chunked.places} == {p.name for p in whole.places}
    assert {o.name for o in chunked.organizations} == {o.name for o in whole.organizations}
    kenya = next(p for p in chunked.places if p.name == "Kenya")
    assert len(kenya.mentions) == sum(len(p.mentions) for p in whole.places if p.name == "Kenya")
    assert chunked.sentences == whole.sentences


def test_chunk_limit_never_exceeds_spacys_max_length(nlp):
    assert pipeline._Runner(nlp, None, 10**9).chunk_chars == nlp.max_length


# ---- one record per input, whatever happens -----------------------------------------


def test_records_keep_input_order_with_errors_mixed_in(nlp):
    texts = [report(1), "", "\x00\x01binary\x00", report(1)]
    records = list(pipeline.run(raws(texts), nlp=nlp))
    assert [r.source.path for r in records] == [f"doc{i}.txt" for i in range(4)]
    assert [r.status for r in records] == ["ok", "error", "error", "ok"]
    assert records[1].error.type == "empty"


def test_a_failing_extractor_fails_its_document_only(trapped_nlp):
    texts = [report(1), "A BOOM in the middle of 3 May 2022.", report(1)]
    records = list(pipeline.run(raws(texts * 3), nlp=trapped_nlp))
    assert len(records) == 9
    for i, record in enumerate(records):
        if i % 3 == 1:
            assert record.error.type == "parse_failed"
            assert record.error.message == (
                f"doc{i}.txt: parsing or extraction failed (RuntimeError: trap sprung)")
        else:
            assert record.status == "ok" and record.places


def test_a_hanging_document_times_out_and_the_batch_goes_on(trapped_nlp):
    texts = [report(1)] * 5 + ["This text will HANG."] + [report(1)] * 5
    started = time.monotonic()
    records = list(pipeline.run(raws(texts), nlp=trapped_nlp, timeout=1.0))
    assert time.monotonic() - started < 15
    assert [r.status for r in records] == ["ok"] * 5 + ["error"] + ["ok"] * 5
    assert records[5].error.type == "timeout"
    assert records[5].error.message.startswith("doc5.txt: gave up after 1 seconds")
    assert all(r.places for r in records if r.status == "ok")


def test_a_long_document_over_the_timeout_across_chunks(trapped_nlp):
    """Each chunk is quick but the document as a whole runs over: it is given up."""
    slow = ("Talks in Vienna on 3 May 2022. SLOWISH\n\n" * 80)
    texts = [report(1), slow, report(1)]
    started = time.monotonic()
    records = list(pipeline.run(raws(texts), nlp=trapped_nlp, timeout=1.0, chunk_chars=120))
    assert time.monotonic() - started < 10
    assert [r.status for r in records] == ["ok", "error", "ok"]
    assert records[1].error.type == "timeout"
    fine = list(pipeline.run(raws([slow[:400]]), nlp=trapped_nlp, timeout=5, chunk_chars=120))
    assert fine[0].status == "ok" and fine[0].dates


def test_a_crash_in_repair_is_an_internal_error_not_an_input_error(nlp, monkeypatch):
    """A bug in repair is ours (`internal`), not the input's (`decode_failed`); the batch
    goes on."""
    def broken_repair(text, undecodable=()):
        if "broken" in text:
            raise LookupError("codec vanished")
        return real_repair(text, undecodable=undecodable)

    real_repair = pipeline.repair
    monkeypatch.setattr(pipeline, "repair", broken_repair)
    records = list(pipeline.run(raws(["some broken text", report(1)]), nlp=nlp))
    assert records[0].error.type == "internal"
    assert "doc0.txt" in records[0].error.message
    assert "codec vanished" in records[0].error.message and "a bug" in records[0].error.message
    assert records[0].source.format == "text"
    assert records[1].status == "ok"


def test_a_crash_in_a_reader_is_an_internal_error(nlp, monkeypatch):
    from kfr_extract.formats import text as text_reader

    def broken_read(data, name):
        raise IndexError("reader bug")

    monkeypatch.setattr(text_reader, "read", broken_read)
    (record,) = pipeline.run(raws(["some text"]), nlp=nlp)
    assert record.error.type == "internal" and "reader bug" in record.error.message


def test_an_invalid_extraction_becomes_an_internal_error_record():
    from kfr_extract.assemble import assemble

    prepared = pipeline.prepare(RawInput("doc0.txt", data=b"A short text."))
    bad = {"dates": [{"text": "nowhere", "start_char": 0, "end_char": 7}]}
    record = assemble(prepared, bad, "v1")
    assert record.error.type == "internal" and record.pipeline == "v1"
    assert "doc0.txt" in record.error.message and "not grounded" in record.error.message


def test_records_carry_the_pipeline_version(nlp):
    (record,) = pipeline.run(raws([report(1)]), nlp=nlp)
    assert record.pipeline == pipeline.pipeline_version(nlp)
    assert "kfr-extract" in record.pipeline and "fields=dates," in record.pipeline


def test_a_lexicon_change_changes_the_pipeline_version(tmp_path, monkeypatch):
    """--out reruns compare `pipeline`: a rule change must redo the documents."""
    copy = tmp_path / "pipelines"
    shutil.copytree(pipelines_dir(), copy)
    monkeypatch.setattr(pipeline, "pipelines_dir", lambda: copy)
    pipeline.rules_digest.cache_clear()
    try:
        before = pipeline.rules_digest()
        with (copy / "lexicons" / "event_types.txt").open("a", encoding="utf-8") as handle:
            handle.write("hackathon\n")
        pipeline.rules_digest.cache_clear()
        assert pipeline.rules_digest() != before
    finally:
        pipeline.rules_digest.cache_clear()


def test_a_page_gives_its_headline_as_title_repaired_like_the_text():
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"
            "<article><h1>CafÃ© owner kidnapped in SÃ£o Paulo</h1><p>Police in SÃ£o Paulo "
            "said on 4 March 2024 that the owner of a cafÃ© had been kidnapped.</p></article>"
            "</body></html>")
    prepared = pipeline.prepare(RawInput("page.html", data=page.encode()))
    assert prepared.error is None and prepared.source.format == "html"
    assert prepared.title == "Café owner kidnapped in São Paulo"
    assert "owner of a café had been kidnapped" in prepared.text


def test_an_error_record_still_names_the_format():
    prepared = pipeline.prepare(RawInput("locked.pdf", data=b"%PDF-1.7\n" + bytes(300)))
    assert prepared.error is not None and prepared.source.format == "pdf"
