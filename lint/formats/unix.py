"""textlint's unix format: ``path:line:col: message [Error/rule]``."""

from __future__ import annotations

from . import line_per_message, visible


def format(results, options):  # noqa: A001
    return line_per_message(results, lambda path, m, kind: (
        f"{path}:{m['line']}:{m['column']}: {visible(m['message'])} [{kind}/{m['ruleId']}]"))


format.streams = True  # type: ignore[attr-defined]
#: plain lines for people: ``--fix --dry-run`` diffs may come before them on standard output
format.plain = True  # type: ignore[attr-defined]
