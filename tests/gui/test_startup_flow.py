"""The open-vault flow with real vaults: first run, and a missing key that is recovered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget
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

    def choose(_folder: Path, error: object, _parent: object = None, **_options: object) -> Path:
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
    monkeypatch.setattr(problems, "choose_backup_after_damage", lambda *_args, **_options: backup)

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
    monkeypatch.setattr(problems, "choose_backup_after_damage", lambda *_args, **_options: None)
    assert VaultOpener(folder, keystore=keystore).run() is None
    assert _files(folder) == before


# -- a vault not ready until its recovery key is confirmed (issue 15) ---------------------


def test_a_first_run_stopped_before_confirming_shows_the_same_key_next_time(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    session, recovery_key = create_session(folder, keystore, until_confirmed=True)
    session.close()  # the app was closed while the key was on screen
    seen: list[tuple[str, str]] = []

    def confirm(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        seen.append((widget.recovery_key, " ".join(
            label.text() for label in widget.findChildren(QLabel))))
        widget.stored_check.setChecked(True)
        widget.continue_button.click()

    _when_modal(confirm)
    again = VaultOpener(folder, keystore=keystore).run()
    assert again is not None
    again.close()
    assert seen and seen[0][0] == recovery_key and "same key" in seen[0][1]
    third = VaultOpener(folder, keystore=keystore).run()  # confirmed: no dialog now
    assert third is not None
    third.close()


# -- a damaged or missing vault is never taken for a new one (issue 13) -------------------


def _made_with_backup(folder: Path, keystore: MemoryKeyStore) -> tuple[Path, str]:
    from supportdesk.core.kinds import Kind
    from supportdesk.core.model import Supporter

    session, recovery_key = create_session(folder, keystore)
    session.repo.add_supporter(Supporter("Ada Quillfeather", Kind.FRIEND))
    assert session.vault is not None
    backup = session.vault.backup(reason="auto")
    session.close()
    return backup, recovery_key


def _labels(widget: QWidget) -> list[str]:
    return [b.text() for b in widget.findChildren(QPushButton)]


def test_an_emptied_database_is_refused_naming_the_newest_backup(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    backup, _ = _made_with_backup(folder, keystore)
    (folder / "supportdesk.db").write_bytes(b"")
    before = _files(folder)
    texts: list[str] = []

    def read_and_quit(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox) and widget.objectName() == "DamagedVault"
        texts.append(widget.informativeText())
        assert "Start fresh…" not in _labels(widget)  # the file is there: restore only
        _press("Quit")(widget)

    _when_modal(read_and_quit)
    assert VaultOpener(folder, keystore=keystore).run() is None
    assert texts and backup.name in texts[0] and "empty" in texts[0]
    assert _files(folder) == before
    assert [p.name for p in (folder / "backups").glob("*.sdbackup")] == [backup.name]


def test_a_gone_database_can_start_fresh_keeping_vault_json_aside(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    backup, _ = _made_with_backup(folder, keystore)
    (folder / "supportdesk.db").unlink()
    old_meta = (folder / "vault.json").read_bytes()

    def confirm_welcome(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        widget.stored_check.setChecked(True)
        widget.continue_button.click()

    def really(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox) and widget.objectName() == "StartFresh"
        _when_modal(confirm_welcome)
        _press("Start with an empty vault")(widget)

    def choose_fresh(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox) and widget.objectName() == "DamagedVault"
        assert "gone" in widget.text() and "Restore a backup…" in _labels(widget)
        _when_modal(really)
        _press("Start fresh…")(widget)

    _when_modal(choose_fresh)
    session = VaultOpener(folder, keystore=keystore).run()
    assert session is not None
    try:
        assert session.repo.supporters() == []
    finally:
        session.close()
    kept = list(folder.glob("vault.json.before-fresh-start-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == old_meta
    assert backup.exists()


def test_a_gone_database_is_restored_from_a_backup(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "vault"
    keystore = MemoryKeyStore()
    backup, _ = _made_with_backup(folder, keystore)
    (folder / "supportdesk.db").unlink()
    started_at: list[object] = []

    def pick(_folder: Path, _parent: object = None, *, newest: Path | None = None) -> Path:
        started_at.append(newest)
        return backup

    monkeypatch.setattr(problems, "pick_backup", pick)

    def choose_restore(widget: QWidget) -> None:
        _when_modal(lambda box: box.findChildren(QPushButton)[0].click())  # "notes are back"
        _press("Restore a backup…")(widget)

    _when_modal(choose_restore)
    session = VaultOpener(folder, keystore=keystore).run()
    assert session is not None
    try:
        assert [s.name for s in session.repo.supporters()] == ["Ada Quillfeather"]
    finally:
        session.close()
    assert started_at == [backup]


def test_first_run_can_restore_a_backup_with_the_recovery_key(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup, recovery_key = _made_with_backup(tmp_path / "old", MemoryKeyStore())
    monkeypatch.setattr(problems, "pick_backup", lambda *_args, **_options: backup)
    new_home = tmp_path / "new"

    def enter_key(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        widget.key_edit.setText(recovery_key)
        widget.open_button.click()

    def choose_restore(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        _when_modal(enter_key)
        widget.restore_button.click()

    _when_modal(choose_restore)
    keystore = MemoryKeyStore()
    session = VaultOpener(new_home, keystore=keystore).run()
    assert session is not None
    try:
        assert [s.name for s in session.repo.supporters()] == ["Ada Quillfeather"]
        assert session.vault is not None and session.vault.unconfirmed_recovery_key() is None
    finally:
        session.close()
    # the old recovery key still opens it: the backup's own vault.json came back with it
    recover_session(new_home, recovery_key, MemoryKeyStore(), store_key=False).close()


def test_recovery_with_a_vault_json_from_another_vault_says_so(
        qtbot: QtBot, tmp_path: Path) -> None:
    mine, other = tmp_path / "mine", tmp_path / "other"
    session, recovery_key = create_session(mine, MemoryKeyStore())
    session.close()
    create_session(other, MemoryKeyStore())[0].close()
    (mine / "vault.json").write_bytes((other / "vault.json").read_bytes())
    before = _files(mine)
    said: list[str] = []

    def enter_right_key(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        widget.key_edit.setText(recovery_key)
        widget.open_button.click()
        said.append(widget.message.text())
        widget.quit_button.click()

    _when_modal(enter_right_key)
    assert VaultOpener(mine, keystore=MemoryKeyStore()).run() is None
    assert said and "belongs to another vault" in said[0]
    assert _files(mine) == before
