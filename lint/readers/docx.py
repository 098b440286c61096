"""Word (.docx): offices write in Word, so drafts must be linted where they are written.

The reader (python-docx) takes the body's paragraphs and the paragraphs of table cells in
document order (a table's rows top to bottom, each row's cells left to right, nested tables
and content controls included; headers, footers, footnotes and comments are not body text).
The Document's ``text`` is those paragraphs joined by ``"\\n"``, one paragraph per line, so a
finding's **line is the paragraph number**, counting every paragraph of the body and of the
table cells from 1, empty paragraphs included, and its column is the character within that
paragraph. A line break inside a paragraph (Shift+Enter) becomes a masked space, so it
neither shifts the numbering nor produces findings of its own.

The result is ``kind="docx"``: findings only. ``--fix`` does not rewrite Word files (a fix at
a character offset cannot be written back into runs without risking their formatting), and
says so; the report offers no fix for them either (``Document.rewritable``). A file that is
not a valid .docx is a ReadError with a message a writer can act on.
"""

from __future__ import annotations

import gc
import io
import zipfile

from ..document import Document
from . import ReadError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc (and encrypted .docx)
_SOFT_BREAKS = "\n\r\v\u2028\u2029"


def read_docx(data: bytes, path: str | None) -> Document:
    if not data:
        return Document(text="", path=path, kind="docx")
    paragraphs = _paragraphs(data)
    chars: list[str] = []
    masked: list[tuple[int, int]] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            chars.append("\n")
        for ch in paragraph:
            if ch in _SOFT_BREAKS:
                masked.append((len(chars), len(chars) + 1))
                ch = " "
            chars.append(ch)
    text = "".join(chars)
    return Document(text=text, path=path, masked=masked, kind="docx")


def _paragraphs(data: bytes) -> list[str]:
    if data.startswith(_OLE):
        raise ReadError("not a .docx file: this is an old binary Word (.doc) or an encrypted "
                        "document; save it as .docx (Word 2007 or later) without a password")
    if not data.startswith(b"PK"):
        raise ReadError("not a .docx file (a .docx is a zip archive; this file is not one)")
    import docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        return [Paragraph(p, None).text for p in _walk(body)]
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ReadError(f"corrupt .docx file: {_reason(exc)}") from None
    except Exception as exc:  # python-docx and lxml raise many kinds on broken packages
        raise ReadError(f"cannot read .docx file: {_reason(exc)}") from None
    finally:
        # python-docx's package and its parts refer to each other, and that cycle keeps
        # every part's XML tree (~5 MB for a new Word file) until the garbage collector
        # runs, which the gwlint command does rarely (lint/entry.py): collect it now
        document = body = None
        gc.collect(1)


def _walk(element):
    """The ``w:p`` elements of a body or a cell, in document order."""
    from docx.oxml.ns import qn

    paragraph, table, sdt = qn("w:p"), qn("w:tbl"), qn("w:sdt")
    row, cell, content = qn("w:tr"), qn("w:tc"), qn("w:sdtContent")
    for child in element.iterchildren():
        if child.tag == paragraph:
            yield child
        elif child.tag == table:
            for tr in child.iterchildren(row):
                for tc in tr.iterchildren(cell):
                    yield from _walk(tc)
        elif child.tag == sdt:
            for inner in child.iterchildren(content):
                yield from _walk(inner)


def _reason(exc: Exception) -> str:
    # a KeyError's str() is its key's repr: the message inside the quotes; any other
    # message is kept whole ("'lxml.etree._Element' object has no attribute 'overrides'")
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        text = exc.args[0].strip()
    else:
        text = str(exc).strip()
    return text or type(exc).__name__
