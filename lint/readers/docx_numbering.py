"""Word's list numbering, worked out as Word shows it: the ``一、`` ``（一）`` ``1.`` a
template puts before a heading through Format > Numbering is not in the paragraph's text.

A paragraph is numbered by its own ``w:numPr`` or its style's (a ``标题 1`` style linked to a
multilevel list), ``w:numId="0"`` switching numbering off. The number is the list level's
``w:lvlText`` (``%1、`` ``（%2）`` ``%1.%2``) with each ``%n`` replaced by level n's count in its
``w:numFmt`` (``chineseCounting`` 一 二 … 十一, ``decimal``, ``ideographTraditional`` 甲 乙 …),
followed by the level's ``w:suff`` (a tab unless it says nothing; Word's "space" reads
as a tab too: a separator the writer did not type). Counts are kept
per abstract list, as Word keeps them: two lists (``w:num``) over one definition continue
each other, and one that sets a start value (Set Numbering Value, ``w:startOverride``)
restarts it where it is first used. A number restarts when a higher level is used, unless
``w:lvlRestart`` says otherwise. Bullets are not numbers and give no text (a bullet is an
item of its level all the same: the numbers below it start again); nor does a paragraph
that a tracked change deleted, or whose paragraph mark is hidden.

The same style chain says which paragraphs are headings without a number: those with an
outline level (``w:outlineLvl`` 0-8, which 标题 1-9 and Heading 1-9 carry, whatever a
localised Word or WPS calls the style), set on the paragraph or on its style.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..structure import to_chinese

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_LEVELS = 9
#: what follows a number: Word's separator, a tab or a space, is not text the writer typed,
#: so both read as a tab (alignment: cjk-spacing does not take 第一条⇥为了 for a stray space)
_SUFFIX = {"tab": "\t", "space": "\t", "nothing": ""}
_CN = "〇一二三四五六七八九"
_CN_COUNTING = "○一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: every level's number in Arabic digits
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


class Numbering:
    """The numbers of one document's paragraphs, computed in document order: call
    :meth:`label` once per paragraph, first to last."""

    def __init__(self, numbering, styles) -> None:
        #: paragraph style -> (based on, numId, ilvl, outline level)
        self._styles: dict[str, tuple[str | None, str | None, int | None, int | None]] = {}
        self._default_style: str | None = None
        self._numbering_styles: dict[str, str] = {}
        if styles is not None:
            self._read_styles(styles)
        self._abstracts: dict[str, tuple[dict[int, _Level], str | None]] = {}
        self._nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        self._counts: dict[str, dict[int, int]] = {}
        self._started: set[tuple[str, int]] = set()

    @property
    def empty(self) -> bool:
        """Whether no paragraph can be numbered (no list is defined)."""
        return not self._nums

    def is_heading(self, paragraph) -> bool:
        """Whether ``paragraph`` has an outline level: a heading by its style (标题 2) or
        by Paragraph > Outline level, numbered or not."""
        ppr = paragraph.find(_W + "pPr")
        level = _outline(ppr)
        if level is None:
            style = self._style_of(ppr)
            seen: set[str] = set()
            while level is None and style and style not in seen and style in self._styles:
                seen.add(style)
                style, _, _, level = self._styles[style]
        return level is not None and 0 <= level <= 8

    def _style_of(self, ppr) -> str | None:
        if ppr is not None:
            style = ppr.find(_W + "pStyle")
            if style is not None and style.get(_VAL) in self._styles:
                return style.get(_VAL)
        return self._default_style

    def restart(self) -> None:
        """Count every list from its start again, as Word does in a story of its own (a
        text box, the footnotes, the endnotes): its lists do not go on from the body's."""
        self._counts = {}
        self._started = set()

    # -- reading the definitions ---------------------------------------------------------
    def _read_styles(self, styles) -> None:
        for style in styles.iterfind(_W + "style"):
            style_id = style.get(_W + "styleId")
            kind = style.get(_W + "type")
            num_id, ilvl = _num_pr(style.find(_W + "pPr"))
            if kind == "numbering" and style_id and num_id:
                self._numbering_styles[style_id] = num_id
            if kind != "paragraph" or not style_id:
                continue
            based_on = style.find(_W + "basedOn")
            self._styles[style_id] = (
                based_on.get(_VAL) if based_on is not None else None, num_id, ilvl,
                _outline(style.find(_W + "pPr")))
            if style.get(_W + "default") in ("1", "true", "on"):
                self._default_style = style_id

    def _read_numbering(self, numbering) -> None:
        for abstract in numbering.iterfind(_W + "abstractNum"):
            link = abstract.find(_W + "numStyleLink")
            levels = {}
            for lvl in abstract.iterfind(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0)
                levels[ilvl] = _level(lvl)
            self._abstracts[abstract.get(_W + "abstractNumId") or ""] = (
                levels, link.get(_VAL) if link is not None else None)
        for num in numbering.iterfind(_W + "num"):
            abstract_id = num.find(_W + "abstractNumId")
            if abstract_id is None:
                continue
            overrides = {}
            for override in num.iterfind(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                lvl = override.find(_W + "lvl")
                overrides[_int(override.get(_W + "ilvl"), 0)] = (
                    _int(start.get(_VAL), 0) if start is not None else None,
                    _level(lvl) if lvl is not None else None)
            self._nums[num.get(_W + "numId") or ""] = (abstract_id.get(_VAL) or "", overrides)

    # -- numbering paragraphs ----------------------------------------------------------
    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` (with its suffix), or ``""``."""
        ppr = paragraph.find(_W + "pPr")
        num_id, ilvl = _num_pr(ppr)
        if ppr is not None:
            mark = ppr.find(_W + "rPr")
            if mark is not None and (mark.find(_W + "del") is not None
                                     or _on(mark.find(_W + "vanish"))):
                return ""
        style = self._style_of(ppr)
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self._style_numbering(style)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        key, levels, overrides = self._list(num_id)
        if ilvl is None:  # a level that names the style, as Word links 标题 1 to level 1
            ilvl = next((i for i, lv in levels.items() if lv.style == style), 0)
        ilvl = min(max(ilvl, 0), _LEVELS - 1)

        def level(i: int) -> _Level:
            override = overrides.get(i)
            if override is not None and override[1] is not None:
                return override[1]
            return levels.get(i) or _Level()

        current = level(ilvl)
        counts = self._counts.setdefault(key, {})
        override = overrides.get(ilvl)
        if (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            if override is not None and override[0] is not None:
                counts[ilvl] = override[0] - 1  # Set Numbering Value: start again here
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else current.start
        for deeper in range(ilvl + 1, _LEVELS):
            restart = level(deeper).restart
            if restart is None or restart and ilvl < restart:
                counts.pop(deeper, None)
        if current.fmt == "bullet":  # no number, but an item that restarts those below
            return ""

        def number(match_level: int) -> str:
            value = counts.get(match_level, level(match_level).start)
            fmt = "decimal" if current.legal else level(match_level).fmt
            return format_number(value, fmt)

        text = current.text
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                out.append(number(int(text[i + 1]) - 1))
                i += 2
                continue
            out.append(ch)
            i += 1
        label = "".join(out)
        return label + current.suffix if label else ""

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        """A paragraph style's list and level, inherited along ``w:basedOn``."""
        num_id = ilvl = None
        seen: set[str] = set()
        while style and style not in seen and style in self._styles:
            seen.add(style)
            based_on, style_num, style_ilvl, _ = self._styles[style]
            if num_id is None:
                num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
            style = based_on
        return num_id, ilvl

    def _list(self, num_id: str):
        """The abstract list a ``w:num`` counts in (through a list style's link), its
        levels, and the ``w:num``'s overrides."""
        abstract_id, overrides = self._nums[num_id]
        levels, link = self._abstracts.get(abstract_id, ({}, None))
        if link is not None:  # a list style: its levels are in the list it points to
            linked = self._nums.get(self._numbering_styles.get(link, ""))
            if linked is not None and linked[0] in self._abstracts:
                abstract_id = linked[0]
                levels = self._abstracts[abstract_id][0]
        return abstract_id, levels, overrides


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None, None
    num_id = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    return (num_id.get(_VAL) if num_id is not None else None,
            _int(ilvl.get(_VAL), 0) if ilvl is not None else None)


def _outline(ppr) -> int | None:
    element = ppr.find(_W + "outlineLvl") if ppr is not None else None
    return _int(element.get(_VAL), 9) if element is not None else None


def _level(lvl) -> _Level:
    def val(tag: str) -> str | None:
        element = lvl.find(_W + tag)
        return element.get(_VAL) if element is not None else None

    restart = val("lvlRestart")
    return _Level(
        start=_int(val("start"), 0) if val("start") is not None else 0,
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        suffix=_SUFFIX.get(val("suff") or "tab", "\t"),
        restart=_int(restart, 0) if restart is not None else None,
        legal=_on(lvl.find(_W + "isLgl")),
        style=val("pStyle"),
    )


def _on(element) -> bool:
    return element is not None and element.get(_VAL) not in ("0", "false", "off")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


# -- number formats (ECMA-376 ST_NumberFormat), those Chinese and office documents use --

def format_number(n: int, fmt: str) -> str:
    """``n`` written in the list format ``fmt``; a format not known here as decimal."""
    if fmt in ("chineseCounting", "taiwaneseCounting", "japaneseCounting"):
        return _chinese(n) if 0 < n < 10000 else str(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand"):
        return _chinese_thousand(n) if 0 < n < 10000 else str(n)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join(_CN[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "chineseLegalSimplified":
        return _legal(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "ideographEnclosedCircle":
        return chr(0x3220 + n - 1) if 1 <= n <= 10 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "none":
        return ""
    return str(n)


def _chinese(n: int) -> str:
    """一 … 十 十一 … 二十 … 九十九 as Word writes ``chineseCounting`` (as the heading numbers
    are read: lint.structure.to_chinese); from 100 on digit by digit, its zero a white
    circle ○ (U+25CB), not the ideographic 〇 (一○五), as Open-XML-PowerTools and ONLYOFFICE
    render Word's lists."""
    return to_chinese(n) if n < 100 else "".join(_CN_COUNTING[int(d)] for d in str(n))


def _chinese_thousand(n: int) -> str:
    """``chineseCountingThousand``, the 一, 二, 三 (简) of Word's Chinese number formats:
    as ``chineseCounting`` up to 99, then with 百 and 千 and a 〇 for the zeros between
    (一百〇五, 一百一十, 一千〇一十五), as Open-XML-PowerTools renders Word's lists."""
    if n < 100:
        return to_chinese(n)
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    out = _CN[thousands] + "千" if thousands else ""
    if hundreds:
        out += _CN[hundreds] + "百"
    if (thousands and not hundreds and rest) or (hundreds and not tens and ones):
        out += "〇"  # 一千〇五, 一千〇一十五, 一百〇五
    if tens:
        out += _CN[tens] + "十"
    return out + (_CN[ones] if ones else "")


def _legal(n: int) -> str:
    """壹 … 拾 拾壹 … 贰拾 (``chineseLegalSimplified``)."""
    if 0 < n < 10:
        return _CN_LEGAL[n]
    if 10 <= n < 100:
        tens, ones = divmod(n, 10)
        return (_CN_LEGAL[tens] if tens > 1 else "") + "拾" + (_CN_LEGAL[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)
