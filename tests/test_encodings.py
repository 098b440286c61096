"""Reading text in the encodings Chinese offices use: every twin of a seed (GB18030, Big5,
UTF-16, BOM, CRLF, CR) yields exactly the findings of its UTF-8 original; undecodable and
binary files are reported, never guessed into garbage."""

from __future__ import annotations

import codecs
import json
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
    """GBK characters around more bad bytes than a few: Chinese, but too damaged to read
    (the message says where the GB18030 reading fails, not where UTF-8 did: at byte 0)."""
    result = linter.lint_file(FIXTURES / "undecodable.txt")
    assert result.doc is None and result.skipped is None
    assert result.error == ("cannot decode: GB18030 with 4 bad bytes, too many to read (the "
                            "first at byte 16: line 1, column 9)")


def test_an_undecodable_byte_is_located_by_line_and_column(linter, tmp_path):
    """A user looking for the bad bytes gets a line and column, not only a byte offset."""
    path = tmp_path / "a.txt"
    path.write_bytes("第一行。\n第二行。\n前文".encode() + b"\xff\xfe\xfd" + "后文。\n".encode())
    assert linter.lint_file(path).error.startswith(
        "cannot decode: not UTF-8 (invalid byte at 32: line 3, column 3)")


def test_an_undecodable_file_is_located_where_the_furthest_decoding_fails(linter, tmp_path):
    """A short GBK note with two bad bytes at its end: UTF-8 fails at byte 5 (通知 are two
    valid UTF-8 characters), GB18030 only at the bad bytes, where the message now points.
    It pointed where UTF-8 failed, usually byte 0 of a GBK file, whatever was wrong."""
    path = tmp_path / "a.txt"
    path.write_bytes("通知\n请报送。\n".encode("gbk") + b"\xff\xfe")
    assert linter.lint_file(path).error == ("cannot decode: not GB18030 (invalid byte at 14: "
                                            "line 3, column 1), UTF-8 or Big5")


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


REPORT = ("关于开展安全生产检查的通知\n各科室：\n"
          "根据上级部署，定于下周开展安全生产检查，请做好准备。\n")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_stray_nul_is_read_and_reported_where_it_is(tmp_path, capsys, encoding):
    """A report with one NUL byte was skipped whole as "binary file (contains NUL bytes)",
    exit 0: a corrupted report passed CI. It is read now, and ``mojibake`` reports the NUL
    at its line and column (the same report without it is clean)."""
    from lint.cli import main

    corrupted = REPORT.replace("定于", "\0定于")
    path = tmp_path / "report.txt"
    path.write_bytes(corrupted.encode(encoding))
    assert decode(path.read_bytes()) == (corrupted, encoding, False)
    assert main([str(path), "-f", "unix"]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"{path}:3:8: 乱码：不可见的控制字符 [Error/mojibake]\n\n1 problem\n"
    assert captured.err == ""
    path.write_bytes(REPORT.encode(encoding))
    assert main([str(path), "-f", "unix"]) == 0


@pytest.mark.parametrize("size, nuls, read", [
    (500, 1, True),     # a single NUL in a short note is stray
    (500, 2, False),
    (2000, 2, True),    # at most one in 1,000 bytes
    (2000, 3, False),
    (20000, 8, True),   # of the first 8 KB
    (20000, 9, False),
])
def test_nuls_are_stray_up_to_one_in_a_thousand_bytes(size, nuls, read):
    body = ("根据上级部署，定于下周开展检查。\n" * (size // 40 + 1)).encode("utf-8")[:size - nuls]
    body = body[:body.rindex(b"\n") + 1].ljust(size - nuls, b" ")  # whole characters
    step = min(len(body), 8000) // nuls  # spread over the first 8 KB, each after a newline
    cuts = [0, *(body.index(b"\n", i * step) + 1 for i in range(nuls)), len(body)]
    data = b"\0".join(body[a:b] for a, b in zip(cuts, cuts[1:], strict=False))
    assert len(data) == size and data[:8192].count(b"\0") == nuls
    if read:
        text, encoding, bom = decode(data)
        assert (text.count("\0"), encoding, bom) == (nuls, "utf-8", False)
    else:
        with pytest.raises(ReadError, match=r"^binary file \(contains NUL bytes\), skipped$"):
            decode(data)


def _png() -> bytes:
    """A real 32×32 PNG of noise (its IDAT does not compress): NULs in the chunk lengths
    and about one in 256 bytes of the image data."""
    import random
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    pixels = random.Random(0).randbytes(32 * 32 * 3)
    rows = b"".join(b"\0" + pixels[y * 96:(y + 1) * 96] for y in range(32))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _pdf() -> bytes:
    """A PDF whose first 8 KB are nearly all text (uncompressed objects) with a compressed
    stream starting just before 8 KB: only a few NULs there, a stray share."""
    import random
    import zlib

    objects = b"".join(b"%d 0 obj\n<< /Type /Annot /Contents (note %d) >>\nendobj\n" % (i, i)
                       for i in range(3, 150))
    stream = zlib.compress(random.Random(1).randbytes(4000))
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + objects
    head = head[:7900]
    return (head + b"\n2 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _docx(tmp_path: Path) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("关于开展安全生产检查的通知")
    document.save(tmp_path / "report.docx")
    return (tmp_path / "report.docx").read_bytes()


def test_real_binaries_are_still_skipped(tmp_path, capsys):
    """PNG, a PDF with few NULs in its first 8 KB and a Word file renamed .txt are skipped
    as before (a PDF's stream decodes as neither UTF-8, GB18030 nor Big5)."""
    from lint.cli import main

    samples = {"image.txt": _png(), "paper.txt": _pdf(), "report.txt": _docx(tmp_path)}
    assert 0 < samples["paper.txt"][:8192].count(b"\0") <= 8  # stray by count: not by decoding
    for name, data in samples.items():
        with pytest.raises(ReadError, match=r"^binary file \(contains NUL bytes\), skipped$"):
            decode(data)
        (tmp_path / "bin" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "bin" / name).write_bytes(data)
    assert main([str(tmp_path / "bin"), "-f", "unix"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"gwlint: {tmp_path / 'bin' / name}: binary file (contains NUL bytes), skipped"
        for name in sorted(samples)]


def test_utf16_without_bom_and_few_nuls_is_still_utf16():
    """Chinese in UTF-16 has NULs only in its ASCII characters: one newline in 8 KB is a
    stray share of NULs, and the text is still read as UTF-16, as before."""
    chinese = "".join(c for c in "根据上级部署定于下周开展安全生产检查请做好准备" if ord(c) % 256)
    text = chinese * 150 + "\n"  # (开, U+5F00, would bring NULs of its own)
    for encoding in ("utf-16-le", "utf-16-be"):
        data = text.encode(encoding)
        assert data[:8192].count(b"\0") <= 8
        assert decode(data) == (text, encoding, False)


def test_a_short_run_of_control_bytes_with_a_nul_is_still_binary():
    """One NUL in eight bytes would be stray by count alone; a quarter of control bytes is
    a binary, as it is without a NUL."""
    with pytest.raises(ReadError, match=r"^binary file \(contains NUL bytes\), skipped$"):
        decode(b"\x00\x01binary")


def test_a_guessed_encoding_is_said_and_a_decided_one_is_not(tmp_path, capsys):
    """Bytes that are not UTF-8, GB18030 or Big5 went to charset-normalizer, and its guess
    was taken silently: a byte soup read as cp1251, a French note as cp1250, with no
    finding and status 0, as if gwlint had read a document. The guess is now a notice on
    standard error (the run's status and report stay as they were); a GBK report, which
    gwlint decides on itself, gets none."""
    from lint.cli import main

    soup = tmp_path / "soup.txt"
    soup.write_bytes(b"\x85\x86\x87\xfd\xfc abc \xff\xfe\xfa\x80\x81\xfe\xff\x90\x91\x92\n")
    report = tmp_path / "report.txt"
    report.write_bytes("关于做好工作的通知\n各单位：请按要求报送。\n".encode("gbk"))
    assert main([str(soup), str(report), "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert [m["messages"] for m in json.loads(captured.out)] == [[], []]
    assert captured.err == (f"gwlint: {soup}: read as cp1251, a guess: the file is not UTF-8, "
                            "GB18030 or Big5 (check its encoding)\n")


def test_a_fixed_markdown_file_keeps_its_encoding_notice(tmp_path, capsys):
    """--fix re-reads a Markdown document from its fixed text, and the re-read document had
    lost what its reader noticed: the guessed-encoding notice was missing in exactly the runs
    that write the file back in that encoding."""
    from lint.cli import main

    note = tmp_path / "note.md"
    text = ("# 会議メモ\n\nこれは日本語の資料です。内容を確認し,担当者に報告してください。"
            "よろしくお願いいたします。\n")
    note.write_bytes(text.encode("cp932"))
    assert main([str(note), "--fix", "-f", "json", "--disable", "mixed-script"]) == 0
    err = capsys.readouterr().err
    assert err.count("read as cp932, a guess") == 1
    assert note.read_bytes() == text.replace(",", "，").encode("cp932")


STRAY = "今年以来,我局认真推进各项工作,取得明显成效。" * 5 + "\n"


def test_a_gbk_report_with_a_stray_byte_is_read_with_the_byte_reported(tmp_path, capsys):
    """One stray byte in a GBK report (after 取's first byte) made every Chinese decoding
    fail, and charset-normalizer's guess was taken: Thai (cp874), one info finding, status
    0, while the clean report has 10 half-width commas. It is read as GB18030 now, the byte
    that fails as U+FFFD, which ``mojibake`` reports where it is, with a notice."""
    from lint.cli import main

    data = STRAY.encode("gbk")
    cut = data.index("取".encode("gbk")) + 1
    path = tmp_path / "report.txt"
    path.write_bytes(data[:cut] + b"\x80" + data[cut:])
    assert main([str(path), "-f", "unix"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert f"{path}:1:28: 乱码：替换字符“�”，原来的字已丢失 [Error/mojibake]" in lines
    assert sum("[Error/halfwidth-punct]" in line for line in lines) == 10
    assert captured.err == (f"gwlint: {path}: read as GB18030, but 1 bad byte (at byte 52: "
                            "line 1, column 28) is read as U+FFFD: the file is damaged\n")


def test_a_cut_off_gbk_file_is_read_with_its_last_character_reported(tmp_path, capsys):
    """A GBK file cut in the middle of its last character: read, the half character as U+FFFD
    at its line and column, the notice saying where."""
    from lint.cli import main

    path = tmp_path / "cut.txt"
    path.write_bytes("今年以来，我局认真推进各项工作。\n下一步加强学习".encode("gbk")[:-1])
    assert main([str(path), "-f", "unix"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (f"{path}:2:7: 乱码：替换字符“�”，原来的字已丢失 [Error/mojibake]\n\n"
                            "1 problem\n")
    assert captured.err == (f"gwlint: {path}: read as GB18030, but 1 bad byte (at byte 45: "
                            "line 2, column 7) is read as U+FFFD: the file is damaged\n")


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
@pytest.mark.parametrize("stray", [b"\xff", b"\x81", b"\xa1"])
def test_one_stray_byte_anywhere_is_never_guessed_into_another_script(encoding, stray):
    """Wherever a stray byte falls, the report is read as GB18030 or Big5 (at worst with a
    few characters out of step), never as Thai or any other guess."""
    text = STRAY if encoding == "gbk" else opencc.OpenCC("s2tw").convert(STRAY)
    data = text.encode(encoding)
    for cut in range(len(data)):
        decoded, detected, _ = decode(data[:cut] + stray + data[cut:])
        assert detected in ({"gb18030"} if encoding == "gbk" else {"big5", "big5hkscs"}), cut
        assert decoded.count("\ufffd") <= 3, cut


def test_a_big5_report_with_a_stray_byte_is_read_as_big5():
    text = opencc.OpenCC("s2tw").convert(STRAY)
    data = text.encode("big5")
    cut = len(text[:21].encode("big5"))
    decoded, encoding, _ = decode(data[:cut] + b"\xff" + data[cut:])
    assert (decoded, encoding) == (text[:21] + "\ufffd" + text[21:], "big5")


def test_more_bad_bytes_than_a_few_are_not_read():
    """Two stray bytes in a short report are more than strays (one in 1,000 bytes): it is
    reported with where GB18030 first fails, and not guessed."""
    data = STRAY.encode("gbk")
    with pytest.raises(ReadError) as raised:
        decode(data[:50] + b"\xff" + data[50:100] + b"\xff" + data[100:])
    assert str(raised.value) == ("cannot decode: GB18030 with 4 bad bytes, too many to read "
                                 "(the first at byte 50: line 1, column 27)")


def test_a_windows_gbk_file_with_the_euro_sign_is_read_and_fixed_in_it(tmp_path, capsys):
    """Windows' GBK (code page 936) writes € as the single byte 0x80, which Python's gbk,
    cp936 and gb18030 codecs reject: a report with a price in euros was a read-error, though
    iconv -f CP936 reads it. It is read, and --fix writes the euro sign back as 0x80."""
    from lint.cli import main

    text = "关于对外合作项目的报告\n今年以来,我局引进外资500万€,取得明显成效。\n"
    data = text.replace("€", "").encode("gbk").replace(b"\xcd\xf2", b"\xcd\xf2\x80")
    assert data.count(b"\x80") == 1
    assert decode(data) == (text, "windows-936", False)
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    assert main([str(path), "-f", "unix"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (f"{path}:2:5: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]\n"
                            f"{path}:2:17: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]\n"
                            "\n2 problems\n")
    assert captured.err == ""
    assert main([str(path), "--fix", "-f", "unix"]) == 0
    assert path.read_bytes() == data.replace(b",", "，".encode("gbk"))


def test_a_windows_big5_file_with_the_euro_sign_is_read_and_fixed_in_it(tmp_path, capsys):
    """Windows' Big5 (code page 950) writes € as A3E1, which HKSCS lacks: a valid report
    with a price in euros was "read as Big5, but 2 bad bytes … the file is damaged", the €
    a mojibake finding, and --fix refused the file (U+FFFD cannot be written in Big5)."""
    from lint.cli import main

    text = "香港特別行政區政府公告\n所需經費約為€500萬元,詳情請查閱網頁。\n"
    data = text.encode("cp950")
    assert decode(data) == (text, "cp950", False)
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    assert main([str(path), "-f", "unix", "--disable", "mixed-script"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (f"{path}:2:13: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]\n"
                            "\n1 problem\n")
    assert captured.err == ""
    assert main([str(path), "--fix", "-f", "unix", "--disable", "mixed-script"]) == 0
    assert path.read_bytes() == data.replace(b",", "，".encode("cp950"))


def test_a_fix_the_encoding_cannot_write_is_not_offered_and_blocks_no_other(tmp_path, capsys):
    """Big5 has no 〇: number-format's fix of 一○二年 could not be written, so --fix left the whole
    file unchanged, the two comma fixes with it, while the report showed all three as
    fixable (✓). That finding has no fix now; the others are made."""
    from lint.cli import main

    text = "臺北市政府公告\n本府於一○二年度辦理相關工作,並將持續推動,請各機關配合。\n"
    path = tmp_path / "notice.txt"
    path.write_bytes(text.encode("big5"))
    assert main([str(path), "-f", "json", "--disable", "mixed-script"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], m["column"], m.get("fix") is not None) for m in messages] == [
        ("number-format", 5, False), ("halfwidth-punct", 15, True),
        ("halfwidth-punct", 22, True)]
    assert main([str(path), "--fix", "-f", "unix", "--disable", "mixed-script"]) == 1
    assert path.read_bytes() == text.replace(",", "，").encode("big5")


def test_gb18030_without_the_euro_byte_is_still_reported_as_gb18030():
    """GB18030's own euro sign (A2E3) is GB18030, not Windows' 936."""
    text = "关于对外合作项目的报告\n今年以来，我局引进外资500万€，取得明显成效。\n"
    assert decode(text.encode("gb18030")) == (text, "gb18030", False)
