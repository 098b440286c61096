"""Readers turn a file's bytes into a Document. One module per format; the engine picks a
reader by file suffix through the ``gwlint_readers`` hook."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..document import Document


class ReadError(Exception):
    """A file that cannot be linted: ``kind`` is "binary", "decode" or "io"."""

    def __init__(self, message: str, kind: str = "decode"):
        super().__init__(message)
        self.kind = kind


def read_bytes(data: bytes, path: str | None, suffix: str | None = None) -> Document:
    from .. import plugins

    suffix = (suffix if suffix is not None else Path(path or "").suffix).lower()
    reader = plugins.get_reader(suffix) or plugins.get_reader(".txt")
    failed = f"the reader for {suffix or 'text'} files failed"
    try:
        doc = reader(data, path)
    except ReadError:
        raise
    except plugins.BUGS as exc:  # a reader's bug (a plugin's): this file's error, not the run's
        raise ReadError(f"{failed}: {type(exc).__name__}: {exc}") from None
    if not isinstance(doc, Document):  # (a traceback when the engine came to read it)
        what = "None" if doc is None else f"a {type(doc).__name__}"
        raise ReadError(f"{failed}: it returned {what}, not a Document")
    return doc


def read_path(path: str | Path, display: str | None = None) -> Document:
    data = load_bytes(path)
    return read_bytes(data, display if display is not None else str(path), Path(path).suffix)


#: what is never read: a device or socket named on the command line (``gwlint /dev/zero``
#: read until memory ran out). A FIFO is read: ``gwlint <(cmd)`` names one.
_NOT_READ = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def load_bytes(path: str | Path) -> bytes:
    """The bytes of a file named on the command line or found by a walk; ReadError ("io")
    for one that cannot be read, saying why in the user's terms. A device or socket is not
    opened at all (opening some devices does something: a tape rewinds)."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):  # a folder a walk could not read (lint.walk)
            os.listdir(path)  # why not, in the OSError below
            raise ReadError("cannot read folder", "io")
        for test, kind in _NOT_READ:
            if test(mode):
                raise ReadError(f"cannot read file: not a regular file ({kind})", "io")
        return Path(path).read_bytes()
    except OSError as exc:
        what = "folder" if os.path.isdir(path) else "file"
        raise ReadError(f"cannot read {what}: {_why_unreadable(path, exc)}", "io") from None


def _why_unreadable(path: str | Path, exc: OSError) -> str:
    """The reason for ``exc``: a broken symbolic link is named as such, not "Too many levels
    of symbolic links" or "No such file or directory" for a name the user can see in ls."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        try:
            return f"dangling symbolic link (to {os.readlink(path)})"
        except (OSError, ValueError):  # not a link: a file that went away meanwhile
            pass
    return exc.strerror or str(exc)
