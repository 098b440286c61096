"""Output formats. Each module has ``format(results, options)`` returning a string or string
chunks (see ``gwlint_formatters`` in lint/hookspecs.py for ``streams``/``needs_documents``);
all of them read findings through :func:`messages`, which produces textlint's message objects
(positions in UTF-16 code units after the BOM, 1-based lines and columns)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from operator import itemgetter

from ..engine import FileResult

SEVERITY_NAME = {1: "warning", 2: "error", 3: "info"}
READ_ERROR_ID = "read-error"


@dataclass
class Options:
    """What every format may use besides the results."""

    color: bool = False
    #: the command used to suggest `--fix` in summaries
    command: str = "gwlint"
    #: the run was ``--fix``: what is still fixable could not be fixed (a file that is
    #: read-only, a Word file, fixes that do not settle; said on standard error)
    fixed: bool = False
    cwd: str = ""
    #: rule id -> Rule, for formats that describe rules (sarif, html)
    rules: dict | None = None
    #: how the run went, for formats that record it (sarif's ``invocations``); None where
    #: there is no run of the command line (the formats called from Python)
    invocation: Invocation | None = None


@dataclass
class Notification:
    """A note gwlint wrote on standard error about a file or the run: ``error`` when
    something was not linted as asked (a rule that broke or hit its time limit, a path that
    is not there), ``warning`` otherwise (an encoding guessed, a file not fixed)."""

    level: str
    text: str
    path: str | None = None
    line: int | None = None


@dataclass
class Invocation:
    """The run's notes on standard error and its exit status, filled in while the results
    are read: complete once the last one has been read (before a streaming format's last
    chunk)."""

    notifications: list[Notification] = field(default_factory=list)
    exit_status: int = 0

    @property
    def successful(self) -> bool:
        """Whether the run linted all it was asked to: status 0 or 1 (findings); 2 is a
        rule that broke or hit its time limit, a path that is not there, a worker that
        died (README's exit statuses)."""
        return self.exit_status in (0, 1)


def messages(result: FileResult) -> list[dict]:
    """textlint's message objects for one file, sorted by line then column."""
    return [textlint_message(*row[:9], row[9:] or None) for row in rows(result)]


#: a row's line and column (lint.formats.rows)
_LINE_COLUMN = itemgetter(5, 6)


def rows(result: FileResult) -> list[tuple]:
    """One file's messages as rows, sorted by line then column: ``(ruleId, message,
    severity, index, end index, line, column, end line, end column)``, and ``(fix start, fix
    end, fix text)`` after them for a fixable one; offsets in UTF-16 code units, as
    :func:`messages`' objects have them. A tuple costs a fraction of textlint's nested
    objects to make, to send from a worker process and to keep (bench/PROFILE.md)."""
    if result.rows is not None:
        return result.rows
    if result.error is not None:
        return [(READ_ERROR_ID, result.error, 2, 0, 0, 1, 1, 1, 1)]
    if not result.findings:
        return []
    doc = result.doc
    position, utf16 = doc.position, doc.utf16
    out = []
    for f in result.findings:
        line, column = position(f.start)
        end_line, end_column = position(f.end)
        row = (f.rule_id, f.message, f.level.severity, utf16(f.start), utf16(f.end), line,
               column, end_line, end_column)
        if f.fix is not None:
            row += (utf16(f.fix.start), utf16(f.fix.end), f.fix.text)
        out.append(row)
    out.sort(key=_LINE_COLUMN)
    return out


def textlint_message(rule_id: str, text: str, severity: int, index: int, end_index: int,
                     line: int, column: int, end_line: int, end_column: int,
                     fix: tuple[int, int, str] | None = None) -> dict:
    """One textlint message object (offsets in UTF-16 code units, as textlint's), its keys
    in textlint's order; ``fix`` is (start, end, text)."""
    message = {
        "type": "lint",
        "ruleId": rule_id,
        "message": text,
        "index": index,
        "line": line,
        "column": column,
        "range": [index, end_index],
        "loc": {"start": {"line": line, "column": column},
                "end": {"line": end_line, "column": end_column}},
        "severity": severity,
    }
    if fix is not None:
        message["fix"] = {"range": [fix[0], fix[1]], "text": fix[2]}
    return message


def line_per_message(results, line):
    """textlint's one-line formats (compact, unix): ``line(path, message, kind)`` for each
    message, ``kind`` being "Error", "Warning" or "Info", then the number of problems."""
    total = 0
    for r in results:
        path = visible(r.path, lines=False)
        for m in messages(r):
            total += 1
            yield line(path, m, SEVERITY_NAME[m["severity"]].capitalize()) + "\n"
    if total:
        yield f"\n{total} problem{'s' if total != 1 else ''}\n"


# -- file names that are not UTF-8, control characters -------------------------------------
# A file name Python could not decode (a GBK name unpacked from a zip made on Windows) holds
# its undecodable bytes as lone surrogates (U+DC80-U+DCFF, os.fsdecode). Text formats write
# those bytes back as they were (the streams use 'surrogateescape', as ls and ripgrep print
# names); formats with a grammar of their own cannot carry them raw, nor control characters
# (in a file name, or in a message quoting the text a rule matched).


def printable(text: str) -> str:
    """``text`` as XML and HTML can carry it, with what they cannot written as visible
    escapes: each undecodable byte of a file name as ``\\xNN`` (the name's own bytes,
    decoded again with ``backslashreplace``), and the control characters and noncharacters
    of :data:`_UNCARRIED` as ``\\x1b`` or ``\\ufffe``. A raw ESC or U+0001 in a file name
    or a rule's message made checkstyle and JUnit reports that no XML parser reads."""
    if not text.isascii():
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate no file name decodes to: \\udXXX
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
        else:
            text = raw.decode("utf-8", "backslashreplace")
    return controls_shown(text)


def controls_shown(text: str) -> str:
    """``text`` with the characters of :data:`_UNCARRIED` (ESC and the other controls but
    tab and the line breaks) written as ``\\x1b`` escapes, and nothing else changed: for
    formats that escape line breaks their own way (github, tap)."""
    return _UNCARRIED.sub(_escape_character, text)


#: characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return;
#: U+FFFE, U+FFFF) or discourages and HTML calls a parse error (DEL, C1 controls). Each is
#: invisible or meaningless in a report, so it is shown, not dropped.
_UNCARRIED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _escape_character(match: re.Match) -> str:
    """An ASCII control as the byte it is (``\\x1b``, as an undecodable byte of a name is
    written); any other character as its code point (``\\u0085``), which no byte escape
    could be mistaken for."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


#: what a terminal would act on instead of showing: C0 controls but tab and line feed (ESC
#: starts the sequences that move the cursor or retitle the window; a carriage return
#: overwrites the line), DEL and C1 controls. A message of several lines (prh's) is printed
#: on several lines, as textlint prints it.
_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNSHOWN_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` for the formats people read on a terminal (stylish, compact, unix) and for
    gwlint's lines on standard error: its control characters escaped as :func:`printable`
    writes them (a file named with ESC sequences could otherwise drive the terminal);
    undecodable bytes of a name stay as they are, written back by the stream as ls and
    ripgrep do. ``lines=False`` (a file name) escapes line feeds too: a name holding one
    would start a line of its own, a finding forged by the name."""
    if text.isprintable():  # nearly always: one C-speed scan
        return text
    return (_UNSHOWN if lines else _UNSHOWN_LINE).sub(_escape_character, text)


def json_safe(text: str) -> str:
    """JSON text (written with ``ensure_ascii=False``) with lone surrogates as ``\\uDCNN``
    escapes (``backslashreplace`` writes JSON's own): UTF-8 throughout, and the name comes
    back exactly from ``json.loads``."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def display_path(path: str, options: Options) -> str:
    """Paths relative to the working folder (for formats read by people and CI)."""
    if not options.cwd or not os.path.isabs(path):
        return path
    rel = os.path.relpath(path, options.cwd)
    return path if outside(rel) else rel


def outside(rel: str) -> bool:
    """Whether a relative path leads out of its folder: ``..`` is its first component. A
    name that starts with two dots (``..draft.txt``, ``..drafts/a.txt``) is inside; such
    files were given absolute paths, which code scanning cannot place."""
    return rel == os.pardir or rel.startswith(os.pardir + os.sep)
