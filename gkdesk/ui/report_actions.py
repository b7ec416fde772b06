"""The window's Word commands — 导出 Word 表格, 生成年度报告, 核对年报正文 — and the watch that
checks the report's text again whenever its file is saved. Loaded on first use.

The report's findings (TEXT-…) join the findings panel but not the cells' tints: the table is
not wrong because a sentence is. Clicking one selects its cells and shows the sentence.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from ..draft import DraftError
from ..report.commands import remember_report, remembered_report
from ..report.reading import read_paragraphs
from ..report.textcheck import Claim, TextFinding, claims_in, findings_from, title_of
from . import dialogs, exchange

if TYPE_CHECKING:
    from .main_window import MainWindow

RECHECK_DELAY_MS = 300  # Word writes a file in several steps: read it once they are done
MISSING_RETRIES = 10  # seconds to wait for a report file that vanished to come back

WORD_FILTER = "Word 文档 (*.docx)"


class ReportTextCheck(QObject):
    """One report file checked against the open draft: read when picked and whenever it is
    saved again (QFileSystemWatcher, re-armed after an atomic replace), compared again whenever
    the draft's numbers change."""

    findingsChanged = Signal()
    messageRaised = Signal(str)

    def __init__(self, document, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.path = Path(path)
        self.paragraphs: list[str] = []
        # what the text says: split and matched once per read, not on every keystroke
        self.claims: list[Claim] = []
        self.title: str | None = None
        self._claims_edition = None
        self.findings: list[TextFinding] = []
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DELAY_MS)
        self._timer.timeout.connect(self._on_settled)
        self._retries = 0
        for signal in (document.valuesChanged, document.fieldsChanged):
            signal.connect(self._compare)

    def start(self) -> None:
        """Read the file now (raises DraftError when it cannot be read) and watch it."""
        self._read(read_paragraphs(self.path))
        self._watch()
        self._compare()

    def stop(self) -> None:
        for signal in (self.document.valuesChanged, self.document.fieldsChanged):
            try:
                signal.disconnect(self._compare)
            except (RuntimeError, TypeError):
                pass
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self._timer.stop()

    def _watch(self) -> None:
        # an atomic replace (how Word and gkdesk save) ends the watch on the old file
        if str(self.path) not in self.watcher.files() and self.path.exists():
            self.watcher.addPath(str(self.path))

    def _on_file_changed(self, _path: str) -> None:
        self._timer.start()

    def _on_settled(self) -> None:
        self._watch()
        try:
            paragraphs = read_paragraphs(self.path)
        except DraftError as exc:  # gone or half-written: keep the last findings, say why
            self.messageRaised.emit(f"暂时无法读取年报正文：{exc}")
            if self._retries < MISSING_RETRIES:  # a save that deletes before it writes
                self._retries += 1
                QTimer.singleShot(1000, self, self._on_settled)
            return
        self._retries = 0
        self._read(paragraphs)
        self._compare()
        self.messageRaised.emit(f"年报正文已保存，重新核对：{_summary(self.findings)}")

    def _read(self, paragraphs: list[str]) -> None:
        edition = self.document.draft.edition_obj
        self.paragraphs = paragraphs
        self.claims = claims_in(paragraphs, edition.phrases)
        self.title = title_of(paragraphs)
        self._claims_edition = edition

    def _compare(self, *_args) -> None:
        draft = self.document.draft
        if draft.edition_obj is not self._claims_edition:  # phrases are the edition's
            self._read(self.paragraphs)
        findings = findings_from(self.claims, self.title, draft.edition_obj, draft.year,
                                 draft.unit, draft.values)
        if findings != self.findings:
            self.findings = findings
            self.findingsChanged.emit()


def _summary(findings: list[TextFinding]) -> str:
    return f"{len(findings)} 处与表格不符" if findings else "正文中的数字与表格一致"


def watch_report(window: MainWindow, path: Path) -> bool:
    """Check `path` against the window's draft from now on (replacing an earlier report)."""
    doc = window.document
    if doc is None:
        return False
    check = ReportTextCheck(doc, path, window)
    try:
        check.start()
    except DraftError as exc:
        check.stop()
        check.deleteLater()
        dialogs.show_error(window, "无法核对年报正文", str(exc))
        return False
    forget_report(window)
    window.report_text = check
    check.findingsChanged.connect(window._on_findings_changed_by_text)
    check.messageRaised.connect(window.show_message)
    window._on_findings_changed_by_text()
    window.show_message(f"已核对年报正文“{path.name}”：{_summary(check.findings)}；"
                        "此文件再次保存时会自动重新核对")
    return True


def forget_report(window: MainWindow) -> None:
    check = getattr(window, "report_text", None)
    if check is not None:
        check.stop()
        check.deleteLater()
        window.report_text = None


# --------------------------------------------------------------------------------------------
# Menu commands

def export_word_tables(window: MainWindow) -> None:
    """文件 → 导出 Word 表格: the tables as native Word tables."""
    if not exchange.ready_to_leave(window, " Word 表格"):
        return
    target = exchange.export_path(window, "导出 Word 表格",
                                  exchange.table_file_name(window, ".docx"), WORD_FILTER)
    if target is None:
        return
    from ..exporting.docx import write_docx

    doc = window.document
    if exchange.write_out(window, "导出失败", target,
                          lambda t: write_docx(doc.draft, t, doc.findings)):
        window.show_message(f"已导出 Word 表格到 {target}")


def generate_report(window: MainWindow) -> None:
    """文件 → 生成年度报告: the whole report in Word, then watched for the text check."""
    if not exchange.ready_to_leave(window, "年度报告"):
        return
    doc = window.document
    draft = doc.draft
    remembered = remembered_report(draft, doc.path)
    name = remembered.name if remembered else \
        f"{draft.year}年{draft.unit or ''}政府信息公开工作年度报告.docx"
    # its own question below says what overwriting a report loses; not the dialog's too
    target = exchange.export_path(window, "生成年度报告", name, WORD_FILTER,
                                  confirm_overwrite=False)
    if target is None:
        return
    if target.exists() and not dialogs.ask_overwrite_report(window, target):
        return
    from ..report.writer import write_report

    if not exchange.write_out(window, "无法生成年度报告", target,
                              lambda t: write_report(draft, t)):
        return
    if remember_report(draft, doc.path, target):
        doc.mark_changed()  # saved with the draft: 核对年报正文 then starts from this file
    watch_report(window, target)
    window.show_message(f"已生成年度报告 {target}：请在 Word 中补写黄色标出的【请填写】部分；"
                        "保存后 gkdesk 会核对正文中的数字")


def check_report_text(window: MainWindow) -> None:
    """校验 → 核对年报正文…: pick the report file, list its contradictions, keep watching it."""
    doc = window.document
    if doc is None or not window.commit_pending():  # before the file dialog takes the focus
        return
    remembered = remembered_report(doc.draft, doc.path)
    start = str(remembered) if remembered else exchange.export_folder(window)
    path, _ = QFileDialog.getOpenFileName(window, "核对年报正文：选择年度报告", start,
                                          "年度报告 (*.docx *.txt *.html *.htm)")
    if not path:
        return
    watch_report(window, Path(path))
