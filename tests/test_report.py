"""``--explain ID`` and ``--list-rules``: what a user reads about the rules, with each
example checked against its rule."""

from __future__ import annotations

import pytest

from lint.cli import main

PACK = """\
rules:
  - id: office-name
    kind: pattern
    message: 本单位名称应为全称，而不是“{match}”
    patterns: ['(?<!市)工信局']
    fix: 市工业和信息化局
    why: 本单位文件中首次出现时使用全称。
    examples:
      bad: [会同工信局开展检查。, 会同有关部门开展检查。]
      good: [会同市工业和信息化局开展检查。, 工信局牵头。]
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "office.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text("packs: [office.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_explain_checks_a_users_examples_against_the_rule(project, capsys):
    """A bad example the rule does not report, and a good one it does, are marked; the exit
    status says so (a pack's own CI can run it)."""
    assert main(["--explain", "office-name"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "office-name  (pattern, error, fixable)\n"
        f"defined in {project / 'office.yaml'}:2\n\n"
        "为什么 (why):\n    本单位文件中首次出现时使用全称。\n\n"
        "不规范 (reported):\n"
        "    会同工信局开展检查。\n"
        "      ↳ 本单位名称应为全称，而不是“工信局” → '市工业和信息化局'\n"
        "    会同有关部门开展检查。\n"
        "      ↳ (not reported: this example does not show the rule)\n\n"
        "规范 (not reported):\n"
        "    会同市工业和信息化局开展检查。\n"
        "    工信局牵头。\n"
        "      ↳ (reported: 本单位名称应为全称，而不是“工信局”; this example is not clean)\n")
    assert err == "gwlint: rule 'office-name': 2 examples disagree with the rule\n"


def test_explain_of_a_builtin_rule_exits_0(project, capsys):
    assert main(["--explain", "doubled-char"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("doubled-char  (pattern, error)\n")
    assert "↳ (not reported" not in out and "↳ (reported:" not in out


def test_explain_of_a_rule_that_is_off_does_not_check(project, capsys):
    (project / "gwlint.yaml").write_text("packs: [office.yaml]\nrules: {office-name: off}\n",
                                         encoding="utf-8")
    assert main(["--explain", "office-name"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("(this rule is off in the current configuration; its examples are "
                        "not checked)\n")


def test_explain_of_an_unknown_rule(project, capsys):
    assert main(["--explain", "office-nam"]) == 2
    assert capsys.readouterr().err == "gwlint: unknown rule 'office-nam'; see gwlint --list-rules\n"


def test_list_rules_keeps_the_spaces_of_latin_text(project, capsys):
    """A rationale's lines are joined without a space between Chinese characters only:
    'Lines must be short' read 'Linesmustbeshort', and GB/T 15834 read GB/T15834."""
    (project / "office.yaml").write_text(
        PACK.replace("why: 本单位文件中首次出现时使用全称。",
                     "why: >-\n      Lines must be\n      short for printing."), encoding="utf-8")
    assert main(["--list-rules"]) == 1  # (PACK's examples disagree: see below)
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].split("  ")[0] == "office-name"
    assert lines[-1].endswith("  fix  Lines must be short for printing.")
    assert [ln for ln in lines if ln.startswith("unmatched-pair ")][0].endswith(
        "GB/T 15834—2011中引号、书名号、括号都成对使用")
    kinds = {ln.index(" pattern ") for ln in lines if " pattern " in ln}
    assert len(kinds) == 1  # the kind column lines up, however long the kind names


def test_list_rules_ends_a_rationale_at_a_full_stop_outside_quotes(project, capsys):
    """The first 。 inside a quotation cut the listing there: …的痕迹；“如"""
    (project / "office.yaml").write_text(
        PACK.replace("why: 本单位文件中首次出现时使用全称。",
                     "why: 写“如下。”时用冒号。第二句。"), encoding="utf-8")
    assert main(["--list-rules"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("  写“如下。”时用冒号")
    assert main(["draft.txt", "--rules", "nowhere.yaml"]) == 2  # (no line on a command line)
    assert capsys.readouterr().err.startswith("gwlint: --rules: rule pack")


def test_list_rules_names_the_users_rules_whose_examples_disagree(project, capsys):
    """A pack whose bad example is not reported loaded and linted without a word: only
    --explain ID, one rule at a time, said so. --list-rules checks every rule of the
    user's packs (gwlint's own are checked by its tests) and exits 1."""
    assert main(["--list-rules"]) == 1
    assert capsys.readouterr().err == (
        "gwlint: rule 'office-name': 2 examples disagree with the rule "
        "(gwlint --explain office-name)\n")
    (project / "office.yaml").write_text(
        PACK.replace(", 会同有关部门开展检查。]", "]").replace(", 工信局牵头。]", "]"),
        encoding="utf-8")
    assert main(["--list-rules"]) == 0
    assert capsys.readouterr().err == ""


def test_explain_says_when_the_rule_fails_on_an_example(project, capsys, monkeypatch):
    """A kind that raises on an example was shown as 'not reported', then counted as
    examples that disagree (status 1): the rule broke, status 2 as in a run."""
    from lint.kinds.pattern import PatternKind

    def broken(self, doc):
        raise RuntimeError("kind bug")

    monkeypatch.setattr(PatternKind, "check", broken)
    assert main(["--explain", "office-name"]) == 2
    out, err = capsys.readouterr()
    assert ("    会同工信局开展检查。\n"
            "      ↳ (rule 'office-name' failed: RuntimeError: kind bug)\n") in out
    assert err == "gwlint: rule 'office-name' failed: RuntimeError: kind bug, on 4 examples\n"
    assert main(["--list-rules"]) == 2
    assert capsys.readouterr().err == (
        "gwlint: rule 'office-name' failed: RuntimeError: kind bug, on 4 examples "
        "(gwlint --explain office-name)\n")


def test_explain_keeps_a_message_of_several_lines_under_its_arrow(project, capsys):
    """A message with a line break (a terms rule's note) ran back to the left margin."""
    (project / "office.yaml").write_text(PACK.replace(
        "message: 本单位名称应为全称，而不是“{match}”",
        "message: \"本单位名称应为全称\\n（见本局文件规范）\""), encoding="utf-8")
    main(["--explain", "office-name"])
    out = capsys.readouterr().out
    assert ("    会同工信局开展检查。\n"
            "      ↳ 本单位名称应为全称\n"
            "        （见本局文件规范） → '市工业和信息化局'\n") in out
