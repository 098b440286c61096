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
import string
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
    #: markup inside the prose that shows as nothing where it stands (Markdown's emphasis
    #: marks and the backslashes of escapes), blanked in ``prose`` but not masked: the rules
    #: read the text without it (:meth:`inline_view`), so ``四**种**意识`` and
    #: ``皖政秘\[2015\]`` read as they show. Spans of one line, sorted, not overlapping.
    inline: list[tuple[int, int]] = field(default_factory=list)

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

    def carries_masked(self, start: int, end: int, replacement: str) -> bool:
        """Whether writing ``replacement`` over ``[start, end)`` leaves the masked text in it
        as it is: every masked span inside, verbatim and in order, with only prose around
        them rewritten, and neither end masked. A pair of brackets around a Markdown link or
        inline code, ``(见[附件](a.md))``, is such a finding: its fix rewrites the brackets
        and carries the link over. (Escapes are not masked: they are ``inline`` markup,
        which :class:`InlineView` writes fixes around.)"""
        text = self.text
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

    def inline_view(self) -> InlineView | None:
        """The document without its ``inline`` markup, which the rules read; None when it
        has none."""
        return InlineView(self) if self.inline else None

    # -- derived structure (title, headings, sections), built on first use ----------
    @cached_property
    def structure(self):
        from .structure import analyze

        return analyze(self)


class InlineView:
    """``source`` without its ``inline`` markup, as a document the rules read
    (:meth:`document`), and the way back: positions, findings and fixes in it as they are
    in ``source``.

    Lines keep their numbers (no span holds a line break). Masked spans and the reader's
    offsets in ``meta`` are carried over; ``meta["inline_view"]`` is this object, for a
    rule that needs the source (textlint's reading of emphasis, lint.kinds.terms). This
    object keeps the view's text, not its Document: no reference cycle.

    A finding that spans markup, ``四**种**意识``, is reported over it (from the escape of
    an escaped first character); its fix keeps the markup with the words beside it, or
    is not offered where it cannot (:meth:`fix_to_source`)."""

    def __init__(self, source: Document):
        self.source = source
        text, prose = source.text, source.prose
        # (a span over a line break, which a plugin's reader might give, is left in: taken
        # out, it would move every later line)
        self._inline = sorted(span for span in source.inline
                              if "\n" not in text[span[0]:span[1]]
                              and "\r" not in text[span[0]:span[1]])
        self._escapes = {s for s, e in self._inline if e == s + 1 and text[s] == "\\"}
        #: kept stretches: where each starts in the view and in the source; a last one at
        #: the end of both
        self._view_starts: list[int] = []
        self._source_starts: list[int] = []
        self._lengths: list[int] = []
        texts, proses, last, at = [], [], 0, 0
        for start, end in merge_spans(self._inline) + [(len(text), len(text))]:
            if start > last or start == len(text):
                self._view_starts.append(at)
                self._source_starts.append(last)
                self._lengths.append(start - last)
                texts.append(text[last:start])
                proses.append(prose[last:start])
                at += start - last
            last = end
        self._text, self._prose = "".join(texts), "".join(proses)

    @property
    def text(self) -> str:
        """The text without the markup."""
        return self._text

    def document(self) -> Document:
        """The view as a Document (made anew on each call: this object does not keep it)."""
        source = self.source
        meta = dict(source.meta)
        meta["inline_view"] = self
        if "node_spans" in meta:
            meta["node_spans"] = {kind: self.spans_to_view(spans)
                                  for kind, spans in meta["node_spans"].items()}
        if "code_spans" in meta:
            meta["code_spans"] = self.spans_to_view(meta["code_spans"])
        if "list_numbers" in meta:
            meta["list_numbers"] = {self.to_view(i) for i in meta["list_numbers"]}
        return Document(text=self._text, path=source.path, prose=self._prose,
                        masked=self.spans_to_view(source.masked), encoding=source.encoding,
                        bom=source.bom, kind=source.kind, meta=meta)

    # -- positions -------------------------------------------------------------------
    def to_source(self, offset: int) -> int:
        """The source offset of the view's character at ``offset`` (after any markup
        before it); the end of the source for the end of the view."""
        i = bisect_right(self._view_starts, offset) - 1
        return self._source_starts[i] + offset - self._view_starts[i]

    def start_to_source(self, start: int) -> int:
        """Where something that starts at the view's ``start`` starts in the source: at the
        escape of an escaped character (``\\[``), which is how it is written; an insertion
        there does not come between the two."""
        at = self.to_source(start)
        return at - 1 if at - 1 in self._escapes else at

    def end_to_source(self, end: int, start: int) -> int:
        """The source offset that ends ``[start, end)`` of the view (before markup after
        it)."""
        return self.to_source(end - 1) + 1 if end > start else self.to_source(start)

    def to_view(self, offset: int) -> int:
        """The view offset of the source's ``offset``; inside markup, the view offset of the
        character after it."""
        i = bisect_right(self._source_starts, offset) - 1
        if i < 0:
            return 0
        return self._view_starts[i] + min(offset - self._source_starts[i], self._lengths[i])

    def spans_to_view(self, spans) -> list[tuple[int, int]]:
        return [(self.to_view(s), self.to_view(e)) for s, e in spans]

    # -- findings ------------------------------------------------------------------
    def finding_to_source(self, finding):
        """``finding`` (of the view) as a finding of the source, its fix with it (or none)."""
        from .finding import Finding

        start, end, fix = finding.start, finding.end, finding.fix
        return Finding(finding.rule_id, self.start_to_source(start),
                       self.end_to_source(end, start), finding.message,
                       None if fix is None else self.fix_to_source(fix), finding.level)

    def fix_to_source(self, fix):
        """``fix`` (of the view) as a fix of the source, or None where it cannot be written
        without moving or losing markup. The markup inside its range, and the emphasis
        marks right around it, stay with the characters they stand by: the replacement is
        aligned with what it replaces (difflib), and each mark goes where the text on its
        side of it went (``**布**署`` → ``**部**署``; ``**(tài)**`` deleted takes its marks
        along). A mark inside text that is deleted or reordered has no place: no fix
        (``理论自信、制度自信、**道路自信**`` reordered). An escape goes with the character
        it escaped, unless that stays or becomes ASCII punctuation, which needs it."""
        from .finding import Fix

        start, end, new = fix.start, fix.end, fix.text
        a = self.start_to_source(start)
        if end == start:
            return Fix(a, a, new)
        b = self.end_to_source(end, start)
        source = self.source.text
        # emphasis marks right around the range go with it
        lo = bisect_left(self._inline, (a, a))
        while lo > 0 and self._inline[lo - 1][1] == a and _is_marks(source, *self._inline[lo - 1]):
            lo -= 1
            a = self._inline[lo][0]
        hi = bisect_left(self._inline, (b, b))
        while hi < len(self._inline) and self._inline[hi][0] == b and \
                _is_marks(source, *self._inline[hi]):
            b = self._inline[hi][1]
            hi += 1
        spans = self._inline[lo:hi]
        if not spans:
            return Fix(a, b, new)
        old = self._text[start:end]
        from difflib import SequenceMatcher

        blocks = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        placed = []  # (where in the replacement, where it stood in the old text, the markup)
        for s, e in spans:
            k = self.to_view(s) - start  # the boundary of ``old`` it stands at
            if s in self._escapes:
                tag, j = _aligned(blocks, k, after=True)
                if j is None:
                    return None
                if tag != "equal" and not (j < len(new) and new[j] in _ASCII_PUNCTUATION):
                    continue  # 〔 needs no escape: \〔 would show the backslash
            else:
                j = _aligned(blocks, k)[1]
                if j is None:
                    return None
            placed.append((j, k, source[s:e]))
        # emphasis whose text was deleted: its marks meet, from two places of the old text,
        # and go too (marks that stood together, ***, stay together)
        meeting: dict[int, set[int]] = {}
        for j, k, markup in placed:
            meeting.setdefault(j, set()).add(k if _is_marks(markup, 0, len(markup)) else -1)
        out, last = [], 0
        for j, _, markup in placed:
            if len(meeting[j]) > 1 and -1 not in meeting[j]:
                continue
            out += (new[last:j], markup)
            last = j
        out.append(new[last:])
        return Fix(a, b, "".join(out))


def _is_marks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is emphasis marks only (not an escape)."""
    return end > start and all(ch in "*_~" for ch in text[start:end])


def _aligned(blocks, k: int, after: bool = False) -> tuple[str | None, int | None]:
    """Where the boundary ``k`` of the old text lies in the new one, by difflib's opcodes,
    and the kind of block it opens (``after``: an escape, which goes with the character
    after it) or closes; None where it lies inside text that was deleted, inserted or
    replaced by text of another length."""
    found: tuple[str | None, int | None] = (None, None)
    for tag, i1, i2, j1, j2 in blocks:
        if i1 < k < i2:
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                return tag, j1 + k - i1
            return None, None
        if k == i1 and (after or found[1] is None) and i2 > i1:
            return tag, j1
        if k == i2 and i2 > i1:
            found = (tag, j2)
    return found


#: what CommonMark lets escape
_ASCII_PUNCTUATION = frozenset(string.punctuation)


__all__ = ["Document", "InlineView", "Line", "blank_out", "merge_spans", "overlaps",
           "within"]


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


def overlaps(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` (or the character at ``start``) overlaps one of ``spans``,
    given as the starts and the ends of :func:`merge_spans`' result."""
    starts, ends = spans
    i = bisect_left(starts, max(end, start + 1)) - 1
    return i >= 0 and ends[i] > start


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the sorted, non-overlapping ``spans`` replaced by as many spaces
    (from slices: a list of a document's characters makes an object of each Chinese one)."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += (text[last:start], " " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
