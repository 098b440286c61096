"""textlint's compact format: ``path: line L, col C, Error - message (rule)``."""

from __future__ import annotations

from . import line_per_message, visible


def format(results, options):  # noqa: A001
    return line_per_message(results, lambda path, m, kind: (
        f"{path}: line {m['line']}, col {m['column']}, {kind} - "
        f"{visible(m['message'])} ({m['ruleId']})"))


format.streams = True  # type: ignore[attr-defined]
#: plain lines for people: ``--fix --dry-run`` diffs may come before them on standard output
format.plain = True  # type: ignore[attr-defined]
