"""Terminal output: stylish colours only where a person reads a terminal (NO_COLOR wins,
FORCE_COLOR forces, pipes and -o files stay plain); the progress bar for long runs appears
on a terminal only, never in pipes or CI."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

ANSI = "\x1b["
BAR = "━"  # rich's progress bar


def base_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "CI", "GITHUB_ACTIONS")}
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


@pytest.fixture
def draft(tmp_path):
    (tmp_path / "a.txt").write_text("上报信息*条,开展学习。\n", encoding="utf-8")
    return tmp_path


def piped(cwd, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True,
                          text=True, cwd=cwd, env=base_env(**env))


def on_terminal(cwd, args, stream: str, **env) -> tuple[str, str]:
    """Run with ``stream`` ("stdout", "stderr" or "both") on a pseudo-terminal; return
    (what the terminal received, what the other stream received through a pipe)."""
    master, slave = pty.openpty()
    other = subprocess.DEVNULL if stream == "both" else subprocess.PIPE
    proc = subprocess.Popen([sys.executable, "-m", "lint", *args], cwd=cwd,
                            env=base_env(**env), stdin=subprocess.DEVNULL,
                            stdout=slave if stream in ("stdout", "both") else other,
                            stderr=slave if stream in ("stderr", "both") else other)
    os.close(slave)
    import threading

    piped_out = []  # read meanwhile: a report larger than the pipe's buffer would block it
    reader = None
    if stream != "both":
        other_end = proc.stderr if stream == "stdout" else proc.stdout
        reader = threading.Thread(target=lambda: piped_out.append(other_end.read()))
        reader.start()
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not data:
            break
        chunks.append(data)
    if reader is not None:
        reader.join(timeout=60)
    rest = b"".join(piped_out)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace"), rest.decode("utf-8", "replace")


def test_pipe_is_plain(draft):
    run = piped(draft, "a.txt")
    assert "占位符“*”未替换" in run.stdout and ANSI not in run.stdout


def test_force_color_colours_a_pipe(draft):
    run = piped(draft, "a.txt", FORCE_COLOR="1")
    assert "\x1b[31merror\x1b[0m" in run.stdout
    assert "\x1b[4ma.txt\x1b[0m" in run.stdout.replace(str(draft) + "/", "")


def test_no_color_wins_over_force_color(draft):
    run = piped(draft, "a.txt", FORCE_COLOR="1", NO_COLOR="1")
    assert "占位符" in run.stdout and ANSI not in run.stdout


def test_no_color_flag_and_output_file_stay_plain(draft):
    assert ANSI not in piped(draft, "a.txt", "--no-color", FORCE_COLOR="1").stdout
    run = piped(draft, "a.txt", "-o", "report.txt", FORCE_COLOR="1")
    report = (draft / "report.txt").read_text(encoding="utf-8")
    assert "占位符" in report and ANSI not in report and run.stdout == ""


def test_terminal_is_coloured_unless_no_color(draft):
    shown, _ = on_terminal(draft, ["a.txt"], "stdout")
    assert "\x1b[31merror\x1b[0m" in shown
    shown, _ = on_terminal(draft, ["a.txt"], "stdout", NO_COLOR="1")
    assert "占位符" in shown and ANSI not in shown


@pytest.fixture
def many(tmp_path):
    for i in range(60):
        (tmp_path / f"d{i:02}.txt").write_text("全年开展学习12次。\n", encoding="utf-8")
    return tmp_path


def test_progress_bar_on_a_terminal_for_long_runs(many):
    shown, _ = on_terminal(many, [".", "--jobs", "1"], "stderr")
    assert BAR in shown and "60/60" in shown


def test_the_report_goes_whole_to_its_own_stream_under_the_bar(many):
    """The bar is drawn on standard error; the report, redirected (``> report.txt``, a pipe),
    is exactly what a run without a terminal writes: nothing of it is drawn through the
    bar, wrapped to the terminal's width or highlighted."""
    for i in range(0, 60, 7):
        (many / f"d{i:02}.txt").write_text("上报信息*条,开展学习。" * 12 + "\n", encoding="utf-8")
    for fmt in ("unix", "json"):
        expected = piped(many, ".", "--jobs", "1", "-f", fmt).stdout
        shown, report = on_terminal(many, [".", "--jobs", "1", "-f", fmt], "stderr")
        assert BAR in shown and "60/60" in shown
        assert report == expected and len(report) > 2000
        assert "占位符" not in shown


def test_no_bar_when_the_report_itself_goes_to_the_terminal(many):
    # lines of the report and a bar redrawn on the same screen would garble each other
    shown, _ = on_terminal(many, [".", "--jobs", "1"], "both")
    assert BAR not in shown


def test_progress_bar_never_in_pipes_or_ci(many):
    run = piped(many, ".", "--jobs", "1")
    assert BAR not in run.stderr and ANSI not in run.stderr and run.returncode == 0
    shown, _ = on_terminal(many, [".", "--jobs", "1"], "stderr", CI="true")
    assert BAR not in shown


def test_short_runs_show_no_bar(draft):
    shown, _ = on_terminal(draft, ["a.txt"], "stderr")
    assert BAR not in shown


def test_help_wraps_to_the_terminal_width():
    """``--help`` exits 0 with the usage and the exit codes, wrapped to $COLUMNS; building
    the parser for an ordinary run does not import shutil (argparse's own way of measuring
    the terminal did, with bz2 and lzma, for every option)."""
    for columns in ("60", "120"):
        done = subprocess.run([sys.executable, "-m", "lint", "--help"], capture_output=True,
                              text=True, env={**os.environ, "COLUMNS": columns}, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("usage: gwlint ")
        assert "Exit status: 0 no errors" in done.stdout
        widest = max(len(line) for line in done.stdout.splitlines())
        assert widest <= int(columns) - 2 and (columns == "60" or widest > 60), widest
    probe = "import sys, lint.cli; lint.cli.build_parser(); print('shutil' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "False", done.stderr
