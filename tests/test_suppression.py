"""Suppression that works where a comment would end up in the document: the ``allow:`` list,
per-glob ``overrides:``, disable comments in .txt and .md (every form, with rule ids and a
``-- description``), and ``--max-warnings``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint import cli
from lint.config import load
from lint.engine import Linter
from lint.readers import read_bytes


def _linter(tmp_path: Path, config: str) -> Linter:
    (tmp_path / "gwlint.yaml").write_text(config, encoding="utf-8")
    return Linter(load(start=tmp_path))


def _found(linter: Linter, text: str, path: str = "doc.txt") -> list[tuple[int, int, str]]:
    doc = read_bytes(text.encode("utf-8"), path)
    result = linter.lint_document(doc)
    assert result.failures == []
    return [(*doc.position(f.start), f.rule_id) for f in result.findings]


# -- allow list ------------------------------------------------------------------------------
def test_allow_string_hides_findings_inside_it_only(tmp_path):
    linter = _linter(tmp_path, 'allow: ["党的XX大"]\n')
    assert _found(linter, "围绕党的XX大精神，推进XX工作。") == [(1, 13, "placeholder")]


def test_allow_regex_with_slashes(tmp_path):
    linter = _linter(tmp_path, "allow: ['/第[0-9]+号文件,/']\n")
    assert _found(linter, "根据第12号文件,推进工作,上报。") == [(1, 14, "halfwidth-punct")]


def test_allow_matches_markdown_as_the_rules_read_it(tmp_path):
    """The rules read ``皖政秘\\[2015\\]53号`` in Markdown as it shows, ``皖政秘[2015]53号``, and
    reported it; the allow entry written so did not match the source, backslashes and all.
    It matches either; a bold word inside it too (``党的**XX**大``)."""
    linter = _linter(tmp_path, 'allow: ["皖政秘[2015]53号", "党的XX大"]\n')
    assert _found(linter, "按照皖政秘\\[2015\\]53号，围绕党的**XX**大，推进XX工作。\n",
                  "doc.md") == [(1, 32, "placeholder")]
    assert _found(linter, "按照皖政秘\\[2016\\]53号。\n", "doc.md") == [
        (1, 6, "doc-number-brackets")]


def test_allow_covers_every_rule(tmp_path):
    linter = _linter(tmp_path, "allow: ['/〔引文〕.*〔完〕/']\n")
    assert _found(linter, "〔引文〕布署xxx工作,再接再励〔完〕\n布署工作。") == [(2, 1, "terms")]


# -- per-glob overrides ----------------------------------------------------------------------
OVERRIDES = """\
overrides:
  - files: ["drafts/**"]
    rules: {placeholder: warning, cjk-spacing: off}
  - files: ["*.md"]
    rules: {halfwidth-punct: off}
"""


@pytest.mark.parametrize("path, expected", [
    ("report.txt", [(1, 3, "placeholder", "error"), (1, 7, "cjk-spacing", "warning"),
                    (1, 11, "halfwidth-punct", "error")]),
    ("drafts/a/report.txt", [(1, 3, "placeholder", "warning"),
                             (1, 11, "halfwidth-punct", "error")]),
    ("notes.md", [(1, 3, "placeholder", "error"), (1, 7, "cjk-spacing", "warning")]),
    ("drafts/notes.md", [(1, 3, "placeholder", "warning")]),
])
def test_overrides_set_rule_levels_per_glob(tmp_path, path, expected):
    linter = _linter(tmp_path, OVERRIDES)
    doc = read_bytes("推进XX工作 36项,完成。".encode(), str(tmp_path / path))
    result = linter.lint_document(doc)
    assert [(*doc.position(f.start), f.rule_id, f.level.value) for f in result.findings] == expected


def test_override_can_turn_on_a_rule_that_is_off(tmp_path):
    linter = _linter(tmp_path, "rules: {placeholder: off}\n"
                               "overrides:\n  - files: ['final/*.txt']\n"
                               "    rules: {placeholder: error}\n")
    assert _found(linter, "推进XX工作。", str(tmp_path / "a.txt")) == []
    assert _found(linter, "推进XX工作。", str(tmp_path / "final" / "a.txt")) == [
        (1, 3, "placeholder")]


# -- disable comments ------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_disable_enable_block(linter, path):
    text = ("推进XX工作。\n\n<!-- gwlint-disable -->\n\n推进XX工作,完成。\n\n"
            "<!-- gwlint-enable -->\n\n"
            "推进XX工作。\n")
    assert _found(linter, text, path) == [(1, 3, "placeholder"), (9, 3, "placeholder")]


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_disable_without_enable_runs_to_the_end(linter, path):
    text = "推进XX工作。\n\n<!-- textlint-disable -->\n\n推进XX工作。\n\n推进XX工作。\n"
    assert _found(linter, text, path) == [(1, 3, "placeholder")]


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_disable_named_rules_with_a_description(linter, path):
    text = ("<!-- gwlint-disable placeholder, terms -- 引用原文 -->\n\n"
            "推进XX工作,布署。\n\n<!-- gwlint-enable terms -->\n\n推进XX工作,布署。\n")
    assert _found(linter, text, path) == [
        (3, 7, "halfwidth-punct"), (7, 7, "halfwidth-punct"), (7, 8, "terms")]


def test_ids_may_be_separated_by_spaces(linter):
    text = "<!-- gwlint-disable placeholder terms -->\n推进XX工作,布署。\n"
    assert _found(linter, text) == [(2, 7, "halfwidth-punct")]


def test_enabling_one_rule_inside_disable_all(linter):
    text = ("<!-- gwlint-disable -->\n推进XX工作,布署。\n"
            "<!-- gwlint-enable terms -->\n推进XX工作,布署。\n")
    assert _found(linter, text) == [(4, 8, "terms")]


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
def test_disable_next_line_and_disable_line(linter, path):
    text = ("<!-- gwlint-disable-next-line -->\n推进XX工作。\n推进XX工作。\n"
            "推进XX工作。<!-- gwlint-disable-line placeholder -- 固定提法 -->\n"
            "推进XX工作,完成。<!-- textlint-disable-line terms -->\n")
    assert _found(linter, text, path) == [
        (3, 3, "placeholder"), (5, 3, "placeholder"), (5, 7, "halfwidth-punct")]


def test_a_disable_comment_naming_no_rule_says_so(tmp_path, monkeypatch, capsys):
    """A misspelt id suppresses nothing; the finding stays and standard error says why.
    textlint's comments may name textlint's own rules (prh), which gwlint does not have."""
    (tmp_path / "a.txt").write_text(
        "<!-- gwlint-disable-next-line placehold, terms -->\n推进XX工作，布署。\n"
        "<!-- textlint-disable prh -->\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--no-color", "-f", "unix", "a.txt"]) == 1
    out, err = capsys.readouterr()
    name = tmp_path / "a.txt"
    assert out == f"{name}:2:3: 占位符“XX”未替换 [Error/placeholder]\n\n1 problem\n"
    assert err == (f"gwlint: {name}:1: gwlint-disable-next-line names no rule 'placehold' "
                   "(gwlint --list-rules)\n")
    # said also when nothing else is found (it was only said beside other findings)
    name.write_text("<!-- gwlint-disable-line placehold -->\n推进工作。\n", encoding="utf-8")
    assert cli.main(["--no-color", "-f", "unix", "a.txt"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"gwlint: {name}:1: gwlint-disable-line names no rule "
                              "'placehold' (gwlint --list-rules)\n")


def test_a_directive_name_must_be_exact(linter):
    text = "<!-- gwlint-disabled -->\n推进XX工作。\n"
    assert _found(linter, text) == [(2, 3, "placeholder")]


def test_disable_comment_own_punctuation_is_not_reported_in_txt(linter):
    assert _found(linter,
                  "<!-- gwlint-disable-next-line terms -- 原文如此, 不改 -->\n布署。\n") == []


# -- --max-warnings --------------------------------------------------------------------------
@pytest.mark.parametrize("limit, status", [(None, 0), ("2", 0), ("1", 1), ("0", 1),
                                           ("-1", 0)])  # ESLint's "no limit"
def test_max_warnings_sets_the_exit_status(tmp_path, monkeypatch, capsys, limit, status):
    # two cjk-spacing warnings
    (tmp_path / "a.txt").write_text("组建了 36 人队伍。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["--no-color", "-f", "unix", "a.txt"] + (["--max-warnings", limit] if limit else [])
    assert cli.main(argv) == status
    out, err = capsys.readouterr()
    assert out.endswith("\n2 problems\n")
    if status:
        assert err == f"gwlint: 2 warnings (more than --max-warnings {limit})\n"
    else:
        assert err == ""


def test_max_warnings_below_minus_one_is_a_usage_error(capsys):
    """-2 was taken as no limit, silently: a typo for 2 let every warning through."""
    with pytest.raises(SystemExit) as exited:
        cli.main(["--max-warnings", "-2", "a.txt"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "gwlint: error: argument --max-warnings: -2: give 0 or more, or -1 for no limit\n")


def test_max_warnings_counts_one_warning_in_the_singular(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("组建了36 人队伍。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--no-color", "-f", "unix", "--max-warnings", "0", "a.txt"]) == 1
    out, err = capsys.readouterr()
    assert out == (f"{tmp_path / 'a.txt'}:1:6: 汉字与数字、汉字与汉字之间不应有空格 "
                   "[Warning/cjk-spacing]\n\n1 problem\n")
    assert err == "gwlint: 1 warning (more than --max-warnings 0)\n"


@pytest.mark.parametrize("fmt", ["unix", "sarif"])  # results slimmed to messages / kept whole
def test_quiet_hides_the_warnings_that_max_warnings_still_counts(tmp_path, monkeypatch, capsys,
                                                                 fmt):
    """--quiet dropped the warnings before they were counted: ``--quiet --max-warnings 0``
    never failed. ESLint counts them (its --max-warnings: "When used alongside --quiet, this
    will cause rules marked as warn to still be run, but not reported")."""
    (tmp_path / "a.txt").write_text("组建了 36 人队伍。\n", encoding="utf-8")  # two warnings
    monkeypatch.chdir(tmp_path)
    assert cli.main(["-f", fmt, "--quiet", "--max-warnings", "0", "a.txt"]) == 1
    out, err = capsys.readouterr()
    assert out == "" if fmt == "unix" else json.loads(out)["runs"][0]["results"] == []
    assert err == "gwlint: 2 warnings (more than --max-warnings 0)\n"
    assert cli.main(["-f", fmt, "--quiet", "--max-warnings", "2", "a.txt"]) == 0


@pytest.mark.parametrize("fmt", ["unix", "sarif"])  # results slimmed to messages / kept whole
def test_the_exit_status_counts_the_same_from_messages_and_from_findings(
        tmp_path, monkeypatch, capsys, fmt):
    (tmp_path / "a.txt").write_text("组建了 36 人队伍。\n", encoding="utf-8")  # two warnings
    monkeypatch.chdir(tmp_path)
    assert [cli.main(["-f", fmt, "a.txt", "--max-warnings", n]) for n in ("2", "1")] == [0, 1]
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\xd8")  # cannot be decoded: one error
    assert cli.main(["-f", fmt, "b.txt"]) == 1
    (tmp_path / "b.txt").write_text("推进XX工作。\n", encoding="utf-8")  # a placeholder: error
    assert cli.main(["-f", fmt, "--max-warnings", "5", "a.txt", "b.txt"]) == 1
    assert cli.main(["-f", fmt, "--max-warnings", "5", "--quiet", "a.txt"]) == 0
    capsys.readouterr()
