"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding,
grouped by file, with paths relative to the working folder (the checkout). Every file name
and message is escaped as the runner requires, the group's title too: no line of the output
can start a command other than the ones written here. The runner has escapes for ``%`` and
line breaks only, so ESC and the other control characters, which the log viewer would act
on (ANSI colours), are shown as ``\\x1b``, as the formats for the terminal show them; a tab
means nothing to a workflow command and stays."""

from __future__ import annotations

from . import controls_shown, display_path, messages

_COMMAND = {2: "error", 1: "warning", 3: "notice"}


def _escape_data(s: str) -> str:
    """A command's data (a message, a group's title) as the runner unescapes it: a line break
    left raw would end the command, and the next line could be a command of its own."""
    return controls_shown(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    """A property value (``file=``, ``title=``): ``:`` and ``,`` would end it."""
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format(results, options):  # noqa: A001
    for r in results:
        msgs = messages(r)
        if not msgs:
            continue
        path = display_path(r.path, options)
        out = [f"::group::{_escape_data(path)}"]
        for m in msgs:
            end = m["loc"]["end"]
            props = (f"file={_escape_property(path)},line={m['line']},endLine={end['line']},"
                     f"col={m['column']},endColumn={end['column']},title={_escape_property(m['ruleId'])}")
            out.append(f"::{_COMMAND[m['severity']]} {props}::{_escape_data(m['message'])}")
        out.append("::endgroup::")
        yield "\n".join(out) + "\n"


format.streams = True  # type: ignore[attr-defined]
