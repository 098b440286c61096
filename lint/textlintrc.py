"""Reading a ``.textlintrc`` when a project has no gwlint configuration.

What maps: ``prh`` (``rulePaths``: prh dictionaries, reported as rule ``prh``),
``@textlint-rule/pattern`` (its ``patterns``: message, pattern, replace, allows), and
``@textlint-rule/no-unmatched-pair`` (reported under that id: gwlint's ``pairs`` kind with
the pairs of gongwen's ``unmatched-pair`` and those textlint's rule knows, [] () {} 『』 ［］
｛｝ 〚〛 «» ‹›; its symmetric ``"`` is not checked), each with its ``severity``; the
``allowlist`` filter's ``allow``; the ``comments`` filter (gwlint always honours
``textlint-disable`` comments). Anything else is JavaScript that gwlint cannot run: it gets
one "not supported" notice each, never a silent skip; so does an option of those rules that
gwlint cannot follow, or that the rule does not have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .config import Config, ConfigError, compile_allow, strip_json5
from .finding import Level
from .rulepack import Rule
from .yamlload import LineDict, YamlError, load_yaml

PRH_NAMES = {"prh", "textlint-rule-prh"}
PATTERN_NAMES = {"@textlint-rule/pattern", "@textlint-rule/textlint-rule-pattern", "pattern",
                 "textlint-rule-pattern"}
PAIR_NAMES = {"@textlint-rule/no-unmatched-pair", "@textlint-rule/textlint-rule-no-unmatched-pair",
              "no-unmatched-pair", "textlint-rule-no-unmatched-pair"}
PAIR_ID = "@textlint-rule/no-unmatched-pair"
#: gongwen's unmatched-pair pairs (which textlint's rule lacks), then those textlint's has
PAIRS = {
    "“”": "双引号", "‘’": "单引号", "《》": "书名号", "〈〉": "单书名号", "（）": "括号",
    "【】": "方头括号", "〔〕": "六角括号", "「」": "直角引号",
    "()": "半角括号", "[]": "方括号", "{}": "花括号", "『』": "双直角引号", "［］": "全角方括号",
    "｛｝": "全角花括号", "〚〛": "白方括号", "«»": "双尖引号", "‹›": "单尖引号",
}
BUILTIN_PLUGINS = {"@textlint/markdown", "@textlint/textlint-plugin-markdown", "markdown",
                   "@textlint/text", "@textlint/textlint-plugin-text", "text"}


#: @textlint/regexp-string-matcher's test for a RegExp-like string: ``/source/flags``
_REGEXP_LIKE = re.compile(r"^/(.+)/([guimysd]*)$", re.S)


def regexp_like(value):
    """textlint-rule-pattern's ``pattern`` (and ``allows``) as a gwlint pattern: a
    ``/source/flags`` string is a regular expression, any other string is matched literally
    (@textlint/regexp-string-matcher escapes it: ``"等等."`` does not match ``等等，``, and
    ``"***"`` is three stars, not a bad regular expression). Anything else is left for the
    pattern rule to refuse at its line."""
    if not isinstance(value, str) or _REGEXP_LIKE.match(value):
        return value
    return re.escape(value)


def js_replacement(replace, pattern) -> str:
    """textlint-rule-pattern's ``replace`` as a gwlint fix template: ``$1``..``$9`` (one
    digit: ``$12`` is group 1 then 2) are the groups, and everything else is literal as
    written, backslashes and a ``$N`` naming a group the pattern does not have included
    (JavaScript keeps those as they are; gwlint's own templates would refuse them)."""
    if not isinstance(replace, str):
        return replace  # the pattern rule says what is wrong with it
    groups = _groups(pattern)
    out = []
    for i, piece in enumerate(re.split(r"\$([1-9])", replace)):
        if i % 2:
            out.append(f"\\g<{piece}>" if int(piece) <= groups else "\\044" + piece)
        else:  # literal: a backslash and a dollar sign as themselves
            out.append(piece.replace("\\", "\\\\").replace("$", "\\044"))
    return "".join(out)


def _groups(pattern) -> int:
    """How many groups ``pattern`` (a gwlint pattern string) has; 0 for one that does not
    compile (the pattern rule reports that)."""
    import regex

    from .kinds import split_slashes

    source, flags = split_slashes(pattern)
    try:
        return regex.compile(source, flags | regex.VERSION0).groups
    except regex.error:
        return 0


def _read(path: Path) -> dict:
    name = str(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(name, 1, "textlint configuration file must be encoded in UTF-8") from None
    except OSError as exc:
        raise ConfigError(name, 1, f"cannot read: {exc}") from None
    if not raw.strip():
        return {}
    invalid = None  # the syntax error of a .textlintrc written in JSON
    if path.suffix != ".yml" and path.suffix != ".yaml":
        text = strip_json5(raw)
        try:
            data = json.loads(text)
        except ValueError as exc:
            line = getattr(exc, "lineno", 1)
            reason = getattr(exc, "msg", str(exc))
            invalid = ConfigError(name, line, f"invalid JSON in {path.name}: {reason}")
            if path.suffix == ".json":
                raise invalid from None
            if text.lstrip().startswith("{"):
                raw = text  # YAML's flow style may still read it, without JSON's comments
            else:
                invalid = None  # YAML's block style: YAML's errors say what is wrong
        else:
            if not isinstance(data, dict):
                raise ConfigError(name, 1, "a .textlintrc must be a mapping with 'rules'")
            return _with_lines(text, data, name)
    try:
        data = load_yaml(raw, name)
    except YamlError as exc:
        raise invalid or ConfigError(exc.path, exc.line, exc.message) from None
    if not isinstance(data, dict):
        raise ConfigError(name, 1, "a .textlintrc must be a mapping with 'rules'")
    return data


def _with_lines(text: str, data: dict, name: str) -> dict:
    """The JSON ``data`` parsed from ``text``, as the YAML loader reads the same text: the
    same values, with the line of each key, so that a mistake in a JSON .textlintrc is
    reported at its line. JSON is YAML's flow style; where the two readings differ (a
    duplicate key, which JSON lets the last one win), ``data`` as it is."""
    try:
        located = load_yaml(text, name, cache=False)
    except YamlError:
        return data
    return located if located == data else data


def _at(data, key: str | None = None) -> int:
    """The line of ``key`` in ``data`` (or of ``data`` itself), where the reader knew it;
    else 1."""
    if key is not None and isinstance(data, LineDict):
        return data.line_of(key)
    return getattr(data, "line", 0) or 1


def _mapping(value, where: str, line: int, what: str) -> dict:
    """``value`` when it is a mapping ({} for none); else a ConfigError at ``line``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(where, line, f"{what} must be a mapping, not {_kind(value)}")
    return value


def _list(value, where: str, line: int, what: str, example: str) -> list:
    """``value`` when it is a list ([] for none); else a ConfigError at ``line``."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(where, line, f"{what} must be a list, such as {example}, "
                                       f"not {_kind(value)}")
    return value


def _kind(value) -> str:
    for kind, said in ((bool, "true or false"), ((int, float), "a number"), (str, "text"),
                       (list, "a list")):
        if isinstance(value, kind):
            return said
    return type(value).__name__


def _options(options, name: str, where: str, line: int) -> dict:
    """A rule's options: ``true`` (textlint's way to turn a rule on) is its defaults."""
    if options is True:
        return {}
    return _mapping(options, where, line, f"{name}: its options")


def _level(options, name: str, where: str) -> Level:
    if isinstance(options, dict) and "severity" in options:
        if options["severity"] == "none":  # textlint's key table has none: 0, the rule off
            return Level.OFF
        try:
            return Level.parse(options["severity"])
        except ValueError as exc:
            raise ConfigError(where, _at(options, "severity"), f"{name}: {exc}") from None
    return Level.ERROR


#: the options of textlint-rule-prh and textlint-rule-pattern (with each of its patterns'),
#: and textlint's own ``severity``: another is a notice, not a silent skip (a typo)
PRH_OPTIONS = ("severity", "rulePaths", "ruleContents", "checkLink", "checkBlockQuote",
               "checkEmphasis", "checkHeader", "checkParagraph", "checkImage",
               "checkCodeComment", "debug")
PATTERN_OPTIONS = ("severity", "patterns")
PATTERN_KEYS = ("message", "pattern", "replace", "allows", "allowNodeTypes", "forceCode")


def _unknown_options(options: dict, known: tuple, name: str, where: str, notices: list[str],
                     said: set) -> None:
    """A notice for each option of ``options`` that textlint's rule ``name`` does not have
    (``replce``), once per rule and option; textlint passes over them too."""
    import difflib

    for key in options:
        if key not in known and _first(said, name, key):
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            notices.append(f"{where}:{_at(options, key)}: {name}: unknown option {key!r}{hint};"
                           " it was skipped")


def _first(said: set, name: str, option) -> bool:
    """Whether rule ``name``'s ``option`` gets its notice now: once per rule and option."""
    if (name, option) in said:
        return False
    said.add((name, option))
    return True


#: textlint-rule-prh's options that leave Markdown parts alone, with its defaults, and the
#: gwlint ``skip_in`` part each one names (emphasis as textlint's plain CommonMark has it)
_PRH_CHECKS = (("checkLink", False, "link"), ("checkBlockQuote", False, "blockquote"),
               ("checkEmphasis", False, "commonmark-emphasis"),
               ("checkHeader", True, "heading"))


def _prh_skip_in(options: dict, where: str, notices: list[str]) -> list[str]:
    """The Markdown parts textlint-rule-prh would not check, from its ``check…`` options
    (a link's text, quotes and ``*emphasis*`` by default), for the terms kind's
    ``skip_in``; a notice for those gwlint cannot follow."""
    skip_in = [part for key, default, part in _PRH_CHECKS if not options.get(key, default)]
    if options.get("checkImage"):
        notices.append(f"{where}:{_at(options, 'checkImage')}: prh 'checkImage' is not "
                       "supported: gwlint does not read an image's alt text")
    if options.get("checkParagraph", True) is False:
        notices.append(f"{where}:{_at(options, 'checkParagraph')}: prh 'checkParagraph: "
                       "false' is not supported; paragraphs are checked")
    if options.get("checkCodeComment"):
        notices.append(f"{where}:{_at(options, 'checkCodeComment')}: prh 'checkCodeComment' "
                       "is not supported: gwlint does not read code")
    if options.get("ruleContents"):
        notices.append(f"{where}:{_at(options, 'ruleContents')}: prh 'ruleContents' is not "
                       "supported; name the dictionaries in 'rulePaths'")
    return skip_in


def _pattern_notices(pattern: dict, name: str, where: str, notices: list[str],
                     said: set) -> None:
    """A notice for what a textlint-rule-pattern pattern asks that gwlint cannot follow,
    once per rule: its matches are reported in every part of a document, never in code."""
    types = pattern.get("allowNodeTypes")
    if types and _first(said, name, "allowNodeTypes"):
        shown = ", ".join(map(str, types)) if isinstance(types, list) else str(types)
        notices.append(f"{where}:{_at(pattern, 'allowNodeTypes')}: {name} 'allowNodeTypes' "
                       f"is not supported: matches in {shown} are reported too")
    if pattern.get("forceCode") and _first(said, name, "forceCode"):
        notices.append(f"{where}:{_at(pattern, 'forceCode')}: {name} 'forceCode' is not "
                       "supported: gwlint does not read code")


def load_textlintrc(path: Path) -> Config:
    path = path.resolve()
    where = str(path)
    data = _read(path)
    config = Config(path=path, root=path.parent, only=set())
    said: set = set()  # (rule, option) given a notice
    rules = _mapping(data.get("rules"), where, _at(data, "rules"), "'rules'")
    for name, options in rules.items():
        if options is False:
            continue
        if name in PRH_NAMES:
            options = _options(options, name, where, _at(rules, name))
            _unknown_options(options, PRH_OPTIONS, name, where, config.notices, said)
            paths = options.get("rulePaths")
            if not paths:
                raise ConfigError(where, _at(rules, name), "prh: 'rulePaths' is required")
            if isinstance(paths, str):  # one dictionary
                paths = [paths]
            if not (isinstance(paths, list) and all(isinstance(p, str) for p in paths)):
                raise ConfigError(where, _at(options, "rulePaths"),
                                  "prh: 'rulePaths' must be a list of paths to prh "
                                  'dictionaries, such as ["prh.yml"]')
            dictionaries = [str(Path(p).expanduser() if p.startswith("~") else path.parent / p)
                            for p in paths]
            config.extra_rules.append(Rule(
                id="prh", kind="terms", level=_level(options, name, where),
                message="{actual} => {expected}{suffix}", why="textlint-rule-prh dictionary",
                examples={"bad": [], "good": []},
                options={"dictionary": dictionaries,
                         "skip_in": _prh_skip_in(options, where, config.notices)},
                source=where, line=_at(rules, name), base=path.parent,
                option_lines={"dictionary": _at(options, "rulePaths")},
            ))
            config.only.add("prh")
        elif name in PATTERN_NAMES:
            options = _options(options, name, where, _at(rules, name))
            _unknown_options(options, PATTERN_OPTIONS, name, where, config.notices, said)
            patterns = []
            for p in _list(options.get("patterns"), where, _at(options, "patterns"),
                           f"{name}: 'patterns'", '[{"message": …, "pattern": …}]'):
                if not isinstance(p, dict) or "pattern" not in p or "message" not in p:
                    raise ConfigError(where, _at(p),
                                      f"{name}: each pattern needs 'message' and 'pattern'")
                _unknown_options(p, PATTERN_KEYS, name, where, config.notices, said)
                _pattern_notices(p, name, where, config.notices, said)
                pattern = regexp_like(p["pattern"])
                entry = LineDict(pattern=pattern, message=str(p["message"])
                                 .replace("{", "{{").replace("}", "}}"))
                # its mistakes are at their lines (the regex at its pattern:, …)
                entry.line = _at(p)
                entry.literal_message = True  # textlint prints it as written, a \1 too
                entry.key_lines = {"pattern": _at(p, "pattern"), "message": _at(p, "message"),
                                   "fix": _at(p, "replace"), "allows": _at(p, "allows")}
                if p.get("replace"):  # "" is no fix in textlint-rule-pattern either
                    entry["fix"] = js_replacement(p["replace"], pattern)
                allows = _list(p.get("allows"), where, _at(p, "allows"),
                               f"{name}: 'allows'", '["/regex/", "text"]')
                if allows:
                    entry["allows"] = [regexp_like(a) for a in allows]
                patterns.append(entry)
            if not patterns:
                raise ConfigError(where, _at(rules, name),
                                  f"{name}: You should set patterns at least one (it needs "
                                  'options: {"patterns": [{"message": …, "pattern": …}]})')
            config.extra_rules.append(Rule(
                id="@textlint-rule/pattern", kind="pattern", level=_level(options, name, where),
                message=None, why="textlint-rule-pattern patterns from .textlintrc",
                examples={"bad": [], "good": []}, options={"patterns": patterns},
                source=where, line=_at(rules, name), base=path.parent,
                option_lines={"patterns": _at(options, "patterns")},
            ))
            config.only.add("@textlint-rule/pattern")
        elif name in PAIR_NAMES:
            config.extra_rules.append(Rule(
                id=PAIR_ID, kind="pairs", level=_level(options, name, where),
                message="{side}{name}{mark}没有配对",
                why="textlint-rule-no-unmatched-pair: paired marks left open in a paragraph",
                examples={"bad": [], "good": []},
                options={"pairs": PAIRS, "report": "unmatched",
                         "unless": ["(?<=[A-Za-z])’(?=[A-Za-z])"]},
                source=where, line=_at(rules, name), base=path.parent,
            ))
            config.only.add(PAIR_ID)
        else:
            config.notices.append(
                f"{where}: textlint rule {name!r} is not supported by gwlint "
                "(it is JavaScript); it was skipped"
            )
    filters = _mapping(data.get("filters"), where, _at(data, "filters"), "'filters'")
    for name, options in filters.items():
        short = name.replace("textlint-filter-rule-", "").split("/")[-1]
        if short == "comments" or options is False:
            continue
        if short == "allowlist" and isinstance(options, dict):
            for item in _list(options.get("allow"), where, _at(options, "allow"),
                              "allowlist: 'allow'", '["text", "/regex/"]'):
                compile_allow(str(item), where, _at(options, "allow"))
                config.allow.append(str(item))
            if options.get("allowlistConfigPaths"):
                config.notices.append(f"{where}: allowlist 'allowlistConfigPaths' is not "
                                      "supported; put the entries in 'allow'")
            continue
        config.notices.append(f"{where}: textlint filter {name!r} is not supported by gwlint; "
                              "skipped")
    plugins = data.get("plugins") or {}
    for name in plugins if isinstance(plugins, (list, dict)) else []:
        if name not in BUILTIN_PLUGINS:
            config.notices.append(f"{where}: textlint plugin {name!r} is not supported by "
                                  "gwlint; skipped")
    if not config.only:
        config.notices.append(f"{where}: no rule in this .textlintrc maps to gwlint; "
                              "nothing is checked")
    return config
