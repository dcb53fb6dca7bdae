"""Hints and names are never cut off, and the selected sidebar row's icon takes the
highlight's text colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import PlanItem, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.crisis_line_dialog import CrisisLineDialog
from supportdesk.ui.pages.safety_plan import PlanItemEditor


def test_every_hint_in_add_a_local_service_fits(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = CrisisLineDialog(ctx.app.crisis_lines, "GB", [("GB", "United Kingdom")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edits = [e for e in dialog.findChildren(QLineEdit) if e.placeholderText()]
    assert len(edits) == 4
    for edit in edits:
        text_width = edit.width() - edit.textMargins().left() - edit.textMargins().right() - 8
        assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= text_width, \
            edit.placeholderText()


def test_a_long_name_is_whole_in_the_plans_person_picker(qtbot: QtBot) -> None:
    long_name = "Dale Pemberton-Nakamura-Featherstonehaugh"
    someone = Supporter(name=long_name, kind=Kind.FRIEND, id=7)
    step = next(s for s in PlanStep if s.links_people)
    row = PlanItemEditor(step, PlanItem(step, "", 7), [someone])
    qtbot.addWidget(row)
    row.resize(600, 60)
    row.show()
    qtbot.waitExposed(row)
    assert row.person is not None and row.person.currentText() == long_name
    assert row.person.width() >= row.person.fontMetrics().horizontalAdvance(long_name) + 16


def test_the_selected_sidebar_icon_is_drawn_in_the_highlighted_text_colour(
        main_window: object) -> None:
    sidebar = main_window.sidebar  # type: ignore[attr-defined]
    item = sidebar.currentItem()
    pixmap = item.icon().pixmap(24, QIcon.Mode.Selected).toImage()
    inked = [pixmap.pixelColor(x, y) for x in range(pixmap.width())
             for y in range(pixmap.height()) if pixmap.pixelColor(x, y).alpha() == 255]
    assert inked
    wanted = QApplication.palette().color(QPalette.ColorRole.HighlightedText)
    assert {c.name() for c in inked} == {wanted.name()}
    normal = item.icon().pixmap(24, QIcon.Mode.Normal).toImage()
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert any(normal.pixelColor(x, y).name() == text.name()
               for x in range(normal.width()) for y in range(normal.height())
               if normal.pixelColor(x, y).alpha() == 255)


@pytest.mark.parametrize("size,note_at_least", [((1100, 720), 300), ((800, 600), 50)])
def test_the_checkins_note_column_is_in_view_without_scrolling_sideways(
        demo_ctx: AppContext, qtbot: QtBot, no_desktop: None, size: tuple[int, int],
        note_at_least: int) -> None:
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.models.checkin_table import CheckinColumn

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("checkins")
    qtbot.wait(20)
    table = window.page("checkins").table  # type: ignore[attr-defined]
    assert not table.horizontalScrollBar().isVisible()
    assert table.horizontalHeader().sectionSize(CheckinColumn.NOTE) >= note_at_least


def test_the_snooze_arrow_has_room_beside_its_word(demo_ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QAbstractButton, QStyle

    from supportdesk.ui.pages.today import TodayPage

    page = TodayPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    snoozes = [b for b in page.findChildren(QAbstractButton)
               if b.accessibleName().startswith("Snooze the reminder")]
    assert snoozes
    for button in snoozes:
        assert button.menu() is not None
        arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None,
                                           button)
        needed = button.fontMetrics().horizontalAdvance(button.text()) + arrow + 8
        assert button.width() >= needed
        assert button.sizeHint().width() >= needed
