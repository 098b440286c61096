"""The user cache (lint.yamlload): an interrupted write leaves nothing behind, and a process
that writes an entry removes gwlint's entries not written for MAX_AGE, and nothing else."""

from __future__ import annotations

import os
import sys
import time

import pytest

from lint import yamlload

HEX = "0123456789abcdef" * 2 + "01234567"  # 40 hexadecimal digits, as _cache_key gives


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("GWLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(yamlload, "_PRUNED", set())
    return folder


def _aged(path, days: float) -> None:
    path.write_bytes(b"x")
    then = time.time() - days * 86400
    os.utime(path, (then, then))


class _Interrupted:
    def __reduce__(self):
        raise KeyboardInterrupt


def test_an_interrupted_write_leaves_no_temporary_file(cache):
    with pytest.raises(KeyboardInterrupt):
        yamlload._cache_put(HEX, {"a": _Interrupted()})
    assert list(cache.iterdir()) == []


def test_a_write_removes_old_entries_and_stale_temporary_files_only(cache):
    old = {
        f"{HEX}.pickle": 31,
        f"opencc-s2t-{HEX}.json": 40,
        f"opencc-s2t-{HEX}-0.ocd2": 40,
        f"opencc-s2t-{HEX}.json.unusable": 90,
        "gwlint-abc123.tmp": 0.1,            # 2.4 hours: its writer was killed
        ".opencc-s2t-x.json.k2j3.gwlint-tmp": 0.1,
    }
    kept = {
        f"{HEX[::-1]}.pickle": 29,           # younger than MAX_AGE
        "gwlint-young.tmp": 0.01,            # 15 minutes: may be another process's write
        "notes.json": 400,                   # not gwlint's (a shared GWLINT_CACHE_DIR)
        f"{HEX}.pickle.bak": 400,
        "tmpabc.tmp": 400,
    }
    for name, days in {**old, **kept}.items():
        _aged(cache / name, days)
    (cache / "opencc-old-dir").mkdir()  # a folder is never removed

    yamlload._cache_put("f" * 40, {"new": 1})

    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [*kept, "opencc-old-dir", f"{'f' * 40}.pickle"])


def test_the_folder_is_scanned_once_per_process(cache):
    yamlload._cache_put("a" * 40, 1)
    _aged(cache / f"{HEX}.pickle", 60)
    yamlload._cache_put("b" * 40, 2)
    assert (cache / f"{HEX}.pickle").exists()


def test_a_removed_entry_is_built_again(cache):
    from lint.yamlload import load_yaml

    text = "rules:\n  - id: a\n    kind: b\n"
    load_yaml(text, "p.yaml")
    (entry,) = cache.glob("*.pickle")
    yamlload._PRUNED.clear()
    yamlload.prune(str(cache), now=time.time() + yamlload.MAX_AGE + 60)
    assert not entry.exists()
    assert load_yaml(text, "p.yaml")["rules"][0].line_of("kind") == 3
    assert entry.exists()


def test_entries_of_other_runs_are_kept_up_to_a_size(cache):
    """Every run reads a CacheFile whole: what other runs compiled is carried over while it
    fits in max_bytes (a huge pattern of a configuration used once is dropped), and what
    this run used is always kept."""
    def run(first=None):  # the file as a new process sees it (saved by hand, not at exit)
        cached = (first or yamlload.CacheFile("t", lambda: "v1", limit=10, max_bytes=100)).fresh()
        cached._writer = os.getpid()  # (no exit handler)
        return cached

    earlier = run()
    for key, size in (("big", 90), ("mid", 60), ("small", 30), ("tiny", 5)):
        earlier.put(key, b"x" * size)
    earlier.save()
    assert sorted(run(earlier)._load()) == ["big", "mid", "small", "tiny"]  # (all used)
    mine = run(earlier)
    mine.put("mine", b"y" * 500)
    mine.save()
    assert sorted(run(mine)._load()) == ["big", "mine", "tiny"]  # 90 + 5 of 100 bytes
    again = run(mine)
    again.get("mine")
    again.put("new", b"z")
    again.save()
    assert sorted(run(again)._load()) == ["big", "mine", "new", "tiny"]


WORKER_CACHE = yamlload.CacheFile("worker-test", lambda: "v1", limit=100)


def _put_in_worker(n):
    if os.getpid() != _PARENT["pid"]:
        WORKER_CACHE.put(n, os.getpid())
    return n


_PARENT = {"pid": 0}


@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")
def test_a_worker_saves_what_it_added_to_the_cache(cache, monkeypatch):
    """A forked worker ends with os._exit, which runs no exit handler: the entries it
    added (words converted by s2t) were lost, and every run built s2t again in the worker
    that met the report needing it. The runner's workers save theirs when done."""
    from lint import forkpool

    monkeypatch.setattr(sys.modules[__name__], "WORKER_CACHE", WORKER_CACHE.fresh())
    monkeypatch.setitem(_PARENT, "pid", os.getpid())
    assert WORKER_CACHE.get("here") is None  # this process read the file before the fork
    items = list(range(200))
    assert list(forkpool.ordered_map(_put_in_worker, items, 2,
                                     finish=yamlload.save_written)) == items
    saved = WORKER_CACHE.fresh()._load()  # (WORKER_CACHE: this process's, still empty)
    assert saved and set(saved) < set(items) and WORKER_CACHE._writer == 0
    assert len(set(saved.values())) == 1 and os.getpid() not in saved.values()
    # this process saves at its exit, after the worker: the worker's entries stay
    WORKER_CACHE.put("here", os.getpid())
    WORKER_CACHE.save()
    assert WORKER_CACHE.fresh()._load() == {**saved, "here": os.getpid()}


def test_a_converted_word_comes_from_the_cache_in_a_later_run(cache, monkeypatch):
    """Writing a term's fix into a traditional report built s2t (~15 ms) in every run that
    met one; a later run takes the word's conversions from the cache and builds nothing."""
    from lint.kinds import script

    monkeypatch.setattr(script, "WORDS", script.WORDS.fresh())
    assert script.convert_word("s2t", "四个意识") == "四個意識"
    script.WORDS.save()
    monkeypatch.setattr(script, "WORDS", script.WORDS.fresh())  # the next run
    monkeypatch.setattr(script, "_CONVERTERS", {})
    monkeypatch.setattr(script, "_opencc", lambda config: pytest.fail(f"{config} built"))
    assert script.convert_word("s2t", "四个意识") == "四個意識"
    long = "党" * (script.WORD_MAX + 1)  # not a word: converted, not kept
    with pytest.raises(pytest.fail.Exception, match="s2t built"):
        script.convert_word("s2t", long)
