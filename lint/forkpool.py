"""``func(item)`` for every item, in order, computed by this process and workers forked
from it.

The workers inherit everything built before the fork (for gwlint: the compiled preset), so a
task is three numbers (a chunk of ``items``) and a result is one pickle. Each worker has a
pipe for its tasks and one for its results. This process hands out chunks as results come
back (two in flight per worker, smaller towards the end so that all finish together), lints
chunks itself in between, checking the pipes after every item, and yields the results in
order. A worker's exception, or its death (an end of file on its result pipe while it still
owes results: the OOM killer, a crash in C code), is raised at that chunk's turn, once the
results before it have been yielded, as they would have been in one process.

Why not ``concurrent.futures`` or ``multiprocessing``: importing ``concurrent.futures.process``
alone takes ~19 ms (logging, socket, selectors, multiprocessing.connection...), serial before
any worker starts, a fifth of what gwlint needs to start; the executor runs a management
thread and a queue feeder thread here, and its workers only wait while this process formats
the report; ``multiprocessing.Pool.imap`` waits forever when a worker dies. (bench/PROFILE.md,
sixth pass: 5 MB with two processes 444 -> 405 ms.)

Signals: SIGINT (Ctrl-C, which the terminal sends to the whole process group) is blocked
while the workers fork and stays blocked in them, so they print no tracebacks; the caller
handles it. However the iteration ends (an exception here or in the caller, Ctrl-C, the
caller closing the generator), no chunk is handed out any more, the result pipes are closed,
and each worker ends after the chunk it has, whose results it cannot write: a worker is never
killed in the middle of a file, which ``--fix`` may be rewriting.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct

_TASK = struct.Struct("=III")   # chunk number; start, stop: items[start:stop]
_RESULT = struct.Struct("=II")  # chunk number, length of the pickle that follows
_PIPE_SIZE = 1 << 20            # results wait in the pipe while the caller formats others


class WorkerError(Exception):
    """A worker process ended before it sent its results (killed, or crashed in C code)."""


def chunks(count: int, processes: int, largest: int = 16) -> list[tuple[int, int]]:
    """(start, stop) bounds over ``count`` items: ``largest`` at first, then a quarter of what
    is left per process, down to single items, so that all processes finish close together."""
    bounds, start = [], 0
    while start < count:
        size = max(1, min(largest, (count - start) // (processes * 4)))
        bounds.append((start, start + size))
        start += size
    return bounds


def ordered_map(func, items: list, processes: int, finish=None):
    """An iterator of ``func(item)`` in the order of ``items``, computed by ``processes``
    processes: this one, while it is iterated, and workers forked from it, which are at work
    when this returns. A worker calls ``finish()`` when it has no more work, before it ends
    with ``os._exit`` (which runs no exit handlers). OSError when one cannot be forked
    (EAGAIN, ENOMEM), once those already forked have ended."""
    pool = _Pool(func, items, chunks(len(items), processes), finish)
    try:
        pool.start(min(processes - 1, len(pool.bounds)))
    except BaseException:
        pool.close()
        raise
    return pool.results()


class _Pool:
    def __init__(self, func, items: list, bounds: list[tuple[int, int]], finish=None):
        self.func, self.items, self.bounds, self.finish = func, items, bounds, finish
        self.workers: list[_Worker] = []
        self.handed = 0
        # the first chunk that failed (a worker's exception, a worker's death), and why: the
        # chunks before it are still reported, as a run in one process would have
        self.limit, self.error = len(bounds), None

    def start(self, count: int) -> None:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(count):
                self.workers.append(_Worker.fork(self.func, self.items, self.workers,
                                                 self.finish))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C meanwhile: raised here
        for _ in range(2):  # two chunks each: a worker never waits for its next one
            for worker in self.workers:
                self.hand(worker)

    def hand(self, worker: _Worker) -> None:
        if self.handed < self.limit:
            worker.send(self.handed, self.bounds[self.handed])
            self.handed += 1
        elif not worker.owed:
            worker.stop()

    def results(self):
        import select

        done, emitted = {}, 0
        by_fd = {worker.results: worker for worker in self.workers}
        poller = select.poll()  # not select.select: no limit on descriptor numbers
        for fd in by_fd:
            poller.register(fd, select.POLLIN)

        def collect(timeout):
            for fd, _ in poller.poll(timeout):
                worker = by_fd[fd]
                for number, ok, outcome in worker.receive():
                    if ok:
                        done[number] = outcome
                    elif number < self.limit:
                        self.limit, self.error = number, outcome
                    self.hand(worker)
                if worker.ended:
                    poller.unregister(fd)
                    del by_fd[fd]

        try:
            while True:
                while emitted < self.limit and emitted in done:
                    yield from done.pop(emitted)
                    emitted += 1
                if emitted == self.limit:
                    if self.error is not None:
                        raise self.error
                    return
                if self.handed < self.limit:  # this process lints a chunk too
                    number = self.handed
                    self.handed += 1
                    start, stop = self.bounds[number]
                    out = []
                    for item in self.items[start:stop]:
                        out.append(self.func(item))
                        if by_fd:
                            collect(0)
                    done[number] = out
                    continue
                if not by_fd:  # cannot be: the chunks still owed have no worker
                    raise WorkerError(_DIED)
                collect(None)
        finally:
            self.close()

    def close(self) -> None:
        """No more work: each worker ends after its chunk (the rest of its results are not
        read); every worker is waited for."""
        for worker in self.workers:
            worker.stop()
            worker.drop_results()
        for worker in self.workers:
            worker.wait()


_DIED = ("a worker process ended unexpectedly (killed, or out of memory?); "
         "--jobs 1 lints in one process")


class _Worker:
    def __init__(self, pid: int, tasks: int, results: int):
        self.pid, self.tasks, self.results = pid, tasks, results
        self.owed: set[int] = set()
        self.buffer = bytearray()
        self.ended = False

    @classmethod
    def fork(cls, func, items, earlier: list[_Worker], finish=None) -> _Worker:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        _enlarge(result_w)
        try:
            pid = os.fork()
        except BaseException:
            for fd in (task_r, task_w, result_r, result_w):
                os.close(fd)
            raise
        if pid == 0:  # the worker: never returns
            status = 1
            try:
                for worker in earlier:  # theirs: they end when this process closes their pipes
                    worker.stop()
                    worker.drop_results()
                os.close(task_w)
                os.close(result_r)
                _serve(func, items, task_r, result_w)
                if finish is not None:
                    finish()
                status = 0
            except BaseException:  # noqa: BLE001 - nothing here may reach the caller's code
                pass
            finally:
                os._exit(status)
        os.close(task_r)
        os.close(result_w)
        return cls(pid, task_w, result_r)

    def send(self, number: int, bounds: tuple[int, int]) -> None:
        # 12 bytes, far below PIPE_BUF: written whole, and the pipe never holds more than two
        self.owed.add(number)
        try:
            os.write(self.tasks, _TASK.pack(number, *bounds))
        except BrokenPipeError:  # it has ended: known at the end of its results (receive)
            pass

    def receive(self):
        """(chunk number, True, results) for each chunk now complete on the pipe; (chunk
        number, False, exception) for a chunk that failed, and for those still owed when the
        worker has ended."""
        data = os.read(self.results, _PIPE_SIZE)
        if not data:
            self.ended = True
            for number in sorted(self.owed):
                yield number, False, WorkerError(_DIED)
            self.owed.clear()
            return
        buffer = self.buffer
        buffer += data
        while len(buffer) >= _RESULT.size:
            number, length = _RESULT.unpack_from(buffer)
            end = _RESULT.size + length
            if len(buffer) < end:
                break
            ok, value = pickle.loads(memoryview(buffer)[_RESULT.size:end])
            del buffer[:end]
            self.owed.discard(number)
            yield number, ok, value

    # Each descriptor is forgotten before it is closed: a Ctrl-C between the two would
    # otherwise have close() close it again (EBADF instead of the KeyboardInterrupt, or, had
    # the number been reused meanwhile, another file).
    def stop(self) -> None:
        fd, self.tasks = self.tasks, -1
        if fd >= 0:
            os.close(fd)

    def drop_results(self) -> None:
        fd, self.results = self.results, -1
        if fd >= 0:
            os.close(fd)

    def wait(self) -> None:
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:  # already reaped (a SIGCHLD handler of the caller's)
                pass
            self.pid = 0


def _serve(func, items, tasks: int, results: int) -> None:
    """The worker's loop: read a chunk's bounds, write its results, until end of file."""
    while True:
        data = _read_exactly(tasks, _TASK.size)
        if not data:
            return
        number, start, stop = _TASK.unpack(data)
        try:
            payload = pickle.dumps((True, [func(item) for item in items[start:stop]]),
                                   pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - raised again in the caller's process
            payload = _pickled_error(exc)
        _write_all(results, _RESULT.pack(number, len(payload)) + payload)


def _pickled_error(exc: Exception) -> bytes:
    try:
        return pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that does not pickle: its traceback
        import traceback

        text = "".join(traceback.format_exception(exc))
        return pickle.dumps((False, RuntimeError(f"in a worker process:\n{text}")))


def _read_exactly(fd: int, size: int) -> bytes:
    data = os.read(fd, size)
    while data and len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            break
        data += more
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _enlarge(fd: int) -> None:
    """A larger pipe (Linux): a worker goes on while its results wait to be read."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    except (ImportError, AttributeError, OSError):  # another system, or above pipe-max-size
        pass
