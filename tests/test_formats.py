"""Output formats: textlint's JSON exactly (UTF-16 positions after the BOM, sorted), and the
line shapes of stylish, compact, unix, checkstyle, junit and github."""

from __future__ import annotations

import json
import re

from lint.cli import main

# BOM + an astral character (2 UTF-16 code units) before the findings, CRLF then LF
SMALL = "\ufeff𠀀上报信息*条,其它xxx事项。\r\n第二行布署工作.\n".encode()


def run(tmp_path, capsys, *args):
    path = tmp_path / "small.txt"
    path.write_bytes(SMALL)
    code = main([str(path), "--no-color", *args])
    return code, capsys.readouterr().out, str(path)


def test_json_is_textlint_shape_with_utf16_positions(tmp_path, capsys):
    code, out, path = run(tmp_path, capsys, "-f", "json")
    assert code == 1
    data = json.loads(out)
    assert list(data[0]) == ["messages", "filePath"]
    assert data[0]["filePath"] == path
    messages = data[0]["messages"]
    assert [(m["ruleId"], m["line"], m["column"], m["index"]) for m in messages] == [
        ("placeholder", 1, 7, 6),
        ("halfwidth-punct", 1, 9, 8),
        ("terms", 1, 10, 9),
        ("placeholder", 1, 12, 11),
        ("terms", 2, 4, 22),
        ("halfwidth-punct", 2, 8, 26),
    ]
    first = messages[0]
    assert list(first) == ["type", "ruleId", "message", "index", "line", "column", "range",
                           "loc", "severity"]
    assert first == {
        "type": "lint", "ruleId": "placeholder", "message": "占位符“*”未替换", "index": 6,
        "line": 1, "column": 7, "range": [6, 7],
        "loc": {"start": {"line": 1, "column": 7}, "end": {"line": 1, "column": 8}},
        "severity": 2,
    }
    assert messages[2]["fix"] == {"range": [9, 11], "text": "其他"}
    # compact like JSON.stringify, followed by one newline
    assert out.endswith("}]\n") and ", " not in out.split('"message"')[0]


def test_json_is_written_as_json_dumps_writes_textlint_messages(linter):
    """lint.formats.json writes each message through a template from its row: the text must
    be exactly what json.dumps makes of the message objects, whatever a message holds
    (quotes, backslashes, control characters, lone surrogates, a fix, a read error)."""
    from lint.engine import FileResult
    from lint.finding import Finding, Fix, Level
    from lint.formats import Options, messages
    from lint.formats.json import format as format_json
    from lint.readers import read_path

    from .conftest import SEEDS

    results = [linter.lint_document(read_path(p, str(p))) for p in sorted(SEEDS.glob("*.txt"))]
    doc = read_path(sorted(SEEDS.glob("*.txt"))[0], "odd \"名\\称\udcff.txt")
    tricky = Finding("terms", 0, 2, '引号"、反斜杠\\、\t\x01和\udce9', Fix(0, 2, '"\\'),
                     level=Level.WARNING)
    results += [FileResult(path=doc.path, doc=doc, findings=[tricky]),
                FileResult(path="gone.txt", error="无法读取：\"gone.txt\""),
                FileResult(path="ok.txt")]
    expected = "[" + ",".join(json.dumps({"messages": messages(r), "filePath": r.path},
                                         ensure_ascii=False, separators=(",", ":"))
                              for r in results) + "]\n"
    written = "".join(format_json(iter(results), Options()))
    assert written == expected.replace("\udcff", "\\udcff").replace("\udce9", "\\udce9")
    assert sum(len(r.findings) for r in results) > 500 and '"fix":' in written


def test_json_clean_file(tmp_path, capsys):
    path = tmp_path / "ok.txt"
    path.write_text("上报各类信息12条。\n", encoding="utf-8")
    assert main([str(path), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"messages": [], "filePath": str(path)}]


def test_stylish_shape(tmp_path, capsys):
    code, out, path = run(tmp_path, capsys)
    lines = out.splitlines()
    assert lines[0] == ""
    assert lines[1] == path
    assert lines[2].startswith("  1:7   error    占位符“*”未替换")
    assert lines[2].endswith("placeholder")
    assert lines[3].startswith("  1:9   ✓ error  中文语境中应使用全角逗号“，”")
    assert lines[-3] == "✖ 6 problems (6 errors, 0 warnings, 0 infos)"
    assert lines[-2] == "✓ 4 fixable problems."
    assert lines[-1] == "Try to run: $ gwlint --fix [file]"


def test_compact_and_unix(tmp_path, capsys):
    _, out, path = run(tmp_path, capsys, "-f", "compact")
    assert out.splitlines()[0] == f"{path}: line 1, col 7, Error - 占位符“*”未替换 (placeholder)"
    assert out.endswith("\n6 problems\n")
    _, out, path = run(tmp_path, capsys, "-f", "unix")
    assert out.splitlines()[4] == f"{path}:2:4: “布署”应为“部署” [Error/terms]"


def test_checkstyle_and_junit_are_xml(tmp_path, capsys):
    import xml.etree.ElementTree as ET

    _, out, path = run(tmp_path, capsys, "-f", "checkstyle")
    root = ET.fromstring(out)
    errors = root.find("file").findall("error")
    assert root.find("file").get("name") == path
    assert (errors[0].get("line"), errors[0].get("column"), errors[0].get("source")) == (
        "1", "7", "eslint.rules.placeholder")
    _, out, _ = run(tmp_path, capsys, "-f", "junit")
    cases = ET.fromstring(out).find("testsuite").findall("testcase")
    assert [c.get("name") for c in cases][:2] == ["org.eslint.placeholder",
                                                  "org.eslint.halfwidth-punct"]


def test_junit_is_textlints_bytes(tmp_path, capsys):
    """textlint 15's junit.ts: no testsuite for a clean file, and the message escaped by
    lodash's escape in the attribute and inside the CDATA alike."""
    import xml.etree.ElementTree as ET

    (tmp_path / "pack.yaml").write_text(
        "rules:\n  - id: amp\n    kind: pattern\n    message: |-\n      a & b <c> \"d\" it's.\n"
        "    patterns: ['XYZ']\n    why: test\n    examples: {bad: [XYZ], good: [xyz]}\n",
        encoding="utf-8")
    clean = tmp_path / "ok.txt"
    clean.write_text("今天开会。\n", encoding="utf-8")
    found = tmp_path / "x.txt"
    found.write_text("今天XYZ开会。\n", encoding="utf-8")
    code = main([str(clean), str(found), "-f", "junit", "--rules", str(tmp_path / "pack.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    message = "a &amp; b &lt;c&gt; &quot;d&quot; it&#39;s."
    assert out == (
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
        f'<testsuite package="org.eslint" time="0" tests="1" errors="1" name="{found}">\n'
        f'<testcase time="0" name="org.eslint.amp"><failure message="{message}">'
        f"<![CDATA[line 1, col 3, Error - {message} (amp)]]></failure></testcase>\n"
        "</testsuite>\n</testsuites>\n")
    failure = ET.fromstring(out).find("testsuite/testcase/failure")
    assert failure.get("message") == 'a & b <c> "d" it\'s.'
    assert main([str(clean), "-f", "junit"]) == 0
    assert capsys.readouterr().out == (
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n</testsuites>\n')


def test_output_file_and_quiet(tmp_path, capsys):
    target = tmp_path / "report.json"
    code, out, _ = run(tmp_path, capsys, "-f", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))[0]["messages"]) == 6
    path = tmp_path / "w.txt"
    path.write_text("组建了 36 人队伍。\n", encoding="utf-8")
    assert main([str(path), "--quiet", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["messages"] == []


def test_output_file_that_is_a_file_to_lint(tmp_path, monkeypatch, capsys):
    # `gwlint draft.txt -o draft.txt` emptied the draft before reading it, reported it
    # clean and exited 0: the draft was lost
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "draft.txt"
    draft.write_text("推进XX工作。\n", encoding="utf-8")
    assert main(["draft.txt", "-o", str(draft)]) == 2
    assert draft.read_text(encoding="utf-8") == "推进XX工作。\n"
    refusal = ("-o {} is one of the files to lint and not a report of gwlint's; the "
               "report would overwrite it (write the report elsewhere)\n")
    assert capsys.readouterr() == ("", "gwlint: " + refusal.format(draft))
    # found by a folder walk, a document is refused just the same (a review found
    # `gwlint drafts -o drafts/报告.txt` replacing the draft by the report, status 0)
    (tmp_path / "报告.txt").write_text("上报XX条。\n", encoding="utf-8")
    assert main([".", "-f", "unix", "-o", "报告.txt"]) == 2
    assert (tmp_path / "报告.txt").read_text(encoding="utf-8") == "上报XX条。\n"
    assert capsys.readouterr() == ("", "gwlint: " + refusal.format("报告.txt"))
    (tmp_path / "报告.txt").unlink()
    # an earlier run's report, in any of gwlint's formats: not linted, and overwritten
    expected = f"{draft}:1:3: 占位符“XX”未替换 [Error/placeholder]\n\n1 problem\n"
    assert main([".", "-f", "unix", "-o", "report.txt"]) == 1  # not there yet
    assert capsys.readouterr() == ("", "")
    for fmt in ("stylish", "compact", "json", "sarif", "checkstyle", "junit", "tap", "github",
                "html", "unix"):
        assert main([".", "-f", fmt, "--no-color", "-o", "report.txt"]) == 1, fmt
        assert capsys.readouterr() == (
            "", "gwlint: report.txt: the report's own file (-o), not linted\n"), fmt
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == expected
    (tmp_path / "report.txt").write_text("", encoding="utf-8")  # a clean run's stylish
    assert main([".", "-f", "unix", "-o", "report.txt"]) == 1
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == expected
    capsys.readouterr()


def test_stylish_aligns_columns_by_display_width(tmp_path, capsys):
    # line numbers right-aligned, columns left-aligned after the colon, messages padded by
    # display width (CJK characters take two columns, quotation marks one)
    path = tmp_path / "a.txt"
    path.write_text("推进XX工作。\n" + "\n" * 10 + "组建了 36 人队伍,布署。\n", encoding="utf-8")
    assert main(["--no-color", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[2:7] == [
        "   1:3   error      占位符“XX”未替换                      placeholder",
        "  12:4   ✓ warning  汉字与数字、汉字与汉字之间不应有空格  cjk-spacing",
        "  12:7   ✓ warning  汉字与数字、汉字与汉字之间不应有空格  cjk-spacing",
        "  12:11  ✓ error    中文语境中应使用全角逗号“，”          halfwidth-punct",
        "  12:12  ✓ error    “布署”应为“部署”                      terms",
    ]


# -- a file name that is not UTF-8 ---------------------------------------------------------
# A GBK name, as unzip leaves one from an archive made on Windows: Python holds its
# undecodable bytes as lone surrogates. Every format used to write them raw (invalid JSON
# and XML) or crash (sarif: UnicodeEncodeError).
GBK_NAME = "关于报告.txt".encode("gbk")


def _gbk_named(tmp_path):
    import os

    import pytest

    folder = os.fsencode(tmp_path / "zip")
    os.mkdir(folder)
    try:
        with open(os.path.join(folder, GBK_NAME), "wb") as handle:
            handle.write("上报信息*条。\n".encode())
    except OSError:  # a file system that takes UTF-8 names only (macOS)
        pytest.skip("this file system refuses names that are not UTF-8")
    return tmp_path / "zip", os.fsdecode(os.path.join(folder, GBK_NAME))


def _report(tmp_path, folder, fmt) -> bytes:
    out = tmp_path / f"report.{fmt}"
    assert main([str(folder), "-f", fmt, "-o", str(out)]) == 1
    return out.read_bytes()


def test_a_name_that_is_not_utf8_keeps_its_bytes_in_text_formats(tmp_path):
    folder, name = _gbk_named(tmp_path)
    for fmt in ("unix", "compact", "stylish"):
        data = _report(tmp_path, folder, fmt)
        assert b"/zip/" + GBK_NAME in data, fmt  # as ls and ripgrep print it
        data.replace(b"/zip/" + GBK_NAME, b"").decode("utf-8")  # the rest is UTF-8


def test_a_name_that_is_not_utf8_gives_valid_json_sarif_and_xml(tmp_path):
    import os
    import xml.dom.minidom
    from urllib.parse import unquote_to_bytes

    folder, name = _gbk_named(tmp_path)
    report = json.loads(_report(tmp_path, folder, "json").decode("utf-8"))
    assert report[0]["filePath"] == name and os.path.exists(report[0]["filePath"])
    assert [m["ruleId"] for m in report[0]["messages"]] == ["placeholder"]

    sarif = json.loads(_report(tmp_path, folder, "sarif").decode("utf-8"))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert unquote_to_bytes(location["artifactLocation"]["uri"]).endswith(b"zip/" + GBK_NAME)

    for fmt in ("checkstyle", "junit"):
        dom = xml.dom.minidom.parseString(_report(tmp_path, folder, fmt))
        names = [e.getAttribute("name") for e in dom.getElementsByTagName(
            "file" if fmt == "checkstyle" else "testsuite")]
        assert names == [name[:name.rindex("/") + 1] + r"\xb9\xd8\xd3ڱ\xa8\xb8\xe6.txt"], fmt
    _report(tmp_path, folder, "html").decode("utf-8")


def test_chinese_output_where_the_locale_cannot_write_it(tmp_path):
    """An ASCII locale (or one that is not installed) made every report a
    UnicodeEncodeError: the output is UTF-8 then."""
    import os
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("上报信息*条。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "lint", "a.txt", "-f", "unix"], cwd=tmp_path,
                          capture_output=True, env=env, timeout=60)
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.decode("utf-8") == (
        f"{tmp_path / 'a.txt'}:1:5: 占位符“*”未替换 [Error/placeholder]\n\n1 problem\n")


def test_help_where_the_locale_cannot_write_chinese(tmp_path):
    """`gwlint --help` under an ASCII locale was a UnicodeEncodeError traceback (its
    description says 公文): the streams were prepared only after the arguments were
    parsed."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "lint", "--help"], cwd=tmp_path,
                          capture_output=True, env=env, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert ("Lint Chinese official documents (公文) against YAML rules."
            in done.stdout.decode("utf-8").splitlines())


# -- control characters --------------------------------------------------------------------
# A raw ESC or U+0001 in a file name, or in a message quoting what a rule matched, made
# checkstyle and JUnit reports no XML parser reads (XML 1.0 forbids C0 controls but tab,
# line feed and carriage return, and U+FFFE/U+FFFF), and put them raw in the HTML page.
CONTROL_NAME = "a\x1bb\x01c.txt"
CONTROL_PACK = """\
rules:
  - id: control-char
    kind: pattern
    level: warning
    message: 控制字符“{match}”
    patterns: ['[\\x01\\x1b\\x7f\\x9b\\ufffe]']
    why: 测试用规则。
    examples: {bad: ["测试\\x01内容"]}
"""
# the escapes of the five characters the pack reports, in the order they are in the text
CONTROL_SHOWN = [r"\x01", r"\x1b", r"\x7f", r"\u009b", r"\ufffe"]


def _control_report(tmp_path, fmt) -> str:
    (tmp_path / "pack.yaml").write_text(CONTROL_PACK, encoding="utf-8")
    folder = tmp_path / "c"
    folder.mkdir(exist_ok=True)
    (folder / CONTROL_NAME).write_text("测试,内容\x01\x1b\x7f\x9b\ufffe。\n", encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    assert main([str(folder), "-f", fmt, "-o", str(out), "--disable", "mojibake",
                 "--rules", str(tmp_path / "pack.yaml")]) == 1
    return out.read_text(encoding="utf-8")


def test_control_characters_are_escaped_visibly_in_xml(tmp_path):
    import xml.etree.ElementTree as ET

    name = str(tmp_path / "c") + r"/a\x1bb\x01c.txt"
    checkstyle = ET.fromstring(_control_report(tmp_path, "checkstyle"))
    [file] = checkstyle.findall("file")
    assert file.get("name") == name
    assert [e.get("message") for e in file.findall("error")] == [
        "中文语境中应使用全角逗号“，” (halfwidth-punct)",
        *(f"控制字符“{shown}” (control-char)" for shown in CONTROL_SHOWN)]

    junit = ET.fromstring(_control_report(tmp_path, "junit"))
    [suite] = junit.findall("testsuite")
    assert suite.get("name") == name
    failures = [case.find("failure") for case in suite.findall("testcase")]
    assert [f.get("message") for f in failures][1:] == [
        f"控制字符“{shown}”" for shown in CONTROL_SHOWN]
    assert failures[2].text == r"line 1, col 7, Warning - 控制字符“\x1b” (control-char)"


def test_control_characters_are_escaped_visibly_in_html(tmp_path):
    import re

    page = _control_report(tmp_path, "html")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", page)
    assert page.count(r"a\x1bb\x01c.txt") == 2  # the list of files and the document's title
    # the document's line, each character highlighted where it is, and each message
    assert re.findall(r">([^<>]*)</mark>", page) == [",", *CONTROL_SHOWN]
    assert "</mark>。</span>" in page
    for shown in CONTROL_SHOWN:
        assert f"<td>控制字符“{shown}”</td>" in page


def test_control_characters_in_sarif_are_json_escapes(tmp_path):
    sarif = json.loads(_control_report(tmp_path, "sarif"))
    results = sarif["runs"][0]["results"]
    assert [r["message"]["text"] for r in results if r["ruleId"] == "control-char"] == [
        f"控制字符“{c}”" for c in "\x01\x1b\x7f\x9b\ufffe"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "/c/a%1Bb%01c.txt")


def test_control_characters_are_escaped_in_the_formats_for_the_terminal(tmp_path):
    """A file named with ESC sequences (or a message quoting them) would drive the terminal
    that shows the report: colours, the cursor, the window's title."""
    name = str(tmp_path / "c") + r"/a\x1bb\x01c.txt"
    unix = _control_report(tmp_path, "unix").splitlines()
    assert unix[0] == f"{name}:1:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]"
    assert unix[2] == fr"{name}:1:7: 控制字符“\x1b” [Warning/control-char]"
    compact = _control_report(tmp_path, "compact").splitlines()
    assert compact[4] == fr"{name}: line 1, col 9, Warning - 控制字符“\u009b” (control-char)"
    stylish = _control_report(tmp_path, "stylish")
    assert f"\n{name}\n" in stylish and r"控制字符“\u009b”" in stylish
    for report in ("\n".join(unix), "\n".join(compact), stylish):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", report)


def test_a_line_feed_in_a_file_name_cannot_forge_a_finding(tmp_path, capsys):
    """A name holding a line feed started a line of its own in unix, compact and stylish
    output: a finding forged by the name."""
    (tmp_path / "ok.txt:1:1: all clean [Info-none]\nreal.txt").write_text(
        "今天开会xxx。\n", encoding="utf-8")
    shown = str(tmp_path) + r"/ok.txt:1:1: all clean [Info-none]\x0areal.txt"
    assert main([str(tmp_path), "-f", "unix"]) == 1
    assert capsys.readouterr().out == (
        f"{shown}:1:5: 占位符“xxx”未替换 [Error/placeholder]\n\n1 problem\n")
    for fmt in ("compact", "stylish"):
        main([str(tmp_path), "-f", fmt, "--no-color"])
        assert shown in capsys.readouterr().out


def test_gwlints_own_lines_on_standard_error_escape_a_name(tmp_path, capsys):
    """--fix's notes and a directive's notice named the file raw: ESC sequences in a name
    reached the terminal there."""
    name = tmp_path / "evil\x1b]0;PWNED\x07\x1b[2J.txt"
    name.write_text("今天我们开会,讨论工作。<!-- gwlint-disable-line foo -->\n", encoding="utf-8")
    assert main([str(tmp_path), "--fix", "-f", "unix"]) == 0
    shown = str(tmp_path) + r"/evil\x1b]0;PWNED\x07\x1b[2J.txt"
    err = capsys.readouterr().err
    assert err == (f"gwlint: {shown}: fixed 1 problem\n"
                   f"gwlint: {shown}:1: gwlint-disable-line names no rule 'foo' "
                   "(gwlint --list-rules)\n")


def _tap_blocks(out: str) -> list:
    """The YAML diagnostics of a TAP report, parsed."""
    import yaml

    blocks = re.findall(r"\n  ---\n(.*?)\n  \.\.\.\n", out, re.S)
    return [yaml.safe_load("\n".join(line[2:] for line in b.split("\n"))) for b in blocks]


def test_tap_is_textlints_shape(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("今天开会。\n", encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_bytes(SMALL)
    code = main([str(clean), str(small), "-f", "tap"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[:14] == [
        "TAP version 13",
        "1..2",
        f"ok 1 - {clean}",
        f"not ok 2 - {small}",
        "  ---",
        '  message: "占位符“*”未替换"',
        "  severity: error",
        "  data:",
        "    line: 1",
        "    column: 7",
        '    ruleId: "placeholder"',
        "  messages:",
        '    - message: "中文语境中应使用全角逗号“，”"',
        "      severity: error",
    ]
    assert out.endswith("  ...\n")
    [block] = _tap_blocks(out)
    assert block["data"] == {"line": 1, "column": 7, "ruleId": "placeholder"}
    assert [(m["data"]["line"], m["data"]["column"], m["data"]["ruleId"])
            for m in block["messages"]] == [(1, 9, "halfwidth-punct"), (1, 10, "terms"),
                                            (1, 12, "placeholder"), (2, 4, "terms"),
                                            (2, 8, "halfwidth-punct")]


def test_tap_severity_names_info_as_textlint_15_does(tmp_path, capsys):
    """textlint 15.1 and later write ``info`` for severity 3 (before: ``warning``)."""
    long = tmp_path / "long.txt"
    long.write_text("为" + "深入贯彻落实决策部署" * 16 + "。\n", encoding="utf-8")
    assert main([str(long), "-f", "tap"]) == 0
    [block] = _tap_blocks(capsys.readouterr().out)
    assert (block["severity"], block["data"]["ruleId"]) == ("info", "sentence-length")


def test_compact_and_unix_name_an_info_finding_info(tmp_path, capsys):
    """textlint's one-line formats write Warning for anything but an error (they predate
    its info level); gwlint's say Info, as the README says."""
    long = tmp_path / "long.txt"
    long.write_text("为" + "深入贯彻落实决策部署" * 16 + "。\n", encoding="utf-8")
    assert main([str(long), "-f", "unix"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{long}:1:1: 句子过长（162字，超过150字），建议拆分 [Info/sentence-length]")
    assert main([str(long), "-f", "compact"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{long}: line 1, col 1, Info - 句子过长（162字，超过150字），建议拆分 (sentence-length)")


def test_control_characters_in_tap_read_back_as_they_were(tmp_path):
    report = _control_report(tmp_path, "tap")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe]", report)
    [block] = _tap_blocks(report)
    found = [block] + block["messages"]
    assert [m["message"] for m in found if m["data"]["ruleId"] == "control-char"] == [
        f"控制字符“{c}”" for c in "\x01\x1b\x7f\x9b\ufffe"]
    assert report.splitlines()[2] == "not ok 1 - " + str(tmp_path / "c") + r"/a\x1bb\x01c.txt"


def test_a_line_break_in_a_file_name_cannot_end_its_tap_test_line(tmp_path, capsys):
    """A name holding a line break was written raw: the rest of it was a line of its own,
    here one a TAP reader takes for a passing test."""
    draft = tmp_path / "a\nok 9 - b\r.txt"
    draft.write_text("推进XX工作。\n", encoding="utf-8")
    assert main([str(draft), "-f", "tap"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["TAP version 13", "1..1",
                         f"not ok 1 - {tmp_path}/a\\x0aok 9 - b\\x0d.txt"]
    assert lines[3] == "  ---"


def test_a_hash_in_a_file_name_starts_no_tap_directive(tmp_path, capsys):
    """``not ok 1 - 周报 # TODO.md``: TAP readers take ``# TODO`` for a directive, and the
    failing file for an expected failure (``# SKIP``: a skipped one). The ``#`` is written
    ``\\#``, and a backslash ``\\\\``, as node-tap and TAP 14 write them."""
    draft = tmp_path / "周报 # TODO \\ 1.md"
    draft.write_text("推进XX工作。\n", encoding="utf-8")
    assert main([str(draft), "-f", "tap"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == f"not ok 1 - {tmp_path}/周报 \\# TODO \\\\ 1.md"


def test_tap_strings_are_yaml_that_reads_back_exactly():
    import yaml

    from lint.formats.tap import _quoted

    for text in ["a: b # c", "- x", "'\"\\", "tab\there", "\x85NEL", "行\u2028分\u2029段",
                 "\x00\x7f\x9f", "\ufeffBOM", "𠀀"]:
        assert yaml.safe_load(f"message: {_quoted(text)}") == {"message": text}
