"""textlint's unix format: ``path:line:col: message [Error/rule]``."""

from __future__ import annotations

from . import SEVERITY_NAME, messages, visible


def format(results, options):  # noqa: A001
    total = 0
    for r in results:
        path = visible(r.path, lines=False)
        for m in messages(r):
            total += 1
            kind = SEVERITY_NAME[m["severity"]].capitalize()
            yield (f"{path}:{m['line']}:{m['column']}: {visible(m['message'])} "
                   f"[{kind}/{m['ruleId']}]" + "\n")
    if total:
        yield f"\n{total} problem{'s' if total != 1 else ''}\n"


format.streams = True  # type: ignore[attr-defined]
#: plain lines for people: ``--fix --dry-run`` diffs may come before them on standard output
format.plain = True  # type: ignore[attr-defined]
