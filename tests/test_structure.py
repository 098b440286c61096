"""The document model (lint/structure.py): roles of lines, heading levels and run-in
headings, the traps that look like headings, on small texts, the seeds and the real corpus."""

from __future__ import annotations

import re

import pytest

from lint.document import Document
from lint.kinds.sequence import to_chinese
from lint.readers import read_path
from lint.structure import chinese_number
from tests.conftest import REAL, seed

REPORT = (
    "关于2023年工作情况的报告\n"          # 1
    "\n"
    "市委：\n"                            # 3
    "现将有关情况报告如下：\n"            # 4
    "一、主要工作\n"                      # 5
    "（一）、加强组织领导。成立领导小组，明确分工。\n"  # 6
    "1.6万套保障性住房已开工。\n"         # 7
    "1、2月份，完成投资5亿元。\n"         # 8
    "(二)强化宣传\n"                      # 9
    "1、加强学习\n"                       # 10
    "（1）、明确分工\n"                   # 11
    "一.存在问题\n"                       # 12
    "存在不足：\n"                        # 13
    "一是学习不深入。\n"                  # 14
    "二，下一步打算\n"                    # 15
    "附件：1.工作台账\n"                  # 16
    "\n"
    "某某局党组\n"                        # 18
    "2024年1月5日\n"                      # 19
)


def marker(doc: Document, heading) -> str:
    return doc.text[heading.marker_start : heading.marker_end]


def test_roles_of_a_small_report():
    doc = Document(REPORT)
    s = doc.structure
    roles = [s.role(n) for n in range(1, 20)]
    assert roles == [
        "title", "blank", "salutation", "body", "heading", "heading", "body", "body",
        "heading", "heading", "heading", "heading", "label", "body", "heading",
        "attachment", "blank", "signature", "date",
    ]
    assert s.title.number == 1 and s.opening.number == 4
    assert [ln.number for ln in s.signature] == [18] and s.date.number == 19
    assert [ln.number for ln in s.labels] == [13]
    assert s.role(0) == "other" and s.role(99) == "other"


def test_malformed_markers_are_headings_of_their_level():
    doc = Document(REPORT)
    got = [(h.line.number, h.level, h.number, marker(doc, h), h.text(doc))
           for h in doc.structure.headings]
    assert got == [
        (5, 1, 1, "一、", "主要工作"),
        (6, 2, 1, "（一）、", "加强组织领导"),
        (9, 2, 2, "(二)", "强化宣传"),
        (10, 3, 1, "1、", "加强学习"),
        (11, 4, 1, "（1）、", "明确分工"),
        (12, 1, 1, "一.", "存在问题"),
        (15, 1, 2, "二，", "下一步打算"),
    ]


def test_run_in_heading_ends_at_its_first_sentence():
    doc = Document("一、主要工作\n（一）加强组织领导。成立领导小组。\n（二）强化宣传引导\n")
    first, second, third = doc.structure.headings
    assert (first.run_in, second.run_in, third.run_in) == (False, True, False)
    assert second.text(doc) == "加强组织领导"
    assert doc.text[second.text_end] == "。"


@pytest.mark.parametrize("line", [
    "1.6万套保障性住房已开工。", "1、2月份，完成投资5亿元。", "一是加强学习。",
    "2025年是“十四五”收官之年。", "一、二季度经济平稳运行。", "12.5%的增幅高于全国。",
])
def test_lookalikes_are_not_headings(line):
    doc = Document("标题的报告\n" + line + "\n")
    assert doc.structure.headings == []


def test_number_glued_to_digits_is_an_item_only_when_it_continues_a_list():
    doc = Document("名词注释\n19.一张网：说明。\n20.2026年10件民生实事：说明。\n"
                   "21.5+2就业之家：说明。\n")
    assert [h.number for h in doc.structure.headings] == [19, 20, 21]
    doc = Document("名词注释\n20.2026年10件民生实事：说明。\n")
    assert doc.structure.headings == []


def test_roles_at_the_bounds_of_the_one_character_tests():
    """analyze skips a pattern on lines that cannot match it (chrome word among the first 13
    characters after leading space, salutation of at most five, label not ending in 。，；…):
    lines right at those bounds keep their roles."""
    text = (
        "关于工作的报告\n"                          # 1
        "\u3000\u3000" + "x" * 10 + "发布时间：2024-01-05\n"  # 2 web chrome
        + "x" * 13 + "时间：2024\n"                  # 3 word too far in: not chrome
        "\u3000各位代表！\n"                        # 4
        "各位代表们：\n"                             # 5 not a salutation (one is enough)
        "一、主要工作\n"                             # 6
        "\t主要任务：\n"                             # 7
        "主要任务\n"                                 # 8
        "任务完成。\n"                               # 9
    )
    s = Document(text).structure
    assert [s.role(n) for n in range(1, 10)] == [
        "title", "other", "subtitle", "salutation", "body", "heading", "label", "label", "body",
    ]
    assert [ln.number for ln in s.labels] == [7, 8]


def test_markdown_heading_lines_from_the_reader():
    text = "# 工作总结\n\n## 一、主要工作\n\n## 经验体会\n\n正文。\n"
    prose = re.sub(r"(?m)^#+ ", lambda m: " " * len(m.group()), text)
    doc = Document(text, prose=prose, meta={"heading_lines": {1, 3, 5}})
    s = doc.structure
    assert (s.title.number, s.role(3), s.role(5), s.role(7)) == (1, "heading", "label", "body")
    assert doc.position(s.headings[0].marker_start) == (3, 4)


def test_seed_001_traditional_script_labels_and_headings():
    doc = read_path(seed("001"), "001")
    s = doc.structure
    assert s.title.number == 1
    assert s.role(2) == "other"  # 發布時間 / 來源 line from the web page
    assert [(h.line.number, h.number) for h in s.headings] == [(5, 1), (13, 2), (23, 3), (31, 4)]
    assert [ln.number for ln in s.labels] == [8, 17, 26]  # 存在不足: / 存在問題:
    assert s.role(38) == "other"


def test_seed_004_breadcrumb_before_title_and_half_width_brackets():
    doc = read_path(seed("004"), "004")
    s = doc.structure
    assert (s.role(1), s.title.number, s.opening.number) == ("other", 3, 5)
    assert [(h.line.number, h.level, h.number, h.run_in) for h in s.headings] == [
        (7, 1, 1, False), (9, 2, 1, True), (11, 2, 4, True), (13, 1, 2, False),
        (15, 2, 1, True), (17, 2, 2, True), (19, 2, 3, True),
    ]


def test_real_reports_front_matter_and_top_sections(real_corpus):
    tops = {}
    for path in real_corpus:
        doc = read_path(path, str(path))
        s = doc.structure
        assert s.title.number == 1, path.name
        assert "salutation" in [s.role(n) for n in range(2, 12)], path.name
        tops[path.name.split("_")[1]] = [h.number for h in s.headings if h.level == 1]
    assert tops["上海市"] == [1, 2, 3, 4] and tops["北京市"] == [1, 2, 3]
    assert tops["甘肃省"] == []  # its top sections are unnumbered lines (labels)


def test_gansu_unnumbered_sections_are_labels():
    path = REAL / "2026_甘肃省_政府工作报告.txt"
    if not path.is_file():
        pytest.skip("real corpus not available")
    s = read_path(path, str(path)).structure
    assert {7, 27, 39} <= {ln.number for ln in s.labels}
    assert s.role(5) == "salutation"


def test_chinese_numerals_both_ways():
    for n in (1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110):
        assert chinese_number(to_chinese(n)) == n
    assert (to_chinese(12), to_chinese(20), chinese_number("12")) == ("十二", "二十", 12)
