"""How long reading a document gkdesk did not make takes (gkdesk import / 文件 → 导入).

Prints figures only; never asserts. Targets, in-process after the first call has paid for the
imports: a published report page and a Word report under 100 ms each; a .xls template under
200 ms. The documents are built the way the tests build them (tests/intake_support.py): the
seed's published page (stat2014), a 2021 report page with narrative and the three tables, a Word
report with the three tables, a hand-filled .xlsx template and the same as .xls.

    python bench/bench_intake.py
"""
from __future__ import annotations

import sys
import tempfile
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from gkdesk.intake import read_document  # noqa: E402
from benchkit import timed as timed_runs  # noqa: E402

RUNS = 15
timed = partial(timed_runs, runs=RUNS)


def documents(folder: Path) -> list[tuple[str, Path, float]]:
    from docx import Document

    from intake_support import docx_table, expected_values, seed_page, table_rows
    from test_intake_html import report_page, texts_of
    from test_intake_xls import xls_template
    from test_intake_xlsx import template

    values = expected_values("report2021")
    texts = texts_of(values)
    made = []
    path = folder / "seed.html"
    path.write_bytes(seed_page())
    made.append(("published page, seed (stat2014)", path, 0.1))
    path = folder / "report.html"
    # a portal page: navigation in a layout table, scripts, the report's narrative, the tables
    nav = "<table class='nav'>" + "".join(
        f"<tr><td><a href='/col/{i}'>栏目{i}</a></td><td><a href='/art/{i}'>信息公开目录{i}</a></td></tr>"
        for i in range(300)) + "</table>"
    script = "<script>" + "var x = 1;" * 3000 + "</script>"
    narrative = "".join(f"<p>（{i}）本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、"
                        f"结果公开，全年主动公开政府信息{i * 37}条。</p>" for i in range(150))
    page = report_page("report2021", texts, "2021年某某县教育局政府信息公开工作年度报告",
                       between=nav + script + narrative)
    path.write_bytes(page)
    made.append(("published page, report2021 (portal)", path, 0.1))
    doc = Document()
    doc.add_heading("某某市生态环境局2021年政府信息公开工作年度报告", 1)
    for i in range(60):
        doc.add_paragraph("本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》……" * 3)
    from gkdesk.editions import get_edition
    for table in get_edition("report2021").tables:
        doc.add_paragraph(table.title)
        docx_table(doc, table_rows(table, texts))
    path = folder / "report.docx"
    doc.save(path)
    made.append(("Word report, report2021", path, 0.1))
    path = folder / "template.xls"
    xls_template(values, "report2021", "2021年政府信息公开工作年度报告统计表").save(str(path))
    made.append((".xls template, report2021", path, 0.2))
    path = folder / "template.xlsx"
    template(values).save(path)
    made.append((".xlsx template, report2021", path, 0.0))
    return made


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, path, target in documents(Path(folder)):
            first, median = timed(lambda p=path: read_document(p))
            goal = f"target < {target * 1000:.0f} ms" if target else "no target"
            print(f"{name:36s} {path.stat().st_size / 1024:7.1f} KB   first {first * 1000:7.1f} ms"
                  f"   median {median * 1000:7.1f} ms   ({goal})")


if __name__ == "__main__":
    main()
