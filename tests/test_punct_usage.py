"""Punctuation in lists and before what follows (GB/T 15834—2011): list-semicolon, list-comma,
colon-intro, and doubled-punct's message for two different marks.

Exact positions on the seeds, where a review found them: seeds/001 and seeds/003 drop the
last 顿号 of a list, seeds/002 closes 报告如下 with a 句号. seeds/004 separates items that hold
a 句号 with half-width semicolons: those are halfwidth-punct's, which asks for the 。 there
(test_a_half_width_semicolon_between_items_is_one_finding). The real reports get none of
them."""

from __future__ import annotations

import pytest

from lint.document import Document
from lint.fix import fix_document
from tests.conftest import found, real_findings, seed

RULES = ("list-semicolon", "list-comma", "colon-intro")

EXPECTED = {
    "000": {},
    # (at the item the 顿号 is missing before: 公信力, 严峻性; not at the 、 before the item
    # ahead of it, where nothing is missing)
    "001": {"list-comma": [(15, 301)]},
    "002": {"colon-intro": [(3, 134)]},
    "003": {"list-comma": [(9, 45)]},
    "004": {},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_findings_exact(linter, name):
    result = linter.lint_file(seed(name))
    for rule_id in RULES:
        assert found(result, rule_id) == EXPECTED[name].get(rule_id, []), (name, rule_id)


def test_seed_messages(linter):
    result = linter.lint_file(seed("001"))
    comma = next(f for f in result.findings if f.rule_id == "list-comma")
    # a traditional document: the words as it writes them
    assert comma.message == "并列成分“影響力”和“公信力”之间漏了顿号（同一列举的其他项用了顿号）"
    doubled = next(f for f in result.findings if f.rule_id == "doubled-punct")
    # 經(jīng);、制度化 was 经常化、制度化: two marks, and text lost, not a mark typed twice
    assert result.doc.position(doubled.start) == (29, 204)
    assert doubled.message == "标点“;、”连用：多了一个标点，或删改时漏了字，请核对"


def test_a_half_width_semicolon_between_items_is_one_finding(linter):
    """seeds/004's ; between items that hold a 句号 was reported twice, with two fixes:
    halfwidth-punct's ； and list-semicolon's 。. The character is halfwidth-punct's (an
    error, whether list-semicolon is on or not), and it then asked for the full-width ；,
    which GB/T 15834 does not want there either: it says and writes the 。 list-semicolon
    asks for."""
    path = seed("004")
    result = linter.lint_file(path)
    doc = result.doc
    message = "列举项中已有句号，项与项之间应用句号“。”，不用半角分号“;”"
    assert [(f.rule_id, doc.position(f.start), f.message, f.fix.text) for f in result.findings
            if doc.position(f.start) in {(17, 71), (17, 125)}] == [
        ("halfwidth-punct", (17, 71), message, "。"), ("halfwidth-punct", (17, 125), message, "。")]
    fixed = fix_document(linter, Document(text=path.read_text(encoding="utf-8"))).fixed
    assert "没有养成勤读党报_的习惯。二是学习内容缺乏针对性" in fixed
    assert "缺乏对理论知识的深入研究和思考。三是学习形式单一" in fixed


@pytest.mark.parametrize("text, expected", [
    ("一是学习不深。有的同志只读原文;二是形式单一。\n", [(";", "。")]),
    # the blanks around it go with it
    ("一是学习不深。有的同志只读原文 ; 二是形式单一。\n", [(" ; ", "。")]),
    # no 。 inside the items, no next item, or 统一是 (a word): a ； there is right
    ("一是学习不深;二是形式单一。\n", [(";", "；")]),
    ("一是学习不深。有的同志只读原文;有的只看标题。\n", [(";", "；")]),
    ("坚持统一是原则。落实责任;二是加强监督。\n", [(";", "；")]),
    # ... and a comma between the short items of a list that ends in 等: 顿号 (GB/T 15834
    # 4.5.3); 北京,上海,广州等地 was fixed to 北京，上海，广州等地, another wrong mark there
    ("今年，北京,上海,广州等地开展了检查。\n", [(",", "、"), (",", "、")]),
    ("（一）对象：党员,干部,群众等。\n", [(",", "、"), (",", "、")]),
    # a clause before the comma, 等 a verb, or an item glued to a verb: a comma
    ("抓手不多,方法创新不足等问题。\n", [(",", "，")]),
    ("今年以来,我们等了很久。\n", [(",", "，")]),
    ("检查了北京,上海等地。\n", [(",", "，")]),
])
def test_half_width_semicolon_and_comma_take_the_mark_the_list_needs(linter, text, expected):
    """One finding per ; or ,, whose fix is the mark that belongs there; a second --fix
    changes nothing."""
    result = linter.lint_document(Document(text=text), only={"halfwidth-punct"})
    assert [(text[f.start:f.end], f.fix.text) for f in result.findings] == expected
    fixed = fix_document(linter, Document(text=text)).fixed
    assert fix_document(linter, Document(text=fixed)).fixed == fixed


def test_real_corpus_is_silent(linter, real_corpus):
    assert real_findings(linter, real_corpus, RULES) == set()


def lint(linter, text: str, rule_id: str) -> list[tuple[int, int, str]]:
    result = linter.lint_document(Document(text=text), only={rule_id})
    doc = result.doc
    return [(*doc.position(f.start), doc.text[f.start:f.end]) for f in result.findings]


@pytest.mark.parametrize("text, expected", [
    # the item before the ； holds a 。, however far back its 一是 is
    ("一是学习不深。有的同志只读原文；二是形式单一。\n", [(1, 16, "；")]),
    ("一是学习不深。有的同志只读原文；二是形式单一。有的流于形式；三是效果不好。\n",
     [(1, 16, "；"), (1, 30, "；")]),
    # no 。 inside the items: both styles are right
    ("一是学习不深；二是形式单一；三是效果不好。\n", []),
    # a ； not followed by the next item
    ("一是学习不深。有的同志只读原文；有的只看标题。\n", []),
    # the 。 belongs to an earlier paragraph
    ("一是学习不深。\n有的同志只读原文；二是形式单一。\n", []),
    # ... or to an earlier list's item: this list's items hold none (a review)
    ("存在问题：一是学习不深；二是作风不实。整改措施：一是加强学习；二是改进作风。\n", []),
    # 统一是 is a word, not an item
    ("坚持统一是原则。落实责任；二是加强监督。\n", []),
])
def test_list_semicolon(linter, text, expected):
    assert lint(linter, text, "list-semicolon") == expected


@pytest.mark.parametrize("text, expected", [
    ("提高传播力、引导力、影响力公信力。\n", [(1, 14, "公信力")]),
    ("具有系统性、复杂性严峻性，需要合力。\n", [(1, 10, "严峻性")]),
    ("强化责任感、使命感荣誉感。\n", [(1, 10, "荣誉感")]),
    # written without any 顿号: accepted style
    ("增强政策前瞻性针对性协同性，激发动力活力。\n", []),
    ("提升引导力、影响力和公信力。\n", []),
    # different last characters: not two items of one list
    ("提升引导力、影响力公信度。\n", []),
])
def test_list_comma(linter, text, expected):
    assert lint(linter, text, "list-comma") == expected


@pytest.mark.parametrize("text, expected", [
    ("现将有关情况报告如下。\n一、主要工作\n", [(1, 11, "。")]),
    ("现将有关情况报告如下。", [(1, 11, "。")]),
    ("现将有关情况报告如下。  \r\n一、主要工作\r\n", [(1, 11, "。")]),
    ("现将有关情况报告如下：\n一、主要工作\n", []),
    # 如下 inside a paragraph that goes on is the writer's sentence, not an introduction
    ("情况如下。一是学习不深。\n", []),
])
def test_colon_intro(linter, text, expected):
    assert lint(linter, text, "colon-intro") == expected


def test_fixes(linter):
    text = ("现将有关情况报告如下。\n"
            "一是学习不深。有的同志只读原文;二是形式单一。有的流于形式；三是效果不好。\n")
    outcome = fix_document(linter, Document(text=text))
    assert outcome.fixed == ("现将有关情况报告如下：\n"
                             "一是学习不深。有的同志只读原文。二是形式单一。有的流于形式。三是效果不好。\n")
