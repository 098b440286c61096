"""``--jobs 2`` lints in forked worker processes: the report, the exit status and the fixed
files must be exactly those of ``--jobs 1``."""

from __future__ import annotations

import shutil
import sys

import pytest

from lint import cli, runner

from .conftest import SEEDS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    """Twice the seeds (traditional and simplified ones), enough files to go parallel (the
    size threshold is lifted: they are only 0.1 MB)."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    for copy in ("a", "b"):
        (tmp_path / copy).mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, tmp_path / copy / path.name)
    assert len(list(tmp_path.glob("*/*.txt"))) >= runner.PARALLEL_MIN_FILES
    return tmp_path


def run(monkeypatch, capsys, folder, *argv):
    monkeypatch.chdir(folder)
    status = cli.main(["--no-color", *argv, "."])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture()
def forks(monkeypatch) -> list[str]:
    """The multiprocessing contexts asked for: proof that workers really ran."""
    import multiprocessing

    asked: list[str] = []
    original = multiprocessing.get_context

    def spy(method=None):
        asked.append(method)
        return original(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    return asked


@pytest.mark.parametrize("fmt", [["json"], ["unix"], ["stylish"], ["json", "--quiet"],
                                 ["compact", "--max-warnings", "0"]])
def test_two_workers_report_what_one_process_reports(monkeypatch, capsys, folder, forks, fmt):
    # (workers send resolved messages, not Findings: formats, --quiet and the exit status
    # read those)
    one = run(monkeypatch, capsys, folder, "--jobs", "1", "-f", *fmt)
    assert forks == []
    two = run(monkeypatch, capsys, folder, "--jobs", "2", "-f", *fmt)
    assert forks == ["fork"]
    assert one[0] == two[0] == 1
    assert one[1] == two[1] and len(one[1]) > 10_000
    assert one[2] == two[2]


def test_two_workers_fix_what_one_process_fixes(monkeypatch, capsys, folder, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(folder, other, dirs_exist_ok=True)
    run(monkeypatch, capsys, folder, "--jobs", "1", "--fix", "-f", "unix")
    run(monkeypatch, capsys, other, "--jobs", "2", "--fix", "-f", "unix")
    fixed = sorted(p.relative_to(folder) for p in folder.glob("*/*.txt"))
    assert fixed == sorted(p.relative_to(other) for p in other.glob("*/*.txt"))
    changed = 0
    for rel in fixed:
        assert (folder / rel).read_bytes() == (other / rel).read_bytes(), rel
        changed += (folder / rel).read_bytes() != (SEEDS / rel.name).read_bytes()
    assert changed >= 2


def test_a_small_run_stays_in_one_process(monkeypatch, capsys, tmp_path, forks):
    """Ten seed files (0.1 MB): forking costs more than it saves, even with --jobs 2."""
    for copy in ("a", "b"):
        (tmp_path / copy).mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, tmp_path / copy / path.name)
    status, out, _ = run(monkeypatch, capsys, tmp_path, "--jobs", "2", "-f", "unix")
    assert status == 1 and out.count("\n") > 100
    assert forks == []
    assert runner._total_size(sorted(tmp_path.glob("*/*.txt"))) < runner.PARALLEL_MIN_BYTES
