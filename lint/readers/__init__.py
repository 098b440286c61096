"""Readers turn a file's bytes into a Document. One module per format; the engine picks a
reader by file suffix through the ``gwlint_readers`` hook."""

from __future__ import annotations

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
    return reader(data, path)


def read_path(path: str | Path, display: str | None = None) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", "io") from None
    return read_bytes(data, display if display is not None else str(path), Path(path).suffix)
