#!/usr/bin/env python3
"""The machine's own parallel speed-up, for judging gwlint's ``--jobs`` scaling.

    python bench/parallel_ceiling.py 1     # two units of pure-Python CPU work in one process
    python bench/parallel_ceiling.py 2     # the same two units, one per worker process

Nothing is shared and nothing is read or written, so the ratio of the two wall times is
the most any program can gain from two processes on this machine (on a shared VM, with
two vCPUs that are not two idle cores, it is well under 2).
"""

from __future__ import annotations

import sys

UNIT = 6_000_000  # ~0.3 s of work per unit on the benchmark machine


def work(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


def main() -> None:
    procs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    if procs <= 1:
        for _ in range(2):
            work(UNIT)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(procs) as pool:
        pool.map(work, [UNIT, UNIT], chunksize=1)


if __name__ == "__main__":
    main()
