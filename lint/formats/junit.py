"""JUnit XML, in the shape textlint (after ESLint) writes it: one testsuite per file, one
testcase per finding (a file without findings is one passing testcase)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from . import SEVERITY_NAME, messages, printable


def format(results, options):  # noqa: A001
    yield '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
    for r in results:
        msgs = messages(r)
        name = quoteattr(printable(r.path))
        out = [f'<testsuite package="org.eslint" time="0" tests="{len(msgs) or 1}" '
               f'errors="{len(msgs)}" name={name}>']
        if not msgs:
            out.append(f'<testcase time="0" name={name} />')
        for m in msgs:
            kind = SEVERITY_NAME[m["severity"]].capitalize()
            body = f"line {m['line']}, col {m['column']}, {kind} - {m['message']} ({m['ruleId']})"
            out.append(
                f'<testcase time="0" name={quoteattr("org.eslint." + m["ruleId"])}>'
                f'<failure message={quoteattr(m["message"])}><![CDATA[{escape(body)}]]></failure>'
                "</testcase>"
            )
        out.append("</testsuite>")
        yield "\n".join(out) + "\n"
    yield "</testsuites>\n"


format.streams = True  # type: ignore[attr-defined]
