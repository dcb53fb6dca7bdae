""""How are you?" in the real window: Today's card by keyboard, Ctrl+M, the dialog,
the "Just me" list on Check-ins, and Undo — only real widgets and key presses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.ui import people_actions
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.mood_dialog import MoodDialog
from supportdesk.ui.pages.checkins import CheckinsPage
from supportdesk.ui.pages.today import TodayPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow
from tests.gui.test_keyboard_flows import CTRL, shortcut, when_dialog_opens


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


@pytest.fixture
def window(main_window: QWidget, ctx: AppContext, qtbot: QtBot) -> QWidget:
    ctx.app.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER))
    people_actions.install(main_window, ctx)  # type: ignore[arg-type]
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def texts(widget: QWidget) -> str:
    QApplication.processEvents()
    return "\n".join(label.text() for label in widget.findChildren(QLabel)
                     if label.isVisibleTo(widget))


def key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
        ) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_todays_card_by_keyboard_notes_a_mood_and_undo_takes_it_back(
        window: QWidget, ctx: AppContext, qtbot: QtBot) -> None:
    today = window.page("today")  # type: ignore[attr-defined]
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: bool(today.mood_buttons))
    assert [b.text() for b in today.mood_buttons] == ["Very low", "Low", "Okay", "Good",
                                                      "Very good"]
    # From the sidebar, Tab alone reaches "Low".
    window.sidebar.setFocus()  # type: ignore[attr-defined]
    for _ in range(40):
        if QApplication.focusWidget() is today.mood_buttons[1]:
            break
        key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is today.mood_buttons[1]
    assert today.mood_buttons[1].accessibleName() == "I'm low, 2 of 5"

    done: list[str] = []

    def save_as_chosen(dialog: QDialog) -> None:
        assert isinstance(dialog, MoodDialog)
        assert dialog.moods.checkedId() == 2  # chosen on Today already
        key(qtbot, Qt.Key.Key_Return)  # Save is the default button

    when_dialog_opens(MoodDialog, save_as_chosen, done)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: done == ["MoodDialog"])
    (entry,) = ctx.app.mood.entries()
    assert (entry.mood, entry.at, entry.feelings, entry.note) == (2, FIXED_NOW, (), "")
    qtbot.waitUntil(lambda: "Last noted today: Low." in texts(today))
    assert "Mood lately" in texts(today)

    shortcut(qtbot, window, Qt.Key.Key_Z)  # Ctrl+Z
    qtbot.waitUntil(lambda: ctx.app.mood.entries() == [])
    qtbot.waitUntil(lambda: "Last noted" not in texts(today))
    ctx.undo.redo()
    assert ctx.app.mood.entries() == [entry]  # the same entry, with its id


def test_ctrl_m_notes_a_mood_with_a_feeling_and_a_note_by_keyboard(
        window: QWidget, ctx: AppContext, qtbot: QtBot) -> None:
    done: list[str] = []

    def fill_in(dialog: QDialog) -> None:
        assert isinstance(dialog, MoodDialog)
        assert dialog.moods.checkedId() == -1  # nothing chosen for them
        key(qtbot, Qt.Key.Key_3)  # the number keys choose
        assert dialog.moods.checkedId() == 3
        for _ in range(5):  # calm, anxious, low, hopeful, tired
            key(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.feeling_boxes["tired"]
        key(qtbot, Qt.Key.Key_Space)
        while QApplication.focusWidget() is not dialog.note_edit:
            key(qtbot, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.note_edit, "Slept badly")
        key(qtbot, Qt.Key.Key_Tab)  # to When
        key(qtbot, Qt.Key.Key_Return)

    when_dialog_opens(MoodDialog, fill_in, done)
    shortcut(qtbot, window, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: done == ["MoodDialog"])
    qtbot.waitUntil(lambda: len(ctx.app.mood.entries()) == 1)
    (entry,) = ctx.app.mood.entries()
    assert (entry.mood, entry.feelings, entry.note) == (3, ("tired",), "Slept badly")
    assert ctx.undo.undoText() == "Note how you are"


def test_saving_without_a_mood_asks_for_one_and_keeps_what_was_typed(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = MoodDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.feeling_boxes["lonely"].setChecked(True)
    dialog.note_edit.setPlainText("Quiet day")
    assert dialog.save() is False
    assert dialog.mood_error.isVisible()
    assert "from 1 (very low) to 5 (very good)" in dialog.mood_error.text()
    assert ctx.app.mood.entries() == []
    assert dialog.feelings() == ("lonely",) and dialog.note_edit.toPlainText() == "Quiet day"
    dialog.mood_buttons[4].setChecked(True)
    assert dialog.save() is True
    assert [(e.mood, e.feelings) for e in ctx.app.mood.entries()] == [(4, ("lonely",))]


def test_editing_keeps_feelings_typed_elsewhere_and_undo_puts_it_back(
        ctx: AppContext, qtbot: QtBot) -> None:
    entry = ctx.app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=3), mood=2,
                                             feelings=("tired", "foggy")))
    dialog = MoodDialog(ctx, entry=entry)
    qtbot.addWidget(dialog)
    assert dialog.feelings() == ("tired", "foggy")  # "foggy" came from the command line
    dialog.mood_buttons[3].setChecked(True)
    assert dialog.save() is True
    assert ctx.app.mood.entry(entry.id or 0).mood == 3
    assert ctx.app.mood.entry(entry.id or 0).at == entry.at  # the time left as it was
    ctx.undo.undo()
    assert ctx.app.mood.entry(entry.id or 0) == entry


def test_just_me_on_check_ins_lists_moods_and_delete_is_undone(
        ctx: AppContext, qtbot: QtBot) -> None:
    ctx.app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(days=1), mood=4,
                                     feelings=("hopeful",), note="A <b>good</b> walk"))
    ctx.app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=1), mood=1))
    page = follow(ctx, CheckinsPage(ctx))
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.empty  # no check-ins with people yet
    page.view_box.setCurrentIndex(page.view_box.findData("me"))
    assert page.stack.currentWidget() is page.mood_table
    assert not page.person_filter.isVisibleTo(page) and page.mood_button.isVisibleTo(page)
    model = page.mood_model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert [row[1:] for row in rows] == [["1 · Very low", "", ""],
                                         ["4 · Good", "hopeful", "A <b>good</b> walk"]]
    assert rows[0][0].endswith("(today)") and rows[1][0].endswith("(yesterday)")
    page.mood_table.setFocus()
    page.mood_table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(page.mood_table, Qt.Key.Key_Delete)
    assert [e.mood for e in ctx.app.mood.entries()] == [4]
    assert model.rowCount() == 1
    ctx.undo.undo()
    assert [e.mood for e in ctx.app.mood.entries()] == [1, 4]
    assert model.rowCount() == 2


def test_the_mood_table_passes_the_model_tester(ctx: AppContext, qtmodeltester: object) -> None:
    from supportdesk.ui.models.mood_table import MoodTableModel

    model = MoodTableModel()
    model.set_entries([MoodEntry(at=FIXED_NOW, mood=3, feelings=("calm",), id=1)], FIXED_NOW)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_todays_card_shows_what_was_noted_as_plain_text(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.app.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER))
    ctx.app.add_mood_entry(MoodEntry(at=FIXED_NOW, mood=3, feelings=("<i>meh</i>",)))
    page = follow(ctx, TodayPage(ctx, opener=lambda url: True))
    qtbot.addWidget(page)
    page.show()
    label = next(lb for lb in page.findChildren(QLabel) if lb.text().startswith("Last noted"))
    assert label.text() == "Last noted today: Okay · <i>meh</i>."
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_number_keys_do_not_choose_while_typing_a_note(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = MoodDialog(ctx, mood=2)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.note_edit.setFocus()
    qtbot.keyClicks(dialog.note_edit, "5 hours sleep")
    assert dialog.moods.checkedId() == 2
    assert dialog.note_edit.toPlainText() == "5 hours sleep"
    qtbot.keyClick(dialog.mood_buttons[2], Qt.Key.Key_4, CTRL)  # a shortcut, not a mood
    assert dialog.moods.checkedId() == 2


def test_the_quiet_suggestion_is_chosen_on_today_and_stopped_from_its_own_card(
        ctx: AppContext, qtbot: QtBot) -> None:
    ctx.session.repo.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER),
                                   now=FIXED_NOW - timedelta(days=20))
    page = follow(ctx, TodayPage(ctx, opener=lambda url: True))
    qtbot.addWidget(page)
    page.show()
    assert "It's been quiet lately" not in texts(page)  # off until chosen
    page.isolation_check.setFocus()
    qtbot.keyClick(page.isolation_check, Qt.Key.Key_Space)
    assert ctx.app.dashboard.isolation_rule().enabled
    shown = texts(page)
    assert "It's been quiet lately" in shown
    assert "It's been 20 days since you were last in touch with anyone." in shown
    assert "Robin" in shown
    assert page.isolation_check.hasFocus()  # the choice being made keeps the focus
    page.stop_isolation.click()
    assert not ctx.app.dashboard.isolation_rule().enabled
    assert "It's been quiet lately" not in texts(page)
    assert not page.isolation_check.isChecked()
