"""Tab goes the way a reader does: on every page and in the main dialogs, each press
of Tab moves down the screen, or right along a row, never back to something above."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.ui.context import AppContext
from supportdesk.ui.pages import PAGES
from tests.gui.focus_walk import Stop, out_of_order, tab_stops

SIZES = [(1100, 720), (800, 600)]


@pytest.fixture
def window(demo_ctx: AppContext, qtbot: QtBot, no_desktop: None) -> Iterator[QWidget]:
    from supportdesk.ui.extensions import install_all
    from supportdesk.ui.main_window import MainWindow

    made = MainWindow(demo_ctx)
    qtbot.addWidget(made)
    made.extensions = install_all(made, demo_ctx)
    made.show()
    qtbot.waitExposed(made)
    made.show_banner("Two check-ins came due while you were away.",
                     [("Log a check-in", lambda: None), ("Snooze", lambda: None)])
    yield made


def _walk(root: QWidget, qtbot: QtBot) -> list[Stop]:
    qtbot.wait(20)  # the layout settles
    return tab_stops(root, root)


@pytest.mark.parametrize("size", SIZES)
def test_every_page_tabs_in_reading_order(window: QWidget, qtbot: QtBot,
                                          size: tuple[int, int]) -> None:
    window.resize(*size)
    for spec in PAGES:
        window.show_page(spec.key)  # type: ignore[attr-defined]
        stops = _walk(window, qtbot)
        assert len(stops) > 2, spec.key
        assert out_of_order(stops) == [], spec.key


@pytest.mark.parametrize("size", SIZES)
def test_a_person_page_tabs_to_call_and_email_before_the_tables(
    window: QWidget, demo_ctx: AppContext, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    for supporter in demo_ctx.session.network.supporters()[:4]:
        window.show_supporter(supporter.id or 0)  # type: ignore[attr-defined]
        stops = _walk(window, qtbot)
        assert out_of_order(stops) == [], supporter.kind
        names = [s.name for s in stops]
        contact = next(i for i, n in enumerate(names) if n.startswith(("Call", "Text", "Email",
                                                                        "Open")))
        assert contact < names.index("Check-ins with this person")


def test_the_banner_comes_after_the_sections_and_before_the_page(
        window: QWidget, qtbot: QtBot) -> None:
    window.show_page("today")  # type: ignore[attr-defined]
    names = [s.name for s in _walk(window, qtbot)]
    assert names.index("Sections") < names.index("Log a check-in") < names.index("Dismiss")
    page_first = next(i for i, n in enumerate(names) if n == "Today page")
    assert names.index("Dismiss") < page_first


def test_the_safety_plan_tabs_through_each_steps_items_before_its_add(
        window: QWidget, qtbot: QtBot) -> None:
    window.show_page("safety_plan")  # type: ignore[attr-defined]
    names = [s.name for s in _walk(window, qtbot)]
    first_add = next(i for i, n in enumerate(names) if n.startswith("Add to "))
    assert names.index("Warning signs: item") < first_add
    assert names.index("Add to Warning signs") < names.index(
        "People and places that distract me: person from your network")


def _dialogs(ctx: AppContext, window: QWidget) -> list[QWidget]:
    from supportdesk.ui.editors.checkin_dialog import CheckinDialog
    from supportdesk.ui.editors.supporter_editor import SupporterEditor
    from supportdesk.ui.settings_dialog import SettingsDialog

    someone = ctx.session.network.supporters()[0]
    return [SupporterEditor(ctx, someone), SupporterEditor(ctx),
            CheckinDialog(ctx, someone.id or 0),
            SettingsDialog(ctx, window.settings_tabs, window)]  # type: ignore[attr-defined]


def test_the_main_dialogs_tab_in_reading_order(window: QWidget, demo_ctx: AppContext,
                                               qtbot: QtBot) -> None:
    for dialog in _dialogs(demo_ctx, window):
        dialog.show()
        qtbot.waitExposed(dialog)
        tabs = dialog.findChildren(QTabWidget)
        for index in range(tabs[0].count() if tabs else 1):
            if tabs:
                tabs[0].setCurrentIndex(index)
            stops = _walk(dialog, qtbot)
            assert out_of_order(stops) == [], (dialog.windowTitle(), index)
        getattr(dialog, "mark_clean", lambda: None)()
        dialog.close()
        dialog.deleteLater()
    QApplication.processEvents()


def test_the_check_catches_tab_going_back_up(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    buttons = [QPushButton(name, root) for name in ("Top", "Middle", "Bottom")]
    for button in buttons:
        layout.addWidget(button)
    root.show()
    qtbot.waitExposed(root)
    assert out_of_order(tab_stops(root, root)) == []
    QWidget.setTabOrder(buttons[2], buttons[1])
    assert out_of_order(tab_stops(root, root)) == ["'Bottom' -> 'Middle'"]


def test_the_lock_screen_and_crisis_help_tab_in_reading_order(
        demo_ctx: AppContext, qtbot: QtBot) -> None:
    """Found by a screen reader's walk (tests/integration/test_screen_reader.py): the
    crisis strip came before the PIN, and the crisis lines after Close."""
    from supportdesk.ui.crisis.view import CrisisOnlyView
    from supportdesk.ui.privacy.lock_screen import LockScreen

    now = demo_ctx.app.crisis_lines.now("GB")
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1100, 720)
    cover = LockScreen(host)
    cover.setGeometry(host.rect())
    cover.prepare(has_pin=True)
    cover.show_crisis(now)
    view = CrisisOnlyView(now)
    qtbot.addWidget(view)
    for root, first in ((host, cover.pin), (view, view.strip.emergency_button)):
        root.show()
        qtbot.waitExposed(root)
        qtbot.wait(20)  # the layout settles
        stops = tab_stops(root, first)
        assert len(stops) > 3
        assert out_of_order(stops) == [], type(root).__name__
