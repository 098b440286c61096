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
               length is ``roles: [title]`` with a ``max`` of its own

The message may use ``{length}`` and ``{max}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate

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

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.prose
        limit = self.max
        # Pieces between one terminator (。, split at C speed) that are short hold no long
        # sentence; only the few long pieces are scanned for stretches.
        parts = text.split(self.splitter)
        long = [i for i, n in enumerate(map(len, parts)) if n > limit]
        if not long:
            return
        offsets = [0, *accumulate(len(part) + 1 for part in parts)]
        ignoring = self.may_hold_ignored(doc)
        budget: dict = {}
        for i in long:
            yield from self._long_sentences(doc, text, offsets[i], offsets[i] + len(parts[i]),
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
            sentence = text[start:end]
            length = len(sentence) - sum(map(str.isspace, sentence))
            if length > limit and budget is not None:
                length -= sum(len(m[0]) - sum(map(str.isspace, m[0])) for m in
                              self.finditer(self.ignore, text, start, end, budget))
            if length > limit and (self.roles is None or doc.structure.role(
                    doc.line_at(start).number) in self.roles):
                yield self.finding(*doc.unmasked(start, end), self.message(
                    "句子过长（{length}字，超过{max}字），建议拆分",
                    length=length, max=self.max))
