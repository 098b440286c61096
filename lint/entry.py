"""The ``gwlint`` command and ``python -m lint``.

Ctrl-C ends gwlint quietly with status 130 at any moment after Python has started, also
while Python imports gwlint (its first ~40 ms), before :func:`lint.cli.main` watches for it
itself. This module imports nothing of gwlint's until its handler is in place, and
``lint/__init__.py`` imports nothing either; when it is the command that starts, the
package watches from its first line (``lint._interrupted_while_starting``, which
:meth:`InterruptWatch.start` takes over), so that a Ctrl-C while Python imports the package,
this module or the signal module is quiet too. Only Python's own start-up (``site``, before
any line of gwlint runs) can still print one.

The command has ``dataclasses`` keep the methods it compiles in the user cache
(lint/codecache.py), ~12 ms of every start.

The command runs the cyclic garbage collector rarely, as mypy does. Each pass walks the
objects that are still alive: the modules being imported, then the run's findings. Linting
makes no reference cycles (tests/test_gc.py), so the passes found nothing, and running
them rarely saves ~3 ms of a one-file run and ~60 ms of a document with 40,000 findings
(bench/PROFILE.md, eleventh pass). A program that uses gwlint as a library keeps its own
settings.
"""

from __future__ import annotations

import gc
import signal
import sys

from . import _interrupted_while_starting

#: the collector's thresholds in the command: a young collection every 200,000 new
#: container objects instead of every 700 (mypy's setting)
GC_THRESHOLDS = (200_000, 30, 30)


class InterruptWatch:
    """While started, Ctrl-C (SIGINT) raises KeyboardInterrupt and is remembered in
    ``seen``, even where the KeyboardInterrupt never reaches the caller: one raised inside a
    finalizer (a ``__del__``, such as the ``regex`` module's while a pattern compiles, or a
    generator closed as it is freed) cannot be raised there, and Python would print it as
    "Exception ignored" and go on; it is not printed, and the caller ends with status 130
    when its run is done. An interrupted import may also fail with another error instead
    (both found by interrupting runs at random moments). A SIGINT that is ignored (a
    background job) or handled by the caller stays as it is, and none is watched outside
    the main thread."""

    def __init__(self):
        self.seen = False
        self._previous = None
        self._unraisable = None
        self._stopping = False

    def _on_interrupt(self, signum, frame):
        self.seen = True
        if not self._stopping:  # (while it stops, the caller looks at ``seen`` next)
            raise KeyboardInterrupt

    def _on_unraisable(self, unraisable) -> None:
        if not (self.seen and unraisable.exc_type is KeyboardInterrupt):
            self._unraisable(unraisable)

    def start(self) -> InterruptWatch:
        if signal.getsignal(signal.SIGINT) in (signal.default_int_handler,
                                               _interrupted_while_starting):
            # the hook first: once the handler is in, a Ctrl-C may come at any moment
            self._unraisable, sys.unraisablehook = sys.unraisablehook, self._on_unraisable
            try:
                previous = signal.signal(signal.SIGINT, self._on_interrupt)
            except ValueError:  # not the main thread
                sys.unraisablehook, self._unraisable = self._unraisable, None
                return self
            self._previous = (signal.default_int_handler
                              if previous is _interrupted_while_starting else previous)
        return self

    def stop(self) -> None:
        self._stopping = True
        previous, self._previous = self._previous, None
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        hook, self._unraisable = self._unraisable, None
        if hook is not None and sys.unraisablehook == self._on_unraisable:
            sys.unraisablehook = hook


def console() -> None:
    watch = InterruptWatch()
    try:
        watch.start()  # (inside: a Ctrl-C while it installs its handler is caught below)
        if sys.implementation.name == "cpython":
            gc.set_threshold(*GC_THRESHOLDS)
        from . import codecache

        codecache.install()
        from .cli import console as run
    except BaseException:
        if watch.seen:  # the KeyboardInterrupt, or the error an interrupted import became
            sys.exit(130)
        raise
    finally:
        watch.stop()
    if watch.seen:  # raised where Python only prints it (a __del__) and goes on
        sys.exit(130)
    run()
