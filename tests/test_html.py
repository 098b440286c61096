"""--format html: one self-contained page with findings highlighted in place, a summary by
rule and each rule's why; everything escaped; it renders in a real browser."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from html_screenshot import chromium, screenshot  # noqa: E402

PACK = """\
rules:
  - id: info-word
    kind: pattern
    level: info
    message: 信息一词<请核对>
    patterns: ['信息\\*条']
    why: 测试用规则<b>不是标签</b>。
    examples:
      bad: [信息*条]
      good: [信息12条]
"""
DRAFT = "关于<script>alert(1)</script>的报告\n\n一、主要工作\n上报信息*条,开展学习。\n"


class Page(HTMLParser):
    """Collects tags, marks (with their text) and external references."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[tuple[dict, str]] = []
        self.external: list[str] = []
        self._mark: dict | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#"):
                self.external.append(attrs[key])
        if tag == "mark":
            self._mark, self._text = attrs, ""

    def handle_data(self, data):
        if self._mark is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append((self._mark, self._text))
            self._mark = None


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("html")
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "草稿 & <测试>.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "clean.txt").write_text("全年开展学习12次。\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\xd8")
    out = folder / "report.html"
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "html", "-o", str(out),
                          "--rules", "pack.yaml", "草稿 & <测试>.txt", "clean.txt", "bad.txt"],
                         capture_output=True, text=True, cwd=folder)
    assert run.returncode == 1, run.stderr
    return out, out.read_text(encoding="utf-8")


def test_self_contained_and_escaped(report):
    _, page = report
    parsed = Page()
    parsed.feed(page)
    assert parsed.external == []
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "草稿 &amp; &lt;测试&gt;.txt" in page
    assert "测试用规则&lt;b&gt;不是标签&lt;/b&gt;。" in page
    assert "<b>不是标签" not in page


def test_findings_are_highlighted_in_place_with_tooltips(report):
    _, page = report
    parsed = Page()
    parsed.feed(page)
    marks = [(m["class"], text, m["data-tip"]) for m, text in parsed.marks
             if "placeholder" in m["data-tip"] or "info-word" in m["data-tip"]
             or "halfwidth" in m["data-tip"]]
    assert marks == [
        ("f sev3", "信息", "提示：信息一词<请核对>（info-word）"),
        # overlapping findings share one mark, which lists both
        ("f sev2", "*",
         "错误：占位符“*”未替换（placeholder）\n提示：信息一词<请核对>（info-word）"),
        ("f sev3", "条", "提示：信息一词<请核对>（info-word）"),
        ("f sev2", ",", "错误：中文语境中应使用全角逗号“，”（halfwidth-punct）\n  可修复为“，”"),
    ]
    row = re.search(r'<div class="ln-row" id="file-\d+-L4"><span class="ln">4</span>'
                    r'<span class="tx">(.*?)</span></div>', page, re.S)
    assert row and row.group(1).startswith("上报<mark ")


def test_summary_by_rule_files_and_why(report):
    _, page = report
    rows = (("placeholder", 2, "错误", 1, 1), ("read-error", 2, "错误", 1, 1),
            ("info-word", 3, "提示", 1, 1))
    for rid, severity, level, count, files in rows:
        assert (f'<tr><td><a class="rule" href="#rule-{rid}">{rid}</a></td>'
                f'<td class="lvl sev{severity}">{level}</td>'
                f'<td class="num">{count}</td><td class="num">{files}</td>') in page
    assert '<td class="num clean" colspan="3">✓ 无问题</td>' in page
    assert '<section id="rule-placeholder">' in page and "必须替换为实际内容后才能报送" in page
    assert '<li class="bad">一年来，累计向上级党委上报各类信息*条。</li>' in page
    assert "无法读取：cannot decode as utf-16-le (byte 2)" in page


def test_long_documents_fold_lines_far_from_findings(tmp_path):
    lines = [f"第{i}段，内容完整。" for i in range(1, 41)]
    lines[19] = "第20段，上报信息*条。"
    (tmp_path / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "html", "--rule", "placeholder",
                          "long.txt"], capture_output=True, text=True, cwd=tmp_path)
    shown = [int(n) for n in re.findall(r'<span class="ln">(\d+)</span>', run.stdout)]
    assert 18 in shown and 20 in shown and 22 in shown
    assert 10 not in shown and 30 not in shown
    assert "⋯ 第 23–40 行未显示 ⋯" in run.stdout


def test_sections_waiting_in_a_temporary_file_make_the_same_report(tmp_path, monkeypatch,
                                                                      capsys):
    """The documents' sections wait for the summary in a temporary file beyond SPOOL_CHARS
    (a report on thousands of files took hundreds of MB as strings); the report is the same
    whether they stayed in memory, went to the file, or stayed in memory because no
    temporary file could be made or it filled up. Text a str holds that UTF-8 cannot (a
    lone surrogate) comes back as it was."""
    import tempfile

    from lint.cli import main
    from lint.formats import html as html_format

    for i in range(12):
        (tmp_path / f"{i:02}.txt").write_text(f"第{i}段，上报信息*条,开展学习。\n" * 20,
                                              encoding="utf-8")
    spool = html_format._Spool(10)
    spool.write("甲\ud800乙" * 8)
    assert spool.file is not None and "".join(spool.chunks(3)) == "甲\ud800乙" * 8
    spool.close()

    def report() -> str:
        assert main(["-f", "html", "--jobs", "1", str(tmp_path)]) == 1
        return capsys.readouterr().out

    whole = report()
    assert whole.count('class="file"') == 12
    made = []
    real = tempfile.TemporaryFile
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: made.append(1) or real(*a, **k))
    monkeypatch.setattr(html_format, "SPOOL_CHARS", 5000)
    monkeypatch.setattr(html_format, "CHUNK_CHARS", 777)
    assert report() == whole and made == [1]

    def refused(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    assert report() == whole

    class Filling:
        """A temporary file that takes 1,000 bytes a write, and fails once it holds
        ``room`` (a full disk, ulimit -f: a review found the whole report lost)."""

        def __init__(self, room):
            self.file, self.room = real("w+b", buffering=0), room

        def write(self, data):
            if self.file.tell() >= self.room:
                raise OSError(27, "File too large")
            return self.file.write(data[:1000])

        def __getattr__(self, name):
            return getattr(self.file, name)

    for room in (0, 2500, 9000, 20000):
        monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, room=room, **k: Filling(room))
        assert report() == whole


@pytest.mark.skipif(chromium() is None, reason="chromium is not installed "
                    "(apt-get install chromium) to render the page")
def test_report_renders_in_headless_chromium(report, tmp_path):
    html_file, page = report
    png = tmp_path / "shot.png"
    run = screenshot(html_file, png, 1000, 1400)
    assert png.exists(), run.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1000, 1400)
    # the browser's DOM keeps every highlight and line: nothing mis-nested got re-parented
    dom = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-first-run", "--disable-background-networking",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                          html_file.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert dom.count('<mark class="f') == page.count('<mark class="f') > 0
    assert dom.count('class="ln-row"') == page.count('class="ln-row"') > 0
