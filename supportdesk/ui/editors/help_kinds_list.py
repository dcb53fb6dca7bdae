"""The list of kinds of help itself: add, rename, remove and reorder (a setting).

A kind someone is still noted for stays on offer until it is unticked on their page,
so removing it here never takes it from anyone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.help_kinds import clean_kinds
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.field_error import FieldError

NEW_KIND = "New kind of help"


class HelpKindsListDialog(QDialog):
    """Edit the person's list; Save keeps it (``saved`` is the list kept)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: tuple[str, ...] | None = None
        self.setWindowTitle("Kinds of help")
        self.setObjectName("HelpKindsListDialog")
        layout = QVBoxLayout(self)
        intro = plain_label("The kinds of help you can note for the people in your network. "
                            "Double-click or press F2 to rename one. Removing one here never "
                            "takes it from someone it is ticked for.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = FieldError(self)
        layout.addWidget(self.banner)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Kinds of help")
        for kind in ctx.app.templates.listed_help_kinds():
            self._append(kind)
        layout.addWidget(self.list)
        tools = QHBoxLayout()
        self.add_button = QPushButton("&Add", self)
        self.remove_button = QPushButton("&Remove", self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move &down", self)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            tools.addWidget(button)
        layout.addLayout(tools)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.add_kind)
        self.remove_button.clicked.connect(self.remove_kind)
        self.up_button.clicked.connect(lambda: self.move_kind(-1))
        self.down_button.clicked.connect(lambda: self.move_kind(1))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def _append(self, kind: str, at: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem(kind)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.insertItem(self.list.count() if at is None else at, item)
        return item

    def kinds(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_kind(self) -> None:
        item = self._append(NEW_KIND)
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def remove_kind(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.list.setFocus()

    def move_kind(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.list.setFocus()

    def save(self) -> None:
        kinds = [k for k in self.kinds() if k != NEW_KIND]
        try:
            self.saved = self.ctx.app.set_help_kinds(clean_kinds(kinds))
        except KnownError as error:
            self.banner.show_message(f"Not saved yet: {error.message}")
            return
        self.accept()
