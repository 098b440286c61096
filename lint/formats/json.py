"""textlint's JSON: ``[{"messages": [...], "filePath": "..."}]`` exactly, written file by
file as results arrive (so memory does not grow with the number of files)."""

from __future__ import annotations

import json

from . import json_safe, messages


def format(results, options):  # noqa: A001 - the formatter protocol's name
    yield "["
    for i, r in enumerate(results):
        entry = {"messages": messages(r), "filePath": r.path}
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"),
                          check_circular=False)  # plain data: no cycle to look for
        if not r.path.isascii():  # a file name that is not UTF-8 (lint.formats.json_safe)
            text = json_safe(text)
        yield ("," if i else "") + text
    yield "]\n"


format.streams = True  # type: ignore[attr-defined]
