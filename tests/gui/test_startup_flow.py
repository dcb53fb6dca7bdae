"""The open-vault flow with real vaults: first run, and a missing key that is recovered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.services.session import create_session, recover_session
from supportdesk.ui.startup import problems
from supportdesk.ui.startup.open_vault import VaultOpener
from supportdesk.ui.startup.recovery import RecoveryDialog
from supportdesk.ui.startup.welcome import WelcomeDialog
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.lock import VaultLock
from supportdesk.vault.vault import Vault


def _when_modal(check: Callable[[QWidget], None]) -> None:
    """Run ``check`` on the modal dialog once it is up."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, poll)
            return
        check(widget)

    QTimer.singleShot(20, poll)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_first_run_creates_the_vault_and_shows_the_key(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[str] = []

    def confirm(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        seen.append(widget.recovery_key)
        assert not widget.continue_button.isEnabled()
        widget.stored_check.setChecked(True)
        widget.continue_button.click()

    _when_modal(confirm)
    keystore = MemoryKeyStore()
    session = VaultOpener(tmp_path / "vault", keystore=keystore).run()
    assert session is not None
    try:
        assert Vault.exists(tmp_path / "vault")
        assert seen and len(seen[0].split("-")) == 8
    finally:
        session.close()


def test_missing_key_asks_for_the_recovery_key_and_changes_nothing_until_right(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    session, recovery_key = create_session(folder, MemoryKeyStore())
    session.close()
    before = _files(folder)

    def enter_wrong_then_quit(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        assert "couldn't find the key" in widget.findChildren(type(widget.message))[0].text()
        widget.key_edit.setText("ABCDE-12345")
        widget.open_button.click()
        assert widget.message.isVisible()
        widget.quit_button.click()

    _when_modal(enter_wrong_then_quit)
    assert VaultOpener(folder, keystore=MemoryKeyStore()).run() is None
    assert _files(folder) == before

    keystore = MemoryKeyStore()

    def enter_right(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        widget.key_edit.setText(recovery_key)
        widget.open_button.click()

    _when_modal(enter_right)
    reopened = VaultOpener(folder, keystore=keystore).run()
    assert reopened is not None
    reopened.close()
    # the key went back into the keystore: the next start opens without asking
    again = VaultOpener(folder, keystore=keystore).run()
    assert again is not None
    again.close()


def test_a_vault_being_restored_elsewhere_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    """Open alongside another window or command is fine; only a restore, a key change or
    an update elsewhere keeps it out for a moment, and then it says who."""
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    session, _key = create_session(folder, keystore)
    session.close()
    restoring = VaultLock.acquire(folder, exclusive=True, purpose="restoring a backup")
    texts: list[str] = []

    def read_and_close(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        texts.append(widget.text())
        widget.findChildren(QPushButton)[0].click()

    _when_modal(read_and_close)
    try:
        assert VaultOpener(folder, keystore=keystore).run() is None
    finally:
        restoring.release()
    assert texts and "restoring a backup" in texts[0]


class NoKeyring:
    """A keystore like a desktop without a usable keyring."""

    backend_name = "none"

    def get(self, vault_uuid: str) -> bytes | None:
        raise KeyringUnavailableError("No keyring is available.")

    def set(self, vault_uuid: str, key: bytes) -> None:
        raise KeyringUnavailableError("No keyring is available.")

    def delete(self, vault_uuid: str) -> None:
        raise KeyringUnavailableError("No keyring is available.")


def _press(label: str) -> Callable[[QWidget], None]:
    def press(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        next(b for b in widget.findChildren(QPushButton) if b.text() == label).click()

    return press


def test_no_keyring_then_quit_leaves_no_vault(qtbot: QtBot, tmp_path: Path) -> None:
    _when_modal(_press("Quit"))
    assert VaultOpener(tmp_path / "vault", keystore=NoKeyring()).run() is None
    assert not Vault.exists(tmp_path / "vault")


def test_no_keyring_uses_the_recovery_key_for_this_session_only(qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    session, recovery_key = create_session(folder, MemoryKeyStore())
    session.close()

    def enter_key(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        widget.key_edit.setText(recovery_key)
        widget.open_button.click()

    def choose_session_only(widget: QWidget) -> None:
        _press("Use my recovery key for this session")(widget)
        _when_modal(enter_key)

    _when_modal(choose_session_only)
    opened = VaultOpener(folder, keystore=NoKeyring()).run()
    assert opened is not None
    assert opened.repo.supporters() == []
    opened.close()


def test_no_keyring_on_first_run_can_still_start_with_a_recovery_key(
        qtbot: QtBot, tmp_path: Path) -> None:
    shown: list[str] = []

    def confirm_welcome(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        shown.append(widget.recovery_key)
        widget.stored_check.setChecked(True)
        widget.continue_button.click()

    def choose_continue(widget: QWidget) -> None:
        _press("Continue with a recovery key")(widget)
        _when_modal(confirm_welcome)

    _when_modal(choose_continue)
    session = VaultOpener(tmp_path / "vault", keystore=NoKeyring()).run()
    assert session is not None
    session.close()
    assert shown
    # next time, the same recovery key opens it
    reopened = recover_session(tmp_path / "vault", shown[0], MemoryKeyStore(), store_key=False)
    reopened.close()


def _damage(folder: Path) -> None:
    db = folder / "supportdesk.db"
    data = bytearray(db.read_bytes())
    for i in range(4096, len(data), 97):
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))


def _vault_with_backup(folder: Path, keystore: MemoryKeyStore) -> tuple[Path, str]:
    from supportdesk.core.kinds import Kind
    from supportdesk.core.model import Supporter

    session, recovery_key = create_session(folder, keystore)
    session.repo.add_supporter(Supporter("Ada Quillfeather", Kind.FRIEND))
    assert session.vault is not None
    backup = session.vault.backup(folder.parent / "saved-backup.db")
    session.close()
    _damage(folder)
    return backup, recovery_key


def test_damaged_vault_is_restored_from_a_chosen_backup_keeping_the_damaged_copy(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    backup, _key = _vault_with_backup(folder, keystore)
    damaged = (folder / "supportdesk.db").read_bytes()
    offered: list[str] = []

    def choose(_folder: Path, error: object, _parent: object = None) -> Path:
        offered.append(str(error))
        return backup

    monkeypatch.setattr(problems, "choose_backup_after_damage", choose)
    messages: list[str] = []

    def read_and_close(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        messages.append(widget.text())
        widget.findChildren(QPushButton)[0].click()

    _when_modal(read_and_close)
    session = VaultOpener(folder, keystore=keystore).run()
    assert session is not None
    try:
        assert [s.name for s in session.repo.supporters()] == ["Ada Quillfeather"]
    finally:
        session.close()
    assert "damaged" in offered[0]
    assert messages and "restored from saved-backup.db" in messages[0]
    kept = [p for p in folder.iterdir() if p.name.startswith("supportdesk.db.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_damaged_vault_without_the_keyring_key_restores_with_the_recovery_key(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "vault"
    backup, recovery_key = _vault_with_backup(folder, MemoryKeyStore())
    monkeypatch.setattr(problems, "choose_backup_after_damage", lambda *_args: backup)

    def enter_key(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        widget.key_edit.setText(recovery_key)
        widget.open_button.click()
        _when_modal(lambda box: box.findChildren(QPushButton)[0].click())

    _when_modal(enter_key)
    keystore = MemoryKeyStore()
    session = VaultOpener(folder, keystore=keystore).run()
    assert session is not None
    try:
        assert [s.name for s in session.repo.supporters()] == ["Ada Quillfeather"]
    finally:
        session.close()
    again = VaultOpener(folder, keystore=keystore).run()  # the key is back in the keystore
    assert again is not None
    again.close()


def test_damaged_vault_and_quit_changes_nothing(qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    _vault_with_backup(folder, keystore)
    before = _files(folder)
    monkeypatch.setattr(problems, "choose_backup_after_damage", lambda *_args: None)
    assert VaultOpener(folder, keystore=keystore).run() is None
    assert _files(folder) == before
