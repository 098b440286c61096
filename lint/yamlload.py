"""YAML loading that remembers line numbers, so every mistake is reported as file:line.

Parsed files are cached (by a hash of their text) as pickles in the user's cache folder
(``$GWLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gwlint``, else ``~/.cache/gwlint``): importing
PyYAML and parsing the preset costs a quarter of a one-file run, reading a pickle almost
nothing. ``GWLINT_NO_CACHE=1`` turns the cache off; a cache that cannot be read or written
is simply not used. A process that writes an entry also removes gwlint's entries that have
not been written for MAX_AGE (they are built again if still wanted), so the folder does not
grow with every edited rule pack, gwlint version or removed virtual environment.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

from . import __version__


class LineDict(dict):
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list


def lines_of(items) -> list:
    """The line of each item of a list read from YAML (None where not known: a list a
    program built), for a mistake in one of them to be reported where it is."""
    lines = getattr(items, "item_lines", None)
    return list(lines) if lines is not None and len(lines) == len(items) else [None] * len(items)


def line_of(mapping, key: str, default: int | None = None) -> int | None:
    """The line of ``key`` in a mapping read from YAML, else ``default``."""
    return getattr(mapping, "key_lines", {}).get(key, getattr(mapping, "line", None) or default)


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of byte ``offset`` of ``data``, 1-based; the column counts the
    characters before it on its line (bytes that do not decode count one each)."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def not_utf8(data: bytes, exc: UnicodeDecodeError, what: str) -> tuple[int, str]:
    """(line, message) for a file of ``what`` (rule files, prh dictionaries, ...) that is not
    UTF-8: the line and column of the first byte that is not, and what to do."""
    line, column = byte_position(data, exc.start)
    return line, (f"{what} must be UTF-8 (byte {exc.start}, line {line} column {column}, "
                  "is not); save it as UTF-8")


class YamlError(Exception):
    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


_RECORDINGS: list[list[str]] = []


@contextmanager
def recording():
    """A list of the keys of the values :func:`cached` is asked for meanwhile (rule packs,
    prh dictionaries): what the rules built meanwhile were made of, for lint.resultcache.
    They must be the same whether the cache held the values or not (a run with the cache
    cold and the next one name the same rules), so nothing a ``build`` does may ask it."""
    keys: list[str] = []
    _RECORDINGS.append(keys)
    try:
        yield keys
    finally:
        _RECORDINGS.remove(keys)


def load_yaml(text: str, path: str, *, cache: bool = True):
    """Parse ``text``; a syntax error becomes :class:`YamlError` with the line it is on.
    ``cache=False``: a caller that keeps what it makes of the data instead."""
    return cached(text, lambda: _parse(text, path)) if cache else _parse(text, path)


def cached(key_text: str, build):
    """``build()``, kept in the user cache under a hash of ``key_text``, which must name
    everything the value depends on (gwlint's version is added). An exception from
    ``build`` is raised and nothing is kept."""
    key = _cache_key(key_text)
    for keys in _RECORDINGS:
        keys.append(key)
    value = _cache_get(key)
    if value is _MISS:
        value = build()
        _cache_put(key, value)
    return value


# -- parsing --------------------------------------------------------------------------------
_LOADER = None

#: how many values nested aliases may add to a document: what an alias repeats counted as a
#: tree (a list's items, theirs, ...), less its values that are written once (a flat list
#: reused under several rules adds none). PyYAML makes each alias one shared object, but
#: anything that reads the data as a tree (str(), ==, a kind checking its options) meets
#: them all, and ten nested aliases of lists of two are a thousand values ("billion
#: laughs": 1.5 KB of them were 4.7 GB). The preset's own aliases add none.
MAX_ALIAS_VALUES = 100_000


class _TooManyAliases(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _children(node) -> list:
    """The nodes right below a YAML node: a mapping's keys and values, a sequence's items."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _loader():
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present

        class Loader(base):
            _alias_values = 0

            def construct_object(self, node, deep=False):
                if node in self.constructed_objects:  # an alias (or a '<<' merge) of it
                    # (what it holds once is linear, its own size; the rest is multiplied)
                    self._alias_values += self._expanded(node) - self._distinct(node)
                    if self._alias_values > MAX_ALIAS_VALUES:
                        raise _TooManyAliases(self._alias_line(node))
                return super().construct_object(node, deep)

            def _expanded(self, node) -> int:
                """How many values ``node`` is as a tree: itself and all below it, each
                alias below it counted as what it repeats."""
                sizes = self.__dict__.setdefault("_sizes", {})
                stack = [node]
                while stack:
                    top = stack[-1]
                    if top in sizes:
                        stack.pop()
                        continue
                    below = _children(top)
                    todo = [n for n in below if n not in sizes]
                    if todo:
                        stack.extend(todo)
                    else:
                        sizes[top] = 1 + sum(sizes[n] for n in below)
                        stack.pop()
                return sizes[node]

            def _distinct(self, node) -> int:
                """How many values ``node`` is as written: itself and the nodes below it,
                each once however many aliases repeat it."""
                counts = self.__dict__.setdefault("_distinct_counts", {})
                if node not in counts:
                    seen, stack = {node}, [node]
                    while stack:
                        top = stack.pop()
                        for n in _children(top):
                            if n not in seen:
                                seen.add(n)
                                stack.append(n)
                    counts[node] = len(seen)
                return counts[node]

            def _alias_line(self, node) -> int:
                """The line of the alias of ``node`` being read: its key's in a mapping,
                else that of the list holding it."""
                parent = next(reversed(self.recursive_objects), None)
                if parent is None:
                    return node.start_mark.line + 1
                if isinstance(parent, yaml.MappingNode):
                    for key, value in parent.value:
                        if node is key or node is value:
                            return key.start_mark.line + 1
                return parent.start_mark.line + 1

            def flatten_mapping(self, node):
                # a mapping's own keys, before '<<' splices others in: flattening a mapping
                # flattens the ones it merges first, so a merged mapping that merges in turn
                # is flattened before it is constructed
                owns = self.__dict__.setdefault("_own_keys", {})
                owns.setdefault(id(node), {id(k) for k, _ in node.value})
                super().flatten_mapping(node)

        def construct_mapping(loader, node):
            loader.flatten_mapping(node)
            own = loader._own_keys[id(node)]  # noqa: SLF001 - not merged in by '<<'

            result = LineDict()
            result.line = node.start_mark.line + 1
            result.key_lines = {}
            written: dict = {}  # key -> its key node
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, "found an unhashable key", key_node.start_mark) from None
                first = written.get(key)
                if first is not None and id(first) in own and id(key_node) in own:
                    # YAML forbids it; PyYAML kept the last silently (a rule's second
                    # `patterns:` dropped its first list)
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (first on line "
                        f"{first.start_mark.line + 1})", key_node.start_mark) from None
                written[key] = key_node
                result[key] = loader.construct_object(value_node, deep=True)
                result.key_lines[key] = key_node.start_mark.line + 1
            return result

        def construct_sequence(loader, node):
            result = LineList(loader.construct_object(child, deep=True) for child in node.value)
            result.line = node.start_mark.line + 1
            result.item_lines = [child.start_mark.line + 1 for child in node.value]
            return result

        Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
        Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                               construct_sequence)
        _LOADER = Loader
    return _LOADER


def _parse(text: str, path: str):
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except _TooManyAliases as exc:
        raise YamlError(path, exc.line, f"YAML aliases here repeat more than "
                        f"{MAX_ALIAS_VALUES:,} values through the aliases inside what they "
                        "repeat (aliases of lists of aliases, each repeating the one before: a "
                        "\"billion laughs\"); write the values out") from None
    except yaml.MarkedYAMLError as exc:
        raise YamlError(path, *_syntax_error(text, exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, f"YAML error: {exc}") from None


#: what PyYAML's scanner was doing when it names the place a mistake began (an opening
#: quote, the key it found no colon for), not where it gave up
_CONTEXT_FIRST = ("while scanning a quoted scalar", "while scanning a simple key")
#: ... and a bracket, which may be one left open or one with a ',' missing inside
_FLOW = {"while parsing a flow sequence": "sequence", "while parsing a flow mapping": "mapping"}


def _syntax_error(text: str, exc) -> tuple[int, str]:
    """(line, message) for a YAML syntax error: at the line where the mistake is, which
    PyYAML often reports a line or more later (an unclosed quote at the end of the file,
    past its last line), with what an editor in Chinese typically typed there: a
    full-width colon after a key, full-width spaces or a tab as indentation."""
    lines = text.splitlines() or [""]
    problem = exc.problem or exc.context or "invalid YAML"
    at = exc.problem_mark or exc.context_mark
    line = at.line + 1 if at else 1
    context = exc.context_mark
    if context is not None and exc.context in _CONTEXT_FIRST:
        problem = ("a quoted string starts here and is not closed"
                   if exc.context == "while scanning a quoted scalar"
                   else f"{problem} ({exc.context} that starts here)")
        line = context.line + 1
    elif context is not None and exc.context in _FLOW and at is not None:
        if _left_open(lines, context, at):
            problem, line = f"{problem} ({exc.context} that starts here)", context.line + 1
        elif at.line != context.line:  # a ',' missing before what it found
            problem = f"{problem} (in the {_FLOW[exc.context]} opened at line {context.line + 1})"
    first = context.line + 1 if context is not None else line - 1
    for number in range(max(1, min(first, line)), min(line, len(lines)) + 1):
        hint = _typed_wrong(lines[number - 1])
        if hint:
            return number, f"YAML syntax error: {hint}"
    return min(line, len(lines)), f"YAML syntax error: {problem}"


def _left_open(lines: list[str], opened, found) -> bool:
    """Whether the bracket opened at the mark ``opened`` was left open, PyYAML having
    found the end of the text, or a later line back at the opening line's indentation
    (the next key of a block mapping), where it wanted a ',' or the closing bracket; else a
    ',' is missing before what it ``found`` (``{"a": 1`` ⏎ ``"b": 2}``)."""
    if found.line >= len(lines) or not "".join(
            [lines[found.line][found.column:], *lines[found.line + 1:]]).strip():
        return True
    opening = lines[opened.line]
    return found.line > opened.line and found.column <= len(opening) - len(opening.lstrip())


def _typed_wrong(line: str) -> str | None:
    """What is wrong with a line in the ways YAML's own messages do not say."""
    indent = line[:len(line) - len(line.lstrip(" \t\u3000"))]
    if "\u3000" in indent:
        return "full-width spaces (U+3000) in the indentation; YAML indents with spaces"
    if "\t" in indent:
        return "a tab in the indentation; YAML indents with spaces"
    # a key (gwlint's are ASCII: message, patterns, a rule id) with a full-width colon; a
    # list item's text (- 签发人：赵建国, an example) may hold one
    import re

    key = re.match(r"\s*([A-Za-z_@][\w@/.-]*)\s*：", line, re.ASCII)
    if key:
        return f"a full-width colon after {key.group(1)!r}; YAML needs ':'"
    return None


# -- the cache ------------------------------------------------------------------------------
_MISS = object()
#: raised when what gwlint makes of a text changes within one version (the parser now
#: refuses duplicate keys, and aliases that repeat too much), so that entries made before
#: are not used
CACHE_REVISION = 3


#: cache folder -> whether it was there when this process first looked at it
_KEPT: dict[str, bool] = {}


def _cache_dir() -> str | None:
    if os.environ.get("GWLINT_NO_CACHE"):
        return None
    folder = os.environ.get("GWLINT_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "gwlint")
    if folder not in _KEPT:
        _KEPT[folder] = os.path.isdir(folder)
    return folder


def cache_kept(folder: str) -> bool:
    """Whether the cache ``folder`` was there before this process: a machine that keeps it
    between runs, where an entry that costs more to build than it saves in one run pays off
    (not a fresh CI runner, which would build it for nothing every time)."""
    return _KEPT.get(folder, False)


def file_stamps(*paths: str) -> str:
    """The paths with their size and modification time, for a cache entry's key: an entry
    derived by code in these files is stale once one of them changes (an edited or
    upgraded gwlint), without reading them."""
    stamps = []
    for path in paths:
        try:
            st = os.stat(path)
            stamps.append(f"{path}\0{st.st_mtime_ns}\0{st.st_size}")
        except OSError:
            stamps.append(path)
    return "\0".join(stamps)


def _cache_key(text: str) -> str:
    return digest(f"{__version__}\0{CACHE_REVISION}\0{text}".encode(), 20)


def digest(data: bytes, size: int = 16) -> str:
    """A BLAKE2 hex digest of ``data`` (the cache's keys, lint.resultcache's file hashes)."""
    try:  # hashlib's own BLAKE2, without hashlib: that loads OpenSSL first (~4 ms a run)
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b

    return blake2b(data, digest_size=size).hexdigest()


def _cache_get(key: str):
    folder = _cache_dir()
    if folder is None:
        return _MISS
    try:
        with open(os.path.join(folder, f"{key}.pickle"), "rb") as handle:
            import pickle

            return pickle.load(handle)
    except Exception:  # absent, unreadable or stale: parse instead
        return _MISS


def _cache_put(key: str, data) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    tmp = None
    try:
        import pickle
        import tempfile

        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="gwlint-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, os.path.join(folder, f"{key}.pickle"))
        tmp = None
    except Exception:  # a read-only home, a full disk: run without the cache
        pass
    finally:  # also on Ctrl-C during the write: no half-written file is left behind
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    prune(folder)


#: entries of the cache not written for this long are removed (seconds)
MAX_AGE = 30 * 86400
#: a temporary file this old belongs to no running process (one killed while writing)
_TMP_AGE = 3600
#: the names gwlint gives what it writes to the cache folder (which a user may have shared
#: with other files through GWLINT_CACHE_DIR: those are never touched), and a temporary
#: file's (``write_atomic``'s, ``_cache_put``'s)
_ENTRY = r"[0-9a-f]{40}\.pickle|opencc-[\w.-]+-[0-9a-f]{40}(?:-\d+\.ocd2|\.json(?:\.unusable)?)"
_TEMPORARY = r"gwlint-\w+\.tmp|\..+\.gwlint-tmp"
_PRUNED: set[str] = set()


def prune(folder: str, now: float | None = None) -> None:
    """Remove the cache entries of ``folder`` older than MAX_AGE, and temporary files left
    by killed processes; once per process and folder (a write to the cache is rare: the
    scan costs ~1 ms for a few hundred entries)."""
    if folder in _PRUNED:
        return
    _PRUNED.add(folder)
    import re
    import time

    entry, temporary = re.compile(_ENTRY), re.compile(_TEMPORARY)
    now = time.time() if now is None else now
    try:
        with os.scandir(folder) as entries:
            for item in entries:
                if entry.fullmatch(item.name):
                    limit = MAX_AGE
                elif temporary.fullmatch(item.name):
                    limit = _TMP_AGE
                else:
                    continue
                try:
                    if now - item.stat(follow_symlinks=False).st_mtime > limit:
                        os.unlink(item.path)
                except OSError:  # gone meanwhile (another process pruning), or not ours to remove
                    pass
    except OSError:
        pass


#: the CacheFiles this process or its parent added entries to (see save_written)
_WRITTEN: list = []


def save_written() -> None:
    """Save the CacheFiles this process added entries to: for a worker process forked from
    gwlint, which ends with ``os._exit`` (no exit handlers, its parent's included)."""
    for cache in _WRITTEN:
        if cache._writer == os.getpid():
            cache.save()


class CacheFile:
    """A dict kept in the user cache across runs, for work that gives the same answer every
    run (the analysis of a preset's patterns, compiled patterns). ``stamps()`` names what
    the entries depend on (versions, source files); it is called on first use, so a changed
    dependency means another file and never a stale entry.

    The file is read on first use, and written at exit only when this run added an entry:
    the entries this run used, then earlier ones while there are fewer than ``limit`` and,
    with ``max_bytes`` (for values that are ``bytes``), they add up to no more than that."""

    def __init__(self, name: str, stamps, limit: int = 0, max_bytes: int | None = None):
        self.name, self.stamps, self.limit, self.max_bytes = name, stamps, limit, max_bytes
        self._data: dict | None = None
        self._key: str | None = None
        self._used: dict = {}
        self._writer = 0  # the process that added an entry, which saves the file at exit

    def fresh(self) -> CacheFile:
        """The same cache as a new process sees it (nothing read yet)."""
        return CacheFile(self.name, self.stamps, self.limit, self.max_bytes)

    def get(self, key, default=None):
        value = self._load().get(key, _MISS)
        if value is _MISS:
            return default
        self._used[key] = value
        return value

    def put(self, key, value) -> None:
        self._load()[key] = value
        self._used[key] = value
        if self._writer != os.getpid():  # (a forked worker's own entries: save_written)
            import atexit

            self._writer = os.getpid()
            if self not in _WRITTEN:
                _WRITTEN.append(self)
            atexit.register(self.save)

    def save(self) -> None:
        if self._key is None:
            return
        # what another process wrote meanwhile (a forked worker's entries, saved before
        # this process ends) is kept: the file is read again, not written over
        now = _cache_get(self._key)
        if isinstance(now, dict) and self._data is not None:
            self._data = {**now, **self._data}
        entries = dict(self._used)
        room = self.max_bytes
        for key, value in (self._data or {}).items():
            if len(entries) >= self.limit:
                break
            if key in entries:
                continue
            if room is not None:
                size = len(value) if isinstance(value, bytes) else 0
                if size > room:
                    continue  # too big to keep for other runs: a smaller one may still fit
                room -= size
            entries[key] = value
        _cache_put(self._key, entries)

    def _load(self) -> dict:
        if self._data is None:
            self._key = _cache_key(f"{self.name}\0{self.stamps()}")
            cached = _cache_get(self._key)
            self._data = cached if isinstance(cached, dict) else {}
        return self._data
