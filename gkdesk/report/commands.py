"""The command line's report parts: `gkdesk report DRAFT -o REPORT.docx` and what
`gkdesk check DRAFT --text [REPORT]` adds; the draft remembers its report file.

The report file is remembered in the draft file's top-level key "report_file" (readers keep keys
they do not know), relative to the draft's folder when it lies inside it, so that the pair can be
moved together.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..draft import Draft, DraftError, load_draft, save_draft
from .reading import read_paragraphs
from .textcheck import TextFinding, check_text

REPORT_FILE_KEY = "report_file"


class ReportError(DraftError):
    """Something `report` or `check --text` cannot do; str() is one sentence for the clerk."""


def remembered_report(draft: Draft, draft_path: str | os.PathLike | None) -> Path | None:
    """The report file the draft remembers, resolved against the draft's folder."""
    stored = draft.extra.get(REPORT_FILE_KEY)
    if not isinstance(stored, str) or not stored.strip():
        return None
    path = Path(stored)
    if not path.is_absolute() and draft_path is not None:
        path = Path(draft_path).resolve().parent / path
    return path


def remember_report(draft: Draft, draft_path: str | os.PathLike | None,
                    report_path: str | os.PathLike) -> bool:
    """Remember the report file in the draft; True if that changed what the draft holds."""
    report = Path(report_path).resolve()
    stored = str(report)
    if draft_path is not None:
        folder = Path(draft_path).resolve().parent
        try:
            stored = report.relative_to(folder).as_posix()
        except ValueError:  # elsewhere: keep the full path
            pass
    changed = draft.extra.get(REPORT_FILE_KEY) != stored
    draft.extra[REPORT_FILE_KEY] = stored
    return changed


def text_findings(draft: Draft, report_path: str | os.PathLike) -> list[TextFinding]:
    """TEXT findings of a report file against the draft (ReportReadError if unreadable)."""
    paragraphs = read_paragraphs(report_path)
    return check_text(draft.edition_obj, draft.year, draft.unit, draft.values, paragraphs)


def text_findings_for_cli(draft: Draft, draft_path: str, text_arg: str) -> list[TextFinding]:
    """`check --text FILE`, or `check --text` alone: the report the draft remembers."""
    path = Path(text_arg) if text_arg else remembered_report(draft, draft_path)
    if path is None:
        raise ReportError("草稿中没有记下年报文件，请在 --text 后写明要核对的年报文件")
    return text_findings(draft, path)


# --------------------------------------------------------------------------------------------
# gkdesk report

def cmd_report(args: argparse.Namespace) -> int:
    from .writer import write_report  # python-docx only when a report is written

    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        raise ReportError(f"年报请写成 Word 文档，文件名请以 .docx 结尾（而不是“{out.name}”）")
    if out.exists() and not args.force:
        raise ReportError(f"文件已存在：{out}（可能已经修改过；如需重新生成并覆盖，请加 --force）")
    if not out.parent.exists():
        raise ReportError(f"文件夹不存在：{out.parent}")
    draft = load_draft(args.file)
    write_report(draft, out)
    print(f"已生成年度报告（{draft.unit or '未填单位'}，{draft.year} 年度）：{out}")
    print("请在 Word 中补写黄色标出的【请填写】部分；改完后可用 gkdesk check "
          f"{args.file} --text 核对正文中的数字")
    if not remember_report(draft, args.file, out):
        return 0  # the draft remembers this report already: its file is left as it is
    try:
        save_draft(draft, args.file)
    except DraftError as exc:  # the report is written; only the reminder is lost
        print(f"（未能在草稿中记下年报文件：{exc}）")
    return 0
