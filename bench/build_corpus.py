#!/usr/bin/env python3
"""Build the benchmark corpus: copies of seeds/ and ../shared/corpus/real cut into many files.

    python bench/build_corpus.py                 # ~5 MB in ~200 files -> bench/corpus/
    python bench/build_corpus.py --mb 20 --files 800 --out bench/.work/big

Deterministic: the same sources, --seed, --mb and --files give byte-identical files.
Every source document is copied whole once (so every seed finding is in the corpus); the
rest are runs of whole lines taken from a random source at a random line, wrapping around,
with sizes drawn log-uniformly between --min-kb and --max-kb (a 公文 is 2-60 KB) and scaled
so the total comes to --mb. A manifest (MANIFEST, JSON) records the sizes and a checksum.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "real"]
MB = 1_000_000


def load_sources(folders: list[Path]) -> list[tuple[str, list[str]]]:
    docs = []
    for folder in folders:
        if not folder.is_dir():
            print(f"build_corpus: skipping missing source folder {folder}", file=sys.stderr)
            continue
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            lines = text.splitlines(keepends=True)
            if lines:
                docs.append((f"{folder.name}/{path.name}", lines))
    if not docs:
        sys.exit("build_corpus: no source documents found")
    return docs


def take_lines(lines: list[str], start: int, size: int) -> str:
    """Whole lines from ``start`` (wrapping around) until ``size`` UTF-8 bytes are reached."""
    out, total, i = [], 0, start
    while total < size:
        line = lines[i % len(lines)]
        if not line.endswith("\n"):
            line += "\n"
        out.append(line)
        total += len(line.encode("utf-8"))
        i += 1
    return "".join(out)


def build(
    sources, out: Path, mb: float, files: int, seed: int, min_kb: float, max_kb: float
) -> dict:
    rng = random.Random(seed)
    target = int(mb * MB)
    texts: list[tuple[str, str]] = []  # (origin, text)
    for origin, lines in sources:  # every document once, whole
        texts.append((origin, "".join(lines)))
    used = sum(len(t.encode("utf-8")) for _, t in texts)
    remaining_files = max(0, files - len(texts))
    if remaining_files and used < target:
        sizes = [
            math.exp(rng.uniform(math.log(min_kb * 1000), math.log(max_kb * 1000)))
            for _ in range(remaining_files)
        ]
        scale = (target - used) / sum(sizes)
        weights = [len(lines) for _, lines in sources]
        for size in sizes:
            origin, lines = rng.choices(sources, weights=weights)[0]
            start = rng.randrange(len(lines))
            texts.append(
                (f"{origin}@{start}", take_lines(lines, start, max(200, int(size * scale))))
            )
    rng.shuffle(texts)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    digest = hashlib.sha256()
    manifest_files = []
    width = len(str(len(texts)))
    for n, (origin, text) in enumerate(texts):
        name = f"doc{n:0{width}d}.txt"
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        digest.update(name.encode() + b"\0" + data)
        manifest_files.append({"name": name, "bytes": len(data), "from": origin})
    manifest = {
        "seed": seed,
        "files": len(texts),
        "bytes": sum(f["bytes"] for f in manifest_files),
        "sha256": digest.hexdigest(),
        "sources": [str(s) for s in DEFAULT_SOURCES],
        "documents": manifest_files,
    }
    (out / "MANIFEST").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return manifest


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=5.0, help="total size in MB (10^6 bytes; default 5)")
    p.add_argument("--files", type=int, default=200, help="number of files (default 200)")
    p.add_argument("--seed", type=int, default=20240101)
    p.add_argument("--min-kb", type=float, default=2.0)
    p.add_argument("--max-kb", type=float, default=60.0)
    p.add_argument("--out", type=Path, default=HERE / "corpus")
    p.add_argument(
        "--source",
        type=Path,
        action="append",
        help="source folder of UTF-8 .txt files (repeatable; default seeds/ and "
        "../shared/corpus/real)",
    )
    args = p.parse_args(argv)
    sources = load_sources(args.source or DEFAULT_SOURCES)
    m = build(sources, args.out, args.mb, args.files, args.seed, args.min_kb, args.max_kb)
    print(f"{args.out}: {m['files']} files, {m['bytes'] / MB:.2f} MB, sha256 {m['sha256'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
