"""Applying fixes: non-overlapping, repeated until nothing fixable remains, written back
atomically in the file's own encoding, BOM and line endings.

Only the characters inside fix ranges change; everything else is kept byte for byte.
A fix whose range overlaps one already applied waits for the next pass (at most
``MAX_PASSES``), as ESLint and textlint do.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .finding import Finding

MAX_PASSES = 10


class FixError(Exception):
    """The fixed text cannot be written back (e.g. not encodable in the file's encoding)."""


@dataclass
class FixOutcome:
    doc: Document  # the document after fixing (re-read from the fixed text)
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """One pass: apply every fix that does not overlap an earlier one."""
    fixable = sorted((f for f in findings if f.fix is not None), key=lambda f: (f.fix.start, f.fix.end))
    out, applied, last = [], [], 0
    for f in fixable:
        fx = f.fix
        if fx.start < last or (applied and fx.start == last and fx.start == fx.end):
            continue
        out.append(text[last:fx.start])
        out.append(fx.text)
        last = fx.end
        applied.append(f)
    out.append(text[last:])
    return "".join(out), applied


def fix_document(linter, doc: Document) -> FixOutcome:
    """Lint and fix ``doc`` until no fixable finding remains (or MAX_PASSES)."""
    original = doc.text
    outcome = FixOutcome(doc=doc, original=original, fixed=original)
    current = doc
    for _ in range(MAX_PASSES):
        findings = linter.lint_document(current).findings
        if not any(f.fix is not None for f in findings):
            break
        new_text, applied = apply_fixes(current.text, findings)
        if not applied or new_text == current.text:
            break
        outcome.applied += applied
        current = _reread(current, new_text)
    outcome.doc = current
    outcome.fixed = current.text
    return outcome


def _reread(doc: Document, text: str) -> Document:
    from .readers import read_bytes

    if doc.kind == "text":
        from .readers.text import mask_directives

        prose, masked = mask_directives(text)
        return Document(text=text, path=doc.path, prose=prose, masked=masked,
                        encoding=doc.encoding, bom=doc.bom, kind=doc.kind, meta=doc.meta)
    new = read_bytes(text.encode("utf-8"), doc.path)
    new.encoding, new.bom = doc.encoding, doc.bom
    return new


def encode(doc: Document, text: str) -> bytes:
    try:
        body = text.encode(doc.encoding)
    except UnicodeEncodeError as exc:
        raise FixError(
            f"the fixed text has {text[exc.start:exc.end]!r}, which {doc.encoding} cannot encode; "
            "file left unchanged"
        ) from None
    if doc.bom:
        import codecs

        bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
               "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
               "utf-32-be": codecs.BOM_UTF32_BE}.get(doc.encoding, b"")
        body = bom + body
    return body


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    mode = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gwlint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}",
    ))
