"""TableTabs: the tables of a draft as pages, with their tab bar laid out apart from the pages,
so the window can give the tab names the full width above the table and the findings panel
(the official titles are long: 三、收到和处理政府信息公开申请情况). Speaks QTabWidget's API."""
from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QTabBar, QWidget


class TableTabs(QStackedWidget):
    """A QStackedWidget of pages with a QTabBar (`bar`) that the window places itself."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = QTabBar()
        self.bar.setAutoHide(True)  # one table: no tab bar
        self.bar.setDocumentMode(True)
        self.bar.setExpanding(False)
        self.bar.setElideMode(self.bar.elideMode().ElideNone)
        self.bar.setUsesScrollButtons(True)  # only when even the whole width is too narrow
        self.bar.currentChanged.connect(self._on_bar_changed)
        self.currentChanged.connect(self._on_page_changed)

    def addTab(self, page: QWidget, text: str) -> int:
        index = self.addWidget(page)
        self.bar.addTab(text)
        self.bar.setTabToolTip(index, text)
        return index

    def clear(self) -> None:
        while self.count():
            self.removeWidget(self.widget(0))
        while self.bar.count():
            self.bar.removeTab(0)

    def tabText(self, index: int) -> str:
        return self.bar.tabText(index)

    def tabBar(self) -> QTabBar:
        return self.bar

    def _on_bar_changed(self, index: int) -> None:
        if 0 <= index < self.count() and index != self.currentIndex():
            self.setCurrentIndex(index)

    def _on_page_changed(self, index: int) -> None:
        if index != self.bar.currentIndex():
            self.bar.setCurrentIndex(index)
