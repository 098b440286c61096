"""The ``gwlint`` command runs Python's cyclic garbage collector rarely (lint/entry.py). That
costs no memory only while linting makes no reference cycles, which these tests check on
real files; the Word reader collects the cycles python-docx makes, which hold whole XML
trees (without that, 200 Word files took 1 GB). A program that uses gwlint as a library
keeps its collector as it was."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

from lint import cli
from lint.entry import GC_THRESHOLDS
from lint.fix import fix_document
from lint.formats import Options, messages, stylish
from lint.formats import json as json_format
from lint.readers import read_path

from .test_docx import make_docx

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
MARKDOWN = ROOT / "tests" / "fixtures" / "markdown" / "report.md"


def test_the_command_sets_the_thresholds_and_still_reports():
    code = textwrap.dedent(f"""
        import atexit, gc, sys
        atexit.register(lambda: print("thresholds", gc.get_threshold(), file=sys.stderr))
        sys.argv = ["gwlint", "-f", "unix", {str(SEEDS[0])!r}]
        from lint.entry import console
        console()
    """)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=60)
    assert run.returncode == 1, run.stderr
    assert f"thresholds {GC_THRESHOLDS}" in run.stderr
    assert run.stdout.startswith(f"{SEEDS[0]}:")
    assert run.stdout.rstrip().endswith("problems")


def test_library_use_keeps_the_collector_as_it_was(capsys):
    before = gc.get_threshold()
    assert cli.main(["-f", "unix", str(SEEDS[0])]) == 1
    assert capsys.readouterr().out.startswith(f"{SEEDS[0]}:")
    assert gc.get_threshold() == before


def _lint_everything(linter, paths):
    results = []
    for path in paths:
        doc = read_path(path, str(path))
        fix_document(linter, doc)
        result = linter.lint_document(doc)
        messages(result)
        results.append(result)
    "".join(json_format.format(results, Options()))
    "".join(stylish.format(results, Options()))


@contextmanager
def _collector_off():
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cycles(linter, paths) -> int:
    """Objects in reference cycles left by linting, fixing and formatting ``paths`` again."""
    _lint_everything(linter, paths)  # first use: patterns compiled, tables built
    with _collector_off():
        _lint_everything(linter, paths)
        return gc.collect()


def test_the_seeds_make_no_reference_cycles(linter):
    assert _cycles(linter, [*SEEDS, MARKDOWN]) == 0


def test_the_real_reports_make_no_reference_cycles(linter, real_corpus):
    assert _cycles(linter, real_corpus) == 0


def test_reading_a_word_file_leaves_no_reference_cycles(tmp_path):
    path = make_docx(tmp_path / "report.docx")
    read_path(path, str(path))  # first use: python-docx imported
    with _collector_off():
        doc = read_path(path, str(path))
        assert gc.collect() == 0
    assert doc.text.splitlines()[2] == "全年开展xxx次学习,覆盖全体职工。"
