"""Running the linter over many files: in this process alone, or with worker processes
forked from it that inherit the compiled rules (lint.forkpool), with fixes applied and
written per file."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from .engine import FileResult, Linter, _read_failure
from .fix import FixError, fix_document, fixed_bytes, not_rewritten, write_atomic
from .readers import ReadError, load_bytes, read_bytes

#: below this many files a run stays in one process
PARALLEL_MIN_FILES = 8
#: a process for every this many bytes of input, up to --jobs: a worker's start-up (the fork,
#: the OpenCC tables it builds again, the results' trip back) costs about what it saves on
#: ~0.15 MB (bench/ on two cores; 0.4 MB in two processes: 5-10% faster). A 16-CPU machine
#: linting 0.5 MB starts one worker, not fifteen.
BYTES_PER_PROCESS = 200_000

_LINTER: Linter | None = None
_ARGS = None
_KEEP_DOCUMENTS = True


def _lint_one(path) -> tuple[FileResult, list[str]]:
    linter, args = _LINTER, _ARGS
    display = str(os.path.abspath(path))
    if not args.fix:
        result, notes = linter.lint_file(path, display), []
    else:
        result, notes = _fix_one(linter, path, display, dry_run=args.dry_run)
    if not _KEEP_DOCUMENTS:
        _slim(result)
    return result, notes


def _slim(result: FileResult) -> None:
    """Resolve positions now and let the document go: memory stays flat however many files
    a run has, and worker processes send back findings, not whole texts. The Finding
    objects go too: their offsets point into the text just dropped, and sending them beside
    the messages doubled what the parent process unpickles (bench/PROFILE.md)."""
    from .formats import rows

    result.rows = rows(result)
    result.doc = None
    result.findings = []


def _fix_one(linter: Linter, path, display: str, *, dry_run: bool) -> tuple[FileResult, list[str]]:
    """Fix one file in place (or, with ``dry_run``, diff it) and lint what remains.

    Notes starting with ``gwlint:`` go to standard error; with ``dry_run`` the diff is a
    note of its own, which :func:`run` writes where lint.cli says.
    """
    try:
        data = load_bytes(path)  # a device is not read, a read error is explained
        doc = read_bytes(data, display, Path(path).suffix)
    except ReadError as exc:
        return _read_failure(display, exc), []
    if not doc.rewritable:
        result = linter.lint_document(doc)
        return result, [not_rewritten(display)]
    if not dry_run and not _regular_file(path):  # gwlint --fix <(cmd): nothing to write back
        return linter.lint_document(doc), [
            f"gwlint: {display}: not fixed: not a regular file (a pipe); findings only"]
    outcome = None
    try:
        outcome = fix_document(linter, doc)
        if not outcome.changed:
            return outcome.remaining(linter), outcome.notes(display)
        written = fixed_bytes(doc, data, outcome.fixed)  # (a dry run refuses as --fix would)
        if dry_run:
            diff = outcome.diff(display)
            return outcome.remaining(linter), [diff, *outcome.notes(display)]
        write_atomic(path, written, expected=data)
    except (FixError, OSError) as exc:
        reason = exc if isinstance(exc, FixError) else (exc.strerror or exc)
        note = f"gwlint: {display}: not fixed: {reason}"
        if outcome is None:
            return linter.lint_document(doc), [note]
        return outcome.remaining(linter, doc), [note, *outcome.notes(display)]
    count = len(outcome.applied)
    note = f"gwlint: {display}: fixed {count} problem{'s' if count != 1 else ''}"
    return outcome.remaining(linter), [note, *outcome.notes(display)]


def _regular_file(path) -> bool:
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let the write say what is wrong


def iter_results(linter: Linter, files: list, args, *, keep_documents: bool = True,
                 cache=None):
    """(result, notes) per file, in order, as they are ready: from this process alone, or
    with workers forked from it that inherit the compiled rules. ``keep_documents`` is for
    formats that show the text; otherwise each Document is dropped once its positions are
    resolved, so a long run's memory stays flat. With a ``cache`` (lint.resultcache), the
    files it holds as they are come from it (not for formats that show the text), and the
    others are linted and stored in it."""
    if cache is not None:
        from .resultcache import through

        yield from through(
            cache, files,
            lambda misses: iter_results(linter, misses, args, keep_documents=keep_documents),
            use_hits=not keep_documents, fixing=bool(args.fix))
        return
    global _LINTER, _ARGS, _KEEP_DOCUMENTS
    _LINTER, _ARGS, _KEEP_DOCUMENTS = linter, args, keep_documents
    # The compiled rules live as long as the run: the garbage collector need not walk them
    # at every full collection, nor (after fork) write to their pages, which would copy
    # them into each worker (bench/PROFILE.md, fourth pass).
    gc.freeze()
    try:
        # TIMING (linter.rule_times) counts the rules' time in this process: all of it here
        processes = _processes(files, args.jobs) if linter.rule_times is None else 1
        if processes > 1:
            for compiled in linter.compiled.values():  # compile once here, share after fork
                compiled.kind.warm()
            gc.freeze()
            results = _in_workers(files, processes)
            yield from _progress(results if results is not None else map(_lint_one, files),
                                 len(files), args)
        else:
            yield from _progress(map(_lint_one, files), len(files), args)
    finally:
        gc.unfreeze()


def _in_workers(files: list, processes: int):
    """(result, notes) per file, in order, from this process and ``processes - 1`` workers
    forked from it, so that they inherit the compiled rules (lint.forkpool); None when no
    process can be forked. The workers fork here, before the caller starts anything else (a
    progress bar's thread)."""
    from .forkpool import ordered_map
    from .yamlload import save_written

    try:  # a worker saves what it added to the user cache (words converted by s2t)
        return ordered_map(_lint_one, files, processes, finish=save_written)
    except OSError as exc:  # fork failed (EAGAIN, ENOMEM): lint in this process
        print(f"gwlint: cannot start worker processes ({exc.strerror or exc}); "
              "linting in one process", file=sys.stderr)
        return None


def _processes(files: list, jobs: int | None) -> int:
    """How many processes the run is worth: one per BYTES_PER_PROCESS of input, at most
    ``jobs`` (None: the CPUs this process may use, lint.cpus); one for fewer than
    PARALLEL_MIN_FILES files, and on Windows (no fork)."""
    if len(files) < PARALLEL_MIN_FILES or sys.platform == "win32":
        return 1
    if jobs is None:
        from .cpus import available_cpus

        jobs = available_cpus()
    if jobs < 2:
        return 1
    enough = jobs * BYTES_PER_PROCESS
    return max(1, min(jobs, _total_size(files, enough) // BYTES_PER_PROCESS))


def _total_size(files: list, enough: int) -> int:
    """The files' bytes, counted until ``enough``."""
    total = 0
    for path in files:
        try:
            total += os.path.getsize(path)
        except OSError:  # unreadable: reported when it is linted
            pass
        if total >= enough:
            break
    return total


def run(linter: Linter, files: list, args, *, keep_documents: bool = True, diffs=None,
        cache=None) -> tuple[list[FileResult], list[str]]:
    """All results at once. With ``--fix --dry-run`` the diffs are written to ``diffs``
    (standard output when None) before this returns, so that they come before the report
    when both share a stream; lint.cli chooses the stream. A --jobs worker that dies raises
    its WorkerError once the diffs of the files before it are written, with their
    (results, notes) as its ``partial``."""
    from .forkpool import WorkerError

    results, notes, died = [], [], None
    try:
        for result, note in iter_results(linter, files, args, keep_documents=keep_documents,
                                         cache=cache):
            results.append(result)
            notes += note
    except WorkerError as exc:  # the files before it are still reported (lint.cli)
        died = exc
    if args.fix and args.dry_run:
        stream = sys.stdout if diffs is None else diffs
        stream.write("".join(n for n in notes if not n.startswith("gwlint:")))
        notes = [n for n in notes if n.startswith("gwlint:")]
    if died is not None:
        died.partial = (results, notes)
        raise died
    return results, notes


def _progress(iterable, total: int, args):
    """Yield from ``iterable``; show a progress bar on a terminal for long runs."""
    from .progress import progress

    yield from progress(iterable, total, enabled=_wants_progress(args, total))


def _wants_progress(args, total: int) -> bool:
    """A long run, standard error on a terminal, not CI, and the report going elsewhere than
    the terminal (written as it comes, it would show progress itself, and lines of it
    between redraws of a bar would garble both)."""
    report_elsewhere = (getattr(args, "output_file", None) or sys.stdout is None
                        or not sys.stdout.isatty())
    return total >= 50 and sys.stderr.isatty() and not os.environ.get("CI") \
        and bool(report_elsewhere)
