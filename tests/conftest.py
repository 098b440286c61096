"""Shared fixtures: the repository's seeds, the real corpus beside the repository (tests
that need it skip when it is absent), and a linter with the default preset."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from lint.config import load
from lint.engine import Linter

# parsed YAML is cached per user; the tests keep theirs apart (and start cold), and remove it
if "GWLINT_CACHE_DIR" not in os.environ:
    os.environ["GWLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="gwlint-test-cache-")
    atexit.register(shutil.rmtree, os.environ["GWLINT_CACHE_DIR"], ignore_errors=True)

# A test run started as a background job of a script (``pytest &``, nohup, some CI runners)
# inherits SIGINT ignored, and so does every process it starts: gwlint then rightly ignores
# Ctrl-C (tests/test_exit.py), and the tests that press Ctrl-C failed with status 1 instead
# of 130. They need SIGINT as a terminal gives it; a signal with a handler is set back to
# its default in a child at exec, so the commands the tests run get it too.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
REAL = REPO.parent / "shared" / "corpus" / "real"


@pytest.fixture()
def deadline():
    """Fail after 60 s instead of waiting forever (for a worker process that never ends, or
    a run that never returns)."""
    import signal

    def expired(signum, frame):
        raise TimeoutError("the test did not end within 60 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture()
def forks(monkeypatch) -> list[int]:
    """The processes forked (their pids): proof that workers really ran."""
    forked: list[int] = []
    original = os.fork

    def spy():
        pid = original()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", spy)
    return forked


@pytest.fixture(scope="session")
def linter() -> Linter:
    """The default preset, as a user without any configuration gets it."""
    return Linter(load(start=SEEDS))


@pytest.fixture(scope="session")
def real_corpus() -> list[Path]:
    if not REAL.is_dir():
        pytest.skip(f"real corpus not found at {REAL} (it lives in ../shared beside the repo)")
    return sorted(REAL.glob("*.txt"))


def seed(name: str) -> Path:
    return next(SEEDS.glob(f"{name}_*.txt"))


def found(result, rule_id: str) -> list[tuple[int, int]]:
    """(line, column) of the findings of one rule."""
    doc = result.doc
    return [doc.position(f.start) for f in result.findings if f.rule_id == rule_id]


def real_findings(linter, real_corpus, rule_ids, level: str | None = None) -> set[tuple]:
    """(file name, rule id, line, column) of the findings of ``rule_ids`` on the real corpus
    (only those at ``level`` when given): what the tests compare with the known defects."""
    seen = set()
    for path in real_corpus:
        result = linter.lint_file(path)
        for f in result.findings:
            if f.rule_id in rule_ids and (level is None or f.level.value == level):
                seen.add((path.name, f.rule_id, *result.doc.position(f.start)))
    return seen


def linter_with_pack(folder: Path, pack_text: str, name: str = "pack.yaml") -> Linter:
    """The default preset plus a rule pack written to ``folder`` (errors in it raise)."""
    pack = folder / name
    pack.write_text(pack_text, encoding="utf-8")
    config = load(start=folder)
    config.packs.append((pack, False, "test", 1))
    return Linter(config)


def documented(pack_text: str) -> str:
    """A rule pack's text with ``why`` and an example added to each rule that lacks them
    (every rule of a pack must carry both, SPEC §5): for tests about something else."""
    import re

    def add(m: re.Match) -> str:
        indent = " " * (len(m.group(1)) + 2)
        return f"{m.group(0)}{indent}why: 测试用规则\n{indent}examples: {{bad: [x]}}\n"

    if "why:" in pack_text:
        return pack_text
    return re.sub(r"(?m)^( *)- id: [^\n]+\n", add, pack_text)


@pytest.fixture(scope="session")
def linter_any_script() -> Linter:
    """The default preset with mixed-script's ``expect: any`` (Hong Kong, Macao, Taiwan
    documents): a traditional document is checked for the simplified characters in it,
    instead of being reported once as not written in 规范汉字."""
    config = load(start=SEEDS)
    from lint.config import RuleSetting

    config.settings["mixed-script"] = RuleSetting(options={"expect": "any"}, source="test")
    return Linter(config)
