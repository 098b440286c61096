"""Rule kinds: the small, closed set of Python checks that YAML rules parameterise.

A kind is a class. gwlint builds one instance per rule (``Kind(rule)``) when a
configuration is loaded, so everything expensive (compiling patterns, loading word lists)
happens once per process. ``check(doc)`` yields findings; a kind never reads files, prints,
or knows about formats, levels, suppression or other rules.

To add a kind: subclass :class:`Kind`, declare its ``options`` with defaults, and register
it through the ``gwlint_rule_kinds`` hook (see ``lint/hookspecs.py``).
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator

import regex

from .. import regexcache, watchdog
from ..document import Document
from ..finding import Finding, Fix
from ..rulepack import Rule
from ..watchdog import RuleTimeout
from ..yamlload import line_of, lines_of  # noqa: F401 - for the kinds' modules

#: default time limit, in seconds, for one pattern over one document
DEFAULT_TIMEOUT = 2.0
#: seconds the caller may hold a pattern's scanner between its matches before the scan is
#: started again, where regex keeps the time limit itself (see Kind._timed_finditer)
_RESTART_AFTER = 0.05


class Kind:
    """Base class of rule kinds."""

    #: option name -> default value; options not listed here are rejected at load time
    options: dict = {}
    #: whether findings of this kind can carry fixes
    fixable: bool = False
    #: whether the rule must give a ``message``
    needs_message: bool = False
    #: the ``{placeholders}`` this kind fills in a rule's message; None: the kind checks the
    #: message itself (pattern: ``{match}`` and groups)
    message_fields: frozenset[str] | None = None

    def __init__(self, rule: Rule):
        self.rule = rule
        unknown = set(rule.options) - set(self.options) - {"timeout"}
        if unknown:
            import difflib

            from ..rulepack import COMMON_KEYS

            bad = sorted(unknown)[0]
            options = sorted({*self.options, "timeout"})
            near = difflib.get_close_matches(str(bad), [*COMMON_KEYS, *options], n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise rule.error(
                f"unknown option {bad!r} for kind {rule.kind!r} ({hint}every rule has: "
                f"{', '.join(sorted(COMMON_KEYS))}; kind {rule.kind!r} takes: "
                f"{', '.join(options)})", bad)
        if self.needs_message and not rule.message:
            raise rule.error("this kind needs a 'message'")
        if rule.message and self.message_fields is not None:
            self._check_message(rule.message)
        self.opts = {**self.options, **rule.options}
        for key, default in self.options.items():  # 'yes please' read as true, 3 as well
            if isinstance(default, bool) and not isinstance(self.opts[key], bool):
                raise rule.error(f"'{key}' must be true or false, not {self.opts[key]!r}", key)
        timeout = self.opts.get("timeout", DEFAULT_TIMEOUT)
        # (.nan and .inf compare as no limit: 'nan <= 0' is false; true is no number)
        if (not isinstance(timeout, (int, float)) or isinstance(timeout, bool)
                or not 0 < timeout < math.inf):
            raise rule.error("'timeout' must be a positive number of seconds, not "
                             f"{timeout!r}", "timeout")
        self.timeout = float(timeout)
        self.setup()

    def _check_message(self, template: str) -> None:
        """A placeholder the kind does not fill was printed as written, ``{foo}``, in every
        finding; a load error instead, as for pattern rules."""
        self.check_placeholders(template, self.message_fields, f"kind {self.rule.kind!r}")

    def check_placeholders(self, template: str, fields, filler: str, key: str = "message",
                           what: str = "message", line: int | None = None,
                           groups=frozenset()) -> None:
        """That ``template`` uses only the ``{placeholders}`` in ``fields`` (which
        ``filler`` fills), as a load error naming them all; a brace that opens nothing
        (``{match``) too. A fix's ``\\1`` or ``\\g<name>`` naming one of ``groups``
        (the pattern's: ``"0"``, ``"1"``, names) too; other backslashes are text (a
        path: ``\\fileserver\\2024``)."""
        import string

        def fills() -> str:  # (for the messages: most templates are right)
            return ", ".join("{" + name + "}" for name in
                             sorted((f for f in fields if f), key=lambda f: (f.isdigit(),
                                    int(f) if f.isdigit() else 0, f)))

        slip = next((m for m in _FIX_REFERENCE.finditer(str(template))
                     if (m[1] or m[2]) in groups and m[1] != "0"), None)
        if slip is not None:  # it was printed as written, \1, in every finding
            group = slip[1] or slip[2]
            suggest = (f"{{{int(group)}}}" if group.isdigit() and group in fields
                       else "a placeholder in braces")
            raise self.rule.error(f"{slip[0]} in {what} is a fix template's group reference, "
                                  f"printed as written: write {suggest} ({filler} fills: "
                                  f"{fills()})", key, line)
        try:
            names = {name.split(".")[0].split("[")[0]
                     for _, name, _, _ in string.Formatter().parse(str(template))
                     if name is not None}
        except ValueError as exc:
            raise self.rule.error(f"bad placeholder in {what} {str(template)!r}: {exc} (a "
                                  "brace that is text is written {{ or }})", key, line) from None
        unknown = sorted(names - set(fields))
        if unknown:
            raise self.rule.error(f"unknown placeholder {{{unknown[0]}}} in {what} ({filler} "
                                  f"fills: {fills()})", key, line)

    def setup(self) -> None:
        """Validate and compile options (``self.opts``); raise ``self.rule.error(...)``."""

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    def warm(self) -> None:
        """Do now the work deferred to first use (compiling patterns), so that worker
        processes forked after this share it instead of each repeating it."""

    # helpers for subclasses -----------------------------------------------------------
    def document_kinds_option(self, value, key: str) -> frozenset[str]:
        """A list of document kinds given as option ``key`` (``soft_wrap``). A plugin's
        reader may name a kind of its own, so only a near miss of gwlint's own kinds is
        refused (``markdwn`` made Markdown hard-wrapped, silently)."""
        from difflib import get_close_matches

        if value is None:
            return frozenset()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.rule.error(f"'{key}' must be a list of document kinds, e.g. [markdown]",
                                  key)
        for kind in value:
            near = get_close_matches(kind, DOCUMENT_KINDS, n=1, cutoff=0.8)
            if kind not in DOCUMENT_KINDS and near:
                raise self.rule.error(f"unknown document kind {kind!r} in '{key}' (did you mean "
                                      f"{near[0]!r}? gwlint reads: {', '.join(DOCUMENT_KINDS)})",
                                      key)
        return frozenset(value)

    def roles_option(self, value, key: str, line: int | None = None,
                     empty: bool = False) -> frozenset[str]:
        """A list of structure roles (lint/structure.py ROLES) given as option ``key``."""
        from ..structure import ROLES

        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not (value or empty):
            raise self.rule.error(f"'{key}' must be a list of structure roles, e.g. [body]",
                                  key, line)
        unknown = sorted(str(r) for r in value if r not in ROLES)
        if unknown:  # [bdy] named no line at all
            raise self.rule.error(f"unknown structure role {unknown[0]!r} in '{key}' (known: "
                                  f"{', '.join(ROLES)})", key, line)
        return frozenset(str(r) for r in value)

    def finding(self, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
        return Finding(self.rule.id, start, end, message, fix)

    def message(self, default: str = "", **fields) -> str:
        template = self.rule.message or default
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError):
            return template

    def compile(self, pattern: str, key: str, flags: int = 0, engine: str = "regex",
                line: int | None = None):
        """Compile a user pattern (``line``: where it is, for a mistake in it; by default
        the line of option ``key``, see :func:`lines_of`).

        ``engine="regex"`` (the default) gives ``regex`` syntax (``\\p{Han}``, variable-length
        lookbehind) and the rule's time limit. ``engine="re"`` uses Python's own ``re``, which
        is several times faster for back-references and long literal alternations; ``\\p{Han}``
        still works (translated to ranges), but there is no time limit where lint.watchdog's timer
        cannot keep one (Windows, a thread other than the main one)."""
        if not isinstance(pattern, str) or not pattern:
            raise self.rule.error("a pattern must be a non-empty string", key, line)
        pattern, extra = split_slashes(pattern)
        if engine == "re":
            import re

            from .prefilter import translate_properties

            translated = translate_properties(pattern)
            if translated is None:
                raise self.rule.error(f"engine 're' cannot read {pattern!r} (only \\p{{Han}} "
                                      "and \\p{Co} are translated)", key, line)
            re_flags = re.MULTILINE | (re.IGNORECASE if (flags | extra) & regex.IGNORECASE else 0) \
                | (re.DOTALL if (flags | extra) & regex.DOTALL else 0)
            try:
                return regexcache.compile_re(translated, re_flags)
            except re.error as exc:
                raise self.rule.error(f"bad regular expression {pattern!r} for engine 're': {exc}",
                                      key, line) from None
        try:
            return regexcache.compile(pattern, flags | extra | regex.MULTILINE | regex.VERSION0)
        except regex.error as exc:
            raise self.rule.error(f"bad regular expression {pattern!r}: {exc}", key,
                                  line) from None

    def compile_lazy(self, pattern: str, key: str, flags: int = 0, engine: str = "regex",
                     line: int | None = None) -> LazyPattern:
        """A pattern checked now and compiled on first use.

        Compiling every pattern of a preset costs more than linting a small file, and most
        patterns never run on a given document (their required characters are absent). So a
        pattern the standard parser can read is only parsed here (that finds syntax errors);
        others are compiled at once, which reports their errors just the same."""
        if not isinstance(pattern, str) or not pattern:
            raise self.rule.error("a pattern must be a non-empty string", key, line)
        from .prefilter import analysis

        source, extra = split_slashes(pattern)
        given = flags | extra
        found = analysis(source, bool(given & regex.IGNORECASE), bool(given & regex.DOTALL))
        if found is None:
            compiled = self.compile(pattern, key, flags, engine, line)
            return LazyPattern(self, pattern, key, flags, engine, compiled.groups,
                               dict(compiled.groupindex), None, compiled)
        return LazyPattern(self, pattern, key, flags, engine, found.groups,
                           dict(found.groupindex), found.requirements, None,
                           local_required=found.local_required,
                           line_bounded=found.line_bounded, tandem=found.tandem,
                           empty_only=found.empty_only)

    def ignore_option(self) -> None:
        """The ``ignore`` option of kinds that read a text as if some of it were not there
        (converter pinyin: 調(diào)研制度 as 調研制度): ``self.ignore``, compiled on first
        use, and ``self.ignore_prefilter``, the strings of which a text holding an ignored
        span has one each (tone-marked letters, brackets), which most documents lack."""
        from .prefilter import Prefilter

        ignore = self.opts["ignore"]
        self.ignore = self.compile_lazy(ignore, "ignore") if ignore is not None else None
        self.ignore_prefilter = None if ignore is None else Prefilter(self.ignore.required)

    def may_hold_ignored(self, doc: Document) -> bool:
        """Whether ``doc``'s prose may hold a span of :meth:`ignore_option`'s."""
        from .prefilter import CENSUS

        return self.ignore is not None and self.ignore_prefilter.passes(
            doc.prose, CENSUS.of_document(doc), doc.memo("probes", dict))

    def finditer(self, compiled, text: str, pos: int = 0, endpos: int | None = None,
                 budget: dict | None = None) -> Iterator[regex.Match]:
        """``compiled``'s matches, under the rule's time limit. Scans of one pattern over
        parts of one document (line by line: ``unless`` spans, windows) share ``budget``, a
        dict the caller keeps per document: the limit is per document, not per line."""
        if isinstance(compiled, LazyPattern):
            compiled = compiled.compiled
        end = len(text) if endpos is None else endpos
        if watchdog.guarding():  # the usual case: the timer keeps the limit (lint.watchdog)
            return watchdog.guarded(self._charge(compiled, budget),
                                    compiled.finditer(text, pos, end))
        if not isinstance(compiled, regex.Pattern):  # engine "re": no time limit
            return compiled.finditer(text, pos, end)
        return self._timed_finditer(compiled, text, pos, end, budget)

    def _charge(self, compiled, budget: dict | None) -> watchdog.Charge:
        """The time ``compiled`` has used on this document (``budget``: see finditer)."""
        if budget is None:
            return watchdog.Charge(self.rule.id, self.timeout, compiled.pattern)
        charge = budget.get(compiled)
        if charge is None:
            charge = budget[compiled] = watchdog.Charge(self.rule.id, self.timeout,
                                                        compiled.pattern)
        return charge

    def _timed_finditer(self, compiled, text: str, pos: int, end: int, budget: dict | None):
        """finditer where the timer is not used (a thread other than the main one, Windows):
        ``regex`` keeps the limit itself."""
        # regex's clock is the CPU time since the scan began, so the time the caller spent
        # on each match (unless spans, findings: 300,000 spaced characters of a PDF's text)
        # counted against the pattern. The scan is started again after a match once the
        # caller has held it for a while, with what is left of the limit: the limit is the
        # pattern's own time. (\G and look-behinds see the same text from a new scan at the
        # match's end; after an empty match the old one goes on.) The caller's share is
        # measured on the wall clock: process_time() costs 12 times as much per match.
        left = self.timeout if budget is None else budget.get(compiled, self.timeout)
        if left <= 0:
            raise RuleTimeout(self.rule.id, self.timeout, compiled.pattern)
        try:
            while True:
                cpu_began = time.process_time()
                away = 0.0
                paused = None  # while the caller holds a match (or closes the scan there)
                try:
                    for m in compiled.finditer(text, pos, end, timeout=left):
                        paused = time.perf_counter()
                        yield m
                        away += time.perf_counter() - paused
                        paused = None
                        if away > _RESTART_AFTER and m.end() > m.start():
                            break
                    else:
                        return
                except TimeoutError:
                    left = 0.0
                    raise RuleTimeout(self.rule.id, self.timeout, compiled.pattern) from None
                finally:
                    if paused is not None:
                        away += time.perf_counter() - paused
                    left -= max(0.0, time.process_time() - cpu_began - away)
                if left <= 0:
                    raise RuleTimeout(self.rule.id, self.timeout, compiled.pattern)
                pos = m.end()
        finally:
            if budget is not None:
                budget[compiled] = left

    def search(self, compiled, text: str, budget: dict | None = None, pos: int = 0,
               endpos: int | None = None) -> regex.Match | None:
        """``compiled.search(text, pos, endpos)`` under the rule's time limit, shared
        through ``budget`` as in :meth:`finditer`."""
        scan = self.finditer(compiled, text, pos, endpos, budget)
        try:
            return next(scan, None)
        finally:
            if hasattr(scan, "close"):
                scan.close()

    def match(self, compiled, text: str, pos: int, endpos: int,
              budget: dict | None = None) -> regex.Match | None:
        """``compiled.match(text, pos, endpos)`` under the rule's time limit (shared through
        ``budget`` where the timer keeps it; where it does not, each call has the whole
        limit)."""
        if isinstance(compiled, LazyPattern):
            compiled = compiled.compiled
        if watchdog.guarding():
            return watchdog.call(self._charge(compiled, budget), compiled.match, text, pos, endpos)
        if not isinstance(compiled, regex.Pattern):
            return compiled.match(text, pos, endpos)
        try:
            return compiled.match(text, pos, endpos, timeout=self.timeout)
        except TimeoutError:
            raise RuleTimeout(self.rule.id, self.timeout, compiled.pattern) from None


class LazyPattern:
    """A validated pattern, compiled when a document first needs it (see Kind.compile_lazy)."""

    __slots__ = ("kind", "source", "key", "flags", "engine", "groups", "groupindex", "required",
                 "local_required", "line_bounded", "tandem", "_compiled", "empty_only")

    def __init__(self, kind, source, key, flags, engine, groups, groupindex, required, compiled,
                 *, local_required=None, line_bounded=False, tandem=None, empty_only=False):
        self.kind, self.source, self.key, self.flags, self.engine = kind, source, key, flags, engine
        self.groups, self.groupindex, self.required = groups, groupindex, required
        #: strings of which a match itself contains one (look-arounds not counted), for
        #: testing a slice of text such as one line (see prefilter.required_chars)
        self.local_required = local_required
        #: no match can contain a line break (see prefilter.line_bounded)
        self.line_bounded = line_bounded
        #: every match is empty (known where the standard parser reads the pattern)
        self.empty_only = empty_only
        #: (m, n): every match holds a unit of m..n characters typed twice (prefilter.tandem)
        self.tandem = tandem
        self._compiled = compiled

    @property
    def pattern(self) -> str:
        return self.source

    @property
    def compiled(self):
        if self._compiled is None:
            self._compiled = self.kind.compile(self.source, self.key, self.flags, self.engine)
        return self._compiled


_FLAG_LETTERS = {"i": regex.IGNORECASE, "m": 0, "s": regex.DOTALL, "u": 0, "g": 0, "y": 0,
                 "d": 0}


def split_slashes(pattern: str) -> tuple[str, int]:
    """textlint's RegExp-like strings: ``/source/flags`` -> (source, flags)."""
    if len(pattern) >= 2 and pattern.startswith("/"):
        body, _, flags = pattern[1:].rpartition("/")
        if body and all(ch in _FLAG_LETTERS for ch in flags):
            value = 0
            for ch in flags:
                value |= _FLAG_LETTERS[ch]
            return body, value
    return pattern, 0


#: the kinds of document gwlint's readers make (Document.kind)
DOCUMENT_KINDS = ("text", "markdown", "docx")

#: the most characters of a document a message quotes: a run of 5,000 ``x`` matched by a
#: placeholder pattern would otherwise make one finding a 15 KB line in every format
QUOTE_LIMIT = 40


def excerpt(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as a message quotes it: its first ``limit - 1`` characters and "…" when it is
    longer than ``limit`` (the finding's span still covers all of it)."""
    return text if len(text) <= limit else f"{text[:limit - 1]}…"


def expand_template(template: str, match: regex.Match, source: str | None = None) -> str | None:
    """Expand a fix template: ``\\1``, ``\\g<name>``, and textlint's ``$1``. With
    ``source`` (the document's text, where ``match`` was found in its prose: the same
    offsets), groups are copied from the source, markup and all; None when the template
    is beyond that (an escaped backslash)."""
    if "$" in template:
        template = regex.sub(r"\$(\d{1,2})", r"\\g<\1>", template)
    if source is None:
        return match.expand(template)
    if "\\\\" in template:
        return None
    out = []
    for i, piece in enumerate(_GROUP_REF.split(template)):
        if i % 2 == 0:
            out.append(match.expand(piece) if piece else "")
            continue
        name = piece[3:-1] if piece.startswith("\\g<") else piece[1:]
        start, end = match.span(int(name) if name.isdigit() else name)
        out.append(source[start:end] if start >= 0 else "")
    return "".join(out)


#: a fix template's group reference (``\\1``, ``\\g<name>``), which a message or another
#: ``{placeholder}`` template would print as written
_FIX_REFERENCE = regexcache.compile_re(r"\\(?:(\d\d?)|g<(\w+)>)")

#: a group reference in a fix template: ``\\1``..``\\99`` or ``\\g<name>`` (``\\044`` is an
#: octal escape, a literal ``$``: lint.textlintrc writes one so)
_GROUP_REF = regexcache.compile_re(r"(\\[1-9]\d?|\\g<\w+>)")


def excise(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` without ``spans`` (sorted, not overlapping: converter pinyin, so that
    調(diào)研制度 reads as 調研制度), and (offset in it, offset in ``text``) per kept piece,
    for :func:`unexcised`; ``text`` itself and [] when there is nothing to take out."""
    pieces, offsets, kept, last = [], [], 0, 0
    for start, end in spans:
        if start > last:
            pieces.append(text[last:start])
            offsets.append((kept, last))
            kept += start - last
        last = end
    if not offsets and last == 0:
        return text, []
    pieces.append(text[last:])
    offsets.append((kept, last))
    return "".join(pieces), offsets


def unexcised(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the original text that ``[start, end)`` of an excised one stands for
    (what was taken out inside it included)."""
    return _source_offset(offsets, start), _source_offset(offsets, end - 1) + 1


def _source_offset(offsets: list[tuple[int, int]], position: int) -> int:
    kept, source = offsets[bisect_right(offsets, (position, float("inf"))) - 1]
    return source + position - kept
