"""``regex.compile`` and ``re.compile``, with the compiled patterns kept in the user cache
across runs.

The ``regex`` module parses a pattern and generates its code in Python: about 0.3 ms a
pattern, 30 ms for the default preset and gwlint's own patterns, a fifth of the time it
takes to lint one small file. Its pickle support stores that generated code, and loading
it back (``_regex.compile`` on the stored code, the module's own unpickling path) costs
about a thirtieth. So each pattern this process compiles is pickled into the user cache
(see ``lint/yamlload.py``: ``~/.cache/gwlint``, ``GWLINT_CACHE_DIR``, off with
``GWLINT_NO_CACHE``), keyed by the ``regex`` module's version and the Python version, and
read back on the next run. Anything wrong with the cache (absent, unreadable, stale)
means compiling as usual; errors in a pattern are raised by ``regex.compile`` as before.

``re`` is the same story (~20 ms of every start-up: big character classes cost most), but
its patterns pickle as their source, and unpickling compiles them again. So for ``re`` the
cache keeps what ``re``'s compiler ends with, the arguments of ``_sre.compile`` (the
pattern, its flags, its code and its groups), pickled: the cache file is read whole, and an
entry as bytes costs a run that does not use it an eighth of the memory its list of code
does. That call is private to ``re``, so an entry
is stored only when the pattern it builds equals ``re.compile``'s (Pattern equality
compares the code), entries are keyed by the Python version and ``_sre.MAGIC``, and
``_sre`` validates any code it is given: whatever goes wrong means compiling as usual.
"""

from __future__ import annotations

import pickle

import regex

from .yamlload import CacheFile


def _stamps() -> str:
    import sys

    return f"{regex.__version__}\0{sys.version}"


#: the patterns of this run, then earlier ones (those of other configurations) up to 2,000
#: and MAX_BYTES: every run reads the whole file, so another configuration's huge pattern
#: must not stay in it for good (a 5,000-word alternation took 3 MB of every run's memory)
MAX_BYTES = 512 * 1024
CACHE = CacheFile("regex-compiled", _stamps, limit=2000, max_bytes=MAX_BYTES)


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - regex's name
    key = (pattern, flags)
    blob = CACHE.get(key)
    if blob is not None:
        try:
            compiled = pickle.loads(blob)
        except Exception:  # a stale or damaged entry: compile it afresh
            compiled = None
        if isinstance(compiled, regex.Pattern) and compiled.pattern == pattern:
            return compiled
    compiled = regex.compile(pattern, flags)
    try:
        blob = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # pragma: no cover - every regex pattern pickles
        return compiled
    CACHE.put(key, blob)
    return compiled


def _re_stamps() -> str:
    import _sre
    import sys

    return f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}"


RE_CACHE = CacheFile("re-compiled-pickles", _re_stamps, limit=2000, max_bytes=MAX_BYTES)


def compile_re(pattern: str, flags: int = 0):
    """``re.compile(pattern, flags)``, from the cache when an earlier run compiled it."""
    import re

    key = (pattern, int(flags))
    blob = RE_CACHE.get(key)
    if blob is not None:
        try:
            import _sre

            compiled = _sre.compile(*pickle.loads(blob))
        except Exception:  # a stale or damaged entry: compile it afresh
            compiled = None
        if isinstance(compiled, re.Pattern) and compiled.pattern == pattern:
            return compiled
    compiled = re.compile(pattern, flags)
    args = _sre_arguments(pattern, int(flags))
    if args is not None:
        import _sre

        try:
            same = _sre.compile(*args) == compiled  # flags, pattern and code
        except Exception:  # noqa: BLE001 - this Python's re works otherwise: no cache
            same = False
        if same:  # kept pickled: an entry costs its bytes, not a list of int objects, until used
            RE_CACHE.put(key, pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL))
    return compiled


def _sre_arguments(pattern: str, flags: int) -> tuple | None:
    """The arguments ``re._compiler.compile`` passes to ``_sre.compile`` (CPython 3.11 and
    later), or None where ``re`` is built otherwise."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes: plain ints
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
                tuple(indexgroup))
    except Exception:  # noqa: BLE001 - another Python: re.compile alone
        return None
