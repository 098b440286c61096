"""The pre-commit hooks, run by the real pre-commit exactly as a user's repository runs them.

pre-commit clones this repository at a commit and installs it with ``pip install .`` into a
virtualenv of its own, so these tests check what users get: the manifest
(.pre-commit-hooks.yaml), the package data travelling in the wheel, and the user's own
gwlint.yaml and rule packs being found from their repository root. They use HEAD of the
repository the tests run from (uncommitted work is not what pre-commit would install) and
are skipped when that is not a git checkout.

The first test pays for the install (about 30 s, from PyPI); the others reuse it. Leave them
out of a quick local run with ``-k "not precommit"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

HOOK_TIMEOUT = 600


def _head() -> str | None:
    if shutil.which("git") is None:
        return None
    proc = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", "HEAD"],
                          capture_output=True, text=True)
    if proc.returncode != 0 or proc.stdout.strip() == "":
        return None
    top = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True).stdout.strip()
    return proc.stdout.strip() if Path(top).resolve() == REPO.resolve() else None


HEAD = _head()
pytestmark = pytest.mark.skipif(
    HEAD is None, reason=f"{REPO} is not a git checkout with a commit: pre-commit installs hooks "
                         "from a commit, so there is nothing to install")


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """One PRE_COMMIT_HOME for the module: pre-commit installs gwlint once."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    home = tmp_path_factory.mktemp("pre-commit-home")
    environ = dict(os.environ)
    environ.update({
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "gwlint test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "gwlint test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never",
    })
    environ.pop("GIT_DIR", None)
    environ.pop("GIT_INDEX_FILE", None)
    return environ


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=HOOK_TIMEOUT)


def _make_repo(path: Path, env: dict[str, str], hooks: list[str]) -> Path:
    path.mkdir()
    _run(["git", "init", "-q", "-b", "main"], path, env)
    ids = "".join(f"      - id: {hook}\n" for hook in hooks)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {HEAD}\n    hooks:\n{ids}", encoding="utf-8")
    installed = _run([sys.executable, "-m", "pre_commit", "install"], path, env)
    assert installed.returncode == 0, installed.stderr
    _run(["git", "add", ".pre-commit-config.yaml"], path, env)
    return path


def _commit(repo: Path, env: dict[str, str], *files: str) -> tuple[int, str]:
    """Stage ``files`` and commit; (exit status, what the user sees on the terminal)."""
    _run(["git", "add", *files], repo, env)
    proc = _run(["git", "commit", "-q", "-m", "draft"], repo, env)
    return proc.returncode, proc.stdout + proc.stderr


def _committed(repo: Path, env: dict[str, str]) -> list[str]:
    proc = _run(["git", "ls-tree", "-r", "--name-only", "HEAD"], repo, env)
    return proc.stdout.split() if proc.returncode == 0 else []


def test_precommit_refuses_a_defective_document_and_shows_the_findings(tmp_path, env):
    repo = _make_repo(tmp_path / "drafts", env, ["gwlint"])
    (repo / "工作信息.txt").write_text("今年以来，共上报信息xxx条。\n", encoding="utf-8")
    status, shown = _commit(repo, env, "工作信息.txt")
    assert status == 1, shown
    assert "gwlint (公文检查)" in shown and "Failed" in shown
    assert f"{repo / '工作信息.txt'}\n  1:11  error  占位符“xxx”未替换  placeholder\n" in shown
    assert "✖ 1 problem (1 error, 0 warnings, 0 infos)" in shown
    assert _committed(repo, env) == []


def test_precommit_lets_a_clean_document_through(tmp_path, env):
    repo = _make_repo(tmp_path / "drafts", env, ["gwlint"])
    # a note, not a report: a title such as "工作总结" asks for the sections of one
    (repo / "notes.md").write_text("# 学习笔记\n\n今年以来，共上报信息12条。\n", encoding="utf-8")
    status, shown = _commit(repo, env, "notes.md")
    assert status == 0, shown
    assert "gwlint (公文检查)" in shown and "Passed" in shown
    assert _committed(repo, env) == [".pre-commit-config.yaml", "notes.md"]


OFFICE_PACK = """\
rules:
  - id: office-wording
    kind: pattern
    level: error
    message: 本单位规定用“做好”，不用“{match}”
    patterns: ['搞好']
    why: 本单位公文用语规范。
    examples:
      bad: [要搞好安全生产。]
      good: [要做好安全生产。]
"""


def test_precommit_honours_the_repositorys_gwlint_yaml_and_rule_packs(tmp_path, env):
    repo = _make_repo(tmp_path / "drafts", env, ["gwlint"])
    (repo / "rules").mkdir()
    (repo / "rules" / "office.yaml").write_text(OFFICE_PACK, encoding="utf-8")
    (repo / "gwlint.yaml").write_text(
        "extends: gongwen\npacks: [rules/office.yaml]\nrules:\n  placeholder: off\n",
        encoding="utf-8")
    (repo / "a.txt").write_text("要搞好xxx工作。\n", encoding="utf-8")
    status, shown = _commit(repo, env, "gwlint.yaml", "rules/office.yaml", "a.txt")
    assert status == 1, shown
    assert (f"{repo / 'a.txt'}\n  1:2  error  本单位规定用“做好”，不用“搞好”  office-wording\n"
            in shown)
    assert "placeholder" not in shown

    (repo / "a.txt").write_text("要做好xxx工作。\n", encoding="utf-8")
    status, shown = _commit(repo, env, "a.txt")
    assert status == 0, shown
    assert _committed(repo, env) == [".pre-commit-config.yaml", "a.txt", "gwlint.yaml",
                                     "rules/office.yaml"]


def test_precommit_fix_hook_fixes_the_file_and_the_fixed_file_commits(tmp_path, env):
    repo = _make_repo(tmp_path / "drafts", env, ["gwlint-fix"])
    path = repo / "a.txt"
    path.write_bytes("今年以来,我们认真落实 主体责任。\r\n".encode("gb18030"))
    status, shown = _commit(repo, env, "a.txt")
    assert status == 1, shown  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in shown
    assert f"gwlint: {path}: fixed 2 problems" in shown
    assert path.read_bytes() == "今年以来，我们认真落实主体责任。\r\n".encode("gb18030")
    status, shown = _commit(repo, env, "a.txt")
    assert status == 0, shown
    assert _committed(repo, env) == [".pre-commit-config.yaml", "a.txt"]


def test_precommit_skips_files_the_configuration_ignores(tmp_path, env):
    repo = _make_repo(tmp_path / "drafts", env, ["gwlint"])
    (repo / "gwlint.yaml").write_text('ignore: ["old/**"]\n', encoding="utf-8")
    (repo / "old").mkdir()
    (repo / "old" / "a.txt").write_text("共上报信息xxx条。\n", encoding="utf-8")
    status, shown = _commit(repo, env, "gwlint.yaml", "old/a.txt")
    assert status == 0, shown
