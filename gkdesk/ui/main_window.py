"""MainWindow: the clerk's window over one draft — header, the table(s) as tabs, findings beside
them, the menus 文件 / 编辑 / 校验, and the guards that keep typed numbers from being lost."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPalette, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from .. import __version__, locking
from ..datadir import log_dir
from ..datafiles import sample_draft_path
from ..logs import LOG_NAME
from ..draft import SUFFIX, Draft, DraftError, load_draft, new_draft, save_draft
from ..editions import EditionError, all_editions
from ..pending import live_summary
from ..rules import count_by_severity
from . import settings
from .document import DraftDocument
from .findings_panel import FindingsPanel
from .header_form import HeaderForm
from .recovery import Autosaver, discard_record, orphans
from .steady_label import SteadyLabel
from .table_model import IndicatorTableModel
from .table_tabs import TableTabs
from .table_view import GridTableView

DEFAULT_SIZE = QSize(1280, 680)  # fits 1366×768 with the taskbar and the title bar
MESSAGE_MS = 8000


# Imported when first needed, not at start-up: the first paint needs neither the modal dialogs
# (QMessageBox & co. cost ~10 ms of Python enum building) nor the file dialog.
def _dialogs():
    from . import dialogs

    return dialogs


def _file_dialog():
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog


class _AfterFirstPaint(QObject):
    """Runs work the first look does not need once the window has painted for the first time
    (a zero timer alone runs before it: Qt serves timers before the window's first paint)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.work: list = []
        self.painted = False
        window.installEventFilter(self)

    def add(self, work) -> None:
        if self.painted:
            QTimer.singleShot(0, self, work)
        else:
            self.work.append(work)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            watched.removeEventFilter(self)
            for work in self.work:
                QTimer.singleShot(0, self, work)
            self.work = []
        return False


class MainWindow(QMainWindow):
    """The window over one draft at a time."""

    draftLoaded = Signal()
    draftSaved = Signal(str)

    def __init__(self, use_lock: bool = True, autosave_ms: int | None = None):
        super().__init__()
        self.use_lock = use_lock
        self.document: DraftDocument | None = None
        self.models: list[IndicatorTableModel] = []
        self.views: list[GridTableView] = []
        self._locked_path: Path | None = None
        self.report_text = None  # the annual report whose sentences are checked (report_actions)
        self.undo_group = QUndoGroup(self)
        self.autosaver = Autosaver(self._recovery_snapshot, parent=self) if autosave_ms is None \
            else Autosaver(self._recovery_snapshot, autosave_ms, self)
        self.setAcceptDrops(True)
        self.after_first_paint = _AfterFirstPaint(self)
        self._build_widgets()
        self._build_menus()
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(locking.REFRESH_SECONDS * 1000)
        self._lock_timer.timeout.connect(self._on_lock_refresh)
        self._lock_timer.start()

    # ---------------------------------------------------------------------------------------
    # Building
    def _build_widgets(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        self.title_label = QLabel()
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)
        self.header_form = HeaderForm()
        self.header_form.messageRaised.connect(self.show_message)
        layout.addWidget(self.header_form)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = TableTabs()
        layout.addWidget(self.tabs.bar)  # the whole width: tab names stay whole
        self.splitter.addWidget(self.tabs)
        self.panel = FindingsPanel()
        self.panel.setMinimumWidth(260)
        self.panel.findingClicked.connect(self._on_finding_clicked)
        self.panel.fixRequested.connect(self._on_fix_requested)
        self.panel.fix_for = lambda finding: (self.document.fix_for(finding)
                                              if self.document is not None else None)
        self.panel.explainRequested.connect(self._on_explain_requested)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([950, 310])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.count_label = SteadyLabel()
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        self.count_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addPermanentWidget(self.count_label)

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(self)  # not QAction(text, …): matching it builds QIcon's enums, ~3 ms
        action.setText(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        """The menus and their actions (with their shortcuts), all built here: an action is an
        attribute like any other, there from the start."""
        bar = self.menuBar()
        file_menu, edit_menu, check_menu, help_menu = (
            bar.addMenu("文件(&F)"), bar.addMenu("编辑(&E)"), bar.addMenu("校验(&C)"),
            bar.addMenu("帮助(&H)"))
        self.act_new = self._action(file_menu, "新建(&N)…", self.new_file,
                                    QKeySequence.StandardKey.New, "新建一个年度的统计表草稿")
        self.act_open = self._action(file_menu, "打开(&O)…", self.open_file,
                                     QKeySequence.StandardKey.Open)
        self.act_save = self._action(file_menu, "保存(&S)", self.save,
                                     QKeySequence.StandardKey.Save)
        self.act_save_as = self._action(file_menu, "另存为(&A)…", self.save_as, "Ctrl+Shift+S")
        self.act_next_year = self._action(file_menu, "新建下一年度…", self.new_next_year,
                                          tip="以本草稿为上年数据，新建下一年度的草稿")
        self.act_previous = self._action(file_menu, "打开上年数据…", self.attach_previous,
                                         tip="打开上年度的草稿：本年数旁显示上年数，"
                                             "并核对上年结转等跨年度数字")
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.act_import = self._action(file_menu, "导入…", self.import_document,
                                       tip="从 Excel、Word 或网页中的统计表读出草稿")
        self.act_export_xlsx = self._action(file_menu, "导出 Excel…", self.export_xlsx)
        self.act_export_html = self._action(file_menu, "导出 Word (HTML)…", self.export_html)
        self.act_export_docx = self._action(file_menu, "导出 Word 表格…", self.export_word_tables,
                                            tip="统计表写成 Word 文档中的表格（.docx），可附在年报后")
        self.act_report = self._action(file_menu, "生成年度报告…", self.generate_report,
                                       tip="由表中数字写出整篇年度报告（.docx），再在 Word 中补写")
        self.act_copy_table = self._action(file_menu, "复制表格", self.copy_table,
                                           tip="复制整张表，可直接粘贴到 Word 或 Excel")
        self.act_merge = self._action(file_menu, "汇总多个单位…", self.open_merge_view,
                                      tip="把各单位的报表加总成一张汇总表，逐个校验并列出问题")
        file_menu.addSeparator()
        self.act_quit = self._action(file_menu, "退出(&X)", self.close, "Ctrl+Q")

        self.act_undo = self.undo_group.createUndoAction(self, "撤销")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        edit_menu.addAction(self.act_undo)
        self.act_redo = self.undo_group.createRedoAction(self, "重做")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        # Copy/paste/clear act on the table; the views also take the keys themselves, and the
        # header's line edits keep their own Ctrl+C/Ctrl+V (Qt gives them the shortcut first).
        self.act_copy = self._action(edit_menu, "复制(&C)", self.copy,
                                     QKeySequence.StandardKey.Copy)
        self.act_paste = self._action(edit_menu, "粘贴(&V)", self.paste,
                                      QKeySequence.StandardKey.Paste)
        self.act_clear = self._action(edit_menu, "清除\tDel", self.clear_cells)
        edit_menu.addSeparator()
        # As in Excel: Ctrl+PgDn / Ctrl+PgUp go to the next / previous sheet (table).
        self.act_next_tab = self._action(edit_menu, "下一张表", lambda: self._step_tab(1),
                                         "Ctrl+PgDown")
        self.act_previous_tab = self._action(edit_menu, "上一张表", lambda: self._step_tab(-1),
                                             "Ctrl+PgUp")

        self.act_fill_totals = self._action(check_menu, "填入空白合计", self.fill_blank_totals,
                                            "Ctrl+T", "分项都已填写、合计还空着的，填入分项之和")
        self.act_finish = self._action(check_menu, "完成（检查漏填）", self.finish, "F9",
                                       "检查全表：列出所有错误、警告和尚未填写的指标")
        self.act_check_text = self._action(check_menu, "核对年报正文…", self.check_report_text,
                                           tip="找出年报正文中与表格不符的数字；报告再次保存时自动重新核对")

        self.act_sample = self._action(help_menu, "打开示例…", self.open_sample,
                                       tip="淄博市公共资源交易中心 2018 年度的统计表，作为未命名草稿打开")
        self.act_about = self._action(help_menu, "关于 gkdesk", self.show_about)

    # ---------------------------------------------------------------------------------------
    # The document
    def set_document(self, document: DraftDocument) -> None:
        old = self.document
        if self.report_text is not None:  # that report was checked against the old draft
            self.report_text.stop()
            self.report_text.deleteLater()
            self.report_text = None
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.document = document
        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.findingsChanged.connect(self._on_findings_changed)
        document.modifiedChanged.connect(self._update_title)
        document.fieldsChanged.connect(self._update_title)
        # Every change, merged edits of one cell included (they leave the stack's index alone).
        document.valuesChanged.connect(lambda cells: self.autosaver.schedule(len(cells)))
        for signal in (document.fieldsChanged, document.explanationsChanged,
                       document.previousChanged):
            signal.connect(self._on_edited)
        # The 上年 column takes room: share the width once the models have taken the change.
        document.previousChanged.connect(lambda: QTimer.singleShot(0, self, self._share_width))
        self.header_form.set_document(document)
        self.tabs.clear()
        for view in self.views:
            view.deleteLater()
        self.models, self.views = [], []
        for table in document.edition.tables:
            model = IndicatorTableModel(document, table)
            view = GridTableView(model)
            model.setParent(view)  # deleted with its view when another draft is shown
            view.messageRaised.connect(self.show_message)
            view.fixRequested.connect(self._on_fix_requested)
            self.models.append(model)
            self.views.append(view)
            self.tabs.addTab(view, table.title)
        self.after_first_paint.add(self._freeze_panes)
        self._on_findings_changed([])
        self._update_title()
        self._share_width()
        self.draftLoaded.emit()
        if self.views:
            self.views[0].setFocus()

    def _freeze_panes(self) -> None:
        for view in self.views:
            view.freeze_panes()

    def replace_document(self, document: DraftDocument) -> None:
        """Drop the open draft (its lock, its recovery record) for another; one that starts out
        unsaved (an import, next year's draft) gets its recovery countdown at once."""
        self._release_lock()
        self.autosaver.discard()
        self.set_document(document)
        if document.is_modified():
            self.autosaver.schedule()

    def _share_width(self) -> None:
        """The table gets the width it needs (up to 3/4 of the window), the findings the rest."""
        total = self.splitter.width() if self.isVisible() else self.width() - 16
        if not self.views or total < 400:
            return
        wanted = max(v.ideal_width() for v in self.views)
        table = max(min(wanted, total * 3 // 4, total - 300), total // 2)
        self.splitter.setSizes([table, total - table])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._share_width()
            # Typing starts in the table, on its first value box (not in 填报单位).
            QTimer.singleShot(0, self, self._focus_table)

    def _focus_table(self) -> None:
        view = self.current_view()
        focused = self.focusWidget()  # the window's own, active or not
        if view is None or (focused is not None and (focused is view or view.isAncestorOf(focused))):
            return  # already in the table (an editor open in it included)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_title(self, *_args) -> None:
        doc = self.document
        if doc is None:
            return
        name = doc.path.name if doc.path else "未命名（尚未保存）"
        # Qt adds the application's display name (政府信息公开统计表 gkdesk) after it.
        self.setWindowTitle(f"{name}[*]")
        self.setWindowModified(doc.is_modified())
        self.title_label.setText(doc.edition.title_for(doc.draft.year)
                                 + (f"  <span style='font-weight:normal; font-size:small'>"
                                    f"{doc.edition.subtitle}</span>" if doc.edition.subtitle
                                    else ""))

    def _on_edited(self, *_args) -> None:
        # One committed edit (a paste counts each box). Called while a command is being pushed,
        # after the draft changed: the autosaver writes at the 20th edit at once (an abort may
        # follow) or a minute after the first, and nothing for a draft that is back to clean.
        self.autosaver.schedule()

    def _on_findings_changed(self, _cells) -> None:
        doc = self.document
        if doc is None:
            return
        settled = doc.settled_findings()
        pending = doc.pending_findings() if doc.pending else []
        in_text = self.report_text.findings if self.report_text is not None else []
        self.panel.set_empty_text(bool(doc.draft.values))
        self.panel.set_findings(settled + in_text, pending)
        text, colour = live_summary(settled, len(pending), bool(doc.draft.values))
        if in_text:
            text += f" · 年报正文 {len(in_text)} 处不符"
        self.count_label.setText(text)
        # Every edit comes here: a palette, not a style sheet (a new sheet re-polishes).
        palette = self.count_label.palette()
        if palette.color(QPalette.ColorRole.WindowText) != QColor(colour):
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            self.count_label.setPalette(palette)

    def _on_findings_changed_by_text(self) -> None:
        self._on_findings_changed([])

    def commit_pending(self) -> bool:
        """Whatever is still being typed — in a cell or a header field — goes into the draft.
        False when a cell holds text that is not a number: it stays open and red, shown, and
        whatever was asked for (保存, 关闭, …) waits until the clerk corrects it or presses Esc."""
        for view in self.views:
            if not view.commit_pending_edit():
                self.tabs.setCurrentWidget(view)
                view.open_editor().setFocus()
                return False
        self.header_form.commit_all()
        return True

    def current_view(self) -> GridTableView | None:
        view = self.tabs.currentWidget()
        return view if isinstance(view, GridTableView) else None

    def view_of(self, cell_id: str) -> GridTableView | None:
        for view in self.views:
            if view.model().index_of(cell_id).isValid():
                return view
        return None

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def default_size(self) -> QSize:
        """1280×680, or less on a smaller (or more scaled) screen, keeping the value column."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or QGuiApplication.platformName() in ("offscreen", "minimal"):
            return DEFAULT_SIZE
        available = screen.availableGeometry()
        return QSize(min(DEFAULT_SIZE.width(), available.width() - 24),
                     min(DEFAULT_SIZE.height(), available.height() - 56))

    def restore_state(self) -> None:
        geometry = settings.app_settings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self.default_size())

    # ---------------------------------------------------------------------------------------
    # Findings
    def _on_finding_clicked(self, finding) -> None:
        sentence = getattr(finding, "context", "")  # a finding about the report's text
        if sentence:
            self.show_message(f"年报正文：{sentence}")
        cells = list(finding.cells)
        if not cells:
            return
        view = self.view_of(cells[0])
        if view is None:
            return
        self.tabs.setCurrentWidget(view)
        view.select_cells(cells)
        view.setFocus()

    def _on_fix_requested(self, fix) -> None:
        """Apply a quick fix, then put the cursor back on the fixed cell in the table, so the
        next Ctrl+Z undoes the fix (not the last header field's typing)."""
        if self.document is None:
            return
        self.document.edit_values({fix.cell: fix.value})
        self.show_message(f"已{fix.text}（可按 Ctrl+Z 撤销）")
        self.focus_cell(fix.cell)

    def focus_cell(self, cell_id: str) -> None:
        view = self.view_of(cell_id)
        if view is None:
            return
        self.tabs.setCurrentWidget(view)
        view.setCurrentIndex(view.model().index_of(cell_id))
        view.scrollTo(view.currentIndex())
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def fill_blank_totals(self) -> None:
        """填入空白合计: one undo step; says how many were filled."""
        if self.document is None or not self.commit_pending():
            return
        count = self.document.fill_blank_totals()
        if count:
            self.show_message(f"已填入 {count} 个空白合计（各为其分项之和，可按 Ctrl+Z 撤销）")
        else:
            self.show_message("没有可填入的空白合计：合计已填写，或其分项尚未全部填写")

    def _on_explain_requested(self, finding) -> None:
        if self.document is None:
            return
        current = self.document.draft.explanations.get(finding.key, "")
        text = _dialogs().ask_explanation(self, finding.message, current)
        if text is not None:
            self.document.edit_explanation(finding.key, text)

    def finish(self) -> None:
        """完成: the whole check including blanks, and a short verdict."""
        if self.document is None or not self.commit_pending():
            return
        self.document.set_complete(True)
        findings = self.document.findings
        counts = count_by_severity(findings)
        blank = next((f for f in findings if f.rule == "COMPLETE"), None)
        if not counts["error"] and blank is None:
            unexplained = sum(1 for f in findings if f.severity == "warning" and not f.explanation)
            text = "表格已完成：没有错误，也没有漏填。"
            if unexplained:
                text += f"\n还有 {unexplained} 个警告没有说明，请核对后填写说明。"
            _dialogs().show_info(self, "完成", text)
            return
        parts = []
        if counts["error"]:
            parts.append(f"还有 {counts['error']} 个错误需要改正")
        if blank is not None:
            parts.append(f"有 {len(blank.cells)} 项未填写（已在表中标出；实际为 0 的请填 0）")
        _dialogs().show_info(self, "尚未完成", "；\n".join(parts) + "。\n详见右侧校验结果。")

    # ---------------------------------------------------------------------------------------
    # Files
    def new_default(self) -> None:
        """The draft a bare `gkdesk` opens: last year's, edition per the year."""
        draft = new_draft(_dialogs().last_year())
        self.set_document(DraftDocument(draft))

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current draft (saved, or the clerk said so)."""
        doc = self.document
        if doc is None:
            return True
        if not self.commit_pending():
            return False
        if not doc.is_modified():
            return True
        name = doc.path.name if doc.path else "未命名草稿"
        answer = _dialogs().ask_save_changes(self, name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_file(self) -> None:
        if not self.maybe_save():
            return
        choice = _dialogs().ask_new_draft(self, _dialogs().last_year())
        if choice is None:
            return
        year, edition = choice
        doc = self.document
        # Unit and contacts carry over from the clerk's own draft, never from the sample.
        previous = doc.draft if doc is not None and not doc.is_sample else None
        try:
            draft = new_draft(year, edition, contacts_from=previous)
        except EditionError as exc:
            _dialogs().show_error(self, "无法新建", str(exc))
            return
        self.replace_document(DraftDocument(draft, modified=False))

    def open_file(self) -> None:
        if not self.maybe_save():
            return
        path, _ = _file_dialog().getOpenFileName(self, "打开草稿", settings.folder("open"),
                                              f"gkdesk 草稿 (*{SUFFIX});;所有文件 (*)")
        if path:
            self.open_path(path, ask_to_save=False)

    def open_sample(self) -> None:
        """The shipped sample as an unsaved copy, so the clerk can try everything on it and
        never overwrites the file inside the installation."""
        if not self.maybe_save():
            return
        document = DraftDocument(load_draft(sample_draft_path()))
        document.is_sample = True
        self.replace_document(document)
        self.show_message("已打开示例（未命名草稿）：申请办结数一行的错误是原表中就有的")

    def show_about(self) -> None:
        editions = "\n".join(f"· {e.name}" for e in all_editions().values())
        _dialogs().show_info(self, "关于 gkdesk",
                             f"gkdesk {__version__}：政府信息公开工作年度报告统计表\n\n"
                             f"支持的表格格式：\n{editions}\n\n"
                             f"出现问题时，请把日志文件夹中的 {LOG_NAME} 发给技术支持：\n"
                             f"{log_dir()}")

    def open_path(self, path: str | os.PathLike, ask_to_save: bool = True) -> bool:
        """Open a draft file: check the lock, read it, show it. False when not opened."""
        path = Path(path).absolute()
        if ask_to_save and not self.maybe_save():
            return False
        if self.use_lock:  # taken before reading: of two windows opening it, one gets it
            owner = locking.acquire(path)
            if owner is not None:
                if not _dialogs().ask_open_locked(self, path.name, owner):
                    return False
                locking.acquire(path, take_over=True)
        try:
            draft = load_draft(path)
        except DraftError as exc:
            if path != self._locked_path:
                locking.release(path)
            _dialogs().show_error(self, "无法打开", str(exc))
            settings.remove_recent_file(str(path))
            return False
        self.replace_document(DraftDocument(draft, path))
        self._take_lock(path)
        self.after_first_paint.add(lambda: self._remember_file(path))
        self.show_message(f"已打开 {path}")
        return True

    def save(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        if doc.path is None:
            return self.save_as()
        return self._save_to(doc.path)

    def save_as(self) -> bool:
        doc = self.document
        if doc is None or not self.commit_pending():  # before the file dialog takes the focus
            return False
        folder = doc.folder or Path(settings.folder("open", str(Path.home())))
        suggested = doc.path or folder / f"{doc.draft.unit or '统计表'}{doc.draft.year}年度{SUFFIX}"
        path, _ = _file_dialog().getSaveFileName(self, "另存为", str(suggested),
                                              f"gkdesk 草稿 (*{SUFFIX})")
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        return self._save_to(target.absolute())

    def _save_to(self, path: Path) -> bool:
        doc = self.document
        assert doc is not None
        if not self.commit_pending():
            return False
        owner = locking.other_owner(path) if self.use_lock else None
        if owner is not None and not _dialogs().ask_save_over_lock(self, path.name, owner):
            return False
        try:
            save_draft(doc.draft, path)
        except DraftError as exc:
            _dialogs().show_error(self, "保存失败", f"{exc}\n\n您填写的内容仍在窗口中，"
                               "请换一个文件夹另存。")
            return False
        if path != doc.path:
            self._release_lock()
            self._take_lock(path)
        doc.mark_saved(path)
        self.autosaver.discard()
        self._remember_file(path)
        self._update_title()
        self.show_message(f"已保存到 {path}")
        self.draftSaved.emit(str(path))
        return True

    def _remember_file(self, path: Path) -> None:
        """First in 最近打开, and its folder is where 打开 and 另存为 start next time."""
        settings.add_recent_file(str(path))
        settings.set_folder("open", str(path.parent))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        for number, file in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {file}")
            action.triggered.connect(lambda _checked=False, f=file: self.open_path(f))

    # -- the lock ----------------------------------------------------------------------------
    def _take_lock(self, path: Path) -> None:
        if self.use_lock and locking.acquire(path) is None and locking.holds(path):
            self._locked_path = path

    def _release_lock(self) -> None:
        if self._locked_path is not None:
            locking.release(self._locked_path)
            self._locked_path = None

    def _on_lock_refresh(self) -> None:
        if self._locked_path is not None:
            locking.refresh(self._locked_path)

    # -- recovery --------------------------------------------------------------------------
    def _recovery_snapshot(self) -> tuple[Draft, Path | None] | None:
        doc = self.document
        if doc is None or not doc.is_modified():
            return None
        return doc.draft, doc.path

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest record left behind. True when recovered."""
        records = orphans()
        if not records:
            return False
        record = records[0]
        answer = _dialogs().ask_recover(self, record.describe())
        if answer == "later":
            return False
        if answer == "discard":
            discard_record(record)
            return False
        original = Path(record.original) if record.original else None
        self._release_lock()
        self.set_document(DraftDocument(record.draft, original, modified=True))
        if original is not None and original.exists():
            self._take_lock(original)
        if self.autosaver.save_now():  # safe again under this window before the old one goes
            discard_record(record)
        self.show_message("已恢复上次未保存的修改，请检查后保存")
        return True

    # -- last year, next year, Excel and Word: exchange.py, loaded on first use -------------
    def attach_previous(self) -> None:
        """打开上年数据: embed last year's draft (undoable); a draft of another year is refused."""
        from . import exchange

        exchange.attach_previous(self)

    def new_next_year(self) -> None:
        """新建下一年度: next year's draft from this one, as a new unsaved document."""
        from . import exchange

        exchange.new_next_year(self)

    def export_xlsx(self) -> None:
        from . import exchange

        exchange.export(self, "xlsx")

    def export_html(self) -> None:
        from . import exchange

        exchange.export(self, "html")

    # -- Word: the tables, the annual report and its text check (report_actions.py) -------
    def export_word_tables(self) -> None:
        from . import report_actions

        report_actions.export_word_tables(self)

    def generate_report(self) -> None:
        from . import report_actions

        report_actions.generate_report(self)

    def check_report_text(self) -> None:
        from . import report_actions

        report_actions.check_report_text(self)

    def import_document(self) -> None:
        self.import_file(None)

    def import_file(self, path: str | None) -> None:
        """导入: a table from any document (a dropped file, or one chosen when path is None)."""
        from . import intake_dialog

        intake_dialog.import_document(self, path)

    def copy_table(self) -> None:
        from . import exchange

        exchange.copy_table(self)

    def open_merge_view(self) -> None:
        """汇总多个单位: the merge view (merge_view.py), one per window."""
        from .merge_view import show_merge_view

        show_merge_view(self)

    # -- edit menu -----------------------------------------------------------------------
    def copy(self) -> None:
        view = self.current_view()
        if view is not None:
            view.copy_selection()

    def paste(self) -> None:
        view = self.current_view()
        if view is not None:
            view.paste()

    def _step_tab(self, step: int) -> None:
        count = self.tabs.count()
        if count > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)
            self.tabs.currentWidget().setFocus()

    def clear_cells(self) -> None:
        view = self.current_view()
        if view is not None:
            view.clear_selection_values()

    # ---------------------------------------------------------------------------------------
    # Qt events
    def closeEvent(self, event) -> None:
        if not self.maybe_save():  # it commits what is still being typed first
            event.ignore()
            return
        settings.app_settings().setValue("window/geometry", self.saveGeometry())
        self._release_lock()
        self.autosaver.discard()
        event.accept()

    def dragEnterEvent(self, event) -> None:
        if any(self._droppable(u.toLocalFile()) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    @staticmethod
    def _droppable(path: str) -> bool:
        from .intake_dialog import accepts  # a draft opens; any other table is imported

        return path.lower().endswith(SUFFIX) or accepts(path)

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            path = url.toLocalFile()
            if path.lower().endswith(SUFFIX):
                event.acceptProposedAction()
                # After the drop returns (the file's questions are modal); the window as the
                # context, so a window closed meanwhile is not called.
                QTimer.singleShot(0, self, lambda p=path: self.open_path(p))
                return
            if self._droppable(path):
                event.acceptProposedAction()
                QTimer.singleShot(0, self, lambda p=path: self.import_file(p))
                return
