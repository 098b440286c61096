"""Configuration: discovery upward, extends, levels and options, packs, allow, and errors
reported as file:line with exit status 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lint.cli import main
from lint.config import ConfigError, discover, load
from lint.engine import Linter
from lint.finding import Level

DRAFT = "上报各类信息*条,研究布署工作。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "draft.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs" / "sub")
    return tmp_path


def rule_ids(capsys) -> list[str]:
    data = json.loads(capsys.readouterr().out)
    return [m["ruleId"] for m in data[0]["messages"]]


def test_no_config_means_gongwen(project, capsys):
    assert discover() is None
    assert main(["draft.txt", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct", "terms"]


@pytest.mark.parametrize("name", ["gwlint.yaml", ".gwlint.yaml"])
def test_config_found_upward_sets_levels(project, capsys, name):
    (project / name).write_text("rules:\n  halfwidth-punct: off\n  terms: warning\n",
                                encoding="utf-8")
    assert discover() == project / name
    assert main(["draft.txt", "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], m["severity"]) for m in data] == [("placeholder", 2), ("terms", 1)]


def test_pyproject_tool_gwlint(project, capsys):
    (project / "pyproject.toml").write_text(
        '[project]\nname="x"\n\n[tool.gwlint]\n'
        'rules = {placeholder = "off", halfwidth-punct = "off"}\n', encoding="utf-8")
    assert main(["draft.txt", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["terms"]


@pytest.mark.parametrize("toml, line, fragment", [
    ('[tool.gwlint]\nextends = "gongwen"\n\n[tool.gwlint.rules]\ncjk-spacing = "warning"\n'
     'placehold = "off"\n', 6, "unknown rule 'placehold'"),
    ('[tool.gwlint]\nrules = { cjk-spacing = "warning", placeholder = { level = "loud" } }\n',
     2, "rule 'placeholder': unknown level 'loud'"),
    ('[tool.gwlint]\nextends = "gongwen"\ncolour = 1\n', 3, "unknown key 'colour'"),
])
def test_pyproject_mistakes_are_at_their_line(project, capsys, toml, line, fragment):
    """tomllib keeps no positions: every mistake used to be line 1."""
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n' + toml,
                                            encoding="utf-8")
    assert main(["draft.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {project / 'pyproject.toml'}:{line + 3}: "), err
    assert fragment in err


@pytest.mark.parametrize("encoding", ["utf-16", "gbk"])
def test_a_config_not_in_utf8_says_so(project, capsys, encoding):
    (project / "gwlint.yaml").write_bytes("# 配置\nrules:\n  placeholder: off\n".encode(encoding))
    assert main(["draft.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {project / 'gwlint.yaml'}:1: configuration files must be "
                          "UTF-8"), err


@pytest.mark.parametrize("kind", ["pack", "dictionary"])
def test_a_pack_or_dictionary_not_in_utf8_is_reported_at_its_first_such_byte(
        project, capsys, kind):
    """A GBK rule pack was "rule files must be UTF-8" at line 1, and a GBK prh dictionary
    Python's own "'utf-8' codec can't decode byte 0xd3 in position 32"."""
    name, what = ("office.yaml", "rule files") if kind == "pack" else ("office.prh.yml",
                                                                       "prh dictionaries")
    text = ("rules:\n  - id: office\n    kind: pattern\n    level: error\n    message: 坚决\n"
            if kind == "pack" else "version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n")
    (project / name).write_bytes(text.encode("gbk"))
    config = ("packs: [office.yaml]\n" if kind == "pack"
              else "rules:\n  terms: {dictionary: office.prh.yml}\n")
    (project / "gwlint.yaml").write_text(config, encoding="utf-8")
    assert main(["draft.txt"]) == 2
    # the first Chinese character: 坚 on line 5 after "    message: ", 部 on line 3
    line, column = (5, 14) if kind == "pack" else (3, 15)
    byte = len("\n".join(text.split("\n")[:line - 1]).encode()) + 1 + column - 1
    assert capsys.readouterr().err == (
        f"gwlint: {project / name}:{line}: {what} must be UTF-8 (byte {byte}, line {line} "
        f"column {column}, is not); save it as UTF-8\n")


def test_user_pack_and_allow(project, capsys):
    (project / "office.yaml").write_text(
        "rules:\n  - id: office-name\n    kind: pattern\n    level: warning\n"
        "    message: 请用全称“{match}”\n    patterns: ['工作。']\n"
        "    why: 本单位要求。\n    examples: {bad: [开展工作。], good: [开展工作]}\n",
        encoding="utf-8")
    (project / "gwlint.yaml").write_text(
        "packs: [office.yaml]\nallow: ['信息*条', '/布署/']\n", encoding="utf-8")
    assert main(["draft.txt", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["halfwidth-punct", "office-name"]


def test_rule_options_override(project):
    (project / "gwlint.yaml").write_text(
        "rules:\n  placeholder: {level: info, patterns: ['信息']}\n", encoding="utf-8")
    linter = Linter(load())
    assert linter.levels["placeholder"] is Level.INFO
    findings = linter.lint_text("上报信息*条", only={"placeholder"})
    assert [(f.start, f.end) for f in findings] == [(2, 4)]


def test_cli_rule_and_disable(project, capsys):
    assert main(["draft.txt", "-f", "json", "--disable", "placeholder", "--rule", "terms=warning",
                 "--disable", "halfwidth-punct"]) == 0
    data = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], m["severity"]) for m in data] == [("terms", 1)]


def test_cli_rule_turns_on_a_rule_the_configuration_turned_off(project, capsys):
    # `--rule placeholder` ("enable a rule") left a rule the configuration set to off off
    (project / "gwlint.yaml").write_text("rules:\n  placeholder: off\n  terms: off\n",
                                         encoding="utf-8")
    assert main(["draft.txt", "-f", "json", "--rule", "placeholder",
                 "--rule", "terms=warning"]) == 1
    data = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], m["severity"]) for m in data] == [
        ("placeholder", 2), ("halfwidth-punct", 2), ("terms", 1)]


def test_cli_rule_and_disable_win_over_overrides(project, capsys):
    # an override's level for some files used to beat --rule ID=LEVEL and --disable ID there
    (project / "gwlint.yaml").write_text(
        "overrides:\n  - files: ['docs/**']\n    rules: {placeholder: off, terms: warning, "
        "halfwidth-punct: info}\n", encoding="utf-8")
    assert main(["draft.txt", "-f", "json", "--rule", "placeholder", "--rule", "terms=error",
                 "--disable", "halfwidth-punct"]) == 1
    data = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], m["severity"]) for m in data] == [("placeholder", 2), ("terms", 2)]
    # --rule ID without a level keeps an override's level that is not off
    assert main(["draft.txt", "-f", "json", "--rule", "terms"]) == 0
    data = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], m["severity"]) for m in data] == [
        ("halfwidth-punct", 3), ("terms", 1)]


@pytest.mark.parametrize("content,line,fragment", [
    ("rules:\n  placeholder: loud\n", 2, "unknown level 'loud'"),
    ("rules:\n  no-such-rule: off\n", 2, "unknown rule 'no-such-rule'"),
    ("extends: nothing-here\n", 1, "is neither a preset"),
    ("colour: red\n", 1, "unknown key 'colour'"),
    ("overrides:\n  - files: ['*.txt']\n    rule: {placeholder: off}\n", 3,
     "unknown key 'rule' in an override"),
    ("overrides:\n  - files: ['*.txt']\n    rules:\n      sentence-length: {level: warning,"
     " max: 5}\n", 4, "rule 'sentence-length': an override sets levels only; options such as"
     " 'max'"),
    ("rules:\n  placeholder: off\n  placeholder: error\n", 3,
     "duplicate key 'placeholder' (first on line 2)"),
    ("rules: [a\n", 1, "YAML syntax error"),  # (where the [ is, not past the end)
    ("rules:\n  cjk-spacing： off\n", 1, "a full-width colon '：' there is no YAML colon"),
    ("allow: ['/(unclosed/']\n", 1, "bad regular expression"),
    ("packs: [missing.yaml]\n", 1, "missing.yaml' not found"),
    # a rule's options set here are checked here, not in gwlint's own rule files
    ("rules:\n  sentence-length: {level: warning, maxx: 120}\n", 2,
     "rule 'sentence-length': unknown option 'maxx' for kind 'length'"),
    # it said "unknown option 'message' for kind 'pattern' (did you mean 'message'? ..."
    ("rules:\n  placeholder:\n    level: error\n    message: '新{match}'\n", 4,
     "rule 'placeholder': its 'message' cannot be set in a configuration, only its level and "
     "options; to change it, turn the rule off and write one of your own in a pack (packs:)"),
    ("rules:\n  placeholder:\n    level: error\n    patterns: ['(']\n", 4,
     "rule 'placeholder': bad regular expression '('"),
    ("rules:\n  terms:\n    dictionary: none.prh.yml\n", 3,
     "rule 'terms': dictionary 'none.prh.yml' not found ("),
    ("rules:\n  doubled-char:\n    engine: re\n", 3, "engine 're' has no time limit"),
    # a value of the wrong type was blamed on gwlint's own rules/text.yaml (TypeError)
    ("extends: gongwen\nrules:\n  terms:\n    dictionary: 5\n", 4,
     "rule 'terms': 'dictionary' must be a prh.yml file or a list of them"),
    ("rules:\n  terms:\n    level: error\n    terms:\n      - 布署\n      - 5\n", 6,
     "a prh rule must be a string or a mapping with 'expected'"),
    # patterns of the user's that the rule's own message or fix does not fit
    ("rules:\n  doc-number-brackets:\n    patterns:\n      - '发〔2015〕'\n", 4,
     "rule 'doc-number-brackets': unknown placeholder {1} in message (pattern '发〔2015〕'"),
    ("rules:\n  doc-number-brackets:\n    level: warning\n    patterns: ['〔(\\d{4})〕']\n",
     4, "rule 'doc-number-brackets': bad fix template: no group '2' in the pattern"),
    ("rules:\n  placeholder:\n    timeout: .nan\n", 3,
     "rule 'placeholder': 'timeout' must be a positive number of seconds, not nan"),
    # values of the wrong shape were taken as they were: the override matched nothing, the
    # walk looked for files ending in "txt, md"
    ("rules: {}\noverrides:\n  - files: 5\n    rules: {placeholder: 'off'}\n", 3,
     "an override's 'files' must be a glob or a list of globs, such as ['drafts/**']"),
    ("overrides:\n  - files: [5]\n    rules: {placeholder: 'off'}\n", 2,
     "an override's 'files' must be a glob or a list of globs"),
    # globs git never matches (pathspec and re raised a traceback on them)
    ("rules: {}\nignore: ['old/**', '[z-a]']\n", 2,
     "ignore: bad glob '[z-a]': bad character range z-a"),
    ("overrides:\n  - files: ['bin\\Debug\\']\n    rules: {placeholder: 'off'}\n", 2,
     "an override's files: bad glob 'bin\\Debug\\': a '\\' at its end escapes nothing"),
    # './' never matches either: git matches paths relative to the folder, without it
    ("rules: {}\nignore:\n  - old/**\n  - ./templates/**\n", 4,
     "ignore: bad glob './templates/**': a path never starts with './': drop it (patterns are "
     "relative to the folder of the file they are in)"),
    ("overrides:\n  - files:\n      - drafts/**\n      - ./templates/**\n"
     "    rules: {placeholder: 'off'}\n", 4,
     "an override's files: bad glob './templates/**': a path never starts with './'"),
    ("overrides:\n  - files: ../templates/**\n    rules: {placeholder: 'off'}\n", 2,
     "an override's files: bad glob '../templates/**': '..' never matches: a pattern matches "
     "only in its file's folder and below"),
    ("extensions: 'txt, md'\n", 1,
     "'extensions' must be a list of file extensions, such as [.txt, .md]"),
    ("extensions: []\n", 1, "'extensions' must be a list of file extensions"),
])
def test_config_errors_are_file_line_and_exit_2(project, capsys, content, line, fragment):
    (project / "gwlint.yaml").write_text(content, encoding="utf-8")
    assert main(["draft.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {project / 'gwlint.yaml'}:{line}: "), err
    assert fragment in err


def test_a_kind_that_breaks_on_options_set_in_the_config_is_reported_there(
        project, capsys, monkeypatch):
    # it named gwlint's own rules/text.yaml, whose options the test suite sets up every day
    from lint.kinds.terms import TermsKind

    def broken(self):
        raise TypeError("'int' object is not iterable")

    monkeypatch.setattr(TermsKind, "setup", broken)
    (project / "gwlint.yaml").write_text("rules:\n  terms:\n    level: error\n"
                                         "    traditional: false\n    skip_in: []\n",
                                         encoding="utf-8")
    assert main(["draft.txt"]) == 2
    assert capsys.readouterr().err == (
        f"gwlint: {project / 'gwlint.yaml'}:4: rule 'terms': kind 'terms' cannot be set up: "
        "TypeError: 'int' object is not iterable\n")


@pytest.mark.parametrize("content", ["", "# nothing yet\n", "---\n"])
def test_an_empty_config_is_the_default_preset(project, capsys, content):
    (project / "gwlint.yaml").write_text(content, encoding="utf-8")
    assert main(["draft.txt", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct", "terms"]


def test_circular_extends_is_an_error_naming_the_loop(project, capsys):
    (project / "gwlint.yaml").write_text("extends: [gongwen, b.yaml]\n", encoding="utf-8")
    (project / "b.yaml").write_text("rules:\n  terms: off\nextends: gwlint.yaml\n",
                                    encoding="utf-8")
    assert main(["draft.txt"]) == 2
    a, b = project / "gwlint.yaml", project / "b.yaml"
    assert capsys.readouterr().err == (
        f"gwlint: {b}:3: extends: 'gwlint.yaml' extends itself: {a} -> {b} -> {a}\n")
    # the same file twice by two roads is no loop
    (project / "b.yaml").write_text("extends: c.yaml\n", encoding="utf-8")
    (project / "c.yaml").write_text("rules:\n  terms: off\n", encoding="utf-8")
    (project / "gwlint.yaml").write_text("extends: [gongwen, b.yaml, c.yaml]\n",
                                         encoding="utf-8")
    assert main(["draft.txt", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct"]


def test_a_dictionary_set_in_the_config_is_relative_to_it(project, capsys):
    """The README's layout: gwlint.yaml and its dictionary at the top, run from below."""
    (project / "office.prh.yml").write_text(
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n", encoding="utf-8")
    (project / "gwlint.yaml").write_text("rules:\n  terms: {dictionary: office.prh.yml}\n",
                                         encoding="utf-8")
    assert main(["draft.txt", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct", "terms"]


def test_user_patterns_for_a_fast_rule_of_gwlints_get_the_time_limit(project):
    """doubled-char runs under Python's re (no time limit) for speed; patterns a user gives
    it run under regex, with the limit."""
    assert Linter(load()).compiled["doubled-char"].kind.engine == "re"
    (project / "gwlint.yaml").write_text("rules:\n  doubled-char:\n    patterns: ['的的']\n",
                                         encoding="utf-8")
    linter = Linter(load())
    assert linter.compiled["doubled-char"].kind.engine == "regex"
    assert [(f.start, f.end) for f in linter.lint_text("我的的书。")] == [(1, 3)]


def test_a_user_pack_may_not_use_engine_re(project, capsys):
    (project / "p.yaml").write_text(
        "rules:\n  - id: slow\n    kind: pattern\n    message: x\n    engine: re\n"
        "    patterns: ['(a+)+$']\n", encoding="utf-8")
    (project / "gwlint.yaml").write_text("packs: [p.yaml]\n", encoding="utf-8")
    assert main(["draft.txt"]) == 2
    assert capsys.readouterr().err.startswith(
        f"gwlint: {project / 'p.yaml'}:5: rule 'slow': engine 're' has no time limit")


OFFICE_PACK = """\
rules:
  - id: office-terms
    kind: terms
    dictionary: office.prh.yml
    message: “{actual}”应为“{expected}”
    why: 本单位规范用语。
    examples: {bad: [研究布署工作。], good: [研究部署工作。]}
"""


@pytest.mark.parametrize("how", ["--rules", "packs"])
def test_a_folder_of_packs_and_their_dictionaries(project, capsys, how):
    """The README's layout, rules/office.yaml beside rules/office.prh.yml: the dictionary
    is no rule pack (it was loaded as one: "unknown key 'version' in a rule pack")."""
    (project / "rules").mkdir()
    (project / "rules" / "office.yaml").write_text(OFFICE_PACK, encoding="utf-8")
    (project / "rules" / "office.prh.yml").write_text(
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n", encoding="utf-8")
    if how == "packs":
        (project / "gwlint.yaml").write_text("packs: [rules]\n", encoding="utf-8")
        argv = ["draft.txt", "-f", "json"]
    else:
        argv = ["--rules", str(project / "rules"), "draft.txt", "-f", "json"]
    assert main(argv) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct", "office-terms", "terms"]
    # prh dictionaries of other shapes: only imports, and flow-style entries (review)
    (project / "rules" / "all.prh.yml").write_text("imports:\n  - office.prh.yml\n",
                                                   encoding="utf-8")
    (project / "rules" / "flow.prh.yml").write_text(
        "rules:\n  - {expected: 国务院, pattern: 国物院}\n", encoding="utf-8")
    assert main(argv) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct", "office-terms", "terms"]


def test_missing_config_file_is_an_error(project, capsys):
    assert main(["-c", "nope.yaml", "draft.txt"]) == 2
    # (no line: "nope.yaml:1:" pointed into a file that is not there)
    assert capsys.readouterr().err == "gwlint: nope.yaml: configuration file not found\n"


def test_extends_another_config(project):
    (project / "base.yaml").write_text("rules:\n  terms: off\n", encoding="utf-8")
    (project / "gwlint.yaml").write_text("extends: [gongwen, base.yaml]\n", encoding="utf-8")
    linter = Linter(load())
    assert linter.levels["terms"] is Level.OFF and linter.levels["placeholder"] is Level.ERROR


def test_ignore_globs_and_folder_walk(project, capsys):
    docs = project / "docs"
    (docs / "old").mkdir()
    (docs / "old" / "a.txt").write_text(DRAFT, encoding="utf-8")
    (docs / ".hidden").mkdir()
    (docs / ".hidden" / "b.txt").write_text(DRAFT, encoding="utf-8")
    (docs / "c.md").write_text(DRAFT, encoding="utf-8")
    (docs / "d.csv").write_text(DRAFT, encoding="utf-8")
    (docs / "skip.txt").write_text(DRAFT, encoding="utf-8")
    (project / ".git").mkdir()  # a .gitignore counts only in a git repository
    (project / ".gitignore").write_text("skip.txt\n", encoding="utf-8")
    (project / "gwlint.yaml").write_text("ignore: ['docs/old/**']\n", encoding="utf-8")
    assert main([str(docs), "-f", "json"]) == 1
    paths = [Path(r["filePath"]).relative_to(docs).as_posix()
             for r in json.loads(capsys.readouterr().out)]
    assert paths == ["c.md", "sub/draft.txt"]


def test_an_extended_configuration_s_globs_are_relative_to_its_own_folder(
        project, monkeypatch, capsys):
    """An office's gwlint.yaml ignores old/** and turns placeholder off for drafts/**; a
    team's configuration in a folder below extends it. The office's globs were read from
    the team's folder: the office's own old/ and drafts/ were linted in full, and the
    team's old/ was ignored."""
    for folder in ("old", "drafts", "team/old", "team/drafts"):
        (project / folder).mkdir(parents=True)
        (project / folder / "a.txt").write_text(DRAFT, encoding="utf-8")
    (project / "gwlint.yaml").write_text(
        "ignore: ['old/**']\noverrides:\n  - files: ['drafts/**']\n"
        "    rules: {placeholder: off}\n", encoding="utf-8")
    (project / "team" / "gwlint.yaml").write_text("extends: ../gwlint.yaml\n",
                                                   encoding="utf-8")
    monkeypatch.chdir(project / "team")
    assert main(["../old/a.txt", "../drafts/a.txt", "old/a.txt", "drafts/a.txt",
                 "-f", "json"]) == 1
    found = {Path(r["filePath"]).relative_to(project).as_posix():
             [m["ruleId"] for m in r["messages"]]
             for r in json.loads(capsys.readouterr().out)}
    assert found == {"drafts/a.txt": ["halfwidth-punct", "terms"],
                     "team/old/a.txt": ["placeholder", "halfwidth-punct", "terms"],
                     "team/drafts/a.txt": ["placeholder", "halfwidth-punct", "terms"]}
    assert main(["..", "-f", "json"]) == 1  # a folder walk: the same
    walked = [Path(r["filePath"]).relative_to(project).as_posix()
              for r in json.loads(capsys.readouterr().out)]
    assert walked == ["docs/sub/draft.txt", "drafts/a.txt", "team/drafts/a.txt",
                      "team/old/a.txt"]


def test_init_writes_a_loadable_config(project, capsys):
    assert main(["--init"]) == 0
    assert main(["--init"]) == 2
    config = load()
    assert config.path.name == "gwlint.yaml"
    Linter(config)  # the starter config is valid


@pytest.mark.parametrize("name,content", [
    (".gwlint.yaml", "rules:\n  placeholder: off\n"),
    ("pyproject.toml", "[tool.gwlint]\nrules = {placeholder = 'off'}\n"),
])
def test_init_does_not_shadow_a_configuration_here(project, capsys, name, content):
    # --init wrote gwlint.yaml beside .gwlint.yaml or [tool.gwlint]; gwlint.yaml is found
    # first, so the user's configuration was ignored from then on, without a word
    here = project / "docs" / "sub"
    (here / name).write_text(content, encoding="utf-8")
    assert main(["--init"]) == 2
    assert not (here / "gwlint.yaml").exists()
    assert capsys.readouterr() == ("", f"gwlint: {name} already configures gwlint here; a "
                                       "gwlint.yaml would be read instead of it, so none was "
                                       "written\n")


def test_init_names_the_configuration_it_takes_the_place_of(project, capsys):
    (project / ".textlintrc").write_text('{"rules": {}}', encoding="utf-8")
    assert main(["--init"]) == 0
    assert capsys.readouterr() == (
        "wrote gwlint.yaml\n", f"gwlint: gwlint.yaml is now read here instead of "
                               f"{project / '.textlintrc'} (configurations are not merged)\n")


def test_init_in_a_folder_that_may_not_be_written_is_one_line(project, capsys, monkeypatch):
    """A PermissionError traceback (EACCES simulated: the tests may run as root)."""
    import errno

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    assert main(["--init"]) == 2
    assert capsys.readouterr() == ("", "gwlint: cannot write gwlint.yaml: Permission denied\n")


def test_config_error_object():
    err = ConfigError("a.yaml", 3, "bad")
    assert str(err) == "a.yaml:3: bad"


def test_a_named_folder_is_walked_even_if_gitignored(project, capsys):
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("docs/sub/\n*.tmp.txt\n", encoding="utf-8")
    (project / "docs" / "sub" / "scratch.tmp.txt").write_text(DRAFT, encoding="utf-8")
    assert main([str(project / "docs"), "-f", "json"]) == 2  # walked from above: ignored
    capsys.readouterr()
    assert main([str(project / "docs" / "sub"), "-f", "json"]) == 1
    paths = [Path(r["filePath"]).name for r in json.loads(capsys.readouterr().out)]
    assert paths == ["draft.txt"]  # other ignore rules still apply inside it


def test_parsed_yaml_is_cached_with_its_line_numbers(tmp_path, monkeypatch):
    from lint.yamlload import load_yaml

    monkeypatch.setenv("GWLINT_CACHE_DIR", str(tmp_path / "cache"))
    text = "rules:\n  - id: a\n    kind: b\n"
    first = load_yaml(text, "p.yaml")
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    again = load_yaml(text, "p.yaml")
    assert again == first and again["rules"][0].line_of("kind") == 3
    assert again["rules"].item_lines == [2]
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    assert load_yaml(text, "p.yaml") == first


@pytest.mark.parametrize("fix", [False, True])
def test_stdin_named_as_an_ignored_file_is_ignored(project, monkeypatch, capsys, fix):
    """An editor lints its buffer with --stdin-filename: a file the configuration ignores is
    ignored so too, as when it is named (with --fix, the text comes back unchanged)."""
    import io

    (project / "gwlint.yaml").write_text("ignore: ['docs/old/**']\n", encoding="utf-8")
    (project / "docs" / "old").mkdir()
    name = str(project / "docs" / "old" / "a.txt")
    stdin = io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["-", "--stdin-filename", name, *(["--fix"] if fix else [])]) == 0
    out, err = capsys.readouterr()
    assert out == (DRAFT if fix else "")
    assert err == (f"gwlint: {name}: ignored by the configuration's ignore: "
                   f"({project / 'gwlint.yaml'}); nothing to lint\n")
    stdin = io.TextIOWrapper(io.BytesIO(DRAFT.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["-", "--stdin-filename", "draft.txt", "-f", "json"]) == 1  # not ignored


def test_extensions_without_their_dot(project, capsys):
    (project / "gwlint.yaml").write_text("extensions: [txt, MD]\n", encoding="utf-8")
    assert main([".", "-f", "json"]) == 1
    assert rule_ids(capsys) == ["placeholder", "halfwidth-punct", "terms"]


def test_messages_that_say_what_to_do(project, capsys):
    assert main(["-c", str(project), "draft.txt"]) == 2
    assert capsys.readouterr().err == (
        f"gwlint: {project}:1: -c names a folder; name the configuration file in it "
        "(gwlint.yaml)\n")
    for item in ("=error", "", "=bogus"):
        assert main(["--rule", item, "draft.txt"]) == 2
        assert capsys.readouterr().err == (
            "gwlint: --rule: a rule id is missing (--rule ID[=LEVEL], --disable ID)\n")
    # it was taken as `--rule placeholder`, silently, while `=bogus` was an error
    assert main(["--rule", "placeholder=", "draft.txt"]) == 2
    assert capsys.readouterr() == ("", "gwlint: --rule: placeholder: no level after '=' (use "
                                       "one of: off, info, warning, error; --rule placeholder "
                                       "for the rule's own level)\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_config_that_is_a_pipe_or_a_device_is_said_to_be_one(project, capsys):
    # "configuration file not found", for a pipe that ls shows (opened, it would wait for a
    # writer; its relative paths would start from /dev/fd for -c <(cmd))
    os.mkfifo(project / "pipe.yaml")
    assert main(["-c", str(project / "pipe.yaml"), "draft.txt"]) == 2
    assert capsys.readouterr() == ("", f"gwlint: {project / 'pipe.yaml'}: cannot read "
                                       "configuration: not a regular file (a pipe)\n")
    assert main(["-c", os.devnull, "draft.txt"]) == 2
    assert capsys.readouterr() == ("", f"gwlint: {os.devnull}: cannot read configuration: not "
                                       "a regular file (a character device)\n")


def test_print_config_shows_each_glob_under_its_folder_and_a_files_levels(tmp_path, monkeypatch,
                                                                           capsys):
    """A shared configuration's ``old/**`` was listed with the repository's own globs, as if
    it applied there, and its pack twice; a file named after --print-config was ignored, so
    no one could see that templates/ turns placeholder off."""
    import yaml

    (tmp_path / "shared").mkdir()
    (tmp_path / "office" / "templates").mkdir(parents=True)
    (tmp_path / "shared" / "base.yaml").write_text(
        "ignore: ['old/**']\noverrides:\n  - files: ['**/templates/**']\n"
        "    rules: {placeholder: off}\n", encoding="utf-8")
    (tmp_path / "office" / "gwlint.yaml").write_text(
        "extends: [gongwen, ../shared/base.yaml]\nignore: ['drafts/old/**']\noverrides:\n"
        "  - files: ['templates/**']\n    rules: {placeholder: warning}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "office")
    assert main(["--print-config"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert len(shown["packs"]) == len(set(shown["packs"]))
    assert shown["ignore"] == {str(tmp_path / "shared"): ["old/**"],
                               str(tmp_path / "office"): ["drafts/old/**"]}
    assert [(o["folder"], o["files"]) for o in shown["overrides"]] == [
        (str(tmp_path / "shared"), ["**/templates/**"]),
        (str(tmp_path / "office"), ["templates/**"])]
    assert shown["rules"]["placeholder"]["level"] == "error"
    assert main(["--print-config", "templates/t.txt"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown["file"] == str(tmp_path / "office" / "templates" / "t.txt")
    assert shown["rules"]["placeholder"]["level"] == "warning"
    assert main(["--print-config", "a.txt", "b.txt"]) == 2
