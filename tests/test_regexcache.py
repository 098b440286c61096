"""Compiled ``regex`` patterns kept across runs (lint/regexcache.py): a later run loads
what an earlier one compiled, gets the same pattern, and survives a damaged cache."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest
import regex

from lint import regexcache

PATTERN = r"(?<=[\p{Han}）])[ \t]*:(?![\d/])[ \t]*"
TEXT = "时间 : 2023年，比例：1:2，单位）: 完成"


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """regexcache as a new process sees it, with its cache in tmp_path."""
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("GWLINT_NO_CACHE", raising=False)
    _new_process(monkeypatch)
    return tmp_path


def _new_process(monkeypatch):
    """Both caches (regex and re) as a new process finds them: nothing read yet."""
    for name in ("CACHE", "RE_CACHE"):
        monkeypatch.setattr(regexcache, name, getattr(regexcache, name).fresh())
        monkeypatch.setattr(getattr(regexcache, name), "_writer", os.getpid())  # no exit handler


def test_a_later_run_loads_the_compiled_pattern(fresh, monkeypatch):
    first = regexcache.compile(PATTERN, regex.MULTILINE)
    regexcache.CACHE.save()
    assert len(list(fresh.glob("*.pickle"))) == 1

    _new_process(monkeypatch)
    calls = []
    real = regex.compile
    monkeypatch.setattr(regex, "compile", lambda *a, **k: calls.append(a) or real(*a, **k))
    second = regexcache.compile(PATTERN, regex.MULTILINE)
    assert calls == []  # loaded, not compiled
    assert second is not first
    assert (second.pattern, second.flags) == (first.pattern, first.flags)
    assert [m.span() for m in second.finditer(TEXT)] == [m.span() for m in first.finditer(TEXT)]
    assert [m.span() for m in second.finditer(TEXT)] == [(2, 5), (21, 23)]

    # other flags are another pattern
    regexcache.compile(PATTERN)
    assert calls == [(PATTERN, 0)]


def test_a_damaged_cache_means_compiling(fresh, monkeypatch):
    regexcache.compile(PATTERN)
    regexcache.CACHE.save()
    (path,) = fresh.glob("*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    _new_process(monkeypatch)
    assert regexcache.compile(PATTERN).findall(TEXT) == [" : ", ": "]

    # a readable file holding a wrong entry is not trusted either
    _new_process(monkeypatch)
    monkeypatch.setattr(regexcache.CACHE, "_data", {(PATTERN, 0): b"\x80\x05K\x01."})
    assert regexcache.compile(PATTERN).findall(TEXT) == [" : ", ": "]


def test_errors_in_patterns_are_raised_as_before(fresh):
    with pytest.raises(regex.error):
        regexcache.compile("(unclosed")


def test_no_cache_writes_nothing(fresh, monkeypatch):
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    regexcache.compile(PATTERN)
    regexcache.CACHE.save()
    assert list(fresh.iterdir()) == []


def test_runs_keep_their_findings_with_and_without_the_cache(tmp_path):
    """Three CLI runs on a seed: no cache, then a cold cache (written at exit), then a warm
    one: the same report each time, and the warm run compiles no pattern of the preset."""
    seed = os.path.join(os.path.dirname(__file__), "..", "seeds", "004_60b6c89003b2998b.txt")
    env = dict(os.environ, GWLINT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("GWLINT_NO_CACHE", None)
    probe = ("import regex, sys, runpy; real = regex.compile; n = [0]\n"
             "def spy(*a, **k):\n    n[0] += 1\n    return real(*a, **k)\n"
             "regex.compile = spy\nsys.argv = ['gwlint', '-f', 'unix', sys.argv[1]]\n"
             "import atexit  # the command ends with os._exit, after the exit handlers\n"
             "atexit.register(lambda: sys.stderr.write(f'compiled {n[0]}\\n'))\n"
             "runpy.run_module('lint', run_name='__main__')\n")
    outputs = []
    for extra in ({"GWLINT_NO_CACHE": "1"}, {}, {}):
        done = subprocess.run([sys.executable, "-c", probe, seed], env={**env, **extra},
                              capture_output=True, text=True, timeout=120)
        outputs.append((done.returncode, done.stdout, done.stderr.splitlines()[-1]))
    assert outputs[0][:2] == outputs[1][:2] == outputs[2][:2]
    assert outputs[0][0] == 1 and outputs[0][1].count("\n") > 5
    cold, warm = int(outputs[1][2].split()[1]), int(outputs[2][2].split()[1])
    assert cold > 20 and warm == 0, (cold, warm)


# -- re --------------------------------------------------------------------------------------
RE_PATTERN = r"(?P<unit>[\u4e00-\u9fff]{2,6})(?P=unit)|[，。、；：？！]{2,}"
RE_TEXT = "推进推进工作，，落实"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="re's compiler is re._compiler from "
                    "Python 3.11; before it, compile_re is re.compile (the tests below hold)")
def test_a_later_run_loads_re_code_without_compiling(fresh, monkeypatch):
    import re
    from re import _compiler

    first = regexcache.compile_re(RE_PATTERN, re.MULTILINE)
    regexcache.RE_CACHE.save()
    _new_process(monkeypatch)
    monkeypatch.setattr(_compiler, "compile", lambda *a: pytest.fail("compiled again"))
    re.purge()  # re's own per-process cache must not answer either
    second = regexcache.compile_re(RE_PATTERN, re.MULTILINE)
    assert second == first and second is not first  # Pattern equality compares the code
    assert second.groupindex == {"unit": 1} and second.flags == first.flags
    assert [m.span() for m in second.finditer(RE_TEXT)] == [(0, 4), (6, 8)]


def test_damaged_re_entries_mean_compiling(fresh, monkeypatch):
    import re

    key = (RE_PATTERN, 0)
    for damaged in [pickle.dumps((RE_PATTERN, 0, [1, 2, 3], 0, {}, ())),  # code _sre rejects
                    pickle.dumps(("other", 0, [], 0, {}, ())),  # another pattern
                    pickle.dumps("not arguments"), b"\x80\x05not a pickle", ("a", "tuple")]:
        _new_process(monkeypatch)
        monkeypatch.setattr(regexcache.RE_CACHE, "_data", {key: damaged})
        assert regexcache.compile_re(RE_PATTERN) == re.compile(RE_PATTERN)


def test_re_errors_are_raised_and_no_cache_writes_nothing(fresh, monkeypatch):
    import re

    with pytest.raises(re.error):
        regexcache.compile_re("(unclosed")
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    regexcache.compile_re(RE_PATTERN)
    regexcache.RE_CACHE.save()
    assert list(fresh.iterdir()) == []
