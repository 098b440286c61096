"""The default format, shaped like textlint's (and ESLint's) stylish output.

Columns are aligned by display width, so full-width Chinese messages line up. Colour is
used only when the options say so (a terminal without NO_COLOR).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import SEVERITY_NAME, messages, visible

_COLOR = {2: "\x1b[31m", 1: "\x1b[33m", 3: "\x1b[32m"}
_RESET, _DIM, _UNDERLINE, _BOLD = "\x1b[0m", "\x1b[2m", "\x1b[4m", "\x1b[1m"


def width(s: str) -> int:
    """Display width: East Asian wide and full-width characters take two columns."""
    return len(s) if s.isascii() else _wide_width(s)


@lru_cache(maxsize=4096)  # a report repeats its messages many times over
def _wide_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, n: int, right: bool = False, own: int | None = None) -> str:
    fill = " " * (n - (width(s) if own is None else own))
    return fill + s if right else s + fill


def format(results, options):  # noqa: A001
    color = options.color

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    totals = {"errors": 0, "warnings": 0, "infos": 0, "fixable": 0}
    for r in results:
        msgs = messages(r)
        if not msgs:
            continue
        if not any(totals.values()):
            yield "\n"  # textlint's output opens with an empty line once there is a problem
        rows = []
        for m in msgs:
            totals[SEVERITY_NAME[m["severity"]] + "s"] += 1
            totals["fixable"] += "fix" in m
            kind = ("✓ " if "fix" in m else "") + SEVERITY_NAME[m["severity"]]
            rows.append(("", str(m["line"]), str(m["column"]), kind,
                         visible(m["message"]).removesuffix("."), m["ruleId"], m["severity"]))
        # the first cell is empty; line, column and rule id are ASCII; kind and message are not
        cells = [(len(row[1]), len(row[2]), width(row[3]), width(row[4])) for row in rows]
        widths = [max(c[i] for c in cells) for i in range(4)]
        out = [paint(_UNDERLINE, visible(r.path, lines=False))]
        for row, (w_line, w_col, w_kind, w_message) in zip(rows, cells, strict=True):
            # textlint lays out the table, then joins line and column with a colon (after
            # the empty first cell, a line starts with the two-space gutter)
            line = "  ".join(["", _pad(row[1], widths[0], True, w_line) + ":"
                              + _pad(row[2], widths[1], own=w_col),
                              _pad(row[3], widths[2], own=w_kind),
                              _pad(row[4], widths[3], own=w_message), row[5]])
            if color:
                line = line.replace(row[3], paint(_COLOR[row[6]], row[3]), 1)
                line = line[: line.rfind(row[5])] + paint(_DIM, row[5])
            out.append(line)
        yield "\n".join(out) + "\n\n"
    total = totals["errors"] + totals["warnings"] + totals["infos"]
    if not total:
        return
    summary = (f"✖ {total} problem{'s' if total != 1 else ''} ({totals['errors']} "
               f"error{'s' if totals['errors'] != 1 else ''}, {totals['warnings']} "
               f"warning{'s' if totals['warnings'] != 1 else ''}, {totals['infos']} "
               f"info{'s' if totals['infos'] != 1 else ''})")
    out = [paint(_BOLD + (_COLOR[2] if totals["errors"] else _COLOR[1]), summary)]
    if totals["fixable"] and not getattr(options, "fixed", False):
        n = totals["fixable"]
        out.append(paint(_COLOR[3], f"✓ {n} fixable problem{'s' if n != 1 else ''}."))
        out.append(f"Try to run: $ {options.command} --fix [file]")
    yield "\n".join(out) + "\n"


format.streams = True  # type: ignore[attr-defined]
#: plain lines for people: ``--fix --dry-run`` diffs may come before them on standard output
format.plain = True  # type: ignore[attr-defined]
