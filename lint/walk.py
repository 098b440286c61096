"""Which files a run lints: named files, and folders walked recursively.

A folder walk takes the configured extensions (.txt, .md, .docx by default), skips hidden
folders, and honours:
- every ``.gwlintignore`` from the repository root (or ``/``, outside a git repository)
  down;
- every ``.gitignore`` from the repository root down, and the repository's
  ``.git/info/exclude``, but only inside a git repository (as ripgrep does);
- textlint's ``.textlintignore`` in the current folder (or the file ``--ignore-path``
  names; lint.cli);
- the configuration's ``ignore:`` globs (relative to the configuration's folder).

It follows a symbolic link to a file, not one to a folder, and silently skips one that
leads nowhere (dangling, or a loop), as ripgrep does.
A file named on the command line is linted whatever its extension, unless ``ignore:``, a
``.gwlintignore`` or that ignore file excludes it (so pre-commit honours them too); a
broken link named is reported as that file's read-error ("symbolic link loop", "dangling
symbolic link"), and so is a device or socket (lint.readers.load_bytes does not open it);
a FIFO named is read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

#: per folder; a repository's root also has git's own exclude file (.git/info/exclude)
IGNORE_FILES = (".gitignore", ".git/info/exclude", ".gwlintignore")
_GIT_FILES = (".gitignore", ".git/info/exclude")


class _Ignores:
    def __init__(self, root: Path, globs: list, ignore_file: Path | None = None,
                 notes: list[str] | None = None):
        #: the lines an ignore file holds that cannot be used, as notes ("gwlint: ...")
        self.notes = notes if notes is not None else []
        #: (folder, spec) of the configuration's ignore: globs (see collect)
        self.config_specs = [(folder.resolve(), _spec(group))
                             for folder, group in _by_folder(globs, root) if group]
        #: (folder, [spec]) of the ignore file named by --ignore-path (textlint's
        #: .textlintignore by default), whose patterns are relative to its folder
        self.extra: list[tuple[Path, list]] = []
        if ignore_file is not None:
            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            spec = _file_spec(lines, ignore_file, self.notes)
            self.extra.append((ignore_file.resolve().parent, [spec]))
        self._specs: dict[Path, list] = {}
        self._top_cache: dict[tuple, object] = {}
        self._chains: dict[tuple, list] = {}
        self._folders: dict[str, Path] = {}
        self._repos: dict[Path, bool] = {}
        #: (file or folder, what excludes it) a folder walk left out
        self.excluded: list[tuple[Path, str]] = []
        #: what excluded the path :meth:`ignored` last said True for
        self.reason = ""

    def resolve(self, path: Path, link: bool | None = None) -> Path:
        """``path.resolve()``, with each folder resolved once: a run that names 200 files
        (pre-commit, the bench) resolved every component of every path, 40 µs a file.
        ``link``: whether ``path`` is a symbolic link, when the caller knows."""
        name = path.name
        if name in ("", ".", ".."):
            return path.resolve()
        if link is None:
            try:
                link = stat.S_ISLNK(os.lstat(path).st_mode)
            except OSError:  # gone meanwhile: resolved by name, as resolve() would
                link = False
        if link:
            return _resolve_link(path)
        folder = str(path.parent)
        parent = self._folders.get(folder)
        if parent is None:
            parent = self._folders[folder] = path.parent.resolve()
        return parent / name

    def _folder_specs(self, folder: Path, names=IGNORE_FILES) -> list:
        key = (folder, names)
        if key not in self._specs:
            specs = []
            for name in names:
                f = folder / name
                if _looks(f, Path.is_file):
                    try:
                        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
                    except OSError:
                        continue
                    specs.append(_file_spec(lines, f, self.notes))
            self._specs[key] = specs
        return self._specs[key]

    def _in_repository(self, folder: Path) -> bool:
        """Whether ``folder`` is in a git repository (a ``.git`` folder or file at or above
        it), worked out once per folder."""
        inside = self._repos.get(folder)
        if inside is None:
            if _looks(folder / ".git", Path.exists):
                inside = True
            else:
                inside = folder != folder.parent and self._in_repository(folder.parent)
            self._repos[folder] = inside
        return inside

    def _chain(self, parent: Path, names) -> list[tuple[Path, list]]:
        """The folders from ``parent`` up to the repository root (or ``/``) that have ignore
        files, with their specs (worked out once per folder: a pre-commit run names every
        file). ``.gitignore`` files count only inside a git repository, as in git and
        ripgrep: a ``*.txt`` in a home folder's .gitignore, with no repository, hid every
        draft below it."""
        key = (parent, names)
        chain = self._chains.get(key)
        if chain is None:
            if ".gitignore" in names and not self._in_repository(parent):
                names = tuple(n for n in names if n not in _GIT_FILES)
            chain = []
            for folder in (parent, *parent.parents):
                specs = self._folder_specs(folder, names)
                if specs:
                    chain.append((folder, specs))
                if _looks(folder / ".git", Path.exists) or folder == folder.parent:
                    break
            self._chains[key] = chain
        return chain

    def ignored(self, path: Path, is_dir: bool, *, gitignore: bool = True,
                top: Path | None = None, resolved: bool = False) -> bool:
        """Whether ``path`` is excluded. ``top`` is a folder named on the command line: like
        ripgrep, a folder the user asked for is walked even when an ignore file above it
        excludes the folder itself (``gwlint bench/corpus`` with ``bench/corpus/`` ignored)."""
        if not resolved:
            path = self.resolve(path)
        names = IGNORE_FILES if gitignore else (".gwlintignore",)
        suffix = "/" if is_dir else ""
        for folder, spec in self.config_specs:
            rel = _rel(path, folder)
            if rel is not None and spec.match_file(rel + suffix):
                self.reason = "the configuration's ignore:"
                return True
        for folder, specs in (*self.extra, *self._chain(path.parent, names)):
            rel = _rel(path, folder)
            if rel is None:  # outside the ignore file's folder
                continue
            for spec in specs:
                if top is not None:
                    spec = self._without_top(spec, folder, top)
                if spec.match_file(rel + suffix):
                    self.reason = str(spec.source_file)
                    return True
        return False

    def _without_top(self, spec, folder: Path, top: Path):
        """``spec`` without the lines that exclude the named folder itself."""
        key = (id(spec), top)
        if key not in self._top_cache:
            rel = _rel(top, folder)
            if rel and rel != "." and spec.match_file(rel + "/"):
                kept = [ln for ln in spec.source_lines if not _spec([ln]).match_file(rel + "/")]
                self._top_cache[key] = _spec(kept)
                self._top_cache[key].source_file = spec.source_file
            else:
                self._top_cache[key] = spec
        return self._top_cache[key]


def _looks(path: Path, test) -> bool:
    """``test(path)`` (Path.is_file, Path.exists), False where ``path``'s folder may not be
    searched (EACCES): no ignore file, no repository is seen there, and the files named in
    it are linted, where reading them reports why they cannot be read."""
    try:
        return test(path)
    except OSError:
        return False


def _by_folder(globs: list, root: Path) -> list[tuple[Path, list[str]]]:
    """``ignore:`` globs as (folder, globs) pairs: a glob given alone is relative to
    ``root``, a pair names its own folder (lint.config.Config.ignore_by_folder)."""
    alone = [glob for glob in globs if isinstance(glob, str)]
    pairs = [pair for pair in globs if not isinstance(pair, str)]
    return [*([(root, alone)] if alone else []), *pairs]


def _resolve_link(path: Path) -> Path:
    """Where the symbolic link ``path`` leads; for a loop (which ``Path.resolve`` raises
    RuntimeError or OSError on, by Python version), the absolute path of the link itself, so
    that a run that names it reports it as unreadable rather than crashing."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def _spec(lines: list[str]):
    import pathspec  # only when there is something to match (keeps one-file runs quick)

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _file_spec(lines: list[str], source: Path, notes: list[str]):
    """The spec of the ignore file ``source``, whose ``lines`` git reads too: a line that
    cannot be used (:func:`pattern_error`) is skipped, with a note naming it."""
    import re

    try:
        spec = _spec(lines)
    except (ValueError, re.error):
        spec = None
    if spec is None or any(map(_dot_segment, lines)):
        kept = []
        for number, line in enumerate(lines, 1):
            why = pattern_error(line)
            if why is None:
                kept.append(line)
            else:
                notes.append(f"gwlint: {source}:{number}: '{line}' is skipped: {why}")
        lines = kept
        spec = _spec(lines)
    spec.source_lines, spec.source_file = lines, source
    return spec


def pattern_error(pattern: str) -> str | None:
    """Why the gitignore-style ``pattern`` cannot be used, None when it can: a '\\' at its
    end (``bin\\Debug\\``, written for Windows), a character range that runs backwards
    (``[z-a]``), a lone ``!``. git takes such a line without a word and matches nothing
    with it (but ``[!z-a]``, any character), and so is a ``.`` or ``..`` between slashes
    (``./drafts/**``)."""
    import re

    dots = _dot_segment(pattern)
    if dots is not None:
        return dots
    try:
        _spec([pattern])
    except re.error as exc:
        return exc.msg
    except ValueError:
        if pattern.rstrip().endswith("\\"):
            return "a '\\' at its end escapes nothing (folders are separated by '/')"
        return "it matches nothing"
    return None


def _dot_segment(pattern: str) -> str | None:
    """Why git never matches ``pattern`` for a ``.`` or ``..`` folder in it, None when it
    has none: git matches it against paths relative to its file's folder, written without
    them (``./drafts/**`` matches nothing; ``drafts/**`` is meant)."""
    if "." not in pattern or pattern.startswith("#"):
        return None
    parts = pattern.rstrip().removeprefix("!").split("/")
    if ".." in parts:
        return "'..' never matches: a pattern matches only in its file's folder and below"
    if "." not in parts:
        return None
    if parts.index(".") == (1 if parts[0] == "" else 0):
        return ("a path never starts with './': drop it (patterns are relative to the "
                "folder of the file they are in)")
    return "a '.' between slashes never matches: drop it"


def _rel(path: Path, base: Path) -> str | None:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return None


def collect(paths: list[str], extensions: list, ignore: list,
            root: Path, missing: list[str] | None = None,
            excluded: list[tuple[Path, str]] | None = None,
            ignore_file: Path | None = None,
            notes: list[str] | None = None) -> Iterator[Path]:
    """Yield the files to lint, each once, folders in sorted order.

    A named path where nothing is raises FileNotFoundError, unless ``missing`` is given:
    then it is added to that list and the other paths are still collected (the command
    line reports it and lints the rest, SPEC §8). ``excluded``, when given, gets the files
    and folders a walk left out because an ignore excludes them, each with what does.
    ``ignore_file`` (--ignore-path, .textlintignore) excludes as a .gwlintignore in its
    folder would, named files included; OSError when it cannot be read. ``ignore`` holds
    the configuration's globs, relative to ``root``, or (folder, globs) pairs
    (lint.config.Config.ignore_by_folder). ``notes``, when given, gets a note for each line
    of an ignore file that cannot be used (it is skipped)."""
    ignores = _Ignores(root, ignore, ignore_file, notes)
    if excluded is not None:
        ignores.excluded = excluded
    exts = {e.lower() for e in extensions}
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        try:
            mode, link = _mode(path)
        except OSError:  # a folder on the way that may not be searched: reported when read
            mode, link = stat.S_IFREG, False
        if mode is None and not link:
            if missing is None:
                raise FileNotFoundError(raw)
            missing.append(raw)
            continue
        if mode is not None and stat.S_ISDIR(mode):
            for file, key in _walk(path, exts, ignores):
                if key not in seen:
                    seen.add(key)
                    yield file
        else:
            # a file, pipe or device, or a broken symbolic link (a loop, or dangling): the
            # reader says why it cannot be read
            key = ignores.resolve(path, link)
            if key in seen:
                continue
            if ignores.ignored(key, False, gitignore=False, resolved=True):
                ignores.excluded.append((path, ignores.reason))
                continue
            seen.add(key)
            yield path


def ignores_name(name: str, ignore: list, root: Path,
                 ignore_file: Path | None = None,
                 notes: list[str] | None = None) -> str | None:
    """What excludes a file of that name (``the configuration's ignore:``, or the ignore
    file's path), as it would the file named on the command line (``--stdin-filename``,
    where no file need exist); None when nothing does. ``notes`` as for :func:`collect`."""
    ignores = _Ignores(root, ignore, ignore_file, notes)
    path = Path(os.path.abspath(name))
    if ignores.ignored(ignores.resolve(path, False), False, gitignore=False, resolved=True):
        return ignores.reason
    return None


#: errors that mean "no such file" (those ``Path.exists()`` answers False to); others, such
#: as a folder on the way that may not be searched, are raised
_MISSING = {errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP}


def _mode(path: Path) -> tuple[int | None, bool]:
    """(``st_mode`` of what ``path`` leads to, None where nothing is; whether ``path`` itself
    is a symbolic link), in one system call for anything but a link. (None, True) is a
    broken link: dangling, or a loop (also a loop in a folder on the way). Errors other than
    "no such file" (a folder on the way that may not be searched) are raised."""
    try:
        info = os.lstat(path)
    except ValueError:  # a NUL in the name: no such file, as Path.exists() has it
        return None, False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, True
        if exc.errno in _MISSING:
            return None, False
        raise
    if not stat.S_ISLNK(info.st_mode):
        return info.st_mode, False
    try:
        return os.stat(path).st_mode, True
    except OSError as exc:  # a dangling link, or a loop
        if exc.errno in _MISSING:
            return None, True
        raise



def holds_files(folder: Path, extensions: list[str]) -> bool:
    """Whether a walk of ``folder`` that excluded nothing would find a file to lint (one
    with one of ``extensions``, outside hidden folders): whether excluding it left a draft
    out."""
    exts = {e.lower() for e in extensions}
    for _, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if any(_candidate(name, exts) for name in filenames):
            return True
    return False


def _candidate(name: str, exts: set[str]) -> bool:
    """Whether a walk takes a file by its name: one of ``exts``, not Word's lock file
    (``~$报告.docx``)."""
    return not name.startswith("~$") and Path(name).suffix.lower() in exts


def _unreadable(errors: list[OSError]) -> Iterator[tuple[Path, Path]]:
    """The folders a walk could not list, as files to lint: reading one fails and says why
    (a read error, status 1), as for a file that cannot be read (SPEC §8); skipping it
    silently reported its documents clean."""
    while errors:
        error = errors.pop(0)
        if error.filename is not None:
            folder = Path(os.fsdecode(error.filename))
            yield folder, folder.absolute()


def _walk(top: Path, exts: set[str], ignores: _Ignores) -> Iterator[tuple[Path, Path]]:
    """(file, its resolved path) for each file to lint under ``top``."""
    named = top.resolve()
    unreadable: list[OSError] = []  # folders os.walk could not list: reported, not skipped
    for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable.append):
        yield from _unreadable(unreadable)
        folder = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if ignores.ignored(folder / d, True, top=named):
                ignores.excluded.append((folder / d, ignores.reason))
            else:
                kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if _candidate(name, exts):
                file = folder / name
                try:
                    mode, link = _mode(file)
                except OSError:  # reported when it is read
                    mode, link = None, None
                if mode is None and link:
                    continue  # a link to nothing (dangling, or a loop): skipped, as ripgrep does
                if mode is not None and not stat.S_ISREG(mode):
                    # a FIFO, socket or device (reading a FIFO would wait for a writer
                    # forever): not a document, skipped as ripgrep skips it. A file named
                    # on the command line is read whatever it is (``gwlint <(cmd)`` names a
                    # pipe); a broken link named is reported.
                    continue
                key = ignores.resolve(file, link)
                if not ignores.ignored(key, False, top=named, resolved=True):
                    yield file, key
                else:
                    ignores.excluded.append((file, ignores.reason))
    yield from _unreadable(unreadable)  # the last folder's, found as the walk ended
