"""A mainland 公文 written in traditional characters (seeds/001: a 呼市民政局 report pushed
through a converter) is itself the mistake, 规范汉字 being the law for official documents:
the preset's mixed-script (``expect: simplified``) says so once, where the traditional
text starts, instead of 44 findings of simplified characters that would have made it more
traditional. ``expect: any`` (Hong Kong, Macao, Taiwan) keeps the per-character reading
(tests/test_script.py)."""

from __future__ import annotations

import pytest

from lint.rulepack import RuleError
from tests.conftest import linter_with_pack, seed

TAIWAN = "過去一年，我們著力推動各項建設，城市裡的交通更加便利，群眾生活品質持續提升。\n"


def findings(result, rule_id="mixed-script"):
    doc = result.doc
    return [(*doc.position(f.start), doc.text[f.start:f.end], f.message)
            for f in result.findings if f.rule_id == rule_id]


def test_seed_001_is_reported_once(linter, linter_any_script):
    assert findings(linter.lint_file(seed("001"))) == [
        (1, 2, "識", "全文用繁体字书写（37%的汉字是繁体字），应使用规范汉字（简体字）")]
    # read as a traditional document, it has 44 simplified characters in it
    assert len(findings(linter_any_script.lint_file(seed("001")))) == 44


def test_a_simplified_document_is_read_as_before(linter, linter_any_script):
    text = "我们要加强幹部队伍建设，扩大覆盖範圍，乾隆年间，不得干涉内政。\n"
    expected = [(5, "幹"), (16, "範圍")]
    for lin in (linter, linter_any_script):
        assert [(f.start, text[f.start:f.end]) for f in lin.lint_text(text, only={"mixed-script"})
                ] == expected


def test_a_clean_traditional_document(linter, linter_any_script):
    found = linter.lint_text(TAIWAN, only={"mixed-script"})
    assert [(f.start, f.message) for f in found] == [
        (0, "全文用繁体字书写（26%的汉字是繁体字），应使用规范汉字（简体字）")]
    assert linter_any_script.lint_text(TAIWAN, only={"mixed-script"}) == []


def test_a_part_written_in_traditional_characters_is_reported_once(linter, real_corpus):
    """A report with a section pasted from a Hong Kong or Taiwan page: its first lines
    converted to traditional got one finding a word (1,405 for the first 30% of a report),
    or, past 15% of the whole, one saying the whole document was traditional. The part is
    said once, where it starts, with how many lines it runs over; a stray traditional word
    after it is still a finding of its own."""
    import opencc

    path = next(p for p in real_corpus if "北京市" in p.name)
    lines = path.read_text(encoding="utf-8").split("\n")
    convert = opencc.OpenCC("s2hk").convert
    for share in (0.3, 0.38):
        cut = int(len(lines) * share)
        text = "\n".join([*map(convert, lines[:cut]), *lines[cut:]])
        text = text.replace("蓝图已经绘就", "藍图已经绘就")  # (in the simplified part)
        found = [(f.start, f.message) for f in linter.lint_text(text, only={"mixed-script"})]
        first_line = text.split("\n")[0]
        stray = text.index("藍图已经绘就")
        assert [m for _, m in found] == [
            f"此处起{found[0][1][3:5]}行用繁体字书写（{found[0][1][13:16]}的汉字是繁体字），"
            "应使用规范汉字（简体字）", "简体文稿中混入繁体字“藍”，应为“蓝”"], share
        assert found[0][1][13:16] in ("34%", "35%")
        assert found[0][0] == next(i for i, ch in enumerate(first_line)
                                   if ch != opencc.OpenCC("t2s").convert(ch))
        assert found[1][0] == stray
        assert int(found[0][1][3:5]) in range(cut - 6, cut + 1)


def test_the_message_is_the_users(tmp_path):
    lin = linter_with_pack(tmp_path, "rules: {}\n")
    assert lin.compiled["mixed-script"].kind.opts["expect"] == "simplified"
    pack = """
rules:
  - id: hk-script
    kind: script
    expect: simplified
    document_message: 本文件使用{script}字（{share}），对外发布前转为{other}字
    why: test
    examples: {bad: [過去一年，我們著力推動各項建設。]}
"""
    lin = linter_with_pack(tmp_path, pack)
    assert [f.message for f in lin.lint_text(TAIWAN, only={"hk-script"})] == [
        "本文件使用繁体字（26%），对外发布前转为简体字"]


@pytest.mark.parametrize("option, complaint", [
    ("expect: traditional", "'expect' must be 'any' or 'simplified'"),
    ("document_message: '{nope}'", "bad placeholder in 'document_message'"),
    ("exceptions: ['/於(?=桂兰/']",
     r"pack.yaml:5: rule 's': bad regular expression '於\(\?=桂兰': missing \)"),
])
def test_option_mistakes(tmp_path, option, complaint):
    pack = f"""
rules:
  - id: s
    kind: script
    {option}
    why: test
    examples: {{bad: [幹部]}}
"""
    with pytest.raises(RuleError, match=complaint):
        linter_with_pack(tmp_path, pack)


def test_a_traditional_report_builds_no_s2t(linter, monkeypatch):
    """Deciding that a report is written in traditional characters needs only t2s: a fifth
    of its characters changed is no handful of strays. s2t (~20 ms and ~7 MB to build, in
    every process of a parallel run) is built only for the per-character reading."""
    from lint.kinds import script

    monkeypatch.setattr(script, "_CONVERTERS", {})
    report = "工作报告\n" + TAIWAN * 60  # no terms to write back in traditional forms (s2t)
    found = linter.lint_text(report)
    assert [(f.rule_id, f.start) for f in found if f.rule_id == "mixed-script"] == [
        ("mixed-script", 5)]
    assert sorted(script._CONVERTERS) == ["t2s"]


def test_a_short_simplified_note_with_two_traditional_words_is_simplified(linter):
    """学習 is two of eight characters of a one-line note: the share shortcut is for texts
    longer than a short note, and the majority decides below that (a review found the
    note reported as written in traditional characters)."""
    text = "请各单位认真學習。\n"
    assert [(f.start, f.message) for f in linter.lint_text(text, only={"mixed-script"})] == [
        (6, "简体文稿中混入繁体字“學習”，应为“学习”")]
