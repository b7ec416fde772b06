"""The window's modal questions, in Chinese with explicit button texts. Kept in one module so
tests replace them (monkeypatch) instead of clicking real modal dialogs."""
from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog,
                               QLabel, QMessageBox, QSpinBox, QVBoxLayout, QWidget)

from ..draft import MAX_YEAR, MIN_YEAR
from ..editions import all_editions, default_edition_for
from ..locking import LockOwner


def _ask(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: list[tuple[str, str, QMessageBox.ButtonRole]], default: str,
         informative: str = "") -> str:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    made = {}
    for key, label, role in buttons:
        made[key] = box.addButton(label, role)
    box.setDefaultButton(made[default])
    escape = next((k for k, _, r in buttons if r == QMessageBox.ButtonRole.RejectRole), None)
    if escape:
        box.setEscapeButton(made[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((k for k, b in made.items() if b is clicked), escape or default)


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    return _ask(parent, QMessageBox.Icon.Warning, "保存修改",
                f"“{name}”有尚未保存的修改，是否保存？",
                [("save", "保存", QMessageBox.ButtonRole.AcceptRole),
                 ("discard", "不保存", QMessageBox.ButtonRole.DestructiveRole),
                 ("cancel", "取消", QMessageBox.ButtonRole.RejectRole)], "save")


def _confirm(parent: QWidget | None, title: str, text: str, action: str, detail: str,
             role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole) -> bool:
    """A warning that asks before going on: True for `action`'s button; 取消 is the default
    (and Esc)."""
    answer = _ask(parent, QMessageBox.Icon.Warning, title, text,
                  [("go", action, role), ("cancel", "取消", QMessageBox.ButtonRole.RejectRole)],
                  "cancel", detail)
    return answer == "go"


def ask_open_locked(parent: QWidget | None, name: str, owner: LockOwner) -> bool:
    """True to open anyway."""
    return _confirm(parent, "草稿正被使用", f"“{name}”正由 {owner.describe()} 打开。", "仍然打开",
                    "两人同时修改同一草稿，后保存的会覆盖先保存的。建议请对方先关闭，"
                    "或另存一份再改。")


def ask_save_over_lock(parent: QWidget | None, name: str, owner: LockOwner) -> bool:
    """The file was opened meanwhile by someone else: True to save over it anyway."""
    return _confirm(parent, "草稿正被他人使用", f"“{name}”现在由 {owner.describe()} 打开。",
                    "仍然保存",
                    "如果保存，对方之后保存时会覆盖您的修改，或您覆盖对方的修改。"
                    "建议取消，用“另存为”保存一份，再与对方核对。")


def ask_export_with_errors(parent: QWidget | None, errors: int, what: str) -> bool:
    """The table still has errors (totals not typed yet count too): True to export anyway."""
    return _confirm(parent, f"导出{what}",
                    f"表格还有 {errors} 个错误（包括尚未填写的合计），仍要导出吗？", "导出",
                    "导出的表格会照原样带着这些错误。建议先改正（右侧“校验结果”列出了每一处），"
                    "或用“校验 → 完成”检查全表。")


def ask_overwrite_report(parent: QWidget | None, path: Path) -> bool:
    """A report on disk may hold the clerk's writing: True to generate it again over it."""
    return _confirm(parent, "覆盖年度报告", f"“{path.name}”已存在，可能已经补写或修改过。",
                    "重新生成并覆盖",
                    "重新生成会丢失其中所有的修改。若只想核对正文中的数字，"
                    "请用“校验 → 核对年报正文…”。", QMessageBox.ButtonRole.DestructiveRole)


def ask_recover(parent: QWidget | None, description: str) -> str:
    """'recover', 'discard' or 'later'."""
    return _ask(parent, QMessageBox.Icon.Question, "恢复未保存的修改",
                "gkdesk 上次没有正常关闭，以下草稿有未保存的修改：",
                [("recover", "恢复", QMessageBox.ButtonRole.AcceptRole),
                 ("discard", "丢弃", QMessageBox.ButtonRole.DestructiveRole),
                 ("later", "以后再说", QMessageBox.ButtonRole.RejectRole)], "recover",
                description)


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A message with one 确定 button (Qt's own OK would follow the system language)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _tell(parent, QMessageBox.Icon.Critical, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _tell(parent, QMessageBox.Icon.Information, title, text)


def ask_explanation(parent: QWidget | None, message: str, current: str) -> str | None:
    """The clerk's explanation of a warning; None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("填写说明")
    dialog.setLabelText(f"{message}\n\n请说明原因（会随草稿保存，并在导出时注明）：")
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(current)
    dialog.setOkButtonText("确定")
    dialog.setCancelButtonText("取消")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def last_year() -> int:
    """Reports are written in January for the year before."""
    return datetime.date.today().year - 1


def _add_edition_choice(dialog: QDialog, layout: QVBoxLayout, form: QFormLayout) -> QComboBox:
    """The 表格格式 row (every edition, its id as item data), the note that it follows the year,
    and 新建 (the default) / 取消: the part 新建 and 新建下一年度 share."""
    choice = QComboBox()
    for edition in all_editions().values():
        choice.addItem(edition.name, edition.id)
    form.addRow("表格格式：", choice)
    layout.addLayout(form)
    note = QLabel("表格格式随年度自动选择，一般无需更改。")
    note.setStyleSheet("color: #555;")
    layout.addWidget(note)
    buttons = QDialogButtonBox()
    buttons.addButton("新建", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return choice


class NewDraftDialog(QDialog):
    """新建: pick the year; the edition follows the year unless the clerk picks another."""

    def __init__(self, parent: QWidget | None, year: int):
        super().__init__(parent)
        self.setWindowTitle("新建草稿")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(year)
        self.year.setSuffix(" 年度")
        form.addRow("报告年度：", self.year)
        self.edition = _add_edition_choice(self, layout, form)
        self.year.valueChanged.connect(self._on_year_changed)
        self._on_year_changed(year)

    def _on_year_changed(self, year: int) -> None:
        index = self.edition.findData(default_edition_for(year).id)
        if index >= 0:
            self.edition.setCurrentIndex(index)

    def choice(self) -> tuple[int, str]:
        return self.year.value(), self.edition.currentData()


def ask_new_draft(parent: QWidget | None, year: int) -> tuple[int, str] | None:
    dialog = NewDraftDialog(parent, year)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


class NextYearDialog(QDialog):
    """新建下一年度: says what carries over; the edition for the new year is preset (one click)."""

    def __init__(self, parent: QWidget | None, year: int):
        super().__init__(parent)
        self.setWindowTitle("新建下一年度")
        layout = QVBoxLayout(self)
        intro = QLabel(f"根据 {year} 年度草稿新建 {year + 1} 年度草稿：\n"
                       "填报单位、填报人和联系电话照搬；上年结转等数按上年数自动填入；\n"
                       "其余指标留空。上年的数会显示在本年数旁边，供对照。")
        layout.addWidget(intro)
        self.edition = _add_edition_choice(self, layout, QFormLayout())
        self.edition.setCurrentIndex(
            max(0, self.edition.findData(default_edition_for(year + 1).id)))

    def choice(self) -> str:
        return self.edition.currentData()


def ask_next_year(parent: QWidget | None, year: int) -> str | None:
    """The edition of the draft for the year after `year`; None when cancelled."""
    dialog = NextYearDialog(parent, year)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
