#!/usr/bin/env python3
"""Derive ``lint.kinds.script.T2S_SPECIAL`` from the installed OpenCC's own tables.

The mixed-script rule skips converting a document when nothing in it can change under t2s.
A character t2s changes is outside GB 2312 (found by encoding), except for the characters
this script prints: GB 2312 characters t2s changes on their own, and characters it changes
only inside a phrase of TSPhrases. Reading the phrase table (a marisa trie after a 19-byte
header) needs ``pip install marisa-trie``, a tool for this script only, not a dependency.

    python scripts/t2s_special_chars.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import opencc

from lint.kinds.script import gb2312_hanzi

HEADER = b"OPENCC_MARISA_0.2.5"


def phrase_keys(table: Path) -> list[str]:
    import marisa_trie

    data = table.read_bytes()
    assert data.startswith(HEADER), f"{table}: not an OpenCC marisa dictionary"
    with tempfile.NamedTemporaryFile(suffix=".marisa") as tmp:
        tmp.write(data[len(HEADER):])
        tmp.flush()
        trie = marisa_trie.Trie()
        trie.mmap(tmp.name)
        return list(trie.keys())


def main() -> None:
    t2s = opencc.OpenCC("t2s")
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    alone = "".join(ch for ch in gb2312_hanzi() if t2s.convert(ch) != ch)
    in_phrases = set()
    for key in phrase_keys(share / "TSPhrases.ocd2"):
        value = t2s.convert(key)
        if len(value) == len(key):
            in_phrases.update(a for a, b in zip(key, value, strict=True)
                              if a != b and t2s.convert(a) == a)
    print("GB 2312, changed on their own:   ", alone)
    print("changed only inside a phrase:     ", "".join(sorted(in_phrases)))


if __name__ == "__main__":
    main()
