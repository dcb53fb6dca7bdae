"""Restore from backup: what the backup holds, the recovery key if needed, a clear yes.

The vault does the restoring (``services.backups.restore_backup``): it verifies both
integrity checks of the backup first and backs up what is there now before replacing
anything.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError, WrongKeyError
from supportdesk.services.backups import describe_counts, inspect_backup, restore_backup
from supportdesk.services.session import Session
from supportdesk.ui.plain import plain_label
from supportdesk.vault.backup import BackupInfo


class RestoreDialog(QDialog):
    """Opens the backup read-only to show its contents; restores only on Restore."""

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.info: BackupInfo | None = None
        self.recovery_key: str | None = None
        self.safety_backup: Path | None = None
        self.setWindowTitle("Restore from backup")
        self.setMinimumWidth(460)
        self._build()
        self._connect_signals()
        self._load()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"Backup: {self.path.name}", self))
        self.details = QFormLayout()
        self.made_label = plain_label("—", self)
        self.holds_label = plain_label("—", self)
        self.holds_label.setWordWrap(True)
        self.version_label = plain_label("—", self)
        self.details.addRow("Made on:", self.made_label)
        self.details.addRow("It holds:", self.holds_label)
        self.details.addRow("Format version:", self.version_label)
        layout.addLayout(self.details)
        self.key_row = QWidget(self)
        key_layout = QHBoxLayout(self.key_row)
        key_layout.setContentsMargins(0, 0, 0, 0)
        self.key_edit = QLineEdit(self.key_row)
        self.key_edit.setPlaceholderText("Recovery key")
        self.key_edit.setAccessibleName("Recovery key for this backup")
        self.key_button = QPushButton("Open", self.key_row)
        key_layout.addWidget(self.key_edit, 1)
        key_layout.addWidget(self.key_button)
        self.key_row.hide()
        layout.addWidget(self.key_row)
        self.message = plain_label(parent=self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.warning = plain_label(
            "Restoring replaces everything SupportDesk holds now with this backup. "
            "A backup of what you have now is made first, so you can go back.", self)
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_restore_clicked)
        self.buttons.rejected.connect(self.reject)
        self.key_button.clicked.connect(self._on_key_entered)
        self.key_edit.returnPressed.connect(self._on_key_entered)

    def _load(self, recovery_key: str | None = None) -> None:
        try:
            info = inspect_backup(self.session, self.path, recovery_key)
        except WrongKeyError as error:
            self.key_row.show()
            self.message.setText(
                f"{error.message} Enter the recovery key you saved when that vault was made."
                if recovery_key is None else
                "That recovery key does not open this backup. Check it and try again.")
            self.key_edit.setFocus()
            return
        except KnownError as error:
            self.message.setText(str(error))
            return
        self.info = info
        self.recovery_key = recovery_key
        self.key_row.hide()
        self.made_label.setText(info.created.astimezone().strftime("%d %B %Y, %H:%M")
                                if info.created else "Not recorded")
        self.holds_label.setText(", ".join(describe_counts(info.counts)))
        self.version_label.setText(str(info.schema_version))
        self.message.setText("The backup looks sound.")
        self.restore_button.setEnabled(True)
        self.restore_button.setFocus()

    def _on_key_entered(self) -> None:
        key = self.key_edit.text().strip()
        if key:
            self._load(key)

    def _on_restore_clicked(self) -> None:
        try:
            self.safety_backup = restore_backup(self.session, self.path, self.recovery_key)
        except KnownError as error:
            self.message.setText(str(error))
            return
        self.accept()
