"""``length``: sentences longer than a reader can hold in mind.

公文 are read aloud and skimmed; a sentence of 150 characters and more loses its subject
before its verb. Sentences end at 。！？； (option ``terminators``) and at line ends; the
length counts every character but whitespace. The text is split at its first terminator
(at C speed), and only the pieces longer than ``max`` are scanned for sentences, so the cost
hardly grows with the number of short sentences.

Options:
  max          longest allowed sentence, in characters (default 150)
  terminators  characters that end a sentence (default 。！？；)
  ignore       a regex for text that is not counted (converter pinyin: 態(tài) is one
               character of the sentence, not six)
  roles        structure roles of the lines measured (default: every line); a title's
               length is ``roles: [title]`` with a ``max`` of its own: the title is
               measured whole, all the lines it is set on as one (临江市教育局 ⏎ 关于……的
               请示), and reported from its first line

The message may use ``{length}`` and ``{max}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, compress

from .. import regexcache
from ..document import Document
from ..finding import Finding
from . import Kind

#: closing marks and spaces that follow a terminator belong to the sentence before
_LEADING = regexcache.compile(r"[\s”’」』）)】〕》]*")


class LengthKind(Kind):
    message_fields = frozenset({"length", "max"})
    options = {"max": 150, "terminators": "。！？；", "ignore": None, "roles": None}

    def setup(self) -> None:
        limit = self.opts["max"]
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise self.rule.error("'max' must be a positive whole number", "max")
        terminators = self.opts["terminators"]
        if not isinstance(terminators, str) or not terminators:
            raise self.rule.error("'terminators' must be a non-empty string", "terminators")
        self.max = limit
        stop = "".join(re.escape(ch) for ch in terminators)
        # every stretch between terminators, found at C speed (Python's re, a plain class);
        # only the few longer than ``max`` are looked at in Python (spaces discounted below)
        self.sentence = regexcache.compile_re(rf"[^{stop}\r\n]+")
        self.terminators = frozenset(terminators)
        self.splitter = terminators[0]
        # most documents hold no ignored span: their long sentences are not scanned for one
        self.ignore_option()
        roles = self.opts["roles"]
        self.roles = None if roles is None else self.roles_option(roles, "roles")
        # a title is one, whatever lines it is set on; its lines are no sentences
        self.whole_title = self.roles is not None and "title" in self.roles
        self.sentence_roles = None if self.roles is None else self.roles - {"title"}

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        limit = self.max
        budget: dict = {}
        if self.whole_title:
            yield from self._long_title(doc, text, budget)
            if not self.sentence_roles:
                return
        # Pieces between one terminator (。, split at C speed) that are short hold no long
        # sentence; only the few long pieces are scanned for stretches.
        lengths = list(map(len, text.split(self.splitter)))
        long = list(compress(range(len(lengths)), map(limit.__lt__, lengths)))
        if not long:
            return
        ends = list(accumulate(lengths))  # (all at C speed: piece i starts at ends[i - 1] + i)
        ignoring = self.may_hold_ignored(doc)
        for i in long:
            start = ends[i - 1] + i if i else 0
            yield from self._long_sentences(doc, text, start, start + lengths[i],
                                            budget if ignoring else None)

    def _long_sentences(self, doc: Document, text: str, lo: int, hi: int, budget: dict | None
                        ) -> Iterator[Finding]:
        """The sentences over the limit in ``text[lo:hi]``; with a ``budget`` (a document
        that may hold ``ignore`` spans), those spans are not counted."""
        limit = self.max
        for m in self.sentence.finditer(text, lo, hi):
            start, end = m.span()
            if end - start <= limit:
                continue
            if end < len(text) and text[end] in self.terminators:
                end += 1  # the sentence's own closing mark
            start = _LEADING.match(text, start, end).end()
            length = self._length(text, start, end, budget)
            if length > limit and (self.roles is None or doc.structure.role(
                    doc.line_at(start).number) in self.sentence_roles):
                yield self.finding(*doc.unmasked(start, end), self.message(
                    "句子过长（{length}字，超过{max}字），建议拆分",
                    length=length, max=self.max))

    def _long_title(self, doc: Document, text: str, budget: dict) -> Iterator[Finding]:
        """The title, all its lines as one, when it is longer than ``max``."""
        title = doc.structure.title
        if title is None or title.end - title.start <= self.max:
            return
        length = self._length(text, title.start, title.end,
                              budget if self.may_hold_ignored(doc) else None)
        if length > self.max:
            yield self.finding(*doc.unmasked(title.start, title.end), self.message(
                "标题过长（{length}字，超过{max}字）", length=length, max=self.max))

    def _length(self, text: str, start: int, end: int, budget: dict | None) -> int:
        """The characters of ``text[start:end]`` but whitespace; with a ``budget`` (a
        document that may hold ``ignore`` spans), those spans are not counted."""
        length = _visible(text[start:end])
        if length > self.max and budget is not None:
            length -= sum(_visible(m[0]) for m in
                          self.finditer(self.ignore, text, start, end, budget))
        return length


def _visible(piece: str) -> int:
    """The characters of ``piece`` but whitespace (str.split's, which is str.isspace's), at C
    speed (str.isspace called on each character cost 4 ms of the bench corpus)."""
    return sum(map(len, piece.split()))
