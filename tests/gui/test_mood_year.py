"""The year at a glance on Check-ins, in the real window: chosen by keyboard, arrow keys
move the day (its words are the accessible name and the tooltip), Enter lists the day,
the year before and after, refreshed on "checkins", painted in the mood's colour, and
saved as PNG and SVG."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.ui.context import AppContext
from supportdesk.ui.mood_year.day_dialog import DayEntriesDialog
from supportdesk.ui.mood_year.grid import MOOD_COLOURS, MoodYearGrid
from supportdesk.ui.pages.checkins import YEAR, CheckinsPage
from tests.gui.test_keyboard_flows import when_dialog_opens

LONDON = ZoneInfo("Europe/London")  # FIXED_NOW is 24 November 2026, 10:00 UTC


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def page(main_window: QWidget, ctx: AppContext, qtbot: QtBot) -> CheckinsPage:
    robin = ctx.app.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER))
    assert robin.id is not None
    ctx.app.add_mood_entry(MoodEntry(at=_at(date(2026, 11, 23), 20), mood=1, note="Rough"))
    ctx.app.add_mood_entry(MoodEntry(at=_at(date(2026, 10, 23), 9), mood=5))
    ctx.app.log_checkin(CheckIn(supporter_id=robin.id, at=_at(date(2026, 10, 23), 18),
                                mood_before=2, mood_after=4, note="Coffee and a chat"))
    ctx.app.add_mood_entry(MoodEntry(at=_at(date(2025, 6, 1), 12), mood=3))
    main_window.show_page("checkins")  # type: ignore[attr-defined]
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    shown = main_window.page("checkins")  # type: ignore[attr-defined]
    assert isinstance(shown, CheckinsPage)
    return shown


def _choose_year_by_keyboard(page: CheckinsPage, qtbot: QtBot) -> MoodYearGrid:
    page.view_box.setFocus()
    qtbot.keyClick(page.view_box, Qt.Key.Key_End)  # the last choice: My year in moods
    assert page.view_box.currentData() == YEAR
    grid = page.year_view.grid
    qtbot.waitUntil(grid.hasFocus)
    return grid


def test_arrow_keys_move_the_day_and_say_it(page: CheckinsPage, qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    assert page.stack.currentWidget() is page.year_view
    assert grid.accessibleName() == "Tuesday 24 November 2026: nothing noted"
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert grid.accessibleName() == "Monday 23 November 2026: Very low, 1 entry"
    assert page.year_view.day_label.text() == grid.accessibleName()
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert grid.accessibleName() == "Friday 23 October 2026: Between Good and Very good " \
                                    "(4.5), 2 entries"
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert grid.focused_day == date(2026, 10, 1)
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert grid.focused_day == date(2026, 10, 31)
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # 31 October -> 30 November
    assert grid.focused_day == date(2026, 11, 30)
    qtbot.keyClick(grid, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Left)  # the year's first day stays put
    assert grid.focused_day == date(2026, 1, 1)


def test_the_tooltip_says_the_day_under_the_mouse(page: CheckinsPage, qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    centre = grid.geometry_for(grid.width()).cell_rect(date(2026, 11, 23)).center()
    assert grid.words_at(centre) == "Monday 23 November 2026: Very low, 1 entry"
    assert grid.words_at(centre * 0) is None  # the corner holds no day


def test_enter_lists_the_days_moods_with_whom(page: CheckinsPage, qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    grid.focus_day(date(2026, 10, 23))
    seen: list[list[str]] = []
    done: list[str] = []

    def read_and_close(dialog: QDialog) -> None:
        assert isinstance(dialog, DayEntriesDialog)
        seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(DayEntriesDialog, read_and_close, done)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert done == ["DayEntriesDialog"]
    assert seen == [["09:00 · Just me · Very good",
                     "18:00 · Robin · Low before, Good after — Coffee and a chat"]]


def test_previous_and_next_year_by_button_and_page_keys(page: CheckinsPage,
                                                       qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    view = page.year_view
    assert not view.next_button.isEnabled()  # no year after this one yet
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert (view.year, view.year_label.text()) == (2025, "2025")
    assert list(grid.moods.days) == [date(2025, 6, 1)]
    assert view.next_button.isEnabled()
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    assert view.year == 2024 and grid.moods.days == {}
    assert view.summary.text() == "Nothing noted in 2024 yet."
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert view.year == 2026


def test_a_new_mood_shows_on_the_next_turn(page: CheckinsPage, ctx: AppContext,
                                           qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    day = date(2026, 11, 24)
    assert grid.moods.get(day) is None
    ctx.app.add_mood_entry(MoodEntry(at=_at(day, 9), mood=4))
    qtbot.waitUntil(lambda: grid.moods.get(day) is not None)
    assert grid.accessibleName() == "Tuesday 24 November 2026: Good, 1 entry"


def _pixel(image: QImage, grid: MoodYearGrid, day: date, scale: float = 1.0) -> QColor:
    centre = grid.geometry_for(grid.width()).cell_rect(day).center() * scale
    return image.pixelColor(QPoint(int(centre.x()), int(centre.y())))


def test_each_day_is_painted_in_its_moods_colour(page: CheckinsPage, qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    image = grid.grab().toImage()
    ratio = grid.devicePixelRatioF()
    assert _pixel(image, grid, date(2026, 11, 23), ratio) == MOOD_COLOURS[1]
    assert _pixel(image, grid, date(2026, 10, 23), ratio) == MOOD_COLOURS[5]  # 4.5 -> 5
    empty = _pixel(image, grid, date(2026, 3, 3), ratio)
    assert empty == grid.palette().color(QPalette.ColorRole.Window)


def test_the_year_saves_as_png_and_svg(page: CheckinsPage, qtbot: QtBot,
                                       tmp_path: Path) -> None:
    _choose_year_by_keyboard(page, qtbot)
    view = page.year_view
    png = view.export(tmp_path / "year", svg=False)
    svg = view.export(tmp_path / "year", svg=True)
    assert (png.name, svg.name) == ("year.png", "year.svg")
    image = QImage(str(png))
    size = view.picture_size()
    assert (image.width(), image.height()) == (int(size.width() * 2), int(size.height() * 2))
    text = svg.read_text(encoding="utf-8")
    assert "<title>My moods in 2026</title>" in text
    assert MOOD_COLOURS[1].name() in text and MOOD_COLOURS[5].name() in text
    assert "Very low" in text and "Nothing noted" in text
    QApplication.processEvents()


class _PaintedRects(QObject):
    """What the grid is asked to paint: each paint event's rectangle."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.rects.append(event.rect())
        return False


def test_an_arrow_key_repaints_the_two_days_alone_and_they_stay_right(
        page: CheckinsPage, qtbot: QtBot) -> None:
    grid = _choose_year_by_keyboard(page, qtbot)
    qtbot.keyClick(grid, Qt.Key.Key_Home)  # 1 November
    qtbot.wait(50)  # what showing the year and that first move asked for is painted
    painted = _PaintedRects()
    grid.installEventFilter(painted)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: bool(painted.rects))
    grid.removeEventFilter(painted)
    geometry = grid.geometry_for(grid.width())
    step = geometry.step
    for rect in painted.rects:  # each about a square, not the year
        assert rect.width() <= 3 * step and rect.height() <= 2 * step
    repainted = QRectF()
    for rect in painted.rects:
        repainted = repainted.united(QRectF(rect))
    for day in (date(2026, 11, 1), date(2026, 11, 2)):  # the focus left one, came to the other
        assert repainted.contains(geometry.cell_rect(day).adjusted(-2, -2, 2, 2))
    image = grid.grab().toImage()
    ratio = grid.devicePixelRatioF()
    assert _pixel(image, grid, date(2026, 11, 23), ratio) == MOOD_COLOURS[1]
    assert grid.focused_day == date(2026, 11, 2)
