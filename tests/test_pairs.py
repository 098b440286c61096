"""Paired marks: unmatched-pair and nested-quote (the ``pairs`` kind) and doubled-punct.

Positions are exact: the finding starts at the offending mark itself (textlint's
no-unmatched-pair points one character past the opener and ignores “” and 《》)."""

from __future__ import annotations

import pytest

from lint.config import Config
from lint.engine import Linter
from lint.finding import Level
from lint.rulepack import Rule, RuleError
from tests.conftest import found, real_findings, seed

PAIR_RULES = ("unmatched-pair", "nested-quote", "doubled-punct")


def spans(findings, text):
    """(start, marked text, message) of findings on a one-line text."""
    return [(f.start, text[f.start:f.end], f.message) for f in findings]


# -- unmatched-pair -----------------------------------------------------------------------
def test_unclosed_quote_points_at_the_opener(linter):
    text = "开展“书香伴我行主题读书活动。"
    assert spans(linter.lint_text(text, only={"unmatched-pair"}), text) == [
        (2, "“", "左双引号“没有配对")]


def test_stray_closer_is_reported(linter):
    text = "坚持底线思维）牢牢掌握主动权。"
    assert spans(linter.lint_text(text, only={"unmatched-pair"}), text) == [
        (6, "）", "右括号）没有配对")]


@pytest.mark.parametrize("opener, closer, name", [
    ("“", "”", "双引号"), ("‘", "’", "单引号"), ("《", "》", "书名号"),
    ("〈", "〉", "单书名号"), ("（", "）", "括号"), ("【", "】", "方头括号"),
    ("〔", "〕", "六角括号"), ("「", "」", "直角引号"),
])
def test_every_pair_is_checked_both_ways(linter, opener, closer, name):
    assert [f.message for f in linter.lint_text(f"学习{opener}准则。", only={"unmatched-pair"})
            ] == [f"左{name}{opener}没有配对"]
    assert [f.message for f in linter.lint_text(f"学习准则{closer}。", only={"unmatched-pair"})
            ] == [f"右{name}{closer}没有配对"]
    assert linter.lint_text(f"学习{opener}准则{closer}。", only={"unmatched-pair"}) == []


def test_a_paragraph_is_a_line(linter):
    text = "学习《关于新形势下\n党内政治生活的若干准则》。"
    assert spans(linter.lint_text(text, only={"unmatched-pair"}), text) == [
        (2, "《", "左书名号《没有配对"), (21, "》", "右书名号》没有配对")]


def test_markdown_paragraphs_run_to_the_blank_line(linter):
    from lint.readers import read_bytes

    text = "# 报告\n\n纳入“党的纪律\n监督”检查范围。\n\n学习《准则。\n"
    result = linter.lint_document(read_bytes(text.encode(), "draft.md"),
                                  only={"unmatched-pair"})
    assert found(result, "unmatched-pair") == [(6, 3)]


def test_crossed_pairs_of_different_kinds_balance_each_kind(linter):
    # each kind of pair is counted on its own, so one slip never cascades into others
    text = "（“三会一课）”制度"
    assert linter.lint_text(text, only={"unmatched-pair"}) == []


def test_apostrophe_in_latin_text_is_not_a_quote(linter):
    assert linter.lint_text("据People’s Daily报道。", only={"unmatched-pair"}) == []


def test_seed_001_pairs_balance(linter):
    result = linter.lint_file(seed("001"))
    assert found(result, "unmatched-pair") == []


# -- nested-quote -------------------------------------------------------------------------
def test_seed_001_nested_double_quotes(linter):
    """seeds/001 line 16: “第三屆內(nèi)蒙古‘草原英才’…交流會暨“三社聯(lián)動”推進會”."""
    result = linter.lint_file(seed("001"))
    assert found(result, "nested-quote") == [(16, 121)]
    finding = next(f for f in result.findings if f.rule_id == "nested-quote")
    assert result.doc.text[finding.start:finding.start + 10] == "“三社聯(lián)"
    assert finding.message == "双引号内应使用单引号‘’，不应再用“"


def test_nested_book_title_marks(linter):
    text = "学习《关于印发《实施办法》的通知》。"
    assert spans(linter.lint_text(text, only={"nested-quote"}), text) == [
        (7, "《", "书名号内应使用单书名号〈〉，不应再用《")]


def test_third_level_returns_to_double_quotes(linter):
    assert linter.lint_text("他说：“要牢记‘坚持“两个确立”’的要求。”",
                            only={"nested-quote"}) == []
    text = "他说：“要牢记‘坚持‘两个确立’’的要求。”"
    assert spans(linter.lint_text(text, only={"nested-quote"}), text) == [
        (10, "‘", "单引号内应使用双引号“”，不应再用‘")]


def test_nesting_is_not_reported_when_the_outer_quote_never_closes(linter):
    # “A“B” is one unclosed quote (or a wrongly turned closer): unmatched-pair says so, once
    text = "开展“学习“三会一课”活动。"
    assert linter.lint_text(text, only={"nested-quote"}) == []
    assert spans(linter.lint_text(text, only={"unmatched-pair"}), text) == [
        (2, "“", "左双引号“没有配对")]


def test_quotes_side_by_side_are_not_nested(linter):
    assert linter.lint_text("开展“三会一课”“主题党日”、“两学一做”活动。",
                            only={"nested-quote", "unmatched-pair"}) == []


# -- doubled-punct --------------------------------------------------------------------------
def test_seed_001_semicolon_then_enumeration_comma(linter):
    """seeds/001 line 29: 業(yè)務培訓經(jīng);、制度化 — a half-width ; followed by 、."""
    result = linter.lint_file(seed("001"))
    assert found(result, "doubled-punct") == [(29, 204)]
    finding = next(f for f in result.findings if f.rule_id == "doubled-punct")
    assert result.doc.text[finding.start:finding.end] == ";、"
    assert finding.fix is None  # which of the two was meant needs a reader


@pytest.mark.parametrize("text, marked, fix", [
    ("强化理论武装，，提高政治站位。", "，，", "，"),
    ("强化理论武装，,提高政治站位。", "，,", None),  # halfwidth-punct fixes the , first
    ("工作总体平稳。。", "。。", "。"),
    ("影响力、、渗透力", "、、", "、"),
    ("报告如下：：", "：：", "："),
    ("一是加强领导；；二是", "；；", "；"),
    ("抓好宣传引导，。", "，。", None),
    ("一是加强领导；、二是", "；、", None),
    ("工作总体平稳。。。", "。。。", None),
])
def test_doubled_punct_fixes_only_a_repeated_mark(linter, text, marked, fix):
    findings = linter.lint_text(text, only={"doubled-punct"})
    assert [(text[f.start:f.end], f.fix.text if f.fix else None) for f in findings] == [
        (marked, fix)]


@pytest.mark.parametrize("text", [
    "意识形态工作取得一定成效……下一步——我们将继续努力。",
    "难道我们能够放松吗？！",
    "函数调用 a::b,,c 不是中文标点。",
])
def test_doubled_punct_leaves_correct_marks_alone(linter, text):
    assert linter.lint_text(text, only={"doubled-punct"}) == []


# -- the real corpus ------------------------------------------------------------------------
# Real defects of the originals (verified by reading them); anything else is a false positive.
REAL_DEFECTS = {
    # 云南 splits the heading “（三）改革开放持续深化” after its “（”: line 26 is just “（”
    ("2026_云南省_政府工作报告.txt", "unmatched-pair", 26, 1),
    ("2026_云南省_政府工作报告.txt", "unmatched-pair", 27, 2),
}


def test_real_corpus_only_real_defects(linter, real_corpus):
    assert real_findings(linter, real_corpus, PAIR_RULES) == REAL_DEFECTS


# -- options --------------------------------------------------------------------------------
def pairs_rule(**options) -> Rule:
    return Rule(id="p", kind="pairs", level=Level.ERROR, message=None, why="", examples={},
                source="office.yaml", line=3, options=options)


@pytest.mark.parametrize("options, complaint", [
    ({}, "needs 'pairs'"),
    ({"pairs": {"“": "引号"}}, "two different characters"),
    ({"pairs": {"""''""": "引号"}}, "two different characters"),
    ({"pairs": {"“”": "双引号", "”“": "反引号"}}, "more than one pair"),
    ({"pairs": {"“”": "双引号"}, "report": "both"}, "'report'"),
    ({"pairs": {"“”": "双引号"}, "report": "nested"}, "needs 'nesting'"),
    ({"pairs": {"“”": "双引号"}, "nesting": [["“”", "‘’"]]}, "not listed in 'pairs'"),
    ({"pairs": {"“”": "双引号"}, "soft_wrap": "markdown"}, "'soft_wrap'"),
])
def test_bad_options_are_rule_errors(options, complaint):
    with pytest.raises(RuleError) as err:
        Linter(Config(extra_rules=[pairs_rule(**options)]))
    assert err.value.path == "office.yaml" and complaint in err.value.message


def test_user_pairs_with_a_list_and_default_names():
    linter = Linter(Config(extra_rules=[pairs_rule(pairs=["〖〗"])]))
    assert [f.message for f in linter.lint_text("见〖附件")] == ["左成对符号〖没有配对"]


def test_every_unclosed_mark_of_a_long_line_is_reported(linter):
    text = "“（《" * 20000 + "\n"
    findings = linter.lint_text(text, only={"unmatched-pair"})
    assert len(findings) == 60000



def test_deeply_nested_and_crossed_pairs_take_the_exact_walk(linter):
    deep = "（" * 20 + "正文" + "）" * 20 + "，（未闭合。\n"
    assert [(f.rule_id, f.start) for f in linter.lint_text(deep, only={"unmatched-pair"})] == [
        ("unmatched-pair", 43)]
    crossed = "“加强（学习”工作）。\n"  # crossed kinds: each pair is matched on its own
    assert linter.lint_text(crossed, only={"unmatched-pair"}) == []
