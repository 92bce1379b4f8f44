"""Plain text reader: bytes -> text, the encoding used, and where bytes could not be decoded."""

from __future__ import annotations

import codecs

import pytest

from kfr_extract.errors import KfrError
from kfr_extract.formats.text import decode
from kfr_extract.repair import repair

TEXT = "Côte d’Ivoire – “Beyond the immediate benefits”, said Mr. Jones… 25 °C"


def test_utf8():
    d = decode(TEXT.encode("utf-8"), "a.txt")
    assert (d.text, d.encoding, d.undecodable) == (TEXT, "utf-8", [])


def test_ascii_is_utf8():
    assert decode(b"Hello world\n", "a.txt").encoding == "utf-8"


def test_utf8_with_bom():
    d = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt")
    assert (d.text, d.encoding) == (TEXT, "utf-8-sig")


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32"),
    ],
)
def test_utf16_utf32_with_bom(data, encoding):
    d = decode(data, "a.txt")
    assert (d.text, d.encoding) == (TEXT, encoding)


def test_utf16_without_bom():
    d = decode("Plain English text, no byte-order mark.".encode("utf-16-le"), "a.txt")
    assert (d.text, d.encoding) == ("Plain English text, no byte-order mark.", "utf-16-le")


def test_bad_byte_in_good_utf8_is_replaced_and_located():
    data = TEXT.encode("utf-8").replace(b"said", b"sa\xffd")
    d = decode(data, "a.txt")
    assert d.encoding == "utf-8"  # not Windows-1252 mojibake of the whole file
    assert d.text == TEXT.replace("said", "sa\ufffdd")
    [(s, e)] = d.undecodable
    assert d.text[s:e] == "\ufffd"
    assert d.text[:s].endswith("sa")


def test_several_bad_bytes_are_all_located():
    data = ("“One” \xff and “two” \xfe\xfd end – ok").encode()
    data = data.replace("\xff".encode(), b"\xff").replace("\xfe\xfd".encode(), b"\xfe\xfd")
    d = decode(data, "a.txt")
    assert d.encoding == "utf-8"
    assert [d.text[s:e] for s, e in d.undecodable] == ["\ufffd"] * 3
    assert d.text == "“One” \ufffd and “two” \ufffd\ufffd end – ok"


def test_truncated_utf8_sequence_at_the_end():
    d = decode("Côte d’Ivoire “x”".encode() + b"\xe2\x80", "a.txt")
    assert d.encoding == "utf-8"
    assert d.text.endswith("\ufffd")
    assert len(d.undecodable) == 1


def test_undecodable_bytes_reach_the_record_as_anomalies():
    data = TEXT.encode("utf-8").replace(b"said", b"sa\xffd")
    d = decode(data, "a.txt")
    result = repair(d.text, undecodable=d.undecodable)
    assert [(a.kind, a.text) for a in result.anomalies] == [("undecodable_bytes", "\ufffd")]


@pytest.mark.parametrize(
    "text,codec,encodings",
    [
        ("Après la Tunisie, le Mali, c'est au tour de la Côte d'Ivoire. « Il a dit » – 25 °C",
         "cp1252", {"windows-1252"}),
        ("He said “hello” – it’s fine…", "cp1252", {"windows-1252"}),
        ("Côte d'Ivoire", "cp1252", {"windows-1252"}),
        ("洪旭东去年被绑架，直至今年24日才有最新消息。巴基斯坦塔利班分支武装组织向美联社提供了视频",
         "gbk", {"gb18030", "gbk", "gb2312"}),
        ("洪旭東去年被綁架，直至今年24日才有最新消息。巴基斯坦塔利班分支武裝組織向美聯社提供了視頻",
         "big5", {"big5", "cp950", "big5hkscs"}),
        ("日本の警察は、誘拐事件の容疑者を逮捕したと発表しました。被害者は無事に保護されました。",
         "shift_jis", {"cp932", "shift_jis", "shift_jisx0213"}),
        ("경찰은 납치 사건 용의자를 체포했다고 발표했다. 피해자는 무사히 구조되었다.",
         "euc_kr", {"cp949", "euc_kr"}),
        ("Полиция задержала подозреваемых в похищении человека. Пострадавший освобождён.",
         "cp1251", {"cp1251", "windows-1251"}),
    ],
)
def test_legacy_encodings_are_detected(text, codec, encodings):
    d = decode(text.encode(codec), "a.txt")
    assert d.text == text
    assert d.encoding in encodings


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + bytes(range(40)),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 60,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"\x1f\x8b\x08\x00" + bytes(range(100)),
        b"abc\x00\x01\x02def\x00\x00\x00" * 50,
        bytes(range(256)) * 8,
        bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 100,
    ],
)
def test_binary_is_not_text(data):
    with pytest.raises(KfrError) as err:
        decode(data, "blob.bin")
    assert err.value.type == "not_text"
    assert "blob.bin" in err.value.message


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t  \r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n", "  \n".encode("utf-16")],
)
def test_empty_or_whitespace(data):
    with pytest.raises(KfrError) as err:
        decode(data, "empty.txt")
    assert err.value.type == "empty"
    assert "empty.txt" in err.value.message


def test_mojibake_is_decoded_as_written():
    """Decoding does not repair: UTF-8 bytes of mojibake decode to the mojibake."""
    garbled = "The 51³Ô¹Ï Office ¨C ¡°Beyond¡±"
    d = decode(garbled.encode("utf-8"), "a.txt")
    assert (d.text, d.encoding) == (garbled, "utf-8")


def test_undecodable_noise_fails_to_decode():
    noise = bytes(range(0x80, 0x100)) * 20
    with pytest.raises(KfrError) as err:
        decode(noise, "noise.txt")
    assert err.value.type == "decode_failed"
    assert "noise.txt" in err.value.message
