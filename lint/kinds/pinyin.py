"""``converter-pinyin``: the tone-marked pinyin a faulty 繁简 converter leaves after the
characters it converted (意識形態(tài), 發(fā)布), reported by patterns as a ``pattern`` rule
does, with a fix that deletes it.

The fix is offered only where the pinyin is a reading of the character before it
(lint.pinyin, pypinyin's table). Where it is not (意识形(tài)), the character the pinyin
belonged to is missing, and deleting the pinyin would delete the only trace of it: that is
reported with the ``missing`` message and no fix, for a person to put the character back.
Where no reading is known (the table cannot be read, a character it lacks), the pinyin is
taken to fit.

Options: those of ``pattern`` (each match is the pinyin with its brackets, right after the
character it belongs to), and
  missing   the message where the pinyin is not a reading of the character before it;
            ``{char}`` is that character, ``{pinyin}`` the pinyin as written
"""

from __future__ import annotations

from .. import pinyin
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
        for found in super().check(doc):
            if found.fix is None or found.start == 0:
                yield found
                continue
            char = text[found.start - 1]
            written = doc.text[found.start:found.end]
            known = pinyin.readings(char)
            if known is None or pinyin.toneless(written.strip(_BRACKETS)) in known:
                yield found
                continue
            yield self.finding(found.start, found.end,
                               self.missing.format(char=char, pinyin=written))
