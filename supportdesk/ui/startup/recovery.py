"""Entering the recovery key when the keyring's key is missing or does not fit.

Nothing is created or deleted here: the attempt only opens the existing vault. A typo
gets a clear message and another try.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError, ValidationError, WrongKeyError
from supportdesk.ui.plain import plain_label
from supportdesk.vault.recovery import NOT_THIS_VAULT

T = TypeVar("T")

KEY_MISSING_TEXT = (
    "SupportDesk couldn't find the key to your notes in this computer's keyring. "
    "This can happen after moving to a new computer or resetting the keyring. "
    "Your notes are safe and nothing has been changed."
)
WRONG_KEY_TEXT = (
    "The key in this computer's keyring doesn't fit your notes. "
    "Your notes are safe and nothing has been changed."
)
SESSION_ONLY_TEXT = (
    "Your recovery key will unlock SupportDesk for this session only. "
    "You'll be asked for it again next time."
)
WRONG_RECOVERY_KEY = ("That recovery key is well formed, but it isn't the one for these notes. "
                      "If you have more than one, please try another.")


class RecoveryDialog(QDialog, Generic[T]):
    """Asks for the recovery key and tries it with ``attempt`` until it works or they stop.

    After ``exec()``: ``result_value`` holds what ``attempt`` returned, or
    ``other_error`` a problem that is not about the key (shown by the caller).
    """

    def __init__(self, reason: str, attempt: Callable[[str], T],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.result_value: T | None = None
        self.other_error: KnownError | None = None
        self.setWindowTitle("Open SupportDesk with your recovery key")
        self.setObjectName("RecoveryDialog")
        intro = plain_label(reason)
        intro.setWordWrap(True)
        ask = plain_label("Please type your recovery key. It's the eight groups of letters and "
                          "numbers you saved or printed when you first started SupportDesk. "
                          "Dashes and spaces don't matter.")
        ask.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setAccessibleName("Recovery key")
        self.key_edit.setAccessibleDescription("Eight groups of five letters and numbers")
        self.key_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.key_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key_edit.setMinimumWidth(self.key_edit.fontMetrics().horizontalAdvance("X" * 52))
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setObjectName("FieldError")
        self.message.setAccessibleName("Problem with the recovery key")
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setAccessibleName("Open with this recovery key")
        self.open_button.setEnabled(False)
        self.quit_button = self.buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setAccessibleName("Quit SupportDesk")
        layout = QVBoxLayout(self)
        line = self.fontMetrics().height()
        layout.setContentsMargins(line * 3 // 2, line, line * 3 // 2, line)
        layout.setSpacing(line * 3 // 4)
        for label in (intro, ask, self.message):
            label.setMinimumWidth(self.key_edit.minimumWidth())
        layout.addWidget(intro)
        layout.addWidget(ask)
        layout.addWidget(self.key_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """Tall enough for the wrapped text and any message, so nothing is clipped."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > 0:
            self.setMinimumHeight(needed)
            if self.height() < needed:
                self.resize(self.width(), needed)

    def _connect_signals(self) -> None:
        self.key_edit.textChanged.connect(self._on_key_edit_changed)
        self.buttons.accepted.connect(self.try_key)
        self.buttons.rejected.connect(self.reject)

    def _on_key_edit_changed(self, text: str) -> None:
        self.open_button.setEnabled(bool(text.strip()))
        self.message.hide()

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._fit_text()
        self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.key_edit.selectAll()

    def try_key(self) -> None:
        text = self.key_edit.text()
        if not text.strip():
            return
        try:
            self.result_value = self._attempt(text)
        except ValidationError as error:
            self.show_problem(error.message)
        except WrongKeyError as error:
            # The usual case in warm words; anything more particular (a vault.json from
            # another vault, a backup made with another key) in its own true words.
            self.show_problem(WRONG_RECOVERY_KEY if error.message == NOT_THIS_VAULT
                              else str(error))
        except KnownError as error:
            self.other_error = error
            self.reject()
        else:
            self.accept()
