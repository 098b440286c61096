"""Configuration: discovery, ``extends``, per-rule levels and options, allow/ignore lists,
per-glob overrides, and the mapping of a ``.textlintrc`` onto gwlint rules.

Discovery walks up from the starting folder looking for ``gwlint.yaml``, ``.gwlint.yaml`` or
a ``pyproject.toml`` with ``[tool.gwlint]``; only when none exists anywhere up the tree is a
``.textlintrc{,.json,.yml,.yaml}`` used. Without any config the ``gongwen`` preset applies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import regex

from . import regexcache
from .finding import Level
from .rulepack import COMMON_KEYS, Rule, located, pack_path, packs_in
from .yamlload import LineDict, YamlError, lines_of, load_yaml, not_utf8

GWLINT_FILES = ("gwlint.yaml", ".gwlint.yaml", "pyproject.toml")
TEXTLINT_FILES = (".textlintrc.json", ".textlintrc.yaml", ".textlintrc.yml", ".textlintrc")
DEFAULT_EXTENSIONS = [".txt", ".md", ".docx"]
CONFIG_KEYS = {"extends", "packs", "rules", "allow", "ignore", "overrides", "extensions"}

STARTER = """\
# gwlint configuration (see `gwlint --list-rules` and `gwlint --explain ID`)
extends: gongwen              # the built-in preset for 公文 reports
packs: []                     # your own YAML rule packs, relative to this file
rules:                        # per rule id: off | info | warning | error | {level: ..., ...}
  cjk-spacing: warning
  terms: {level: error}
allow: []                     # strings or /regex/ that are never reported, e.g. "党的XX大"
ignore: []                    # gitignore-style globs of files not to lint, e.g. "drafts/old/**"
"""


class ConfigError(Exception):
    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(located(path, line, message))
        self.path, self.line, self.message = path, line, message


@dataclass
class RuleSetting:
    """What the configuration says about one rule: its level, its options, where it said it."""

    level: Level | None = None
    options: dict = field(default_factory=dict)
    #: ``--rule ID`` without a level: on at the rule's own level (error if that is off)
    enable: bool = False
    source: str = "<command line>"
    line: int = 1
    #: option -> its line in ``source``
    option_lines: dict = field(default_factory=dict)


@dataclass
class Override:
    """An ``overrides:`` entry: rule settings for the files matching its globs."""

    files: list[str]
    settings: dict[str, RuleSetting]
    source: str
    line: int
    #: the folder ``files`` are relative to: its configuration file's (None: the root's)
    base: Path | None = None


@dataclass
class Config:
    """A resolved configuration: the rule packs, the settings and which files to lint."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    packs: list = field(default_factory=list)  # (source, trusted, declared_in, line)
    settings: dict[str, RuleSetting] = field(default_factory=dict)
    allow: list[str] = field(default_factory=list)
    #: globs of files not to lint, relative to ``root`` (set by a program); a configuration
    #: file's ``ignore:`` are in ignore_groups, relative to its own folder
    ignore: list[str] = field(default_factory=list)
    #: (folder, globs) of each configuration file's ``ignore:`` (a configuration that another
    #: extends keeps its folder); see ignore_by_folder
    ignore_groups: list[tuple[Path, list[str]]] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    extensions: list[str] = field(default_factory=lambda: list(DEFAULT_EXTENSIONS))
    #: rules defined by the configuration itself (from a .textlintrc)
    extra_rules: list[Rule] = field(default_factory=list)
    #: when set, only these rule ids are on (a .textlintrc enables only what it names)
    only: set[str] | None = None
    notices: list[str] = field(default_factory=list)

    def ignore_by_folder(self) -> list[tuple[Path, list[str]]]:
        """All the ignore globs, with the folder each is relative to."""
        return [*self.ignore_groups, *([(self.root, self.ignore)] if self.ignore else [])]

    @property
    def display(self) -> str:
        return str(self.path) if self.path else "(built-in default: extends gongwen)"


# ---------------------------------------------------------------------------------------
def discover(start: Path | None = None) -> Path | None:
    start = (start or Path.cwd()).resolve()
    folders = [start, *start.parents]
    for folder in folders:
        for name in GWLINT_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_gwlint(candidate):
                    continue
                return candidate
    for folder in folders:
        for name in TEXTLINT_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def special_file(path: Path) -> str | None:
    """What ``path`` is when it is there but neither a regular file nor a folder (a pipe, a
    device, a socket), else None. None of them is read as a configuration or an ignore
    file: opening a pipe that nothing writes to waits for ever, and the paths such a file
    gives are relative to its folder (``/dev/fd`` for ``-c <(cmd)``)."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    for test, kind in ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return None


def _has_tool_gwlint(path: Path) -> bool:
    try:
        return "[tool.gwlint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Load the configuration at ``path``, or the discovered one, or the default."""
    if path is None:
        path = discover(start)
        if path is None:
            config = Config(root=(start or Path.cwd()).resolve())
            _extend(config, "gongwen", "(default)", 1)
            return config
    path = Path(path)
    if path.is_dir():
        raise ConfigError(str(path), 1, "-c names a folder; name the configuration file in it "
                          "(gwlint.yaml)")
    if not path.is_file():
        other = special_file(path)
        raise ConfigError(str(path), None, f"cannot read configuration: not a regular file "
                          f"({other})" if other else "configuration file not found")
    if path.name.startswith(".textlintrc"):
        from .textlintrc import load_textlintrc

        return load_textlintrc(path)
    config = Config(path=path.resolve(), root=path.resolve().parent)
    data = _read_gwlint(path)
    _apply(config, data, path.resolve())
    return config


def _read_gwlint(path: Path):
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(name, 1, f"cannot read configuration: {exc.strerror or exc}") from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # as for rule packs (lint.rulepack)
        raise ConfigError(name, *not_utf8(data, exc, "configuration files")) from None
    if path.name == "pyproject.toml":
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
            import tomli as tomllib

        try:
            data = tomllib.loads(raw).get("tool", {}).get("gwlint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(name, 1, f"TOML syntax error: {exc}") from None
        lines = raw.splitlines()
        header = next((i for i, ln in enumerate(lines, 1) if "[tool.gwlint" in ln), 1)
        return _with_lines(data, header, _toml_key_lines(lines, header))
    try:
        data = load_yaml(raw, name)
    except YamlError as exc:
        raise ConfigError(exc.path, exc.line, exc.message) from None
    if data is None:  # empty, or only comments: the default preset
        return _with_lines({}, 1)
    if not isinstance(data, dict):
        raise ConfigError(name, 1, "a gwlint configuration must be a mapping")
    return data


def _with_lines(data, line: int, key_lines: dict[str, int] | None = None):
    """Parsed TOML (or nothing) as LineDicts: each key at ``key_lines[key]`` where known,
    else at ``line``."""
    key_lines = key_lines or {}
    if isinstance(data, dict):
        out = LineDict()
        for k, v in data.items():
            out[k] = _with_lines(v, key_lines.get(k, line), key_lines)
        out.line, out.key_lines = line, {k: key_lines.get(k, line) for k in data}
        return out
    if isinstance(data, list):
        return [_with_lines(v, line, key_lines) for v in data]
    return data


def _toml_key_lines(lines: list[str], header: int) -> dict[str, int]:
    """The line of each key's first ``key =`` (or ``[tool.gwlint.key]``) from the
    ``[tool.gwlint`` tables on: tomllib keeps no positions, and every mistake was line 1.
    A key name used twice (``level`` in two rules) gets its first line."""
    import re  # only for a pyproject.toml; no `regex` pattern to compile in every run

    key = re.compile(r'^\s*"?([^\s="\.]+)"?\s*=|^\s*\[tool\.gwlint\.([^\]\s]+)\]')
    found: dict[str, int] = {}
    for number in range(header, len(lines) + 1):
        text = lines[number - 1]
        if text.lstrip().startswith("[") and "tool.gwlint" not in text:
            break  # another tool's table
        for part in text.split("{"):  # inline tables: placeholder = { level = "off" }
            m = key.match(part if part is text else " " + part)
            if m:
                found.setdefault(m.group(1) or m.group(2), number)
    return found


def _apply(config: Config, data: dict, path: Path, chain: tuple[Path, ...] = ()) -> None:
    """Add the configuration ``data`` read from ``path`` (resolved), which the files of
    ``chain`` extend, each the next."""
    name = str(path)
    chain = (*chain, path)
    unknown = set(data) - CONFIG_KEYS
    if unknown:
        bad = sorted(unknown)[0]
        raise ConfigError(name, _line(data, bad),
                          f"unknown key {bad!r} (known: {', '.join(sorted(CONFIG_KEYS))})")
    extends = data.get("extends", "gongwen" if "extends" not in data else None)
    for item in _as_list(extends):
        _extend(config, str(item), name, _line(data, "extends"), base=path.parent, chain=chain)
    for item in _as_list(data.get("packs")):
        source, trusted = pack_path(str(item), path.parent)
        for pack in packs_in(source):  # a folder: its packs, as with --rules DIR
            config.packs.append((pack, trusted, name, _line(data, "packs")))
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        hint = ("; a full-width colon '：' there is no YAML colon"
                if isinstance(rules, str) and "：" in rules else "")
        raise ConfigError(name, _line(data, "rules"),
                          f"'rules' must map rule ids to a level or options{hint}")
    config.settings.update(parse_settings(rules, name))
    for key in ("allow", "ignore"):
        values = _as_list(data.get(key))
        if not all(isinstance(v, str) for v in values):
            raise ConfigError(name, _line(data, key), f"'{key}' must be a list of strings")
        if key == "allow":
            config.allow.extend(values)
        elif values:
            _check_globs(data[key], "ignore", name, _line(data, key))
            config.ignore_groups.append((path.parent, values))
    for item in config.allow:
        compile_allow(item, name, _line(data, "allow"))
    if "extensions" in data:
        exts = _as_list(data["extensions"])
        if not exts or not all(isinstance(e, str) and regex.fullmatch(r"\.?[\w.+-]+", e)
                               for e in exts):
            raise ConfigError(name, _line(data, "extensions"),
                              "'extensions' must be a list of file extensions, such as "
                              "[.txt, .md]")
        config.extensions = [e if e.startswith(".") else f".{e}" for e in exts]
    for item in _as_list(data.get("overrides")):
        config.overrides.append(_override(item, name, _line(data, "overrides"), path.parent))


def _override(item, name: str, line: int, base: Path | None = None) -> Override:
    """An ``overrides:`` entry: levels for the files of some globs. Options are not taken
    there (a rule is compiled once for all files), and were dropped without a word."""
    line = getattr(item, "line", line)
    if not isinstance(item, dict) or "files" not in item:
        raise ConfigError(name, line, "each override needs 'files' (globs) and 'rules'")
    unknown = sorted(set(item) - {"files", "rules"})
    if unknown:
        raise ConfigError(name, _line(item, unknown[0]),
                          f"unknown key {unknown[0]!r} in an override (known: files, rules)")
    rules = item.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(name, _line(item, "rules"), "'rules' must map rule ids to a level")
    settings = parse_settings(rules, name)
    for rule_id, setting in settings.items():
        if setting.options:
            option = sorted(setting.options)[0]
            raise ConfigError(name, setting.option_lines.get(option, setting.line),
                              f"rule {rule_id!r}: an override sets levels only; options such "
                              f"as {option!r} go under the top-level 'rules:'")
    files = _as_list(item["files"])
    if not files or not all(isinstance(f, str) and f for f in files):
        raise ConfigError(name, _line(item, "files"),
                          "an override's 'files' must be a glob or a list of globs, such as "
                          "['drafts/**']")
    _check_globs(item["files"], "an override's files", name, _line(item, "files"))
    return Override(files=files, settings=settings, source=name, line=line, base=base)


def _check_globs(globs, what: str, name: str, line: int) -> None:
    """ConfigError for the first of ``globs`` (a glob or a list of them) that cannot be used
    (lint.walk.pattern_error), at its line: in gwlint's own configuration it is a mistake,
    not git's line to pass over."""
    from .walk import pattern_error

    lines = lines_of(globs) if isinstance(globs, list) else [None]
    for glob, at in zip(_as_list(globs), lines, strict=True):
        why = pattern_error(glob)
        if why is not None:
            raise ConfigError(name, at or line, f"{what}: bad glob '{glob}': {why}")


def _extend(config: Config, item: str, declared_in: str, line: int, base: Path | None = None,
            chain: tuple[Path, ...] = ()):
    from . import plugins

    if item in plugins.rule_packs():
        source, trusted = pack_path(item)
        config.packs.append((source, trusted, declared_in, line))
        return
    path = Path(item).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    if not path.is_file():
        known = ", ".join(sorted(plugins.rule_packs()))
        raise ConfigError(declared_in, line,
                          f"extends: {item!r} is neither a preset ({known}) nor a file")
    resolved = path.resolve()
    if resolved in chain:
        loop = " -> ".join(str(p) for p in (*chain[chain.index(resolved):], resolved))
        raise ConfigError(declared_in, line, f"extends: {item!r} extends itself: {loop}")
    data = _read_gwlint(path)
    if "rules" in data and isinstance(data["rules"], list):  # a rule pack, not a config
        config.packs.append((path, False, declared_in, line))
    else:
        _apply(config, data, resolved, chain)


def parse_settings(rules: dict, name: str) -> dict[str, RuleSetting]:
    settings = {}
    for rule_id, value in rules.items():
        line = _line(rules, rule_id)
        setting = RuleSetting(source=name, line=line)
        try:
            if isinstance(value, dict):
                options = dict(value)
                if "level" in options:
                    setting.level = Level.parse(options.pop("level"))
                elif "severity" in options:
                    setting.level = Level.parse(options.pop("severity"))
                setting.options = options
                lines = getattr(value, "key_lines", {})
                setting.option_lines = {k: lines.get(k, line) for k in options}
                # (fixable: false turns a rule's fixes off, here as in a pack)
                fixed = sorted(set(options) & (COMMON_KEYS - {"fixable"}), key=str)
                if fixed:  # it was "unknown option 'message' (did you mean 'message'?)"
                    raise ConfigError(name, setting.option_lines[fixed[0]],
                                      f"rule {rule_id!r}: its {fixed[0]!r} cannot be set in "
                                      "a configuration, only its level and options; to change "
                                      "it, turn the rule off and write one of your own in a "
                                      "pack (packs:)")
            else:
                setting.level = Level.parse(value)
        except ValueError as exc:
            raise ConfigError(name, line, f"rule {rule_id!r}: {exc}") from None
        settings[str(rule_id)] = setting
    return settings


def compile_allow(item: str, source: str = "<config>", line: int = 1):
    """An allow entry: a literal string, or ``/regex/flags``."""
    from .kinds import split_slashes

    if len(item) > 2 and item.startswith("/") and item.rfind("/") > 0:
        body, flags = split_slashes(item)
        if body != item:
            try:
                return regexcache.compile(body, flags | regex.MULTILINE)
            except regex.error as exc:
                raise ConfigError(source, line,
                                  f"allow: bad regular expression {item!r}: {exc}") from None
    return regexcache.compile(regex.escape(item))


def _line(data, key) -> int:
    return data.line_of(key) if isinstance(data, LineDict) else getattr(data, "line", 1)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def parse_json5ish(text: str):
    """JSON with ``//`` and ``/* */`` comments and trailing commas (textlint reads JSON5)."""
    return json.loads(strip_json5(text))


def strip_json5(text: str) -> str:
    """``text`` without its ``//`` and ``/* */`` comments and trailing commas: JSON, whose
    lines are those of ``text`` (a comment's line breaks are kept), so that a JSON error's
    line is the line in the file."""
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        ch = text[i]
        if in_str:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            out.append(ch)
        elif (after := _past_comment(text, i)) is not None:
            out.append("\n" * text.count("\n", i, after))
            i = after
            continue
        elif ch == "," and _closes_next(text, i + 1):
            pass  # a trailing comma; inside a string ("/[，,]/") a comma is kept (above)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _past_comment(text: str, i: int) -> int | None:
    """Where the ``//`` or ``/* */`` comment starting at ``i`` ends; None for no comment."""
    if text.startswith("//", i):
        j = text.find("\n", i)
        return len(text) if j < 0 else j
    if text.startswith("/*", i):
        j = text.find("*/", i + 2)
        return len(text) if j < 0 else j + 2
    return None


def _closes_next(text: str, i: int) -> bool:
    """Whether the next thing after ``i``, past blanks and comments, closes an object or
    array (so a comma before it is a trailing one)."""
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif (after := _past_comment(text, i)) is not None:
            i = after
        else:
            return text[i] in "}]"
    return False
