"""A person's page: things to ask about next time (ticked by hand, undoable), and for a
professional the next appointment, "How did it go?" after, and the questions to bring."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from supportdesk.core.appointments import Appointment, AskKind
from supportdesk.core.kinds import Kind, Role
from supportdesk.core.model import Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.appointment_dialog import AppointmentDialog
from tests.conftest import FIXED_NOW
from tests.gui.test_person_page import page_for


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def add(ctx: AppContext, name: str, kind: Kind, role: Role = Role.NONE) -> int:
    return ctx.app.add_supporter(Supporter(name, kind, role=role)).id or 0


def test_an_ask_is_added_by_keyboard_ticked_off_and_the_tick_undone(
        ctx: AppContext, qtbot: QtBot) -> None:
    sam = add(ctx, "Sam", Kind.FRIEND)
    page = page_for(ctx, qtbot, sam)
    assert not page.appointment_box.isVisibleTo(page)  # appointments are for professionals
    edit = page.asks.new_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "her job interview on Friday")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert [c.text() for c in page.asks.checks] == ["her job interview on Friday"]
    assert edit.text() == ""
    check = page.asks.checks[0]
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert page.asks.checks == [] and ctx.app.appointments.open_asks(sam) == []
    ctx.undo.undo()
    QApplication.processEvents()
    assert [c.text() for c in page.asks.checks] == ["her job interview on Friday"]
    qtbot.keyClick(page.asks.checks[0], Qt.Key.Key_Delete)
    assert ctx.app.appointments.asks(sam) == []


def test_an_appointment_is_added_through_the_dialog_and_shown_with_questions(
        ctx: AppContext, qtbot: QtBot) -> None:
    gp = add(ctx, "Dr Ávila", Kind.PROFESSIONAL, Role.GP)
    page = page_for(ctx, qtbot, gp)
    assert page.appointment_box.isVisibleTo(page)
    assert page.appointment_box.next_label.text() == "No appointment coming up."

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AppointmentDialog)
        when = QDateTime.fromSecsSinceEpoch(int((FIXED_NOW + timedelta(days=2)).timestamp()))
        dialog.when_edit.setDateTime(when)
        qtbot.keyClicks(dialog.place_edit, "Room 4")
        dialog.remind_box.setCurrentIndex(dialog.remind_box.findData(60))
        dialog.save()

    QTimer.singleShot(0, fill)
    page.appointment_box.add_button.click()
    assert page.appointment_box.next_label.text() == \
        "Next: Thu 26 Nov at 10:00 · Room 4 · reminder 1 hour before"
    questions = page.appointment_box.questions
    qtbot.keyClicks(questions.new_edit, "Could the dose be why I sleep badly?")
    qtbot.keyClick(questions.new_edit, Qt.Key.Key_Return)
    assert [q.text for q in ctx.app.appointments.open_asks(gp, AskKind.QUESTION)] == [
        "Could the dose be why I sleep badly?"]
    assert page.appointment_box.print_button.isEnabled()
    ctx.undo.undo()  # the question
    ctx.undo.undo()  # the appointment
    QApplication.processEvents()
    assert ctx.app.appointments.appointments(gp) == []
    assert page.appointment_box.next_label.text() == "No appointment coming up."


def test_after_the_appointment_a_note_is_offered(ctx: AppContext, qtbot: QtBot) -> None:
    gp = add(ctx, "Dr Ávila", Kind.PROFESSIONAL, Role.GP)
    ctx.app.add_appointment(Appointment(gp, FIXED_NOW - timedelta(hours=3), "Surgery"))
    page = page_for(ctx, qtbot, gp)
    box = page.appointment_box
    assert box.note_button.isVisibleTo(page)
    assert box.after_label.text().startswith("How did it go on Today at 07:00?")

    focused = False

    def write() -> None:
        nonlocal focused
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AppointmentDialog)
        focused = dialog.focusWidget() is dialog.note_edit
        qtbot.keyClicks(dialog.note_edit, "Trying a lower dose; back in 4 weeks")
        dialog.save()

    QTimer.singleShot(0, write)
    box.note_button.click()
    assert focused  # straight to the note
    [a] = ctx.app.appointments.appointments(gp)
    assert a.note == "Trying a lower dose; back in 4 weeks"
    assert not box.note_button.isVisibleTo(page)


def test_the_questions_print_to_a_pdf(ctx: AppContext, qtbot: QtBot, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    gp = add(ctx, "Dr Ávila", Kind.PROFESSIONAL, Role.GP)
    ctx.app.add_ask(ctx.app.appointments.new_ask(gp, "Side effects?", AskKind.QUESTION))
    target = tmp_path / "questions.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF (*.pdf)")))
    page = page_for(ctx, qtbot, gp)
    page.appointment_box.print_button.click()
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
