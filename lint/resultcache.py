"""``--cache``: the findings of files that have not changed since the last run, kept in a
file (``.gwlintcache`` in the current folder, or ``--cache-location``), as textlint and
ESLint keep theirs.

A file's entry is its textlint messages and notices, under a hash of its bytes (content,
not modification time: a ``git checkout`` or a copy changes the time, not the findings).
The whole cache is valid for one *fingerprint*: gwlint's version and its source files, the
Python and libraries it runs on, the plugins installed, the rules in force with their
options, the configuration, and the texts of the rule packs and dictionaries the rules
were read from. When any of these changes, every file is linted again.

Only clean outcomes are kept: not a file that could not be read, nor one where a rule broke
or ran out of time (the next run may fare otherwise). With ``--fix``, a file is taken from
the cache only when nothing in it is fixable, and a file that was fixed is not stored (its
bytes have changed; the next run lints and stores it). Formats that show the text (sarif,
html) need each document, so with them every file is linted and the cache only updated.

The file is lines of JSON (see FORMAT), never pickle: it lives in the project folder, where
anyone who can commit a file could otherwise run code on the machine of whoever lints.
Entries that are not what gwlint writes are ignored; a file that is not a cache of gwlint's
(or not a regular file: a device, a pipe) is left alone, and the run goes on without a
cache. It is written (atomically) only when the run changed something, and it forgets files
that are no longer there.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import types

from .yamlload import digest, file_stamps

#: the layout of the file (a JSON header line, then a line per file: its absolute path as a
#: JSON string, the digest of its bytes, 1 when something in it is fixable, and its
#: notices and messages as JSON, separated by tabs); a cache of another layout is started
#: afresh
FORMAT = 2


def location(option: str | None, name: str) -> str:
    """The cache file for ``--cache-location`` (None: ``name`` here). A folder (one that
    exists, or a path ending in a separator) holds a file called ``name``."""
    if not option:
        return name
    if option.endswith(("/", os.sep)) or os.path.isdir(option):
        return os.path.join(option, name)
    return option


def fingerprint(linter) -> str:
    """What every cached result depends on besides the file itself (see the module)."""
    from . import __version__, plugins

    parts = [f"gwlint {__version__}", sys.version]
    parts += _tree_stamps(os.path.dirname(os.path.abspath(__file__)))
    parts += [file_stamps(origin) for origin in _library_origins()]
    for name, plugin in sorted(plugins.plugin_manager().list_name_plugin(),
                               key=lambda item: str(item[0])):
        parts.append(str(name))
        if plugin is sys.modules.get("lint.builtin"):
            continue  # gwlint's own tree: stamped above
        # every module and data file of the package the plugin belongs to (the entry point
        # names myoffice_gwlint.plugin, whose hooks name myoffice_gwlint.kinds:…, which a
        # change must reach too), and of every other top-level package or module its
        # distribution installs (p4hooks naming p4kinds.k:K)
        module = plugin.__name__ if isinstance(plugin, types.ModuleType) else getattr(
            plugin, "__module__", "")  # (a class or an object of hooks: where it is defined)
        tops = {str(module).partition(".")[0], *_top_level(plugins.distribution(name))}
        for top in sorted(tops - {""}):
            parts += _module_stamps(top)
    config = linter.config
    parts.append(json.dumps({
        "root": str(config.root),
        "settings": {rid: vars(s) for rid, s in config.settings.items()},
        "overrides": [vars(o) for o in config.overrides],
        "allow": config.allow, "extensions": config.extensions,
        "only": sorted(config.only) if config.only is not None else None,
        "rules": [[rid, c.rule.kind, c.rule.level, c.rule.message, c.rule.options]
                  for rid, c in linter.compiled.items()],
    }, sort_keys=True, default=repr, ensure_ascii=False))
    parts += linter.sources
    return digest("\0".join(parts).encode("utf-8", "surrogatepass"))


def _top_level(info: str | None) -> set[str]:
    """The top-level packages and modules a distribution installs, from its .dist-info's
    RECORD (or an .egg-info's installed-files.txt) and top_level.txt (an editable install
    lists only its path hooks in RECORD); read directly, as lint.plugins reads entry points,
    without importing importlib.metadata."""
    if info is None:
        return set()
    tops = set()
    for listing in ("RECORD", "installed-files.txt", "top_level.txt"):
        try:
            with open(os.path.join(info, listing), encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        except OSError:
            continue
        for line in lines:
            first = line.partition(",")[0].replace("\\", "/").partition("/")
            name = first[0].removesuffix(".py") if not first[1] else first[0]
            if name.isidentifier() and not name.startswith("__"):
                tops.add(name)  # (not the .dist-info, __pycache__, ../bin, __editable__)
    return tops


def _module_stamps(top: str) -> list[str]:
    """The stamps of every module and YAML file of the top-level package ``top``, or of the
    module's file; found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(top)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return [top]
    if spec.submodule_search_locations:
        return [stamp for folder in spec.submodule_search_locations
                for stamp in _tree_stamps(folder)]
    return [file_stamps(spec.origin)] if spec.origin else [top]


def _tree_stamps(top: str) -> list[str]:
    """Size and time of each module and YAML file under ``top``."""
    stamps = []
    for folder, _, names in sorted(os.walk(top)):
        stamps += [file_stamps(os.path.join(folder, n)) for n in sorted(names)
                   if n.endswith((".py", ".yaml", ".yml"))]
    return stamps


def _library_origins() -> list[str]:
    """The files of the libraries whose behaviour the findings depend on (an upgrade stamps
    them anew), found without importing them."""
    from importlib.util import find_spec

    origins = []
    for name in ("regex", "opencc", "ahocorasick_rs", "markdown_it", "mdit_py_plugins",
                 "docx", "charset_normalizer"):
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origins.append(spec.origin if spec is not None and spec.origin else name)
    return origins


class CacheError(Exception):
    """The cache file cannot be used: the run goes on without it."""


class ResultCache:
    """The entries of one cache file for one fingerprint: per file (by absolute path), the
    digest of its bytes, whether anything in it is fixable, and its notices and messages as
    the JSON text of the file's line (decoded only when the file is reported, so that a
    large cache costs its text in memory, not its rows as objects)."""

    def __init__(self, path: str, fingerprint: str):
        self.path, self.fingerprint = path, fingerprint
        self.entries: dict[str, tuple[str, bool, str]] = {}
        self.changed = False

    @classmethod
    def load(cls, path: str, fingerprint: str) -> ResultCache:
        """The cache in ``path`` (empty when there is none, or when it was made for other
        rules or another gwlint). CacheError when ``path`` cannot be read or is not a cache
        of gwlint's: it is left alone (``--cache-location`` may name a file by mistake)."""
        cache = cls(path, fingerprint)
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                # a device or a named pipe (--cache-location /dev/null) is not opened (a
                # pipe would wait for a writer), nor written over with a cache
                raise CacheError(f"{path} is not a regular file (left as it is)")
            with open(path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            return cache
        except OSError as exc:
            raise CacheError(f"the cache {path} cannot be read: {exc.strerror or exc}") from None
        if not raw.strip():  # an empty file (a write cut short by a crash): a fresh cache
            cache.changed = True
            return cache
        try:
            lines = raw.decode("ascii").split("\n")
            header = json.loads(lines[0])
        except (UnicodeDecodeError, ValueError, RecursionError):
            header = None
        if not (isinstance(header, dict) and header.get("gwlint") == "cache"):
            raise CacheError(f"{path} is not a cache of gwlint's (left as it is)")
        if header.get("format") != FORMAT or header.get("fingerprint") != fingerprint:
            cache.changed = True  # another gwlint, configuration or rule set: lint again
            return cache
        for line in lines[1:]:
            fields = line.split("\t", 3)
            try:
                name = json.loads(fields[0])
            except (ValueError, RecursionError):
                name = None
            if len(fields) != 4 or not isinstance(name, str) or fields[2] not in ("0", "1"):
                cache.changed = True  # not what gwlint writes: dropped
                continue
            cache.entries[name] = (fields[1], fields[2] == "1", fields[3])
        return cache

    def lookup(self, path: str, digest: str, fixing: bool = False) -> str | None:
        """The cached entry (its JSON text) for ``path`` when it was made from bytes with
        this ``digest`` and is what gwlint writes (with ``fixing``, only when nothing in it
        is fixable), else None. :func:`result` makes it a FileResult."""
        entry = self.entries.get(os.path.abspath(path))
        if entry is None or entry[0] != digest or (fixing and entry[1]):
            return None
        return entry[2] if _decode(entry[2]) is not None else None

    def store(self, path: str, result, digest: str | None) -> None:
        """Keep ``result`` for ``path``, whose bytes had ``digest`` before it was linted
        (so that an edit saved meanwhile is linted next time): a clean outcome only."""
        if (digest is None or result.error is not None or result.skipped is not None
                or result.failures):
            self.forget(path)
            return
        from .formats import rows as rows_of

        rows = rows_of(result)
        # ASCII (json's default): a file name that is not UTF-8 (a lone surrogate) is written
        # as an escape, which reads back as it was; no tab or line break is left raw
        text = json.dumps([list(result.notices), rows], separators=(",", ":"))
        self.entries[os.path.abspath(path)] = (digest, any(len(r) == 12 for r in rows), text)
        self.changed = True

    def forget(self, path: str) -> None:
        if self.entries.pop(os.path.abspath(path), None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write the file (atomically) if this run changed it, without the files that are
        no longer there. OSError or lint.fix.FixError when it cannot be written."""
        gone = [p for p in self.entries if not os.path.exists(p)]
        for p in gone:
            del self.entries[p]
        if not (self.changed or gone):
            return
        from .fix import write_atomic

        header = json.dumps({"gwlint": "cache", "format": FORMAT,
                             "fingerprint": self.fingerprint})
        lines = [header.encode()] + [
            f"{json.dumps(name)}\t{digest}\t{int(fixable)}\t{text}".encode("ascii")
            for name, (digest, fixable, text) in self.entries.items()]
        write_atomic(self.path, b"\n".join(lines))
        self.changed = False


def result(path: str, text: str):
    """The FileResult of a cached entry that :meth:`ResultCache.lookup` returned."""
    from .engine import FileResult

    notices, rows = _decode(text)
    return FileResult(path=os.path.abspath(path), rows=rows, notices=notices)


def _decode(text: str) -> tuple[list[str], list[tuple]] | None:
    """An entry's notices and message rows (lint.formats.rows); None when it is not what
    gwlint writes (a cache edited by hand, or by another program, is not trusted with the
    report)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], list)
            and all(isinstance(n, str) for n in data[0])):
        return None
    rows = _rows(data[1])
    return (data[0], rows) if rows is not None else None


def _file_digest(path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except OSError:  # linting it says why
        return None


def _rows(rows) -> list[tuple] | None:
    """The message rows (lint.formats.rows) of a cache entry; None when they are not what
    gwlint writes (a cache edited by hand, or by another program, is not trusted with the
    report)."""
    if not isinstance(rows, list):
        return None
    out = []
    for row in rows:
        if type(row) is not list or len(row) not in (9, 12):
            return None
        rule, text, severity = row[:3]
        if not (type(rule) is str and type(text) is str and type(severity) is int
                and severity in (1, 2, 3)
                and all(type(v) is int and v >= 0 for v in row[3:9])):
            return None
        if len(row) == 12 and not (type(row[9]) is int and type(row[10]) is int
                                   and type(row[11]) is str and 0 <= row[9] <= row[10]):
            return None
        out.append(tuple(row))
    return out


def _hit_notes(path, fixing: bool) -> list[str]:
    """The notes a file taken from the cache still gets: with --fix, a file the Word reader
    reads (.docx, .dotx, .docm, .dotm: --fix does not rewrite it), as when it is linted."""
    if not fixing:
        return []
    from . import plugins
    from .fix import not_rewritten
    from .readers.docx import read_docx

    if plugins.get_reader(os.path.splitext(os.fspath(path))[1]) is not read_docx:
        return []
    return [not_rewritten(os.path.abspath(path))]


def through(cache: ResultCache, files: list, lint, *, use_hits: bool, fixing: bool):
    """(result, notes) for each of ``files`` in order: from ``cache`` where it holds the
    file as it is (when ``use_hits``), the others from ``lint(those files)``, an iterator
    of (result, notes) in their order, and stored. The caller saves the cache once the run
    is done."""
    digests = [_file_digest(path) for path in files]
    hits = [cache.lookup(path, digest, fixing) if use_hits and digest is not None else None
            for path, digest in zip(files, digests, strict=True)]
    misses = [path for path, hit in zip(files, hits, strict=True) if hit is None]
    linted = iter(lint(misses)) if misses else iter(())
    try:
        for path, hit, digest in zip(files, hits, digests, strict=True):
            if hit is not None:  # decoded now, one file at a time: memory stays flat
                yield result(path, hit), _hit_notes(path, fixing)
                continue
            outcome, notes = next(linted)
            if fixing and notes:  # fixed (its bytes have changed), or a note to give again
                cache.forget(path)
            else:
                cache.store(path, outcome, digest)
            yield outcome, notes
    finally:  # however the caller stops (Ctrl-C, a format's error): the workers end now
        close = getattr(linted, "close", None)
        if close is not None:
            close()
