"""textlint's unix format: ``path:line:col: message [Error/rule]``."""

from __future__ import annotations

from . import messages


def format(results, options) -> str:  # noqa: A001
    lines, total = [], 0
    for r in results:
        for m in messages(r):
            total += 1
            kind = {2: "Error", 1: "Warning", 3: "Info"}[m["severity"]]
            lines.append(f"{r.path}:{m['line']}:{m['column']}: {m['message']} [{kind}/{m['ruleId']}]")
    if total:
        lines += ["", f"{total} problem{'s' if total != 1 else ''}"]
    return "\n".join(lines) + ("\n" if lines else "")
