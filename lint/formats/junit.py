"""JUnit XML, in the shape textlint (after ESLint) writes it: one testsuite per file, one
testcase per finding (a file without findings is one passing testcase). Every name and
message goes through :func:`lint.formats.printable`, so the report stays well-formed XML
whatever a file name or a matched text holds."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from . import SEVERITY_NAME, messages, printable


def _attr(text: str) -> str:
    """An attribute value: escapes first, then XML's quoting (quotes, ``&<>``, line breaks)."""
    return quoteattr(printable(text))


def format(results, options):  # noqa: A001
    yield '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
    for r in results:
        msgs = messages(r)
        name = _attr(r.path)
        out = [f'<testsuite package="org.eslint" time="0" tests="{len(msgs) or 1}" '
               f'errors="{len(msgs)}" name={name}>']
        if not msgs:
            out.append(f'<testcase time="0" name={name} />')
        for m in msgs:
            kind = SEVERITY_NAME[m["severity"]].capitalize()
            body = f"line {m['line']}, col {m['column']}, {kind} - {m['message']} ({m['ruleId']})"
            out.append(
                f'<testcase time="0" name={_attr("org.eslint." + m["ruleId"])}>'
                f'<failure message={_attr(m["message"])}>'
                f"<![CDATA[{escape(printable(body))}]]></failure>"
                "</testcase>"
            )
        out.append("</testsuite>")
        yield "\n".join(out) + "\n"
    yield "</testsuites>\n"


format.streams = True  # type: ignore[attr-defined]
