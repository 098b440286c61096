"""Checkstyle XML, in the shape textlint (after ESLint) writes it."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from . import SEVERITY_NAME, messages, printable


def format(results, options):  # noqa: A001
    yield '<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">'
    for r in results:
        out = [f"<file name={quoteattr(printable(r.path))}>"]
        for m in messages(r):
            out.append(
                f'<error line="{m["line"]}" column="{m["column"]}" '
                f'severity="{SEVERITY_NAME[m["severity"]]}" '
                f"message={quoteattr(m['message'] + ' (' + m['ruleId'] + ')')} "
                f"source={quoteattr('eslint.rules.' + m['ruleId'])} />"
            )
        out.append("</file>")
        yield "".join(out)
    yield "</checkstyle>\n"


format.streams = True  # type: ignore[attr-defined]
