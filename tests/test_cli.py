"""The command line: the contract's exit codes, one Chinese line on errors, no traceback."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def gkdesk(*args, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "cp936", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "gkdesk", *map(str, args)], capture_output=True,
                          env=env, cwd=cwd, timeout=60)


def text(stream: bytes) -> str:
    return stream.decode("utf-8")  # UTF-8 whatever the console's code page


def test_sample_then_check_json_reports_exactly_the_seed_error(tmp_path):
    sample = tmp_path / "s.gkd"
    assert gkdesk("sample", "-o", sample).returncode == 0
    result = gkdesk("check", sample, "--json")
    assert result.returncode == 1
    payload = json.loads(text(result.stdout))
    assert payload["edition"] == "stat2014" and payload["year"] == 2018
    (finding,) = payload["findings"]
    assert finding == {
        "rule": "S14-SUM-CLOSED", "severity": "error", "target": "3.2",
        "cells": ["3.2", "3.2.1", "3.2.2"], "key": "S14-SUM-CLOSED@3.2",
        "message": "申请办结数（1）应等于 按时办结数 + 延期办结数（0 + 0 = 0），相差 1",
        "explanation": None,
    }


def test_check_prints_findings_for_people(tmp_path):
    gkdesk("sample", "-o", tmp_path / "s.gkd")
    result = gkdesk("check", tmp_path / "s.gkd")
    out = text(result.stdout)
    assert "[错误] 申请办结数（1）应等于" in out
    assert out.strip().endswith("1 个错误")


def test_check_exits_0_without_errors(tmp_path):
    draft = tmp_path / "n.gkd"
    assert gkdesk("new", "--year", 2018, "--unit", "某局", "-o", draft).returncode == 0
    result = gkdesk("check", draft, "--complete", "--json")
    assert result.returncode == 0
    (finding,) = json.loads(text(result.stdout))["findings"]
    assert finding["rule"] == "COMPLETE" and len(finding["cells"]) == 64


@pytest.mark.parametrize("args, words", [
    (["check", "missing.gkd"], "找不到文件"),
    (["check", "not-a-draft.gkd"], "不是有效的 gkdesk 草稿文件"),
    (["new", "--year", "20x5", "-o", "x.gkd"], "年度"),
    (["new", "--year", "2018", "--edition", "nope", "-o", "x.gkd"], "nope"),
    (["new", "--year", "2018", "-o", "no-such-folder/x.gkd"], "文件夹不存在"),
])
def test_user_mistakes_end_in_one_chinese_line_and_exit_2(tmp_path, args, words):
    (tmp_path / "not-a-draft.gkd").write_text("hello", encoding="utf-8")
    result = gkdesk(*args, cwd=tmp_path)
    err = text(result.stderr)
    assert result.returncode == 2
    assert result.stdout == b""
    assert words in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_output_is_never_overwritten_without_force(tmp_path):
    target = tmp_path / "s.gkd"
    target.write_text("mine", encoding="utf-8")
    result = gkdesk("sample", "-o", target)
    assert result.returncode == 2 and "--force" in text(result.stderr)
    assert target.read_text(encoding="utf-8") == "mine"
    assert gkdesk("sample", "-o", target, "--force").returncode == 0
    assert "淄博市公共资源交易中心" in target.read_text(encoding="utf-8")


def loaded_by_check(tmp_path, modules: tuple[str, ...]) -> str:
    """Which of `modules` a `gkdesk check` of the sample has imported, as the child prints it."""
    gkdesk("sample", "-o", tmp_path / "s.gkd")
    probe = ("import sys; from gkdesk.cli import main; code = main(['check', sys.argv[1]]); "
             f"heavy = [m for m in {modules!r} if m in sys.modules]; "
             "sys.stderr.write(repr(heavy))")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "s.gkd")],
                            capture_output=True, cwd=ROOT, timeout=60)
    return text(result.stderr)


def test_check_imports_neither_qt_nor_openpyxl(tmp_path):
    assert loaded_by_check(tmp_path, ("PySide6", "openpyxl")) == "[]"


def test_check_loads_none_of_the_document_readers(tmp_path):
    # Reading Word files and web pages (report, intake, lxml) is for `--text`, import and merge:
    # a plain check, and the window's start through the same parser, pay nothing for it.
    assert loaded_by_check(tmp_path, ("gkdesk.report", "gkdesk.intake", "lxml", "docx")) == "[]"


def test_output_into_a_closed_pipe_is_no_internal_error(tmp_path):
    # `gkdesk check … | head -1`: the reader goes away before gkdesk has written everything.
    sample = tmp_path / "s.gkd"
    assert gkdesk("sample", "-o", sample).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "gkdesk", "check", str(sample), "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    child.stdout.close()  # closed before the child's first write
    stderr = child.stderr.read().decode("utf-8")
    assert child.wait(60) in (0, 1)
    assert "内部错误" not in stderr and "Traceback" not in stderr
