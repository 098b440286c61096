"""Plain text in the encodings Chinese offices use.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly. Anything else is
tried as GB18030 (a superset of GBK and GB2312) and Big5; a file that none of them
decodes strictly is reported as undecodable rather than guessed into garbage. Bytes that
look binary (NUL bytes without a UTF-16 BOM) are skipped with a notice.

Disable comments (``<!-- gwlint-disable -->``) are blanked out of ``prose`` so that no rule
reports their ASCII punctuation.
"""

from __future__ import annotations

import codecs

import regex

from ..document import Document
from . import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

DIRECTIVE = regex.compile(
    r"<!--\s*(?:gwlint|textlint)-(?:disable|enable)(?:-next-line|-line)?\b[^\n]*?-->"
)


def decode(data: bytes) -> tuple[str, str, bool]:
    """bytes -> (text, encoding, had_bom); raises ReadError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                raise ReadError(f"cannot decode as {encoding} (byte {exc.start + len(bom)})") from None
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), skipped", "binary")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for encoding in ("gb18030", "big5"):
        try:
            return data.decode(encoding), encoding, False
        except UnicodeDecodeError:
            continue
    raise ReadError(
        f"cannot decode: not UTF-8 (invalid byte at {utf8_error.start}), GB18030 or Big5"
    )


def mask_directives(text: str) -> tuple[str, list[tuple[int, int]]]:
    spans = [m.span() for m in DIRECTIVE.finditer(text)] if "<!--" in text else []
    if not spans:
        return text, []
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars), spans


def read_text(data: bytes, path: str | None) -> Document:
    text, encoding, bom = decode(data)
    prose, masked = mask_directives(text)
    return Document(text=text, path=path, prose=prose, masked=masked, encoding=encoding, bom=bom)
