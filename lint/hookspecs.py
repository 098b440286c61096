"""The plugin contract: every extension point of gwlint is one hook here.

The built-in kinds, readers, formatters and the ``gongwen`` preset are registered through
these same hooks (``lint/builtin.py``); third-party packages register theirs through the
``gwlint`` entry-point group::

    [project.entry-points.gwlint]
    myoffice = "myoffice_gwlint.plugin"

Each hook returns a mapping from a name to either the object itself or a lazy
``"module:attribute"`` reference, so a run imports only what it uses.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("gwlint")
hookimpl = pluggy.HookimplMarker("gwlint")


@hookspec
def gwlint_rule_kinds() -> dict:
    """Rule kinds: ``{"pattern": PatternKind}``.

    A kind is a class built once per rule as ``Kind(rule)`` from a :class:`lint.rulepack.Rule`
    (raise :class:`lint.rulepack.RuleError` for bad options) whose ``check(doc)`` yields
    :class:`lint.finding.Finding` objects. See ``lint/kinds/__init__.py``.
    """


@hookspec
def gwlint_readers() -> dict:
    """Readers by file suffix: ``{".md": read_markdown}``.

    A reader is ``read(data: bytes, path: str | None) -> Document``; it raises
    :class:`lint.readers.ReadError` for a file it cannot read. What it noticed that is no
    finding goes in ``meta["notices"]``, a list of lines (``" no text to lint: …"``, or
    ``"LINE: …"`` for one line) that a run writes to standard error after the file's name.
    Markup a rule should not see is blanked in ``prose`` and listed in ``masked``; markup
    that shows nothing where it stands (emphasis marks, escapes), in ``inline`` instead:
    the rules then read the text without it (:class:`lint.document.InlineView`).
    """


@hookspec
def gwlint_formatters() -> dict:
    """Output formats: ``{"json": format_json}``.

    ``format(results, options)`` returns the report as a string or as an iterable of string
    chunks. A formatter that reads ``results`` only once can set ``format.streams = True``:
    it then gets an iterator and its chunks are written as files are linted (memory stays
    flat however many files a run has); each result then arrives without its Document and
    its Finding objects, with its textlint messages resolved: read findings through
    :func:`lint.formats.messages`, which works on either. ``format.needs_documents = True``
    keeps each result's Document and findings (for formats that show the text, such as
    html). ``format.plain = True`` says the report is plain lines for people (stylish,
    compact, unix): ``--fix --dry-run`` then prints its diffs on standard output before it;
    for any other format they go to standard error, so that standard output carries nothing
    but the report (lint.cli._diff_stream)."""


@hookspec
def gwlint_rule_packs() -> dict:
    """Named rule packs and presets: ``{"gongwen": <path or Traversable of a YAML pack>}``."""
