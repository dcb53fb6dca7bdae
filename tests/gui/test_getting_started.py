"""Help > If you need help now, and Help > Getting started."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from supportdesk.ui.context import AppContext
from supportdesk.ui.extensions import install_all
from supportdesk.ui.getting_started import GettingStartedDialog
from supportdesk.ui.main_window import MainWindow


def _window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    install_all(window, ctx)
    return window


def test_help_starts_with_help_now_then_getting_started(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    titles = [a.text() for a in window.menu("help").actions() if not a.isSeparator()]
    assert titles[:2] == ["If you need help &now", "&Getting started"]
    assert "&Keyboard shortcuts" in titles


def test_help_now_shows_reach_out_now(ctx: AppContext, qtbot: QtBot) -> None:
    window = _window(ctx, qtbot)
    with qtbot.waitSignal(ctx.events.reach_out_requested):
        window.menu("help").actions()[0].trigger()


def test_getting_started_explains_crisis_help_first_and_the_recovery_key(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(ctx, qtbot)
    seen: list[str] = []

    def look(dialog: GettingStartedDialog) -> int:
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        return 0

    monkeypatch.setattr(GettingStartedDialog, "exec", look)
    window.menu("help").actions()[1].trigger()
    assert seen[0] == "If today is hard"
    assert "Ctrl+Shift+H" in seen[1]
    assert any("recovery key" in text for text in seen)
