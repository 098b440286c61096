"""``regex.compile``, with the compiled patterns kept in the user cache across runs.

The ``regex`` module parses a pattern and generates its code in Python: about 0.3 ms a
pattern, 30 ms for the default preset and gwlint's own patterns, a fifth of the time it
takes to lint one small file. Its pickle support stores that generated code, and loading
it back (``_regex.compile`` on the stored code, the module's own unpickling path) costs
about a thirtieth. So each pattern this process compiles is pickled into the user cache
(see ``lint/yamlload.py``: ``~/.cache/gwlint``, ``GWLINT_CACHE_DIR``, off with
``GWLINT_NO_CACHE``), keyed by the ``regex`` module's version and the Python version, and
read back on the next run. Anything wrong with the cache (absent, unreadable, stale)
means compiling as usual; errors in a pattern are raised by ``regex.compile`` as before.
"""

from __future__ import annotations

import pickle

import regex

#: entries kept in the file at most (the patterns of many configurations)
MAX_ENTRIES = 2000

_STORE: dict | None = None
_KEY: str | None = None
_USED: dict = {}
_DIRTY = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - regex's name
    global _DIRTY
    store = _store()
    key = (pattern, flags)
    blob = store.get(key)
    if blob is not None:
        try:
            compiled = pickle.loads(blob)
        except Exception:  # a stale or damaged entry: compile it afresh
            compiled = None
        if isinstance(compiled, regex.Pattern) and compiled.pattern == pattern:
            _USED[key] = blob
            return compiled
    compiled = regex.compile(pattern, flags)
    try:
        blob = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # pragma: no cover - every regex pattern pickles
        return compiled
    _USED[key] = blob
    if not _DIRTY:
        import atexit

        _DIRTY = True
        atexit.register(_save)
    return compiled


def _store() -> dict:
    global _STORE, _KEY
    if _STORE is None:
        import sys

        from . import yamlload

        _KEY = yamlload._cache_key(f"regex-compiled\0{regex.__version__}\0{sys.version}")
        cached = yamlload._cache_get(_KEY)
        _STORE = cached if isinstance(cached, dict) else {}
    return _STORE


def _save() -> None:
    """Write this run's patterns, and as many earlier ones as fit (only when this run had
    to compile one: a run that found all it needed leaves the file alone)."""
    from . import yamlload

    if _KEY is None:
        return
    entries = dict(_USED)
    for key, blob in (_STORE or {}).items():
        if len(entries) >= MAX_ENTRIES:
            break
        entries.setdefault(key, blob)
    yamlload._cache_put(_KEY, entries)
