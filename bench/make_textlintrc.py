#!/usr/bin/env python3
"""Write bench/.textlintrc.json: textlint configured like gwlint's default preset.

    python bench/make_textlintrc.py          # (bench/run.py does this before every run)

- every ``pattern`` rule of the preset -> @textlint-rule/textlint-rule-pattern, its patterns
  translated to JavaScript (``\\p{Han}`` -> ``\\p{Script=Han}``, ``(?P<n>`` -> ``(?<n>``,
  ``\\1`` -> ``$1`` in fixes, flags ``gmu``); ``unless`` has no textlint equivalent and is
  dropped (``allows`` are kept); a pattern node cannot compile is skipped and reported;
- every ``terms`` rule -> textlint-rule-prh with the same prh dictionaries (rulePaths);
- @textlint-rule/textlint-rule-no-unmatched-pair.

Rules of other kinds have no textlint counterpart: gwlint checks more than textlint here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

_PY_TO_JS = [
    (re.compile(r"\\([pP])\{(Han|Hani)\}"), r"\\\1{Script=Han}"),
    (re.compile(r"\(\?P<"), "(?<"),
    (re.compile(r"\(\?P=(\w+)\)"), r"\\k<\1>"),
    (re.compile(r"\\Z"), "$"),
    # JavaScript has no \K: its match starts where the scan does (list-comma's 、)
    (re.compile(r"\\K"), ""),
]


def to_js(source: str) -> tuple[str, str]:
    """A Python ``regex`` pattern -> (JavaScript source, extra flags)."""
    from lint.kinds import split_slashes

    source, pyflags = split_slashes(source)
    flags = ""
    lead = re.match(r"\(\?([aiLmsux]+)\)", source)
    if lead:
        source = source[lead.end() :]
        flags += "".join(ch for ch in lead.group(1) if ch in "is")
    import regex

    if pyflags & regex.IGNORECASE and "i" not in flags:
        flags += "i"
    if pyflags & regex.DOTALL and "s" not in flags:
        flags += "s"
    for rx, repl in _PY_TO_JS:
        source = rx.sub(repl, source)
    return source, flags


def _fix_to_js(fix: str) -> str:
    fix = re.sub(r"\\g<(\d+)>", r"$\1", fix)
    return re.sub(r"\\(\d)", r"$\1", fix)


def _message(text: str) -> str:
    return text.replace("{match}", "…").replace("{0}", "…")


def preset_rules():
    from lint.config import load
    from lint.engine import Linter

    linter = Linter(load(HERE / "gwlint.yaml"))
    return linter


def build() -> tuple[dict, list[str], list[str]]:
    linter = preset_rules()
    patterns, rule_paths, notes, no_peer = [], [], [], []
    for rid, compiled in linter.compiled.items():
        rule = compiled.rule
        opts = compiled.kind.opts
        # (converter-pinyin is a pattern rule whose fix depends on the character: its
        # patterns are exported as they are, the reading test has no peer)
        if rule.kind in ("pattern", "converter-pinyin"):
            raw = opts["patterns"]
            raw = [raw] if isinstance(raw, str) else raw
            for item in raw:
                item = item if isinstance(item, dict) else {"pattern": item}
                src, flags = to_js(item["pattern"])
                if opts.get("ignorecase") and "i" not in flags:
                    flags += "i"
                entry = {
                    "message": f"[{rid}] " + _message(str(item.get("message") or rule.message)),
                    "pattern": f"/{src}/{flags}m",
                }
                fix = item.get("fix", opts.get("fix"))
                if fix is not None:
                    entry["replace"] = _fix_to_js(fix)
                allows = item.get("allows") or []
                if allows:
                    entry["allows"] = ["/{}/{}u".format(*to_js(a)) for a in allows]
                if item.get("unless") or opts.get("unless"):
                    notes.append(f"{rid}: 'unless' dropped for /{src}/")
                patterns.append(entry)
        elif rule.kind == "terms":
            dictionaries = opts.get("dictionary") or []
            if isinstance(dictionaries, str):
                dictionaries = [dictionaries]
            for name in dictionaries:
                path = Path(name) if Path(name).is_absolute() else Path(str(rule.base)) / name
                rule_paths.append(os.path.relpath(path, HERE))
            if opts.get("terms"):
                notes.append(f"{rid}: inline 'terms' not exported")
        else:
            no_peer.append(f"{rid} ({rule.kind})")
    patterns, bad = _validate(patterns)
    notes += bad
    rc = {
        "rules": {
            "prh": {"rulePaths": rule_paths},
            "@textlint-rule/pattern": {"patterns": patterns},
            "@textlint-rule/no-unmatched-pair": True,
        }
    }
    if not rule_paths:
        del rc["rules"]["prh"]
    return rc, notes, no_peer


def _validate(patterns: list[dict]) -> tuple[list[dict], list[str]]:
    """Drop patterns that JavaScript cannot compile (checked with node)."""
    script = (
        "const ps=JSON.parse(require('fs').readFileSync(0,'utf8'));"
        "console.log(JSON.stringify(ps.map(p=>{const m=p.pattern.match(/^\\/(.*)\\/([a-z]*)$/s);"
        "try{new RegExp(m[1],m[2]+'gu');return null}catch(e){return e.message}})))"
    )
    try:
        out = subprocess.run(
            ["node", "-e", script],
            input=json.dumps(patterns),
            text=True,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        return patterns, [f"could not validate patterns with node: {exc}"]
    errors = json.loads(out)
    kept = [p for p, e in zip(patterns, errors, strict=True) if e is None]
    bad = [f"skipped (JS cannot compile): {e}" for e in errors if e is not None]
    return kept, bad


def write(path: Path = HERE / ".textlintrc.json", quiet: bool = False) -> tuple[int, int]:
    rc, notes, no_peer = build()
    text = json.dumps(rc, ensure_ascii=False, indent=2) + "\n"
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    n_patterns = len(rc["rules"]["@textlint-rule/pattern"]["patterns"])
    if not quiet:
        print(f"{path}: {n_patterns} patterns, prh {rc['rules'].get('prh', {}).get('rulePaths')}")
        for note in notes:
            print(f"  note: {note}")
        if no_peer:
            print(f"  gwlint rules with no textlint counterpart: {', '.join(no_peer)}")
    return n_patterns, len(no_peer)


if __name__ == "__main__":
    write()
