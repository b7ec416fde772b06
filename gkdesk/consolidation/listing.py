"""The merge's inputs as a list a clerk reads: 单位, 文件, 状态 (已汇总 / N 个错误 / 已拒收：why /
未报送), inputs in path order, then the units of the roster that sent nothing."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .gathering import sort_key
from .merging import Consolidation


@dataclass(frozen=True)
class InputRow:
    unit: str
    file: str  # "" for a unit that sent nothing
    state: str
    kind: str  # merged, errors, refused, missing


def input_rows(result: Consolidation) -> list[InputRow]:
    rows: list[tuple[str, InputRow]] = []
    outside = set(result.outside_roster)
    for read in result.merged:
        note = "（名单外）" if read.unit in outside else ""
        if read.errors:
            row = InputRow(read.unit, read.file, f"{read.errors} 个错误{note}", "errors")
        else:
            row = InputRow(read.unit, read.file, f"已汇总{note}", "merged")
        rows.append((read.file, row))
    for refusal in result.refused:
        unit = refusal.unit or os.path.splitext(os.path.basename(refusal.file))[0]
        rows.append((refusal.file, InputRow(unit, refusal.file, f"已拒收：{refusal.reason}",
                                            "refused")))
    rows.sort(key=lambda pair: sort_key(pair[0]))
    return [row for _, row in rows] + [InputRow(name, "", "未报送", "missing")
                                       for name in result.missing]
