"""Required characters of a regular expression: a cheap test that a pattern cannot match.

Most documents contain none of what most patterns look for (``##paid``, ``*``, half-width
``;``, ``□``). Scanning a document with a regex costs ~20 ms per 5 MB however simple the
pattern; asking whether the text contains one of a handful of characters costs a fraction of
that. So each pattern gets the smallest, rarest set of characters of which every match must
contain at least one, worked out from the parsed pattern; a document containing none of them
is not scanned at all. Patterns the standard parser cannot read (``\\p{...}`` other than Han)
simply get no prefilter.
"""

from __future__ import annotations

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

import re

#: what \p{Han} means, for the standard parser (it only needs to know it is a large class)
HAN_CLASS = r"\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
#: sets larger than this are useless as a prefilter
MAX_SET = 24
#: characters so common in Chinese prose that requiring them filters nothing
_COMMON = set("。，、；：“”（）《》 \t\n")


#: syntax the ``regex`` module reads differently from the standard parser (fuzzy matching
#: ``{e<=1}``, POSIX classes ``[[:alpha:]]``): no prefilter for such patterns
_NAMED = re.compile(r"\\[pPN]\{[^}]*\}")
_REGEX_ONLY = re.compile(r"\{[^\d,}]|\[:\w+:\]|\(\?[|V]|\\[LXmMGK]")


def parse(pattern: str):
    """The standard parser's tree of ``pattern`` (``\\p{Han}`` translated), or None when
    the pattern uses syntax only the ``regex`` module reads (or is invalid)."""
    if _REGEX_ONLY.search(_NAMED.sub("", pattern)):
        return None
    translated = translate_han(pattern)
    if translated is None:
        return None
    try:
        return _parser.parse(translated, 0)
    except (re.error, ValueError, OverflowError, RecursionError):
        return None


def required_chars(pattern: str, ignorecase: bool = False, parsed=None) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` contains at least one, or None.

    Case-insensitive patterns get none (Unicode case folding is the ``regex`` module's)."""
    if ignorecase:
        return None
    parsed = parse(pattern) if parsed is None else parsed
    if parsed is None or parsed.state.flags & re.IGNORECASE:
        return None
    try:
        found = _sequence(parsed)
    except _CaseInsensitive:
        return None
    return frozenset(found) if found else None


class _CaseInsensitive(Exception):
    pass


def translate_han(pattern: str) -> str | None:
    """``\\p{Han}`` -> a character range the standard parser understands (inside or outside a
    class); any other ``\\p``/``\\P`` makes the pattern unreadable for it."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            two = pattern[i:i + 2]
            if two in ("\\p", "\\P"):
                if pattern.startswith("\\p{Han}", i):
                    out.append(HAN_CLASS if in_class else f"[{HAN_CLASS}]")
                    i += len("\\p{Han}")
                    continue
                return None
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


def _score(chars: set[str]) -> int:
    """How often a document contains one of ``chars``, roughly: the rarer, the better the
    prefilter (punctuation and the ~600 most frequent characters of official prose cost more)."""
    from ..readers.text import FREQUENT

    return sum(40 if ch in _COMMON else 10 if ch in FREQUENT else 1 for ch in chars)


def _sequence(items) -> set[str] | None:
    best = None
    for op, av in items:
        found = _item(op, av)
        if found and (best is None or _score(found) < _score(best)):
            best = found
    return best


def _item(op, av) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < MAX_SET:
                chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:  # NEGATE, CATEGORY, a large range
                return None
        return chars if len(chars) <= MAX_SET else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch)
            if not found:
                return None
            union |= found
        return union if len(union) <= MAX_SET else None
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # a scoped (?i:...)
            raise _CaseInsensitive
        return _sequence(av[-1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, item = av
        return _sequence(item) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(av)
    return None  # ANY, AT, assertions, categories, group references


def may_match(required: frozenset[str] | None, text: str) -> bool:
    if required is None:
        return True
    return any(ch in text for ch in required)
