"""The window's less frequent file commands — last year's data, next year's draft, Excel and
Word (HTML) in and out, copying the whole table — loaded on first use, not at start-up."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from ..draft import SUFFIX, DraftError, read_previous_year
from ..editions import EditionError
from ..rules import count_by_severity
from ..safefiles import reason
from . import dialogs, settings
from .document import DraftDocument

if TYPE_CHECKING:
    from .main_window import MainWindow


def attach_previous(window: MainWindow) -> None:
    """打开上年数据: embed last year's draft (undoable); a draft of another year is refused."""
    doc = window.document
    if doc is None or not window.commit_pending():
        return
    folder = str(doc.path.parent) if doc.path else settings.folder("open")
    path, _ = QFileDialog.getOpenFileName(
        window, f"打开上年数据：选择 {doc.draft.year - 1} 年度的草稿", folder,
        f"gkdesk 草稿 (*{SUFFIX})")
    if not path:
        return
    try:
        previous = read_previous_year(doc.draft, path)
    except DraftError as exc:
        dialogs.show_error(window, "无法打开上年数据", str(exc))
        return
    from ..carry import previous_note

    doc.edit_previous(previous)
    note = previous_note(doc.draft)
    if note:  # nothing to show beside this year's numbers: say so, not an empty column
        window.show_message(note)
        dialogs.show_info(window, "打开上年数据", note)
        return
    window.show_message(f"已打开 {previous.year} 年度数据：本年数旁显示上年数，"
                        "并核对上年结转等跨年度数字（可撤销）")


def new_next_year(window: MainWindow) -> None:
    """新建下一年度: next year's draft from this one, as a new unsaved document."""
    doc = window.document
    if doc is None or not window.maybe_save():
        return
    from ..carry import next_year_draft

    edition = dialogs.ask_next_year(window, doc.draft.year)
    if edition is None:
        return
    try:
        draft, note = next_year_draft(doc.draft, edition)
    except (DraftError, EditionError) as exc:
        dialogs.show_error(window, "无法新建下一年度", str(exc))
        return
    folder = doc.path.parent if doc.path else None
    document = DraftDocument(draft, None, modified=True)  # unsaved until the clerk saves
    document.folder = folder
    window.replace_document(document)
    if note:  # from stat2014: nothing carried; a box the clerk cannot miss
        window.show_message(note)
        dialogs.show_info(window, "新建下一年度", note)
        return
    carried = len(draft.values)
    what = f"已带入上年结转等 {carried} 个数，" if carried else ""
    window.show_message(f"已新建 {draft.year} 年度草稿（未保存）：{what}"
                        "本年数旁显示上年数；请填写其余数据后保存")


def export_folder(window: MainWindow) -> str:
    """Where exports go: the last export folder, else the draft's own folder."""
    doc = window.document
    return settings.folder("export", str(doc.path.parent if doc and doc.path else Path.home()))


def export_path(window: MainWindow, title: str, name: str, filter_text: str,
                confirm_overwrite: bool = True) -> Path | None:
    """Ask where to write an export named `name`; its suffix is added if the clerk drops it."""
    suffix = Path(name).suffix
    options = QFileDialog.Option(0) if confirm_overwrite else \
        QFileDialog.Option.DontConfirmOverwrite
    path, _ = QFileDialog.getSaveFileName(window, title, str(Path(export_folder(window)) / name),
                                          filter_text, "", options)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    settings.set_folder("export", str(target.parent))
    return target


def table_file_name(window: MainWindow, suffix: str) -> str:
    draft = window.document.draft
    return f"{draft.unit or '统计表'}{draft.year}年度政府信息公开统计表{suffix}"


def ready_to_leave(window: MainWindow, what: str) -> bool:
    """Before anything leaves the window: what is typed goes into the draft first (before a
    file dialog takes the focus), and a table with errors leaves only when the clerk says so.
    Every error counts here, 待填 totals included (the spec's rules)."""
    if window.document is None or not window.commit_pending():
        return False
    errors = count_by_severity(window.document.findings)["error"]
    return not errors or dialogs.ask_export_with_errors(window, errors, what)


def write_out(window: MainWindow, title: str, target: Path, write) -> bool:
    """Run `write(target)`; a failure the clerk can do something about ends in a dialog."""
    try:
        write(target)
    except DraftError as exc:  # ExportError already names the file and says why
        dialogs.show_error(window, title, str(exc))
        return False
    except OSError as exc:
        dialogs.show_error(window, title, f"无法写入 {target}：{reason(exc)}")
        return False
    return True


def export(window: MainWindow, kind: str) -> None:
    what = " Excel" if kind == "xlsx" else " Word (HTML)"
    if not ready_to_leave(window, what):
        return
    try:
        if kind == "xlsx":
            from ..exporting.xlsx import write_xlsx as writer
        else:
            from ..exporting.html import write_html as writer
    except ImportError:
        dialogs.show_error(window, "无法导出", "此版本的 gkdesk 缺少导出功能，请重新安装。")
        return
    if kind == "xlsx":
        target = export_path(window, "导出 Excel", table_file_name(window, ".xlsx"),
                             "Excel 工作簿 (*.xlsx)")
    else:
        target = export_path(window, "导出 Word (HTML)", table_file_name(window, ".html"),
                             "网页（可用 Word 打开） (*.html *.htm)")
    document = window.document
    if target is None or not write_out(window, "导出失败", target,
                                       lambda t: writer(document.draft, t, document.findings)):
        return
    errors = count_by_severity(document.findings)["error"]
    note = f"（表格仍有 {errors} 个错误）" if errors else ""
    window.show_message(f"已导出到 {target}{note}")


def copy_table(window: MainWindow) -> None:
    if window.document is None:
        return
    try:
        from ..exporting.html import table_html
        from ..exporting.text import table_tsv
    except ImportError:
        dialogs.show_error(window, "无法复制", "此版本的 gkdesk 缺少复制表格功能，请重新安装。")
        return
    if not window.commit_pending():
        return
    mime = QMimeData()
    mime.setHtml(table_html(window.document.draft))
    mime.setText(table_tsv(window.document.draft))
    QGuiApplication.clipboard().setMimeData(mime)
    window.show_message("已复制整张表，可粘贴到 Word 或 Excel")
