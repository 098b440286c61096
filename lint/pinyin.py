"""The readings of Chinese characters, from pypinyin's table of single characters.

Used to tell the pinyin a faulty 繁简 converter writes after a character it converted
(意識形態(tài): a reading of 態) from pinyin whose character is gone (意识形(tài)).

pypinyin keeps the table as ``pinyin_dict.json`` in its package (0.52 and later), one
character a line in the order of their code points, ``"24907": "tài",``. Importing pypinyin
loads its phrase dictionary too (~230 ms) and parsing the whole JSON file takes ~22 ms,
more than linting a report; the few characters a document asks about are looked up in the
file's bytes instead, by bisection (~0.03 ms each, remembered; a search for the key took
~0.3). If the file is not there or not laid out so (another version of pypinyin), no
reading is known and callers do what they did without the table.
"""

from __future__ import annotations

import os
import unicodedata

#: the combining marks of the four tones (ü's diaeresis is kept: it is a letter of its own)
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))

_table: bytes | None = None
_loaded = False
_known: dict[str, frozenset[str] | None] = {}


def toneless(syllable: str) -> str:
    """``syllable`` in lower case without its tone mark; ü as u (pypinyin writes qu for
    qü, a converter may write either): tài → tai, lǜ → lu, ǹg → ng. (Remembered: a
    converted report repeats the same few hundred syllables, 1,482 in the bench corpus.)"""
    plain = _plain.get(syllable)
    if plain is None:
        plain = unicodedata.normalize("NFD", syllable.lower()).translate(_TONES)
        plain = _plain[syllable] = unicodedata.normalize("NFC", plain).replace(
            "ü", "u").replace("v", "u")
    return plain


_plain: dict[str, str] = {}


def readings(char: str) -> frozenset[str] | None:
    """The readings pypinyin gives ``char``, toneless (態: {tai}; 发: {fa}); None when its
    table cannot be read or does not list the character."""
    if char in _known:
        return _known[char]
    table = _read_table()
    found = None
    if table is not None and len(char) == 1:
        value = _value(table, ord(char))
        if value:
            found = frozenset(toneless(r) for r in value.split(",") if r) or None
    _known[char] = found
    return found


def _value(table: bytes, code: int) -> str | None:
    """The readings the table lists for ``code`` as written (``tài``), or None: a
    bisection over its lines, which are in the order of their keys."""
    lo, hi = 0, len(table)  # the line for ``code``, if any, starts in [lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        line = table.find(b'\n"', mid, hi + 1)  # the first line starting from mid
        if line < 0:
            hi = mid
            continue
        key_end = table.find(b'"', line + 2)
        try:
            key = int(table[line + 2:key_end])
        except ValueError:  # not a line of the table's
            return None
        if key < code:
            lo = key_end
        elif key > code:
            hi = mid
        else:
            start = key_end + 4  # past '": "'
            end = table.find(b'"', start)
            if table[key_end:start] != b'": "' or end < 0:
                return None
            try:
                return table[start:end].decode("utf-8")
            except UnicodeDecodeError:
                return None
    return None


def _read_table() -> bytes | None:
    global _table, _loaded
    if not _loaded:
        _loaded = True
        _table = _load()
    return _table


def _load() -> bytes | None:
    """pypinyin's table, found without importing pypinyin, or None. The layout is checked
    on one character (一, yī), so that a table laid out otherwise is not used at all."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("pypinyin")
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        try:
            with open(os.path.join(folder, "pinyin_dict.json"), "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        if (_value(data, 0x4E00) or "").startswith("yī"):
            return data
    return None
