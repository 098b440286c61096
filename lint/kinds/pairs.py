"""``pairs``: paired marks (quotes, brackets, 书名号) that do not pair up within a paragraph.

GB/T 15834 marks come in pairs: “” ‘’ 《》 〈〉 （） 【】 〔〕 「」. A mark left open, or a
closing mark nobody opened, is the commonest punctuation slip in drafts and the sure sign of
text cut or pasted badly. textlint's no-unmatched-pair knows none of the Chinese quotes or
书名号, never reports a stray closer, and points one character past the opener; this kind
points at the offending mark itself. It also checks nesting: GB/T 15834 wants quotes inside
double quotes to be single (外双内单, a third level double again) and 〈〉 inside 《》.

A paragraph is a line (the convention of plain-text 公文 and of textlint's .txt parsing), so
a mark that never finds its partner on its line is reported; in formats that wrap lines
softly (Markdown) a paragraph runs to the next blank line.

Options:
  pairs    mapping ``"“”": 双引号`` (opener and closer, two distinct characters -> the name
           used in messages), or a list of such two-character strings
  report   ``unmatched``: an opener never closed on its line, a closer never opened
           ``nested``: a pair opened directly inside a pair of the same ladder that should
           have switched level (``“…“…”…”``); reported only when both pairs close properly,
           since an outer quote that never closes is an unmatched pair, not a nesting
  nesting  for ``nested``: ladders of pairs, each level inside the previous one and the
           first again after the last: ``[[“”, ‘’], [《》, 〈〉]]``
  unless   regexes; marks inside a match are not counted (``[A-Za-z]’[A-Za-z]``, an
           apostrophe)
  soft_wrap  document kinds whose paragraphs end at a blank line, not at a line break
           (default ``[markdown]``)

Message fields: ``{mark}`` the offending mark, ``{name}`` its pair's name, ``{side}`` 左/右,
``{partner}`` the mark it lacks; for ``nested`` also ``{outer}`` the enclosing pair's name,
``{expected}`` the pair to use and ``{expected_name}`` its name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from .. import regexcache
from ..document import Document, blank_out, merge_spans
from ..finding import Finding
from . import Kind, lines_of

_DEFAULT_NAME = "成对符号"
_FAR = float("inf")


@dataclass(slots=True)
class _Open:
    """An opener on a ladder's stack, with the nesting errors waiting for it to close."""

    pos: int
    pair: str
    wrong: bool = False
    pending: list[tuple[int, str, str]] = field(default_factory=list)


class PairsKind(Kind):
    message_fields = frozenset({"side", "name", "mark", "partner", "outer", "expected",
                                "expected_name"})
    options = {"pairs": None, "report": "unmatched", "nesting": [], "unless": [],
               "soft_wrap": ["markdown"]}

    def setup(self) -> None:
        rule = self.rule
        raw = self.opts["pairs"]
        if isinstance(raw, list):
            raw = {p: _DEFAULT_NAME for p in raw}
        if not isinstance(raw, dict) or not raw:
            raise rule.error("needs 'pairs': a mapping such as {“”: 双引号, 《》: 书名号}", "pairs")
        self.names: dict[str, str] = {}
        #: mark -> (pair, is_opener)
        self.marks: dict[str, tuple[str, bool]] = {}
        for pair, name in raw.items():
            if not isinstance(pair, str) or len(pair) != 2 or pair[0] == pair[1]:
                raise rule.error(
                    f"a pair must be two different characters, opener then closer: {pair!r}",
                    "pairs")
            for ch in pair:
                if ch in self.marks or ch in "\r\n":
                    raise rule.error(f"mark {ch!r} is used by more than one pair", "pairs")
            self.names[pair] = str(name or _DEFAULT_NAME)
            self.marks[pair[0]] = (pair, True)
            self.marks[pair[1]] = (pair, False)

        self.report = self.opts["report"]
        if self.report not in ("unmatched", "nested"):
            raise rule.error("'report' must be 'unmatched' or 'nested'", "report")
        #: pair -> (ladder index, the pair expected directly inside it)
        self.ladder_of: dict[str, tuple[int, str]] = {}
        ladders = self.opts["nesting"] or []
        if not isinstance(ladders, list) or not all(isinstance(x, list) for x in ladders):
            raise rule.error("'nesting' must be a list of ladders, e.g. [[“”, ‘’]]", "nesting")
        for index, ladder in enumerate(ladders):
            if len(ladder) < 2:
                raise rule.error("a nesting ladder needs at least two pairs", "nesting")
            for level, pair in enumerate(ladder):
                if pair not in self.names:
                    raise rule.error(f"nesting pair {pair!r} is not listed in 'pairs'", "nesting")
                if pair in self.ladder_of:
                    raise rule.error(f"pair {pair!r} is in more than one ladder", "nesting")
                self.ladder_of[pair] = (index, ladder[(level + 1) % len(ladder)])
        if self.report == "nested" and not self.ladder_of:
            raise rule.error("report: nested needs 'nesting' ladders", "nesting")
        # A nesting error needs an opener while another opener of its ladder is still open:
        # one regex at C speed tells whether a document has any such place at all (most
        # have none), before the mark-by-mark walk
        alternatives = []
        for index in {i for i, _ in self.ladder_of.values()}:
            pairs = [p for p, (i, _) in self.ladder_of.items() if i == index]
            openers = re.escape("".join(p[0] for p in pairs))
            marks = re.escape("".join(p[0] + p[1] for p in pairs))
            alternatives.append(f"[{openers}][^{marks}]*[{openers}]")
        self.may_nest = regexcache.compile_re("|".join(alternatives)) if alternatives else None
        # An innermost pair (nothing marked inside) on one line, of any kind: removing such
        # pairs until none is left leaves no mark at all exactly when every pair of the
        # document is matched, which most documents are; C-speed substitutions decide it
        every = re.escape("".join(self.marks))
        self.innermost = regexcache.compile_re("|".join(
            f"{re.escape(p[0])}[^{every}\r\n]*{re.escape(p[1])}" for p in self.names))
        self.any_mark = regexcache.compile_re(f"[{every}]")

        unless = self.opts["unless"]
        if isinstance(unless, str):
            unless = [unless]
        if not isinstance(unless, list):
            raise rule.error("'unless' must be a list of regular expressions", "unless")
        self.unless = [self.compile(p, "unless", line=at)
                       for p, at in zip(unless, lines_of(unless), strict=True)]
        # the scan stops at every mark (both reports: unmatched-pair and nested-quote share
        # one scan) and at line breaks (a paragraph ends there)
        self.nested_marks = frozenset(
            m for m, (pair, _) in self.marks.items() if pair in self.ladder_of)
        self.soft_wrap = self.document_kinds_option(self.opts["soft_wrap"], "soft_wrap")
        # stdlib re: plain character classes scan linearly and faster than regex. A match
        # starting with a line break ends a paragraph: any break, or (soft wrap) only one
        # followed by a blank line. One class is the fast path; both quick tests above also
        # read the document reduced to what it finds (a few thousand characters, taken in
        # one C-speed pass): text between marks matters to neither, so their patterns
        # answer the same on it, sooner.
        self.line_scanner = regexcache.compile_re(f"[{every}\r\n]")
        self.block_scanner = regexcache.compile_re(
            f"[{every}]" + r"|(?:\r\n?|\n)(?=[ \t\u3000]*(?:[\r\n]|\Z))")

    # -- scanning ----------------------------------------------------------------------
    def check(self, doc: Document) -> Iterator[Finding]:
        if self.report == "nested" and self.may_nest is not None \
                and not self.may_nest.search(self._marks_only(doc)):
            return
        if self.report == "unmatched" and self._balanced(doc):
            return
        scanner = self.block_scanner if doc.kind in self.soft_wrap else self.line_scanner
        key = ("pairs", scanner.pattern, tuple(p.pattern for p in self.unless))
        marks = doc.memo(key, lambda: self._scan(doc.prose, scanner))
        if self.report == "unmatched":
            yield from self._unmatched(marks)
        else:
            nested = self.nested_marks
            yield from self._nested((pos, ch) for pos, ch in marks
                                    if ch in nested or ch in "\r\n")

    def _marks_only(self, doc: Document) -> str:
        return doc.memo(("pair-marks", self.line_scanner.pattern),
                        lambda: "".join(self.line_scanner.findall(doc.prose)))

    def _balanced(self, doc: Document) -> bool:
        """Whether every pair in the document is matched (a quick test; False means
        "look"): innermost pairs on one line are removed until none is left."""
        text = doc.prose
        skipped = self._skipped(text)
        if skipped:  # marks inside ``unless`` spans do not count: blank them out
            text = blank_out(text, skipped)
        else:
            text = self._marks_only(doc)
        for _ in range(8):  # real nesting is shallow; deeper texts take the exact walk
            reduced = self.innermost.sub("", text)
            if reduced == text:
                return self.any_mark.search(text) is None
            text = reduced
        return False

    def _scan(self, text: str, scanner) -> list[tuple[int, str]]:
        """(offset, mark) of every mark and paragraph break, outside ``unless`` spans."""
        skipped = self._skipped(text)
        marks = [(m.start(), m.group()[0]) for m in scanner.finditer(text)]
        if skipped:
            marks = [(pos, ch) for pos, ch in marks if ch in "\r\n" or not _inside(skipped, pos)]
        return marks

    def _skipped(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for compiled in self.unless:
            spans += [m.span() for m in self.finditer(compiled, text)]
        return merge_spans(spans)  # non-overlapping, so one bisection answers _inside

    def _unmatched(self, marks) -> Iterator[Finding]:
        open_at: dict[str, list[int]] = {pair: [] for pair in self.names}
        for pos, ch in marks:
            if ch in "\r\n":
                yield from self._unclosed(open_at)
                continue
            pair, opener = self.marks[ch]
            if opener:
                open_at[pair].append(pos)
            elif open_at[pair]:
                open_at[pair].pop()
            else:
                yield self._unmatched_finding(pos, pair, opener=False)
        yield from self._unclosed(open_at)

    def _unclosed(self, open_at: dict[str, list[int]]) -> Iterator[Finding]:
        for pair, stack in open_at.items():
            for pos in stack:
                yield self._unmatched_finding(pos, pair, opener=True)
            stack.clear()

    def _unmatched_finding(self, pos: int, pair: str, *, opener: bool) -> Finding:
        mark, partner = (pair[0], pair[1]) if opener else (pair[1], pair[0])
        side = "左" if opener else "右"
        name = self.names[pair]
        message = self.message("{side}{name}{mark}没有配对", mark=mark, partner=partner,
                               side=side, name=name)
        return self.finding(pos, pos + 1, message)

    def _nested(self, marks) -> Iterator[Finding]:
        stacks: dict[int, list[_Open]] = {}
        for pos, ch in marks:
            if ch in "\r\n":
                stacks.clear()
                continue
            pair, opener = self.marks[ch]
            ladder, _ = self.ladder_of[pair]
            stack = stacks.setdefault(ladder, [])
            if opener:
                wrong = bool(stack) and self.ladder_of[stack[-1].pair][1] != pair
                stack.append(_Open(pos, pair, wrong))
                continue
            depth = len(stack) - 1
            while depth >= 0 and stack[depth].pair != pair:
                depth -= 1
            if depth < 0:
                continue  # a stray closer: unmatched-pair's business
            closed = stack[depth]
            del stack[depth:]  # openers above it were never closed: their errors lapse
            for finding in closed.pending:
                yield self._nested_finding(*finding)
            if closed.wrong:
                outer = stack[-1]
                outer.pending.append((closed.pos, closed.pair, outer.pair))

    def _nested_finding(self, pos: int, pair: str, outer: str) -> Finding:
        expected = self.ladder_of[outer][1]
        message = self.message(
            "{outer}内应使用{expected_name}{expected}，不应再用{mark}", mark=pair[0],
            name=self.names[pair], side="左", partner=pair[1], outer=self.names[outer],
            expected=expected, expected_name=self.names[expected])
        return self.finding(pos, pos + 1, message)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, _FAR)) - 1
    return i >= 0 and pos < spans[i][1]
