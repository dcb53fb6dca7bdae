"""The reminder before an appointment goes out once through the real notifier (to a
stand-in D-Bus), discreet when asked, and the timer is aimed at the next one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supportdesk.core.appointments import Appointment
from supportdesk.core.kinds import Kind, Role
from supportdesk.core.model import Supporter
from supportdesk.services import settings as keys
from supportdesk.ui.context import AppContext
from supportdesk.ui.reminders.appointment_timer import AppointmentReminders
from supportdesk.ui.reminders.notifier import Notifier
from tests.conftest import FIXED_NOW
from tests.gui.reminders.test_reminders_notifier import FakeDbus


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def test_the_reminder_goes_out_once_and_the_next_is_aimed_at(ctx: AppContext) -> None:
    gp = ctx.app.add_supporter(Supporter("Dr Ávila", Kind.PROFESSIONAL, role=Role.GP)).id or 0
    ctx.app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(minutes=20), "Room 4",
                                        remind_before=timedelta(minutes=30)))
    ctx.app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(hours=5),
                                        remind_before=timedelta(hours=1)))
    dbus = FakeDbus()
    reminders = AppointmentReminders(ctx.app, Notifier(platform="linux", dbus=dbus))
    reminders.start()
    assert dbus.sent == [("Appointment with Dr Ávila", "Today at 10:20 · Room 4.")]
    assert reminders.timer.isActive()
    # the interval, not remainingTime(): a coarse timer may be rounded up by some ms
    assert reminders.timer.interval() == 4 * 3600_000
    reminders.look()
    assert len(dbus.sent) == 1  # once only
    reminders.stop()


def test_discreet_leaves_out_names_and_places(ctx: AppContext) -> None:
    gp = ctx.app.add_supporter(Supporter("Dr Ávila", Kind.PROFESSIONAL, role=Role.GP)).id or 0
    ctx.app.set_setting(keys.DISCREET, True)
    ctx.app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(minutes=20), "Room 4",
                                        remind_before=timedelta(minutes=30)))
    dbus = FakeDbus()
    AppointmentReminders(ctx.app, Notifier(platform="linux", dbus=dbus)).start()
    [(title, body)] = dbus.sent
    assert "Ávila" not in title + body and "Room" not in body
