"""prh dictionary semantics, as textlint-rule-prh applies them (reference/textlint.md §4)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lint.document import Document
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
    assert rewrite({"expected": "硬件设备", "patterns": ["硬件", "硬件设施"]},
                   "硬件设施") == "硬件设备设施"


def test_regexp_must_empty():
    raw = {"expected": "网络舆情", "pattern": "/(涉)?网络舆论/", "regexpMustEmpty": "$1"}
    assert rewrite(raw, "网络舆论和涉网络舆论") == "网络舆情和涉网络舆论"


def test_regexp_must_empty_naming_a_group_the_pattern_lacks():
    """prh reads match[2] as undefined, so the match stands; the rule failed on every file
    with IndexError: no such group."""
    raw = {"expected": "$1年", "pattern": "/(\\d+)年度/", "regexpMustEmpty": "$2"}
    assert rewrite(raw, "2024年度计划") == "2024年计划"


def test_word_boundary_is_ascii():
    raw = {"expected": "JS", "pattern": "/js/i", "options": {"wordBoundary": True}}
    assert rewrite(raw, "用js写，altjs不改") == "用JS写，altjs不改"


@pytest.mark.parametrize(("pattern", "text", "rewritten"), [
    # JavaScript's \b, \w and \d are ASCII: a Chinese character is no word character, so
    # \bapp\b finds app in 下载app (Python's Unicode \b found nothing there)
    ("/\\bapp\\b/i", "下载APP，apps不改", "下载应用，apps不改"),
    ("/(?:\\w+)版本/", "中文版本和beta版本", "中文版本和应用"),
    ("/[\\d]+个应用程序/", "３个应用程序和3个应用程序", "３个应用程序和应用"),
    ("/\\\\bapp/", "\\bapp和app", "应用和app"),  # an escaped backslash stays one
])
def test_a_regex_pattern_reads_as_javascript_reads_it(pattern, text, rewritten):
    assert rewrite({"expected": "应用", "pattern": pattern}, text) == rewritten


def test_a_misspelt_key_is_an_error_not_a_rule_that_never_fires(tmp_path):
    (tmp_path / "prh.yml").write_text("version: 1\nrules:\n  - expected: 部署\n"
                                      "    patern: 布署\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_dictionary(tmp_path / "prh.yml")
    assert (err.value.line, err.value.message) == (
        4, "unknown key 'patern' in a prh rule (did you mean 'pattern'?)")
    # keys prh's own dictionaries have (meta:, targets:) or a note of the writer's load
    (tmp_path / "prh.yml").write_text("meta:\n  reviewer: [vvakame]\nversion: 1\nrules:\n"
                                      "  - expected: 部署\n    pattern: 布署\n    note: x\n",
                                      encoding="utf-8")
    assert [r.expected for r in load_dictionary(tmp_path / "prh.yml")] == ["部署"]
    (tmp_path / "prh.yml").write_text("version: 1\nimports: [123]\n", encoding="utf-8")
    with pytest.raises(RuleError) as err:  # (was an AttributeError in gwlint's own pack)
        load_dictionary(tmp_path / "prh.yml")
    assert (err.value.line, err.value.message) == (
        2, "each import must be a path, or a mapping with 'path'")
    (tmp_path / "main.yml").write_text("version: 1\nimports:\n  - gone.yml\n",
                                       encoding="utf-8")
    with pytest.raises(RuleError) as err:  # at the import that names it
        load_dictionary(tmp_path / "main.yml")
    assert (err.value.path, err.value.line, err.value.message) == (
        str(tmp_path / "main.yml"), 3, f"imports: prh dictionary {tmp_path / 'gone.yml'} not found")


@pytest.mark.parametrize(("entry", "line"), [
    ("  - expected: 网格化管理\n    patterns:\n      - 网格管理\n      - /网格(化)?管(理/\n", 6),
    ("  - expected: 网格化管理\n    note: x\n    pattern: /网格(化)?管(理/\n", 5),
])
def test_a_bad_regex_is_reported_at_its_own_line(tmp_path, entry, line):
    """It was reported at the entry's first line (its ``expected``), not at the pattern."""
    (tmp_path / "prh.yml").write_text("version: 1\nrules:\n" + entry, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_dictionary(tmp_path / "prh.yml")
    assert err.value.line == line and "bad regular expression" in err.value.message


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
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 部属\n"
        "  - expected: 其他\n    pattern: 其它\n",
        encoding="utf-8")
    (tmp_path / "main.yml").write_text(
        "version: 1\nimports:\n  - base.yml\nrules:\n  - expected: 部署\n    pattern: 布署\n",
        encoding="utf-8")
    rules = load_dictionary(tmp_path / "main.yml")
    assert [(r.expected, r.patterns_text) for r in rules] == [
        ("部署", ["布署"]), ("其他", ["其它"])]


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


def test_the_literal_pass_finds_every_wrong_form_wherever_it_stands(linter):
    """terms matches the plain words of all rules in one Aho-Corasick pass: every wrong form
    of the preset's dictionary is found at its own character offsets (after an astral
    character too: the offsets are code points, not bytes or UTF-16 units), at the start,
    the end and inside a line, and a text without any gives nothing."""
    kind = linter.compiled["terms"].kind
    wrong = [(r, w) for r in kind.literal_rules for w in r.literals if w != r.expected]
    assert len(wrong) > 50
    for rule, word in wrong:
        for before, after in (("", ""), ("前文", ""), ("", "后文"), ("第一行\n𠀀前文", "。")):
            text = before + word + after
            hits = [(start, end, new) for start, end, new, r in kind._literal_hits(text)
                    if r is rule]
            assert (len(before), len(before) + len(word), rule.expected) in hits, (word, text)
    assert kind._literal_hits("我们要认真落实意识形态工作责任制，坚持问题导向。") == []


def test_a_short_list_is_counted_by_the_census_and_it_finds_each_wrong_form(linter):
    """Before the Aho-Corasick pass, a list of up to GATE_MAX wrong forms is asked of the
    census (one automaton over every string the preset's rules ask about): it must find
    every word, wherever it stands, and nothing else."""
    from lint.kinds.prefilter import CENSUS
    from lint.kinds.terms import GATE_MAX

    kind = linter.compiled["terms"].kind
    assert 50 < len(kind._wrong) <= GATE_MAX and kind._wrong <= CENSUS.counted
    for word in kind._wrong:
        for text in (word, f"前文{word}", f"{word}后文", f"第一行\n前文{word}。"):
            assert word in CENSUS.of(text), text
        broken = word[:-1] + "\n" + word[-1]
        assert kind._wrong.isdisjoint(CENSUS.of(broken)) or any(
            w in broken for w in kind._wrong), word
    assert kind._wrong.isdisjoint(CENSUS.of("我们要认真落实意识形态工作责任制，坚持问题导向。"))


def test_a_long_list_goes_to_the_pass_alone_and_a_list_of_expected_words_to_nothing():
    from lint.config import Config
    from lint.engine import Linter
    from lint.finding import Level
    from lint.kinds.terms import GATE_MAX
    from lint.rulepack import Rule

    def kind(terms):
        rule = Rule(id="t", kind="terms", level=Level.parse("error"), message=None, why="",
                    examples={}, source="x", line=1, options={"terms": terms})
        return Linter(Config(extra_rules=[rule])).compiled["t"].kind

    many = [{"expected": f"正{i:04d}", "pattern": f"误{i:04d}"} for i in range(GATE_MAX + 1)]
    long = kind(many)
    assert long._wrong is None
    assert [(f.start, f.end, f.fix.text) for f in long.check(Document(text="写误0128和误0007"))
            ] == [(1, 6, "正0128"), (7, 12, "正0007")]
    assert kind(many[:GATE_MAX])._wrong is not None
    only_expected = kind([{"expected": "部署", "patterns": ["部署"]}])
    assert only_expected.automaton is None and only_expected._wrong is None
    assert list(only_expected.check(Document(text="研究部署"))) == []


def _prh_literal_hits(rules, text):
    """prh's own way, rule by rule: the first listed alternative that matches at a start,
    left to right without overlaps; a match that is the expected word is no finding."""
    hits = []
    for rule in rules:
        start, last_end = 0, -1
        for start in range(len(text)):
            if start < last_end:
                continue
            word = next((w for w in rule.literals if text.startswith(w, start)), None)
            if word is None:
                continue
            last_end = start + len(word)
            if word != rule.expected:
                hits.append((start, last_end, rule.expected, rule))
    return hits


@given(words=st.lists(st.lists(st.text("甲乙", min_size=1, max_size=3), min_size=1,
                               max_size=3), min_size=1, max_size=6),
       text=st.text("甲乙丙\n𠀀", max_size=40))
@example(words=[["甲", "甲乙"]], text="甲乙")  # the first listed wins, not the longest
def test_the_literal_pass_is_prhs_rule_by_rule_matching(words, text):
    """Overlapping words, one word in several rules, a rule listing its expected word,
    prefixes and suffixes of each other: one pass gives what prh gives rule by rule."""
    from lint.config import Config
    from lint.engine import Linter
    from lint.finding import Level
    from lint.rulepack import Rule

    terms = [{"expected": "甲" + alts[0] if i % 2 else alts[0], "patterns": alts}
             for i, alts in enumerate(words)]
    rule = Rule(id="t", kind="terms", level=Level.parse("error"), message=None, why="", examples={},
                source="x", line=1, options={"terms": terms})
    kind = Linter(Config(extra_rules=[rule])).compiled["t"].kind
    got = [] if kind.automaton is None else kind._literal_hits(text)  # (none can fire)
    order = {id(r): i for i, r in enumerate(kind.prh_rules)}

    def by_rule(hits):  # (rules with the same span and expected word differ only in this)
        return sorted(hits, key=lambda h: (order[id(h[3])], h[0]))

    want = _prh_literal_hits([r for r in kind.prh_rules if r.literals], text)
    assert by_rule(got) == by_rule(want)


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(folder))
    return folder


def test_a_compiled_dictionary_comes_from_the_cache_until_its_text_changes(tmp_path, cache,
                                                                             monkeypatch):
    """A user's list of thousands costs ~10 µs a rule to compile: the next run reads the
    compiled rules back (compile_rule is not called), the same as compiled, and an edit
    compiles the dictionary again."""
    import lint.prh as prh

    dictionary = tmp_path / "office.prh.yml"
    dictionary.write_text(
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n"
        "  - expected: 亟待$1\n    pattern: /急待(解决|落实)/\n"
        "    specs:\n      - from: 急待解决\n        to: 亟待解决\n", encoding="utf-8")
    first = load_dictionary(dictionary)
    assert first[1].compiled is not None  # (a regex rule is compiled at load: its mistakes)

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(prh, "compile_rule", no_compiling)
    again = load_dictionary(dictionary)
    assert again == first and again[0] is not first[0]
    assert [r.apply("急待落实，布署") for r in again] == ["急待落实，部署", "亟待落实，布署"]
    dictionary.write_text(dictionary.read_text(encoding="utf-8").replace("布署", "部属"),
                          encoding="utf-8")
    with pytest.raises(AssertionError, match="compiled again"):
        load_dictionary(dictionary)


def test_a_dictionary_with_a_mistake_is_not_cached_and_fails_the_same_every_run(tmp_path, cache):
    dictionary = tmp_path / "prh.yml"
    dictionary.write_text(
        "version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n"
        "  - expected: 坏\n    pattern: /(未闭合/\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError) as err:
            load_dictionary(dictionary)
        assert (err.value.line, "bad regular expression" in err.value.message) == (6, True)
    assert not cache.exists() or not any(cache.glob("*.pickle"))


def test_an_import_of_another_version_is_still_reported_at_its_line(tmp_path, cache):
    (tmp_path / "base.yml").write_text("# base\nversion: 2\nrules:\n  - expected: 其他\n"
                                       "    pattern: 其它\n", encoding="utf-8")
    (tmp_path / "main.yml").write_text("version: 1\nimports: base.yml\nrules: []\n",
                                       encoding="utf-8")
    for _ in range(2):  # compiled, then from the cache
        with pytest.raises(RuleError) as err:
            load_dictionary(tmp_path / "main.yml")
        assert (err.value.path, err.value.line, err.value.message) == (
            str(tmp_path / "base.yml"), 2,
            f"version mismatch! (version 2 here, 1 in {tmp_path / 'main.yml'})")
