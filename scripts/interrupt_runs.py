"""Interrupt gwlint runs at random moments (SIGINT to the process group, as Ctrl-C in a
terminal sends it) and count how they end: each should end with status 130 and print nothing.

    python scripts/interrupt_runs.py [--runs 100] [--jobs 3] [--between 0.05 0.7] [PATH]

PATH (default: 40 copies of seeds/ in a temporary folder, ~2.4 MB) is linted with
``python -m lint --jobs N -f unix``; a run that ended before its signal is counted apart.
Random timing makes this a tool, not a test: it found a pipe closed twice in lint.forkpool,
KeyboardInterrupts lost inside libraries and tracebacks while Python imported gwlint (now
tests in test_forkpool.py and test_exit.py). A signal in Python's own start-up (about the
first 15 ms of an installed gwlint, before any of its code runs; more with an editable
install) still ends in Python's own way: status -2, or 1 with a traceback. Exit status 1
when some interrupted run ended otherwise, with its stderr.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", nargs="?", type=Path)
    p.add_argument("--runs", type=int, default=100)
    p.add_argument("--jobs", type=int, default=3)
    p.add_argument("--between", type=float, nargs=2, default=(0.05, 0.7), metavar=("LOW", "HIGH"),
                   help="seconds after the start at which the signal is sent (uniform)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="gwlint-interrupt-") as tmp:
        folder = args.path
        if folder is None:
            folder = Path(tmp)
            for copy in range(40):
                shutil.copytree(ROOT / "seeds", folder / f"c{copy}")
        outcomes: collections.Counter = collections.Counter()
        examples: dict = {}
        for _ in range(args.runs):
            delay = random.uniform(*args.between)
            proc = subprocess.Popen(
                [sys.executable, "-m", "lint", "--jobs", str(args.jobs), "-f", "unix", "."],
                cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                start_new_session=True)
            time.sleep(delay)
            ended_before = proc.poll() is not None
            try:
                os.killpg(proc.pid, signal.SIGINT)
            except ProcessLookupError:
                pass
            _, err = proc.communicate(timeout=120)
            text = err.decode("utf-8", "replace").strip()
            key = (proc.returncode, "ended before the signal" if ended_before else "interrupted",
                   text.splitlines()[-1][:100] if text else "")
            outcomes[key] += 1
            examples.setdefault(key, (delay, text))
    bad = False
    for (status, when, last), count in outcomes.most_common():
        print(f"{count:5d}  status {status}, {when}{': ' + last if last else ''}")
        if when == "interrupted" and (status != 130 or last):
            bad = True
            delay, text = examples[(status, when, last)]
            print(f"       e.g. after {delay:.3f} s:\n{text}\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
