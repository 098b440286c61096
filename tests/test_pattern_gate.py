"""The pattern kind's ``gate``: a speed hint that keeps documents without a match of it
from being scanned at all (doubled-punct uses one)."""

from __future__ import annotations

import pytest

from lint.config import load
from lint.engine import Linter
from lint.rulepack import RuleError


def linter_with(tmp_path, options: str) -> Linter:
    config = tmp_path / "gwlint.yaml"
    config.write_text(f"rules:\n  doubled-punct: {options}\n", encoding="utf-8")
    return Linter(load(config))


def spans(linter, text):
    return [(f.start, f.end) for f in linter.lint_text(text, only={"doubled-punct"})]


def test_the_preset_gate_lets_doubled_marks_through(linter):
    assert linter.compiled["doubled-punct"].kind.gate is not None
    assert spans(linter, "提高政治站位，，加强学习。") == [(6, 8)]
    assert spans(linter, "业务培训经常; 、制度化") == [(6, 9)]
    assert spans(linter, "提高政治站位，加强学习。") == []


def test_a_gate_without_a_match_skips_the_document(tmp_path):
    gated = linter_with(tmp_path, "{gate: '##never##'}")
    assert spans(gated, "提高政治站位，，加强学习。") == []
    assert spans(gated, "##never## 提高政治站位，，加强学习。") == [(16, 18)]


def test_the_census_answers_for_the_gate_first(linter, monkeypatch):
    """The gate's own required strings (two marks side by side, or a mark and a blank) are
    asked of the census: a document without any is not scanned by the gate either."""
    kind = linter.compiled["doubled-punct"].kind
    assert "，，" in kind.gate_prefilter.tests[0][0] and "。 " in kind.gate_prefilter.tests[0][0]
    searched = []
    search = type(kind).search
    monkeypatch.setattr(type(kind), "search", lambda self, compiled, *a: (
        searched.append(compiled), search(self, compiled, *a))[1])
    assert spans(linter, "提高政治站位，加强学习。") == [] and kind.gate not in searched
    assert spans(linter, "提高政治站位， 加强学习。") == [] and kind.gate in searched
    assert spans(linter, "提高政治站位，，加强学习。") == [(6, 8)]


def test_a_gate_must_be_a_regex(tmp_path):
    with pytest.raises(RuleError, match="gate"):
        linter_with(tmp_path, "{gate: 12}")
