"""gwlint: a linter for Chinese official documents (公文).

Public API::

    from lint import lint_text, lint_paths
    findings = lint_text("上报各类信息*条。")          # default preset
    results = lint_paths(["drafts/"])                 # FileResult per file
"""

from __future__ import annotations

import _signal  # built in and already loaded: signal.py would import enum first
import sys as _sys


def _interrupted_while_starting(signum, frame):
    """Ctrl-C while Python imports this package and lint.entry for the gwlint command, before
    lint.entry.console watches for it itself: the command ends quietly with status 130 (a
    KeyboardInterrupt there printed a traceback, as no frame of gwlint's could catch it)."""
    raise SystemExit(130)


def _starting_the_command() -> bool:
    """Whether Python is importing this package to run the gwlint command: its console
    script (``gwlint``, ``gwlint.exe``), or ``python -m lint`` (Python sets ``sys.argv[0]``
    to ``-m`` while it imports the module's package). A program that imports gwlint as a
    library keeps Python's own Ctrl-C."""
    argv = getattr(_sys, "argv", None) or [""]
    if argv[0] == "-m":
        orig = getattr(_sys, "orig_argv", ())
        return any(arg == "-mlint" or (arg == "-m" and orig[i + 1:i + 2] == ["lint"])
                   for i, arg in enumerate(orig))
    name = str(argv[0]).replace("\\", "/").rpartition("/")[2].lower()
    return name in ("gwlint", "gwlint.exe", "gwlint-script.py")


# Quiet from here on while the command starts: the handler goes in before deciding whether
# this is the command (a Ctrl-C while that was decided printed a traceback), and out again
# for a program that imports gwlint as a library.
if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    if not _starting_the_command():
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)

TYPE_CHECKING = False  # (not typing's: importing typing costs 3 ms)
if TYPE_CHECKING:
    from .finding import Finding

__version__ = "0.1.0"

__all__ = ["Finding", "Fix", "Level", "lint_text", "lint_paths", "__version__"]


def __getattr__(name: str):
    # imported on first use, so that ``import lint`` costs nothing: the gwlint command
    # (lint.entry) watches for Ctrl-C before it imports the rest
    if name in ("Finding", "Fix", "Level"):
        from . import finding

        return getattr(finding, name)
    raise AttributeError(f"module 'lint' has no attribute {name!r}")


def lint_text(text: str, *, config=None, path: str | None = None) -> list[Finding]:
    """Lint a string with ``config`` (a :class:`lint.config.Config`; default: discovered)."""
    from .config import load
    from .engine import Linter

    return Linter(config or load()).lint_text(text, path)


def lint_paths(paths, *, config=None):
    """Lint files and folders; returns a list of :class:`lint.engine.FileResult`."""
    from .config import load
    from .engine import Linter
    from .walk import collect

    config = config or load()
    linter = Linter(config)
    files = collect([str(p) for p in paths], config.extensions, config.ignore_by_folder(),
                    config.root)
    return [linter.lint_file(f) for f in files]
