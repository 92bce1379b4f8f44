# ruff: noqa: RUF003  (this module is about look-alike characters)
"""Repair: ftfy's own test cases, the sample, clean text that must not change, properties."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import ftfy
import ftfy.bad_codecs
import pytest
from ftfy.fixes import uncurl_quotes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfr_extract.formats.text import decode
from kfr_extract.repair import FTFY_CONFIG, map_position, repair

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_6fb83db321b109f6.txt"
FTFY_CASES = SHARED / "peer" / "ftfy-test-cases"
MOJIBAKE = SHARED / "eval" / "mojibake"

LEGACY_KIND = re.compile(r"^(gbk|big5|shift_jis|euc_kr)_as_")


def _needs(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not available")


# --------------------------------------------------------------------------------------
# ftfy's own test cases (read from the shared folder, not copied)
# --------------------------------------------------------------------------------------


def _ftfy_cases(expect: str) -> list[dict]:
    if not FTFY_CASES.exists():
        return []
    cases = []
    for path in sorted(FTFY_CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            if case["expect"] == expect:
                cases.append({**case, "file": path.name})
    return cases


PASS_CASES = _ftfy_cases("pass")
KNOWN_FAILURES = _ftfy_cases("fail")


def test_ftfy_pass_cases_are_all_there():
    _needs(FTFY_CASES)
    assert len(PASS_CASES) == 151


@pytest.mark.parametrize(
    "case", PASS_CASES, ids=[f"{c['file']}:{c['label']}" for c in PASS_CASES]
)
def test_ftfy_pass_case(case):
    """Our repair gives ftfy's expected `fixed-encoding` text, put through the same
    cosmetic settings we use (curly quotes and character widths kept, entities, line
    breaks and NFC fixed); and the legacy CJK step never fires on ftfy's cases."""
    expected = ftfy.fix_text(case.get("fixed-encoding", case["fixed"]), FTFY_CONFIG)
    result = repair(case["original"])
    assert result.text == expected
    assert not [f for f in result.fixes if LEGACY_KIND.match(f.kind)]


# ftfy's known failures that our extra step (code pages ftfy does not try on mixed
# lines) repairs. A regression guard, and the number for the report: 3 of 10.
KNOWN_FAILURES_WE_FIX = {
    "Misleading mix-up in Spanish",
    "subtle UTF-8 / codepage 437 mixup in Spanish",
    "Italian UTF-8 / MacRoman mojibake that looks like math",
}


def test_ftfy_known_failures_we_fix():
    _needs(FTFY_CASES)
    fixed = {
        c["label"]
        for c in KNOWN_FAILURES
        if uncurl_quotes(repair(c["original"]).text) == uncurl_quotes(c["fixed"])
    }
    assert fixed == KNOWN_FAILURES_WE_FIX, f"we fix {len(fixed)} of {len(KNOWN_FAILURES)}"


# --------------------------------------------------------------------------------------
# The sample document
# --------------------------------------------------------------------------------------


def test_seed_repairs_exactly():
    raw = SEED.read_text(encoding="utf-8")
    expected = (
        raw.replace("³Ô¹Ï", "吃瓜")
        .replace("¨C", "–")
        .replace("¡¯", "’")
        .replace("¡°", "“")
        .replace("¡±", "”")
    )
    result = repair(raw)
    assert result.text == expected
    for ch in "¡¨³Ô¹Ï":
        assert ch not in result.text
    assert "6 – 8 June 2023" in result.text
    assert "Victims’ Needs" in result.text
    assert "“Beyond the immediate benefits" in result.text
    assert "tackle a transnational kidnap.”" in result.text
    assert "community’s ability" in result.text
    assert [f.kind for f in result.fixes] == ["gbk_as_latin1"]
    assert result.fixes[0].count == 6  # runs: 吃瓜, –, ’, “, ”, ’
    foreign = [a for a in result.anomalies if a.kind == "foreign_script"]
    assert [a.text for a in foreign] == ["51吃瓜"]
    assert result.text[foreign[0].start_char : foreign[0].end_char] == "51吃瓜"
    assert [a.kind for a in result.anomalies] == ["foreign_script"]


def test_seed_matches_hand_repair():
    _needs(MOJIBAKE)
    given = (MOJIBAKE / "real-01.txt").read_text(encoding="utf-8")
    expected = (MOJIBAKE / "real-01.expected.txt").read_text(encoding="utf-8")
    assert repair(given).text.rstrip("\n") == expected.rstrip("\n")


def test_repair_does_not_shift_untouched_text():
    raw = SEED.read_text(encoding="utf-8")
    result = repair(raw)
    edits = result.edits
    assert edits, "the sample is repaired"
    inside = set()
    for s, e, _, _ in edits:
        inside.update(range(s, e))
    for pos, ch in enumerate(raw):
        if pos not in inside:
            assert result.text[map_position(edits, pos)] == ch
    for s, e, ns, ne in edits:
        assert raw[s:e] != result.text[ns:ne]


# --------------------------------------------------------------------------------------
# Clean text comes back unchanged
# --------------------------------------------------------------------------------------

CLEAN = [
    "São Tomé e Príncipe",
    "Côte d'Ivoire and Côte d’Ivoire",
    "Ångström",
    "¡Hola! ¿Qué tal?",
    "½ cup, 1½ hours, ¾ of them",
    "It was 25 °C (77°F).",
    "UNIÃO AFRICANA",
    "SÃO TOMÉ, INFORMAÇÃO, AÇÃO",
    "Âmbito, ÂNGELO, Ângelo da Veiga Tavares",
    "Œuvre, cœur, Šibenik, Žižek, Nikolić, Dvořák, Łódź",
    "Nº 5, 1º lugar, 2ª edição, §12, 50‰",
    "Microsoft® Word™ ©2024",
    "«Liberté», „Guten Tag“, »so«, «\xa0Liberté\xa0», Bonjour\xa0! Prix\xa0: 5\xa0€",
    "He said “I’m here” — she said ‘no’… 6–8 June, 6 – 8 June",
    "m² and km³, E=mc², x × y, ±5%, £100, €5, 5€, ¥1000",
    "Москва — столица России. Київ і Львів. Αθήνα. שלום. مرحبا. สวัสดีครับ",
    "洪旭東去年被綁架,直至今年24日才有最新消息。(網路圖片)",
    "中华人民共和国外交部发言人说：“我们坚决反对。”——这是立场……",
    "日本の警察は、誘拐事件の容疑者を逮捕した。経験者が「大丈夫」と言った。",
    "경찰은 납치 사건 용의자를 체포했다.",
    "UN安理会通过决议; KFR项目（绑架勒索）",
    "Tiếng Việt: Nguyễn Văn Ánh, Đà Nẵng, Ấn Độ",
    "Türkiye’de İstanbul; üç; Ibn Saʿūd; Hawaiʻi; Azərbaycan",
    "The 51吃瓜 Office",
    "Ôôô VIDA MINHA",
    "ESSE CARA AI QUEM É¿",
    "(-1/2)! = √π",
    "Bremer/Mccoy – DrÃ¥ber",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_unchanged(text):
    for doc in (text, f"The report says: {text} And so on.\n"):
        result = repair(doc)
        assert result.text == doc
        assert result.fixes == []


def test_clean_files_unchanged():
    _needs(MOJIBAKE)
    for path in sorted(MOJIBAKE.glob("clean-*.txt")):
        text = path.read_text(encoding="utf-8")
        assert repair(text).text == text, path.name


# --------------------------------------------------------------------------------------
# Repairs
# --------------------------------------------------------------------------------------


def test_mixed_document_is_repaired_run_by_run():
    good = "São Tomé – “correct” UTF-8, Côte d’Ivoire. "
    bad = "The ¡°Office¡± met on 6 ¨C 8 June; Ant¨®nio Guterres spoke."
    fixed = "The “Office” met on 6 – 8 June; António Guterres spoke."
    result = repair(good + bad + "\n" + good)
    assert result.text == good + fixed + "\n" + good
    assert [f.kind for f in result.fixes] == ["gbk_as_latin1"]
    assert result.fixes[0].count == 4


def test_legacy_cjk_encodings():
    text = "He said “the talks were useful” – 谈判很有用 – and left…"
    assert repair(text.encode("gbk").decode("latin-1")).text == text
    text = "He said “the talks were useful” – 談判很有用 – and left…"
    assert repair(text.encode("big5").decode("latin-1")).text == text
    text = "He said “the talks were useful” and 交渉は有益だった…"
    result = repair(text.encode("shift_jis").decode("sloppy-windows-1252"))
    assert result.text == text
    assert [f.kind for f in result.fixes] == ["shift_jis_as_cp1252"]
    text = "He said “the talks were useful” and 회담은 유익했다…"
    assert repair(text.encode("euc_kr").decode("latin-1")).text == text


def test_utf8_mojibake_recipes():
    text = "São Tomé and Príncipe: Maritime Piracy “Surrounding” – Côte d’Ivoire, 中文"
    for recipe in ("sloppy-windows-1252", "latin-1", "cp1251", "mac_roman"):
        try:
            garbled = text.encode("utf-8").decode(recipe)
        except UnicodeDecodeError:
            continue
        assert repair(garbled).text == text, recipe
    twice = text.encode("utf-8").decode("sloppy-windows-1252")
    twice = twice.encode("utf-8").decode("sloppy-windows-1252")
    assert repair(twice).text == text


def test_lost_last_byte_of_closing_quote():
    # UTF-8 read through a Thai code page, the last byte of ” lost (real-05).
    text = "The statement read: โ€œAll suspects confessed.โ€\n\n@2024 – Chijosnews.com\n"
    result = repair(text)
    expected = "The statement read: “All suspects confessed.”\n\n@2024 – Chijosnews.com\n"
    assert result.text == expected
    assert {f.kind for f in result.fixes} == {"utf8_as_cp874", "utf8_lost_byte"}


def test_ftfy_fixes_are_explained():
    result = repair("Fish &amp; chips\r\ncaf\u0065\u0301 at the Ã©cole\r\n")
    assert result.text == "Fish & chips\ncafé at the école\n"
    kinds = {f.kind: f for f in result.fixes}
    assert {"html_entities", "line_breaks", "unicode_nfc"} <= kinds.keys()
    assert "utf8_mixed" in kinds  # "Ã©" beside a good "é": ftfy's decode_inconsistent_utf8
    for fix in result.fixes:
        assert fix.detail and fix.count >= 1
    doubled = repair("SÃƒÂ£o TomÃƒÂ©")
    assert doubled.text == "São Tomé"
    assert [f.kind for f in doubled.fixes] == ["utf8_as_cp1252_x2"]


def test_configuration_suits_extraction():
    kept = "“Quoted” and ‘single’, fullwidth ，（）ＡＢＣ kept"
    assert repair(kept).text == kept
    html = "<p>Fish &amp; chips</p>"
    assert repair(html).text == html  # markup: entities belong to it
    assert repair("ﬁnancial").text == "financial"


# --------------------------------------------------------------------------------------
# Anomalies
# --------------------------------------------------------------------------------------


def test_replacement_characters_are_flagged():
    text = "Bad byte \ufffd here and two \ufffd\ufffd there."
    result = repair(text)
    assert result.text == text
    spans = [(a.kind, a.text, a.start_char, a.end_char) for a in result.anomalies]
    two = text.index("\ufffd\ufffd")
    assert spans == [
        ("replacement_char", "\ufffd", 9, 10),
        ("replacement_char", "\ufffd\ufffd", two, two + 2),
    ]


def test_undecodable_bytes_are_flagged_where_they_land():
    data = "Côte d’Ivoire – “quoted” and a bad byte: X. Ã©cole".encode().replace(b"X", b"\xff")
    decoded = decode(data, "x.txt")
    assert decoded.encoding == "utf-8"
    result = repair(decoded.text, undecodable=decoded.undecodable)
    assert result.text == "Côte d’Ivoire – “quoted” and a bad byte: \ufffd. école"
    [anomaly] = result.anomalies
    assert anomaly.kind == "undecodable_bytes"
    assert result.text[anomaly.start_char : anomaly.end_char] == "\ufffd"


def test_residual_mojibake_is_flagged_not_changed():
    text = "Arsenal v Wolfsburg: pre-season friendly â€â€œ live!"
    result = repair(text)
    residual = [a for a in result.anomalies if a.kind == "residual_mojibake"]
    assert residual
    for a in residual:
        assert result.text[a.start_char : a.end_char] == a.text
    lost = repair("The UN Global Counter-Terrorism Strategy?highlights the importance")
    assert [a.text for a in lost.anomalies] == ["?"]


def test_foreign_script_run_in_english_text():
    result = repair("The United Nations Office (联合国) met in Rabat.")
    assert [(a.kind, a.text) for a in result.anomalies] == [("foreign_script", "联合国")]
    assert repair("联合国在拉巴特举行会议。").anomalies == []


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_TEXT = (
    "the meeting experts from member states organized kidnap ransom victims needs office "
    "counter terrorism international trends good practices challenges support remarked "
    "statement people room today future tackle transnational national law enforcement "
    "officials institutions capacity building project programme funded report said "
    "United Nations UNOCT Rabat Morocco Chris Jones Kingdom"
)
WORDS = _TEXT.split(" ")
ACCENTED = [
    "São", "Tomé", "Côte", "d'Ivoire", "Ångström", "¡Hola!", "½", "°C", "25°C", "naïve",
    "café", "Zürich", "Príncipe", "UNIÃO", "Velásquez", "Ângelo", "déjà", "garçon",
    "Øresund", "Kraków", "Nikolić",
]


def _pool(codec: str, ranges: list[tuple[int, int]], trail_min: int = 0x40) -> list[str]:
    out = []
    for lo, hi in ranges:
        for code in range(lo, hi + 1):
            if (code & 0xFF) < trail_min:
                continue
            try:
                ch = bytes([code >> 8, code & 0xFF]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and ch.isalpha():
                out.append(ch)
    return out


POOLS = {
    "gbk": _pool("gbk", [(0xB0A1, 0xD7F9)], trail_min=0xA1),  # GB2312 level 1
    "big5": _pool("big5", [(0xA440, 0xC67E)]),  # frequently used characters
    "shift_jis": _pool("shift_jis", [(0x829F, 0x82F1), (0x8340, 0x8396), (0x889F, 0x9872)]),
}
PUNCT = {"gbk": "“”‘’–—…", "big5": "“”‘’–—…", "shift_jis": "“”‘’…"}


@st.composite
def english(draw, codec: str | None = None, accents: bool = False, cjk: int = 1):
    """English sentences with typographic punctuation (at least one mark) and some CJK."""
    vocab = WORDS + (ACCENTED if accents else [])
    pieces = list(draw(st.lists(st.sampled_from(vocab), min_size=3, max_size=20)))
    pool = POOLS[codec or "gbk"]
    for _ in range(draw(st.integers(cjk, 3))):
        word = "".join(draw(st.lists(st.sampled_from(pool), min_size=2, max_size=4)))
        if draw(st.booleans()):
            word = f"{draw(st.integers(1, 99))}{word}"
        pieces.insert(draw(st.integers(0, len(pieces))), word)
    punct = PUNCT[codec] if codec else "“”‘’–—…"
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["quote", "single", "apostrophe", "dash", "ellipsis"]))
        i = draw(st.integers(0, len(pieces) - 1))
        j = draw(st.integers(i, len(pieces) - 1))
        if kind == "single" and "‘" in punct:
            pieces[i], pieces[j] = "‘" + pieces[i], pieces[j] + "’"
        elif kind == "apostrophe":
            pieces[i] += "’s"
        elif kind == "dash" and "–" in punct:
            pieces.insert(i, f"{draw(st.integers(1, 30))} – {draw(st.integers(1, 30))}")
        elif kind == "ellipsis":
            pieces[i] += "…"
        else:
            pieces[i], pieces[j] = "“" + pieces[i], pieces[j] + "”"
    text = " ".join(pieces)
    return text[0].upper() + text[1:] + "."


def _legacy_roundtrip(codec: str, display: str):
    @PROPERTY
    @given(english(codec))
    def check(text):
        assert repair(text.encode(codec).decode(display)).text == text

    return check


test_gbk_as_latin1_roundtrip = _legacy_roundtrip("gbk", "latin-1")
test_gbk_as_cp1252_roundtrip = _legacy_roundtrip("gbk", "sloppy-windows-1252")
test_big5_as_latin1_roundtrip = _legacy_roundtrip("big5", "latin-1")
test_big5_as_cp1252_roundtrip = _legacy_roundtrip("big5", "sloppy-windows-1252")
test_shift_jis_as_latin1_roundtrip = _legacy_roundtrip("shift_jis", "latin-1")
test_shift_jis_as_cp1252_roundtrip = _legacy_roundtrip("shift_jis", "sloppy-windows-1252")


@PROPERTY
@given(english(accents=True, cjk=0))
def test_utf8_as_cp1252_roundtrip(text):
    assert repair(text.encode("utf-8").decode("sloppy-windows-1252")).text == text


@PROPERTY
@given(english(accents=True, cjk=0))
def test_utf8_double_encoded_roundtrip(text):
    once = text.encode("utf-8").decode("sloppy-windows-1252")
    twice = once.encode("utf-8").decode("sloppy-windows-1252")
    assert repair(twice).text == text


@PROPERTY
@given(english(accents=True, cjk=0))
def test_clean_text_roundtrip(text):
    assert repair(text).text == text


@PROPERTY
@given(st.text())
def test_idempotent(text):
    once = repair(text).text
    assert repair(once).text == once


@PROPERTY
@given(st.text(alphabet=st.characters(max_codepoint=0x24F)))
def test_idempotent_latin(text):
    once = repair(text).text
    assert repair(once).text == once


@PROPERTY
@given(st.text())
def test_anomalies_point_into_the_repaired_text(text):
    result = repair(text)
    for a in result.anomalies:
        assert result.text[a.start_char : a.end_char] == a.text


def test_lost_quote_before_ftfy_is_not_a_dagger():
    text = "He said â€œwe will returnâ€ and left. â€œNoâ€, she said."
    result = repair(text)
    assert result.text == "He said “we will return” and left. “No”, she said."
    assert "utf8_lost_byte" in {f.kind for f in result.fixes}


@pytest.mark.parametrize(
    "text,recipe",
    [
        ("The delegation visited Бенин and Албания last week.\n", "mac_roman"),
        ("The delegation visited أفغانستان and كندا last week.\n", "sloppy-windows-1251"),
        ("Visiting 아프가니스탄: “경찰은 납치 사건 용의자를 체포했다고 발표했다”.\n", "euc_kr"),
        ("Visiting Афганистан — “Полиция задержала подозреваемых”.\n", "gbk"),
    ],
)
def test_other_scripts_and_code_pages(text, recipe):
    if recipe in ("euc_kr", "gbk"):
        garbled = text.encode(recipe).decode("latin-1")
    else:
        garbled = text.encode("utf-8").decode(recipe)
    assert repair(garbled).text == text


def test_utf8_over_gbk_layers():
    raw = SEED.read_text(encoding="utf-8")
    once = repair(raw).text
    layered = raw.encode("utf-8").decode("sloppy-windows-1252")
    assert repair(layered).text == once
    twice = layered.encode("utf-8").decode("sloppy-windows-1252")
    assert repair(twice).text == once


def test_gbk_run_that_also_reads_as_utf8_in_mac_roman_follows_the_document():
    """'垄狈蛋' in GBK shown as Latin-1 is 'Â¢±·µ°', also UTF-8 shown as Mac Roman: the
    document's other evidence (a GBK closing quote) decides."""
    text = "垄狈蛋 the” the the."
    for shown in ("latin-1", "cp1252"):
        assert repair(text.encode("gbk").decode(shown)).text == text


def test_gbk_dash_rules_out_korean():
    """'¨C' (A8 43) is GBK's en dash; its trail byte is below KS X 1001's range."""
    text = "1 – 1 唉皑搬彪”” 哎蹭偿 挨瘤 the the the."
    assert repair(text.encode("gbk").decode("latin-1")).text == text


# --------------------------------------------------------------------------------------
# Lines ftfy is not run on
# --------------------------------------------------------------------------------------


def test_ftfy_neutral_characters_cannot_look_like_mojibake():
    """No alternative of ftfy's mojibake rule can match text made of ASCII and the
    neutral characters: each has a position that none of them fills. This is what lets
    `_nothing_to_fix` skip ftfy on such lines."""
    from ftfy.badness import BADNESS_RE

    if sys.version_info < (3, 11):
        pytest.skip("reads the regex parser of Python 3.11+ (re._parser)")
    import re._compiler as sre_compile
    import re._parser as sre_parse

    from kfr_extract.repair.ftfy_step import FTFY_NEUTRAL

    alphabet = [chr(i) for i in range(128)] + list(FTFY_NEUTRAL)
    (op, (_, alternatives)), = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op is sre_parse.BRANCH and len(alternatives) > 20
    for alt in alternatives:
        fillable = []
        for item in alt.data:
            if item[0] is sre_parse.AT or (item[0] is sre_parse.MAX_REPEAT and item[1][0] == 0):
                continue  # an anchor or an optional item need no character
            one = sre_compile.compile(sre_parse.SubPattern(alt.state, [item]), BADNESS_RE.flags)
            fillable.append(any(one.fullmatch(ch) for ch in alphabet))
        assert not all(fillable), alt


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from("‘’“”–—…é€â\u2028"),
               max_size=40))
def test_lines_skipped_are_lines_ftfy_leaves_alone(line):
    from kfr_extract.repair.ftfy_step import _nothing_to_fix

    if _nothing_to_fix(line):
        assert ftfy.fix_and_explain(line, FTFY_CONFIG) == (line, [])


def test_curly_quoted_lines_skip_ftfy_but_mojibake_does_not():
    from kfr_extract.repair.ftfy_step import _nothing_to_fix

    assert _nothing_to_fix("He said: “We will – soon… ” and ‘left’.\n")
    assert not _nothing_to_fix("He said: â€œWe willâ€ and left.\n")
    assert not _nothing_to_fix("Café “open”\n")  # an accented letter: ftfy decides
    assert not _nothing_to_fix("AT&amp;T “quoted”\n")


def test_legacy_step_searches_encodings_only_for_an_implausible_token():
    from kfr_extract.repair.legacy_cjk import _any_implausible_token

    clean = "He said: “We will – soon…” and ‘left’. Café, naïve, São Paulo."
    assert not _any_implausible_token(clean, False)
    assert repair(clean).text == clean
    garbled = "The 51吃瓜 Office said “no”.".encode("gbk").decode("latin-1")
    assert _any_implausible_token(garbled, False)
    assert repair(garbled).text == "The 51吃瓜 Office said “no”."


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab? \n\t\xa0\u3000\u2003é“吃\x85"), max_size=30))
def test_high_tokens_are_the_tokens_with_a_non_ascii_character(text):
    from kfr_extract.repair.plausible import TOKEN_RE, high_tokens

    expected = [m.span() for m in TOKEN_RE.finditer(text) if not m.group().isascii()]
    assert [m.span() for m in high_tokens(text)] == expected


@given(st.text(max_size=40))
def test_script_counts_count_every_latin_letter(text):
    from kfr_extract.repair.scripts import script_counts, script_of

    latin = sum(1 for ch in text if script_of(ch) == "LATIN")
    assert script_counts.__wrapped__(text).get("LATIN", 0) == latin
