"""TIMING=1: the ten slowest rules on standard error, in ESLint's and textlint's table, the
report itself unchanged; the run stays in one process so that every rule's time counts."""

from __future__ import annotations

import re
import shutil

from lint import cli, runner
from lint.timing import table

from .conftest import SEEDS


def test_the_table_is_eslints():
    assert table({"terms": 0.0123456, "placeholder": 0.0005, "x": 0.0}) == "\n".join([
        "Rule        | Time (ms) | Relative",
        ":-----------|----------:|--------:",
        "terms       |    12.346 |    96.1%",
        "placeholder |     0.500 |     3.9%",
        "x           |     0.000 |     0.0%",
    ])
    many = {f"rule-{i:02}": i / 1000 for i in range(15)}
    rows = table(many).splitlines()
    assert len(rows) == 12 and rows[2].startswith("rule-14 ") and rows[-1].startswith("rule-05 ")


def test_timing_prints_the_slowest_rules_and_leaves_the_report_alone(tmp_path, monkeypatch,
                                                                      capsys, forks):
    monkeypatch.setattr(runner, "BYTES_PER_PROCESS", 1)
    for copy in ("a", "b"):  # enough files for --jobs 2 to fork without TIMING
        shutil.copytree(SEEDS, tmp_path / copy)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["-f", "json", "--jobs", "2", "."]) == 1
    plain, err = capsys.readouterr()
    assert err == "" and forks

    forks.clear()
    monkeypatch.setenv("TIMING", "1")
    assert cli.main(["-f", "json", "--jobs", "2", "."]) == 1
    out, err = capsys.readouterr()
    assert out == plain and not forks  # the same report, from one process
    lines = err.splitlines()
    assert re.fullmatch(r"Rule +\| Time \(ms\) \| Relative", lines[0])
    assert re.fullmatch(r":-+\|-+:\|-+:", lines[1])
    rows = [re.fullmatch(r"([a-z-]+) +\| +(\d+\.\d{3}) \| +(\d+\.\d)%", line) for line in lines[2:]]
    assert len(rows) == 10 and all(rows)
    times = [float(row[2]) for row in rows]
    assert times == sorted(times, reverse=True) and times[0] > 0
    from lint.config import load
    from lint.engine import Linter

    assert {row[1] for row in rows} <= set(Linter(load()).compiled)
