"""A project that only has a .textlintrc keeps working: prh, pattern, no-unmatched-pair and
the allowlist map to gwlint; JavaScript-only rules get one "not supported" notice each."""

from __future__ import annotations

import json

import pytest

from lint.cli import main


def write(tmp_path, rc: str, name: str = ".textlintrc.json"):
    (tmp_path / name).write_text(rc, encoding="utf-8")
    (tmp_path / "prh.yml").write_text(
        "version: 1\nrules:\n  - expected: 意识形态\n    pattern: 意识型态\n    prh: 规范用词\n",
        encoding="utf-8")
    (tmp_path / "a.txt").write_text("意识型态工作要落实(主体责任)，开展xxx次学习。\n",
                                    encoding="utf-8")


RC = """{
  // textlint reads JSON5-ish JSON
  "filters": {"comments": true, "allowlist": {"allow": ["/开展\\\\w*次/"]}},
  "rules": {
    "prh": {"rulePaths": ["./prh.yml"]},
    "@textlint-rule/pattern": {
      "severity": "warning",
      "patterns": [
        {"message": "存在占位符，请补全内容", "pattern": "/[xX]{2,}/"},
        {"message": "半角括号", "pattern": "/\\\\(([^)]+)\\\\)/", "replace": "（$1）"},
      ]
    },
    "textlint-rule-no-todo": true,
    "spellcheck-tech-word": false
  }
}"""


def test_textlintrc_rules_map(tmp_path, monkeypatch, capsys):
    write(tmp_path, RC)
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "json"]) == 1
    captured = capsys.readouterr()
    messages = json.loads(captured.out)[0]["messages"]
    assert [(m["ruleId"], m["column"], m["severity"], m.get("fix", {}).get("text"))
            for m in messages] == [
        ("prh", 1, 2, "意识形态"),
        ("@textlint-rule/pattern", 10, 1, "（主体责任）"),
    ]
    # textlint-rule-prh's own message: actual => expected, and its prh note on a line of its own
    assert messages[0]["message"] == "意识型态 => 意识形态\n规范用词"
    # the xxx placeholder is inside the allowlist's range; the JS rule gets one notice
    assert captured.err.count("not supported") == 1
    assert "'textlint-rule-no-todo' is not supported" in captured.err


def test_gwlint_config_wins_over_textlintrc(tmp_path, monkeypatch, capsys):
    write(tmp_path, RC)
    (tmp_path / "gwlint.yaml").write_text("rules:\n  terms: off\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["a.txt", "-f", "json"])
    ids = {m["ruleId"] for m in json.loads(capsys.readouterr().out)[0]["messages"]}
    assert "prh" not in ids and "placeholder" in ids


def test_textlintrc_yaml_with_unmatched_pair(tmp_path, monkeypatch, capsys):
    write(tmp_path, "rules:\n  '@textlint-rule/no-unmatched-pair': true\n", ".textlintrc.yml")
    (tmp_path / "a.txt").write_text("强调要“守好阵地，压实责任。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["a.txt", "-f", "json", "--print-config"])
    config = capsys.readouterr().out
    assert "rules:\n  '@textlint-rule/no-unmatched-pair':\n    level: error\n    kind: pairs\n" in (
        config)
    assert "placeholder" not in config  # only what the .textlintrc asks for
    assert main(["a.txt", "-f", "json"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    # under textlint's id, as prh and pattern are (a CI filter on rule ids keeps working)
    assert [(m["ruleId"], m["line"], m["column"]) for m in messages] == [
        ("@textlint-rule/no-unmatched-pair", 1, 4)]


def test_no_unmatched_pair_knows_textlints_pairs_too(tmp_path, monkeypatch, capsys):
    """A project moving from textlint kept only the Chinese pairs: its rule's ASCII
    brackets, 『』 and full-width ［］ were no longer checked (a review found it)."""
    write(tmp_path, "rules:\n  '@textlint-rule/no-unmatched-pair': true\n", ".textlintrc.yml")
    (tmp_path / "a.txt").write_text(
        "落实(主体责任。落实[主体责任。落实{主体责任。落实『主体责任。落实［主体责任。\n"
        "落实(主体)责任，落实［主体］责任。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "unix"]) == 1
    path = tmp_path / "a.txt"
    assert capsys.readouterr().out == "".join(
        f"{path}:1:{column}: 左{name}没有配对 [Error/@textlint-rule/no-unmatched-pair]\n"
        for column, name in ((3, "半角括号("), (11, "方括号["), (19, "花括号{"),
                             (27, "双直角引号『"), (35, "全角方括号［"))) + "\n5 problems\n"




def test_commas_and_brackets_inside_strings_are_kept(tmp_path, monkeypatch, capsys):
    """Trailing commas are dropped, but the same text inside a string is the string's: the
    pattern "/[，,]/" became "/[，]/" and "/[xX]{2,}/" became "/[xX]{2}/"."""
    rc = """{
      "rules": {"@textlint-rule/pattern": {"patterns": [
        {"message": "逗号", "pattern": "/[，,]/"},
        {"message": "占位符", "pattern": "/[xX]{2,}/"}, /* trailing */
      ], },
      },
    }"""
    (tmp_path / ".textlintrc.json").write_text(rc, encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲,乙，开展xxx次。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "json"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["message"], m["range"]) for m in messages
            if m["ruleId"] == "@textlint-rule/pattern"] == [
        ("逗号", [1, 2]), ("逗号", [3, 4]), ("占位符", [6, 9])]


def test_severity_none_turns_a_rule_off(tmp_path, monkeypatch, capsys):
    """textlint's severity table has none: 0; gwlint said "unknown level 'none'"."""
    write(tmp_path, RC.replace('"severity": "warning"', '"severity": "none"'))
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "json"]) == 1
    ids = [m["ruleId"] for m in json.loads(capsys.readouterr().out)[0]["messages"]]
    assert ids == ["prh"]


def _unix_report(tmp_path, monkeypatch, capsys, rc: str, text: str) -> str:
    """The unix report of a.txt holding ``text`` under a .textlintrc.json of ``rc``
    (status 1: it has findings)."""
    (tmp_path / ".textlintrc.json").write_text(rc, encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "unix"]) == 1
    return capsys.readouterr().out


def test_a_message_of_several_lines_is_printed_on_them(tmp_path, monkeypatch, capsys):
    """As textlint prints prh's messages; only the characters a terminal would act on are
    escaped (tests/test_formats.py)."""
    rc = '{"rules": {"@textlint-rule/pattern": {"patterns": [' \
         '{"message": "第一行\\n第二行", "pattern": "/甲/"}]}}}'
    out = _unix_report(tmp_path, monkeypatch, capsys, rc, "甲。\n")
    assert out == (f"{tmp_path / 'a.txt'}:1:1: 第一行\n第二行 [Error/@textlint-rule/pattern]\n"
                   "\n1 problem\n")


def test_a_messages_backslashes_are_text(tmp_path, monkeypatch, capsys):
    """textlint prints a message as written: a path's \2024, or \1 with a group in the
    pattern, is no fix's group reference (it was a load error)."""
    rc = ('{"rules": {"@textlint-rule/pattern": {"patterns": ['
          '{"message": "文件应存放在 D:\\\\2024\\\\报告 目录", "pattern": "/旧目录/"},'
          '{"message": "写作\\\\1", "pattern": "/(甲)/"}]}}}')
    out = _unix_report(tmp_path, monkeypatch, capsys, rc, "旧目录甲。\n")
    assert out == (f"{tmp_path / 'a.txt'}:1:1: 文件应存放在 D:\\2024\\报告 目录 "
                   "[Error/@textlint-rule/pattern]\n"
                   f"{tmp_path / 'a.txt'}:1:4: 写作\\1 [Error/@textlint-rule/pattern]\n"
                   "\n2 problems\n")


def test_textlint_disable_comments_name_textlints_rules(tmp_path, monkeypatch, capsys):
    """A document marked up for textlint names textlint's rules; they stand for the gwlint
    rules a .textlintrc maps them to (the comment suppressed nothing)."""
    (tmp_path / ".textlintrc.yml").write_text(
        'rules:\n  "@textlint-rule/no-unmatched-pair": true\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(
        "第一段（未闭合。\n\n<!-- textlint-disable @textlint-rule/no-unmatched-pair -->\n\n"
        "第二段（未闭合。\n\n<!-- textlint-enable @textlint-rule/no-unmatched-pair -->\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.md", "-f", "unix"]) == 1
    out = capsys.readouterr().out
    assert out == (f"{tmp_path / 'a.md'}:1:4: 左括号（没有配对 "
                   "[Error/@textlint-rule/no-unmatched-pair]\n"
                   "\n1 problem\n")


@pytest.mark.parametrize("rc, line, fragment", [
    ("rules:\n  prh:\n    severity: warn\n    rulePaths: [./prh.yml]\n", 3,
     "prh: unknown level 'warn'"),
    ("rules:\n  prh:\n    severity: error\n", 2, "prh: 'rulePaths' is required"),
    ('rules:\n  "@textlint-rule/pattern":\n    patterns:\n      - message: m\n'
     '        pattern: "/x/"\n      - pattern: "/y/"\n', 6, "each pattern needs 'message'"),
    ('rules:\n  "@textlint-rule/pattern":\n    patterns:\n      - message: m\n'
     '        pattern: "/(/"\n', 5, "bad regular expression '('"),
    # values of the wrong type were tracebacks
    ('rules:\n  "@textlint-rule/pattern": true\n', 2,
     '@textlint-rule/pattern: You should set patterns at least one (it needs options: '
     '{"patterns": [{"message": …, "pattern": …}]})'),
    ("rules: 5\n", 1, "'rules' must be a mapping, not a number"),
    ("rules:\n  prh:\n    rulePaths: 5\n", 3,
     "prh: 'rulePaths' must be a list of paths to prh dictionaries, such as [\"prh.yml\"]"),
    ("rules:\n  prh:\n    rulePaths: [5]\n", 3, "prh: 'rulePaths' must be a list of paths"),
    ("rules:\n  prh: {rulePaths: [./prh.yml]}\nfilters: 5\n", 3,
     "'filters' must be a mapping, not a number"),
    ("rules:\n  prh: {rulePaths: [./prh.yml]}\nfilters:\n  allowlist:\n    allow: 5\n", 5,
     "allowlist: 'allow' must be a list, such as [\"text\", \"/regex/\"], not a number"),
    ('rules:\n  "@textlint-rule/pattern": 5\n', 2,
     "@textlint-rule/pattern: its options must be a mapping, not a number"),
    ('rules:\n  "@textlint-rule/pattern": [1]\n', 2,
     "@textlint-rule/pattern: its options must be a mapping, not a list"),
    ('rules:\n  "@textlint-rule/pattern":\n    patterns: 5\n', 3,
     "@textlint-rule/pattern: 'patterns' must be a list"),
    ('rules:\n  "@textlint-rule/pattern":\n    patterns:\n      - message: m\n'
     '        pattern: x\n        allows: abc\n', 6,
     "@textlint-rule/pattern: 'allows' must be a list, such as [\"/regex/\", \"text\"], not text"),
])
def test_mistakes_in_a_yaml_textlintrc_are_at_their_line(tmp_path, monkeypatch, capsys, rc,
                                                        line, fragment):
    """Every one was line 1."""
    write(tmp_path, rc, ".textlintrc.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {tmp_path / '.textlintrc.yml'}:{line}: "), err
    assert fragment in err


@pytest.mark.parametrize("rc, line, fragment", [
    ('{\n  /* the office\'s rules,\n     since 2024 */\n  "rules": {\n    "prh": {\n'
     '      "severity": "warn",\n      "rulePaths": ["./prh.yml"]\n    },\n  }\n}\n', 6,
     "prh: unknown level 'warn'"),
    ('{\n  // c\n  "rules": {\n    "@textlint-rule/pattern": {"patterns": [\n'
     '      {"message": "m", "pattern": "/x/"},\n      {"pattern": "/y/"}\n    ]}\n  }\n}\n',
     6, "each pattern needs 'message'"),
    ('{\n  "rules": {\n    "prh": {"rulePaths": ["./prh.yml"]}\n    "x": true\n  }\n}\n', 4,
     "invalid JSON in .textlintrc.json: Expecting ',' delimiter"),
])
def test_mistakes_in_a_json_textlintrc_are_at_their_line(tmp_path, monkeypatch, capsys, rc,
                                                        line, fragment):
    """They were all at line 1: the JSON parser keeps no positions, and comments were cut
    out with their line breaks. The text JSON5's comments and commas are taken from is read
    again by the YAML loader, which keeps them (JSON is YAML's flow style)."""
    write(tmp_path, rc)
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {tmp_path / '.textlintrc.json'}:{line}: "), err
    assert fragment in err


@pytest.mark.parametrize("rc, line, message", [
    # a ',' missing: at the line after it, where JSON's parser stops; it was the line of
    # the '{' ("YAML syntax error: ... while parsing a flow mapping that starts here")
    ('{\n  // the office\'s\n  "rules": {\n    "prh": {\n      "rulePaths": ["./prh.yml"]\n'
     '    }\n    "@textlint-rule/no-unmatched-pair": true\n  }\n}\n', 7,
     "invalid JSON in .textlintrc: Expecting ',' delimiter"),
    # YAML, in a .textlintrc too, says so
    ('rules:\n  prh: {rulePaths: [./prh.yml]\n  x: true\n', 2,
     "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping that "
     "starts here)"),
])
def test_a_textlintrc_without_extension_says_json_or_yaml_as_it_is_written(
        tmp_path, monkeypatch, capsys, rc, line, message):
    write(tmp_path, rc, ".textlintrc")
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt"]) == 2
    assert capsys.readouterr().err == f"gwlint: {tmp_path / '.textlintrc'}:{line}: {message}\n"


def test_prh_rule_paths_may_name_one_dictionary(tmp_path, monkeypatch, capsys):
    """A string was taken a character at a time (".", "/", "p", ...): it is one path."""
    write(tmp_path, '{"rules": {"prh": {"rulePaths": "./prh.yml"}}}')
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "unix"]) == 1
    assert capsys.readouterr() == (
        f"{tmp_path / 'a.txt'}:1:1: 意识型态 => 意识形态\n规范用词 [Error/prh]\n\n1 problem\n",
        "")


def test_a_json_textlintrc_with_a_key_twice_keeps_the_last(tmp_path, monkeypatch, capsys):
    """JSON lets the last of two equal keys win, as textlint does; the YAML loader, which
    gives the lines, refuses duplicates, so such a file is read without them."""
    write(tmp_path, '{"rules": {"prh": false, "prh": {"rulePaths": ["./prh.yml"]}}}')
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "unix"]) == 1
    assert capsys.readouterr().out == (f"{tmp_path / 'a.txt'}:1:1: 意识型态 => 意识形态\n"
                                       "规范用词 [Error/prh]\n\n1 problem\n")


MD = ("# 标题意识型态\n\n> 引用意识型态\n\n"
      "正文*意识型态*和**意识型态**以及[意识型态](a.md)、~~意识型态~~。\n")


@pytest.mark.parametrize("options, expected", [
    ("", [(1, 5), (5, 12)]),
    (', "checkLink": true, "checkHeader": false', [(5, 12), (5, 21)]),
    (', "checkBlockQuote": true, "checkEmphasis": true', [(1, 5), (3, 5), (5, 4), (5, 12)]),
])
def test_prh_leaves_markdown_parts_alone_as_textlint_does(tmp_path, monkeypatch, capsys, options,
                                                          expected):
    """textlint-rule-prh does not check a link's text, quotes or ``*emphasis*`` (``**strong**``
    and ``~~strikethrough~~`` it does) unless ``checkLink``/``checkBlockQuote``/
    ``checkEmphasis`` say so, and checks headings unless ``checkHeader: false``. gwlint checked
    everything. These positions are textlint 15's with textlint-rule-prh 6 on the same files,
    but for one: textlint also reports the word struck out (5, 35), which gwlint's rules do
    not read (a draft's deletion: lint.readers.markdown)."""
    write(tmp_path, f'{{"rules": {{"prh": {{"rulePaths": ["./prh.yml"]{options}}}}}}}')
    (tmp_path / "a.md").write_text(MD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.md", "-f", "json"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["line"], m["column"]) for m in messages] == expected


def _prh_positions(tmp_path, monkeypatch, capsys, markdown: str) -> list[tuple[int, int]]:
    """(line, column) of what the .textlintrc's prh finds in ``markdown`` as a.md."""
    write(tmp_path, '{"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}')
    (tmp_path / "a.md").write_text(markdown, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.md", "-f", "json"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    return [(m["line"], m["column"]) for m in messages]


def test_prh_reads_emphasis_as_textlint_does(tmp_path, monkeypatch, capsys):
    """gwlint reads Markdown emphasis as the CJK-friendly amendments to CommonMark have it;
    textlint reads it as plain CommonMark does, where ``*（一）意识型态工作。*正文`` is no
    emphasis (the ``*`` after ``。`` cannot close), so textlint-rule-prh checks it: gwlint
    left it alone. Positions: textlint 15 with textlint-rule-prh 6 on the same file."""
    assert _prh_positions(tmp_path, monkeypatch, capsys, "*（一）意识型态工作。*正文意识型态。\n\n"
                          "*意识型态工作*正文。\n") == [(1, 5), (1, 15)]


def test_prh_leaves_a_word_partly_in_emphasis_alone(tmp_path, monkeypatch, capsys):
    """With ``checkEmphasis`` false (its default) textlint-rule-prh leaves ``*emphasis*``
    alone, and a word partly in it too: gwlint reads the text without the marks, and
    reported and fixed ``意识*型*态``. Strong emphasis is checked, through its marks
    (``意识**型**态``), and so is a word beside emphasis (``*工作*意识型态``)."""
    assert _prh_positions(tmp_path, monkeypatch, capsys, "意识*型*态工作。\n\n"
                          "意识**型**态工作。\n\n*工作*意识型态。\n") == [(3, 1), (5, 5)]


def test_prh_check_header_false_leaves_every_line_of_a_heading_alone(tmp_path, monkeypatch,
                                                                     capsys):
    """A setext heading may run over several lines: all of them are the heading, which
    ``checkHeader: false`` leaves alone (only its first line was). Positions: textlint 15."""
    write(tmp_path, '{"rules": {"prh": {"rulePaths": ["./prh.yml"], "checkHeader": false}}}')
    (tmp_path / "a.md").write_text("意识型态第一行\n意识型态第二行\n===\n\n正文意识型态。\n",
                                   encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.md", "-f", "json"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["line"], m["column"]) for m in messages] == [(5, 3)]


def test_prh_options_gwlint_cannot_follow_get_a_notice(tmp_path, monkeypatch, capsys):
    write(tmp_path, '{"rules": {"prh": {"rulePaths": ["./prh.yml"], "checkImage": true, '
                    '"checkCodeComment": ["js"], "checkParagraph": false}}}')
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "unix"]) == 1
    rc = tmp_path / ".textlintrc.json"
    assert capsys.readouterr().err == (
        f"gwlint: {rc}:1: prh 'checkImage' is not supported: gwlint does not read an image's "
        "alt text\n"
        f"gwlint: {rc}:1: prh 'checkParagraph: false' is not supported; paragraphs are "
        "checked\n"
        f"gwlint: {rc}:1: prh 'checkCodeComment' is not supported: gwlint does not read code\n")


def test_textlint_rule_options_gwlint_does_not_follow_get_a_notice_each(tmp_path, monkeypatch,
                                                                      capsys):
    """textlint-rule-pattern's allowNodeTypes and forceCode, and an option neither rule has
    (a typo), were dropped without a word: one notice per rule and option, at its line."""
    write(tmp_path, '{\n  "rules": {\n'
                    '    "prh": {"rulePaths": ["./prh.yml"], "checkLnk": true},\n'
                    '    "@textlint-rule/pattern": {"patterns": [\n'
                    '      {"message": "m", "pattern": "xxx", "replce": "XXX",\n'
                    '       "allowNodeTypes": ["BlockQuote"]},\n'
                    '      {"message": "m", "pattern": "主体", "forceCode": true,\n'
                    '       "allowNodeTypes": ["BlockQuote", "Link"]},\n'
                    '      {"message": "m", "pattern": "次", "forceCode": false}\n'
                    '    ]}\n  }\n}\n')
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "unix"]) == 1
    rc = tmp_path / ".textlintrc.json"
    out, err = capsys.readouterr()
    assert err == (
        f"gwlint: {rc}:3: prh: unknown option 'checkLnk' (did you mean 'checkLink'?); it was "
        "skipped\n"
        f"gwlint: {rc}:5: @textlint-rule/pattern: unknown option 'replce' (did you mean "
        "'replace'?); it was skipped\n"
        f"gwlint: {rc}:6: @textlint-rule/pattern 'allowNodeTypes' is not supported: matches "
        "in BlockQuote are reported too\n"
        f"gwlint: {rc}:7: @textlint-rule/pattern 'forceCode' is not supported: gwlint does "
        "not read code\n")
    assert out.count("[Error/@textlint-rule/pattern]") == 3  # the rest is still checked


def test_pattern_strings_and_replacements_read_as_textlint_rule_pattern_reads_them(
        tmp_path, monkeypatch, capsys):
    """A pattern that is not /…/flags is literal text (@textlint/regexp-string-matcher
    escapes it), in `allows` too; `replace` substitutes $1..$9 only, keeps a $N the pattern
    has no group for and every backslash as written, and "" gives no fix. gwlint read
    "a.b" as a regular expression (axb reported), refused "***" and "$2" (exit 2), and
    deleted the match for ""."""
    rc = {"rules": {"@textlint-rule/pattern": {"patterns": [
        {"message": "点", "pattern": "a.b", "replace": "a·b"},
        {"message": "星", "pattern": "***", "replace": "$1某"},
        {"message": "组", "pattern": "/(甲)乙/", "replace": "$2丙\\$1"},
        {"message": "空", "pattern": "丁丁", "replace": ""},
        {"message": "许", "pattern": "/戊./", "allows": ["戊?"]},
    ]}}}
    (tmp_path / ".textlintrc.json").write_text(json.dumps(rc, ensure_ascii=False),
                                                encoding="utf-8")
    (tmp_path / "a.txt").write_text("axb a.b ***，甲乙，丁丁，戊?戊己。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["a.txt", "-f", "json"]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["message"], m["range"], m.get("fix", {}).get("text")) for m in messages] == [
        ("点", [4, 7], "a·b"),
        ("星", [8, 11], "$1某"),
        ("组", [12, 14], "$2丙\\甲"),
        ("空", [15, 17], None),
        ("许", [20, 22], None),
    ]
