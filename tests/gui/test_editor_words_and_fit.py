"""The person editor speaks of circles, asks how often as a number and a unit, and
fits: adding times never brings a sideways scroll bar or hides a Remove button."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Cadence, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.supporter_editor import TAB_CONTACT, SupporterEditor


@pytest.fixture(autouse=True)
def _close_editors(qtbot: QtBot) -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SupporterEditor):
            widget.mark_clean()
            widget.reject()
            widget.deleteLater()


def _editor(ctx: AppContext, supporter: Supporter | None = None) -> SupporterEditor:
    editor = SupporterEditor(ctx, supporter)
    editor.show()
    return editor


def _form_labels(editor: SupporterEditor) -> list[str]:
    return [label.text().replace("&", "") for label in editor.findChildren(QLabel)]


def test_the_editor_says_circle_and_how_close_you_feel(ctx: AppContext, qtbot: QtBot) -> None:
    editor = _editor(ctx)
    labels = _form_labels(editor)
    assert "Circle" in labels and "How close you feel" in labels
    assert "Ring" not in labels and "Tie strength" not in labels
    assert [editor.tie_box.itemText(i) for i in range(editor.tie_box.count())] == [
        "Very close", "Close", "Not so close"]


def test_how_often_is_a_number_and_a_unit_saved_and_undone(
    ctx: AppContext, qtbot: QtBot
) -> None:
    sam = ctx.session.network.save_supporter(Supporter(
        name="Sam", kind=Kind.FRIEND, ring=Ring.MIDDLE,
        cadence=Cadence(every=timedelta(days=14))))
    editor = _editor(ctx, sam)
    field = editor.cadence_field
    assert (field.count_box.value(), field.unit_box.currentText()) == (2, "weeks")
    assert field.unit_box.itemText(0).startswith("the circle's default (")
    field.unit_box.setCurrentIndex(field.unit_box.findText("months"))
    field.count_box.setValue(3)
    assert editor.save()
    assert ctx.session.network.supporter(sam.id or 0).cadence.every == timedelta(days=90)
    ctx.undo.undo()
    assert ctx.session.network.supporter(sam.id or 0).cadence.every == timedelta(days=14)


def test_the_circles_default_leaves_the_number_aside(ctx: AppContext, qtbot: QtBot) -> None:
    editor = _editor(ctx)
    editor.name_edit.setText("Ana")
    field = editor.cadence_field
    assert field.unit_box.currentIndex() == 0 and not field.count_box.isVisibleTo(editor)
    field.unit_box.setCurrentIndex(field.unit_box.findText("days"))
    assert field.count_box.isVisibleTo(editor)
    field.count_box.setValue(10)
    field.unit_box.setCurrentIndex(0)
    assert editor.save()
    assert ctx.session.network.supporter(editor.saved_id or 0).cadence.every is None



@pytest.mark.parametrize("size", [None, (800, 600), (1100, 720)])
def test_adding_times_fits_with_every_remove_button_in_view(
    ctx: AppContext, qtbot: QtBot, size: tuple[int, int] | None
) -> None:
    editor = _editor(ctx)
    if size is None:  # as small as it goes, as on a small screen
        editor.resize(editor.minimumSize())
    else:
        editor.resize(*size)
    editor.tabs.setCurrentIndex(TAB_CONTACT)
    editor.contacts.add_row()
    editor.availability.add_button.click()
    editor.availability.add_button.click()
    qtbot.wait(10)
    area = editor.tabs.currentWidget()
    assert isinstance(area, QScrollArea)
    assert not area.horizontalScrollBar().isVisible()
    assert area.widget().width() <= area.viewport().width()
    removes = [row.remove_button for row in editor.availability.rows] + [
        row.remove_button for row in editor.contacts.rows]
    for button in removes:
        right = button.mapTo(area.viewport(), QPoint(button.width(), 0)).x()
        assert right <= area.viewport().width()


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest) -> Iterator[str]:
    from supportdesk.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_palette, old_sheet = app.palette(), app.styleSheet()
    dark = request.param == "dark"
    theme._forced_dark = dark
    palette = theme.dark_palette() if dark else theme.light_palette(app.style().standardPalette())
    app.setPalette(palette)
    app.setStyleSheet(theme.style_sheet(palette))
    try:
        yield request.param
    finally:
        theme._forced_dark = None
        app.setPalette(old_palette)
        app.setStyleSheet(old_sheet)


def test_chosen_days_look_clearly_different_from_the_others(
    ctx: AppContext, qtbot: QtBot, themed: str
) -> None:
    from datetime import time

    from supportdesk.core.model import AvailabilityWindow

    editor = _editor(ctx)
    row = editor.availability.add_row(AvailabilityWindow(frozenset({0}), time(9), time(17)))
    qtbot.wait(10)
    chosen, other = row.day_buttons[0], row.day_buttons[1]
    assert chosen.isChecked() and not other.isChecked()

    def fill(button: QWidget) -> tuple[int, int]:
        image = button.grab().toImage()
        colour = image.pixelColor(4, image.height() // 2)
        return colour.lightness(), colour.hue()

    (chosen_light, _), (other_light, _) = fill(chosen), fill(other)
    assert abs(chosen_light - other_light) >= 40
