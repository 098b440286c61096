"""The Markdown reader: only prose is linted, positions are the source's, structure hints
reach the Document, and disable comments keep working."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint.config import load
from lint.engine import Linter
from lint.readers import ReadError, read_bytes, read_path
from lint.readers.markdown import _parser, read_markdown
from lint.structure import analyze
from tests.conftest import linter_with_pack

FIXTURE = Path(__file__).parent / "fixtures" / "markdown" / "report.md"
RULES = {"placeholder", "halfwidth-punct", "cjk-spacing"}


def lint(linter, doc):
    result = linter.lint_document(doc, only=RULES)
    return [(*doc.position(f.start), f.rule_id, doc.text[f.start:f.end]) for f in result.findings]


def messages(linter, doc, rule_id: str) -> list[tuple]:
    """(line, column, the text found, message) of one rule's findings on ``doc``."""
    result = linter.lint_document(doc, only={rule_id})
    return [(*doc.position(f.start), doc.text[f.start:f.end], f.message) for f in result.findings]


def test_report_findings_are_prose_only_at_source_positions(linter):
    doc = read_path(FIXTURE)
    assert doc.kind == "markdown"
    assert lint(linter, doc) == [
        (10, 13, "placeholder", "*"),           # 信息*条: a lone star is a placeholder
        (12, 10, "placeholder", "_"),           # 和_实践_相: CommonMark leaves intraword _ literal
        (12, 13, "placeholder", "_"),
        (12, 17, "halfwidth-punct", ","),
        (27, 9, "halfwidth-punct", ","),        # in a bullet item
        (28, 8, "placeholder", "\\*"),          # \* is a literal star (from its escape)
        (30, 9, "halfwidth-punct", ","),        # in a block quote
        (34, 10, "placeholder", "XX"),          # in a table cell
    ]


def test_report_as_plain_text_would_report_the_syntax(linter):
    """The same bytes read as .txt: front matter, emphasis, links, code, URLs all reported."""
    doc = read_bytes(FIXTURE.read_bytes(), "report.txt")
    lines = {line for line, *_ in lint(linter, doc)}
    assert {2, 3, 10, 17, 20, 22} <= lines


def test_syntax_is_blanked_and_masked_text_is_kept():
    doc = read_path(FIXTURE)
    prose_lines = doc.prose.split("\n")
    assert prose_lines[7] == "   一、主要工作情况"
    assert prose_lines[9].startswith("一年来，累计上报各类信息*条，开展  重点  学习。详见 通知 ")
    assert prose_lines[9].rstrip().endswith("。")
    assert "https" not in prose_lines[9] and "标题" not in prose_lines[9]
    assert prose_lines[11] == "我们坚持 学习 和_实践_相结合,推动工作落实。"
    autolink, bare_url, code = " " * 25, " " * 32, " " * 13
    assert prose_lines[13].strip() == f"访问{autolink}或{bare_url}获取{code}文件。"
    assert prose_lines[26] == "  学习形式单一,缺乏针对性。"
    assert prose_lines[29] == "  引用中的问题,也要检查。"
    for number in (1, 2, 3, 4, 16, 17, 18, 20, 22, 25, 33, 36, 38, 40):  # front matter, code,
        assert not prose_lines[number - 1].strip(), number         # html, markup, ref defs
    assert doc.text == FIXTURE.read_text(encoding="utf-8")


def test_heading_lines_are_recorded_and_marks_blanked():
    doc = read_markdown("# 报告\n\n## 一、工作 ##\n\n二、问题\n---\n\n正文。\n".encode(), "a.md")
    assert doc.meta["heading_lines"] == {1, 3, 5}
    assert doc.prose.split("\n") == ["  报告", "", "   一、工作   ", "", "二、问题", "   ", "",
                                     "正文。", ""]


def test_quotes_emphasis_links_and_headings_are_located_with_their_syntax():
    """``doc.meta["node_spans"]``, for a rule's ``skip_in`` (CRLF lines: text offsets)."""
    doc = read_markdown("# 标题\r\n\r\n> 引用\r\n> 二行\r\n\r\n"
                        "正文*甲*和**乙**、~~丙~~、[丁](a.md)，上报*条，开展*次。\r\n".encode(),
                        "a.md")
    assert {kind: [doc.text[a:b] for a, b in spans]
            for kind, spans in doc.meta["node_spans"].items()} == {
        "blockquote": ["> 引用\r\n> 二行"], "emphasis": ["*甲*"], "strong": ["**乙**"],
        "strikethrough": ["~~丙~~"], "link": ["[丁](a.md)"], "heading": ["# 标题"]}


def test_terms_skip_in_leaves_the_named_markdown_parts_alone(tmp_path):
    linter = linter_with_pack(tmp_path, """
rules:
  - id: office-terms
    kind: terms
    terms: [{expected: 意识形态, pattern: 意识型态}]
    skip_in: [blockquote, link]
    why: t
    examples: {bad: [意识型态], good: [意识形态]}
""")
    text = "# 意识型态\n\n> 意识型态\n\n正文*意识型态*，[意识型态](a.md)。\n"
    assert [p[:2] for p in messages(linter, read_bytes(text.encode(), "a.md"), "office-terms")
            ] == [(1, 3), (5, 4)]
    # a text file has no such parts: everything is checked
    assert [p[:2] for p in messages(linter, read_bytes(text.encode(), "a.txt"), "office-terms")
            ] == [(1, 3), (3, 3), (5, 4), (5, 11)]


def test_terms_skip_in_names_only_known_parts(tmp_path):
    with pytest.raises(Exception, match=r"pack.yaml:8: rule 'office-terms': 'skip_in' must be "
                                        r"a list of Markdown parts: blockquote, emphasis"):
        linter_with_pack(tmp_path, """
rules:
  - id: office-terms
    kind: terms
    terms: [{expected: 意识形态, pattern: 意识型态}]
    why: t
    examples: {bad: [意识型态], good: [意识形态]}
    skip_in: [quote]
""")


def test_emphasis_is_not_a_placeholder_but_a_lone_star_is(linter):
    doc = read_markdown("要**加强**学习，*提高*认识，上报信息*条。\n".encode(), "a.md")
    assert lint(linter, doc) == [(1, 22, "placeholder", "*")]


def test_bold_beside_chinese_punctuation_is_emphasis_not_a_placeholder(tmp_path):
    """Plain CommonMark leaves ``**`` after ``。`` and before a letter on the page, so a bold
    run-in heading (208 findings on the real reports written as Markdown) was two
    placeholders and no heading. The CJK-friendly amendments read it as the writer meant."""
    doc = read_markdown("一、工作情况\n\n**（一）加强组织领导。**各单位要落实。\n\n"
                        "**（二）完善制度。**坚持**“三个务必”**的要求，上报信息*条。\n".encode(),
                        "a.md")
    assert lint(Linter(load(start=tmp_path)), doc) == [(5, 33, "placeholder", "*")]
    assert [(h.line.number, h.level, h.number) for h in analyze(doc).headings] == [
        (1, 1, 1), (3, 2, 1), (5, 2, 2)]
    # without a CJK character beside the run the amendments change nothing
    assert [t.type for t in _parser().parseInline("a**b.**c")[0].children] == ["text"]
    assert [t.type for t in _parser().parseInline("a**b。**c")[0].children] == [
        "text", "strong_open", "text", "strong_close", "text"]


def test_masks_that_would_be_emphasis_opening_on_a_comma_stay_placeholders(linter):
    """``：***，电话：***。`` and ``（**）…，**（`` pair as emphasis in CommonMark; no writer's
    emphasis opens on a comma or a closing bracket, so they are masks (bold that closes on
    ``。`` is still bold)."""
    doc = read_markdown("联系人：***，电话：***。\n\n该同志（**）表现好，**（签字）\n\n"
                        "**（一）加强领导。**要**“三个务必”**。\n".encode(), "a.md")
    assert lint(linter, doc) == [(1, 5, "placeholder", "***"), (1, 12, "placeholder", "***"),
                                 (3, 5, "placeholder", "**"), (3, 12, "placeholder", "**")]


def test_template_stars_around_punctuation_stay_placeholders(linter):
    """CommonMark reads 信息*条，开展*次 as emphasis; a template means two placeholders."""
    doc = read_markdown("上报信息*条，开展*次学习。\n".encode(), "a.md")
    assert lint(linter, doc) == [(1, 5, "placeholder", "*"), (1, 10, "placeholder", "*")]


def test_crlf_and_cr_line_endings_report_editor_lines(linter):
    source = "# 标题\n\n```\nx,y\n```\n\n- 第一,第二\n> 引用,内容\n"
    for newline in ("\r\n", "\r"):
        doc = read_markdown(source.replace("\n", newline).encode(), "a.md")
        assert lint(linter, doc) == [(7, 5, "halfwidth-punct", ","),
                                     (8, 5, "halfwidth-punct", ",")], repr(newline)
        assert doc.meta["heading_lines"] == {1}


def test_disable_comments_work_inline_and_as_blocks(linter):
    source = ("开展xxx次。\n\n<!-- gwlint-disable placeholder -->\n开展xxx次。\n"
              "<!-- gwlint-enable placeholder -->\n\n"
              "开展<!-- textlint-disable -->xxx<!-- textlint-enable -->次，再开展XX次。\n")
    doc = read_markdown(source.encode(), "a.md")
    assert lint(linter, doc) == [(1, 3, "placeholder", "xxx"), (7, 60, "placeholder", "XX")]


def test_link_destinations_images_and_reference_definitions_are_not_prose(linter):
    source = ("见[文件](<a b,c.html> '题,名')和![图,示](p,q.png)与[简写][ref]，再见[简写]。\n\n"
              "[ref]: http://x/a,b\n[简写]: http://x/c,d '说明,文字'\n")
    doc = read_markdown(source.encode(), "a.md")
    assert lint(linter, doc) == []
    assert doc.prose.split("\n")[0].replace(" ", "") == "见文件和与简写，再见简写。"


def test_punctuation_after_a_bare_url_is_prose(linter):
    """A bare URL took the half-width marks after it (``htm,请`` ``htm).请``): they were
    blanked with it and never reported, though the same text as .txt reports them. A URL
    ends as GFM's extended autolinks do: without trailing ``?!.,:;*_~`` nor a ``)`` it
    does not open; its own balanced brackets, and marks inside it, stay in it."""
    text = ("详见https://www.gov.cn/zhengce/content_123.htm,请各单位查阅。\n\n"
            "有关材料已发布(网址:https://www.gov.cn/a.htm).请查阅。\n\n"
            "参见https://en.wikipedia.org/wiki/Markup_(business);另见www.gov.cn:"
            "各地区。\n\n网址https://a.cn/?q=1&hl;,完。\n")
    doc = read_markdown(text.encode(), "a.md")
    found = lint(linter, doc)
    assert found == [(1, 45, "halfwidth-punct", ","),
                     (3, 8, "halfwidth-punct", "(网址:https://www.gov.cn/a.htm)"),
                     (3, 11, "halfwidth-punct", ":"), (5, 50, "halfwidth-punct", ";"),
                     (5, 63, "halfwidth-punct", ":"), (7, 24, "halfwidth-punct", ",")]
    assert found[:4] == lint(linter, read_bytes(text.encode(), "a.txt"))[:4]
    assert "(business)" not in doc.prose and "q=1" not in doc.prose
    assert doc.prose.split("\n")[6].endswith("&hl;,完。")  # (an entity's look is not the URL's)


def test_a_bare_urls_underscore_or_star_before_chinese_text_is_the_urls(linter):
    """``col_中文页面``: the ``_`` (or ``*``) was cut from the URL as if it ended there and
    read as prose, an unfilled placeholder; only where the URL ends (a space, the line's
    end, ``<``) is it trimmed, as ``? , : ! .`` still are before Chinese text."""
    text = ("详见http://www.xx.gov.cn/col/col_中文页面。\n\n见http://www.xx.gov.cn/a*说明。\n\n"
            "见 http://www.xx.gov.cn/b_ 说明,完。\n")
    doc = read_markdown(text.encode(), "a.md")
    assert lint(linter, doc) == [(5, 29, "halfwidth-punct", ",")]
    assert "col_" not in doc.prose and "a*" not in doc.prose
    assert doc.prose.split("\n")[4].endswith("_ 说明,完。")


def test_unparseable_leftovers_never_lose_text():
    """Whatever the parser makes of odd input, text keeps every byte and prose its length."""
    for source in ("**未闭合 [链接](http://x", "<!--", "```", "|a|\n|-|\n|", "*", "",
                   "[x]: <>\n", "![", "\\", "#", "- \n> \n1.", "[^", "[^x]:", "[^x]:\n",
                   "a[^x]\n\n[^x]:\n\n    b\n", "[^x]: [^x]\n"):
        doc = read_markdown(source.encode(), "a.md")
        assert doc.text == source and len(doc.prose) == len(source)


def test_fix_rewrites_prose_and_leaves_code_alone(tmp_path):
    target = tmp_path / "draft.md"
    target.write_bytes(FIXTURE.read_bytes())
    run = subprocess.run([sys.executable, "-m", "lint", "--fix", str(target)],
                         capture_output=True, text=True, cwd=tmp_path)
    fixed = target.read_text(encoding="utf-8").split("\n")
    original = FIXTURE.read_text(encoding="utf-8").split("\n")
    changed = [i + 1 for i, (a, b) in enumerate(zip(original, fixed, strict=True)) if a != b]
    assert changed == [12, 27, 30], run.stderr
    assert fixed[26] == "- 学习形式单一，缺乏针对性。"


def test_stdin_filename_picks_the_markdown_reader(tmp_path):
    run = subprocess.run([sys.executable, "-m", "lint", "-", "--stdin-filename", "a.md",
                          "-f", "json", "--rule", "placeholder"],
                         input="`信息*条`与**重点**，上报*条。\n".encode(), capture_output=True,
                         cwd=tmp_path)
    result = json.loads(run.stdout)
    assert [(m["ruleId"], m["line"], m["column"]) for m in result[0]["messages"]] == [
        ("placeholder", 1, 17)]


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_both_suffixes_use_the_reader(suffix):
    assert read_bytes(b"# x\n", "a" + suffix).kind == "markdown"


def test_text_run_imports_no_markdown_word_or_rich(tmp_path):
    (tmp_path / "a.txt").write_text("开展xxx次。\n", encoding="utf-8")
    code = ("import sys; from lint.cli import main; main(['a.txt']); "
            "print(sorted(m for m in ('markdown_it', 'docx', 'rich') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"})
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_disable_comment_inside_code_is_only_an_example(linter):
    from lint.readers.markdown import read_markdown

    text = ("# 说明\n\n```\n<!-- gwlint-disable -->\n```\n\n上报信息*条。\n\n"
            "写法：`<!-- gwlint-disable -->`\n\n开展xxx次学习。\n")
    doc = read_markdown(text.encode(), "a.md")
    found = [(doc.position(f.start), f.rule_id) for f in linter.lint_document(doc).findings
             if f.rule_id == "placeholder"]
    assert found == [((7, 5), "placeholder"), ((11, 3), "placeholder")]


def test_a_missing_section_is_reported_on_a_markdown_title(linter):
    # the title's "# " is masked markup; the finding is on the title's words, not dropped
    text = ("# 关于2023年工作的报告\n\n## 一、主要工作\n\n完成了任务。\n\n"
            "## 二、存在问题\n\n学习不够。\n")
    doc = read_markdown(text.encode(), "r.md")
    result = linter.lint_document(doc, only={"required-sections"})
    assert [(*doc.position(f.start), f.message, doc.text[f.start:f.end])
            for f in result.findings] == [
        (1, 3, "缺少“下一步打算”部分（工作报告和总结）", "关于2023年工作的报告")]
    plain = read_bytes(text.replace("#", "").lstrip().encode(), "r.txt")
    assert [plain.position(f.start) for f in linter.lint_document(
        plain, only={"required-sections"}).findings] == [(1, 1)]
    # emphasis inside the title shows nothing: the finding is on the whole title, over it
    doc = read_markdown(text.replace("2023年", "**2023年**").encode(), "r.md")
    assert [(*doc.position(f.start), doc.text[f.start:f.end]) for f in linter.lint_document(
        doc, only={"required-sections"}).findings] == [(1, 3, "关于**2023年**工作的报告")]


def test_a_long_sentence_with_emphasis_is_reported(linter):
    # the finding on the whole sentence touched the masked ** and was dropped; then it was
    # reported on the stretch before the **; the rules now read the text without it
    sentence = "我们要" + "持续推进各项工作并且" * 17 + "取得成效。"
    text = "# 学习笔记\n\n" + sentence.replace("持续推进", "**持续推进**", 1) + "\n"
    doc = read_markdown(text.encode(), "r.md")
    assert messages(linter, doc, "sentence-length") == [
        (3, 1, sentence.replace("持续推进", "**持续推进**", 1),
         "句子过长（178字，超过150字），建议拆分")]


def test_a_region_is_reported_on_its_first_unmasked_stretch():
    from lint.document import Document

    text = "## 关于**2023年**的报告  \n"
    masked = [(0, 2), (5, 7), (12, 14)]
    prose = "".join(" " if any(a <= i < b for a, b in masked) else ch
                    for i, ch in enumerate(text))
    doc = Document(text=text, prose=prose, masked=masked)
    assert doc.unmasked(0, 19) == (3, 5)            # 关于
    assert doc.unmasked(7, 19) == (7, 12)           # 2023年
    assert doc.unmasked(14, 19) == (14, 17)         # 的报告, without the blanks after it
    assert doc.unmasked(0, 2) == (0, 2)             # nothing but markup: left as it is
    plain = Document(text=text)
    assert plain.unmasked(0, 19) == (0, 19)         # no masked spans: unchanged


def test_a_section_out_of_order_is_reported_on_an_emphasized_heading(linter):
    text = ("# 关于2023年工作的报告\n\n## 一、主要工作\n\n完成了任务。\n\n## 二、**下一步打算**\n\n"
            "加强学习。\n\n## 三、存在问题\n\n学习不够。\n")
    doc = read_markdown(text.encode(), "r.md")
    assert messages(linter, doc, "required-sections") == [
        (7, 4, "二、**下一步打算", "“下一步打算”部分应在“存在问题”之后（工作报告和总结）")]


def test_a_whole_line_finding_on_a_heading_is_reported(linter):
    # web-residue reports a breadcrumb's whole line, which began with the masked "# "
    text = "# 首页 > 写作提升 > 工作总结 >\n\n今年以来，我们完成了任务。\n"
    doc = read_markdown(text.encode(), "r.md")
    result = linter.lint_document(doc, only={"web-residue"})
    assert [(*doc.position(f.start), doc.text[f.start:f.end]) for f in result.findings] == [
        (1, 3, "首页 > 写作提升 > 工作总结 >")]


def test_footnote_text_is_prose_and_its_marks_are_syntax(linter):
    """CommonMark alone took ``[^1]: …`` for a link reference definition: the footnote's
    text was never linted, and ``[^1]:`` was a half-width colon to fix."""
    source = ("成效明显[^1]，见注[^note]。\n\n[^1]: 脚注内容,XX人参加。\n\n"
              "[^note]:\n    多行脚注,XX。\n\n> [^q]:引用,里\n\n未定义[^x]照常。\n")
    doc = read_markdown(source.encode(), "a.md")
    assert lint(linter, doc) == [
        (3, 11, "halfwidth-punct", ","), (3, 12, "placeholder", "XX"),
        (6, 9, "halfwidth-punct", ","), (6, 10, "placeholder", "XX"),
        (8, 10, "halfwidth-punct", ","),
    ]
    lines = doc.prose.split("\n")
    assert lines[0] == "成效明显    ，见注       。"
    assert lines[2] == "      脚注内容,XX人参加。"
    assert lines[4:6] == [" " * 8, "    多行脚注,XX。"]
    assert lines[7] == " " * 7 + "引用,里"
    assert lines[9] == "未定义[^x]照常。"  # no definition: Markdown shows it as text


def test_fix_leaves_footnote_marks_alone(tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("取得成效[^1]。\n\n[^1]: 参见《意见》,共同推进。\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "lint", "--fix", str(target)], capture_output=True,
                   cwd=tmp_path)
    fixed = target.read_text(encoding="utf-8")
    assert fixed == "取得成效[^1]。\n\n[^1]: 参见《意见》，共同推进。\n"


LISTS = ("## 一、主要工作\n\n1. 压实属地责任；\n1. 压实部门责任：\n   1. 督促企业落实主体责任；\n"
         "   2. 开展“回头看”行动；\n1. 严格考核问责。\n\n## 三、存在问题\n\n（一）学习不够。\n\n"
         "（三）宣传不足。\n")


def test_numbers_markdown_renders_are_not_judged_but_typed_ones_are(linter):
    """``1. 1. 1.`` shows as 1, 2, 3 and a nested list counts on its own: only the numbers
    the writer typed (一、三、（一）（三）) can be out of sequence."""
    doc = read_markdown(LISTS.encode(), "a.md")
    assert [doc.position(i) for i in sorted(doc.meta["list_numbers"])] == [
        (3, 1), (4, 1), (5, 4), (6, 4), (7, 1)]
    assert messages(linter, doc, "heading-sequence") == [
        (9, 4, "三、", "标题序号“三、”之前缺少“二、”"),
        (13, 1, "（三）", "标题序号“（三）”之前缺少“（二）”"),
    ]
    plain = read_bytes(LISTS.replace("## ", "").encode(), "a.txt")  # typed there: judged
    assert [plain.position(f.start) for f in linter.lint_document(
        plain, only={"heading-sequence"}).findings] == [(4, 1), (5, 4), (7, 1), (9, 1), (13, 1)]


def test_heading_style_leaves_a_markdown_list_number_alone(tmp_path):
    """A pack wanting ``1．`` must not rewrite a list's ``1.``: that breaks the list."""
    linter = linter_with_pack(
        tmp_path, "rules:\n  - id: style\n    kind: heading-style\n    message: '{detail}'\n"
                  "    levels: [{canonical: '{numeral}、'}, {canonical: '（{numeral}）'},\n"
                  "             {canonical: '{numeral}．'}, {canonical: '（{numeral}）'}]\n"
                  "    why: 测试用规则。\n    examples: {bad: ['一.工作']}\n")
    source = "## 一、工作\n\n1. 压实责任。\n2. 严格考核。\n"
    doc = read_markdown(source.encode(), "a.md")
    assert linter.lint_document(doc, only={"style"}).findings == []
    plain = read_bytes(source.encode(), "a.txt")
    assert [(plain.position(f.start), f.message) for f in linter.lint_document(
        plain, only={"style"}).findings] == [((3, 1), "标题序号“1.”应写作“1．”"),
                                              ((4, 1), "标题序号“2.”应写作“2．”")]


def test_front_matter_is_skipped_but_a_thematic_break_then_prose_is_not(linter):
    """Pandoc: the line after the opening ``---`` of front matter is not blank. ``---`` then
    a blank line is a thematic break, and the prose down to the next ``---`` was lost."""
    body = "\n## 一、情况\n\n数据显示,增长明显XX。\n\n---\n\n正文内容,完整XX。\n"
    doc = read_markdown(("---\n" + body).encode(), "a.md")
    assert lint(linter, doc) == [
        (5, 5, "halfwidth-punct", ","), (5, 10, "placeholder", "XX"),
        (9, 5, "halfwidth-punct", ","), (9, 8, "placeholder", "XX"),
    ]
    assert doc.meta["heading_lines"] == {3}
    for opener in ("---\ntitle: 标题,XX\n---\n", "+++\ntitle = \"标题,XX\"\n+++\n",
                   "---\ntitle: 标题,XX\n...\n"):
        doc = read_markdown((opener + "\n正文内容,完整XX。\n").encode(), "a.md")
        assert lint(linter, doc) == [(5, 5, "halfwidth-punct", ","),
                                     (5, 8, "placeholder", "XX")], opener


def test_an_entity_counts_as_its_character_for_pairs(linter):
    """``“预防为主&rdquo;`` shows a balanced pair; with the entity blanked it was an
    unmatched ``“``. The entity's character stands on its first position, still masked."""
    source = ("我们坚持&ldquo;安全第一&rdquo;，落实“预防为主&rdquo;原则&#12290;\n\n"
              "引用“原文&#8221;与《条例&#12299;，又见“说明&amp;原则。\n")
    doc = read_markdown(source.encode(), "a.md")
    assert doc.prose.split("\n")[0] == (
        "我们坚持“      安全第一”      ，落实“预防为主”      原则。       ")
    result = linter.lint_document(doc, only={"unmatched-pair", "halfwidth-punct"})
    assert [(*doc.position(f.start), f.rule_id, doc.text[f.start:f.end])
            for f in result.findings] == [(3, 28, "unmatched-pair", "“")]
    blank = read_markdown("数据&nbsp;显示&#10;增长。\n".encode(), "a.md")
    assert blank.prose == "数据      显示     增长。\n"  # white space stays blank


def test_enum_items_on_lines_of_their_own_are_counted_in_markdown(linter):
    """The same items in one paragraph with hard breaks (``\\`` and two spaces)."""
    source = ("## 一、存在的问题\n\n一是学习不够深入\\\n二是宣传阵地管理还有薄弱环节  \n"
              "三是**创新不足**，方式单一。\n\n四是宣传不够\n\n六是制度不全。\n")
    doc = read_markdown(source.encode(), "a.md")
    assert messages(linter, doc, "enum-sequence") == [(9, 1, "六是", "序号“六是”之前缺少“五是”")]


def test_table_rows_are_cells_not_paragraphs(linter):
    """A GFM table row escaped missing-period only when it ended in a pipe (the finding
    touched the blanked pipe); without one, `| 2 | 完成10个，超额完成` was a paragraph
    without its period. Table rows are now recorded, as Word's cells are, with the role
    ``cell``; a defect inside a cell is still reported."""
    text = ("全年完成情况如下表所示：\n\n| 序号 | 完成情况\n|---|---\n| 1 | 已完成整改，正在验收\n"
            "| 2 | 完成10个,超额完成\n\n二、存在的问题\n")
    doc = read_markdown(text.encode(), "t.md")
    assert doc.meta["table_lines"] == {3, 4, 5, 6}
    assert [doc.structure.role(n) for n in range(1, 9)] == [
        "title", "blank", "cell", "blank", "cell", "cell", "blank", "heading"]
    result = linter.lint_document(doc, only={"missing-period", "broken-line",
                                             "halfwidth-punct"})
    assert [(*doc.position(f.start), f.rule_id) for f in result.findings] == [
        (6, 12, "halfwidth-punct")]


def test_real_reports_written_as_markdown_read_as_the_text_does(linter, real_corpus):
    """The 21 real reports as a writer would put them in Markdown: the title as ``#``, each
    ``一、`` heading as ``##``, each run-in ``（一）…。`` heading in bold, a blank line
    between paragraphs. Every finding is the one the text gives (at the same place, the
    Markdown syntax aside), but for how a paragraph's end is judged: the text reader may join
    lines that the blank lines keep apart."""
    import re

    def findings(doc):
        result = linter.lint_document(doc)
        return [(f.rule_id, f.message) for f in result.findings
                if f.rule_id not in ("broken-line", "missing-period")]

    for path in real_corpus:
        lines = path.read_text(encoding="utf-8").split("\n")
        markdown = []
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            if i == 0:
                line = "# " + line
            elif re.match(r"[一二三四五六七八九十]+、", line):
                line = "## " + line
            elif m := re.match(r"(（[一二三四五六七八九十]+）[^。]{2,30}。)(.*)$", line):
                line = f"**{m[1]}**{m[2]}"
            markdown.append(line)
        as_markdown = read_bytes("\n\n".join(markdown).encode(), path.with_suffix(".md").name)
        assert findings(as_markdown) == findings(read_path(path)), path.name


def test_fixing_a_heading_mark_does_not_turn_paragraphs_into_a_renumbered_list(linter):
    # '1、 落实' fixed to '1. 落实' became an ordered list, which Markdown numbers itself:
    # the draft's 1、 1、 3、 showed as 1, 2, 3, and heading-sequence no longer saw the
    # repeat or the gap
    from lint.fix import fix_document

    text = ("一、主要工作\n\n1、 落实责任。\n\n1、 加强领导。\n\n> 3、\t强化措施。\n\n"
            "## 4、 总结\n\n（1）、 其他。\n")
    outcome = fix_document(linter, read_bytes(text.encode(), "a.md"))
    assert outcome.fixed == ("一、主要工作\n\n1.落实责任。\n\n1.加强领导。\n\n> 3.强化措施。\n\n"
                             "## 4.总结\n\n（1） 其他。\n")
    result = linter.lint_document(outcome.doc)
    assert [(f.rule_id, *outcome.doc.position(f.start)) for f in result.findings
            if f.rule_id == "heading-sequence"] == [("heading-sequence", 5, 1),
                                                    ("heading-sequence", 7, 3)]
    # plain text has no lists: only the mark changes
    plain = fix_document(linter, read_bytes("一、主要工作\n1、 落实责任。\n".encode(), "a.txt"))
    assert plain.fixed == "一、主要工作\n1. 落实责任。\n"


def test_a_deep_list_or_quote_loses_no_text(linter):
    """markdown-it's CommonMark preset stops at 20 levels and skips the rest of the
    enclosing block, which ran to the end of the file: after a list 9 levels deep (or a
    quote 20 deep) nothing was linted, silently. 100 levels are read now."""
    source = "".join("  " * depth + "- 项目。\n" for depth in range(12))
    source += "> " * 40 + "引用信息*条。\n\n上报信息*条。\n\n# 标题\n\n正文XX条。\n"
    doc = read_bytes(source.encode(), "deep.md")
    assert lint(linter, doc) == [(13, 85, "placeholder", "*"), (15, 5, "placeholder", "*"),
                                 (19, 3, "placeholder", "XX")]


def test_markdown_nested_deeper_than_the_parser_reads_is_a_read_error(tmp_path, capsys):
    """Deeper than 100 levels the text would still be lost: a read error says so, and the
    other files are linted."""
    from lint.cli import main

    (tmp_path / "deep.md").write_text("- " * 10000 + "项目。\n\n上报信息*条。\n",
                                      encoding="utf-8")
    (tmp_path / "draft.md").write_text("上报信息*条。\n", encoding="utf-8")
    assert main([str(tmp_path), "-f", "unix"]) == 1
    assert capsys.readouterr() == (
        f"{tmp_path / 'deep.md'}:1:1: cannot read Markdown: quotes and lists nested too deep "
        "(line 1; 100 levels are read, a list item counts two) [Error/read-error]\n"
        f"{tmp_path / 'draft.md'}:1:5: 占位符“*”未替换 [Error/placeholder]\n\n2 problems\n", "")


@pytest.mark.parametrize(("source", "error_line"), [
    ("> " * 100 + "引用信息*条。\n", None),
    ("> " * 101 + "引用信息*条。\n", 1),
    ("".join("  " * d + "- 项目。\n" for d in range(50)) + "\n上报信息*条。\n", None),
    ("".join("  " * d + "- 项目。\n" for d in range(51)) + "\n上报信息*条。\n", 51),
])
def test_markdown_is_read_exactly_100_levels_deep(linter, source, error_line):
    """The README says 100 levels are read (lists 50 deep), but 100 quotes or 50 lists were
    a read error: markdown-it counts the text inside the deepest one as a level too."""
    if error_line is None:
        doc = read_bytes(source.encode(), "deep.md")
        assert [f.rule_id for f in linter.lint_document(doc).findings] == ["placeholder"]
    else:
        with pytest.raises(ReadError, match=rf"nested too deep \(line {error_line}; 100 levels"):
            read_bytes(source.encode(), "deep.md")


def test_matches_on_markup_do_not_run_the_rules_exceptions(linter, monkeypatch):
    """Between two cells of a table the prose reads ``单位   内容`` (the pipe blanked), so
    cjk-spacing matched at every pipe and ran its exceptions (bylines, slogans) over each row
    before the engine dropped the match for touching markup. A 40,000-row table took the rule
    past its time limit: its findings were lost and the exit status was 2. A match on markup
    is now dropped before its line's exceptions are run."""
    from lint.kinds.pattern import PatternKind

    text = ("| 序号 | 单位 | 内容 |\n|---|---|---|\n| 1 | 市发展改革委 | 完成任务 |\n"
            "| 2 | 市财政局 | 完成 任务 |\n| 3 | 市审计局 | 已整改 |\n")
    doc = read_markdown(text.encode(), "t.md")
    scanned = []
    original = PatternKind._spans

    def spans(self, text, unless, lo, hi, budget=None):
        scanned.append(doc.position(lo)[0])
        return original(self, text, unless, lo, hi, budget)

    monkeypatch.setattr(PatternKind, "_spans", spans)
    assert lint(linter, doc) == [(4, 16, "cjk-spacing", " ")]
    assert scanned == [4, 4]  # its unless patterns, then its fix_unless ones


def test_a_table_is_parsed_into_the_tokens_the_walk_reads():
    """A 20,000-row table took 4-5 s and ~150 MB to lint: markdown-it made eleven tokens a
    row (row, cells, their ends) and split each row in a Python loop over its characters.
    The reader keeps a table's cells' text only, and splits rows with a regular expression
    that cuts them where markdown-it does; what is read stays as it was."""
    import random

    from markdown_it.rules_block.table import escapedSplit

    from lint.readers.markdown import _split_row

    rows = ["| 单位\\|部门 | `a|b` | 内容 |", "\\|开头|中\\\\|间\\", "||", "| a |", "无竖线", ""]
    rng = random.Random(7)
    rows += ["".join(rng.choice("|\\a 中") for _ in range(rng.randint(1, 12)))
             for _ in range(3000)]
    assert [_split_row(r) for r in rows] == [escapedSplit(r) for r in rows]

    text = ("| 序号 | 单位 | 内容 |\n|:---|:---:|---:|\n"
            "| 1 | 市**财政局** | 完成,任务 \\| 已验收 |\n| 2 | `代码|x` |\n"
            "| 3 | 甲 | 乙 | 多余 |\n\n正文。\n")
    tokens = _parser().parse(text)
    assert [t.type for t in tokens] == ["table_open", *["inline"] * 12, "table_close",
                                        "paragraph_open", "inline", "paragraph_close"]
    assert [t.level for t in tokens if t.type == "inline"] == [4] * 12 + [1]
    doc = read_markdown(text.encode(), "t.md")
    assert doc.prose.split("\n") == [
        "  序号   单位   内容  ", " " * 17, "  1   市  财政局     完成,任务  | 已验收  ",
        "  2   `代码 x`  ", "  3   甲   乙   多余  ", "", "正文。", ""]
    assert doc.meta["table_lines"] == {1, 2, 3, 4, 5}
    assert doc.meta["block_starts"] == {1, 3, 4, 5, 7}
    # a cell's \| shows as |: its backslash is inline markup, which the rules read without
    assert doc.inline_view().text.split("\n")[2] == "| 1 | 市财政局 | 完成,任务 | 已验收 |"


def test_masks_that_markdown_pairs_as_bold_are_placeholders(linter):
    """Two masks in one paragraph pair as bold in Markdown, and both were lost: a date whose
    month and day are masked (2023年**月**日: no bold starts or ends between 年 and 月 or 月
    and 日) and one name masked twice in the same words (市**党组……市**党组: the "bold" would
    start with the character after it and end with the one before it). They are reported
    as in a .txt; bold a writer means is not."""
    text = ("近年来，市**党组认真学习。修订完善市**党组实施细则。\n\n"
            "会议于2023年**月**日召开，**年**月**日通报，2023年*月*日印发，**月**日前报送。\n\n"
            "市***党组认真学习。修订完善市***党组实施细则。\n\n"
            "**一、工作开展情况**\n\n"
            "要把**重要**工作抓好，**“三个务必”**的要求，**（一）加强领导。**各单位**落实**。\n")
    masks = [(1, 6, "placeholder", "**"), (1, 20, "placeholder", "**"),
             (3, 9, "placeholder", "**"), (3, 12, "placeholder", "**"),
             (3, 18, "placeholder", "**"), (3, 21, "placeholder", "**"),
             (3, 24, "placeholder", "**"), (3, 35, "placeholder", "*"),
             (3, 37, "placeholder", "*"), (3, 42, "placeholder", "**"),
             (3, 45, "placeholder", "**"), (5, 2, "placeholder", "***"),
             (5, 17, "placeholder", "***")]
    assert lint(linter, read_markdown(text.encode(), "a.md")) == masks
    assert lint(linter, read_bytes(text.encode(), "a.txt"))[:len(masks)] == masks


def _report_then_fix(tmp_path, source: str) -> tuple[list[str], str]:
    """What gwlint reports on ``source`` as a.md (``line:col: message [level/rule]``), and the
    file's text after --fix."""
    path = tmp_path / "a.md"
    path.write_bytes(source.encode())
    command = [sys.executable, "-m", "lint", "-f", "unix", "--disable", "required-sections",
               str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    reported = [line.split(":", 1)[1] for line in done.stdout.splitlines() if ":" in line]
    subprocess.run([*command, "--fix"], capture_output=True)
    return reported, path.read_bytes().decode()


def test_half_width_brackets_around_markup_are_reported_and_fixed(tmp_path):
    """``(见附件)`` was reported, ``(见[附件](a.md))`` ``(`gw-2023`)`` ``(见**附件**)`` were not:
    each finding touched markup and was dropped. A finding over markup is now kept when its
    fix rewrites only the prose around it and carries the markup over unchanged; a doubled
    mark with code between (``，`x`，``) is still no finding, as its fix would drop the code."""
    source = ("详细情况(见[附件](a.md))。\n\n相关规定(`gw-2023`)已印发，另见(`附表`和说明)。\n\n"
              "重点(见**附件**)。有关情况(见附件)。\n\n"
              "强化，`x`，提高。强化，<!-- 注 -->，提高。\n")
    reported, fixed = _report_then_fix(tmp_path, source)
    assert reported == [
        "1:5: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "3:5: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "3:22: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "5:3: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "5:17: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]"]
    assert fixed == (
        "详细情况（见[附件](a.md)）。\n\n相关规定（`gw-2023`）已印发，另见（`附表`和说明）。\n\n"
        "重点（见**附件**）。有关情况（见附件）。\n\n强化，`x`，提高。强化，<!-- 注 -->，提高。\n")



def test_markup_beside_a_half_width_mark_or_a_space_is_left_out_of_the_finding(tmp_path):
    """Markup reads as blanks in the prose, and ``[ \t]*,`` took the ``**`` of
    ``**重要**, 落实`` into its match: the finding touched markup and was dropped, so a
    half-width comma after bold text, or a space between bold text and Chinese, went
    unreported. The finding is now what is left without the markup at its ends; its fix
    keeps the markup. Markup inside a match (a table's pipes) is still no finding."""
    source = ("这是**重要**, 落实到位。\n\n**重要** 内容，见[附件](a.md) ,好的。\n\n"
              "| 单位 | 内容 |\n|---|---|\n| 甲 | 乙 |\n")
    reported, fixed = _report_then_fix(tmp_path, source)
    assert reported == [
        "1:9: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
        "3:7: 汉字与数字、汉字与汉字之间不应有空格 [Warning/cjk-spacing]",
        "3:22: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]"]
    assert fixed == ("这是**重要**，落实到位。\n\n**重要**内容，见[附件](a.md)，好的。\n\n"
                     "| 单位 | 内容 |\n|---|---|\n| 甲 | 乙 |\n")

def test_escaped_brackets_are_fixed_with_their_escapes(tmp_path):
    """A backslash escape keeps only the ASCII mark after it: ``规定\\(说明\\)`` renders
    ``规定(说明)``, and --fix once made it ``规定\\（说明\\）``, which renders its backslashes;
    then escaped brackets were not reported at all. The rules read the text as it shows,
    and the fix takes each escape along with the bracket it escaped (around code too)."""
    source = ("规定\\(说明\\)已印发。\n\n规定(说明\\)已印发。\n\n规定\\(`x`)已印发。\n\n"
              "规定(`x`)已印发。\n")
    reported, fixed = _report_then_fix(tmp_path, source)
    assert reported == [
        "1:3: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "3:3: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "5:3: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]",
        "7:3: 中文语境中应使用全角括号“（）” [Error/halfwidth-punct]"]
    assert fixed == ("规定（说明）已印发。\n\n规定（说明）已印发。\n\n规定（`x`）已印发。\n\n"
                     "规定（`x`）已印发。\n")


def test_fixing_an_escaped_mark_removes_its_escape(tmp_path, linter):
    """``标点转义\\,测试内容。`` renders ``标点转义,测试内容。``, and --fix once made it
    ``标点转义\\，测试内容。``: the backslash, which escapes only ASCII punctuation, then
    shows. The fix of an escaped mark replaces the escape with it (its range starts at the
    backslash, in the report too); a fix that writes ASCII punctuation keeps the escape. The
    rules read ``一\\.加强组织领导`` as it shows, a heading numbered ``一.``."""
    source = "# 说明\n\n标点转义\\,测试内容。\n\n一\\.加强组织领导\\;落实责任。\n"
    reported, fixed = _report_then_fix(tmp_path, source)
    assert reported == ["3:5: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
                        "5:1: 标题序号“一.”应写作“一、” [Error/heading-style]",
                        "5:10: 中文语境中应使用全角分号“；” [Error/halfwidth-punct]"]
    assert fixed == "# 说明\n\n标点转义，测试内容。\n\n一、加强组织领导；落实责任。\n"
    from lint.finding import Fix

    doc = read_markdown(source.encode(), "a.md")
    comma = source.index(",")
    assert [f.fix for f in linter.lint_document(doc).findings][:1] == [
        Fix(comma - 1, comma + 1, "，")]
    view = doc.inline_view()
    at = view.to_view(comma)
    assert view.fix_to_source(Fix(at, at + 1, ".")) == Fix(comma - 1, comma + 1, "\\.")
    assert view.fix_to_source(Fix(at, at, "X")) == Fix(comma - 1, comma - 1, "X")
    assert view.fix_to_source(Fix(at, at + 1, "，X")) == Fix(comma - 1, comma + 1, "，X")
    assert view.fix_to_source(Fix(at, at + 1, "[X")) == Fix(comma - 1, comma + 1, "\\[X")


def test_emphasis_and_escapes_inside_words_hide_no_finding(tmp_path):
    """The reader blanked ``**`` and an escape's backslash with spaces, which split the
    words they stood in: ``认真**布**署`` ``皖政秘\\[2015\\]`` ``要**坚持**坚持`` and the
    masked name ``\\*\\*\\*`` were read as ``布  署`` and so on, and nothing was reported.
    The rules now read the text as it shows; a finding starts at an escape that is part of
    what it found, and the fixes are written around the emphasis and without the escapes."""
    source = ("# 关于2023年工作情况的报告\n\n"
              "我们认真**布**署各项工作，落实皖政秘\\[2015\\]53号文件。\n\n"
              "要**坚持**坚持问题导向，**树牢“四个意识”**。\n\n"
              "联系人：\\*\\*\\*，电话：\\*\\*\\*。\n")
    reported, fixed = _report_then_fix(tmp_path, source)
    assert reported == [
        "3:7: “布署”应为“部署” [Error/terms]",
        "3:21: 发文字号中的年份应使用六角括号：“〔2015〕” [Error/doc-number-brackets]",
        "5:4: 疑似多打了字：“坚持坚持” [Error/doubled-char]",
        "7:5: 占位符“***”未替换 [Error/placeholder]",
        "7:15: 占位符“***”未替换 [Error/placeholder]"]
    assert fixed == source.replace("**布**署", "**部**署").replace(
        "\\[2015\\]", "〔2015〕")
    # the same text without the markup reports the same findings
    plain = source.replace("**", "").replace("\\", "")
    assert [line.split(":")[0] + ":" + line.split(" ", 1)[1] for line in
            _report_then_fix(tmp_path, plain)[0]] == [
        line.split(":")[0] + ":" + line.split(" ", 1)[1] for line in reported]


def test_markup_stays_with_its_words_and_struck_text_is_not_read(tmp_path):
    """What a trial of the inline view found: deleting a converter's pinyin that was the
    whole of a bold left ``****`` on the page (a placeholder on the next run); a fix that
    reorders words put the bold on another word (no fix now); struck-out text, a draft's
    deletion, was read (坚持~~坚持~~ a doubled word); a bold date was two masked parts."""
    source = ("加强意識形態**(tài)**工作。\n\n我们要坚持~~坚持~~党的领导。\n\n"
              "请于**3月15日**前报送，会议于**2024年1月5日**召开。\n\n"
              "坚定理论自信、制度自信、**道路自信**、文化自信。\n")
    reported, fixed = _report_then_fix(tmp_path, source)
    assert [line.rsplit("/", 1)[1].rstrip("]") for line in reported] == [
        "mixed-script", "mixed-script", "conversion-artifact", "terms"]
    assert reported[2].startswith("1:9: ") and reported[3].startswith("7:3: ")
    assert fixed == source.replace("**(tài)**", "")


def test_struck_text_over_a_line_break_keeps_the_lines(linter):
    """Struck-out text is taken out of what the rules read only on one line: taken out
    over a line break, it moved every later line up one, and findings after it were
    reported a line early. Over two lines its marks go, its text stays."""
    doc = read_markdown("要~~删去\n的~~文字，布署工作。\n\n# 二、问题\n".encode(), "a.md")
    assert doc.inline == [(1, 3), (7, 9)]
    assert [(doc.position(f.start), f.rule_id) for f in linter.lint_document(doc).findings
            if f.rule_id in ("terms", "heading-sequence")] == [
        ((2, 7), "terms"), ((4, 3), "heading-sequence")]


def test_an_inline_view_maps_positions_and_fixes_back(linter):
    from lint.finding import Fix

    source = "甲**乙**丙\\[丁\\]戊\n"
    doc = read_markdown(source.encode(), "a.md")
    assert doc.inline == [(1, 3), (4, 6), (7, 8), (10, 11)]
    assert doc.masked == []
    view = doc.inline_view()
    assert view.document().text == "甲乙丙[丁]戊\n"
    assert [view.to_source(i) for i in range(9)] == [0, 3, 6, 8, 9, 11, 12, 13, 14]
    assert [view.to_view(i) for i in range(15)] == [0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6,
                                                    7, 8]
    # an insertion before an escaped character comes before its escape
    assert view.fix_to_source(Fix(3, 3, "X")) == Fix(7, 7, "X")
    # the marks stay with the text beside them (those right around the range with it);
    # an escape goes where the mark it escapes is no longer ASCII punctuation
    assert view.fix_to_source(Fix(1, 6, "乙丙〔丁〕")) == Fix(1, 12, "**乙**丙〔丁〕")
    assert view.fix_to_source(Fix(3, 6, "[丁〕")) == Fix(7, 12, "\\[丁〕")
    assert view.fix_to_source(Fix(3, 6, "〔丁丁〕")) == Fix(7, 12, "〔丁丁〕")
    assert view.fix_to_source(Fix(3, 6, "[丁丁]")) == Fix(7, 12, "\\[丁丁\\]")
    assert view.fix_to_source(Fix(1, 2, "乙乙")) == Fix(1, 6, "**乙**乙")
    # a bold whose text is deleted goes with its marks (no ``****`` left on the page)
    assert view.fix_to_source(Fix(0, 2, "甲")) == Fix(0, 6, "甲")
    # reordered text: a mark has no place (the bold would land on other words)
    assert view.fix_to_source(Fix(0, 3, "丙乙甲")) is None
    # marks that stood together stay together (***, **_ … _**: a trial's --fix deleted
    # them); those of a bold and an italic whose text is deleted all go
    for source, at, fix, fixed in [
            ("正文,***粗斜***文字。\n", (2, 3), "，", "正文，***粗斜***文字。\n"),
            ("正文***粗斜***,文字。\n", (4, 5), "，", "正文***粗斜***，文字。\n"),
            ("正文,**_粗斜_**文字。\n", (2, 3), "，", "正文，**_粗斜_**文字。\n"),
            ("认真***布***署。\n", (2, 4), "部署", "认真***部***署。\n"),
            ("甲**_(tài)_**乙\n", (1, 6), "", "甲乙\n"),
            ("**甲**乙**丙**\n", (1, 2), "", "**甲丙**\n")]:
        nested = read_markdown(source.encode(), "a.md").inline_view()
        written = nested.fix_to_source(Fix(*at, fix))
        assert source[:written.start] + written.text + source[written.end:] == fixed, source
    # a span over a line break (a plugin's reader) is not taken out: the lines stay
    from lint.document import Document

    assert Document(text="甲**乙\n丙~~\n~~丁\n", inline=[(1, 3), (5, 9)]).inline_view().text == (
        "甲乙\n丙~~\n~~丁\n")
    # an insertion at the end of bold text goes after its closing mark
    assert view.fix_to_source(Fix(2, 2, "。")) == Fix(6, 6, "。")


def test_bold_beside_a_date_unit_is_not_a_mask(linter):
    """Bold a report means, a figure before 年 or a word after it (截至**2023**年底, 用**3**年,
    全年**月均**增长, 本月**日均**), was read as two placeholders: one run of stars between
    the parts of a date was enough (年|月, 月|日, a figure|年). A mask stands for a part of a
    date whose other parts are figures or masks, as in 2023年**月**日 and **月**日."""
    text = ("截至**2023**年底，全市完成投资100亿元。力争用**3**年时间基本建成。\n\n"
            "全年**月均**增长5%，本月**日均**交易量增长。2023**年度**重点工作已完成。\n\n"
            "会议于2023年**月**日召开，**月**日前报送。\n")
    assert lint(linter, read_markdown(text.encode(), "a.md")) == [
        (5, 9, "placeholder", "**"), (5, 12, "placeholder", "**"),
        (5, 18, "placeholder", "**"), (5, 21, "placeholder", "**")]
