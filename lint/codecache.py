"""The methods ``dataclasses`` writes, compiled once and kept in the user cache.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__`` (and, for a frozen
class, ``__setattr__``, ``__hash__``) as source text and compiles it with ``exec`` when the
class is defined, in every process: gwlint's 22 dataclasses are 78 functions, ~12 ms of the
~90 ms it takes to lint one small file (bench/PROFILE.md, twentieth pass), and the ``.pyc``
files Python keeps do not hold them. The ``gwlint`` command (lint/entry.py) therefore gives
``dataclasses`` an ``exec`` that keeps what it compiles in the user cache (see
``lint/yamlload.py``: ``~/.cache/gwlint``, ``GWLINT_CACHE_DIR``, off with
``GWLINT_NO_CACHE``), keyed by the source text and the Python version, and runs the stored
code object on the next start. The code is what ``compile`` makes of the same text, so the
classes are the same; anything wrong with an entry (absent, unreadable, from another Python)
means compiling it as before. Nothing changes for a program that imports gwlint as a
library, and a Python whose ``dataclasses`` does not call ``exec`` by that name is left as
it is.
"""

from __future__ import annotations

import builtins
import marshal
import sys

from .yamlload import CacheFile


def _stamps() -> str:
    from importlib.util import MAGIC_NUMBER

    return f"{sys.version}\0{MAGIC_NUMBER.hex()}"


#: the functions of this run's dataclasses (gwlint's, a plugin's), then earlier ones up to
#: 1,000 (another version of gwlint's, or of a plugin's)
CODE = CacheFile("dataclass-code", _stamps, limit=1000, max_bytes=1024 * 1024)


_CODE = type(_stamps.__code__)


def cached_exec(source, globals=None, locals=None, /):  # noqa: A002 - exec's own names
    """``exec(source, globals, locals)``, with source text compiled as ``exec`` would
    compile it, or loaded from the cache where an earlier run compiled it."""
    if isinstance(source, str):
        code = None
        blob = CODE.get(source)
        if blob is not None:
            try:
                code = marshal.loads(blob)
            except Exception:  # a damaged entry: compile it afresh
                code = None
            if not isinstance(code, _CODE):  # (marshal loads any value)
                code = None
        if code is None:
            # as exec compiles source text: without this module's own future imports (its
            # ``annotations`` would make the dataclasses' annotations strings)
            code = compile(source, "<string>", "exec", dont_inherit=True)
            CODE.put(source, marshal.dumps(code))
        source = code
    return builtins.exec(source, globals, locals)


def install() -> None:
    """Have ``dataclasses`` compile through :func:`cached_exec` (the ``gwlint`` command,
    before it imports the modules that define dataclasses)."""
    import dataclasses

    # a module's own name comes before the builtin one (and goes unused by a dataclasses
    # that does not call exec)
    dataclasses.exec = cached_exec
