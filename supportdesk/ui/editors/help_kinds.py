"""What someone can help with, in the person editor: a tick per kind of help, and a way
to add a kind of one's own (which joins the list for everyone).

Signals (``HelpKindsEditor``):
    changed(): a kind was ticked, unticked or added.
    list_change_requested(): "Change the list…" was pressed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.help_kinds import clean_kinds, kind_key


class HelpKindsEditor(QWidget):
    """Checkable kinds of help; ``value()`` is the ticked ones, in the list's order."""

    changed = Signal()
    list_change_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setAccessibleName("They can help with")
        self.list.setAccessibleDescription("Space ticks or unticks the kind of help.")
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.new_edit = QLineEdit(self)
        self.new_edit.setAccessibleName("Another kind of help")
        self.new_edit.setPlaceholderText("Another kind of help, like dog walking")
        self.add_button = QPushButton("Add", self)
        self.add_button.setAccessibleName("Add this kind of help")
        self.list_button = QPushButton("Change the list…", self)
        self.list_button.setAccessibleName("Rename, remove or reorder the kinds of help")
        row.addWidget(self.new_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.list_button)
        layout.addLayout(row)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button.clicked.connect(self._on_add_clicked)
        self.new_edit.returnPressed.connect(self._on_add_clicked)
        self.list_button.clicked.connect(self.list_change_requested)

    def set_kinds(self, kinds: Sequence[str], ticked: Sequence[str]) -> None:
        wanted = {kind_key(k) for k in ticked}
        self.list.blockSignals(True)
        self.list.clear()
        for kind in clean_kinds([*kinds, *ticked]):
            self._append(kind, kind_key(kind) in wanted)
        self.list.blockSignals(False)

    def _append(self, kind: str, ticked: bool) -> QListWidgetItem:
        item = QListWidgetItem(kind)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item

    def set_listed(self, kinds: Sequence[str]) -> None:
        """The list changed elsewhere: show it, keeping what is ticked here."""
        ticked = self.value()
        self.set_kinds(kinds, ticked)
        self.changed.emit()

    def kinds(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).text() for i in range(self.list.count()))

    def value(self) -> tuple[str, ...]:
        return tuple(item.text() for item in map(self.list.item, range(self.list.count()))
                     if item.checkState() is Qt.CheckState.Checked)

    def _on_add_clicked(self) -> None:
        new = clean_kinds([self.new_edit.text()])
        if not new:
            return
        known = {kind_key(k): i for i, k in enumerate(self.kinds())}
        at = known.get(kind_key(new[0]))
        item = self.list.item(at) if at is not None else self._append(new[0], True)
        item.setCheckState(Qt.CheckState.Checked)
        self.list.setCurrentItem(item)
        self.new_edit.clear()
        self.changed.emit()
