"""The per-person Reminder menu: snooze, clear the snooze, pause and resume."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.services.session import Session
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.reminders.person_menu import PersonReminderMenu
from tests.conftest import FIXED_NOW


def menu_for(session: Session) -> tuple[PersonReminderMenu, AppContext, int]:
    sam = session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND,
                                                   ring=Ring.INNER))
    assert sam.id is not None
    ctx = AppContext(session, Events(), QUndoStack())
    return PersonReminderMenu(ctx, sam.id), ctx, sam.id


def texts(menu: PersonReminderMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_snoozing_then_clearing(qtbot: QtBot, session: Session) -> None:
    menu, ctx, sam_id = menu_for(session)
    assert texts(menu) == ["Snooze: later today", "Snooze: tomorrow morning",
                           "Snooze: next week", "Pause reminders for this person"]
    with qtbot.waitSignal(ctx.events.supporters_changed):
        menu.actions()[2].trigger()
    snoozed = session.network.supporter(sam_id).cadence.snoozed_until
    assert snoozed is not None and snoozed - FIXED_NOW > timedelta(days=6)
    menu.aboutToShow.emit()
    assert "Clear snooze" in texts(menu)
    [clear] = [a for a in menu.actions() if a.text() == "Clear snooze"]
    clear.trigger()
    assert session.network.supporter(sam_id).cadence.snoozed_until is None


def test_pausing_and_resuming_one_person(qtbot: QtBot, session: Session) -> None:
    menu, ctx, sam_id = menu_for(session)
    pause = menu.actions()[-1]
    with qtbot.waitSignal(ctx.events.supporters_changed):
        pause.trigger()
    assert session.network.supporter(sam_id).cadence.paused is True
    menu.aboutToShow.emit()
    pause = menu.actions()[-1]
    assert pause.isChecked()
    pause.trigger()
    assert session.network.supporter(sam_id).cadence.paused is False
