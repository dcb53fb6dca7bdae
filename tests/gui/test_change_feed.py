"""Every view current, through one feed: the main window over a real session, with the
reminders installed as the app installs them.

A check-in refreshes the page showing once and marks the rest stale; a change made by
another process shows within two seconds; a reminder that fires while the window is in
the tray is on Today when it comes back; the "while you were away" banner goes once that
person is logged; the low-mood suggestion and the mood card change together.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.insights import EscalationRule
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.clock import ManualClock
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.pages.today import TodayPage
from supportdesk.ui.reminders.install import RemindersUi
from supportdesk.ui.undo_commands import LogCheckin, perform

START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("no_desktop")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "supportdesk.db"


@pytest.fixture
def ctx(db_path: Path, db_key: bytes, clock: ManualClock) -> Iterator[AppContext]:
    db = database.connect(db_path, db_key)
    migrations.migrate(db)
    made = AppContext(Session(db, clock=clock), Events(), QUndoStack())
    yield made
    made.close()


def add(ctx: AppContext, name: str) -> int:
    saved = ctx.app.add_supporter(Supporter(name, Kind.FRIEND, ring=Ring.INNER))
    assert saved.id is not None
    return saved.id


def window_for(ctx: AppContext, qtbot: QtBot) -> tuple[MainWindow, RemindersUi]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    reminders = RemindersUi(window, ctx)
    reminders.service.tz = UTC
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    reminders.start()
    return window, reminders


def today(window: MainWindow) -> TodayPage:
    page = window.page("today")
    assert isinstance(page, TodayPage)
    return page


def words(page: QWidget) -> str:
    QApplication.processEvents()  # widgets added to a shown page appear on the next pass
    return "\n".join(label.text() for label in page.findChildren(QLabel)
                     if label.isVisibleTo(page))


def count_refreshes(window: MainWindow, keys: list[str]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    for key in keys:
        page = window.page(key)
        original = page.refresh  # type: ignore[attr-defined]

        def counted(key: str = key, original: object = original) -> None:
            counts[key] += 1
            original()  # type: ignore[operator]

        page.refresh = counted  # type: ignore[attr-defined]
    return counts


def test_one_check_in_refreshes_the_page_showing_once_and_no_hidden_page(
        ctx: AppContext, qtbot: QtBot, clock: ManualClock) -> None:
    sam = add(ctx, "Sam")
    window, _reminders = window_for(ctx, qtbot)
    pages = ["people", "checkins", "gratitude", "person", "today"]
    for key in pages[:-2]:
        window.show_page(key)
    window.show_supporter(sam)
    window.show_page("today")
    qtbot.wait(50)
    counts = count_refreshes(window, pages)
    perform(ctx, LogCheckin(ctx, CheckIn(sam, clock(), mood_after=4), "Sam"))
    qtbot.wait(200)  # the bus's turn, the reminder engine's look, and the turn after
    assert counts == {"people": 0, "checkins": 0, "gratitude": 0, "person": 0, "today": 1}
    window.show_page("checkins")  # stale: refreshed once on the way in
    window.show_page("today")  # current already: not refreshed again
    window.show_page("checkins")
    assert counts == {"people": 0, "checkins": 1, "gratitude": 0, "person": 0, "today": 1}


def test_a_change_from_the_command_line_shows_within_two_seconds(
        ctx: AppContext, qtbot: QtBot, db_path: Path, db_key: bytes) -> None:
    window, _reminders = window_for(ctx, qtbot)
    assert "Ruth" not in words(today(window))
    script = ("import sys; from pathlib import Path; "
              "from supportdesk.store import database; "
              "from supportdesk.services.session import Session; "
              "from supportdesk.core.model import Supporter; "
              "from supportdesk.core.kinds import Kind; "
              "db = database.connect(Path(sys.argv[1]), bytes.fromhex(sys.stdin.readline())); "
              "Session(db).network.save_supporter(Supporter('Ruth', Kind.FRIEND)); db.close()")
    subprocess.run([sys.executable, "-c", script, str(db_path)], input=db_key.hex() + "\n",
                   text=True, cwd=REPO, check=True, timeout=60)
    qtbot.waitUntil(lambda: "Ruth" in words(today(window)), timeout=2000)


def test_a_reminder_that_fires_in_the_tray_is_on_today_when_the_window_comes_back(
        ctx: AppContext, qtbot: QtBot, clock: ManualClock) -> None:
    sam = add(ctx, "Sam")
    window, reminders = window_for(ctx, qtbot)
    assert sam not in today(window).due_rows
    window.hide()  # closed to the tray
    clock.advance(timedelta(days=8))
    reminders.engine.timer.timeout.emit()  # the reminder fires
    qtbot.wait(50)
    window.show()  # opened from the tray or the notification
    qtbot.waitExposed(window)
    assert window.current_key == "today"
    assert sam in today(window).due_rows
    assert "Nothing is due today" not in words(today(window))


def test_the_away_banner_goes_once_that_person_is_logged(
        ctx: AppContext, qtbot: QtBot, clock: ManualClock) -> None:
    sam = add(ctx, "Sam")
    clock.advance(timedelta(days=8))  # came due while the app was closed
    window, _reminders = window_for(ctx, qtbot)
    assert window.banner.isVisible()
    assert "Sam" in window.banner.findChild(QLabel).text()
    perform(ctx, LogCheckin(ctx, CheckIn(sam, clock()), "Sam"))
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=1000)


def test_the_low_mood_suggestion_and_the_mood_card_change_together(
        ctx: AppContext, qtbot: QtBot, clock: ManualClock) -> None:
    sam = add(ctx, "Sam")
    ctx.app.add_supporter(Supporter("Dr Cole", Kind.PROFESSIONAL, ring=Ring.OUTER))
    ctx.app.set_escalation_rule(EscalationRule(enabled=True, threshold=2, count=3))
    window, _reminders = window_for(ctx, qtbot)
    assert "Things have been hard lately" not in words(today(window))
    for hours in (3, 2, 1):
        perform(ctx, LogCheckin(ctx, CheckIn(sam, clock() - timedelta(hours=hours),
                                             mood_after=2), "Sam"))
    qtbot.wait(100)  # one turn: no page change, no other event
    shown = words(today(window))
    assert "Things have been hard lately" in shown
    assert "Dr Cole" in shown
    mood_words = today(window).dashboard.today().mood.words
    assert mood_words in shown  # the card beside it says the same moment's words
    assert "will show" not in mood_words


def test_every_page_keeps_the_page_contract(ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.services.feed import ALL_TOPICS
    from supportdesk.ui.pages import PAGES, PERSON_PAGE, build_page
    from supportdesk.ui.pages.contract import Page

    for spec in (*PAGES, PERSON_PAGE):
        page = build_page(spec, ctx)
        qtbot.addWidget(page)
        assert isinstance(page, Page), spec.key
        assert page.topics and page.topics <= ALL_TOPICS | {"due"}, spec.key
