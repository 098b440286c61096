"""lint.forkpool: results in order from this process and forked workers, whatever happens
in the workers."""

from __future__ import annotations

import os
import sys

import pytest

from lint import forkpool

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="workers are forked"),
              pytest.mark.usefixtures("deadline")]  # a worker that never ends fails the test


def square_and_pid(n):
    return n * n, os.getpid()


@pytest.mark.parametrize("count, processes", [(0, 2), (1, 2), (7, 3), (100, 2), (500, 4)])
def test_results_come_in_order_from_every_process(count, processes):
    results = list(forkpool.ordered_map(square_and_pid, list(range(count)), processes))
    assert [value for value, _ in results] == [n * n for n in range(count)]
    if count >= 100:  # each process lints some: the workers and this one
        pids = {pid for _, pid in results}
        assert os.getpid() in pids and len(pids) == processes
    with pytest.raises(ChildProcessError):  # every worker was waited for
        os.waitpid(-1, os.WNOHANG)


def test_chunks_cover_the_items_once_and_shrink_towards_the_end():
    bounds = forkpool.chunks(200, 2)
    assert bounds[0] == (0, 16) and bounds[-1] == (199, 200)
    assert [start for start, _ in bounds[1:]] == [stop for _, stop in bounds[:-1]]
    sizes = [stop - start for start, stop in bounds]
    assert sizes == sorted(sizes, reverse=True)


def fails_on_7(n):
    if n == 7:
        raise ValueError(
            f"no {n} in {'this process' if os.getpid() == PARENT['pid'] else 'a worker'}")
    return n


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not this one")


def fails_unpicklably(n):
    if n == 3:
        raise Unpicklable("a lock in it")
    return n


PARENT = {"pid": 0}


def test_a_workers_exception_is_raised_here_after_the_results_before_it(monkeypatch):
    monkeypatch.setitem(PARENT, "pid", os.getpid())
    # 40 items, three processes: chunks of 3; the workers are handed the first four (the
    # third, with 7, is the first worker's second), this process takes the fifth
    assert forkpool.chunks(40, 3)[:3] == [(0, 3), (3, 6), (6, 8)]
    seen = []
    with pytest.raises(ValueError, match="no 7 in a worker"):
        for n in forkpool.ordered_map(fails_on_7, list(range(40)), 3):
            seen.append(n)
    assert seen == list(range(6))  # what a run in one process would have given first
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_an_exception_that_cannot_be_pickled_arrives_as_its_traceback():
    with pytest.raises(RuntimeError, match=r"(?s)in a worker process:.*Unpicklable: a lock in it"):
        list(forkpool.ordered_map(fails_unpicklably, list(range(40)), 2))


def test_stopping_early_ends_the_workers():
    results = forkpool.ordered_map(square_and_pid, list(range(1000)), 3)
    assert next(results)[0] == 0
    results.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize("method, attribute", [("stop", "tasks"), ("drop_results", "results")])
def test_ctrl_c_while_a_pipe_closes_does_not_close_it_again(monkeypatch, method, attribute):
    """A KeyboardInterrupt right after a pipe is closed (the run then closes every pipe on
    its way out) must not close that descriptor again: found by interrupting `--jobs 3`
    runs at random moments, which ended in OSError EBADF instead of exit status 130."""
    read, write = os.pipe()
    worker = forkpool._Worker(0, write, read)
    closed, real_close = [], os.close

    def close_then_interrupted(fd):
        real_close(fd)
        closed.append(fd)
        if len(closed) == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(forkpool.os, "close", close_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        getattr(worker, method)()
    worker.stop()
    worker.drop_results()
    assert sorted(closed) == sorted([read, write])  # each once
