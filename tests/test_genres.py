"""公文 of other genres than the reports gwlint was built on: a 通知 with its 附件说明 and 附注,
a 请示, a 批复 with its 版记, a 复函, a 会议纪要 with its lists of names, a 实施方案, a speech
and a half-year 工作总结 (tests/fixtures/genres/, written and edited after GB/T 9704-2012 as an
office writes them). The default rules stay silent on them but for one documented finding,
read what each closing line is, and find the slips offices make in them at their line and
column: each defective copy changes one thing in one fixture."""

from __future__ import annotations

import pytest

from lint.document import Document
from tests.conftest import REPO

GENRES = REPO / "tests" / "fixtures" / "genres"
FIXTURES = {path.name[:2]: path for path in sorted(GENRES.glob("*.txt"))}

#: the only findings on the good fixtures: the 通知's 总体要求 is one sentence of 165
#: characters, which sentence-length (info) reports by design
DOCUMENTED = {"01": [("sentence-length", 5, 1)]}


def positions(doc: Document, findings) -> list[tuple[str, int, int]]:
    return sorted((f.rule_id, *doc.position(f.start)) for f in findings)


def test_there_are_eight_genres():
    assert sorted(FIXTURES) == ["01", "02", "03", "04", "05", "06", "07", "08"]
    for path in FIXTURES.values():
        assert 30 <= len(path.read_text(encoding="utf-8").splitlines()) <= 80, path.name


@pytest.mark.parametrize("key", sorted(FIXTURES))
def test_well_edited_documents_of_other_genres_are_clean(linter, key):
    result = linter.lint_file(FIXTURES[key])
    assert positions(result.doc, result.findings) == DOCUMENTED.get(key, [])


def roles(key: str, numbers) -> list[str]:
    doc = Document(FIXTURES[key].read_text(encoding="utf-8"))
    return [doc.structure.role(n) for n in numbers]


def test_closing_parts_are_read_as_gb9704_places_them():
    # 通知: 附件说明 of two names (the second, indented, is no ``2.`` heading), signature,
    # date, and the 附注 below it
    assert roles("01", range(26, 31)) == ["attachment", "attachment", "signature", "date",
                                          "note"]
    # 请示: 附注 with the contact person under the date
    assert roles("02", range(31, 35)) == ["attachment", "signature", "date", "note"]
    # 批复: 附注, then the 版记 (抄送, and the issuing office with its date)
    assert roles("03", range(26, 31)) == ["signature", "date", "note", "imprint", "imprint"]
    # 纪要: 出席 请假 列席 记录, then the 版记
    assert roles("05", range(25, 31)) == ["roster"] * 4 + ["imprint"] * 2
    # speech: title, speaker and date, salutation
    assert roles("07", range(1, 5)) == ["title", "subtitle", "subtitle", "salutation"]


# (fixture, text as written, the slip, [(rule, where it is reported)]): the place is the
# first occurrence of that text inside the slip, or else in the whole copy
SLIPS = [
    ("01", "（一）重点行业领域", "（一）、重点行业领域", [("heading-style", "（一）、")]),
    ("01", "3.道路交通安全整治", "4.道路交通安全整治", [("heading-sequence", "4.")]),
    ("01", "人民政府，市政府各部门", "人民政府,市政府各部门", [("halfwidth-punct", ",")]),
    ("01", "各直属单位：", "各直属单位:", [("halfwidth-punct", ":")]),
    ("01", "市安委会办公室将会同", "XX办公室将会同", [("placeholder", "XX")]),
    ("01", "（此件公开发布）", "(此件公开发布)", [("halfwidth-punct", "(")]),
    ("01", "附件：1.2024年全市", "附件：1.202X年全市", [("placeholder", "202X")]),
    ("01", "　　　2.安全生产", "　　　3.安全生产", [("heading-sequence", "3.")]),
    ("01", "认真落实党中央、国务院", "认真落实党中央、、国务院", [("doubled-punct", "、、")]),
    ("02", "亟待解决", "急待解决", [("terms", "急待解决")]),
    ("02", "妥否，请批示。", "妥否,请批示。", [("halfwidth-punct", ",")]),
    ("02", "三是线路老化", "四是线路老化", [("enum-sequence", "四是")]),
    ("02", "市人民政府：", "市人民政府:", [("halfwidth-punct", ":")]),
    ("02", "（二）实施计划", "（二）、实施计划", [("heading-style", "（二）、")]),
    # a 附注 that lost its closing bracket: the bracket, not a missing period
    ("02", "0571-86543210）", "0571-86543210", [("unmatched-pair", "（联系人")]),
    ("02", "（联系人：李华，联系电话：0571-86543210）", "（联系人：XXX，联系电话：XXXXXXXX）",
     [("placeholder", "XXX，"), ("placeholder", "XXXXXXXX")]),
    # the period lost before the closing formula: not a line broken mid-sentence
    ("02", "及时组织验收和绩效评价。", "及时组织验收和绩效评价", [("missing-period", "价\n")]),
    ("02", "全市现有农村义务教育学校86所", "全市现有农村义务教育学校 86 所",
     [("cjk-spacing", " 86"), ("cjk-spacing", " 所")]),
    ("03", "管理委员会的请示》（临发改", "管理委员会的请示（临发改",
     [("unmatched-pair", "《关于设立")]),
    ("03", "八、高新区管委会成立后", "九、高新区管委会成立后", [("heading-sequence", "九、")]),
    ("03", "（五）负责高新区", "(五)负责高新区", [("heading-style", "(五)")]),
    ("03", "高新区管委会的主要职责", "高新区管委会的的主要职责", [("doubled-char", "的的")]),
    ("03", "市人大常委会办公室，市政协", "市人大常委会办公室，，市政协",
     [("doubled-punct", "，，")]),
    ("03", "2024年6月18日\n", "2024年6月18日\n（此处加盖公章）\n",
     [("placeholder", "（此处加盖公章）")]),
    ("04", "《关于征求〈临江市综合交通运输发展“十四五”规划中期评估报告（征求意见稿）〉意见的函》",
     "《关于征求《临江市综合交通运输发展“十四五”规划中期评估报告（征求意见稿）》意见的函》",
     [("nested-quote", "《临江市")]),
    ("04", "明确为“截至2024年6月底”", "明确为“截止2024年6月底”", [("terms", "截止")]),
    ("04", "实现“一张图”管理", "实现“一张图管理", [("unmatched-pair", "“")]),
    ("04", "2.第二部分第三段", "3.第二部分第三段", [("heading-sequence", "3.")]),
    ("04", "联系人：赵丽，联系电话：0571", "联系人：赵丽,联系电话:0571",
     [("halfwidth-punct", ","), ("halfwidth-punct", ":")]),
    ("05", "出席：张建国　李卫东", "出席：张建国,李卫东", [("halfwidth-punct", ",")]),
    ("05", "请假：周文博（出差）", "请假：周文博（出差", [("unmatched-pair", "（")]),
    ("05", "会议指出，当前我市", "会议指出,当前我市", [("halfwidth-punct", ",")]),
    ("05", "坚决做到“两个维护”", "坚决做到“两个坚决维护”", [("terms", "两个坚决维护")]),
    ("05", "（二）会议同意市教育局", "（二）、会议同意市教育局", [("heading-style", "（二）、")]),
    ("05", "三是前瞻布局未来产业", "四是前瞻布局未来产业", [("enum-sequence", "四是")]),
    ("05", "市长张建国在市政府", "市长×××在市政府", [("placeholder", "×××")]),
    ("05", "确保行动方案落地见效。", "确保行动方案落地见效", [("missing-period", "效\n")]),
    ("06", "一、总体要求", "一.总体要求", [("heading-style", "一.")]),
    ("06", "1.坚持党的领导", "1、坚持党的领导", [("heading-style", "1、")]),
    ("06", "（1）完善线上渠道", "（1）、完善线上渠道", [("heading-style", "（1）、")]),
    ("06", "（3）推动线上线下融合", "（4）推动线上线下融合", [("heading-sequence", "（4）")]),
    ("06", "“急难愁盼”出发", "“急难愁盼出发", [("unmatched-pair", "“")]),
    ("06", "到2025年底，全市一体化", "到202X年底，全市一体化", [("placeholder", "202X")]),
    ("06", "三是建立数字政府建设专家咨询制度", "四是建立数字政府建设专家咨询制度",
     [("enum-sequence", "四是")]),
    # a （1） where （一） belongs: out of order, and the next （二） misses its （一）
    ("06", "（一）指导思想", "（1）指导思想", [("heading-hierarchy", "（1）"),
                                              ("heading-hierarchy", "（二）基本原则"),
                                              ("heading-sequence", "（二）基本原则")]),
    ("07", "第四，基层基础比较薄弱", "第五，基层基础比较薄弱", [("enum-sequence", "第五")]),
    ("07", "为核心的党中央", "为核心的的党中央", [("doubled-char", "的的")]),
    ("07", "安全生产责任重于泰山。", "安全生产责任重于泰山。希望受到表彰的先进集体和个人再接再励。",
     [("terms", "再接再励")]),
    ("07", "（2024年2月26日）", "(2024年2月26日)", [("halfwidth-punct", "(")]),
    ("07", "下面，我讲三点意见。", "下面,我讲三点意见。", [("halfwidth-punct", ",")]),
    ("07", "（一）压紧压实安全责任。", "（一）压紧压实安全责任。。", [("doubled-punct", "。。")]),
    ("08", "增强“四个意识”", "增强“四种意识”", [("terms", "四种意识")]),
    ("08", "（一）坚持党建引领", "(一)坚持党建引领", [("heading-style", "(一)")]),
    ("08", "（三）深化改革创新，", "（三）、深化改革创新，", [("heading-style", "（三）、")]),
    ("08", "1286.5亿元", "XX亿元", [("placeholder", "XX")]),
    ("08", "同比增长5.6%", "同比增长××%", [("placeholder", "××")]),
    ("08", "上半年，全市实现", "上半年,全市实现", [("halfwidth-punct", ",")]),
    ("08", "三是部分改革事项推进较慢", "三是部分改革事项推进较慢。。", [("doubled-punct", "。。")]),
    ("08", "同比增长5.6%，高于", "同比增长5.6%，\n高于", [("broken-line", "，\n")]),
    ("08", "发展改革干部队伍", "发展改革幹部队伍", [("mixed-script", "幹")]),
    ("08", "学纪、知纪、明纪、守纪", "学纪、知纪、明纪、守纪”", [("unmatched-pair", "”")]),
    # a 总结 without its problems, the next section renumbered
    ("08", "二、存在的困难和不足\n", "", [("required-sections", "临江市"),
                                           ("heading-sequence", "三、下半年")]),
]


@pytest.mark.parametrize(("key", "written", "slip", "expected"), SLIPS,
                         ids=[f"{s[0]}-{s[3][0][0]}-{i}" for i, s in enumerate(SLIPS)])
def test_slips_offices_make_are_found_where_they_are(linter, key, written, slip, expected):
    good = FIXTURES[key].read_text(encoding="utf-8")
    assert good.count(written) == 1
    text = good.replace(written, slip)
    if key == "08" and not slip:  # the problems section goes with its one paragraph
        start = text.index("一是经济回升向好")
        text = text[:start] + text[text.index("\n", start) + 1:]
    doc = Document(text, path=str(FIXTURES[key]))
    result = linter.lint_document(doc)
    at = text.index(slip) if slip else 0
    want = []
    for rule, anchor in expected:
        where = at + slip.index(anchor) if anchor in slip else text.index(anchor)
        want.append((rule, *doc.position(where)))
    assert positions(doc, result.findings) == sorted(want + DOCUMENTED.get(key, []))
