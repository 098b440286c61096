"""Bad input never costs a traceback or text: broken rule files print file:line and exit 2;
unreadable files are reported while the others are still linted; a catastrophic user regex
is cut off by its time limit with a clear message."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from lint.cli import main
from tests.conftest import documented

GOOD_RULE = """\
rules:
  - id: mine
    kind: pattern
    message: 不要用“{match}”
    patterns: ['坚决']
    why: 本单位不用“坚决”。
    examples: {bad: [坚决落实。], good: [认真落实。]}
"""


@pytest.mark.parametrize("content,line,fragment", [
    ("rules:\n  - id: a\n    kind: pattern\n    patterns: ['(x'\n", 4,
     "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence"),
    # a ',' missing in a bracket: at the line PyYAML found instead of it, naming the bracket's
    # (it named only the bracket's line, as for one left open)
    ("rules:\n  - id: a\n    kind: pattern\n    patterns: [\n      '甲',\n      '乙'\n"
     "      '丙',\n    ]\n", 7,
     "YAML syntax error: did not find expected ',' or ']' (in the sequence opened at line 4)"),
    # ... and one left open where a block mapping goes on: at the bracket's line
    ("rules:\n  - id: a\n    kind: pattern\n    patterns: ['(x'\n    why: y\n", 4,
     "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that "
     "starts here)"),
    # typed on a Chinese keyboard: PyYAML names the line after, or a line past the end
    ("rules:\n  - id: a\n    kind: pattern\n    message：m\n    patterns: [x]\n", 4,
     "YAML syntax error: a full-width colon after 'message'; YAML needs ':'"),
    ("rules:\n  - id: a\n    kind: pattern\n　　message: m\n    patterns: [x]\n", 4,
     "YAML syntax error: full-width spaces (U+3000) in the indentation"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: \"m\n    patterns: [x]\n    why: y\n",
     4, "YAML syntax error: a quoted string starts here and is not closed"),
    ("rules:\n  - id: a\n    message: m\n", 2, "missing the required field 'kind'"),
    ("rules:\n  - kind: pattern\n", 2, "missing the required field 'id'"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: ['(x']\n", 5,
     "bad regular expression '(x'"),
    # ... in a list, at its item's line, not at the list's key
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n      - 甲局\n"
     "      - 区局(\n", 7, "bad regular expression '区局('"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: 丙\n        unless:\n          - 丁\n          - 戊(\n", 9,
     "bad regular expression '戊('"),
    ("rules:\n  - id: a\n    kind: sections\n    message: m\n    templates:\n"
     "      - name: t\n        title: 报告\n        groups:\n          - name: g\n"
     "            headings:\n              - 问题\n              - 下一步(\n", 12,
     "bad regular expression '下一步('"),
    ("rules:\n  - id: a\n    kind: sequence\n    message: m\n    markers:\n"
     "      - render: '{n}'\n        pattern: '(\\d)是'\n", 7, "needs a group (?P<n>...)"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    colour: red\n", 6, "unknown option 'colour'"),
    # a prh dictionary given as a rule pack
    ("version: 1\nrules:\n  - expected: 部署\n    pattern: 布署\n", 1,
     "unknown key 'version' in a rule pack; it reads as a prh dictionary, which a pack uses in "
     "a rule of its own, as README's Writing rules shows: - {id: office-terms, kind: terms, "
     "dictionary: pack.yaml, why: …, examples: {bad: […]}}"),
    # wrong types and names that loaded without a word
    ("rules:\n  - id: Bad Id!\n    kind: pattern\n    message: m\n    patterns: [x]\n", 2,
     "rule id 'Bad Id!' cannot be named in a disable comment"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: [x]\n    patterns: [x]\n", 4,
     "'message' must be text, not a list"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    examples:\n      bad: [x]\n      gut: [y]\n", 8,
     "'examples' has 'gut'; it takes 'bad' and 'good' lists"),
    # a rule's own field misspelt: the list named only the kind's options, not message
    ("rules:\n  - id: a\n    kind: pattern\n    mesage: m\n    patterns: [x]\n", 4,
     "unknown option 'mesage' for kind 'pattern' (did you mean 'message'? every rule has: "
     "covers, description, examples, fixable, id, kind, level, message, why; kind 'pattern' "
     "takes: engine, fix, fix_unless, gate, ignorecase, nodes, patterns, timeout, unless"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n", 2, "needs 'patterns'"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    level: loud\n", 6, "unknown level 'loud'"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    examples:\n      bad:\n        - 如下: 一\n", 8,
     "examples.bad must be a list of strings"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: '{nope}'\n    patterns: [x]\n", 4,
     "unknown placeholder {nope} in message (pattern 'x' fills: {match}, {0})"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: '{3}'\n    patterns: ['(x)y']\n", 4,
     "unknown placeholder {3} in message (pattern '(x)y' fills: {match}, {0}, {1})"),
    ("rules:\n  - id: a\n    kind: pattern\n    patterns:\n      - pattern: x\n"
     "        message: '应为{2}'\n", 6, "unknown placeholder {2} in message (pattern 'x' fills"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: '{match'\n    patterns: [x]\n", 4,
     "bad placeholder in message '{match': expected '}' before end of string (a brace that "
     "is text is written {{ or }})"),
    # a fix written as a message, or a message as a fix, wrote damaged text: {1} over the
    # amount, a NUL for \0; a message printed \1 as written
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: ['(\\d+)万块']\n"
     "    fix: '{1}万元'\n", 6, "rule 'a': bad fix template: {1} is a message's placeholder; a "
     "fix writes a group as \\1 or $1, the whole match as \\g<0> or $0"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: '(\\d+)万块'\n        fix: '{match}元'\n", 7,
     "rule 'a': bad fix template: {match} is a message's placeholder"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: ['(\\d+)万块']\n"
     "    fix: '\\0元'\n", 6, "rule 'a': bad fix template: \\0 is the character NUL, not the "
     "whole match; a fix writes the whole match as \\g<0> or $0, a group as \\1 or $1"),
    # ... and a mapping's fix that is no template, at the fix, not at the rule's id
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: '(\\d+)万块'\n        fix: 5\n", 7,
     "rule 'a': 'fix' must be a string template or null"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: '(\\d+)万块'\n        fix: '\\2万元'\n", 7,
     "rule 'a': bad fix template: no group '2' in the pattern"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: '应写作“\\1万元”'\n"
     "    patterns: ['(\\d+)万块']\n    fix: '\\1万元'\n", 4, "rule 'a': \\1 in message is a "
     "fix template's group reference, printed as written: write {1} (pattern '(\\\\d+)万块' "
     "fills: {match}, {0}, {1})"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: '\\g<n>万元'\n"
     "    patterns: ['(?P<n>\\d+)万块']\n", 4, "rule 'a': \\g<n> in message is a fix "
     "template's group reference, printed as written: write a placeholder in braces"),
    ("rules:\n  - id: a\n    kind: sequence\n    message: m\n    markers:\n"
     "      - pattern: '(?P<n>\\d)是'\n        render: '第{num}条'\n", 7,
     "unknown placeholder {num} in render template (a marker fills: {circled}, {cn}, {n})"),
    ("rules:\n  - id: a\n    kind: length\n    message: '太长：{lenght}字'\n", 4,
     "unknown placeholder {lenght} in message (kind 'length' fills: {length}, {max})"),
    # no time limit at all: 'nan <= 0' is false, and so is 'inf <= 0'
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    timeout: .nan\n"
     "    patterns: [x]\n", 5, "'timeout' must be a positive number of seconds, not nan"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    timeout: .inf\n"
     "    patterns: [x]\n", 5, "'timeout' must be a positive number of seconds, not inf"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    timeout: true\n"
     "    patterns: [x]\n", 5, "'timeout' must be a positive number of seconds, not True"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    ignorecase: 'yes please'\n", 6, "'ignorecase' must be true or false, not 'yes please'"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: x\n        whole_line: 3\n", 7, "'whole_line' must be true or false"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    nodes: placeholder\n", 6, "'nodes' must be a list of names of the parts a reader "
     "marks (placeholder)"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: '应为{1}'\n    patterns: ['(x)']\n"
     "    nodes: [placeholder]\n", 4, "unknown placeholder {1} in message (a part in 'nodes' "
     "fills: {match}, {0})"),
    ("rules:\n  - id: a\n    kind: pattern\n    patterns:\n      - pattern: x\n"
     "        message: m\n    nodes: [placeholder]\n", 7,
     "'nodes' needs the rule's own 'message'"),
    ("rules:\n  - id: a\n    kind: paragraph-end\n    roles: [bdy]\n", 4,
     "unknown structure role 'bdy' in 'roles'"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    unless_roles: [rostr]\n", 6, "unknown structure role 'rostr' in 'unless_roles'"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: x\n        unless_roles: [imprnt]\n", 7,
     "unknown structure role 'imprnt' in 'patterns'"),
    # misspelt, repeated and redefined: each was dropped without a word
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns:\n"
     "      - pattern: x\n        mesage: y\n", 7, "unknown key 'mesage' in a pattern mapping"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    patterns: [y]\n", 6, "duplicate key 'patterns' (first on line 5)"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "  - id: a\n    kind: pattern\n    message: n\n    patterns: [y]\n", 6,
     "rule 'a' is defined twice in this pack (first on line 2)"),
    ("rules:\n  - id: a\n    kind: terms\n    dictionary: missing.yml\n", 4,
     "rule 'a': dictionary 'missing.yml' not found ("),  # where the pack names it
    # a pattern whose every match is empty reported nothing, and said nothing (a review)
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: ['(?=检查)']\n", 5,
     "rule 'a': pattern '(?=检查)' can only match empty text (a look-ahead or look-behind "
     "alone), so it would never report anything"),
    # SPEC §5: every rule carries why and examples
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n"
     "    examples: {bad: [x]}\n", 2, "rule 'a' needs 'why': a sentence or two on why"),
    ("rules:\n  - id: a\n    kind: pattern\n    message: m\n    patterns: [x]\n    why: w\n"
     "    examples: {good: [y]}\n", 7, "rule 'a' needs 'examples' with at least one 'bad'"),
    # a built-in rule's id: the built-in rule vanished without a word (a review found it)
    ("rules:\n  - id: placeholder\n    kind: pattern\n    message: m\n    patterns: [x]\n",
     2, "rule 'placeholder' is already defined in gwlint's own rules (text.yaml:5); give this "
        "rule another id (an existing rule's level and options are set under rules: in "
        "gwlint.yaml)"),
])
def test_broken_rule_file(tmp_path, capsys, content, line, fragment):
    pack = tmp_path / "pack.yaml"
    pack.write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {pack}:{line}: "), err
    assert fragment in err
    assert "Traceback" not in err


def test_the_hint_for_a_prh_dictionary_given_as_a_pack_keeps_the_presets_terms(tmp_path,
                                                                              capsys):
    # the rule the hint shows is added to the preset's terms rule; a terms: {dictionary:}
    # under a configuration's rules: would have replaced the preset's dictionary
    (tmp_path / "office.prh.yml").write_text(
        "version: 1\nrules:\n  - expected: 网络舆情\n    pattern: 网络舆论\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("增强四种意识，加强网络舆论引导。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(tmp_path / "office.prh.yml")]) == 2
    rule = capsys.readouterr().err.rstrip().split("README's Writing rules shows: ")[1]
    rule = rule.replace("why: …", "why: 本单位规范用语。").replace("[…]", "[加强网络舆论引导。]")
    (tmp_path / "office.yaml").write_text(f"rules:\n  {rule}\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(tmp_path / "office.yaml"),
                 "-f", "unix"]) == 1
    assert [line.rsplit("/", 1)[1] for line in capsys.readouterr().out.splitlines()[:2]] == [
        "terms]", "office-terms]"]


def test_unreadable_files_are_reported_and_others_still_linted(tmp_path, capsys):
    (tmp_path / "a_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "b_garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 3)
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_draft.txt").write_text("上报信息*条。\n", encoding="utf-8")
    assert main([str(tmp_path), "-f", "json"]) == 1
    captured = capsys.readouterr()
    results = {r["filePath"].rsplit("/", 1)[1]: r["messages"] for r in json.loads(captured.out)}
    assert set(results) == {"b_garbage.txt", "c_empty.txt", "d_draft.txt"}
    assert results["b_garbage.txt"][0]["ruleId"] == "read-error"
    assert "cannot decode" in results["b_garbage.txt"][0]["message"]
    assert results["c_empty.txt"] == []
    assert [m["ruleId"] for m in results["d_draft.txt"]] == ["placeholder"]
    assert "a_binary.txt: binary file" in captured.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.usefixtures("deadline")
def test_a_folder_walk_skips_named_pipes_and_a_named_pipe_is_read(tmp_path, capsys):
    """Reading a FIFO waits for a writer: a walk that opened one never ended. Walks skip
    FIFOs (and sockets, devices); one named on the command line is read, as
    ``gwlint <(cmd)`` needs."""
    import threading

    os.mkfifo(tmp_path / "a_pipe.txt")
    (tmp_path / "b_draft.txt").write_text("上报信息*条。\n", encoding="utf-8")
    (tmp_path / "c_dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert main([str(tmp_path), "-f", "unix"]) == 1
    out = capsys.readouterr().out
    assert "a_pipe.txt" not in out
    assert "b_draft.txt:1:5:" in out and "[Error/placeholder]" in out
    assert "c_dangling.txt" not in out  # a dangling link, skipped as ripgrep skips it

    def write():
        with open(tmp_path / "a_pipe.txt", "w", encoding="utf-8") as pipe:
            pipe.write("上报信息*条。\n")

    writer = threading.Thread(target=write)
    writer.start()
    assert main([str(tmp_path / "a_pipe.txt"), "-f", "unix"]) == 1
    writer.join()
    assert "a_pipe.txt:1:5:" in capsys.readouterr().out

    # --fix has nowhere to write a pipe's text back: findings, and a note saying so
    writer = threading.Thread(target=write)
    writer.start()
    assert main([str(tmp_path / "a_pipe.txt"), "-f", "unix", "--fix"]) == 1
    writer.join()
    out, err = capsys.readouterr()
    assert "a_pipe.txt:1:5:" in out
    assert err == (f"gwlint: {tmp_path / 'a_pipe.txt'}: not fixed: not a regular file (a pipe); "
                   "findings only\n")


def test_a_device_or_socket_named_is_not_read(tmp_path, capsys):
    """``gwlint /dev/zero`` read until memory ran out: a character or block device or a
    socket named on the command line is now that path's read-error, and is not opened; the
    other files are linted, with ``--fix`` too. A pipe, ``gwlint <(cmd)``, is still read
    (/dev/fd/N; a named FIFO: the test above)."""
    import socket
    import stat

    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    named = ["/dev/null"]
    expected = ["/dev/null:1:1: cannot read file: not a regular file (a character device) "
                "[Error/read-error]"]
    try:
        os.mknod(tmp_path / "disk.txt", stat.S_IFBLK | 0o600, os.makedev(7, 0))
    except (OSError, AttributeError):  # not root, or a container without CAP_MKNOD
        pass
    else:
        named.append(str(tmp_path / "disk.txt"))
        expected.append(f"{tmp_path / 'disk.txt'}:1:1: cannot read file: not a regular file "
                        "(a block device) [Error/read-error]")
    server = socket.socket(socket.AF_UNIX) if hasattr(socket, "AF_UNIX") else None
    if server is not None:
        server.bind(str(tmp_path / "sock.txt"))
        named.append(str(tmp_path / "sock.txt"))
        expected.append(f"{tmp_path / 'sock.txt'}:1:1: cannot read file: not a regular file "
                        "(a socket) [Error/read-error]")
    (tmp_path / "draft.txt").write_text("上报信息*条。\n", encoding="utf-8")
    named.append(str(tmp_path / "draft.txt"))
    expected.append(f"{tmp_path / 'draft.txt'}:1:5: 占位符“*”未替换 [Error/placeholder]")
    try:
        for fix in ([], ["--fix"]):
            assert main([*named, "-f", "unix", *fix]) == 1
            captured = capsys.readouterr()
            assert captured.out.splitlines()[:len(expected)] == expected
            assert "Traceback" not in captured.err
    finally:
        if server is not None:
            server.close()
    if os.path.isdir("/dev/fd"):
        read_end, write_end = os.pipe()
        os.write(write_end, "上报信息*条。\n".encode())
        os.close(write_end)
        try:
            assert main([f"/dev/fd/{read_end}", "-f", "unix"]) == 1
        finally:
            os.close(read_end)
        assert capsys.readouterr().out.splitlines()[0] == (
            f"/dev/fd/{read_end}:1:5: 占位符“*”未替换 [Error/placeholder]")


@pytest.mark.skipif(not os.path.exists("/dev/zero") or not hasattr(os, "fork"),
                    reason="needs /dev/zero and resource limits (POSIX)")
def test_dev_zero_named_is_reported_without_reading_it(tmp_path):
    """The user's command, in a process of its own whose memory is capped at 2 GB: were
    /dev/zero read, it would end in a MemoryError, not fill the machine's memory."""
    import resource
    import subprocess
    from pathlib import Path

    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    (tmp_path / "ok.txt").write_text("测试,内容。\n", encoding="utf-8")
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "lint", "/dev/zero", "ok.txt", "-f", "unix"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                          preexec_fn=cap_memory)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[:2] == [
        "/dev/zero:1:1: cannot read file: not a regular file (a character device) "
        "[Error/read-error]",
        f"{tmp_path / 'ok.txt'}:1:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
    ]


def test_nonexistent_path_and_empty_folder_exit_2(tmp_path, capsys):
    assert main([str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err == f"gwlint: no such file or folder: {tmp_path / 'nope.txt'}\n"
    assert main([str(tmp_path)]) == 2
    assert "no file to lint" in capsys.readouterr().err


def test_a_missing_path_is_reported_and_the_rest_still_linted(tmp_path, capsys):
    """SPEC §8: one path that is not there no longer stops the run (ok.txt was never
    linted). It is one line on standard error; the exit status stays 2, a usage problem,
    also when the files that are there are clean."""
    (tmp_path / "draft.txt").write_text("上报信息*条。\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("测试，内容。\n", encoding="utf-8")
    nope, draft, clean = (str(tmp_path / n) for n in ("nope.txt", "draft.txt", "clean.txt"))
    assert main([nope, draft, "-f", "unix"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"gwlint: no such file or folder: {nope}\n"
    assert captured.out.splitlines()[0] == (
        f"{draft}:1:5: 占位符“*”未替换 [Error/placeholder]")
    assert main([clean, nope, str(tmp_path / "gone"), "-f", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"gwlint: no such file or folder: {nope}\n"
                            f"gwlint: no such file or folder: {tmp_path / 'gone'}\n")
    assert json.loads(captured.out) == [{"messages": [], "filePath": clean}]


def test_catastrophic_user_regex_is_cut_off(tmp_path, capsys):
    pack = tmp_path / "slow.yaml"
    pack.write_text(documented("rules:\n  - id: slow\n    kind: pattern\n    message: m\n"
                               "    timeout: 0.2\n    patterns: ['(?:a|aa)+$']\n"),
                    encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 60 + "b\n上报信息*条。\n", encoding="utf-8")
    code = main([str(tmp_path / "a.txt"), "--rules", str(pack), "-f", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert "rule 'slow' stopped after its time limit of 0.2 s" in captured.err
    # the other rules still ran
    assert [m["ruleId"] for m in json.loads(captured.out)[0]["messages"]] == ["placeholder"]


@pytest.mark.parametrize("entry, letters", [
    # scanned line by line, each line well within the limit (about 0.08 s), 30 in all
    ("    patterns: ['x']\n    unless: ['(?:a|aa)+$']\n", 26),
    # on each match, with no limit at all (about 0.5 s)
    ("    patterns:\n      - pattern: 'xa+b'\n        allows: ['(?:a|aa)+$']\n", 30),
])
def test_a_patterns_time_limit_is_per_document_not_per_line(tmp_path, capsys, entry, letters):
    """An ``unless`` pattern is scanned line by line and an ``allows`` pattern on each match;
    each scan had the whole limit, and an ``allows`` none at all: 30 lines where the
    ``unless`` took 0.15 s each ran 4.5 s under a 0.5 s limit, and one match of 36 letters
    held the ``allows`` 11 s (a few letters more, hours), status 1 and no word of it. The
    scans of one pattern over one document now share its limit."""
    pack = tmp_path / "slow.yaml"
    pack.write_text(documented("rules:\n  - id: slow\n    kind: pattern\n    message: m\n"
                               "    timeout: 0.2\n" + entry), encoding="utf-8")
    (tmp_path / "a.txt").write_text(("x" + "a" * letters + "b\n") * 30, encoding="utf-8")
    code = main([str(tmp_path / "a.txt"), "--rules", str(pack), "-f", "json"])
    assert code == 2
    assert "rule 'slow' stopped after its time limit of 0.2 s" in capsys.readouterr().err


def test_stdin_with_filename(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("上报信息*条。\n".encode())))
    assert main(["-", "--stdin-filename", "draft.txt", "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["filePath"] == "draft.txt"
    assert data[0]["messages"][0]["column"] == 5


def test_stdin_spelled_as_textlint_does(monkeypatch, capsys):
    # `textlint --stdin --stdin-filename NAME`: argparse took --stdin for an abbreviation
    # of --stdin-filename ("expected one argument", status 2)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("上报信息*条。\n".encode())))
    assert main(["--stdin", "--stdin-filename", "draft.txt", "-f", "unix"]) == 1
    assert capsys.readouterr() == (
        "draft.txt:1:5: 占位符“*”未替换 [Error/placeholder]\n\n1 problem\n", "")


def test_stdin_filename_without_standard_input(tmp_path, monkeypatch, capsys):
    # `cat draft.txt | gwlint --stdin-filename draft.txt` ignored the piped text and
    # linted the current folder instead (status 1 for other files' findings)
    (tmp_path / "other.txt").write_text("推进XX工作。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("正文。\n".encode())))
    assert main(["--stdin-filename", "draft.txt", "-f", "unix"]) == 2
    assert capsys.readouterr() == (
        "", "gwlint: --stdin-filename names standard input, which is read with '-': "
            "gwlint - --stdin-filename draft.txt\n")


def test_unknown_format_and_usage_errors(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "-f", "nope"]) == 2
    assert "unknown format 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-flag"])
    assert exit_info.value.code == 2
    assert main([str(tmp_path / "a.txt"), "--dry-run"]) == 2


@pytest.mark.parametrize(("jobs", "why"), [
    ("0", "at least 1 process, not 0"),
    ("-3", "at least 1 process, not -3"),
    ("two", "not a number of processes: 'two'"),
])
def test_jobs_must_be_a_number_of_processes(tmp_path, capsys, jobs, why):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--jobs", jobs, str(tmp_path / "a.txt")])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"gwlint: error: argument --jobs: {why}"
    assert main(["--jobs", "1", str(tmp_path / "a.txt")]) == 0


@pytest.mark.parametrize("pattern", ["旧版格式", "(旧版)格式", "(旧)(版)格式"])
def test_a_backslash_and_digit_that_names_no_group_is_text(tmp_path, capsys, pattern):
    """A path in a message (\\fileserver\2024) was refused as a fix's group reference in
    every kind; only one that names a group of the rule's pattern is (\1 above): \20 names
    none of these patterns' groups."""
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  - id: mine\n    kind: pattern\n"
                    "    message: 请改用共享盘 \\\\fileserver\\2024\\公文模板\n"
                    f"    patterns: ['{pattern}']\n    why: y\n"
                    "    examples: {bad: [旧版格式], good: [新版格式]}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("本文使用旧版格式。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack), "-f", "unix"]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith(
        ":1:5: 请改用共享盘 \\\\fileserver\\2024\\公文模板 [Error/mine]")


def test_user_rule_runs(tmp_path, capsys):
    pack = tmp_path / "pack.yaml"
    pack.write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("要坚决落实。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack), "-f", "unix"]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith(":1:2: 不要用“坚决” [Error/mine]")


def test_named_files_all_ignored_is_not_an_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "gwlint.yaml").write_text("ignore: ['old/**']\n", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.txt").write_text("上报信息*条。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["old/a.txt"]) == 0
    assert "all named files are ignored" in capsys.readouterr().err


def test_a_yaml_merge_key_may_be_overridden(tmp_path, capsys):
    """'<<' merges a mapping whose keys the rule then sets again: that is no duplicate."""
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  - &base {id: a, kind: pattern, message: m, level: error,"
                    " patterns: [甲], why: w, examples: {bad: [甲]}}\n"
                    "  - <<: *base\n    id: b\n    level: warning\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲方。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack), "-f", "unix"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'a.txt'}:1:1: m [Error/a]\n" in out
    assert f"{tmp_path / 'a.txt'}:1:1: m [Warning/b]\n" in out


def test_a_merged_mapping_that_merges_in_turn_may_be_overridden(tmp_path):
    """d merges c and sets x again; the top merges d. Valid YAML (PyYAML: x is 2), taken for
    a duplicate key because d was flattened before it was constructed (review)."""
    from lint.yamlload import load_yaml

    text = "c: &c {x: 1}\nd: &d\n  <<: *c\n  x: 2\n<<: *d\n"
    assert load_yaml(text, "y.yaml", cache=False) == {"x": 2, "c": {"x": 1}, "d": {"x": 2}}


def _nested_aliases(levels: int) -> str:
    """``&a0 [工信局, 工信局], &a1 [*a0, *a0], …``: each alias twice the one before."""
    return ", ".join(["&a0 [工信局, 工信局]", *(f"&a{i} [*a{i - 1}, *a{i - 1}]"
                                            for i in range(1, levels))])


def test_aliases_that_repeat_too_much_are_refused_at_their_line(tmp_path, capsys):
    """A "billion laughs": PyYAML shares each alias, but reading the rule (its description
    made a string, its unless list checked) walked them as a tree, 4.7 GB for 1.5 KB of
    aliases nested 27 deep. Aliases may repeat 100,000 values through the aliases inside
    what they repeat; here the definitions repeat 65,268 so and the two aliases under
    unless: 65,502 more."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(f"rules:\n  - id: a\n    kind: pattern\n    patterns: [工信局]\n"
                    f"    description: [{_nested_aliases(14)}]\n    unless: [*a13, *a13]\n"
                    "    message: m\n    why: w\n    examples: {bad: [工信局。]}\n",
                    encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack)]) == 2
    assert capsys.readouterr().err == (
        f"gwlint: {pack}:6: YAML aliases here repeat more than 100,000 values through the "
        "aliases inside what they repeat (aliases of lists of aliases, each repeating the one "
        'before: a "billion laughs"); write the values out\n')
    # 27 deep, as found: refused at once, where the definitions pass the limit
    pack.write_text(f"rules:\n  - id: a\n    unless: [{_nested_aliases(28)}]\n",
                    encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack)]) == 2
    assert capsys.readouterr().err.startswith(f"gwlint: {pack}:3: YAML aliases here repeat")


def test_a_long_list_reused_by_aliases_is_no_billion_laughs(tmp_path, capsys):
    """A 20,000-word unless: list anchored once and reused in six rules repeats 100,000
    values, but nothing in it multiplies: it was refused as a "billion laughs"."""
    words = "".join(f"      - '词{i}'\n" for i in range(20_000))
    rule = ("  - id: r{0}\n    kind: pattern\n    message: m\n    patterns: ['禁用词{0}']\n"
            "    unless: {1}\n    why: w\n    examples: {{bad: ['禁用词{0}']}}\n")
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n" + rule.format(0, "&common\n" + words.rstrip("\n"))
                    + "".join(rule.format(i, "*common") for i in range(1, 7)), encoding="utf-8")
    (tmp_path / "a.txt").write_text("禁用词3出现了。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack), "-f", "unix"]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith(":1:1: m [Error/r3]")


def test_two_packs_of_the_users_with_one_id(tmp_path, capsys):
    rule = ("rules:\n  - id: office\n    kind: pattern\n    message: m\n    patterns: [{}]\n"
            "    why: w\n    examples: {{bad: [x]}}\n")
    (tmp_path / "a.yaml").write_text(rule.format("x"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("\n" + rule.format("y"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(tmp_path / "a.yaml"),
                 "--rules", str(tmp_path / "b.yaml")]) == 2
    assert capsys.readouterr().err == (
        f"gwlint: {tmp_path / 'b.yaml'}:3: rule 'office' is already defined in "
        f"{tmp_path / 'a.yaml'}:2; give this rule another id (an existing rule's level and "
        "options are set under rules: in gwlint.yaml)\n")
    # the same pack named twice is one set of rules
    assert main([str(tmp_path / "a.txt"), "--rules", str(tmp_path / "a.yaml"),
                 "--rules", str(tmp_path / "a.yaml")]) == 0


def test_one_pack_named_by_two_paths_is_one_set_of_rules(tmp_path, capsys):
    """A base configuration in a sub-folder and the one that extends it name the same pack
    (../shared/p.yaml and ./shared/p.yaml): the id check took it for two packs."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "shared" / "p.yaml").write_text(
        "rules:\n  - id: mine\n    kind: pattern\n    message: m\n    patterns: [甲]\n"
        "    why: w\n    examples: {bad: [甲]}\n", encoding="utf-8")
    (tmp_path / "sub" / "base.yaml").write_text("packs: [../shared/p.yaml]\n", encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text(
        "extends: ./sub/base.yaml\npacks: [./shared/p.yaml, shared/../shared/p.yaml]\n",
        encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲方。\n", encoding="utf-8")
    assert main(["-c", str(tmp_path / "gwlint.yaml"), str(tmp_path / "a.txt"), "-f",
                 "unix"]) == 1
    assert capsys.readouterr().out == (
        f"{tmp_path / 'a.txt'}:1:1: m [Error/mine]\n\n1 problem\n")
