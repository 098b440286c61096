"""``covers: true``: a rule whose findings are text to delete (web-residue) takes the other
rules' findings inside them with it. A breadcrumb or 发布时间/来源 line is one finding, not one
plus its half-width colons, spaces and converter pinyin, and ``--fix`` does not tidy up a
line that is to go."""

from __future__ import annotations

import pytest

from lint.rulepack import RuleError
from tests.conftest import linter_with_pack, seed


def test_seed_lines_to_delete_are_one_finding_each(linter):
    result = linter.lint_file(seed("001"))
    line2 = [(f.rule_id, *result.doc.position(f.start)) for f in result.findings
             if result.doc.position(f.start)[0] == 2]
    # 發(fā)布時間: 2017-12-05 來源: … 點擊: (three colons, two spaces, pinyin) before
    assert line2 == [("web-residue", 2, 1)]
    line1 = [(f.rule_id, *result.doc.position(f.start)) for f in result.findings
             if result.doc.position(f.start)[0] == 1]
    # the title keeps its converter pinyin; its page count (十頁) is residue, brackets and all
    # (and the document, in traditional characters, is reported where they start)
    assert line1 == [("mixed-script", 1, 2), ("conversion-artifact", 1, 5),
                     ("web-residue", 1, 21)]
    result = linter.lint_file(seed("004"))
    assert [f.rule_id for f in result.findings if result.doc.position(f.start)[0] == 22] == [
        "web-residue"]


def test_a_finding_partly_outside_is_kept(tmp_path):
    lin = linter_with_pack(tmp_path, """
rules:
  - id: junk
    kind: pattern
    covers: true
    message: junk
    patterns: ['##junk##']
    why: test
    examples: {bad: ['##junk##'], good: [正文。]}
  - id: word
    kind: pattern
    message: word
    patterns: ['junk', '##正文', '正文']
    why: test
    examples: {bad: [正文], good: [文字]}
""")
    text = "##junk##正文\n"
    got = sorted((f.rule_id, f.start, f.end) for f in lin.lint_text(text, only={"junk", "word"}))
    # word's junk lies inside junk's finding; ##正文 straddles its end; 正文 is outside
    assert got == [("junk", 0, 8), ("word", 6, 10), ("word", 8, 10)]


@pytest.mark.parametrize("value", ["yes please", 1, "[]"])
def test_covers_must_be_true_or_false(tmp_path, value):
    with pytest.raises(RuleError, match="'covers' must be true or false") as info:
        linter_with_pack(tmp_path, f"""
rules:
  - id: junk
    kind: pattern
    covers: {value}
    message: junk
    patterns: ['##junk##']
    why: test
    examples: {{bad: ['##junk##'], good: [正文。]}}
""")
    assert info.value.line == 5


def test_real_corpus_caption_credit(linter, real_corpus):
    path = next(p for p in real_corpus if "甘肃" in p.name)
    result = linter.lint_file(path)
    assert [f.rule_id for f in result.findings if result.doc.position(f.start)[0] == 4] == [
        "web-residue"]


def test_a_residue_line_allowed_away_covers_nothing(linter):
    """A disable comment for web-residue on a line: its other findings are reported, as they
    were before covers (the residue finding that would cover them is gone)."""
    from lint.readers import read_bytes

    text = ("# 通知\n\n<!-- gwlint-disable-next-line web-residue -->\n"
            "来源:市政府办公室,点击:100 次\n")
    result = linter.lint_document(read_bytes(text.encode(), "a.md"))
    assert [(f.rule_id, *result.doc.position(f.start)) for f in result.findings] == [
        ("halfwidth-punct", 4, 3), ("halfwidth-punct", 4, 10), ("halfwidth-punct", 4, 13),
        ("cjk-spacing", 4, 17)]
