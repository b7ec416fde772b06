"""文件 → 导入 and dropped files: read a statistics table from any document (gkdesk.intake), show
what was read and every note (单元格 · 原文 · 处理) before the draft opens as an untitled draft."""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog,
                               QHeaderView, QInputDialog, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ..draft import MAX_YEAR, MIN_YEAR, DraftError
from ..intake import SUFFIXES, IntakeError, IntakeResult, YearNotFound, read_document
from . import dialogs, settings
from .document import DraftDocument

if TYPE_CHECKING:
    from .main_window import MainWindow

FILE_FILTER = ("统计表文件 (" + " ".join(f"*{s}" for s in sorted(SUFFIXES)) + ");;"
               "Excel 工作簿 (*.xlsx *.xlsm *.xls);;Word 文档 (*.docx);;网页 (*.html *.htm);;"
               "所有文件 (*)")


def accepts(path: str) -> bool:
    """A file 导入 reads (dropped on the window)."""
    return Path(path).suffix.lower() in SUFFIXES


def note_rows(result: IntakeResult) -> list[tuple[str, str, str]]:
    """(单元格, 原文, 处理) for every note, then what was not found."""
    rows = []
    for note in result.notes:
        rows.append((note.name, note.text, note.note))
    rows += [(label, "", "未找到此行或栏目，未读取") for label in result.not_found]
    rows += [(title, "", "文件中没有这张表") for title in result.tables_not_found]
    return rows


class IntakeNotesDialog(QDialog):
    """What an import read and what it could not, shown before the draft opens."""

    def __init__(self, parent: QWidget | None, result: IntakeResult, file_name: str) -> None:
        super().__init__(parent)
        from ..intake.command import summary

        self.setWindowTitle(f"导入“{file_name}”")
        layout = QVBoxLayout(self)
        head = QLabel(summary(result))
        head.setWordWrap(True)
        layout.addWidget(head)
        rows = note_rows(result)
        if rows:
            layout.addWidget(QLabel("以下内容请核对（导入后可在表格中修改）："))
            table = QTableWidget(len(rows), 3, self)
            table.setHorizontalHeaderLabels(["单元格", "原文", "处理"])
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setWordWrap(True)
            for r, texts in enumerate(rows):
                for c, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    table.setItem(r, c, item)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            table.setColumnWidth(0, 260)
            table.setColumnWidth(1, 120)
            table.resizeRowsToContents()
            layout.addWidget(table)
            self.table = table
        else:
            layout.addWidget(QLabel("所有数值均已读取，没有需要核对的内容。"))
            layout.addStretch(1)
            self.table = None
        buttons = QDialogButtonBox(self)
        buttons.addButton("打开草稿", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 420 if rows else 160)

    def showEvent(self, event) -> None:  # rows fit their wrapped text once the widths are final
        super().showEvent(event)
        if self.table is not None:
            self.table.resizeRowsToContents()


def show_notes(parent: QWidget | None, result: IntakeResult, file_name: str) -> bool:
    """True to open the draft."""
    return IntakeNotesDialog(parent, result, file_name).exec() == QDialog.DialogCode.Accepted


def ask_year(parent: QWidget | None, file_name: str) -> int | None:
    """The report year when the document does not say it (last year offered: reports are
    written in January for the year before)."""
    year, ok = QInputDialog.getInt(parent, "报告年度",
                                   f"无法从“{file_name}”的标题或文件名看出报告年度，请填写：",
                                   datetime.date.today().year - 1, MIN_YEAR, MAX_YEAR)
    return year if ok else None


def import_document(window: MainWindow, path: str | None = None) -> None:
    if not window.maybe_save():
        return
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "导入统计表", settings.folder("export"),
                                              FILE_FILTER)
        if not path:
            return
    name = Path(path).name
    year = None
    while True:
        try:
            result = read_document(path, year=year)
            break
        except YearNotFound:
            year = ask_year(window, name)
            if year is None:
                return
        except (IntakeError, DraftError) as exc:
            dialogs.show_error(window, "无法导入", str(exc))
            return
    if result.source != "gkdesk" and not show_notes(window, result, name):
        return
    window.replace_document(DraftDocument(result.draft, None, modified=True))
    window.show_message(f"已从 {path} 导入，请检查后保存为草稿")
