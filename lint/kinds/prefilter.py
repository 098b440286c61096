"""Required characters of a regular expression: a cheap test that a pattern cannot match.

Most documents contain none of what most patterns look for (``##paid``, ``*``, half-width
``;``, ``□``). Scanning a document with a regex costs ~20 ms per 5 MB however simple the
pattern; the strings in a document are all found in one pass (:class:`Census`). So each
pattern gets, worked out from its parsed form, up to three sets of strings (``##paid``;
``20`` and ``X``/``x``) of which a matching text must contain one each; a document lacking
every string of one set is not scanned at all.
Patterns the standard parser cannot read (``\\p{...}`` other than Han and Co) simply get
no prefilter.
"""

from __future__ import annotations

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

import itertools
import re
from typing import NamedTuple

from ..yamlload import CacheFile, file_stamps

#: what \p{Han} means, for the standard parser (it only needs to know it is a large class)
HAN_CLASS = (r"\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
             r"\uf900-\ufaff\U00020000-\U0003ffff")
#: what \p{Co} means: the private-use characters (fixed by Unicode for good)
_PRIVATE_USE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
PRIVATE_USE_CLASS = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _PRIVATE_USE_RANGES)
#: a class of private-use characters is required as this one, which the census reports for
#: a document holding any private-use character (a document holds one in thousands)
PRIVATE_USE = "\ue000"
#: sets larger than this are useless as a prefilter
MAX_SET = 128
#: characters so common in Chinese prose that requiring them filters nothing (a report's
#: figures, decimals, percentages and dates too: 3.5%, 2024-03-05, 1/3)
_COMMON = set("。，、；：“”（）《》 \t\n0123456789.-/%")
#: x{m,n}, x{m,n}? and (Python 3.11+) x{m,n}+
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
                 if op is not None)


#: syntax the ``regex`` module reads differently from the standard parser (fuzzy matching
#: ``{e<=1}``, POSIX classes ``[[:alpha:]]``): no prefilter for such patterns
_NAMED = re.compile(r"\\[pPN]\{[^}]*\}")
_REGEX_ONLY = re.compile(r"\{[^\d,}]|\[:\w+:\]|\(\?[|V]|\\[LXmMGK]")


def parse(pattern: str):
    """The standard parser's tree of ``pattern`` (``\\p{Han}`` and ``\\p{Co}`` translated), or
    None when the pattern uses syntax only the ``regex`` module reads (or is invalid)."""
    if _REGEX_ONLY.search(_NAMED.sub("", pattern)):
        return None
    translated = translate_properties(pattern)
    if translated is None:
        return None
    try:
        return _parser.parse(translated, 0)
    except (re.error, ValueError, OverflowError, RecursionError):
        return None


def requirements(pattern: str, ignorecase: bool = False, parsed=None
                 ) -> tuple[frozenset[str], ...] | None:
    """Sets of strings such that a text ``pattern`` matches in contains one string of each
    set (a conjunction of "one of these"), rarest first; None when nothing useful is known.
    A string is a single character or a run of literal characters of the pattern.

    ``略`` is required by each branch of ``…+略…+|[.。]{3,}略[.。]{3,}|（略``, and
    ``20[\\dXx]?[Xx]`` needs both ``20`` and an ``X`` or ``x``: a document lacking either
    is not scanned.
    Contents of positive look-arounds count too (they must be in the text), so the sets
    are for testing a whole text, not a slice of it. Case-insensitive patterns get none
    (Unicode case folding is the ``regex`` module's)."""
    clauses = _clauses(pattern, ignorecase, parsed, lookaround=True)
    return tuple(frozenset(c) for c in clauses) or None


def required_chars(pattern: str, ignorecase: bool = False, parsed=None) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` itself contains at least one, or None
    (good for testing a slice of text: look-arounds are not counted)."""
    clauses = _clauses(pattern, ignorecase, parsed, lookaround=False)
    return frozenset(clauses[0]) if clauses else None


def _clauses(pattern: str, ignorecase: bool, parsed, lookaround: bool) -> list[set[str]]:
    if ignorecase:
        return []
    parsed = parse(pattern) if parsed is None else parsed
    if parsed is None or parsed.state.flags & re.IGNORECASE:
        return []
    try:
        return _best(_sequence(parsed, lookaround))
    except _CaseInsensitive:
        return []


class Census:
    """Which of the strings the prefilters ask about a document contains, found in one pass.

    The default preset's ~130 prefilters ask about ~500 rare characters (``□``, tone-marked
    pinyin letters, control characters) and ~280 strings (``##paid``, ``做出``, ``上一篇``);
    probed one by one, a string absent from a document costs a pass over it (~1.2 ms per
    5 MB), and they came to 47 ms of the bench corpus's linting, on top of a 16 ms pass of
    one character class for the characters. One Aho-Corasick automaton over all of them
    (Rust's, ``ahocorasick_rs``, run over the text's UTF-8) answers every question in a
    single pass (~35 ms; bench/PROFILE.md, twenty-seventh pass). Characters frequent in
    reports (:data:`SKIP`, the most frequent Chinese characters and punctuation) are not
    counted: the automaton would report each of their thousands of occurrences, and
    ``in`` finds a frequent character at once (:class:`Prefilter` probes those).

    A private-use character stands for any: the census reports :data:`PRIVATE_USE` for a
    text holding one (``\\p{Co}``, mojibake)."""

    #: characters too frequent in reports to be worth counting (digits, Latin letters, dates)
    SKIP = frozenset("0123456789.-/" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    def __init__(self):
        self.counted: set[str] = set()
        self.version = 0
        self._automaton = None
        self._patterns: list[str] = []
        self._scanned = 0  # bytes scanned by the automaton, which is made a DFA past DFA_AFTER

    def add(self, strings) -> None:
        """Count ``strings`` (characters, or strings of several) from now on."""
        new = set(strings) - self.counted
        if new:
            self.counted |= new
            self.version += 1
            self._automaton = None

    def of(self, text: str) -> frozenset[str]:
        """The counted strings ``text`` contains (and PRIVATE_USE for a private-use one)."""
        if not self.counted:
            return frozenset()
        data = text.encode("utf-8", "surrogatepass")
        scanned = self._scanned
        self._scanned += len(data)
        if self._automaton is None or scanned < DFA_AFTER <= self._scanned:
            from ahocorasick_rs import BytesAhoCorasick, Implementation

            self._patterns = sorted(self.counted - {PRIVATE_USE})
            self._automaton = BytesAhoCorasick(
                [p.encode("utf-8", "surrogatepass") for p in self._patterns],
                implementation=Implementation.DFA if self._scanned >= DFA_AFTER
                else Implementation.NoncontiguousNFA) if self._patterns else None
        found = set()
        if self._automaton is not None:
            patterns = self._patterns
            found = {patterns[i] for i, _, _ in
                     self._automaton.find_matches_as_indexes(data, overlapping=True)}
        if PRIVATE_USE in self.counted and _holds_private_use(data):
            found.add(PRIVATE_USE)
        return frozenset(found)

    def of_document(self, doc) -> frozenset[str]:
        """The census of ``doc.prose``, taken once per document (and census version)."""
        return doc.memo(("census", id(self), self.version), lambda: self.of(doc.prose))


#: the census's automaton starts as an NFA (0.6 ms to build for the default preset, against
#: 2.9 ms for a DFA: a pre-commit run of one file) and is made a DFA once it has scanned this
#: many bytes (which scans them ~40% faster: 2.3 ms saved per ~330 KB)
DFA_AFTER = 256 * 1024

#: the UTF-8 of U+F000-U+F8FF and of plane 15 (U+E000-U+EFFF start with EE, plane 16
#: with F4: found by bytes.__contains__, at C speed; a search for a class of bytes is not)
_PRIVATE_EF, _PRIVATE_F3 = re.compile(rb"\xef[\x80-\xa3]"), re.compile(rb"\xf3[\xb0-\xbf]")


def _holds_private_use(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a private-use character (planes 15 and 16 whole)."""
    return (b"\xee" in data or b"\xf4" in data or _PRIVATE_EF.search(data) is not None
            or (b"\xf3" in data and _PRIVATE_F3.search(data) is not None))


#: the census shared by every prefilter of the process
CENSUS = Census()


def counted(string: str) -> bool:
    """Whether the census counts ``string``: any string of several characters, and a
    character that is not frequent in reports (``□`` but not ``是``, ``。`` or ``X``)."""
    if len(string) > 1:
        return True
    from ..readers.text import FREQUENT_SIMPLIFIED

    return string not in FREQUENT_SIMPLIFIED and string not in _COMMON \
        and string not in Census.SKIP


class Prefilter:
    """The test of :func:`requirements`, ready to run. Each set is split into the strings
    the census counts, answered by one set operation, and frequent characters, probed with
    ``in`` (found at once where present), their answers kept per text."""

    __slots__ = ("tests", "census")

    def __init__(self, clauses: tuple[frozenset[str], ...] | None, census: Census = CENSUS):
        self.census = census
        self.tests: list[tuple[frozenset[str], tuple[str, ...]]] = []
        for clause in clauses or ():
            known = frozenset(s for s in clause if counted(s))
            census.add(known)
            self.tests.append((known, tuple(sorted(clause - known))))

    def passes(self, text: str, present: frozenset[str] | None = None,
               probed: dict | None = None) -> bool:
        """Whether ``text`` has a string of every set (so the pattern may match).
        ``present`` is the census of ``text`` (taken here when not given); ``probed`` keeps
        the answers of probes for other prefilters of the same text (``（`` and ``：`` are
        asked about by many patterns)."""
        if not self.tests:
            return True
        if present is None:
            present = self.census.of(text)
        for known, frequent in self.tests:
            if not known.isdisjoint(present):
                continue
            for ch in frequent:
                found = None if probed is None else probed.get(ch)
                if found is None:
                    found = ch in text
                    if probed is not None:
                        probed[ch] = found
                if found:
                    break
            else:
                return False
        return True


def lines_with(doc, text: str, strings, probed: dict | None = None,
               present: frozenset[str] | None = None):
    """The lines of ``doc`` holding one of ``strings`` in ``text`` (its prose, or a text of
    the same length; a line may come more than once). Strings known to be absent, by
    ``present`` (the census of ``text``) or earlier ``probed`` answers, are not looked for."""
    for string in strings:
        if probed is not None and probed.get(string) is False:
            continue
        if present is not None and string not in present and string in CENSUS.counted:
            continue
        i = text.find(string)
        while i >= 0:
            line = doc.line_at(i)
            yield line
            # (a string found in a line's terminator, the \r of \r\n, is past its end)
            i = text.find(string, max(line.end, i + 1))


# -- patterns that never cross a line -------------------------------------------------------
_NEWLINE_FREE_CATEGORIES = frozenset(
    getattr(_c, name) for name in ("CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_SPACE",
                                   "CATEGORY_NOT_LINEBREAK"))


def line_bounded(parsed, dotall: bool = False) -> bool:
    """Whether no match of the pattern, look-arounds included, can contain a line break
    (``\\n``: ``prose`` has no other): then a match lies within one line, and scanning only
    the lines that hold one of its required strings finds exactly what scanning the whole
    text finds."""
    try:
        return _bounded(parsed, dotall or bool(parsed.state.flags & re.DOTALL))
    except (TypeError, ValueError, AttributeError):
        return False


def _bounded(items, dotall: bool) -> bool:
    for op, av in items:
        if op is _c.LITERAL:
            if av == 10:
                return False
        elif op is _c.NOT_LITERAL:
            if av != 10:
                return False
        elif op is _c.ANY:
            if dotall:
                return False
        elif op is _c.IN:
            if _class_has_newline(av):
                return False
        elif op is _c.CATEGORY:
            if av not in _NEWLINE_FREE_CATEGORIES:
                return False
        elif op is _c.BRANCH:
            if not all(_bounded(branch, dotall) for branch in av[1]):
                return False
        elif op is _c.SUBPATTERN:
            if av[1] & int(re.DOTALL):
                return False
            if not _bounded(av[-1], dotall):
                return False
        elif op in _REPEATS:
            if not _bounded(av[2], dotall):
                return False
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            if not _bounded(av, dotall):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _bounded(av[1], dotall):
                return False
        elif op is _c.GROUPREF_EXISTS:
            if not all(_bounded(branch, dotall) for branch in av[1:] if branch is not None):
                return False
        elif op not in (_c.AT, _c.GROUPREF):
            return False
    return True


def _class_has_newline(av) -> bool:
    """Whether a character class matches ``\\n`` (the only line break in ``prose``)."""
    negate, listed = False, False
    for op, value in av:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            listed = listed or value == 10
        elif op is _c.RANGE:
            listed = listed or value[0] <= 10 <= value[1]
        elif op is _c.CATEGORY:
            listed = listed or value not in _NEWLINE_FREE_CATEGORIES
        else:
            return True
    return not listed if negate else listed


# -- a unit typed twice: (\p{Han}{2,6})\1 ----------------------------------------------------
#: the most periods a tandem test tries (each costs a pass over the text)
MAX_TANDEM_PERIODS = 8


def tandem(parsed) -> tuple[int, int] | None:
    """``(m, n)`` when every match of the pattern contains a unit of m to n characters
    followed by the same unit again: the pattern's own sequence holds a group of one
    repeated single-character item, ``(X{m,n})``, and right after it a back-reference to that
    group, as in ``(\\p{Han}{2,6})\\1``. Such units are rare in prose, while the regex has to
    try every length at every Chinese character; :func:`tandem_starts` finds the candidates
    at C speed. Units of one character (``([的了])\\1``) are left alone: equal neighbours
    (``　　``, ``……``) are too common for a test to pay."""
    try:
        if parsed.state.flags & re.IGNORECASE:  # \1 would then match another case
            return None
        items = list(parsed)
        for (op, av), (next_op, next_av) in itertools.pairwise(items):
            if op is not _c.SUBPATTERN or next_op is not _c.GROUPREF or av[0] is None \
                    or av[0] != next_av or av[1] & int(re.IGNORECASE):
                continue
            body = list(av[-1])
            if len(body) != 1 or body[0][0] not in _REPEATS:
                continue
            low, high, inner = body[0][1]
            inner = list(inner)
            if len(inner) == 1 and inner[0][0] in (_c.IN, _c.LITERAL, _c.NOT_LITERAL, _c.ANY,
                                                   _c.CATEGORY) \
                    and 2 <= low <= high < _c.MAXREPEAT and high - low < MAX_TANDEM_PERIODS:
                return low, high
    except (TypeError, ValueError, AttributeError, IndexError):
        pass
    return None


def tandem_starts(text: str, low: int, high: int) -> list[int]:
    """Offsets i that may start a unit of p characters typed twice (``text[i:i+p] ==
    text[i+p:i+2p]``, p in low..high): every such offset, and a few others; unsorted, and
    an offset may repeat (:func:`tandem_runs`, one by one)."""
    return [i for start, stop in tandem_runs(text, low, high) for i in range(start, stop)]


#: the first byte that is not zero
_NONZERO = re.compile(rb"[^\0]")


def tandem_runs(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """The offsets of :func:`tandem_starts` as ranges ``(start, stop)``: unsorted, and
    ranges may overlap.

    Comparing the text with itself p characters further on is an XOR of two big integers,
    which runs at C speed: a unit typed twice is a run of p zero bytes in it. Each character
    is reduced to the low byte of its code point (equal characters stay equal; a few unequal
    ones become equal, which only adds offsets for the regex to reject). A long run of one
    character (the blanks of a Markdown blockquote's marks, an indent, a rule of ``—``) is
    one range: offset by offset, 4 MB of them took seconds."""
    data = text.encode("utf-32-le", "surrogatepass")[::4]
    size = len(data)
    whole = int.from_bytes(data, "little")
    found: list[tuple[int, int]] = []
    for period in range(low, high + 1):
        zeros = b"\0" * period
        limit = size - period  # character i is compared with character i + period
        diff = (whole ^ (whole >> (8 * period))).to_bytes(size, "little")
        i = diff.find(zeros, 0, limit)
        while i >= 0:
            nonzero = _NONZERO.search(diff, i + period, limit)
            run_end = nonzero.start() if nonzero else limit  # diff[i:run_end] is all zeros
            found.append((i, run_end - period + 1))
            i = diff.find(zeros, run_end + 1, limit)
    return found


# -- the analysis of a preset's patterns, remembered across runs --------------------------
# Parsing ~70 patterns and working out their requirements costs more than linting a small
# file, and gives the same answer every run: it is kept in the user cache (lint/yamlload.py),
# keyed by the source files of this analysis, so a changed gwlint never reads a stale one.
def _analysis_stamps() -> str:
    import sys

    from ..readers import text as text_reader

    # the standard parser's reading may change between versions
    return f"{sys.version}\0{file_stamps(__file__, text_reader.__file__)}"


#: only what a run asks for is kept (limit 0), so the file stays small
ANALYSES = CacheFile("prefilter-analyses", _analysis_stamps)
_ABSENT = object()


class Analysis(NamedTuple):
    """What the standard parser's reading of a pattern tells (see :func:`analysis`)."""

    groups: int
    groupindex: dict
    #: strings of which a whole text holding a match has one each (:func:`requirements`)
    requirements: tuple | None
    #: strings of which a match itself has one (:func:`required_chars`: for one line)
    local_required: frozenset | None
    #: no match can contain a line break (:func:`line_bounded`)
    line_bounded: bool
    #: (m, n) when every match holds a unit of m..n characters typed twice (:func:`tandem`)
    tandem: tuple[int, int] | None
    #: every match is empty (a look-ahead or look-behind alone): a pattern that reports
    #: nothing
    empty_only: bool = False


def analysis(source: str, ignorecase: bool = False, dotall: bool = False) -> Analysis | None:
    """The :class:`Analysis` of a pattern the standard parser reads (which also proves its
    syntax), or None when only the ``regex`` module can read it. ``ignorecase`` and
    ``dotall`` are flags given outside the pattern (options, ``/…/is``)."""
    key = (source, ignorecase, dotall)
    found = ANALYSES.get(key, _ABSENT)
    if found is _ABSENT:
        parsed = parse(source)
        found = None if parsed is None else Analysis(
            parsed.state.groups - 1, dict(parsed.state.groupdict),
            requirements(source, ignorecase, parsed),
            required_chars(source, ignorecase, parsed), line_bounded(parsed, dotall),
            None if ignorecase else tandem(parsed), parsed.getwidth()[1] == 0)
        ANALYSES.put(key, found)
    return found


class _CaseInsensitive(Exception):
    pass


#: the Unicode properties the standard parser is given as ranges
_PROPERTIES = {"\\p{Han}": HAN_CLASS, "\\p{Co}": PRIVATE_USE_CLASS}


def translate_properties(pattern: str) -> str | None:
    """``\\p{Han}`` and ``\\p{Co}`` -> character ranges the standard parser understands
    (inside or outside a class); any other ``\\p``/``\\P`` makes the pattern unreadable for
    it."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            two = pattern[i:i + 2]
            if two in ("\\p", "\\P"):
                for name, ranges in _PROPERTIES.items():
                    if pattern.startswith(name, i):
                        out.append(ranges if in_class else f"[{ranges}]")
                        i += len(name)
                        break
                else:
                    return None
                continue
            out.append(two)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


#: clauses kept per pattern (the rarest); each costs at most one pass of ``in`` per character
KEEP = 3
#: combinations of one clause per branch tried for an alternation
MAX_COMBINATIONS = 64


_CHAR_SCORE: dict[str, int] = {}


def _char_score(ch: str) -> int:
    score = _CHAR_SCORE.get(ch)
    if score is None:
        from ..readers.text import FREQUENT

        score = _CHAR_SCORE[ch] = 40 if ch in _COMMON else 10 if ch in FREQUENT else 1
    return score


def _score(strings) -> float:
    """How often a document contains one of ``strings``, roughly: the rarer, the better the
    prefilter (punctuation and the ~600 most frequent characters of official prose cost more;
    a string of several characters is rarer than its rarest character, and a word typed
    twice, 的的 or 进行进行, is rare whatever its characters)."""
    return sum((1 if _typed_twice(s) else min(map(_char_score, s))) / len(s) for s in strings)


def _typed_twice(string: str) -> bool:
    """``string`` is a unit of letters written twice (的的, 进行进行; not 。。 or blanks)."""
    half, odd = divmod(len(string), 2)
    return not odd and string[:half] == string[half:] and not any(
        ch in _COMMON or ch in Census.SKIP for ch in string)


#: a set scoring more than this (several common characters) is in nearly every document
USELESS = 100


def _best(clauses: list[set[str]]) -> list[set[str]]:
    """The ``KEEP`` rarest clauses, without duplicates or clauses implied by a kept one."""
    kept: list[set[str]] = []
    # a string containing another of its set is implied by it (如 covers 例如)
    clauses = [{s for s in c if not any(t != s and t in s for t in c)} for c in clauses]
    scored = sorted((_score(c), sorted(c), c) for c in clauses)
    for score, _, clause in scored:
        if score > USELESS and min(map(len, clause)) == 1:
            continue  # (strings of several characters are counted by the census: kept)
        # implied by a kept set when each of its strings contains one of this set's
        if not any(all(any(t in k_s for t in clause) for k_s in k) for k in kept):
            kept.append(clause)
            if len(kept) == KEEP:
                break
    return kept


#: the most strings a run of literals and small classes may stand for (``[，。][ \t]*[，。]``:
#: 2 × 3 + 2 × 2); a class joins a run when it has at most RUN_CLASS characters
MAX_RUN = 256
RUN_CLASS = 16


def _sequence(items, lookaround: bool) -> list[set[str]]:
    """The clauses of a sequence of items. Consecutive literals and small classes make a
    run, whose strings (one of them is in every match) are their product: ``第[一二]``
    needs 第一 or 第二. An optional item within a run ends some of its strings there, and
    a run starts again after it (``…[ \t]*略``: …略 or … and a blank; and 略); a repeated
    class ends a run with its first character and starts one with its last
    (``第[一二]{1,3}是``: 第一 or 第二; 一是 or 二是)."""
    clauses: list[set[str]] = []
    run: set[str] = {""}  # the strings the run so far may be
    ended: set[str] = set()  # strings of the run an optional item ended

    def close():
        nonlocal run, ended
        strings = run | ended
        if "" not in strings:
            clauses.append(strings)
        run, ended = {""}, set()

    items = [*items, (None, None)]  # (the last one closes the run)
    for (op, av), (next_op, next_av) in itertools.pairwise([*items, (None, None)]):
        if op is _c.SUBPATTERN and next_op is _c.GROUPREF and av[0] == next_av:
            # a group and its reference, ([的了])\1: one of 的的 了了 (a word typed twice)
            doubled = _strings(av[-1])
            if doubled is not None and len(doubled) <= MAX_SET:
                clauses.append({s + s for s in doubled})
        chars = _run_chars(op, av)
        if chars is not None:
            if len(run) * len(chars) > MAX_RUN:
                close()
            run = {r + ch for r in run for ch in chars}
            if ended:  # after an optional item: the run starts again here, too
                close()
                run = set(chars)
            continue
        repeated = _repeated_literal(op, av)
        if repeated is not None:  # x{3,}: "xxx" joins the run; more x may follow
            char, low, high = repeated
            run = {r + char * min(low, 8) for r in run}
            if high == low and low <= 8:
                continue
            close()
            run = {char * min(low, 8)}
            continue
        if op in _REPEATS:
            low, _high, item = av
            item = list(item)
            chars = _run_chars(*item[0]) if len(item) == 1 else None
            if chars is not None and run != {""} and len(run) * len(chars) <= MAX_RUN:
                taken = {r + ch for r in run for ch in chars}
                if low == 0:  # [ \t]*: the strings the run has, or ends with one of these
                    ended |= taken
                    continue
                run = taken  # [一二三]{1,3}: the first joins the run, the last starts one
                close()
                run = set(chars)
                continue
        close()
        if op is not None:
            clauses += _item(op, av, lookaround)
    return _best(clauses)


def _run_chars(op, av) -> set[str] | None:
    """The characters of a literal or of a small class (no private-use class: the census
    counts those as one), which may join a run; else None."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN and not _private_use_only(av):
        found = _item(op, av, lookaround=False)
        if found and len(found[0]) <= RUN_CLASS:
            return found[0]
    return None


def _strings(items) -> set[str] | None:
    """Every string ``items`` can match, when they are few (literals, small classes and
    alternations of them: ``进行|開展``, ``[的了]``), else None."""
    found = {""}
    for op, av in items:
        if op is _c.LITERAL:
            options = {chr(av)}
        elif op is _c.IN:
            options = _item(op, av, lookaround=False)
            if not options:
                return None
            options = options[0]
        elif op is _c.BRANCH:
            options = set()
            for branch in av[1]:
                strings = _strings(branch)
                if strings is None:
                    return None
                options |= strings
        elif op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
            options = _strings(av[-1])
            if options is None:
                return None
        else:
            return None
        found = {a + b for a in found for b in options}
        if len(found) > MAX_SET:
            return None
    return found


def _repeated_literal(op, av) -> tuple[str, int, int] | None:
    """``x{low,high}`` of one literal character with ``low`` >= 1: (x, low, high)."""
    if op in _REPEATS:
        low, high, item = av
        item = list(item)
        if low >= 1 and len(item) == 1 and item[0][0] is _c.LITERAL:
            return chr(item[0][1]), low, high
    return None


def _item(op, av, lookaround: bool) -> list[set[str]]:
    if op is _c.LITERAL:
        return [{chr(av)}]
    if op is _c.IN:
        if lookaround and _private_use_only(av):
            return [{PRIVATE_USE}]
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < MAX_SET:
                chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:  # NEGATE, CATEGORY, a large range
                return []
        return [chars] if len(chars) <= MAX_SET else []
    if op is _c.BRANCH:
        options = [_sequence(branch, lookaround) for branch in av[1]]
        if not all(options):
            return []  # a branch needs nothing: neither does the alternation
        combinations = 1
        for option in options:
            combinations *= len(option)
        if combinations > MAX_COMBINATIONS:
            options = [option[:1] for option in options]
        unions = [set().union(*choice) for choice in itertools.product(*options)]
        return [u for u in unions if len(u) <= MAX_SET]
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # a scoped (?i:...)
            raise _CaseInsensitive
        return _sequence(av[-1], lookaround)
    if op in _REPEATS:
        low, _high, item = av
        return _sequence(item, lookaround) if low >= 1 else []
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av, lookaround)
    if op is _c.ASSERT and lookaround:  # (?=...) (?<=...): its text is in the document
        return _sequence(av[1], lookaround)
    return []  # ANY, AT, negative assertions, categories, group references


def _private_use_only(av) -> bool:
    """Whether a class holds only private-use characters (\\p{Co} and parts of it)."""
    def inside(low: int, high: int) -> bool:
        return any(a <= low and high <= b for a, b in _PRIVATE_USE_RANGES)

    for op, value in av:
        if op is _c.LITERAL:
            if not inside(value, value):
                return False
        elif op is _c.RANGE:
            if not inside(*value):
                return False
        else:  # NEGATE, CATEGORY
            return False
    return bool(av)
