"""The engine: compiles the configured rules once, runs them over Documents, and applies
everything that is not a rule's business: levels (per file), masked spans, disable
comments, the allow list, sorting and de-duplication."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

import regex

from . import plugins, regexcache, watchdog
from .config import Config, ConfigError, compile_allow
from .document import Document, merge_spans, within
from .finding import Finding, Fix, Level
from .readers import ReadError, read_path
from .rulepack import Rule, RuleError, check_documented, load_pack
from .watchdog import RuleTimeout

_DIRECTIVE = regexcache.compile(
    r"<!--\s*(?P<tool>gwlint|textlint)-(?P<action>disable-next-line|disable-line|disable|enable)"
    r"(?=\s|-->)(?P<ids>[^\n]*?)-->"
)
#: ``-- text`` after the rule ids is a description (textlint-filter-rule-comments 1.3)
_DESCRIPTION = regexcache.compile(r"(?:^|\s)--(?:\s|$).*", regex.DOTALL)


@dataclass
class FileResult:
    """The outcome for one file: findings, or why it could not be linted."""

    path: str
    doc: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # could not be read or decoded: reported as an error
    skipped: str | None = None  # binary: a notice only
    failures: list[str] = field(default_factory=list)  # rules that broke or timed out
    #: "LINE: what" notes for standard error that do not fail the run (a disable comment
    #: naming no rule)
    notices: list[str] = field(default_factory=list)
    #: textlint messages resolved early, as rows (lint.formats.rows: lint.runner then drops
    #: ``doc`` and ``findings`` to keep memory flat); formats read either through
    #: lint.formats.messages or lint.formats.rows
    rows: list[tuple] | None = None


@dataclass
class CompiledRule:
    """A rule and its kind, set up with the rule's options."""

    rule: Rule
    kind: object  # a Kind instance


class Linter:
    """Rules compiled for one configuration; build once per process, lint many files."""

    def __init__(self, config: Config):
        from .yamlload import recording

        self.config = config
        #: rule id -> seconds spent in its checks, when set to a dict (TIMING; lint.timing)
        self.rule_times: dict[str, float] | None = None
        #: rule id -> the files on which it reached its time limit, in this process
        self._timeouts: dict[str, set] = {}
        with recording() as sources:
            self._compile(config)
        #: what the rules were read from (packs, dictionaries), as the user cache's keys of
        #: their texts: with the configuration, what lint.resultcache's entries depend on
        self.sources = sorted(set(sources))

    def _compile(self, config: Config) -> None:
        rules: dict[str, Rule] = {}
        for source, trusted, declared_in, line in config.packs:
            try:
                pack_rules = load_pack(source, trusted=trusted)
            except RuleError as exc:
                if str(source) == exc.path and exc.message == "rule pack not found":
                    raise RuleError(declared_in, line,
                                    f"rule pack {str(source)!r} not found") from None
                raise
            for rule in pack_rules:
                earlier = rules.get(rule.id)
                if earlier is not None and not _same_file(earlier.source, rule.source):
                    # a pack of the user's reusing an id: the earlier rule (a built-in one)
                    # would vanish without a word, and its findings with it
                    raise RuleError(rule.source, rule.line, (
                        f"rule {rule.id!r} is already defined in {_where(earlier)}; give this "
                        "rule another id (an existing rule's level and options are set under "
                        "rules: in gwlint.yaml)"))
                rules[rule.id] = rule
        written = list(rules.values())  # in packs: they must carry why and examples
        for rule in config.extra_rules:
            rules[rule.id] = rule
        self.rules = rules
        self._check_settings(config.settings)
        for override in config.overrides:
            self._check_settings(override.settings)
        self.levels = {rid: self._base_level(rule) for rid, rule in rules.items()}
        wanted = {rid for rid, level in self.levels.items() if level is not Level.OFF}
        for override in config.overrides:
            wanted |= {rid for rid, s in override.settings.items()
                       if s.level not in (None, Level.OFF)}
        self.compiled: dict[str, CompiledRule] = {}
        for rid in sorted(wanted, key=list(rules).index):
            rule = rules[rid]
            setting = config.settings.get(rid)
            if setting and setting.options:
                rule = rule.with_options(setting.options, setting.source, setting.option_lines,
                                         _folder_of(setting.source))
            self.compiled[rid] = CompiledRule(rule, self._build_kind(rule))
        for rule in written:  # (after the kinds: a mistake that stops a rule is said first)
            check_documented(rule)
        self.allow = [compile_allow(a) for a in config.allow]
        #: rules whose findings are text to delete: other findings inside them go
        self._covering = frozenset(rid for rid, c in self.compiled.items() if c.rule.covers)
        self._level_cache: dict[tuple, dict[str, Level]] = {}
        self._override_specs = [_spec(o.files) for o in config.overrides]

    # -- building ------------------------------------------------------------------
    def _check_settings(self, settings) -> None:
        for rid, setting in settings.items():
            if not rid:
                raise ConfigError(setting.source, setting.line,
                                  "a rule id is missing (--rule ID[=LEVEL], --disable ID)")
            if rid not in self.rules:
                near = [r for r in self.rules if r.startswith(rid[:3])][:3]
                hint = f" (did you mean {', '.join(near)}?)" if near else ""
                raise ConfigError(setting.source, setting.line, f"unknown rule {rid!r}{hint}")

    def _base_level(self, rule: Rule) -> Level:
        setting = self.config.settings.get(rule.id)
        if self.config.only is not None and rule.id not in self.config.only:
            return Level.OFF
        if setting and setting.level is not None:
            return setting.level
        if setting and setting.enable and rule.level is Level.OFF:
            return Level.ERROR
        return rule.level

    @staticmethod
    def _build_kind(rule: Rule):
        try:
            kind_class = plugins.get_kind(rule.kind)
        except KeyError:
            known = ", ".join(sorted(plugins.rule_kinds()))
            raise rule.error(f"unknown kind {rule.kind!r} (known: {known})", "kind") from None
        try:
            return kind_class(rule)
        except RuleError:
            raise
        except plugins.BUGS as exc:  # a kind's bug (a plugin's), not a traceback
            # gwlint's tests set up its own rules: what breaks one is an option that a
            # configuration gave it, and the user is pointed there, not at gwlint's files
            given = min(rule.option_sources, key=lambda k: rule.option_sources[k][1],
                        default=None)
            raise rule.error(f"kind {rule.kind!r} cannot be set up: "
                             f"{type(exc).__name__}: {exc}", given) from None

    # -- levels per file -----------------------------------------------------------
    def levels_for(self, path: str | None) -> dict[str, Level]:
        if not self.config.overrides or not path:
            return self.levels
        rels: dict = {}  # the file's path from each override's folder (None: outside it)
        matched = []
        for i, spec in enumerate(self._override_specs):
            base = self.config.overrides[i].base or self.config.root
            if base not in rels:
                rels[base] = _relative(path, base)
            if rels[base] is not None and spec.match_file(rels[base]):
                matched.append(i)
        matched = tuple(matched)
        if not matched:
            return self.levels
        cached = self._level_cache.get(matched)
        if cached is None:
            cached = dict(self.levels)
            for i in matched:
                for rid, setting in self.config.overrides[i].settings.items():
                    if setting.level is not None:
                        cached[rid] = setting.level
            self._level_cache[matched] = cached
        return cached

    # -- linting -------------------------------------------------------------------
    def lint_document(self, doc: Document, *, only: set[str] | None = None) -> FileResult:
        result = FileResult(path=doc.path or "<text>", doc=doc)
        result.notices += doc.meta.get("notices", ())  # what its reader noticed
        levels = self.levels_for(doc.path)
        findings: list[Finding] = []
        view = doc.inline_view()  # the rules read the text as it shows (Markdown's **, \[)
        target = view.document() if view is not None else doc
        size = len(target.text)
        times = self.rule_times
        with watchdog.armed():  # the rules' time limits (lint.watchdog)
            for rid, compiled in self.compiled.items():
                level = levels.get(rid, Level.OFF)
                if level is Level.OFF or (only is not None and rid not in only):
                    continue
                timed_out = self._timeouts.get(rid)
                if timed_out and (doc.path in timed_out
                                  or len(timed_out) >= SKIP_AFTER_TIMEOUTS):
                    # (--fix lints a file several times: once is enough to know)
                    result.failures.append(
                        f"rule {rid!r} was not run again: it reached its time limit on this "
                        "file" if doc.path in timed_out else
                        f"rule {rid!r} was not run: it reached its time limit on "
                        f"{SKIP_AFTER_TIMEOUTS} earlier files (fix or turn off the rule)")
                    continue
                if times is not None:
                    start = perf_counter()
                # (the rule's fixable: false, or a kind that makes no fixes: a plugin's
                # that did not say fixable = True)
                offers_fixes = compiled.rule.fixable and compiled.kind.fixable
                found: list[Finding] = []
                try:
                    for finding in compiled.kind.check(target):
                        fault = _fault(finding, size)
                        if fault is not None:
                            raise ValueError(fault)
                        if view is not None:
                            finding = view.finding_to_source(finding)
                        finding.level = level
                        if not offers_fixes:
                            finding.fix = None
                        found.append(finding)
                except RuleTimeout as exc:  # what it found in its time stands
                    result.failures.append(str(exc))
                    self._timeouts.setdefault(rid, set()).add(doc.path)
                    findings += found
                except plugins.BUGS as exc:  # a bug in a kind must not cost the user a traceback
                    # ... nor a fix its kind made before it broke: the rule gives nothing here
                    result.failures.append(f"rule {rid!r} failed: {type(exc).__name__}: {exc}")
                else:
                    findings += found
                if times is not None:
                    times[rid] = times.get(rid, 0.0) + perf_counter() - start
            if not doc.rewritable:  # --fix cannot write a fix back into it: none is offered
                for finding in findings:
                    finding.fix = None
            elif not doc.encoding.lower().startswith("utf"):
                # nor one that the file's encoding cannot write (〇 in Big5): --fix would leave
                # the whole file unchanged, the other fixes with it
                for finding in findings:
                    if finding.fix is not None and not _encodable(finding.fix.text, doc.encoding):
                        finding.fix = None
            # (the allow list's regexes are a user's too: under the timer as well)
            findings = self._filter(doc, findings, result.notices, result.failures, view)
            if self._covering and findings:  # (a residue finding allowed away covers nothing)
                findings = _uncovered(findings, self._covering)
            if findings and doc.meta.get("stories"):
                _name_stories(doc, findings)
            result.findings = findings
        return result

    def lint_text(self, text: str, path: str | None = None, **kw) -> list[Finding]:
        from .readers.text import mask_directives

        prose, masked = mask_directives(text)
        return self.lint_document(Document(text=text, path=path, prose=prose, masked=masked),
                                  **kw).findings

    def lint_file(self, path: str | Path, display: str | None = None) -> FileResult:
        display = display if display is not None else str(path)
        try:
            doc = read_path(path, display)
        except ReadError as exc:
            return _read_failure(display, exc)
        return self.lint_document(doc)

    def _filter(self, doc: Document, findings: list[Finding],
                notices: list[str] | None = None, failures: list[str] | None = None,
                view=None) -> list[Finding]:
        if not findings:
            if notices is not None and "gwlint-" in doc.text:  # a misspelt id is said anyway
                self._ignored_ranges(doc, notices)
            return findings
        ignored = self._ignored_ranges(doc, notices, failures, view)
        kept, seen = [], set()
        for f in findings:
            if doc.masked and doc.is_masked(f.start, f.end) and not _carries(doc, f):
                continue
            if ignored and any(s <= f.start and f.end <= e and (r == "*" or r == f.rule_id)
                               for s, e, r in ignored):
                continue
            key = (f.start, f.end, f.rule_id, f.level, f.message)
            if key in seen:
                continue
            seen.add(key)
            kept.append(f)
        kept.sort(key=lambda f: (f.start, f.end, f.rule_id))
        return kept

    def _ignored_ranges(self, doc: Document, notices: list[str] | None = None,
                        failures: list[str] | None = None, view=None
                        ) -> list[tuple[int, int, str]]:
        """(start, end, rule id or "*") spans in which findings are not reported.

        From the allow list (every match, for every rule; in a Markdown document also every
        match in the text as the rules read it, ``view``) and disable comments:
        ``disable``/``enable`` [ids] (a disable without enable runs to the end; enabling
        one rule inside a disable-all turns only that rule back on), ``disable-line`` and
        ``disable-next-line`` [ids]. Ids are separated by commas or spaces; ``-- text``
        after them is a description. A finding is dropped when it lies wholly inside a
        span (textlint's rule). A ``gwlint-`` comment naming a rule that does not exist (a
        typo: it suppresses nothing) adds a line to ``notices``; ``textlint-`` comments may
        name textlint's rules. An allow regex runs under a time limit (ALLOW_TIMEOUT per
        document); one that reaches it allows nothing more and adds a line to ``failures``.
        """
        ranges: list[tuple[int, int, str]] = []
        text = doc.text
        for pattern in self.allow:
            try:
                ranges += [(m.start(), m.end(), "*") for m in _allowed(pattern, text)
                           if m.end() > m.start()]
                if view is not None:  # and as the rules read it: 皖政秘[2015]53号 allows
                    ranges += [  # 皖政秘\[2015\]53号 in Markdown
                        (view.start_to_source(m.start()),
                         view.end_to_source(m.end(), m.start()), "*")
                        for m in _allowed(pattern, view.text) if m.end() > m.start()]
            except (RuleTimeout, TimeoutError):
                if failures is None:
                    raise RuleTimeout("allow", ALLOW_TIMEOUT, pattern.pattern) from None
                failures.append(f"allow pattern {pattern.pattern!r} stopped after its time "
                                f"limit of {ALLOW_TIMEOUT:g} s; the findings it would allow "
                                "are reported")
        if "<!--" not in text:
            return ranges
        open_at: dict[str, int] = {}
        code = doc.meta.get("code_spans") or ()
        for m in _DIRECTIVE.finditer(text):
            if code and any(a <= m.start() and m.end() <= b for a, b in code):
                continue  # a directive shown in a code block is an example, not an order
            ids = _DESCRIPTION.sub("", m.group("ids"))
            ids = [i for i in regex.split(r"[,\s]+", ids) if i] or ["*"]
            if m.group("tool") == "textlint":  # textlint's names of the rules gwlint maps
                ids = [self._textlint_id(i) for i in ids]
            if notices is not None and m.group("tool") == "gwlint":
                notices += [f"{doc.position(m.start())[0]}: {m.group('tool')}-"
                            f"{m.group('action')} names no rule {rid!r} (gwlint --list-rules)"
                            for rid in ids if rid != "*" and rid not in self.rules]
            action = m.group("action")
            if action == "disable":
                for rid in ids:
                    open_at.setdefault(rid, m.end())
            elif action == "enable":
                if ids == ["*"]:
                    closing = list(open_at)
                else:
                    closing = ids
                    if "*" in open_at:  # everything off, then some rules back on
                        for rid in self.compiled:
                            if rid not in ids:
                                open_at.setdefault(rid, open_at["*"])
                        closing = [*ids, "*"]
                for rid in closing:
                    if rid in open_at:
                        ranges.append((open_at.pop(rid), m.start(), rid))
            else:
                line = doc.line_at(m.start())
                if action == "disable-next-line" and line.number < len(doc.lines):
                    line = doc.lines[line.number]
                ranges += [(line.start, line.end, rid) for rid in ids]
        ranges += [(start, len(text), rid) for rid, start in open_at.items()]
        return ranges

    def _textlint_id(self, rid: str) -> str:
        """The gwlint rule a textlint rule name in a ``textlint-disable`` comment stands
        for (``@textlint-rule/no-unmatched-pair`` is the .textlintrc's rule of that id, else
        gwlint's ``unmatched-pair``; ``prh`` is the .textlintrc's prh rule, else gwlint's
        ``terms``)."""
        if rid in self.rules:
            return rid
        from .textlintrc import PAIR_ID, PAIR_NAMES, PATTERN_NAMES, PRH_NAMES

        for names, targets in ((PRH_NAMES, ("prh", "terms")),
                               (PATTERN_NAMES, ("@textlint-rule/pattern",)),
                               (PAIR_NAMES, (PAIR_ID, "unmatched-pair"))):
            if rid in names:
                return next((t for t in targets if t in self.rules), rid)
        return rid


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _carries(doc: Document, finding: Finding) -> bool:
    """A finding over markup is kept when its fix rewrites only the prose around it and
    carries the markup over: ``(见[附件](a.md))``, whose brackets are half-width."""
    fx = finding.fix
    return (fx is not None and (fx.start, fx.end) == (finding.start, finding.end)
            and doc.carries_masked(fx.start, fx.end, fx.text))


#: a rule that reached its time limit on this many files is not run on the next ones: a
#: catastrophic pattern cost its whole limit on every file (111 files took 3 minutes)
SKIP_AFTER_TIMEOUTS = 3

#: seconds an allow-list regex may run over one document (a rule pattern's default)
ALLOW_TIMEOUT = 2.0


def _allowed(pattern, text: str):
    """The matches of an allow-list pattern in ``text``, under ALLOW_TIMEOUT."""
    if watchdog.guarding():
        return watchdog.guarded(watchdog.Charge("allow", ALLOW_TIMEOUT, pattern.pattern),
                                pattern.finditer(text))
    return pattern.finditer(text, timeout=ALLOW_TIMEOUT)


def _name_stories(doc: Document, findings: list[Finding]) -> None:
    """A finding in a part of a document outside its running text, whose lines follow the
    body's (a Word file's text boxes, footnotes and endnotes: ``doc.meta["stories"]``, the
    first line and the name of each), names that part at the end of its message: line 57 of
    a report whose body has 50 paragraphs is found in 脚注2."""
    from bisect import bisect_right

    stories = doc.meta["stories"]
    starts = [first for first, _ in stories]
    for finding in findings:
        index = bisect_right(starts, doc.line_at(finding.start).number) - 1
        if index >= 0:
            finding.message = f"{finding.message}（位于{stories[index][1]}）"


def _fault(finding, size: int) -> str | None:
    """What is wrong with a kind's finding, or None: it must be a Finding whose span, and
    its fix's, lie in the document in order, with text for its message and fix. (A
    plugin's kind that got one wrong printed a negative column, wrote SARIF its schema
    rejects, or broke --fix with a traceback.)"""
    if not isinstance(finding, Finding):
        return f"it reported a {type(finding).__name__}, not a Finding"
    where = f"(the document has {size} characters)"
    start, end, fix = finding.start, finding.end, finding.fix
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= size):
        return f"it reported a finding at [{start!r}, {end!r}) {where}"
    if type(finding.message) is not str:
        return f"it reported a message that is a {type(finding.message).__name__}, not text"
    if fix is None:
        return None
    if not isinstance(fix, Fix):
        return f"its fix is a {type(fix).__name__}, not a Fix"
    if type(fix.text) is not str:
        return f"its fix writes a {type(fix.text).__name__}, not text"
    if not (type(fix.start) is int and type(fix.end) is int and 0 <= fix.start <= fix.end <= size):
        return f"its fix replaces [{fix.start!r}, {fix.end!r}) {where}"
    return None


def _uncovered(findings: list[Finding], covering: frozenset[str]) -> list[Finding]:
    """``findings`` without those of other rules that lie inside a finding of a
    ``covering`` rule (``covers: true``: a web page's breadcrumb line is to be deleted, and
    the half-width commas in it are no finding of their own, nor a fix to make)."""
    spans = [(f.start, f.end) for f in findings if f.rule_id in covering]
    if not spans:
        return findings
    merged = merge_spans(spans)
    bounds = ([s for s, _ in merged], [e for _, e in merged])
    return [f for f in findings
            if f.rule_id in covering or not within(bounds, f.start, f.end)]


def _same_file(a, b) -> bool:
    """Whether two rule sources are one file (``sub/../shared/p.yaml`` and ``shared/p.yaml``)."""
    import os

    return a == b or os.path.realpath(str(a)) == os.path.realpath(str(b))


def _where(rule: Rule) -> str:
    """Where a rule is defined, for a message: a built-in pack by its name."""
    if rule.trusted:
        return f"gwlint's own rules ({Path(str(rule.source)).name}:{rule.line})"
    return f"{rule.source}:{rule.line}"


def _read_failure(path: str, exc: ReadError) -> FileResult:
    if exc.kind == "binary":
        return FileResult(path=path, skipped=str(exc))
    return FileResult(path=path, error=str(exc))


def _spec(globs: list[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


def _relative(path: str, base: Path) -> str | None:
    """``path`` relative to the folder ``base`` (resolved, as a configuration's folder is),
    None outside it (an override's globs, as a configuration's ignore: globs, are relative
    to its configuration file's folder)."""
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except ValueError:
        return None


def _folder_of(source: str) -> Path:
    """The folder of the configuration file ``source`` (the working folder for options
    not from a file)."""
    path = Path(source)
    return path.parent if path.is_file() else Path.cwd()
