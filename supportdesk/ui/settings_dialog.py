"""Tools > Settings: one tab per extension that offered one (``window.settings_tabs``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label


class SettingsDialog(QDialog):
    """Shows each ``(title, factory)`` tab; each tab saves its own changes as they happen."""

    def __init__(self, ctx: AppContext,
                 tabs: Sequence[tuple[str, Callable[[AppContext], QWidget]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("SettingsDialog")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        for title, factory in tabs:
            self.tabs.addTab(factory(ctx), title)
        layout = QVBoxLayout(self)
        if self.tabs.count():
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(plain_label("There is nothing to set up here yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close settings")
        buttons.rejected.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))
