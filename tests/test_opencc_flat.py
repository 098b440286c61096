"""lint.kinds.opencc_flat: an OpenCC config whose dictionary groups are flattened into one
dictionary (built once into the user cache) converts exactly as OpenCC's own config."""

from __future__ import annotations

import itertools
import json
import os

import opencc
import pytest

from lint import yamlload
from lint.kinds import opencc_flat, script
from lint.readers import read_path

from .conftest import SEEDS

PATHS = opencc_flat.opencc_paths()
needs_tool = pytest.mark.skipif(
    PATHS is None, reason="this OpenCC has no opencc_dict tool (clib/bin): nothing is flattened")


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()  # kept from an earlier run
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("GWLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(script, "_CONVERTERS", {})  # as a new process starts
    return folder


@needs_tool
def test_flat_s2t_converts_as_opencc_s2t(cache):
    path = opencc_flat.flat_config("s2t")
    assert path is not None and os.path.dirname(path) == str(cache)
    assert opencc_flat.flat_config("s2t") == path  # built once, then found
    with open(path, encoding="utf-8") as handle:
        chain = json.load(handle)["conversion_chain"]
    assert [step["dict"]["type"] for step in chain] == ["ocd2"]  # the group is one table
    flat, own, t2s = opencc.OpenCC(path), opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    for seed in sorted(SEEDS.glob("*.txt")):
        text = read_path(seed, str(seed)).prose
        for source in (text, t2s.convert(text)):
            assert flat.convert(source) == own.convert(source), seed.name
    # the mixed-script rule's converters use it, s2tw and s2hk through their s2t step
    assert script.converter("s2t").config == path
    assert script.converter("s2tw").first is script.converter("s2t")


@needs_tool
def test_a_cache_folder_new_in_this_run_gets_no_table(tmp_path, monkeypatch):
    # a fresh CI runner: the folder is made by this run, so nothing is built for it
    folder = tmp_path / "fresh"
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(script, "_CONVERTERS", {})
    assert yamlload._cache_dir() == str(folder) and not folder.exists()
    folder.mkdir()  # made by this run (the parsed YAML goes there first)
    assert opencc_flat.flat_config("s2t") is None
    assert list(folder.iterdir()) == []
    assert script.converter("s2t").config.endswith("s2t.json")


def test_without_the_cache_opencc_configs_are_used(cache, monkeypatch):
    monkeypatch.setenv("GWLINT_NO_CACHE", "1")
    assert opencc_flat.flat_config("s2t") is None
    assert script.converter("s2t").config.endswith("s2t.json")
    assert script.converter("s2t").convert("干部队伍") == "幹部隊伍"


@needs_tool
def test_a_damaged_flat_table_falls_back_to_opencc(cache):
    path = opencc_flat.flat_config("s2t")
    with open(path, encoding="utf-8") as handle:
        table = json.load(handle)["conversion_chain"][0]["dict"]["file"]
    with open(table, "r+b") as handle:
        handle.truncate(5000)
    assert script.converter("s2t").config.endswith("s2t.json")
    assert script.converter("s2t").convert("干部队伍") == "幹部隊伍"


@needs_tool
def test_a_config_that_cannot_be_flattened_is_not_tried_again(cache, monkeypatch):
    calls = []

    def refuse(*args):
        calls.append(args)

    monkeypatch.setattr(opencc_flat, "flatten", refuse)
    assert opencc_flat.flat_config("s2t") is None
    assert opencc_flat.flat_config("s2t") is None
    assert len(calls) == 1
    assert script.converter("s2t").config.endswith("s2t.json")


# -- the group semantics, on small dictionaries of our own -----------------------------------
def _config(folder, tables: dict[str, dict[str, str]], group: dict) -> str:
    for name, entries in tables.items():
        (folder / f"{name}.txt").write_text(
            "".join(f"{k}\t{v}\n" for k, v in entries.items()), encoding="utf-8")
    path = folder / "config.json"
    path.write_text(json.dumps({"name": "test", "conversion_chain": [{"dict": group}]}),
                    encoding="utf-8")
    return str(path)


def _text(name: str) -> dict:
    return {"type": "text", "file": f"{name}.txt"}


def _flatten(tmp_path, config: str) -> str | None:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    built = opencc_flat.flatten(config, PATHS[1], str(out), "flat")
    if built is None:
        return None
    (out / "flat.json").write_text(built, encoding="utf-8")
    return str(out / "flat.json")


@needs_tool
def test_union_and_short_circuit_groups_flatten_exactly(tmp_path):
    # union: the longest match of its members, the earlier member on a tie (ab -> X, not W);
    # short-circuit: the union's match wherever it has one (b -> Y, not 2)
    config = _config(tmp_path, {
        "A": {"ab": "X", "b": "Y"}, "B": {"abc": "Z", "ab": "W"},
        "C": {"a": "1", "b": "2", "c": "3"},
    }, {"type": "group", "match_policy": "short_circuit", "dicts": [
        {"type": "group", "match_policy": "union", "dicts": [_text("A"), _text("B")]}, _text("C")]})
    flat = _flatten(tmp_path, config)
    assert flat is not None
    own, flat = opencc.OpenCC(config), opencc.OpenCC(flat)
    assert [own.convert(s) for s in ("ab", "abc", "cab", "ba")] == ["X", "Z", "3X", "Y1"]
    for n in range(1, 7):
        for chars in itertools.product("abcd", repeat=n):
            text = "".join(chars)
            assert flat.convert(text) == own.convert(text), text


@needs_tool
def test_a_short_circuit_group_with_longer_later_keys_is_left_alone(tmp_path):
    # the first member matches a, so OpenCC never looks at the second's ab: one merged table
    # would match ab instead
    config = _config(tmp_path, {"A": {"a": "1"}, "B": {"ab": "2"}}, {
        "type": "group", "match_policy": "short_circuit", "dicts": [_text("A"), _text("B")]})
    assert opencc.OpenCC(config).convert("ab") == "1b"
    assert _flatten(tmp_path, config) is None


@needs_tool
def test_a_flattening_that_converts_differently_is_refused(tmp_path, monkeypatch):
    config = _config(tmp_path, {"A": {"ab": "X"}, "C": {"a": "1"}}, {
        "type": "group", "match_policy": "short_circuit", "dicts": [_text("A"), _text("C")]})
    assert _flatten(tmp_path, config) is not None
    wrong = opencc_flat._flatten

    def misread(spec, tool, tmp):
        mapping, low, high = wrong(spec, tool, tmp)
        return {**mapping, "ab": "Q"}, low, high

    monkeypatch.setattr(opencc_flat, "_flatten", misread)
    assert _flatten(tmp_path, config) is None


@needs_tool
def test_an_opencc_dict_that_fails_is_not_run_again(cache, monkeypatch, tmp_path):
    broken = tmp_path / "opencc_dict"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(opencc_flat, "opencc_paths", lambda: (PATHS[0], str(broken)))
    runs = []
    real = opencc_flat._run
    monkeypatch.setattr(opencc_flat, "_run", lambda *a: runs.append(a) or real(*a))
    assert opencc_flat.flat_config("s2t") is None
    assert opencc_flat.flat_config("s2t") is None
    assert len(runs) == 1  # the second process finds the mark and does not try
    assert script.converter("s2t").convert("干部队伍") == "幹部隊伍"
