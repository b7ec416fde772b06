"""Helpers for driving the table like a clerk: typing, input-method text, the open editor."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def editor_of(view) -> QLineEdit:
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "expected exactly one open cell editor"
    return editors[0]


def commit_text(widget, text: str) -> None:
    """What a Chinese input method sends (qtbot.keyClicks cannot send non-ASCII text)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def start_editing(view, cell_id: str) -> QLineEdit:
    index = view.model().index_of(cell_id)
    view.setCurrentIndex(index)
    view.edit(index)
    return editor_of(view)


def type_into(qtbot, view, cell_id: str, text: str) -> None:
    """Select the cell, type ASCII text as keystrokes, press Enter."""
    index = view.model().index_of(cell_id)
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, text[0])  # a key on a selected cell starts the editor with it
    editor = editor_of(view)
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    press_enter(qtbot, view, editor)


def press_enter(qtbot, view, editor) -> None:
    """Enter in the editor (it commits at once); then a turn of the event loop, as a clerk's
    next keystroke would wait for."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)
    qtbot.wait(1)


def hover_tooltip(view, cell_id: str) -> str:
    """The tooltip the clerk sees resting the mouse on a box (empty when none shows)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    index = view.model().index_of(cell_id)
    view.scrollTo(index)
    where = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""
