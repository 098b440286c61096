"""sentence-length splits at one terminator first and scans only the long pieces: it must
find exactly the sentences a scan of every stretch finds, whatever the options."""

from __future__ import annotations

import re

import pytest

from lint.kinds.length import _LEADING, LengthKind
from lint.readers import read_path

from .conftest import SEEDS


def every_stretch(kind: LengthKind, text: str) -> list[tuple[int, int]]:
    """The plain algorithm: every stretch between terminators, measured."""
    found = []
    for m in kind.sentence.finditer(text):
        start, end = m.span()
        if end - start <= kind.max:  # not counting its closing mark
            continue
        if end < len(text) and text[end] in kind.terminators:
            end += 1
        start = _LEADING.match(text, start, end).end()
        sentence = text[start:end]
        if len(sentence) - sum(map(str.isspace, sentence)) > kind.max:
            found.append((start, end))
    return found


@pytest.mark.parametrize("options", [
    {}, {"max": 40}, {"max": 12}, {"max": 60, "terminators": "；。！？"},
    {"max": 30, "terminators": "！"},
])
def test_split_scan_finds_what_every_stretch_finds(linter, options):
    kind = linter.compiled["sentence-length"].kind
    rule = kind.rule
    probe = LengthKind(type(rule)(**{**vars(rule), "options": {**rule.options, **options}}))
    docs = [read_path(p, str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    total = 0
    for doc in docs:
        got = [(f.start, f.end) for f in probe.check(doc)]
        assert got == every_stretch(probe, doc.prose), doc.path
        total += len(got)
    assert total > 0
    assert re.escape(probe.splitter) in probe.sentence.pattern
