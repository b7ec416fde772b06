"""The command line over the core: gkdesk [FILE] | check | new | sample | export | import | next
| merge.

Every failure a user can cause ends in one Chinese line on stderr and exit 2; `check` exits 1
when an error-level finding remains. `check` must stay fast: no Qt, no openpyxl imported here.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from . import __version__, locking
from .draft import (Draft, DraftError, check_previous_year, load_draft, new_draft,
                    read_previous_year, save_draft)
from .editions import EditionError, all_editions
from .datafiles import sample_draft_path
from .numbers import InputError, parse_year
from .rules import SEVERITY_NAMES, Finding, has_error, summary_text



class UserError(Exception):
    """Something the user asked that cannot be done; str() is the one line to show."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own words, framed in Chinese
        sys.stderr.write(f"gkdesk：命令参数有误（{message}），用法见 gkdesk --help\n")
        sys.exit(2)


def _use_utf8_output() -> None:
    """Windows consoles default to a legacy code page; Chinese must come out whole."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _output_path(path: str, force: bool) -> Path:
    """Where a command may write (-o): not over an existing file without --force, and never,
    even with --force, over a draft that a gkdesk window has open (its lock names who)."""
    out = Path(path)
    _refuse_if_open_elsewhere(out)
    if out.exists() and not force:
        raise UserError(f"文件已存在：{out}（如需覆盖，请加 --force）")
    if not out.parent.exists():
        raise UserError(f"文件夹不存在：{out.parent}")
    return out


def _refuse_if_open_elsewhere(out: Path, owner: locking.LockOwner | None = None) -> None:
    owner = owner or locking.other_owner(out)
    if owner is not None:
        raise UserError(f"“{out.name}”正由 {owner.who()} 在 gkdesk 中打开，不能覆盖"
                        f"（--force 也不行）；请对方关闭后再试，或写到其他文件")


def _save(draft: Draft, path: str, force: bool) -> Path:
    """Write a draft to -o: the checks of _output_path, and the draft's lock held while
    writing, so a window opening it at that moment waits its turn (every draft-writing command
    goes through here: new, next, import, sample)."""
    out = _output_path(path, force)
    owner = locking.acquire(out)
    if owner is not None:  # a window took it between the check and now
        _refuse_if_open_elsewhere(out, owner)
    try:
        save_draft(draft, out)
    finally:
        locking.release(out)
    return out


# --------------------------------------------------------------------------------------------
# Commands

def cmd_check(args: argparse.Namespace) -> int:
    draft = load_draft(args.file)
    if args.previous:  # a file given wins over the draft's embedded copy
        previous = read_previous_year(draft, args.previous)
    else:
        previous = draft.previous
        if previous is not None:
            check_previous_year(draft, previous)
    findings = draft.findings(complete=args.complete, previous=previous)
    if args.text is not None:  # the report's sentences against the table (gkdesk.report)
        from .report.commands import text_findings_for_cli

        findings += text_findings_for_cli(draft, args.file, args.text)
    if args.json:
        payload = {"edition": draft.edition, "year": draft.year,
                   "findings": [f.as_json() for f in findings]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(_describe(draft))
        _print_findings(findings, bool(draft.values))
    return 1 if has_error(findings) else 0


def _describe(draft: Draft) -> str:
    return f"{draft.unit or '（未填单位）'} · {draft.year}年度 · {draft.edition_obj.name}"


def _print_findings(findings: list[Finding], has_values: bool = True) -> None:
    for finding in findings:
        print(f"[{SEVERITY_NAMES[finding.severity]}] {finding.message}  （{finding.key}）")
        if finding.explanation:
            print(f"        说明：{finding.explanation}")
    if not findings and not has_values:  # nothing typed has passed nothing
        print("尚未填写任何数字（加 --complete 可列出未填写的指标）")
        return
    print(summary_text(findings))


def cmd_new(args: argparse.Namespace) -> int:
    draft = new_draft(args.year, args.edition, args.unit or "")
    out = _save(draft, args.output, args.force)
    print(f"已新建 {draft.year} 年度草稿（{draft.edition_obj.name}）：{out}")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    draft = load_draft(sample_draft_path())
    out = _save(draft, args.output, args.force)
    print(f"已写出示例草稿（{draft.unit}，{draft.year} 年度）：{out}")
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    from .carry import next_year_draft

    draft = load_draft(args.file)
    new, note = next_year_draft(draft, args.edition)
    out = _save(new, args.output, args.force)
    carried = f"，结转 {len(new.values)} 项数值" if new.values else ""
    print(f"已由 {draft.year} 年度草稿新建 {new.year} 年度草稿（{new.edition_obj.name}）"
          f"{carried}：{out}")
    if note:
        print(note)
    return 0


EXPORT_SUFFIXES = {".xlsx": "Excel 工作簿", ".html": "Word 可打开的网页文件", ".htm": "Word 可打开的网页文件",
                   ".docx": "Word 文档"}


def cmd_export(args: argparse.Namespace) -> int:
    suffix = Path(args.output).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise UserError(f"无法导出为“{Path(args.output).name}”：文件名请以 .xlsx（Excel）、"
                        f".docx（Word 表格）或 .html（Word/WPS）结尾")
    draft = load_draft(args.file)
    out = _output_path(args.output, args.force)
    if suffix == ".xlsx":
        from .exporting.xlsx import write_xlsx  # openpyxl only when exporting

        write_xlsx(draft, out)
    elif suffix == ".docx":
        from .exporting.docx import write_docx  # python-docx only when exporting

        write_docx(draft, out)
    else:
        from .exporting.html import write_html

        write_html(draft, out)
    print(f"已导出{EXPORT_SUFFIXES[suffix]}（{draft.unit or '未填单位'}，{draft.year} 年度）：{out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .intake.command import run  # the readers load only when importing

    return run(args, _output_path, _save, _print_findings)


def cmd_report(args: argparse.Namespace) -> int:
    from .report.commands import cmd_report as run  # python-docx and the readers load only now

    return run(args)


def cmd_merge(args: argparse.Namespace) -> int:
    from .consolidation.command import run_merge

    return run_merge(args, _output_path, _save)


def cmd_gui(args: argparse.Namespace) -> int:
    from .ui.app import run_app  # Qt only when a window is wanted

    return run_app(args.file, screenshot=args.screenshot)


# --------------------------------------------------------------------------------------------
# Parsing

def _year(text: str) -> int:
    try:
        return parse_year(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(f"“{text}”：{exc}") from None


def _edition_id(text: str) -> str:
    if text not in all_editions():
        raise argparse.ArgumentTypeError(f"没有表格格式“{text}”，可选：{'、'.join(all_editions())}")
    return text


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="写到哪个文件")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gkdesk", description="政府信息公开工作年度报告统计表",
        epilog="打开窗口：gkdesk 草稿.gkd 打开这份草稿；只输入 gkdesk 则新建上一年度的草稿。\n"
               "各命令的用法：gkdesk 命令 --help，如 gkdesk check --help",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"gkdesk {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="校验草稿，列出问题")
    check.add_argument("file", help="草稿文件 .gkd")
    check.add_argument("--previous", metavar="LASTYEAR.gkd", help="上年度的草稿")
    check.add_argument("--complete", action="store_true", help="同时列出未填写的指标")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.add_argument("--text", nargs="?", const="", metavar="REPORT",
                       help="同时核对年报正文（.docx/.txt/.html）中的数字；不写文件名则用草稿记下的年报")
    check.set_defaults(run=cmd_check)

    new = sub.add_parser("new", help="新建草稿")
    new.add_argument("--edition", type=_edition_id, help="表格格式：" + "、".join(all_editions()))
    new.add_argument("--year", type=_year, required=True, help="报告年度，如 2025")
    new.add_argument("--unit", help="填报单位")
    _add_output(new)
    new.set_defaults(run=cmd_new)

    sample = sub.add_parser("sample", help="写出示例草稿（淄博市公共资源交易中心 2018 年度）")
    _add_output(sample)
    sample.set_defaults(run=cmd_sample)

    next_ = sub.add_parser("next", help="由本年度草稿新建下一年度草稿（结转上年数据）")
    next_.add_argument("file", help="本年度的草稿 .gkd")
    next_.add_argument("--edition", type=_edition_id, help="表格格式（默认按下一年度选择）：" + "、".join(all_editions()))
    _add_output(next_)
    next_.set_defaults(run=cmd_next)

    export = sub.add_parser("export", help="导出为 Excel（.xlsx）、Word 表格（.docx）或 Word 可打开的 .html")
    export.add_argument("file", help="草稿文件 .gkd")
    _add_output(export)
    export.set_defaults(run=cmd_export)

    report = sub.add_parser("report", help="由草稿生成政府信息公开工作年度报告（Word .docx）")
    report.add_argument("file", help="草稿文件 .gkd")
    _add_output(report)
    report.set_defaults(run=cmd_report)

    import_ = sub.add_parser("import", help="从 Excel、Word 或网页中的统计表读出草稿")
    import_.add_argument("file", help="统计表所在的文件：.xlsx .xls .docx .html（或 gkdesk 导出的工作簿）")
    import_.add_argument("--edition", type=_edition_id, help="表格格式（默认由表格认出）：" + "、".join(all_editions()))
    import_.add_argument("--year", type=_year, help="报告年度（默认取自标题或文件名）")
    import_.add_argument("--unit", help="填报单位（默认取自标题或填报单位一栏）")
    import_.add_argument("--json", action="store_true", help="以 JSON 输出读取结果")
    _add_output(import_)
    import_.set_defaults(run=cmd_import)

    merge = sub.add_parser("merge", help="汇总多个单位的统计表（逐个校验，并指出造成不平衡的单位）")
    merge.add_argument("inputs", nargs="+", metavar="INPUT", help="草稿、统计表文件或文件夹")
    merge.add_argument("--edition", type=_edition_id, help="表格格式（默认取第一个可读取的文件的）")
    merge.add_argument("--year", type=_year, help="报告年度（默认取第一个可读取的文件的）")
    merge.add_argument("--unit", help="汇总表的填报单位（默认“汇总”）")
    merge.add_argument("--roster", metavar="LIST", help="应报送单位名单：文本文件每行一个，或 Excel 第一列")
    merge.add_argument("--table", metavar="BOOK.xlsx", help="同时写出汇总表（含分单位明细、校验结果）")
    merge.add_argument("--long", metavar="DATA.csv", help="同时写出逐项数据 CSV（供分析工具使用）")
    merge.add_argument("--json", action="store_true", help="以 JSON 输出")
    _add_output(merge)
    merge.set_defaults(run=cmd_merge)

    # Both forms: the window with a draft, and every command (named from the parser itself).
    parser.usage = f"gkdesk [FILE.gkd]\n       gkdesk {{{','.join(sub.choices)}}} ..."
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gkdesk", description="打开统计表窗口（其他用法：gkdesk --help）")
    parser.add_argument("file", nargs="?", help="要打开的草稿 .gkd")
    parser.add_argument("--screenshot", metavar="OUT.png", help="在屏幕外绘制窗口并保存截图后退出")
    parser.set_defaults(run=cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _use_utf8_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    if argv and (argv[0] in commands or argv[0] in ("-h", "--help", "--version")):
        args = parser.parse_args(argv)
    else:
        args = build_gui_parser().parse_args(argv)
    try:
        return args.run(args)
    except (UserError, DraftError, EditionError) as exc:
        sys.stderr.write(f"gkdesk：{exc}\n")
        return 2
    except KeyboardInterrupt:
        return 2
    except BrokenPipeError:  # `gkdesk check … | head` closed the pipe: not the program's fault
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        from .logs import log_exception

        where = log_exception(exc)
        sys.stderr.write(f"gkdesk：发生内部错误（{type(exc).__name__}），详情已记录在 {where}\n")
        return 2
