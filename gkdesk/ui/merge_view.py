"""文件 → 汇总多个单位…: a window listing the units' files to merge (单位, 文件, 状态), where the
clerk adds files or a folder and a roster, opens a unit's draft, makes the total a new untitled
draft and writes the 汇总 workbook. Reading runs on a worker thread (and the core's process
pool) behind a cancellable progress bar, so a thousand files never freeze the window."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QListWidget, QListWidgetItem, QMessageBox, QProgressBar,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ..consolidation.listing import InputRow, input_rows
from ..consolidation.merging import Consolidation, merge_paths
from ..consolidation.reading_pool import MergeCancelled
from ..consolidation.roster import read_roster
from ..draft import SUFFIX, DraftError
from ..rules import SEVERITY_NAMES
from . import dialogs, settings
from .document import DraftDocument

if TYPE_CHECKING:
    from .main_window import MainWindow

COLUMNS = ("单位", "文件", "状态")
FILE_ROLE = Qt.ItemDataRole.UserRole
_COLOURS = {"errors": "#c62828", "refused": "#b26a00", "missing": "#757575"}


# -- the questions this window asks (tests replace them) ---------------------------------------
def choose_files(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(
        parent, "添加各单位的报表", settings.folder("merge"),
        f"草稿和统计表 (*{SUFFIX} *.xlsx *.xlsm *.xls *.docx *.html *.htm);;所有文件 (*)")
    return files


def choose_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(parent, "添加文件夹（含子文件夹）",
                                            settings.folder("merge"))


def choose_roster(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "选择应报送单位名单", settings.folder("merge"),
                                          "名单 (*.txt *.xlsx);;所有文件 (*)")
    return path


def choose_table_path(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, "导出汇总表", suggested, "Excel 工作簿 (*.xlsx)")
    return path


def ask_where_to_open(parent: QWidget, unit: str) -> str | None:
    """'new' (a window of its own), 'main' (the main window, after asking to save) or None."""
    box = QMessageBox(QMessageBox.Icon.Question, "打开单位报表", f"打开“{unit}”的报表：",
                      QMessageBox.StandardButton.NoButton, parent)
    new = box.addButton("在新窗口打开", QMessageBox.ButtonRole.AcceptRole)
    main = box.addButton("在主窗口打开", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(new)
    box.setEscapeButton(cancel)
    box.exec()
    return {id(new): "new", id(main): "main"}.get(id(box.clickedButton()))


# -- the worker ----------------------------------------------------------------------------------
class MergeRun(QThread):
    """One merge of the listed inputs, off the window's thread; cancel() stops it between
    chunks of inputs."""

    progressed = Signal(int, int)
    merged = Signal(object)  # Consolidation
    failed = Signal(str)
    stopped = Signal()  # cancelled

    def __init__(self, inputs: list[str], roster: list[str] | None, roster_path: str = "",
                 parent=None):
        super().__init__(parent)
        self.inputs = list(inputs)
        self.roster = roster
        self.roster_path = roster_path  # never read as a unit's table
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = merge_paths(self.inputs, roster=self.roster,
                                 own_outputs=[self.roster_path] if self.roster_path else [],
                                 progress=self.progressed.emit, cancelled=self._cancel.is_set)
        except MergeCancelled:
            self.stopped.emit()
            return
        except Exception as exc:  # a bug: logged, and said in one sentence
            from ..logs import log_exception

            where = log_exception(exc)
            self.failed.emit(f"汇总时发生内部错误（{type(exc).__name__}），详情已记录在 {where}")
            return
        self.merged.emit(result)


class ExportRun(QThread):
    """Writing the 汇总 workbook (seconds for a thousand units), off the window's thread."""

    written = Signal(str)
    failed = Signal(str)

    def __init__(self, result: Consolidation, target: Path, parent=None):
        super().__init__(parent)
        self.result = result
        self.target = target

    def run(self) -> None:
        from ..consolidation.workbook import write_merge_workbook

        try:
            write_merge_workbook(self.result, self.target)
        except DraftError as exc:  # ExportError names the file and says why
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: logged, and said in one sentence
            from ..logs import log_exception

            where = log_exception(exc)
            self.failed.emit(f"导出时发生内部错误（{type(exc).__name__}），详情已记录在 {where}")
            return
        self.written.emit(str(self.target))


# -- the window --------------------------------------------------------------------------------
class MergeView(QWidget):
    """The list of inputs of a merge and what became of each."""

    mergeFinished = Signal()  # a run ended: merged, cancelled or failed
    exportFinished = Signal()  # the workbook was written, or writing it failed

    def __init__(self, window: MainWindow):
        super().__init__(window, Qt.WindowType.Window)
        self.window_ = window
        self.setWindowTitle("汇总多个单位")
        self.inputs: list[str] = []
        self.roster: list[str] | None = None
        self.roster_path: str = ""
        self.result: Consolidation | None = None
        self.run: MergeRun | None = None
        self.exporting: ExportRun | None = None
        self._again = False  # the inputs changed while a run was going: run once more
        self.opened: list = []  # unit windows opened from here, kept alive
        self._build()
        self.resize(980, 600)
        # quitting while files are read: stop the worker first (a running QThread destroyed
        # with its window aborts the program)
        QCoreApplication.instance().aboutToQuit.connect(self._stop_run)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        tools = QHBoxLayout()
        self.add_files_button = QPushButton("添加文件…")
        self.add_files_button.clicked.connect(self.add_files)
        self.add_folder_button = QPushButton("添加文件夹…")
        self.add_folder_button.clicked.connect(self.add_folder)
        self.roster_button = QPushButton("选择名单…")
        self.roster_button.setToolTip("应报送单位名单：文本文件每行一个单位，或 Excel 第一列")
        self.roster_button.clicked.connect(self.choose_roster)
        self.clear_button = QPushButton("清空")
        self.clear_button.clicked.connect(self.clear)
        for button in (self.add_files_button, self.add_folder_button, self.roster_button,
                       self.clear_button):
            tools.addWidget(button)
        self.roster_label = QLabel("未选择名单")
        tools.addWidget(self.roster_label, 1)
        layout.addLayout(tools)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 360)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's both ends tell
        self.table.cellDoubleClicked.connect(self._on_row_double_clicked)
        # the total's findings, each naming the units behind it: what to send back to whom
        self.findings_list = QListWidget()
        self.findings_list.setWordWrap(True)
        self.findings_list.setSpacing(3)
        self.findings_list.setToolTip("汇总数的校验问题，以及本身存在同一问题的单位和各自的差额")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.findings_list)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([420, 120])
        layout.addWidget(split, 1)

        busy = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("正在读取 %v / %m 个文件")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)

        bottom = QHBoxLayout()
        self.summary = QLabel("请添加各单位的草稿或统计表文件，或整个文件夹。")
        self.summary.setWordWrap(True)
        bottom.addWidget(self.summary, 1)
        self.total_button = QPushButton("生成汇总")
        self.total_button.setToolTip("在主窗口中打开汇总数，作为未命名的新草稿")
        self.total_button.clicked.connect(self.open_total)
        self.export_button = QPushButton("导出汇总表…")
        self.export_button.setToolTip("汇总表、分单位明细、校验结果（和未报送单位）写入一个 Excel 工作簿")
        self.export_button.clicked.connect(self.export_table)
        bottom.addWidget(self.total_button)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self._set_busy(False)

    # -- inputs ------------------------------------------------------------------------------
    def add_files(self) -> None:
        files = choose_files(self)
        if files:
            settings.set_folder("merge", str(Path(files[0]).parent))
            self.add_inputs(files)

    def add_folder(self) -> None:
        folder = choose_folder(self)
        if folder:
            settings.set_folder("merge", folder)
            self.add_inputs([folder])

    def add_inputs(self, paths: list[str]) -> None:
        known = set(self.inputs)
        self.inputs += [p for p in paths if p not in known]
        self.start()

    def choose_roster(self) -> None:
        path = choose_roster(self)
        if path:
            self.set_roster(path)

    def set_roster(self, path: str) -> None:
        try:
            self.roster = read_roster(path)
        except DraftError as exc:
            dialogs.show_error(self, "无法读取名单", str(exc))
            return
        self.roster_path = path
        self.roster_label.setText(f"名单：{Path(path).name}（{len(self.roster)} 个单位）")
        self.start()

    def clear(self) -> None:
        self.inputs, self.result = [], None
        if self.run is not None:
            self.run.cancel()
        self._show(None)

    # -- running -----------------------------------------------------------------------------
    def start(self) -> None:
        """Merge the listed inputs afresh (after the current run, if one is going)."""
        if self.run is not None:
            self._again = True
            self.run.cancel()
            return
        if not self.inputs:
            self._show(None)
            return
        self._again = False
        run = MergeRun(self.inputs, self.roster, self.roster_path, self)
        run.progressed.connect(self._on_progressed)
        run.merged.connect(self._on_merged)
        run.failed.connect(self._on_failed)
        run.stopped.connect(self._on_stopped)
        run.finished.connect(self._on_run_finished)
        self.run = run
        self.progress.setRange(0, 0)  # busy until the first chunk is read
        self._set_busy(True)
        self.summary.setText("正在读取并校验各单位的报表…")
        run.start()

    def cancel(self) -> None:
        if self.run is not None:
            self._again = False
            self.run.cancel()

    def is_running(self) -> bool:
        return self.run is not None

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_merged(self, result: Consolidation) -> None:
        self.result = result
        self._show(result)

    def _on_failed(self, message: str) -> None:
        self.summary.setText(message)
        dialogs.show_error(self, "汇总失败", message)

    def _on_stopped(self) -> None:
        if not self._again:
            self.result = None
            self.table.setRowCount(0)
            self.summary.setText("已取消汇总。可重新添加文件或文件夹。")

    def _on_run_finished(self) -> None:
        run, self.run = self.run, None
        if run is not None:
            run.deleteLater()
        self._set_busy(False)
        if self._again:
            self.start()
        self.mergeFinished.emit()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        ready = not busy and self.result is not None and self.result.total is not None
        self.total_button.setEnabled(ready)
        self.export_button.setEnabled(ready)

    # -- showing -----------------------------------------------------------------------------
    def _show(self, result: Consolidation | None) -> None:
        rows = input_rows(result) if result is not None else []
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self._put_row(r, row)
        self.table.setUpdatesEnabled(True)
        self.findings_list.clear()
        for item in result.findings if result is not None else []:
            text = f"[汇总数·{SEVERITY_NAMES[item.finding.severity]}] {item.finding.message}"
            if item.units:
                text += "\n涉及单位：" + item.units_text("差额 ")
            entry = QListWidgetItem(text)
            if item.finding.severity == "error":
                entry.setForeground(QBrush(QColor(_COLOURS["errors"])))
            self.findings_list.addItem(entry)
        if result is not None and result.total is not None and not result.findings:
            self.findings_list.addItem("汇总数校验通过。")
        self.summary.setText(self._summary(result))
        self._set_busy(self.run is not None)

    def _put_row(self, r: int, row: InputRow) -> None:
        colour = _COLOURS.get(row.kind)
        for c, text in enumerate((row.unit, row.file, row.state)):
            item = QTableWidgetItem(text)
            item.setData(FILE_ROLE, row.file)
            item.setToolTip(text)
            if colour and c == 2:
                item.setForeground(QBrush(QColor(colour)))
            self.table.setItem(r, c, item)

    def _summary(self, result: Consolidation | None) -> str:
        if result is None:
            return "请添加各单位的草稿或统计表文件，或整个文件夹。"
        if result.total is None:
            return "没有可汇总的报表：请查看各文件的状态。"
        parts = [f"已汇总 {len(result.merged)} 个单位（{result.year}年度）"]
        if result.unit_errors:
            parts.append(f"{result.unit_errors} 个单位有错误")
        if result.refused:
            parts.append(f"拒收 {len(result.refused)} 个文件")
        if result.roster is not None:
            parts.append(f"未报送 {len(result.missing)} 个")
        errors = sum(1 for f in result.findings if f.finding.severity == "error")
        parts.append(f"汇总数 {errors} 个错误" if errors else "汇总数校验通过")
        return "；".join(parts) + "。双击一行可打开该单位的报表。"

    # -- actions -----------------------------------------------------------------------------
    def open_total(self) -> None:
        """生成汇总: the total in the main window as a new untitled draft."""
        result = self.result
        if result is None or result.total is None or not self.window_.maybe_save():
            return
        self.window_.replace_document(DraftDocument(result.total, None, modified=True))
        self.window_.show_message(f"已生成 {len(result.merged)} 个单位的汇总（未保存），请检查后保存")
        self.window_.raise_()
        self.window_.activateWindow()

    def export_table(self) -> None:
        result = self.result
        if result is None or result.total is None:
            return
        folder = settings.folder("merge", str(Path.home()))
        suggested = str(Path(folder) / f"{result.unit}{result.year}年度汇总表.xlsx")
        path = choose_table_path(self, suggested)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        settings.set_folder("merge", str(target.parent))
        export = ExportRun(result, target, self)
        export.written.connect(self._on_exported)
        export.failed.connect(lambda message: dialogs.show_error(self, "导出失败", message))
        export.finished.connect(self._on_export_finished)
        self.exporting = export
        self.progress.setRange(0, 0)
        self.progress.setFormat("正在写出汇总表…")
        self.progress.setVisible(True)
        for button in (self.total_button, self.export_button, self.add_files_button,
                       self.add_folder_button, self.roster_button, self.clear_button):
            button.setEnabled(False)
        export.start()

    def _on_exported(self, path: str) -> None:
        self.summary.setText(f"已导出汇总表：{path}")

    def _on_export_finished(self) -> None:
        export, self.exporting = self.exporting, None
        if export is not None:
            export.deleteLater()
        self.progress.setFormat("正在读取 %v / %m 个文件")
        for button in (self.add_files_button, self.add_folder_button, self.roster_button,
                       self.clear_button):
            button.setEnabled(True)
        self._set_busy(False)
        self.exportFinished.emit()

    def _on_row_double_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        file = item.data(FILE_ROLE) if item is not None else ""
        if file:
            self.open_unit(file, item.text())

    def open_unit(self, file: str, unit: str) -> None:
        where = ask_where_to_open(self, unit)
        if where is None:
            return
        path = Path(file)
        if where == "main":
            if path.suffix.lower() == SUFFIX:
                self.window_.open_path(path)  # asks to save the open draft first
                return
            if not self.window_.maybe_save():
                return
            target = self.window_
        else:
            target = type(self.window_)()  # a window of its own, closed by the clerk
            target.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.opened.append(target)
            target.destroyed.connect(lambda *_a, w=target: self._forget(w))
            if path.suffix.lower() == SUFFIX:
                if not target.open_path(path, ask_to_save=False):
                    target.close()
                    return
                target.resize(target.default_size())
                target.show()
                return
        from ..consolidation.unit_reading import read_document

        try:
            draft = read_document(path, self.result.year if self.result else None)
        except DraftError as exc:
            dialogs.show_error(self, "无法打开", str(exc))
            if target is not self.window_:
                target.close()
            return
        target.replace_document(DraftDocument(draft, None, modified=True))
        target.show_message(f"已从 {path} 读入（未保存）")
        if target is not self.window_:
            target.resize(target.default_size())
            target.show()

    def _forget(self, window) -> None:
        if window in self.opened:
            self.opened.remove(window)

    def _stop_run(self) -> None:
        if self.run is not None:
            self._again = False
            self.run.cancel()
            self.run.wait()
        if self.exporting is not None:  # a workbook half written is never left: let it end
            self.exporting.wait()

    def closeEvent(self, event) -> None:
        self._stop_run()
        super().closeEvent(event)


def show_merge_view(window: MainWindow) -> MergeView:
    """The window's one merge view, shown and raised."""
    view = window.findChild(MergeView)
    if view is None:
        view = MergeView(window)
    view.show()
    view.raise_()
    view.activateWindow()
    return view
