"""``sequence``: numbered items must count 1, 2, 3 … without a gap or a repeat.

The same check serves heading numbers (``一、二、三、`` restarting under each parent) and
in-text enumerations (``一是……二是……三是``); what differs is where the items come from,
and that is data:

Options:
  scope    ``headings``: the document model's headings (lint/structure.py), checked as a
           tree: siblings under one parent count from 1, a deeper level restarts under
           each new parent, or goes on from the number before it under the parent before
           (（一）（二） under 一、, then （三） under 二、: the 意见 and 实施方案 of the State
           Council count so). A label line among the siblings of a level below 一、
           (``主要成效：`` 1. 2. ``存在不足：`` 1. 2.) may start a new list from 1, as it
           ends one in ``text``. Each attachment below the 落款 (``附件`` alone on its line)
           is a tree of its own, and each article of a 规定 or 办法 (``第二条　……``) is a
           parent above every level: its items （一）（二） count from （一） again.
           ``lines``: ``markers`` matched at line starts, the i-th marker being level i+1,
           checked as a tree like headings (for an office's own ``第一章``/``第一节`` style).
           ``text``: ``markers`` matched anywhere in body text, each marker a separate
           flat list; every heading, label or article line ends the lists, and an item
           numbered 1 starts a new list.
  markers  list of ``{pattern, render}``: ``pattern`` has a group ``n`` holding the number
           (Arabic or Chinese numerals, or a circled number ①-㊿); ``render`` writes a number
           in that style, with ``{cn}`` (Chinese numeral), ``{n}`` (Arabic) or
           ``{circled}`` (①), e.g. ``'{cn}是'``.
  levels   for ``scope: headings``, the levels to check (default all four). Numbers of
           Markdown ordered lists are never checked: Markdown shows its own count.
  render   for ``scope: headings``, how each level writes a number (default
           ``['{cn}、', '（{cn}）', '{n}.', '（{n}）']``).
  skip_unnumbered_start  for ``text``: do not report a list whose first item is not 1
           (default false).

The message may use ``{detail}`` (what is wrong, naming the items), ``{found}`` and
``{expected}``. A finding is placed on the wrong item; counting continues from it, so one
slip gives one finding.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..structure import chinese_number, to_chinese, to_circled
from . import Kind, line_of, lines_of

DEFAULT_RENDER = ["{cn}、", "（{cn}）", "{n}.", "（{n}）"]


@dataclass(frozen=True)
class Item:
    """One numbered item: where its number is written, its family/level, its value."""

    start: int
    end: int
    level: int
    number: int
    judged: bool = True  # False: kept in the tree as a parent, never reported


@dataclass
class _Marker:
    """A numbering marker: the pattern that finds it and how its numbers are written."""

    compiled: regex.Pattern
    render: str


class SequenceKind(Kind):
    message_fields = frozenset({"detail", "found", "expected"})
    options = {"scope": "text", "markers": None, "levels": [1, 2, 3, 4],
               "render": DEFAULT_RENDER, "skip_unnumbered_start": False}

    def setup(self) -> None:
        scope = self.opts["scope"]
        if scope not in ("headings", "lines", "text"):
            raise self.rule.error("'scope' must be one of: headings, lines, text", "scope")
        self.scope = scope
        self.markers: list[_Marker] = []
        raw = self.opts["markers"]
        if scope == "headings":
            if raw is not None:
                raise self.rule.error("'markers' is for scope lines or text; headings come "
                                      "from the document model", "markers")
            render = self.opts["render"]
            if not isinstance(render, list) or len(render) != 4 or not all(
                    isinstance(r, str) for r in render):
                raise self.rule.error("'render' must list four templates, one per level", "render")
            self.renders = [self._check_render(r, "render", at)
                            for r, at in zip(render, lines_of(render), strict=True)]
            levels = self.opts["levels"]
            if not isinstance(levels, list) or not all(lv in (1, 2, 3, 4) for lv in levels):
                raise self.rule.error("'levels' must be a list of heading levels 1-4", "levels")
            self.levels = set(levels)
            return
        if not raw or not isinstance(raw, list):
            raise self.rule.error("needs 'markers': a list of {pattern, render}", "markers")
        for item, at in zip(raw, lines_of(raw), strict=True):
            if not isinstance(item, dict) or "pattern" not in item or "render" not in item:
                unknown = sorted(set(item) - {"pattern", "render"}) if isinstance(
                    item, dict) else []
                raise self.rule.error("each marker needs 'pattern' and 'render'" + (
                    f" (not {unknown[0]!r})" if unknown else ""), "markers",
                    line_of(item, unknown[0]) if unknown else at)
            compiled = self.compile(item["pattern"], "markers", line=line_of(item, "pattern"))
            if "n" not in compiled.groupindex:
                raise self.rule.error(
                    f"marker pattern {item['pattern']!r} needs a group (?P<n>...) for the number",
                    "markers", line_of(item, "pattern"))
            self.markers.append(_Marker(compiled, self._check_render(
                item["render"], "markers", line_of(item, "render"))))
        self.renders = [m.render for m in self.markers]

    def _check_render(self, template, key: str, line: int | None = None) -> str:
        self.check_placeholders(template, {"n", "cn", "circled"}, "a marker", key,
                                "render template", line)
        try:
            written = str(template).format(n=1, cn="一", circled="①")
        except (KeyError, IndexError, ValueError) as exc:
            raise self.rule.error(f"bad render template {template!r}: {exc}", key,
                                  line) from None
        if written == str(template).format(n=2, cn="二", circled="②"):
            raise self.rule.error(f"render template {template!r} writes no number: use {{n}}, "
                                  "{cn} or {circled}", key, line)
        return str(template)

    def check(self, doc):
        if self.scope == "headings":
            # an attachment below the 落款 counts its headings from 一、 again; an article
            # (第二条　……) is a parent above every level, never judged itself
            structure = doc.structure
            parts: dict[int, list[Item]] = {}
            numbered = [(h.line.number, Item(h.marker_start, h.marker_end, h.level, h.number,
                                             not h.rendered)) for h in structure.headings]
            if structure.articles:
                numbered = sorted(numbered + [(ln.number, Item(ln.start, ln.start, 0, 0, False))
                                              for ln in structure.articles],
                                  key=lambda pair: pair[0])
            for number, item in numbered:
                parts.setdefault(structure.part_of(number), []).append(item)
            labels = [ln.start for ln in structure.labels]
            for items in parts.values():
                yield from self._check_tree(doc, items, labels)
        elif self.scope == "lines":
            yield from self._check_tree(doc, self._line_items(doc))
        else:
            yield from self._check_text(doc)

    # -- rendering and messages -------------------------------------------------------
    def _write(self, level: int, n: int) -> str:
        return self.renders[level - 1].format(n=n, cn=to_chinese(n), circled=to_circled(n))

    def _report(self, doc, item: Item, written: str, expected: int | None, previous: int | None):
        found = written.strip()
        if previous is None and expected is not None and item.number < expected:
            detail = (f"序号“{found}”与前文编号方式不一致（前文跨上级标题接续编号，此处应为"
                      f"“{self._write(item.level, expected)}”）")
        elif previous is not None and item.number <= previous:
            if item.number == previous:
                detail = f"序号“{found}”重复"
            else:
                detail = f"序号“{found}”排在“{self._write(item.level, previous)}”之后"
        else:
            names = [self._write(item.level, k)
                     for k in range(expected, min(item.number, expected + 3))]
            more = "等" if item.number - expected > 3 else ""
            detail = f"序号“{found}”之前缺少“{'”“'.join(names)}”{more}"
        message = self.message("序号不连续：{detail}", detail=detail, found=found,
                               expected=self._write(item.level, expected or 1))
        return self.finding(item.start, item.end, message)

    # -- trees: headings and line-start markers -----------------------------------------
    def _check_tree(self, doc, items: list[Item], labels: Sequence[int] = ()):
        """``labels``: where the label lines start (主要成效： … 存在不足：), each of which
        may start a new list of items below the top level, from 1 again (a document's 一、
        count its sections, which a label does not start anew)."""
        text = doc.prose
        open_items: dict[int, int] = {}  # level -> index of the latest item at that level
        last: dict[tuple[int, int], int] = {}  # (parent index, level) -> last number
        last_at: dict[tuple[int, int], int] = {}  # ... and where that item stands
        running: dict[int, int] = {}  # level -> the last number at that level, any parent
        # level -> whether the document goes on counting under a new parent (True) or starts
        # from 1 again (False), as its first new parent with children at that level shows
        goes_on: dict[int, bool] = {}
        for index, item in enumerate(items):
            for level in [lv for lv in open_items if lv >= item.level]:
                del open_items[level]
            parents = [lv for lv in open_items if lv < item.level]
            parent = open_items[max(parents)] if parents else -1
            open_items[item.level] = index
            key = (parent, item.level)
            previous = last.get(key)
            last[key] = item.number
            after_label = (previous is not None and item.number == 1 and item.level > 1
                           and labels and _label_between(labels, last_at[key], item.start))
            last_at[key] = item.start
            went_on = running.get(item.level)
            running[item.level] = item.number
            if not item.judged or self.scope == "headings" and item.level not in self.levels:
                continue
            if after_label:
                expected = 1  # a new list under its own label, as enum-sequence counts
            elif previous is not None:
                expected = previous + 1
            elif went_on is None or parent < 0:
                expected = 1
            elif item.level in goes_on:
                expected = went_on + 1 if goes_on[item.level] else 1
            elif item.number in (1, went_on + 1):
                # the first item under a new parent: from 1 again (GB/T 9704), or on from
                # the number before, as the State Council's 意见 and 实施方案 count their
                # （一）（二） through 一、二、三、; the rest of the document keeps to it
                goes_on[item.level] = item.number != 1
                expected = item.number
            else:  # (a count going on with a gap asks for the next number)
                expected = went_on + 1 if item.number > went_on else 1
            if item.number != expected:
                yield self._report(doc, item, text[item.start:item.end], expected, previous)

    def _line_items(self, doc) -> list[Item]:
        text = doc.prose
        items: list[Item] = []
        budget: dict = {}
        for line in doc.lines:
            for level, marker in enumerate(self.markers, start=1):
                m = self.match(marker.compiled, text, line.start, line.end, budget)
                if m is not None:
                    items.append(Item(m.start(), m.end(), level, chinese_number(m.group("n"))))
                    break
        return items

    # -- flat lists in text --------------------------------------------------------------
    def _check_text(self, doc):
        structure = doc.structure
        text = doc.prose
        boundaries = sorted(
            [h.marker_start for h in structure.headings]
            + [ln.start for ln in structure.labels]
            + [ln.start for ln in structure.articles]
        )
        items: list[tuple[int, Item]] = []
        for level, marker in enumerate(self.markers, start=1):
            for m in self.finditer(marker.compiled, text):
                role = structure.role(doc.line_at(m.start()).number)
                if role not in ("body", "heading"):
                    continue
                items.append((m.start(), Item(m.start(), m.end(), level,
                                              chinese_number(m.group("n")))))
        items.sort(key=lambda pair: pair[0])
        last: dict[int, int] = {}
        b = 0
        for start, item in items:
            while b < len(boundaries) and boundaries[b] <= start:
                last.clear()  # a heading or label ends every list
                b += 1
            previous = last.get(item.level)
            last[item.level] = item.number
            if item.number == 1:
                continue  # a new list
            if previous is None:
                if self.opts["skip_unnumbered_start"]:
                    continue
                yield self._report(doc, item, text[item.start:item.end], 1, None)
            elif item.number != previous + 1:
                yield self._report(doc, item, text[item.start:item.end], previous + 1, previous)


def _label_between(labels: Sequence[int], start: int, end: int) -> bool:
    """Whether a label line starts between offsets ``start`` and ``end``."""
    i = bisect.bisect_right(labels, start)
    return i < len(labels) and labels[i] < end
