"""Markdown: lint the prose a reader sees, report positions in the source the writer edits.

Maintainers keep report drafts in Markdown, and a linter that reads the raw file would report
the syntax: ``**`` as a placeholder, ``](http://…)`` as half-width punctuation, code as
Chinese text. This reader parses the file with markdown-it-py (CommonMark plus GFM tables,
strikethrough and footnotes) and blanks with spaces, in ``Document.prose``, everything that is
not prose:

- fenced and indented code, inline code, HTML blocks and inline HTML, front matter
  (``---``/``+++`` at the top, not followed by a blank line), thematic breaks, link reference
  definitions;
- link and image syntax: ``[``, ``](destination "title")``, ``<autolinks>``, whole images,
  and bare ``http(s)://`` and ``www.`` URLs, which end as GFM's extended autolinks end
  (not the ``,`` ``.`` ``:`` or unopened ``)`` after one: ``详见https://…/a.htm,请``);
- footnote syntax (pandoc's, read by mdit-py-plugins): a reference's ``[^label]`` and the
  ``[^label]:`` opening a definition, whose text is prose (plain CommonMark would take
  ``[^1]: 脚注……`` for a link reference definition and lose the text);
- markup characters: ``#`` heading marks, setext underlines, ``-``/``*``/``+`` bullets,
  ``>`` quote marks, table pipes and delimiter rows, entities. An entity leaves in the
  prose the character it stands for, at its first position (``&rdquo;`` reads as ``”``
  and six blanks), so ``“…&rdquo;`` is a balanced pair and ``&#12290;`` ends a sentence;
  the span stays masked, so nothing reports or rewrites the entity itself. Entities for
  white space stay blank.

Blanked spans are recorded in ``Document.masked`` so that no finding touches syntax. Markup
that shows nothing where it stands, ``*``/``_`` emphasis markers and the backslashes of
escapes (a table cell's ``\\|`` too), is blanked too but goes to ``Document.inline``
instead: the rules read the text without it (lint.document.InlineView), so ``认真**布**署``
and ``皖政秘\\[2015\\]`` read as they show. So does struck-out text, ``~~…~~`` whole: a
draft's deletion is not part of what it says.

Ordered list numbers (``1.``) stay: in a 公文 they read as ``1.`` headings, and the
structure still takes them for such (a line's role, the heading hierarchy). But Markdown
numbers a list itself
(``1. 1. 1.`` shows 1, 2, 3; a nested list counts on its own), so the offsets of these numbers
go to ``doc.meta["list_numbers"]``, and the rules on how headings are numbered and written
leave them alone.
``<!-- gwlint-disable -->`` comments are HTML, so they are blanked too; the engine reads
directives from ``text``, so they keep working, except where they stand in code (an example of
the syntax): those spans go to ``doc.meta["code_spans"]``.

Emphasis is parsed as the CJK-friendly amendments to CommonMark have it (below):
``**（一）加强组织领导。**正文`` is bold, not two placeholders. Emphasis that Markdown would
render but a writer plainly did not mean — a lone ``*`` on each
side, glued to Chinese text on the outside and spanning punctuation, as in the template line
``上报信息*条，开展*次`` — is kept as text, so the placeholder rule still sees both ``*``; so
are masks paired as bold in a date (``2023年**月**日``) or around the same words
(``市**党组……市**党组``).

Offsets are source offsets: the parser works on a copy with line endings normalised to
``\\n``, and every span is mapped back, so CRLF and CR files report the lines an editor shows.
Heading lines (ATX and setext) go to ``doc.meta["heading_lines"]`` for the structure rules,
and table rows to ``doc.meta["table_lines"]``: their role is ``cell``, as a Word table's.
"""

from __future__ import annotations

import importlib
import types
import unicodedata
from bisect import bisect_left

import regex
from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_inline.state_inline import StateInline
from mdit_py_plugins.footnote import footnote_plugin

from .. import regexcache
from ..document import Document, merge_spans
from . import ReadError
from .text import decode, encoding_notices, mask_directives

# Front matter opens with a line that is not blank, as pandoc requires: ``---`` and then a
# blank line is a thematic break, and what follows it up to the next ``---`` is prose.
_FRONT_MATTER = regexcache.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(?![ \t]*(?:\n|\Z))"
    r"(?:.*\n)*?(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)")
_URL = regexcache.compile(r"(?:https?|ftp)://[^\s<\p{Han}，。；：、！？“”‘’（）《》【】〔〕]+"
                          r"|www\.[A-Za-z0-9-]+\.[^\s<\p{Han}，。；：、！？“”‘’（）《》【】〔〕]+")
#: what ends a bare URL but is not part of it (GFM's extended autolink path validation, as
#: cmark-gfm's autolink_delim has it: also ``;``, ``"`` and ``'``); ``)`` only unbalanced
_URL_TRAILING = frozenset("?!.,:;*_~\"'")
#: of those, what ends a URL only where the URL itself ends (a space, the line's end, ``<``):
#: before Chinese text it is the URL's (``http://…/col/col_中文页面``), no emphasis mark
_URL_TRAILING_AT_END = frozenset("*_~")
_ENTITY_TAIL = regexcache.compile_re(r"&[A-Za-z0-9]+;\Z")
_INTRAWORD = regexcache.compile(r"[\p{Han}\d]")
_NOT_LINE_BREAK = regexcache.compile_re(r"[^\r\n]")
_SENTENCE_PUNCT = regexcache.compile(r"[，。；：、！？]")
#: what emphasis a writer means never opens on, or closes on
_NO_EMPHASIS_START = "，。；：、！？）】》”’〕」』"
_NO_EMPHASIS_END = "（【《“‘〔「『"
#: a date with a part masked (2023年**月**日, 20**年**月, **月**日): each part figures or
#: stars; a year or a month alone is no date (截至**2023**年底, 全年**月均**增长)
_DATE_PART = r"(?:[\d〇○零一二三四五六七八九十]{0,4}\*{1,3}[\d〇○零一二三四五六七八九十]{0,4}" \
    r"|[\d〇○零一二三四五六七八九十]{1,4})"
_FIGURES = "0123456789〇○零一二三四五六七八九十"
_MASKED_DATE = regexcache.compile(
    rf"{_DATE_PART}年{_DATE_PART}月(?:{_DATE_PART}日)?|{_DATE_PART}月{_DATE_PART}日")
_LEAF_BLOCKS = {"paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr",
                "table_open"}
_WHOLE_BLOCKS = {"fence", "code_block", "html_block", "hr"}
_PAIRED = {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"}
_NODE_KINDS = {"em_open": "emphasis", "strong_open": "strong", "s_open": "strikethrough"}

_PARSERS: dict[bool, MarkdownIt] = {}

#: the deepest nesting of quotes and lists read (markdown-it's own default; its CommonMark
#: preset stops at 20, a list 9 deep). Deeper, markdown-it skips the rest of the enclosing
#: block, which runs to the end of the document: that text would be lost, so such a file is
#: a read error. Each level costs the parser about two Python frames. (markdown-it's
#: ``maxNesting`` counts the text inside the deepest quote as a level of its own: it is set
#: one higher, so that 100 quotes and 50 lists are read, as the README says.)
MAX_NESTING = 100


def _parser(cjk_friendly: bool = True) -> MarkdownIt:
    """The parser: emphasis read as the CJK-friendly amendments have it, or (for
    :func:`commonmark_emphasis`) as plain CommonMark does."""
    if cjk_friendly not in _PARSERS:
        # text_join would merge escapes into text; kept apart, every child maps to source.
        # footnote_tail would move footnote definitions to the end of the token stream: left
        # where they stand, they are walked in source order like any other block.
        parser = (MarkdownIt("commonmark").use(footnote_plugin, inline=False)
                  .enable(["table", "strikethrough"]).disable(["text_join", "footnote_tail"]))
        if cjk_friendly:
            parser.inline.parse = types.MethodType(_parse_inline, parser.inline)
        parser.options["maxNesting"] = MAX_NESTING + 1
        parser.block.tokenize = types.MethodType(_tokenize_block, parser.block)
        parser.block.ruler.at("table", _table, {"alt": ["paragraph", "reference"]})
        # the walk parses inline content itself, block by block (_Blanker.run)
        assert parser.core.ruler.get_active_rules()[-1] == "inline"
        _PARSERS[cjk_friendly] = parser
    return _PARSERS[cjk_friendly]


# -- emphasis next to Chinese punctuation ---------------------------------------------------
# CommonMark does not close ``**（一）加强组织领导。**正文`` (a ``**`` after ``。`` and before a
# letter is not "right-flanking"), and leaves both ``**`` on the page: the most common way a
# Chinese writer bolds a run-in heading. The CJK-friendly amendments to CommonMark
# (github.com/tats-u/markdown-cjk-friendly, specification.md; commonmark-spec issue 650),
# which GitLab, markdig and the markdown-it, remark and marked plugins follow, count only
# punctuation that is not CJK against a delimiter run, and a CJK character beside it as
# whitespace-like. This reader parses so (the variation-selector clauses left out), so such
# emphasis is markup, not a placeholder.


def _tokenize_block(self, state, start_line: int, end_line: int) -> None:
    """``ParserBlock.tokenize``, noting in ``env`` the first line it would skip for being
    nested too deep (the test that ``tokenize`` makes before it skips)."""
    if state.level >= state.md.options.maxNesting and "too_deep" not in state.env:
        line = state.skipEmptyLines(start_line)
        if line < end_line and state.sCount[line] >= state.blkIndent:
            state.env["too_deep"] = line
    type(self).tokenize(self, state, start_line, end_line)


#: the tokens of a table that the walk reads: where the table is, and each cell's text
_TABLE_TOKENS = {"table_open", "table_close", "inline"}
#: what a token left out receives (the table rule sets its map and attributes)
_SCRATCH = types.SimpleNamespace()
_UNESCAPED_PIPE = regexcache.compile_re(r"(?<!\\)\|")


def _split_row(row: str) -> list[str]:
    """markdown-it's ``escapedSplit`` (a row's cells: split at each ``|`` without a
    backslash before it; ``\\|`` in a cell reads ``|``), by a regular expression instead
    of a loop over every character in Python (a third of the parse of a large table)."""
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(row)]


#: markdown-it's table rule, splitting rows with :func:`_split_row` (its module's name is
#: also the name of the rule that its package exports)
_table_module = importlib.import_module("markdown_it.rules_block.table")
_gfm_table = types.FunctionType(_table_module.table.__code__,
                                {**vars(_table_module), "escapedSplit": _split_row},
                                "table", _table_module.table.__defaults__)


def _table(state, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's GFM table rule, keeping only :data:`_TABLE_TOKENS`. A row of three
    cells is eleven tokens (row, cells, their ends) besides its text, and their creation was
    most of the parse of a large table: a 20,000-row table made 220,000 tokens (~100 MB)."""
    if silent:
        return _gfm_table(state, start_line, end_line, silent)
    push = state.push

    def lean_push(ttype: str, tag: str, nesting: int):
        if ttype in _TABLE_TOKENS:
            return push(ttype, tag, nesting)
        state.level += nesting  # as push counts it, so each cell's text keeps its level
        return _SCRATCH

    state.push = lean_push
    try:
        return _gfm_table(state, start_line, end_line, silent)
    finally:
        del state.push


def _parse_inline(self, src, md, env, tokens):
    """``ParserInline.parse`` with :class:`_CjkFriendlyState`."""
    state = _CjkFriendlyState(src, md, env, tokens)
    self.tokenize(state)
    for rule in self.ruler2.getRules(""):
        rule(state)
    return state.tokens


def _is_cjk(ch: str) -> bool:
    """A CJK character of the amendments: East Asian Width W, F or H, not an emoji (those
    that are wide by default sit in U+231A-U+2B55 and from U+1F000), or Hangul."""
    point = ord(ch)
    if 0x231A <= point <= 0x2B55 or point >= 0x1F000 and point < 0x20000:
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F", "H") or 0x1100 <= point <= 0x11FF


class _CjkFriendlyState(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool):  # noqa: N802, N803 - the parser's
        scanned = super().scanDelims(start, canSplitWord)
        src = self.src
        last = src[start - 1] if start > 0 else " "
        end = start + scanned.length
        following = src[end] if end < self.posMax else " "
        last_cjk, next_cjk = _is_cjk(last), _is_cjk(following)
        if not (last_cjk or next_cjk):
            return scanned  # CommonMark's own answer
        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(following)) or isPunctChar(following)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
        last_other_punct = last_punct and not last_cjk  # non-CJK punctuation
        next_other_punct = next_punct and not next_cjk
        left = not next_space and (not next_other_punct or last_space or last_other_punct
                                   or last_cjk)
        right = not last_space and (not last_other_punct or next_space or next_other_punct
                                    or next_cjk)
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return type(scanned)(can_open, can_close, scanned.length)


def read_markdown(data: bytes, path: str | None) -> Document:
    text, encoding, bom = decode(data)
    prose, masked = mask_directives(text)
    blanker = _Blanker(text)
    blanker.run()
    blanked = blanker.spans
    # emphasis marks and escapes show nothing: the rules read the text without them
    # (Document.inline), unless they overlap masked text
    shown = merge_spans(masked + blanked)
    starts = [s for s, _ in shown]
    inline = []
    for start, end in _outermost(blanker.inline_spans):
        i = bisect_left(starts, end) - 1
        if i >= 0 and shown[i][1] > start:
            blanked.append((start, end))
        else:
            inline.append((start, end))
    # the prose: blanked spans as spaces, line breaks kept (no list of a document's
    # characters: each Chinese one would be an object of its own)
    pieces, last = [], 0
    for start, end in merge_spans(blanked + inline):
        pieces += (prose[last:start], _NOT_LINE_BREAK.sub(" ", prose[start:end]))
        last = end
    pieces.append(prose[last:])
    prose = "".join(pieces)
    if blanker.stand_ins:
        chars = list(prose)
        for offset, char in blanker.stand_ins:
            chars[blanker.to_text(offset)] = char
        prose = "".join(chars)
    spans = merge_spans(masked + blanked)
    code = [(blanker.to_text(a), blanker.to_text(b)) for a, b in blanker.code_norm_spans]
    return Document(text=text, path=path, prose=prose, masked=spans, inline=sorted(inline),
                    encoding=encoding, bom=bom, kind="markdown",
                    meta={"heading_lines": blanker.heading_lines, "code_spans": code,
                          "list_numbers": {blanker.to_text(i) for i in blanker.list_numbers},
                          "table_lines": blanker.table_lines,
                          "block_starts": blanker.block_starts,
                          "node_spans": blanker.node_spans(),
                          **encoding_notices(encoding, data, text)})


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, without those inside another (marks inside struck-out text)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and end <= kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def commonmark_emphasis(text: str) -> list[tuple[int, int]]:
    """Where plain CommonMark puts ``*emphasis*`` in a Markdown document's ``text``, as
    textlint reads it (its prh leaves emphasis alone): ``*（一）加强领导。*正文`` is none there,
    though this reader, CJK-friendly, reads it as emphasis. Parsed again, when asked."""
    blanker = _Blanker(text, cjk_friendly=False)
    blanker.run()
    return blanker.node_spans()["emphasis"]


class _Blanker:
    """Walks markdown-it's tokens and collects the source spans that are not prose."""

    def __init__(self, text: str, *, cjk_friendly: bool = True):
        self.text = text
        self.cjk_friendly = cjk_friendly
        # the parser's view: one "\n" per line break, NUL as U+FFFD (as markdown-it does)
        norm = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
        self.norm = norm
        #: 1 where ``norm`` is blanked: :meth:`seen` tells what is left
        self.blanked = bytearray(len(norm))
        self._crlf = [i - n for n, i in enumerate(_find_all(text, "\r\n"))]
        self.line_starts = [0] + [i + 1 for i in _find_all(norm, "\n")]
        self.norm_spans: list[tuple[int, int]] = []
        self.inline_norm_spans: list[tuple[int, int]] = []  # emphasis marks, escapes
        self._content: list[tuple[int, int]] = []  # text spans of the current inline block
        self.heading_lines: set[int] = set()
        #: where the number of an ordered list item starts (Markdown renders it)
        self.list_numbers: set[int] = set()
        #: (offset, character) of entities: what the reader sees in place of ``&rdquo;``
        self.stand_ins: list[tuple[int, str]] = []
        self.table_lines: set[int] = set()
        #: lines (from 1) where a block begins: a paragraph, a list item, a heading, a quote
        #: (two lines with none between are one paragraph; a list item is not)
        self.block_starts: set[int] = set()
        #: code blocks and inline code: a disable comment shown there is an example, not a
        #: directive
        self.code_norm_spans: list[tuple[int, int]] = []
        #: where quotes, emphasis and link texts are, from their opening syntax to their
        #: closing one (textlint's prh can be told to leave them alone)
        self.node_norm_spans: dict[str, list[tuple[int, int]]] = {
            "blockquote": [], "emphasis": [], "strong": [], "strikethrough": [], "link": [],
            "heading": []}

    # -- coordinates ------------------------------------------------------------------
    def to_text(self, offset: int) -> int:
        return offset + bisect_left(self._crlf, offset) if self._crlf else offset

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(self.to_text(s), self.to_text(e)) for s, e in self.norm_spans if e > s]

    @property
    def inline_spans(self) -> list[tuple[int, int]]:
        return [(self.to_text(s), self.to_text(e)) for s, e in self.inline_norm_spans]

    def node_spans(self) -> dict[str, list[tuple[int, int]]]:
        """``doc.meta["node_spans"]``: (start, end) offsets in the text of each blockquote,
        emphasis (``*…*``), strong emphasis (``**…**``), strikethrough (``~~…~~``) and link
        text, with their syntax, and of each heading (every line of a setext one)."""
        return {kind: [(self.to_text(s), self.to_text(e)) for s, e in found]
                for kind, found in self.node_norm_spans.items()}

    def line_start(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.norm)

    def line_end(self, line: int) -> int:
        """End of 0-based ``line``, before its newline."""
        if line + 1 < len(self.line_starts):
            return self.line_starts[line + 1] - 1
        return len(self.norm)

    def blank(self, start: int, end: int) -> None:
        if end > start:
            self.norm_spans.append((start, end))
            self.blanked[start:end] = b"\x01" * (end - start)

    def blank_inline(self, start: int, end: int) -> None:
        """Markup that shows nothing where it stands (Document.inline)."""
        if end > start:
            self.inline_norm_spans.append((start, end))
            self.blanked[start:end] = b"\x01" * (end - start)

    def seen(self, i: int) -> str:
        """The character at ``i`` once the spans so far are blanked (a space; a line break
        stays)."""
        ch = self.norm[i]
        return " " if self.blanked[i] and ch != "\n" else ch

    def blank_lines(self, first: int, stop: int) -> None:
        for line in range(first, stop):
            self.blank(self.line_start(line), self.line_end(line))

    # -- the walk ---------------------------------------------------------------------
    def run(self) -> None:
        source = self.norm
        front = _FRONT_MATTER.match(source)
        if front:
            self.blank(0, front.end())
            # the parser must not read the front matter as a heading or a thematic break
            source = "".join(ch if ch == "\n" else " " for ch in source[: front.end()]) + \
                source[front.end():]
        env: dict = {}
        parser = _parser(self.cjk_friendly)
        # markdown-it's core rules but the last, "inline" (asserted in _parser): each block's
        # inline tokens are parsed in the walk and let go once walked, so that a large table
        # never holds every cell's tokens at once
        state = StateCore(source, parser, env)
        for rule in parser.core.ruler.getRules("")[:-1]:
            rule(state)
        tokens = state.tokens
        if "too_deep" in env:
            raise ReadError("cannot read Markdown: quotes and lists nested too deep "
                            f"(line {env['too_deep'] + 1}; {MAX_NESTING} levels are read, "
                            "a list item counts two)")
        covered: set[int] = set()
        cursor = 0
        previous = None
        for token in tokens:
            if token.map and token.type in _LEAF_BLOCKS:
                covered.update(range(*token.map))
            kind = token.type
            if token.map and kind.endswith("_open"):
                self.block_starts.add(token.map[0] + 1)
            if kind in _WHOLE_BLOCKS:
                self.blank_lines(*token.map)
                if kind in ("fence", "code_block"):
                    self.code_norm_spans.append(
                        (self.line_start(token.map[0]), self.line_end(token.map[1] - 1)))
            elif kind == "heading_open":
                self.heading_lines.add(token.map[0] + 1)
                self.node_norm_spans["heading"].append(
                    (self.line_start(token.map[0]), self.line_end(token.map[1] - 1)))
                if token.markup in ("=", "-"):  # setext: the underline is markup
                    self.blank_lines(token.map[1] - 1, token.map[1])
            elif kind == "list_item_open" and token.markup in ("-", "*", "+"):
                self._blank_marker(token.map[0], token.markup)
            elif kind == "list_item_open":
                self._record_list_number(token.map[0], token.info + token.markup)
            elif kind == "blockquote_open":
                for line in range(*token.map):
                    self._blank_marker(line, ">")
                self.node_norm_spans["blockquote"].append(
                    (self.line_start(token.map[0]), self.line_end(token.map[1] - 1)))
            elif kind == "table_open":
                self._blank_table(*token.map)
            elif kind == "footnote_reference_open":
                self._blank_footnote_label(token.map[0], token.meta["label"])
            elif kind == "inline" and token.map:
                token.children = []
                parser.inline.parse(token.content, parser, env, token.children)
                cursor = max(cursor, self.line_start(token.map[0]))
                cursor = self._inline(token, cursor)
                token.children = None
                if previous is not None and previous.type == "heading_open":
                    self._blank_heading_marks(token.map[0])
            previous = token
        # lines no leaf block claims hold link reference definitions or bare container marks
        for line in range(len(self.line_starts)):
            if line not in covered:
                start, end = self.line_start(line), self.line_end(line)
                if any(not self.blanked[i] and not self.norm[i].isspace()
                       for i in range(start, end)):
                    self.blank(start, end)

    def _blank_marker(self, line: int, mark: str) -> None:
        """Blank the first non-blank character of ``line`` if it is ``mark``."""
        i, end = self.line_start(line), self.line_end(line)
        while i < end and self.seen(i) in " \t":
            i += 1
        if i < end and self.seen(i) == mark:
            self.blank(i, i + 1)

    def _record_list_number(self, line: int, marker: str) -> None:
        """An ordered item's ``3.``: the first thing on ``line`` once container marks are
        blanked."""
        i, end = self.line_start(line), self.line_end(line)
        while i < end and self.seen(i) in " \t":
            i += 1
        if self.norm.startswith(marker, i, end):
            self.list_numbers.add(i)

    def _blank_footnote_label(self, line: int, label: str) -> None:
        """A footnote definition's ``[^label]:``: syntax, though its text on the same line is
        prose (a fix turning ``:`` into ``：`` would break the footnote)."""
        marker = _find(self.norm, f"[^{label}]:", self.line_start(line), self.line_end(line))
        if marker is not None:
            self.blank(*marker)

    def _blank_heading_marks(self, line: int) -> None:
        """ATX ``#`` marks: whatever ``#`` is left outside the heading's text."""
        start, end = self.line_start(line), self.line_end(line)
        for i in range(start, end):
            if self.seen(i) == "#" and not self._in_content(i):
                self.blank(i, i + 1)

    def _in_content(self, i: int) -> bool:
        return any(s <= i < e for s, e in self._content)

    def _blank_table(self, first: int, stop: int) -> None:
        self.table_lines.update(range(first + 1, stop + 1))
        # each row is a block (the delimiter row is not)
        self.block_starts.update(line + 1 for line in range(first, stop) if line != first + 1)
        self.blank_lines(first + 1, first + 2)  # the |---|:---:| delimiter row
        norm = self.norm
        for line in range(first, stop):
            start, end = self.line_start(line), self.line_end(line)
            i = norm.find("|", start, end)
            while i >= 0:
                if i == start or norm[i - 1] != "\\":
                    self.blank(i, i + 1)
                i = norm.find("|", i + 1, end)

    # -- inline content ---------------------------------------------------------------
    def _inline(self, token, cursor: int) -> int:
        """Locate each child in the source from ``cursor``; blank its syntax; return the
        offset after the last child found. A child that cannot be found stops the walk
        for this block (its text then stays as it is: never a crash, never lost text)."""
        norm = self.norm
        limit = self.line_end(token.map[1] - 1)
        children = token.children or []
        located: list[tuple[int, int] | None] = [None] * len(children)
        self._content = []
        skip_until = -1
        for index, child in enumerate(children):
            if index <= skip_until:
                continue
            span = self._locate(child, cursor, limit)
            if span is None:
                break
            located[index] = span
            cursor = span[1]
            if child.type == "link_open" and child.markup == "autolink":
                skip_until = _matching(children, index)
                self.blank(*span)
            elif child.type == "text":
                self._content.append(span)
                for m in _URL.finditer(norm, span[0], span[1]):
                    self.blank(m.start(), _url_end(norm, m.start(), m.end()))
                if span[1] - span[0] > len(child.content):  # its \| shows as |
                    for i in _find_all(norm, "\\|", span[0], span[1]):
                        self.blank_inline(i, i + 1)
        for index, child in enumerate(children):
            span = located[index]
            if span is None:
                continue
            kind = child.type
            if kind in _PAIRED:
                if kind.endswith("_open"):
                    close = _matching(children, index)
                    close_span = located[close] if close >= 0 else None
                    literal = self._literal_emphasis(child, span, close_span)
                    # (plain CommonMark's emphasis is a renderer's, template stars and all)
                    if close_span is not None and (not literal or not self.cjk_friendly):
                        self.node_norm_spans[_NODE_KINDS[kind]].append((span[0], close_span[1]))
                    if literal:
                        located[close] = None
                        continue
                    if kind == "s_open" and close_span is not None and \
                            "\n" not in norm[span[0]:close_span[1]]:
                        # struck out: what a draft deletes is not in the text the rules read
                        # (on one line: Document.inline never holds a line break)
                        self.blank_inline(span[0], close_span[1])
                        located[close] = None
                        continue
                self.blank_inline(*span)
            elif kind in ("code_inline", "html_inline", "image"):
                self.blank(*span)
                if kind == "code_inline":
                    self.code_norm_spans.append(span)
            elif kind == "link_open" and child.markup != "autolink" or kind == "footnote_ref":
                self.blank(*span)
                close = _matching(children, index) if kind == "link_open" else -1
                if close >= 0 and located[close] is not None:
                    self.node_norm_spans["link"].append((span[0], located[close][1]))
            elif kind == "link_close" and child.markup != "autolink":
                self.blank(*span)
            elif kind == "text_special" and child.info == "escape":
                self.blank_inline(span[0], span[0] + 1)  # the backslash: \* is a star
            elif kind == "text_special":
                self._blank_entity(span, child.content)
            elif kind == "hardbreak" and span[0] > 0 and norm[span[0] - 1] == "\\":
                self.blank(span[0] - 1, span[0])
        return cursor

    def _blank_entity(self, span: tuple[int, int], char: str) -> None:
        """``&rdquo;`` is markup, but the reader sees ``”``: the pair rules must too. One
        visible character, on the entity's first position, keeps every offset; white space
        (``&nbsp;``, ``&#10;``) stays blank, as a line break must not appear in the prose."""
        self.blank(*span)
        if len(char) == 1 and not char.isspace():
            self.stand_ins.append((span[0], char))

    def _literal_emphasis(self, opener, open_span, close_span) -> bool:
        """``信息*条，开展*次``: a template's two placeholders, not emphasis; so are name
        masks whose "emphasis" would open on a comma or a closing bracket, or close on an
        opening one (``联系人：***，电话：***。``, ``（**）表现好，**（签字）``), as no writer's
        emphasis does."""
        if close_span is None or opener.markup[0] not in "*_":
            return False
        norm = self.norm
        first, last = open_span[1], close_span[0]
        while first < last and norm[first] in "*_":
            first += 1
        while last > first and norm[last - 1] in "*_":
            last -= 1
        if first < last and (norm[first] in _NO_EMPHASIS_START
                             or norm[last - 1] in _NO_EMPHASIS_END):
            return True
        if opener.markup[0] == "*" and first < last and self._masks(open_span, close_span,
                                                                    first, last):
            return True
        if opener.markup != "*":
            return False
        before = norm[open_span[0] - 1] if open_span[0] > 0 else ""
        after = norm[close_span[1]] if close_span[1] < len(norm) else ""
        return bool(before and after and _INTRAWORD.match(before) and _INTRAWORD.match(after)
                    and _SENTENCE_PUNCT.search(norm, open_span[1], close_span[0]))

    def _masks(self, open_span, close_span, first: int, last: int) -> bool:
        """Two masks that Markdown pairs as bold, ``norm[first:last]`` between them: one
        stands for a part of a date, ``2023年**月**日`` ``**年**月**日`` (beside a date unit
        alone it may be bold's: ``截至**2023**年底`` ``全年**月均**增长``), or one name is
        masked twice in the same words, ``市**党组……市**党组``: each run of stars has the
        same characters on either side, so the "bold" text would start with the character
        after it and end with the one before it, as deliberate bold does not. ``***`` is
        one run, however it pairs."""
        norm = self.norm
        start, end = open_span[0], close_span[1]
        while start > 0 and norm[start - 1] == "*":
            start -= 1
        while end < len(norm) and norm[end] == "*":
            end += 1
        before = norm[start - 1] if start > 0 else ""
        after = norm[end] if end < len(norm) else ""
        # (a run with a figure on its inner side is bold's: 请于**3月15日**前 is a bold date,
        # not a masked month; a mask stands for a whole part, 2023年**月**日, or its end, 20**年)
        if (_in_date(norm, start, first) and norm[first] not in _FIGURES) or (
                _in_date(norm, last, end) and norm[last - 1] not in _FIGURES):
            return True
        inner_before, inner_after = norm[first], norm[last - 1]
        return bool(before and after and before == inner_after and after == inner_before
                    and _INTRAWORD.match(before) and _INTRAWORD.match(after))

    def _locate(self, child, cursor: int, limit: int) -> tuple[int, int] | None:
        norm = self.norm
        kind = child.type
        if kind == "text":
            found = _find(norm, child.content, cursor, limit)
            if found is None and "|" in child.content:  # a table cell's \| (GFM's escape)
                found = _find(norm, child.content.replace("|", "\\|"), cursor, limit)
            return found
        if kind in ("softbreak", "hardbreak"):
            return _find(norm, "\n", cursor, limit + 1)
        if kind in _PAIRED or kind == "text_special":
            return _find(norm, child.markup, cursor, limit)
        if kind == "html_inline":
            return _find(norm, child.content, cursor, limit)
        if kind == "footnote_ref":
            return _find(norm, f"[^{child.meta['label']}]", cursor, limit)
        if kind == "code_inline":
            opening = _find(norm, child.markup, cursor, limit)
            if opening is None:
                return None
            ticks = regex.compile(rf"(?<!`){regex.escape(child.markup)}(?!`)")
            closing = ticks.search(norm, opening[1], limit)
            return (opening[0], closing.end()) if closing else None
        if kind == "link_open":
            if child.markup == "autolink":
                opening = _find(norm, "<", cursor, limit)
                closing = _find(norm, ">", opening[1], limit) if opening else None
                return (opening[0], closing[1]) if closing else None
            return _find(norm, "[", cursor, limit)
        if kind == "link_close":
            bracket = _find(norm, "]", cursor, limit)
            if bracket is None:
                return None
            return bracket[0], _link_tail(norm, bracket[1], limit)
        if kind == "image":
            opening = _find(norm, "![", cursor, limit)
            if opening is None:
                return None
            label_end = opening[1] + len(child.content)
            if norm[label_end: label_end + 1] != "]":
                bracket = _find(norm, "]", label_end, limit)
                if bracket is None:
                    return None
                label_end = bracket[0]
            return opening[0], _link_tail(norm, label_end + 1, limit)
        return None


def _url_end(text: str, start: int, end: int) -> int:
    """Where the bare URL ``text[start:end]`` ends as GFM's extended autolinks end:
    without the punctuation after it (``详见https://www.gov.cn/a.htm,请`` and ``.`` ``:``
    ``;``, an entity ``&hl;``), nor a ``)`` it does not open (``(网址:https://…/a.htm).``),
    so that the marks a writer put after it are prose."""
    closing = text.count(")", start, end) - text.count("(", start, end)
    at_end = end == len(text) or text[end].isspace() or text[end] == "<"
    while end > start:
        last = text[end - 1]
        if last in _URL_TRAILING and (at_end or last not in _URL_TRAILING_AT_END):
            if last == ";" and (entity := _ENTITY_TAIL.search(text, start, end)):
                end = entity.start()
            else:
                end -= 1
        elif last == ")" and closing > 0:
            closing -= 1
            end -= 1
        else:
            break
    return end


def _link_tail(norm: str, i: int, limit: int) -> int:
    """End of ``(destination "title")`` or ``[label]`` right after a link's ``]``."""
    if i < limit and norm[i] == "[":
        close = norm.find("]", i, limit)
        return close + 1 if close >= 0 else i
    if i >= limit or norm[i] != "(":
        return i
    depth, j, quote = 0, i, ""
    while j < limit:
        ch = norm[j]
        if ch == "\\":
            j += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and depth == 1 and norm[j - 1] in " \t\n":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return i


def _find(haystack: str, needle: str, start: int, limit: int) -> tuple[int, int] | None:
    if not needle:
        return start, start
    at = haystack.find(needle, start, limit)
    return (at, at + len(needle)) if at >= 0 else None


def _find_all(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    end = len(text) if end is None else end
    found, at = [], text.find(needle, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle), end)
    return found


def _matching(children, index: int) -> int:
    """Index of the closing token that pairs with the opening token at ``index``."""
    opener = children[index]
    closing = opener.type.replace("_open", "_close")
    depth = 0
    for j in range(index, len(children)):
        if children[j].type == opener.type:
            depth += 1
        elif children[j].type == closing:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _in_date(norm: str, start: int, end: int) -> bool:
    """Whether the run of stars ``norm[start:end]`` stands for a part of a date."""
    return any(m.start() <= start and end <= m.end()
               for m in _MASKED_DATE.finditer(norm, max(0, start - 24),
                                              min(len(norm), end + 24), overlapped=True))
