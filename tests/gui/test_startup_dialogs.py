"""Start-up dialogs: the welcome and its recovery key, recovery entry, keyring choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import KeyringUnavailableError, StorageError, WrongKeyError
from supportdesk.ui.startup import problems
from supportdesk.ui.startup.recovery import WRONG_RECOVERY_KEY, RecoveryDialog
from supportdesk.ui.startup.welcome import WelcomeDialog
from supportdesk.vault.recovery import generate_recovery_key, parse_recovery_key


@pytest.fixture
def recovery_key() -> str:
    return generate_recovery_key()


def test_welcome_shows_the_key_in_groups(qtbot: QtBot, recovery_key: str) -> None:
    dialog = WelcomeDialog(recovery_key)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(type(dialog.feedback))]
    for group in recovery_key.split("-"):
        assert group in shown


def test_continue_needs_the_stored_checkbox(qtbot: QtBot, recovery_key: str) -> None:
    dialog = WelcomeDialog(recovery_key)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.continue_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert "keep your recovery key safe" in dialog.feedback.text()
    dialog.stored_check.setChecked(True)
    assert dialog.continue_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.continue_button.click()


def test_copy_puts_the_key_on_the_clipboard(qtbot: QtBot, recovery_key: str) -> None:
    dialog = WelcomeDialog(recovery_key)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == recovery_key
    assert "Copied" in dialog.feedback.text()


def test_save_writes_a_file_with_the_key(qtbot: QtBot, recovery_key: str,
                                         tmp_path: Path) -> None:
    dialog = WelcomeDialog(recovery_key)
    qtbot.addWidget(dialog)
    target = tmp_path / "key.txt"
    dialog.save_to(target)
    assert recovery_key in target.read_text(encoding="utf-8")
    assert "key.txt" in dialog.feedback.text()


def test_recovery_rejects_a_typo_with_a_message_then_accepts(qtbot: QtBot,
                                                               recovery_key: str) -> None:
    tried: list[str] = []

    def attempt(text: str) -> str:
        canonical = parse_recovery_key(text)
        tried.append(canonical)
        if canonical != recovery_key:
            raise WrongKeyError("This recovery key does not open this vault.")
        return "opened"

    dialog: RecoveryDialog[str] = RecoveryDialog("Your key is missing.", attempt)
    qtbot.addWidget(dialog)
    dialog.show()
    typo = recovery_key[:-1] + ("A" if recovery_key[-1] != "A" else "B")
    qtbot.keyClicks(dialog.key_edit, typo)
    dialog.open_button.click()
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert "typing mistake" in dialog.message.text() or "look right" in dialog.message.text()
    assert tried == []

    other = generate_recovery_key()
    dialog.key_edit.setText(other)
    assert not dialog.message.isVisible()
    dialog.open_button.click()
    assert dialog.message.text() == WRONG_RECOVERY_KEY
    assert dialog.isVisible()

    dialog.key_edit.setText(recovery_key.replace("-", " ").lower())
    with qtbot.waitSignal(dialog.accepted):
        dialog.open_button.click()
    assert dialog.result_value == "opened"


def test_recovery_hands_back_problems_that_are_not_about_the_key(
        qtbot: QtBot, recovery_key: str) -> None:
    def attempt(_text: str) -> str:
        raise StorageError("The disk is full.")

    dialog: RecoveryDialog[str] = RecoveryDialog("Your key is missing.", attempt)
    qtbot.addWidget(dialog)
    dialog.key_edit.setText(recovery_key)
    with qtbot.waitSignal(dialog.rejected):
        dialog.open_button.click()
    assert isinstance(dialog.other_error, StorageError)


def _click_later(label: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        for button in box.findChildren(QPushButton):
            if button.text() == label:
                button.click()
                return
        raise AssertionError(f"no button {label!r}")

    QTimer.singleShot(50, click)


@pytest.mark.parametrize(("label", "expected"), [
    ("Use my recovery key for this session", True),
    ("Quit", False),
])
def test_keyring_unavailable_offers_session_only_or_quit(qtbot: QtBot, label: str,
                                                         expected: bool) -> None:
    _click_later(label)
    error = KeyringUnavailableError("No keyring is available.")
    assert problems.ask_keyring_choice(error, first_run=False) is expected


def test_keyring_unavailable_on_first_run_says_what_happens(qtbot: QtBot) -> None:
    _click_later("Continue with a recovery key")
    error = KeyringUnavailableError("No keyring is available.")
    assert problems.ask_keyring_choice(error, first_run=True) is True



def test_save_to_file_starts_in_documents_and_writes_for_this_user_alone(
        qtbot: QtBot, recovery_key: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import stat

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    target = tmp_path / "key.txt"
    asked: list[str] = []

    def fake_save(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    dialog = WelcomeDialog(recovery_key)
    qtbot.addWidget(dialog)
    target.write_text("an older file, readable by all")
    target.chmod(0o644)
    dialog.save_button.click()
    assert asked and asked[0].startswith(documents)
    assert recovery_key in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_keyring_message_says_each_thing_once(qtbot: QtBot) -> None:
    """The message offers the recovery key; the detail says only what went wrong and what
    is particular to it (unlock the keyring), not the recovery key a second time."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend([box.text(), box.informativeText()])
        box.reject()

    QTimer.singleShot(50, look)
    error = KeyringUnavailableError(
        "Your keyring did not answer within 60 seconds, so the vault was not opened.",
        hint="It may be waiting for its password in a window you cannot see: unlock it "
             "and try again. Your recovery key also works; nothing has changed.")
    problems.ask_keyring_choice(error, first_run=False)
    text, detail = seen
    assert "recovery key" in text
    assert "recovery key" not in detail
    assert detail == ("Your keyring did not answer within 60 seconds, so the vault was not "
                      "opened. It may be waiting for its password in a window you cannot "
                      "see: unlock it and try again.")
    plain = KeyringUnavailableError("No keyring is available.", hint=(
        "You can open the vault with your recovery key for this session, or sign in to a "
        "desktop session with a keyring and try again."))
    assert problems.keyring_detail(plain) == "No keyring is available."
