"""mixed-script, conversion-artifact, mojibake and sentence-length on the seeds, the real
corpus and traditional fixtures, with exact positions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lint.document import Document
from lint.fix import apply_fixes
from lint.kinds.length import LengthKind
from tests.conftest import found, real_findings, seed


@pytest.fixture(scope="module")
def linter(linter_any_script):
    """These tests check traditional documents character by character, as a Hong Kong,
    Macao or Taiwan user does (mixed-script ``expect: any``); the preset's own reading of a
    mainland document written in traditional characters is tests/test_document_script.py."""
    return linter_any_script


FIXTURES = Path(__file__).parent / "fixtures" / "script"
ERROR_RULES = ("mixed-script", "conversion-artifact", "mojibake", "doubled-char")


@pytest.fixture(scope="module")
def seed001(linter):
    return linter.lint_file(seed("001"))


def messages(result, rule_id: str) -> list[tuple[int, int, str]]:
    doc = result.doc
    return [(*doc.position(f.start), f.message) for f in result.findings if f.rule_id == rule_id]


# -- mixed-script -----------------------------------------------------------------------
def test_mixed_script_reports_leaked_simplified_characters_in_seed001(seed001):
    reported = messages(seed001, "mixed-script")
    assert len(reported) == 44
    assert reported[:4] == [
        (4, 24, "繁体文稿中混入简体字“于”，应为“於”"),   # 關于意識形態
        (6, 423, "繁体文稿中混入简体字“于”，应为“於”"),
        (6, 476, "繁体文稿中混入简体字“干”，应为“幹”"),  # 領導干部
        (7, 2, "繁体文稿中混入简体字“范”，应为“範”"),    # 檢/查范圍 across a line break
    ]
    assert (34, 39, "繁体文稿中混入简体字“范”，应为“範”") in reported  # 考核范圍


def test_mixed_script_skips_variants_taiwan_and_hong_kong_disagree_on(seed001):
    # 考核 (Taiwan) / 考覈 (OpenCC), 群 (Taiwan) / 羣 (Hong Kong): never errors
    text = seed001.doc.text
    flagged = {text[f.start:f.end] for f in seed001.findings if f.rule_id == "mixed-script"}
    assert "核" not in flagged and "群" not in flagged
    assert flagged == {"于", "干", "范", "后", "余", "采", "托", "征", "咨", "筑", "周", "斗"}


def test_taiwan_standard_forms_are_not_simplified_intrusions(linter):
    """OpenCC's s2t, s2tw and s2hk all turn 公布 into 公佈, 占 into 佔, 雇用 into 僱用, 范先生
    into 範先生: a Taiwan notice writing the standard forms (總統依法公布法律) got eight
    findings, every one wrong. A simplified character that is no such form is still one."""
    text = ("總統依法公布法律，行政院今日宣布擴大補助範圍，相關資料分布於各部會網站。\n"
            "本計畫占總預算三成，週末及周末假日均開放，雇用人數增加，范先生、余主任出席。\n"
            "會議決定加强管理，擴大覆盖範圍。\n")
    found = [(f.start, text[f.start:f.end]) for f in
             linter.lint_text(text, only={"mixed-script"})]
    assert found == [(text.index("强"), "强"), (text.index("盖"), "盖")]
    # a surname starts a name: the 于 of 由于, 关于, 对于 before a title is still reported
    text = "過去一年，我們堅持穩中求進。由于主任不在，會議改期。關于委員會的組成，另行通知。\n"
    assert [text[f.start:f.end] for f in linter.lint_text(text, only={"mixed-script"})] == [
        "于", "于"]


def test_an_exception_as_long_as_its_line_still_excepts(tmp_path):
    """Exceptions were looked for within 60 characters of a reported character (a
    regression hunt): a user's ``/《[^》\\n]*》/`` over an 80-character title no longer
    excepted the 有關 in it. They are looked for in the reported characters' lines."""
    from lint.config import load
    from lint.engine import Linter

    (tmp_path / "gwlint.yaml").write_text(
        "rules:\n  mixed-script:\n    exceptions: ['/《[^》\\n]*》/']\n", encoding="utf-8")
    lin = Linter(load(start=tmp_path))
    title = ("关于进一步加强和改进新时代基层社会治理工作推动城乡社区建设高质量发展"
             "若干措施以及相关配套政策落实情况和有关工作安排部署的实施意见暨有關事项")
    text = f"根据有关规定，现将《{title}》转发给你们。有關部门请遵照执行。\n"
    assert [f.start for f in lin.lint_text(text, only={"mixed-script"})] == [
        text.rindex("關")]


def test_mixed_script_reads_words_split_by_converter_pinyin(seed001):
    # 調(diào)研制度: 研 and 制 are not 研制, whatever the pinyin in between
    line36 = [col for line, col, _ in messages(seed001, "mixed-script") if line == 36]
    assert line36 == [100, 213, 222, 333]


@pytest.mark.parametrize("name", ["traditional_tw.txt", "traditional_hk.txt"])
def test_clean_traditional_documents_are_clean(linter, name):
    result = linter.lint_file(FIXTURES / name)
    assert [f for f in result.findings if f.rule_id in ERROR_RULES] == []


def test_traditional_in_simplified_is_reported_phrase_aware(linter):
    text = ("我们要加强幹部队伍建设，扩大覆盖範圍，乾隆年间，不得干涉内政，学习范仲淹，"
            "开工建设周至至乾县公路。")
    result = linter.lint_text(text, only={"mixed-script"})
    assert [(f.start, text[f.start:f.end], f.message) for f in result] == [
        (5, "幹", "简体文稿中混入繁体字“幹”，应为“干”"),
        (16, "範圍", "简体文稿中混入繁体字“範圍”，应为“范围”"),
    ]


def test_the_surname_yu_is_no_traditional_character(linter):
    """於 is 规范汉字 as a surname (于 otherwise): a person's 於 is left alone, while the
    preposition, 由於 (even before a name: when unsure, reported), 於是 and 於2023年 are
    still reported."""
    names = ("於桂兰同志参加会议。副县长於海波主持会议。"
             "出席：张建国、於桂兰、李卫东，於敏等3人列席。\n")
    assert linter.lint_text(names, only={"mixed-script"}) == []
    text = "会议於2023年召开，於是决定项目位於城区。由於时间紧，由於桂兰同志主持。\n"
    assert [(f.start, f.message) for f in linter.lint_text(text, only={"mixed-script"})] == [
        (2, "简体文稿中混入繁体字“於”，应为“于”"),
        (11, "简体文稿中混入繁体字“於”，应为“于”"),
        (18, "简体文稿中混入繁体字“於”，应为“于”"),
        (23, "简体文稿中混入繁体字“於”，应为“于”"),
        (29, "简体文稿中混入繁体字“於”，应为“于”"),
    ]


def test_yu_before_a_time_word_is_no_surname(linter):
    """市长於周一主持……, 局长於次日主持……: 於 after a title and before a time word was read
    as a surname (於周一 as a name, then 主持), and not reported."""
    text = "市长於周一主持召开常务会议。局长於次日主持召开专题会议。书记於晚上主持会议。\n"
    assert [(f.start, f.message) for f in linter.lint_text(text, only={"mixed-script"})] == [
        (2, "简体文稿中混入繁体字“於”，应为“于”"),
        (16, "简体文稿中混入繁体字“於”，应为“于”"),
        (30, "简体文稿中混入繁体字“於”，应为“于”"),
    ]


def test_mixed_script_is_silent_on_the_real_corpus(linter, real_corpus):
    for path in real_corpus:
        result = linter.lint_file(path)
        assert found(result, "mixed-script") == [], path.name


# -- conversion-artifact ----------------------------------------------------------------
def test_conversion_artifact_reports_pinyin_in_seed001(seed001):
    reported = found(seed001, "conversion-artifact")
    # 255 in all, but line 2 is a web page's 发布时间/来源 line and line 3 the title again,
    # each reported whole by web-residue (covers: true): their 發(fā) and 態(tài) are no
    # findings of their own
    assert len(reported) == 253
    assert reported[:3] == [(1, 5), (4, 29), (4, 49)]
    assert messages(seed001, "conversion-artifact")[0][2] == "转换残留：“態”后的拼音“(tài)”应删除"


def test_conversion_artifact_fix_removes_the_pinyin(linter):
    text = "意識形態(tài)工作，發（fā）布時間，現(xiàn)將情況匯報如下。"
    findings = linter.lint_text(text, only={"conversion-artifact"})
    fixed, applied = apply_fixes(text, findings)
    assert fixed == "意識形態工作，發布時間，現將情況匯報如下。"
    assert len(applied) == 3


@pytest.mark.parametrize(("text", "expected"), [
    # the character the pinyin belongs to is gone: the pinyin is its only trace
    ("推进意识形(tài)工作", [(5, "转换残留：拼音“(tài)”不是“形”的读音，它所注的字已丢失或成了乱码，"
                             "请对照原稿改正", False)]),
    # ... or garbled (seed 001: 戰 read as ?箲)
    ("成績?箲(zhàn)勝利", [(4, "转换残留：拼音“(zhàn)”不是“箲”的读音，它所注的字已丢失或成了乱码，"
                          "请对照原稿改正", False)]),
    # a reading of the character before it, in either script, tone as written or not
    ("意识形态(tài)工作", [(4, "转换残留：“态”后的拼音“(tài)”应删除", True)]),
    ("發（fā）布，綠(lǜ)色，乾(qián)坤", [(1, "转换残留：“發”后的拼音“（fā）”应删除", True),
                                   (8, "转换残留：“綠”后的拼音“(lǜ)”应删除", True),
                                   (15, "转换残留：“乾”后的拼音“(qián)”应删除", True)]),
])
def test_conversion_artifact_deletes_only_a_reading_of_the_character_before(
        linter, text, expected):
    findings = linter.lint_text(text, only={"conversion-artifact"})
    assert [(f.start, f.message, f.fix is not None) for f in findings] == expected


@pytest.mark.parametrize("text", [
    # a writer's annotation of a reading: a character with several readings, or not one of
    # the common ones (GB 2312's second level), that no conversion changes
    "蚌(bèng)埠市、六(lù)安市、亳(bó)州市、番(pān)禺区的同志参加了会议。",
    "珲(hún)春市、阆(làng)中市。",
])
def test_conversion_artifact_leaves_a_writers_annotation(linter, text):
    assert linter.lint_text(text, only={"conversion-artifact"}) == []


def test_conversion_artifact_annotations_in_a_converted_document_are_the_converters(linter):
    """Where the converter shows (態(tài), or 态(tài): a common character with one reading),
    the same pinyin after a character with several readings is its too, and so is pinyin
    without a tone mark that is a reading of its character (們(men), the neutral tone)."""
    text = "意識形態(tài)工作，我們(men)在蚌(bèng)埠市召開會議，詳見附件(a)。"
    findings = linter.lint_text(text, only={"conversion-artifact"})
    assert [(f.start, text[f.start:f.end], f.fix is not None) for f in findings] == [
        (4, "(tài)", True), (14, "(men)", True), (21, "(bèng)", True)]
    assert findings[1].message == "转换残留：“們”后的拼音“(men)”应删除"
    fixed, _ = apply_fixes(text, findings)
    assert fixed == "意識形態工作，我們在蚌埠市召開會議，詳見附件(a)。"
    simplified = "推进意识形态(tài)工作，蚌(bèng)埠市。"
    assert [f.start for f in linter.lint_text(simplified, only={"conversion-artifact"})] == [
        6, 15]


def test_pinyin_readings_come_from_pypinyin_without_importing_it():
    import subprocess
    import sys

    code = ("import sys; from lint import pinyin; "
            "print(sorted(pinyin.readings('態')), sorted(pinyin.readings('乾')), "
            "pinyin.readings('a'), 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == "['tai'] ['gan', 'qian'] None False\n"


def test_pinyin_table_is_bisected_line_by_line():
    from lint.pinyin import _value

    table = '{\n"12295": "líng,yuán",\n"19968": "yī,yí",\n"24907": "tài",\n"205705": "mò"\n}'
    data = table.encode("utf-8")
    assert [_value(data, code) for code in (12295, 19968, 24907, 205705)] == [
        "líng,yuán", "yī,yí", "tài", "mò"]
    assert [_value(data, code) for code in (0, 12296, 24906, 24908, 999999)] == [None] * 5
    assert _value(b'{\n"a": "b"\n}', 1) is None  # not a table of code points


def test_without_a_pinyin_table_every_pinyin_is_deleted_as_before(linter, monkeypatch):
    from lint import pinyin

    monkeypatch.setattr(pinyin, "_known", {})
    monkeypatch.setattr(pinyin, "_loaded", True)
    monkeypatch.setattr(pinyin, "_table", None)
    findings = linter.lint_text("推进意识形(tài)工作", only={"conversion-artifact"})
    assert [(f.start, f.fix is not None) for f in findings] == [(5, True)]


# -- mojibake ---------------------------------------------------------------------------
def test_mojibake_reports_the_lost_character_in_seed001(seed001):
    assert messages(seed001, "mojibake") == [
        (16, 227, "乱码：“績?箲”中的“?”代替了一个丢失的字"),
    ]


def test_mojibake_lost_characters_in_the_real_corpus(linter, real_corpus):
    """Two characters the published texts lost: after 、 (no question mark follows it) and
    before 。 (none precedes it)."""
    found = real_findings(linter, real_corpus, {"mojibake"})
    assert found == {("2026_湖南省_政府工作报告.txt", "mojibake", 8, 575),  # 二期、?水灌区
                     ("2026_重庆市_政府工作报告.txt", "mojibake", 23, 553)}  # 进入前1?。


@pytest.mark.parametrize(("text", "expected"), [
    ("二期、?水灌区", [(3, "乱码：“、?水”中的“?”代替了一个丢失的字")]),
    ("进入前1?。", [(4, "乱码：“1?。”中的“?”代替了一个丢失的字")]),
    ("成績?箲勝利", [(2, "乱码：“績?箲”中的“?”代替了一个丢失的字")]),
    ("是否完成吗?下一步", []),    # a half-width question mark (halfwidth-punct)
    ("你去吗?，他说", []),
    ("What? 这是问题。", []),
])
def test_mojibake_question_marks(linter, text, expected):
    result = linter.lint_text(text, only={"mojibake"})
    assert [(f.start, f.message) for f in result] == expected


def test_mojibake_gives_back_utf8_text_read_as_gbk(tmp_path):
    """UTF-8 read as GBK, the commonest Chinese mojibake, was not reported as mojibake:
    鍏ㄥ勾瀹屾垚 got mixed-script findings with meaningless suggestions (鎶 → 鿔), 钀藉疄 and
    锟斤拷 nothing. Encoded back to GBK, such text is the UTF-8 bytes it was: the fix writes
    the original; 锟斤拷 (U+FFFD's bytes) is a character lost before, with no fix."""
    source = ("关于召开会议的通知\n今年以来，我局锟斤拷认真贯彻落实上级部署。\n"
              "浠婂勾浠ユ潵鎴戜滑璁ょ湡瀛︿範。\n鍏ㄥ勾瀹屾垚鎶曡祫。\n宸ヤ綔鎯呭喌。\n钀藉疄。\n")
    draft = tmp_path / "a.txt"
    draft.write_text(source, encoding="utf-8")
    command = [sys.executable, "-m", "lint", "-f", "unix", str(draft)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert [line.split(":", 1)[1] for line in done.stdout.splitlines() if ":" in line] == [
        "2:8: 乱码：“锟斤拷”是按GBK误读的替换字符，原来的字已丢失 [Error/mojibake]",
        "3:1: 乱码：“浠婂勾浠ユ潵鎴戜滑璁ょ湡瀛︿範”是按GBK误读的UTF-8文字，"
        "原文为“今年以来我们认真学习” [Error/mojibake]",
        "4:1: 乱码：“鍏ㄥ勾瀹屾垚鎶曡祫”是按GBK误读的UTF-8文字，原文为“全年完成投资” "
        "[Error/mojibake]",
        "5:1: 乱码：“宸ヤ綔鎯呭喌”是按GBK误读的UTF-8文字，原文为“工作情况” [Error/mojibake]",
        "6:1: 乱码：“钀藉疄”是按GBK误读的UTF-8文字，原文为“落实” [Error/mojibake]"]
    subprocess.run([*command, "--fix"], capture_output=True)
    assert draft.read_text(encoding="utf-8") == (
        "关于召开会议的通知\n今年以来，我局锟斤拷认真贯彻落实上级部署。\n今年以来我们认真学习。\n"
        "全年完成投资。\n工作情况。\n落实。\n")


def test_no_stretch_of_real_text_reads_as_misread_utf8():
    """The test for UTF-8 read as GBK, run on every stretch of the seeds (gwlint looks only
    around the characters such text is made of), finds nothing."""
    import re

    from lint.kinds.garbled import misread

    for path in sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [m.group() for m in re.finditer(r"[^\x00-\x7f\s\ufffd]+", text)
                if misread(m.group())] == []


def test_mojibake_reports_replacement_control_and_private_use_characters(linter):
    text = "第一段\ufffd\ufffd内容\n会议\x07召开\n单位\ue000字\t正常\r\n"
    result = linter.lint_text(text, only={"mojibake"})
    assert [(f.start, f.end) for f in result] == [(3, 5), (10, 11), (16, 17)]


def test_mojibake_reports_bidirectional_controls(linter):
    """U+202E shows 会议于日8月3召开 as 会议于3月8日召开: invisible, and it reorders the text
    (pasted from a web page or a chat); the isolates U+2066-U+2069 too. Not U+200B or
    U+FEFF, which reorder nothing."""
    text = "会议于\u202e日8月3\u202c召开，\u2067甲\u2069与\u200b乙。"
    result = linter.lint_text(text, only={"mojibake"})
    assert [(f.start, f.end, f.message) for f in result] == [
        (3, 4, "乱码：不可见的文字方向控制字符，会打乱文字的显示顺序"),
        (8, 9, "乱码：不可见的文字方向控制字符，会打乱文字的显示顺序"),
        (12, 13, "乱码：不可见的文字方向控制字符，会打乱文字的显示顺序"),
        (14, 15, "乱码：不可见的文字方向控制字符，会打乱文字的显示顺序")]


# -- sentence-length --------------------------------------------------------------------
def test_sentence_length_on_a_real_report(linter, real_corpus):
    path = next(p for p in real_corpus if "北京市" in p.name)
    result = linter.lint_file(path)
    assert messages(result, "sentence-length") == [
        (8, 1, "句子过长（217字，超过150字），建议拆分"),
        (31, 1, "句子过长（204字，超过150字），建议拆分"),
        (35, 25, "句子过长（318字，超过150字），建议拆分"),
        (89, 15, "句子过长（164字，超过150字），建议拆分"),
    ]
    assert all(f.level.value == "info" for f in result.findings if f.rule_id == "sentence-length")


def test_sentence_length_max_is_configurable(linter):
    text = "一二三四五六七八九十。一二三四五，六七八九十一二。"
    assert linter.lint_text(text, only={"sentence-length"}) == []
    kind = LengthKind(linter.rules["sentence-length"].with_options({"max": 10}))
    assert [(f.start, f.end, f.message) for f in kind.check(Document(text))] == [
        (11, 25, "句子过长（14字，超过10字），建议拆分"),
    ]


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_real_corpus_converted_to_traditional_is_clean(linter, real_corpus, config):
    # 塔克拉瑪干, 發布, 市長杯, 了解, 岳陽 … are right in a traditional document
    import opencc

    convert = opencc.OpenCC(config).convert
    for path in real_corpus:
        text = convert(path.read_text(encoding="utf-8"))
        assert linter.lint_text(text, only={"mixed-script"}) == [], path.name


@pytest.mark.parametrize("config", ["s2tw", "s2hk"])
def test_real_corpus_converted_to_traditional_gets_the_findings_of_its_original(
        linter, real_corpus, config):
    """A report typed in Taiwan or Hong Kong characters is the same report: the same
    findings at the same places. Its byline (陝西省省長 趙剛, 甘肅日報記者 盛學卿) was
    reported as stray spaces, and every one lacked 存在问题 (required-sections)."""
    import opencc

    convert = opencc.OpenCC(config).convert

    def where(text: str) -> list[tuple[str, int, int]]:
        found = []
        for f in linter.lint_text(text):
            line_start = text.rfind("\n", 0, f.start) + 1
            found.append((f.rule_id, text.count("\n", 0, f.start) + 1, f.start - line_start + 1))
        return sorted(found)

    for path in real_corpus:
        text = path.read_text(encoding="utf-8")
        assert where(convert(text)) == where(text), path.name


def test_simplified_leaks_into_a_converted_real_report_are_found(linter, real_corpus):
    import opencc

    path = next(p for p in real_corpus if "北京市" in p.name)
    text = opencc.OpenCC("s2tw").convert(path.read_text(encoding="utf-8"))
    at = text.index("工作報告") + 2
    growth = text.index("發展")
    leaked = text[:at] + "报" + text[at + 1:growth] + "发" + text[growth + 1:]
    findings = linter.lint_text(leaked, only={"mixed-script"})
    assert [(f.start, f.end, f.message) for f in findings] == [
        (at, at + 1, "繁体文稿中混入简体字“报”，应为“報”"),
        (growth, growth + 1, "繁体文稿中混入简体字“发”，应为“發”"),
    ]


@pytest.mark.parametrize(("text", "suggestion"), [
    # Taiwan's forms (著, 群, where Hong Kong keeps 着, 羣): a stray 里 is to be 裡, as
    # Taiwan writes it
    ("過去一年，我們著力推動各項建設，城市里的交通更加便利，群眾生活品質持續提升。", "裡"),
    # Hong Kong keeps 羣 and 裏, as OpenCC's standard forms do
    ("過去一年，我們推動各項建設，城市里的交通更加便利，羣眾生活質素持續提升。", "裏"),
    # OpenCC's own standard forms (爲, 衆)
    ("過去一年，我們爲民衆推動各項建設，城市里的交通更加便利，市民生活品質持續提升。", "裏"),
    # nothing tells Taiwan from Hong Kong (為 is both): OpenCC's standard form
    ("過去一年，我們推動各項建設，城市里的交通更加便利，為市民提供服務。", "裏"),
])
def test_a_simplified_character_is_suggested_in_the_documents_regional_form(
        linter, text, suggestion):
    at = text.index("里")
    findings = linter.lint_text(text, only={"mixed-script"})
    assert [(f.start, f.end, f.message) for f in findings] == [
        (at, at + 1, f"繁体文稿中混入简体字“里”，应为“{suggestion}”"),
    ]


def test_a_character_taiwan_and_hong_kong_write_alike_is_suggested_so(linter):
    """A report writing 為 throughout (Taiwan's and Hong Kong's form alike) was told to write
    a stray simplified 为 as 爲, OpenCC's form, which neither writes: the tie between the two
    regional standards fell back to OpenCC's forms everywhere."""
    text = "過去一年，我們認為經濟發展成為重點，為民服務，以改革为動力，城市里的交通更加便利。"
    findings = linter.lint_text(text, only={"mixed-script"})
    assert [(f.start, f.end, f.message) for f in findings] == [
        (text.index("为"), text.index("为") + 1, "繁体文稿中混入简体字“为”，应为“為”"),
        (text.index("里"), text.index("里") + 1, "繁体文稿中混入简体字“里”，应为“裏”"),
    ]
