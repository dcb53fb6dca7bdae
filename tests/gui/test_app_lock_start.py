"""With a PIN set, SupportDesk starts locked, and nothing personal paints before the PIN;
while locked, windows opened from the tray are covered and the tray names no one.

The first test starts the real app (``app.main``) in a child process, as a person
would after quitting from the tray and starting again, and watches every paint.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QVBoxLayout
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import HelpNotes, Supporter
from supportdesk.core.schedule import DueItem
from supportdesk.services import app_lock
from supportdesk.services.app_lock import AppLock
from supportdesk.services.session import Session, create_session
from supportdesk.services.settings import Settings
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.privacy.install import PrivacyUi
from supportdesk.ui.privacy.lock_screen import LockScreen
from supportdesk.ui.reminders.tray import ReminderTray
from supportdesk.vault.keystore import KeyringKeyStore
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring

REPO = Path(__file__).resolve().parents[2]
SECRET = "Quayle"  # in Sam's name and note: whatever paints it is personal

WATCH = """if True:
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
    from supportdesk import app
    SECRET = sys.argv[2]
    painted = {"before": [], "after": []}
    phase = ["before"]  # until the PIN is typed

    def personal(widget):
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        return SECRET in text

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and personal(watched):
                painted[phase[0]].append(type(watched).__name__)
            return False

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if getattr(w, "is_ready", False)]
        if not windows:
            QTimer.singleShot(50, look)
            return
        window = windows[0]
        privacy = window.extensions["privacy"]
        print("locked at start:", privacy.locked and privacy.cover.isVisible(), flush=True)
        QTimer.singleShot(400, lambda: unlock(window, privacy))

    def unlock(window, privacy) -> None:
        phase[0] = "after"
        privacy.cover.pin.setText("2468")
        privacy.cover.unlock_button.click()
        QTimer.singleShot(100, lambda: finish(window, 50))

    def finish(window, polls) -> None:
        if not painted["after"] and polls:  # a loaded machine may paint a little later
            QTimer.singleShot(100, lambda: finish(window, polls - 1))
            return
        print("painted before the PIN:", painted["before"], flush=True)
        print("painted once unlocked:", bool(painted["after"]), flush=True)
        window.keep_running_on_close = False
        window.close()

    qapp = QApplication(sys.argv[:1])
    watch = Watch()
    qapp.installEventFilter(watch)
    QTimer.singleShot(0, look)
    sys.exit(app.main(["--data-dir", sys.argv[1]]))
"""


def test_with_a_pin_the_app_starts_locked_and_paints_nothing_personal_first(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    keyring_file = tmp_path / "keyring.json"
    session, _key = create_session(folder, KeyringKeyStore(FileKeyring(keyring_file)))
    long_ago = datetime.now(UTC) - timedelta(days=120)
    session.repo.add_supporter(Supporter(
        f"Sam {SECRET}", Kind.FRIEND, ring=Ring.INNER,
        help=HelpNotes(what_helps=f"Tea with {SECRET}")), now=long_ago)  # due on Today
    AppLock(Settings(session.repo)).set_pin("2468")
    session.close()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHON_KEYRING_BACKEND": BACKEND,
           ENV_FILE: str(keyring_file), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen",
           "SUPPORTDESK_NO_NETWORK": "1"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no tray: closing the window quits
    result = subprocess.run([sys.executable, "-c", WATCH, str(folder), SECRET], env=env,
                            capture_output=True, text=True, timeout=90, check=False)
    out = result.stdout + result.stderr
    assert "locked at start: True" in result.stdout, out
    assert "painted before the PIN: []" in result.stdout, out
    assert "painted once unlocked: True" in result.stdout, out  # the watch does see it
    assert result.returncode == 0, out


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.settings_tabs: list[object] = []
        self.setCentralWidget(QLabel(f"Sam {SECRET}"))
        self.resize(500, 300)


@pytest.fixture
def locked(session: Session, qtbot: QtBot) -> Iterator[tuple[PrivacyUi, Events]]:
    AppLock(Settings(session.repo)).set_pin("2468")
    window = Window()
    qtbot.addWidget(window)
    window.show()
    events = Events()
    privacy = PrivacyUi(window, AppContext(session, events, QUndoStack()))
    privacy.lock_now()
    yield privacy, events
    privacy.screen.stop()
    if privacy.locked:
        privacy.unlock()
    app_lock.set_locked(False)


def test_a_window_opened_while_locked_is_covered_as_it_shows(
    locked: tuple[PrivacyUi, Events], qtbot: QtBot
) -> None:
    privacy, _events = locked
    dialog = QDialog()
    qtbot.addWidget(dialog)
    inside = QLabel(f"Who: Sam {SECRET}", dialog)
    QVBoxLayout(dialog).addWidget(inside)
    dialog.show()
    assert not inside.isVisible()
    [cover] = [c for c in dialog.findChildren(LockScreen) if c.isVisible()]
    cover.pin.setText("2468")
    cover.unlock_button.click()
    assert not privacy.locked and inside.isVisible() and not cover.isVisible()


def test_while_locked_the_tray_names_no_one_and_opens_no_dialog(
    locked: tuple[PrivacyUi, Events], qtbot: QtBot
) -> None:
    privacy, events = locked
    tray = ReminderTray(events)
    at = datetime(2026, 6, 1, tzinfo=UTC)
    tray.update_due([DueItem(1, f"Sam {SECRET}", at, at, timedelta(days=2))], paused=False)
    texts = [a.text() for a in tray.due_menu.actions()]
    assert texts == ["Unlock SupportDesk to see who"]
    assert tray.due_menu.title() == "Due now (1)"
    asked: list[int] = []
    events.checkin_log_requested.connect(asked.append)
    tray.log_action.trigger()
    assert asked == []  # the window (under its lock screen) is shown instead
    privacy.cover.pin.setText("2468")
    privacy.cover.unlock_button.click()
    assert [a.text() for a in tray.due_menu.actions()] == [f"Sam {SECRET}"]
    tray.log_action.trigger()
    assert asked == [0]


def test_started_in_the_tray_the_window_comes_up_locked(session: Session, qtbot: QtBot) -> None:
    AppLock(Settings(session.repo)).set_pin("2468")
    window = Window()  # --minimized: not shown yet
    qtbot.addWidget(window)
    privacy = PrivacyUi(window, AppContext(session, Events(), QUndoStack()))
    try:
        privacy.lock_now()
        window.show()  # "Open SupportDesk" from the tray
        central = window.centralWidget()
        assert central is not None and not central.isVisible()
        assert privacy.cover.isVisible()
    finally:
        privacy.screen.stop()
        privacy.unlock()
        app_lock.set_locked(False)


def test_a_window_meant_for_the_lock_screen_stays_uncovered(
    locked: tuple[PrivacyUi, Events], qtbot: QtBot
) -> None:
    """Crisis help reached from the lock screen must stay reachable while locked."""
    from supportdesk.ui.privacy.install import SHOWN_WHILE_LOCKED

    help_window = QDialog()
    help_window.setProperty(SHOWN_WHILE_LOCKED, True)
    qtbot.addWidget(help_window)
    line = QLabel("Samaritans: 116 123", help_window)
    help_window.show()
    assert line.isVisible() and not help_window.findChildren(LockScreen)


def test_locked_as_the_window_is_built_nothing_under_the_cover_shows_or_takes_focus(
    session: Session, qtbot: QtBot, no_desktop: None
) -> None:
    """The app's own start with a PIN: the window shows "Opening your notes…", the vault
    opens, the pages are built into the shown window and it locks in that same turn.
    What was just built is about to be shown by Qt; it must stay under the cover, out of
    reach of Tab and of a screen reader (found by tests/integration/test_screen_reader.py)."""
    from PySide6.QtWidgets import QWidget

    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.privacy import install as privacy_install

    AppLock(Settings(session.repo)).set_pin("2468")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    ctx = window.attach(session)
    privacy = privacy_install.install(window, ctx)
    try:
        window.show()  # as app.py does once the extensions are in
        qtbot.wait(50)  # Qt shows what was added to a shown window on a later turn
        assert privacy.locked and privacy.cover.isVisible()
        beneath = [type(w).__name__ for w in window.findChildren(QWidget)
                   if w.isVisible() and w is not privacy.cover
                   and not privacy.cover.isAncestorOf(w)]
        assert beneath == []
        privacy.cover.pin.setText("2468")
        privacy.cover.unlock_button.click()
        central = window.centralWidget()
        assert central is not None and central.isVisible() and window.menuBar().isVisible()
    finally:
        privacy.screen.stop()
        if privacy.locked:
            privacy.unlock()
        app_lock.set_locked(False)
        ctx.bus.stop()
