"""Checkstyle XML, in the shape textlint (after ESLint) writes it. Every name and message
goes through :func:`lint.formats.printable`, so the report stays well-formed XML whatever a
file name or a matched text holds."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from . import SEVERITY_NAME, messages, printable


def _attr(text: str) -> str:
    """An attribute value: escapes first, then XML's quoting (quotes, ``&<>``, line breaks)."""
    return quoteattr(printable(text))


def format(results, options):  # noqa: A001
    yield '<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">'
    for r in results:
        out = [f"<file name={_attr(r.path)}>"]
        for m in messages(r):
            out.append(
                f'<error line="{m["line"]}" column="{m["column"]}" '
                f'severity="{SEVERITY_NAME[m["severity"]]}" '
                f"message={_attr(m['message'] + ' (' + m['ruleId'] + ')')} "
                f"source={_attr('eslint.rules.' + m['ruleId'])} />"
            )
        out.append("</file>")
        yield "".join(out)
    yield "</checkstyle>\n"


format.streams = True  # type: ignore[attr-defined]
