#!/usr/bin/env python3
"""How much would stdlib ``re`` save over ``regex``, pattern by pattern, on the corpus?

    python bench/re_vs_regex.py            # every pattern of the default preset's pattern rules

Each pattern (as the kinds compiled it) is rewritten for ``re``: ``\\p{Han}`` becomes the exact
code-point ranges of Script=Han (computed with ``regex`` itself). Patterns ``re`` cannot
compile (variable-width lookbehind, other ``regex``-only syntax) are listed as such. Then
both are scanned over the whole corpus (``finditer`` on each document's prose, best of 3),
and the match counts are compared (a difference means the rewrite is not equivalent).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
MB = 1_000_000


def to_re(pattern: str) -> str:
    """The pattern for stdlib re: gwlint's own \\p{Han} and \\p{Co} translation
    (lint.kinds.prefilter)."""
    from lint.kinds.prefilter import translate_properties

    translated = translate_properties(pattern)
    if translated is None:
        raise re.error("\\p{...} other than Han and Co")
    return translated


def best(fn, rounds=3):
    t = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        n = fn()
        t.append(time.perf_counter() - t0)
    return min(t), n


def main() -> int:
    from lint.config import load
    from lint.engine import Linter
    from lint.readers import read_path

    linter = Linter(load(HERE / "gwlint.yaml"))
    files = sorted((HERE / "corpus").glob("*.txt"))
    texts = [read_path(f).prose for f in files]
    nbytes = sum(f.stat().st_size for f in files)
    tot_regex = tot_re = 0.0
    print(f"{len(files)} files, {nbytes / MB:.2f} MB; best of 3 finditer scans\n")
    print("| pattern | regex s | re s | speed-up | matches regex/re |")
    print("|---|---|---|---|---|")
    for rid, compiled in linter.compiled.items():
        for i, entry in enumerate(getattr(compiled.kind, "patterns", []) or []):
            rx = getattr(entry, "compiled", None)
            rx = getattr(rx, "compiled", rx)  # a LazyPattern: the compiled pattern
            if rx is None or not hasattr(rx, "finditer"):
                continue
            t_regex, n_regex = best(lambda rx=rx: sum(1 for t in texts for _ in rx.finditer(t)))
            tot_regex += t_regex
            label = f"{rid}[{i}] `{rx.pattern[:50].replace('|', '¦')}`"
            try:
                flags = re.MULTILINE | (re.IGNORECASE if rx.flags & 2 else 0)
                pre = re.compile(to_re(rx.pattern), flags)
            except re.error as exc:
                tot_re += t_regex
                print(f"| {label} | {t_regex:.3f} | — | re: {exc.msg} | {n_regex} |")
                continue
            t_re, n_re = best(lambda pre=pre: sum(1 for t in texts for _ in pre.finditer(t)))
            tot_re += t_re
            print(
                f"| {label} | {t_regex:.3f} | {t_re:.3f} | {t_regex / t_re:.1f}× | "
                f"{n_regex}/{n_re}{'' if n_regex == n_re else ' ≠'} |"
            )
    print(f"\nall pattern scans: regex {tot_regex:.3f} s, with re where it compiles {tot_re:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
