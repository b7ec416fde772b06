"""`gkdesk import` over documents gkdesk did not make: summary and notes, --json, overrides, and
one stderr line with exit 2 when nothing can be read (nothing written then)."""
import json
import os
import subprocess
import sys
from pathlib import Path

from intake_support import expected_values, seed_page
from test_intake_html import report_page, texts_of

ROOT = Path(__file__).resolve().parents[1]


def gkdesk(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "gkdesk", *map(str, args)],
                          capture_output=True, env=env, timeout=120)


def test_import_seed_page_summary_notes_and_findings(tmp_path):
    page = tmp_path / "淄博.html"
    page.write_bytes(seed_page())
    out = tmp_path / "d.gkd"
    result = gkdesk("import", page, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith("已导入 淄博市公共资源交易中心 · 2018年度 · ")
    assert "从网页读取 64 项" in lines[0]
    assert lines[-1] == "校验：1 个错误（详情请用 gkdesk check d.gkd 查看）"  # S14-SUM-CLOSED
    draft = json.loads(out.read_text(encoding="utf-8"))
    sample = json.loads((ROOT / "resources/samples/sample2018.gkd").read_text(encoding="utf-8"))
    assert draft["values"] == sample["values"] and draft["edition"] == "stat2014"


def test_import_json_shape(tmp_path):
    values = expected_values("report2021")
    texts = texts_of(values)
    texts["t3.open.person"] = "约12"
    page = tmp_path / "p.html"
    page.write_bytes(report_page("report2021", texts, "2021年某某局政府信息公开工作年度报告",
                                 tables=("t3", "t4")))
    out = tmp_path / "d.gkd"
    result = gkdesk("import", page, "-o", out, "--json", "--unit", "某某单位")
    assert result.returncode == 0, result.stderr.decode()
    payload = json.loads(result.stdout.decode("utf-8"))
    assert payload == {
        "edition": "report2021", "year": 2021, "unit": "某某单位", "source": "html",
        "cells_read": 175 + 15 - 1,
        "notes": [{"cell": "t3.open.person", "name": "予以公开·自然人", "text": "约12",
                   "note": payload["notes"][0]["note"]}],
        "not_found": [], "tables_not_found": ["二、主动公开政府信息情况"],
    }
    assert "未读取" in payload["notes"][0]["note"]


def test_import_without_a_table_exit_2_one_line(tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes("<html><body><table><tr><td>联系人</td><td>张三</td></tr></table></body></html>"
                     .encode())
    out = tmp_path / "d.gkd"
    result = gkdesk("import", page, "-o", out)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and err.startswith("gkdesk：未找到可识别的统计表")
    assert err.count("\n") == 1 and "Traceback" not in err and not out.exists()


def test_import_asks_for_the_year_when_none_is_found(tmp_path):
    values = expected_values("report2021")
    page = tmp_path / "p.html"
    page.write_bytes(report_page("report2021", texts_of(values), "政府信息公开工作年度报告"))
    out = tmp_path / "d.gkd"
    result = gkdesk("import", page, "-o", out)
    assert result.returncode == 2 and "--year" in result.stderr.decode("utf-8")
    assert gkdesk("import", page, "-o", out, "--year", "2023").returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2023
    again = gkdesk("import", page, "-o", out, "--year", "2023")
    assert again.returncode == 2 and "--force" in again.stderr.decode("utf-8")


def test_import_refuses_doc_in_one_line(tmp_path):
    doc = tmp_path / "报告.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = gkdesk("import", doc, "-o", tmp_path / "d.gkd")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and ".docx" in err and err.count("\n") == 1
