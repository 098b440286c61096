"""The pattern rules of the default preset on real material: every placeholder, residue mark
and omission a reader sees in seeds/ is reported at its exact position (and nothing on the
lines around them); the real government reports get no error-level finding from these rules
except the real defects of the originals, which are listed here."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import linter_with_pack, real_findings, seed

TEXT_RULES = {"placeholder", "omission", "web-residue"}



def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def spans(result, rule_id):
    doc = result.doc
    return [(*doc.position(f.start), doc.text[f.start:f.end]) for f in result.findings
            if f.rule_id == rule_id]


EXPECTED = {
    "000": {
        "omission": [(9, 86, "如。"), (9, 147, "例如。")],
        "web-residue": [(8, 254, "##paidbegin##"), (18, 1, "##paidend##")],
    },
    "001": {
        "placeholder": [(4, 6, "***"), (6, 154, "***"), (6, 417, "***"), (15, 464, "xxx"),
                        (15, 472, "xxx"), (21, 24, "***")],
        "web-residue": [(1, 21, "(十頁)"), (2, 1, "發(fā)布時間:2020-11-03 來源: 黨課講稿 點擊:"),
                        # the title again, below the first copy's (十頁)
                        (3, 1, "意識形態(tài)工作責任制落實情況報告"), (38, 1, "熱點文章閱讀")],
    },
    "002": {"placeholder": [(6, 47, "**"), (6, 90, "*"), (6, 96, "*"), (6, 112, "*")]},
    "003": {
        # 2023年，局紧紧围绕……: the office's name left out before 局 (blanked when scraped)
        "placeholder": [(2, 7, "局"), (5, 283, "XX")],
        "web-residue": [(5, 4, "##paidbegin##"), (17, 1, "##paidend##")],
    },
    "004": {
        "placeholder": [(9, 259, "_"), (11, 82, "202x"), (17, 50, "_"), (17, 67, "_")],
        "omission": [(9, 237, "……略……"), (19, 182, " ……")],
        "web-residue": [(1, 1, "首页 > 写作提升 > 写作技巧 > "
                               "市工业园区2024年第三季度意识形态工作总结 >"),
                        (22, 1, "预览结束,免费获取全文定制代笔此类文章,请扫码联系老师!")],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_findings_exact(linter, name):
    result = linter.lint_file(seed(name))
    for rule_id in sorted(TEXT_RULES):
        assert spans(result, rule_id) == EXPECTED[name].get(rule_id, []), (name, rule_id)


@pytest.mark.parametrize(("text", "expected"), [
    ("今年是20XX年，202x年度。", [(3, "20XX"), (9, "202x")]),  # the year once, not its XX too
    ("党的XX大，ＸＸ单位，XXL码。", [(2, "XX"), (6, "ＸＸ")]),
    ("编号为20XXX号，代码20xxxx，日期20XX-XX-XX。", [(5, "XXX"), (14, "xxxx"), (21, "20XX"),
                                              (26, "XX"), (29, "XX")]),
    # a whole name masked between marks (it touches no text)
    ("联系人：***，电话：***。该同志（**）表现好，**（签字）", [(4, "***"), (11, "***"),
                                                  (19, "**"), (26, "**")]),
    ("用“**”标注重点。***\n注：*为必填项。", [(2, "**")]),  # 注：*为…: a legend, below
    # at the end of its line
    ("联系人：***\n电话：** \n备注：无", [(4, "***"), (11, "**")]),
    # ... but one star in quotes or brackets is the symbol named, a form's "required" mark,
    # not a name masked: 带“*”号的为必填项 (a name mask in quotes is two stars or more)
    ("注：带“*”号的为必填项，标（*）的可不填，荣获“***”称号。", [(25, "***")]),
    # one X for a number; XX, 20XX and Latin words as before
    ("×政发〔2024〕X号，于X月X日前报送X名，XX月，20XX年，X光片、4X4、Xbox。",
     [(0, "×"), (9, "X"), (13, "X"), (15, "X"), (20, "X"), (23, "XX"), (27, "20XX")]),
])
def test_placeholder_years_and_xx(linter, text, expected):
    found = linter.lint_text(text, only={"placeholder"})
    assert [(f.start, text[f.start:f.end]) for f in found] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("根据意识 ……略…… 种苗头，落实战略。", [(5, "……略……")]),
    ("根据意识。。。略。。。种苗头，落实战略。", [(4, "。。。略。。。")]),
    ("根据意识...略...种苗头，落实战略。", [(4, "...略...")]),
    ("具体措施（略）。措施（ 略 ）。", [(4, "（略）"), (10, "（ 略 ）")]),
    # the omission marks start with one kind of dot: each pattern then has its own required
    # strings (…; ... or 。。。), and a report without them is not scanned for it
    ("根据意识.。.略。。。种苗头。", []),
    ("实施战略（战略）。", []),
])
def test_omission_marks(linter, text, expected):
    found = linter.lint_text(text, only={"omission"})
    assert [(f.start, text[f.start:f.end]) for f in found] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("发布时间:2020-11-03", [(4, ":", "：")]),  # after Chinese text a colon is never a time
    ("截至目前:12项，如下:1.完成。", [(4, ":", "："), (11, ":", "：")]),
    ("会议于14:30召开，比例为3:2。", []),
    ("地区生产总值增长(5.4%)，人工智能(AI)。", [(8, "(5.4%)", "（5.4%）"),
                                                (19, "(AI)", "（AI）")]),
    ("意識形態(tài)工作，如图(a)所示，GDP(2024)。", []),  # pinyin: conversion-artifact
    # a line that is one bracket has no Chinese text beside it: a 附注, a speech's date
    ("(此件公开发布)", [(0, "(此件公开发布)", "（此件公开发布）")]),
    ("　(2024年2月26日)\n(see p. 3)", [(1, "(2024年2月26日)", "（2024年2月26日）")]),
])
def test_halfwidth_colons_and_brackets(linter, text, expected):
    found = linter.lint_text(text, only={"halfwidth-punct"})
    assert [(f.start, text[f.start:f.end], f.fix.text) for f in found] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a percentage after Chinese text is Chinese text: the marks after it were not reported
    ("今年增长5.2%,CPI上涨。", [(8, ",", "，")]),
    ("效率提高了50%!", [(8, "!", "！")]),
    ("全年增长5%.明年继续。", [(6, ".", "。")]),
    ("增长５.２％,下降3%;其中4%:另有6%...好吗8%?", [
        (6, ",", "，"), (11, ";", "；"), (16, ":", "："), (21, "...", "……"), (28, "?", "？")]),
    # not after a figure alone, nor in English text, nor inside a figure or a URL
    ("5%,6%.", []),
    ("Beijing set 增长5%, not 6%, as its target for the year.", []),
    ("全年增长5.4%，会议于14:30开始。详见https://www.gov.cn/a%20b.html。", []),
])
def test_halfwidth_punct_after_a_percentage(linter, text, expected):
    found = linter.lint_text(text, only={"halfwidth-punct"})
    assert [(f.start, text[f.start:f.end], f.fix.text) for f in found] == expected


@pytest.mark.parametrize(("line", "residue"), [
    # a notice's and a 纪要's own times are not a web page's publication line
    ("会议时间：2024年4月8日（星期一）上午9:00。", False),
    ("（一）报到时间：2024年4月8日上午8:30前。", False),
    ("时间：2024年7月26日上午", False),
    ("（二）报名时间：2024年5月10日前，材料来源：各县区推荐。", False),
    # a page writes its date 2020-11-03 or with zeros, or beside its source or clicks
    ("发布时间：2020-11-03", True),
    ("发布时间：2024年03月05日", True),
    ("日期：2024年3月5日　来源：市政府办公室", True),
    ("发布日期：2024年3月5日 10:20:33", True),
])
def test_web_residue_tells_a_page_date_from_a_meeting_time(linter, line, residue):
    found = linter.lint_text(line, only={"web-residue"})
    assert [(f.start, f.end) for f in found] == ([(0, len(line))] if residue else [])


@pytest.mark.parametrize(("line", "residue"), [
    # a government site's chrome, pasted with the report (each was silent)
    ("当前位置：首页 > 要闻动态 > 政府工作报告", True),
    ("您现在的位置：首页>政务公开", True),
    ("（责任编辑：王小明）", True),
    ("[责任编辑：王小明]", True),
    ("分享到：微信 微博 QQ空间", True),
    ("【打印本页】【关闭窗口】", True),
    ("【字体：大 中 小】", True),
    ("字号：【大】【中】【小】", True),
    ("字体：大 中 小", True),  # bare: it was silent (only cjk-spacing's blanks were reported)
    ("来源：市政府办公室  字號：大 中 小", True),
    ("扫一扫在手机打开当前页", True),
    # ... not a report's words
    ("优化政务服务窗口设置，关闭窗口期后统一受理。", False),
    ("分享经验做法，打印学习材料。", False),
    ("当前位置优势明显，首页展示成果。", False),
    ("标题字号：大于正文，中文用宋体，小标题加粗。", False),
    ("调整字体：大 中 小三种规格均可，请选用。", False),
    # ... nor a sentence that starts with the toolbar's words (each was reported whole)
    ("分享至各单位学习借鉴。", False),
    ("分享到基层的经验得到推广，效果较好。", False),
    ("市民扫一扫二维码即可在手机上查看办理进度。", False),
    ("群众扫一扫政务码，用手机打开“一网通办”即可办理。", False),
    ("【扫一扫，在手机打开当前页】", True),
    # a recall trial's misses: the toolbar's short form, a counter, a source line, a news
    # page's end mark, a repost's notice, a PDF's page numbers
    ("【关闭】【打印】", True),
    ("阅读次数：1234", True),
    ("点击量：365", True),
    ("来源：市司法局", True),
    ("（完）", True),
    ("本文来源于网络，如有侵权请联系删除。", True),
    ("- 2 -", True),
    ("— 3 —", True),
    ("第 5 页 共 8 页", True),
    # ... not a report's
    ("【关闭】窗口期后统一受理。", False),
    ("全年阅读次数：1234万次。", False),
    ("数据来源：市统计局", False),
    ("来源：市统计局，经汇总整理。", False),
    ("（完）成任务", False),
    ("第5页至第8页为附表。", False),
    ("2 - 3 -", False),
])
def test_web_residue_finds_a_pages_toolbar_and_location(linter, line, residue):
    text = "2026年政府工作报告\n" + line + "\n各位代表：\n"
    found = [(f.rule_id, text.count("\n", 0, f.start) + 1, f.start - text.index(line) + 1,
              f.end - f.start) for f in linter.lint_text(text) if f.rule_id == "web-residue"]
    assert found == ([("web-residue", 2, 1, len(line))] if residue else [])


@pytest.mark.parametrize(("text", "expected"), [
    # The mark a legend explains (带*的指标为约束性指标) is the symbol named, not a blank, and a
    # form's check boxes (是□ 否□) are meant to stay empty: each was reported. A star or a box
    # standing for a figure or a name still is.
    ("带*的指标为约束性指标。注：带*号的为必填项，标*的项目优先，打*号的可不填。\n"
     "注：*为必填项。\n*表示预计数。\n"
     "是否同意：是□ 否□\n□是 □否\n意见：□同意 □不同意\n性别：男□女□\n"
     "全年开展*次学习，覆盖干部职工*人，带*名干部参加。\n"
     "□□□同志：\n□是否完成\n负责人是□\n□年□月□日\n",
     [(8, 5, "*"), (8, 16, "*"), (8, 20, "*"), (9, 1, "□□□"), (10, 1, "□"),
      (11, 5, "□"), (12, 1, "□"), (12, 3, "□"), (12, 5, "□")]),
    # Missed (a recall trial): a template's fields in square brackets (【单位名称】, [姓名]), one
    # X for a name (第X党支部, 由X局), a table's cell of stars. Reported as two placeholders: a
    # telephone number masked for print (138****5678), which is no placeholder at all.
    ("【单位名称】关于2023年工作情况的报告\n培训地点：市委党校（【详细地址】）。\n"
     "联系人：[姓名]，电话：[电话号码]。\n"
     "机关第X党支部，由X局牵头，做X光检查。\n| 党课次数 | 3 | ** |\n"
     "联系电话：138****5678，举报电话：0571-****1234。\n"
     "【打印本页】【关闭窗口】\n",
     [(1, 1, "【单位名称】"), (2, 11, "【详细地址】"), (3, 5, "[姓名]"),
      (3, 13, "[电话号码]"), (4, 4, "X"), (4, 10, "X"), (5, 14, "**")]),
    # Missed too: brackets left blank where a figure goes (（ ）条); a form's date to be
    # written in by its reader (于（  ）月（  ）日) is no placeholder.
    ("全年共排查问题（ ）条，整改（　　）项，投入(  )万元。\n请于（  ）月（  ）日前报送回执。\n",
     [(1, 8, "（ ）"), (1, 15, "（　　）"), (1, 23, "(  )")]),
])
def test_placeholder_what_is_one_and_what_is_not(linter, text, expected):
    found = [(*line_col(text, f.start), text[f.start:f.end])
             for f in linter.lint_text(text, only={"placeholder"})]
    assert found == expected


def test_placeholder_leaves_a_rating_forms_check_boxes_alone(linter):
    """满意□ 基本满意□ 不满意□ and □满意 □比较满意 □一般 □不满意 are a rating form's check
    boxes: 基本满意□, □比较满意 and □一般 were reported. A box for a name or a figure still is."""
    text = ("评价：满意□ 基本满意□ 不满意□\n评价：□满意 □比较满意 □一般 □不满意\n"
            "等次：□优秀 □良好 □较差\n□□□同志：\n负责人是□\n")
    found = [(text.count("\n", 0, f.start) + 1, text[f.start:f.end])
             for f in linter.lint_text(text, only={"placeholder"})]
    assert found == [(4, "□□□"), (5, "□")]


def test_placeholder_reports_a_template_field_left_unfilled(linter):
    """（单位名称） （姓名） （请填写……） left in a draft were silent: only （此处……） was known.
    示范区（单位） (a district or a unit, as 云南's report writes) is no field."""
    text = ("我代表上海（单位名称），向全市人民表示感谢。\n"
            "联系人：（姓名），电话：（请填写联系电话）。\n"
            "完善市场监管（牵头单位：市市场监管局）。推进“一网通办”（名称沿用至今）。\n"
            "命名示范区（单位）12个。加强监管（牵头单位）。\n")
    found = [(f.rule_id, *line_col(text, f.start),
              text[f.start:f.end]) for f in linter.lint_text(text)]
    assert found == [("placeholder", 1, 6, "（单位名称）"), ("placeholder", 2, 5, "（姓名）"),
                     ("placeholder", 2, 13, "（请填写联系电话）"),
                     ("placeholder", 4, 18, "（牵头单位）")]


def test_placeholder_reports_an_organ_word_whose_name_was_left_out(linter):
    """seeds/003's 2023年，局紧紧围绕…… lost the office's name (××局) when it was scraped, and
    nothing said so. A 局, 委, 办 or 厅 standing alone where a clause starts, before what the
    body does, is reported; 我局, 本局, 市局, 全局, 大局, 格局, 布局, 当局 (a character before it)
    and 局长, 局党组, 局属, 局组织人事科, 委托, 办好 (one word) are not."""
    text = ("2023年，局紧紧围绕市委、市政府决策部署。\n委认真落实责任制；办积极开展宣传。\n"
            "　　厅先后召开3次会议。\n"
            "我局紧紧围绕中心工作，本局认真落实，市局高度重视，全局积极行动，服从大局，优化格局，"
            "统筹布局，当局坚持。\n"
            "局长亲自抓，局党组认真研究，局属单位积极落实，局组织人事科牵头，委托第三方开展评估，"
            "办好民生实事。\n")
    found = [(*line_col(text, f.start),
              text[f.start:f.end], f.message)
             for f in linter.lint_text(text, only={"placeholder"})]
    assert found == [(1, 7, "局", "“局”前缺少单位名称（名称被删去或未填写）"),
                     (2, 1, "委", "“委”前缺少单位名称（名称被删去或未填写）"),
                     (2, 10, "办", "“办”前缺少单位名称（名称被删去或未填写）"),
                     (3, 3, "厅", "“厅”前缺少单位名称（名称被删去或未填写）")]


def test_placeholder_reports_a_masked_name_at_a_lines_start_before_wei(linter):
    """***为组长，***为副组长。 at a line's start is a name masked: the first *** was taken
    for a legend's mark (*表示预计数) and not reported. A legend at a line's start explains
    one *; with a legend word (注：) it may name any."""
    text = "***为组长，***为副组长。\n*表示预计数。\n注：***为必填项。\n"
    assert [(f.start, text[f.start:f.end], f.message)
            for f in linter.lint_text(text, only={"placeholder"})] == [
        (0, "***", "占位符“***”未替换"), (7, "***", "占位符“***”未替换")]


def test_placeholder_leaves_the_stock_list_of_organs_alone(linter):
    """市政府各委、办、局按照……, 省直各厅、局结合实际……: the organ's word after 、 and another
    organ's word is an item of the stock list, not a name left out; it was reported."""
    text = ("一、市政府各委、办、局按照职责分工抓好落实。\n二、省直各厅、局结合实际制定具体措施。\n"
            "三、各委、办切实履行主体责任。\n")
    assert linter.lint_text(text, only={"placeholder"}) == []


def test_placeholder_leaves_a_labels_note_in_brackets_alone(linter):
    """A form's labels and a table's heads note what goes in them (联系人（姓名）：王五,
    项目名称（全称）：城市更新行动, | 单位（全称） |, 责任单位（牵头单位）), and a notice asks for a
    table (报送（请填写附表1）): each was reported as an unfilled field. A field standing
    alone still is."""
    text = ("联系人（姓名）：王五，电话：12345678。\n项目名称（全称）：城市更新行动。\n"
            "| 姓名 | 单位（全称） | 责任单位（牵头单位） |\n"
            "各单位请于5月10日前报送（请填写附表1）。\n"
            "联系人：（姓名），单位：（单位全称）。\n")
    found = [(f.rule_id, *line_col(text, f.start),
              text[f.start:f.end]) for f in linter.lint_text(text, only={"placeholder"})]
    assert found == [("placeholder", 5, 5, "（姓名）"), ("placeholder", 5, 13, "（单位全称）")]


def test_terms_report_political_formulations_written_wrong(linter):
    """A draft's 以习近平为核心的党中央 (no 同志), 习近平新时代思想, 四种自信 and an unquoted
    十四五规划 were silent: the real reports write each one way only."""
    text = ("团结在以习近平为核心的党中央周围，坚持以习近平新时代思想为指导，坚定“四种自信”。\n"
            "一、十四五时期工作回顾\n2025年是“十四五”规划收官、十五五规划谋篇之年。\n")
    found = [(*line_col(text, f.start),
              f.rule_id, text[f.start:f.end], f.fix.text, f.message.split("（")[0])
             for f in linter.lint_text(text) if f.rule_id == "terms"]
    assert found == [
        (1, 4, "terms", "以习近平为核心", "以习近平同志为核心",
         "“以习近平为核心”应为“以习近平同志为核心”"),
        (1, 21, "terms", "习近平新时代思想", "习近平新时代中国特色社会主义思想",
         "“习近平新时代思想”应为“习近平新时代中国特色社会主义思想”"),
        (1, 36, "terms", "四种自信", "四个自信", "“四种自信”应为“四个自信”"),
        (2, 3, "terms", "十四五", "“十四五”", "“十四五”应为“‘十四五’”"),
        (3, 17, "terms", "十五五", "“十五五”", "“十五五”应为“‘十五五’”"),
    ]


def test_terms_leave_the_wrong_words_a_correction_names(linter, tmp_path):
    """A 更正通知 quotes the wrong word it corrects: --fix turned “布署”更正为“部署” into
    “部署”更正为“部署”. A quoted word a correction names is mentioned, not used; the same word
    used in a sentence, or quoted as a slogan, is still reported."""
    from lint.cli import main

    path = tmp_path / "更正.txt"
    path.write_text("关于更正有关通知的通知\n"
                    "第二部分中的“布署”更正为“部署”，“其它”更正为“其他”。请将“再接再励”改为"
                    "“再接再厉”。原文将“部署”误写为“布署”，「其它」應為「其他」。\n"
                    "研究布署工作，牢固树立“四种意识”。\n", encoding="utf-8")
    before = path.read_bytes()
    assert main([str(path), "-f", "unix", "--fix", "--disable", "mixed-script"]) == 0
    assert path.read_bytes().decode("utf-8") == before.decode("utf-8").replace(
        "研究布署", "研究部署").replace("“四种意识”", "“四个意识”")


def test_terms_misspellings_a_recall_trial_found(linter):
    """必需落实, 群众反应强烈, 习总书记, 习近平新时代中国特色社会主义理论, 制订出台, 对照检察 and
    手中的权利 passed a draft; 必需品, 市场反应强烈 and 中国特色社会主义理论体系 are right."""
    text = ("习总书记强调，必需落实好群众反应强烈的问题。\n"
            "深入学习习近平新时代中国特色社会主义理论，制订出台新规定，对照检察，用好手中的权利。\n"
            "市场反应强烈，必需品供应充足，坚持中国特色社会主义理论体系。\n")
    found = [(*line_col(text, f.start),
              text[f.start:f.end], f.fix.text) for f in linter.lint_text(text, only={"terms"})]
    assert found == [
        (1, 1, "习总书记", "习近平总书记"), (1, 8, "必需", "必须"), (1, 15, "反应", "反映"),
        (2, 5, "习近平新时代中国特色社会主义理论", "习近平新时代中国特色社会主义思想"),
        (2, 22, "制订出台", "制定出台"), (2, 30, "对照检察", "对照检查"),
        (2, 37, "手中的权利", "手中的权力")]


@pytest.mark.parametrize(("text", "expected"), [
    ("关于2023年度乡村振兴工作情况的报告\n县委：\n拟追加专项资金500万元，请予批准。\n"
     "严格执行请示报告制度。\n以上报告妥否，请批示。\n",
     [(3, 14, "请予批准"), (5, 8, "请批示")]),
    ("关于2023年度工作情况的\n报告\n如无不妥，请予批复。\n", [(3, 6, "请予批复")]),
    # a 请示's own closing, a 政府工作报告's 请予审议
    ("关于追加专项资金的请示\n县委：\n拟追加专项资金500万元。\n妥否，请批示。\n", []),
    ("政府工作报告\n各位代表：\n以上报告，请予审议。\n", []),
])
def test_request_in_report(linter, text, expected):
    """以上报告妥否，请批示 ended a 报告 unreported: a 报告 carries no request (条例 第十五条)."""
    found = [(*line_col(text, f.start),
              text[f.start:f.end]) for f in linter.lint_text(text, only={"request-in-report"})]
    assert found == expected


def test_heading_punct_a_standalone_headings_end(linter):
    """一、主要工作情况： was silent (GB/T 9704's headings stand on their line with no mark);
    --fix deletes the colon. A list item's ； or ，, a run-in heading's 。 and a standalone
    one's 。 (a style of the real reports) are not reported."""
    text = ("关于2023年安全生产工作情况的报告\n一、主要工作情况：\n全年开展检查120次。\n"
            "（一）加强组织领导。成立领导小组。\n（二）存在的问题；\n部分企业责任落实不到位。\n"
            "（三）经济运行稳中有进。\n二、下一步工作打算， \n持续开展隐患排查整治。\n"
            "三、高新区管委会的主要职责是：\n（一）编制规划。\n")
    found = [(*line_col(text, f.start),
              f.message) for f in linter.lint_text(text, only={"heading-punct"})]
    assert found == [(2, 9, "单独成行的标题末尾不加“：”")]
    from lint.document import Document
    from lint.fix import fix_document

    fixed = fix_document(linter, Document(text=text)).fixed
    assert fixed == text.replace("情况：", "情况")


def test_terms_zuochu_with_words_between_and_jidai(linter):
    """做出 was reported only right before its noun (做出贡献), not 做出新的更大贡献 or
    习近平总书记做出的每一项部署, as drafts write them; 急待提升 was not reported either."""
    text = ("为现代化建设做出新的更大贡献！落实总书记做出的每一项部署。\n"
            "民营经济活力急待提升。做出了成绩，决定参加。\n")
    found = [(*line_col(text, f.start),
              f.rule_id, text[f.start:f.end], f.fix.text) for f in linter.lint_text(text)]
    assert found == [(1, 7, "terms", "做出", "作出"), (1, 21, "terms", "做出", "作出"),
                     (2, 7, "terms", "急待提升", "亟待提升")]


def test_halfwidth_punct_reports_straight_double_quotes(linter):
    text = '推动发展"保税+"等新业态。\n镇雄"1·22"山体滑坡。\nSay "yes" 或"否"。\n'
    found = [(f.rule_id, *line_col(text, f.start),
              text[f.start:f.end], f.fix.text) for f in linter.lint_text(text)]
    assert found == [
        ("halfwidth-punct", 1, 5, '"保税+"', "“保税+”"),
        ("halfwidth-punct", 2, 3, '"1·22"', "“1·22”"),
        ("halfwidth-punct", 3, 12, '"否"', "“否”"),
    ]


def test_halfwidth_punct_leaves_inch_marks_alone(linter):
    """Sizes in inches (55"和65"两种, 5"、7"两种规格) were taken for a quotation between the
    two marks and fixed to 55“和65”, 5“、7”; a '"' after a digit is an inch mark, and no
    quotation starts with 、. A quotation glued to Chinese text is still found."""
    text = '电视有55"和65"两种。\n屏幕为5"、7"两种规格。\n尺寸为"5英寸"的屏幕。\n'
    found = [(f.rule_id, *line_col(text, f.start),
              text[f.start:f.end], f.fix.text) for f in linter.lint_text(text)]
    assert found == [("halfwidth-punct", 3, 4, '"5英寸"', "“5英寸”")]


def test_halfwidth_punct_fixes_no_straight_quotes_that_may_be_nested(linter):
    """Straight quotes one inside the other (他说："要做"四个意识"的模范。") were paired in
    order and --fix wrote 他说：“要做”四个意识“的模范。”, turning the quotation inside out.
    Two quotations with only words between them are reported, not fixed; ones apart (a
    comma between) are fixed as before."""
    text = ('他说："要做"四个意识"的模范。"\n'
            '标题为"关于"十四五"规划的报告"。\n'
            '他说"好"，我说"不好"。\n')
    found = [(f.rule_id, *line_col(text, f.start),
              text[f.start:f.end], f.fix and f.fix.text) for f in linter.lint_text(text)]
    assert found == [
        ("halfwidth-punct", 1, 4, '"要做"', None),
        ("halfwidth-punct", 1, 12, '"的模范。"', None),
        ("halfwidth-punct", 2, 4, '"关于"', None),
        ("halfwidth-punct", 2, 11, '"规划的报告"', None),
        ("halfwidth-punct", 3, 3, '"好"', "“好”"),
        ("halfwidth-punct", 3, 9, '"不好"', "“不好”"),
    ]


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seeds_typed_in_taiwan_or_hong_kong_characters_get_the_same_findings(
        linter, name, config):
    """A seed typed in Taiwan or Hong Kong characters carries the same defects: seeds/001 in
    Hong Kong's characters ends with 熱點文章閲讀 (閲, not 閱), which was not reported.
    (mixed-script aside: the conversion repairs seeds/001's stray simplified characters.)"""
    import opencc

    def where(text: str) -> list[tuple[str, int, int]]:
        found = []
        for f in linter.lint_text(text):
            if f.rule_id != "mixed-script":
                line_start = text.rfind("\n", 0, f.start) + 1
                found.append((f.rule_id, text.count("\n", 0, f.start) + 1,
                              f.start - line_start + 1))
        return sorted(found)

    text = seed(name).read_text(encoding="utf-8")
    assert where(opencc.OpenCC(config).convert(text)) == where(text)


@pytest.mark.parametrize(("text", "residue"), [
    ("（此處加蓋公章）", "placeholder"),
    ("免費獲取全文，掃碼下載", "web-residue"),
    ("推薦閲讀", "web-residue"),
    ("下一條", "web-residue"),
    ("來源：人民網 閲讀：1024", "web-residue"),
])
def test_residue_in_traditional_characters(linter, text, residue):
    found = linter.lint_text(text, only={"placeholder", "web-residue"})
    assert [(f.rule_id, f.start, f.end) for f in found] == [(residue, 0, len(text))]


@pytest.mark.parametrize(("text", "found"), [
    ("把安全生产做为第一要务。", ["做为"]),
    ("建立整改台帐，签定招商引资合同。", ["台帐", "签定"]),
    ("层层签定《意识形态工作责任状》。", ["签定"]),
    # 做 + 为民, and 当做 + 为 (a review found 争作为民服务 made by --fix)
    ("广大党员要争做为民服务的孺子牛，甘做为民办实事的老黄牛。", []),
    ("要把这项工作当做为民办实事的重要举措来抓。", []),
    ("签定了一份材料。", []),
    # a review's correct sentences that --fix rewrote: 多做 + 为, 既……又, a reaction, a gas
    # leak, and the 1981 resolution's title as written
    ("我们要多做为企业纾困解难的实事，少做为难基层的事。", []),
    ("既使群众得到实惠，又使企业减轻负担。", []),
    ("加强疫苗接种不良反应情况监测，做好异常反应问题处置。", []),
    ("完善燃气泄漏信息自动推送机制。", []),
    ("学习《关于建国以来党的若干历史问题的决议》。", []),
    ("群众反应问题较多，要防止泄漏国家秘密。", ["反应", "泄漏"]),
    ("既使困难再大，我们都要完成任务。回顾建国以来的成就。", ["既使", "建国以来"]),
])
def test_terms_from_real_pages_keep_to_their_context(linter, text, found):
    assert [text[f.start:f.end] for f in linter.lint_text(text, only={"terms"})] == found


def test_terms_on_seed(linter):
    result = linter.lint_file(seed("002"))
    assert spans(result, "terms") == []
    result = linter.lint_file(seed("003"))  # a word cut short: 撰写心得体100余篇; one too many
    assert spans(result, "terms") == [(5, 219, "心得体"), (6, 105, "围绕自中心工作")]


def test_terms_are_found_in_traditional_documents(linter):
    result = linter.lint_file(seed("001"))
    assert spans(result, "terms") == [
        (9, 43, "理論自信、制度自信、道路自信、文化自信"),  # the four in the wrong order
        (10, 266, "不會抓抓不好"),
        (15, 213, "不忘初心牢記使命"),
        # converter pinyin inside the title is read through, and goes with the fix
        (19, 37, "黨內(nèi)政治生活若干準則"),
        (27, 129, "簽定"),  # 簽定《責任狀》
        (35, 17, "四種意識"),
    ]
    fixes = [f.fix.text for f in result.findings if f.rule_id == "terms"]
    assert fixes == ["道路自信、理論自信、制度自信、文化自信", "不會抓、抓不好",
                     "不忘初心、牢記使命", "黨內政治生活的若干準則", "簽訂", "四個意識"]
    finding = [f for f in result.findings if f.rule_id == "terms"][-1]
    assert finding.message.startswith("“四種意識”应为“四個意識”")


def test_terms_read_through_converter_pinyin_only_where_it_is(linter):
    """The ``ignore`` spans are taken out only in a document that has them; positions
    after them are the document's own."""
    text = "發(fā)揮作用，學習黨內(nèi)政治生活若干準則，研究布(bù)署工作，再接再励。\n"
    found = [(f.start, f.end, f.fix.text) for f in linter.lint_text(text, only={"terms"})]
    assert [text[s:e] for s, e, _ in found] == [
        "黨內(nèi)政治生活若干準則", "布(bù)署", "再接再励"]
    # a traditional document: fixed in its own characters
    assert [new for *_, new in found] == ["黨內政治生活的若干準則", "部署", "再接再厲"]
    plain = "学习党内政治生活若干准则，研究布署工作。\n"
    assert [(f.start, f.end) for f in linter.lint_text(plain, only={"terms"})] == [
        (2, 12), (15, 17)]


def test_terms_fix_a_traditional_document_in_its_own_forms(linter):
    """A Taiwan report writing 為 throughout had 以習近平為核心 fixed to 以習近平同志爲核心,
    OpenCC's 爲, which the report writes nowhere; the fix now takes the document's form."""
    text = "過去一年，我們認為發展成為重點，在以習近平為核心的黨中央領導下，為民服務。"
    found = linter.lint_text(text, only={"terms"})
    assert [(f.start, f.end, f.fix.text, f.message.split("（")[0]) for f in found] == [
        (17, 24, "以習近平同志為核心", "“以習近平為核心”应为“以習近平同志為核心”")]


@pytest.mark.parametrize(("text", "expected"), [
    ("牢固樹立“四種意識”，研究佈署工作。", [(0, 5, 9, "四個意識"), (0, 13, 15, "部署")]),
    ("希望大家再接再勵。", [(0, 4, 8, "再接再厲")]),
    ("二、下一步打算\n研究佈署巡察整改。", [(1, 2, 4, "部署")]),
])
def test_terms_in_a_short_traditional_note(linter, text, expected):
    """A note of a sentence or two holds none of the characters (們, 個, 會 …) that marked a
    document as traditional, and its terms were never looked for."""
    found = linter.lint_text(text, only={"terms"})
    starts = [text.rfind("\n", 0, f.start) + 1 for f in found]
    assert [(text.count("\n", 0, f.start), f.start - s, f.end - s, f.fix.text)
            for f, s in zip(found, starts, strict=True)] == expected


@pytest.mark.parametrize("text", [
    "牢固树立“四种意识”，赴臺湾考察。", "牢固树立“四种意识”，我們赴湾区。"])
def test_a_short_simplified_note_with_one_stray_traditional_character_stays_simplified(
        linter, text):
    """One stray traditional character is more than 3% of a sentence: the note was taken
    as traditional and its terms fixed in traditional characters (四种意识 -> 四個意識)
    while mixed-script called it a 简体文稿 and asked for the stray character's simplified
    form."""
    found = linter.lint_text(text, only={"terms"})
    assert [(f.start, f.end, f.fix.text) for f in found] == [(5, 9, "四个意识")]


def test_a_dictionary_in_traditional_characters_finds_its_words_in_traditional_documents(
        tmp_path):
    """An office in Hong Kong writes its own dictionary in traditional characters: in a
    traditional document only the simplified form was searched, and 貴司 was never found."""
    linter = linter_with_pack(tmp_path, (
        "rules:\n"
        "  - id: office-terms\n"
        "    kind: terms\n"
        "    level: error\n"
        "    terms:\n"
        "      - {expected: 貴公司, pattern: 貴司}\n"
        "      - {expected: 特区政府, pattern: 特首政府}\n"
        "    why: test\n"
        "    examples: {bad: [貴司], good: [貴公司]}\n"))
    text = "我們收到貴司的來函，特首政府對此非常重視，並將回覆貴司。"
    assert [(f.start, f.end, f.message, f.fix.text)
            for f in linter.lint_text(text, only={"office-terms"})] == [
        (4, 6, "“貴司”应为“貴公司”", "貴公司"),
        # found in both forms; its simplified expectation is written back in traditional
        (10, 14, "“特首政府”应为“特區政府”", "特區政府"),
        (25, 27, "“貴司”应为“貴公司”", "貴公司"),
    ]


# Real defects of the original documents (verified by reading them); anything else is a bug.
REAL_DEFECTS = {
    # (湖南's 二○三五, U+25CB for 〇, is number-format's: tests/test_numbers.py)
    ("2026_北京市_政府工作报告.txt", "halfwidth-punct", 53, 177),  # 新增长点;推动
    ("2026_江西省_政府工作报告.txt", "halfwidth-punct", 31, 69),  # 时序节奏,推动
    ("2026_江西省_政府工作报告.txt", "halfwidth-punct", 45, 173),  # 研发机构,增强
    ("2026_江西省_政府工作报告.txt", "halfwidth-punct", 67, 26),  # “枫桥经验”,深化
    # scraped from the provinces' sites: a photo caption with its news-site byline, and the
    # page's title and subtitle above the article's own (SOURCE.md: navigation was removed)
    ("2026_甘肃省_政府工作报告.txt", "web-residue", 4, 1),  # …甘肃日报记者 盛学卿
    ("2026_陕西省_政府工作报告.txt", "web-residue", 6, 1),  # the title a second time
}


def test_real_corpus_errors_are_only_real_defects(linter, real_corpus):
    rules = TEXT_RULES | {"terms", "halfwidth-punct"}
    assert real_findings(linter, real_corpus, rules, "error") == REAL_DEFECTS


@pytest.mark.parametrize(("text", "expected"), [
    # a first line after a long run of spaces (a PDF's text layer) that is no title: each
    # way of splitting the run between the indent and the title was tried, each up to the
    # end of the run, and 20,000 spaces ran past the time limit (status 2)
    (" " * 20000 + "第一段正文内容。\n第二段。\n", []),
    ("　　关于加强安全生产工作的通知\n正文。\n关于加强安全生产工作的通知\n",
     ["3:1: 标题重复出现（网页抓取残留或复制粘贴） [Error/web-residue]"]),
    # a first line of blanks is no title, and a later line of blanks no repeat of it
    ("　　　　　　\n正文第一段内容。\n　　　　　　\n正文。\n", []),
    # a short 请示 whose title starts with the issuing body, signed with that name: the
    # signature was reported as the title a second time (an error on a correct document)
    ("临江市教育局\n关于拨付校舍维修资金的请示\n\n市财政局：\n现将有关事项请示如下：\n"
     "一、基本情况\n全市现有农村学校126所。\n妥否，请批示。\n\n临江市教育局\n2025年7月10日\n", []),
    # ... nor the first line of a title under the body's bare name over its 发文字号
    ("临江市教育局\n临教发〔2025〕12号\n\n临江市教育局\n关于2025年上半年教育工作情况的报告\n"
     "一、主要工作情况\n做了工作。\n二、存在的问题\n学习不深入。\n三、下一步工作打算\n"
     "加强学习。\n", []),
    # ... nor the signature of a 印发通知 whose 方案 follows with no 附件 line, which the
    # structure cannot tell from the body: the body's name over its date is a 落款
    ("临江市人民政府办公室\n关于印发临江市2024年“无证明城市”建设工作方案的通知\n"
     "各县（市、区）人民政府，市政府各部门：\n"
     "《临江市2024年“无证明城市”建设工作方案》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。\n"
     "临江市人民政府办公室\n2024年3月28日\n（此件公开发布）\n"
     "临江市2024年“无证明城市”建设工作方案\n"
     "为进一步减少各类证明材料，切实解决企业和群众办事“证明多、证明难”问题，制定本方案。\n", []),
    # ... but a page's heading above the article's, the same name, is still residue
    ("临江市教育局\n\n临江市教育局\n关于拨付校舍维修资金的请示\n市财政局：\n",
     ["3:1: 标题重复出现（网页抓取残留或复制粘贴） [Error/web-residue]"]),
    # the first copy with a download site's count after it: the title again was missed
    ("关于2023年落实意识形态工作责任制情况的报告(十页)\n\n"
     "关于2023年落实意识形态工作责任制情况的报告\n今年以来，我局认真落实责任制。\n",
     ["1:24: 标题中的页数标注“(十页)”是下载站残留 [Error/web-residue]",
      "3:1: 标题重复出现（网页抓取残留或复制粘贴） [Error/web-residue]"]),
    # ... and a count of pages or words the title's own line ends with is residue too
    ("关于2023年落实意识形态工作责任制情况的报告（共5页）\n"
     "关于2023年落实意识形态工作责任制情况的报告\n今年以来，我局认真落实责任制。\n",
     ["1:24: 标题中的页数、字数标注“（共5页）”是下载站残留 [Error/web-residue]",
      "2:1: 标题重复出现（网页抓取残留或复制粘贴） [Error/web-residue]"]),
    ("党员干部学习心得体会（全文共3200字）\n今年以来，我认真学习。\n",
     ["1:11: 标题中的页数、字数标注“（全文共3200字）”是下载站残留 [Error/web-residue]"]),
    # ... not a 附件说明's page count, nor a notice's length below the title
    ("关于报送2023年工作总结的函\n市委办公室：\n现将我局工作总结报送你们。\n"
     "附件：2023年工作总结（共5页）\n请各单位撰写心得体会（3000字）。\n", []),
])
def test_web_residue_repeated_title_after_blanks(tmp_path, capsys, text, expected):
    from lint.cli import main

    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    assert main([str(path), "-f", "unix", "--disable", "cjk-spacing"]) == (1 if expected else 0)
    out, err = capsys.readouterr()
    assert [line for line in out.splitlines() if "web-residue" in line] == [
        f"{path}:{finding}" for finding in expected]
    assert err == ""


def test_cjk_spacing_after_a_long_run_of_spaces(tmp_path, capsys):
    """The byline exception was tried from every blank of a run to the run's end: a line
    with 3,000 spaces between two words (a PDF's alignment) was 'cjk-spacing stopped after
    its time limit' (status 2, findings incomplete)."""
    from lint.cli import main

    path = tmp_path / "t.txt"
    blanks = " " * 30000
    path.write_text(f"文字{blanks}文字。\n市委常委、宣传部部长{blanks}王秀兰\n", encoding="utf-8")
    assert main([str(path), "-f", "unix", "--disable", "missing-period"]) == 0
    assert capsys.readouterr() == (
        f"{path}:1:3: 汉字与数字、汉字与汉字之间不应有空格 [Warning/cjk-spacing]\n\n1 problem\n",
        "")


def test_halfwidth_punct_on_one_long_line_of_names(linter):
    """A 1.4 MB line of names with half-width commas (张三,李四,…) ran halfwidth-punct out of
    its time limit, with none of its findings: the English-line exception asked whether the
    line had no run of four Chinese characters by a greedy scan, which the regex engine
    answers in time quadratic in the line's length. Every comma is reported now."""
    from lint.document import Document

    text = "张三,李四," * 100_000 + "\n"
    result = linter.lint_document(Document(text=text), only={"halfwidth-punct"})
    assert result.failures == []
    assert len(result.findings) == 200_000
    assert {(text[f.start:f.end], f.fix.text) for f in result.findings} == {(",", "，")}


def test_cjk_spacing_leaves_lists_of_names_where_the_structure_has_them(tmp_path, capsys):
    """cjk-spacing left any line starting 参会人员：/出席： alone, by a pattern of its own beside
    the structure's: a stray space in a body sentence starting so went unreported. It now
    leaves the lines the structure calls a 纪要's lists (roster) and the 版记's ``……印发``
    line (imprint), in either script; a space between the offices of a 抄送 is reported."""
    from lint.cli import main

    path = tmp_path / "t.txt"
    path.write_text(
        "关于召开组织生活会的通知\n一、会议安排\n参会人员：各支部书记 要提前做好准备。\n"
        "二、工作要求\n请于1月15日前报送方案。\n出席：张建国　李卫东\n請假：周文博　趙曉明\n"
        "抄送：市委办公室 市政协办公室。\n临江市人民政府办公室　　2024年6月19日印发\n",
        encoding="utf-8")
    assert main([str(path), "-f", "unix", "--disable", "mixed-script"]) == 0
    assert capsys.readouterr() == (
        f"{path}:3:11: 汉字与数字、汉字与汉字之间不应有空格 [Warning/cjk-spacing]\n"
        f"{path}:8:9: 汉字与数字、汉字与汉字之间不应有空格 [Warning/cjk-spacing]\n\n"
        "2 problems\n", "")


def test_cjk_spacing_keeps_the_space_that_ends_a_web_address(linter):
    """--fix glued 查询 onto https://www.gov.cn/zhengce/2023 (a review found it in .txt):
    the link then pointed elsewhere. The space after an address is kept; the others go."""
    from lint.document import Document
    from lint.fix import fix_document

    text = ("请登录网站 https://www.gov.cn/zhengce/2023 查询，邮件 a2023@b.cn 联系。"
            "组建了 36 人队伍。\n")
    assert [text[f.start:f.end + 1] for f in linter.lint_text(text, only={"cjk-spacing"})] == [
        " 3", " 人"]
    assert fix_document(linter, Document(text=text)).fixed == (
        "请登录网站 https://www.gov.cn/zhengce/2023 查询，邮件 a2023@b.cn 联系。"
        "组建了36人队伍。\n")


def test_cjk_spacing_leaves_the_blanks_that_set_apart_the_parts_of_a_line(linter):
    """--fix deleted the blanks of correct layouts, which a trial found: a 名单's columns
    (王海涛　市应急管理局……科长 became 王海涛市应急管理局……, five names a line ran into one
    word), a 纪要's 发文机关 and date, a 发文字号 still a placeholder and its 签发人. On a line
    that is no sentence, an ideographic space or a run of blanks between two parts is layout;
    in a sentence, and a single space inside a part, it is still a slip."""
    from lint.document import Document
    from lint.fix import fix_document

    layout = ("王海涛\u3000市应急管理局安全生产基础科科长\n"
              "李\u3000娟\u3000市消防救援支队防火监督处副处长\n"
              "于海波\u3000王\u3000强\u3000刘建国\u3000李\u3000娟\u3000张志刚\n"
              "临江市人民政府办公室\u3000\u3000\u3000\u30002024年6月14日\n"
              "临政办发〔2024〕X号\u3000\u3000\u3000\u3000\u3000\u3000签发人：×××\n"
              "临江市人民政府办公室    2024年6月14日\n")
    slips = "会议要求各单位加强\u3000组织领导。\n1    市财政局    完成 任务\n"
    text = layout + slips
    result = linter.lint_document(Document(text=text), only={"cjk-spacing"})
    assert spans(result, "cjk-spacing") == [(7, 10, "\u3000"), (8, 16, " ")]
    assert fix_document(linter, Document(text=text)).fixed == (
        layout + "会议要求各单位加强组织领导。\n1    市财政局    完成任务\n")


def test_cjk_spacing_does_not_run_the_names_of_a_list_together(linter):
    """A 名单 typed with single spaces lost them to --fix: 于海波 王 强 刘建国 … became one
    word, and 王海涛 市应急管理局安全生产基础科科长 (a post past the byline's twelve
    characters) ran the name into the post. The name and post is a byline now; a line of
    names is reported (a PDF's text spaced out character by character looks the same) but
    not fixed. A sentence spaced out so is fixed as before."""
    from lint.document import Document
    from lint.fix import fix_document

    text = ("王海涛 市应急管理局安全生产基础科科长\n于海波 王 强 刘建国 李 娟 张志刚\n"
            "阿依古丽·买买提 周 敏 赵文斌 钱国强 欧阳明\n加 强 组 织 领 导。\n")
    result = linter.lint_document(Document(text=text), only={"cjk-spacing"})
    assert [(*result.doc.position(f.start), f.fix is not None) for f in result.findings] == [
        (2, 4, False), (2, 6, False), (2, 8, False), (2, 12, False), (2, 14, False),
        (2, 16, False), (3, 9, False), (3, 11, False), (3, 13, False), (3, 17, False),
        (3, 21, False), (4, 2, True), (4, 4, True), (4, 6, True), (4, 8, True), (4, 10, True)]
    assert fix_document(linter, Document(text=text)).fixed == text.replace(
        "加 强 组 织 领 导。", "加强组织领导。")


def test_cjk_spacing_keeps_the_space_between_joint_issuers(linter):
    """--fix joined the organs of a joint document in a sentence: 《中共中央　国务院关于……的
    意见》 and 中共中央 国务院印发 lost their space (a trial found both). Two organs' names
    before 关于 or 印发 keep it; a space inside one organ's name, or in a sentence naming
    them, is a slip."""
    from lint.document import Document
    from lint.fix import fix_document

    kept = ("为贯彻落实《中共中央\u3000国务院关于学习运用“千村示范、万村整治”工程经验有力有效推进"
            "乡村全面振兴的意见》，结合实际制定本方案。\n"
            "近日，中共中央 国务院印发《关于学习运用“千村示范、万村整治”工程经验有力有效推进"
            "乡村全面振兴的意见》，请认真贯彻落实。\n"
            "会议传达了《中共临江市委\u3000临江市人民政府关于表彰先进的决定》。\n")
    text = kept + "经研究，省政府 办公厅印发了通知，中共中央 国务院高度重视。\n"
    result = linter.lint_document(Document(text=text), only={"cjk-spacing"})
    assert spans(result, "cjk-spacing") == [(4, 8, " "), (4, 22, " ")]
    assert fix_document(linter, Document(text=text)).fixed == (
        kept + "经研究，省政府办公厅印发了通知，中共中央国务院高度重视。\n")


def test_halfwidth_punct_leaves_an_english_sentence_naming_chinese_words(linter):
    """A bilingual README's English lines (Offices in 北京, 上海 and 广州 ...) were Chinese
    text to halfwidth-punct, and --fix rewrote them (a review found 30 findings on the
    project's own README). A line of Chinese prose beside them is still checked."""
    text = ("Offices in 北京, 上海 and 广州 use this tool. See 附件; it lists them.\n"
            "The word 报告: a report. Is it 报告? Yes.\n"
            "今年以来,在市委的坚强领导下,推进AI and big data应用。\n")
    found = [(f.start, text[f.start:f.end])
             for f in linter.lint_text(text, only={"halfwidth-punct"})]
    third = text.index("今年")
    assert found == [(third + 4, ","), (third + 14, ",")]


def test_a_question_mark_after_a_clause_that_asks_is_no_lost_character(linter):
    """怎么办?要 and 是否完成?请 were mojibake ("? stands for a lost character"), with no
    fix; they are half-width question marks. A ? without a question word before it in its
    clause is still a lost character (the real reports' 1?。 and 、?水)."""
    text = "怎么办?要加强学习。是否完成?请回答。成果?箲丰硕，二期、?水灌区，进入前1?。任何?水\n"
    found = [(f.rule_id, f.start, f.fix.text if f.fix else None)
             for f in linter.lint_text(text, only={"halfwidth-punct", "mojibake"})]
    assert found == [("halfwidth-punct", 3, "？"), ("halfwidth-punct", 14, "？"),
                     ("mojibake", 21, None), ("mojibake", 29, None), ("mojibake", 38, None),
                     ("mojibake", 42, None)]


@pytest.mark.parametrize("text, expected", [
    # 16 characters from 是否 to the ?: both rules used to claim it (a review)
    ("请说明是否已经按照市委统一部署要求全面完成?请于月底前报送。\n",
     [("halfwidth-punct", 21)]),
    # after a digit or an opening quote, a ? is no question mark, question word or not
    ("请确认能否进入前1?。是否按“?个一”要求落实。\n", [("mojibake", 9), ("mojibake", 15)]),
])
def test_question_words_and_lost_characters_agree(linter, text, expected):
    found = linter.lint_text(text, only={"halfwidth-punct", "mojibake"})
    assert [(f.rule_id, f.start) for f in found] == expected


def test_a_lost_character_before_a_bracket_or_at_a_line_end_is_not_fixed_to_a_question_mark(
        tmp_path):
    """A GB2312 conversion loses rare name characters as ?: 王?（办公室）, 张? at a line's end,
    ?启明 at its start. halfwidth-punct fixed the first two to ？ (--fix hid the loss, and
    nothing was reported after it) and nothing saw the third. They are mojibake, with no
    fix; a clause that asks keeps its half-width question mark's fix, an A-not-A question
    too (好不好?, 落实了没有?), which mojibake reported as a lost character."""
    draft = tmp_path / "a.txt"
    source = ("联系人：王?（办公室）\n参会领导：朱?基、张?\n?启明同志主持会议。\n"
              "工作做得好不好?群众说了算。\n责任落实了没有?\n我们该怎么办?\n")
    draft.write_text(source, encoding="utf-8")
    command = [sys.executable, "-m", "lint", "-f", "unix", "--rule", "mojibake",
               "--rule", "halfwidth-punct", "--disable", "required-sections", str(draft)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert [line.split(":", 1)[1] for line in done.stdout.splitlines() if ":" in line] == [
        "1:6: 乱码：“王?（”中的“?”代替了一个丢失的字 [Error/mojibake]",
        "2:7: 乱码：“朱?基”中的“?”代替了一个丢失的字 [Error/mojibake]",
        "2:11: 乱码：“张?”中的“?”代替了一个丢失的字 [Error/mojibake]",
        "3:1: 乱码：“?启”中的“?”代替了一个丢失的字 [Error/mojibake]",
        "4:8: 中文语境中应使用全角问号“？” [Error/halfwidth-punct]",
        "5:8: 中文语境中应使用全角问号“？” [Error/halfwidth-punct]",
        "6:7: 中文语境中应使用全角问号“？” [Error/halfwidth-punct]"]
    subprocess.run([*command, "--fix"], capture_output=True)
    assert draft.read_text(encoding="utf-8") == source.replace(
        "好不好?", "好不好？").replace("没有?", "没有？").replace("办?", "办？")


@pytest.mark.parametrize("text, expected", [
    # a question word right before the ?, or one the list lacked: a question (a regression
    # hunt found them called lost characters once the line's end was mojibake's)
    ("效果如何?\n", [("halfwidth-punct", 4)]),
    ("原因何在?\n", [("halfwidth-punct", 4)]),
    ("还要等多久?\n", [("halfwidth-punct", 5)]),
    ("他问：“你来了?”\n", [("halfwidth-punct", 7)]),   # a quoted question
    # a figure's ? at the line's end is Latin text's or a URL's
    ("支持Python 3?\n", []),
    ("详见https://www.gov.cn/zhengce/2024?\n", []),
    ("参会人员：张?\n", [("mojibake", 6)]),
])
def test_questions_and_lost_characters_at_a_line_end(linter, text, expected):
    found = linter.lint_text(text, only={"halfwidth-punct", "mojibake"})
    assert [(f.rule_id, f.start) for f in found] == expected


def test_a_chinese_line_naming_english_products_is_chinese(linter):
    text = "登录 Web of Science,检索 SCI 论文.\n"
    assert [(f.start, text[f.start:f.end]) for f in
            linter.lint_text(text, only={"halfwidth-punct"})] == [(17, ","), (27, ".")]


def test_a_long_match_is_quoted_shortened_in_the_message(linter):
    """A run of 54 X (a form's blank typed out) was quoted whole: one such finding in a
    scraped page's run of thousands made a line of kilobytes in every format. The message
    quotes 39 characters and "…"; the finding still spans the whole run, and --fix and the
    editors' range see all of it."""
    run = "X" * 54
    text = f"关于做好工作的通知\n负责人：{run}同志\n联系人：XX同志\n"
    found = [(f.rule_id, *line_col(text, f.start),
              f.end - f.start, f.message) for f in linter.lint_text(text, only={"placeholder"})]
    assert found == [("placeholder", 2, 5, 54, f"占位符“{'X' * 39}…”未替换"),
                     ("placeholder", 3, 5, 2, "占位符“XX”未替换")]


@pytest.mark.parametrize(("text", "shown"), [
    ("", ""), ("X" * 40, "X" * 40), ("X" * 41, "X" * 39 + "…"), ("汉" * 5000, "汉" * 39 + "…"),
])
def test_excerpt_keeps_40_characters_whole_and_shortens_longer_ones(text, shown):
    from lint.kinds import excerpt

    assert excerpt(text) == shown
