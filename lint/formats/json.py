"""textlint's JSON: ``[{"messages": [...], "filePath": "..."}]`` exactly, written file by
file as results arrive (so memory does not grow with the number of files).

Each message is written from its row (lint.formats.rows) through one template, as
``json.dumps(messages(result), ensure_ascii=False, separators=(",", ":"))`` writes it: the
same text at a third of the cost (making and dumping textlint's nested objects took 30 ms
of the bench corpus's 4,080 messages; tests/test_formats.py compares the two)."""

from __future__ import annotations

from json.encoder import encode_basestring as _string  # what json.dumps(ensure_ascii=False) uses

from . import json_safe, rows

_MESSAGE = ('{"type":"lint","ruleId":%s,"message":%s,"index":%d,"line":%d,"column":%d,'
            '"range":[%d,%d],"loc":{"start":{"line":%d,"column":%d},"end":{"line":%d,'
            '"column":%d}},"severity":%d%s}')
_FIX = ',"fix":{"range":[%d,%d],"text":%s}'


def message_json(row: tuple) -> str:
    """One message of textlint's JSON, from its row."""
    rule, text, severity, index, end, line, column, end_line, end_column = row[:9]
    fix = _FIX % (row[9], row[10], _string(row[11])) if len(row) > 9 else ""
    return _MESSAGE % (_string(rule), _string(text), index, line, column, index, end, line,
                       column, end_line, end_column, severity, fix)


def format(results, options):  # noqa: A001 - the formatter protocol's name
    yield "["
    for i, r in enumerate(results):
        text = (f'{{"messages":[{",".join(map(message_json, rows(r)))}],'
                f'"filePath":{_string(r.path)}}}')
        if not r.path.isascii():  # a file name that is not UTF-8 (lint.formats.json_safe)
            text = json_safe(text)
        yield ("," if i else "") + text
    yield "]\n"


format.streams = True  # type: ignore[attr-defined]
