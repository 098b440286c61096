"""doubled-char: accidental repeats are reported; reduplication and repeats across a word
boundary are not. Real files first: seeds/001's 還還, and silence on the real corpus, where
all 499 doubled units are reduplication, word boundaries or names."""

from __future__ import annotations

import pytest

from tests.conftest import found, seed


def test_doubled_char_in_seed001(linter):
    result = linter.lint_file(seed("001"))
    assert found(result, "doubled-char") == [(12, 134)]
    finding = next(f for f in result.findings if f.rule_id == "doubled-char")
    assert result.doc.text[finding.start:finding.end] == "還還"
    assert finding.message == "疑似多打了字：“還還”"


def test_doubled_char_is_silent_on_the_real_corpus(linter, real_corpus):
    for path in real_corpus:
        assert found(linter.lint_file(path), "doubled-char") == [], path.name


@pytest.mark.parametrize("text, span", [
    ("在一定程度上还还存在问题。", (6, 8)),
    ("这是我们的的工作。", (4, 6)),
    ("组织党员进行进行集中学习。", (4, 8)),
    ("推动高质量高质量发展。", (2, 8)),
    ("我们我们要认真落实。", (0, 4)),
    ("这项工作已已经完成。", (4, 6)),
])
def test_accidental_repeats_are_reported(linter, text, span):
    findings = linter.lint_text(text, only={"doubled-char"})
    assert [(f.start, f.end) for f in findings] == [span]


def test_doubled_char_in_traditional_documents(linter):
    """The same repeats and the same word boundaries in traditional characters (or Hong
    Kong's 羣): 進行進行 and 羣眾羣眾 were missed, 現在在座, 目標的的, 論及及時, 遷就就是
    reported."""
    text = ("現在在座的同志們要組織黨員進行進行學習，確立目標的的確定性，論及及時性，"
            "遷就就是縱容，團結羣眾羣眾，這確實在在發揮作用。")
    findings = linter.lint_text(text, only={"doubled-char"})
    assert [(f.start, text[f.start:f.end]) for f in findings] == [
        (13, "進行進行"), (45, "羣眾羣眾")]


@pytest.mark.parametrize("text", [
    "牢牢把握，层层落实，人人有责，个个争先，常常反思。",       # reduplication
    "原原本本学，的的确确改，仔仔细细查，明明白白讲，实实在在干。",  # AABB
    "把工作作为重中之重，认真学习习近平新时代中国特色社会主义思想。",  # word boundary
    "要求一一对应，大家看看、试试，先行先试试点。",
    "贯彻重要要求，建设首都都市圈，为了了解情况，达到目的的手段。",
    "是是非非要分清，但是是否落实还要看，以及及时处置。",
    "“十五五”规划，更高水平平安建设，工作作风持续改进。",
])
def test_reduplication_and_word_boundaries_are_not_reported(linter, text):
    assert linter.lint_text(text, only={"doubled-char"}) == []
