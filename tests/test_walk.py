"""Which files a run lints (lint.walk.collect): each file once, however it is named."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lint.cli import main
from lint.walk import collect

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                    reason="symbolic links need privileges on Windows")


def _tree(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("甲\n", encoding="utf-8")
    (docs / "sub" / "b.txt").write_text("乙\n", encoding="utf-8")
    return docs


def _names(found) -> list[str]:
    return [str(p) for p in found]


@needs_symlinks
def test_a_file_named_many_ways_is_linted_once(tmp_path, monkeypatch):
    """Relative, absolute, through ``..``, through a linked folder, as a link to it, and
    inside a folder also named: one file, linted once, under the first name given."""
    docs = _tree(tmp_path)
    (tmp_path / "linked").symlink_to(docs, target_is_directory=True)
    (tmp_path / "alias.txt").symlink_to(docs / "a.txt")
    monkeypatch.chdir(tmp_path)
    named = ["docs/a.txt", str(docs / "a.txt"), "docs/sub/../a.txt", "linked/a.txt",
             "alias.txt", "docs", "linked/sub/b.txt"]
    found = list(collect(named, [".txt"], [], tmp_path))
    assert _names(found) == ["docs/a.txt", os.path.join("docs", "sub", "b.txt")]


@needs_symlinks
def test_a_link_in_a_walk_is_the_file_it_leads_to(tmp_path):
    docs = _tree(tmp_path)
    (docs / "sub" / "c.txt").symlink_to(docs / "a.txt")  # the same file again
    (docs / "sub" / "d.txt").symlink_to(docs / "gone.txt")  # dangling: skipped
    found = list(collect([str(docs)], [".txt"], [], tmp_path))
    assert [p.relative_to(docs).as_posix() for p in found] == ["a.txt", "sub/b.txt"]


@needs_symlinks
def test_a_dangling_link_in_a_walk_is_skipped(tmp_path, capsys):
    """A link to a file that is gone is no document, as ripgrep has it: a walk skips it
    silently (it was a read-error finding, exit status 1, on a folder of clean files)."""
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "ok.txt").write_text("测试，内容。\n", encoding="utf-8")
    assert main([str(tmp_path), "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [{"messages": [], "filePath": str(tmp_path / "ok.txt")}]
    assert captured.err == ""
    assert main([str(tmp_path / "gone.txt"), "-f", "unix"]) == 1  # named: reported
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{tmp_path / 'gone.txt'}:1:1: cannot read file: dangling symbolic link "
        "(to nowhere.txt) [Error/read-error]")


@needs_symlinks
def test_an_ignore_file_applies_where_a_linked_file_really_is(tmp_path):
    """``.gwlintignore`` is read in the folders the file really is in, also when it is
    named through a link to its folder."""
    docs = _tree(tmp_path)
    (docs / ".gwlintignore").write_text("a.txt\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(docs, target_is_directory=True)
    found = list(collect([str(tmp_path / "linked" / "a.txt"), str(docs / "sub" / "b.txt")],
                         [".txt"], [], tmp_path))
    assert _names(found) == [str(docs / "sub" / "b.txt")]


@needs_symlinks
def test_a_loop_of_links_in_a_walk_is_skipped(tmp_path, capsys):
    """``a.txt -> b.txt -> a.txt`` leads to no file: a walk skips it silently, as ripgrep
    does (it was a RuntimeError traceback from Path.resolve)."""
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "ok.txt").write_text("测试,内容。\n", encoding="utf-8")
    assert _names(collect([str(tmp_path)], [".txt"], [], tmp_path)) == [str(tmp_path / "ok.txt")]
    assert main([str(tmp_path), "-f", "unix"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == (
        f"{tmp_path / 'ok.txt'}:1:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]")
    assert "a.txt" not in captured.out and "b.txt" not in captured.out
    assert captured.err == ""


@needs_symlinks
def test_a_broken_link_named_is_a_read_problem_and_the_rest_is_linted(tmp_path, capsys):
    """A loop (itself, or a folder on the way) or a dangling link named on the command line
    is reported as that file's read-error, saying which; it was "no such file or folder",
    which stopped the run, or a traceback."""
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "ok.txt").write_text("测试,内容。\n", encoding="utf-8")
    named = [tmp_path / "a.txt", tmp_path / "l1" / "x.txt", tmp_path / "gone.txt",
             tmp_path / "ok.txt"]
    assert main([*map(str, named), "-f", "unix"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:4] == [
        f"{named[0]}:1:1: cannot read file: symbolic link loop [Error/read-error]",
        f"{named[1]}:1:1: cannot read file: symbolic link loop [Error/read-error]",
        f"{named[2]}:1:1: cannot read file: dangling symbolic link (to nowhere.txt) "
        "[Error/read-error]",
        f"{named[3]}:1:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
    ]
    assert captured.err == ""


def test_a_name_with_a_nul_byte_is_no_such_file(capsys):
    assert main(["bad\0name.txt"]) == 2
    assert "no such file or folder: bad" in capsys.readouterr().err


def test_a_named_file_that_cannot_be_looked_at_is_reported_not_a_traceback(tmp_path, capsys,
                                                                           monkeypatch):
    """A folder on the way that may not be searched (EACCES; simulated, as the tests may
    run as root): the file is linted, and reading it reports why it cannot be."""
    import errno

    target = str(tmp_path / "locked" / "a.txt")
    real_lstat = os.lstat

    def lstat(path, *args, **kwargs):
        if os.fspath(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real_lstat(path, *args, **kwargs)

    (tmp_path / "locked").mkdir()
    Path(target).write_text("甲\n", encoding="utf-8")
    monkeypatch.setattr(os, "lstat", lstat)
    assert _names(collect([target], [".txt"], [], tmp_path)) == [target]
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: _denied(self) if str(self) == target else real_read(self))
    assert main([target, "-f", "unix"]) == 1
    assert f"{target}:1:1: cannot read file" in capsys.readouterr().out


def test_a_file_in_a_folder_that_may_not_be_searched_is_its_own_read_error(tmp_path, capsys,
                                                                          monkeypatch):
    """`gwlint secret.txt locked/a.txt a.txt` with locked/ mode 000: looking for an ignore
    file in locked/ raised EACCES, which the command line took for the ignore file's
    ("cannot read None: Permission denied", status 2, nothing linted). That file is a read
    error now and the others are linted (EACCES simulated: the tests may run as root)."""
    import errno

    locked = str(tmp_path / "locked")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("甲。\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("乙。\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("上报*条。\n", encoding="utf-8")

    def refuse(real):
        def call(path, *args, **kwargs):
            if os.path.abspath(path).startswith(locked + os.sep):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "stat", refuse(os.stat))
    monkeypatch.setattr(os, "lstat", refuse(os.lstat))
    monkeypatch.chdir(tmp_path)
    assert main(["secret.txt", "locked/a.txt", "a.txt", "-f", "unix"]) == 1
    assert capsys.readouterr() == (
        f"{locked}/a.txt:1:1: cannot read file: Permission denied [Error/read-error]\n"
        f"{tmp_path / 'a.txt'}:1:3: 占位符“*”未替换 [Error/placeholder]\n\n2 problems\n", "")


def test_a_folder_that_cannot_be_read_is_reported_not_skipped(tmp_path, capsys, monkeypatch):
    """A walk skipped a folder it could not list (mode 000, another user's): its documents
    went unchecked and the run said nothing, status 0. It is a read error now, as an
    unreadable file is (SPEC §8), and the rest is linted. (EACCES simulated: the tests may
    run as root.)"""
    import errno

    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "locked" / "a.txt").write_text("要求XX。\n", encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_text("上报*条。\n", encoding="utf-8")
    (tmp_path / "drafts" / "z").mkdir()
    (tmp_path / "drafts" / "z" / "c.txt").write_text("正文。\n", encoding="utf-8")
    locked = str(tmp_path / "drafts" / "locked")
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(real):
        def call(path="."):
            if os.fspath(path) == locked:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path)
        return call

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    assert _names(collect([str(tmp_path / "drafts")], [".txt"], [], tmp_path)) == [
        str(tmp_path / "drafts" / "b.txt"), locked, str(tmp_path / "drafts" / "z" / "c.txt")]
    assert main([str(tmp_path / "drafts"), "-f", "unix"]) == 1
    assert capsys.readouterr().out == (
        f"{tmp_path / 'drafts' / 'b.txt'}:1:3: 占位符“*”未替换 [Error/placeholder]\n"
        f"{locked}:1:1: cannot read folder: Permission denied [Error/read-error]\n\n"
        "2 problems\n")
    # named on its own, the same (it said "no file to lint in it (looking for .txt ...)")
    assert main([locked, "-f", "unix"]) == 1
    assert "cannot read folder: Permission denied" in capsys.readouterr().out


def _denied(self):
    import errno

    raise PermissionError(errno.EACCES, "Permission denied", str(self))


def test_each_folder_is_resolved_once_however_many_files_are_named(tmp_path, monkeypatch):
    """A pre-commit run names every file: resolving every component of every path took
    40 µs a file. Named files and walked files alike resolve their folder once."""
    docs = _tree(tmp_path)
    for i in range(30):
        (docs / f"n{i:02}.txt").write_text("丙\n", encoding="utf-8")
    calls = []
    real_resolve = Path.resolve

    def resolve(self, *args, **kwargs):
        calls.append(self)
        return real_resolve(self, *args, **kwargs)

    monkeypatch.setattr(Path, "resolve", resolve)
    named = sorted(str(p) for p in docs.glob("n*.txt"))
    assert _names(collect(named, [".txt"], [], tmp_path)) == named
    assert len(calls) <= 3  # the root, the folder (and nothing per file)
    calls.clear()
    assert len(list(collect([str(docs)], [".txt"], [], tmp_path))) == 32
    assert len(calls) <= 6  # the root, the named folder, each folder walked


def _outside_any_repository(path: Path) -> None:
    if any((folder / ".git").exists() for folder in (path, *path.parents)):
        pytest.skip(f"the temporary folder {path} is inside a git repository")


def test_a_gitignore_outside_a_git_repository_is_not_read(tmp_path, monkeypatch, capsys):
    """A ``*.txt`` in a home folder's .gitignore, with no repository anywhere, hid every
    draft below it ("no file to lint", exit 2): git and ripgrep read .gitignore files only
    inside a repository, and so does gwlint now, above the named folder and in it."""
    _outside_any_repository(tmp_path)
    home = tmp_path / "home"
    (home / "drafts" / "sub").mkdir(parents=True)
    (home / ".gitignore").write_text("*.txt\n", encoding="utf-8")
    (home / "drafts" / ".gitignore").write_text("sub/\n", encoding="utf-8")
    (home / "drafts" / "r.txt").write_text("测试,内容。\n", encoding="utf-8")
    (home / "drafts" / "sub" / "s.txt").write_text("测试,内容。\n", encoding="utf-8")
    monkeypatch.chdir(home / "drafts")
    assert main(["-f", "unix"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == [
        f"{home / 'drafts' / 'r.txt'}:1:3: 中文语境中应使用全角逗号“，” [Error/halfwidth-punct]",
        f"{home / 'drafts' / 'sub' / 's.txt'}:1:3: 中文语境中应使用全角逗号“，” "
        "[Error/halfwidth-punct]",
    ]
    assert captured.err == ""


def test_a_gitignore_inside_a_git_repository_is_read(tmp_path, monkeypatch, capsys):
    """The same folders in a repository (``.git`` at its root, a folder or a worktree's
    file): both .gitignore files apply; a repository nested inside reads its own."""
    _outside_any_repository(tmp_path)
    home = tmp_path / "home"
    (home / "drafts" / "sub").mkdir(parents=True)
    (home / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    (home / ".gitignore").write_text("old.txt\n", encoding="utf-8")
    (home / "drafts" / ".gitignore").write_text("sub/\n", encoding="utf-8")
    for name in ("r.txt", "old.txt", "sub/s.txt"):
        (home / "drafts" / name).write_text("测试，内容。\n", encoding="utf-8")
    assert _names(collect([str(home / "drafts")], [".txt"], [], tmp_path)) == [
        str(home / "drafts" / "r.txt")]
    (home / ".git").unlink()
    assert _names(collect([str(home / "drafts")], [".txt"], [], tmp_path)) == [
        str(home / "drafts" / p) for p in ("old.txt", "r.txt", "sub/s.txt")]
    (home / "drafts" / "sub" / ".git").mkdir()  # a repository of its own, below
    (home / "drafts" / "sub" / ".gitignore").write_text("s.txt\n", encoding="utf-8")
    assert _names(collect([str(home / "drafts")], [".txt"], [], tmp_path)) == [
        str(home / "drafts" / p) for p in ("old.txt", "r.txt")]


def test_a_gwlintignore_is_read_with_or_without_a_repository(tmp_path, monkeypatch, capsys):
    """.gwlintignore is gwlint's own and the config's ``ignore:`` globs are the
    configuration's: both apply outside a repository, above the named folder too."""
    _outside_any_repository(tmp_path)
    home = tmp_path / "home"
    (home / "drafts").mkdir(parents=True)
    (home / ".gwlintignore").write_text("old.txt\n", encoding="utf-8")
    for name in ("r.txt", "old.txt", "draft.txt"):
        (home / "drafts" / name).write_text("测试，内容。\n", encoding="utf-8")
    found = collect([str(home / "drafts")], [".txt"], ["drafts/draft.txt"], home)
    assert _names(found) == [str(home / "drafts" / "r.txt")]
    monkeypatch.chdir(home / "drafts")
    assert main(["old.txt"]) == 0  # named, yet excluded by .gwlintignore
    assert capsys.readouterr().err == (  # (it said "by the configuration", which had none)
        f"gwlint: all named files are ignored by {home / '.gwlintignore'}; nothing to lint\n")


def test_a_folder_whose_files_are_all_ignored_says_what_ignores_them(tmp_path, monkeypatch,
                                                                      capsys):
    """Run in a folder that `ignore:` excludes, gwlint said "no file to lint in .
    (looking for .txt, .md, .docx)" beside a folder of .txt drafts, which left the user
    looking at the extensions: it names what excludes them now (still status 2)."""
    docs = _tree(tmp_path)
    (tmp_path / "gwlint.yaml").write_text("ignore: ['docs/**']\n", encoding="utf-8")
    monkeypatch.chdir(docs)
    assert main([]) == 2
    assert capsys.readouterr() == (
        "", f"gwlint: no file to lint in .: all ignored; a.txt (and 1 more) is excluded by "
            f"the configuration's ignore: ({tmp_path / 'gwlint.yaml'})\n")
    (tmp_path / "gwlint.yaml").unlink()
    (docs / ".gwlintignore").write_text("*.txt\n", encoding="utf-8")
    assert main(["sub"]) == 2
    assert capsys.readouterr() == (
        "", f"gwlint: no file to lint in sub: all ignored; sub/b.txt is excluded by "
            f"{docs / '.gwlintignore'}\n")


def test_a_folder_without_drafts_is_not_said_to_be_all_ignored(tmp_path, monkeypatch, capsys):
    """A new repository whose only folder .gitignore excludes holds no draft: it said "all
    ignored; node_modules is excluded by .gitignore", which sent the user to the ignore
    files. An excluded folder counts only when it holds a file gwlint would lint."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("node_modules/\nbuild/\n", encoding="utf-8")
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "index.js").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    assert capsys.readouterr() == (
        "", "gwlint: no file to lint in . (looking for .txt, .md, .docx)\n")
    (tmp_path / "build" / "out").mkdir(parents=True)
    (tmp_path / "build" / "out" / "draft.txt").write_text("甲\n", encoding="utf-8")
    assert main([]) == 2
    assert capsys.readouterr() == (
        "", f"gwlint: no file to lint in .: all ignored; build is excluded by "
            f"{tmp_path / '.gitignore'}\n")


def test_textlintignore_and_ignore_path(tmp_path, monkeypatch, capsys):
    """textlint's ignore file: .textlintignore in the current folder, or the file
    --ignore-path names instead, its patterns relative to its own folder; named files and
    --stdin-filename are excluded by it too, as by a .gwlintignore."""
    import io
    import sys

    _outside_any_repository(tmp_path)
    project = tmp_path / "project"
    (project / "vendor" / "deep").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "vendor/v.txt", "vendor/deep/w.txt"):
        (project / name).write_text("测试,内容。\n", encoding="utf-8")
    (project / ".textlintignore").write_text("vendor/**\nb.txt\n", encoding="utf-8")
    monkeypatch.chdir(project)

    def linted(*argv) -> tuple[int, list[str], str]:
        status = main(["-f", "unix", *argv])
        out, err = capsys.readouterr()
        names = {line.split(":")[0].replace(str(project) + "/", "")
                 for line in out.splitlines() if ":" in line}
        return status, sorted(names), err

    assert linted(".") == (1, ["a.txt"], "")
    assert linted("b.txt", "vendor/v.txt") == (
        0, [], "gwlint: all named files are ignored by .textlintignore; nothing to lint\n")
    # --ignore-path instead of .textlintignore, relative to its own folder
    (tmp_path / "other.ignore").write_text("project/a.txt\n", encoding="utf-8")
    assert linted("--ignore-path", str(tmp_path / "other.ignore"), ".") == (
        1, ["b.txt", "vendor/deep/w.txt", "vendor/v.txt"], "")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("测试,内容。\n".encode())))
    assert linted("-", "--stdin-filename", "b.txt") == (
        0, [], "gwlint: b.txt: ignored by .textlintignore; nothing to lint\n")
    assert linted("--ignore-path", "missing.ignore", ".") == (
        2, [], "gwlint: --ignore-path missing.ignore: no such file\n")
    # a folder and a pipe were "no such file" too
    assert linted("--ignore-path", "vendor", ".") == (
        2, [], "gwlint: --ignore-path vendor: a folder; name the ignore file in it\n")
    if hasattr(os, "mkfifo"):  # (opened, it would wait for a writer)
        os.mkfifo(tmp_path / "pipe.ignore")
        assert linted("--ignore-path", str(tmp_path / "pipe.ignore"), ".") == (
            2, [], f"gwlint: --ignore-path {tmp_path / 'pipe.ignore'}: not a regular file "
                   "(a pipe)\n")


@pytest.mark.parametrize("pattern,why", [
    ("bin\\Debug\\", "a '\\' at its end escapes nothing (folders are separated by '/')"),
    ("\\", "a '\\' at its end escapes nothing (folders are separated by '/')"),
    ("[z-a]", "bad character range z-a"),
    # git matches paths relative to the file's folder, which have no '.' or '..' folders
    ("./old.txt", "a path never starts with './': drop it (patterns are relative to the "
                  "folder of the file they are in)"),
    ("/./old.txt", "a path never starts with './': drop it (patterns are relative to the "
                   "folder of the file they are in)"),
    ("../*.txt", "'..' never matches: a pattern matches only in its file's folder and below"),
    ("!drafts/./*.txt", "a '.' between slashes never matches: drop it"),
])
def test_an_ignore_line_git_never_matches_is_skipped_with_a_note(tmp_path, monkeypatch,
                                                                   capsys, pattern, why):
    """Lines git takes without a word and never matches (a Windows path's trailing '\\', a
    range that runs backwards) crashed the run with pathspec's or re's traceback: such a
    line is skipped with a note naming it, the file's other lines still apply, in every
    kind of ignore file."""
    _outside_any_repository(tmp_path)
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "old.txt"):
        (tmp_path / name).write_text("测试,内容。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for ignore_file, argv in ((".gitignore", ["."]), (".gwlintignore", ["a.txt", "old.txt"]),
                              ("my.ignore", ["--ignore-path", "my.ignore", "."])):
        (tmp_path / ignore_file).write_text(f"# old drafts\n{pattern}\nold.txt\n",
                                            encoding="utf-8")
        assert main(["-f", "unix", *argv]) == 1
        out, err = capsys.readouterr()
        assert "a.txt:1:3:" in out and "old.txt" not in out
        source = tmp_path / ignore_file if ignore_file.startswith(".") else ignore_file
        assert err == f"gwlint: {source}:2: '{pattern}' is skipped: {why}\n"
        (tmp_path / ignore_file).unlink()


def test_a_repositorys_info_exclude_is_read_as_git_reads_it(tmp_path):
    """``.git/info/exclude`` (git's own ignore file, kept out of the repository) hid files
    from git and ripgrep but not from gwlint's walk. Its patterns are relative to the
    repository's root, wherever the walk starts."""
    _outside_any_repository(tmp_path)
    repo = tmp_path / "repo"
    (repo / ".git" / "info").mkdir(parents=True)
    (repo / ".git" / "info" / "exclude").write_text("# git's comment\nold/\n*.bak.txt\n",
                                                   encoding="utf-8")
    for name in ("old/a.txt", "new/b.txt", "new/b.bak.txt", "new/old/c.txt"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("测试，内容。\n", encoding="utf-8")
    excluded: list = []
    assert _names(collect([str(repo)], [".txt"], [], tmp_path, excluded=excluded)) == [
        str(repo / "new" / "b.txt")]
    assert sorted((str(p), why) for p, why in excluded) == [
        (str(repo / "new" / "b.bak.txt"), str(repo / ".git" / "info" / "exclude")),
        (str(repo / "new" / "old"), str(repo / ".git" / "info" / "exclude")),
        (str(repo / "old"), str(repo / ".git" / "info" / "exclude"))]
    assert _names(collect([str(repo / "new")], [".txt"], [], tmp_path)) == [
        str(repo / "new" / "b.txt")]
