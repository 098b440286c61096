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

from .yamlload import CacheFile


def _stamps() -> str:
    import sys

    return f"{regex.__version__}\0{sys.version}"


#: the patterns of this run, then earlier ones up to 2,000 (those of many configurations)
CACHE = CacheFile("regex-compiled", _stamps, limit=2000)


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
