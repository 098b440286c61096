#!/usr/bin/env python3
"""Derive ``T2S_SPECIAL`` and ``T2S_PHRASES`` of ``lint.kinds.script`` from the installed
OpenCC's own tables.

The mixed-script rule skips converting a document when nothing in it can change under t2s.
t2s (OpenCC 1.4: the CJK compatibility normalisation, then one step over the group
TSPhrases, TSCharactersExt, TSCharacters) replaces, at each position, the longest key of the
first of those tables that has one there; the character tables have one-character keys and
no value changes the length. So a character that t2s changes is

* outside GB 2312 (the rule finds those by encoding to it), or
* a GB 2312 character t2s changes on its own (乾 後 於 ...), or
* a character t2s leaves alone but changes inside a phrase of TSPhrases (覆 in 反覆, 瞭 in
  瞭解); then the text holds that phrase, one of the phrases printed last.

This script prints the characters of the last two kinds (``T2S_SPECIAL``) and the phrases
that change a character of the last kind (``T2S_PHRASES``, grouped by that character), in
the form they take in ``lint/kinds/script.py``. Re-derive them, and paste the output over the
old lists, whenever OpenCC is upgraded (its dictionaries change between releases);
tests/test_script_gate.py fails on a list that no longer fits the installed OpenCC.

The tables are read with ``opencc_dict`` (bundled with the OpenCC wheel, ``clib/bin``), or
else with ``marisa-trie`` (``pip install marisa-trie``; an .ocd2 table is a marisa trie after
a 19-byte header), a tool for this script only, not a dependency.

    python scripts/t2s_special_chars.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import opencc

from lint.kinds.script import gb2312_hanzi

HEADER = b"OPENCC_MARISA_0.2.5"
CLIB = Path(opencc.__file__).parent / "clib"
SHARE = CLIB / "share" / "opencc"


def table_keys(table: Path) -> list[str]:
    """The keys of an OpenCC .ocd2 dictionary."""
    tool = CLIB / "bin" / "opencc_dict"
    if tool.exists():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "table.txt"
            subprocess.run([str(tool), "-i", str(table), "-o", str(out), "-f", "ocd2",
                            "-t", "text"], check=True, capture_output=True)
            return [line.split("\t", 1)[0]
                    for line in out.read_text(encoding="utf-8").splitlines() if line]
    import marisa_trie

    data = table.read_bytes()
    assert data.startswith(HEADER), f"{table}: not an OpenCC marisa dictionary"
    with tempfile.NamedTemporaryFile(suffix=".marisa") as tmp:
        tmp.write(data[len(HEADER):])
        tmp.flush()
        trie = marisa_trie.Trie()
        trie.mmap(tmp.name)
        return list(trie.keys())


def derive(t2s) -> tuple[str, str, dict[str, list[str]]]:
    """(GB 2312 characters t2s changes on their own, characters it changes only inside a
    phrase, {such character: the TSPhrases keys that change it})."""
    for name in ("TSCharacters", "TSCharactersExt", "CJK_Compatibility_Ideographs"):
        long_keys = [k for k in table_keys(SHARE / f"{name}.ocd2") if len(k) != 1]
        assert not long_keys, f"{name} has keys longer than a character: {long_keys[:5]}"
    alone = "".join(ch for ch in gb2312_hanzi() if t2s.convert(ch) != ch)
    phrases: dict[str, list[str]] = {}
    for key in table_keys(SHARE / "TSPhrases.ocd2"):
        value = t2s.convert(key)  # the phrase's own value: it is the longest match at 0
        assert len(value) == len(key), f"t2s changes the length of {key} ({value})"
        changed = {a for a, b in zip(key, value, strict=True) if a != b and t2s.convert(a) == a}
        for ch in sorted(changed):
            phrases.setdefault(ch, []).append(key)
    only = "".join(sorted(phrases))
    return alone, only, {ch: sorted(set(phrases[ch])) for ch in only}


def main() -> None:
    alone, only, phrases = derive(opencc.OpenCC("t2s"))
    print("GB 2312, changed on their own:   ", alone)
    print("changed only inside a phrase:     ", only)
    print()
    listed: set[str] = set()
    print("T2S_PHRASES = tuple(\"\"\"")
    for ch in only:  # each phrase once, under the first of its characters
        line = ""
        for phrase in phrases[ch]:
            if phrase in listed:
                continue
            listed.add(phrase)
            if line and len(line) + len(phrase) + 1 > 40:
                print(f"    {line}")
                line = ""
            line += ("" if not line else " ") + phrase
        if line:
            print(f"    {line}")
    print("\"\"\".split())")
    print(f"# {len(listed)} phrases")


if __name__ == "__main__":
    main()
