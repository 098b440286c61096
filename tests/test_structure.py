"""The document model (lint/structure.py): roles of lines, heading levels and run-in
headings, the traps that look like headings, on small texts, the seeds and the real corpus."""

from __future__ import annotations

import re

import pytest

from lint.document import Document
from lint.readers import read_path
from lint.structure import chinese_number, to_chinese
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


def test_a_heading_by_markup_is_a_section_title_however_long_and_wherever(linter):
    """A Markdown heading right after the title was a subtitle (the report "lacked" its 工作情况
    section), and one longer than 30 characters a body paragraph without its period. A
    heading the reader marks (Markdown, a Word heading style) is a section title."""
    from lint.readers.markdown import read_markdown

    text = ("# 关于2023年工作情况的报告\n\n## 主要工作情况\n\n全年召开专题会议4次。\n\n"
            "## 存在的问题\n\n工作合力尚待增强。\n\n"
            "## 持续加强学习教育，提高政治站位，推动意识形态工作责任制落实落地见效\n\n"
            "## 下一步工作打算\n\n坚持每周学习制度。\n")
    doc = read_markdown(text.encode(), "r.md")
    assert [doc.structure.role(n) for n in (3, 5, 7, 9, 11, 13, 15)] == [
        "label", "body", "label", "body", "label", "label", "body"]
    result = linter.lint_document(doc)
    assert [(*doc.position(f.start), f.rule_id) for f in result.findings] == []


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


def test_attachment_list_names_are_not_headings():
    """附件：1.×× and the names below it (GB/T 9704-2012 7.3.4) were read as a ``1.`` list
    whose first item was missing: heading-sequence reported the 2."""
    text = ("关于开展安全生产大检查的通知\n一、总体要求\n（一）加强领导。成立专班。\n"
            "附件：1.重点任务分工表\n　　　2.情况统计表\n3.联系人名单\n5.其他\n"
            "临江市人民政府办公室\n2024年3月28日\n")
    s = Document(text).structure
    assert [s.role(n) for n in range(4, 8)] == ["attachment"] * 3 + ["heading"]
    assert [h.line.number for h in s.headings] == [2, 3, 7]  # 5. follows no 4.
    # a single attachment, unnumbered: the ``2.`` below it is not one of its names
    single = Document("某通知\n一、要求\n附件：分工表\n2.统计表\n")
    assert single.structure.role(4) == "heading"


def test_closing_parts_below_the_date():
    """附注 under the date, a 纪要's lists of names and the 版记 were body text, so the date
    and signature above them went unseen and a 附注 was asked for its period."""
    text = ("关于同意设立管理委员会的批复\n市发展改革委：\n一、同意设立。\n此复。\n"
            "临江市人民政府\n2024年6月18日\n（此件公开发布）\n"
            "抄送：市委办公室，市政协办公室。\n临江市人民政府办公室　　2024年6月19日印发\n")
    s = Document(text).structure
    assert s.roles[4:-1] == ["signature", "date", "note", "imprint", "imprint"]
    assert s.date.number == 6 and [ln.number for ln in s.signature] == [5]
    minutes = ("市政府常务会议纪要\n会议研究了防汛工作。\n一、会议要求，加强巡查。\n"
               "出席：张建国、李卫东、王秀兰\n请假：周文博（出差）\n列　席：吴建华\n记录：许晴\n"
               "抄送：市委办公室。\n")
    assert Document(minutes).structure.roles[3:-1] == ["roster"] * 4 + ["imprint"]
    # a paragraph in one bracket is a note wherever it stands; one whose bracket was left
    # open is a 附注 only under a date, and the body's elsewhere
    plain = "某局工作报告\n一、工作情况\n开展学习。\n（本报告数据截至2024年6月底）\n"
    assert Document(plain).structure.role(4) == "note"
    open_bracket = "某局工作报告\n一、工作情况\n开展学习。\n（本报告数据截至2024年6月底，\n"
    assert Document(open_bracket).structure.role(4) == "body"


def test_lists_of_names_stand_before_or_after_the_body_only(linter):
    """A line starting 参会人员：/出席： was a 纪要's list of names wherever it stood, so a
    body sentence starting so lost its checks (its missing period, its 一是/三是). GB/T 9704
    10.3 puts the lists under the body (above the 版记); 纪要 also list them under the title."""
    notice = ("关于召开2024年度组织生活会的通知\n各党支部：\n"
              "经党委研究，定于2024年1月20日召开年度组织生活会。现将有关事项通知如下：\n"
              "一、会议安排\n参会人员：各支部书记要提前做好准备，会前认真开展谈心谈话\n"
              "二、工作要求\n一是高度重视。各支部要把组织生活会作为重要政治任务。\n"
              "参加人员：二是全体党员，四是入党积极分子。\n请于1月15日前报送方案。\n"
              "中共临江市委组织部\n2024年1月10日\n")
    doc = Document(notice)
    assert [doc.structure.role(n) for n in (5, 8, 10, 11)] == [
        "body", "body", "signature", "date"]
    result = linter.lint_document(doc)
    assert [(*doc.position(f.start), f.rule_id) for f in result.findings] == [
        (5, 28, "missing-period"), (8, 13, "enum-sequence")]
    # under the title, under the body, right above the signature and date
    front = ("市政府第36次常务会议纪要\n时间：2024年7月26日上午\n主持：张建国\n"
             "出席：李卫东　王秀兰\n列席：吴建华（市政府秘书长）\n会议研究了防汛工作。\n")
    assert Document(front).structure.roles[1:6] == ["subtitle", "roster", "roster", "roster",
                                                    "body"]
    end = ("市政府第36次常务会议纪要\n会议研究了防汛工作。\n出席：李卫东　王秀兰\n"
           "列席：吴建华（市政府秘书长）\n\n临江市人民政府办公室\n2024年7月29日\n（此件不公开）\n")
    assert Document(end).structure.roles[2:8] == ["roster", "roster", "blank", "signature",
                                                  "date", "note"]


def test_a_list_of_names_in_the_body_is_still_a_list(linter):
    """Once lists of names were read only under the title or the body, a 会议概况 section's
    own list (出席：张建国、李卫东、王秀兰 under 一、) was a body paragraph asked for its
    period. A line that is no sentence (no 。，；！？) is a list wherever it stands."""
    text = ("市政府第36次常务会议纪要\n一、会议概况\n时间：2024年7月26日上午\n"
            "出席：张建国、李卫东、王秀兰\n列席：吴建华（市政府秘书长）　郑国平（市发展改革委）\n"
            "二、会议议定事项\n会议研究了防汛工作，要求加强巡查。\n")
    doc = Document(text)
    assert [doc.structure.role(n) for n in (4, 5)] == ["roster", "roster"]
    assert linter.lint_document(doc).findings == []


def test_a_paragraph_in_one_bracket_is_a_note():
    """A 附注 written above the signature (（联系人：……，联系电话：……）) was a body paragraph
    without its period."""
    text = ("关于做好部门预算编制工作的通知\n市直各部门：\n现将有关事项通知如下：\n"
            "一、请于10月31日前报送预算草案。\n（联系人：王明，联系电话：0571-87654321）\n"
            "特此通知。\n临江市财政局\n2024年9月20日\n")
    s = Document(text).structure
    assert s.role(5) == "note" and s.role(6) == "body" and s.date.number == 8
    # a speech's date under its title stays front matter
    speech = Document("在全市安全生产工作会议上的讲话\n市长　张建国\n（2024年2月26日）\n同志们：\n")
    assert speech.structure.roles[:-1] == ["title", "subtitle", "subtitle", "salutation"]


def test_a_bracket_with_a_comma_under_the_title_is_a_note(linter):
    """A note under the title that holds a comma (（2024年4月18日，根据录音整理）, a list's
    （共10名，按姓氏笔画排序）) was the first body paragraph, asked for its period: a line
    with a comma was taken for a sentence before its bracket was seen."""
    text = ("在全市优化营商环境工作推进会上的讲话\n（2024年4月18日，根据录音整理）\n市长　张建国\n"
            "同志们：\n今天，我们召开全市优化营商环境工作推进会。\n")
    doc = Document(text)
    assert doc.structure.roles[:-1] == ["title", "note", "subtitle", "salutation", "body"]
    assert doc.structure.opening.number == 5
    names = "临江市第五批“青山英才”入选人员名单\n（共10名，按姓氏笔画排序）\n于海波\n王强\n"
    assert linter.lint_text(names, only={"missing-period"}) == []
    # a bracket left open is still the body's, and asked for its end
    assert [f.message for f in linter.lint_text(names.replace("排序）", "排序"),
                                                only={"missing-period"})] == [
        "段落以“姓氏笔画排序”结尾，缺少句号"]


def test_a_notice_s_own_times_and_sources_are_not_web_chrome():
    """（一）会议时间：2024年4月8日…… was taken for a web page's publication line: the heading
    was lost, and the （二） after it reported as missing its （一）."""
    text = ("关于召开安全生产工作会议的通知\n一、会议安排\n（一）会议时间：2024年4月8日上午9:00。\n"
            "（二）资金来源：市级财政专项资金。\n时间：2024年7月26日上午\n"
            "发布时间：2020-11-03\n日期：2024年3月5日　来源：市政府办公室\n来源：新华网\n")
    s = Document(text).structure
    assert [s.role(n) for n in range(3, 9)] == ["heading", "heading", "body", "other",
                                                "other", "other"]
    # a numbered heading is the document's own, whatever else its line names: a time and a
    # 资金来源 on one line were a page's date beside its source, and the heading was lost
    plan = Document("关于开展安全检查的实施方案\n一、实施安排\n"
                    "（一）实施时间：2024年1月至12月，资金来源：市级财政专项资金。\n"
                    "（二）报名时间：2024年5月10日前，材料来源：各县区推荐。\n"
                    "1.检查日期：2024年6月1日10:00:00，作者本人到场。\n").structure
    assert [plan.role(n) for n in range(3, 6)] == ["heading"] * 3


def test_the_masthead_stands_above_the_title():
    """GB/T 9704-2012 7.2: 份号, 密级和保密期限, 紧急程度, 发文机关标志 and 发文字号 come before
    the title. The first of them was taken for the title, and the real title became a
    subtitle, so a report laid out by the standard was never asked for its sections."""
    doc = Document("000123\n秘密★1年  特急\n临江市教育局文件\n"
                   "临教发〔2025〕12号  签发人：张建华\n\n"
                   "关于2025年上半年教育工作情况的报告\n\n市政府：\n一、主要工作情况\n")
    s = doc.structure
    assert [s.role(n) for n in range(1, 9)] == [
        "masthead", "masthead", "masthead", "masthead", "blank", "title", "blank", "salutation"]
    assert doc.prose[s.title.start:s.title.end] == "关于2025年上半年教育工作情况的报告"
    # the 发文机关标志 may be the body's bare name: its 发文字号 below says so
    bare = Document("中共临江市委员会\n临委发〔2025〕3号\n关于加强基层党建工作的通知\n各党委：\n")
    assert [bare.structure.role(n) for n in range(1, 4)] == ["masthead", "masthead", "title"]
    # a title ending in 文件 that names its 事由 is a title, and so is a speech's
    for title in ("关于印发《临江市公文处理办法》等文件", "深入学习贯彻中央一号文件"):
        assert Document(title + "\n一、总体要求\n").structure.role(1) == "title"
    # a title that ends in its 文种, with its 发文字号 under it (as a web page prints it)
    doc = Document("临江市人民政府关于2024年度法治政府建设情况的报告\n临政报〔2025〕3号\n"
                   "市人大常委会：\n")
    assert doc.structure.role(1) == "title"


@pytest.mark.parametrize(("text", "title_lines"), [
    # 发文机关名称 on the first line, 事由 and 文种 on the second (GB/T 9704-2012 7.3.1)
    ("临江市教育局\n关于拨付2025年农村学校校舍维修改造资金的请示\n\n市财政局：\n", 2),
    ("关于进一步加强农村学校校舍\n维修改造工作的通知\n各县（市、区）教育局：\n", 2),
    ("临江市人民政府办公室\n关于印发临江市农村学校校舍\n维修改造实施方案的通知\n", 3),
    # a first line ending in its 文种 is the whole title: a byline or subtitle follows
    ("2024年工作总结\n临江市教育局\n一、主要工作\n", 1),
    ("政府工作报告\n——2025年1月10日在临江市第十八届人民代表大会上\n", 1),
    # what follows is a heading, a sentence or an addressee: a one-line title
    ("关于加强校舍管理\n一、工作总结\n", 1),
    ("临江市教育局\n现将有关情况报告如下。\n", 1),
    ("临江市教育局\n市财政局：\n", 1),
])
def test_a_title_set_on_several_lines_is_one_title(text, title_lines):
    doc = Document(text)
    s = doc.structure
    lines = text.split("\n")
    assert doc.prose[s.title.start:s.title.end] == "\n".join(lines[:title_lines])
    assert [s.role(n) for n in range(1, title_lines + 1)] == ["title"] * title_lines
    assert s.role(title_lines + 1) != "title"


TOC_REPORT = (
    "关于2024年落实意识形态工作责任制情况的报告\n"  # 1
    "目　录\n"                                      # 2
    "一、主要工作情况\t1\n"                         # 3
    "（一）加强组织领导……………………2\n"             # 4
    "二、存在的问题\t3\n"                           # 5
    "三、下一步工作打算\t4\n"                       # 6
    "区委：\n"                                      # 7
    "一、主要工作情况\n"                            # 8
    "全年开展宣讲活动。\n"                          # 9
    "二、存在的问题\n"                              # 10
)


def test_a_table_of_contents_is_not_the_sections_it_lists():
    """A 目录's entries (with their page numbers, as Word writes its TOC field out) were
    read as the document's headings: 一、 after 三、 was a heading-sequence error, and a
    section named in the 目录 but missing from the text was not reported missing."""
    s = Document(TOC_REPORT).structure
    assert [s.role(n) for n in range(1, 11)] == [
        "title", "toc", "toc", "toc", "toc", "toc", "salutation", "heading", "body", "heading"]
    assert [h.line.number for h in s.headings] == [8, 10]
    # entries with their page numbers need no title above them, but a lone numbered line
    # ending in a number is a body's item (（1）新建道路⇥12)
    s = Document("报告\n一、主要工作情况\t1\n二、存在的问题\t3\n一、主要工作情况\n").structure
    assert [s.role(n) for n in (2, 3, 4)] == ["toc", "toc", "heading"]
    s = Document("一、建设任务\n（1）新建道路\t12\n（2）改造管网\n").structure
    assert [s.role(n) for n in (1, 2, 3)] == ["heading", "heading", "heading"]
    # the body's first heading right below the entries (no blank line: a Word file) is
    # the body's: unpaged after paged entries, or a title the 目录 already listed
    body = "报告\n目录\n一、主要工作情况\t1\n二、存在的问题\t3\n一、主要工作情况\n正文。\n"
    s = Document(body).structure
    assert [s.role(n) for n in range(2, 6)] == ["toc", "toc", "toc", "heading"]
    s = Document(body.replace("\t1", "").replace("\t3", "")).structure
    assert [s.role(n) for n in range(2, 6)] == ["toc", "toc", "toc", "heading"]


def test_a_markdown_table_of_contents(tmp_path, linter):
    path = tmp_path / "toc.md"
    path.write_text("# 关于2024年工作情况的报告\n\n## 目录\n\n- [一、主要工作情况](#a)\n"
                    "- [二、存在的问题](#b)\n- [三、下一步工作打算](#c)\n\n"
                    "## 一、主要工作情况\n\n开展宣讲活动。\n\n## 二、存在的问题\n\n学习不深入。\n",
                    encoding="utf-8")
    found = [(f.rule_id, f.message) for f in linter.lint_file(path).findings
             if f.rule_id in ("heading-sequence", "required-sections")]
    assert found == [("required-sections", "缺少“下一步打算”部分（工作报告和总结）")]
