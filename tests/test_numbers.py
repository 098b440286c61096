"""Numbers and dates (rules/numbers.yaml): date-format and number-format at exact positions on
small files, what --fix makes of them (and that a second --fix changes nothing), the checks
that need code (lint/kinds/numbers.py: the calendar, weekdays, full-width digits, dates in
Chinese numerals), the traps that are not defects, and silence on the seeds and the real
reports but for 湖南's 二○三五."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from lint import runner
from lint.document import Document
from tests.conftest import real_findings, seed

FIXTURES = Path(__file__).parent / "fixtures" / "numbers"
RULES = {"date-format", "number-format"}


def lint(linter, text: str) -> list[tuple[int, int, str, str, str | None]]:
    """(line, column, rule, message, fix) of the two rules' findings in ``text``."""
    result = linter.lint_document(Document(text=text), only=RULES)
    doc = result.doc
    return [(*doc.position(f.start), f.rule_id, f.message, f.fix.text if f.fix else None)
            for f in result.findings]


def test_dates_file(linter):
    result = linter.lint_file(FIXTURES / "dates.txt")
    doc = result.doc
    assert [(*doc.position(f.start), f.rule_id, f.message, f.fix.text if f.fix else None)
            for f in result.findings if f.rule_id in RULES] == [
        (3, 3, "date-format", "日期“2024年2月30日”不存在，请核对", None),
        (4, 3, "date-format", "日期“2024年13月5日”不存在，请核对", None),
        (5, 6, "date-format", "日期“2024年4月31日”不存在，请核对", None),
        (5, 17, "date-format", "日期“6月31日”不存在，请核对", None),
        # at the weekday; 5月12日（周日） after it is right
        (6, 14, "date-format", "日期“2024年5月9日”是星期四，不是“星期三”，请核对", None),
        (7, 3, "number-format", "全角数字“２０２４”应写作半角“2024”", "2024"),
        (7, 8, "number-format", "全角数字“３”应写作半角“3”", "3"),
        (7, 10, "number-format", "全角数字“５”应写作半角“5”", "5"),
        # 2024 is a leap year, 2023 is not
        (7, 29, "date-format", "日期“2023年2月29日”不存在，请核对", None),
        (9, 1, "date-format", "日期“2024年04月08日”的月、日不应加“0”补位", "2024年4月8日"),
    ]


def test_numbers_file(linter):
    result = linter.lint_file(FIXTURES / "numbers.txt")
    doc = result.doc
    assert [(*doc.position(f.start), f.rule_id, doc.text[f.start:f.end],
             f.fix.text if f.fix else None)
            for f in result.findings if f.rule_id in RULES] == [
        (1, 11, "number-format", "８６.３", "86.3"),
        (1, 22, "number-format", "６.２", "6.2"),
        (2, 11, "number-format", ".8", "0.8"),  # not www.12306.cn
        # not 750千伏 nor 9千亿元
        (3, 6, "number-format", "千", None),
        # not 一、二等奖 nor 6、7月
        (4, 4, "number-format", "、", ""),
        (5, 6, "number-format", "年", None),  # 24年; not 30年 (a duration)
        (6, 3, "number-format", "○", "〇"),
        (6, 16, "number-format", "零", "〇"),
    ]
    messages = {doc.text[f.start:f.end]: f.message for f in result.findings}
    assert messages["千"] == ("阿拉伯数字不能与“千”连用：整个数应写作阿拉伯数字（如“1300万”，"
                             "可与“万”“亿”连用）")
    assert messages["、"] == "相邻两个数字并列表示概数，中间不用顿号：“三、四”应写作“三四”"
    assert messages["年"] == "年份应写全：“24年”应写作四位数的年份（如“2024年”）"
    assert messages[".8"] == "纯小数“.8”应在小数点前加“0”"
    assert messages["○"] == "汉字数字年份中的零应写作“〇”，不写作“○”"


def test_a_date_line_in_chinese_numerals(linter):
    result = linter.lint_file(FIXTURES / "chinese-date.txt")
    doc = result.doc
    assert [(*doc.position(f.start), f.rule_id, f.message, f.fix.text)
            for f in result.findings if f.rule_id in RULES] == [
        (5, 1, "date-format",
         "成文日期应使用阿拉伯数字：“二〇二四年二月二十六日”应写作“2024年2月26日”",
         "2024年2月26日")]


FIXED = {
    "dates.txt": ("关于召开全县安全生产工作会议的通知\n"
                  "各乡镇人民政府：\n"
                  "定于2024年2月30日上午9时召开全县安全生产工作会议。\n"
                  "请于2024年13月5日前报送参会人员名单。\n"
                  "检查时间为2024年4月31日至6月31日。\n"
                  "会议于2024年5月9日（星期三）在县政府三楼会议室召开，5月12日（周日）结束。\n"
                  "请于2024年3月5日前报送材料，2024年2月29日、2023年2月29日的数据一并报送。\n"
                  "县政府办公室\n"
                  "2024年4月8日\n"),
    "numbers.txt": ("全县实现地区生产总值86.3亿元，同比增长6.2%。\n"
                    "增速高于全市平均水平0.8个百分点，登录www.12306.cn查询。\n"
                    "完成投资1千3百万元以上的项目15个，新建750千伏变电站，财政收入突破9千亿元。\n"
                    "预计三四个月内难以明显好转，荣获一、二等奖，6、7月降雨偏多。\n"
                    "力争在24年底前新增规上企业10家，延长30年试点。\n"
                    "到二〇三五年基本实现现代化，二〇二四年为关键一年。\n"),
    "chinese-date.txt": ("关于做好2024年工作的通知\n各单位：\n"
                         "现将工作要点印发给你们，请认真贯彻落实。\n"
                         "市人民政府办公室\n2024年2月26日\n"),
}


def test_fix_and_a_second_fix(tmp_path, linter):
    """--fix writes the half-width digits, 〇, 0.8, 三四 and the unpadded date; the impossible
    dates, the weekday, 1千3百万 and 24年 need the writer and stay reported; a second --fix
    changes nothing."""
    args = argparse.Namespace(fix=True, dry_run=False, jobs=1)
    files = []
    for name in FIXED:
        files.append(tmp_path / name)
        files[-1].write_bytes((FIXTURES / name).read_bytes())
    runner.run(linter, files, args)
    assert {p.name: p.read_text(encoding="utf-8") for p in files} == FIXED
    stamps = [p.stat().st_mtime_ns for p in files]
    results, notes = runner.run(linter, files, args)
    assert {p.name: p.read_text(encoding="utf-8") for p in files} == FIXED
    assert [p.stat().st_mtime_ns for p in files] == stamps and notes == []
    left = sorted((Path(r.path).name, *r.doc.position(f.start), f.rule_id) for r in results
                  for f in r.findings if f.rule_id in RULES)
    assert left == [("dates.txt", 3, 3, "date-format"), ("dates.txt", 4, 3, "date-format"),
                    ("dates.txt", 5, 6, "date-format"), ("dates.txt", 5, 17, "date-format"),
                    ("dates.txt", 6, 14, "date-format"), ("dates.txt", 7, 29, "date-format"),
                    ("numbers.txt", 3, 6, "number-format"),
                    ("numbers.txt", 5, 6, "number-format")]
    assert not any(f.fixable for r in results for f in r.findings)


@pytest.mark.parametrize(("text", "expected"), [
    # leap years: 1900 was none, 2000 was one; a month or day 0 is none
    ("1900年2月29日，2000年2月29日，2024年0月5日，2024年6月0日。",
     [(1, 1, "日期“1900年2月29日”不存在，请核对"), (1, 23, "日期“2024年0月5日”不存在，请核对"),
      (1, 33, "日期“2024年6月0日”不存在，请核对")]),
    # a date without its year: February has 29 days, unless a range gives the year
    ("2月29日前报送；2023年2月1日至2月29日检查。",
     [(1, 20, "日期“2月29日”不存在，请核对")]),
    ("2024年2月1日至2月29日检查，2023年全年完成，2月29日总结。", []),
    # a month the year has not, without a day; 13个月 is no date
    ("2023年13月完成；连续13个月增长。", [(1, 1, "日期“2023年13月”不存在，请核对")]),
    # 周日 and 星期天 are Sunday; the weekday is checked only where the year is known
    ("2024年5月12日（周日）、2024年5月12日星期天、5月9日（星期三）。", []),
    ("2024年5月13日(周日)召开。", [(1, 12, "日期“2024年5月13日”是星期一，不是“周日”，请核对")]),
    # padding: a date without its year, a year and month, and one padded part only
    ("请于04月8日前、2024年4月08日前报送，2024年03月起施行。",
     [(1, 3, "日期“04月8日”的月、日不应加“0”补位"),
      (1, 10, "日期“2024年4月08日”的月、日不应加“0”补位"),
      (1, 24, "日期“2024年03月”的月份不应加“0”补位")]),
    ("2024年10月20日，10月1日，2024-04-08。", []),
])
def test_dates(linter, text, expected):
    assert [(line, col, message) for line, col, _, message, _ in lint(linter, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # M3 and M4: approximate numbers lose the 顿号 (the finding, which the fix deletes; 3、4
    # is to be written in Chinese numerals, which needs the writer), definite ones keep it
    ("十五、六岁的青少年，两、三天，五、六十年前，3、4个月。",
     [(2, "、", ""), (11, "、", ""), (16, "、", ""), (23, "、", None)]),
    ("荣获一、二等奖，二、三级医院，一、二、三产业，第一、二轮，一、二季度，三、四月份，"
     "二、三期工程，一、二年级，6、7月，3、4日，15、22个百分点，二、三次产业。", []),
    # M9, at the first multiplier of a number; not the unit prefixes, nor one multiplier
    # before 万/亿
    ("3千里，2千人，3亿4千5百万公里，5百元。",
     [(1, "千", None), (5, "千", None), (11, "千", None), (19, "百", None)]),
    ("0.13千克，750千伏，100千米，5千瓦时，8千亿元，5百万元，10千兆，3千吨。", []),
    # M12: a decimal after Chinese text only
    ("提高.5个百分点，（.8%）", [(2, ".5", "0.5"), (10, ".8", "0.8")]),
    ("v1.2版，www.12306.cn，文件.txt，.NET平台，共3.5万元。", []),
    # M2: a year cut short (at its 年), not a duration
    ("24年底，23年1月，22年上半年，21年三季度，24年初，完成。",
     [(2, "年", None), (7, "年", None), (13, "年", None), (20, "年", None), (27, "年", None)]),
    ("近10年来，连续16年，历时12年初见成效，30年代初，延长30年。", []),
    # M13
    ("二0二0年，二O二四年，一九九○年，二〇二四年，二〇年代，一百零八年。",
     [(1, "0", "〇"), (3, "0", "〇"), (7, "O", "〇"), (15, "○", "〇")]),
    # full-width digits, with a decimal point of either width
    ("增长８６．３%，第１名，２０２4年。",
     [(2, "８６．３", "86.3"), (9, "１", "1"), (12, "２０２", "202")]),
])
def test_numbers(linter, text, expected):
    result = linter.lint_document(Document(text=text), only={"number-format"})
    assert [(f.start, text[f.start:f.end], f.fix.text if f.fix else None)
            for f in result.findings] == expected


def test_a_full_width_zero_in_a_chinese_year_is_one_finding(linter):
    """二０二四年: the zero is number-format's 〇, not also a full-width digit to write 0."""
    assert lint(linter, "二０二四年。") == [
        (1, 2, "number-format", "汉字数字年份中的零应写作“〇”，不写作“０”", "〇")]


def test_a_document_in_traditional_characters(linter):
    """萬, 億, 個, 週: the same findings, and none on what the simplified text is spared."""
    assert [f[4] for f in lint(linter, "超9千億元，3千5百萬元，三、四個月，三、四萬人。")] == [
        None, "", ""]
    assert [(f[0], f[1]) for f in lint(linter, "2024年5月13日（週日）召開。")] == [(1, 12)]


def test_a_message_option_with_a_placeholder_the_kind_does_not_fill(tmp_path):
    from lint.rulepack import RuleError
    from tests.conftest import linter_with_pack

    with pytest.raises(RuleError, match="unknown placeholder {day}"):
        linter_with_pack(tmp_path, (
            "rules:\n"
            "  - id: my-dates\n"
            "    kind: numbers\n"
            "    patterns: ['x']\n"
            "    message: x\n"
            "    impossible: 日期{day}不存在\n"
            "    why: test\n"
            "    examples: {bad: [x]}\n"))


def test_the_seeds_have_no_number_or_date_finding(linter):
    for name in ("000", "001", "002", "003", "004"):
        result = linter.lint_file(seed(name))
        assert [f for f in result.findings if f.rule_id in RULES] == [], name


def test_real_corpus_findings_are_only_the_real_defect(linter, real_corpus):
    # the 2026 reports' 一、二等奖, 二、三级医院, 9千亿元, 750千伏, 4.5%-5%, 连续13年: none
    assert real_findings(linter, real_corpus, RULES) == {
        ("2026_湖南省_政府工作报告.txt", "number-format", 30, 204),  # 二○三五: U+25CB for 〇
    }
    # moved from terms, which reports it no more
    assert not [f for f in real_findings(linter, real_corpus, {"terms"})
                if f[0] == "2026_湖南省_政府工作报告.txt"]


def test_number_style_at_exact_positions(linter):
    """number-style (warnings of the reference's M1, M7, M10, M18, P16), found by a recall
    trial that planted them: a range's hyphen or ~, a statistic in Chinese numerals, a
    congress in Arabic numerals, thousands separators, a blank before %, 约…左右. Not
    百分之百, a date, a standard's number, a telephone number, a year range with its dash."""
    text = ("要求3-5天内整改，增长5-6%，力争18~25%。\n"
            "同比增长百分之七点五，我们有百分之百的信心。\n"
            "学习党的19大和二十届3中全会精神。\n损失1,260,000元，增长2.3 %。\n"
            "发布日期2024-03-05，执行GB/T 15834-2011，电话0571-88888888，“十四五”时期"
            "（2021—2025年）。\n接待游客约12万人次左右，签约3个项目。\n")
    result = linter.lint_document(Document(text=text), only={"number-style"})
    assert [(*result.doc.position(f.start), text[f.start:f.end], f.fix.text if f.fix else None)
            for f in result.findings] == [
        (1, 4, "-", None), (1, 14, "-", None), (1, 22, "~", None),
        (2, 5, "百分之七点五", None),
        (3, 3, "党的19大", None), (3, 11, "届3中全会", None),
        (4, 3, "1,260,000", None), (4, 19, " ", ""), (6, 5, "约12万人次左右", None)]
    assert result.findings[0].message == ("数值范围用浪纹线“～”（如“3～5天”“5%～6%”），"
                                          "年份等起止用一字线“—”，不用“-”")


def test_number_style_on_the_real_reports_finds_their_ranges(linter, real_corpus):
    """The real reports write five ranges with a hyphen (4.5%-5%, 1-2个, 2-3家): the
    reference's M10 calls that a defect; number-style reports nothing else there."""
    assert real_findings(linter, real_corpus, {"number-style"}) == {
        ("2026_北京市_政府工作报告.txt", "number-style", 31, 64),
        ("2026_江西省_政府工作报告.txt", "number-style", 35, 25),
        ("2026_江西省_政府工作报告.txt", "number-style", 53, 239),
        ("2026_海南省_政府工作报告.txt", "number-style", 121, 282),
        ("2026_黑龙江省_政府工作报告.txt", "number-style", 41, 30)}
