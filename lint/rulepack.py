"""Rule packs: YAML files that list rules, each naming a kind and giving it options.

A pack is either a mapping ``{include: [...], rules: [...]}`` or just the list of rules.
``include`` names other packs by path (relative to this file) or by registered name.
Every mistake in a pack is a :class:`RuleError` that prints as ``file:line: what``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .finding import Level
from .yamlload import LineDict, LineList, YamlError, load_yaml, not_utf8

#: keys every rule may have; everything else is an option of its kind
COMMON_KEYS = {"id", "kind", "level", "message", "why", "examples", "description", "fixable",
               "covers"}


#: what a rule id may be: one word that a disable comment can name (lint.engine splits
#: their lists at spaces and commas, and `--` starts a comment's description)
_RULE_ID = re.compile(r"(?!-)[^\s,，]+")


def located(path: str, line: int | None, message: str) -> str:
    """``file:line: message``; a mistake on the command line (``--rules``, ``--disable``)
    has no line: ``--rules: message``, nor has a file that is not there (line None)."""
    if line is None or str(path).startswith("--"):
        return f"{path}: {message}"
    return f"{path}:{line}: {message}"


class RuleError(Exception):
    """A mistake in a rule file or in the configuration, located as ``file:line``."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(located(path, line, message))
        self.path, self.line, self.message = path, line, message


@dataclass
class Rule:
    """One rule as written in a pack (before a kind compiles it)."""

    id: str
    kind: str
    level: Level
    message: str | None
    why: str
    examples: dict
    options: dict
    source: str
    line: int
    base: Any = None  # folder (Path or Traversable) that relative option paths resolve against
    trusted: bool = False  # shipped with gwlint or a plugin: patterns may use the fast `re`
    description: str = ""
    #: what the rule reports is to be deleted (a web page's residue): other rules' findings
    #: inside one of its findings are not reported (lint.engine)
    covers: bool = False
    #: ``fixable: false``: the rule's findings are reported without their fixes, which
    #: ``--fix`` then leaves to the writer
    fixable: bool = True
    option_lines: dict = field(default_factory=dict)
    #: option -> (file, line, folder) of a configuration that set it (``rules:`` of a
    #: gwlint.yaml): its mistakes are reported there, its paths resolve against that folder
    option_sources: dict = field(default_factory=dict)

    def error(self, message: str, key: str | None = None, line: int | None = None
              ) -> RuleError:
        """A mistake in option ``key`` (at ``line`` within it, when known)."""
        source, at = self.where(key)
        return RuleError(source, line or at, f"rule {self.id!r}: {message}")

    def where(self, key: str | None) -> tuple[str, int]:
        """The file and line of option ``key``: in the configuration that set it, else in
        the rule pack (None: the rule itself)."""
        if key in self.option_sources:
            source, at, _ = self.option_sources[key]
            return source, at
        return self.source, self.option_lines.get(key, self.line) if key else self.line

    def base_of(self, key: str):
        """The folder a relative path in option ``key`` is relative to: the configuration's
        that set it, else the rule pack's."""
        return self.option_sources[key][2] if key in self.option_sources else self.base

    def set_by_user(self, key: str) -> bool:
        """Whether option ``key`` comes from a user's file (a rule pack that is not gwlint's
        or a plugin's, or a configuration), whose patterns get the time limit."""
        return not self.trusted or key in self.option_sources

    def with_options(self, overrides: dict, source: str | None = None,
                     lines: dict | None = None, base=None) -> Rule:
        """This rule with ``overrides`` for some options, set in the configuration file
        ``source`` (at ``lines``, per option; relative paths against ``base``)."""
        overrides = dict(overrides)
        # (fixable is a rule's own key, which a configuration may set as well)
        fixable = _flag(overrides.pop("fixable", self.fixable), "fixable", self.id,
                        source or self.source, (lines or {}).get("fixable", self.line))
        options = dict(self.options)
        options.update(overrides)
        sources = dict(self.option_sources)
        if source is not None:
            lines = lines or {}
            sources.update({key: (source, lines.get(key, 1), base) for key in overrides})
        return Rule(**{**self.__dict__, "options": options, "option_sources": sources,
                       "fixable": fixable})


def _flag(value, key: str, rule_id: str, source, line: int) -> bool:
    """A rule's ``covers`` or ``fixable``: true or false, else a RuleError at ``line``."""
    if not isinstance(value, bool):
        raise RuleError(source, line, f"rule {rule_id!r}: '{key}' must be true or false")
    return value


def check_documented(rule: Rule) -> None:
    """SPEC §5: every rule of a pack carries ``why`` and ``examples`` (``--explain`` shows
    them, SARIF's help text is the why, and a pack's examples are the tests of its rules).
    Checked after the rules are built, so that a mistake that stops a rule from working is
    the one reported first."""
    if not rule.why:
        raise RuleError(rule.source, rule.option_lines.get("why", rule.line),
                        f"rule {rule.id!r} needs 'why': a sentence or two on why it matters "
                        "(gwlint --explain shows it)")
    if not rule.examples.get("bad"):
        raise RuleError(rule.source, rule.option_lines.get("examples", rule.line),
                        f"rule {rule.id!r} needs 'examples' with at least one 'bad' example "
                        "(text it reports; 'good' ones are text it must leave alone)")


def _as_text(source) -> str:
    data = source.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(str(source), *not_utf8(data, exc, "rule files")) from None


def load_pack(source, *, trusted: bool = False, seen: set | None = None) -> list[Rule]:
    """Load the rules of one pack file (and the packs it includes)."""
    from . import plugins

    seen = set() if seen is None else seen
    key = str(source)
    if key in seen:
        return []
    seen.add(key)
    path = str(source)
    try:
        text = _as_text(source)
    except FileNotFoundError:
        raise RuleError(path, 1, "rule pack not found") from None
    except OSError as exc:
        raise RuleError(path, 1, f"cannot read rule pack: {exc.strerror or exc}") from None
    try:
        data = load_yaml(text, path)
    except YamlError as exc:
        raise RuleError(exc.path, exc.line, exc.message) from None
    if data is None:
        return []
    if isinstance(data, list):
        data_rules, includes = data, []
    elif isinstance(data, dict):
        unknown = set(data) - {"rules", "include", "name", "description"}
        if unknown:
            bad = sorted(unknown)[0]
            # (not `rules: {terms: {dictionary: FILE}}`: that replaces the preset's own)
            hint = ("; it reads as a prh dictionary, which a pack uses in a rule of its own, "
                    "as README's Writing rules shows: - {id: office-terms, kind: terms, "
                    f"dictionary: {Path(path).name}, why: …, examples: {{bad: […]}}}}"
                    if bad in ("version", "imports") else
                    " (known: description, include, name, rules)")
            raise RuleError(path, data.line_of(bad), f"unknown key {bad!r} in a rule pack{hint}")
        data_rules = data.get("rules") or []
        includes = data.get("include") or []
    else:
        raise RuleError(path, 1, "a rule pack must be a mapping with 'rules:' or a list of rules")
    base = source.parent if hasattr(source, "parent") else None
    rules: list[Rule] = []
    if isinstance(includes, str):
        includes = [includes]
    for i, inc in enumerate(includes):
        line = includes.item_lines[i] if isinstance(includes, LineList) else 1
        named = plugins.get_pack(inc)
        if named is not None:
            rules += load_pack(named, trusted=True, seen=seen)
        elif base is not None:
            target = base.joinpath(inc)
            if not target.is_file():
                raise RuleError(path, line, f"included pack {inc!r} not found")
            rules += load_pack(target, trusted=trusted, seen=seen)
    if not isinstance(data_rules, list):
        raise RuleError(path, getattr(data, "line", 1), "'rules' must be a list")
    lines: dict[str, int] = {}
    for item in data_rules:
        rule = _parse_rule(item, path, base, trusted)
        if rule.id in lines:  # the later one would silently replace the earlier
            raise RuleError(path, rule.line, f"rule {rule.id!r} is defined twice in this pack "
                                             f"(first on line {lines[rule.id]})")
        lines[rule.id] = rule.line
        rules.append(rule)
    return rules


def _parse_rule(item, path: str, base, trusted: bool) -> Rule:
    line = getattr(item, "line", 1)
    if not isinstance(item, dict):
        raise RuleError(path, line, "each rule must be a mapping with at least 'id' and 'kind'")
    item_lines = item.key_lines if isinstance(item, LineDict) else {}
    for required in ("id", "kind"):
        if not item.get(required):
            raise RuleError(path, line, f"rule is missing the required field {required!r}")
    rule_id = str(item["id"])
    if not _RULE_ID.fullmatch(rule_id):  # a disable comment could never name it
        raise RuleError(path, item_lines.get("id", line),
                        f"rule id {rule_id!r} cannot be named in a disable comment: an id is "
                        "one word, without spaces or commas, not starting with '-' "
                        "(office-name, 办公室用语)")
    try:
        level = Level.parse(item.get("level", "error"))
    except ValueError as exc:
        raise RuleError(path, item_lines.get("level", line), f"rule {rule_id!r}: {exc}") from None
    examples = item.get("examples") or {}
    if not isinstance(examples, dict):
        raise RuleError(
            path, item_lines.get("examples", line),
            f"rule {rule_id!r}: 'examples' must be a mapping with 'bad' and/or 'good' lists",
        )
    if set(examples) - {"bad", "good"}:
        other = sorted(map(str, set(examples) - {"bad", "good"}))[0]
        raise RuleError(
            path, examples.line_of(other) if isinstance(examples, LineDict) else line,
            f"rule {rule_id!r}: 'examples' has {other!r}; it takes 'bad' and 'good' lists")
    for key in ("bad", "good"):
        items = examples.get(key) or []
        bad = next((i for i, x in enumerate(items) if not isinstance(x, (str, int, float))), None) \
            if isinstance(items, list) else -1
        if bad is not None:
            where = examples.line_of(key) if isinstance(examples, LineDict) else line
            if isinstance(items, LineList) and bad >= 0:
                where = items.item_lines[bad]
            raise RuleError(
                path, where,
                f"rule {rule_id!r}: examples.{key} must be a list of strings "
                "(quote an example that contains ': ')",
            )
    examples = {k: [str(x) for x in (examples.get(k) or [])] for k in ("bad", "good")}
    covers = _flag(item.get("covers", False), "covers", rule_id, path,
                   item_lines.get("covers", line))
    fixable = _flag(item.get("fixable", True), "fixable", rule_id, path,
                    item_lines.get("fixable", line))
    options = {k: v for k, v in item.items() if k not in COMMON_KEYS}
    message = item.get("message")
    if isinstance(message, (list, dict)):
        raise RuleError(path, item_lines.get("message", line),
                        f"rule {rule_id!r}: 'message' must be text, not a "
                        f"{'list' if isinstance(message, list) else 'mapping'}")
    return Rule(
        id=rule_id,
        kind=str(item["kind"]),
        level=level,
        message=None if message is None else str(message),
        why=str(item.get("why") or "").strip(),
        examples=examples,
        options=options,
        source=path,
        line=line,
        base=base,
        trusted=trusted,
        description=str(item.get("description") or "").strip(),
        covers=covers,
        fixable=fixable,
        option_lines=dict(item_lines),
    )


def packs_in(source) -> list:
    """The rule packs ``source`` names: itself, or for a folder its ``*.yaml``/``*.yml``
    files in name order, without the prh dictionaries the packs use (a folder such as
    gwlint's own rules/ holds both, and a dictionary is no rule pack)."""
    if not (isinstance(source, Path) and source.is_dir()):
        return [source]
    files = sorted([*source.glob("*.yaml"), *source.glob("*.yml")])
    return [path for path in files if not _is_prh_dictionary(path)]


def _is_prh_dictionary(path: Path) -> bool:
    """prh's format: a mapping with ``version:`` or ``imports:``, or whose ``rules`` are
    entries with ``expected`` and no rule's ``kind`` (block or flow style alike). A file
    that cannot be read or parsed is left to be reported as a pack."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError, YamlError):
        return False
    if not isinstance(data, dict):
        return False
    if "version" in data or "imports" in data:
        return True
    rules = data.get("rules")
    return isinstance(rules, list) and bool(rules) and all(
        isinstance(r, dict) and "expected" in r and "kind" not in r for r in rules)


def pack_path(name_or_path: str, relative_to: Path | None = None):
    """A registered pack name or a path (relative to ``relative_to``) -> pack source."""
    from . import plugins

    named = plugins.get_pack(name_or_path)
    if named is not None:
        return named, True
    path = Path(name_or_path).expanduser()
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    return path, False
