"""prh dictionary semantics, as textlint-rule-prh applies them (reference/textlint.md §4)."""

from __future__ import annotations

import pytest

from lint.prh import compile_rule, load_dictionary
from lint.rulepack import RuleError


def rewrite(raw, text):
    return compile_rule(raw, "t.yml", 1).apply(text)


def test_expected_without_pattern_matches_ascii_case_and_full_width():
    assert rewrite({"expected": "ChatGPT"}, "用chatgpt和ＣＨＡＴＧＰＴ写") == "用ChatGPT和ChatGPT写"


def test_cjk_only_expected_without_pattern_never_fires():
    assert compile_rule({"expected": "意识形态"}, "t.yml", 1).compiled is None


def test_string_pattern_is_literal():
    assert rewrite({"expected": "等等。", "pattern": "等等."}, "等等.和等等x") == "等等。和等等x"


def test_regex_pattern_with_groups_and_first_alternative_wins():
    assert rewrite({"expected": "第$1条", "pattern": "/第([0-9]+)款/"}, "第12款") == "第12条"
    # prh's documented pitfall: the first alternative that matches wins
    assert rewrite({"expected": "硬件设备", "patterns": ["硬件", "硬件设施"]}, "硬件设施") == "硬件设备设施"


def test_regexp_must_empty():
    raw = {"expected": "网络舆情", "pattern": "/(涉)?网络舆论/", "regexpMustEmpty": "$1"}
    assert rewrite(raw, "网络舆论和涉网络舆论") == "网络舆情和涉网络舆论"


def test_word_boundary_is_ascii():
    raw = {"expected": "JS", "pattern": "/js/i", "options": {"wordBoundary": True}}
    assert rewrite(raw, "用js写，altjs不改") == "用JS写，altjs不改"


def test_specs_are_checked_at_load(tmp_path):
    dictionary = tmp_path / "prh.yml"
    dictionary.write_text(
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n    specs:\n"
        "      - from: 研究布署\n        to: 研究部署错\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_dictionary(dictionary)
    assert err.value.line == 6 and "spec failed" in err.value.message


def test_imports_merge_first_wins(tmp_path):
    (tmp_path / "base.yml").write_text(
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 部属\n  - expected: 其他\n    pattern: 其它\n",
        encoding="utf-8")
    (tmp_path / "main.yml").write_text(
        "version: 1\nimports:\n  - base.yml\nrules:\n  - expected: 部署\n    pattern: 布署\n",
        encoding="utf-8")
    rules = load_dictionary(tmp_path / "main.yml")
    assert [(r.expected, r.patterns_text) for r in rules] == [("部署", ["布署"]), ("其他", ["其它"])]


def test_terms_kind_resolves_overlaps_like_prh(linter):
    from lint.config import Config
    from lint.engine import Linter
    from lint.rulepack import Rule

    rule = Rule(id="t", kind="terms", level=linter.rules["terms"].level, message=None, why="",
                examples={}, source="x", line=1,
                options={"terms": [{"expected": "落实", "pattern": "落石"},
                                   {"expected": "落实责任", "pattern": "落石责任"}]})
    custom = Linter(Config(extra_rules=[rule]))
    findings = custom.lint_text("要落石责任，落石。")
    assert [(f.start, f.end, f.fix.text) for f in findings] == [(1, 5, "落实责任"), (6, 8, "落实")]


def test_the_quick_test_for_wrong_forms_finds_each_of_them(linter):
    """terms asks one regex whether a document holds any wrong form before its
    Aho-Corasick pass; the regex starts each word at its rarest character and looks behind
    for the rest, so it must still find every word, wherever it stands, and nothing else."""
    from lint.kinds.terms import _anchored

    kind = linter.compiled["terms"].kind
    assert _anchored("四川省重庆市") == "川(?<=四川)省重庆市"
    assert _anchored("建档立卡") == "卡(?<=建档立卡)"  # of equally rare ones, the last
    assert _anchored("磬书") == "磬书"  # the first is the rarest: no look-behind needed
    assert len(kind._wrong) > 50
    for word in kind._wrong:
        for text in (word, f"前文{word}", f"{word}后文", f"第一行\n前文{word}。"):
            found = kind.any_wrong(text)
            assert found is not None and word in text[max(0, found.start() - len(word)):found.end()]
        broken = word[:-1] + "\n" + word[-1]
        assert kind.any_wrong(broken) is None or any(w in broken for w in kind._wrong), word
    assert kind.any_wrong("我们要认真落实意识形态工作责任制，坚持问题导向。") is None
