"""A dialog that never silently drops what was typed.

Subclasses build their fields, then call ``mark_clean()``; they implement
``_state()`` (everything as typed) and ``save() -> bool`` (which closes the dialog
with ``accept_saved()`` on success). Closing with changes asks first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from supportdesk.ui.editors.leave_guard import may_close


class GuardedDialog(QDialog):
    what = "your changes"  # as in "Would you like to save your changes…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clean_state: tuple[Any, ...] = ()

    def _state(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    def save_cancel_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def mark_clean(self) -> None:
        self._clean_state = self._state()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._state() != self._clean_state

    def accept_saved(self) -> None:
        self.mark_clean()
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        if may_close(self, self.has_unsaved_changes, self.save, self.what):
            super().reject()
