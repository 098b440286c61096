"""``pattern``: report every match of one or more regular expressions.

Options:
  patterns   list of regexes, or of mappings ``{pattern, message, fix, unless, fix_unless,
             allows, whole_line}`` that override the rule's own options for that pattern;
             ``allows`` are textlint-rule-pattern's: regexes tested against the matched text
             only
  whole_line report the whole line a match is on (residue lines), so the pattern itself can
             start at its rarest part instead of at ``^[^\n]*`` (much faster to scan)
  unless     regexes; a match lying inside a match of one of these (on its line) is not
             reported (``7×24小时`` is not a placeholder); they run only on lines where the
             pattern matched, once per line
  fix_unless regexes, as ``unless``; a match lying inside a match of one of these is reported
             without its fix: a layout that may be meant, where the fix could do harm (a line
             of names set apart by single spaces, which deleting them runs together)
  unless_roles
             structure roles (lint/structure.py: roster, imprint, signature, ...); a match on a
             line the structure analysis gives one of them is not reported (the spaces that
             align a 纪要's list of names); in a pattern mapping, added to the rule's own
  fix        replacement template (``\\1``/``$1`` for groups, ``\\g<0>``/``$0`` for the
             whole match), or null for no fix; a message's ``{1}`` or ``{match}`` in it, or
             ``\\0`` (the character NUL), is a load error, as is ``\\1`` in a message when the
             pattern has group 1
  ignorecase match letters case-insensitively
  engine     "regex" (default) or "re": Python's own engine, several times faster for
             back-references and long literal alternations, slower for patterns that start
             with a lookbehind; it has no time limit (see Kind.compile), so only rules of
             gwlint's own or of plugins may choose it
  gate       a speed hint: a regex that every match of every pattern contains (doubled
             punctuation: two marks with only spaces between). A document without a match
             of it is not scanned by the patterns at all. Wrong gates lose findings: the
             rule's ``bad`` examples are checked through it like any document.
  timeout    seconds one pattern may run over one document (default 2)
  nodes      names of parts a reader marks in a document (``doc.meta["node_spans"]``) that
             are reported whole, as matches, with the rule's message: the Word reader's
             ``placeholder``, a content control still showing its placeholder text (单击或点击此处
             输入文字。, or a template's own prompt); the patterns' matches inside them are not
             reported again

The message may use ``{match}`` (the matched text) and ``{0}``..``{9}`` (groups); a text
longer than 40 characters is quoted as its first 39 and "…" (:func:`lint.kinds.excerpt`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import regexcache
from ..document import merge_spans, within
from ..finding import Fix
from . import Kind, LazyPattern, excerpt, expand_template, line_of, lines_of
from .prefilter import CENSUS, Prefilter, counted, lines_with, tandem_runs

#: scan line by line when the candidate lines are less than 1/WINDOW_SHARE of the text
WINDOW_SHARE = 4
#: ... and when the strings occur at most this many times
MAX_WINDOWS = 40


#: a message's placeholder (``{1}``, ``{match}``), which a fix template writes as it is
_MESSAGE_PLACEHOLDER = regexcache.compile_re(r"\{(?:\d{1,2}|match)?\}")

#: what a mapping in ``patterns`` may hold
PATTERN_KEYS = frozenset({"pattern", "message", "fix", "unless", "fix_unless", "unless_roles",
                          "allows", "whole_line"})


@dataclass
class _Pattern:
    """One entry of a ``pattern`` rule, compiled, with its exceptions."""

    compiled: LazyPattern
    message: str
    fix: str | None
    unless: list
    allows: list
    whole_line: bool = False
    unless_roles: frozenset[str] = frozenset()
    fix_unless: list = field(default_factory=list)
    #: skips documents lacking a string every match needs (see prefilter.requirements)
    prefilter: Prefilter | None = None


class PatternKind(Kind):
    options = {"patterns": None, "unless": [], "fix_unless": [], "unless_roles": [], "fix": None,
               "ignorecase": False,
               "engine": "regex", "whole_line": False, "gate": None, "nodes": []}
    needs_message = False

    def setup(self) -> None:
        rule = self.rule
        raw = self.opts["patterns"]
        if isinstance(raw, str):
            raw = [raw]
        if not raw or not isinstance(raw, list):
            raise rule.error("needs 'patterns': a list of regular expressions", "patterns")
        flags = regex.IGNORECASE if self.opts["ignorecase"] else 0
        self.engine = self.opts["engine"]
        if self.engine not in ("regex", "re"):
            raise rule.error("'engine' must be 'regex' or 're'", "engine")
        if self.engine == "re":
            self._check_re_engine()
        unless = self._compile_list(self.opts["unless"], "unless", flags)
        fix_unless = self._compile_list(self.opts["fix_unless"], "fix_unless", flags)
        unless_roles = self.roles_option(self.opts["unless_roles"], "unless_roles", empty=True)
        gate = self.opts["gate"]
        if gate is not None and not isinstance(gate, str):
            raise rule.error("'gate' must be a regular expression", "gate")
        self.gate = None if gate is None else self.compile_lazy(gate, "gate", flags, self.engine)
        self.gate_prefilter = None if gate is None else Prefilter(self.gate.required)
        nodes = self.opts["nodes"]
        if not isinstance(nodes, list) or not all(isinstance(n, str) and n for n in nodes):
            raise rule.error("'nodes' must be a list of names of the parts a reader marks "
                             "(placeholder)", "nodes")
        self.nodes = tuple(nodes)
        if self.nodes:
            if not rule.message:  # (the patterns' own messages are theirs)
                raise rule.error("'nodes' needs the rule's own 'message'", "nodes")
            self.check_placeholders(rule.message, {"match", "", "0"}, "a part in 'nodes'")
        fix = self.opts["fix"]
        self.fixable = fix is not None
        self.patterns: list[_Pattern] = []
        for item, item_line in zip(raw, lines_of(raw), strict=True):
            if isinstance(item, dict):
                line = getattr(item, "line", None) or item_line
                unknown = sorted(set(item) - PATTERN_KEYS)
                if unknown:
                    raise rule.error(f"unknown key {unknown[0]!r} in a pattern mapping (known: "
                                     f"{', '.join(sorted(PATTERN_KEYS))})", "patterns",
                                     getattr(item, "key_lines", {}).get(unknown[0], line))
                if "pattern" not in item:
                    raise rule.error("a pattern mapping needs 'pattern'", "patterns", line)
                if not isinstance(item.get("whole_line", False), bool):
                    raise rule.error("'whole_line' must be true or false", "patterns",
                                     getattr(item, "key_lines", {}).get("whole_line", line))
                compiled = self.compile_lazy(item["pattern"], "patterns", flags, self.engine,
                                             line_of(item, "pattern", line))
                entry = _Pattern(
                    compiled,
                    str(item.get("message") or rule.message or ""),
                    item.get("fix", fix),
                    unless + self._compile_list(item.get("unless", []), "patterns", flags,
                                                line_of(item, "unless", line)),
                    self._compile_list(item.get("allows", []), "patterns", flags,
                                       line_of(item, "allows", line)),
                    whole_line=bool(item.get("whole_line", self.opts["whole_line"])),
                    unless_roles=unless_roles | self.roles_option(
                        item.get("unless_roles", []), "patterns",
                        getattr(item, "key_lines", {}).get("unless_roles", line), empty=True),
                    fix_unless=fix_unless + self._compile_list(
                        item.get("fix_unless", []), "patterns", flags,
                        line_of(item, "fix_unless", line)),
                )
                if entry.fix is not None:
                    self.fixable = True
            else:
                entry = _Pattern(self.compile_lazy(item, "patterns", flags, self.engine,
                                                   item_line),
                                 rule.message or "", fix, unless, [],
                                 whole_line=bool(self.opts["whole_line"]),
                                 unless_roles=unless_roles, fix_unless=fix_unless)
            if not entry.message:
                raise rule.error("needs a 'message' (for the rule or for each pattern)")
            if entry.compiled.empty_only:  # its matches would all be skipped, silently
                raise rule.error(
                    f"pattern {entry.compiled.source!r} can only match empty text (a "
                    "look-ahead or look-behind alone), so it would never report anything: "
                    "put what it reports outside the look-around", "patterns",
                    line if isinstance(item, dict) else None)
            self._check_template(entry, line_of(item, "message", line)
                                 if isinstance(item, dict) and "message" in item else None,
                                 line if isinstance(item, dict) else item_line,
                                 # (a mapping's own fix is one of 'patterns')
                                 ("patterns", line_of(item, "fix", line))
                                 if isinstance(item, dict) and "fix" in item else ("fix", None),
                                 literal=getattr(item, "literal_message", False))
            entry.prefilter = Prefilter(entry.compiled.required)
            if entry.compiled.local_required:  # (lines_with looks for those the census found)
                CENSUS.add(filter(counted, entry.compiled.local_required))
            self.patterns.append(entry)

    def _check_re_engine(self) -> None:
        """``engine: re`` has no time limit, and a user's patterns always run under one
        (SPEC: a catastrophic regex cannot hang a commit). So it is refused in a user's rule
        pack or configuration, and a rule of gwlint's that chose it for speed runs under
        ``regex`` once a user's configuration gives it patterns of the user's."""
        rule = self.rule
        if rule.set_by_user("engine"):
            raise rule.error("engine 're' has no time limit, so only gwlint's own rules and "
                             "plugins may use it; leave 'engine' out (regex, with a time "
                             "limit)", "engine")
        if "timeout" in rule.options:
            raise rule.error("'timeout' needs engine 'regex' ('re' has no time limit)", "timeout")
        if any(rule.set_by_user(key) for key in ("patterns", "unless", "fix_unless", "gate")):
            self.engine = "regex"

    def warm(self) -> None:
        if self.gate is not None:
            self.gate.compiled  # noqa: B018 - compiles and keeps it
        for entry in self.patterns:
            for lazy in (entry.compiled, *entry.unless, *entry.fix_unless, *entry.allows):
                lazy.compiled  # noqa: B018 - compiles and keeps it

    def _compile_list(self, items, key: str, flags: int, line: int | None = None) -> list:
        """``items`` (a regex, or a list of them) compiled; ``line``: where they are, when
        they are not ``key``'s own (a pattern mapping's ``unless``)."""
        if isinstance(items, str):
            return [self.compile_lazy(items, key, flags, self.engine, line)]
        if not isinstance(items, list):
            raise self.rule.error(f"'{key}' must be a list of regular expressions", key, line)
        return [self.compile_lazy(p, key, flags, self.engine, at or line)
                for p, at in zip(items, lines_of(items), strict=True)]

    def _check_template(self, entry: _Pattern, line: int | None = None,
                        pattern_line: int | None = None,
                        fix_where: tuple[str, int | None] = ("fix", None),
                        literal: bool = False) -> None:
        """``line``: a pattern mapping's own message's (None: the rule's message);
        ``pattern_line``: the pattern's; ``fix_where``: the option and line of its fix;
        ``literal``: the message is text as written (a .textlintrc's), \\1 in it too."""
        groups = ["x"] * (entry.compiled.groups + 1)
        key = "message"
        if line is None and "patterns" in self.rule.option_sources:
            # gwlint's message and fix fit gwlint's patterns: one that does not fit the
            # patterns a configuration gave the rule is a mistake there (not in rules/*.yaml)
            key, line = "patterns", pattern_line
        # {match}, and {0} (the match) to {n} (its groups); {} is {0}
        self.check_placeholders(entry.message, {"match", "", *map(str, range(len(groups)))},
                                f"pattern {entry.compiled.source!r}", key, line=line,
                                groups=frozenset() if literal else
                                {*map(str, range(len(groups))), *entry.compiled.groupindex})
        try:
            entry.message.format(*groups, match="x")
        except (KeyError, IndexError, ValueError) as exc:
            raise self.rule.error(f"bad placeholder in message: {exc}", key, line) from None
        if entry.fix is not None:
            if not isinstance(entry.fix, str):
                raise self.rule.error("'fix' must be a string template or null", *fix_where)
            slip = _MESSAGE_PLACEHOLDER.search(entry.fix)
            if slip is not None:  # written as is, {1}, over the matched text
                raise self.rule.error(
                    f"bad fix template: {slip[0]} is a message's placeholder; "
                    f"a fix writes a group as \\1 or $1, the whole match as \\g<0> or $0",
                    *fix_where)
            # (an escaped backslash is no reference; \\044 is an octal escape, not group 44)
            for ref in regex.findall(r"\\\\|\\(0[0-7]{0,2})|\\([1-9]\d?)|\\g<(\w+)>|\$(\d{1,2})",
                                     entry.fix):
                if ref[0] and int(ref[0], 8) == 0:  # a NUL character, in the text
                    raise self.rule.error(
                        f"bad fix template: \\{ref[0]} is the character NUL, not "
                        "the whole match; a fix writes the whole match as \\g<0> or $0, a group "
                        "as \\1 or $1", *fix_where)
                name = next((r for r in ref[1:] if r), None)
                if name is None:
                    continue
                known = int(name) <= entry.compiled.groups if name.isdigit() else (
                    name in entry.compiled.groupindex)
                if not known:
                    # (the rule's own fix, which patterns a configuration gave it lack)
                    where = ("patterns", pattern_line) if (
                        fix_where[0] == "fix" and "patterns" in self.rule.option_sources
                        and "fix" not in self.rule.option_sources) else fix_where
                    raise self.rule.error(f"bad fix template: no group {name!r} in the pattern",
                                          *where)

    def check(self, doc):
        marked = self._marked(doc) if self.nodes else None
        if marked:
            for start, end in marked:
                shown = excerpt(doc.text[start:end])
                yield self.finding(start, end, (self.rule.message or "").format(
                    shown, match=shown))
            yield from self._matches(doc, ([s for s, _ in marked], [e for _, e in marked]))
        else:
            yield from self._matches(doc, None)

    def _marked(self, doc) -> list[tuple[int, int]]:
        """The parts of ``doc`` its reader marked with one of ``nodes``, those that overlap
        merged (two content controls side by side are two findings)."""
        found = doc.meta.get("node_spans") or {}
        return merge_spans((span for name in self.nodes for span in found.get(name, ())),
                           touching=False)

    def _matches(self, doc, marked: tuple[list[int], list[int]] | None):
        text = doc.prose
        # per (unless or fix_unless list, line): merged spans, on first need
        line_spans: dict[tuple, tuple] = {}
        budget: dict = {}  # each pattern's time left over this document, line by line too
        present = CENSUS.of_document(doc)
        probed = doc.memo("probes", dict)
        if self.gate is not None and (not self.gate_prefilter.passes(text, present, probed)
                                      or self.search(self.gate, text, budget) is None):
            return
        structure = doc.structure if any(e.unless_roles for e in self.patterns) else None
        masked = bool(doc.masked)
        for entry in self.patterns:
            if not entry.prefilter.passes(text, present, probed):
                continue
            for m in self._scan(entry.compiled, text, doc, probed, budget):
                start, end = m.span()
                if start == end:
                    continue
                if entry.whole_line:  # on the line's text (not a Markdown heading's "# ")
                    line = doc.line_at(start)
                    start, end = doc.unmasked(line.start, max(line.end, end))
                carried = None
                matched, fix_span = m.group(), m.span()
                if masked and doc.is_masked(start, end) and not entry.whole_line:
                    # markup read as blanks at an end of the match (这是**重要**, 落实 reads
                    # 这是  重要  , 落实): the finding is the rest of it
                    trimmed = _without_masked_ends(doc, m, start, end)
                    if trimmed is not None:
                        start, end = fix_span = trimmed
                        matched = text[start:end]
                if masked and doc.is_masked(start, end):
                    # markup (a Markdown table's pipes between two cells read 单位   内容):
                    # the engine drops it, so its line's unless patterns need not run, as
                    # they did for every row of a table until the rule ran out of time;
                    # unless the fix carries the markup over: brackets around a link
                    if entry.fix is None or entry.whole_line:
                        continue
                    carried = expand_template(entry.fix, m, doc.text)
                    if carried is None or not doc.carries_masked(start, end, carried):
                        continue
                if marked is not None and within(marked, start, end):
                    continue
                if entry.unless_roles and structure.role(
                        doc.line_at(start).number) in entry.unless_roles:
                    continue
                if entry.unless and self._inside(entry.unless, doc, start, end, budget,
                                                 line_spans):
                    continue
                if entry.allows and any(self.search(a.compiled, matched, budget) is not None
                                        for a in entry.allows):
                    continue
                shown = excerpt(matched)
                message = entry.message.format(
                    shown, *[excerpt(g) if g else "" for g in m.groups()], match=shown)
                fix = None
                if carried is not None:
                    if carried != doc.text[start:end]:
                        fix = Fix(start, end, carried)
                    else:
                        continue  # nothing to change: the markup was all that differed
                elif entry.fix is not None and not (
                        entry.fix_unless and self._inside(entry.fix_unless, doc, start, end,
                                                          budget, line_spans)):
                    replacement = expand_template(entry.fix, m)
                    if replacement != matched:
                        fix = Fix(*fix_span, replacement)
                yield self.finding(start, end, message, fix)

    def _inside(self, patterns: list, doc, start: int, end: int, budget: dict,
                cache: dict) -> bool:
        """Whether ``[start, end)`` lies inside a match of one of ``patterns`` (an entry's
        ``unless`` or ``fix_unless``) on its line; each line is scanned once for a list, its
        spans kept in ``cache``."""
        line = doc.line_at(start)
        key = (id(patterns), line.start)
        spans = cache.get(key)
        if spans is None:
            spans = cache[key] = self._spans(doc.prose, patterns, line.start,
                                             max(line.end, end), budget)
        return within(spans, start, end)

    def _scan(self, compiled, text: str, doc, probed: dict, budget: dict | None = None):
        """The pattern's matches in ``text``. A pattern whose matches stay within one line
        is run only over the lines that can hold one, when they are a small part of the
        document: the lines holding one of its strings (``略`` in a handful of lines, not
        every line), or, for a unit typed twice, the lines where some unit is."""
        if not compiled.line_bounded:
            return self.finditer(compiled, text, budget=budget)
        if compiled.tandem is not None:
            windows = self._windows(text, _lines_over(doc, tandem_runs(text, *compiled.tandem)))
        elif compiled.local_required is not None:
            windows = self._windows(text, lines_with(doc, text, compiled.local_required, probed,
                                                     CENSUS.of_document(doc)))
        else:
            return self.finditer(compiled, text, budget=budget)
        if windows is None:
            return self.finditer(compiled, text, budget=budget)
        return self._windowed(compiled, text, windows, budget)

    @staticmethod
    def _windows(text: str, lines) -> list[tuple[int, int]] | None:
        """``(start, end)`` of ``lines``, sorted and each once, or None when they are too
        many or too long for a line-by-line scan to pay."""
        budget = len(text) // WINDOW_SHARE
        windows: set[tuple[int, int]] = set()
        covered = 0
        for line in lines:
            if (line.start, line.end) not in windows:
                windows.add((line.start, line.end))
                covered += line.end - line.start
                if covered > budget or len(windows) > MAX_WINDOWS:
                    return None
        return sorted(windows)

    def _windowed(self, compiled, text: str, windows, budget: dict | None = None):
        end_of_text = len(text)
        for start, end in windows:
            # the line break is included so that look-aheads see it as they would
            yield from self.finditer(compiled, text, start, min(end + 1, end_of_text), budget)

    def _spans(self, text: str, unless: list, lo: int, hi: int, budget: dict | None = None
               ) -> tuple[list[int], list[int]]:
        """The matches of the ``unless`` patterns on one line, merged into disjoint spans
        (a line is scanned once however many matches it has)."""
        piece = None
        found = []
        for compiled in unless:
            needs = compiled.local_required
            if needs is not None:  # a line without any of them cannot match: skip the scan
                piece = text[lo:hi] if piece is None else piece
                if not any(s in piece for s in needs):
                    continue
            found += [m.span() for m in self.finditer(compiled, text, lo, hi, budget)
                      if m.end() > m.start()]
        merged = merge_spans(found)
        return [s for s, _ in merged], [e for _, e in merged]


def _lines_over(doc, ranges: list[tuple[int, int]]):
    """The lines holding an offset of one of the ``ranges`` ((start, stop), any order),
    each once. A line holds its terminator too: a CRLF file's blank lines, \\r\\n\\r\\n,
    are a unit typed twice whose offsets lie between one line's end and the next's start
    (stepping on from a line's end + 1 came back to the same line, for ever)."""
    lines = doc.lines
    following = 0  # the first line not yet given
    for start, stop in sorted(ranges):
        index = max(doc.line_at(start).number - 1, following)
        while index < len(lines) and lines[index].start < stop:
            yield lines[index]
            index += 1
        following = index


def _without_masked_ends(doc, match, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without the masked characters at either end, when what is left is
    not empty and holds every group the match took part in (a fix template then writes the
    same text over it); None otherwise. Markup reads as blanks in the prose, so a pattern
    that allows blanks beside a half-width comma, ``[ \t]*,``, takes the ``**`` of
    ``**重要**, 落实`` with it."""
    s, e = start, end
    while s < e and doc.is_masked(s, s + 1):
        s += 1
    while e > s and doc.is_masked(e - 1, e):
        e -= 1
    if s == e or (s, e) == (start, end):
        return None
    for g in range(1, (match.re.groups or 0) + 1):
        g_start, g_end = match.span(g)
        if g_start >= 0 and g_end > g_start and (g_start < s or g_end > e):
            return None
    return s, e
