"""Settings → Privacy → "Make a new recovery key…": asked once, then shown like the first.

The database key is wrapped under the new recovery key and the old one stops opening
the vault; the person is told so before and after. Backups made earlier keep their own
copy of the old wrapping, so the old key still opens those.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from supportdesk.core.errors import KnownError
from supportdesk.services.session import Session
from supportdesk.ui.plain import plain_message_box
from supportdesk.ui.startup import problems
from supportdesk.ui.startup.welcome import NEW_KEY_TEXT, WelcomeDialog

ASK_TEXT = (
    "Make a new recovery key? Your current recovery key will stop opening your notes, "
    "and you'll be shown the new one to save or print. Backups made before today still "
    "open with the old key."
)


def replace_recovery_key(session: Session, parent: QWidget | None = None) -> str | None:
    """Ask, make the new key, show it until confirmed; the new key, or None if they did not."""
    if session.vault is None:
        return None
    box = plain_message_box(QMessageBox.Icon.Question, "Make a new recovery key?", ASK_TEXT,
                            parent)
    box.setObjectName("NewRecoveryKey")
    make = box.addButton("Make a new recovery key", QMessageBox.ButtonRole.AcceptRole)
    make.setAccessibleName("Make a new recovery key")
    keep = box.addButton("Keep my current key", QMessageBox.ButtonRole.RejectRole)
    keep.setAccessibleName("Keep my current recovery key")
    box.setDefaultButton(keep)
    box.exec()
    if box.clickedButton() is not make:
        return None
    try:
        recovery_key = session.vault.new_recovery_key()
    except KnownError as error:
        problems.show_problem("No new recovery key was made", str(error), parent)
        return None
    dialog = WelcomeDialog(recovery_key, parent, note=NEW_KEY_TEXT)
    dialog.setWindowTitle("Your new recovery key")
    dialog.exec()
    session.vault.confirm_recovery_key()
    return recovery_key
