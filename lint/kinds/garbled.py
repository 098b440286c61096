"""``garbled``: a ``pattern`` rule that also finds text decoded with the wrong encoding —
UTF-8 read as GBK, the commonest Chinese mojibake (``全年完成`` shown as ``鍏ㄥ勾瀹屾垚``,
U+FFFD's bytes as ``锟斤拷``) — and gives the text back.

Such text encodes back to GBK as the UTF-8 bytes it was: where a stretch of characters does
so, and those bytes read as UTF-8 are Chinese text (Han characters, Chinese punctuation), it
is reported, with a fix that writes the original (exact: the bytes are the same). Where what
comes back holds U+FFFD (``锟斤拷``), the original was already lost before the misreading:
reported with the ``lost`` message and no fix. A stretch is looked for only around
characters that such text is made of and real text hardly ever holds (the GBK extension
characters whose bytes are a UTF-8 lead byte of a Chinese character and a continuation byte,
and 锟), so a document without one costs a census lookup (lint.kinds.prefilter).

Options: those of ``pattern``, and
  misdecoded   the message for such a stretch; ``{text}`` is it, ``{original}`` the text
               it stands for
  lost         the message where the original was already lost (``{text}``)
"""

from __future__ import annotations

from .. import regexcache
from ..finding import Fix
from .pattern import PatternKind
from .prefilter import CENSUS


def _marks() -> frozenset[str]:
    """GBK characters made of a UTF-8 lead byte of a Chinese character (E4-E9) and a
    continuation byte (80-A0: GBK's extension area, characters real text hardly uses)."""
    found = {"锟"}  # U+FFFD is EF BF BD: 锟 is EF BF
    for lead in range(0xE4, 0xEA):
        for trail in range(0x80, 0xA1):
            try:
                found.add(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return frozenset(found)


MARKS = _marks()
_MARK = regexcache.compile_re("[" + "".join(sorted(MARKS)) + "]")
#: what a stretch of misread text is made of: no ASCII (UTF-8 keeps it as it is), no space,
#: no U+FFFD (bytes the misreading could not place: a stretch ends there)
_STRETCH_END = regexcache.compile_re(r"[\x00-\x7f\s\ufffd]")


def _chinese(text: str) -> bool:
    """Han characters, Chinese and full-width punctuation (and U+FFFD) only."""
    return all("\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or ch in "\ufffd\u2014\u2026\u201c\u201d\u2018\u2019"
               for ch in text)


def _plausible(original: str) -> bool:
    """Chinese text as a misreading gives it back: three characters or more, or two of
    GB2312's (traditional text has stretches of three characters whose bytes read as two
    rare ones: 境佈局 as 朿羳), or U+FFFD only (锟斤拷)."""
    if len(original) < 2 or not _chinese(original):
        return False
    if len(original) >= 3 or set(original) == {"\ufffd"}:
        return True
    try:
        original.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def misread(stretch: str) -> list[tuple[int, int, str]]:
    """(start, end, original) of the parts of ``stretch`` that are UTF-8 read as GBK
    (:func:`_plausible` Chinese text comes back), whole characters on both sides."""
    try:
        data = stretch.encode("gbk")
    except UnicodeEncodeError:
        return []
    # (a stretch has no ASCII: each of its characters is two bytes in GBK)
    offsets = range(0, len(data) + 1, 2)
    found, i, count = [], 0, len(stretch)
    while i < count:
        if not 0xE0 <= data[offsets[i]] <= 0xEF:  # no UTF-8 lead of a Chinese character
            i += 1
            continue
        try:
            original = data[offsets[i]:].decode("utf-8")
            j = count
        except UnicodeDecodeError as exc:
            # the longest run of whole characters before the first byte that does not fit
            j = i
            while j < count and offsets[j + 1] - offsets[i] <= exc.start:
                j += 1
            original = None
            while j > i + 1:
                try:
                    original = data[offsets[i]:offsets[j]].decode("utf-8")
                    break
                except UnicodeDecodeError:
                    j -= 1
        if original is not None and j > i + 1 and _plausible(original):
            found.append((i, j, original))
            i = j
        else:
            i += 1
    return found


class GarbledKind(PatternKind):
    options = {**PatternKind.options, "misdecoded": None, "lost": None}

    def setup(self) -> None:
        super().setup()
        for key, fields in (("misdecoded", {"text", "original"}), ("lost", {"text"})):
            value = self.opts[key]
            if not isinstance(value, str) or not value:
                raise self.rule.error(f"needs '{key}': a message", key)
            self.check_placeholders(value, fields, "kind 'garbled'", key=key, what=f"'{key}'")
        self.misdecoded, self.lost = self.opts["misdecoded"], self.opts["lost"]
        self.fixable = True
        CENSUS.add(MARKS)

    def check(self, doc):
        yield from super().check(doc)
        if not CENSUS.of_document(doc) & MARKS:
            return
        prose, done = doc.prose, 0
        for mark in _MARK.finditer(prose):
            if mark.start() < done:
                continue
            start = mark.start()
            while start > 0 and not _STRETCH_END.match(prose, start - 1):
                start -= 1
            end = _STRETCH_END.search(prose, mark.end())
            end = len(prose) if end is None else end.start()
            done = end
            for i, j, original in misread(prose[start:end]):
                text = prose[start + i:start + j]
                if "\ufffd" in original:
                    yield self.finding(start + i, start + j, self.lost.format(text=text))
                else:
                    yield self.finding(start + i, start + j,
                                       self.misdecoded.format(text=text, original=original),
                                       Fix(start + i, start + j, original))
