"""Command line: arguments -> configuration -> engine -> formatter. No linting logic here."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NoReturn

from . import __version__
from .entry import InterruptWatch

EXIT_OK, EXIT_FINDINGS, EXIT_FATAL = 0, 1, 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, measuring the terminal only when help is printed: argparse
    builds a formatter for every option it registers, and its own way of measuring imports
    shutil (with bz2 and lzma), a few ms of every run's start-up."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None, **kwargs):
        if width is None:
            try:
                columns = int(os.environ.get("COLUMNS", ""))
            except ValueError:
                try:
                    columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    columns = 80
            width = max(columns, 20) - 2  # as argparse does
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)


def _processes_count(text: str) -> int:
    """--jobs N: a whole number of processes, at least one (0 or -3 used to mean one,
    silently)."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"at least 1 process, not {count}")
    return count


def _warning_limit(text: str) -> int | None:
    """--max-warnings N; -1 is no limit, as ESLint's (it used to fail every run, "0
    warnings (more than --max-warnings -1)"); below -1 is a mistake, not a second way to
    say it."""
    try:
        limit = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of warnings: {text!r}") from None
    if limit < -1:
        raise argparse.ArgumentTypeError(f"{limit}: give 0 or more, or -1 for no limit")
    return limit if limit >= 0 else None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gwlint",
        formatter_class=_HelpFormatter,
        description="Lint Chinese official documents (公文) against YAML rules.",
        epilog="Exit status: 0 no errors, 1 error-level findings (or too many warnings), "
               "2 usage/config/rule-file errors, no file to lint, a --jobs worker that "
               "died or a report that cannot be written, 130 Ctrl-C.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (recursive); '-' reads standard input; default: .")
    p.add_argument("-c", "--config", metavar="FILE",
                   help="configuration file (default: discovered)")
    p.add_argument("--rules", action="append", default=[], metavar="FILE|DIR",
                   help="extra YAML rule pack(s) (repeatable)")
    p.add_argument("--rule", action="append", default=[], metavar="ID[=LEVEL]",
                   help="enable a rule or set its level (repeatable)")
    p.add_argument("--disable", action="append", default=[], metavar="ID", help="turn a rule off")
    p.add_argument("-f", "--format", default="stylish", metavar="NAME",
                   help="stylish (default), json, compact, unix, github, sarif, checkstyle, "
                        "junit, tap, html, or an installed plugin's")
    p.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--dry-run", action="store_true",
                   help="with --fix: write nothing, print a diff (on standard error when "
                        "standard output carries a report for programs: json, sarif, "
                        "checkstyle, junit, tap, github, html)")
    p.add_argument("--quiet", action="store_true",
                   help="report errors only (warnings still count for --max-warnings)")
    p.add_argument("--max-warnings", type=_warning_limit, default=None, metavar="N",
                   help="exit 1 when there are more than N warnings (-1: no limit)")
    p.add_argument("--jobs", type=_processes_count, default=None, metavar="N",
                   help="processes that lint at most: this one and N-1 workers, one per "
                        "0.2 MB of files (default: the CPUs it may run on, within a "
                        "container's CPU quota; runs under 8 files or 0.4 MB use one)")
    p.add_argument("--ignore-path", metavar="FILE",
                   help="an ignore file of gitignore-style patterns, relative to its folder "
                        "(default: ./.textlintignore, if there is one)")
    p.add_argument("--cache", action="store_true",
                   help="lint only files that changed since the last --cache run, with the "
                        "same rules and configuration; the others' findings come from the "
                        "cache file")
    p.add_argument("--cache-location", metavar="PATH",
                   help=f"the cache file, or a folder for it (default: ./{CACHE_NAME})")
    p.add_argument("--stdin", action="store_true",
                   help="read standard input, as '-' does (textlint's spelling)")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name to report for '-'")
    p.add_argument("--no-color", action="store_true", help="never colour the output")
    p.add_argument("--list-rules", action="store_true", help="list the configured rules")
    p.add_argument("--explain", metavar="ID", help="print a rule's rationale and examples")
    p.add_argument("--print-config", action="store_true", help="print the resolved configuration")
    p.add_argument("--init", action="store_true", help="write a starter gwlint.yaml here")
    p.add_argument("--version", action="version", version=f"gwlint {__version__}")
    return p


def _fail(message: str) -> int:
    _note(f"gwlint: {message}")
    return EXIT_FATAL


def _note(text: str) -> None:
    """A line of gwlint's own on standard error, with the control characters a terminal
    would act on escaped: it names files, and a file named with ESC sequences could
    recolour or retitle the terminal (lint.formats.visible)."""
    from .formats import visible

    _to_stderr(visible(text))


def _to_stderr(text: str) -> None:
    """A line on standard error, if it can take one: a closed one (``2>&-``), a full one
    (``2>/dev/full``) or one whose reader went away must not cost the report on standard
    output, nor change the exit status."""
    if sys.stderr is None:  # (print(file=None) would write to standard output)
        return
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _notes(lines: list[str]) -> None:
    """A file's notes for standard error: gwlint's own lines ("gwlint: ..."), escaped by
    :func:`_note`, and --dry-run diffs, the file's text as it is."""
    for line in lines:
        if line.startswith("gwlint:"):
            _note(line)
        else:
            _to_stderr(line)


def console() -> NoReturn:
    """The ``gwlint`` command and ``python -m lint``: :func:`main`, then :func:`quick_exit`."""
    quick_exit(main())


def quick_exit(status: int) -> NoReturn:
    """End the process without freeing every object first.

    A normal exit tears down every module and frees every object (the compiled rules,
    OpenCC's tables, the caches): 12 ms of the 115 ms it takes to lint one small file, 20 ms
    on a 5 MB run (bench/PROFILE.md), and nothing is gained by it. So, as mypy does
    (``mypy.util.hard_exit``), once the exit handlers have run (they save gwlint's caches;
    worker processes have been waited for by lint.forkpool) and the output is flushed,
    ``os._exit`` ends the process.
    Where a thread other than this one is still running, this Python's ``atexit`` has no
    way to run its handlers now, or a profiler or tracer is on (``python -m cProfile -o F
    -m lint``, coverage: they write what they gathered after this returns), it exits the
    usual way.
    """
    import atexit
    import threading

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    others = [t for t in threading.enumerate()
              if t is not threading.current_thread() and not t.daemon]
    if run_handlers is None or others or sys.getprofile() or sys.gettrace():
        sys.exit(status)
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # the reader went away (gwlint | head),
            pass  # it is closed, or it is None: the process started without it (gwlint >&-)
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    watch = InterruptWatch()
    _Tally.last = None
    try:
        watch.start()  # first: parsing the arguments takes a few ms too
        _prepare_streams()  # first: --help and argparse's errors write Chinese too
        args = build_parser().parse_args(argv)
        status = _run(args)
        _STDOUT.flush()  # a write error found now, not swallowed at exit (quick_exit)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (gwlint | head): no error of gwlint's,
        return _Tally.status_so_far()  # but what was found until then still counts
    except StdoutError as exc:
        return _fail(f"cannot write the report: {exc}")
    except BaseException as exc:
        if watch.seen:  # an error the interruption caused
            return 130
        if isinstance(exc, Exception) and _is_plugin_error(exc):
            return _fail(str(exc))
        raise
    finally:
        watch.stop()
    return 130 if watch.seen else status


def _is_plugin_error(exc: Exception) -> bool:
    """A plugin that cannot be loaded (lint.plugins.PluginError), wherever its registry was
    first asked for: a one-line message and status 2, not a traceback."""
    plugins = sys.modules.get("lint.plugins")
    return plugins is not None and isinstance(exc, plugins.PluginError)


def _prepare_streams() -> None:
    """Standard output and error write file names as their bytes are (a name that is not
    UTF-8, such as a GBK name from a zip made on Windows, is printed as ls prints it, not a
    UnicodeEncodeError), and in UTF-8 where the locale's encoding cannot write Chinese (an
    ASCII locale, or one that is not installed): every message is Chinese. A GB18030
    locale keeps its encoding.

    A standard error closed before the start (``2>&-``) is None in Python, and
    ``print(..., file=None)`` writes to standard output: notes and --dry-run diffs would
    land in the report. They go nowhere instead, as the user asked."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # open for the whole run
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed when the process started (gwlint >&-): see _Stdout
            continue
        try:
            encoding = stream.encoding or "ascii"
            "公文“”".encode(encoding)
            change = {"errors": "surrogateescape"}
        except (LookupError, UnicodeEncodeError):
            change = {"encoding": "utf-8", "errors": "surrogateescape"}
        try:
            stream.reconfigure(**change)
        except (AttributeError, ValueError, OSError):  # not a text stream of io's (a test's)
            pass


def _run(args) -> int:
    from .config import ConfigError, load
    from .rulepack import RuleError, pack_path, packs_in

    if args.init:
        return _init()
    if args.dry_run and not args.fix:
        return _fail("--dry-run goes with --fix")
    if args.cache_location and not args.cache:
        return _fail("--cache-location goes with --cache")

    try:
        config = load(Path(args.config) if args.config else None)
        for item in args.rules:
            source, trusted = pack_path(item, Path.cwd())
            for pack in packs_in(source):
                config.packs.append((pack, trusted, "--rules", 1))
        for notice in config.notices:
            _note(f"gwlint: {notice}")
        from .engine import Linter

        _apply_cli_rules(config, args.rule, args.disable)
        linter = Linter(config)
        if os.environ.get("TIMING"):  # time each rule (in one process: lint.runner)
            linter.rule_times = {}
    except (ConfigError, RuleError) as exc:
        return _fail(str(exc))

    if args.print_config:
        from .report import print_config

        if len(args.paths) > 1:
            return _fail("--print-config takes one file at most: the configuration as it "
                         "applies to that file")
        print_config(linter, _STDOUT, os.path.abspath(args.paths[0]) if args.paths else None)
        return EXIT_OK
    if args.list_rules:
        from .report import list_rules

        wrong = list_rules(linter, _STDOUT)
        return max((_said(rid, verdict, f"gwlint --explain {rid}")
                    for rid, verdict in wrong.items()), default=EXIT_OK)
    if args.explain:
        from .report import explain

        if args.explain not in linter.rules:
            return _fail(f"unknown rule {args.explain!r}; see gwlint --list-rules")
        return _said(args.explain, explain(linter, args.explain, _STDOUT))

    from . import plugins

    if args.format not in plugins.formatters():
        return _fail(f"unknown format {args.format!r} "
                     f"(known: {', '.join(sorted(plugins.formatters()))})")

    if args.stdin:  # textlint's --stdin; argparse used to take it for --stdin-filename
        args.paths = [*args.paths, "-"] if "-" not in args.paths else args.paths
    if args.stdin_filename and "-" not in args.paths:
        # the piped text was ignored and the current folder linted instead
        return _fail("--stdin-filename names standard input, which is read with '-': "
                     f"gwlint - --stdin-filename {args.stdin_filename}")
    paths = args.paths or ["."]
    if args.ignore_path and not Path(args.ignore_path).is_file():
        from .config import special_file

        named = Path(args.ignore_path)
        other = special_file(named)
        return _fail(f"--ignore-path {args.ignore_path}: " + (
            f"not a regular file ({other})" if other else
            "a folder; name the ignore file in it" if named.is_dir() else "no such file"))
    ignore_file = Path(args.ignore_path or _TEXTLINT_IGNORE)
    if not ignore_file.is_file():
        ignore_file = None
    if "-" in paths:
        if len(paths) > 1:
            return _fail("'-' (standard input) cannot be combined with other paths")
        return _with_timing(linter, _run_stdin(args, linter, ignore_file))

    from .walk import collect, holds_files

    missing: list[str] = []
    excluded: list[tuple[Path, str]] = []
    skipped: list[str] = []  # ignore-file lines that cannot be used
    try:
        files = list(collect(paths, config.extensions, config.ignore_by_folder(), config.root,
                             missing, excluded, ignore_file, skipped))
    except OSError as exc:  # the ignore file, unreadable
        return _fail(f"cannot read {exc.filename or ignore_file}: {exc.strerror or exc}")
    for line in skipped:
        _note(line)
    for raw in missing:
        _note(f"gwlint: no such file or folder: {raw}")
    if args.output_file:
        files, named = _without_output_file(args.output_file, files, paths)
        if named:
            return _fail(f"-o {args.output_file} is one of the files to lint and not a report "
                         "of gwlint's; the report would overwrite it (write the report "
                         "elsewhere)")
    if not files and missing:
        return EXIT_FATAL
    if not files and all(Path(p).is_file() for p in paths):
        # every named file is excluded by ignore: / .gwlintignore (pre-commit passes them anyway)
        reasons = sorted({_ignore_source(why, config) for _, why in excluded})
        _note(f"gwlint: all named files are ignored by {' and '.join(reasons)}; nothing to lint")
        return EXIT_OK
    if not files:
        # "no file to lint" beside a folder full of drafts left the user looking at the
        # extensions; it was the ignores (an excluded folder counts if it holds a draft)
        excluded = [(path, reason) for path, reason in excluded
                    if not path.is_dir() or holds_files(path, config.extensions)]
    if not files and excluded:
        path, reason = min(excluded, key=lambda item: item[0].is_dir())  # a file, if any
        reason = _ignore_source(reason, config)
        more = f" (and {len(excluded) - 1} more)" if len(excluded) > 1 else ""
        return _fail(f"no file to lint in {', '.join(paths)}: all ignored; {path}{more} is "
                     f"excluded by {reason}")
    if not files:
        return _fail(f"no file to lint in {', '.join(paths)} "
                     f"(looking for {', '.join(config.extensions)})")
    status = _with_timing(linter, _lint_files(args, linter, files, missing))
    # a path that is not there is a usage problem (2), also when the rest is clean
    return EXIT_FATAL if missing else status


def _said(rid: str, verdict, hint: str | None = None) -> int:
    """Say on standard error what rule ``rid``'s examples say of it (lint.report.Verdict),
    with ``hint`` in brackets; the exit status: 2 for a rule that failed on an example (a
    rule that broke, as in a run), 1 for examples that disagree with it, else 0."""
    def line(text: str) -> None:
        _note(f"gwlint: {text}" + (f" ({hint})" if hint else ""))

    if verdict.failures:
        count = len(verdict.failures)
        line(f"{verdict.failures[0]}, on {count} example{'s' if count > 1 else ''}")
    if verdict.disagree:
        verb = "examples disagree" if verdict.disagree > 1 else "example disagrees"
        line(f"rule {rid!r}: {verdict.disagree} {verb} with the rule")
    return EXIT_FATAL if verdict.failures else EXIT_FINDINGS if verdict.disagree else EXIT_OK


def _ignore_source(reason: str, config) -> str:
    """What excluded a file, as a message says it: an ignore file's path, or the
    configuration's ``ignore:`` with the file that holds it."""
    return f"{reason} ({config.display})" if reason.startswith("the configuration") else reason


def _with_timing(linter, status: int) -> int:
    """With ``TIMING`` set in the environment (ESLint's and textlint's switch), the ten
    rules that took longest, on standard error (theirs print on standard output, where it
    spoils a report for programs); ``status`` as it is."""
    if linter.rule_times is not None:
        from .timing import table

        print(table(linter.rule_times), file=sys.stderr)
    return status


#: textlint's ignore file, read from the current folder unless --ignore-path names another
_TEXTLINT_IGNORE = ".textlintignore"
#: the --cache file, in the current folder unless --cache-location names another
CACHE_NAME = ".gwlintcache"


def _without_output_file(output: str, files: list, paths: list[str],
                         what: str = "the report's own file (-o)") -> tuple[list, bool]:
    """The files to lint without the report's own file (``-o FILE``), and whether that
    file may not be written: named on the command line, or found by a folder walk and not
    a report of gwlint's. Opening it for the report empties it before it is read:
    ``gwlint draft.txt -o draft.txt`` erased the draft and reported it clean (status 0),
    and so did ``gwlint drafts -o drafts/报告.txt``. Such a file is a mistake (the caller
    stops before writing anything); a report of an earlier run that a folder walk finds
    (``gwlint . -o report.txt``) is not linted, as ripgrep skips its own output file. (The
    same for the --cache file, ``what`` it is, which the caller passes with no ``paths``
    and whose own checks tell a cache from a document.)"""
    import stat

    def key(path) -> tuple[int, int] | None:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None

    target = key(output)
    if target is None:  # not there yet: no file to lint can be it
        return files, False
    if any(key(raw) == target for raw in paths):
        return files, True
    kept = [f for f in files if key(f) != target]
    if len(kept) != len(files):
        if paths and not _written_by_gwlint(output):
            return files, True
        _note(f"gwlint: {output}: {what}, not linted")
    return kept, False


#: the first line of a report in each of gwlint's formats (stylish: its second)
_REPORT_START = (
    r"\[\]$|\[\{\"messages\":|<\?xml |TAP version 13$|<!DOCTYPE html>$"
    r"|::(?:group|error|warning|notice)[ :]"
    r"|.+:\d+:\d+: .* \[(?:Error|Warning|Info)/[^\]]+\]$"
    r"|.+: line \d+, col \d+, (?:Error|Warning|Info) - "
)
_STYLISH_LINE = r"\s+\d+:\d+\s+(?:✓ )?(?:error|warning|info)\s"


def _written_by_gwlint(path: str) -> bool:
    """Whether a file is empty (a clean run's stylish report) or starts as one of gwlint's
    reports does: a document in the folder is not. A format of a plugin's is not known
    here: its report is refused as a target once it exists (choose another name)."""
    import re

    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    if not lines:
        return True
    if re.match(_REPORT_START, lines[0]):
        return True
    if lines[0] == "{" and len(lines) > 1 and lines[1].startswith('  "$schema": ') \
            and "sarif" in lines[1]:  # gwlint's sarif
        return True
    return len(lines) > 1 and re.match(_STYLISH_LINE, lines[1]) is not None


def _init() -> int:
    """--init: a starter gwlint.yaml here. A configuration of gwlint's already here
    (.gwlint.yaml, pyproject.toml's [tool.gwlint]) is not shadowed: gwlint.yaml is found
    first, and the user's own configuration was ignored from then on without a word. One
    that the new file takes the place of elsewhere (a parent folder's, a .textlintrc) is
    named on standard error."""
    from .config import STARTER, TEXTLINT_FILES, discover

    target = Path("gwlint.yaml")
    if target.exists():
        return _fail("gwlint.yaml already exists here; not overwritten")
    current = discover()
    if current is not None and current.parent == Path.cwd().resolve() \
            and current.name not in TEXTLINT_FILES:
        return _fail(f"{current.name} already configures gwlint here; a gwlint.yaml would "
                     "be read instead of it, so none was written")
    try:
        target.write_text(STARTER, encoding="utf-8")
    except OSError as exc:  # a folder that may not be written, a full disk
        return _fail(f"cannot write gwlint.yaml: {exc.strerror or exc}")
    _STDOUT.write("wrote gwlint.yaml\n")
    if current is not None:
        _note(f"gwlint: gwlint.yaml is now read here instead of {current} "
              "(configurations are not merged)")
    return EXIT_OK


def _lint_files(args, linter, files: list, missing: list[str] = ()) -> int:
    """Lint ``files`` and report them; the exit status their findings call for (the caller
    raises it to 2 for a named path that was not there, ``missing``, which the report
    records)."""
    from . import plugins
    from .forkpool import WorkerError
    from .runner import iter_results, run

    formatter = plugins.get_formatter(args.format)
    keep = getattr(formatter, "needs_documents", False)
    cache = _open_cache(args, linter) if args.cache else None
    if cache is not None:  # a cache named like a draft (--cache-location cache.txt)
        files, _ = _without_output_file(cache.path, files, [],
                                        "the cache's own file (--cache-location)")
    try:
        if getattr(formatter, "streams", False) and not (args.fix and args.dry_run):
            # report each file as it is done: memory does not grow with the number of files
            status = _emit(args, linter, iter_results(linter, files, args, keep_documents=keep,
                                                      cache=cache), missing=missing)
        else:
            died = None
            try:
                results, fix_reports = run(linter, files, args, keep_documents=keep,
                                           diffs=_diff_stream(args), cache=cache)
            except WorkerError as exc:  # the report of the files before it, as a whole
                (results, fix_reports), died = exc.partial, exc
            status = _report(args, linter, results, fix_reports, missing, died)
    except WorkerError as exc:
        with suppress(StdoutError):
            _STDOUT.flush()  # the report of the files before it, then why it stops there
        return _fail(str(exc))
    if cache is not None:
        _save_cache(cache)
    return status


def _open_cache(args, linter):
    """The --cache file's cache, or None (said why) when it cannot be used."""
    from .resultcache import CacheError, ResultCache, fingerprint, location

    try:
        return ResultCache.load(location(args.cache_location, CACHE_NAME), fingerprint(linter))
    except CacheError as exc:
        _note(f"gwlint: {exc}; linting without a cache")
        return None


def _save_cache(cache) -> None:
    """Write the cache; a cache that cannot be written costs the next run time, not this
    run's findings or status."""
    from .fix import FixError

    try:
        cache.save()
    except (OSError, FixError) as exc:
        reason = exc if isinstance(exc, FixError) else (exc.strerror or exc)
        _note(f"gwlint: cannot write the cache {cache.path}: {reason}")


def _apply_cli_rules(config, rules: list[str], disable: list[str]) -> None:
    """``--rule ID[=LEVEL]`` and ``--disable ID`` over the configuration, for every file:
    ``--rule ID`` turns on a rule the configuration turned off (at the rule's own level),
    and the command line's levels win over those of ``overrides:`` (as ESLint's --rule
    does); both used to be kept by the configuration, silently."""
    from .config import ConfigError, RuleSetting
    from .finding import Level

    for item in rules:
        rid, given, level = item.partition("=")
        setting = config.settings.setdefault(rid, RuleSetting(source="--rule"))
        setting.enable = True
        if given and rid and not level:  # (`--rule ID=` was `--rule ID`, silently)
            names = ", ".join(lv.value for lv in Level)
            raise ConfigError("--rule", 1, f"{rid}: no level after '=' (use one of: {names}; "
                                           f"--rule {rid} for the rule's own level)")
        if level and rid:  # (without an id, that is the mistake to report: lint.engine)
            try:
                setting.level = Level.parse(level)
            except ValueError as exc:
                raise ConfigError("--rule", 1, f"{rid}: {exc}") from None
        elif setting.level is Level.OFF:
            setting.level = None
        for override in config.overrides:
            found = override.settings.get(rid)
            if found is not None and (level or found.level is Level.OFF):
                del override.settings[rid]
        if config.only is not None:
            config.only.add(rid)
    for rid in disable:
        config.settings.setdefault(rid, RuleSetting(source="--disable")).level = Level.OFF
        for override in config.overrides:
            override.settings.pop(rid, None)


def _run_stdin(args, linter, ignore_file: Path | None = None) -> int:
    """Lint standard input. With ``--fix`` standard output carries the fixed text (the input
    unchanged when it cannot be fixed, so a pipe never loses text) and the report of what
    remains goes to standard error; with ``--fix --dry-run`` the diff goes where
    :func:`_diff_stream` says, and the report to standard output."""
    from contextlib import redirect_stdout

    from .engine import _read_failure
    from .fix import FixError, encode, fix_document, not_rewritten
    from .readers import ReadError, read_bytes

    name = args.stdin_filename or "<stdin>"
    if sys.stdin is None:  # started without one (gwlint - <&-)
        return _fail("cannot read standard input: it is closed")
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:  # not open for reading (gwlint - 0>file), a device error
        return _fail(f"cannot read standard input: {exc.strerror or exc}")
    suffix = Path(args.stdin_filename).suffix if args.stdin_filename else ".txt"
    echo = args.fix and not args.dry_run
    from .walk import ignores_name

    config = linter.config
    skipped: list[str] = []  # ignore-file lines that cannot be used
    try:
        ignored = args.stdin_filename and ignores_name(
            args.stdin_filename, config.ignore_by_folder(), config.root, ignore_file, skipped)
    except OSError as exc:  # the ignore file, unreadable
        return _fail(f"cannot read {ignore_file}: {exc.strerror or exc}")
    for line in skipped:
        _note(line)
    if ignored:
        # as for that file named on the command line (an editor lints its buffer so)
        _note(f"gwlint: {name}: ignored by {_ignore_source(ignored, config)}; nothing to lint")
        if echo:
            _write_stdout(data)
        return EXIT_OK
    try:
        doc = read_bytes(data, name, suffix)
    except ReadError as exc:
        result = _read_failure(name, exc)
        if not echo:
            return _report(args, linter, [result], [])
        _write_stdout(data)
        with redirect_stdout(sys.stderr):
            return _report(args, linter, [result], [])
    if not args.fix:
        return _report(args, linter, [linter.lint_document(doc)], [])
    notes: list[str] = []
    if not doc.rewritable:
        outcome = None
        notes.append(not_rewritten(name))
    else:
        try:
            outcome = fix_document(linter, doc)
            notes += outcome.notes(name)
        except FixError as exc:
            outcome = None
            notes.append(f"gwlint: {name}: not fixed: {exc}")
    if args.dry_run:
        if outcome is not None and outcome.changed:
            _diff_stream(args).write(outcome.diff(name))
        result = outcome.remaining(linter) if outcome is not None else linter.lint_document(doc)
        return _report(args, linter, [result], notes)
    output, remaining = data, doc
    if outcome is not None and outcome.changed:
        try:
            output, remaining = encode(doc, outcome.fixed), outcome.doc
        except FixError as exc:
            notes.append(f"gwlint: {name}: not fixed: {exc}")
    _write_stdout(output)
    result = (linter.lint_document(doc) if outcome is None
              else outcome.remaining(linter, remaining))
    with redirect_stdout(sys.stderr):
        return _report(args, linter, [result], notes)


def _diff_stream(args):
    """Where ``--fix --dry-run`` writes its diffs: standard output, ahead of the report,
    when the report is plain lines for people (``format.plain``: stylish, compact, unix) or
    goes to ``-o FILE``; standard error when standard output carries a report programs read
    (json, sarif, checkstyle, junit, tap, github, html, a plugin's format), which a diff in front
    of it would make unreadable (``gwlint --fix --dry-run -f json | jq`` failed). ESLint's
    ``--fix-dry-run -f json`` puts the fixed text in the JSON instead (``output``), but
    gwlint's json is textlint's lint JSON exactly, which has no such field."""
    from . import plugins

    plain = getattr(plugins.get_formatter(args.format), "plain", False)
    return _STDOUT if plain or args.output_file else sys.stderr


class StdoutError(Exception):
    """Standard output refused what gwlint wrote: a full disk (ENOSPC, ``> /dev/full``), an
    I/O error, or no standard output at all (``>&-``). :func:`main` ends the run with
    ``gwlint: cannot write the report: ...`` and status 2, as for ``-o FILE``, not a
    traceback."""


class _Stdout:
    """Standard output for everything gwlint writes there (reports, diffs, fixed text,
    --list-rules ...), turning a failed write into :class:`StdoutError` at the write itself,
    so that an error of linting is never mistaken for one of writing. A reader that went
    away (BrokenPipeError, ``gwlint | head``) is left to :func:`main`, which ends quietly."""

    def write(self, text: str) -> None:
        with _stdout_errors():
            _stream().write(text)

    def write_bytes(self, data: bytes) -> None:
        with _stdout_errors():
            stream = _stream()
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()

    def flush(self) -> None:
        if sys.stdout is None:  # nothing was written, so nothing failed (a clean run >&-)
            return
        with _stdout_errors():
            sys.stdout.flush()


_STDOUT = _Stdout()


def _stream():
    """sys.stdout, looked up at each write (tests replace it); Python leaves it None when
    the process started with descriptor 1 closed."""
    if sys.stdout is None:
        raise StdoutError("standard output is closed")
    return sys.stdout


@contextmanager
def _stdout_errors():
    """An OSError of a write to standard output as :class:`StdoutError`, but a reader
    that went away (BrokenPipeError) as it is: :func:`main` ends that quietly."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise StdoutError(exc.strerror or str(exc)) from None


def _write_stdout(data: bytes) -> None:
    _STDOUT.write_bytes(data)


def _color(args) -> bool:
    if args.no_color or args.output_file or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


def _report(args, linter, results, fix_reports, missing: list[str] = (), died=None) -> int:
    """The report of ``results`` linted all at once; ``died``: the error of a --jobs worker
    that died after them, raised once the report ends (as :func:`_emit` does it)."""

    def pairs():
        yield from ((r, []) for r in results)
        if died is not None:
            raise died

    return _emit(args, linter, pairs(), fix_reports, [r.path for r in results], missing)


def _emit(args, linter, pairs, notes: list[str] = (), paths: list[str] = (),
          missing: list[str] = ()) -> int:
    """Format (result, notes) pairs as they come and return the exit status. ``notes`` are
    --fix's notes on the files at ``paths``, said first; ``missing`` the named paths that
    are not there (said already). They go into the report's record of the run (sarif's
    invocation) with the notes said while linting."""
    from . import plugins
    from .formats import Invocation, Notification, Options

    formatter = plugins.get_formatter(args.format)
    invocation = Invocation([Notification("error", "no such file or folder",
                                          os.path.abspath(raw)) for raw in missing])
    options = Options(color=_color(args), cwd=os.getcwd(), fixed=bool(args.fix),
                      rules={rid: c.rule for rid, c in linter.compiled.items()},
                      invocation=invocation)
    tally = _Tally(args)

    def said(notes: list[str], paths) -> None:
        """--fix's notes ("gwlint: PATH: ..."), on standard error and in the record: a
        count of fixes as a note, a file not fixed as a warning (a diff is no note)."""
        _notes(notes)
        for line in notes:
            if not line.startswith("gwlint: "):
                continue
            text = line[len("gwlint: "):]
            path = next((p for p in paths if text.startswith(f"{p}: ")), None)
            if path is not None:
                text = text[len(path) + 2:]
            level = "note" if text.startswith("fixed ") else "warning"
            invocation.notifications.append(Notification(level, text, path))

    said(list(notes), paths)

    linting = [False]  # an exception raised while linting, not by the format
    died: list[Exception] = []  # a --jobs worker that died (lint.forkpool.WorkerError)
    # the Word files --fix left as they are: one note for all of them, after the report
    # (a folder of drafts had a line each)
    unrewritten: list[str] = []

    def shown():
        try:
            yield from _shown()
        except BaseException:
            linting[0] = True
            raise

    def _shown():
        for r, notes in _until_a_worker_dies(pairs, died):
            said([n for n in notes if not _unrewritten(n, unrewritten)], (r.path,))
            if r.skipped:
                _note(f"gwlint: {r.path}: {r.skipped}")
                invocation.notifications.append(Notification("warning", r.skipped, r.path))
                continue
            for failure in r.failures:
                _note(f"gwlint: {r.path}: {failure}")
                invocation.notifications.append(Notification("error", failure, r.path))
            for notice in r.notices:
                _note(f"gwlint: {r.path}:{notice}")
                line, _, text = notice.partition(": ")
                line = int(line) if line.strip().isdigit() else None
                invocation.notifications.append(Notification(
                    "warning", text if line else notice.strip(), r.path, line))
            tally.add(r)  # before --quiet drops the warnings: --max-warnings counts them
            if args.quiet:
                _errors_only(r)
            yield r
        # the run's end, which the notes below (on standard error after the report) and
        # the exit status are known at: before a streaming format's last chunk
        if unrewritten:
            invocation.notifications.append(
                Notification("warning", _unrewritten_note(unrewritten)[len("gwlint: "):]))
        over = tally.over_limit(args)
        if over:
            invocation.notifications.append(Notification("warning", over))
        if died:
            invocation.notifications.append(Notification("error", str(died[0])))
        invocation.exit_status = (EXIT_FATAL if missing or died
                                  else tally.status(args, say=False))

    results = shown() if getattr(formatter, "streams", False) else list(shown())
    chunks = _format_chunks(formatter, results, options, linting)
    try:
        if args.output_file:
            with open(args.output_file, "w", encoding="utf-8",
                      errors="surrogateescape") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        else:
            for chunk in chunks:
                _STDOUT.write(chunk)
    except _FormatFailed as exc:
        return _fail(f"the format {args.format!r} failed: {exc}")
    except OSError as exc:
        if not args.output_file:
            raise
        return _fail(f"cannot write {args.output_file}: {exc.strerror or exc}")
    if unrewritten:
        _note(_unrewritten_note(unrewritten))
    if died:  # said after the report, which ends as a whole one (_lint_files)
        raise died[0]
    return tally.status(args)


def _until_a_worker_dies(pairs, died: list):
    """``pairs`` up to a --jobs worker that died, whose error goes to ``died``: the report
    of the files before it then ends as a whole one does (a sarif or json log, an XML
    document, was cut off mid-way), recording that the run failed."""
    from .forkpool import WorkerError

    try:
        yield from pairs
    except WorkerError as exc:
        died.append(exc)


def _unrewritten(note: str, found: list[str]) -> bool:
    """Whether ``note`` says --fix leaves a Word file as it is (its name goes to ``found``)."""
    from .fix import NOT_REWRITTEN

    prefix, suffix = "gwlint: ", f": {NOT_REWRITTEN}"
    if note.startswith(prefix) and note.endswith(suffix):
        found.append(note[len(prefix):-len(suffix)])
        return True
    return False


def _unrewritten_note(names: list[str]) -> str:
    from .fix import NOT_REWRITTEN, not_rewritten

    if len(names) == 1:
        return not_rewritten(names[0])
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    return f"gwlint: {NOT_REWRITTEN} ({len(names)} files: {shown})"


class _FormatFailed(Exception):
    """A format's own error (a plugin's bug): one line and status 2, not a traceback."""


def _format_chunks(formatter, results, options, linting: list[bool]):
    """The formatter's text, chunk by chunk; an exception it raises itself, or what it
    gives that is not text (bytes, None), becomes _FormatFailed (one raised while linting,
    ``linting[0]``, goes on as it is)."""
    from collections.abc import Iterable

    from .plugins import BUGS

    try:
        output = formatter(results, options)
        if isinstance(output, str):
            yield output
            return
        if isinstance(output, bytes) or not isinstance(output, Iterable):
            raise _FormatFailed(f"it returned {_a(output)}, not text")
        for chunk in output:
            if not isinstance(chunk, str):
                raise _FormatFailed(f"it yielded {_a(chunk)}, not text")
            yield chunk
    except BUGS as exc:
        if linting[0] or isinstance(exc, _FormatFailed):
            raise
        raise _FormatFailed(f"{type(exc).__name__}: {exc}") from None


def _a(value) -> str:
    """What ``value`` is, for a message: ``None``, ``a bytes``, ``an int``."""
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _errors_only(result) -> None:
    from .finding import Level

    result.findings = [f for f in result.findings if f.level is Level.ERROR]
    if result.rows is not None:
        result.rows = [row for row in result.rows if row[2] == Level.ERROR.severity]


class _Tally:
    """What the exit status depends on, counted as results stream past."""

    #: the run's tally, for a report cut short (status_so_far)
    last: _Tally | None = None

    def __init__(self, args):
        self.errors = self.warnings = 0
        self.failed = False
        self.args = args
        _Tally.last = self

    @classmethod
    def status_so_far(cls) -> int:
        """The status for the files reported until the report's reader went away: 1 when
        one of them had an error-level finding (``gwlint drafts | head -1`` under
        ``pipefail`` is a failure when the first line is an error)."""
        return EXIT_OK if cls.last is None else cls.last.status(cls.last.args)

    def add(self, result) -> None:
        from .finding import Level

        self.failed = self.failed or bool(result.failures)
        if result.rows is not None:  # resolved early (lint.runner): read-error included
            severities = [row[2] for row in result.rows]
            self.errors += severities.count(Level.ERROR.severity)
            self.warnings += severities.count(Level.WARNING.severity)
            return
        self.errors += bool(result.error) + sum(f.level is Level.ERROR for f in result.findings)
        self.warnings += sum(f.level is Level.WARNING for f in result.findings)

    def over_limit(self, args) -> str | None:
        """What to say of more warnings than --max-warnings allows, or None."""
        if args.max_warnings is None or self.warnings <= args.max_warnings:
            return None
        plural = "s" if self.warnings != 1 else ""
        return f"{self.warnings} warning{plural} (more than --max-warnings {args.max_warnings})"

    def status(self, args, *, say: bool = True) -> int:
        """The exit status; with ``say``, the note of too many warnings on standard error."""
        if self.failed:
            return EXIT_FATAL
        if self.errors:
            return EXIT_FINDINGS
        over = self.over_limit(args)
        if over:
            if say:
                _note(f"gwlint: {over}")
            return EXIT_FINDINGS
        return EXIT_OK
