"""SARIF 2.1.0, the format code-scanning services read (GitHub code scanning, Azure DevOps,
IDE viewers): findings show up as annotations on the lines of a pull request, and each rule's
``why`` as its help text.

One run; the driver lists one rule entry per configured rule id and ``read-error`` (a file
that could not be read), so a viewer can explain a rule even for a file where it found
nothing. The log is written as files are linted (the run's results before its tool), so
its memory does not grow with the number of files. Regions use SARIF's default column
kind, UTF-16 code units, the same columns as textlint's JSON. Paths under the working
folder are relative to ``%SRCROOT%`` (what code scanning expects); others are absolute
``file:`` URIs. Fixes become SARIF ``fixes``.

The run's ``invocations`` say whether it linted all it was asked to (``executionSuccessful``
is false when the exit status is 2: a rule broke or hit its time limit, a named path is not
there) and carry gwlint's notes on standard error as ``toolExecutionNotifications``, so that
a consumer does not take an incomplete run for a clean one (SARIF 2.1.0, appendix I).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import regex

from .. import __version__, regexcache
from ..finding import Level
from . import READ_ERROR_ID, json_safe, outside

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.OFF: "none"}
_FIRST_SENTENCE = regexcache.compile(r"[^\n]*?[。！？](?![”’）])")
_READ_ERROR_HELP = "文件无法读取或解码（编码不受支持、文件损坏），因此没有检查。"


def format(results, options):  # noqa: A001
    """The log, written as the results come: the run's ``results`` first, one entry at a
    time, then its ``tool`` (whose rule list can hold a rule id first seen in a result);
    nothing is kept of a file once its entries are written, so memory stays flat however
    many files and findings a run has."""
    rules = dict(options.rules or {})
    # read-error right after the configured rules, whether or not a file needs it: an entry
    # written before the run ends has its ruleIndex
    ids = [*rules, READ_ERROR_ID]
    index = {rid: i for i, rid in enumerate(ids)}
    root = options.cwd or os.getcwd()
    head = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(root).resolve().as_uri() + "/"}},
        "columnKind": "utf16CodeUnits",
        "results": [],
    }]}
    text = _dump(head)
    yield text[:text.rindex("[]") + 1]  # up to the results' opening bracket
    first = True
    for r in results:
        for entry in _entries(r, index, ids, root):
            yield ("\n" if first else ",\n") + " " * 8 + _indented(_dump(entry), 8)
            first = False
    tool = {"driver": {
        "name": "gwlint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(rid, rules.get(rid)) for rid in ids],
    }}
    yield ("\n      ]" if not first else "]") + ',\n      "tool": ' + _indented(_dump(tool), 6)
    invocation = getattr(options, "invocation", None)  # complete now: the results are read
    if invocation is not None:
        yield ',\n      "invocations": ' + _indented(_dump([_invocation(invocation, root)]), 6)
    yield "\n    }\n  ]\n}\n"


def _dump(value) -> str:
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def _indented(text: str, spaces: int) -> str:
    """A JSON value dumped at the top level, indented to stand ``spaces`` deep (its first
    line is placed by the caller)."""
    return text.replace("\n", "\n" + " " * spaces)


def _entries(r, index: dict, ids: list, root: str):
    """The SARIF results of one file."""
    location = _artifact(r.path, root)
    if r.error is not None:
        # a result, not only a notification: code scanning shows results as alerts on the
        # pull request and in its check, where the other formats' read-error is seen too
        # (and it fails the run, status 1), while notifications show only on the tool's
        # status page; a file with no result at all would have its open alerts closed as
        # fixed
        yield {
            "ruleId": READ_ERROR_ID, "ruleIndex": index[READ_ERROR_ID], "level": "error",
            "message": {"text": r.error},
            # at 1:1, as the other formats put it: code scanning places an alert by its
            # region, and one without may be dropped
            "locations": [{"physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": 1, "startColumn": 1}}}],
        }
        return
    doc = r.doc
    for f in r.findings:
        if f.rule_id not in index:  # a rule the configuration does not list (a plugin's)
            index[f.rule_id] = len(ids)
            ids.append(f.rule_id)
        entry = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": _LEVEL[f.level],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": location,
                "region": _region(doc, f.start, f.end, snippet=True),
            }}],
        }
        if f.fix is not None:
            entry["fixes"] = [{
                "description": {"text": f"替换为“{f.fix.text}”" if f.fix.text else "删除"},
                "artifactChanges": [{
                    "artifactLocation": location,
                    "replacements": [{
                        "deletedRegion": _region(doc, f.fix.start, f.fix.end),
                        "insertedContent": {"text": f.fix.text},
                    }],
                }],
            }]
        yield entry


def _invocation(invocation, root: str) -> dict:
    entry = {"executionSuccessful": invocation.successful, "exitCode": invocation.exit_status}
    if invocation.notifications:
        entry["toolExecutionNotifications"] = [_notification(n, root)
                                               for n in invocation.notifications]
    return entry


def _notification(note, root: str) -> dict:
    entry = {"level": note.level, "message": {"text": note.text}}
    if note.path is not None:
        location = {"artifactLocation": _artifact(note.path, root)}
        if note.line is not None:
            location["region"] = {"startLine": note.line}
        entry["locations"] = [{"physicalLocation": location}]
    return entry


def _rule(rid: str, rule) -> dict:
    if rule is None:
        why = _READ_ERROR_HELP if rid == READ_ERROR_ID else ""
        entry = {"id": rid, "shortDescription": {"text": why or rid}}
        if why:
            entry["help"] = {"text": why}
        return entry
    why = unwrap(rule.why or "")
    first = _FIRST_SENTENCE.match(why)
    first = first.group(0) if first else why
    entry = {
        "id": rid,
        "shortDescription": {"text": rule.description or first or rid},
        "fullDescription": {"text": why or rule.description or rid},
        "defaultConfiguration": {"level": _LEVEL.get(rule.level, "warning")},
        "properties": {"kind": rule.kind},
    }
    if why:
        entry["help"] = {"text": why, "markdown": _help_markdown(why, rule.examples)}
    return entry


def unwrap(text: str) -> str:
    """A rationale hard-wrapped in YAML, as flowing text: Chinese lines join without a
    space, Latin words with one; blank lines stay paragraph breaks."""
    paragraphs = []
    for block in regex.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        joined = lines[0] if lines else ""
        for line in lines[1:]:
            gap = " " if joined[-1:].isascii() and line[:1].isascii() else ""
            joined += gap + line
        paragraphs.append(joined)
    return "\n\n".join(p for p in paragraphs if p)


def _help_markdown(why: str, examples: dict) -> str:
    parts = [why]
    for key, title in (("bad", "不规范"), ("good", "规范")):
        if examples.get(key):
            parts.append(f"**{title}**\n\n" + "\n".join(f"- {_md_code(e)}" for e in examples[key]))
    return "\n\n".join(parts)


def _md_code(text: str) -> str:
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _region(doc, start: int, end: int, snippet: bool = False) -> dict:
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    region = {"startLine": line, "startColumn": column, "endLine": end_line,
              "endColumn": end_column}
    if snippet and end > start:
        region["snippet"] = {"text": doc.text[start:end]}
    return region


def _artifact(path: str, root: str) -> dict:
    if not os.path.isabs(path):  # stdin's name, or a path relative to the working folder
        return {"uri": _quote(path), "uriBaseId": "%SRCROOT%"}
    rel = os.path.relpath(path, root)
    if not outside(rel):
        return {"uri": _quote(rel), "uriBaseId": "%SRCROOT%"}
    return {"uri": Path(path).as_uri()}


def _quote(path: str) -> str:
    """A relative URI reference: the name's bytes, percent-encoded (so a file name that is
    not UTF-8 keeps its exact bytes, as ``Path.as_uri`` does for absolute ones)."""
    return quote(os.fsencode(Path(path).as_posix()))


#: this format shows document text, so the runner keeps each Document; it reads the results
#: once, as they come, so that each Document can go once its entries are written
format.needs_documents = True  # type: ignore[attr-defined]
format.streams = True  # type: ignore[attr-defined]
