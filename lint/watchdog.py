"""Time limits for pattern scans, kept by a profiling timer instead of reading a clock.

A rule's ``timeout`` limits the CPU time each of its patterns may spend on one document.
The ``regex`` module can keep such a limit itself (``timeout=``), but it reads the process's
CPU clock, a system call, at every search and at every match (~2 µs and ~0.9 µs here), and
gwlint read it twice more per scan to share one limit among a pattern's scans of a document:
~8% of the time it took to lint a folder of reports (bench/PROFILE.md, fifteenth pass).

While a document is linted (:class:`armed`), the kernel instead sends SIGPROF each time the
process has used another :data:`TICK` of CPU time. The handler charges that tick to the scan
running at that moment, if any (:func:`guarded`, :func:`call`), and raises
:class:`RuleTimeout` inside it once its pattern's charges on this document reach the limit.
Both ``regex`` and ``re`` look for signals while they match, so a runaway scan stops within
a tick or so of its limit. Ticks that fall while gwlint works on a match, between two steps
of a scan, go to no scan: the limit is the pattern's own time, as it was. Each tick goes to
whatever runs when it falls, so a pattern's charges are its CPU time sampled every
:data:`TICK`, which over a limit of many ticks is the time itself.

The timer is used only in the main thread (signal handlers run there), on systems that have
``setitimer``, and when nothing else handles SIGPROF or runs that timer (a profiler): anywhere
else :func:`guarding` is False and callers give ``regex`` its ``timeout`` as before.
"""

from __future__ import annotations

import signal
import threading

#: seconds of CPU time between two samples: a limit is kept to about this much
TICK = 0.01


class RuleTimeout(Exception):
    """A rule's pattern ran past its time limit on one document."""

    def __init__(self, rule_id: str, seconds: float, pattern: str):
        super().__init__(
            f"rule {rule_id!r} stopped after its time limit of {seconds:g} s "
            f"(pattern {pattern!r}); its findings for this file are incomplete"
        )
        self.rule_id = rule_id


class Charge:
    """The CPU time one pattern has used on one document, in ticks' worth of seconds."""

    __slots__ = ("used", "limit", "rule_id", "pattern")

    def __init__(self, rule_id: str, limit: float, pattern: str):
        self.used, self.limit, self.rule_id, self.pattern = 0.0, limit, rule_id, pattern

    def expired(self) -> RuleTimeout:
        return RuleTimeout(self.rule_id, self.limit, self.pattern)


#: the charge of the scan running now (set only while one is inside regex or re)
_running: Charge | None = None
#: documents being linted (armed() nests); the thread that armed the timer
_depth = 0
_owner: int | None = None
_get_ident = threading.get_ident


def _tick(signum, frame) -> None:
    charge = _running
    if charge is not None:
        charge.used += TICK
        if charge.used >= charge.limit:
            raise charge.expired()


def guarding() -> bool:
    """Whether scans in this thread are under the timer now (inside :class:`armed`)."""
    return _owner is not None and _owner == _get_ident()


def guarded(charge: Charge, matches):
    """The matches of a scan (an iterator of ``regex``/``re`` matches), with the time spent
    finding each one charged to ``charge``."""
    global _running
    if charge.used >= charge.limit:
        raise charge.expired()
    try:
        while True:
            _running = charge
            m = next(matches, None)
            _running = None
            if m is None:
                return
            yield m
    finally:
        if _running is charge:  # the timer raised inside the scan
            _running = None


def call(charge: Charge, func, *args):
    """``func(*args)`` (one ``match`` or ``search``), its time charged to ``charge``."""
    global _running
    if charge.used >= charge.limit:
        raise charge.expired()
    _running = charge
    try:
        return func(*args)
    finally:
        _running = None


class armed:
    """``with armed():`` around linting a document: the timer runs meanwhile, when this
    thread and system allow it (see the module's docstring); nests. In a thread other than
    the main one it does nothing (its nesting is the main thread's alone)."""

    __slots__ = ()

    def __enter__(self) -> None:
        global _depth, _owner
        if threading.current_thread() is not threading.main_thread():
            return
        if _depth == 0 and _start():
            _owner = _get_ident()
        _depth += 1

    def __exit__(self, *exc) -> None:
        global _depth, _owner, _running
        if threading.current_thread() is not threading.main_thread():
            return
        _depth -= 1
        if _depth == 0 and _owner is not None:
            _owner = _running = None
            signal.setitimer(signal.ITIMER_PROF, 0, 0)


def _start() -> bool:
    """Install the handler (once) and start the timer; False where it cannot be used."""
    if not hasattr(signal, "setitimer"):
        return False
    try:
        handler = signal.getsignal(signal.SIGPROF)
        if handler is not _tick:
            if handler not in (signal.SIG_DFL, None):  # a profiler's
                return False
            signal.signal(signal.SIGPROF, _tick)
            signal.siginterrupt(signal.SIGPROF, False)  # system calls resume after a tick
        if signal.getitimer(signal.ITIMER_PROF) != (0.0, 0.0):  # someone else's timer
            return False
        signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
    except (ValueError, OSError):
        return False
    return True
