"""The methods ``dataclasses`` writes, kept compiled across runs (lint/codecache.py): a later
run's classes come from the cache and behave as before; a damaged entry is compiled again."""

from __future__ import annotations

import builtins
import dataclasses
import json
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from lint import codecache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """codecache as a new process sees it, with its cache in tmp_path, installed."""
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("GWLINT_NO_CACHE", raising=False)
    _new_process(monkeypatch)
    monkeypatch.setattr(dataclasses, "exec", codecache.cached_exec, raising=False)
    return tmp_path


def _new_process(monkeypatch):
    monkeypatch.setattr(codecache, "CODE", codecache.CODE.fresh())
    monkeypatch.setattr(codecache.CODE, "_writer", os.getpid())  # no exit handler


def _define():
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: list = dataclasses.field(default_factory=list, compare=False)

    return Point


def test_a_later_run_defines_the_same_class_from_the_cache(fresh, monkeypatch):
    first = _define()
    codecache.CODE.save()
    assert len(list(fresh.glob("*.pickle"))) == 1

    _new_process(monkeypatch)
    compiled = []
    monkeypatch.setattr(codecache, "compile", lambda *a: compiled.append(a) or builtins.compile(
        *a), raising=False)
    second = _define()
    assert compiled == []  # every method came from the cache
    assert second(1, 2) == second(1, 2, ["x"]) and second(1) != second(2)
    assert repr(second(1, 2)) == repr(first(1, 2)).replace(first.__qualname__,
                                                           second.__qualname__)
    assert hash(second(1, 2)) == hash(second(1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        second(1).x = 3
    assert second(1).tags is not second(1).tags  # the default factory, per instance


@pytest.mark.parametrize("damaged", [b"\x00not code", marshal.dumps(7)])
def test_a_damaged_entry_is_compiled_again(fresh, monkeypatch, damaged):
    """Bytes marshal cannot load, and a value that is not code (a review: exec() of the
    int 7 failed every run after)."""
    _define()
    codecache.CODE.save()
    (path,) = fresh.glob("*.pickle")
    entries = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps({source: damaged for source in entries}))

    _new_process(monkeypatch)
    point = _define()
    assert point(3).x == 3


def test_the_classes_annotations_are_the_classes_own(fresh):
    """The methods are compiled as exec compiles them, not under codecache's own
    ``from __future__ import annotations`` (a review: ``__init__``'s annotations became
    strings such as '_type_x', and typing.get_type_hints failed)."""
    import typing

    namespace: dict = {}
    exec(compile("import dataclasses\n@dataclasses.dataclass\nclass P:\n    x: int\n"
                 "    y: str = ''\n", "<plain module>", "exec", dont_inherit=True), namespace)
    plain = namespace["P"]
    assert plain.__init__.__annotations__ == {"x": int, "y": str, "return": None}
    assert typing.get_type_hints(plain.__init__) == {"x": int, "y": str,
                                                     "return": type(None)}


def test_the_command_keeps_its_dataclass_methods_in_the_cache(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("上报信息*条。\n", encoding="utf-8")
    env = {**os.environ, "GWLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GWLINT_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-m", "lint", "-f", "json", str(draft)], env=env,
                           capture_output=True, cwd=ROOT) for _ in range(2)]
    assert [json.loads(r.stdout)[0]["messages"][0]["ruleId"] for r in runs] == [
        "placeholder", "placeholder"]
    sources = [source for file in (tmp_path / "cache").glob("*.pickle")
               for source in pickle.loads(file.read_bytes())
               if isinstance(source, str) and "def __init__(self" in source]
    assert any("rule_id" in source for source in sources)  # lint.finding.Finding's
