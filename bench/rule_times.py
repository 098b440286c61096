#!/usr/bin/env python3
"""Time each rule of gwlint's default preset over the benchmark corpus, in-process.

    python bench/rule_times.py                    # bench/corpus, best of 3 rounds
    python bench/rule_times.py --patterns         # also every pattern of every pattern rule
    python bench/rule_times.py --markdown         # a Markdown table (for PROFILE.md)

It builds ``lint.engine.Linter(config).compiled`` once (the compile time is reported), reads
every file into a Document (reading, decoding and masking timed as "read"), computes the
Document's shared lazy properties once (line table, structure: timed separately, so the
first rule that touches them is not charged), then runs ``kind.check(doc)`` of each rule
over all documents, consuming the findings. ``engine`` is the rest of ``lint_document``
(levels, masked spans, disable comments, sorting, de-duplication).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
MB = 1_000_000


def best(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=HERE / "corpus")
    p.add_argument("--config", type=Path, default=HERE / "gwlint.yaml")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--patterns", action="store_true", help="time every single pattern too")
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    from lint.config import load
    from lint.engine import Linter
    from lint.readers import read_path

    t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    linter = Linter(load(args.config))
    t_compile = time.perf_counter() - t0

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        sys.exit(f"rule_times: no .txt files in {args.corpus}; run python bench/build_corpus.py")
    nbytes = sum(f.stat().st_size for f in files)

    t_read, docs = best(lambda: [read_path(f, str(f)) for f in files], args.rounds)

    def warm(attr):
        def run():
            fresh = [read_path(f, str(f)) for f in files]
            t = time.perf_counter()
            for d in fresh:
                getattr(d, attr)
            return time.perf_counter() - t

        return min(run() for _ in range(args.rounds))

    shared = {"(document) line table": warm("lines")}
    if hasattr(docs[0], "structure"):
        try:
            shared["(document) structure"] = warm("structure")
        except Exception as exc:  # noqa: BLE001 - a half-written module must not stop the bench
            print(f"rule_times: structure failed: {exc}", file=sys.stderr)
    for d in docs:  # warm the shared caches for the rule timings
        _ = d.lines, d._line_starts
        try:
            _ = d.structure
        except Exception:  # noqa: BLE001
            pass

    rows = []  # (name, kind, seconds, findings, engine)
    for rid, compiled in linter.compiled.items():
        kind = compiled.kind

        def run_rule(kind=kind):
            n = 0
            for d in docs:
                for _ in kind.check(d):
                    n += 1
            return n

        secs, n = best(run_rule, args.rounds)
        rows.append((rid, compiled.rule.kind, secs, n, ""))
        if args.patterns and hasattr(kind, "patterns"):
            for i, entry in enumerate(kind.patterns):
                rx = getattr(entry, "compiled", entry)
                rx = getattr(rx, "compiled", rx)  # a LazyPattern: the compiled pattern
                if not hasattr(rx, "finditer"):
                    continue

                def scan(rx=rx):
                    return sum(1 for d in docs for _ in rx.finditer(d.prose))

                s, m = best(scan, args.rounds)
                engine = type(rx).__module__.split(".")[0].replace("_", "")
                rows.append((f"  {rid}[{i}] {rx.pattern[:60]}", "scan", s, m, engine))
        if args.patterns and getattr(kind, "automaton", None) is not None:
            s, m = best(
                lambda k=kind: sum(len(k._literal_hits(d.prose)) for d in docs), args.rounds
            )
            rows.append(
                (
                    f"  {rid}: Aho-Corasick ({len(kind.literal_rules)} literal rules)",
                    "scan",
                    s,
                    m,
                    "ahocorasick_rs",
                )
            )
            for r in getattr(kind, "regex_rules", []):
                s, m = best(
                    lambda r=r: sum(1 for d in docs for _ in r.compiled.finditer(d.prose)),
                    args.rounds,
                )
                rows.append(
                    (
                        f"  {rid}: /{r.compiled.pattern[:56]}/",
                        "scan",
                        s,
                        m,
                        type(r.compiled).__module__.split(".")[0].replace("_", ""),
                    )
                )

    def lint_all():
        for d in docs:
            linter.lint_document(d)

    t_lint, _ = best(lint_all, args.rounds)
    rule_total = sum(r[2] for r in rows if r[1] != "scan")
    t_engine = max(0.0, t_lint - rule_total)

    head = [
        ("(import lint.config, engine, readers)", "", t_import, "", ""),
        ("(Linter: load + compile the preset)", "", t_compile, "", ""),
        ("(read + decode + mask)", "", t_read, "", ""),
        *[(k, "", v, "", "") for k, v in shared.items()],
        ("(engine: levels, masks, directives, sort)", "", t_engine, "", ""),
    ]
    total = t_read + sum(shared.values()) + t_lint
    title = (
        f"{len(files)} files, {nbytes / MB:.2f} MB; best of {args.rounds}; lint_document over "
        f"all files {t_lint:.3f} s; read+structure+lint {total:.3f} s = "
        f"{nbytes / MB / total:.1f} MB/s"
    )
    ordered = head + sorted([r for r in rows if r[1] != "scan"], key=lambda r: -r[2])
    if args.patterns:
        ordered = head + rows
    if args.markdown:
        print(title + "\n")
        print("| rule / step | kind | s | ms per MB | MB/s | % of lint | findings | engine |")
        print("|---|---|---|---|---|---|---|---|")
        for name, kind, secs, n, eng in ordered:
            pct = f"{100 * secs / t_lint:.0f}" if kind and kind != "scan" else ""
            mbps = f"{nbytes / MB / secs:.0f}" if secs > 0 else "∞"
            print(
                f"| {name.strip().replace('|', '¦')} | {kind} | {secs:.3f} | "
                f"{1000 * secs / (nbytes / MB):.1f} | {mbps} | {pct} | {n} | {eng} |"
            )
    else:
        print(title)
        for name, kind, secs, n, eng in ordered:
            pct = f"{100 * secs / t_lint:5.1f}%" if kind and kind != "scan" else "      "
            print(f"{secs:8.3f} s {pct} {str(n):>7} {eng:14} {kind:10} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
