"""Document: the text a reader produced, and everything rules need to locate things in it.

``text`` is the decoded source (BOM removed, line endings kept), so offsets into it are
offsets into the file and fixes can be written back byte for byte. ``prose`` has the same
length; a reader blanks out what is not prose (Markdown code, URLs, HTML, front matter,
disable comments) with spaces and records those spans in ``masked``. Rules scan ``prose``;
the engine drops any finding that touches a masked span. In ``prose`` every ``\r`` is a
``\n`` (CRLF becomes two), so ``$`` and ``[^\n]`` in rule patterns behave the same in CRLF,
CR and LF files while offsets still line up with ``text``.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

try:  # CPython keeps 4 bytes a character exactly for a string with one above U+FFFF (PEP 393)
    _UCS4_HEADER = sys.getsizeof("\U00010000") - 8  # the character and the terminating zero
except TypeError:  # pragma: no cover - a Python without getsizeof
    _UCS4_HEADER = None


def may_hold_astral(text: str) -> bool:
    """Whether ``text`` may hold a character above U+FFFF, found without looking at each one
    (a full scan costs ~8 ms per 5 MB, and few documents hold one)."""
    if _UCS4_HEADER is None or len(text) < 16:
        return True
    return sys.getsizeof(text) - _UCS4_HEADER >= 4 * (len(text) + 1)


@dataclass(slots=True, unsafe_hash=True)
class Line:
    """One line: ``number`` is 1-based; ``[start, end)`` excludes the line terminator.

    Never changed once made, but not ``frozen``: a frozen dataclass sets each field through
    ``object.__setattr__``, and a document makes one Line per line (36,000 for the bench
    corpus: 2.3 times as long to make)."""

    number: int
    start: int
    end: int


@dataclass(eq=False)
class Document:
    """A text to lint, as a reader made it, with what is needed to write it back."""

    text: str
    path: str | None = None
    prose: str | None = None
    masked: list[tuple[int, int]] = field(default_factory=list)
    encoding: str = "utf-8"
    bom: bool = False
    kind: str = "text"
    #: hints a reader may give the structure analysis (e.g. Markdown heading lines)
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.prose is None:
            self.prose = self.text
        if "\r" in self.prose:
            self.prose = self.prose.replace("\r", "\n")
        if len(self.prose) != len(self.text):
            raise ValueError("prose must have the same length as text")

    @property
    def rewritable(self) -> bool:
        """Whether ``--fix`` can write fixed text back to the file: not a Word document, whose
        text a fix at a character offset cannot be written into without risking the runs'
        formatting (lint/readers/docx.py). The linter reports findings in it without a fix."""
        return self.kind != "docx"

    # -- lines -----------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        lines: list[Line] = []
        if "\r" not in text:  # the common case: split at C speed
            start = 0
            for number, part in enumerate(text.split("\n"), 1):
                end = start + len(part)
                lines.append(Line(number, start, end))
                start = end + 1
            return lines
        start = 0
        number = 1
        n = len(text)
        i = 0
        # the next LF and the next CR at or after i (-1: none left), each searched again only
        # once passed: a text of LF lines with one stray CR is not searched to its end per line
        lf, cr = text.find("\n"), text.find("\r")
        while True:
            if 0 <= lf < i:
                lf = text.find("\n", i)
            if 0 <= cr < i:
                cr = text.find("\r", i)
            j = lf if cr < 0 else cr if lf < 0 else min(lf, cr)
            if j < 0:
                lines.append(Line(number, start, n))
                break
            width = 2 if text.startswith("\r\n", j) else 1
            lines.append(Line(number, start, j))
            number += 1
            start = i = j + width
        return lines

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    def line_at(self, offset: int) -> Line:
        return self.lines[bisect_right(self._line_starts, offset) - 1]

    def line_text(self, line: Line, *, prose: bool = True) -> str:
        source = self.prose if prose else self.text
        return source[line.start : line.end]

    @cached_property
    def newline(self) -> str:
        """The file's dominant line ending (kept when text is written back)."""
        crlf = self.text.count("\r\n")
        cr = self.text.count("\r") - crlf
        lf = self.text.count("\n") - crlf
        best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))
        return best[1] if best[0] else "\n"

    # -- positions -------------------------------------------------------------------
    @cached_property
    def _astral(self) -> list[int]:
        """Offsets of characters outside the BMP (two UTF-16 code units each)."""
        if not may_hold_astral(self.text):
            return []
        return [m.start() for m in _ASTRAL.finditer(self.text)]

    def utf16(self, offset: int) -> int:
        """Code-point offset -> UTF-16 code-unit offset (textlint's index)."""
        astral = self._astral
        return offset + bisect_right(astral, offset - 1) if astral else offset

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column); columns count UTF-16 code units, as textlint does."""
        line = self.line_at(offset)
        if not self._astral:  # UTF-16 offsets are code-point offsets
            return line.number, offset - line.start + 1
        return line.number, self.utf16(offset) - self.utf16(line.start) + 1

    @cached_property
    def _masked_spans(self) -> list[tuple[int, int]]:
        return sorted(self.masked)

    @cached_property
    def _masked_sorted(self) -> tuple[list[int], list[int]]:
        spans = self._masked_spans
        ends, high = [], -1
        for _, m_end in spans:  # running maximum: spans may overlap
            high = max(high, m_end)
            ends.append(high)
        return [m_start for m_start, _ in spans], ends

    def is_masked(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` (or the character at ``start``) touches a masked span."""
        starts, ends = self._masked_sorted
        i = bisect_left(starts, max(end, start + 1)) - 1  # last span starting before the end
        return i >= 0 and ends[i] > start

    def escaped(self, offset: int) -> bool:
        """Whether the character at ``offset`` is written with an escape: a backslash the
        reader masked right before it (Markdown's ``\\,``, which shows ``,``)."""
        return (offset > 0 and self.text[offset - 1] == "\\" and bool(self.masked)
                and self.is_masked(offset - 1, offset) and not self.is_masked(offset, offset + 1))

    def carries_masked(self, start: int, end: int, replacement: str) -> bool:
        """Whether writing ``replacement`` over ``[start, end)`` leaves the masked text in it
        as it is: every masked span inside, verbatim and in order, with only prose around
        them rewritten, and neither end masked. A pair of brackets around a Markdown link or
        inline code, ``(见[附件](a.md))``, is such a finding: its fix rewrites the brackets
        and carries the link over. A masked backslash (a Markdown escape, ``\\(``) keeps
        the very character after it, or would stand for itself: ``\\（`` is a backslash; a
        fix may start with it, rewriting the escape with the character it escapes
        (:meth:`escaped`)."""
        text = self.text
        if end > start + 1 and text[start] == "\\" and self.escaped(start + 1):
            start += 1
        elif start > 0 and text[start - 1] == "\\" and self.is_masked(start - 1, start):
            return False
        if self.is_masked(start, start + 1) or self.is_masked(end - 1, end):
            return False
        starts, _ = self._masked_sorted
        spans = self._masked_spans
        at = 0
        for i in range(bisect_left(starts, start), len(spans)):  # (no slice: a copy)
            m_start, m_end = spans[i]
            if m_start >= end:
                break
            if m_end > end:
                return False
            found = replacement.find(text[m_start:m_end], at)
            if found < 0:
                return False
            at = found + m_end - m_start
            if text[m_end - 1] == "\\" and replacement[at:at + 1] != text[m_end:m_end + 1]:
                return False
        return True

    def unmasked(self, start: int, end: int) -> tuple[int, int]:
        """Where a finding about the whole region ``[start, end)`` (a sentence, a title) is
        reported. A finding that touches masked text is not reported (it is markup, such as
        a Markdown ``#`` or ``**``), so in a document with masked spans this is the
        region's first stretch of text between them, without the blanks around it. In a
        document without masked spans the region is returned as it is."""
        if not self.masked:
            return start, end
        prose = self.prose
        first = start
        while first < end and (prose[first].isspace() or self.is_masked(first, first + 1)):
            first += 1
        starts, _ = self._masked_sorted
        i = bisect_right(starts, first)
        stop = min(end, starts[i]) if i < len(starts) else end
        while stop > first and prose[stop - 1].isspace():
            stop -= 1
        return (first, stop) if stop > first else (start, end)

    # -- work shared between rules -------------------------------------------------
    def memo(self, key, factory):
        """``factory()`` computed once per document for ``key``: two rules of one kind with
        the same options (unmatched-pair and nested-quote; missing-period and broken-line)
        share their scan instead of repeating it."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = factory()
        return cache[key]

    # -- derived structure (title, headings, sections), built on first use ----------
    @cached_property
    def structure(self):
        from .structure import analyze

        return analyze(self)


__all__ = ["Document", "Line", "blank_out", "merge_spans", "within"]


def merge_spans(spans, touching: bool = True) -> list[tuple[int, int]]:
    """``spans`` sorted, with those that overlap (or, with ``touching``, only touch) merged
    into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] if touching else start < merged[-1][1]):
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def within(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans``, given as the starts and the
    ends of :func:`merge_spans`' result."""
    starts, ends = spans
    i = bisect_right(starts, start) - 1
    return i >= 0 and end <= ends[i]


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the sorted, non-overlapping ``spans`` replaced by as many spaces
    (from slices: a list of a document's characters makes an object of each Chinese one)."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += (text[last:start], " " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
