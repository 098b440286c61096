"""prh dictionaries (``prh.yml``), with prh's own semantics.

Implemented as prh 5.4 does it (reference: textlint.md §4): a rule without ``pattern`` gets
one from ``expected`` (ASCII letters match any case and full width, digits full width too;
so a CJK-only rule without a pattern never fires); a string pattern is literal, ``/re/flags``
is a regex keeping only ``i``; a ``patterns`` list is one alternation, so the first
alternative that matches wins; ``$1``.. in ``expected`` are groups; ``regexpMustEmpty: $N``;
``options.wordBoundary`` (ASCII ``\\b``); in a ``/re/``, ``\\b \\B \\w \\W \\d \\D`` are
ASCII, as in JavaScript (``/\\bapp\\b/`` finds 下载app); a match equal to ``expected`` is
skipped; ``specs``
are checked when the dictionary is loaded; ``imports`` merge first-wins by ``expected``;
overlapping matches: same start -> the longer wins, otherwise the earlier wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import regex

from . import regexcache, yamlload
from .rulepack import RuleError
from .yamlload import LineDict, LineList, YamlError, lines_of, load_yaml

#: the keys of a prh rule (prh 5.4's raw.ts, and textlint-rule-prh's ``prh`` note) and of
#: a dictionary (prh's own dictionaries start with ``meta:``; ``targets`` is in its schema).
#: prh ignores other keys, and so does gwlint, unless one is a misspelling of these
#: (``patern``: a rule that would never fire)
RULE_KEYS = frozenset({"expected", "pattern", "patterns", "regexpMustEmpty", "options", "specs",
                       "prh"})
DICTIONARY_KEYS = frozenset({"version", "rules", "imports", "meta", "targets"})


def _misspelt(keys, known) -> tuple[str, str] | None:
    """(key, the known key it is a misspelling of) for the first such key, else None."""
    import difflib

    for key in sorted(map(str, set(keys) - known)):
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        if near:
            return key, near[0]
    return None


_SLASHED = regexcache.compile(r"^/(.*)/([gimy]*)$", regex.DOTALL)
_GROUP_REF = regexcache.compile(r"\$(\d{1,2})")


@dataclass
class PrhRule:
    """One prh rule: the expected term and the patterns of its wrong forms."""

    expected: str
    source: str
    line: int
    note: str = ""
    #: the rule's regex source and flags (None: the rule can never fire); compiled on first use,
    #: so a dictionary of plain words costs no regex compilation at start-up
    source_regex: str | None = None
    flags: int = 0
    _compiled: regex.Pattern | None = field(default=None, compare=False, repr=False)
    #: when every pattern is a plain string, the strings in order (matched with Aho-Corasick)
    literals: list[str] | None = None
    must_empty: int | None = None
    patterns_text: list[str] = field(default_factory=list)

    def __reduce__(self):
        # kept in the user cache (see _compiled) as the arguments of __init__, which load in
        # ~1.5 µs a rule against ~2.6 for a state dict; a compiled pattern is cached on its own
        return PrhRule, tuple(None if name == "_compiled" else getattr(self, name)
                              for name in _FIELDS)

    @property
    def compiled(self) -> regex.Pattern | None:
        if self._compiled is None and self.source_regex is not None:
            self._compiled = regexcache.compile(self.source_regex, self.flags)
        return self._compiled

    def replacement(self, match: regex.Match | None) -> str:
        if match is None or "$" not in self.expected:
            return self.expected

        def group(m):
            n = int(m.group(1))
            if n == 0 or n > (match.re.groups or 0):
                return m.group(0)
            return match.group(n) or ""

        return _GROUP_REF.sub(group, self.expected)

    def apply(self, text: str) -> str:
        """Rewrite ``text`` with this rule alone (how prh checks ``specs``)."""
        out, last = [], 0
        for start, end, new in self.matches(text):
            out.append(text[last:start])
            out.append(new)
            last = end
        out.append(text[last:])
        return "".join(out)

    def matches(self, text: str, finditer=None):
        """(start, end, replacement) for this rule alone, prh order and filtering;
        ``finditer(compiled, text)`` scans (a kind's, under its time limit), by default the
        pattern's own."""
        if self.compiled is None:
            return
        scan = self.compiled.finditer(text) if finditer is None else finditer(self.compiled, text)
        for m in scan:
            if m.start() == m.end():
                continue
            if self.must_empty is not None and self.must_empty <= m.re.groups \
                    and (m.group(self.must_empty) or ""):
                continue  # a group the pattern lacks is empty, as in prh (match[n] undefined)
            new = self.replacement(m)
            if m.group() == self.expected or m.group() == new:
                continue
            yield m.start(), m.end(), new


_FIELDS = tuple(f.name for f in fields(PrhRule))


#: what \w and \d stand for in JavaScript, inside a character class
_JS_CLASS = {"w": "A-Za-z0-9_", "d": "0-9"}


def js_classes(source: str) -> str:
    """A JavaScript regex's source with JavaScript's meaning of ``\\b \\B \\w \\W \\d \\D``:
    ASCII word characters and digits (prh runs in JavaScript; in Python a Chinese character
    is a word character, so ``\\bapp\\b`` never matched in 下载app). Outside a class each
    becomes ASCII in a scoped group, ``(?a:\\b)``; inside one, ``\\w`` and ``\\d`` become
    their ranges. ``\\s`` stays Unicode, as in JavaScript."""
    if "\\" not in source:
        return source
    out, i, in_class, n = [], 0, False, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\" and i + 1 < n:
            code = source[i + 1]
            if not in_class and code in "bBwWdD":
                out.append(f"(?a:\\{code})")
            elif in_class and code in _JS_CLASS:
                out.append(_JS_CLASS[code])
            else:
                out.append(source[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(source[i:i + 2] if source.startswith("[^", i) else ch)
            i += 2 if source.startswith("[^", i) else 1
            continue
        if ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _letter_class(ch: str) -> str:
    if "a" <= ch.lower() <= "z":
        up, low = ch.upper(), ch.lower()
        return f"[{up}{low}{chr(ord(up) + 0xFEE0)}{chr(ord(low) + 0xFEE0)}]"
    if "0" <= ch <= "9":
        return f"[{ch}{chr(ord(ch) + 0xFEE0)}]"
    return regex.escape(ch)


def compile_rule(raw, source: str, line: int) -> PrhRule | None:
    """One prh rule (a string or a mapping) -> PrhRule; errors name file:line."""
    if isinstance(raw, str):
        raw = {"expected": raw}
    if not isinstance(raw, dict):
        raise RuleError(source, line, "a prh rule must be a string or a mapping with 'expected'")
    line = getattr(raw, "line", line)
    misspelt = _misspelt(raw, RULE_KEYS)
    if misspelt:  # (prh ignores it: a misspelt 'patern' made a rule that never fires)
        raise RuleError(source, getattr(raw, "key_lines", {}).get(misspelt[0], line),
                        f"unknown key {misspelt[0]!r} in a prh rule (did you mean "
                        f"{misspelt[1]!r}?)")
    expected = raw.get("expected")
    if not isinstance(expected, str) or not expected:
        raise RuleError(source, line, "a prh rule needs 'expected' (a non-empty string)")
    rule = PrhRule(expected=expected, source=source, line=line, note=str(raw.get("prh") or ""))
    patterns = raw.get("patterns", raw.get("pattern"))
    if patterns is None:
        if not regex.search(r"[A-Za-z0-9]", expected):
            return rule  # prh: a CJK-only expected without a pattern can never fire
        patterns = ["".join(_letter_class(ch) for ch in expected)]
        generated = True
    else:
        generated = False
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list) or not patterns:
            raise RuleError(source, line, f"{expected}: 'pattern' must be a string or a list")
    parts, flag_sets, literals = [], set(), []
    for p in patterns:
        if not isinstance(p, str) or p == "":
            raise RuleError(source, line, f"{expected}: pattern can't be empty")
        m = None if generated else _SLASHED.match(p)
        if generated:
            parts.append(p)
            flag_sets.add("")
            literals = None
        elif m:
            parts.append(js_classes(m.group(1)))
            flag_sets.add("i" if "i" in m.group(2) else "")
            literals = None
        else:
            parts.append(regex.escape(p))
            flag_sets.add("")
            if literals is not None:
                literals.append(p)
    if len(flag_sets) > 1:
        raise RuleError(source, line, f"{expected}: combining different flags in 'patterns'")
    flags = regex.MULTILINE | regex.VERSION0
    if "i" in flag_sets:
        flags |= regex.IGNORECASE
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    options = raw.get("options") or {}
    if isinstance(options, dict) and options.get("wordBoundary"):
        body = r"\b(?:" + body + r")\b"
        flags |= regex.ASCII
        literals = None
    rule.source_regex, rule.flags = body, int(flags)  # (an int pickles as one: see _compiled)
    rule.patterns_text = list(patterns)
    rule.literals = literals if literals and "$" not in expected else None
    if rule.literals is None:  # a real regex: compile now so a mistake is reported at load
        try:
            rule.compiled  # noqa: B018
        except regex.error as exc:
            raise RuleError(source, _bad_pattern_line(raw, parts, flags, line),
                            f"{expected}: bad regular expression: {exc}") from None
    must = raw.get("regexpMustEmpty")
    if must is not None:
        mm = regex.fullmatch(r"\$(\d+)", str(must))
        if not mm:
            raise RuleError(source, line, f"{expected}: regexpMustEmpty: please use $1 format")
        rule.must_empty = int(mm.group(1))
        rule.literals = None
    for spec in raw.get("specs") or []:
        if not isinstance(spec, dict) or "from" not in spec or "to" not in spec:
            raise RuleError(source, getattr(spec, "line", line),
                            f"{expected}: a spec needs 'from' and 'to'")
        got = rule.apply(str(spec["from"]))
        if got != str(spec["to"]):
            raise RuleError(
                source, getattr(spec, "line", line),
                f'{expected} spec failed. "{spec["from"]}", expected "{spec["to"]}", '
                f'but got "{got}", /{body}/',
            )
    return rule


def _compiled(text: str, name: str) -> tuple[tuple, list[PrhRule], list]:
    """A dictionary file's ``(version, its line)``, its own rules compiled (specs checked) and
    its ``imports``, from the user cache when an earlier run compiled the same text: for a
    user's list of thousands, compiling costs ~10 µs a rule and reading the parsed YAML
    back ~3 µs more, where the compiled rules load in ~1.5 µs (bench/PROFILE.md, eighth
    pass). A dictionary with a mistake is never cached: it raises the same error each run."""
    # besides its text, a compiled dictionary depends on this module and on regex
    stamps = f"{regex.__version__}\0{yamlload.file_stamps(__file__)}"
    return yamlload.cached(f"prh-compiled\0{stamps}\0{name}\0{text}",
                           lambda: _compile_dictionary(text, name))


def _compile_dictionary(text: str, name: str) -> tuple[tuple, list[PrhRule], list]:
    try:
        data = load_yaml(text, name, cache=False)
    except YamlError as exc:
        raise RuleError(exc.path, exc.line, exc.message) from None
    if data is None:
        return (None, 1), [], []
    if not isinstance(data, dict):
        raise RuleError(name, 1, "a prh dictionary must be a mapping with 'version' and 'rules'")
    misspelt = _misspelt(data, DICTIONARY_KEYS)
    if misspelt:
        raise RuleError(name, data.line_of(misspelt[0]), f"unknown key {misspelt[0]!r} in a "
                        f"prh dictionary (did you mean {misspelt[1]!r}?)")
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise RuleError(name, data.line_of("rules"), "'rules' must be a list")
    lines = getattr(raw_rules, "item_lines", [data.line] * len(raw_rules))
    rules = []
    for raw, line in zip(raw_rules, lines, strict=True):
        rule = compile_rule(raw, name, line)
        if rule is not None:
            rules.append(rule)
    imports = data.get("imports") or []
    if isinstance(imports, str):
        imports = LineList([imports])
        imports.item_lines = [data.line_of("imports")]
    if not isinstance(imports, list):
        raise RuleError(name, data.line_of("imports"), "'imports' must be a list of paths")
    specs = []
    for spec, line in zip(imports, lines_of(imports), strict=True):
        if not isinstance(spec, (str, dict)) or isinstance(spec, dict) and not isinstance(
                spec.get("path"), str):
            raise RuleError(name, line or data.line_of("imports"),
                            "each import must be a path, or a mapping with 'path'")
        if isinstance(spec, str):  # a path alone: a spec of its own, at its line
            spec = LineDict(path=spec)
            spec.key_lines = {}
        spec.line = getattr(spec, "line", None) or line or data.line_of("imports")
        specs.append(spec)
    return (data.get("version"), data.line_of("version")), rules, specs


def _bad_pattern_line(raw, parts: list[str], flags: int, line: int) -> int:
    """The line of the pattern a dictionary entry's regex fails on (its own, in a list of
    them), not the entry's first line."""
    key = "patterns" if "patterns" in raw else "pattern"
    lines = lines_of(raw.get(key)) if isinstance(raw.get(key), list) else [None] * len(parts)
    for part, at in zip(parts, lines, strict=False):
        try:
            regex.compile(part, flags)
        except regex.error:
            return at or yamlload.line_of(raw, key, line)
    return yamlload.line_of(raw, key, line)


def load_dictionary(path: Path, *, version=None, seen: set | None = None,
                    imported_by: tuple[str, int] | None = None) -> list[PrhRule]:
    """Load a prh.yml file and its ``imports`` (merged first-wins by ``expected``);
    ``imported_by``: the (file, line) of the import that names it."""
    seen = set() if seen is None else seen
    key = str(Path(path).resolve()) if isinstance(path, Path) else str(path)
    if key in seen:
        return []
    seen.add(key)
    name = str(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(name, *yamlload.not_utf8(data, exc, "prh dictionaries")) from None
    except FileNotFoundError:
        if imported_by is not None:
            raise RuleError(*imported_by, f"imports: prh dictionary {name} not found") from None
        raise RuleError(name, 1, "prh dictionary not found") from None
    except OSError as exc:
        raise RuleError(name, 1, f"cannot read prh dictionary: {exc.strerror or exc}") from None
    file_version, rules, imports = _compiled(text, name)
    if version is not None and file_version[0] not in (None, version):
        raise RuleError(name, file_version[1],
                        f"version mismatch! (version {file_version[0]!r} here, {version!r} in "
                        f"{imported_by[0] if imported_by else 'the dictionary importing it'})")
    rules = list(rules)
    known = {r.expected for r in rules}
    for spec in imports:  # (mappings with their line: _compile_dictionary)
        target = path.parent.joinpath(spec["path"])
        imported = load_dictionary(target, version=file_version[0], seen=seen,
                                   imported_by=(name, spec.line))
        ignore = set()
        for item in spec.get("ignoreRules") or []:
            if isinstance(item, dict):
                ignore.update(str(v) for v in item.values())
            else:
                ignore.add(str(item))
        for r in imported:
            if r.expected in known or r.expected in ignore or ignore & set(r.patterns_text):
                continue
            known.add(r.expected)
            rules.append(r)
    return rules


def resolve_overlaps(hits: list[tuple]) -> list[tuple]:
    """prh's ChangeSet: same start -> the longer wins; otherwise the earlier start wins."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept, last_end = [], -1
    for hit in hits:
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept
