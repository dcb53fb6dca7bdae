"""The open-vault flow: first run, recovery, keyring trouble and damaged files.

Which case applies is decided by the database file alone (``Vault.exists``): a missing
or wrong key with an existing vault is a recovery case, never a reason to create anew.
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

    def run(self) -> Session | None:
        try:
            if not Vault.exists(self.data_dir):
                return self._first_run()
            return self._open_existing()
        except NewerVaultError:
            problems.show_problem("A newer SupportDesk is needed", problems.NEWER, self.parent)
        except DamagedVaultError as error:
            try:
                return self._offer_restore(error)
            except KnownError as later:
                problems.show_problem("SupportDesk can't start", str(later), self.parent)
        except LockedError as error:
            problems.show_problem("Your vault is busy for a moment", str(error), self.parent)
        except KnownError as error:
            problems.show_problem("SupportDesk can't start", str(error), self.parent)
        return None

    def _first_run(self) -> Session | None:
        try:
            session, recovery_key = create_session(self.data_dir, self.keystore, self.clock)
        except KeyringUnavailableError as error:
            if not problems.ask_keyring_choice(error, first_run=True, parent=self.parent):
                return None
            session, recovery_key = create_session(self.data_dir, MemoryKeyStore(),
                                                   self.clock)
        from supportdesk.ui.startup.welcome import WelcomeDialog

        welcome = WelcomeDialog(recovery_key, self.parent)
        if self._welcome_shown is not None:
            self._welcome_shown(welcome)
        welcome.exec()
        return session

    def _open_existing(self) -> Session | None:
        # The dialogs' modules load only when one is needed (most starts need none).
        try:
            return open_session(self.data_dir, self.keystore, self.clock)
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
        """Damaged file: restore a chosen backup (a copy of the damaged file is kept)."""
        while True:
            backup = problems.choose_backup_after_damage(self.data_dir, error, self.parent)
            if backup is None:
                return None
            try:
                restored = self._restore(backup)
            except (DamagedVaultError, WrongKeyError, NewerVaultError, NotFoundError) as problem:
                error = problem  # that backup cannot be used: say why, let them pick again
                continue
            if restored is None:
                return None
            kept, recovery_key = restored
            problems.show_problem(
                "Your notes are back",
                f"Your notes were restored from {backup.name}. A copy of the damaged file "
                f"was kept as {kept.name}.", self.parent)
            if recovery_key:
                return self._open_with_recovery_key(recovery_key)
            return self._open_existing()

    def _restore(self, backup: Path) -> tuple[Path, str] | None:
        """The kept copy and the recovery key used (empty if the keyring had the key)."""
        try:
            if self._known_recovery_key:
                return Vault.restore_damaged(self.data_dir, backup, self.keystore,
                                             self._known_recovery_key,
                                             clock=self.clock), self._known_recovery_key
            return Vault.restore_damaged(self.data_dir, backup, self.keystore,
                                         clock=self.clock), ""
        except (KeyMissingError, KeyringUnavailableError):
            pass

        def attempt(recovery_key: str) -> tuple[Path, str]:
            return Vault.restore_damaged(self.data_dir, backup, self.keystore, recovery_key,
                                         clock=self.clock), recovery_key

        from supportdesk.ui.startup.recovery import RecoveryDialog

        dialog: RecoveryDialog[tuple[Path, str]] = RecoveryDialog(
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
