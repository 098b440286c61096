"""``numbers``: a ``pattern`` rule that also checks what a regular expression cannot: that a
date is on the calendar (``2024年2月30日``, ``4月31日``; leap years counted), that the
weekday written after a date is that date's (``2024年5月9日（星期三）``: a Thursday), and
that digits are half-width (``２０２４年``, written back as ``2024年``), and that a 成文日期
or 印发日期 is in Arabic numerals (a line that is ``二〇二四年二月二十六日`` alone, written back
as ``2024年2月26日``: GB/T 9704—2012 7.3.5.4, 7.4.3).

A date is ``2024年5月9日`` or ``5月9日`` in Arabic numerals (a year alone or a month alone,
``2024年``, ``13个月``, is none), or ``2024年13月`` (a month the year has not). A date
without its year that follows one with a year across a range or list mark (``至`` ``—``
``、`` …: ``2023年2月1日至2月29日``) is in that year; otherwise its year is unknown, and
February has 29 days.

Options: those of ``pattern``, and these messages, each of which turns its check on:
  impossible   a date the calendar lacks: ``{date}``
  weekday      a weekday that is not the date's: ``{date}``, ``{written}`` (星期三, as
               written), ``{actual}`` (星期四)
  fullwidth    a run of full-width digits: ``{digits}``, ``{halfwidth}`` (its fix); one
               that a pattern of the rule reports (the zero of ``二０二四年``) is left to it
  chinese_date a line that is a date in Chinese numerals alone, with a zero in its year
               (二〇二四年…; a 1990s year is not looked for): ``{date}``, ``{arabic}`` (its fix)
"""

from __future__ import annotations

import datetime
import re

from .. import regexcache
from ..finding import Fix
from ..structure import chinese_number
from .pattern import PatternKind
from .prefilter import CENSUS

#: a month after a digit: where a date may be (a literal start, ~10 times faster than a
#: pattern that starts with the year's digits; the date is then read from its start)
_MONTH = regexcache.compile_re(r"月(?<=[0-9]月)")
_DATE = regexcache.compile_re(
    r"(?<![0-9])(?:([0-9]{4})年)?([0-9]{1,2})月(?:([0-9]{1,2})日"
    # the weekday written after it: 2024年5月9日（星期三）, 5月9日星期四, 5月9日(周四)
    r"(?:[ 　]?[（(]?((?:星期|礼拜|禮拜|周|週)[一二三四五六日天]))?)?")
_YEAR_BEFORE = regexcache.compile_re(r"[0-9]{4}年")
#: what joins a date without its year to the date before it: a range or a list
_JOIN = frozenset("至到—－-~～、和及与")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_WEEKDAYS = "一二三四五六日"
FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
_FULLWIDTH = regexcache.compile_re(r"[０-９]+(?:[.．][0-9０-９]+)*")
_HALFWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
#: a line that is a date in Chinese numerals alone (a 成文日期 or 印发日期 of an old template),
#: looked for where a line ends in 日 (a literal start: ``^`` first tries every position)
_LINE_END_DAY = regexcache.compile_re(r"日[ \t　]*$", re.MULTILINE)
_CHINESE_DATE = regexcache.compile_re(
    r"[ \t　]*(([〇○零0Oo０Ｏ一二三四五六七八九]{4})[ \t　]*年[ \t　]*([一二三四五六七八九十]{1,3})"
    r"[ \t　]*月[ \t　]*([一二三四五六七八九十]{1,3})[ \t　]*日)[ \t　]*$", re.MULTILINE)
#: one of them is in every such year from 2000 on
_CHINESE_ZEROS = frozenset("〇○零")
_YEAR_DIGITS = str.maketrans("〇○零0Oo０Ｏ一二三四五六七八九", "00000000123456789")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in(month: int, year: int | None) -> int:
    """The days of ``month`` (1-12) in ``year``; 29 for February of an unknown year."""
    if month == 2 and (year is None or _leap(year)):
        return 29
    return _DAYS[month - 1]


class NumbersKind(PatternKind):
    options = {**PatternKind.options, "impossible": None, "weekday": None, "fullwidth": None,
               "chinese_date": None}
    _fields = {"impossible": {"date"}, "weekday": {"date", "written", "actual"},
               "fullwidth": {"digits", "halfwidth"}, "chinese_date": {"date", "arabic"}}

    def setup(self) -> None:
        super().setup()
        for key, fields in self._fields.items():
            value = self.opts[key]
            if value is None:
                continue
            if not isinstance(value, str) or not value:
                raise self.rule.error(f"'{key}' must be a message", key)
            self.check_placeholders(value, fields, "kind 'numbers'", key=key, what=f"'{key}'")
        if self.opts["fullwidth"] is not None or self.opts["chinese_date"] is not None:
            self.fixable = True
        if self.opts["fullwidth"] is not None:
            CENSUS.add(FULLWIDTH_DIGITS)
        if self.opts["chinese_date"] is not None:
            CENSUS.add(_CHINESE_ZEROS)

    def check(self, doc):
        reported = []
        for finding in super().check(doc):
            reported.append((finding.start, finding.end))
            yield finding
        if self.opts["impossible"] is not None or self.opts["weekday"] is not None:
            yield from self._dates(doc.prose)
        if self.opts["chinese_date"] is not None and CENSUS.of_document(doc) & _CHINESE_ZEROS:
            for end in _LINE_END_DAY.finditer(doc.prose):
                line = doc.line_at(end.start())
                m = _CHINESE_DATE.match(doc.prose, line.start, line.end)
                if m is None:
                    continue
                arabic = (f"{m[2].translate(_YEAR_DIGITS)}年{chinese_number(m[3])}月"
                          f"{chinese_number(m[4])}日")
                yield self.finding(*m.span(1), self.opts["chinese_date"].format(
                    date=m[1], arabic=arabic), Fix(*m.span(1), arabic))
        if self.opts["fullwidth"] is not None and CENSUS.of_document(doc) & FULLWIDTH_DIGITS:
            for m in _FULLWIDTH.finditer(doc.prose):
                if any(s < m.end() and m.start() < e for s, e in reported):
                    continue
                halfwidth = m.group().translate(_HALFWIDTH)
                yield self.finding(*m.span(), self.opts["fullwidth"].format(
                    digits=m.group(), halfwidth=halfwidth), Fix(*m.span(), halfwidth))

    def _scan(self, compiled, text: str, doc, probed: dict, budget: dict | None = None):
        """One scan of the whole text: the patterns of rules/numbers.yaml start with a
        character (、 年 十 0) that most lines of a report hold, so looking for the lines
        that hold it first, as ``pattern`` does for rarer strings, cost more than the scan
        (23 ms against 10 on the bench corpus)."""
        return self.finditer(compiled, text, budget=budget)

    def _dates(self, text: str):
        impossible, weekday = self.opts["impossible"], self.opts["weekday"]
        last_year, last_end = None, -1
        for hit in _MONTH.finditer(text):
            start = hit.start() - 1
            while start > 0 and "0" <= text[start - 1] <= "9":
                start -= 1
            if start >= 5 and _YEAR_BEFORE.match(text, start - 5, start):
                start -= 5
            m = _DATE.match(text, start)
            if m is None:  # 123月: no month
                continue
            year = int(m[1]) if m[1] else None
            if year is None and last_end >= 0 and text[last_end:m.start()] in _JOIN:
                year = last_year
            month, day = int(m[2]), (int(m[3]) if m[3] else None)
            last_year, last_end = year, (m.end(3) if m[3] else m.end(2)) + 1
            if day is None and m[1] is None:
                continue  # 13月 alone is no date
            date = m.group(0)[:last_end - m.start()]
            if not (1 <= month <= 12 and (day is None or 1 <= day <= days_in(month, year))):
                if impossible is not None:
                    yield self.finding(m.start(), last_end, impossible.format(date=date))
                continue
            if weekday is not None and m[4] and year and day is not None:
                actual = "星期" + _WEEKDAYS[datetime.date(year, month, day).weekday()]
                if m[4][-1] not in actual[-1] + ("天" if actual[-1] == "日" else ""):
                    yield self.finding(*m.span(4), weekday.format(
                        date=date, written=m[4], actual=actual))
