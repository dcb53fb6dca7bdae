"""Settings → Privacy → "Make a new recovery key…": the old key stops working, the new
one opens the vault, and the person is told so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import WrongKeyError
from supportdesk.services.session import create_session
from supportdesk.ui.privacy.settings_tab import PrivacyTab
from supportdesk.ui.startup.new_recovery_key import replace_recovery_key
from supportdesk.ui.startup.welcome import WelcomeDialog
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault


def _when_modal(check: Callable[[QWidget], None]) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, poll)
            return
        check(widget)

    QTimer.singleShot(20, poll)


def test_a_new_recovery_key_replaces_the_old_one_and_says_so(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    session, old_key = create_session(folder, MemoryKeyStore())
    said: list[str] = []
    shown: list[str] = []

    def confirm_new(widget: QWidget) -> None:
        assert isinstance(widget, WelcomeDialog)
        shown.append(widget.recovery_key)
        said.extend(label.text() for label in widget.findChildren(QLabel))
        widget.stored_check.setChecked(True)
        widget.continue_button.click()

    def agree(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        said.append(widget.text())
        _when_modal(confirm_new)
        next(b for b in widget.findChildren(QPushButton)
             if b.text() == "Make a new recovery key").click()

    _when_modal(agree)
    made = replace_recovery_key(session)
    session.close()
    assert made is not None and shown == [made] and made != old_key
    assert any("stop opening your notes" in text for text in said)
    assert any("old recovery key no longer opens" in text for text in said)
    with pytest.raises(WrongKeyError):
        Vault.recover(folder, old_key, MemoryKeyStore())
    Vault.recover(folder, made, MemoryKeyStore()).close()


def test_keeping_the_current_key_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    session, _ = create_session(folder, MemoryKeyStore())
    before = (folder / "vault.json").read_bytes()

    def keep(widget: QWidget) -> None:
        next(b for b in widget.findChildren(QPushButton)
             if b.text() == "Keep my current key").click()

    _when_modal(keep)
    assert replace_recovery_key(session) is None
    session.close()
    assert (folder / "vault.json").read_bytes() == before


def test_the_privacy_tab_offers_a_new_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    from supportdesk.services.app_lock import AppLock
    from supportdesk.services.settings import Settings

    session, _ = create_session(tmp_path / "vault", MemoryKeyStore())
    try:
        tab = PrivacyTab(AppLock(Settings(session.repo)))
        qtbot.addWidget(tab)
        with qtbot.waitSignal(tab.new_recovery_key_requested, timeout=1000):
            tab.new_recovery_key.click()
    finally:
        session.close()
