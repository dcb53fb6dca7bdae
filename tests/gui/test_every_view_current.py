"""Issue 14's "Done when": a check-in, however it comes — the log dialog, the tray, the
command line while the app is open, an import, an undo, a restore — shows on every
visible view at once (the page showing and the tray), and on every other view when it
is shown; and it refreshes the page showing exactly once.

The main window is the app's own, over a real vault, with every extension installed as
the app installs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import CheckIn, ContactMethod, Supporter
from supportdesk.services.clock import ManualClock
from supportdesk.services.session import create_session
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.events import Events
from supportdesk.ui.extensions import install_all
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.models.checkin_table import CheckinColumn
from supportdesk.ui.models.supporter_table import Column
from supportdesk.ui.pages.people_split import shown_person_page
from supportdesk.ui.undo_commands import DeleteCheckin, perform
from supportdesk.vault.keystore import KeyringKeyStore
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring

REPO = Path(__file__).resolve().parents[2]
PHONE = ContactMethod(ContactType.PHONE, "07700 900123", "mobile", True)
NOTE = "Walked by the canal"
SHOWING = "people"  # the page showing when the check-in comes
HIDDEN = ("checkins", "person", "today")


pytestmark = pytest.mark.usefixtures("no_desktop")


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    return tmp_path / "keyring.json"  # where the command line finds the app's key


@pytest.fixture
def ctx(tmp_path: Path, keyring_file: Path) -> Iterator[AppContext]:
    clock = ManualClock(datetime.now(UTC).replace(microsecond=0))
    session, _recovery = create_session(tmp_path / "data",
                                        KeyringKeyStore(FileKeyring(keyring_file)), clock=clock)
    made = AppContext(session, Events(), QUndoStack())
    yield made
    made.close()


class Shown:
    """The app's window with Sam (due: a month without contact) on the People page."""

    def __init__(self, ctx: AppContext, qtbot: QtBot) -> None:
        self.ctx = ctx
        self.qtbot = qtbot
        sam = ctx.session.repo.add_supporter(
            Supporter("Sam", Kind.FRIEND, ring=Ring.INNER, contacts=[PHONE]),
            now=ctx.app.now() - timedelta(days=30))
        assert sam.id is not None
        self.sam = sam.id
        self.window = MainWindow(ctx)
        qtbot.addWidget(self.window)
        self.window.extensions = install_all(self.window, ctx)
        self.window.resize(1000, 700)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.reminders = self.window.extensions["reminders"]
        self.reminders.start()  # type: ignore[attr-defined]
        for key in HIDDEN[:1]:
            self.window.show_page(key)
        self.window.show_supporter(self.sam)
        self.window.show_page(SHOWING)
        qtbot.waitUntil(lambda: "Sam" in self.tray_due())
        assert self.last_contact() == "Not yet"
        self.refreshes = 0
        page = self.window.page(SHOWING)
        original = page.refresh  # type: ignore[attr-defined]

        def counted() -> None:
            self.refreshes += 1
            original()

        page.refresh = counted  # type: ignore[attr-defined]

    def tray_due(self) -> list[str]:
        return [action.text() for action in self.reminders.tray.due_menu.actions()]  # type: ignore[attr-defined]

    def last_contact(self) -> str:
        page = self.window.page("people")
        proxy = page.people.proxy  # type: ignore[attr-defined]
        rows = [r for r in range(proxy.rowCount())
                if proxy.index(r, Column.NAME).data() == "Sam"]
        return str(proxy.index(rows[0], Column.LAST_CONTACT).data())

    def showing_now(self, within_ms: int = 0) -> None:
        """The page showing and the tray have it (after ``within_ms``, or this turn)."""
        if within_ms:
            self.qtbot.waitUntil(lambda: self.last_contact() == "Today", timeout=within_ms)
        else:
            QApplication.processEvents()  # the bus's one turn
            QApplication.processEvents()
            assert self.last_contact() == "Today"
        self.qtbot.waitUntil(lambda: "Sam" not in self.tray_due(), timeout=1000)
        self.qtbot.wait(50)  # nothing more comes in later turns
        assert self.refreshes == 1, "one check-in, one refresh of the page showing"

    def hidden_when_shown(self, note: str = NOTE) -> None:
        """Every other page has it as soon as it is shown."""
        self.window.show_page("checkins")
        checkins = self.window.page("checkins")
        proxy = checkins.proxy  # type: ignore[attr-defined]
        assert [proxy.index(r, CheckinColumn.NOTE).data()
                for r in range(proxy.rowCount())][:1] == [note]
        self.window.show_supporter(self.sam)
        shown = shown_person_page(self.window)  # type: ignore[arg-type]
        assert shown is not None and "Last in touch today" in words(shown)
        self.window.show_page("today")
        assert self.sam not in self.window.page("today").due_rows  # type: ignore[attr-defined]


def words(page: QWidget) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel))


def answer_log_dialog(note: str, supporter_box: str = "") -> list[bool]:
    """When the log dialog opens (modal), type a note (and a name) and save it."""
    saved: list[bool] = []
    timer = QTimer()
    timer.setInterval(10)

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, CheckinDialog) and widget.isVisible():
                timer.stop()
                if supporter_box:
                    widget.person_box.setCurrentText(supporter_box)
                widget.note_edit.setPlainText(note)
                saved.append(widget.save())

    timer.timeout.connect(attempt)
    timer.start()
    saved_timer.append(timer)  # alive while the dialog's own loop runs
    return saved


saved_timer: list[QTimer] = []


@pytest.fixture
def shown(ctx: AppContext, qtbot: QtBot) -> Shown:
    return Shown(ctx, qtbot)


def test_logged_in_the_dialog(shown: Shown) -> None:
    saved = answer_log_dialog(NOTE)
    shown.ctx.events.checkin_log_requested.emit(shown.sam)  # Ctrl+L on their page, say
    assert saved == [True]
    shown.showing_now()
    shown.hidden_when_shown()


def test_logged_from_the_tray(shown: Shown) -> None:
    saved = answer_log_dialog(NOTE, "Sam")
    shown.reminders.tray.log_action.trigger()  # type: ignore[attr-defined]
    assert saved == [True]
    shown.showing_now()
    shown.hidden_when_shown()


def test_logged_from_the_command_line_while_the_app_is_open(
        shown: Shown, tmp_path: Path, keyring_file: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND=BACKEND, PYTHONPATH=str(REPO),
               SUPPORTDESK_NO_NETWORK="1", **{ENV_FILE: str(keyring_file)})
    done = subprocess.run([sys.executable, "-m", "supportdesk", "--data-dir",
                           str(tmp_path / "data"), "log", "Sam", "--note", NOTE],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    shown.showing_now(within_ms=2000)  # the window looks at the change counts each second
    shown.hidden_when_shown()


def test_brought_by_an_import(shown: Shown, tmp_path: Path) -> None:
    from supportdesk.services.session import Session
    from supportdesk.ui.full_import_dialog import ImportEverything
    from tests.unit.services.test_full_export import export_of

    now = shown.ctx.app.now()

    def fill(source: Session) -> None:  # the same Sam, with a walk this morning
        sam = source.network.save_supporter(Supporter("Sam", Kind.FRIEND, contacts=[PHONE]))
        source.network.log_checkin(CheckIn(sam.id or 0, now - timedelta(minutes=5),
                                           note=NOTE))

    preview = shown.ctx.app.full_import.preview(export_of(fill, tmp_path / "source"))
    assert [row.existing.id for row in preview.people if row.existing] == [shown.sam]
    perform(shown.ctx, ImportEverything(shown.ctx, preview))
    shown.showing_now()
    shown.hidden_when_shown()


def test_brought_back_by_an_undo(shown: Shown) -> None:
    logged = shown.ctx.session.network.log_checkin(CheckIn(shown.sam, shown.ctx.app.now(),
                                                           note=NOTE))
    perform(shown.ctx, DeleteCheckin(shown.ctx, logged))
    shown.ctx.app.feed.poll()
    QApplication.processEvents()
    shown.refreshes = 0
    assert shown.last_contact() == "Not yet"
    shown.ctx.undo.undo()
    shown.showing_now()
    shown.hidden_when_shown()


def test_brought_back_by_a_restore(shown: Shown, tmp_path: Path) -> None:
    app = shown.ctx.app
    logged = app.log_checkin(CheckIn(shown.sam, app.now(), note=NOTE))
    backup = app.back_up_to(tmp_path / "with-the-walk.sdbackup")
    assert logged.id is not None
    app.delete_checkin(logged.id)
    QApplication.processEvents()
    QApplication.processEvents()
    shown.refreshes = 0
    assert shown.last_contact() == "Not yet"
    app.restore_backup(backup)
    shown.showing_now()
    shown.hidden_when_shown()
