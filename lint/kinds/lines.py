"""``paragraph-end``: how body paragraphs end — a paragraph left without its closing mark,
or a line broken in the middle of a sentence.

Both questions start from the same observation, a body line whose last character is not a
sentence-closing mark, and differ in what follows it. If the next line is more of the same
body text, the writer did not stop there: the line was hard-wrapped (text copied out of a
PDF, a web page or an e-mail) and the two lines are one paragraph (``report: broken``).
Otherwise the paragraph really ends without 。 (``report: missing``). Deciding both in one
module keeps the two rules from reporting the same line end twice.

Only lines the structure analysis (``doc.structure.role``) calls body text are judged, so
titles, headings, labels (``存在问题：``), signatures, dates and table cells never are; a
line must also read as prose (contain a comma or a full stop) unless it ends on a mark that
cannot end a sentence (``，`` ``（``), so short captions and bylines are left alone; and a
paragraph of English (Latin letters, no Chinese character: a LICENSE among the drafts) is
not judged.

Options:
  report          ``missing`` or ``broken``
  roles           structure roles judged (default ``[body]``); the next line must have one
                  of them to continue a paragraph
  run_in          also judge run-in headings (``（一）标题。正文……``), whose line is a body
                  paragraph after its first sentence
  terminators     characters that close a paragraph (``。！？；：…``)
  closers         marks that may follow the closing mark (``”）》``), skipped over
  dangling        marks after which a sentence cannot have ended (``，、（“``)
  trailing        regex: text ignored at the end of a line (a converter's ``(xiàn)``)
  prose           regex a line must contain to count as a sentence (``[，。]``)
  new_paragraph   regex: a next line starting with a match begins a new paragraph
                  (``二是`` ``第三，``, an indent) instead of continuing
  soft_wrap       document kinds whose paragraphs run to a blank line (default
                  ``[markdown]``): a line break inside one is not a defect, and only its
                  last line can lack the period

The finding spans the line's last character (and what ``trailing`` skipped); the message
may use ``{tail}``, the last few characters before the break.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .. import regexcache
from ..document import Document
from ..finding import Finding
from ..structure import HAN
from . import Kind
from .prefilter import lines_with

#: how far back from a line's end ``trailing`` residue is looked for
TRAILING_WINDOW = 200

_SPACE = " \t\u3000\u00a0"
_LATIN = regexcache.compile(r"[A-Za-z]")


class ParagraphEndKind(Kind):
    message_fields = frozenset({"tail"})
    options = {
        "report": "missing",
        "roles": ["body"],
        "run_in": False,
        "terminators": "。！？；：…!?;:",
        "closers": "”’）》〉】〕」』)\"'",
        "dangling": "",
        "trailing": None,
        "prose": None,
        "new_paragraph": None,
        "soft_wrap": ["markdown"],
    }

    def setup(self) -> None:
        rule = self.rule
        self.report = self.opts["report"]
        if self.report not in ("missing", "broken"):
            raise rule.error("'report' must be 'missing' or 'broken'", "report")
        self.roles = self.roles_option(self.opts["roles"], "roles")
        # rules of this kind whose options agree (bar what they report) share one scan
        self._signature = tuple(sorted((k, repr(v)) for k, v in self.opts.items()
                                       if k != "report"))
        for key in ("terminators", "closers", "dangling"):
            if not isinstance(self.opts[key], str):
                raise rule.error(f"'{key}' must be a string of characters", key)
        if not self.opts["terminators"]:
            raise rule.error("'terminators' must name at least one character", "terminators")
        self.terminators = frozenset(self.opts["terminators"])
        self.closers = frozenset(self.opts["closers"]) - self.terminators
        self.dangling = frozenset(self.opts["dangling"])
        self.trailing = self._optional("trailing")
        # characters every residue match contains: a line end without them skips the regex
        self.trailing_needs = None
        if self.trailing is not None:
            from .prefilter import analysis  # cached across runs, with the pattern's flags

            found = analysis(self.trailing.pattern, bool(self.trailing.flags & regex.IGNORECASE),
                             bool(self.trailing.flags & regex.DOTALL))
            self.trailing_needs = found.local_required if found is not None else None
        self.prose = self._optional("prose")
        self.new_paragraph = self._optional("new_paragraph")
        self.soft_wrap = self.document_kinds_option(self.opts["soft_wrap"], "soft_wrap")

    def _optional(self, key: str):
        pattern = self.opts[key]
        return None if pattern is None else self.compile(pattern, key)

    # -- checking ----------------------------------------------------------------------
    def check(self, doc: Document) -> Iterator[Finding]:
        soft = doc.kind in self.soft_wrap
        if soft and self.report == "broken":
            return
        lines = doc.lines
        prose = doc.prose
        judged, open_ends = doc.memo(("paragraph-end", self._signature),
                                     lambda: self._scan(doc))
        roles = doc.structure.roles
        for i, line in enumerate(lines):
            end = open_ends[i]
            if end is None:
                continue
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if soft:  # Markdown: a paragraph runs on to the next blank line
                if nxt is not None and prose[nxt.start:nxt.end].strip():
                    continue
                continued = False
            else:
                # a heading's number starts a new paragraph, even a run-in heading judged
                # for its own end (（三）强化学习。组织……)
                continued = nxt is not None and judged[i + 1] \
                    and (i + 1 >= len(roles) or roles[i + 1] != "heading") \
                    and not self._starts_paragraph(prose, nxt.start, nxt.end)
            if continued != (self.report == "broken"):
                continue
            tail = _tail(prose, line.start, end + 1)
            if self.report == "broken":
                message = self.message("句子在“{tail}”处断行，下一行是它的接续", tail=tail)
            else:
                message = self.message("段落以“{tail}”结尾，缺少句号", tail=tail)
            yield self.finding(end, line.end, message)

    def _scan(self, doc: Document) -> tuple[list[bool], list[int | None]]:
        """Which lines are judged, and where each judged line ends mid-sentence.

        Most judged lines end with a terminator (。) that is not also dangling: such a line
        is closed, and is answered without _open_end unless trailing residue could stand at
        its end (a character every residue match needs is on the line)."""
        structure, prose, lines = doc.structure, doc.prose, doc.lines
        judged = self._judged(structure, len(lines))
        closing = self.terminators - self.dangling
        if self.trailing is None:
            residue = frozenset()
        elif self.trailing_needs is None:
            residue = None  # any line may end in residue
        else:
            residue = frozenset(line.number - 1
                                for line in lines_with(doc, prose, self.trailing_needs))
        open_end = self._open_end
        open_ends: list[int | None] = []
        # in a soft-wrapped document a paragraph runs from a blank line to the next, and it
        # reads as prose when any of its lines does (我们认真落实各项部署，⏎取得成效)
        soft = doc.kind in self.soft_wrap
        blocks = doc.meta.get("block_starts") or () if soft else ()
        paragraph = 0
        for i, line in enumerate(lines):
            if soft and not prose[line.start:line.end].strip():
                paragraph = line.end
            elif line.number in blocks:  # a list item, a quote: a paragraph of its own
                paragraph = line.start
            if not judged[i]:
                open_ends.append(None)
            elif line.end > line.start and prose[line.end - 1] in closing and (
                    residue is not None and i not in residue):
                open_ends.append(None)
            else:
                open_ends.append(open_end(prose, line.start, line.end,
                                          paragraph if soft else line.start))
        return judged, open_ends

    def _judged(self, structure, count: int) -> list[bool]:
        """Per line: whether its role is judged (a run-in heading too, with ``run_in``)."""
        roles = structure.roles[:count]
        judged = [role in self.roles for role in roles] + [False] * (count - len(roles))
        if "other" in self.roles:
            judged[len(roles):] = [True] * (count - len(roles))  # role() says "other" there
        if self.opts["run_in"] and "heading" not in self.roles:
            for heading in structure.headings:
                number = heading.line.number
                if 1 <= number <= len(roles) and roles[number - 1] == "heading":
                    found = structure.heading_at(number)
                    judged[number - 1] = found is not None and found.run_in
        return judged

    def _open_end(self, prose: str, start: int, end: int, paragraph: int | None = None
                  ) -> int | None:
        """Offset of the last significant character when the line ends mid-sentence; the
        ``prose`` test looks from ``paragraph`` (the paragraph's start; the line's) on."""
        window = max(start, end - TRAILING_WINDOW)
        needs = self.trailing_needs
        if self.trailing is not None and (
                needs is None or any(prose.find(ch, window, end) >= 0 for ch in needs)):
            # residue at a line's end is short: look at the last TRAILING_WINDOW characters
            for m in self.finditer(self.trailing, prose, window, end):
                if m.end() == end and m.start() > start:
                    end = m.start()
                    break
        while end > start and prose[end - 1] in _SPACE:
            end -= 1
        last = end - 1
        if last < start:
            return None
        # an English paragraph (a LICENSE among the drafts) is no Chinese sentence
        begin = start if paragraph is None else paragraph
        if HAN.search(prose, begin, end) is None and _LATIN.search(prose, begin, end):
            return None
        if prose[last] in self.dangling:
            return last
        probe = last
        while probe >= start and prose[probe] in self.closers:
            probe -= 1
        if probe < start or prose[probe] in self.terminators:
            return None
        if prose[last] in "）)" and self._note_after_end(prose, start, last):
            return None
        if self.prose is not None and self.prose.search(
                prose, start if paragraph is None else paragraph, end) is None:
            return None
        return last

    def _note_after_end(self, prose: str, start: int, last: int) -> bool:
        """Whether the paragraph ends with a note in brackets after its closing mark, a
        句外括号 that takes no mark of its own (GB/T 15834): a 工作要点's
        ……进头脑。（责任科室：组干科）, a briefing's ……初见成效。（王禧华）."""
        opening = max(prose.rfind("（", start, last), prose.rfind("(", start, last))
        if opening <= start or last - opening > NOTE_WIDTH or any(
                ch in prose[opening + 1:last] for ch in "（）()"):
            return False
        before = opening - 1
        while before >= start and prose[before] in _SPACE:
            before -= 1
        return before >= start and prose[before] in self.terminators

    def _starts_paragraph(self, prose: str, start: int, end: int) -> bool:
        return self.new_paragraph is not None and \
            self.new_paragraph.match(prose, start, end) is not None


#: the longest note in brackets after a paragraph's closing mark
NOTE_WIDTH = 80


def _tail(prose: str, start: int, end: int, width: int = 6) -> str:
    """The last few characters before ``end``, cut at spaces and at Latin text or
    brackets (converter residue such as ``(jiān)`` would make the quote unreadable)."""
    i = end
    while i > start and end - i < width:
        ch = prose[i - 1]
        if ch in _SPACE or ch in "()" or (ch < "\u2e80" and ch.isalpha()):
            break
        i -= 1
    if i == end:  # Latin text or a bracket right at the end: quote the last word as it is
        i = max(start, end - width)
    return prose[i:end].strip()
