"""How the ``gwlint`` command ends: ``lint.cli.quick_exit`` skips freeing every object, but
exit handlers still run (caches are saved), the output is complete, the status is main()'s,
a reader that goes away early gets no traceback, and a thread still running is waited for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: output buffered as a user's Python buffers it (a pipe: in blocks), so that a flush missed
#: before os._exit would lose text
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, cwd=ROOT, env={**BUFFERED, **env}, timeout=60)


def test_handlers_run_and_output_is_flushed_before_the_status():
    run = _python("""
        import atexit, sys
        from lint.cli import quick_exit
        atexit.register(lambda: print("handler"))
        print("written", end="/")
        sys.stderr.write("note")
        quick_exit(3)
        print("never")
    """)
    assert (run.returncode, run.stdout, run.stderr) == (3, "written/handler\n", "note")


def test_a_running_thread_is_waited_for():
    run = _python("""
        import threading, time
        from lint.cli import quick_exit
        def late():
            time.sleep(0.3)
            print("thread done")
        threading.Thread(target=late).start()
        quick_exit(4)
    """)
    assert (run.returncode, run.stdout) == (4, "thread done\n")


def test_command_output_is_whole_and_caches_are_saved(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**BUFFERED, "GWLINT_CACHE_DIR": str(cache)}
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "json", "--jobs", "1", str(SEEDS)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert run.returncode == 1 and run.stderr == ""
    files = json.loads(run.stdout)  # far more than a pipe's buffer, all of it
    assert len(run.stdout.encode()) > 65536
    assert sum(len(f["messages"]) for f in files) == 629
    assert len(files) == len(list(SEEDS.glob("*.txt")))
    # the parsed packs and compiled patterns are written by exit handlers
    assert len(list(cache.glob("*.pickle"))) >= 3


def test_a_profiler_gets_to_write_its_profile(tmp_path):
    """bench/README.md's `python -m cProfile -o F -m lint ...` wrote no profile: the
    process ended by os._exit before cProfile could write it."""
    out = tmp_path / "gwlint.prof"
    run = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "lint",
                          "-f", "unix", str(SEEDS / "004_60b6c89003b2998b.txt")],
                         capture_output=True, text=True, env=BUFFERED, cwd=ROOT, timeout=120)
    # (cProfile catches the SystemExit: its status is 0, whatever the program's)
    assert run.stdout.endswith("\n88 problems\n") and run.stderr == ""
    import pstats

    assert pstats.Stats(str(out)).total_calls > 0


def test_a_reader_that_goes_away_gets_no_traceback():
    """...and the status of what was found until then: the seeds' first file has errors,
    and it is counted before a line of it is written. (Status 0 made `gwlint drafts |
    head` pass under pipefail.)"""
    for fmt in ("json", "stylish"):
        proc = subprocess.Popen([sys.executable, "-m", "lint", "-f", fmt, str(SEEDS)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                                env=BUFFERED)
        assert proc.stdout.read(10)
        proc.stdout.close()  # as `gwlint ... | head -c 10` does
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 1
        assert err == b"", fmt


def test_standard_input_that_cannot_be_read(tmp_path):
    """`gwlint - <&-` and `gwlint - 0>file` were tracebacks: one line and status 2."""
    closed = subprocess.run(f"{sys.executable} -m lint - <&-", shell=True, cwd=ROOT,
                            capture_output=True, text=True, env=BUFFERED, timeout=60)
    assert (closed.returncode, closed.stdout, closed.stderr) == (
        2, "", "gwlint: cannot read standard input: it is closed\n")
    write_only = subprocess.run(f"{sys.executable} -m lint - 0>{tmp_path / 'x'}", shell=True,
                                cwd=ROOT, capture_output=True, text=True, env=BUFFERED,
                                timeout=60)
    assert (write_only.returncode, write_only.stderr) == (
        2, "gwlint: cannot read standard input: Bad file descriptor\n")


@pytest.mark.parametrize("stderr", ["2>/dev/full", "2>&-"])
def test_a_standard_error_that_cannot_take_notes_costs_no_report(tmp_path, stderr):
    """A binary file's notice could not be written: the report on standard output was
    lost, and a closed standard error sent the notes into the report."""
    (tmp_path / "elf.txt").write_bytes(b"\x7fELF\x00\x00binary")
    (tmp_path / "d.txt").write_text("上报XX条。\n", encoding="utf-8")
    run = subprocess.run(f"{sys.executable} -m lint -f unix elf.txt d.txt {stderr}",
                         shell=True, cwd=tmp_path, capture_output=True, text=True,
                         env={**BUFFERED, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert (run.returncode, run.stdout) == (
        1, f"{tmp_path / 'd.txt'}:1:3: 占位符“XX”未替换 [Error/placeholder]\n\n1 problem\n")


def test_output_still_buffered_when_the_reader_has_gone():
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys
        from lint.cli import quick_exit
        sys.stdin.read()  # until the test has closed its end of standard output
        print("x" * 100)
        quick_exit(5)
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        env=BUFFERED)
    proc.stdout.close()
    proc.stdin.close()
    assert proc.stderr.read() == b""
    assert proc.wait(timeout=60) == 5


# -- standard output that cannot take the report ------------------------------------------
# A full disk or /dev/full ended in an OSError traceback (status 1), and a standard output
# closed before the start (gwlint >&-, where Python leaves sys.stdout None) in an
# AttributeError: one line and status 2 now, as -o FILE already did.


def _closed_stdout():
    os.close(1)  # in the child, before gwlint starts: as `gwlint ... >&-` does


def _gwlint(*args: str, stdout=None, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT, env=BUFFERED,
                          preexec_fn=preexec_fn, timeout=120)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [("-f", "json", str(SEEDS)), (str(SEEDS),),
                                  ("--fix", "--dry-run", "a.txt"), ("--list-rules",)])
def test_a_full_standard_output_is_one_line_and_status_2(args, tmp_path):
    (tmp_path / "a.txt").write_text("再接再励,布署工作。\n", encoding="utf-8")
    args = [str(tmp_path / a) if a == "a.txt" else a for a in args]
    with open("/dev/full", "w") as full:
        run = _gwlint(*args, stdout=full)
    assert (run.returncode, run.stderr) == (
        2, "gwlint: cannot write the report: No space left on device\n")


@pytest.mark.parametrize("args", [("-f", "json", str(SEEDS)), (str(SEEDS),),
                                  ("--list-rules",)])
def test_a_closed_standard_output_is_one_line_and_status_2(args):
    run = _gwlint(*args, preexec_fn=_closed_stdout)
    assert (run.returncode, run.stderr) == (
        2, "gwlint: cannot write the report: standard output is closed\n")


def test_a_closed_standard_error_leaves_standard_output_to_the_report(tmp_path):
    """With descriptor 2 closed (2>&-), sys.stderr is None and print(file=None) writes to
    standard output: the --dry-run diff and the notes came before the JSON."""
    (tmp_path / "a.txt").write_text("再接再励,布署工作。\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "lint", "--fix", "--dry-run", "-f", "json",
                          str(tmp_path / "a.txt")], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                         env=BUFFERED, preexec_fn=lambda: os.close(2), timeout=120)
    assert (run.returncode, json.loads(run.stdout)) == (
        0, [{"messages": [], "filePath": str(tmp_path / "a.txt")}])


def test_a_closed_standard_output_is_no_error_when_there_is_nothing_to_write(tmp_path):
    (tmp_path / "ok.txt").write_text("全年开展学习12次。\n", encoding="utf-8")
    run = _gwlint(str(tmp_path / "ok.txt"), preexec_fn=_closed_stdout)
    assert (run.returncode, run.stderr) == (0, "")
    # and -o FILE needs no standard output at all
    run = _gwlint(str(SEEDS), "-f", "json", "-o", str(tmp_path / "r.json"),
                  preexec_fn=_closed_stdout)
    assert (run.returncode, run.stderr) == (1, "")
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))) == len(
        list(SEEDS.glob("*.txt")))


# -- Ctrl-C that does not reach main() as a KeyboardInterrupt -----------------------------


def _interrupt_self():
    import signal

    os.kill(os.getpid(), signal.SIGINT)  # the handler runs (and raises) before this returns


def test_ctrl_c_swallowed_on_its_way_still_ends_the_run_with_130(monkeypatch, capsys):
    """Python only prints a KeyboardInterrupt raised inside ``__del__`` and goes on (seen in
    the ``regex`` module's while a pattern compiles): the run then completes, but the user
    pressed Ctrl-C and the status says so."""
    import signal

    from lint import cli

    def run_that_swallows_it(args):
        try:
            _interrupt_self()
        except KeyboardInterrupt:
            pass
        return 1

    monkeypatch.setattr(cli, "_run", run_that_swallows_it)
    before = signal.getsignal(signal.SIGINT)
    assert cli.main([str(SEEDS)]) == 130
    assert signal.getsignal(signal.SIGINT) is before  # put back
    monkeypatch.setattr(cli, "_run", lambda args: 1)
    assert cli.main([str(SEEDS)]) == 1  # the next run starts afresh


def test_ctrl_c_inside_a_finalizer_is_not_printed_and_still_ends_with_130():
    """A KeyboardInterrupt raised inside a ``__del__`` or a generator freed mid-iteration
    cannot be raised there; Python prints it as "Exception ignored" (twice in ~2,000 runs of
    tests/test_parallel.py's Ctrl-C case, once failing that test). The command prints nothing
    and ends with 130; any other exception of a finalizer is still printed."""
    run = _python("""
        import gc, os, signal, sys
        from lint import cli

        class Finalized:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGINT)  # raised here, in the finalizer

        class Broken:
            def __del__(self):
                raise ValueError("a real bug")

        def run_with_finalizers(args):
            Finalized()
            Broken()
            print("the run went on")
            return 1

        cli._run = run_with_finalizers
        print("status", cli.main([]))
        Finalized()  # after main(): not watched any more, Python's own hook
    """)
    assert run.stdout.splitlines() == ["the run went on", "status 130"]
    assert run.stderr.count("Exception ignored") == 2
    assert "ValueError: a real bug" in run.stderr
    assert run.stderr.count("KeyboardInterrupt") == 1  # the one after main()


def test_an_error_caused_by_ctrl_c_ends_the_run_with_130_but_others_are_raised(monkeypatch):
    """An import interrupted by Ctrl-C may fail with another error (OpenCC's falls back to a
    search that ends in ImportError): no traceback then, exit status 130."""
    from lint import cli

    def interrupted_import(args):
        try:
            _interrupt_self()
        except KeyboardInterrupt:
            raise ImportError("opencc_clib not found") from None
        return 0

    monkeypatch.setattr(cli, "_run", interrupted_import)
    assert cli.main([str(SEEDS)]) == 130

    def broken(args):
        raise ImportError("a real one")

    monkeypatch.setattr(cli, "_run", broken)
    with pytest.raises(ImportError, match="a real one"):
        cli.main([str(SEEDS)])


def test_sigint_ignored_by_the_caller_stays_ignored(monkeypatch):
    """A background job's SIGINT is ignored; gwlint does not make it interruptible."""
    import signal

    from lint import cli

    seen = []
    monkeypatch.setattr(cli, "_run", lambda args: seen.append(signal.getsignal(signal.SIGINT)) or 0)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert cli.main([str(SEEDS)]) == 0
        assert seen == [signal.SIG_IGN] and signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


# -- Ctrl-C while Python imports gwlint (lint.entry) -----------------------------------------
_INTERRUPTED_IMPORT = """
import os, signal, sys

class InterruptOnImport:  # Ctrl-C just as Python starts importing lint.cli
    def find_spec(self, name, path=None, target=None):
        if name == "lint.cli":
            sys.meta_path.remove(self)
            {action}
        return None

sys.meta_path.insert(0, InterruptOnImport())
{before}
sys.argv = ["gwlint", "--version"]
from lint.entry import console
console()
"""


@pytest.mark.parametrize(("action", "before", "status", "out"), [
    # the KeyboardInterrupt reaches the entry point: quiet, 130
    ("os.kill(os.getpid(), signal.SIGINT)", "", 130, ""),
    # swallowed on its way (as a __del__ does) and the import goes on: still 130
    ("try:\n                os.kill(os.getpid(), signal.SIGINT)\n"
     "            except KeyboardInterrupt:\n                pass", "", 130, ""),
    # a background job's SIGINT is ignored: the command runs
    ("os.kill(os.getpid(), signal.SIGINT)", "signal.signal(signal.SIGINT, signal.SIG_IGN)",
     0, "gwlint 0.1.0\n"),
])
def test_ctrl_c_while_python_imports_gwlint_ends_it_quietly(action, before, status, out):
    """The first ~40 ms of a run are Python importing gwlint, before main() watches for
    Ctrl-C: the command's entry point watches from its first line."""
    code = _INTERRUPTED_IMPORT.format(action=action, before=before)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (status, out, "")


# -- Ctrl-C while Python imports lint and lint.entry, before console() runs -------------------
#: installed in the child as sitecustomize: Ctrl-C (the process sends itself SIGINT) just as
#: Python starts importing the module named in GWLINT_TEST_INTERRUPT_AT; it imports only os,
#: which Python has already imported, so that gwlint's own imports happen as they would
_SITECUSTOMIZE = """
import os, sys

class InterruptOnImport:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ.get("GWLINT_TEST_INTERRUPT_AT"):
            sys.meta_path.remove(self)
            os.kill(os.getpid(), 2)  # SIGINT: Python raises it at its next instruction
        return None

sys.meta_path.insert(0, InterruptOnImport())
"""

#: what pip writes as the ``gwlint`` command (its console script)
_CONSOLE_SCRIPT = """import sys
from lint.entry import console
if __name__ == '__main__':
    sys.argv[0] = sys.argv[0].removesuffix('.exe')
    sys.exit(console())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="sends itself SIGINT")
@pytest.mark.parametrize(("how", "at"), [
    ("script", "lint.entry"),  # lint/__init__.py has run; lint/entry.py is about to
    ("script", "signal"),      # lint/entry.py imports the signal module (and enum)
    ("-m", "lint.__main__"),
    ("-m", "lint.entry"),
    ("-m", "signal"),
])
def test_ctrl_c_before_console_watches_ends_the_command_quietly(tmp_path, how, at):
    """Python imports lint and lint.entry before console() watches for Ctrl-C: an interrupt
    there printed a KeyboardInterrupt traceback. lint/__init__.py watches from its first
    line when it is the gwlint command that starts."""
    (tmp_path / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    script = tmp_path / "bin" / "gwlint"
    script.parent.mkdir()
    script.write_text(_CONSOLE_SCRIPT, encoding="utf-8")
    command = [str(script)] if how == "script" else ["-m", "lint"]
    env = {**BUFFERED, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
           "GWLINT_TEST_INTERRUPT_AT": at}
    done = subprocess.run([sys.executable, *command, "--version"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")
    env["GWLINT_TEST_INTERRUPT_AT"] = "no.such.module"  # the same command, not interrupted
    done = subprocess.run([sys.executable, *command, "--version"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "gwlint 0.1.0\n", "")


@pytest.mark.skipif(sys.platform == "win32", reason="sends itself SIGINT")
def test_a_program_that_imports_lint_keeps_its_own_ctrl_c():
    """Only the gwlint command ends quietly: a program that uses gwlint as a library gets
    its KeyboardInterrupt, and Python's own handler stays in place."""
    run = _python("""
        import os, signal, sys
        import lint, lint.entry, lint.cli
        print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
        try:
            os.kill(os.getpid(), signal.SIGINT)
        except KeyboardInterrupt:
            print("caught")
    """)
    assert (run.returncode, run.stdout, run.stderr) == (0, "True\ncaught\n", "")
