"""An HTML report for reviewers: they want to look at a page, not read a log.

One self-contained file (inline CSS, no script, no fonts or images from the network) that
opens anywhere, can be mailed or attached to a ticket, and prints. It has:

- a summary: totals, then one row per rule (level, findings, files, the rule's first
  sentence) linking to the rule's full rationale;
- the list of files with their counts (clean files included, so the report shows what was
  checked);
- each document with findings, with every finding highlighted in place (colour by level;
  hover or keyboard focus shows the message and rule id; overlapping findings share one
  highlight that lists them all), the lines far from any finding folded away, and a table
  of the findings linking to their lines;
- each reported rule's why, with its examples.

Everything taken from documents, paths, messages and rules is escaped, and what HTML
cannot show (control characters, bytes of a file name that is not UTF-8) is written as
visible escapes (``\\x1b``, :func:`lint.formats.printable`).
"""

from __future__ import annotations

import html
from collections import Counter

from .. import __version__
from ..finding import Level
from . import READ_ERROR_ID, display_path, printable
from .sarif import unwrap

#: lines of context kept around each finding; longer runs of clean lines are folded
CONTEXT = 2
_LEVEL_NAME = {2: "错误", 1: "警告", 3: "提示"}
_SEVERITY = {Level.ERROR: 2, Level.WARNING: 1, Level.INFO: 3}
_RANK = {2: 3, 1: 2, 3: 1}  # error > warning > info, for a highlight covering several

_CSS = """
:root{--err:#c62828;--err-bg:#fde4e4;--warn:#a86400;--warn-bg:#fff1c9;--info:#1c5fa8;
--info-bg:#e2efff;--line:#e5e7eb;--muted:#6b7280;--ink:#1f2328}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei",system-ui,sans-serif;color:var(--ink);background:#f6f7f9}
header{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px}
main{padding:8px 32px 48px;max-width:1200px}
h2{font-size:18px;margin:28px 0 10px}
a{color:var(--info);text-decoration:none}a:hover{text-decoration:underline}
.totals{display:flex;gap:12px;flex-wrap:wrap;margin-top:10px}
.pill{border-radius:999px;padding:2px 12px;font-size:14px;background:#eef0f3}
.pill.sev2{background:var(--err-bg);color:var(--err)}.pill.sev1{background:var(--warn-bg);
color:var(--warn)}.pill.sev3{background:var(--info-bg);color:var(--info)}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f0f2f5;font-weight:600;font-size:14px;white-space:nowrap}
td.num,th.num{width:5.5em;text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code,.rule{white-space:nowrap;font-family:"SFMono-Regular",Consolas,"Liberation Mono",
monospace;font-size:13px}
.lvl{font-size:13px;white-space:nowrap;font-weight:600}
.lvl.sev2{color:var(--err)}.lvl.sev1{color:var(--warn)}.lvl.sev3{color:var(--info)}
.file{background:#fff;border:1px solid var(--line);border-radius:8px;margin:18px 0;
overflow:visible}
.file>h3{margin:0;padding:10px 14px;font-size:16px;border-bottom:1px solid var(--line);
background:#fafbfc;border-radius:8px 8px 0 0;word-break:break-all}
.file .note{color:var(--muted);font-size:13px;padding:4px 14px 0}
.error-box{margin:12px 14px;padding:10px 12px;border-left:4px solid var(--err);
background:var(--err-bg)}
.doc{padding:8px 0;font-size:15px}
.ln-row{display:flex}
.ln{flex:0 0 4.5em;text-align:right;padding-right:12px;color:var(--muted);user-select:none;
font-variant-numeric:tabular-nums}
.tx{flex:1;white-space:pre-wrap;word-break:break-all;padding-right:14px;min-height:1.6em}
.ln-row:target{background:#fffbe6}
.gap{color:var(--muted);font-size:13px;padding:2px 0 2px 5.5em;background:
repeating-linear-gradient(135deg,#fafafa 0 6px,#f2f3f5 6px 12px)}
mark.f{position:relative;border-radius:2px;cursor:help;color:inherit;padding:0 1px}
mark.f.sev2{background:var(--err-bg);box-shadow:inset 0 -2px var(--err)}
mark.f.sev1{background:var(--warn-bg);box-shadow:inset 0 -2px var(--warn)}
mark.f.sev3{background:none;border-bottom:2px dotted var(--info)}
mark.f.pt{display:inline-block;width:6px;height:1.1em;vertical-align:-2px;padding:0}
mark.f:hover::after,mark.f:focus::after,mark.f.show-tip::after{content:attr(data-tip);position:absolute;left:0;
top:calc(100% + 4px);z-index:10;background:#23272e;color:#fff;font-size:13px;line-height:1.5;
white-space:pre-wrap;width:max-content;max-width:32em;padding:6px 9px;border-radius:6px;
box-shadow:0 4px 14px rgba(0,0,0,.25);word-break:normal}
mark.f:focus{outline:2px solid #555}
.findings{margin:0 14px 14px;width:calc(100% - 28px)}
.rules-why section{background:#fff;border:1px solid var(--line);border-radius:8px;
padding:10px 16px;margin:12px 0}
.rules-why h3{margin:4px 0 6px;font-size:16px}
.rules-why p{margin:6px 0}
.ex{font-size:14px;margin:4px 0}.ex li{margin:2px 0}
.ex .bad::before{content:"✗ ";color:var(--err)}.ex .good::before{content:"✓ ";color:#2e7d32}
.ex ul{list-style:none;padding-left:8px;margin:4px 0}
.clean{color:#2e7d32}
footer{color:var(--muted);font-size:13px;padding:0 32px 32px}
@media print{mark.f::after{display:none}.file{break-inside:avoid-page}}
"""


def _e(value) -> str:
    """Text for HTML: a control character in a document (what ``mojibake`` reports), a
    message or a file name shown as ``\\x1b``, not passed raw (a parse error, and
    invisible), then markup escaped."""
    return html.escape(printable(str(value)), quote=True)


#: how much of the documents' sections is kept in memory before they go to a temporary file
SPOOL_CHARS = 2 * 2**20
#: the size of the chunks they are read back in from there (bytes)
CHUNK_CHARS = 2**20


def format(results, options):  # noqa: A001
    """The report, in chunks. The summary comes first and needs every file's counts, so the
    documents' sections, made as the results come, wait in a temporary file beyond the
    first few MB: a report on 3,200 files is ~70 MB of HTML, which took ~270 MB of memory
    as strings (bench/PROFILE.md, twentieth pass)."""
    sections = _Spool(SPOOL_CHARS)
    try:
        yield from _report(results, options, sections)
    finally:
        sections.close()


class _Spool:
    """Text kept in memory up to ``limit`` characters, then in a temporary file; in memory
    still where none can be made (a read-only temporary folder) or where writing to it fails
    (a full disk, a file size limit: what was written whole is read back)."""

    def __init__(self, limit: int):
        self.parts: list[str] = []
        self.size, self.limit, self.file = 0, limit, None
        self.committed = 0  # bytes in the file of the texts written whole

    def write(self, text: str) -> None:
        if self.file is not None:
            try:
                self._write(text)
                return
            except OSError:
                self._back_to_memory()
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.limit:
            import tempfile

            try:
                self.file = tempfile.TemporaryFile("w+b", buffering=0)
            except OSError:
                self.limit = float("inf")
                return
            parts, self.parts = self.parts, []
            for index, part in enumerate(parts):
                try:
                    self._write(part)
                except OSError:
                    self._back_to_memory()
                    self.parts += parts[index:]
                    return

    def _write(self, text: str) -> None:
        # (surrogatepass: whatever a str holds is written and read back as it was)
        data = text.encode("utf-8", "surrogatepass")
        view = memoryview(data)
        while view:
            view = view[self.file.write(view):]
        self.committed += len(data)

    def _back_to_memory(self) -> None:
        """The texts written whole so far, read back; what comes next stays in memory."""
        file, self.file = self.file, None
        self.limit = float("inf")
        try:
            file.seek(0)
            data = file.read(self.committed)
        finally:
            file.close()
        self.parts = [data.decode("utf-8", "surrogatepass")]

    def chunks(self, size: int):
        if self.file is None:
            yield from self.parts
            return
        import codecs

        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        self.file.seek(0)
        while block := self.file.read(size):
            yield decoder.decode(block)
        yield decoder.decode(b"", final=True)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def _report(results, options, sections):
    rules = options.rules or {}
    files = []
    per_rule: Counter = Counter()
    files_per_rule: dict[str, set] = {}
    levels_per_rule: dict[str, int] = {}
    totals: Counter = Counter()
    # The results are read once, as they come (format.streams): each file's section is made
    # then, and its Document can go.
    for number, r in enumerate(results, 1):
        findings = _findings(r)
        counts = Counter(item["severity"] for item in findings)
        section = _document(number, r, findings, options) if findings else None
        if section:
            sections.write(section + "\n")
        files.append((number, r.path, counts, bool(section)))
        for item in findings:
            per_rule[item["rule"]] += 1
            files_per_rule.setdefault(item["rule"], set()).add(number)
            levels_per_rule[item["rule"]] = max(levels_per_rule.get(item["rule"], 3),
                                                item["severity"], key=_RANK.get)
            totals[item["severity"]] += 1
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>gwlint 检查报告</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>gwlint 检查报告</h1>",
        f'<div>共检查 {len(files)} 个文件，'
        f'{sum(1 for *_, section in files if section)} 个文件有问题。</div><div class="totals">',
    ]
    for severity in (2, 1, 3):
        out.append(f'<span class="pill sev{severity}">{_LEVEL_NAME[severity]} '
                   f"{totals[severity]}</span>")
    out.append("</div></header><main>")

    out.append('<h2 id="summary">按规则汇总</h2>')
    if per_rule:
        out.append('<table><thead><tr><th>规则</th><th>级别</th><th class="num">问题</th>'
                   '<th class="num">文件</th><th>说明</th></tr></thead><tbody>')
        for rid, n in sorted(per_rule.items(), key=lambda kv: (-_RANK[levels_per_rule[kv[0]]],
                                                                -kv[1], kv[0])):
            severity = levels_per_rule[rid]
            out.append(
                f'<tr><td><a class="rule" href="#rule-{_e(rid)}">{_e(rid)}</a></td>'
                f'<td class="lvl sev{severity}">{_LEVEL_NAME[severity]}</td>'
                f'<td class="num">{n}</td><td class="num">{len(files_per_rule[rid])}</td>'
                f"<td>{_e(_first_sentence(rid, rules.get(rid)))}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<p class="clean">✓ 没有发现问题。</p>')

    out.append('<h2 id="files">文件</h2><table><thead><tr><th>文件</th><th class="num">错误</th>'
               '<th class="num">警告</th><th class="num">提示</th></tr></thead><tbody>')
    for number, path, counts, section in files:
        name = _e(display_path(path, options))
        link = f'<a href="#file-{number}">{name}</a>' if section else name
        if not section:
            out.append(f'<tr><td>{link}</td><td class="num clean" colspan="3">✓ 无问题</td></tr>')
            continue
        out.append(f"<tr><td>{link}</td>" + "".join(
            f'<td class="num lvl sev{s}">{counts[s] or ""}</td>' for s in (2, 1, 3)) + "</tr>")
    out.append("</tbody></table>")

    if any(section for *_, section in files):
        out.append('<h2 id="documents">文档</h2>')
    yield "\n".join(out) + "\n"
    yield from sections.chunks(CHUNK_CHARS)
    out = []

    if per_rule:
        out.append('<h2 id="rules">规则说明</h2><div class="rules-why">')
        for rid in sorted(per_rule):
            out.append(_rule_section(rid, rules.get(rid)))
        out.append("</div>")
    out.append(f"</main><footer>gwlint {_e(__version__)} · 行号、列号与 textlint 一致"
               "（列按 UTF-16 计）；Word 文档的行号即段落序号，段内换行另起一行。"
               "</footer></body></html>")
    yield "\n".join(out) + "\n"


def _findings(result) -> list[dict]:
    if result.error is not None:
        return [{"rule": READ_ERROR_ID, "severity": 2, "message": result.error, "start": 0,
                 "end": 0, "fix": None, "line": 1, "column": 1}]
    doc = result.doc
    items = []
    for f in result.findings:
        line, column = doc.position(f.start)
        items.append({"rule": f.rule_id, "severity": _SEVERITY.get(f.level, 2),
                      "message": f.message, "start": f.start, "end": f.end,
                      "fix": f.fix.text if f.fix is not None else None,
                      "line": line, "column": column})
    return items


def _first_sentence(rid: str, rule) -> str:
    if rid == READ_ERROR_ID:
        return "文件无法读取或解码，未检查。"
    if rule is None:
        return ""
    why = unwrap(rule.why or "")
    for mark in "。！？":
        at = why.find(mark)
        while at >= 0 and why[at + 1: at + 2] in ("”", "’", "）"):
            at = why.find(mark, at + 1)
        if at >= 0:
            return why[: at + 1]
    return rule.description or why


def _tip(items: list[dict]) -> str:
    return "\n".join(f"{_LEVEL_NAME[i['severity']]}：{i['message']}（{i['rule']}）"
                     + (f"\n  可修复为“{i['fix']}”" if i["fix"] else "") for i in items)


def _document(number: int, result, findings: list[dict], options) -> str:
    name = _e(display_path(result.path, options))
    out = [f'<section class="file" id="file-{number}"><h3>{name}</h3>']
    if result.error is not None:
        out.append(f'<div class="error-box">无法读取：{_e(result.error)}</div></section>')
        return "\n".join(out)
    doc = result.doc
    if doc.kind == "docx":
        out.append('<div class="note">Word 文档：行号即段落序号'
                   "（正文段落与表格单元格段落按顺序编号，空段落也计）；段内换行"
                   "（Shift+Enter，分页符、分栏符亦然）另起一行，其后的段落顺延编号。</div>")
    out.append(f'<div class="doc">{_lines(number, doc, findings)}</div>')
    out.append('<table class="findings"><thead><tr><th>位置</th><th>级别</th><th>问题</th>'
               "<th>规则</th></tr></thead><tbody>")
    for item in findings:
        fix = f"<br><small>可修复为“{_e(item['fix'])}”</small>" if item["fix"] else ""
        out.append(
            f'<tr><td class="num"><a href="#file-{number}-L{item["line"]}">'
            f'{item["line"]}:{item["column"]}</a></td>'
            f'<td class="lvl sev{item["severity"]}">{_LEVEL_NAME[item["severity"]]}</td>'
            f"<td>{_e(item['message'])}{fix}</td>"
            f'<td><a class="rule" href="#rule-{_e(item["rule"])}">{_e(item["rule"])}</a></td></tr>')
    out.append("</tbody></table></section>")
    return "\n".join(out)


def _lines(number: int, doc, findings: list[dict]) -> str:
    lines = doc.lines
    wanted: set[int] = set()
    for item in findings:
        first = doc.line_at(item["start"]).number
        last = doc.line_at(max(item["start"], item["end"] - 1)).number
        wanted.update(range(max(1, first - CONTEXT), min(len(lines), last + CONTEXT) + 1))
    out = []
    previous = 0
    for line in lines:
        if line.number not in wanted:
            continue
        if line.number > previous + 1:
            out.append(f'<div class="gap">⋯ 第 {previous + 1}–{line.number - 1} 行未显示 ⋯</div>')
        previous = line.number
        out.append(f'<div class="ln-row" id="file-{number}-L{line.number}">'
                   f'<span class="ln">{line.number}</span>'
                   f'<span class="tx">{_highlight(doc.text, line.start, line.end, findings)}'
                   "</span></div>")
    rest = [line.number for line in lines[previous:] if line.end > line.start]
    if rest:
        out.append(f'<div class="gap">⋯ 第 {previous + 1}–{rest[-1]} 行未显示 ⋯</div>')
    return "".join(out)


def _highlight(text: str, start: int, end: int, findings: list[dict]) -> str:
    """The line ``text[start:end]`` with findings marked; overlapping ones share a mark."""
    inside = [i for i in findings
              if i["start"] < end and i["end"] > start
              or (i["start"] == i["end"] and start <= i["start"] <= end)]
    if not inside:
        return _e(text[start:end])
    cuts = {start, end}
    for i in inside:
        cuts.update(p for p in (i["start"], i["end"]) if start < p < end)
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:] + [None], strict=True):
        points = [i for i in inside if i["start"] == i["end"] == a]
        if points:
            out.append(_mark(points, "", point=True))
        if b is None:
            break
        covering = [i for i in inside
                    if i["start"] <= a and b <= i["end"] and i["end"] > i["start"]]
        piece = text[a:b]
        out.append(_mark(covering, piece) if covering else _e(piece))
    return "".join(out)


def _mark(items: list[dict], piece: str, point: bool = False) -> str:
    items = sorted(items, key=lambda i: (-_RANK[i["severity"]], i["start"], i["rule"]))
    severity = max((i["severity"] for i in items), key=_RANK.get)
    tip = _e(_tip(items))
    kind = " pt" if point else ""
    return (f'<mark class="f sev{severity}{kind}" tabindex="0" title="{tip}" data-tip="{tip}">'
            f"{_e(piece)}</mark>")


def _rule_section(rid: str, rule) -> str:
    out = [f'<section id="rule-{_e(rid)}"><h3><code>{_e(rid)}</code>']
    if rule is not None:
        severity = _SEVERITY.get(rule.level)
        if severity:
            out.append(f' <span class="lvl sev{severity}">{_LEVEL_NAME[severity]}</span>')
    out.append("</h3>")
    if rid == READ_ERROR_ID:
        out.append("<p>文件无法读取或解码（编码不受支持、文件损坏或不是该格式），因此没有检查。</p>")
    elif rule is None:
        out.append("<p>（该规则没有说明。）</p>")
    else:
        if rule.description:
            out.append(f"<p>{_e(rule.description)}</p>")
        for paragraph in unwrap(rule.why or "").split("\n\n"):
            if paragraph:
                out.append(f"<p>{_e(paragraph)}</p>")
        examples = rule.examples or {}
        for key, title in (("bad", "不规范"), ("good", "规范")):
            if examples.get(key):
                out.append(f'<div class="ex"><b>{title}</b><ul>' + "".join(
                    f'<li class="{key}">{_e(e)}</li>' for e in examples[key]) + "</ul></div>")
    out.append("</section>")
    return "".join(out)



#: this format shows document text, so the runner keeps each Document; it reads the results
#: once, as they come, so that each Document can go once its section is made
format.needs_documents = True  # type: ignore[attr-defined]
format.streams = True  # type: ignore[attr-defined]
