"""The first-run welcome: privacy in plain words, and the recovery key shown once.

Continue stays disabled until the person says they have stored the key somewhere safe.
The dialog cannot be dismissed any other way, so the key is never lost from view by a
stray Escape. "I need help now" (or Ctrl+Shift+H) comes before all of that: it opens the
crisis-only view from the shipped list alone, needing nothing from the vault. On the
first run it also offers "Restore from a backup…" (for a new computer); the same dialog
shows a key again that was never confirmed, and a new one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.ui import icons
from supportdesk.ui.pages.page_header import title_label
from supportdesk.ui.plain import plain_label
from supportdesk.ui.secret_clipboard import copy_secret
from supportdesk.vault.atomic import atomic_write_bytes

PRIVACY_TEXT = (
    "SupportDesk is a private place for the people, groups and services that support you. "
    "Everything you write stays on this computer, encrypted. The key that unlocks it is kept "
    "in your computer's keyring, so you don't need a password to open the app. "
    "Nothing is ever sent over the internet."
)
RECOVERY_TEXT = (
    "Below is your recovery key. If this computer's keyring is ever lost, or you move to a "
    "new computer, this key is the only way back into your notes. Nobody else has a copy. "
    "Please save it or print it, and keep it somewhere safe, such as with your important "
    "papers."
)


AGAIN_TEXT = (
    "You haven't yet said that your recovery key is stored somewhere safe, so here it is "
    "again: the same key as before."
)
NEW_KEY_TEXT = (
    "This is your new recovery key. Your old recovery key no longer opens your notes "
    "(backups made before today still open with the old one)."
)


def documents_folder() -> Path:
    """Where "Save to file…" starts: the person's Documents folder (home if there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def key_file_text(recovery_key: str) -> str:
    return ("SupportDesk recovery key\n\n"
            f"    {recovery_key}\n\n"
            "Keep this somewhere safe. With it you can open your SupportDesk notes on a new\n"
            "computer, or if this computer's keyring is lost. Anyone with this key and your\n"
            "SupportDesk data folder can read your notes.\n")


def key_html(recovery_key: str) -> str:
    groups = recovery_key.split("-")
    return ("<h2>SupportDesk recovery key</h2>"
            f"<p style='font-family: monospace; font-size: x-large'>"
            f"{' &nbsp; '.join(groups)}</p>"
            "<p>Keep this somewhere safe. With it you can open your SupportDesk notes on a "
            "new computer, or if this computer's keyring is lost.</p>")


class RecoveryKeyView(QFrame):
    """The key in its groups, large and easy to read, with letters that cannot be confused."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryKey")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Recovery key")
        self.setAccessibleDescription(" ".join(recovery_key.split("-")))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        for index, group in enumerate(recovery_key.split("-")):
            label = plain_label(group)
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, index // 4, index % 4)


class WelcomeDialog(QDialog):
    """Shown once, right after the vault is created.

    Signals: none beyond QDialog's; ``accepted`` means the key has been stored.
    ``restore_chosen`` is True when the person chose "Restore from a backup…" instead
    (offered with ``offer_restore``, on the first run). ``note`` says why the key is shown
    (again, or a new one).
    """

    def __init__(self, recovery_key: str, parent: QWidget | None = None, *,
                 note: str = "", offer_restore: bool = False) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.restore_chosen = False
        self._note = note
        self._offer_restore = offer_restore
        self.setWindowTitle("Welcome to SupportDesk")
        self.setObjectName("WelcomeDialog")
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        heading = title_label("Welcome to SupportDesk")
        logo = plain_label()
        logo.setPixmap(icons.app_icon().pixmap(heading.fontMetrics().height() * 2))
        self.help_button = QPushButton("I need help now")
        self.help_button.setObjectName("HelpNowButton")
        self.help_button.setAccessibleName("I need help now")
        self.help_button.setAccessibleDescription(
            "The emergency number and crisis lines for your country (Ctrl+Shift+H).")
        self.help_button.setToolTip("Ctrl+Shift+H")
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addWidget(heading, 1)
        top.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)

        privacy = plain_label(self._note or PRIVACY_TEXT)
        privacy.setWordWrap(True)
        explain = plain_label(RECOVERY_TEXT)
        explain.setWordWrap(True)

        self.save_button = QPushButton("Save to file…")
        self.save_button.setAccessibleName("Save the recovery key to a file")
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the recovery key")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setAccessibleName("Copy the recovery key")
        tools = QHBoxLayout()
        tools.addStretch(1)
        for button in (self.save_button, self.print_button, self.copy_button):
            tools.addWidget(button)
        self.feedback = plain_label()
        self.feedback.setAccessibleName("What happened")

        self.stored_check = QCheckBox("I have stored my recovery key somewhere safe")
        self.stored_check.setAccessibleName("I have stored my recovery key somewhere safe")
        self.continue_button = QPushButton("Continue")
        self.continue_button.setAccessibleName("Continue to SupportDesk")
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.stored_check, 1)
        bottom.addWidget(self.continue_button)
        self.restore_button = QPushButton("Restore from a backup…")
        self.restore_button.setAccessibleName("Restore your notes from a backup instead")
        restore_row = QHBoxLayout()
        if self._offer_restore:
            before = plain_label("Have notes from SupportDesk on another computer, or a backup?")
            before.setWordWrap(True)
            restore_row.addWidget(before, 1)
            restore_row.addWidget(self.restore_button)
        else:
            self.restore_button.hide()

        layout = QVBoxLayout(self)
        line = self.fontMetrics().height()
        layout.setContentsMargins(line * 3 // 2, line, line * 3 // 2, line)
        layout.setSpacing(line * 3 // 4)
        layout.addLayout(top)
        layout.addWidget(privacy)
        layout.addWidget(explain)
        layout.addWidget(RecoveryKeyView(self.recovery_key))
        layout.addLayout(tools)
        layout.addWidget(self.feedback)
        layout.addLayout(restore_row)
        layout.addLayout(bottom)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)

    def _connect_signals(self) -> None:
        self.help_button.clicked.connect(self._on_help_clicked)
        self.stored_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)

    # -- the only way out is Continue --------------------------------------------

    def reject(self) -> None:
        self.feedback.setText("Please keep your recovery key safe, then tick the box and "
                              "choose Continue.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        help_keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if event.key() == Qt.Key.Key_H and event.modifiers() == help_keys:
            self._on_help_clicked()  # Ctrl+Shift+H, as everywhere else
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    # -- slots ----------------------------------------------------------------------

    def save_to(self, path: Path) -> None:
        # 0600 from the start (a temp file renamed in): nobody else may read the key.
        atomic_write_bytes(path, key_file_text(self.recovery_key).encode("utf-8"))
        self.feedback.setText(f"Saved to {path.name}. Keep that file somewhere safe, "
                              "ideally not only on this computer.")

    def _on_save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save recovery key", str(documents_folder() / "SupportDesk recovery key.txt"),
            "Text files (*.txt)")
        if not name:
            return
        try:
            self.save_to(Path(name))
        except KnownError as error:
            self.feedback.setText(f"{error.message} Please try another place.")

    def _on_restore_clicked(self) -> None:
        self.restore_chosen = True
        self.done(QDialog.DialogCode.Rejected.value)

    def _on_print_clicked(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(key_html(self.recovery_key))
        document.print_(printer)
        self.feedback.setText("Sent to the printer.")

    def _on_help_clicked(self) -> None:
        from supportdesk.ui.crisis.view import open_crisis_view

        open_crisis_view(None, self)

    def _on_copy_clicked(self) -> None:
        copy_secret(self.recovery_key)  # taken off the clipboard again after a minute
        self.feedback.setText("Copied. Paste it somewhere safe, such as a password manager. "
                              "It will be taken off the clipboard in a minute.")
