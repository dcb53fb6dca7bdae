"""GUI fixtures: an AppContext over the test session, the main window, the demo network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from supportdesk.services.session import Session
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.pages.contract import Page
from tests.conftest import FIXED_NOW


@pytest.fixture
def no_desktop(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """For the whole window with its extensions: no session bus (no real notifications),
    a throwaway config folder (no autostart file), and UTC."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Window geometry goes to a throwaway folder, never the tester's own settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("SupportDeskTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture
def ctx(session: Session, qtbot: QtBot) -> Iterator[AppContext]:
    made = AppContext(session=session, events=Events(), undo=QUndoStack())
    yield made
    made.bus.stop()  # before the session closes


@pytest.fixture
def demo_ctx(ctx: AppContext) -> AppContext:
    from supportdesk.services.demo import fill_demo

    fill_demo(ctx.session, FIXED_NOW)
    return ctx


@pytest.fixture
def main_window(ctx: AppContext, qtbot: QtBot) -> object:
    from supportdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


P = TypeVar("P", bound=Page)


def follow(ctx: AppContext, page: P) -> P:
    """Keep a page built on its own current, as the main window keeps the page showing:
    refreshed when a use case (or ``ctx.app.feed.poll()``) says one of its topics changed.
    (In the window that happens on the next turn of the event loop; here at once.)"""
    def refresh(topics: frozenset[str]) -> None:
        if topics & page.topics:
            page.refresh()

    ctx.app.feed.subscribe(refresh)
    return page


def answer_message_box(key: int, seen: list[QMessageBox]) -> None:
    """When the next message box opens, note it in ``seen`` and press ``key`` there
    (as a person would, by keyboard); call just before what opens it."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, look)
            return
        seen.append(box)
        QTest.keyClick(box, Qt.Key(key))

    QTimer.singleShot(0, look)
