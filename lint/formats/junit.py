"""JUnit XML, in the shape textlint (after ESLint) writes it: a testsuite for each file with
findings, one testcase per finding; a file without findings does not appear (a clean run is
an empty ``<testsuites>``). Messages are escaped as textlint's lodash ``escape`` does
(``& < > " '``), in the ``message`` attribute and inside the CDATA alike, so the bytes are
textlint's. Every name and message also goes through :func:`lint.formats.printable`, and a
line break in an attribute is written ``&#10;``, so the report stays well-formed XML and
reads back exactly whatever a file name or a matched text holds."""

from __future__ import annotations

from . import SEVERITY_NAME, messages, printable

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
#: XML normalises these to spaces in an attribute value: written as references they read back
_ATTRIBUTE = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _escape(text: str) -> str:
    """lodash's ``escape``, on printable text."""
    return printable(text).translate(_ESCAPES)


def _attr(text: str) -> str:
    return '"' + _escape(text).translate(_ATTRIBUTE) + '"'


def format(results, options):  # noqa: A001
    yield '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
    for r in results:
        msgs = messages(r)
        if not msgs:
            continue
        out = [f'<testsuite package="org.eslint" time="0" tests="{len(msgs)}" '
               f'errors="{len(msgs)}" name={_attr(r.path)}>']
        for m in msgs:
            kind = SEVERITY_NAME[m["severity"]].capitalize()
            body = (f"line {m['line']}, col {m['column']}, {kind} - {_escape(m['message'])}"
                    f" ({_escape(m['ruleId'])})")
            out.append(
                f'<testcase time="0" name={_attr("org.eslint." + m["ruleId"])}>'
                f'<failure message={_attr(m["message"])}>'
                f"<![CDATA[{body}]]></failure>"
                "</testcase>"
            )
        out.append("</testsuite>")
        yield "\n".join(out) + "\n"
    yield "</testsuites>\n"


format.streams = True  # type: ignore[attr-defined]
