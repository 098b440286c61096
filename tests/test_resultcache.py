"""``--cache``: a second run takes unchanged files' findings from the cache file instead of
linting them, and reports exactly what a run without the cache reports; anything the
findings depend on (the file's bytes, the rules, the configuration) makes it lint again;
a cache it did not write is never trusted or overwritten."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from lint import cli, runner

from .conftest import SEEDS

A = ("关于XX的报告\n一、工作情况\n这是,测试。\n二、存在问题\n问题很多。\n三、下一步打算\n"
     "继续努力。\n")
B = "报告\n一、工作情况\n内容 , 内容。\n"
#: a warning only (missing-period), for --quiet
C = ("一、工作情况\n今年做了很多工作，取得了成效\n\n二、存在问题\n问题还有。\n\n"
     "三、下一步打算\n继续推进。\n")

EXPECTED = [
    "a.txt:1:3: 占位符“XX”未替换 [Error/placeholder]",
    "a.txt:3:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
    "b.txt:1:1: 缺少“存在问题”部分（工作报告和总结） [Error/required-sections]",
    "b.txt:1:1: 缺少“下一步打算”部分（工作报告和总结） [Error/required-sections]",
    "b.txt:3:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
    "c.txt:2:14: 段落以“，取得了成效”结尾，缺少句号 [Warning/missing-period]",
]


@pytest.fixture()
def drafts(tmp_path, monkeypatch):
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def linted(monkeypatch) -> list[str]:
    """The names of the files this process lints (a cached file is not among them)."""
    names: list[str] = []
    original = runner._lint_one

    def spy(path):
        names.append(str(path).rsplit("/", 1)[-1])
        return original(path)

    monkeypatch.setattr(runner, "_lint_one", spy)
    return names


def run(capsys, *argv) -> tuple[int, list[str], str]:
    """Status, the unix-format lines (paths relative to the current folder, the summary
    left out) and standard error."""
    import os

    status = cli.main(["-f", "unix", "--no-color", *argv])
    out, err = capsys.readouterr()
    prefix = os.getcwd() + os.sep
    lines = [line.replace(prefix, "") for line in out.splitlines() if ":" in line]
    return status, lines, err


def entries(folder, name=".gwlintcache") -> dict:
    """Path -> [digest, fixable, [notices, rows]] of a cache file."""
    header, *lines = (folder / name).read_text(encoding="ascii").split("\n")
    assert json.loads(header)["gwlint"] == "cache"
    out = {}
    for line in lines:
        path, digest, fixable, text = line.split("\t")
        out[json.loads(path)] = [digest, fixable, json.loads(text)]
    return out


def write_entries(folder, data: dict) -> None:
    cache = folder / ".gwlintcache"
    header = cache.read_text(encoding="ascii").split("\n")[0]
    cache.write_text("\n".join([header] + [
        f"{json.dumps(path)}\t{digest}\t{fixable}\t{json.dumps(text)}"
        for path, (digest, fixable, text) in data.items()]), encoding="ascii")


def test_a_second_run_takes_unchanged_files_from_the_cache(drafts, capsys, linted):
    assert run(capsys, ".") == (1, EXPECTED, "")  # without the cache
    assert not (drafts / ".gwlintcache").exists()
    linted.clear()
    assert run(capsys, "--cache", ".") == (1, EXPECTED, "")
    assert sorted(linted) == ["a.txt", "b.txt", "c.txt"]
    assert sorted(p.rsplit("/", 1)[-1] for p in entries(drafts)) == ["a.txt", "b.txt", "c.txt"]
    linted.clear()
    assert run(capsys, "--cache", ".") == (1, EXPECTED, "")
    assert linted == []  # nothing linted, the same report
    # the exit status comes from cached findings too: a warning alone is status 0
    assert run(capsys, "--cache", "c.txt") == (0, EXPECTED[-1:], "")
    assert run(capsys, "--cache", "--max-warnings", "0", "c.txt")[0] == 1
    assert linted == []


def test_an_edited_file_is_linted_again(drafts, capsys, linted):
    run(capsys, "--cache", ".")
    linted.clear()
    (drafts / "b.txt").write_text(B.replace("内容 , 内容。", "内容，内容。"), encoding="utf-8")
    status, lines, _ = run(capsys, "--cache", ".")
    assert linted == ["b.txt"]
    assert lines == [line for line in EXPECTED if not line.startswith("b.txt:3:3")]
    # same size, other bytes: the content decides, not the size or the time
    linted.clear()
    (drafts / "a.txt").write_text(A.replace("XX", "AB"), encoding="utf-8")
    status, lines, _ = run(capsys, "--cache", ".")
    assert linted == ["a.txt"]
    assert not any("placeholder" in line for line in lines)


def test_other_rules_or_configuration_lint_every_file_again(drafts, capsys, linted):
    run(capsys, "--cache", ".")
    linted.clear()
    # a configuration appears: placeholder off
    (drafts / "gwlint.yaml").write_text("extends: gongwen\nrules:\n  placeholder: off\n",
                                        encoding="utf-8")
    status, lines, _ = run(capsys, "--cache", ".")
    assert sorted(linted) == ["a.txt", "b.txt", "c.txt"]
    assert lines == EXPECTED[1:]
    linted.clear()
    assert run(capsys, "--cache", ".")[1] == EXPECTED[1:] and linted == []
    # the command line's rules count as configuration
    assert run(capsys, "--cache", "--rule", "placeholder", ".")[1] == EXPECTED
    assert len(linted) == 3


def test_an_edited_rule_pack_lints_every_file_again(drafts, capsys, linted):
    pack = drafts / "pack.yaml"
    rule = ("rules:\n  - id: my-word\n    kind: pattern\n    level: error\n"
            "    message: {message}\n    patterns: [\"努力\"]\n"
            "    why: 测试用规则。\n    examples: {{bad: [努力工作。]}}\n")
    pack.write_text(rule.format(message="不用“{0}”"), encoding="utf-8")
    status, lines, _ = run(capsys, "--cache", "--rules", "pack.yaml", ".")
    assert "a.txt:7:3: 不用“努力” [Error/my-word]" in lines
    linted.clear()
    pack.write_text(rule.format(message="换掉“{0}”"), encoding="utf-8")
    status, lines, _ = run(capsys, "--cache", "--rules", "pack.yaml", ".")
    assert "a.txt:7:3: 换掉“努力” [Error/my-word]" in lines
    assert not any("不用" in line for line in lines)
    assert len(linted) == 3


def test_quiet_does_not_change_what_is_kept(drafts, capsys):
    errors = [line for line in EXPECTED if "[Error/" in line]
    assert run(capsys, "--cache", "--quiet", ".")[1] == errors
    assert run(capsys, "--cache", ".")[1] == EXPECTED  # the warning was kept
    assert run(capsys, "--cache", "--quiet", ".")[1] == errors


def test_fix_lints_a_cached_file_that_has_something_to_fix(drafts, capsys, linted):
    run(capsys, "--cache", ".")
    linted.clear()
    status, lines, err = run(capsys, "--cache", "--fix", ".")
    # a.txt and b.txt have a half-width comma to fix; c.txt has nothing fixable
    assert sorted(linted) == ["a.txt", "b.txt"]
    assert "a.txt: fixed 1 problem" in err and "b.txt: fixed 1 problem" in err
    assert "这是，测试。" in (drafts / "a.txt").read_text(encoding="utf-8")
    assert lines == [line for line in EXPECTED if "halfwidth-punct" not in line]
    # fixed files were not kept (their bytes changed): the next run lints and keeps them
    assert sorted(p.rsplit("/", 1)[-1] for p in entries(drafts)) == ["c.txt"]
    linted.clear()
    assert run(capsys, "--cache", ".")[1] == lines and sorted(linted) == ["a.txt", "b.txt"]
    linted.clear()
    assert run(capsys, "--cache", "--fix", ".")[1] == lines and linted == []


def test_a_cache_file_gwlint_did_not_write_is_left_alone(drafts, capsys, linted):
    cache = drafts / ".gwlintcache"
    cache.write_text("my notes, not a cache\n", encoding="utf-8")
    status, lines, err = run(capsys, "--cache", ".")
    assert (status, lines) == (1, EXPECTED)
    assert err == (".gwlintcache is not a cache of gwlint's (left as it is); "
                   "linting without a cache\n").join(["gwlint: ", ""])
    assert cache.read_text(encoding="utf-8") == "my notes, not a cache\n"
    # the same for --cache-location naming a draft by mistake
    status, lines, err = run(capsys, "--cache", "--cache-location", "a.txt", ".")
    assert lines == EXPECTED and "a.txt is not a cache of gwlint's" in err
    assert (drafts / "a.txt").read_text(encoding="utf-8") == A


def test_a_cache_location_that_is_a_pipe_is_left_alone(drafts, capsys, linted):
    import os

    os.mkfifo(drafts / "pipe")  # opened for reading, it would wait for a writer
    status, lines, err = run(capsys, "--cache", "--cache-location", "pipe", ".")
    assert (status, lines) == (1, EXPECTED)
    assert err == ("gwlint: pipe is not a regular file (left as it is); "
                   "linting without a cache\n")
    assert (drafts / "pipe").is_fifo() and not (drafts / ".gwlintcache").exists()


def test_a_cache_location_that_is_a_device_is_left_alone(drafts, capsys, linted):
    import os
    import stat

    try:  # a null device of our own (never the system's /dev/null)
        os.mknod(drafts / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    status, lines, err = run(capsys, "--cache", "--cache-location", "null", ".")
    assert (status, lines) == (1, EXPECTED)
    assert err == ("gwlint: null is not a regular file (left as it is); "
                   "linting without a cache\n")
    assert (drafts / "null").is_char_device()


def test_an_entry_that_is_not_what_gwlint_writes_is_not_trusted(drafts, capsys, linted):
    run(capsys, "--cache", ".")
    data = entries(drafts)
    key_a, key_b, key_c = sorted(data)
    data[key_a][2][1][0][2] = 9          # a severity that does not exist
    data[key_b][2][1][0] = ["x", "y"]    # a row cut short
    data[key_c][2][0] = [1]              # a notice that is not text
    write_entries(drafts, data)
    linted.clear()
    assert run(capsys, "--cache", ".") == (1, EXPECTED, "")
    assert sorted(linted) == ["a.txt", "b.txt", "c.txt"]
    # a line that is not an entry at all is dropped, the others still used
    cache = drafts / ".gwlintcache"
    cache.write_text(cache.read_text(encoding="ascii") + "\nnot\tan entry", encoding="ascii")
    linted.clear()
    assert run(capsys, "--cache", ".") == (1, EXPECTED, "") and linted == []
    assert "not\tan entry" not in cache.read_text(encoding="ascii")


def test_what_a_run_could_not_settle_is_not_kept(drafts, capsys, monkeypatch):
    original = runner._lint_one

    def broken_rule(path):
        result, notes = original(path)
        if str(path).endswith("b.txt"):
            result.failures.append("rule 'x' failed: ValueError: boom")
        return result, notes

    monkeypatch.setattr(runner, "_lint_one", broken_rule)
    (drafts / "d.txt").write_bytes(b"\x00\x01binary\x00")
    status, _, err = run(capsys, "--cache", ".")
    assert status == 2 and "rule 'x' failed" in err
    assert sorted(p.rsplit("/", 1)[-1] for p in entries(drafts)) == ["a.txt", "c.txt"]


def test_files_no_longer_there_are_forgotten(drafts, capsys):
    run(capsys, "--cache", ".")
    (drafts / "b.txt").unlink()
    run(capsys, "--cache", "a.txt")  # a run over other files still forgets it
    assert sorted(p.rsplit("/", 1)[-1] for p in entries(drafts)) == ["a.txt", "c.txt"]


def test_formats_that_show_the_text_lint_every_file(drafts, capsys, linted):
    run(capsys, "--cache", ".")
    linted.clear()
    status = cli.main(["-f", "sarif", "--cache", "."])
    sarif = json.loads(capsys.readouterr().out)
    assert status == 1 and sorted(linted) == ["a.txt", "b.txt", "c.txt"]
    assert len(sarif["runs"][0]["results"]) == len(EXPECTED)


def test_cache_location(drafts, capsys, linted):
    (drafts / "caches").mkdir()
    run(capsys, "--cache", "--cache-location", "caches", ".")  # a folder holds .gwlintcache
    assert (drafts / "caches" / ".gwlintcache").is_file()
    run(capsys, "--cache", "--cache-location", "mine.json", ".")
    assert len(entries(drafts, "mine.json")) == 3
    linted.clear()
    assert run(capsys, "--cache", "--cache-location", "mine.json", ".")[1] == EXPECTED
    assert linted == [] and not (drafts / ".gwlintcache").exists()


def test_a_cache_that_cannot_be_read_or_written_costs_time_not_findings(drafts, capsys):
    status, lines, err = run(capsys, "--cache", "--cache-location", "a.txt/cache", ".")
    assert (status, lines) == (1, EXPECTED)
    assert err.startswith("gwlint: the cache a.txt/cache cannot be read: ")
    assert err.endswith("; linting without a cache\n")
    status, lines, err = run(capsys, "--cache", "--cache-location", "no/such/folder", ".")
    assert (status, lines) == (1, EXPECTED)
    assert err.startswith("gwlint: cannot write the cache no/such/folder: ")


def test_cache_location_goes_with_cache(drafts, capsys):
    status, lines, err = run(capsys, "--cache-location", "x", ".")
    assert (status, lines) == (2, [])
    assert err == "gwlint: --cache-location goes with --cache\n"


def test_parallel_run_mixes_cached_and_linted_files_in_order(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(runner, "BYTES_PER_PROCESS", 1)
    for copy in ("a", "b"):
        shutil.copytree(SEEDS, tmp_path / copy)
    monkeypatch.chdir(tmp_path)
    plain = run(capsys, "--jobs", "1", ".")
    assert run(capsys, "--jobs", "2", "--cache", ".") == plain
    for path in sorted(tmp_path.glob("a/*.txt"))[:3]:  # some changed, the rest cached
        path.write_text(path.read_text(encoding="utf-8") + "\n补充内容,待定\n",
                        encoding="utf-8")
    plain = run(capsys, "--jobs", "1", ".")
    assert run(capsys, "--jobs", "2", "--cache", ".") == plain
    assert run(capsys, "--jobs", "2", "--cache", ".") == plain


def test_the_command_reuses_its_cache_in_the_next_process(tmp_path):
    """Across processes, the first with the user cache cold (rule packs and dictionaries
    parsed afresh) and the next warm: the fingerprint is the same, so the second run
    lints nothing and does not even rewrite the cache; an edited dictionary counts."""
    import os
    import subprocess

    (tmp_path / ".textlintrc.json").write_text(
        '{"rules": {"prh": {"rulePaths": ["dict.yml"]}}}', encoding="utf-8")
    dictionary = "version: 1\nrules:\n  - expected: {0}\n    pattern: 布署\n"
    (tmp_path / "dict.yml").write_text(dictionary.format("部署"), encoding="utf-8")
    (tmp_path / "x.txt").write_text("布署工作。\n", encoding="utf-8")
    env = {**os.environ, "GWLINT_CACHE_DIR": str(tmp_path / "user-cache")}

    def gwlint():
        done = subprocess.run([sys.executable, "-m", "lint", "--cache", "-f", "unix", "x.txt"],
                              cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.stderr == ""
        return done.returncode, done.stdout.splitlines()[0].replace(str(tmp_path), "")

    assert gwlint() == (1, "/x.txt:1:1: 布署 => 部署 [Error/prh]")
    cache = tmp_path / ".gwlintcache"
    written = cache.stat().st_mtime_ns, cache.read_bytes()
    assert gwlint() == (1, "/x.txt:1:1: 布署 => 部署 [Error/prh]")
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == written
    (tmp_path / "dict.yml").write_text(dictionary.format("布置"), encoding="utf-8")
    assert gwlint() == (1, "/x.txt:1:1: 布署 => 布置 [Error/prh]")


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8: Linux")
def test_a_file_name_that_is_not_utf8_is_kept_too(drafts, capsysbinary, linted):
    import os

    os.rename(drafts / "a.txt", os.path.join(os.fsencode(drafts), b"\xff\xfe-a.txt"))

    def run_binary():  # the report names the file with its own bytes
        status = cli.main(["-f", "unix", "--cache", "."])
        return status, capsysbinary.readouterr().out

    status, first = run_binary()
    assert status == 1 and b"/\xff\xfe-a.txt:1:3: " in first
    linted.clear()
    assert run_binary() == (1, first)
    assert linted == []


GOOD_ROW = ["terms", "“布署”应为“部署”", 2, 0, 2, 1, 1, 1, 3, 0, 2, "部署"]


@pytest.mark.parametrize("row", [
    GOOD_ROW[:2] + [True] + GOOD_ROW[3:],            # a severity that is a bool
    GOOD_ROW[:2] + [4] + GOOD_ROW[3:],               # a severity textlint does not have
    GOOD_ROW[:3] + [-1] + GOOD_ROW[4:],              # a negative offset
    GOOD_ROW[:5] + ["1"] + GOOD_ROW[6:],             # a line that is text
    GOOD_ROW[:9] + [2, 0, "部署"],                   # a fix that ends before it starts
    GOOD_ROW[:9] + [0, 2, None],                     # a fix without text
    GOOD_ROW[:10],                                   # a fix cut short
    [1] + GOOD_ROW[1:],                              # a rule id that is not text
])
def test_rows_not_as_gwlint_writes_them_are_refused(row):
    from lint.engine import FileResult
    from lint.formats import messages
    from lint.resultcache import _rows

    assert _rows([GOOD_ROW]) == [tuple(GOOD_ROW)]
    assert messages(FileResult(path="a.txt", rows=_rows([GOOD_ROW]))) == [{
        "type": "lint", "ruleId": "terms", "message": "“布署”应为“部署”", "index": 0, "line": 1,
        "column": 1, "range": [0, 2],
        "loc": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 3}},
        "severity": 2, "fix": {"range": [0, 2], "text": "部署"}}]
    assert _rows([GOOD_ROW, row]) is None


def test_a_cache_named_like_a_draft_is_not_linted(drafts, capsys, linted):
    assert run(capsys, "--cache", "--cache-location", "cache.txt", ".")[1] == EXPECTED
    linted.clear()
    assert run(capsys, "--cache", "--cache-location", "cache.txt", ".") == (
        1, EXPECTED, "gwlint: cache.txt: the cache's own file (--cache-location), not linted\n")
    assert linted == []


def test_a_run_stopped_early_ends_its_workers(tmp_path, monkeypatch, forks):
    """Closing the results early (Ctrl-C, a format's error) ends the forked workers of the
    files the cache did not hold, at once, as a run without the cache does."""
    import argparse
    import os

    from lint.config import load
    from lint.engine import Linter
    from lint.resultcache import ResultCache

    monkeypatch.setattr(runner, "BYTES_PER_PROCESS", 1)
    for copy in ("a", "b"):
        shutil.copytree(SEEDS, tmp_path / copy)
    files = sorted(tmp_path.glob("*/*.txt"))
    args = argparse.Namespace(fix=False, dry_run=False, jobs=2)
    results = runner.iter_results(Linter(load(start=tmp_path)), files, args,
                                  keep_documents=False, cache=ResultCache("unused", "x"))
    first, _ = next(results)
    assert first.path == str(files[0]) and forks
    # a Ctrl-C where the run yields: its traceback keeps the run's frames alive, so the
    # workers end only because the run closes what it was reading, not when it is freed
    with pytest.raises(KeyboardInterrupt) as stopped:
        results.throw(KeyboardInterrupt)
    for pid in forks:  # waited for already: no such child
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    assert stopped.traceback


def test_a_word_file_from_the_cache_still_gets_its_fix_note(drafts, capsys, linted):
    """`--cache --fix` took a Word file from the cache and said nothing, where the same run
    without the cache says --fix does not rewrite it."""
    from tests.test_docx import make_docx

    make_docx(drafts / "d.docx")
    run(capsys, "--cache", "d.docx")
    linted.clear()
    status, lines, err = run(capsys, "--cache", "--fix", "d.docx")
    assert linted == []  # from the cache
    assert err == f"gwlint: {drafts / 'd.docx'}: --fix does not rewrite Word files; findings only\n"
    assert lines == run(capsys, "--fix", "d.docx")[1]


@pytest.mark.parametrize("entry", ["gwlint_pkg.plugin", "gwlint_pkg.plugin:Hooks"])
def test_a_change_anywhere_in_a_plugins_package_lints_every_file_again(tmp_path, monkeypatch,
                                                                       entry):
    """The fingerprint stamped only the module the entry point names: a plugin whose hooks
    point at a sibling module (``gwlint_pkg.kinds:Shout``, the lazy form the hooks invite)
    kept its old findings from the cache after that module was edited; so did one whose
    entry point names a class of hooks, whose package was not found at all."""
    from lint import plugins
    from lint.config import Config
    from lint.engine import Linter
    from lint.resultcache import fingerprint

    package = tmp_path / "gwlint_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "plugin.py").write_text(
        "from lint.hookspecs import hookimpl\n\n\n@hookimpl\ndef gwlint_rule_kinds():\n"
        "    return {'shout': 'gwlint_pkg.kinds:Shout'}\n\n\nclass Hooks:\n"
        "    gwlint_rule_kinds = staticmethod(gwlint_rule_kinds)\n", encoding="utf-8")
    kinds = package / "kinds.py"
    kinds.write_text("from lint.kinds import Kind\n\n\nclass Shout(Kind):\n"
                     "    def check(self, doc):\n        return iter(())\n", encoding="utf-8")
    info = tmp_path / "gwlint_pkg-0.1.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(f"[gwlint]\npkg = {entry}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()
    try:
        linter = Linter(Config())
        assert "shout" in plugins.rule_kinds()
        before = fingerprint(linter)
        assert fingerprint(linter) == before
        kinds.write_text(kinds.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        assert fingerprint(linter) != before
    finally:
        plugins.reset()
        for name in [n for n in sys.modules if n.startswith("gwlint_pkg")]:
            del sys.modules[name]
