"""The document model of a 公文 report: title, front matter, opening paragraph, heading tree,
labels, body, closing signature and date, and what GB/T 9704-2012 puts around them in the
other 文种 (通知, 请示, 批复, 函, 纪要): 附件说明, 附注, a 纪要's lists of names, the 版记.

Structural rules (required sections, heading numbering and hierarchy, in-text enumerations)
and line-aware rules (a missing period is only a defect in a body paragraph) all need to
know what each line *is*. This module answers that once per document, in one pass over the
lines with precompiled patterns, so rules never re-derive it.

Heading levels follow GB/T 9704-2012 7.3.3: 1 ``一、``, 2 ``（一）``, 3 ``1.``, 4 ``（1）``.
Malformed markers real drafts contain (``（一）、`` ``一.`` ``一，`` ``一 `` ``1、`` ``(一)``
``（1）、``) are recognised as headings of their level, so numbering is still checked and
the style rule can offer the fix. A heading is *run-in* when its title sentence is followed
by body text on the same line (``（一）加强组织领导。成立……``), which real reports do all the time.

Things that look like headings and are not: ``1.6万套`` (a decimal), ``1、2月份`` (a range),
``一是`` (an in-text enumeration, left to the sequence rules).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import regexcache
from .document import Document, Line

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}

_SPACE = r"[ \t\u3000\u00a0]*"
# One pattern, four alternatives (one per level); the punctuation group keeps the malformed
# forms so heading-style can see them. A marker must be followed by text that does not
# continue a number (1.6万, 1、2月; 一、二季度: match_heading).
_HEADING = regexcache.compile(
    rf"{_SPACE}(?:"
    r"(?P<l2>[（(]\s*(?P<n2>[一二三四五六七八九十]{1,3})\s*[）)](?:\s*[、，,.．](?!\d))?)"
    r"|(?P<l4>[（(]\s*(?P<n4>\d{1,2})\s*[）)](?:\s*[、，,.．](?!\d))?)"
    r"|(?P<l1>(?P<n1>[一二三四五六七八九十]{1,3})(?:\s*[、，,.．]"
    # ... or a space, on a line that is a short title and nothing else (一 调研背景: the
    # heading-style finding; not a table's row copied as text, 一　基本支出　1200)
    r"|[ \t\u3000]+(?=\p{Han}[^\s]{0,28}[^\s\d][ \t\u3000]*$)))"
    r"|(?P<l3>(?P<n3>\d{1,2})(?:\.|．|、)(?![\d０-９%％]))"
    r")(?=\s*\S)"
)
# ``20.2026年10件民生实事`` is item 20 of a list, ``1.6万套`` a decimal: a number glued to
# digits counts as a heading only when it continues the current ``1.`` list.
_CN_NUMERAL = regexcache.compile(r"[一二三四五六七八九十]{1,3}")
_GLUED_ITEM = regexcache.compile(rf"{_SPACE}(?P<l3>(?P<n3>\d{{1,2}})[.．])(?=\d)")
_SENTENCE_END = regexcache.compile(r"[。！？!?]|[：:](?=\s*\S)")
_DATE = regexcache.compile(
    rf"{_SPACE}(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})"
    rf"\s*月\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日{_SPACE}$"
)
_ATTACHMENT = regexcache.compile(rf"{_SPACE}附\s*件\s*(?:[：:]|\d|$)")
# an attachment itself, after the 落款 (GB/T 9704-2012 7.3.7): ``附件`` or ``附件2`` alone on
# its line, then the attachment's title and its body, numbered from 一、 again
_ATTACHMENT_HEAD = regexcache.compile(rf"{_SPACE}附\s*件\s*\d{{0,2}}{_SPACE}$")
# 附件说明 of several attachments (GB/T 9704-2012 7.3.4): ``附件：1.××`` and the next names
# below it, ``2.××`` ``3.××``, which are not a ``1.`` heading list
_ATTACHMENT_LIST = regexcache.compile(rf"{_SPACE}附\s*件\s*[：:]\s*(?P<n>\d{{1,2}})[.．]")
# 纪要 (GB/T 9704-2012 10.3): the lists of who attended, was excused, sat in, took notes
# (in either script; cjk-spacing leaves the spaces between their names by this role)
_ROSTER = regexcache.compile(
    rf"{_SPACE}(?:出\s*席|列\s*席|[请請]\s*假|缺\s*席|[参參]\s*加|[参參]\s*[会會]|[记記]\s*[录錄]"
    rf"|主\s*持)(?:人[员員]|[单單]位|[领領][导導]|同志)?{_SPACE}[：:]")
_ROSTER_FIRST = frozenset("出列请請缺参參记記主")
#: what a list of names has not, and a sentence has
_SENTENCE_MARK = regexcache.compile(r"[。，；！？,;!?]")
# 版记 (GB/T 9704-2012 7.4): ``抄送：……。`` and the issuing office with its date, ``印发``
_IMPRINT = regexcache.compile(
    rf"{_SPACE}(?:抄\s*送|抄\s*[报報])\s*[：:]"
    rf"|{_SPACE}[^\s。，；：]{{2,40}}[ \t\u3000]+"
    rf"\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*印\s*[发發]{_SPACE}$")
# 附注 (7.3.6) below the date, a line in brackets: ``（此件公开发布）`` ``（联系人：××，电话：××）``
# (one whose closing bracket was lost is still the 附注: unmatched-pair reports the bracket)
_NOTE = regexcache.compile(rf"{_SPACE}[（(]")
# ... and a paragraph that is one bracket, wherever it stands (a 附注 written above the
# signature, ``（此件公开发布）``): a note, not a sentence asked for its period
_BRACKETED = regexcache.compile(
    rf"{_SPACE}(?:（(?:[^（）\n]|（[^（）\n]*）)*）|\((?:[^()\n]|\([^()\n]*\))*\)){_SPACE}$")
# Web page furniture around scraped reports: not part of the document's structure. A
# document's own ``会议时间：2024年4月8日上午`` or ``（二）资金来源：……`` is not: a page's
# date is written 2020-11-03 or 2024年03月05日 (no 公文 pads with zeros), or shares its line
# with the source, author, clicks or a clock with seconds
_CHROME_AFTER = r"(?:来源|來源|作者|点击|點擊|浏览|瀏覽|字号|字號|\d{1,2}[:：]\d{2}[:：]\d{2})"
_CHROME = regexcache.compile(
    r"^\s*(?:(?:首页|首頁|当前位置|當前位置|您的位置)[^\n]*[>＞›»]"
    r"|[^\n]{0,12}(?:时间|時間|日期)\s*[:：]\s*\d{4}(?:\s*[-/.]\s*\d|年0|年\d{1,2}月0)"
    rf"|[^\n]{{0,12}}(?:时间|時間|日期|来源|來源)\s*[:：][^\n]*?{_CHROME_AFTER}"
    r"|(?:来源|來源)\s*[:：]"
    r"|##paid(?:begin|end)##\s*$|(?:热点|熱點)文章(?:阅读|閱讀|閲讀)\s*$|预览结束|預覽結束"
    r"|(?:上一篇|下一篇))"
)
# 版头 (GB/T 9704-2012 7.2) above the title: 份号, 密级和保密期限, 紧急程度, 发文字号
# (``临教发〔2025〕12号``, with ``签发人：××`` beside it in an upward document), one or more
# to a line; the 发文机关标志 (``××市人民政府文件``, or the bare name) is known by the
# 发文字号 under it (_issuing_body: 深入学习贯彻中央一号文件 is a speech's title)
_DOC_NUMBER_ITEM = (r"[^\s。，；：,;:]{0,16}[〔［\[]\s*\d{4}\s*[〕］\]]\s*\d{1,4}\s*[号號]"
                    r"|[签簽]\s*[发發]\s*人\s*[：:][^\n]*")
_MASTHEAD_ITEM = (r"\d{6}|(?:绝密|絕密|机密|機密|秘密)(?:\s*★\s*[^\s]{0,12})?|特急|加急|特提|平急"
                  rf"|{_DOC_NUMBER_ITEM}")
_MASTHEAD = regexcache.compile(
    rf"{_SPACE}(?:{_MASTHEAD_ITEM})(?:[ \t\u3000]+(?:{_MASTHEAD_ITEM}))*{_SPACE}$")
#: ... of which a 发文字号 or 签发人 under the first line makes that line the 发文机关标志,
#: though it is the issuing body's bare name (7.2.4 allows it without 文件)
_DOC_NUMBER = regexcache.compile(rf"{_SPACE}(?:{_DOC_NUMBER_ITEM})")
# A title set on two or three lines (7.3.1: 发文机关名称 + 事由 + 文种, 分一行或多行): the lines
# below the first are the title's while it does not yet end in its 文种 and they are no
# sentence; the one that ends in it is its last (临江市教育局 ⏎ 关于……的请示). A first line
# that already ends in one is the whole title (2024年工作总结 ⏎ 临江市教育局 is a byline).
_DOC_KIND_END = regexcache.compile(
    r"(?:决议|決議|决定|決定|命令|令|公报|公報|公告|通告|意见|意見|通知|通报|通報|报告|報告"
    r"|请示|請示|批复|批覆|议案|議案|函|纪要|紀要|总结|總結|汇报|匯報|方案|计划|計劃|规划|規劃"
    r"|要点|要點|办法|辦法|规定|規定|细则|細則|规则|規則|条例|條例|章程|制度|讲话|講話|发言|發言"
    r"|致辞|致辭|通讯|通訊|简报|簡報|提纲|提綱|综述|綜述|述职报告|述職報告)稿?"
    r"(?:\s*[（(][^（）()\n]{1,20}[）)])?\s*$")
#: the lines a title may take
TITLE_LINES = 3
# 目录 (a table of contents): its title, and entries ending in a page number after a tab
# or leader dots (一、主要工作情况⇥1, （一）加强组织领导……3), as Word's TOC field writes them
_TOC_TITLE = regexcache.compile(rf"{_SPACE}目{_SPACE}[录錄]{_SPACE}$")
_TOC_PAGE = regexcache.compile(r"(?:\t|[.．…·・⋯]{2,})[ \t\u3000.．…·・⋯]*\d{1,4}[ \t\u3000]*$")
_SALUTATION = regexcache.compile(
    r"^\s*(?:各位代表|同志们|同志們|各位委员|各位领导)[！!：:，,]?\s*$")
_ADDRESSEE = regexcache.compile(r"^\s*[^\s。，；！？,;]{2,24}[：:]\s*$")
_LEAD_IN = regexcache.compile(r"如下|现将|現將|报告|報告|汇报|匯報")
_LABEL = regexcache.compile(
    r"^\s*[^\s。；！？;!?]{2,30}?[：:]\s*$|^\s*[^。；，、！？;,!?：:]{2,30}\s*$")
# ``一是学习不够深入`` on a line of its own is an item of an in-text enumeration (body), not a
# label, however short and unpunctuated: the enumeration rules count it
_ENUM_ITEM = regexcache.compile(rf"{_SPACE}[一二三四五六七八九十]{{1,3}}是")
# an article of a 规定, 办法 or 条例, its number set apart by a space (``第二条　应当审查下列
# 事项：``): the parent of its items （一）（二）, which count from （一） in every article (条,
# 款, 项 （一）, 目 1.); a report's sentence starting ``第三条规定……`` is no article
_ARTICLE = regexcache.compile(
    rf"{_SPACE}第[一二三四五六七八九十百千零〇\d]+[条條](?:之[一二三四五六七八九十]+)?"
    r"[ \t\u3000]+\S")
_SIGNATURE = regexcache.compile(r"^\s*[^。，；：！？,;:!?]{2,40}\s*$")
#: the closing formula of a 请示 or 报告 above the signature, a sentence and no signing body:
#: 特此请示 and 以上请示如无不妥请批示 lacking their period were taken for signatures
_CLOSING_FORMULA = regexcache.compile(
    r"\s*(?:特此|专此|專此|以上|妥否|当否|當否|如无不妥|如無不妥|请予|請予|恳请|懇請|请批|請批)")
_TRAILING_PUNCT = "。；，、！？!?;,"
#: marks a sentence cannot stop at: the next line goes on with it
_DANGLING = "，、,（“《〈【〔「"

# First characters (after leading space) without which the patterns above cannot match: a
# test on one character saves a regex call on most lines (analyze runs on every document).
_CHROME_FIRST = frozenset("首当當您#热熱预預上下")
# A chrome line starting otherwise (``发布时间：``) has a colon, and the first character of
# 时间 日期 or 来源 among its first 13 after leading space (``^\s*[^\n]{0,12}`` before the
# word; regex's ``\s`` is a subset of what str.strip removes).
_CHROME_WORD = frozenset("时時日来來")
_HEADING_FIRST = frozenset("（(一二三四五六七八九十")
#: one Chinese character (the kinds that ask for one use this compiled pattern too)
HAN = regexcache.compile(r"\p{Han}")

ROLES = ("blank", "masthead", "title", "subtitle", "toc", "salutation", "heading", "label",
         "body", "signature", "date", "attachment", "cell", "roster", "note", "imprint", "other")


@dataclass(frozen=True)
class Heading:
    """A numbered heading: ``level`` 1 ``一、`` 2 ``（一）`` 3 ``1.`` 4 ``（1）``.

    ``[marker_start, marker_end)`` is the whole marker as written, punctuation included
    (``（一）、``); ``[marker_end, text_end)`` is the heading's title, up to the end of its
    first sentence for a run-in heading.
    """

    line: Line
    level: int
    number: int
    marker_start: int
    marker_end: int
    run_in: bool
    text_end: int = 0
    numeral: str = ""  # the number as written: 一, 12
    #: a Markdown ordered list's number: Markdown shows its own count (``1. 1. 1.`` is 1, 2,
    #: 3), so how it is numbered and written is not the writer's to fix
    rendered: bool = False

    def text(self, doc: Document) -> str:
        return doc.prose[self.marker_end : self.text_end].strip()


@dataclass
class Structure:
    """What each line of a document is, and its headings in order."""

    #: the title, from the start of its first line to the end of its last (one to
    #: TITLE_LINES lines); ``number`` is its first line's
    title: Line | None
    headings: list[Heading]
    roles: list[str] = field(default_factory=list)  # index = line number - 1
    opening: Line | None = None
    labels: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    date: Line | None = None
    #: the first line of each attachment below the 落款 (its ``附件`` line): a part of its
    #: own, whose headings count from 一、 again
    parts: list[int] = field(default_factory=list)
    #: the lines that start an article, ``第二条　……`` (the parent of its ``（一）`` items)
    articles: list[Line] = field(default_factory=list)
    _by_line: dict[int, Heading] = field(default_factory=dict, repr=False)

    def part_of(self, line_number: int) -> int:
        """0 for the document itself, k for the line's k-th attachment."""
        return bisect.bisect_right(self.parts, line_number)

    def role(self, line_number: int) -> str:
        if 1 <= line_number <= len(self.roles):
            return self.roles[line_number - 1]
        return "other"

    def heading_at(self, line_number: int) -> Heading | None:
        return self._by_line.get(line_number)


@lru_cache(maxsize=256)
def chinese_number(numeral: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零三 -> 103; Arabic digits pass through, and
    a circled number is its value (③ -> 3)."""
    if numeral.isdecimal():
        return int(numeral)
    if len(numeral) == 1 and numeral in _CIRCLED:
        return _CIRCLED.index(numeral) + 1
    total, current = 0, 0
    for ch in numeral:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_VALUE.get(ch, 0)
    return total + current


_CN_DIGITS = "一二三四五六七八九"
#: ① to ㊿: numbers 1-50 as GB/T 15834's circled forms write them
_CIRCLED = ("".join(map(chr, range(0x2460, 0x2474))) + "".join(map(chr, range(0x3251, 0x3260)))
            + "".join(map(chr, range(0x32B1, 0x32C0))))


def to_circled(n: int) -> str:
    """3 -> ③ (1 to 50); other numbers as Arabic digits."""
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)


def to_chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n - 1]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 11] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens - 1] + "十" + (_CN_DIGITS[ones - 1] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + to_chinese(rest) if rest < 10 else
                                 ("一" + to_chinese(rest) if rest < 20 else to_chinese(rest)))
    return _CN_DIGITS[hundreds - 1] + "百" + tail if hundreds < 10 else str(n)


def match_heading(text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
    """The heading marker at the start of ``text[pos:endpos]``, if any.

    ``一、二季度`` ``二、三产业`` ``一、二等奖`` start a sentence with a count (the number and
    the next one), not heading 一 or 二; ``一、十大工程`` ``三、两个中心`` ``一、一流营商环境`` are
    headings whose title starts with a numeral, and ``一、一、`` a heading numbered twice;
    so is ``一、二〇二三年工作情况``, a year in Chinese numerals."""
    endpos = len(text) if endpos is None else endpos
    m = _HEADING.match(text, pos, endpos)
    if m is not None and m.lastgroup == "l1":
        after = _CN_NUMERAL.match(text, m.end("l1"), endpos)
        if (after is not None
                and chinese_number(after.group()) == chinese_number(m.group("n1")) + 1
                and text[after.end():after.end() + 1] not in ("〇", "零", "○")):
            return None
    return m


def _heading(doc: Document, line: Line, m: regex.Match, rendered=()) -> Heading:
    # In _HEADING and _GLUED_ITEM alike, the marker group ``l<level>`` is the last group to
    # close and the numeral ``n<level>`` the group right inside it: reading them by index
    # costs a fraction of groupdict() or group lookups by name.
    marker = m.lastindex
    level = int(m.lastgroup[1:])
    numeral = m.group(marker + 1)
    marker_start, marker_end = m.span(marker)
    prose = doc.prose
    end = line.end
    run_in = False
    text_end = end
    stop = _SENTENCE_END.search(prose, marker_end, end)
    if stop is not None:
        rest = prose[stop.end() : end].strip()
        if rest:
            run_in = True
            text_end = stop.start()
        elif stop.group() in "。！？!?":
            text_end = stop.start()
    while text_end > marker_end and prose[text_end - 1].isspace():
        text_end -= 1
    return Heading(line, level, chinese_number(numeral), marker_start, marker_end, run_in,
                   text_end, numeral, marker_start in rendered)


def analyze(doc: Document) -> Structure:
    prose = doc.prose
    lines = doc.lines
    roles = ["blank"] * len(lines)
    # lines the reader knows are headings by their markup (Markdown ``#``, a Word heading
    # style) without a number that says so
    heading_lines = doc.meta.get("heading_lines") or set()
    list_numbers = doc.meta.get("list_numbers") or ()
    # a table's cells (a reader's hint: Word cells, Markdown table rows) are not paragraphs
    # of the text: a cell needs no period, and a heading number in one numbers a table row
    cells = doc.meta.get("table_lines") or ()
    headings: list[Heading] = []
    labels: list[Line] = []
    articles: list[Line] = []
    title: Line | None = None
    opening: Line | None = None
    in_front = True  # between the title and the first body line or heading
    looking_for_title = True
    title_end = 0  # the index of the line after the title
    in_toc = False  # in a 目录's entries
    toc_paged: bool | None = None  # whether its entries give page numbers (None: no entry yet)
    toc_entries: set[str] = set()  # their titles: the body's headings repeat them
    attachment_next = 0  # the number the next name of a 附件说明 list would have
    rosters: list[int] = []  # lines below the front matter that start as a list of names
    parts: list[int] = []  # the 附件 lines that start the attachments below the 落款

    for i, line in enumerate(lines):
        text = prose[line.start : line.end]
        stripped = text.strip()
        if not stripped:
            if in_toc and toc_paged is not None and roles[i - 1] == "toc":
                in_toc = False  # a blank line after its entries ends a 目录
            continue
        if line.number in cells:
            roles[i] = "cell"
            continue
        first = stripped[0]
        digit = first.isdigit()
        m = match_heading(prose, line.start, line.end) \
            if digit or first in _HEADING_FIRST else None
        if m is not None and HAN.search(prose, line.start, line.end) is None:
            m = None  # 1. Definitions, (1) assert copyright: an English text's, no 公文's
        # a 目录: its title, then entries that name the sections (with their page numbers,
        # as Word writes them out) and are not the sections themselves
        if first == "目" and _TOC_TITLE.match(text):
            roles[i] = "toc"
            in_toc, toc_paged, toc_entries = True, None, set()
            continue
        if in_toc or m is not None:
            paged = _TOC_PAGE.search(text) is not None
            # an entry: with its page number (outside a 目录's title, only in a run of such
            # lines: （1）新建道路⇥12 alone is a body's item), or after the title in the
            # form its entries take (a Markdown list of links), until a heading that is the
            # body's: marked up as one, unpaged after paged entries, or one already listed
            if (paged and (in_toc or _paged_next(doc, lines, i) or
                           i and roles[i - 1] == "toc")) or (
                    in_toc and m is not None and toc_paged is not True
                    and line.number not in heading_lines
                    and stripped not in toc_entries):
                roles[i] = "toc"
                in_toc = True
                toc_paged = paged if toc_paged is None else toc_paged
                toc_entries.add(_TOC_PAGE.sub("", stripped).strip())
                continue
            in_toc = False
        # (a numbered heading is the document's own, whatever its line names: no page
        # writes （一）实施时间：2024年1月至12月，资金来源：……)
        if m is None and (first in _CHROME_FIRST or ("：" in text or ":" in text)
                          and not _CHROME_WORD.isdisjoint(stripped[:13])) \
                and _CHROME.match(text):
            roles[i] = "other"
            continue
        if m is None and digit and headings and headings[-1].level >= 3:
            glued = _GLUED_ITEM.match(prose, line.start, line.end)
            if glued is not None and _continues(headings, int(glued.group("n3"))):
                m = glued
        if i < title_end:  # the second or third line of a title
            continue
        if looking_for_title:
            if m is None and _MASTHEAD.match(text):
                roles[i] = "masthead"
                continue
            looking_for_title = False  # only the first real line can be the title
            if m is None and len(stripped) <= 80 and stripped[-1] not in _TRAILING_PUNCT:
                if _issuing_body(doc, lines, i):  # its 发文字号 below: the 版头's
                    roles[i] = "masthead"
                    looking_for_title = True
                    continue
                title_end = _title_end(doc, lines, i)
                title = line if title_end == i + 1 else Line(
                    line.number, line.start, lines[title_end - 1].end)
                roles[i:title_end] = ["title"] * (title_end - i)
                continue
        if attachment_next:
            if m is not None and m.lastgroup == "l3" and int(m.group("n3")) == attachment_next:
                roles[i] = "attachment"
                attachment_next += 1
                continue
            attachment_next = 0
        if m is not None:
            heading = _heading(doc, line, m, list_numbers)
            headings.append(heading)
            roles[i] = "heading"
            in_front = False
            continue
        if first == "第" and _ARTICLE.match(text):
            articles.append(line)  # (a paragraph of the body all the same)
        # a salutation is its words and at most one mark: five characters
        if first in "各同" and len(stripped) <= 5 and _SALUTATION.match(text):
            roles[i] = "salutation"
            continue
        # a 纪要's lists of names stand before the body (出席 列席 主持 under the title) or
        # after it (GB/T 9704-2012 10.3: under the body or the 附件说明, above the 版记); a
        # sentence in the body that starts so (参会人员：各支部书记要提前……。) is the body's
        # (... or a line that is no sentence, only names: 出席：张建国、李卫东 under 一、会议概况)
        if first in _ROSTER_FIRST and (listed := _ROSTER.match(text)):
            if in_front or not _SENTENCE_MARK.search(text, listed.end()):
                roles[i] = "roster"
                continue
            rosters.append(i)
        # a heading by markup is a section title, however long and wherever it comes: not a
        # paragraph without its period, nor (right after the title) a subtitle; a subtitle
        # line (——在……上的讲话) the writer styled as a heading stays one
        if line.number in heading_lines and not stripped.startswith("——"):
            roles[i] = "label"
            labels.append(line)
            in_front = False
            continue
        if in_front:
            if (len(stripped) <= 25 and _ADDRESSEE.match(text) and "salutation" not in roles
                    and not _LEAD_IN.search(text)):
                roles[i] = "salutation"
                continue
            if len(stripped) <= 50 and stripped[-1] not in _TRAILING_PUNCT + "：:" and (
                title is not None or stripped.startswith("——")
            ) and not any(ch in stripped for ch in "。，,；;"):
                roles[i] = "subtitle"
                continue
            # a note in one bracket under the title (（2024年4月18日，根据录音整理）, （共10名，
            # 按姓氏笔画排序）) is no sentence however it is punctuated, and the front goes on
            if first in "（(" and _BRACKETED.match(text):
                roles[i] = "note"
                continue
            in_front = False
            roles[i] = "body"
            if opening is None and not headings:
                opening = line
            continue
        if first in "（(" and _BRACKETED.match(text):
            roles[i] = "note"
            continue
        if first == "附" and _ATTACHMENT.match(text):
            roles[i] = "attachment"
            if _ATTACHMENT_HEAD.match(text) and (headings or "body" in roles[:i]):
                parts.append(line.number)  # its title and body follow
                in_front = True
                continue
            listed = _ATTACHMENT_LIST.match(text)
            attachment_next = int(listed.group("n")) + 1 if listed else 0
            continue
        # _LABEL ends in a colon or in text without any of _TRAILING_PUNCT; a line that goes
        # on with the body line above it (in the same Markdown paragraph, or after a mark a
        # sentence cannot stop at: 我们认真落实各项部署，⏎取得成效) is body
        if len(stripped) <= 30 and stripped[-1] not in _TRAILING_PUNCT and _LABEL.match(text) \
                and not _continues_body(doc, roles, i) and not _ENUM_ITEM.match(text) \
                and not _CLOSING_FORMULA.match(text):
            roles[i] = "label"
            labels.append(line)
            continue
        roles[i] = "body"

    if rosters:
        _closing_rosters(doc, roles, rosters)
    signature, date = _closing(doc, roles, parts[0] - 1 if parts else len(lines))
    if rosters:
        _rosters_above_closing(roles, rosters)
    structure = Structure(title, headings, roles, opening, labels, signature, date, parts,
                          articles)
    structure._by_line = {h.line.number: h for h in headings}
    if signature or date:
        structure.labels = [ln for ln in labels if roles[ln.number - 1] == "label"]
    return structure


def _paged_next(doc: Document, lines: list[Line], i: int) -> bool:
    """Whether the line after line ``i`` is a heading with a page number too (a 目录)."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    return (match_heading(doc.prose, nxt.start, nxt.end) is not None
            and _TOC_PAGE.search(doc.prose, nxt.start, nxt.end) is not None)


def _issuing_body(doc: Document, lines: list[Line], i: int) -> bool:
    """Whether line ``i``, the first of the document, is the 发文机关标志 written as the
    issuing body's bare name: a 发文字号 or 签发人 follows it, before any blank line (a
    title that ends in its 文种 is a title, whatever follows: a web page prints the
    发文字号 under it)."""
    if _DOC_KIND_END.search(doc.line_text(lines[i])):
        return False
    below = [doc.line_text(line) for line in lines[i + 1:i + 4]]
    for text in [t for t in below if t.strip()][:2]:
        if _DOC_NUMBER.match(text) and _MASTHEAD.match(text):
            return True
    return False


def _title_end(doc: Document, lines: list[Line], i: int) -> int:
    """The index after the last line of the title that starts at line ``i``: the lines
    right below it (no blank between) up to the one that ends in the 文种, when the title
    does not end in one on its first line and they are no sentence, heading or addressee."""
    if _DOC_KIND_END.search(doc.line_text(lines[i])):
        return i + 1
    for j in range(i + 1, min(i + TITLE_LINES, len(lines))):
        stripped = doc.line_text(lines[j]).strip()
        if (not stripped or len(stripped) > 80 or stripped[0] in "—-（(〔"
                or stripped[-1] in _TRAILING_PUNCT + "：:"
                or any(ch in stripped for ch in "。，,；;！？!?")):
            break
        if match_heading(doc.prose, lines[j].start, lines[j].end) is not None:
            break
        if _DOC_KIND_END.search(stripped):
            return j + 1
    return i + 1


def _closing_rosters(doc: Document, roles: list[str], rosters: list[int]) -> None:
    """The lists of names below the body: those in the run of lines that ends the document
    with nothing but lists, the 版记 and web furniture (the lines _closing skips)."""
    candidates = set(rosters)
    lines = doc.lines
    i = len(lines) - 1
    while i >= 0:
        if i in candidates:
            roles[i] = "roster"
        elif not (roles[i] in ("blank", "other", "roster", "cell", "note")
                  or roles[i] in ("body", "label") and _IMPRINT.match(doc.line_text(lines[i]))):
            return
        i -= 1


def _rosters_above_closing(roles: list[str], rosters: list[int]) -> None:
    """... and those right above the signature or the date (blank lines between)."""
    candidates = set(rosters)
    closing = next((i for i, role in enumerate(roles) if role in ("signature", "date")), None)
    if closing is None:
        return
    i = closing - 1
    while i >= 0 and (roles[i] == "blank" or i in candidates):
        if i in candidates:
            roles[i] = "roster"
        i -= 1


def _continues_body(doc: Document, roles: list[str], i: int) -> bool:
    """Whether line ``i`` continues the body line right above it."""
    if i == 0 or roles[i - 1] != "body":
        return False
    if doc.kind == "markdown":  # no blank line between, and no new block: one paragraph
        return i + 1 not in (doc.meta.get("block_starts") or ())
    above = doc.lines[i - 1]
    return doc.prose[above.start:above.end].rstrip()[-1:] in _DANGLING


def _continues(headings: list[Heading], number: int) -> bool:
    """Whether a ``number.`` would be the next item of the latest ``1.`` list."""
    for heading in reversed(headings):
        if heading.level == 3:
            return heading.number == number - 1
        if heading.level < 3:
            return False
    return False


def _closing(doc: Document, roles: list[str], end: int) -> tuple[list[Line], Line | None]:
    """Date and signature lines at the end of the lines before ``end`` (the whole document,
    or up to its first attachment), before any trailing web furniture, and before
    table cells and the text boxes a Word document's lines end with), with what GB/T 9704
    puts below them: 附注 in brackets right under the date, a 纪要's lists of attendance,
    and the 版记 (``抄送：`` and the issuing office's ``……印发`` line)."""
    lines = doc.lines
    i = end - 1
    while i >= 0 and (roles[i] in ("blank", "other", "roster", "cell")
                      or roles[i] in ("body", "label") and _IMPRINT.match(doc.line_text(lines[i]))):
        if roles[i] in ("body", "label"):
            roles[i] = "imprint"
        i -= 1
    if i < 0:
        return [], None
    # a bracket left open at the end is the 附注 only where a date stands above it (a
    # paragraph that is one whole bracket is a note already); otherwise it is the body's
    notes = i
    while i >= 0 and (roles[i] in ("blank", "note") or roles[i] in ("body", "label")
                      and _NOTE.match(doc.line_text(lines[i]))):
        i -= 1
    if i < 0 or not _DATE.match(doc.line_text(lines[i])) or roles[i] == "heading":
        i = notes
    else:
        for j in range(i + 1, notes + 1):
            if roles[j] != "blank":
                roles[j] = "note"
    date: Line | None = None
    signature: list[Line] = []
    if _DATE.match(doc.line_text(lines[i])) and roles[i] != "heading":
        date = lines[i]
        roles[i] = "date"
        i -= 1
    # up to two signing bodies directly above the date (or, undated, a last line naming one)
    for _ in range(2):
        while i >= 0 and roles[i] == "blank":
            i -= 1
        if i < 0 or roles[i] not in ("body", "label"):
            break
        text = doc.line_text(lines[i])
        if (not _SIGNATURE.match(text) or _CLOSING_FORMULA.match(text)
                or (date is None and not _SIGNER_END.search(text))):
            break
        signature.insert(0, lines[i])
        roles[i] = "signature"
        i -= 1
    return signature, date


_SIGNER_END = regexcache.compile(
    r"(?:党组|党委|委员会|政府|办公室|办公厅|局|厅|部|处|委|院|公司|中心|支部)\s*$")

__all__ = ["Heading", "Structure", "analyze", "chinese_number", "match_heading", "ROLES"]
