"""--format github: GitHub Actions workflow commands that become annotations on the lines of
a pull request; paths relative to the checkout, properties and data escaped as the runner
requires (``%``, CR, LF everywhere; ``:`` and ``,`` in properties too)."""

from __future__ import annotations

import subprocess
import sys

PACK = """\
rules:
  - id: percent-note
    kind: pattern
    level: info
    message: "完成率100%\\n请核实"
    patterns: ['核实']
    why: 测试用规则。
    examples:
      bad: [请核实。]
      good: [请确认。]
  - id: draft-mark
    kind: pattern
    level: warning
    message: 草稿标记
    patterns: ['草稿']
    why: 测试用规则。
    examples:
      bad: [草稿]
      good: [定稿]
"""


def run_github(tmp_path, *paths: str) -> subprocess.CompletedProcess:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "lint", "-f", "github", "--rules", "pack.yaml",
                           "--rule", "placeholder", *paths],
                          capture_output=True, text=True, cwd=tmp_path)


def annotations(stdout: str, keep=("placeholder", "percent-note", "draft-mark", "read-error")):
    return [line for line in stdout.splitlines()
            if line.startswith("::group::") or line == "::endgroup::"
            or any(f"title={rid}::" in line for rid in keep)]


def test_one_command_per_finding_grouped_by_file(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a,b:c.txt").write_text("草稿：上报信息*条，请核实。\n", encoding="utf-8")
    (tmp_path / "docs" / "bad.txt").write_bytes(b"\xff\xfe\xd8")
    run = run_github(tmp_path, "docs")
    assert run.returncode == 1, run.stderr
    assert annotations(run.stdout) == [
        "::group::docs/a,b:c.txt",
        "::warning file=docs/a%2Cb%3Ac.txt,line=1,endLine=1,col=1,endColumn=3,"
        "title=draft-mark::草稿标记",
        "::error file=docs/a%2Cb%3Ac.txt,line=1,endLine=1,col=8,endColumn=9,"
        "title=placeholder::占位符“*”未替换",
        "::notice file=docs/a%2Cb%3Ac.txt,line=1,endLine=1,col=12,endColumn=14,"
        "title=percent-note::完成率100%25%0A请核实",
        "::endgroup::",
        "::group::docs/bad.txt",
        "::error file=docs/bad.txt,line=1,endLine=1,col=1,endColumn=1,"
        "title=read-error::cannot decode as utf-16-le (byte 2)",
        "::endgroup::",
    ]


def test_clean_files_print_nothing(tmp_path):
    (tmp_path / "ok.txt").write_text("全年开展学习12次。\n", encoding="utf-8")
    run = run_github(tmp_path, "ok.txt")
    assert annotations(run.stdout) == []


def test_a_file_name_cannot_inject_a_command_through_the_group_title(tmp_path):
    """A line break in a file name was written raw in ``::group::``, so the rest of the name
    was a line of its own: ``::error file=x,line=1::INJECTED`` became an annotation gwlint
    never made. The title is a command's data, escaped as messages are."""
    name = "x\r\n::error file=x,line=1::INJECTED 100%.txt"
    (tmp_path / name).write_text("草稿\n", encoding="utf-8")
    run = run_github(tmp_path, name)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "::group::x%0D%0A::error file=x,line=1::INJECTED 100%25.txt",
        "::warning file=x%0D%0A%3A%3Aerror file=x%2Cline=1%3A%3AINJECTED 100%25.txt,"
        "line=1,endLine=1,col=1,endColumn=3,title=draft-mark::草稿标记",
        "::endgroup::",
    ]


def test_a_name_starting_with_two_dots_is_inside_the_working_folder(tmp_path):
    """``..draft.txt`` and ``..drafts/a.txt`` were taken for paths out of the folder (their
    relative path starts with ``..``) and written absolute, which GitHub cannot place on the
    checkout's files; a file that is outside stays absolute."""
    work = tmp_path / "work"
    (work / "..drafts").mkdir(parents=True)
    (work / "..draft.txt").write_text("草稿\n", encoding="utf-8")
    (work / "..drafts" / "a.txt").write_text("草稿\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("草稿\n", encoding="utf-8")
    (work / "pack.yaml").write_text(PACK, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "github", "--rules", "pack.yaml",
                          str(work / "..draft.txt"), "..drafts", "../b.txt"],
                         capture_output=True, text=True, cwd=work)
    assert [line for line in run.stdout.splitlines() if line.startswith("::group::")] == [
        "::group::..draft.txt", "::group::..drafts/a.txt", f"::group::{tmp_path / 'b.txt'}"]


def test_control_characters_in_a_file_name_are_shown_not_written_raw(tmp_path):
    """ESC (and the other controls the runner has no escape for) went raw into the workflow
    commands, where the log viewer acts on ANSI sequences: they are written ``\\x1b``, as
    the formats for the terminal write them. A tab means nothing to a workflow command."""
    name = "a\x1b[31mb\x01\tc.txt"
    (tmp_path / name).write_text("草稿\n", encoding="utf-8")
    run = run_github(tmp_path, name)
    assert run.stdout.splitlines() == [
        "::group::a\\x1b[31mb\\x01\tc.txt",
        "::warning file=a\\x1b[31mb\\x01\tc.txt,line=1,endLine=1,col=1,endColumn=3,"
        "title=draft-mark::草稿标记",
        "::endgroup::",
    ]
