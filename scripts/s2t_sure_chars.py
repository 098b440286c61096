#!/usr/bin/env python3
"""Derive ``S2T_SURE`` of ``lint.kinds.script`` from the installed OpenCC's own tables.

A document that t2s changes is simplified or traditional by its majority: the mixed-script
rule counts the characters s2t changes (simplified ones) against those t2s changes. That
needs s2t, which costs ~20 ms and ~7 MB to build, and most such documents are simplified
reports with a stray 後 or 於. ``S2T_SURE`` lists common characters that settle the count
without s2t: each is one that

* t2s never changes (a GB 2312 character outside ``T2S_SPECIAL``), so where the text holds
  it, its simplified form holds it too, and
* s2t changes in every context: on its own (STCharacters) and inside every phrase of
  STPhrases and STPhrases_GeneratedFromRegionalPhrases that holds it; s2t (OpenCC 1.4)
  replaces, at each position, the longest phrase found there, or else the character, so
  whatever phrase covers it, the character changes.

And no phrase of s2t changes the length, which the rule would have given up on.

So each occurrence of one of them is a simplified character s2t would have counted: as
many of them as traditional characters settle the document as simplified, exactly as the
conversion would. The characters printed are those s2t always changes, most frequent first
in the seeds (the defect corpus gwlint's rules come from); the rule needs only common ones.
Re-derive them, and paste the line over the old one, whenever OpenCC is upgraded;
tests/test_script_gate.py fails on a character that no longer fits the installed OpenCC.

The tables are read as scripts/t2s_special_chars.py reads them (``opencc_dict``, bundled
with the OpenCC wheel, or else ``marisa-trie``).

    python scripts/s2t_sure_chars.py [how many: 200]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import opencc

from lint.kinds.script import T2S_SPECIAL, gb2312_hanzi

sys.path.insert(0, str(Path(__file__).resolve().parent))
from t2s_special_chars import SHARE, table_keys  # noqa: E402 - a sibling script

PHRASE_TABLES = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def derive(s2t) -> str:
    """Every character S2T_SURE may hold, in GB 2312 order."""
    for key in table_keys(SHARE / "STCharacters.ocd2"):
        assert len(key) == len(s2t.convert(key)) == 1, f"STCharacters: {key}"
    phrases = [k for name in PHRASE_TABLES for k in table_keys(SHARE / f"{name}.ocd2")]
    kept: set[str] = set()  # characters some phrase leaves as they are
    for key in phrases:
        value = s2t.convert(key)  # the phrase's own value: it is the longest match at 0
        assert len(value) == len(key), f"s2t changes the length of {key} ({value})"
        kept.update(a for a, b in zip(key, value, strict=True) if a == b)
    return "".join(ch for ch in gb2312_hanzi()
                   if ch not in T2S_SPECIAL and ch not in kept and s2t.convert(ch) != ch)


def by_frequency(chars: str, folder: Path = SEEDS) -> list[str]:
    counts = Counter()
    for path in sorted(folder.glob("*.txt")):
        counts.update(ch for ch in path.read_text(encoding="utf-8") if ch in chars)
    return sorted(chars, key=lambda ch: (-counts[ch], chars.index(ch)))


def main() -> None:
    how_many = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sure = derive(opencc.OpenCC("s2t"))
    print(f"# {len(sure)} characters s2t always changes; the {how_many} most frequent:")
    print(f'S2T_SURE = "{"".join(by_frequency(sure)[:how_many])}"')


if __name__ == "__main__":
    main()
