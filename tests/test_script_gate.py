"""The mixed-script rule's shortcuts must not change what it finds: the t2s gate (skip
documents t2s would leave as they are) and the chained s2tw/s2hk converters."""

from __future__ import annotations

import opencc
import pytest

from lint.kinds import script
from lint.kinds.script import T2S_SPECIAL, ScriptKind, converter, gb2312_hanzi
from lint.readers import read_path

from .conftest import SEEDS


@pytest.fixture(scope="module")
def kind(linter) -> ScriptKind:
    """The default preset's rule (with its ``ignore`` pattern for converter pinyin)."""
    kind = linter.compiled["mixed-script"].kind
    assert isinstance(kind, ScriptKind) and kind.ignore is not None
    return kind


def t2s_changes(text: str) -> bool:
    return converter("t2s").convert(text) != text


def test_every_gb2312_character_t2s_changes_alone_is_listed():
    t2s = converter("t2s")
    gb2312 = gb2312_hanzi()
    assert len(gb2312) == 6763
    changed = {ch for ch in gb2312 if t2s.convert(ch) != ch}
    assert changed <= T2S_SPECIAL, "".join(sorted(changed - T2S_SPECIAL))


@pytest.mark.parametrize("text", [
    "我们要瞭解群众的需求。",        # 瞭 is outside GB 2312 but unchanged on its own
    "不能找藉口推脱责任。",          # 藉 is in GB 2312, changed only in the phrase
    "反反覆覆，回覆群众来信。",
    "我们要瞭(liǎo)解群众。",        # the ignored pinyin joins 瞭解 again
    "干部队伍建设範圍。",
    "與時俱進",
])
def test_gate_lets_through_what_t2s_changes(kind, text):
    assert t2s_changes(kind._without_ignored(text)[0])
    assert kind._t2s_may_change(text)


@pytest.mark.parametrize("text", [
    "坚持与时俱进，覆盖全体党员，沈阳市。",  # special characters that stay in these words
    "一、总体情况\n（一）加强学习。",
    "",
])
def test_gate_skips_what_t2s_leaves_alone(kind, text):
    assert not t2s_changes(text)
    assert not kind._t2s_may_change(text)


def test_gate_agrees_with_converting_every_seed(kind):
    for path in sorted(SEEDS.glob("*.txt")):
        text = read_path(path, str(path)).prose
        stripped = kind._without_ignored(text)[0]
        assert kind._t2s_may_change(text) == t2s_changes(stripped), path.name


def test_gate_agrees_on_the_real_corpus(kind, real_corpus):
    for path in real_corpus:
        text = read_path(path, str(path)).prose
        assert kind._t2s_may_change(text) == t2s_changes(kind._without_ignored(text)[0])


@pytest.mark.parametrize("config", sorted(script._CHAINED))
def test_chained_converters_equal_opencc_configs(config):
    direct = opencc.OpenCC(config)
    chained = converter(config)
    assert isinstance(chained, script._Chain)
    for path in sorted(SEEDS.glob("*.txt")):
        text = read_path(path, str(path)).prose
        for source in (text, converter("t2s").convert(text)):
            assert chained.convert(source) == direct.convert(source), path.name
