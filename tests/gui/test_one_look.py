"""One look (docs/UI.md): one page header, one card, one button style; Help > Keyboard
shortcuts read from the actions themselves; Help > About."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supportdesk import __version__
from supportdesk.ui import theme
from supportdesk.ui.about_dialog import LICENCE, AboutDialog
from supportdesk.ui.context import AppContext
from supportdesk.ui.crisis.strip import CrisisStrip
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.pages import MORE_HELP_PAGE, PAGES
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.people_split import PeopleSplit
from supportdesk.ui.pages.view_parts import Card
from supportdesk.ui.shortcuts_dialog import ShortcutsDialog, shortcut_rows

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(demo_ctx: AppContext, qtbot: QtBot, no_desktop: None) -> Iterator[MainWindow]:
    from supportdesk.ui.extensions import install_all

    made = MainWindow(demo_ctx)
    qtbot.addWidget(made)
    made.extensions = install_all(made, demo_ctx)
    made.resize(1100, 720)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.extensions["privacy"].screen.stop()  # type: ignore[attr-defined]


def _shown_pages(window: MainWindow, qtbot: QtBot) -> Iterator[tuple[str, QWidget]]:
    for key in [spec.key for spec in PAGES] + [MORE_HELP_PAGE.key]:
        window.show_page(key)
        qtbot.wait(10)
        page = window.page(key)
        if isinstance(page, PeopleSplit):  # the list and the person beside: a page each
            yield key, page.people
            if page.person.isVisibleTo(page):
                yield "person", page.person  # the person beside the list
            continue
        yield key, page
    first = next(iter(window.ctx.app.network.supporters()))
    window.show_supporter(first.id)
    qtbot.wait(10)
    if window.current_key == "person":  # too narrow for the page beside the list
        yield "person", window.page("person")


def _visible(widget: QWidget, page: QWidget) -> bool:
    return widget.isVisibleTo(page) and widget.width() > 0


def _inside(widget: QWidget, kind: type[QWidget]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("size", [(1100, 720), (800, 600)])
def test_every_page_starts_with_the_one_header(window: MainWindow, qtbot: QtBot,
                                               size: tuple[int, int]) -> None:
    window.resize(*size)
    for key, page in _shown_pages(window, qtbot):
        headers = [h for h in page.findChildren(PageHeader) if _visible(h, page)]
        assert len(headers) == 1, key
        header = headers[0]
        assert header.objectName() == "PageHeader" and header.title.text(), key
        top = header.mapTo(page, header.rect().topLeft()).y()
        title_size = header.title.font().pointSizeF()
        for label in page.findChildren(QLabel):
            if not _visible(label, page) or _inside(label, PageHeader) or not label.text():
                continue
            # nothing but the crisis strip comes above the header, and no other title
            # is drawn as large as the page's own
            if not _inside(label, CrisisStrip):
                assert label.mapTo(page, label.rect().topLeft()).y() >= top, (key, label.text())
            assert label.font().pointSizeF() < title_size, (key, label.text())
        for button in header.buttons:  # the page's own buttons, never cut off
            assert header.rect().contains(button.geometry().translated(
                button.parentWidget().pos())), (key, button.text())


def test_the_header_buttons_go_under_the_line_when_the_title_needs_the_room(
        qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton

    header = PageHeader("A title that takes a fair amount of room", "A line under it.")
    qtbot.addWidget(header)
    for words in ("Send to my people…", "Send a message…", "Save as PDF to print…"):
        header.add_button(QPushButton(words))
    header.resize(1000, 100)
    header.show()
    qtbot.waitExposed(header)
    assert header.buttons_beside_title
    header.resize(420, 200)
    qtbot.waitUntil(lambda: not header.buttons_beside_title)
    button = header.buttons[0]
    qtbot.waitUntil(lambda: button.mapTo(header, button.rect().topLeft()).y()
                    > header.subtitle.geometry().top())
    header.resize(1000, 100)
    qtbot.waitUntil(lambda: header.buttons_beside_title)


def test_today_and_the_person_page_use_the_same_card(window: MainWindow,
                                                     qtbot: QtBot) -> None:
    pages = dict(_shown_pages(window, qtbot))
    for key in ("today", "person", "reach_out", "safety_plan", "circles"):
        page = pages[key]
        assert page.findChildren(QGroupBox) == [], key  # no grey boxes on a page
    today_cards = pages["today"].findChildren(Card)
    person_cards = pages["person"].findChildren(Card)
    assert today_cards and len(person_cards) >= 5
    for card in today_cards + person_cards:
        assert type(card).paintEvent is Card.paintEvent  # drawn the one way
        assert card.content.contentsMargins() == today_cards[0].content.contentsMargins()
    titles = {card.title.text() for card in person_cards if card.title is not None}
    assert {"Reach out", "Before you reach out", "Check-ins", "Gratitude"} <= titles


class IconsOnDialogButtons(QProxyStyle):
    """A desktop whose style puts icons on dialog buttons (as KDE and the generic Linux
    theme do): the floppy disk on Save, the red cross on Cancel."""

    def styleHint(self, hint: QStyle.StyleHint, option: QStyleOption | None = None,
                  widget: QWidget | None = None, data: object = None) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)  # type: ignore[arg-type]


@pytest.fixture
def icon_style() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_style, old_sheet = app.style().name(), app.styleSheet()
    app.setStyle(IconsOnDialogButtons("Fusion"))
    try:
        yield app
    finally:
        app.setStyleSheet(old_sheet)
        app.setStyle(old_style)


def _dialogs(ctx: AppContext, window: QWidget) -> list[QDialog]:
    from supportdesk.ui.editors.checkin_dialog import CheckinDialog
    from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
    from supportdesk.ui.editors.mood_dialog import MoodDialog
    from supportdesk.ui.editors.supporter_editor import SupporterEditor
    from supportdesk.ui.getting_started import GettingStartedDialog
    from supportdesk.ui.pages.crisis_line_dialog import CrisisLineDialog
    from supportdesk.ui.plain import plain_message_box
    from supportdesk.ui.settings_dialog import SettingsDialog

    box = plain_message_box(QMessageBox.Icon.Question, "Remove?", "Remove this?", window)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    return [SupporterEditor(ctx, parent=window), CheckinDialog(ctx, None, parent=window),
            MoodDialog(ctx, parent=window), GratitudeDialog(ctx, None, parent=window),
            SettingsDialog(ctx, [], window),
            CrisisLineDialog(ctx.app.crisis_lines, "GB", [("United Kingdom", "GB")], window),
            AboutDialog(None, window), ShortcutsDialog(window), GettingStartedDialog(window),
            box]


def test_no_dialog_button_carries_an_icon(ctx: AppContext, qtbot: QtBot,
                                          icon_style: QApplication) -> None:
    plain_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(plain_box)
    assert not plain_box.buttons()[0].icon().isNull()  # this desktop would draw them
    icon_style.setStyleSheet(theme.style_sheet(icon_style.palette()))
    window = QWidget()
    qtbot.addWidget(window)
    for dialog in _dialogs(ctx, window):
        qtbot.addWidget(dialog)
        boxes = dialog.findChildren(QDialogButtonBox)
        assert boxes, type(dialog).__name__
        for box in boxes:
            for button in box.buttons():
                assert button.icon().isNull(), (type(dialog).__name__, button.text())


def test_the_shortcuts_are_read_from_the_actions_themselves(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    rows = dict(shortcut_rows(window))
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            assert keys in rows, (keys, action.text())
    assert rows["Alt+1"].startswith("Call the emergency number")  # the strip's own keys
    assert "Water the plants" not in rows.values()
    added = QAction("&Water the plants…", window)
    added.setShortcut(QKeySequence("Ctrl+Alt+W"))
    window.addAction(added)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert dict(dialog.rows)["Ctrl+Alt+W"] == "Water the plants"
    assert dialog.rows[0][0] == "Ctrl+Shift+H" and "from anywhere" in dialog.rows[0][1]
    shown = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"Ctrl+Alt+W", "Water the plants"} <= shown


def test_about_says_the_version_licence_folder_and_no_network(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        assert tomllib.load(handle)["project"]["license"] == LICENCE
    seen: list[str] = []

    def look(dialog: AboutDialog) -> int:
        seen.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return 0

    monkeypatch.setattr(AboutDialog, "exec", look)
    about = next(a for a in window.menu("help").actions() if "About" in a.text())
    about.trigger()
    assert len(seen) == 1
    words = seen[0]
    assert f"SupportDesk {__version__}" in words
    assert LICENCE in words
    assert "never uses the network" in words
    assert "on this computer" in words
    dialog = AboutDialog(Path("/home/sam/.local/share/SupportDesk"))
    qtbot.addWidget(dialog)
    assert any("/home/sam/.local/share/SupportDesk" in label.text()
               for label in dialog.findChildren(QLabel))
