"""``--jobs 2`` lints in forked worker processes: the report, the exit status and the fixed
files must be exactly those of ``--jobs 1``."""

from __future__ import annotations

import shutil
import sys

import pytest

from lint import cli, cpus, runner

from .conftest import SEEDS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    """Twice the seeds (traditional and simplified ones), enough files to go parallel (the
    size threshold is lifted: they are only 0.1 MB)."""
    monkeypatch.setattr(runner, "BYTES_PER_PROCESS", 1)
    for copy in ("a", "b"):
        (tmp_path / copy).mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(path, tmp_path / copy / path.name)
    assert len(list(tmp_path.glob("*/*.txt"))) >= runner.PARALLEL_MIN_FILES
    return tmp_path


def run(monkeypatch, capsys, folder, *argv):
    monkeypatch.chdir(folder)
    status = cli.main(["--no-color", *argv, "."])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("fmt", [["json"], ["unix"], ["stylish"], ["json", "--quiet"],
                                 ["compact", "--max-warnings", "0"]])
def test_two_workers_report_what_one_process_reports(monkeypatch, capsys, folder, forks, fmt):
    # (workers send resolved messages, not Findings: formats, --quiet and the exit status
    # read those)
    one = run(monkeypatch, capsys, folder, "--jobs", "1", "-f", *fmt)
    assert forks == []
    two = run(monkeypatch, capsys, folder, "--jobs", "2", "-f", *fmt)
    assert len(forks) == 1  # and this process lints too
    three = run(monkeypatch, capsys, folder, "--jobs", "3", "-f", *fmt)
    assert len(forks) == 3
    assert one[0] == two[0] == three[0] == 1
    assert one[1] == two[1] == three[1] and len(one[1]) > 10_000
    assert one[2] == two[2] == three[2]


@pytest.mark.skipif(not hasattr(__import__("os"), "sched_setaffinity"),
                    reason="this system cannot restrict a process to some CPUs")
def test_the_default_is_the_cpus_gwlint_may_run_on(monkeypatch, capsys, folder, forks):
    import os

    monkeypatch.setattr(cpus, "cgroup_cpu_quota", lambda: None)  # whatever runs the tests
    allowed = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(allowed)})  # as `taskset -c 0 gwlint` would
        assert cpus.available_cpus() == 1
        run(monkeypatch, capsys, folder, "-f", "unix")
        assert forks == []  # os.cpu_count() still counts every CPU of the machine
    finally:
        os.sched_setaffinity(0, allowed)
    assert cpus.available_cpus() == len(allowed)
    if len(allowed) > 1:
        run(monkeypatch, capsys, folder, "-f", "unix")
        assert len(forks) == min(len(allowed), len(list(folder.glob("*/*.txt")))) - 1


def test_the_default_stays_within_a_cgroup_cpu_quota(monkeypatch, capsys, folder, forks):
    """`docker run --cpus=1` on a machine of many CPUs: all of them in the affinity mask,
    one CPU's worth of time (tests/test_cpus.py reads real and made-up cgroup files)."""
    monkeypatch.setattr(cpus, "cgroup_cpu_quota", lambda: 1)
    status, out, _ = run(monkeypatch, capsys, folder, "-f", "unix")
    assert forks == []
    monkeypatch.setattr(cpus, "cgroup_cpu_quota", lambda: None)
    assert run(monkeypatch, capsys, folder, "-f", "unix")[:2] == (status, out)
    assert len(forks) == min(cpus.available_cpus(), len(list(folder.glob("*/*.txt")))) - 1


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
            shutil.copyfile(path, tmp_path / copy / path.name)
    status, out, _ = run(monkeypatch, capsys, tmp_path, "--jobs", "2", "-f", "unix")
    assert status == 1 and out.count("\n") > 100
    assert forks == []
    assert runner._processes(sorted(tmp_path.glob("*/*.txt")), 2) == 1


def test_a_run_gets_a_process_per_200_kb_up_to_jobs(tmp_path):
    files = []
    for i in range(20):
        path = tmp_path / f"{i:02}.txt"
        path.write_bytes(b"x" * 50_000)  # 1 MB in all
        files.append(path)
    assert runner.BYTES_PER_PROCESS == 200_000
    assert runner._processes(files, 16) == 5  # a 16-CPU machine: five processes, not 16
    assert runner._processes(files, 3) == 3
    assert runner._processes(files, 1) == 1
    assert runner._processes(files[:7], 16) == 1  # under PARALLEL_MIN_FILES
    assert runner._processes(files[:8], 16) == 2  # 0.4 MB
    assert runner._processes(files[:7] + [tmp_path / "gone.txt"], 16) == 1  # counted as 0


_LINT_ONE = runner._lint_one
_FIRST = {"pid": 0, "calls": 0}


def _a_worker_dies(path):
    """runner._lint_one, except that a worker dies on its third file (as by the OOM killer
    or a crash in C code), once it has sent two results. This process, which lints too, is
    slow, so that the workers are always handed more chunks."""
    import os
    import time

    if os.getpid() == _FIRST["pid"]:
        time.sleep(0.1)
    else:
        _FIRST["calls"] += 1
        if _FIRST["calls"] == 3:
            os._exit(9)
    return _LINT_ONE(path)


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_a_worker_that_dies_stops_the_run_with_a_message(monkeypatch, capsys, folder, deadline,
                                                         jobs):
    import os

    from lint import forkpool

    files = sorted(folder.glob("*/*.txt"))
    assert forkpool.chunks(len(files), int(jobs))[:3] == [(0, 1), (1, 2), (2, 3)]
    monkeypatch.setattr(runner, "_lint_one", _a_worker_dies)
    monkeypatch.setitem(_FIRST, "pid", os.getpid())
    status, out, err = run(monkeypatch, capsys, folder, "--jobs", jobs, "-f", "unix")
    assert status == cli.EXIT_FATAL
    assert err == ("gwlint: a worker process ended unexpectedly (killed, or out of memory?); "
                   "--jobs 1 lints in one process\n")
    # the files before the lost chunk were reported, and none after it
    assert out.startswith(str(files[0]) + ":")
    assert str(files[-1]) not in out


@pytest.mark.parametrize("fmt", ["sarif", "json", "checkstyle"])
def test_a_worker_that_dies_leaves_a_whole_report_of_a_failed_run(monkeypatch, capsys, folder,
                                                                   deadline, fmt):
    """The sarif log (and json, and XML) stopped mid-way: no JSON a code-scanning upload
    could read. It ends as a whole one, with the files before the lost chunk, and sarif
    records that the run failed and why."""
    import json
    import os
    import xml.etree.ElementTree as ET

    files = sorted(folder.glob("*/*.txt"))
    monkeypatch.setattr(runner, "_lint_one", _a_worker_dies)
    monkeypatch.setitem(_FIRST, "pid", os.getpid())
    status, out, err = run(monkeypatch, capsys, folder, "--jobs", "2", "-f", fmt)
    died = ("a worker process ended unexpectedly (killed, or out of memory?); --jobs 1 lints "
            "in one process")
    assert (status, err) == (cli.EXIT_FATAL, f"gwlint: {died}\n")
    if fmt == "checkstyle":
        names = [f.get("name") for f in ET.fromstring(out).iter("file")]
    elif fmt == "json":
        names = [entry["filePath"] for entry in json.loads(out)]
    else:
        log = json.loads(out)["runs"][0]
        names = sorted({str(folder / r["locations"][0]["physicalLocation"]["artifactLocation"]
                                   ["uri"]) for r in log["results"]})
        assert log["invocations"] == [{
            "executionSuccessful": False, "exitCode": 2,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": died}}]}]
    assert names and str(files[0]) in names and str(files[-1]) not in names


def test_a_worker_that_dies_in_a_dry_run_leaves_the_report_of_the_files_before_it(
        monkeypatch, capsys, folder, deadline):
    """--fix --dry-run collects every result before it reports (its diffs come first): a
    worker's death left an empty report. The files before the lost chunk are reported, the
    json ends as a whole, the diffs of those files are on standard error before the message,
    and nothing is written."""
    import json
    import os

    files = sorted(folder.glob("*/*.txt"))
    before = {f: f.read_bytes() for f in files}
    monkeypatch.setattr(runner, "_lint_one", _a_worker_dies)
    monkeypatch.setitem(_FIRST, "pid", os.getpid())
    status, out, err = run(monkeypatch, capsys, folder, "--jobs", "2", "--fix", "--dry-run",
                           "-f", "json")
    assert status == cli.EXIT_FATAL
    names = [entry["filePath"] for entry in json.loads(out)]
    assert names and names == [str(f) for f in files[:len(names)]]
    assert len(names) < len(files)
    diffed = [line[len("--- a/"):] for line in err.splitlines() if line.startswith("--- a/")]
    assert diffed and all(str(folder / name) in names for name in diffed)
    assert err.endswith("gwlint: a worker process ended unexpectedly (killed, or out of "
                        "memory?); --jobs 1 lints in one process\n")
    assert {f: f.read_bytes() for f in files} == before


def test_ctrl_c_stops_workers_quietly(tmp_path):
    """Ctrl-C reaches the whole process group: gwlint exits 130, its workers print nothing."""
    import os
    import signal
    import subprocess
    import time

    if not os.path.exists(f"/proc/self/task/{os.getpid()}/children"):
        pytest.skip("this kernel lists no /proc/PID/task/TID/children to watch the workers by")
    for copy in range(40):  # ~4 MB: parallel, and long enough to interrupt
        (tmp_path / f"c{copy}").mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(path, tmp_path / f"c{copy}" / path.name)
    proc = subprocess.Popen([sys.executable, "-m", "lint", "--jobs", "3", "-f", "unix", "."],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    children = f"/proc/{proc.pid}/task/{proc.pid}/children"
    started = time.monotonic()
    while time.monotonic() - started < 30:  # until both workers are forked (this one lints too)
        if proc.poll() is not None:
            pytest.fail(f"gwlint ended before its workers started: {proc.stderr.read()!r}")
        with open(children) as handle:
            if len(handle.read().split()) >= 2:
                break
        time.sleep(0.005)
    else:
        pytest.fail("the workers never started")
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert proc.returncode == 130
    assert err == b""


def test_when_no_worker_can_be_forked_the_run_goes_on_in_one_process(monkeypatch, capsys, folder,
                                                                     deadline):
    """The first worker forks, the second cannot (EAGAIN: a process limit): the forked one is
    ended, not left waiting for work, and the files are linted here."""
    import errno
    import os

    one = run(monkeypatch, capsys, folder, "--jobs", "1", "-f", "unix")
    real_fork, forks = os.fork, []

    def fork_once():
        forks.append(1)
        if len(forks) > 1:
            raise OSError(errno.EAGAIN, os.strerror(errno.EAGAIN))
        pid = real_fork()
        if pid:
            forks[-1] = pid
        return pid

    monkeypatch.setattr(os, "fork", fork_once)
    status, out, err = run(monkeypatch, capsys, folder, "--jobs", "3", "-f", "unix")
    assert len(forks) == 2
    assert (status, out) == one[:2]
    assert err == ("gwlint: cannot start worker processes (Resource temporarily unavailable); "
                   "linting in one process\n")
    with pytest.raises(ChildProcessError):  # the first worker has ended and was waited for
        os.waitpid(forks[0], os.WNOHANG)


def test_a_reader_that_goes_away_ends_the_workers_quietly(tmp_path):
    """``gwlint --jobs 2 . | head -1``: no traceback, and no worker is left behind."""
    import os
    import subprocess

    for copy in range(12):  # 0.55 MB: parallel
        (tmp_path / f"c{copy}").mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(path, tmp_path / f"c{copy}" / path.name)
    assert runner._processes(sorted(tmp_path.glob("*/*.txt")), 2) == 2
    proc = subprocess.Popen([sys.executable, "-m", "lint", "--jobs", "2", "-f", "unix", "."],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    assert proc.stdout.readline().startswith(str(tmp_path).encode())
    proc.stdout.close()
    try:
        err = proc.stderr.read()
        proc.wait(timeout=60)
    finally:
        proc.stderr.close()
    assert err == b""
    with pytest.raises(ProcessLookupError):  # its process group is empty: the workers ended
        os.killpg(proc.pid, 0)
