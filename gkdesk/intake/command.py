"""`gkdesk import FILE -o DRAFT.gkd [--edition E] [--year Y] [--unit U] [--json] [--force]`.

Prints one summary line and the notes (or the spec's JSON with --json), writes the draft, and
ends with one line counting the findings (a gkdesk workbook: the findings, as before). Exit 2 with one line when nothing can be read.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from ..draft import SUFFIX, Draft
from ..rules import summary_text
from .limits import IntakeError
from .reader import IntakeResult, read_document

SOURCE_NAMES = {"xlsx": "Excel 工作簿", "xls": "Excel 97–2003 工作簿", "docx": "Word 文档",
                "html": "网页", "gkdesk": "gkdesk 导出的工作簿"}


def summary(result: IntakeResult) -> str:
    draft = result.draft
    parts = [f"从{SOURCE_NAMES[result.source]}读取 {result.cells_read} 项"]
    if result.notes:
        parts.append(f"{len(result.notes)} 条说明")
    if result.not_found:
        parts.append(f"{len(result.not_found)} 项未找到")
    if result.tables_not_found:
        parts.append(f"{len(result.tables_not_found)} 张表未找到")
    who = draft.unit or "（未填单位）"
    return f"{who} · {draft.year}年度 · {draft.edition_obj.name}：" + "，".join(parts)


def note_lines(result: IntakeResult) -> list[str]:
    lines = []
    for note in result.notes:
        where = f"{note.name}（{note.cell}）" if note.cell else note.name
        lines.append(f"  {where}：原文“{note.text}”，{note.note}")
    for label in result.not_found:
        lines.append(f"  未找到：{label}")
    for title in result.tables_not_found:
        lines.append(f"  未找到表格：{title}")
    return lines


def run(args: argparse.Namespace, output_path: Callable[[str, bool], Path],
        save: Callable[[Draft, str, bool], Path], print_findings: Callable[[list], None]) -> int:
    """The command's body; cli gives its checks of -o, its locked save and its findings list."""
    if Path(args.output).suffix.lower() != SUFFIX:
        sys.stderr.write(f"gkdesk：导入结果是草稿文件，文件名请以 {SUFFIX} 结尾（而不是“{Path(args.output).name}”）\n")
        return 2
    output_path(args.output, args.force)  # refused before the document is read
    try:
        result = read_document(args.file, edition=args.edition, year=args.year, unit=args.unit)
    except IntakeError as exc:
        sys.stderr.write(f"gkdesk：{exc}\n")
        return 2
    out = save(result.draft, args.output, args.force)  # errors reach cli's one-line handler
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"已导入 {summary(result)}：{out}")
    for line in note_lines(result):
        print(line)
    findings = result.draft.findings()
    if result.source == "gkdesk":
        print_findings(findings)  # as before: the clerk's own workbook, usually few findings
    else:  # checking the numbers is check's job: one line
        print(f"校验：{summary_text(findings)}（详情请用 gkdesk check {out.name} 查看）")
    return 0



