"""gwlint: a linter for Chinese official documents (公文).

Public API::

    from lint import lint_text, lint_paths
    findings = lint_text("上报各类信息*条。")          # default preset
    results = lint_paths(["drafts/"])                 # FileResult per file
"""

from __future__ import annotations

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
    files = collect([str(p) for p in paths], config.extensions, config.ignore, config.root)
    return [linter.lint_file(f) for f in files]
