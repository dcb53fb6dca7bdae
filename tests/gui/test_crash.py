"""The crash handler: a calm dialog, details without personal data, typed text kept."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import StorageError
from supportdesk.ui import crash

MARKER = "Marker Robin Quill"


@pytest.fixture
def handler(qapp: QApplication) -> Iterator[crash.CrashHandler]:
    installed = crash.install(qapp)
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()


def _fail_with_personal_data() -> None:
    note = f"{MARKER} 07700 900123"  # a local value the report must not show
    raise ValueError(f"could not save {note}")


def _raise_into(handler: crash.CrashHandler) -> None:
    try:
        _fail_with_personal_data()
    except ValueError:
        handler.handle(*sys.exc_info())


def test_report_names_the_place_but_not_the_message_or_values(
    handler: crash.CrashHandler, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG), qtbot.waitSignal(handler.crashed) as blocker:
        _raise_into(handler)
    report = blocker.args[0]
    assert "builtins.ValueError" in report
    assert "_fail_with_personal_data" in report
    assert 'File "test_crash.py", line' in report
    for secret in (MARKER, "07700", "could not save"):
        assert secret not in report
        assert secret not in caplog.text
    assert "Unexpected error" in caplog.text


def test_dialog_is_calm_and_copies_the_details(
    handler: crash.CrashHandler, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(handler.crashed):
        _raise_into(handler)
    dialog = handler.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Something went wrong"
    assert "still where you left it" in dialog.message.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.details
    assert MARKER not in QGuiApplication.clipboard().text()
    dialog.show_button.click()
    assert dialog.details_view.isVisible()


def test_open_editor_keeps_its_text(
    handler: crash.CrashHandler, qtbot: QtBot
) -> None:
    editor = QDialog()
    field = QLineEdit(editor)
    QVBoxLayout(editor).addWidget(field)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(field, "what I was writing")
    with qtbot.waitSignal(handler.crashed):
        _raise_into(handler)
    assert editor.isVisible()
    assert field.text() == "what I was writing"


def test_errors_in_slots_and_threads_reach_the_handler(
    handler: crash.CrashHandler, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(handler.crashed) as from_slot:
        QTimer.singleShot(0, _fail_with_personal_data)
    assert "ValueError" in from_slot.args[0]
    with qtbot.waitSignal(handler.crashed) as from_thread:
        worker = threading.Thread(target=_fail_with_personal_data)
        worker.start()
        worker.join()
    assert "ValueError" in from_thread.args[0]
    assert handler.count == 2
    # one dialog collects both, rather than a pile of windows
    assert handler.dialog is not None
    assert handler.dialog.details.count("builtins.ValueError") == 2


def test_a_known_error_shows_its_own_plain_message(
    handler: crash.CrashHandler, qtbot: QtBot
) -> None:
    try:
        raise StorageError("The disk is full.", hint="Free some space and try again.")
    except StorageError:
        with qtbot.waitSignal(handler.crashed):
            handler.handle(*sys.exc_info())
    assert handler.dialog is not None
    assert handler.dialog.message.text() == "The disk is full. Free some space and try again."


def test_a_raw_full_disk_error_is_told_as_a_full_disk_not_a_bug(
    handler: crash.CrashHandler, qtbot: QtBot, tmp_path: object
) -> None:
    import errno

    try:
        raise OSError(errno.ENOSPC, "No space left on device", "/somewhere/file")
    except OSError:
        with qtbot.waitSignal(handler.crashed):
            handler.handle(*sys.exc_info())
    assert handler.dialog is not None
    text = handler.dialog.message.text()
    assert "not enough free space" in text and "/somewhere" in text
    assert crash.CALM_TEXT not in text
