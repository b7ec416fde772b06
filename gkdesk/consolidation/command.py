"""`gkdesk merge INPUT… -o TOTAL.gkd`: the command line over the merge. Registered by cli.py,
which hands in its own output-path check and draft writer, so this module never imports cli."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from ..draft import SUFFIX, Draft
from ..rules import SEVERITY_NAMES
from .merging import Consolidation, merge_paths
from .roster import read_roster

OutputPath = Callable[[str, bool], Path]  # cli._output_path: may we write there?
SaveDraft = Callable[[Draft, str, bool], Path]  # cli._save: write a draft to -o


def run_merge(args: argparse.Namespace, output_path: OutputPath, save: SaveDraft) -> int:
    if Path(args.output).suffix.lower() != SUFFIX:
        return _refuse(f"汇总结果是草稿文件，文件名请以 .gkd 结尾（而不是“{Path(args.output).name}”）")
    if args.table and Path(args.table).suffix.lower() != ".xlsx":
        return _refuse(f"汇总表是 Excel 工作簿，文件名请以 .xlsx 结尾（而不是“{Path(args.table).name}”）")
    out = output_path(args.output, args.force)
    table = output_path(args.table, args.force) if args.table else None
    long = output_path(args.long, args.force) if args.long else None
    roster = read_roster(args.roster) if args.roster else None
    # the roster is the command's own file too: an .xlsx roster beside the units is no unit
    own = [p for p in (out, table, long, args.roster) if p]
    result = merge_paths(args.inputs, edition=args.edition, year=args.year, unit=args.unit,
                         roster=roster, own_outputs=own)
    if result.total is None:
        why = f"（{result.refused[0].reason}）" if len(result.refused) == 1 else (
            f"（{len(result.refused)} 个文件均被拒收，首个原因：{result.refused[0].reason}）"
            if result.refused else "（未找到草稿或可读取的统计表文件）")
        return _refuse(f"没有可汇总的报表{why}")
    save(result.total, args.output, args.force)
    if table is not None:
        from .workbook import write_merge_workbook

        write_merge_workbook(result, table)
    if long is not None:
        from .long_csv import write_long_csv

        write_long_csv(result, long)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_report(result, out, table, long)
    return result.exit_code()


def _refuse(message: str) -> int:
    sys.stderr.write(f"gkdesk：{message}\n")
    return 2


def _print_report(result: Consolidation, out: Path, table: Path | None,
                  long: Path | None) -> None:
    total = result.total
    assert total is not None
    print(f"已汇总 {len(result.merged)} 个单位（{total.edition_obj.name} · {result.year}年度）："
          f"{out}")
    for path, what in ((table, "汇总表"), (long, "明细数据")):
        if path is not None:
            print(f"已写出{what}：{path}")
    if result.refused:
        print(f"已拒收 {len(result.refused)} 个文件：")
        for refusal in result.refused:
            print(f"  {refusal.file}：{refusal.reason}")
    if result.missing:
        print(f"未报送（{len(result.missing)}）：{'、'.join(result.missing)}")
    if result.outside_roster:
        print(f"名单外（{len(result.outside_roster)}，已汇总）：{'、'.join(result.outside_roster)}")
    errors = sum(u.errors for u in result.merged)
    warnings = sum(u.warnings for u in result.merged)
    print(f"各单位校验：{result.unit_errors} 个单位有错误，共 {errors} 个错误、{warnings} 个警告")
    print("汇总数校验：" + ("通过" if not result.findings else f"{len(result.findings)} 个问题"))
    for item in result.findings:
        finding = item.finding
        print(f"[{SEVERITY_NAMES[finding.severity]}] {finding.message}  （{finding.key}）")
        if item.units:
            print(f"        涉及单位：{item.units_text()}")

