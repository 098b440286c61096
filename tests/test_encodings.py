"""Reading text in the encodings Chinese offices use: every twin of a seed (GB18030, Big5,
UTF-16, BOM, CRLF, CR) yields exactly the findings of its UTF-8 original; undecodable and
binary files are reported, never guessed into garbage."""

from __future__ import annotations

import codecs
from pathlib import Path

import opencc
import pytest

from lint.readers import ReadError
from lint.readers.text import decode
from tests.conftest import seed

FIXTURES = Path(__file__).parent / "fixtures" / "encodings"


def signature(result) -> list[tuple[str, int, int, str]]:
    doc = result.doc
    return [(f.rule_id, *doc.position(f.start), f.message) for f in result.findings]


def twin(tmp_path: Path, name: str, text: str, encoding: str, prefix: bytes = b"") -> Path:
    path = tmp_path / name
    path.write_bytes(prefix + text.encode(encoding))
    return path


@pytest.mark.parametrize("seed_name, encoding, detected", [
    ("000", "gb18030", "gb18030"),
    ("002", "gb18030", "gb18030"),
    ("000", "gbk", "gb18030"),
    # seeds/001 holds pinyin with tone marks and 墻/箲, which only HKSCS encodes
    ("001", "big5hkscs", "big5hkscs"),
    ("001", "utf-16-le", "utf-16-le"),
])
def test_twin_in_another_encoding_has_the_same_findings(linter, tmp_path, seed_name, encoding,
                                                        detected):
    original = seed(seed_name)
    text = original.read_text(encoding="utf-8")
    prefix = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else b""
    path = twin(tmp_path, f"{seed_name}.{encoding}.txt", text, encoding, prefix)
    expected = linter.lint_file(original)
    result = linter.lint_file(path)
    assert result.error is None
    assert result.doc.encoding == detected
    assert result.doc.text == expected.doc.text
    assert signature(result) == signature(expected)
    assert result.findings  # something to compare


def test_plain_big5_is_reported_as_big5(tmp_path):
    text = "各位代表：現在，我代表市人民政府，向大會報告政府工作，請予審議。" * 3
    data = text.encode("big5")
    assert decode(data) == (text, "big5", False)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_twins_report_the_same_lines_and_columns(linter, tmp_path, newline):
    original = seed("001")
    text = original.read_text(encoding="utf-8").replace("\n", newline)
    path = twin(tmp_path, "001.crlf.txt", text, "utf-8")
    assert signature(linter.lint_file(path)) == signature(linter.lint_file(original))


def test_utf8_bom_twin(linter, tmp_path):
    original = seed("002")
    path = twin(tmp_path, "002.bom.txt", original.read_text(encoding="utf-8"), "utf-8",
                codecs.BOM_UTF8)
    result = linter.lint_file(path)
    assert result.doc.bom is True
    assert signature(result) == signature(linter.lint_file(original))


def test_real_corpus_in_gb18030_and_big5_decodes_exactly(real_corpus):
    to_traditional = opencc.OpenCC("s2tw")
    for path in real_corpus:
        text = path.read_text(encoding="utf-8")
        assert decode(text.encode("gb18030")) == (text, "gb18030", False), path.name
        data = to_traditional.convert(text).encode("big5hkscs", errors="replace")
        decoded, encoding, _ = decode(data)
        assert decoded == data.decode("big5hkscs"), path.name
        assert encoding in ("big5", "big5hkscs"), path.name


def test_utf16_without_bom_is_read(tmp_path):
    text, encoding, bom = decode((FIXTURES / "utf16le_nobom.txt").read_bytes())
    assert (encoding, bom) == ("utf-16-le", False)
    assert text.startswith("关于意识形态工作责任制落实情况的报告\n")


def test_undecodable_file_is_reported_not_guessed(linter):
    result = linter.lint_file(FIXTURES / "undecodable.txt")
    assert result.doc is None and result.skipped is None
    assert result.error.startswith("cannot decode: not UTF-8 (invalid byte at 0)")


def test_binary_file_is_skipped(linter):
    result = linter.lint_file(FIXTURES / "binary.txt")
    assert result.doc is None and result.error is None
    assert "binary" in result.skipped


def test_latin1_note_goes_to_charset_normalizer():
    text = "Réunion du comité: procès-verbal, février. " * 5
    decoded, encoding, _ = decode(text.encode("cp1252"))
    # cp1250 and cp1252 differ only in è/č here: either is a fair guess, Chinese is not
    assert decoded.startswith("Réunion du comité: proc")
    assert encoding not in ("gb18030", "big5", "big5hkscs")


def test_bad_bytes_after_a_bom_are_reported():
    with pytest.raises(ReadError, match="cannot decode as utf-8"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_short_chinese_files_are_not_guessed_into_utf16():
    from lint.readers.text import decode

    # a dozen bytes give coverage statistics nothing to go on: a strict decoding without
    # private-use characters wins over a statistical guess
    assert decode("甲,乙。\n".encode("gb18030")) == ("甲,乙。\n", "gb18030", False)
    assert decode("甲,乙。\n".encode("big5")) == ("甲,乙。\n", "big5", False)


@pytest.mark.parametrize("text", ["甲乙合作，共100元，请删掉。\n",
                                  "请于3月5日前报送至办公室，逾期不候。\n"])
def test_short_notes_of_rarer_characters_are_read(text):
    """A dozen characters, half of them outside the frequent ones: their Chinese punctuation
    says the decoding is right (a GBK/Big5 mix-up never yields any). They were unreadable."""
    assert decode(text.encode("gbk")) == (text, "gb18030", False)
    traditional = opencc.OpenCC("s2tw").convert(text)
    assert decode(traditional.encode("big5")) == (traditional, "big5", False)
