"""The required-character prefilter: what it derives from a pattern, and that it never
skips a document the pattern matches (which would silently lose findings)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from lint.document import Document, may_hold_astral
from lint.kinds.prefilter import (
    PRIVATE_USE,
    Census,
    Prefilter,
    counted,
    required_chars,
    requirements,
)
from lint.readers import read_bytes, read_path

from .conftest import SEEDS


def clauses(pattern: str) -> list[set[str]] | None:
    found = requirements(pattern)
    return None if found is None else [set(c) for c in found]


@pytest.mark.parametrize("pattern, expected", [
    ("##paid(?:begin|end)##", [{"##paid"}, {"begin", "end"}]),
    # every branch needs 略: the alternation needs it (one of “( . …略… 。 （” is in every
    # document: 。 and the decimal point are common)
    ("…+略…+|[.。]{3,}略|[（(]略", [{"略"}, {"…略…", ".", "。", "（略", "(略"}]),
    # a repeated literal joins the strings around it: …略… and ...; x{2} is xx
    (r"(?:……|\.{3,}|…)[ \t]*$", [{"…", "..."}]),
    ("ab{2,3}c", [{"abb"}, {"bbc"}]),
    ("x{2}y", [{"xxy"}]),
    # both a 2 and an X: the conjunction, rarest first
    (r"(?<![\dA-Za-z])20[\dXx]?[Xx]", [{"X", "x"}, {"20"}]),
    # the string covers its longer variants (如 is in 例如)
    ("(?:例如|比如|如)[。；]", [{"如"}, {"。", "；"}]),
    # look-ahead text must be in the document too
    (r"\*{1,3}(?=[\p{Han}\d])", [{"*"}]),
    (r"(?<=\p{Han})\.(?!\d)", [{"."}]),
    # literals and small classes side by side: their product (a run); an optional item in
    # a run ends some of its strings, and a run starts again after it
    ("第[一二]条", [{"第一条", "第二条"}]),
    ("[，。][ \t]*[，。]",
     [{"，", "。"}, {"，，", "，。", "。，", "。。", "， ", "，\t", "。 ", "。\t"}]),
    (r"…+[ \t　]*略", [{"…"}, {"…略", "… ", "…\t", "…　"}, {"略"}]),
    ("第[一二]{1,3}是", [{"一是", "二是"}, {"第一", "第二"}]),
    # a large class of rare characters is still a clause (searched as a class)
    ("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", [set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")]),
    # a group and its reference: the group's strings typed twice, rare whatever their
    # characters (的 is in every document, 的的 in few)
    (r"([的了])\1", [{"的的", "了了"}]),
    (r"(进行|開展)\1(?=\p{Han})", [{"进行进行", "開展開展"}]),
    (r"(\p{Han}{2,6})\1", None),
    # private-use characters: any of them, which the census reports as U+E000
    (r"\p{Co}+", [{"\ue000"}]),
    ("[\U00100000-\U0010fffd]", [{"\ue000"}]),
    ("[\\U00100000-\\U0010ffff]", None),  # U+10FFFE, U+10FFFF are not private-use
])
def test_requirements(pattern, expected):
    assert clauses(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"(\p{Han}{2,6})\1",          # no literal at all
    "[，。、；：？！]{2}",         # common punctuation: in every document anyway
    "a?b*",                       # nothing required
    "x|[^y]",                     # one branch needs nothing
    "(?i)xx",                     # case folding is the regex module's
    r"\p{Lu}+",                   # a property only the regex module reads
])
def test_no_requirements(pattern):
    assert requirements(pattern) is None


def test_required_chars_ignores_lookarounds():
    """lines.py tests a slice of a line: look-around text may lie outside it."""
    assert required_chars(r"(?<=x)yz") == {"yz"}
    assert required_chars(r"(?=x)") is None


def test_prefilter_probes_and_census():
    census = Census()
    paid = Prefilter(requirements("##paid(?:begin|end)##"), census)
    tones = Prefilter(requirements("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"), census)
    decimal = Prefilter(requirements(r"(?<=\p{Han})\.(?!\d)"), census)
    # one automaton over the strings and rare characters of every prefilter; a frequent
    # character (. in figures) is not counted, but probed
    assert census.counted == {"##paid", "begin", "end"} | set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
    assert census.of("態(tài)、前文##paidend") == {"à", "##paid", "end"}
    assert census.of("##paid##paid") == {"##paid"}  # each string once, however often
    assert paid.passes("前文##paidbegin##")
    assert not paid.passes("前文##paid")       # neither begin nor end
    assert not paid.passes("前文##")
    assert tones.passes("態(tài)") and not tones.passes("态度")
    probed: dict = {}
    assert decimal.passes("增长3.5%", frozenset(), probed) and probed == {".": True}
    assert not decimal.passes("增长三成", frozenset(), probed := {}) and probed == {".": False}
    assert Prefilter(None, census).passes("")


def test_what_the_census_counts():
    """Strings of several characters all; single characters only where they are rare in
    reports (the automaton reports every occurrence: 。 alone would be 38,000 of them)."""
    assert counted("做出") and counted("发展") and counted("...") and counted("□")
    assert not counted("是") and not counted("。") and not counted("X") and not counted(".")


@given(st.text(alphabet="做出为好一扫击点单 態(tài)#paid\ue000\U00100000", max_size=40))
def test_the_census_finds_exactly_what_in_finds(text):
    census = Census()
    census.add(["做出", "扫一扫", "一扫", "点击", "à", "##paid", "(t", PRIVATE_USE])
    expected = {s for s in census.counted - {PRIVATE_USE} if s in text}
    if any("\ue000" <= ch <= "\uf8ff" or ch >= "\U000f0000" for ch in text):
        expected.add(PRIVATE_USE)
    assert census.of(text) == expected


def test_the_census_answers_the_same_once_its_automaton_is_a_dfa(monkeypatch):
    from lint.kinds import prefilter

    monkeypatch.setattr(prefilter, "DFA_AFTER", 50)
    census = Census()
    census.add(["做出", "点击", "à"])
    text = "我们做出成绩，点击量上升。"  # 39 bytes of UTF-8: the second call is the DFA's
    first = census.of(text)
    nfa = census._automaton
    assert census.of(text) == first == {"做出", "点击"} and census._automaton is not nfa


def test_the_census_reports_any_private_use_character():
    """``\\p{Co}+`` (mojibake) was scanned for in every document, 10 ms of the bench's
    linting; now the census reports them, from bytes of the UTF-8 it scans anyway."""
    census = Census()
    private = Prefilter(requirements(r"\p{Co}+"), census)
    paid = Prefilter(requirements("##paid"), census)
    padding = "一二三四五六七八九十" * 3
    for ch in "\ue000\ue5e5\uf8ff\U000f0000\U0010fffd":
        for text in (f"单位名称中的{ch}字", f"单位名称中的{ch}字{padding}"):
            assert private.passes(text), hex(ord(ch))
        assert regex.search(r"\p{Co}", ch)
    # around the private-use ranges, and a variation selector of plane 14 (U+E0100)
    for ch in "\udfff\uf900\U000efffd\U00020000\U000e0100":
        assert not private.passes(f"单位名称中的{ch}字{padding}"), hex(ord(ch))
    assert census.of("##\ue5e5") == {"\ue000"}
    assert census.of("##paid\ue5e5") == {"##paid", "\ue000"}
    assert paid.passes("##paid\ue5e5") and not paid.passes("##\ue5e5")


def test_a_text_without_astral_characters_is_known_by_its_width():
    """A document's UTF-16 positions need its characters above U+FFFF: a text stored two
    bytes a character has none, so it is not scanned for them (8 ms of the bench corpus)."""
    long = "一二三四五六七八九十" * 2
    for text in ("a" * 20, "\xe9" * 20, long, long + "\uffff"):
        assert not may_hold_astral(text), text[-1]
    for text in (long + "\U00010000", "\U0010fffd" + long, "𠀀", "ab"):  # (a short text: maybe)
        assert may_hold_astral(text), text
    star = len(long) + 6  # the * of line 2, after 𠀀 (two code units) or 〇 (one)
    assert Document(long + "\n𠀀上报信息*条\n" + long).position(star) == (2, 7)
    assert Document(long + "\n〇上报信息*条\n" + long).position(star) == (2, 6)


def test_prefilter_never_skips_a_match_on_the_seeds(linter):
    """Every pattern of the default preset, on every seed: where it matches, its
    prefilter must let the document through."""
    docs = [read_path(p, str(p)).prose for p in sorted(SEEDS.glob("*.txt"))]
    checked = 0
    for compiled in linter.compiled.values():
        for entry in getattr(compiled.kind, "patterns", []):
            rx = entry.compiled.compiled
            for text in docs:
                if rx.search(text) is not None:
                    checked += 1
                    assert entry.prefilter.passes(text), (compiled.rule.id, rx.pattern)
    assert checked > 25


@pytest.mark.parametrize("pattern, text", [
    ("##paid(?:begin|end)##", "a##paidend##b"),
    (r"(?<![\dA-Za-z])20[\dXx]?[Xx]", "于202X年"),
    ("(?:例如|比如|如)[。；]", "比如。"),
    ("…+略…+|[.。]{3,}略|[（(]略", "（略"),
    (r"\p{Co}+", "单位名称中的\U00100000字"),
])
def test_prefilter_passes_matching_text(pattern, text):
    assert regex.search(pattern, text)
    assert Prefilter(requirements(pattern)).passes(text)


def test_analysis_is_remembered_across_runs(monkeypatch, tmp_path):
    """The preset's pattern analysis is cached per user, keyed by this code: a new run
    reads back exactly what was worked out."""
    from lint.kinds import prefilter

    monkeypatch.setenv("GWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(prefilter, "ANALYSES", prefilter.ANALYSES.fresh())
    source = r"(?P<n>[一二三])是(?=\p{Han})##paid"
    found = prefilter.analysis(source)
    assert found == (1, {"n": 1}, requirements(source), required_chars(source), True,
                     None, False)
    assert prefilter.analysis(r"(?=检查)").empty_only  # a pattern that reports nothing
    assert found[3] == {"##paid"}  # the match itself; the look-ahead's Han is not counted
    assert prefilter.analysis(r"\p{Lu}+") is None  # only the regex module reads it
    prefilter.ANALYSES.save()
    assert list(tmp_path.glob("*.pickle"))
    monkeypatch.setattr(prefilter, "ANALYSES", prefilter.ANALYSES.fresh())  # a new process
    assert prefilter.ANALYSES.get((source, False, False)) == found


@pytest.mark.parametrize("pattern, bounded", [
    (r"…+[ \t　]*略", True),
    (r"(?<=^[^\n]{0,12})(?:时间|日期)[:：]", True),   # [^\n] never crosses a line
    (r"[^“”\n]{1,40}", True),
    (r"a.b", True),                 # . stops at a line break
    (r"\d+\w[\S]", True),
    (r"[^“”]{1,40}", False),        # a negated class takes the line break
    (r"a\sb", False),
    (r"(?s)a.b", False),
    (r"(?=\s*\S)x", False),         # look-aheads count too
    (r"x\n", False),
    (r"[^\S]", False),
])
def test_line_bounded(pattern, bounded):
    from lint.kinds.prefilter import line_bounded, parse

    assert line_bounded(parse(pattern)) is bounded


@pytest.mark.parametrize("pattern, expected", [
    (r"(\p{Han}{2,6})\1", (2, 6)),
    (r"a(\d{2,4}?)\1b", (2, 4)),
    (r"(?P<u>[^，。]{3})(?P=u)", (3, 3)),
    # units of one character: equal neighbours are too common for the test to pay
    (r"([的了是])\1", None),
    # no upper bound, or too many periods to try
    (r"(\p{Han}{2,})\1", None),
    (r"(\p{Han}{2,20})\1", None),
    # the group is in a branch, or the reference is not right after it
    (r"(?:x|(\p{Han}{2,6}))\1", None),
    (r"(\p{Han}{2,6})x\1", None),
    # case-insensitive: \1 matches another case, so the units are not equal
    (r"(?i)([a-z]{2,3})\1", None),
    # a unit that is not one repeated character
    (r"((?:ab){2,3})\1", None),
])
def test_tandem(pattern, expected):
    from lint.kinds.prefilter import parse, tandem

    assert tandem(parse(pattern)) == expected


def test_tandem_starts_include_every_unit_typed_twice():
    """Checked against the definition on many random texts, with line breaks, characters
    outside the BMP and units that overlap: every start is found, and the few extra ones
    are characters with equal low bytes (丁 U+4E01 and 鄁 U+9101)."""
    import random

    from lint.kinds.prefilter import tandem_starts

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("干部干部\n　a𠀋") for _ in range(rng.randint(0, 40)))
        low = rng.randint(2, 4)
        high = low + rng.randint(0, 3)
        expected = [i for i in range(len(text))
                    if any(i + 2 * p <= len(text) and text[i:i + p] == text[i + p:i + 2 * p]
                           for p in range(low, high + 1))]
        assert sorted(set(tandem_starts(text, low, high))) == expected, (text, low, high)
    assert tandem_starts("高质量高质量", 2, 6) == [0]
    assert tandem_starts("𠀋高质量高质量。", 2, 6) == [1]
    assert tandem_starts("丁丁鄁鄁", 2, 2) == [0]  # low bytes 01 01 01 01: a false start
    assert tandem_starts("丁丁丁鄁", 2, 2) == [0]
    assert tandem_starts("", 2, 6) == [] and tandem_starts("高高", 2, 6) == []


def test_line_windows_find_what_a_whole_scan_finds(linter):
    """Patterns run only over the lines holding their required strings, or only over the
    lines where a unit is typed twice (doubled-char), must find exactly the matches of a
    scan of the whole text, on every seed (none of which has a unit typed twice: the next
    test has)."""
    from lint.kinds import pattern as pattern_kind

    docs = [read_path(p, str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    windowed = 0
    for compiled in linter.compiled.values():
        kind = compiled.kind
        for entry in getattr(kind, "patterns", []):
            lazy = entry.compiled
            for doc in docs:
                whole = [m.span() for m in lazy.compiled.finditer(doc.prose)]
                scanned = kind._scan(lazy, doc.prose, doc, {})
                code = getattr(scanned, "gi_code", None)
                windowed += code is pattern_kind.PatternKind._windowed.__code__
                assert [m.span() for m in scanned] == whole, (compiled.rule.id, lazy.pattern)
    assert windowed > 100  # the line-by-line path really ran


def test_doubled_units_are_found_on_the_lines_the_tandem_test_picks(linter):
    """doubled-char's ``(\\p{Han}{3,6})\\1`` runs only over the lines where some unit is
    typed twice (the same with a character outside the BMP before them); its words of two
    characters typed twice are found only in documents the census finds one in."""
    from lint.kinds import pattern as pattern_kind

    kind = linter.compiled["doubled-char"].kind
    lazy = kind.patterns[1].compiled
    assert lazy.tandem == (3, 6) and lazy.line_bounded
    assert "进行进行" in kind.patterns[2].prefilter.tests[0][0]
    lines = ["一、总体情况", "　　我们要推动高质量高质量发展，进行进行调研。"] + \
        ["　　经济、稳就业、稳经济、稳就业的各项工作。"] * 8 + ["　　坚持坚持问题导向。"]
    for prefix in ("", "𠀋"):
        doc = read_bytes((prefix + "\n".join(lines) + "\n").encode(), "t.txt", ".txt")
        scanned = kind._scan(lazy, doc.prose, doc, {})
        windowed = getattr(scanned, "gi_code", None) is pattern_kind.PatternKind._windowed.__code__
        assert windowed
        assert [m.span() for m in scanned] == [m.span() for m in lazy.compiled.finditer(doc.prose)]
    doc = read_bytes(("\n".join(lines) + "\n").encode(), "t.txt", ".txt")
    found = [(*doc.position(f.start), f.message)
             for f in linter.lint_document(doc, only={"doubled-char"}).findings]
    assert found == [(2, 8, "疑似多打了字：“高质量高质量”"), (2, 17, "疑似多打了字：“进行进行”"),
                     (11, 3, "疑似多打了字：“坚持坚持”")]


def test_a_dotall_flag_given_outside_the_pattern_is_not_line_bounded(tmp_path):
    """``/…/s`` (textlint's flags) makes ``.`` take line breaks: such a pattern must be
    scanned over the whole text, not line by line."""
    from lint.config import load
    from lint.engine import Linter

    config = tmp_path / "gwlint.yaml"
    config.write_text("rules:\n  placeholder: {patterns: ['/开头.{1,3}结尾/s'], unless: []}\n",
                      encoding="utf-8")
    linter = Linter(load(config))
    entry = linter.compiled["placeholder"].kind.patterns[0]
    assert entry.compiled.line_bounded is False
    found = linter.lint_text("正文开头\n结尾。\n", only={"placeholder"})
    assert [(f.start, f.end) for f in found] == [(2, 7)]


def test_tandem_runs_give_a_run_of_one_character_as_one_range():
    """A long run of one character is a unit typed twice at every offset: 4.5 MB of
    blanks (a deep Markdown blockquote's marks) were 22 million offsets, one list entry
    each (doubled-char took 7 s and 1 GB). Now each run is one range per unit length."""
    from lint.kinds.prefilter import tandem_runs

    assert sorted(tandem_runs("　" * 50 + "高质量高质量。", 2, 6)) == [
        (0, 39), (0, 41), (0, 43), (0, 45), (0, 47), (50, 51)]
    assert sorted(tandem_runs(">" * 1000 + "\n" + ">" * 1000, 2, 3)) == [
        (0, 995), (0, 997), (1001, 1996), (1001, 1998)]
    assert tandem_runs("", 2, 6) == [] and tandem_runs("高高", 2, 6) == []


def test_doubled_char_after_runs_of_blanks(linter, tmp_path):
    """The lines the tandem test picks are the lines of its ranges: a unit typed twice
    after lines of blanks (a form's alignment) is still found, once, at its place."""
    path = tmp_path / "form.txt"
    path.write_text("".join(" " * 2000 + "引用。\n" for _ in range(300))
                    + "　" * 300 + "高质量高质量发展。\n", encoding="utf-8")
    result = linter.lint_file(path)
    assert result.failures == []
    assert [(f.rule_id, *result.doc.position(f.start)) for f in result.findings
            if f.rule_id == "doubled-char"] == [("doubled-char", 301, 301)]


def test_a_crlf_files_blank_lines_do_not_hang_the_doubled_char_scan(tmp_path):
    """\\r\\n\\r\\n is a unit typed twice, and its offsets lie between one line's end and
    the next line's start: stepping on from a line's end + 1 gave the same line for ever,
    so any CRLF file with two blank lines in a row hung gwlint (found by Hypothesis)."""
    import itertools
    import subprocess
    import sys

    from lint.document import Document
    from lint.kinds.pattern import _lines_over
    from lint.kinds.prefilter import lines_with, tandem_runs

    text = "工作推进\r\n\r\n\r\n\r\n工作推进工作推进。\r\n"
    doc = Document(text=text, prose=text.replace("\r", "\n"))
    runs = tandem_runs(doc.prose, 2, 6)
    # (units may start on lines 1-3, in their line breaks, and on line 5)
    assert [line.number for line in itertools.islice(_lines_over(doc, runs), 20)] == [
        1, 2, 3, 5]
    assert [line.number for line in itertools.islice(lines_with(doc, text, ["\r"]), 20)] == [
        1, 2, 3, 4, 5]

    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    proc = subprocess.run([sys.executable, "-m", "lint", "-f", "unix", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.splitlines()[0] == (
        f"{path}:5:1: 疑似多打了字：“工作推进工作推进” [Error/doubled-char]")
