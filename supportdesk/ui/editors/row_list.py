"""A growing list of editor rows (contacts, availability windows) with add and remove."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from supportdesk.ui.focus_order import keep_in_place


class RowList(QWidget):
    """Holds row widgets that have ``changed`` and ``remove_requested`` signals.

    Signals:
        changed(): a row was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        self.outer.addLayout(self._rows_layout)
        self._row_widgets: list[QWidget] = []

    def _append(self, row: QWidget, announce: bool) -> None:
        row.changed.connect(self.changed)  # type: ignore[attr-defined]
        row.remove_requested.connect(lambda: self._remove(row))  # type: ignore[attr-defined]
        self._rows_layout.addWidget(row)
        self._row_widgets.append(row)
        keep_in_place(self, self._row_widgets)
        if announce:
            self.changed.emit()

    def _remove(self, row: QWidget, announce: bool = True) -> None:
        self._row_widgets.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        if announce:
            self.changed.emit()

    def _clear(self) -> None:
        for row in list(self._row_widgets):
            self._remove(row, announce=False)
