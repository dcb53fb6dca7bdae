"""Plain, warm messages for the vault problems start-up cannot fix by itself."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from supportdesk.core.errors import KeyringUnavailableError, KnownError
from supportdesk.ui.plain import plain_message_box

StartFresh = Literal["start-fresh"]
START_FRESH: StartFresh = "start-fresh"

KEYRING_FIRST_RUN = (
    "SupportDesk keeps the key to your notes in your computer's keyring, but the keyring "
    "isn't available right now. You can still start: your notes will be protected by a "
    "recovery key you'll be shown next, and you'll type it each time you open SupportDesk "
    "until the keyring is working."
)
KEYRING_EXISTING = (
    "SupportDesk keeps the key to your notes in your computer's keyring, but the keyring "
    "isn't available right now. You can use your recovery key instead, for this session "
    "only. Nothing is saved to the keyring and nothing is changed."
)
DAMAGED = (
    "SupportDesk can't read your notes file: it looks damaged. Nothing has been deleted. "
    "You can put a backup in its place: SupportDesk keeps automatic backups in the "
    "'backups' folder next to your notes, and any backups you made yourself are where you "
    "saved them. A copy of the damaged file is kept either way."
)
MISSING = (
    "SupportDesk can't find your notes file: it has gone from its folder, though the file "
    "that goes with it (vault.json) is still there. Nothing has been changed or made anew. "
    "You can put a backup in its place, or start again with an empty vault."
)
START_FRESH_TEXT = (
    "Start again with an empty vault? Your backups stay where they are, and the old "
    "vault.json is kept beside the new one under a dated name, in case you need it later. "
    "You will be shown a new recovery key."
)
RESTORE_NEEDS_KEY = (
    "To check the backup, SupportDesk needs the key to your notes, and the keyring "
    "doesn't have it. Your recovery key works instead."
)
FIRST_RUN_RESTORE_NEEDS_KEY = (
    "To open this backup on this computer, SupportDesk needs the recovery key you saved "
    "when you first started SupportDesk. Nothing has been changed yet."
)
NEWER = (
    "These notes were saved by a newer version of SupportDesk. To keep them safe, this "
    "version won't open them. Please install the latest SupportDesk; nothing has been changed."
)


def ask_keyring_choice(error: KeyringUnavailableError, first_run: bool,
                       parent: QWidget | None = None) -> bool:
    """True when the person chooses to go on with the recovery key for this session."""
    box = plain_message_box(QMessageBox.Icon.Information, "The keyring isn't available",
                            KEYRING_FIRST_RUN if first_run else KEYRING_EXISTING, parent)
    box.setObjectName("KeyringUnavailable")
    box.setInformativeText(keyring_detail(error))
    go_on = box.addButton("Continue with a recovery key" if first_run
                          else "Use my recovery key for this session",
                          QMessageBox.ButtonRole.AcceptRole)
    go_on.setAccessibleName(go_on.text())
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setAccessibleName("Quit SupportDesk")
    box.setDefaultButton(go_on)
    box.exec()
    return box.clickedButton() is go_on


def keyring_detail(error: KeyringUnavailableError) -> str:
    """What went wrong with the keyring, and what only this case needs (unlock it, change
    a setting): the recovery key is offered by the message itself, so not said twice."""
    sentences = [part.strip() for part in error.hint.replace(". ", ".\n").splitlines()]
    kept = [part for part in sentences if part and "recovery key" not in part
            and part != "Nothing has changed."]
    return " ".join([error.message, *kept]).strip()


def choose_backup_after_damage(data_dir: Path, error: KnownError,
                               parent: QWidget | None = None, *,
                               newest: Path | None = None,
                               offer_fresh_start: bool = False) -> Path | StartFresh | None:
    """Explain the damage and let the person pick a backup (or, when the database is gone,
    start fresh after saying so once more); None when they choose Quit."""
    box = plain_message_box(QMessageBox.Icon.Warning, "Your notes can't be opened",
                            MISSING if offer_fresh_start else DAMAGED, parent)
    box.setObjectName("DamagedVault")
    box.setInformativeText(str(error))
    restore = box.addButton("Restore a backup…", QMessageBox.ButtonRole.AcceptRole)
    restore.setAccessibleName("Choose a backup to restore")
    fresh = None
    if offer_fresh_start:
        fresh = box.addButton("Start fresh…", QMessageBox.ButtonRole.DestructiveRole)
        fresh.setAccessibleName("Start again with an empty vault")
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setAccessibleName("Quit SupportDesk")
    box.setDefaultButton(restore)
    box.exec()
    if fresh is not None and box.clickedButton() is fresh:
        return START_FRESH if confirm_start_fresh(parent) else None
    if box.clickedButton() is not restore:
        return None
    return pick_backup(data_dir, parent, newest=newest)


def confirm_start_fresh(parent: QWidget | None = None) -> bool:
    box = plain_message_box(QMessageBox.Icon.Question, "Start with an empty vault?",
                            START_FRESH_TEXT, parent)
    box.setObjectName("StartFresh")
    go = box.addButton("Start with an empty vault", QMessageBox.ButtonRole.AcceptRole)
    go.setAccessibleName("Start with an empty vault")
    back = box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
    back.setAccessibleName("Go back without changing anything")
    box.setDefaultButton(back)
    box.exec()
    return box.clickedButton() is go


def pick_backup(data_dir: Path, parent: QWidget | None = None, *,
                newest: Path | None = None) -> Path | None:
    """A file dialog for a backup, starting at the newest one when it is known."""
    folder = data_dir / "backups"
    start = newest or (folder if folder.is_dir() else data_dir)
    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose a backup to restore", str(start),
        "SupportDesk backups (*.sdbackup);;All files (*)")
    return Path(name) if name else None


def show_problem(title: str, text: str, parent: QWidget | None = None) -> None:
    box = plain_message_box(QMessageBox.Icon.Information, title, text, parent)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole).setAccessibleName("Close")
    box.exec()
