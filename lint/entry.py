"""The ``gwlint`` command and ``python -m lint``.

Ctrl-C ends gwlint quietly with status 130 at any moment after Python has started, also
while Python imports gwlint (its first ~40 ms), before :func:`lint.cli.main` watches for it
itself. This module imports nothing of gwlint's until its handler is in place, and
``lint/__init__.py`` imports nothing either.
"""

from __future__ import annotations

import signal
import sys


def console() -> None:
    interrupted = False

    def on_interrupt(signum, frame):
        nonlocal interrupted
        interrupted = True
        raise KeyboardInterrupt

    # a SIGINT ignored (a background job) or handled by the caller stays as it is
    watched = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if watched:
        signal.signal(signal.SIGINT, on_interrupt)
    try:
        from .cli import console as run
    except BaseException:
        if interrupted:  # the KeyboardInterrupt, or the error an interrupted import became
            sys.exit(130)
        raise
    finally:
        if watched:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    if interrupted:  # raised where Python only prints it (a __del__) and goes on
        sys.exit(130)
    run()
