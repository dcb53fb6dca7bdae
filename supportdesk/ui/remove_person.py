"""Removing someone: asked first, naming what goes with them, and undoable in one click.

``remove_person(parent, ctx, supporter)`` asks ("Remove Dale? Their 12 check-ins and
3 gratitude notes go too. You can undo this.", with Keep as the default button, so
Enter and Esc both keep them), removes them as one undoable step, and puts an "Undo"
button in the window's status bar that stays until the next change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMessageBox, QPushButton, QWidget

from supportdesk.core.model import Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label, plain_message_box
from supportdesk.ui.undo_commands import DeleteSupporter, perform

HINT_NAME = "UndoRemovalHint"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def removal_words(name: str, checkins: int, notes: int) -> str:
    """What the question says: who goes, what goes with them, and that it can be undone."""
    parts = [_count(n, one, many) for n, one, many in (
        (checkins, "check-in", "check-ins"), (notes, "gratitude note", "gratitude notes"))
        if n]
    if not parts:
        goes = "Nothing else is noted about them."
    else:
        verb = "goes" if checkins + notes == 1 else "go"
        goes = f"Their {' and '.join(parts)} {verb} too."
    return f"Remove {name}? {goes} You can undo this."


def confirm_removal(parent: QWidget | None, ctx: AppContext, supporter: Supporter) -> bool:
    assert supporter.id is not None
    network = ctx.app.network
    words = removal_words(supporter.name, len(network.checkins(supporter.id)),
                          len(network.gratitude(supporter.id)))
    box = plain_message_box(QMessageBox.Icon.Question, "Remove someone", words, parent)
    box.setObjectName("ConfirmRemoval")
    remove = box.addButton("&Remove", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Keep", QMessageBox.ButtonRole.RejectRole)
    remove.setAccessibleName(f"Remove {supporter.name}")
    keep.setAccessibleName(f"Keep {supporter.name}")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is remove


def remove_person(parent: QWidget, ctx: AppContext, supporter: Supporter) -> bool:
    """Ask, then remove; True if they were removed."""
    if not confirm_removal(parent, ctx, supporter):
        return False
    perform(ctx, DeleteSupporter(ctx, supporter))
    window = parent.window()
    if isinstance(window, QMainWindow):
        undo_hint(window, ctx).show_removed(supporter.name)
    return True


class UndoRemovalHint(QWidget):
    """"Dale removed." and an Undo button, in the status bar until the next change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(HINT_NAME)
        self.ctx = ctx
        self.text = plain_label("", self)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setToolTip("Bring them back, with everything noted about them")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.undo_button)
        self.hide()
        self._shown_at = -1
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        ctx.undo.indexChanged.connect(self._on_undo_index_changed)

    def show_removed(self, name: str) -> None:
        self.text.setText(f"{name} removed.")
        self.undo_button.setAccessibleName(f"Undo removing {name}")
        self._shown_at = self.ctx.undo.index()
        self.show()

    def _on_undo_button_clicked(self) -> None:
        self.hide()
        if self.ctx.undo.index() == self._shown_at and self.ctx.undo.canUndo():
            self.ctx.undo.undo()

    def _on_undo_index_changed(self, index: int) -> None:
        if index != self._shown_at:  # something else happened since: the hint is old
            self.hide()


def undo_hint(window: QMainWindow, ctx: AppContext) -> UndoRemovalHint:
    """The window's one hint, made the first time someone is removed."""
    found = window.findChild(UndoRemovalHint, HINT_NAME)
    if isinstance(found, UndoRemovalHint):
        return found
    hint = UndoRemovalHint(ctx, window)
    window.statusBar().addPermanentWidget(hint)
    return hint
