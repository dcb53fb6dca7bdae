"""The app opens the vault without reading every page, shows it, then checks every page
on a worker thread: damage is told in the banner naming the newest backup; a sound vault
shows nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from supportdesk.services.page_check import DAMAGED
from supportdesk.services.session import open_session
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.page_check import PageCheck
from supportdesk.vault.keystore import MemoryKeyStore
from tests.unit.services.test_page_check import damage_a_late_page, many_pages


@pytest.fixture
def opened(tmp_path: Path, qtbot: QtBot, request: pytest.FixtureRequest
           ) -> Iterator[tuple[MainWindow, PageCheck, Path]]:
    keystore = MemoryKeyStore()
    data_dir = tmp_path / "data"
    newest = many_pages(data_dir, keystore)
    if request.param == "damaged":
        damage_a_late_page(data_dir)
    session = open_session(data_dir, keystore, check_pages=False)  # as the app opens it
    ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    check = PageCheck(window, ctx)
    yield window, check, newest
    check.wait()
    ctx.close()


@pytest.mark.parametrize("opened", ["damaged"], indirect=True)
def test_a_damaged_page_is_told_in_the_banner_with_the_newest_backup(
        opened: tuple[MainWindow, PageCheck, Path], qtbot: QtBot) -> None:
    window, check, newest = opened
    assert window.banner.isHidden()
    with qtbot.waitSignal(check.checked, timeout=20_000) as told:
        check.start()
    assert isinstance(told.args[0], str)
    qtbot.waitUntil(lambda: not window.banner.isHidden())
    shown = window.banner.text.text()
    assert shown.startswith(DAMAGED) and str(newest) in shown
    assert window.ctx.app.vault is not None and window.ctx.app.vault.pages_checked


@pytest.mark.parametrize("opened", ["sound"], indirect=True)
def test_a_sound_vault_shows_nothing(opened: tuple[MainWindow, PageCheck, Path],
                                     qtbot: QtBot) -> None:
    window, check, _newest = opened
    with qtbot.waitSignal(check.checked, timeout=20_000) as told:
        check.start()
    assert told.args[0] is None
    qtbot.wait(50)
    assert window.banner.isHidden()


@pytest.mark.parametrize("damaged", [True, False])
def test_a_page_that_cannot_be_read_while_building_the_window_is_checked_at_once(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, damaged: bool) -> None:
    """If Today meets a damaged page before the check has run, the check is made there and
    then, and the person is told as a damaged vault at start is (app._told_of_damage)."""
    from supportdesk import app
    from supportdesk.ui.startup import problems

    keystore = MemoryKeyStore()
    data_dir = tmp_path / "data"
    newest = many_pages(data_dir, keystore)
    if damaged:
        damage_a_late_page(data_dir)
    told: list[str] = []
    monkeypatch.setattr(problems, "show_problem", lambda title, text, parent=None:
                        told.append(text))
    session = open_session(data_dir, keystore, check_pages=False)
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        assert app._told_of_damage(session, window) is damaged
        if damaged:
            assert told[0].startswith(DAMAGED) and str(newest) in told[0]
            assert session.db.is_closed()
        else:
            assert told == []
    finally:
        session.close()
