"""Applying fixes: non-overlapping, repeated until nothing fixable remains, written back
atomically in the file's own encoding, BOM and line endings.

Why a module of its own: a linter that rewrites a user's files must never lose text. Only
the characters inside fix ranges change; everything else is kept byte for byte (a file
whose encoding does not round-trip is left alone rather than silently re-encoded). A fix
whose range overlaps one already applied waits for the next pass (at most
``MAX_PASSES``), as ESLint and textlint do; a chain of fixes that comes back to a text it
has already produced stops there instead of flip-flopping. Whether a fix needs judgment
is the rule kind's decision: a kind that is not sure offers no fix, and nothing here
guesses one.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import signal
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .finding import Finding

MAX_PASSES = 10
#: the note, after "gwlint: NAME: ", for a document --fix cannot write back
#: (not Document.rewritable): its findings are reported as they are
NOT_REWRITTEN = "--fix does not rewrite Word files; findings only"


def not_rewritten(name: str) -> str:
    """The note for a Word file --fix leaves as it is (lint.cli gathers them into one)."""
    return f"gwlint: {name}: {NOT_REWRITTEN}"


class FixError(Exception):
    """The fixed text cannot be written back (e.g. not encodable in the file's encoding)."""


@dataclass
class FixOutcome:
    """The text before and after fixing one document, and the fixes applied."""

    doc: Document  # the document after fixing (re-read from the fixed text)
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    #: rules whose fixes do not settle (matched again in their own replacement, or undone by
    #: another rule's): their fixes are not applied
    unstable: list[str] = field(default_factory=list)

    def notes(self, display: str) -> list[str]:
        """What standard error should say of this outcome besides the count of fixes."""
        return [f"gwlint: {display}: not fixed by rule {rid!r}: its fixes do not settle "
                f"(a text came back, or {MAX_PASSES} passes did not make it shorter)"
                for rid in self.unstable]

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def remaining(self, linter, doc: Document | None = None):
        """What is left to report: ``doc`` (by default the fixed document) linted, with no
        fix offered for the rules whose fixes do not settle. ``--fix`` leaves those, so the
        report shows no ✓ on them and does not suggest ``--fix`` for them."""
        result = linter.lint_document(self.doc if doc is None else doc)
        if self.unstable:
            for finding in result.findings:
                if finding.rule_id in self.unstable:
                    finding.fix = None
        return result

    def diff(self, display: str) -> str:
        """The unified diff ``--fix --dry-run`` prints. A UTF-8 file's BOM stays at the
        start of its first line, as ``git diff`` shows it, so that the diff applies to the
        file (``git apply``, ``patch``) when that line changes."""
        bom = "\ufeff" if self.doc.bom and self.doc.encoding == "utf-8" else ""
        return unified_diff(display, bom + self.original, bom + self.fixed)


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """One pass: apply every fix that does not overlap an earlier one.

    Fixes are taken in order of position; one that overlaps (or inserts at the end of) a
    fix already taken is left for the next pass. A fix whose range lies outside the text
    (a bug in a kind) is never applied.
    """
    n = len(text)
    fixable = sorted((f for f in findings
                      if f.fix is not None and 0 <= f.fix.start <= f.fix.end <= n),
                     key=lambda f: (f.fix.start, f.fix.end))
    out, applied, last = [], [], 0
    for f in fixable:
        fx = f.fix
        if fx.start < last or (applied and fx.start == last and fx.start == fx.end):
            continue
        if fx.start == fx.end and not fx.text:
            continue
        out.append(text[last:fx.start])
        out.append(fx.text)
        last = fx.end
        applied.append(f)
    out.append(text[last:])
    return "".join(out), applied


def fix_document(linter, doc: Document) -> FixOutcome:
    """Lint and fix ``doc`` until no fixable finding remains.

    Fixes that never settle (a user's ``(\\d+)元`` -> ``$1.00元`` turns 100元 into 100.00元,
    where ``00元`` matches again, and grows at every pass and every run; or two rules
    undoing each other) are seen when a text comes back, or when fixes are still pending
    after MAX_PASSES and the last pass did not shorten the text (a chain of shortening
    fixes always ends, and goes on). Their rules' fixes are then left out and fixing starts
    again from the original: their findings stay reported, and a second ``--fix`` changes
    nothing (ESLint likewise stops at circular fixes)."""
    unstable: list[str] = []
    while True:
        outcome = _fix_passes(linter, doc, unstable)
        if outcome.unstable == unstable:
            return outcome
        unstable = outcome.unstable


def _fix_passes(linter, doc: Document, unstable: list[str]) -> FixOutcome:
    """The passes of :func:`fix_document`, without the fixes of the ``unstable`` rules; the
    rules of fixes still pending when they do not settle are added to the outcome's."""
    original = doc.text
    outcome = FixOutcome(doc=doc, original=original, fixed=original, unstable=list(unstable))
    current = doc
    seen = {original}
    passes = 0
    while True:
        findings = [f for f in linter.lint_document(current).findings
                    if f.fix is not None and not _touches_mask(current, f)
                    and f.rule_id not in unstable]
        if not findings:
            break
        new_text, applied = apply_fixes(current.text, findings)
        if not applied:
            break
        passes += 1
        # not settling: a text that comes back, or one that has not got shorter after
        # MAX_PASSES (a chain of fixes that each shorten it, 發(fā)(fā)…, always ends)
        if new_text in seen or (passes > MAX_PASSES and len(new_text) >= len(current.text)):
            outcome.unstable += sorted({f.rule_id for f in applied})
            return outcome
        seen.add(new_text)
        outcome.applied += applied
        current = _reread(current, new_text)
    outcome.doc = current
    outcome.fixed = current.text
    return outcome


def _touches_mask(doc: Document, finding: Finding) -> bool:
    """A fix must not rewrite what the reader masked (code, URLs, disable comments); it may
    rewrite the prose around it and carry it over verbatim (brackets around a link)."""
    fx = finding.fix
    return (bool(doc.masked) and doc.is_masked(fx.start, fx.end)
            and not doc.carries_masked(fx.start, fx.end, fx.text))


def _reread(doc: Document, text: str) -> Document:
    from .readers import read_bytes

    if doc.kind == "text":
        from .readers.text import mask_directives

        prose, masked = mask_directives(text)
        return Document(text=text, path=doc.path, prose=prose, masked=masked,
                        encoding=doc.encoding, bom=doc.bom, kind=doc.kind, meta=doc.meta)
    # the BOM makes the reader take UTF-8 and strip exactly that one mark, so a text that
    # itself starts with U+FEFF keeps it (offsets stay those of ``text``)
    new = read_bytes(codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass"), doc.path)
    if new.text != text:
        raise FixError("the document cannot be re-read after fixing; file left unchanged")
    new.encoding, new.bom = doc.encoding, doc.bom
    if "notices" in doc.meta:  # (what its reader noticed is of the file: a guessed encoding)
        new.meta["notices"] = doc.meta["notices"]
    return new


def encode(doc: Document, text: str) -> bytes:
    """``text`` in the document's encoding, with its BOM if it had one."""
    try:
        body = text.encode(doc.encoding)
    except UnicodeEncodeError as exc:
        raise FixError(
            f"the fixed text has {text[exc.start:exc.end]!r}, which {doc.encoding} cannot encode; "
            "file left unchanged"
        ) from None
    if doc.bom:
        bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
               "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
               "utf-32-be": codecs.BOM_UTF32_BE}.get(doc.encoding, b"")
        body = bom + body
    return body


def fixed_bytes(doc: Document, data: bytes, fixed: str) -> bytes:
    """The bytes to write for ``fixed``, given the file's original bytes ``data``.

    Refuses (FixError) when decoding and re-encoding the *unfixed* text would not give
    ``data`` back (e.g. Big5's duplicate code points): writing then would change bytes
    outside the fixed spans.
    """
    if encode(doc, doc.text) != data:
        raise FixError("the file's bytes do not survive decoding and re-encoding as "
                       f"{doc.encoding}; file left unchanged")
    return encode(doc, fixed)


#: why a rename over the file can fail while writing it in place works: a folder you may not
#: write in (EACCES, EPERM: ``chmod 555``, a sticky or locked-down folder), a file that is a
#: mount point of its own (EBUSY: one file bind-mounted into a container), a new name on
#: another filesystem (EXDEV)
_RENAME_REFUSED = frozenset({errno.EACCES, errno.EPERM, errno.EBUSY, errno.EXDEV})
#: why the temporary file cannot be made beside the file while the file itself may still be
#: writable: a folder you may not write in, or on a read-only filesystem where only the
#: file is mounted writable (``docker run --read-only -v draft.txt:/doc/draft.txt``)
_FOLDER_REFUSED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def write_atomic(path: str | Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Write via a temporary file in the same folder and an atomic rename.

    The file's permission bits, owner and group are kept; a symbolic link stays a link (its
    target is rewritten). A file that does not exist yet gets the permissions ``open()``
    would give. A read-only file (no write permission for its owner, as ``chmod a-w``
    leaves it, or none for you) is not replaced, although the rename could (FixError), as a
    plain write would refuse it.
    With ``expected`` (the bytes the fix was made from), an existing file is replaced only
    while it still holds them (else FixError), so that an edit saved while gwlint was
    fixing is not lost.
    A file with more than one hard link, or whose owner or group the temporary file cannot
    take (only root gives a file away), is not replaced but written over in place, once the
    new text is safely on disk beside it (as Vim's ``backupcopy=auto`` does): a rename would
    leave its other names with the old text, or hand the file to you. So is a writable file
    the rename cannot replace (:data:`_RENAME_REFUSED`: a folder you may not write in, one
    file bind-mounted into a container), as black, ruff and prettier, which always write in
    place, do; when no temporary file can be made beside it (:data:`_FOLDER_REFUSED`), the
    new text is kept in the system's temporary folder meanwhile. A Ctrl-C meanwhile takes
    effect once the file is whole.
    """
    path = Path(os.path.realpath(path))
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        mode = stat.S_IMODE(st.st_mode)
        if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
            raise FixError("the file is read-only; file left unchanged")
    import tempfile  # here: only --fix writes, and it costs start-up to import

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gwlint-tmp",
                                   dir=path.parent)
    except OSError as exc:
        if st is None or exc.errno not in _FOLDER_REFUSED:
            raise
        # the copy that keeps the new text safe while the file is written over
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gwlint-tmp")
        beside = False
    else:
        beside = True
    keep_tmp = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if beside and (st is None or (st.st_nlink == 1 and _take_owner(tmp, st))):
            os.chmod(tmp, mode)
            if expected is not None:
                _check_unchanged(path, expected)
            try:
                os.replace(tmp, path)
                return
            except OSError as exc:
                if st is None or exc.errno not in _RENAME_REFUSED:
                    raise
        with open(path, "r+b") as handle:
            if expected is not None and handle.read() != expected:
                raise _changed()
            with _SignalsHeld():  # never left half fixed text, half the old text's tail
                handle.seek(0)
                keep_tmp = True  # from here on, the copy holds the fixed text
                try:
                    handle.write(data)
                    handle.truncate()
                    handle.flush()
                    os.fsync(handle.fileno())
                except OSError as exc:
                    raise FixError(f"writing over the file failed ({exc.strerror or exc}); "
                                   f"the fixed text is in {tmp}") from None
                keep_tmp = False
                os.unlink(tmp)
    except BaseException:
        if not keep_tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


class _SignalsHeld:
    """Ctrl-C, a closed terminal or a termination request (``timeout``, a CI job cancelled)
    that comes while a file is written over in place takes effect once the file is whole:
    between writing the fixed text and cutting the file to its length, it left the fixed
    text followed by the old text's tail. Python runs signal handlers in the main thread,
    which is where files are written; elsewhere (no handler can be set) nothing is held."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                    if hasattr(signal, name))

    def __enter__(self) -> _SignalsHeld:
        self.held: list[int] = []
        self.previous: dict[int, object] = {}
        for signum in self.SIGNALS:
            handler = signal.getsignal(signum)
            if handler is None or handler is signal.SIG_IGN:
                continue  # set outside Python, or ignored (nohup): left as it is
            try:
                signal.signal(signum, self._hold)
            except ValueError:  # not the main thread
                break
            self.previous[signum] = handler
        return self

    def _hold(self, signum: int, frame) -> None:
        self.held.append(signum)

    def __exit__(self, *exc) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(self.held):
            signal.raise_signal(signum)  # as if it came now


def _take_owner(tmp: str, st: os.stat_result) -> bool:
    """Give ``tmp`` the owner and group of the file it is to replace; False when it cannot
    take them (a group must be one of yours, and only root gives a file away)."""
    have = os.stat(tmp)
    if (have.st_uid, have.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except OSError:
        return False
    return True


def _check_unchanged(path: Path, expected: bytes) -> None:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != expected:
        raise _changed()


def _changed() -> FixError:
    return FixError("the file changed while gwlint was fixing it; file left unchanged "
                    "(run --fix again)")


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of ``before`` -> ``after``, as ``--fix --dry-run`` prints it.

    Lines end where an editor ends them (LF, CRLF, CR); a last line without a line break
    is marked as ``diff`` marks it, so the output applies with ``patch``/``git apply``.
    """
    import difflib  # here: only --dry-run needs it, and it costs start-up to import

    name = _diff_name(path)
    old, new = _diff_lines(before), _diff_lines(after)
    out = []
    for line in difflib.unified_diff(old, new, fromfile=f"a/{name}", tofile=f"b/{name}"):
        out.append(line if line.endswith(("\n", "\r"))
                   else line + "\n\\ No newline at end of file\n")
    return "".join(out)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _diff_lines(text: str) -> list[str]:
    return _LINE.findall(text)


def _diff_name(path: str) -> str:
    """A path relative to the working folder where possible (``a/notes.txt``)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):  # (not ..draft.txt)
        return Path(path).as_posix().lstrip("/")
    return Path(rel).as_posix()
