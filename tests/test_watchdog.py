"""The rules' time limits kept by a profiling timer (lint/watchdog.py), and where regex
keeps them itself instead: another thread, a profiler's SIGPROF."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from lint import plugins, watchdog
from lint.config import load
from lint.engine import Linter
from lint.readers import read_bytes
from lint.rulepack import load_pack

from .conftest import documented

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no setitimer here")

SLOW = "(?:a|aa)+$"  # hours on 60 letters a and a b, without a limit


def _linter(tmp_path, rules: str) -> Linter:
    (tmp_path / "gwlint.yaml").write_text(
        "extends: gongwen\npacks: [./slow.yaml]\n", encoding="utf-8")
    (tmp_path / "slow.yaml").write_text(documented("rules:\n" + rules), encoding="utf-8")
    return Linter(load(tmp_path / "gwlint.yaml"))


def _slow_pattern_rule(timeout: float = 0.2) -> str:
    return (f"  - id: slow\n    kind: pattern\n    message: m\n    timeout: {timeout}\n"
            f"    patterns: ['{SLOW}']\n")


def _lint_timed(linter, text):
    began = time.process_time()
    result = linter.lint_document(_document(text))
    return result, time.process_time() - began


def _document(text):
    return read_bytes(text.encode("utf-8"), "a.txt")


def test_a_runaway_pattern_stops_at_its_limit_and_the_other_rules_report(tmp_path):
    linter = _linter(tmp_path, _slow_pattern_rule())
    result, cpu = _lint_timed(linter, "a" * 60 + "b\n上报信息*条。\n")
    assert result.failures == [
        f"rule 'slow' stopped after its time limit of 0.2 s (pattern {SLOW!r}); "
        "its findings for this file are incomplete"]
    assert [(f.rule_id, f.start) for f in result.findings] == [("placeholder", 66)]
    assert cpu < 2  # 0.2 s and a few ticks, not hours
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)  # the timer is off again
    assert not watchdog.guarding()


@pytest.mark.parametrize("timer", [True, False], ids=["timer", "regex-timeout"])
def test_a_patterns_time_limit_counts_its_own_time_only(tmp_path, timer):
    """regex's clock ran from the start of a scan, so the time gwlint spent on each match
    (``unless`` spans, findings) counted against the pattern: a 1.5 MB text copied from a
    PDF, a space between every two characters, was 'cjk-spacing stopped after its time
    limit' (status 2, findings incomplete) after 300,000 matches. Here the caller works
    longer than the whole limit after the first match; the other matches still come, under
    the timer (a tick while the caller holds a match goes to no scan) and where regex keeps
    the limit (the scan starts again with what is left of it)."""
    import contextlib

    pack = tmp_path / "cells.yaml"
    pack.write_text("rules:\n  - id: cells\n    kind: pattern\n    message: m\n"
                    "    timeout: 0.5\n    patterns: ['(?<=\\d)[ ]+(?=\\p{Han})']\n",
                    encoding="utf-8")
    kind = plugins.get_kind("pattern")(load_pack(pack)[0])
    text = "单元0   内容\n" * 100_000
    count = 0
    with watchdog.armed() if timer else contextlib.nullcontext():
        assert watchdog.guarding() is timer
        for _ in kind.finditer(kind.patterns[0].compiled, text, budget={}):
            if count == 0:  # busy for longer than the whole limit (CPU time: not a sleep)
                busy_until = time.process_time() + 0.6
                while time.process_time() < busy_until:
                    pass
            count += 1
    assert count == 100_000


def test_a_sequence_marker_is_limited_and_says_so(tmp_path):
    """Markers were matched with regex's own limit, whose TimeoutError read as 'rule ...
    failed: TimeoutError'; under the timer a marker's matches on one document share the
    limit, and the message is the time limit's."""
    rule = ("  - id: slow-markers\n    kind: sequence\n    scope: lines\n    timeout: 0.2\n"
            "    markers:\n      - pattern: '(?:a|aa)+(?P<n>\\d)$'\n        render: '{n}'\n")
    linter = _linter(tmp_path, rule)
    result, cpu = _lint_timed(linter, ("a" * 40 + "b\n") * 20)
    assert [f for f in result.failures if "slow-markers" in f] == [
        "rule 'slow-markers' stopped after its time limit of 0.2 s "
        "(pattern '(?:a|aa)+(?P<n>\\\\d)$'); its findings for this file are incomplete"]
    assert cpu < 3


@pytest.mark.parametrize("where", ["inline", "dictionary"])
def test_a_terms_regex_is_limited(tmp_path, where):
    """A regex in a user's prh dictionary ran with no limit at all (a review found a
    dictionary entry hanging a run for minutes)."""
    entry = "{expected: Z, pattern: '/(?:a|aa)+$/'}"
    if where == "inline":
        rule = f"    terms: [{entry}]\n"
    else:
        (tmp_path / "slow.prh.yml").write_text(f"version: 1\nrules: [{entry}]\n",
                                               encoding="utf-8")
        rule = "    dictionary: slow.prh.yml\n"
    linter = _linter(tmp_path, "  - id: slow-terms\n    kind: terms\n    message: m\n"
                               "    timeout: 0.2\n" + rule)
    result, cpu = _lint_timed(linter, "a" * 60 + "b\n研究布署工作。\n")
    assert [f for f in result.failures if "slow-terms" in f] == [
        "rule 'slow-terms' stopped after its time limit of 0.2 s (pattern '(?:a|aa)+$'); "
        "its findings for this file are incomplete"]
    assert cpu < 2
    assert [f.rule_id for f in result.findings] == ["terms"]  # the preset's still report


def test_an_allow_regex_is_limited(tmp_path, monkeypatch):
    """The configuration's ``allow: ["/re/"]`` is a user's regex too."""
    from lint import engine

    monkeypatch.setattr(engine, "ALLOW_TIMEOUT", 0.2)
    (tmp_path / "gwlint.yaml").write_text("allow: ['/(?:a|aa)+$/', 'XX']\n", encoding="utf-8")
    linter = Linter(load(tmp_path / "gwlint.yaml"))
    result, cpu = _lint_timed(linter, "a" * 60 + "b\n上报信息*条，XX项。\n")
    assert result.failures == [
        "allow pattern '(?:a|aa)+$' stopped after its time limit of 0.2 s; the findings it "
        "would allow are reported"]
    assert cpu < 2
    # the literal allow entry still allows; the placeholder * is reported
    assert [(f.rule_id, f.start) for f in result.findings] == [("placeholder", 66)]


def test_in_another_thread_regex_keeps_the_limit(tmp_path):
    linter = _linter(tmp_path, _slow_pattern_rule())
    seen = {}

    def run():
        seen["guarding"] = watchdog.guarding()
        seen["result"] = linter.lint_document(_document("a" * 60 + "b\n"))

    thread = threading.Thread(target=run)
    with watchdog.armed():  # the main thread lints too: the other thread leaves its timer be
        thread.start()
        thread.join(60)
        assert watchdog.guarding()
        assert signal.getitimer(signal.ITIMER_PROF) != (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert seen["guarding"] is False
    assert any("stopped after its time limit" in f for f in seen["result"].failures)


def test_a_profilers_sigprof_handler_and_timer_are_left_alone(tmp_path):
    linter = _linter(tmp_path, _slow_pattern_rule())
    samples = []

    def profiler(signum, frame):
        samples.append(signum)

    previous = signal.signal(signal.SIGPROF, profiler)
    try:
        result, _ = _lint_timed(linter, "a" * 60 + "b\n")
        assert signal.getsignal(signal.SIGPROF) is profiler
        assert any("stopped after its time limit" in f for f in result.failures)
    finally:
        signal.signal(signal.SIGPROF, previous)
    assert samples == []  # gwlint started no timer for it


def test_the_timer_stops_when_a_rule_fails(tmp_path, monkeypatch):
    linter = _linter(tmp_path, _slow_pattern_rule())
    kind = linter.compiled["slow"].kind

    def broken(doc):
        assert watchdog.guarding()
        raise KeyError("x")

    monkeypatch.setattr(kind, "check", broken)
    result = linter.lint_document(_document("上报信息。\n"))
    assert result.failures == ["rule 'slow' failed: KeyError: 'x'"]
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert not watchdog.guarding()


def test_the_timer_stops_with_the_main_thread_whatever_another_thread_lints():
    """Another thread's documents do not count in the main thread's nesting: one still
    being linted when the main thread's ends kept the timer running after it."""
    started, release = threading.Event(), threading.Event()

    def other():
        with watchdog.armed():
            started.set()
            release.wait(60)

    thread = threading.Thread(target=other)
    with watchdog.armed():
        thread.start()
        started.wait(60)
    try:
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
        assert not watchdog.guarding()
    finally:
        release.set()
        thread.join(60)


def test_a_rule_that_keeps_reaching_its_limit_is_not_run_again(tmp_path):
    """A catastrophic pattern cost its whole limit on every file: 111 files took three
    minutes (a review). After SKIP_AFTER_TIMEOUTS files the rule is not run on the next
    ones, and each of them says so; the other rules still report."""
    from lint.engine import SKIP_AFTER_TIMEOUTS

    linter = _linter(tmp_path, _slow_pattern_rule(0.1))
    began = time.process_time()
    results = [linter.lint_document(read_bytes(("a" * 60 + "b\n上报信息*条。\n").encode(),
                                               f"{i}.txt"))
               for i in range(SKIP_AFTER_TIMEOUTS + 2)]
    assert time.process_time() - began < 0.1 * SKIP_AFTER_TIMEOUTS + 1.5
    timed_out = f"rule 'slow' stopped after its time limit of 0.1 s (pattern {SLOW!r}); " \
                "its findings for this file are incomplete"
    skipped = (f"rule 'slow' was not run: it reached its time limit on {SKIP_AFTER_TIMEOUTS} "
               "earlier files (fix or turn off the rule)")
    assert [r.failures for r in results] == (
        [[timed_out]] * SKIP_AFTER_TIMEOUTS + [[skipped]] * 2)
    assert all([f.rule_id for f in r.findings] == ["placeholder"] for r in results)


def test_a_file_linted_again_counts_once(tmp_path):
    """--fix lints a file several times: one file that times out is one file, not three
    (a review found the rule given up after a single file). Linted again, the rule is not
    run on it again; another file still gets it."""
    linter = _linter(tmp_path, _slow_pattern_rule(0.1))
    text = "a" * 60 + "b\n上报信息*条。\n"
    results = [linter.lint_document(read_bytes(text.encode(), name))
               for name in ("one.txt", "one.txt", "two.txt")]
    assert [r.failures for r in results] == [
        [f"rule 'slow' stopped after its time limit of 0.1 s (pattern {SLOW!r}); its "
         "findings for this file are incomplete"],
        ["rule 'slow' was not run again: it reached its time limit on this file"],
        [f"rule 'slow' stopped after its time limit of 0.1 s (pattern {SLOW!r}); its "
         "findings for this file are incomplete"]]
