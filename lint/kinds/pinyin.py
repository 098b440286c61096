"""``converter-pinyin``: the tone-marked pinyin a faulty 繁简 converter leaves after the
characters it converted (意識形態(tài), 發(fā)布), reported by patterns as a ``pattern`` rule
does, with a fix that deletes it.

The fix is offered only where the pinyin is a reading of the character before it
(lint.pinyin, pypinyin's table). Where it is not (意识形(tài)), the character the pinyin
belonged to is missing, and deleting the pinyin would delete the only trace of it: that is
reported with the ``missing`` message and no fix, for a person to put the character back.
Where no reading is known (the table cannot be read, a character it lacks), the pinyin is
taken to fit.

A writer may annotate a reading on purpose: 蚌(bèng)埠, 六(lù)安, 亳(bó)州, where the character
has several readings or is not one of the 3,755 common characters (GB 2312's first level).
Such pinyin is reported only in a document that shows a converter's work elsewhere: pinyin
after a traditional character (in Big5, not in GB 2312: 態(tài)) or after a common character
with a single reading (态(tài)), or pinyin that is no reading of its character. In such a
document, pinyin without a tone mark that is a reading of the character before it is the
converter's too (們(men), the neutral tone), and is reported as well.

Options: those of ``pattern`` (each match is the pinyin with its brackets, right after the
character it belongs to), and
  missing   the message where the pinyin is not a reading of the character before it;
            ``{char}`` is that character, ``{pinyin}`` the pinyin as written
"""

from __future__ import annotations

from .. import pinyin, regexcache
from ..finding import Fix
from ..structure import HAN
from . import excerpt
from .pattern import PatternKind

#: what may surround the syllable in a match
_BRACKETS = "()（） \t"


class ConverterPinyinKind(PatternKind):
    options = {**PatternKind.options, "missing": None}

    def setup(self) -> None:
        super().setup()
        missing = self.opts["missing"]
        if not isinstance(missing, str) or not missing:
            raise self.rule.error("needs 'missing': the message where the pinyin is not a "
                                  "reading of the character before it", "missing")
        self.check_placeholders(missing, {"char", "pinyin"}, "kind 'converter-pinyin'",
                                key="missing", what="'missing'")
        self.missing = missing

    def check(self, doc):
        text = doc.prose
        held = []  # pinyin that may be the writer's: reported if the converter shows elsewhere
        converted = False
        for found in super().check(doc):
            if found.fix is None or found.start == 0:
                yield found
                continue
            char = text[found.start - 1]
            written = doc.text[found.start:found.end]
            known = pinyin.readings(char)
            if known is not None and pinyin.toneless(written.strip(_BRACKETS)) not in known:
                converted = True
                yield self.finding(found.start, found.end,
                                   self.missing.format(char=char, pinyin=written))
            elif known is not None and _may_be_annotated(char, known):
                held.append(found)
            else:
                converted = True
                yield found
        if converted:
            yield from held
            yield from self._toneless(doc)

    def _toneless(self, doc):
        """Pinyin without a tone mark that is a reading of the character before it (們(men)),
        in a document with the converter's pinyin."""
        text = doc.prose
        for m in _TONELESS.finditer(text):
            start, end = m.span()
            if start == 0 or not HAN.match(text, start - 1):
                continue
            char, written = text[start - 1], m.group()
            known = pinyin.readings(char)
            if known is None or pinyin.toneless(written.strip(_BRACKETS)) not in known:
                continue
            if doc.masked and doc.is_masked(start, end):
                continue
            shown = excerpt(written)
            message = (self.rule.message or "").format(shown, char, shown, match=shown)
            yield self.finding(start, end, message, Fix(start, end, ""))


#: a syllable without a tone mark in brackets (right after a Chinese character: HAN; a
#: look-behind for it made the pattern start at every character of a converted report)
_TONELESS = regexcache.compile(r"[(（][a-zü]{1,6}[)）]")


def _may_be_annotated(char: str, readings: frozenset[str]) -> bool:
    """Whether pinyin after ``char`` may be the writer's annotation of its reading: a
    character that is not traditional and has several readings or is not a common one.
    (Remembered: a converted report repeats a few dozen characters, 1,482 times in the
    bench corpus, and encoding each twice cost more than the rest of the check.)"""
    known = _ANNOTATED.get(char)
    if known is None:
        code = _gb2312(char)
        if code is None:  # not in GB 2312: traditional if Big5 has it, else a rare character
            known = _ANNOTATED[char] = not _in_big5(char)
        else:  # (the second level of GB 2312: less common characters)
            known = _ANNOTATED[char] = len(readings) > 1 or code[0] >= 0xD8
    return known


_ANNOTATED: dict[str, bool] = {}


def _gb2312(char: str) -> bytes | None:
    try:
        return char.encode("gb2312")
    except UnicodeEncodeError:
        return None


def _in_big5(char: str) -> bool:
    try:
        char.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True
