"""textlint's JSON: ``[{"messages": [...], "filePath": "..."}]`` exactly."""

from __future__ import annotations

import json

from . import messages


def format(results, options) -> str:  # noqa: A001 - the formatter protocol's name
    data = [{"messages": messages(r), "filePath": r.path} for r in results]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
