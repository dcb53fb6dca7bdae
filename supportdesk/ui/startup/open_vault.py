"""The open-vault flow: first run, recovery, keyring trouble and damaged files.

First run is when neither the database nor vault.json exists (``Vault.exists``): a
missing or wrong key with an existing vault is a recovery case, and a missing, empty or
cut-off database is a damaged vault (restore, or start fresh only when the database has
gone and the person chooses it) — never a reason to create anew. A vault is not ready
until its recovery key is confirmed: until then every start shows the same key again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from supportdesk.core.errors import (
    DamagedVaultError,
    KeyMissingError,
    KeyringUnavailableError,
    KnownError,
    LockedError,
    MissingDatabaseError,
    NewerVaultError,
    NotFoundError,
    WrongKeyError,
)
from supportdesk.services.clock import Clock, system_clock
from supportdesk.services.session import (
    Session,
    create_session,
    open_session,
    recover_session,
)
from supportdesk.ui.startup import problems

if TYPE_CHECKING:
    from supportdesk.ui.startup.welcome import WelcomeDialog
from supportdesk.vault.keystore import KeyringKeyStore, KeyStore, MemoryKeyStore
from supportdesk.vault.vault import Vault


class VaultOpener:
    """Opens (or on first run creates) the vault in ``data_dir``; None when they chose Quit."""

    def __init__(self, data_dir: Path, *, keystore: KeyStore | None = None,
                 clock: Clock = system_clock, parent: QWidget | None = None,
                 welcome_shown: Callable[[WelcomeDialog], None] | None = None) -> None:
        self.data_dir = data_dir
        self.keystore: KeyStore = keystore or KeyringKeyStore()
        self.clock = clock
        self.parent = parent
        self._welcome_shown = welcome_shown
        # A recovery key that proved right before the file turned out damaged.
        self._known_recovery_key = ""
        # Whether run() gave up on a problem (told in a message) rather than on Quit:
        # quitting by choice is no error, so the app then exits 0.
        self.failed = False

    def run(self) -> Session | None:
        try:
            if not Vault.exists(self.data_dir):
                return self._first_run()
            return self._until_confirmed(self._open_existing())
        except NewerVaultError:
            self.failed = True
            problems.show_problem("A newer SupportDesk is needed", problems.NEWER, self.parent)
        except DamagedVaultError as error:
            try:
                return self._offer_restore(error)
            except KnownError as later:
                self.failed = True
                problems.show_problem("SupportDesk can't start", str(later), self.parent)
        except LockedError as error:
            self.failed = True
            problems.show_problem("Your vault is busy for a moment", str(error), self.parent)
        except KnownError as error:
            self.failed = True
            problems.show_problem("SupportDesk can't start", str(error), self.parent)
        return None

    def _first_run(self, *, start_fresh: bool = False) -> Session | None:
        while True:
            try:
                session, recovery_key = create_session(
                    self.data_dir, self.keystore, self.clock, start_fresh=start_fresh,
                    until_confirmed=True)
            except KeyringUnavailableError as error:
                if not problems.ask_keyring_choice(error, first_run=True, parent=self.parent):
                    return None
                session, recovery_key = create_session(
                    self.data_dir, MemoryKeyStore(), self.clock, start_fresh=start_fresh,
                    until_confirmed=True)
            start_fresh = False  # the old vault.json is aside now
            while True:
                if self._show_key(session, recovery_key, offer_restore=True):
                    return session
                restored = self._restore_on_first_run(session)
                if restored is not None:
                    return restored
                if not Vault.exists(self.data_dir):
                    break  # the new vault made way but the restore did not happen: anew

    def _show_key(self, session: Session, recovery_key: str, *, note: str = "",
                  offer_restore: bool = False) -> bool:
        """The welcome with the key; True once confirmed, False for "Restore a backup"."""
        from supportdesk.ui.startup.welcome import WelcomeDialog

        welcome = WelcomeDialog(recovery_key, self.parent, note=note,
                                offer_restore=offer_restore)
        if self._welcome_shown is not None:
            self._welcome_shown(welcome)
        welcome.exec()
        if welcome.restore_chosen:
            return False
        if session.vault is not None:
            session.vault.confirm_recovery_key()
        return True

    def _until_confirmed(self, session: Session | None) -> Session | None:
        """A vault whose recovery key was never confirmed shows that same key again."""
        vault = session.vault if session is not None else None
        shown = vault.unconfirmed_recovery_key() if vault is not None else None
        if session is not None and shown is not None:
            from supportdesk.ui.startup.welcome import AGAIN_TEXT

            self._show_key(session, shown, note=AGAIN_TEXT)
        return session

    def _restore_on_first_run(self, session: Session) -> Session | None:
        """First run, "Restore a backup…": the new, unused vault makes way for the backup.

        None when they go back (the new vault is kept, unless it already made way).
        """
        backup = problems.pick_backup(self.data_dir, self.parent)
        if backup is None:
            return None
        from supportdesk.vault.backup import backup_info, backup_uuid

        def restore_with(recovery_key: str | None) -> Session:
            stored = self.keystore.get(backup_uuid(backup)) if recovery_key is None else None
            backup_info(backup, stored or None, recovery_key)  # verified before any change
            assert session.vault is not None
            session.vault.discard_unconfirmed()
            Vault.restore_damaged(self.data_dir, backup, self.keystore, recovery_key,
                                  clock=self.clock)
            if recovery_key:
                return self._open_with_recovery_key(recovery_key)
            return open_session(self.data_dir, self.keystore, self.clock)

        try:
            try:
                return restore_with(None)
            except (KeyMissingError, KeyringUnavailableError, WrongKeyError):
                pass
            from supportdesk.ui.startup.recovery import RecoveryDialog

            dialog: RecoveryDialog[Session] = RecoveryDialog(
                problems.FIRST_RUN_RESTORE_NEEDS_KEY, restore_with, self.parent)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.result_value
            if dialog.other_error is not None:
                raise dialog.other_error
        except KnownError as error:
            problems.show_problem("That backup can't be restored", str(error), self.parent)
        return None

    def _open_existing(self) -> Session | None:
        # The dialogs' modules load only when one is needed (most starts need none).
        # Every page is checked once the window shows the vault (ui/page_check.py).
        try:
            return open_session(self.data_dir, self.keystore, self.clock, check_pages=False)
        except KeyMissingError:
            from supportdesk.ui.startup.recovery import KEY_MISSING_TEXT

            return self._recover(KEY_MISSING_TEXT, store_key=True)
        except WrongKeyError:
            from supportdesk.ui.startup.recovery import WRONG_KEY_TEXT

            return self._recover(WRONG_KEY_TEXT, store_key=True)
        except KeyringUnavailableError as error:
            if not problems.ask_keyring_choice(error, first_run=False, parent=self.parent):
                return None
            from supportdesk.ui.startup.recovery import SESSION_ONLY_TEXT

            return self._recover(SESSION_ONLY_TEXT, store_key=False)

    def _offer_restore(self, error: KnownError) -> Session | None:
        """Damaged or gone: restore a chosen backup (a copy of a damaged file is kept), or,
        when the database has gone, start fresh after an explicit choice."""
        missing = isinstance(error, MissingDatabaseError)
        while True:
            choice = problems.choose_backup_after_damage(
                self.data_dir, error, self.parent, newest=Vault.newest_backup(self.data_dir),
                offer_fresh_start=missing)
            if choice == problems.START_FRESH:
                return self._first_run(start_fresh=True)
            if choice is None:
                return None
            backup = Path(choice)
            try:
                restored = self._restore(backup)
            except (DamagedVaultError, WrongKeyError, NewerVaultError, NotFoundError) as problem:
                error = problem  # that backup cannot be used: say why, let them pick again
                continue
            if restored is None:
                return None
            kept, recovery_key = restored
            kept_line = (f" A copy of the damaged file was kept as {kept.name}."
                         if kept is not None else "")
            problems.show_problem(
                "Your notes are back",
                f"Your notes were restored from {backup.name}.{kept_line}", self.parent)
            if recovery_key:
                return self._open_with_recovery_key(recovery_key)
            return self._open_existing()

    def _restore(self, backup: Path) -> tuple[Path | None, str] | None:
        """The kept copy (if any) and the recovery key used (empty if the keyring had it)."""
        try:
            if self._known_recovery_key:
                return Vault.restore_damaged(self.data_dir, backup, self.keystore,
                                             self._known_recovery_key,
                                             clock=self.clock), self._known_recovery_key
            return Vault.restore_damaged(self.data_dir, backup, self.keystore,
                                         clock=self.clock), ""
        except (KeyMissingError, KeyringUnavailableError):
            pass

        def attempt(recovery_key: str) -> tuple[Path | None, str]:
            return Vault.restore_damaged(self.data_dir, backup, self.keystore, recovery_key,
                                         clock=self.clock), recovery_key

        from supportdesk.ui.startup.recovery import RecoveryDialog

        dialog: RecoveryDialog[tuple[Path | None, str]] = RecoveryDialog(
            problems.RESTORE_NEEDS_KEY, attempt, self.parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        if isinstance(dialog.other_error, DamagedVaultError):
            self._known_recovery_key = dialog.key_edit.text()
        if dialog.other_error is not None:
            raise dialog.other_error
        return None

    def _open_with_recovery_key(self, recovery_key: str) -> Session:
        try:
            return recover_session(self.data_dir, recovery_key, self.keystore, self.clock)
        except KeyringUnavailableError:
            return recover_session(self.data_dir, recovery_key, MemoryKeyStore(), self.clock,
                                   store_key=False)

    def _recover(self, reason: str, *, store_key: bool) -> Session | None:
        keystore = self.keystore if store_key else MemoryKeyStore()

        def attempt(recovery_key: str) -> Session:
            return recover_session(self.data_dir, recovery_key, keystore, self.clock,
                                   store_key=store_key)

        from supportdesk.ui.startup.recovery import RecoveryDialog

        dialog: RecoveryDialog[Session] = RecoveryDialog(reason, attempt, self.parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        if isinstance(dialog.other_error, DamagedVaultError):
            self._known_recovery_key = dialog.key_edit.text()
        if dialog.other_error is not None:
            raise dialog.other_error
        return None
