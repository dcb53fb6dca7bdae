""""When it might be time for more help": reached from Today's low-mood card and from
Help, by keyboard; each point shows where it comes from and opens its page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.more_help import MoreHelpPage
from tests.conftest import FIXED_NOW
from tests.gui.test_today import page_for
from tests.gui.views_seed import seed_network


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def test_each_point_shows_its_sources_and_opens_the_page(ctx: AppContext,
                                                        qtbot: QtBot) -> None:
    opened: list[QUrl] = []
    page = MoreHelpPage(ctx, opener=lambda url: opened.append(url) or True)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    first = page.source_toggles[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)  # by keyboard
    QApplication.processEvents()
    shown = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert any("HSE" in text and "for more than 2 weeks" in text and "2026" in text
               for text in shown)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in
               page.findChildren(QLabel))
    button = next(b for b in page.findChildren(QPushButton)
                  if b.isVisible() and b.text() == "Open the page")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].toString().startswith("https://www2.hse.ie/")


def test_the_low_mood_card_leads_there(ctx: AppContext, qtbot: QtBot) -> None:
    seed_network(ctx.session, FIXED_NOW)  # the last three moods are 2, 3, 2
    page = page_for(ctx, qtbot)
    page.threshold.setValue(3)
    page.escalation_check.setChecked(True)
    ctx.app.feed.poll()
    asked: list[str] = []
    ctx.events.page_requested.connect(asked.append)
    button = page.more_help_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert asked == ["more_help"]


def test_help_menu_opens_it_in_the_window(main_window: object, ctx: AppContext) -> None:
    from supportdesk.ui import more_help_actions
    from supportdesk.ui.main_window import MainWindow

    assert isinstance(main_window, MainWindow)
    more_help_actions.install(main_window, ctx)  # as extensions.install_all does
    help_menu = main_window.menu("help")
    action = next(a for a in help_menu.actions()
                  if a.text().replace("&", "") == "When it might be time for more help")
    assert help_menu.actions()[0] is action  # first in Help
    action.trigger()
    QApplication.processEvents()
    assert main_window.current_key == "more_help"
    assert isinstance(main_window.stack.currentWidget(), MoreHelpPage)


def test_today_shows_a_near_appointment_with_its_questions(ctx: AppContext,
                                                           qtbot: QtBot) -> None:
    from datetime import timedelta

    from supportdesk.core.appointments import Appointment, AskKind
    from supportdesk.core.kinds import Kind, Role
    from supportdesk.core.model import Supporter
    from tests.gui.test_today import texts

    gp = ctx.app.add_supporter(Supporter("Dr Ávila", Kind.PROFESSIONAL, role=Role.GP)).id or 0
    ctx.app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(days=5), "Room 4"))
    page = page_for(ctx, qtbot)
    assert "Coming up" not in texts(page)  # five days off is not near yet
    ctx.app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(hours=26), "Room 4"))
    ctx.app.add_ask(ctx.app.appointments.new_ask(gp, "Side effects?", AskKind.QUESTION))
    shown = texts(page)
    assert "Dr Ávila: Tomorrow at 12:00 · Room 4" in shown
    assert "Questions to bring:\n• Side effects?" in shown
    opened: list[int] = []
    ctx.events.supporter_open_requested.connect(opened.append)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Open Dr Ávila")
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert opened == [gp]
