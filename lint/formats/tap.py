"""TAP version 13, in the shape textlint (after ESLint) writes it: the plan (``1..N``, one
test per file), then ``ok N - path`` for a file without findings and ``not ok N - path``
with a YAML block of diagnostics for one with findings: the first finding's ``message``,
``severity`` (``error``, ``warning`` or ``info``, as textlint 15.1 and later write them)
and ``data`` (line, column, ruleId), and the others under ``messages``. The plan needs the
number of files first, so each file's lines are made as it comes and only they are kept
(not its findings): memory grows with the report, not with the documents.

Strings in the YAML are written double-quoted, as JSON writes them (a JSON string is a YAML
scalar too; what YAML cannot carry raw, such as DEL and the C1 controls, as ``\\u``
escapes), so a message that holds ``: `` or ``#`` or a control character reads back as it
was; textlint's js-yaml quotes only where it must. A file name goes through
:func:`lint.formats.printable`, and its line breaks are shown as ``\\x0a`` too, so that
none can end its test line (the rest of the name was a line of its own, which a TAP reader
took for a test line or garbage); its ``#`` is escaped, ``\\#``, so that none starts a
directive."""

from __future__ import annotations

import json
import re

from . import SEVERITY_NAME, _escape_character, messages, printable

#: what JSON leaves raw in a string but YAML does not carry as it is: DEL and the C1
#: controls (not printable in YAML), NEL and the two Unicode separators (line breaks to
#: YAML 1.1, folded in a quoted scalar), surrogates and the noncharacters U+FFFE/U+FFFF
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
#: what printable leaves in a name and a test line cannot hold
_LINE_BREAK = re.compile("[\n\r]")


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes, which YAML shares)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _tap_escaped(name: str) -> str:
    """A test line's description with ``#`` written ``\\#`` (and ``\\`` as ``\\\\``), as
    node-tap and TAP 14 write it: a bare ``# SKIP`` or ``# TODO`` in a file name (``周报 #
    TODO.md``) made TAP readers take the failing file for a skipped or expected one."""
    return name.replace("\\", "\\\\").replace("#", "\\#")


def _diagnostic(m: dict, indent: str) -> list[str]:
    return [
        f"{indent}message: {_quoted(m['message'])}",
        f"{indent}severity: {SEVERITY_NAME.get(m['severity'], 'warning')}",
        f"{indent}data:",
        f"{indent}  line: {m['line']}",
        f"{indent}  column: {m['column']}",
        f"{indent}  ruleId: {_quoted(m['ruleId'])}",
    ]


def format(results, options):  # noqa: A001
    tests = []  # each file's lines, made as it comes (the plan, which counts them, is first)
    for number, r in enumerate(results, 1):
        msgs = messages(r)
        name = _LINE_BREAK.sub(_escape_character, printable(_tap_escaped(r.path)))
        test = f"{'not ok' if msgs else 'ok'} {number} - {name}\n"
        if msgs:
            first, *others = msgs
            block = ["---", *_diagnostic(first, "")]
            if others:
                block.append("messages:")
                for m in others:
                    item = _diagnostic(m, "    ")
                    item[0] = "  - " + item[0].lstrip()
                    block += item
            block.append("...")
            test += "".join(f"  {line}\n" for line in block)
        tests.append(test)
    return f"TAP version 13\n1..{len(tests)}\n" + "".join(tests)


#: it reads the results once, as they come: they need not all be kept
format.streams = True  # type: ignore[attr-defined]
