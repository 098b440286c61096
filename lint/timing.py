"""``TIMING=1``: the rules that took longest, as ESLint and textlint print them.

The table has the ten slowest rules, slowest first: the rule id, its time in milliseconds
(three decimals) and its share of all the rules' time, with a Markdown-style line under the
headings whose colons say how each column is aligned."""

from __future__ import annotations

HEADERS = ("Rule", "Time (ms)", "Relative")


def table(times: dict[str, float], top: int = 10) -> str:
    total = sum(times.values()) or 1.0
    ranked = sorted(times.items(), key=lambda item: -item[1])[:top]
    rows = [HEADERS] + [(rid, f"{seconds * 1000:.3f}", f"{seconds * 100 / total:.1f}%")
                        for rid, seconds in ranked]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]

    def line(row) -> str:
        return " | ".join((row[0].ljust(widths[0]), row[1].rjust(widths[1]),
                           row[2].rjust(widths[2])))

    # ESLint's rule line: the first column's dashes one longer, the middle one two, the
    # last one; a colon on the side each column is aligned to
    rule = "|".join((":" + "-" * widths[0], "-" * (widths[1] + 1) + ":",
                     "-" * widths[2] + ":"))
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])
