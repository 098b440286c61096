"""Heading marks and heading levels, checked on the document model's heading tree.

``heading-style`` (kind ``heading-style``): each level writes its number one way
(GB/T 9704-2012 7.3.3 with GB/T 15834: ``一、`` ``（一）`` ``1.`` ``（1）``); a heading
written otherwise (``（一）、`` ``一.`` ``1、`` ``(一)``) gets a fix to the level's form.

Options:
  levels  four entries, one per level: ``{canonical: '（{numeral}）', accept: [...]}``;
          ``{numeral}`` is the number as written (一, 12). ``accept`` lists other forms
          that are not reported (e.g. ``'{numeral}．'`` with a full-width point).
          A Markdown ordered list's number is syntax, never reported.

``heading-hierarchy`` (kind ``heading-hierarchy``): a heading whose parent level never
appeared (``（一）`` before any ``一、``; an unnumbered section title or label line before it
counts as its parent, as in reports whose top sections are unnumbered, and so does an article
of a 规定 or 办法, ``第二条　……``, for its items; a short 通知 or 函 whose highest level is
``1.``, numbered 1. 2. 3. alone, has none to miss), a skipped level
(``一、`` then ``（1）``), or
levels out of order (``1.`` items and then a ``（一）`` under the same parent). Only the
first heading of each run of siblings is reported. Each attachment below the 落款 (``附件``
alone on its line) is a tree of its own, as for heading-sequence.

Options:
  skips   pairs ``[parent level, child level]`` that may skip levels (default ``[[1, 3]]``:
          the two-level form ``一、`` + ``1.`` is legal)
"""

from __future__ import annotations

import re

from ..finding import Fix
from ..structure import match_heading
from . import Kind, line_of, lines_of

DEFAULT_LEVELS = [
    {"canonical": "{numeral}、"},
    {"canonical": "（{numeral}）"},
    {"canonical": "{numeral}.", "accept": ["{numeral}．"]},
    {"canonical": "（{numeral}）"},
]
LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


class HeadingStyleKind(Kind):
    message_fields = frozenset({"detail", "found", "expected"})
    options = {"levels": DEFAULT_LEVELS}
    fixable = True

    def setup(self) -> None:
        levels = self.opts["levels"]
        if not isinstance(levels, list) or len(levels) != 4:
            raise self.rule.error(
                    "'levels' must have four entries, one per heading level", "levels")
        self.forms: list[tuple[str, list[str]]] = []
        for entry, at in zip(levels, lines_of(levels), strict=True):
            unknown = sorted(set(entry) - {"canonical", "accept"}) if isinstance(
                entry, dict) else []
            if unknown:  # (reported at its own line: canonicl: said nothing useful there)
                raise self.rule.error(f"a level has only 'canonical' and 'accept', not "
                                      f"{unknown[0]!r}", "levels", line_of(entry, unknown[0]))
            if not isinstance(entry, dict) or not isinstance(entry.get("canonical"), str):
                raise self.rule.error(
                    "each level needs 'canonical', e.g. '（{numeral}）'", "levels", at)
            accept = entry.get("accept") or []
            if not isinstance(accept, list):
                raise self.rule.error("'accept' must be a list of forms", "levels",
                                      line_of(entry, "accept"))
            for template, key in [(entry["canonical"], "canonical"),
                                  *((a, "accept") for a in accept)]:
                if "{numeral}" not in str(template):
                    raise self.rule.error(f"form {template!r} lacks '{{numeral}}'", "levels",
                                          line_of(entry, key))
            self.forms.append((entry["canonical"], [str(a) for a in accept]))

    def check(self, doc):
        text = doc.text
        for heading in doc.structure.headings:
            if heading.rendered:
                continue  # a Markdown list's "1.": rewriting it would break the list
            canonical, accept = self.forms[heading.level - 1]
            written = text[heading.marker_start : heading.marker_end]
            expected = canonical.replace("{numeral}", heading.numeral)
            doubled = self._doubled(doc, heading, expected)
            if doubled is not None:
                yield doubled
                continue
            if written == expected or written in [a.replace("{numeral}", heading.numeral)
                                                  for a in accept]:
                continue
            detail = f"标题序号“{written.strip()}”应写作“{expected}”"
            message = self.message("{detail}", detail=detail, found=written.strip(),
                                   expected=expected)
            yield self.finding(heading.marker_start, heading.marker_end, message,
                               Fix(heading.marker_start, _fix_end(doc, heading, expected),
                                   expected))

    def _doubled(self, doc, heading, expected: str):
        """A heading numbered twice, ``一、一、主要工作情况``: a template's heading style
        numbers it (Word shows ``一、``) and the writer typed ``一、`` too, or pasted a
        numbered heading into it. The second number goes; no fix when the two differ
        (``三、二、``), as which one is right is the writer's call."""
        again = match_heading(doc.text, heading.marker_end, heading.line.end)
        if again is None or int(again.lastgroup[1:]) != heading.level:
            return None
        end = again.end(again.lastindex)
        found = (doc.text[heading.marker_start:heading.marker_end].strip()
                 + doc.text[again.start(again.lastindex):end].strip())
        message = self.message("{detail}", detail=f"标题序号“{found}”应写作“{expected}”",
                               found=found, expected=expected)
        same = again.group(again.lastindex + 1) == heading.numeral
        return self.finding(heading.marker_start, end, message,
                            Fix(heading.marker_start, end, expected) if same else None)


_LIST_NUMBER = re.compile(r"\d{1,9}[.)]")
_BLANKS = re.compile(r"[ \t]*")


def _fix_end(doc, heading, expected: str) -> int:
    """Where the fix of a heading mark ends: at the mark, except in Markdown where the fixed
    mark would open an ordered list (``1、 落实`` -> ``1. 落实`` at the start of a line):
    Markdown numbers a list itself (``1、 1、 3、`` would show 1, 2, 3, hiding the repeat and
    the gap that heading-sequence reports), so the blanks after the mark go too
    (``1.落实``, as GB/T 9704 writes it)."""
    end = heading.marker_end
    if doc.kind != "markdown" or not _LIST_NUMBER.fullmatch(expected):
        return end
    if doc.prose[heading.line.start:heading.marker_start].strip():
        return end  # not at the start of the line (blanked markup aside): no list
    return _BLANKS.match(doc.text, end).end()


class HeadingHierarchyKind(Kind):
    message_fields = frozenset({"detail", "found"})
    options = {"skips": [[1, 3]]}

    def setup(self) -> None:
        skips = self.opts["skips"]
        if not isinstance(skips, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(x in (1, 2, 3, 4) for x in p)
                for p in skips):
            raise self.rule.error("'skips' must be a list of [parent level, child level] pairs",
                                  "skips")
        self.skips = {tuple(p) for p in skips}

    def check(self, doc):
        text = doc.prose
        open_levels: dict[int, int] = {}  # level -> number of children seen since it opened
        # per open parent level: deepest-first child levels that appeared, to spot order flips
        child_levels: dict[int, set[int]] = {0: set()}
        previous_level = 0
        structure = doc.structure
        labels = [ln.number for ln in structure.labels]
        articles = [ln.number for ln in structure.articles]
        article = 0  # the articles before the heading
        parts = [structure.part_of(h.line.number) for h in structure.headings]
        # the highest level each part (the document, each attachment) uses: a 通知 or 函
        # numbered 1. 2. 3. alone has no 一、 to miss
        top: dict[int, int] = {}
        for part, heading in zip(parts, structure.headings, strict=True):
            top[part] = min(top.get(part, 4), heading.level)
        part_before = 0
        for part, heading in zip(parts, structure.headings, strict=True):
            level = heading.level
            before = article
            while article < len(articles) and articles[article] < heading.line.number:
                article += 1
            if article > before or part != part_before:
                # a new article (第三条　……) is the parent of what follows, and an attachment
                # below the 落款 a document of its own: either starts a tree of its own
                open_levels.clear()
                child_levels = {0: set()}
                previous_level = 0
                part_before = part
            for lv in [lv for lv in open_levels if lv >= level]:
                del open_levels[lv]
                child_levels.pop(lv, None)
            parent = max(open_levels, default=0)
            first_of_run = previous_level < level or previous_level == 0
            siblings_before = child_levels.setdefault(parent, set())
            written = text[heading.marker_start : heading.marker_end].strip()
            message = None
            if first_of_run and level > 1:
                if parent == 0 and not article and not any(
                        n < heading.line.number for n in labels) and not (
                        level == 3 and top[part] == 3):
                    message = (f"标题“{written}”之前没有上一级标题"
                               f"（应先有“{LEVEL_NAMES[level - 1 if level != 3 else 1]}”级）")
                elif 0 < parent < level - 1 and (parent, level) not in self.skips:
                    message = (f"标题“{written}”跳过了“{LEVEL_NAMES[level - 1]}”一级"
                               f"（上一级是“{LEVEL_NAMES[parent]}”）")
            if message is None and any(lv > level for lv in siblings_before) and (
                    level not in siblings_before):
                deeper = LEVEL_NAMES[min(lv for lv in siblings_before if lv > level)]
                message = f"标题层级顺序颠倒：“{written}”出现在同一部分的“{deeper}”级标题之后"
            siblings_before.add(level)
            open_levels[level] = 0
            child_levels[level] = set()
            previous_level = level
            if message is not None:
                yield self.finding(heading.marker_start, heading.marker_end,
                                   self.message(message, detail=message, found=written))


class HeadingEndKind(Kind):
    """``heading-punct`` (kind ``heading-end``): a heading standing on its line ends with no
    colon (``一、主要工作情况：`` → ``一、主要工作情况``); the fix deletes it. A run-in
    heading (``（一）加强组织领导。成立……``) ends its sentence as any sentence does, and is not
    checked; nor is a Markdown list item.

    A colon after words that open a list (``二、管委会的主要职责是：``, ``如下：``) is a sentence's,
    not the heading's; so is a mark after words that hold one (``1.字数控制在3000字以内，请于
    7月5日前报送：``).

    Options:
      marks   the marks reported at a standalone heading's end (default ``：:``; not ``；``
              or ``，``, which end the items of a list, （一）项目建设是否符合有关规定；, nor
              ``。``, which real reports write after a standalone heading as a style)
    """

    message_fields = frozenset({"mark"})
    options = {"marks": "：:"}
    fixable = True

    def setup(self) -> None:
        marks = self.opts["marks"]
        if not isinstance(marks, str) or not marks:
            raise self.rule.error("'marks' must be a string of punctuation marks", "marks")
        self.marks = frozenset(marks)

    def check(self, doc):
        text = doc.prose
        for heading in doc.structure.headings:
            if heading.run_in or heading.rendered:
                continue
            end = heading.line.end
            while end > heading.marker_end and text[end - 1] in " \t\u3000\r":
                end -= 1
            if end <= heading.marker_end + 1 or text[end - 1] not in self.marks:
                continue
            mark = text[end - 1]
            if _SENTENCE.search(text, heading.marker_end, end - 1):
                continue  # a sentence with a number before it: 1.字数控制在3000字以内，请……：
            if mark in "：:" and _INTRODUCES.search(text, heading.marker_end, end - 1):
                continue  # a sentence that opens a list: 二、管委会的主要职责是：
            yield self.finding(end - 1, end, self.message("", mark=mark), Fix(end - 1, end, ""))


#: a mark inside the heading's words: a sentence, numbered
_SENTENCE = re.compile(r"[，,；;。！？!?：:]")
#: words that end a sentence opening a list, before its colon (职责是： 如下： 包括：)
_INTRODUCES = re.compile(r"(?:是|为|為|有|如下|以下|包括|在于|在於|要求|规定|規定|指出|强调|強調)$")
