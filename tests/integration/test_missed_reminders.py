"""Reminders missed while the app was closed or the machine slept are shown, once.

Real encrypted vault file across two runs, a real notification daemon, and a clock
the test moves while the "app" is closed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.services.application import Application
from supportdesk.services.clock import ManualClock
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.ui.reminders.notifier import Notifier
from supportdesk.ui.reminders.timer import ReminderEngine
from tests.integration.reminders_desktop import Desktop, desktop

__all__ = ["desktop"]

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux D-Bus")]

START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)




@dataclass
class Run:
    """One run of the app: a session over the vault file and the reminder engine."""

    session: Session
    engine: ReminderEngine
    notifier: Notifier

    def close(self) -> None:
        self.engine.stop()
        self.notifier.close()
        self.session.close()


@pytest.fixture
def start_app(
    desktop: Desktop, tmp_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ManualClock, list[Run]]]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    desktop.start_notification_daemon()
    clock = ManualClock(START)
    runs: list[Run] = []
    yield clock, runs
    for run in runs:
        run.close()


def open_run(tmp_path: Path, db_key: bytes, clock: ManualClock, monotonic: list[float]) -> Run:
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    session = Session(db, clock=clock)
    app = Application(session)
    app.reminders.tz = UTC
    notifier = Notifier(record=app.record_delivery, tray_message=lambda t, b: False)
    engine = ReminderEngine(app, notifier, monotonic=lambda: monotonic[0])
    return Run(session, engine, notifier)


def test_closed_while_due_then_next_start_shows_one_summary(
    start_app: tuple[ManualClock, list[Run]], desktop: Desktop, tmp_path: Path,
    db_key: bytes, qtbot: QtBot,
) -> None:
    clock, runs = start_app
    monotonic = [0.0]
    first = open_run(tmp_path, db_key, clock, monotonic)
    runs.append(first)
    for name, ring in (("Sam", Ring.INNER), ("Priya", Ring.MIDDLE), ("Noor", Ring.OUTER)):
        first.session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND, ring=ring))
    first.engine.start()
    first.close()
    runs.remove(first)
    assert desktop.notify_calls(timeout=0.5) == []

    clock.now = START + timedelta(days=16)  # closed for sixteen days
    second = open_run(tmp_path, db_key, clock, monotonic)
    runs.append(second)
    with qtbot.waitSignal(second.engine.away_found) as away:
        second.engine.start()
    assert [i.name for i in away.args[0]] == ["Sam", "Priya"]
    calls = desktop.notify_calls()
    assert [(c.title, c.body) for c in calls] == [
        ("While you were away", "2 check-ins came due: Sam and Priya.")]

    # Once: another look in this run, or the next start, does not raise them again.
    second.engine.refresh()
    second.close()
    runs.remove(second)
    third = open_run(tmp_path, db_key, clock, monotonic)
    runs.append(third)
    with qtbot.assertNotEmitted(third.engine.away_found):
        third.engine.start()
    assert len(desktop.notify_calls(count=2, timeout=1.0)) == 1


def test_a_reminder_due_while_the_machine_slept_shows_on_waking(
    start_app: tuple[ManualClock, list[Run]], desktop: Desktop, tmp_path: Path,
    db_key: bytes,
) -> None:
    clock, runs = start_app
    monotonic = [0.0]
    run = open_run(tmp_path, db_key, clock, monotonic)
    runs.append(run)
    run.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND, ring=Ring.INNER))
    run.engine.start()
    # Asleep for eight days: the wall clock moves on, the monotonic clock does not.
    clock.now = START + timedelta(days=8)
    monotonic[0] += 60
    assert run.engine.check_drift() is True
    [call] = desktop.notify_calls()
    assert call.title == "Time to check in with Sam"
