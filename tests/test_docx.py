"""The Word reader: body paragraphs and table cells in document order, one paragraph per
line; broken files are clear read errors; --fix leaves Word files alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from lint.readers import ReadError, read_bytes


def make_docx(path: Path) -> Path:
    """A report with a heading, a table (one merged row, one nested table), a line break
    and a page break."""
    document = docx.Document()
    document.add_heading("关于2024年工作情况的报告", level=1)            # 1
    document.add_paragraph("一、主要工作")                               # 2
    document.add_paragraph("全年开展xxx次学习,覆盖全体职工。")           # 3
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"                                      # 4
    table.cell(0, 1).text = "上报信息*条"                               # 5
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "合并单元格,内容"                                     # 6
    nested = merged.add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "嵌套XX项"                                 # 7
    # 8: the empty paragraph Word requires after a table at the end of a cell
    paragraph = document.add_paragraph("第一行")                        # 9
    paragraph.add_run().add_break()
    paragraph.add_run("第二行,续")                                      # 10
    paragraph.add_run().add_break(WD_BREAK.PAGE)                        # 11 (the next page)
    document.add_paragraph("二、存在问题")                               # 12
    document.save(path)
    return path


def lint_json(*args: str, cwd: Path, stdin: bytes | None = None):
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "json", *args], input=stdin,
                         capture_output=True, cwd=cwd)
    return run, json.loads(run.stdout or b"[]")


def positions(result) -> list[tuple[int, int, str]]:
    return [(m["line"], m["column"], m["ruleId"]) for m in result["messages"]
            if m["ruleId"] in ("placeholder", "halfwidth-punct")]


def test_paragraphs_and_cells_in_document_order(tmp_path):
    doc = read_bytes(make_docx(tmp_path / "r.docx").read_bytes(), "r.docx")
    assert doc.kind == "docx"
    assert doc.text.split("\n") == [
        "关于2024年工作情况的报告", "一、主要工作", "全年开展xxx次学习,覆盖全体职工。",
        "项目", "上报信息*条", "合并单元格,内容", "嵌套XX项", "", "第一行", "第二行,续", "",
        "二、存在问题"]
    assert doc.masked == []


def test_finding_line_is_the_paragraph_number_and_a_break_starts_one(tmp_path):
    make_docx(tmp_path / "r.docx")
    run, results = lint_json("r.docx", cwd=tmp_path)
    assert run.returncode == 1
    assert positions(results[0]) == [(3, 5, "placeholder"), (3, 11, "halfwidth-punct"),
                                     (5, 5, "placeholder"), (6, 6, "halfwidth-punct"),
                                     (7, 3, "placeholder"), (10, 4, "halfwidth-punct")]


def test_the_html_report_says_a_line_break_starts_a_line(tmp_path):
    """It said only that a Word document's line is its paragraph number, which a line
    break inside a paragraph no longer is (tests above)."""
    from lint.cli import main

    make_docx(tmp_path / "r.docx")
    assert main([str(tmp_path / "r.docx"), "-f", "html", "-o", str(tmp_path / "r.html")]) == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert ('<div class="note">Word 文档：行号即段落序号（正文段落与表格单元格段落按顺序编号，'
            "空段落也计）；段内换行（Shift+Enter，分页符、分栏符亦然）另起一行，其后的段落顺延编号。"
            "</div>") in page
    assert "Word 文档的行号即段落序号，段内换行另起一行。</footer>" in page


def _png() -> bytes:
    """A 1x1 PNG, for a picture in a document."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def test_a_document_without_text_is_said_to_have_none(tmp_path):
    """A scanned page pasted into Word has no text to lint: it passed as a clean document,
    with status 0 and nothing said. It still passes (nothing is wrong in it that gwlint can
    see), with a notice; so does an empty document, which says it is empty."""
    import io

    scan = docx.Document()
    scan.add_picture(io.BytesIO(_png()))
    scan.save(tmp_path / "scan.docx")
    docx.Document().save(tmp_path / "empty.docx")
    make_docx(tmp_path / "r.docx")
    run, results = lint_json("scan.docx", "empty.docx", "r.docx", cwd=tmp_path)
    assert [r["messages"] for r in results[:2]] == [[], []]
    assert run.stderr.decode() == (
        f"gwlint: {tmp_path / 'scan.docx'}: no text to lint: the document's body holds pictures "
        "only (a scan?)\n"
        f"gwlint: {tmp_path / 'empty.docx'}: no text to lint: the document's body is empty\n")
    assert run.returncode == 1  # r.docx's findings


def test_folder_walk_takes_docx(tmp_path):
    (tmp_path / "drafts").mkdir()
    make_docx(tmp_path / "drafts" / "r.docx")
    run, results = lint_json("drafts", cwd=tmp_path)
    assert [Path(r["filePath"]).name for r in results] == ["r.docx"]


def test_fix_refuses_to_rewrite_word_files(tmp_path):
    target = make_docx(tmp_path / "r.docx")
    before = target.read_bytes()
    run = subprocess.run([sys.executable, "-m", "lint", "--fix", "r.docx"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert target.read_bytes() == before
    assert f"gwlint: {target}: --fix does not rewrite Word files; findings only" in run.stderr
    assert "halfwidth-punct" in run.stdout and run.returncode == 1
    assert "Traceback" not in run.stderr


def test_fix_says_once_for_a_folder_which_word_files_it_left(tmp_path):
    """A folder of drafts had a line per Word file (a review): one note names them all."""
    (tmp_path / "drafts").mkdir()
    for name in ("a", "b", "c", "d"):
        make_docx(tmp_path / "drafts" / f"{name}.docx")
    run = subprocess.run([sys.executable, "-m", "lint", "--fix", "drafts"],
                         capture_output=True, text=True, cwd=tmp_path)
    folder = tmp_path / "drafts"
    assert run.stderr == (f"gwlint: --fix does not rewrite Word files; findings only (4 files: "
                          f"{folder / 'a.docx'}, {folder / 'b.docx'}, {folder / 'c.docx'}, …)\n")


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 truncated", "corrupt .docx file: File is not a zip file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
     "not a .docx file: this is an old binary Word (.doc)"),
    ("这是一个改了扩展名的文本文件".encode(), "not a .docx file (a .docx is a zip archive"),
])
def test_broken_files_are_read_errors(data, message):
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "bad.docx")
    assert str(caught.value).startswith(message)


def _zip(*members: tuple[str, str], encrypted: bool = False) -> bytes:
    """A zip of ``members`` (name, text); ``encrypted``: flagged as a zip tool's password
    protection flags its members (zipfile cannot encrypt, nor keep the flag it writes)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    data = bytearray(out.getvalue())
    if encrypted:  # bit 0 of the flags, in each local header and central directory entry
        for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(signature)
            while start >= 0:
                data[start + at] |= 1
                start = data.find(signature, start + 4)
    return bytes(data)


@pytest.mark.parametrize("data, message", [
    # a .docx zipped again with a password: the reason was Python's repr of a ZipInfo
    (_zip(("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
          encrypted=True),
     "encrypted (password-protected) .docx file; save it without a password"),
    # LibreOffice's or WPS's .odt renamed: it was a "corrupt .docx file"
    (_zip(("mimetype", "application/vnd.oasis.opendocument.text"),
          ("content.xml", "<office:document-content/>")),
     "not a .docx file: this is an OpenDocument file (application/vnd.oasis.opendocument."
     "text); save it as Word Document (*.docx)"),
    (_zip(("hello.txt", "x")),
     "not a .docx file: a zip archive without [Content_Types].xml, which every Word "
     "document has"),
])
def test_a_zip_that_is_no_word_package_says_what_it_is(tmp_path, data, message):
    (tmp_path / "bad.docx").write_bytes(data)
    run, results = lint_json("bad.docx", cwd=tmp_path)
    assert run.returncode == 1 and run.stderr == b""
    assert [(m["line"], m["column"], m["ruleId"], m["message"])
            for m in results[0]["messages"]] == [(1, 1, "read-error", message)]


def _with_parts(path: Path, change) -> Path:
    """``path``'s package rewritten: ``change`` gets a dict of its parts' bytes by name."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        parts = {item.filename: package.read(item.filename) for item in package.infolist()}
    change(parts)
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


@pytest.mark.parametrize("relationship", [
    # an image an add-in left without its part (python-docx issues 678, 797)
    '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/image" Target="NULL"/>',
    # a link to the top of the document written as a part (python-docx issue 1351)
    '<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/hyperlink" Target="#_top"/>',
])
def test_a_relationship_to_a_missing_part_is_skipped(tmp_path, relationship):
    """Word opens a document with a relationship whose target part is not in the package;
    python-docx refused it, and the document was a read-error ("corrupt .docx file: There
    is no item named 'word/NULL' in the archive") instead of being linted."""
    def dangle(parts):
        rels = parts["word/_rels/document.xml.rels"]
        parts["word/_rels/document.xml.rels"] = rels.replace(
            b"</Relationships>", relationship.encode() + b"</Relationships>")

    path = _with_parts(make_docx(tmp_path / "r.docx"), dangle)
    doc = read_bytes(path.read_bytes(), "r.docx")
    assert doc.text.split("\n")[:3] == [
        "关于2024年工作情况的报告", "一、主要工作", "全年开展xxx次学习,覆盖全体职工。"]
    run, results = lint_json("r.docx", cwd=tmp_path)
    assert positions(results[0])[:2] == [(3, 5, "placeholder"), (3, 11, "halfwidth-punct")]


def test_a_missing_main_document_part_is_a_read_error(tmp_path):
    path = _with_parts(make_docx(tmp_path / "r.docx"),
                       lambda parts: parts.pop("word/document.xml"))
    with pytest.raises(ReadError, match=r"^corrupt \.docx file: its main document part "
                                        r"\(word/document\.xml\) is missing$"):
        read_bytes(path.read_bytes(), "r.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    """A 1 MB .docx whose document.xml unpacked to 1 GB took 8 s and 2.1 GB of memory before
    its read-error: python-docx unpacks every part. The sizes the package declares are
    checked first (the limits are lowered here, so that the test builds no huge file)."""
    import zipfile

    from lint.readers import docx as reader

    monkeypatch.setattr(reader, "MAX_XML_BYTES", 2**20)
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 4 * 2**20)
    path = tmp_path / "bomb.docx"
    document = docx.Document()
    document.add_paragraph("正文。")
    document.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b" " * (2 * 2**20))
    assert path.stat().st_size < 100_000
    with pytest.raises(ReadError, match=r"^cannot read \.docx file: it unpacks to 3 MB "
                                        r"\(3 MB of XML\); gwlint reads at most 4 MB "
                                        r"\(1 MB of XML\), far more than any report$"):
        read_bytes(path.read_bytes(), "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image1.png", b"\0" * (3 * 2**20))
    monkeypatch.setattr(reader, "MAX_XML_BYTES", 4 * 2**20)
    with pytest.raises(ReadError, match=r"it unpacks to 6 MB \(3 MB of XML\)"):
        read_bytes(path.read_bytes(), "bomb.docx")


def test_a_read_errors_reason_is_the_exceptions_message_whole():
    """The reason used to lose its first and last quotes, stripped as if every message were a
    KeyError's repr: "lxml.etree._Element' object has no attribute 'overrides"."""
    from lint.readers.docx import _reason

    message = "'lxml.etree._Element' object has no attribute 'overrides'"
    assert _reason(AttributeError(message)) == message
    assert _reason(KeyError("There is no item named 'word/document.xml' in the archive")) == (
        "There is no item named 'word/document.xml' in the archive")
    assert _reason(ValueError()) == "ValueError"


def test_one_broken_docx_is_reported_and_the_rest_linted(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 truncated")
    make_docx(tmp_path / "good.docx")
    run, results = lint_json("bad.docx", "good.docx", cwd=tmp_path)
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    bad, good = results
    assert [(m["ruleId"], m["message"]) for m in bad["messages"]] == [
        ("read-error", "corrupt .docx file: File is not a zip file")]
    assert positions(good)[0] == (3, 5, "placeholder")


def test_empty_file_is_a_read_error(tmp_path):
    """A zero-byte .docx used to be read as an empty document, clean, exit 0: a failed copy
    or download passed unnoticed. Word never writes one (an empty document is a zip)."""
    (tmp_path / "z.docx").write_bytes(b"")
    run, results = lint_json("z.docx", cwd=tmp_path)
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    assert [(m["line"], m["column"], m["ruleId"], m["message"])
            for m in results[0]["messages"]] == [
        (1, 1, "read-error", "not a .docx file: the file is empty (0 bytes); a .docx is a zip "
                             "archive, and Word saves even an empty document as one")]


def test_stdin_with_docx_filename(tmp_path):
    data = make_docx(tmp_path / "r.docx").read_bytes()
    run, results = lint_json("-", "--stdin-filename", "r.docx", cwd=tmp_path, stdin=data)
    assert results[0]["filePath"] == "r.docx"
    assert positions(results[0])[:2] == [(3, 5, "placeholder"), (3, 11, "halfwidth-punct")]


def test_findings_in_word_files_are_reported_without_fixes(tmp_path):
    make_docx(tmp_path / "r.docx")
    (tmp_path / "r.txt").write_text("全年开展xxx次学习,覆盖全体职工。\n", encoding="utf-8")
    run, results = lint_json("r.docx", "r.txt", cwd=tmp_path)
    by_name = {Path(r["filePath"]).name: r["messages"] for r in results}
    commas = {name: [m for m in messages if m["ruleId"] == "halfwidth-punct"]
              for name, messages in by_name.items()}
    assert len(commas["r.docx"]) == 3 and all("fix" not in m for m in commas["r.docx"])
    assert commas["r.txt"][0]["fix"] == {"range": [10, 11], "text": "，"}
    sarif = subprocess.run([sys.executable, "-m", "lint", "-f", "sarif", "r.docx"],
                           capture_output=True, cwd=tmp_path)
    assert all("fixes" not in entry
               for entry in json.loads(sarif.stdout)["runs"][0]["results"])
    stylish = subprocess.run([sys.executable, "-m", "lint", "r.docx"], capture_output=True,
                             text=True, cwd=tmp_path)
    assert "halfwidth-punct" in stylish.stdout
    assert "✓" not in stylish.stdout and "--fix" not in stylish.stdout
    html = subprocess.run([sys.executable, "-m", "lint", "-f", "html", "r.docx"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert "halfwidth-punct" in html.stdout and "可修复为" not in html.stdout


# -- runs wherever Word nests them ------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TRACK = 'w:author="a" w:date="2024-01-01T00:00:00Z"'


def xml_docx(path: Path, *blocks: str) -> Path:
    """A .docx whose body is ``blocks``, WordprocessingML written out: python-docx's API
    cannot make tracked changes, content controls, smart tags or fields."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for block in blocks:
        body.insert(len(body) - 1, parse_xml(block.replace("<w:p>", f"<w:p {W_NS}>", 1)
                                             .replace("<w:sdt>", f"<w:sdt {W_NS}>", 1)))
    document.save(path)
    return path


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


NESTED = [
    # a content control in a form: the false "：。" came from reading 填报单位： and 。 only
    f"<w:p>{run('填报单位：')}<w:sdt><w:sdtPr><w:alias w:val='单位'/></w:sdtPr><w:sdtContent>"
    f"{run('XX局,的的')}</w:sdtContent></w:sdt>{run('。')}</w:p>",
    f"<w:p>{run('原文')}<w:ins w:id='1' {TRACK}>{run('插入,XX')}</w:ins>"
    f"<w:del w:id='2' {TRACK}><w:r><w:delText>删除的的,YY</w:delText></w:r></w:del>"
    f"<w:moveFrom w:id='3' {TRACK}>{run('移走,ZZ')}</w:moveFrom>"
    f"<w:moveTo w:id='4' {TRACK}>{run('移来')}</w:moveTo>{run('。')}</w:p>",
    f"<w:p><w:smartTag w:uri='u' w:element='place'><w:smartTagPr/>{run('北京,XX')}"
    f"</w:smartTag><w:customXml w:element='x'>{run('市的的')}</w:customXml>{run('。')}</w:p>",
    f"<w:p><w:hyperlink w:anchor='a'>{run('详见,XX')}</w:hyperlink><w:fldSimple "
    f"w:instr='DATE'>{run('2024年1月1日')}</w:fldSimple>{run('。')}</w:p>",
    # a complex field: its code (w:instrText) is not text, its result is
    f"<w:p>{run('第')}<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE"
    f" </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>{run('3')}"
    f"<w:r><w:fldChar w:fldCharType='end'/></w:r>{run('页')}</w:p>",
    # a text box's paragraphs (read after the body), a footnote mark and hidden text are not
    # this paragraph's text
    f"<w:p {W_NS} xmlns:v='urn:schemas-microsoft-com:vml'>{run('正文')}<w:r><w:pict>"
    f"<v:shape><v:textbox><w:txbxContent><w:p>{run('文本框,XX')}</w:p></w:txbxContent>"
    f"</v:textbox></v:shape></w:pict></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
    f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏,XX</w:t></w:r>{run('完。')}</w:p>",
    "<w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='2000'/></w:tabs></w:pPr><w:r>"
    "<w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t>"
    "<w:br w:type='page'/><w:t>戊</w:t><w:noBreakHyphen/><w:t>己</w:t>"
    "<w:sym w:font='Wingdings' w:char='F0FC'/><w:sym w:font='SimSun' w:char='221A'/>"
    "</w:r></w:p>",
]


def test_runs_inside_tracked_changes_controls_links_and_fields_are_read(tmp_path):
    doc = read_bytes(xml_docx(tmp_path / "n.docx", *NESTED).read_bytes(), "n.docx")
    lines = doc.text.split("\n")
    assert lines == ["填报单位：XX局,的的。", "原文插入,XX移来。", "北京,XX市的的。",
                     "详见,XX2024年1月1日。", "第3页", "正文完。", "甲\t乙", "丙", "丁",
                     "戊-己 √", "文本框,XX"]  # a text box's paragraph: after the body
    start = doc.text.index("戊")
    assert doc.masked == [(start + 3, start + 4)]


SOFT_REPORT = ["关于2023年工作情况的报告", "市委：", "现将有关情况报告如下：", "一、主要工作情况",
               "全年完成各项任务。", "三、存在的问题", "工作合力尚待增强。", "四、下一步打算",
               "加强常态化建设。"]


def test_lines_a_line_break_separates_are_lines_as_typed_on_their_own(tmp_path):
    """A report whose lines are separated by Shift+Enter (pasted from a web page) was one
    paragraph: its headings were no headings (the skipped 二、 went unreported) and every
    finding was on line 1. Each line break starts a line, as in the same text typed in a
    .txt or as paragraphs; the paragraphs after it keep their own lines."""
    soft = "<w:r><w:br/></w:r>".join(run(line) for line in SOFT_REPORT)
    xml_docx(tmp_path / "soft.docx", f"<w:p>{soft}</w:p>", f"<w:p>{run('附件,XX')}</w:p>")
    doc = read_bytes((tmp_path / "soft.docx").read_bytes(), "soft.docx")
    assert doc.text.split("\n") == [*SOFT_REPORT, "附件,XX"] and doc.masked == []
    expected = [(6, 1, "heading-sequence"), (10, 3, "halfwidth-punct"),
                (10, 4, "placeholder")]
    assert findings(tmp_path / "soft.docx") == expected
    (tmp_path / "typed.txt").write_text("\n".join([*SOFT_REPORT, "附件,XX"]) + "\n")
    assert findings(tmp_path / "typed.txt") == expected


def test_a_line_break_in_a_cell_a_heading_or_before_a_text_box_keeps_each_lines_role(
        tmp_path):
    """The lines a break makes in a table cell are cells, those of a heading style's
    paragraph are the heading's, and the text boxes' lines, after them, keep their names;
    a line feed in a text element is no break to Word (a masked space)."""
    from docx.oxml import parse_xml

    document = docx.Document()
    heading = document.add_paragraph("关于2023年工作情况", style="Heading 1")    # 1
    heading.add_run().add_break()
    heading.add_run("的报告")                                                   # 2
    cell = document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
    cell.add_run("已完成整改")                                                  # 3
    cell.add_run().add_break()
    cell.add_run("正在验收")                                                    # 4
    anchored = document.add_paragraph()                                        # 5
    for element in parse_xml(f"<w:p {W_NS} {TEXT_BOX_NS}>{text_box('×政发〔202X〕3号')}"
                             "</w:p>"):
        anchored._p.append(element)
    fed = document.add_paragraph()                                             # 6
    fed._p.append(parse_xml(f"<w:r {W_NS}><w:t>甲\n乙。</w:t></w:r>"))
    document.save(tmp_path / "c.docx")
    doc = read_bytes((tmp_path / "c.docx").read_bytes(), "c.docx")
    assert doc.text.split("\n") == ["关于2023年工作情况", "的报告", "已完成整改", "正在验收",
                                    "", "甲 乙。", "×政发〔202X〕3号"]
    start = doc.text.index("甲")
    assert doc.masked == [(start + 1, start + 2)]
    assert doc.meta["heading_lines"] == {1, 2}
    assert doc.meta["table_lines"] == {3, 4, 7}
    assert doc.meta["stories"] == [(7, "文本框1")]
    assert messages(tmp_path / "c.docx") == [
        (7, 1, "placeholder", "占位符“×”未替换（位于文本框1）"),
        (7, 5, "placeholder", "占位符“202X”未替换（位于文本框1）")]


def test_a_symbol_code_beyond_unicode_is_one_masked_column(tmp_path):
    """w:char="110000" made the whole document a read-error (chr() out of range; review)."""
    xml_docx(tmp_path / "s.docx", "<w:p><w:r><w:t>甲</w:t><w:sym w:char='110000'/>"
                                  "<w:t>乙</w:t></w:r></w:p>")
    doc = read_bytes((tmp_path / "s.docx").read_bytes(), "s.docx")
    assert doc.text == "甲 乙" and doc.masked == [(1, 2)]


def test_findings_inside_nested_runs_have_their_columns(tmp_path):
    xml_docx(tmp_path / "n.docx", *NESTED[:3])
    assert messages(tmp_path / "n.docx") == [
        (1, 6, "placeholder", "占位符“XX”未替换"),
        (1, 9, "halfwidth-punct", "中文语境中应使用全角逗号“，”"),
        (1, 10, "doubled-char", "疑似多打了字：“的的”"),
        (2, 5, "halfwidth-punct", "中文语境中应使用全角逗号“，”"),
        (2, 6, "placeholder", "占位符“XX”未替换"),
        (3, 3, "halfwidth-punct", "中文语境中应使用全角逗号“，”"),
        (3, 4, "placeholder", "占位符“XX”未替换"),
        (3, 7, "doubled-char", "疑似多打了字：“的的”")]


def test_block_level_content_controls_are_read(tmp_path):
    """Word wraps whole paragraphs, tables, rows and cells in content controls (a template's
    fill-in sections): they are body text in document order."""
    cell = "<w:tc><w:p>{}</w:p></w:tc>"
    xml_docx(
        tmp_path / "b.docx",
        f"<w:p>{run('前言。')}</w:p>",
        f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{run('控件段落,XX')}</w:p><w:tbl><w:tr>"
        + cell.format(run("表格甲"))
        + "<w:sdt><w:sdtContent>" + cell.format(run("控件单元格")) + "</w:sdtContent></w:sdt>"
        + "</w:tr><w:sdt><w:sdtContent><w:tr>" + cell.format(run("控件行"))
        + "</w:tr></w:sdtContent></w:sdt></w:tbl></w:sdtContent></w:sdt>",
        f"<w:p>{run('结尾。')}</w:p>")
    doc = read_bytes((tmp_path / "b.docx").read_bytes(), "b.docx")
    assert doc.text.split("\n") == ["前言。", "控件段落,XX", "表格甲", "控件单元格", "控件行",
                                    "结尾。"]


def showing(content: str, *, flag: str = "<w:showingPlcHdr/>") -> str:
    """A content control whose properties say it shows its placeholder text."""
    return (f"<w:sdt><w:sdtPr><w:alias w:val='字段'/>{flag}</w:sdtPr><w:sdtContent>{content}"
            "</w:sdtContent></w:sdt>")


def test_content_controls_showing_their_placeholder_text_are_placeholders(tmp_path):
    """A template's fields left as Word shows them before anyone types in them: Word's own
    prompt, or the template's, in a control inside a paragraph or around paragraphs, in the
    body, a table cell or a text box. A control someone filled in is text like any other."""
    box = (f"<w:p {W_NS} xmlns:v='urn:schemas-microsoft-com:vml'><w:r><w:pict><v:shape>"
           f"<v:textbox><w:txbxContent><w:p>{run('文号：')}"
           + showing(run("请输入文号"))
           + "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    xml_docx(
        tmp_path / "t.docx",
        f"<w:p>{run('发文机关：')}" + showing(run("单击或点击此处输入文字。")).replace(
            "<w:sdt>", f"<w:sdt {W_NS}>", 1) + f"{run('，请核对。')}</w:p>",
        showing(f"<w:p>{run('请在此填写本单位开展工作的主要情况')}</w:p>"),
        f"<w:p>{run('联系人：')}" + showing(run("王五"), flag="<w:showingPlcHdr w:val='0'/>")
        .replace("<w:sdt>", f"<w:sdt {W_NS}>", 1) + f"{run('。')}</w:p>",
        box)
    doc = read_bytes((tmp_path / "t.docx").read_bytes(), "t.docx")
    assert doc.text.split("\n") == ["发文机关：单击或点击此处输入文字。，请核对。",
                                    "请在此填写本单位开展工作的主要情况", "联系人：王五。",
                                    "", "文号：请输入文号"]  # the text box: after the body
    run_, results = lint_json("t.docx", cwd=tmp_path)
    assert [(m["line"], m["column"], m["loc"]["end"]["column"], m["message"])
            for m in results[0]["messages"] if m["ruleId"] == "placeholder"] == [
        (1, 6, 18, "占位符“单击或点击此处输入文字。”未替换"),
        (2, 1, 18, "占位符“请在此填写本单位开展工作的主要情况”未替换"),
        (5, 4, 9, "占位符“请输入文号”未替换（位于文本框1）")]


def test_a_placeholder_control_is_one_finding_and_covers_the_others(tmp_path):
    """Found by a review of Word templates: a template's prompt drew findings of its own (a
    half-width comma in 请输入姓名, 电话, a broken line); two controls side by side were one
    finding; a filled text box anchored in a placeholder's paragraph was a placeholder; an
    unchecked check box's □ was one."""
    w14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    checkbox = (f"<w:sdt {W_NS} {w14}><w:sdtPr><w14:checkbox><w14:checked w14:val='0'/>"
                "<w14:uncheckedState w14:val='25A1' w14:font='宋体'/></w14:checkbox></w:sdtPr>"
                f"<w:sdtContent>{run('□')}</w:sdtContent></w:sdt>")
    anchored = f"<w:p {W_NS} {TEXT_BOX_NS}>"
    xml_docx(
        tmp_path / "c.docx",
        showing(f"<w:p>{run('在此处输入正文，正文使用3号仿宋字体，每段首行缩进2字符')}</w:p>"),
        f"<w:p>{run('联系人：')}" + showing(run("请输入姓名, 电话")).replace(
            "<w:sdt>", f"<w:sdt {W_NS}>", 1) + f"{run('。')}</w:p>",
        f"<w:p>{run('主办：')}" + showing(run("请输入")).replace("<w:sdt>", f"<w:sdt {W_NS}>", 1)
        + showing(run("单位")).replace("<w:sdt>", f"<w:sdt {W_NS}>", 1) + f"{run('。')}</w:p>",
        f"<w:p>{checkbox}{run('主动公开。')}</w:p>",
        showing(f"{anchored}{text_box('临江市人民政府文件')}{run('请输入发文字号')}</w:p>"))
    doc = read_bytes((tmp_path / "c.docx").read_bytes(), "c.docx")
    assert doc.text.split("\n")[3:] == [" 主动公开。", "请输入发文字号", "临江市人民政府文件"]
    assert messages(tmp_path / "c.docx") == [
        (1, 1, "placeholder",
         "占位符“在此处输入正文，正文使用3号仿宋字体，每段首行缩进2字符”未替换"),
        (2, 5, "placeholder", "占位符“请输入姓名, 电话”未替换"),
        (3, 4, "placeholder", "占位符“请输入”未替换"),
        (3, 7, "placeholder", "占位符“单位”未替换"),
        (5, 1, "placeholder", "占位符“请输入发文字号”未替换")]


def test_tracked_changes_read_as_accepted_join_paragraphs_whose_mark_was_deleted(tmp_path):
    """Accepting a deleted paragraph mark joins the paragraph to the next (a review found
    the pair reported as a broken line); the joined text is the next paragraph's line."""
    deleted_mark = f"<w:pPr><w:rPr><w:del w:id='31' {TRACK}/></w:rPr></w:pPr>"
    xml_docx(tmp_path / "m.docx",
             f"<w:p>{run('关于加强校园安全管理工作的通知')}</w:p>",
             f"<w:p>{deleted_mark}{run('各单位要高度重视，')}</w:p>",
             f"<w:p>{run('认真抓好落实,确保工作取得实效。')}</w:p>")
    doc = read_bytes((tmp_path / "m.docx").read_bytes(), "m.docx")
    assert doc.text.split("\n") == ["关于加强校园安全管理工作的通知", "",
                                    "各单位要高度重视，认真抓好落实,确保工作取得实效。"]
    assert findings(tmp_path / "m.docx") == [(3, 16, "halfwidth-punct")]


def test_a_paragraph_joined_to_a_numbered_one_comes_after_its_number(tmp_path):
    """A review: the text of a paragraph whose mark was deleted came before the next
    paragraph's list number (……落实工作责任，一、主要工作情况), which was no heading then."""
    deleted_mark = f"<w:pPr><w:rPr><w:del w:id='31' {TRACK}/></w:rPr></w:pPr>"
    lists = {1: [("chineseCounting", "%1、")]}
    path = numbered_docx(tmp_path / "j.docx", lists, [
        ("关于2023年落实意识形态工作责任制情况的报告",),                        # 1
        ("2023年，我局认真落实工作责任。",),                                     # 2
        ("主要工作情况", 1, 0),                                                 # 3 一、
        ("成立领导小组。",),                                                     # 4
    ])
    import zipfile

    with zipfile.ZipFile(path) as package:
        parts = {item.filename: package.read(item.filename) for item in package.infolist()}
    xml = parts["word/document.xml"].decode()
    paragraph = xml.rindex("<w:p>", 0, xml.index("2023年，我局"))  # paragraph 2's start
    parts["word/document.xml"] = (xml[:paragraph] + "<w:p>" + deleted_mark
                                  + xml[paragraph + len("<w:p>"):]).encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    doc = read_bytes(path.read_bytes(), "j.docx")
    assert doc.text.split("\n")[1:3] == ["", "一、2023年，我局认真落实工作责任。主要工作情况"]
    assert [h.line.number for h in doc.structure.headings] == [3]


def test_a_fields_code_may_run_over_paragraphs(tmp_path):
    """A mail merge's IF whose argument holds a paragraph: the field nested in its code is
    not text in the next paragraph either (a review); a field Word never ended does not hide
    the rest of the document."""
    begin, separate, end = (f"<w:r><w:fldChar w:fldCharType='{kind}'/></w:r>"
                            for kind in ("begin", "separate", "end"))
    code = "<w:r><w:instrText xml:space='preserve'> {} </w:instrText></w:r>".format
    merge = begin + code("MERGEFIELD 姓名") + separate + run("张三") + end
    xml_docx(tmp_path / "f.docx",
             "<w:p>" + begin + code('IF 1 = 1 "') + "</w:p>",
             "<w:p>" + merge + code('第一段"') + separate + run("第一段") + end + "</w:p>",
             "<w:p>" + begin + code("ASK 未完") + "</w:p>",
             *(f"<w:p>{run(f'第{i}段。')}</w:p>" for i in range(1, 26)))
    lines = read_bytes((tmp_path / "f.docx").read_bytes(), "f.docx").text.split("\n")
    assert lines[:2] == ["", "第一段"]
    assert lines[3:23] == [""] * 20 and lines[23:] == [f"第{i}段。" for i in range(21, 26)]


def test_a_field_inside_another_fields_code_is_not_text(tmp_path):
    """Word shows a field's result, not its code, and a mail merge's { IF { MERGEFIELD 职务 }
    … } holds other fields' results in its code (read as 局长局长局长, a review found)."""
    def field(code: str, result: str) -> str:
        return (f"<w:r><w:fldChar w:fldCharType='begin'/></w:r>{code}"
                f"<w:r><w:fldChar w:fldCharType='separate'/></w:r>{result}"
                "<w:r><w:fldChar w:fldCharType='end'/></w:r>")

    def code(text: str) -> str:
        return f"<w:r><w:instrText xml:space='preserve'>{text}</w:instrText></w:r>"

    merge = field(code(" MERGEFIELD 职务 "), run("局长"))
    xml_docx(tmp_path / "f.docx",
             "<w:p>" + run("尊敬的") + field(code(" IF ") + merge + code(' &lt;&gt; "" "') + merge
                                              + code('" "同志" '), run("局长"))
             + run("：") + "</w:p>",
             "<w:p>" + run("本次会议共") + field(code(" = ") + field(
                 code(" MERGEFIELD 人数 "), run("12")) + code(" + 1 "), run("13"))
             + run("人参加,会议圆满结束。") + "</w:p>")
    doc = read_bytes((tmp_path / "f.docx").read_bytes(), "f.docx")
    assert doc.text.split("\n") == ["尊敬的局长：", "本次会议共13人参加,会议圆满结束。"]


def test_a_strict_open_xml_document_says_what_to_do(tmp_path):
    import zipfile

    plain = make_docx(tmp_path / "plain.docx")
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(strict, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "_rels/.rels":
                data = data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/"
                                    b"relationships", b"http://purl.oclc.org/ooxml/"
                                    b"officeDocument/relationships")
            target.writestr(item, data)
    with pytest.raises(ReadError, match="saved as Strict Open XML Document, which python-docx "
                                        r"does not read; save it in Word as Word Document"):
        read_bytes(strict.read_bytes(), "strict.docx")


def test_a_numbered_paragraph_showing_placeholder_text_is_marked_after_its_number(tmp_path):
    from lint.readers.docx import _line

    xml = showing(f"<w:p>{run('在此输入小标题')}</w:p>")
    from docx.oxml import parse_xml

    control = parse_xml(xml.replace("<w:sdt>", f"<w:sdt {W_NS}>", 1))
    paragraph = control.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
    shown = frozenset([paragraph])
    assert _line(paragraph, lambda p: "（一）", shown, False, True) == (
        "（一）在此输入小标题", False, True, [(3, 10)], 3)
    assert _line(paragraph, lambda p: "（一）", None, False, True) == (
        "（一）在此输入小标题", False, True, (), 3)


# -- table cells ------------------------------------------------------------------------

def table_docx(path: Path) -> Path:
    """A report with a task table whose cells are phrases, one with a comma and one with
    half-width punctuation and a placeholder (a cell's defects are still defects)."""
    document = docx.Document()
    document.add_paragraph("关于2023年工作情况的报告")                    # 1
    document.add_paragraph("一、主要工作情况")                            # 2
    document.add_paragraph("全年重点任务完成情况如下表所示：")            # 3
    rows = [("序号", "完成情况"),                                         # 4 5
            ("1", "已完成整改，正在验收"),                                # 6 7
            ("2", "完成XX个,超额完成")]                                   # 8 9
    table = document.add_table(rows=3, cols=2)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    document.add_paragraph("二、存在的问题")                              # 10
    document.add_paragraph("一是学习不够深入，二是创新不足")              # 11
    document.add_paragraph("三、下一步打算")                              # 12
    document.add_paragraph("持续加强学习，推动工作落实。")                # 13
    document.save(path)
    return path


def test_table_cells_are_not_asked_for_a_period(tmp_path):
    """Cells were judged as body paragraphs: 已完成整改，正在验收 lacked a period, and a
    column of cells read as one sentence broken at every cell (200 broken-line warnings for
    a 50x4 table). Their role is now ``cell``; the body paragraph at line 11 is still judged,
    and rules about characters still report inside cells."""
    table_docx(tmp_path / "t.docx")
    assert messages(tmp_path / "t.docx") == [
        (9, 3, "placeholder", "占位符“XX”未替换"),
        (9, 6, "halfwidth-punct", "中文语境中应使用全角逗号“，”"),
        (11, 15, "missing-period", "段落以“二是创新不足”结尾，缺少句号")]
    doc = read_bytes((tmp_path / "t.docx").read_bytes(), "t.docx")
    assert doc.meta["table_lines"] == set(range(4, 10))
    assert [doc.structure.role(n) for n in range(1, 14)] == [
        "title", "heading", "label", *["cell"] * 6, "heading", "body", "heading", "body"]


def test_a_long_table_is_not_one_broken_sentence(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、基本情况")
    table = document.add_table(rows=50, cols=4)
    for i in range(50):
        for j in range(4):
            table.cell(i, j).text = f"单元格{i},{j}"
    document.save(tmp_path / "t.docx")
    run_, results = lint_json("t.docx", cwd=tmp_path)
    assert results[0]["messages"] == [] and run_.returncode == 0
    doc = read_bytes((tmp_path / "t.docx").read_bytes(), "t.docx")
    assert doc.text.split("\n")[1:3] == ["单元格0,0", "单元格0,1"]
    assert doc.structure.roles.count("cell") == 200


def test_a_tab_is_alignment_not_a_space(tmp_path):
    """cjk-spacing reported Word's tabs (联系人：张三⇥联系电话：…) as stray spaces; a tab is
    alignment in Word, and in plain text a copied table's cell separator. A space is still
    reported, in the same document."""
    document = docx.Document()
    for text in ("联系人：张三\t联系电话：12345678", "抄送：市委办公室\t市政府办公室",
                 "完成率\t100%", "加强 组织领导。"):
        document.add_paragraph(text)
    document.save(tmp_path / "t.docx")
    (tmp_path / "t.txt").write_text("抄送：市委办公室\t市政府办公室\n加强 组织领导。\n",
                                    encoding="utf-8")
    run_, results = lint_json("t.docx", "t.txt", cwd=tmp_path)
    assert [[(m["line"], m["column"], m["ruleId"], m["message"]) for m in r["messages"]]
            for r in results] == [
        [(4, 3, "cjk-spacing", "汉字与数字、汉字与汉字之间不应有空格")],
        [(2, 3, "cjk-spacing", "汉字与数字、汉字与汉字之间不应有空格")]]


def test_a_paragraph_deleted_whole_is_an_empty_line(tmp_path):
    """As Word shows it with the markup: the numbering of the paragraphs after it holds."""
    xml_docx(tmp_path / "d.docx", f"<w:p>{run('甲。')}</w:p>",
             f"<w:p><w:pPr><w:rPr><w:del w:id='1' {TRACK}/></w:rPr></w:pPr><w:del w:id='2' "
             f"{TRACK}><w:r><w:delText>整段删除,XX</w:delText></w:r></w:del></w:p>",
             f"<w:p>{run('乙,XX。')}</w:p>")
    assert findings(tmp_path / "d.docx") == [
        (3, 2, "halfwidth-punct"), (3, 3, "placeholder")]


# -- Word's list numbering ---------------------------------------------------------------

GONGWEN_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                  ("decimal", "%3."), ("decimal", "（%4）"))


def numbered_docx(path: Path, lists: dict, paragraphs, *, suffix: str = "nothing",
                  styles: dict | None = None) -> Path:
    """A .docx whose paragraphs are numbered by Word's lists. ``lists`` maps an abstract
    list's id to its levels ``(numFmt, lvlText)``, or to ``(abstract id, start override)``
    for a list instance over another's definition; ``paragraphs`` are ``(text, numId,
    ilvl)``, or ``(text, style)`` for a paragraph numbered by its style; ``styles`` maps a
    paragraph style to the ``(numId, ilvl)`` it is linked to."""
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    for list_id, spec in lists.items():
        if isinstance(spec[0], int):  # an instance over another list's definition
            abstract, start = spec
            override = (f"<w:lvlOverride w:ilvl='{start[0]}'><w:startOverride "
                        f"w:val='{start[1]}'/></w:lvlOverride>" if start else "")
            numbering.append(parse_xml(f"<w:num {W_NS} w:numId='{list_id}'><w:abstractNumId "
                                       f"w:val='{abstract}'/>{override}</w:num>"))
            continue
        levels = "".join(
            f"<w:lvl w:ilvl='{i}'><w:start w:val='1'/><w:numFmt w:val='{fmt}'/>"
            f"<w:suff w:val='{suffix}'/><w:lvlText w:val='{text}'/></w:lvl>"
            for i, (fmt, text) in enumerate(spec))
        first_num.addprevious(parse_xml(f"<w:abstractNum {W_NS} w:abstractNumId='{list_id}'>"
                                         f"{levels}</w:abstractNum>"))
        numbering.append(parse_xml(f"<w:num {W_NS} w:numId='{list_id}'><w:abstractNumId "
                                   f"w:val='{list_id}'/></w:num>"))
    for style, (num_id, ilvl) in (styles or {}).items():
        level = "" if ilvl is None else f"<w:ilvl w:val='{ilvl}'/>"  # Word's 标题 1: none
        document.styles[style].element.get_or_add_pPr().insert(0, parse_xml(
            f"<w:numPr {W_NS}>{level}<w:numId w:val='{num_id}'/></w:numPr>"))
    for text, *numbered in paragraphs:
        if len(numbered) == 1:
            document.add_paragraph(text, style=numbered[0])
            continue
        paragraph = document.add_paragraph(text)
        if numbered:
            num_id, ilvl = numbered
            paragraph._p.get_or_add_pPr().insert(0, parse_xml(
                f"<w:numPr {W_NS}><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num_id}'/>"
                f"</w:numPr>"))
    document.save(path)
    return path


def findings(path: Path) -> list[tuple[int, int, str]]:
    run_, results = lint_json(path.name, cwd=path.parent)
    return [(m["line"], m["column"], m["ruleId"]) for m in results[0]["messages"]]


def messages(path: Path) -> list[tuple[int, int, str, str]]:
    run_, results = lint_json(path.name, cwd=path.parent)
    return [(m["line"], m["column"], m["ruleId"], m["message"])
            for m in results[0]["messages"]]


REPORT = [
    ("关于2023年落实意识形态工作责任制情况的报告",),                            # 1
    ("2023年，我局党组认真落实意识形态工作责任制，现将有关情况报告如下：",),    # 2
    ("主要工作情况", 1, 0),                                                     # 3
    ("加强组织领导，压实意识形态工作责任", 1, 1),                               # 4
    ("局党组全年召开专题会议4次，研究部署意识形态工作。",),                     # 5
    ("强化理论武装，筑牢思想根基", 1, 1),                                       # 6
    ("一是坚持“第一议题”制度。二是开展专题研讨。",),                            # 7
    ("存在的问题", 1, 0),                                                       # 8
    ("一是工作合力尚待增强。二是方式创新不够。",),                              # 9
    ("下一步工作打算", 1, 0),                                                   # 10
    ("持续加强学习教育，提高政治站位", 1, 1),                                   # 11
    ("坚持每周学习制度，上报信息XX条。",),                                      # 12
]


@pytest.mark.parametrize("suffix", ["nothing", "tab", "space"])
def test_word_list_numbers_are_read_as_word_shows_them(tmp_path, suffix):
    """A template numbers its headings with Word's multilevel list: the paragraph's text has
    no 一、, so a heading with a comma was a body paragraph without a period (missing-period,
    broken-line). The number is read as Word shows it, and the findings are those of the
    same report typed by hand. The space Word may put after a number is its separator, as
    its tab is, not a space the writer typed: it reads as a tab (alignment)."""
    path = numbered_docx(tmp_path / "n.docx", {1: GONGWEN_LEVELS}, REPORT, suffix=suffix)
    doc = read_bytes(path.read_bytes(), "n.docx")
    gap = "" if suffix == "nothing" else "\t"
    assert [line for line in doc.text.split("\n") if "（" in line[:1] or "、" in line[1:2]] == [
        f"一、{gap}主要工作情况", f"（一）{gap}加强组织领导，压实意识形态工作责任",
        f"（二）{gap}强化理论武装，筑牢思想根基", f"二、{gap}存在的问题",
        f"三、{gap}下一步工作打算", f"（一）{gap}持续加强学习教育，提高政治站位"]
    assert [h.line.number for h in doc.structure.headings] == [3, 4, 6, 8, 10, 11]
    assert findings(path) == [(12, 14, "placeholder")]



def test_the_space_after_a_word_number_is_not_a_stray_space(tmp_path):
    """第一条 为了规范…… numbered by Word with a "space" after the number: cjk-spacing
    reported a space between two Chinese characters that the writer never typed."""
    path = numbered_docx(tmp_path / "n.docx", {1: [("chineseCounting", "第%1条")]}, [
        ("市档案管理办法",), ("为了规范档案管理，根据有关规定，制定本办法。", 1, 0),
        ("本办法自印发之日起施行。", 1, 0)], suffix="space")
    doc = read_bytes(path.read_bytes(), "n.docx")
    assert doc.text.split("\n")[1:] == ["第一条\t为了规范档案管理，根据有关规定，制定本办法。",
                                        "第二条\t本办法自印发之日起施行。"]
    assert [f for f in findings(path) if f[2] == "cjk-spacing"] == []


def test_word_list_numbers_are_checked_as_written(tmp_path):
    """What Word shows is what the reader sees: a second-level list applied again under 二、
    continues at （三） (Word keeps counting a list until Set Numbering Value restarts it,
    and counts on across lists over one definition), which is one way of numbering (the State
    Council's 意见 count so), but then the list restarted under 三、 is not; and a level
    written 一. is not 一、."""
    lists = {1: [("chineseCounting", "%1、")], 2: [("chineseCounting", "（%1）")],
             3: (2, (0, 1)), 4: [("chineseCounting", "%1.")]}
    path = numbered_docx(tmp_path / "n.docx", lists, [
        ("关于2023年落实意识形态工作责任制情况的报告",),                        # 1
        ("现将有关情况报告如下：",),                                            # 2
        ("主要工作情况", 1, 0),                                                 # 3 一、
        ("加强组织领导，压实意识形态工作责任", 2, 0),                           # 4 （一）
        ("强化理论武装，筑牢思想根基", 2, 0),                                   # 5 （二）
        ("存在的问题", 1, 0),                                                   # 6 二、
        ("工作合力尚待增强，方式创新不够", 2, 0),                               # 7 （三）
        ("下一步工作打算", 1, 0),                                               # 8 三、
        ("持续加强学习教育，提高政治站位", 3, 0),                               # 9 （一）
        ("持续加强阵地管理，守好舆论阵地", 2, 0),                               # 10 （二）
        ("附则", 4, 0),                                                         # 11 一.
        ("本报告由局办公室负责解释。",),                                         # 12
    ])
    doc = read_bytes(path.read_bytes(), "n.docx")
    assert [doc.text.split("\n")[h.line.number - 1][:4] for h in doc.structure.headings] == [
        "一、主要", "（一）加", "（二）强", "二、存在", "（三）工", "三、下一", "（一）持",
        "（二）持", "一.附则"]
    assert messages(tmp_path / "n.docx") == [
        (9, 1, "heading-sequence",
         "标题序号“（一）”与前文编号方式不一致（前文跨上级标题接续编号，此处应为“（四）”）"),
        (11, 1, "heading-sequence", "标题序号“一.”排在“三、”之后"),
        (11, 1, "heading-style", "标题序号“一.”应写作“一、”")]


def test_a_bullet_restarts_the_numbers_below_it_as_word_does(tmp_path):
    """A bullet shows no number, but it is an item of its level all the same: the numbered
    items under the next bullet start again at 1. (they went on at 3.)."""
    path = numbered_docx(tmp_path / "b.docx", {1: [("bullet", "•"), ("decimal", "%2.")]}, [
        ("关于2023年工作情况的报告",), ("甲", 1, 0), ("子", 1, 1), ("丑", 1, 1), ("乙", 1, 0),
        ("寅", 1, 1)])
    doc = read_bytes(path.read_bytes(), "b.docx")
    assert doc.text.split("\n") == ["关于2023年工作情况的报告", "甲", "1.子", "2.丑", "乙",
                                    "1.寅"]


def test_headings_numbered_by_their_style_and_numbering_switched_off(tmp_path):
    """A template links 标题 1 and 标题 2 to a multilevel list; a paragraph of a numbered
    style whose numbering the writer switched off (numId 0) shows no number."""
    path = numbered_docx(tmp_path / "s.docx", {1: GONGWEN_LEVELS}, [
        ("关于2023年工作情况的报告",),
        ("主要工作情况", "Heading 1"),
        ("加强组织领导，压实工作责任", "Heading 2"),
        ("全年召开专题会议4次。",),
        ("存在的问题", "Heading 1"),
        ("附件", 0, 0),
        ("下一步工作打算", "Heading 1"),
    ], styles={"Heading 1": (1, None), "Heading 2": (1, 1)})
    doc = read_bytes(path.read_bytes(), "s.docx")
    assert doc.text.split("\n") == [
        "关于2023年工作情况的报告", "一、主要工作情况", "（一）加强组织领导，压实工作责任",
        "全年召开专题会议4次。", "二、存在的问题", "附件", "三、下一步工作打算"]


def test_heading_styles_without_numbers_are_section_titles(tmp_path):
    """Headings set in 标题 1/标题 2 with no number: one with a comma was a body paragraph
    without a period, one right after the title a subtitle, so the report was said to lack
    its 工作情况 section. A paragraph with an outline level (by its style or its own) is a
    section title, whatever its length, as a Markdown heading is."""
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("关于2023年落实意识形态工作责任制情况的报告", style="Title")
    document.add_paragraph("主要工作情况", style="Heading 1")                      # 2
    document.add_paragraph("加强组织领导，压实意识形态工作责任", style="Heading 2")  # 3
    document.add_paragraph("局党组全年召开专题会议4次，研究部署XX项工作。")          # 4
    document.add_paragraph("存在的问题，及其原因分析", style="Heading 1")          # 5
    document.add_paragraph("一是工作合力尚待增强。二是方式创新不够。")              # 6
    outlined = document.add_paragraph("下一步工作打算，以及有关建议")              # 7
    outlined._p.get_or_add_pPr().append(parse_xml(f"<w:outlineLvl {W_NS} w:val='0'/>"))
    document.add_paragraph("坚持每周学习制度。")                                   # 8
    document.save(tmp_path / "h.docx")
    assert findings(tmp_path / "h.docx") == [(4, 19, "placeholder")]
    doc = read_bytes((tmp_path / "h.docx").read_bytes(), "h.docx")
    assert [doc.structure.role(n) for n in range(1, 9)] == [
        "title", "label", "label", "body", "label", "body", "label", "body"]


# -- text boxes ---------------------------------------------------------------------------

def text_box(*paragraphs: str, vml_only: bool = False) -> str:
    """A run holding a text box as Word 2010 and later save it: a drawing (mc:Choice) and its
    VML copy for older readers (mc:Fallback); ``vml_only``: as older Word and WPS save it."""
    content = "<w:txbxContent>" + "".join(f"<w:p>{run(p)}</w:p>" for p in paragraphs) + \
        "</w:txbxContent>"
    vml = f"<w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
    if vml_only:
        return f"<w:r>{vml}</w:r>"
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:anchor><wp:docPr "
        "id='1' name='文本框 1'/><a:graphic><a:graphicData uri='http://schemas.microsoft.com/"
        f"office/word/2010/wordprocessingShape'><wps:wsp><wps:txbx>{content}</wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>")


TEXT_BOX_NS = (
    "xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006' "
    "xmlns:wp='http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing' "
    "xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main' "
    "xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape' "
    "xmlns:v='urn:schemas-microsoft-com:vml'")


def test_text_boxes_are_read_once_after_the_body(tmp_path):
    """A template's red header (发文机关标志, 发文字号) and its 版记 sit in text boxes, and
    placeholders left there were never reported. A text box's paragraphs are lines after the
    body's, so the body's line numbers stay paragraph numbers; a box Word saved twice
    (drawing and VML copy) is read once; its lines are not asked for a period."""
    anchored = f"<w:p {W_NS} {TEXT_BOX_NS}>"
    xml_docx(
        tmp_path / "t.docx",
        f"{anchored}{text_box('××市人民政府文件', '×政发〔202X〕3号')}</w:p>",   # 1: anchor
        f"<w:p>{run('关于开展安全生产检查的通知')}</w:p>",                      # 2
        f"<w:p>{run('现将有关情况报告如下,请审阅。')}</w:p>",                   # 3
        f"{anchored}{run('全年完成任务。')}"
        f"{text_box('抄送：市委办公室', '市政府办公室      XX年1月10日印发', vml_only=True)}"
        "</w:p>")                                                                 # 4
    doc = read_bytes((tmp_path / "t.docx").read_bytes(), "t.docx")
    assert doc.text.split("\n") == [
        "", "关于开展安全生产检查的通知", "现将有关情况报告如下,请审阅。", "全年完成任务。",
        "××市人民政府文件", "×政发〔202X〕3号", "抄送：市委办公室",
        "市政府办公室      XX年1月10日印发"]
    assert findings(tmp_path / "t.docx") == [
        (3, 11, "halfwidth-punct"), (5, 1, "placeholder"), (6, 1, "placeholder"),
        (6, 5, "placeholder"), (8, 13, "placeholder")]
    assert doc.meta["stories"] == [(5, "文本框1"), (7, "文本框2")]
    run_, results = lint_json("t.docx", cwd=tmp_path)
    assert [m["message"] for m in results[0]["messages"]][1:] == [
        "占位符“××”未替换（位于文本框1）", "占位符“×”未替换（位于文本框1）",
        "占位符“202X”未替换（位于文本框1）", "占位符“XX”未替换（位于文本框2）"]


def test_a_text_box_leaves_the_closing_signature_and_date_in_place(tmp_path):
    """The text box's lines come last, and the signature and date above them are still the
    document's closing lines (they were labels)."""
    anchored = f"<w:p {W_NS} {TEXT_BOX_NS}>"
    xml_docx(tmp_path / "s.docx",
             f"<w:p>{run('关于开展安全生产检查的通知')}</w:p>",
             f"<w:p>{run('各单位要认真开展自查，按时报送检查结果。')}</w:p>",
             f"<w:p>{run('中共某市应急管理局党组')}</w:p>",
             f"{anchored}{run('2024年1月10日')}{text_box('抄送：市委办公室')}</w:p>")
    structure = read_bytes((tmp_path / "s.docx").read_bytes(), "s.docx").structure
    assert structure.roles == ["title", "body", "signature", "date", "cell"]


# -- footnotes and endnotes ---------------------------------------------------------------

def notes_part(kind: str, *notes: str) -> bytes:
    """A footnotes (or endnotes) part as Word writes it: two separator notes, then the notes,
    each starting with its reference mark."""
    tag = kind[:-1]
    separators = "".join(
        f"<w:{tag} w:type='{t}' w:id='{i}'><w:p><w:r><w:{s}/></w:r></w:p></w:{tag}>"
        for i, (t, s) in enumerate([("separator", "separator"),
                                     ("continuationSeparator", "continuationSeparator")], -1))
    body = "".join(
        f"<w:{tag} w:id='{i}'><w:p><w:r><w:{tag}Ref/></w:r>{run(' ' + text)}</w:p></w:{tag}>"
        for i, text in enumerate(notes, 1))
    return f"<w:{kind} {W_NS}>{separators}{body}</w:{kind}>".encode()


def test_footnote_and_endnote_text_is_read_after_the_body(tmp_path):
    """A footnote's text is the document's text (sources, explanations): a placeholder or a
    half-width comma there was never reported. Notes follow the body as lines, footnotes
    then endnotes, without their marks and without Word's separator notes; like table cells
    they are not asked for a period."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("关于开展安全生产检查的通知")                                # 1
    paragraph = document.add_paragraph("依据有关规定开展检查。")                        # 2
    paragraph._p.append(parse_xml(f"<w:r {W_NS}><w:footnoteReference w:id='1'/></w:r>"))
    for kind, content_type, relationship, notes in (
            ("footnotes", CT.WML_FOOTNOTES, RT.FOOTNOTES,
             ["见《XX市安全生产条例》第十条", "数据来源:市应急管理局"]),              # 3 4
            ("endnotes", CT.WML_ENDNOTES, RT.ENDNOTES, ["本通知自印发之日起施行。"])):  # 5
        part = Part(PackURI(f"/word/{kind}.xml"), content_type, notes_part(kind, *notes),
                    document.part.package)
        document.part.relate_to(part, relationship)
    document.save(tmp_path / "f.docx")
    doc = read_bytes((tmp_path / "f.docx").read_bytes(), "f.docx")
    assert doc.text.split("\n") == [
        "关于开展安全生产检查的通知", "依据有关规定开展检查。", " 见《XX市安全生产条例》第十条",
        " 数据来源:市应急管理局", " 本通知自印发之日起施行。"]
    assert doc.meta["stories"] == [(3, "脚注1"), (4, "脚注2"), (5, "尾注1")]
    # a finding there names the note: its line is no paragraph of the body
    assert messages(tmp_path / "f.docx") == [
        (3, 4, "placeholder", "占位符“XX”未替换（位于脚注1）"),
        (4, 6, "halfwidth-punct", "中文语境中应使用全角冒号“：”（位于脚注2）")]


MAIN_PARTS = {
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ".docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    ".dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}


def word_package(path: Path, content_type: str) -> Path:
    """A one-paragraph Word file whose main part is ``content_type`` (a template, a macro
    document)."""
    import zipfile

    document = docx.Document()
    document.add_paragraph("上报信息XX条,请审阅。")
    plain = path.with_name(path.name + ".plain.docx")
    document.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument."
                                    b"wordprocessingml.document.main+xml", content_type.encode())
            target.writestr(item, data)
    plain.unlink()
    return path


def test_templates_and_macro_documents_are_read_under_their_own_names(tmp_path):
    """gwlint 模板.dotx (the office's template) or 报告.docm said "binary file (contains NUL
    bytes), skipped" and exited 0, its placeholders unseen, also when the config's
    extensions listed them. They are read as Word files; the pre-commit hook for Word files
    takes them too."""
    import re

    import yaml

    names = [word_package(tmp_path / f"t{ext}", ct).name for ext, ct in MAIN_PARTS.items()]
    run_, results = lint_json(*names, cwd=tmp_path)
    assert run_.returncode == 1 and run_.stderr == b""
    assert {r["filePath"].rsplit("/", 1)[1]: positions(r) for r in results} == {
        name: [(1, 5, "placeholder"), (1, 8, "halfwidth-punct")] for name in names}
    (tmp_path / "gwlint.yaml").write_text("extensions: [.dotx, .docm, .dotm]\n")
    run_, results = lint_json(".", cwd=tmp_path)
    assert sorted(r["filePath"].rsplit("/", 1)[1] for r in results if r["messages"]) == sorted(
        names)
    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    files = re.compile(next(h["files"] for h in hooks if h["id"] == "gwlint-docx"))
    assert [n for n in ["a.docx", "b.DOTX", "c.docm", "d.dotm", "e.doc", "f.txt"]
            if files.search(n)] == ["a.docx", "b.DOTX", "c.docm", "d.dotm"]


@pytest.mark.parametrize("content_type", list(MAIN_PARTS.values()))
def test_a_template_or_macro_document_named_docx_is_read(tmp_path, content_type):
    """The office's template (.dotx) filled in and kept under a .docx name, or a .docm
    renamed, was a read error naming a Python object: "cannot read .docx file: file
    '<_io.BytesIO object at 0x…>' is not a Word file". Their text is a .docx's."""
    word_package(tmp_path / "t.docx", content_type)
    assert findings(tmp_path / "t.docx") == [(1, 5, "placeholder"), (1, 8, "halfwidth-punct")]


def test_numbers_in_text_boxes_and_notes_are_read_each_story_counting_apart(tmp_path):
    """A numbered list in a text box or a footnote read without its numbers (一、 （一）),
    as if Word showed none: only the body's paragraphs were numbered. Each text box and
    each notes part counts its lists from the start, apart from the body's, as Word
    numbers a story of its own; a finding's column counts the number, as in the body."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    path = numbered_docx(tmp_path / "n.docx", {1: GONGWEN_LEVELS}, [
        ("关于开展安全生产检查的通知",), ("检查范围", 1, 0), ("全市各类生产经营单位。",),
        ("检查重点", 1, 0)])
    document = docx.Document(path)

    def numbered(text: str, ilvl: int = 0) -> str:
        return (f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='1'/>"
                f"</w:numPr></w:pPr>{run(text)}</w:p>")

    def box(*paragraphs: str) -> str:
        return ("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + "".join(paragraphs)
                + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")

    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f"<w:p {W_NS} {TEXT_BOX_NS}>{run('附：')}"
        f"{box(numbered('联系人XX'), numbered('联系电话', 1))}"
        f"{box(numbered('报送时间'))}</w:p>"))
    notes = (f"<w:footnotes {W_NS}><w:footnote w:id='1'>{numbered('依据XX条例')}"
             f"</w:footnote><w:footnote w:id='2'>{numbered('参照有关规定')}</w:footnote>"
             "</w:footnotes>")
    document.part.relate_to(Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                                 notes.encode(), document.part.package), RT.FOOTNOTES)
    document.save(path)
    doc = read_bytes(path.read_bytes(), "n.docx")
    assert doc.text.split("\n") == [
        "关于开展安全生产检查的通知", "一、检查范围", "全市各类生产经营单位。", "二、检查重点",
        "附：", "一、联系人XX", "（一）联系电话", "一、报送时间", "一、依据XX条例",
        "二、参照有关规定"]
    assert [f for f in findings(path) if f[2] == "placeholder"] == [
        (6, 6, "placeholder"), (9, 5, "placeholder")]


def test_chinese_list_numbers_from_one_hundred_are_written_as_word_writes_them(tmp_path):
    """A regulation numbered 第%1条 in Word's 一, 二, 三 (简) format (chineseCountingThousand)
    read 第一〇一条 from article 101 on, digit by digit, where Word shows 第一百〇一条: every
    finding after the number was a column off. ``chineseCounting`` goes digit by digit from
    100, with the white circle ○ for zero (Open-XML-PowerTools and ONLYOFFICE render both
    formats so)."""
    lists = {1: [("chineseCountingThousand", "第%1条")], 2: (1, (0, 99)),
             3: [("chineseCounting", "%1、")], 4: (3, (0, 100))}
    path = numbered_docx(tmp_path / "n.docx", lists, [
        ("某市档案管理条例",), ("本条例自公布之日起施行。", 2, 0),
        ("本条例由市档案局负责解释。", 2, 0), ("XX部门另行规定。", 2, 0),
        ("附则", 4, 0), ("其他", 4, 0)])
    doc = read_bytes(path.read_bytes(), "n.docx")
    assert doc.text.split("\n") == [
        "某市档案管理条例", "第九十九条本条例自公布之日起施行。",
        "第一百条本条例由市档案局负责解释。", "第一百〇一条XX部门另行规定。", "一○○、附则",
        "一○一、其他"]
    assert [f for f in findings(path) if f[2] == "placeholder"] == [(4, 7, "placeholder")]


def test_a_typed_number_after_the_one_word_puts_there_is_reported(tmp_path):
    """Headings pasted with their numbers into a template whose heading styles number them:
    Word shows 一、一、主要工作情况, and gwlint said nothing, the heading being 一、 with a
    title that happens to start with 一、. The doubled number is reported by heading-style
    (no fix in a Word file), the typed one being also the wrong one under 二、."""
    numbered_docx(tmp_path / "n.docx", {1: GONGWEN_LEVELS}, [
        ("关于2023年工作情况的报告",), ("现将有关情况报告如下：",),
        ("一、主要工作情况", 1, 0), ("全年召开会议4次。",),
        ("（一）加强组织领导", 1, 1), ("成立领导小组。",),
        ("存在的问题", 1, 0), ("一是合力不强。",),
        ("二、下一步打算", 1, 0), ("持续加强学习，1.5万元资金到位。",)], suffix="tab")
    run_, results = lint_json("n.docx", cwd=tmp_path)
    assert [(m["line"], m["column"], m["ruleId"], m["message"], "fix" in m)
            for m in results[0]["messages"]] == [
        (3, 1, "heading-style", "标题序号“一、一、”应写作“一、”", False),
        (5, 1, "heading-style", "标题序号“（一）（一）”应写作“（一）”", False),
        (9, 1, "heading-style", "标题序号“三、二、”应写作“三、”", False)]


def test_a_typed_number_glued_to_the_one_word_puts_there_is_reported(tmp_path):
    """The same with the list's number followed by nothing (Word shows 一、一、主要工作情况):
    the line was no heading at all, 一、 before a numeral reading as a range (一、二季度), so
    the sections went missing, 二、 lacked its 一、, and each heading was a broken line."""
    numbered_docx(tmp_path / "n.docx", {1: GONGWEN_LEVELS}, [
        ("关于2023年工作情况的报告",), ("现将有关情况报告如下：",),
        ("一、主要工作情况", 1, 0), ("全年召开会议4次。",),
        ("存在的问题", 1, 0), ("一是合力不强。",),
        ("二、下一步打算", 1, 0), ("持续加强学习。",)], suffix="nothing")
    assert messages(tmp_path / "n.docx") == [
        (3, 1, "heading-style", "标题序号“一、一、”应写作“一、”"),
        (7, 1, "heading-style", "标题序号“三、二、”应写作“三、”")]
