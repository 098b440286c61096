"""Third-party plugins: a package that declares a ``gwlint`` entry point adds a rule kind
(and could add readers, formats and packs) without touching gwlint."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import textwrap

import pytest

from lint import plugins

PLUGIN = '''
"""A tiny gwlint plugin: a kind that reports lines longer than a limit."""
from lint.hookspecs import hookimpl
from lint.kinds import Kind


class LongLineKind(Kind):
    options = {"max": 10}

    def check(self, doc):
        for line in doc.lines:
            if line.end - line.start > self.opts["max"]:
                yield self.finding(line.start, line.end, f"行长超过{self.opts['max']}字")


@hookimpl
def gwlint_rule_kinds():
    return {"long-line": LongLineKind}


@hookimpl
def gwlint_rule_packs():
    import pathlib
    return {"office": pathlib.Path(__file__).with_name("office.yaml")}
'''

PACK = '''
rules:
  - id: office-long-line
    kind: long-line
    level: warning
    max: 8
    why: 本单位要求每段不超过8字。
    examples: {bad: [一二三四五六七八九], good: [一二三]}
'''


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A plugin 'installed' the way pip would leave it: a module plus a .dist-info folder
    whose entry_points.txt names it in the gwlint group."""
    (tmp_path / "gwlint_office.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "office.yaml").write_text(PACK, encoding="utf-8")
    info = tmp_path / "gwlint_office-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gwlint-office\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[gwlint]\noffice = gwlint_office\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "gwlint_office", raising=False)  # an earlier test's
    plugins.reset()
    yield tmp_path
    plugins.reset()


def test_two_packages_declaring_one_plugin_name_is_an_error(installed_plugin, capsys):
    """A second package whose entry point took a name already taken (two offices copying
    the README's example) was left out without a word: its format was then "unknown". It
    is one line and status 2 now; the same package found twice on sys.path is one."""
    from lint.cli import main

    other = installed_plugin / "other"
    (other / "gwlint_other-0.2.dist-info").mkdir(parents=True)
    (other / "gwlint_other-0.2.dist-info" / "entry_points.txt").write_text(
        "[gwlint]\noffice = gwlint_other\n")
    (other / "gwlint_office-0.1.dist-info").mkdir()
    (other / "gwlint_office-0.1.dist-info" / "entry_points.txt").write_text(
        "[gwlint]\noffice = gwlint_office\n")
    sys.path.append(str(other))
    try:
        plugins.reset()
        assert main(["--list-rules"]) == 2
        assert capsys.readouterr().err == (
            "gwlint: plugin 'office' is declared by two installed packages, "
            "gwlint_office-0.1.dist-info and gwlint_other-0.2.dist-info; one of them must name "
            "its entry point in [project.entry-points.gwlint] otherwise\n")
        (other / "gwlint_other-0.2.dist-info" / "entry_points.txt").unlink()
        plugins.reset()
        assert main(["--list-rules"]) == 0
        capsys.readouterr()
    finally:
        sys.path.remove(str(other))


def test_entry_point_plugin_adds_kind_and_pack(installed_plugin):
    from lint.config import Config
    from lint.engine import Linter

    assert "long-line" in plugins.rule_kinds()
    assert "office" in plugins.rule_packs()
    config = Config()
    from lint.config import _extend

    _extend(config, "office", "(test)", 1)
    linter = Linter(config)
    findings = linter.lint_text("一二三\n一二三四五六七八九十\n")
    assert [(f.rule_id, f.start, f.end, f.message) for f in findings] == [
        ("office-long-line", 4, 14, "行长超过8字")]


def test_plugin_through_the_command_line(installed_plugin, tmp_path):
    (tmp_path / "gwlint.yaml").write_text("extends: [gongwen, office]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("一二三四五六七八九十。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(installed_plugin)}
    out = subprocess.run([sys.executable, "-m", "lint", "a.txt", "-f", "json"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=60)
    messages = json.loads(out.stdout)[0]["messages"]
    assert [(m["ruleId"], m["severity"]) for m in messages] == [("office-long-line", 1)]
    assert out.returncode == 0


def test_a_pack_registered_by_its_path_as_text(tmp_path, monkeypatch, capsys):
    """The hook's docstring says "path or Traversable"; a str path broke every run with
    AttributeError: 'str' object has no attribute 'read_bytes'."""
    from lint.cli import main

    (tmp_path / "office.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "gwlint_textpack.py").write_text(PLUGIN.replace(
        'pathlib.Path(__file__).with_name("office.yaml")',
        'str(pathlib.Path(__file__).with_name("office.yaml"))').replace(
        '"office":', '"office-text":'), encoding="utf-8")
    info = tmp_path / "gwlint_textpack-0.1.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[gwlint]\ntextpack = gwlint_textpack\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()
    (tmp_path / "mine.yaml").write_text("include: [office-text]\n", encoding="utf-8")
    a = tmp_path / "a.txt"
    a.write_text("一二三四五六七八九十。\n", encoding="utf-8")
    for rules in ("office-text", str(tmp_path / "mine.yaml")):
        assert main([str(a), "--rules", rules, "-f", "unix"]) == 0
        assert capsys.readouterr() == (
            f"{a}:1:1: 行长超过8字 [Warning/office-long-line]\n\n1 problem\n", "")
    plugins.reset()


def test_list_rules_checks_the_examples_of_a_plugins_packs(installed_plugin, capsys,
                                                          monkeypatch):
    """A plugin's packs were trusted as gwlint's own: --list-rules did not check their
    examples (nor did their patterns get the time limit)."""
    from lint.cli import main

    (installed_plugin / "office.yaml").write_text(
        PACK.replace("good: [一二三]", "good: [一二三四五六七八九]"), encoding="utf-8")
    (installed_plugin / "gwlint.yaml").write_text("extends: [gongwen, office]\n",
                                                  encoding="utf-8")
    monkeypatch.chdir(installed_plugin)
    assert main(["--list-rules"]) == 1
    assert capsys.readouterr().err == (
        "gwlint: rule 'office-long-line': 1 example disagrees with the rule "
        "(gwlint --explain office-long-line)\n")


def test_builtins_register_through_the_same_hooks():
    builtin = plugins.plugin_manager().get_plugin("gwlint-builtin")
    assert builtin is not None
    assert {"pattern", "terms"} <= set(builtin.gwlint_rule_kinds())
    assert "gongwen" in builtin.gwlint_rule_packs()


def test_unknown_kind_is_reported_with_file_and_line(tmp_path, capsys):
    from lint.cli import main

    pack = tmp_path / "p.yaml"
    pack.write_text(textwrap.dedent("""\
        rules:
          - id: x
            kind: nonexistent
            message: m
    """), encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--rules", str(pack)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gwlint: {pack}:3: rule 'x': unknown kind 'nonexistent'")


BROKEN = '''
"""A plugin with bugs of every kind a plugin can have."""
import sys

from lint.hookspecs import hookimpl
from lint.kinds import Kind
from lint.readers.text import read_text


class SetupBoom(Kind):
    def setup(self):
        raise ValueError("bad setup")

    def check(self, doc):
        return iter(())


def bad_format(results, options):
    for r in results:
        yield r.path + "\\n"
        raise RuntimeError("format bug")


def exiting_format(results, options):
    for r in results:
        yield r.path + "\\n"
        sys.exit(3)


def bytes_format(results, options):
    for r in results:
        yield r.path.encode() + b"\\n"


def bad_reader(data, path):
    if b"boom" in data:
        raise ValueError("reader bug")
    if b"exit" in data:
        sys.exit(3)
    if b"none" in data:
        return None
    if b"text" in data:
        return data.decode()
    return read_text(data, path)


class BadFinding(Kind):
    """Findings a kind should never make, one per ``case``."""

    options = {"case": "negative"}
    fixable = True

    def check(self, doc):
        from lint.finding import Finding, Fix

        n, case = len(doc.text), self.opts["case"]
        yield {
            "negative": lambda: Finding("r", -3, 2, "m"),
            "past-end": lambda: Finding("r", n - 1, n + 5, "m"),
            "reversed": lambda: Finding("r", 5, 2, "m"),
            "message": lambda: Finding("r", 0, 2, 42),
            "fix-text": lambda: Finding("r", 0, 2, "m", Fix(0, 2, 5)),
            "fix-span": lambda: Finding("r", 0, 2, "m", Fix(0, n + 9, "x")),
            "fix-type": lambda: Finding("r", 0, 2, "m", (0, 2, "x")),
            "tuple": lambda: ("r", 0, 2, "m"),
        }[case]()


class Exits(Kind):
    """Calls sys.exit() to give up, in its setup or its check."""

    options = {"when": "check"}

    def setup(self):
        if self.opts["when"] == "setup":
            sys.exit(3)

    def check(self, doc):
        if "退" in doc.text:
            sys.exit(3)
        return iter(())


class BreaksLate(Kind):
    """A good finding with a fix, then a bug."""

    fixable = True

    def check(self, doc):
        from lint.finding import Finding, Fix

        yield Finding("r", 0, 2, "m", Fix(0, 2, "改写"))
        raise RuntimeError("late bug")


class FixesUndeclared(Kind):
    """Findings with fixes, from a kind that does not say it makes any (fixable False)."""

    def check(self, doc):
        from lint.finding import Finding, Fix

        yield Finding("r", 0, 2, "m", Fix(0, 2, "改写"))


@hookimpl
def gwlint_rule_kinds():
    return {"setup-boom": SetupBoom, "missing": "gwlint_broken.nosuch:X",
            "bad-finding": BadFinding, "breaks-late": BreaksLate, "exits": Exits,
            "undeclared": FixesUndeclared}


@hookimpl
def gwlint_formatters():
    return {"bad": bad_format, "exits": exiting_format, "bytes": bytes_format,
            "none": lambda results, options: None}


@hookimpl
def gwlint_readers():
    return {".gw": bad_reader}
'''


def _install(tmp_path, monkeypatch, source: str) -> None:
    (tmp_path / "gwlint_broken.py").write_text(source, encoding="utf-8")
    info = tmp_path / "gwlint_broken-0.1.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[gwlint]\nbroken = gwlint_broken\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()


@pytest.fixture
def broken_plugin(tmp_path, monkeypatch):
    _install(tmp_path, monkeypatch, BROKEN)
    (tmp_path / "a.txt").write_text("推进XX工作。\n", encoding="utf-8")
    yield tmp_path
    plugins.reset()


def _rule(tmp_path, kind: str):
    pack = tmp_path / f"{kind}.yaml"
    pack.write_text(f"rules:\n  - id: r\n    kind: {kind}\n    message: m\n", encoding="utf-8")
    return str(pack)


def test_a_kind_that_cannot_be_set_up_is_a_rule_error(broken_plugin, capsys):
    from lint.cli import main

    a = str(broken_plugin / "a.txt")
    assert main([a, "--rules", _rule(broken_plugin, "setup-boom")]) == 2
    assert capsys.readouterr().err == (
        f"gwlint: {broken_plugin / 'setup-boom.yaml'}:2: rule 'r': kind 'setup-boom' cannot be "
        "set up: ValueError: bad setup\n")
    assert main([a, "--rules", _rule(broken_plugin, "missing")]) == 2
    assert capsys.readouterr().err.startswith(
        "gwlint: cannot load 'gwlint_broken.nosuch:X': ModuleNotFoundError: ")


def test_a_format_that_raises_is_one_line_and_status_2(broken_plugin, capsys):
    from lint.cli import main

    assert main([str(broken_plugin / "a.txt"), "-f", "bad"]) == 2
    out, err = capsys.readouterr()
    assert out == f"{broken_plugin / 'a.txt'}\n"
    assert err == "gwlint: the format 'bad' failed: RuntimeError: format bug\n"


def test_a_format_that_gives_no_text_is_one_line_and_status_2(broken_plugin, capsys):
    """A format that yielded bytes broke the run with a TypeError traceback, status 1 (with
    -o too)."""
    from lint.cli import main

    a, report = str(broken_plugin / "a.txt"), broken_plugin / "report.txt"
    for extra in ([], ["-o", str(report)]):
        assert main([a, "-f", "bytes", *extra]) == 2
        assert capsys.readouterr() == (
            "", "gwlint: the format 'bytes' failed: it yielded a bytes, not text\n")
    assert report.read_bytes() == b""
    assert main([a, "-f", "none"]) == 2
    assert capsys.readouterr() == (
        "", "gwlint: the format 'none' failed: it returned None, not text\n")


def test_a_reader_that_raises_is_that_files_read_error(broken_plugin, capsys):
    from lint.cli import main

    (broken_plugin / "z.gw").write_text("boom\n", encoding="utf-8")
    (broken_plugin / "ok.gw").write_text("推进XX工作。\n", encoding="utf-8")
    names = [str(broken_plugin / n) for n in ("z.gw", "ok.gw")]
    assert main([*names, "-f", "unix", "--no-color"]) == 1
    assert capsys.readouterr().out == (
        f"{names[0]}:1:1: the reader for .gw files failed: ValueError: reader bug "
        "[Error/read-error]\n"
        f"{names[1]}:1:3: 占位符“XX”未替换 [Error/placeholder]\n\n2 problems\n")


def test_a_reader_that_returns_no_document_is_that_files_read_error(broken_plugin, capsys):
    """A reader that returned None or a str broke the run with a traceback (invalid JSON,
    status 1)."""
    from lint.cli import main

    names = []
    for name, text in (("n.gw", "none\n"), ("t.gw", "text\n"), ("ok.gw", "推进XX工作。\n")):
        (broken_plugin / name).write_text(text, encoding="utf-8")
        names.append(str(broken_plugin / name))
    assert main([*names, "-f", "unix", "--no-color"]) == 1
    assert capsys.readouterr() == (
        f"{names[0]}:1:1: the reader for .gw files failed: it returned None, not a Document "
        "[Error/read-error]\n"
        f"{names[1]}:1:1: the reader for .gw files failed: it returned a str, not a Document "
        "[Error/read-error]\n"
        f"{names[2]}:1:3: 占位符“XX”未替换 [Error/placeholder]\n\n3 problems\n", "")


def test_a_kind_that_fails_on_its_examples_is_a_rule_that_broke(broken_plugin, capsys):
    """--list-rules and --explain said "example disagrees" (status 1) of a kind that
    raised on its own examples; a rule that broke is status 2."""
    from lint.cli import main

    pack = broken_plugin / "late.yaml"
    pack.write_text("rules:\n  - id: r\n    kind: breaks-late\n    message: m\n"
                    "    why: 测试。\n    examples: {bad: [甲乙丙], good: [丁戊己]}\n",
                    encoding="utf-8")
    assert main(["--rules", str(pack), "--list-rules"]) == 2
    assert capsys.readouterr().err == (
        "gwlint: rule 'r' failed: RuntimeError: late bug, on 2 examples (gwlint --explain r)\n")
    assert main(["--rules", str(pack), "--explain", "r"]) == 2
    out, err = capsys.readouterr()
    assert out.endswith("    丁戊己\n      ↳ (rule 'r' failed: RuntimeError: late bug)\n")
    assert err == "gwlint: rule 'r' failed: RuntimeError: late bug, on 2 examples\n"


def test_a_kind_that_does_not_declare_fixes_offers_none(broken_plugin, capsys):
    """README: ``fixable = True`` means a kind's findings may carry fixes. A kind without it
    had its fixes applied by --fix (and --list-rules showed the rule without ``fix``)."""
    from lint.cli import main

    pack = broken_plugin / "undeclared.yaml"
    pack.write_text("rules:\n  - id: r\n    kind: undeclared\n    message: m\n"
                    "    why: 测试。\n    examples: {bad: [甲乙丙]}\n", encoding="utf-8")
    draft = broken_plugin / "a.txt"
    draft.write_text("甲乙丙。\n", encoding="utf-8")
    assert main(["--rules", str(pack), "--rule", "r", "-f", "json", str(draft)]) == 1
    messages = json.loads(capsys.readouterr().out)[0]["messages"]
    assert [(m["ruleId"], "fix" in m) for m in messages] == [("r", False)]
    assert main(["--rules", str(pack), "--fix", str(draft)]) == 1
    assert draft.read_text(encoding="utf-8") == "甲乙丙。\n"


def test_sys_exit_in_a_plugin_is_its_bug_not_the_end_of_the_run(broken_plugin, capsys,
                                                                monkeypatch):
    """A kind's check or a reader that called sys.exit() ended the run with status 0, a
    report cut short and nothing on standard error (under --jobs a worker "ended
    unexpectedly"); a format that did wrote half a report. Each is that code's bug, as an
    exception there is."""
    from lint import runner
    from lint.cli import main

    exits = broken_plugin / "exits.yaml"
    exits.write_text("rules:\n  - id: r\n    kind: exits\n    message: m\n"
                     "    why: 测试。\n    examples: {bad: [甲]}\n", encoding="utf-8")
    a, b = broken_plugin / "a.txt", broken_plugin / "b.txt"
    b.write_text("推进XX工作，退。\n", encoding="utf-8")
    assert main([str(a), str(b), "--rules", str(exits), "-f", "json"]) == 2
    out, err = capsys.readouterr()
    assert [(r["filePath"], [m["ruleId"] for m in r["messages"]]) for r in json.loads(out)] == [
        (str(a), ["placeholder"]), (str(b), ["placeholder"])]
    assert err == f"gwlint: {b}: rule 'r' failed: SystemExit: 3\n"

    # in --jobs workers: no worker dies, every file is reported
    monkeypatch.setattr(runner, "BYTES_PER_PROCESS", 1)
    names = []
    for i in range(runner.PARALLEL_MIN_FILES):
        name = broken_plugin / f"{i}.txt"
        name.write_text("推进XX工作，退。\n", encoding="utf-8")
        names.append(str(name))
    assert main([*names, "--rules", str(exits), "-f", "json", "--jobs", "2"]) == 2
    out, err = capsys.readouterr()
    assert [r["filePath"] for r in json.loads(out)] == names
    assert err == "".join(f"gwlint: {n}: rule 'r' failed: SystemExit: 3\n" for n in names)

    exits.write_text(exits.read_text(encoding="utf-8") + "    when: setup\n", encoding="utf-8")
    assert main([str(a), "--rules", str(exits)]) == 2
    assert capsys.readouterr().err == (
        f"gwlint: {exits}:2: rule 'r': kind 'exits' cannot be set up: SystemExit: 3\n")

    z = broken_plugin / "z.gw"
    z.write_text("exit\n", encoding="utf-8")
    assert main([str(z), str(a), "-f", "unix", "--no-color"]) == 1
    assert capsys.readouterr().out == (
        f"{z}:1:1: the reader for .gw files failed: SystemExit: 3 [Error/read-error]\n"
        f"{a}:1:3: 占位符“XX”未替换 [Error/placeholder]\n\n2 problems\n")

    assert main([str(a), "-f", "exits"]) == 2
    assert capsys.readouterr() == (
        f"{a}\n", "gwlint: the format 'exits' failed: SystemExit: 3\n")


def test_a_plugin_that_cannot_be_imported_is_one_line_and_status_2(tmp_path, monkeypatch):
    _install(tmp_path, monkeypatch, "import nonexistent_dependency_xyz\n")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    for argv in (["a.txt"], ["--list-rules"]):
        done = subprocess.run([sys.executable, "-m", "lint", *argv], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert done.stderr == (
            "gwlint: plugin 'broken' (gwlint_broken, installed by gwlint_broken-0.1.dist-info)"
            " cannot be loaded: ModuleNotFoundError: No module named "
            "'nonexistent_dependency_xyz'\n")
    plugins.reset()


@pytest.mark.parametrize(("source", "entry_points", "why"), [
    ("@hookimpl\ndef gwlint_rule_kinds(config):\n    return {}\n", "broken = gwlint_broken",
     "plugin 'broken' (gwlint_broken, installed by gwlint_broken-0.1.dist-info) cannot be "
     "registered: hookimpl definition: gwlint_rule_kinds(config); Argument(s) {'config'} are "
     "declared in the hookimpl but can not be found in the hookspec"),
    ("@hookimpl\ndef gwlint_rule_kinds():\n    return ['long-line']\n",
     "broken = gwlint_broken",
     "plugin 'broken' (gwlint_broken, installed by gwlint_broken-0.1.dist-info): its "
     "gwlint_rule_kinds returned a list, not a mapping of names"),
    ("@hookimpl\ndef gwlint_rule_kinds():\n    return 1 / 0\n", "broken = gwlint_broken",
     "plugin 'broken' (gwlint_broken, installed by gwlint_broken-0.1.dist-info): its "
     "gwlint_rule_kinds failed: ZeroDivisionError: division by zero"),
    ("", "broken = gwlint_broken\nbroken2 = gwlint_broken",
     "plugin 'broken2' (gwlint_broken, installed by gwlint_broken-0.1.dist-info) cannot be "
     "registered: it is registered already, as plugin 'broken'; declare it once"),
])
def test_a_plugin_registered_wrong_is_one_line_and_status_2(tmp_path, monkeypatch, source,
                                                            entry_points, why):
    """A hook function with arguments its hook does not give, a hook that returned a list,
    or one module under two entry-point names broke every run with a traceback (status
    1)."""
    _install(tmp_path, monkeypatch, "from lint.hookspecs import hookimpl\n\n\n" + source)
    (tmp_path / "gwlint_broken-0.1.dist-info" / "entry_points.txt").write_text(
        f"[gwlint]\n{entry_points}\n")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "lint", "a.txt"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"gwlint: {why}\n")
    plugins.reset()


def _cached_messages(cwd, plugin_path) -> list[str]:
    """The messages of ``gwlint --cache a.txt`` in ``cwd``, with the plugin on the path."""
    env = {**os.environ, "PYTHONPATH": str(plugin_path)}
    out = subprocess.run([sys.executable, "-m", "lint", "--cache", "a.txt", "-f", "json"],
                         cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert out.stderr == ""
    return [m["message"] for m in json.loads(out.stdout)[0]["messages"]]


def test_cache_lints_again_when_a_plugin_changes(installed_plugin, tmp_path):
    """--cache: a plugin's code is part of what cached findings depend on."""
    (tmp_path / "gwlint.yaml").write_text("extends: [gongwen, office]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("一二三四五六七八九十。\n", encoding="utf-8")
    messages = functools.partial(_cached_messages, tmp_path, installed_plugin)
    assert messages() == ["行长超过8字"]
    cache = (tmp_path / ".gwlintcache").read_bytes()
    assert messages() == ["行长超过8字"] and (tmp_path / ".gwlintcache").read_bytes() == cache
    module = tmp_path / "gwlint_office.py"
    module.write_text(PLUGIN.replace("行长超过", "每段超过"), encoding="utf-8")
    assert messages() == ["每段超过8字"]


@pytest.mark.parametrize("listing", ["RECORD", "top_level.txt"])
def test_cache_lints_again_when_another_package_of_the_plugin_changes(tmp_path, listing):
    """--cache stamped only the package of the entry point's module: a kind in another
    top-level package of the same distribution (p4 = "p4hooks" naming "p4kinds.k:K") was
    edited, and the cache served the old findings."""
    (tmp_path / "gwlint_p4hooks.py").write_text(
        "from lint.hookspecs import hookimpl\n\n\n@hookimpl\ndef gwlint_rule_kinds():\n"
        "    return {'p4-kind': 'gwlint_p4kinds.k:K'}\n", encoding="utf-8")
    (tmp_path / "gwlint_p4kinds").mkdir()
    (tmp_path / "gwlint_p4kinds" / "__init__.py").write_text("")
    kind = tmp_path / "gwlint_p4kinds" / "k.py"
    kind.write_text(
        "from lint.kinds import Kind\n\n\nclass K(Kind):\n    def check(self, doc):\n"
        "        yield self.finding(0, 1, '旧的')\n", encoding="utf-8")
    info = tmp_path / "gwlint_p4-0.1.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[gwlint]\np4 = gwlint_p4hooks\n")
    (info / listing).write_text(
        "gwlint_p4hooks.py,,\ngwlint_p4kinds/__init__.py,,\ngwlint_p4kinds/k.py,,\n"
        "gwlint_p4-0.1.dist-info/RECORD,,\n" if listing == "RECORD" else
        "gwlint_p4hooks\ngwlint_p4kinds\n")
    (tmp_path / "p4.yaml").write_text(
        "rules:\n  - id: p4-rule\n    kind: p4-kind\n    why: 测试。\n"
        "    examples: {bad: [甲]}\n", encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text("extends: []\npacks: [p4.yaml]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    messages = functools.partial(_cached_messages, tmp_path, tmp_path)
    assert messages() == ["旧的"]
    kind.write_text(kind.read_text(encoding="utf-8").replace("旧的", "新的消息"),
                    encoding="utf-8")
    assert messages() == ["新的消息"]


@pytest.mark.parametrize(("case", "why"), [
    ("negative", "it reported a finding at [-3, 2) (the document has 8 characters)"),
    ("past-end", "it reported a finding at [7, 13) (the document has 8 characters)"),
    ("reversed", "it reported a finding at [5, 2) (the document has 8 characters)"),
    ("message", "it reported a message that is a int, not text"),
    ("fix-text", "its fix writes a int, not text"),
    ("fix-span", "its fix replaces [0, 17) (the document has 8 characters)"),
    ("fix-type", "its fix is a tuple, not a Fix"),
    ("tuple", "it reported a tuple, not a Finding"),
])
def test_a_finding_a_kind_gets_wrong_is_that_rules_failure(broken_plugin, capsys, case, why):
    """A plugin's kind that reported a span outside the document printed a negative column
    and wrote SARIF its schema rejects, with status 1; one whose fix wrote a number broke
    --fix with a traceback. Each is now the rule's failure: one line, status 2, and --fix
    leaves the file as it was."""
    from lint.cli import main

    a = broken_plugin / "a.txt"
    pack = broken_plugin / "bad.yaml"
    pack.write_text("rules:\n  - id: r\n    kind: bad-finding\n    message: m\n"
                    f"    case: {case}\n    why: 测试。\n    examples: {{bad: [甲]}}\n",
                    encoding="utf-8")
    before = a.read_bytes()
    for extra in ([], ["--fix"], ["-f", "sarif"]):
        assert main([str(a), "--rules", str(pack), "--disable", "placeholder", *extra]) == 2
        err = capsys.readouterr().err
        assert f"gwlint: {a}: rule 'r' failed: ValueError: {why}\n" in err
        assert "Traceback" not in err
        assert a.read_bytes() == before


def test_a_rule_that_breaks_gives_nothing_for_that_file(broken_plugin, capsys):
    """The findings a kind had made before it broke were reported, and --fix applied their
    fixes, beside the line saying the rule failed."""
    from lint.cli import main

    a = broken_plugin / "a.txt"
    before = a.read_bytes()
    pack = broken_plugin / "late.yaml"
    pack.write_text("rules:\n  - id: r\n    kind: breaks-late\n    message: m\n"
                    "    why: 测试。\n    examples: {bad: [甲]}\n", encoding="utf-8")
    for extra in ([], ["--fix"]):
        assert main([str(a), "--rules", str(pack), "-f", "json", *extra]) == 2
        out, err = capsys.readouterr()
        assert [m["ruleId"] for m in json.loads(out)[0]["messages"]] == ["placeholder"]
        assert err.endswith(f"gwlint: {a}: rule 'r' failed: RuntimeError: late bug\n")
        assert a.read_bytes() == before
