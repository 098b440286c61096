"""--format sarif: valid SARIF 2.1.0 (checked against the schema), one rule entry per rule id
with its why as help, exact regions in UTF-16 columns, fixes, read errors.

tests/fixtures/sarif-schema-2.1.0.json is the SARIF 2.1.0 JSON schema as the SARIF SDK
publishes it (file ``sarif-2.1.0.json`` of the npm package @microsoft/sarif-multitool-linux
5.7.0, MIT licence).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from lint.formats.sarif import unwrap

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))


CHECKED = {"placeholder", "halfwidth-punct", "cjk-spacing", "read-error"}


def validate(log: dict) -> None:
    validator = jsonschema.validators.validator_for(SCHEMA)
    validator.check_schema(SCHEMA)
    validator(SCHEMA).validate(log)


@pytest.fixture
def sarif_run(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "报告.txt").write_text(
        "上报信息*条,开展学习。\n𠀀𠀁xxx次。\n", encoding="utf-8")
    (tmp_path / "drafts" / "b.md").write_text(
        "# 标题\n\n- 组建了 36 人队伍。\n", encoding="utf-8")
    (tmp_path / "drafts" / "bad.txt").write_bytes(b"\xff\xfe\xd8")  # lone surrogate: undecodable
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "sarif", "--rule", "placeholder",
                          "--rule", "halfwidth-punct", "--rule", "cjk-spacing=info",
                          "drafts"], capture_output=True, text=True, cwd=tmp_path)
    return run, json.loads(run.stdout)


def test_output_is_valid_sarif(sarif_run):
    run, log = sarif_run
    assert run.returncode == 1, run.stderr
    validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_schema_check_is_real(sarif_run):
    _, log = sarif_run
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_one_rule_entry_per_rule_id_with_why_as_help(sarif_run, linter):
    _, log = sarif_run
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {"placeholder", "halfwidth-punct", "cjk-spacing", "read-error"} <= set(ids)
    by_id = {r["id"]: r for r in rules}
    why = linter.rules["placeholder"].why
    assert by_id["placeholder"]["help"]["text"] == unwrap(why)
    assert by_id["placeholder"]["help"]["text"].startswith("模板中的占位符（*、XX")
    assert "\n" not in by_id["placeholder"]["shortDescription"]["text"]
    assert by_id["placeholder"]["defaultConfiguration"]["level"] == "error"
    for result in log["runs"][0]["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_results_have_exact_regions_levels_and_fixes(sarif_run):
    _, log = sarif_run
    rows = []
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] in CHECKED]
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        region = location.get("region", {})
        rows.append((location["artifactLocation"]["uri"], result["ruleId"], result["level"],
                     region.get("startLine"), region.get("startColumn"),
                     region.get("endLine"), region.get("endColumn")))
    assert rows == [
        ("drafts/b.md", "cjk-spacing", "note", 3, 6, 3, 7),
        ("drafts/b.md", "cjk-spacing", "note", 3, 9, 3, 10),
        ("drafts/bad.txt", "read-error", "error", 1, 1, None, None),  # placed at 1:1
        ("drafts/%E6%8A%A5%E5%91%8A.txt", "placeholder", "error", 1, 5, 1, 6),
        ("drafts/%E6%8A%A5%E5%91%8A.txt", "halfwidth-punct", "error", 1, 7, 1, 8),
        ("drafts/%E6%8A%A5%E5%91%8A.txt", "placeholder", "error", 2, 5, 2, 8),  # UTF-16 columns
    ]
    comma = results[4]
    assert comma["fixes"][0]["artifactChanges"][0]["replacements"] == [{
        "deletedRegion": {"startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 8},
        "insertedContent": {"text": "，"}}]
    assert "fixes" not in results[3]
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
               == "%SRCROOT%" for r in log["runs"][0]["results"])


def test_a_name_starting_with_two_dots_is_under_srcroot(tmp_path):
    """``..draft.txt`` was taken for a path out of the working folder (its relative path
    starts with ``..``) and given an absolute URI, which code scanning cannot place."""
    work = tmp_path / "work"
    (work / "..drafts").mkdir(parents=True)
    for path in (work / "..draft.txt", work / "..drafts" / "a.txt", tmp_path / "b.txt"):
        path.write_text("推进XX工作。\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "sarif",
                          str(work / "..draft.txt"), "..drafts", "../b.txt"],
                         capture_output=True, text=True, cwd=work)
    log = json.loads(run.stdout)
    validate(log)
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]
            for r in log["runs"][0]["results"]] == [
        {"uri": "..draft.txt", "uriBaseId": "%SRCROOT%"},
        {"uri": "..drafts/a.txt", "uriBaseId": "%SRCROOT%"},
        {"uri": (tmp_path / "b.txt").as_uri()}]


def test_unwrap_joins_chinese_lines_without_spaces():
    wrapped = "汉字\n续行 GB/T\n15834 标准。\n\n第二段"
    assert unwrap(wrapped) == "汉字续行 GB/T 15834 标准。\n\n第二段"


def test_the_log_is_written_as_files_come(linter, tmp_path):
    """The formatter reads the results once and writes each file's entries before the next
    file is linted: nothing of a file is kept (memory flat in files, as with json). A clean
    run is a valid log too, with read-error listed among the rules."""
    from types import SimpleNamespace

    from lint.formats.sarif import format as sarif

    path = tmp_path / "a.txt"
    path.write_text("上报信息*条。\n", encoding="utf-8")
    taken = []

    def results():
        for _ in range(3):
            taken.append(1)
            yield linter.lint_file(path, str(path))

    options = SimpleNamespace(rules={rid: c.rule for rid, c in linter.compiled.items()},
                              cwd=str(tmp_path))
    chunks = sarif(results(), options)
    written = [next(chunks)]
    assert taken == []  # the head needs no result
    written.append(next(chunks))
    assert len(taken) == 1 and '"ruleId": "placeholder"' in written[-1]
    written += list(chunks)
    text = "".join(written)
    log = json.loads(text)
    validate(log)
    # indented as json.dumps would indent the whole log
    assert text == json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    assert [r["locations"][0]["physicalLocation"]["region"]["startColumn"]
            for r in log["runs"][0]["results"]] == [5, 5, 5]
    empty = json.loads("".join(sarif(iter(()), options)))
    validate(empty)
    assert empty["runs"][0]["results"] == []
    assert "read-error" in [r["id"] for r in empty["runs"][0]["tool"]["driver"]["rules"]]


def _invocation(tmp_path, *argv):
    run = subprocess.run([sys.executable, "-m", "lint", "-f", "sarif", *argv],
                         capture_output=True, text=True, cwd=tmp_path)
    log = json.loads(run.stdout)
    validate(log)
    return run.returncode, log["runs"][0]["invocations"]


def test_an_incomplete_run_is_no_successful_execution(tmp_path):
    """A rule that hit its time limit and a named path that is not there (exit status 2)
    made a log that looked like a clean run's to code scanning: its invocation says so now,
    with gwlint's notes on standard error as notifications, each at its file."""
    (tmp_path / "gwlint.yaml").write_text("extends: gongwen\npacks: [./slow.yaml]\n",
                                          encoding="utf-8")
    (tmp_path / "slow.yaml").write_text(
        "rules:\n  - id: slow\n    kind: pattern\n    message: m\n    timeout: 0.2\n"
        "    patterns: ['(?:a|aa)+$']\n    why: 测试用规则\n    examples: {bad: [aab]}\n",
        encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 60 + "b\n<!-- gwlint-disable nosuch -->\n",
                                    encoding="utf-8")
    status, invocations = _invocation(tmp_path, "a.txt", "gone.txt")
    assert status == 2

    def at(uri, **region):
        location = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}
        return [{"physicalLocation": {**location, **({"region": region} if region else {})}}]

    assert invocations == [{"executionSuccessful": False, "exitCode": 2,
                            "toolExecutionNotifications": [
        {"level": "error", "message": {"text": "no such file or folder"},
         "locations": at("gone.txt")},
        {"level": "error", "message": {"text": (
            "rule 'slow' stopped after its time limit of 0.2 s (pattern '(?:a|aa)+$'); "
            "its findings for this file are incomplete")}, "locations": at("a.txt")},
        {"level": "warning", "message": {
            "text": "gwlint-disable names no rule 'nosuch' (gwlint --list-rules)"},
         "locations": at("a.txt", startLine=2)},
    ]}]


def test_a_complete_run_is_a_successful_execution_with_its_exit_code(tmp_path):
    (tmp_path / "a.txt").write_text("组建了 36 人队伍。\n", encoding="utf-8")  # two warnings
    (tmp_path / "b.txt").write_text("推进XX工作。\n", encoding="utf-8")
    assert _invocation(tmp_path, "a.txt") == (0, [
        {"executionSuccessful": True, "exitCode": 0}])
    assert _invocation(tmp_path, "a.txt", "b.txt") == (1, [
        {"executionSuccessful": True, "exitCode": 1}])
    assert _invocation(tmp_path, "a.txt", "--max-warnings", "1") == (1, [
        {"executionSuccessful": True, "exitCode": 1, "toolExecutionNotifications": [
            {"level": "warning",
             "message": {"text": "2 warnings (more than --max-warnings 1)"}}]}])
    # --fix's notes, said before the report (--dry-run) or as files are fixed
    for dry in (["--dry-run"], []):
        status, invocations = _invocation(tmp_path, "--fix", *dry, "a.txt", "--rule",
                                          "cjk-spacing=error")
        assert status == 0
        notes = invocations[0].get("toolExecutionNotifications", [])
        assert notes == ([] if dry else [
            {"level": "note", "message": {"text": "fixed 2 problems"},
             "locations": [{"physicalLocation": {
                 "artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}}}]}])
