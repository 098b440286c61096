"""Describing rules and configuration to people: --list-rules, --explain, --print-config."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .finding import Level


def _run(linter, rid: str, text: str):
    """(findings, failures) of rule ``rid`` on an example text."""
    from .document import Document
    from .readers.text import mask_directives

    prose, masked = mask_directives(text)
    result = linter.lint_document(Document(text=text, prose=prose, masked=masked), only={rid})
    return result.findings, result.failures


@dataclass
class Verdict:
    """What a rule's examples say of it: how many disagree with it (a bad one not
    reported, a good one reported), and the rule's failure on each example it broke on (a
    kind that raised: the rule's bug, not its examples')."""

    disagree: int = 0
    failures: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.disagree or self.failures)

    def add(self, key: str, findings, failures) -> None:
        """Count an example of kind ``key`` ("bad" or "good") by what the rule gave."""
        if failures:
            self.failures.append(failures[0])
        elif not findings if key == "bad" else bool(findings):
            self.disagree += 1


def checked(linter, rid: str) -> Verdict:
    """Rule ``rid``'s examples run through it; nothing for a rule that is off."""
    verdict = Verdict()
    if linter.compiled.get(rid) is None or linter.levels[rid] is Level.OFF:
        return verdict
    rule = linter.rules[rid]
    for key in ("bad", "good"):
        for example in rule.examples.get(key) or []:
            verdict.add(key, *_run(linter, rid, example))
    return verdict


def list_rules(linter, out) -> dict[str, Verdict]:
    """The rules in force, a line each; returns the user's own rules (all but gwlint's
    own: a plugin's are its author's) whose examples disagree with them or that fail on
    one, so that a pack's author sees them all in one run (gwlint's own are checked by its
    tests)."""
    rows = []
    for rid, rule in linter.rules.items():
        level = linter.levels[rid]
        compiled = linter.compiled.get(rid)
        fixable = "fix" if compiled is not None and _fixes(compiled) else ""
        rows.append((rid, level.value, rule.kind, fixable, _summary(rule.why)))
    width = max((len(r[0]) for r in rows), default=10)
    kinds = max((len(r[2]) for r in rows), default=10)
    for rid, level, kind, fixable, why in rows:
        out.write(f"{rid:<{width}}  {level:<7}  {kind:<{kinds}}  {fixable:<3}  {why}\n")
    wrong = {rid: checked(linter, rid) for rid, rule in linter.rules.items()
             if not _gwlints_own(rule) and rule.examples}
    return {rid: verdict for rid, verdict in wrong.items() if verdict}


def _gwlints_own(rule) -> bool:
    """Whether ``rule`` is one of gwlint's own, from its rules folder. A plugin's packs are
    trusted as well (lint.rulepack.Rule.trusted: their patterns may use ``engine: re``),
    but their examples are for --list-rules to check."""
    import os

    from .builtin import rules_folder

    return rule.trusted and str(rule.source).startswith(os.path.join(str(rules_folder()), ""))


def _summary(why: str, limit: int = 48) -> str:
    """The first sentence of a rule's rationale, shortened for a one-line listing. Its
    lines are joined without a space between Chinese characters (a wrapped YAML block) and
    with one elsewhere ('Lines must be short' lost its spaces)."""
    first = _first_sentence(_joined(why))
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _first_sentence(text: str) -> str:
    """``text`` up to its first 。 outside quotation marks (“如‘……’。”说 is one sentence)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“‘「『":
            depth += 1
        elif ch in "”’」』":
            depth = max(0, depth - 1)
        elif ch == "。" and not depth:
            return text[:i]
    return text


def _joined(text: str) -> str:
    import re

    def space(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if _wide(before) or _wide(after) else " "

    return re.sub(r"\s+", space, text.strip())


def _wide(ch: str) -> bool:
    """A Chinese character or full-width mark, beside which a line break is no space."""
    return bool(ch) and ch >= "\u2e80"


def explain(linter, rid: str, out) -> Verdict:
    """Print a rule's rationale and examples, each checked against the rule: what they
    say of it."""
    rule = linter.rules[rid]
    level = linter.levels[rid]
    compiled = linter.compiled.get(rid)
    fixable = compiled is not None and _fixes(compiled)
    out.write(f"{rid}  ({rule.kind}, {level.value}{', fixable' if fixable else ''})\n")
    out.write(f"defined in {rule.source}:{rule.line}\n\n")
    if rule.description:
        out.write(rule.description + "\n\n")
    out.write("为什么 (why):\n")
    out.write(_indent(rule.why or "(no rationale given)") + "\n")
    verdict = Verdict()
    run = compiled is not None and level is not Level.OFF
    for key, title in (("bad", "不规范 (reported)"), ("good", "规范 (not reported)")):
        if rule.examples.get(key):
            out.write(f"\n{title}:\n")
            for example in rule.examples[key]:
                out.write(_indent(example) + "\n")
                if not run:
                    continue
                findings, failures = _run(linter, rid, example)
                verdict.add(key, findings, failures)
                if failures:  # a kind that raised: say so, not "not reported"
                    out.write(_arrow(f"({failures[0]})"))
                    continue
                if key == "bad":
                    for f in findings:
                        fix = f" → {f.fix.text!r}" if f.fix else ""
                        out.write(_arrow(f"{f.message}{fix}"))
                    if not findings:
                        out.write(_arrow("(not reported: this example does not show the rule)"))
                elif findings:
                    out.write(_arrow(f"(reported: {findings[0].message}; this example is not "
                                     "clean)"))
    if level is Level.OFF:
        out.write("\n(this rule is off in the current configuration; its examples are not "
                  "checked)\n")
    return verdict


def print_config(linter, out, path: str | None = None) -> None:
    """The configuration as resolved, in YAML for reading; with ``path``, the rules' levels
    as they apply to that file (its overrides applied). Globs are listed under the folder
    they are relative to: a shared configuration's ``old/**`` is not the repository's."""
    config = linter.config
    ignore: dict[str, list] = {}
    for folder, globs in config.ignore_by_folder():
        ignore.setdefault(str(folder), []).extend(globs)
    data = {
        "config": config.display,
        **({"file": path} if path else {}),
        "packs": list(dict.fromkeys(str(p[0]) for p in config.packs)),
        "rules": {},
        "allow": config.allow,
        "ignore": ignore,
        "extensions": config.extensions,
    }
    if config.overrides:
        data["overrides"] = [{"folder": str(o.base or config.root), "files": o.files,
                              "rules": {k: (s.level.value if s.level else None)
                                        for k, s in o.settings.items()}}
                             for o in config.overrides]
    levels = linter.levels_for(path) if path else linter.levels
    for rid, rule in linter.rules.items():
        entry = {"level": levels[rid].value, "kind": rule.kind}
        setting = config.settings.get(rid)
        if setting and setting.options:
            entry["options"] = dict(setting.options)
        data["rules"][rid] = entry
    yaml.safe_dump(_plain(data), out, allow_unicode=True, sort_keys=False)


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _arrow(text: str) -> str:
    """What an example gives, under it; a message of several lines (a terms rule's note)
    keeps its lines under the arrow."""
    return "      ↳ " + text.replace("\n", "\n        ") + "\n"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _fixes(compiled) -> bool:
    """Whether a rule's findings may carry fixes: its kind makes them and the rule does
    not say ``fixable: false``."""
    return bool(getattr(compiled.kind, "fixable", False)) and compiled.rule.fixable
