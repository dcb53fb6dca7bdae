"""Meetings and dates in the supporter editor: chosen by keyboard, checked, saved, undone."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind
from supportdesk.core.meetings import LAST, Meeting
from supportdesk.core.model import Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.supporter_editor import TAB_OCCASIONS
from tests.gui.test_editors import _close_dialogs_without_asking, editor_for  # noqa: F401


def test_a_groups_meeting_and_a_hard_day_are_saved_and_can_be_undone(
        ctx: AppContext, qtbot: QtBot) -> None:
    group = ctx.app.add_supporter(Supporter("Peer group", Kind.GROUP))
    editor = editor_for(ctx, qtbot, group)
    editor.tabs.setCurrentIndex(TAB_OCCASIONS)
    editor.meetings.add_button.setFocus()
    qtbot.keyClick(editor.meetings.add_button, Qt.Key.Key_Space)
    [row] = editor.meetings.rows
    assert editor.focusWidget() is row.weekday_box  # the new row takes the keyboard
    qtbot.keyClick(row.weekday_box, Qt.Key.Key_Up)  # Thursday -> Wednesday
    row.weeks_box.setCurrentIndex(row.weeks_box.findData("1,3"))
    row.time_edit.setTime(QTime(18, 30))
    row.zone_box.setCurrentIndex(row.zone_box.findData("Europe/London"))
    qtbot.keyClicks(row.place_edit, "Room 2 & online")
    qtbot.keyClicks(row.skipped_edit, "2026-12-16")
    row.remind_box.setCurrentIndex(row.remind_box.findData(60))
    qtbot.keyClick(editor.dates.add_button, Qt.Key.Key_Space)
    [day] = editor.dates.rows
    day.kind_box.setCurrentIndex(day.kind_box.findData(DateKind.HARD))
    assert day.company_box.isVisibleTo(editor)
    day.day_spin.setValue(2)
    day.month_box.setCurrentIndex(10)
    qtbot.keyClicks(day.label_edit, "Losing Gran")
    day.company_box.setChecked(True)
    day.remind_box.setCurrentIndex(day.remind_box.findData(3))
    assert editor.save()
    saved = ctx.app.network.supporter(group.id or 0)
    assert saved.meetings == [Meeting(2, time(18, 30), ordinals=(1, 3),
                                      timezone="Europe/London", place="Room 2 & online",
                                      skipped=(date(2026, 12, 16),), remind_minutes=60)]
    assert saved.dates == [ImportantDate(DateKind.HARD, 11, 2, label="Losing Gran",
                                         remind_days=3, ask_company=True)]
    ctx.undo.undo()
    undone = ctx.app.network.supporter(group.id or 0)
    assert undone.meetings == [] and undone.dates == []
    ctx.undo.redo()
    assert ctx.app.network.supporter(group.id or 0).meetings == saved.meetings


def test_a_date_that_does_not_exist_is_shown_beside_it_and_nothing_is_saved(
        ctx: AppContext, qtbot: QtBot) -> None:
    sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND))
    editor = editor_for(ctx, qtbot, sam)
    editor.dates.add_button.click()
    [day] = editor.dates.rows
    day.day_spin.setValue(30)
    day.month_box.setCurrentIndex(1)  # February
    assert not editor.save()
    QApplication.processEvents()
    assert editor.tabs.currentIndex() == TAB_OCCASIONS
    assert day.error.isVisibleTo(editor)
    assert ctx.app.network.supporter(sam.id or 0).dates == []
    day.day_spin.setValue(29)
    assert editor.save()
    assert ctx.app.network.supporter(sam.id or 0).dates == [
        ImportantDate(DateKind.BIRTHDAY, 2, 29)]


def test_skipped_dates_that_cannot_be_read_keep_the_dialog_open(
        ctx: AppContext, qtbot: QtBot) -> None:
    group = ctx.app.add_supporter(Supporter("G", Kind.GROUP, meetings=[
        Meeting(4, time(10), ordinals=(LAST,), timezone="UTC")]))
    editor = editor_for(ctx, qtbot, group)
    [row] = editor.meetings.rows
    assert row.weeks_box.currentText() == "Last of the month"
    row.skipped_edit.setText("next Friday")
    assert not editor.save()
    assert "2026-12-24" in row.error.text() or "like" in row.error.text()
    assert ctx.app.network.supporter(group.id or 0).meetings[0].skipped == ()


def test_my_own_dates_are_saved_from_their_dialog_and_undone(ctx: AppContext,
                                                             qtbot: QtBot) -> None:
    from supportdesk.ui.own_dates import OwnDatesDialog

    dialog = OwnDatesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.dates.add_button
    qtbot.keyClick(dialog.dates.add_button, Qt.Key.Key_Space)
    [day] = dialog.dates.rows
    day.kind_box.setCurrentIndex(day.kind_box.findData(DateKind.HARD))
    day.day_spin.setValue(14)
    day.month_box.setCurrentIndex(2)
    qtbot.keyClicks(day.label_edit, "Diagnosis day")
    day.remind_box.setCurrentIndex(day.remind_box.findData(7))
    assert dialog.save()
    mine = [ImportantDate(DateKind.HARD, 3, 14, label="Diagnosis day", remind_days=7)]
    assert ctx.app.occasions.own_dates() == mine
    ctx.undo.undo()
    assert ctx.app.occasions.own_dates() == []
    ctx.undo.redo()
    assert ctx.app.occasions.own_dates() == mine
