"""The mixed-script rule's shortcuts must not change what it finds: the t2s gate (skip
documents t2s would leave as they are) and the chained s2tw/s2hk converters."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from lint.document import Document
from lint.kinds import script
from lint.kinds.prefilter import CENSUS
from lint.kinds.script import (
    S2T_SURE,
    T2S_CHANGED_ALONE,
    T2S_KEPT_OUTSIDE_GB2312,
    T2S_PHRASE_ONLY,
    T2S_PHRASES,
    T2S_SPECIAL,
    ScriptKind,
    converter,
    gb2312_hanzi,
    holds_t2s_phrase,
    surely_simplified,
)
from lint.readers import read_path

from .conftest import REPO, SEEDS, seed


@pytest.fixture(scope="module")
def linter(linter_any_script):
    """These tests check traditional documents character by character, as a Hong Kong,
    Macao or Taiwan user does (mixed-script ``expect: any``); the preset's own reading of a
    mainland document written in traditional characters is tests/test_document_script.py."""
    return linter_any_script


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


# -- the lists the gate relies on, checked against the installed OpenCC ----------------------
def test_changed_alone_and_phrase_only_halves():
    t2s = converter("t2s")
    gb2312 = set(gb2312_hanzi())
    assert T2S_SPECIAL == frozenset(T2S_CHANGED_ALONE) | frozenset(T2S_PHRASE_ONLY)
    for ch in T2S_CHANGED_ALONE:
        assert ch in gb2312 and t2s.convert(ch) != ch, ch
    for ch in T2S_PHRASE_ONLY:
        assert t2s.convert(ch) == ch, ch


def test_the_characters_known_to_stay_are_outside_gb2312_and_t2s_keeps_them():
    t2s = converter("t2s")
    for ch in T2S_KEPT_OUTSIDE_GB2312:
        with pytest.raises(UnicodeEncodeError):
            ch.encode("gb2312")  # (inside, the gate never asks about them)
        assert t2s.convert(ch) == ch and ch not in T2S_SPECIAL, ch
        assert t2s.convert(f"反{ch}覆{ch}") == f"反{ch}覆{ch}"


def test_a_simplified_document_with_only_those_builds_no_converter(tmp_path):
    """The em dash and middle dot are outside GB 2312 but in most reports: asking t2s about
    them would import OpenCC and build t2s (~8 ms of a one-file run) for nothing. A new
    process lints such a document without importing OpenCC; one more character outside
    GB 2312 (瞭, which t2s keeps alone but changes in 瞭解) makes it ask."""
    probe = ("import sys, lint.cli\n"
             "status = lint.cli.main(['-f', 'json', sys.argv[1]])\n"
             "print(status, 'opencc' in sys.modules)")
    answers = []
    for extra in ("", "要瞭解情况。"):
        path = tmp_path / "a.txt"
        path.write_text(f"一、总体情况——勠力同心\n习近平·总书记强调，完成〇项。{extra}\n",
                        encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True,
                              text=True, timeout=120)
        answers.append(done.stdout.splitlines()[-1])
    assert answers == ["0 False", "1 True"]


def test_warm_builds_t2s_once_for_the_processes_forked_after_it(kind, monkeypatch):
    monkeypatch.setattr(script, "_CONVERTERS", {})
    kind.warm()
    assert list(script._CONVERTERS) == ["t2s"]


# -- a document t2s changes: simplified without s2t? -------------------------------------------
def test_the_sure_characters_are_simplified_in_any_context():
    """Each is a GB 2312 character t2s never changes and s2t changes (the table check below
    covers the phrases too), listed once."""
    t2s, s2t = converter("t2s"), converter("s2t")
    assert len(set(S2T_SURE)) == len(S2T_SURE) >= 100
    gb2312 = set(gb2312_hanzi())
    for ch in S2T_SURE:
        assert ch in gb2312 and ch not in T2S_SPECIAL, ch
        assert t2s.convert(ch) == ch and s2t.convert(ch) != ch, ch


def test_the_sure_characters_fit_a_fresh_derivation_from_the_opencc_tables():
    """No phrase of s2t leaves one of them as it is (nor changes a length): re-derive
    with scripts/s2t_sure_chars.py after upgrading OpenCC."""
    always = _derivation("s2t_sure_chars").derive(opencc.OpenCC("s2t"))
    assert set(S2T_SURE) <= set(always)
    assert "后" not in always and "里" not in always  # 皇后, 公里: s2t keeps them there


@pytest.mark.parametrize(("text", "count", "sure"), [
    ("全面加强党的建设。", 2, True),      # 强 设
    ("全面加强党的建设。", 3, False),
    ("学习贯彻会议精神。", 6, True),      # 学 习 贯 彻 会 议
    ("今後的目的。", 1, False),          # none of them
    ("", 1, False),
])
def test_surely_simplified_counts_the_sure_characters(text, count, sure):
    assert surely_simplified(text, count) is sure


def _lint_in_fresh_converters(linter, text, monkeypatch):
    monkeypatch.setattr(script, "_CONVERTERS", {})
    doc = Document(text, path="a.txt")
    kind = linter.compiled["mixed-script"].kind
    found = [(doc.position(f.start), f.message) for f in kind.check(doc)]
    return found, sorted(script._CONVERTERS)


def test_a_simplified_report_with_a_stray_traditional_character_builds_no_s2t(linter,
                                                                               monkeypatch):
    """s2t and the confirming s2tw/s2hk cost ~20 ms and ~7 MB: a report with one stray 後
    is found simplified by its sure characters, with the finding converting would give."""
    text = "今後要推进干部队伍建设。\n全面加强党的建设，推进各项工作落实。\n"
    found, built = _lint_in_fresh_converters(linter, text, monkeypatch)
    assert found == [((1, 2), "简体文稿中混入繁体字“後”，应为“后”")]
    assert built == ["t2s"]


def test_too_few_sure_characters_ask_s2t(linter, monkeypatch):
    # two traditional characters, one sure character (设): s2t decides (traditional)
    text = "今後於此建设。\n"
    found, built = _lint_in_fresh_converters(linter, text, monkeypatch)
    assert found == [((1, 6), "繁体文稿中混入简体字“设”，应为“設”")]
    assert "s2t" in built


def test_a_traditional_report_still_builds_s2t_and_its_confirmers(linter, monkeypatch):
    path = seed("001")
    found, built = _lint_in_fresh_converters(linter, read_path(path, str(path)).prose,
                                             monkeypatch)
    assert found and all(message.startswith("繁体文稿中混入简体字") for _, message in found)
    assert built == ["s2hk", "s2t", "s2tw", "t2hk", "t2s", "t2tw"]


def test_the_gate_finds_what_s2t_finds_on_every_seed_and_edited_variants(linter, monkeypatch):
    """With the gate off the rule always asks s2t: its findings must be the same."""
    texts = [read_path(p, str(p)).prose for p in sorted(SEEDS.glob("*.txt"))]
    texts += [t.replace("后", "後", 1).replace("于", "於", 3) for t in texts]
    kind = linter.compiled["mixed-script"].kind

    def findings():
        return [[(f.start, f.end, f.message) for f in kind.check(Document(t, path="a.txt"))]
                for t in texts]

    gated = findings()
    monkeypatch.setattr(script, "surely_simplified", lambda text, count: False)
    assert findings() == gated
    assert sum(map(len, gated)) > 10


def test_every_listed_phrase_changes_a_phrase_only_character():
    t2s = converter("t2s")
    assert len(set(T2S_PHRASES)) == len(T2S_PHRASES) > 150
    changed_inside = set()
    for phrase in T2S_PHRASES:
        value = t2s.convert(phrase)
        assert len(value) == len(phrase) >= 2, phrase
        changed = {a for a, b in zip(phrase, value, strict=True) if a != b and t2s.convert(a) == a}
        assert changed, f"t2s changes no phrase-only character of {phrase} ({value})"
        changed_inside |= changed
    # the phrase half of T2S_SPECIAL is exactly what the listed phrases change
    assert changed_inside == set(T2S_PHRASE_ONLY)


def _derivation(name: str = "t2s_special_chars"):
    """A derivation script of scripts/ (they read OpenCC's tables with the opencc_dict tool
    bundled with the OpenCC wheel, or marisa-trie): skip when neither is at hand."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.importorskip("marisa_trie")
    return module


def test_lists_equal_a_fresh_derivation_from_the_opencc_tables():
    """Complete, not just sound: every TSPhrases key that changes a character t2s leaves
    alone is listed (re-derive with scripts/t2s_special_chars.py after upgrading OpenCC)."""
    alone, only, phrases = _derivation().derive(converter("t2s"))
    assert set(alone) == set(T2S_CHANGED_ALONE)
    assert set(only) == set(T2S_PHRASE_ONLY)
    assert {p for listed in phrases.values() for p in listed} == set(T2S_PHRASES)


# -- the gate's answers ----------------------------------------------------------------------
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


PHRASE_CASES = [
    # (text, whether t2s changes it): only the listed phrases change 覆 沈 藉 瞭 坏 么 ...
    ("各地要认真答覆群众来信，反复核对。", True),      # 答覆, all in GB 2312
    ("要反覆研究，形成批覆意见。", True),
    ("干部要沈默寡言吗？不，要敢于发声。", True),
    ("找藉口推脱是不行的。\n第二行没有。", True),
    ("坚持彷彿昨日。", True),
    ("经济甦醒。", True),
    ("英哩与公里。", True),
    ("打坏了。", True),
    ("第一行。\n推动经济复苏，反(fǎn)覆研究。", True),  # joined again once the pinyin is left out
    ("全面覆盖，实现全覆盖。", False),                  # 覆 outside every phrase that changes it
    ("什么是与时俱进？沈阳市破坏了什么？", False),
    ("覆\n盖", False),
    ("这是精神慰藉口碑。", False),      # 藉口 is there, but the longer 慰藉 (kept) is matched first
    ("这是精神慰藉(jiè)口碑。", False),  # the same, with pinyin to leave out
    ("反(fǎn)复研究，全(quán)覆盖。", False),
]


@pytest.mark.parametrize("text,changes", PHRASE_CASES)
def test_gate_on_phrases(kind, text, changes):
    assert t2s_changes(kind._without_ignored(text)[0]) == changes
    assert kind._t2s_may_change(text) == changes
    doc = Document(text=text)
    assert kind._t2s_may_change(text, CENSUS.of_document(doc), {}) == changes


@pytest.mark.parametrize("text,changes", PHRASE_CASES)
def test_gate_finds_what_converting_finds(kind, text, changes, monkeypatch):
    def findings():
        return [(f.start, f.end, f.message) for f in kind.check(Document(text=text))]

    gated = findings()
    monkeypatch.setattr(kind, "_t2s_may_change", lambda *args: True)
    assert gated == findings()
    if not changes:
        assert gated == []


def test_phrase_search_is_a_necessary_condition():
    """Every listed phrase is found wherever it stands, alone or in a sentence."""
    for phrase in T2S_PHRASES:
        chars = set(phrase) & set(T2S_PHRASE_ONLY)
        for text in (phrase, f"我们{phrase}", f"{phrase}了", f"一、{phrase}。\n"):
            assert holds_t2s_phrase(text, chars), text
    assert not holds_t2s_phrase("全面覆盖，什么，沈阳，破坏", set("覆么沈坏"))


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


class _Counting:
    """A converter that remembers how much text it was given."""

    def __init__(self, conv):
        self.conv, self.converted = conv, 0

    def convert(self, text: str) -> str:
        self.converted += len(text)
        return self.conv.convert(text)


def test_s2t_stops_once_a_document_is_known_to_be_simplified(linter):
    # one stray traditional character, then 400 lines of simplified text: the document is
    # simplified once a piece holds a simplified character, and the rest is not converted
    text = "今後要推进干部队伍建设。\n" + "全面加强党的建设，推进各项工作落实。\n" * 400
    simplified = converter("t2s").convert(text)
    s2t = _Counting(converter("s2t"))
    assert script._to_traditional(s2t, simplified, text, 1) is None
    assert 0 < s2t.converted < len(text) // 4
    # the finding is the same as when the whole document was converted
    doc = Document(text, path="a.txt")
    kind = linter.compiled["mixed-script"].kind
    found = [(doc.position(f.start), f.message) for f in kind.check(doc)]
    assert found == [((1, 2), "简体文稿中混入繁体字“後”，应为“后”")]


def test_s2t_of_a_traditional_document_is_converted_whole():
    path = seed("001")  # a traditional report with simplified characters leaked into it
    text = read_path(path, str(path)).prose
    simplified = converter("t2s").convert(text)
    traditional_count = sum(a != b for a, b in zip(simplified, text, strict=True))
    s2t = _Counting(converter("s2t"))
    assert script._to_traditional(s2t, simplified, text, traditional_count) == \
        converter("s2t").convert(simplified)
    assert s2t.converted == len(text)


def test_s2t_that_changes_lengths_gives_up():
    s2twp = opencc.OpenCC("s2twp")  # its phrases change lengths (内存 -> 記憶體)
    text = "扩充内存容量"
    assert len(s2twp.convert(text)) != len(text)
    assert script._to_traditional(s2twp, text, text, 10) is script._CHANGED_LENGTH


def test_confirming_reuses_the_whole_text_conversion_exactly():
    # lines sliced from the s2t of the whole simplified text are what converting each line
    # gives: the confirmed positions are the same either way
    path = seed("001")
    text = read_path(path, str(path)).prose
    simplified = converter("t2s").convert(text)
    s2t = converter("s2t")
    traditional = s2t.convert(simplified)
    positions = [i for i in script.diff_positions(text, traditional) if text[i] == simplified[i]]
    confirm = [s2t, converter("s2tw"), converter("s2hk")]
    fresh = script._confirmed(text, [(simplified, {}), (text, {})], positions, confirm)
    reused = script._confirmed(text, [(simplified, {s2t: traditional}), (text, {})],
                               positions, confirm)
    assert reused == fresh and 0 < len(fresh) < len(positions)
