"""Every rule shipped with gwlint (the default preset and the named template packs) documents
itself with examples; run them as tests: each bad example must be reported by that rule,
each good example must be clean."""

from __future__ import annotations

import pytest

from lint import plugins
from lint.config import _extend, load
from lint.engine import Linter
from tests.conftest import SEEDS

_CONFIG = load(start=SEEDS)
for _name in sorted(set(plugins.rule_packs()) - {"gongwen"}):
    _extend(_CONFIG, _name, "(test)", 1)
_LINTER = Linter(_CONFIG)
_RULES = list(_LINTER.rules.values())


def test_every_rule_has_why_and_examples():
    for rule in _RULES:
        assert rule.why, f"{rule.id} has no 'why'"
        assert rule.examples["bad"], f"{rule.id} has no bad examples"
        assert rule.examples["good"], f"{rule.id} has no good examples"


@pytest.mark.parametrize("rule", _RULES, ids=lambda r: r.id)
def test_bad_examples_are_reported(rule):
    for example in rule.examples["bad"]:
        findings = _LINTER.lint_text(example, only={rule.id})
        assert findings, f"{rule.id}: bad example not reported: {example}"


@pytest.mark.parametrize("rule", _RULES, ids=lambda r: r.id)
def test_good_examples_are_clean(rule):
    for example in rule.examples["good"]:
        findings = _LINTER.lint_text(example, only={rule.id})
        assert not findings, f"{rule.id}: good example reported: {example}: {findings}"
