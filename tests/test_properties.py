"""Properties that must hold for every input, checked on generated Chinese, mixed and garbage
text (hypothesis): the fixer changes nothing outside its fix ranges, never drops a character
it was not asked to replace, reaches a fixed point (a second run changes nothing, and no
fixable finding remains), and the engine never raises or lets a rule fail.

Examples are drawn from pieces real documents are made of (Chinese prose, full-width and
half-width punctuation, digits, spaces, line breaks of all three kinds, dictionary words,
placeholders, disable comments) and from arbitrary code points (astral characters, control
characters, BOMs; never NUL, which marks a file as binary). The budget is modest so that the
whole suite stays fast; ``HYPOTHESIS_PROFILE=thorough`` runs many more examples.
"""

from __future__ import annotations

import os

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import fix as fixmod
from lint.document import Document
from lint.fix import apply_fixes, fix_document
from lint.readers import ReadError, read_bytes
from lint.readers.text import mask_directives

settings.register_profile("default", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

HAN = ("的一是在不了有和人这中大为上个国我以要时来用们生到作地于出就分对成会可也能而"
       "工党组织领导干部加强落实意识形态责任制情况报告問題經濟黨會")
PIECES = [
    *HAN,
    *"，。；：？！、“”‘’（）《》【】〔〕……——·",
    *",.;:?!()[]<>-*_#/@%&=+'\"", *"0123456789", *"AbXxyz",
    " ", "  ", "\t", "\u3000", "\n", "\r\n", "\r", "\n\n",
    "𠀀", "𪚥", "😀", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
    "\ufeff", "\ufffd", "\u200b",
    "再接再励", "布署", "四种意识", "其它", "截止2023年底", "xxx", "XX", "**", "×", "〇〇", "□",
    "一、", "（一）", "1.", "(1)", "一是", "二是", "3.5", "14:30", "https://www.gov.cn/a,b",
    "<!-- gwlint-disable -->", "<!-- gwlint-enable -->", "<!-- gwlint-disable-next-line -->",
    "<!-- textlint-disable halfwidth-punct -- 原文 -->", "<!-- gwlint-disable-line terms -->",
    "##paidbegin##", "首页 > ", "态(tài)", "。。", "，，",
]

_han = st.sampled_from(HAN)
_punct = st.sampled_from(",.;:?!()，。 ")
chinese = st.lists(st.one_of(_han, _han, _han, _punct, st.sampled_from(PIECES)),
                   max_size=60).map("".join)
garbage = st.text(st.characters(min_codepoint=1, max_codepoint=0x10FFFF,
                                exclude_categories=("Cs",)),
                  max_size=60)
documents = st.one_of(chinese, chinese, garbage, st.tuples(chinese, garbage, chinese).map("".join))


_CONTENT = regex.compile(r"[\p{Han}\d]")


def _text_doc(text: str, path: str = "doc.txt") -> Document:
    prose, masked = mask_directives(text)
    return Document(text=text, path=path, prose=prose, masked=masked)


class _Recorder:
    """Wraps ``apply_fixes`` to check every pass against an independent rebuild."""

    def __init__(self):
        self.passes: list[tuple[str, str, list]] = []

    def __call__(self, text, findings):
        fixed, applied = apply_fixes(text, findings)
        self.passes.append((text, fixed, applied))
        return fixed, applied


@pytest.fixture()
def recorder(monkeypatch):
    rec = _Recorder()
    monkeypatch.setattr(fixmod, "apply_fixes", rec)
    return rec


def _check_pass(before: str, after: str, applied: list) -> None:
    """Outside the fix ranges ``after`` is ``before``, piece by piece, in order."""
    pos_before = pos_after = 0
    for finding in applied:
        fx = finding.fix
        assert pos_before <= fx.start <= fx.end <= len(before)
        keep = before[pos_before:fx.start]
        assert after[pos_after:pos_after + len(keep)] == keep
        pos_after += len(keep)
        assert after[pos_after:pos_after + len(fx.text)] == fx.text
        pos_after += len(fx.text)
        pos_before = fx.end
        # nothing is lost: a fix that only deletes never deletes a Chinese character or a
        # digit (it removes spacing, doubled punctuation, converter pinyin), and no fix
        # touches a line break
        removed = before[fx.start:fx.end]
        assert fx.text or not _CONTENT.search(removed), (finding.rule_id, removed)
        assert not any(c in removed or c in fx.text for c in "\r\n"), finding.rule_id
    assert after[pos_after:] == before[pos_before:]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=documents)
def test_fixer_changes_only_fix_ranges_and_reaches_a_fixed_point(linter, recorder, text):
    recorder.passes.clear()
    outcome = fix_document(linter, _text_doc(text))
    for before, after, applied in recorder.passes:
        _check_pass(before, after, applied)
    assert outcome.fixed.count("\n") == text.count("\n")
    assert outcome.fixed.count("\r") == text.count("\r")
    remaining = linter.lint_document(outcome.doc)
    assert [f.rule_id for f in remaining.findings if f.fixable] == []
    assert remaining.failures == []
    again = fix_document(linter, _text_doc(outcome.fixed))
    assert again.fixed == outcome.fixed


@given(text=documents)
def test_engine_never_raises_and_no_rule_fails(linter, text):
    for path in ("doc.txt", "doc.md"):
        try:
            doc = read_bytes(text.encode("utf-8"), path)
        except ReadError:
            continue
        result = linter.lint_document(doc)
        assert result.failures == []
        for f in result.findings:
            assert 0 <= f.start <= f.end <= len(doc.text)
            doc.position(f.start)


@given(data=st.binary(max_size=200))
def test_reading_any_bytes_gives_a_document_or_a_read_error(linter, data):
    for path in ("doc.txt", "doc.md"):
        try:
            doc = read_bytes(data, path)
        except ReadError:
            continue
        assert linter.lint_document(doc).failures == []


@given(text=chinese)
def test_markdown_fixes_keep_everything_outside_fix_ranges(linter, text):
    doc = read_bytes(text.encode("utf-8"), "doc.md")
    outcome = fix_document(linter, doc)
    remaining = linter.lint_document(outcome.doc)
    assert [f.rule_id for f in remaining.findings if f.fixable] == []
    assert outcome.fixed.count("\n") == doc.text.count("\n")


class _Translate:
    """A stand-in OpenCC converter: a character table, so that lines and positions are plain
    to check; with ``phrase``, that phrase keeps its last character (as OpenCC's phrases
    do), so that a line cut short converts differently."""

    def __init__(self, table: dict[str, str], phrase: str = ""):
        self.table, self.phrase = str.maketrans(table), phrase

    def convert(self, text: str) -> str:
        if not self.phrase:
            return text.translate(self.table)
        return self.phrase.join(part.translate(self.table) for part in text.split(self.phrase))


@given(text=st.text(alphabet="后发中\n\r", max_size=80), data=st.data())
def test_confirmed_positions_are_those_every_line_conversion_changes(text, data):
    """lint.kinds.script._confirmed finds each position's line once, searching from the last
    line's end (a one-line document of 1 MB was searched back to its start at every
    position, and to its end for a "\\r" it never had: seconds). It must keep exactly the
    positions a plain per-position reading keeps, whatever the line breaks."""
    from lint.kinds.script import _confirmed

    candidates = [i for i, ch in enumerate(text) if ch in "后发"]
    positions = sorted(data.draw(st.sets(st.sampled_from(candidates))) if candidates else [])
    both, one = _Translate({"后": "後", "发": "發"}), _Translate({"后": "後"}, phrase="中后")
    simplified = text.replace("後", "后")
    sources = [(text, {}), (simplified, {both: both.convert(simplified)})]

    def plain(i):  # the line around i, converted by every converter, from every source
        start = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1
        ends = [e for e in (text.find("\n", i), text.find("\r", i)) if e >= 0]
        end = min(ends) if ends else len(text)
        outs = [conv.convert(source[start:end]) for source, _ in sources for conv in (both, one)]
        return all(out[i - start] != text[i] for out in outs)

    assert _confirmed(text, sources, positions, [both, one]) == [i for i in positions if plain(i)]


@given(text=st.text(alphabet="ab中\n\r", max_size=60))
def test_lines_split_at_lf_crlf_and_cr_as_an_editor_does(text):
    """Document.lines searches the next LF and the next CR again only once passed (a text of
    LF lines with one stray CR was searched to its end for every line)."""
    expected, start = [], 0
    for m in regex.finditer(r"\r\n|\r|\n", text):
        expected.append((start, m.start()))
        start = m.end()
    expected.append((start, len(text)))
    lines = Document(path="x.txt", text=text).lines
    assert [(line.start, line.end) for line in lines] == expected
    assert [line.number for line in lines] == list(range(1, len(expected) + 1))
