"""The supporter, check-in and gratitude dialogs: every field saved, inline messages,
nothing typed is lost, and leaving with unsaved changes asks first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time, timedelta

import pytest
from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import StorageError
from supportdesk.core.kinds import ContactType, Direction, Kind, Mode, Ring, Role, SupportType
from supportdesk.core.model import AvailabilityWindow, ContactMethod, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog, to_qdatetime
from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
from supportdesk.ui.editors.supporter_editor import TAB_ABOUT, TAB_CONTACT, SupporterEditor
from tests.conftest import FIXED_NOW


@pytest.fixture(autouse=True)
def _close_dialogs_without_asking(qtbot: QtBot) -> Iterator[None]:
    """Dialogs here are not given to qtbot, whose plain close() would ask about changes."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SupporterEditor | CheckinDialog | GratitudeDialog):
            widget.mark_clean()  # nothing to ask about: close as it is
            widget.reject()
            widget.deleteLater()


def answer_unsaved_box(choice: str, seen: list[str]) -> None:
    """When the "unsaved changes" question appears, press ``choice``."""
    def press() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible() \
                    and widget.objectName() == "unsaved-changes":
                seen.append(widget.text())
                for button in widget.findChildren(QPushButton):
                    if button.text() == choice:
                        button.click()
                        return
        QTimer.singleShot(10, press)
    QTimer.singleShot(0, press)


def editor_for(ctx: AppContext, qtbot: QtBot, supporter: Supporter | None = None
               ) -> SupporterEditor:
    editor = SupporterEditor(ctx, supporter)
    editor.show()
    return editor


def test_a_new_supporter_is_saved_with_every_field(ctx: AppContext, qtbot: QtBot) -> None:
    editor = editor_for(ctx, qtbot)
    qtbot.keyClicks(editor.name_edit, "Dr Ávila")
    editor.kind_box.setCurrentIndex(editor.kind_box.findData(Kind.PROFESSIONAL))
    assert editor.role_box.isVisibleTo(editor)
    assert not editor.schedule_edit.isVisibleTo(editor)
    editor.role_box.setCurrentIndex(editor.role_box.findData(Role.PSYCHIATRIST))
    editor.ring_box.setCurrentIndex(editor.ring_box.findData(Ring.OUTER))
    editor.direction_box.setCurrentIndex(editor.direction_box.findData(Direction.RECEIVE))
    editor.stressful_box.setChecked(True)
    editor.cadence_field.unit_box.setCurrentIndex(2)  # weeks
    editor.cadence_field.count_box.setValue(4)
    row = editor.contacts.add_row()
    qtbot.keyClicks(row.value_edit, "+44 20 7946 0000")
    qtbot.keyClicks(row.label_edit, "clinic")
    row.preferred_box.setChecked(True)
    editor.availability.office_button.click()
    editor.zone_box.setCurrentText("Europe/London")
    editor.text_fields["boundaries.theirs"].setPlainText("Only via the clinic line")
    editor.text_fields["help.in_a_crisis"].setPlainText("Call the crisis team")
    editor.text_fields["notes"].setPlainText("Reviews meds every 3 months")
    assert editor.save()
    saved = ctx.session.network.supporter(editor.saved_id or 0)
    assert (saved.name, saved.kind, saved.role, saved.ring, saved.direction, saved.stressful) \
        == ("Dr Ávila", Kind.PROFESSIONAL, Role.PSYCHIATRIST, Ring.OUTER, Direction.RECEIVE,
            True)
    assert saved.cadence.every == timedelta(days=28)
    assert saved.contacts == [ContactMethod(ContactType.PHONE, "+44 20 7946 0000", "clinic",
                                            True)]
    assert saved.availability == [AvailabilityWindow.office_hours()]
    assert saved.timezone == "Europe/London"
    assert saved.boundaries.theirs == "Only via the clinic line"
    assert saved.help.in_a_crisis == "Call the crisis team"
    assert saved.notes == "Reviews meds every 3 months"
    ctx.undo.undo()
    assert ctx.session.network.supporters() == []
    ctx.undo.redo()
    assert ctx.session.network.supporter(saved.id or 0).name == "Dr Ávila"


def test_groups_show_their_meeting_fields(ctx: AppContext, qtbot: QtBot) -> None:
    editor = editor_for(ctx, qtbot)
    editor.kind_box.setCurrentIndex(editor.kind_box.findData(Kind.GROUP))
    assert editor.schedule_edit.isVisibleTo(editor)
    assert not editor.role_box.isVisibleTo(editor)
    qtbot.keyClicks(editor.name_edit, "Hearing Voices group")
    qtbot.keyClicks(editor.schedule_edit, "Tuesdays 7pm")
    qtbot.keyClicks(editor.place_edit, "Library, room 2")
    assert editor.save()
    saved = ctx.session.network.supporter(editor.saved_id or 0)
    assert (saved.meeting_schedule, saved.meeting_place) == ("Tuesdays 7pm", "Library, room 2")


def test_problems_are_shown_next_to_their_fields_and_nothing_is_saved(
    ctx: AppContext, qtbot: QtBot
) -> None:
    editor = editor_for(ctx, qtbot)
    row = editor.contacts.add_row(ContactMethod(ContactType.EMAIL, "sam-at-home"))
    window = editor.availability.add_row(AvailabilityWindow(frozenset({0}), time(9), time(17)))
    window.end_edit.setTime(QTime(9, 0))
    editor.cadence_field.unit_box.setCurrentIndex(3)  # months
    editor.cadence_field.count_box.setValue(999)
    assert not editor.save()
    assert editor.isVisible()
    assert "give a name" in editor.name_error.text() and editor.name_error.isVisibleTo(editor)
    assert "email address" in row.error.text()
    assert "All day" in window.error.text()
    assert "at most every five years" in editor.cadence_error.text()
    assert editor.tabs.currentIndex() == TAB_ABOUT
    assert ctx.session.network.supporters() == []
    qtbot.keyClicks(editor.name_edit, "Sam")
    editor.cadence_field.unit_box.setCurrentIndex(0)  # the circle's default
    assert not editor.save()
    assert editor.tabs.currentIndex() == TAB_CONTACT
    assert editor.name_error.text() == ""


def test_huge_notes_and_odd_unicode_are_handled_gracefully(
    ctx: AppContext, qtbot: QtBot
) -> None:
    editor = editor_for(ctx, qtbot)
    editor.name_edit.setText("Zoë \u202e\u200b")
    editor.text_fields["notes"].setPlainText("x" * 20_001)
    assert not editor.save()
    assert "20,000" in editor.text_errors["notes"].text()
    editor.text_fields["notes"].setPlainText("Cafe\u0301 \u0000friends")
    assert editor.save()
    saved = ctx.session.network.supporter(editor.saved_id or 0)
    assert saved.notes == "Café friends"


def test_a_save_error_keeps_everything_typed(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(supporter: Supporter) -> Supporter:
        raise StorageError("The disk is full. Free some space, then save again.")

    monkeypatch.setattr(ctx.session.network, "save_supporter", refuse)
    editor = editor_for(ctx, qtbot)
    qtbot.keyClicks(editor.name_edit, "Sam")
    editor.text_fields["notes"].setPlainText("Long note I typed with care")
    assert not editor.save()
    assert editor.isVisible()
    assert "disk is full" in editor.banner.text()
    assert editor.name_edit.text() == "Sam"
    assert editor.text_fields["notes"].toPlainText() == "Long note I typed with care"
    assert ctx.undo.count() == 0


def test_editing_is_saved_and_undone(ctx: AppContext, qtbot: QtBot) -> None:
    sam = ctx.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    editor = editor_for(ctx, qtbot, sam)
    editor.name_edit.setText("Sam Lee")
    assert editor.save()
    assert ctx.session.network.supporter(sam.id or 0).name == "Sam Lee"
    ctx.undo.undo()
    assert ctx.session.network.supporter(sam.id or 0).name == "Sam"


def test_leaving_unchanged_closes_without_asking(ctx: AppContext, qtbot: QtBot) -> None:
    editor = editor_for(ctx, qtbot)
    editor.reject()
    assert not editor.isVisible()


@pytest.mark.parametrize("choice,closed,saved", [("Keep editing", False, False),
                                                 ("Discard", True, False),
                                                 ("Save", True, True)])
def test_leaving_with_changes_asks_first(
    ctx: AppContext, qtbot: QtBot, choice: str, closed: bool, saved: bool
) -> None:
    editor = editor_for(ctx, qtbot)
    qtbot.keyClicks(editor.name_edit, "Sam")
    seen: list[str] = []
    answer_unsaved_box(choice, seen)
    editor.reject()
    assert seen == ["Would you like to save your changes before closing?"]
    assert editor.isVisible() is not closed
    assert [s.name for s in ctx.session.network.supporters()] == (["Sam"] if saved else [])
    if not closed:
        assert editor.name_edit.text() == "Sam"


def checkin_dialog(ctx: AppContext, qtbot: QtBot, **kwargs: object) -> CheckinDialog:
    dialog = CheckinDialog(ctx, **kwargs)  # type: ignore[arg-type]
    dialog.show()
    return dialog


def test_a_checkin_is_logged_by_typing_a_name_and_enter(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.session.network.save_supporter(Supporter(name="Sam Lee", kind=Kind.FRIEND))
    noor = ctx.session.network.save_supporter(Supporter(name="Noor", kind=Kind.FAMILY))
    dialog = checkin_dialog(ctx, qtbot)
    qtbot.keyClicks(dialog.person_box, "noo")
    qtbot.keyClick(dialog.person_box, "\r")
    assert not dialog.isVisible()
    (checkin,) = ctx.session.network.checkins()
    assert checkin.supporter_id == noor.id
    assert abs(checkin.at - FIXED_NOW) < timedelta(minutes=1)


def test_every_checkin_field_is_saved_and_edit_can_be_undone(
    ctx: AppContext, qtbot: QtBot
) -> None:
    sam = ctx.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    dialog = checkin_dialog(ctx, qtbot, supporter_id=sam.id)
    dialog.mode_box.setCurrentIndex(dialog.mode_box.findData(Mode.IN_PERSON))
    dialog.mood_before.set_mood(2)
    dialog.mood_after.set_mood(4)
    dialog.given.boxes[SupportType.PRACTICAL].setChecked(True)
    dialog.received.boxes[SupportType.EMOTIONAL].setChecked(True)
    dialog.note_edit.setPlainText("Coffee by the river")
    dialog.when_edit.setDateTime(to_qdatetime(FIXED_NOW - timedelta(days=2)))
    assert dialog.save()
    (saved,) = ctx.session.network.checkins()
    assert (saved.mode, saved.mood_before, saved.mood_after, saved.note) == (
        Mode.IN_PERSON, 2, 4, "Coffee by the river")
    assert saved.support_given == {SupportType.PRACTICAL}
    assert saved.at == FIXED_NOW - timedelta(days=2)
    edit = checkin_dialog(ctx, qtbot, checkin=saved)
    edit.note_edit.setPlainText("Coffee and cake")
    assert edit.save()
    assert ctx.session.network.checkins()[0].note == "Coffee and cake"
    ctx.undo.undo()
    assert ctx.session.network.checkins()[0].note == "Coffee by the river"


def test_an_unknown_name_or_future_time_is_explained(ctx: AppContext, qtbot: QtBot) -> None:
    sam = ctx.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    dialog = checkin_dialog(ctx, qtbot)
    qtbot.keyClicks(dialog.person_box, "Zed")
    assert not dialog.save()
    assert "nobody, matches “Zed”" in dialog.person_error.text()
    dialog.person_box.select(sam.id or 0)
    dialog.when_edit.setDateTime(to_qdatetime(FIXED_NOW + timedelta(days=1)))
    assert not dialog.save()
    assert "still to come" in dialog.banner.text()
    assert ctx.session.network.checkins() == []


def test_the_checkin_dialog_asks_before_dropping_a_note(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    dialog = checkin_dialog(ctx, qtbot)
    dialog.note_edit.setPlainText("Something I want to keep")
    seen: list[str] = []
    answer_unsaved_box("Keep editing", seen)
    dialog.reject()
    assert seen and dialog.isVisible()


def test_gratitude_needs_words_then_saves_and_undoes(ctx: AppContext, qtbot: QtBot) -> None:
    sam = ctx.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    dialog = GratitudeDialog(ctx, sam.id)
    dialog.show()
    assert not dialog.save()
    assert "a few words" in dialog.text_error.text()
    qtbot.keyClicks(dialog.text_edit, "Picked me up from the station")
    dialog.thanked_box.setChecked(True)
    assert dialog.save()
    (entry,) = ctx.session.network.gratitude(sam.id)
    assert (entry.text, entry.thanked, entry.on) == ("Picked me up from the station", True,
                                                     FIXED_NOW.date())
    ctx.undo.undo()
    assert ctx.session.network.gratitude() == []




def test_every_control_in_the_dialogs_has_an_accessible_name(
    demo_ctx: AppContext, qtbot: QtBot
) -> None:
    from tests.gui.test_accessibility import unnamed_widgets

    someone = demo_ctx.session.network.supporters()[0]
    editor = editor_for(demo_ctx, qtbot, someone)
    editor.contacts.add_row()
    editor.availability.always_button.click()
    for dialog in (editor, checkin_dialog(demo_ctx, qtbot),
                   GratitudeDialog(demo_ctx, someone.id)):
        assert unnamed_widgets(dialog) == [], type(dialog).__name__


def test_kinds_of_help_are_ticked_added_and_undone(ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND, help_with=("Gardening",)))
    editor = editor_for(ctx, qtbot, sam)
    kinds = editor.help_kinds
    assert kinds.kinds()[:2] == ("listening", "practical help")
    assert "Gardening" in kinds.kinds() and kinds.value() == ("Gardening",)
    kinds.list.setFocus()
    kinds.list.setCurrentRow(0)
    qtbot.keyClick(kinds.list, Qt.Key.Key_Space)  # ticks "listening" by keyboard
    assert kinds.value() == ("listening", "Gardening")
    qtbot.keyClicks(kinds.new_edit, "  <b>Forms</b> & letters ")
    qtbot.keyClick(kinds.new_edit, Qt.Key.Key_Return)
    assert kinds.value() == ("listening", "Gardening", "<b>Forms</b> & letters")
    qtbot.keyClicks(kinds.new_edit, "LISTENING")  # already there: ticked, not doubled
    kinds.add_button.click()
    assert kinds.kinds().count("listening") == 1
    assert editor.save()
    saved = ctx.app.network.supporter(sam.id or 0)
    assert saved.help_with == ("listening", "Gardening", "<b>Forms</b> & letters")
    assert "<b>Forms</b> & letters" in ctx.app.templates.listed_help_kinds()
    ctx.undo.undo()
    assert ctx.app.network.supporter(sam.id or 0).help_with == ("Gardening",)


def test_the_list_of_kinds_can_be_renamed_removed_and_reordered(
        ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from supportdesk.ui.editors.help_kinds_list import HelpKindsListDialog

    dialog = HelpKindsListDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kinds()[0] == "listening" and dialog.focusWidget() is dialog.list
    dialog.list.setCurrentRow(2)  # "a lift"
    qtbot.keyClick(dialog.up_button, Qt.Key.Key_Space)
    dialog.list.setCurrentRow(0)
    qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Space)  # "listening" goes
    dialog.list.item(0).setText("A lift in the car")  # as F2 renames it
    dialog.add_kind()
    dialog.list.item(dialog.list.count() - 1).setText("Dog walking")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert ctx.app.templates.listed_help_kinds() == (
        "A lift in the car", "practical help", "forms and letters", "company", "advice",
        "childcare", "Dog walking")
    assert not dialog.isVisible()
