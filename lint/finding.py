"""Findings: what a rule reports, and the levels it can report at.

Offsets are code-point offsets into ``Document.text`` (the decoded text, BOM removed).
Formatters convert them to lines, columns and UTF-16 offsets through the Document.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Level(Enum):
    """A rule's level. ``severity`` is textlint's number for it (1 warning, 2 error, 3 info)."""

    OFF = "off"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def rank(self) -> int:
        """Order of importance: off < info < warning < error."""
        return _RANK[self]

    @classmethod
    def parse(cls, value: object) -> Level:
        if value is False:
            return cls.OFF
        if value is True:
            return cls.ERROR
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            names = ", ".join(level.value for level in cls)
            raise ValueError(f"unknown level {value!r} (use one of: {names})") from None


_SEVERITY = {Level.OFF: 0, Level.WARNING: 1, Level.ERROR: 2, Level.INFO: 3}
_RANK = {Level.OFF: 0, Level.INFO: 1, Level.WARNING: 2, Level.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``text[start:end]`` with ``text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Finding:
    """One problem at ``[start, end)`` of a document.

    Kinds create findings with ``rule_id``, the span, the message and an optional fix;
    the engine fills in ``level`` from the configuration.
    """

    rule_id: str
    start: int
    end: int
    message: str
    fix: Fix | None = None
    level: Level = Level.ERROR

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def __reduce__(self):
        # one tuple per finding: worker processes send thousands back for formats that
        # keep documents (sarif, html; streamed results send messages: lint/runner.py)
        return Finding, (self.rule_id, self.start, self.end, self.message, self.fix, self.level)
