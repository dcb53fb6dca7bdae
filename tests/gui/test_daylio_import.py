"""File > Import > Daylio backup (CSV)…: the real preview dialog, a mood name of one's own
chosen by keyboard, Import, and one undo; the same file again brings nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from supportdesk.services.daylio_import import DaylioImportService
from supportdesk.ui.context import AppContext
from supportdesk.ui.data_actions import DataActions
from supportdesk.ui.daylio_dialog import MOOD_COL, DaylioDialog, DaylioPreviewModel
from tests.gui.test_export_actions import installed

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "daylio-sample.csv"


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def _through_the_menu(actions: DataActions, monkeypatch: pytest.MonkeyPatch, path: Path,
                      drive: object) -> None:
    monkeypatch.setattr(actions, "ask_open_path", lambda title, folder, filters: path)
    monkeypatch.setattr(actions, "exec_dialog", drive)
    actions.import_daylio_action.trigger()


def test_choose_an_own_mood_by_keyboard_import_and_undo(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    actions = installed(ctx, qtbot, monkeypatch)
    seen: list[str] = []

    def drive(dialog: QDialog) -> bool:
        assert isinstance(dialog, DaylioDialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        box = dialog.name_boxes["sleepy"]
        assert QApplication.focusWidget() is box  # the question comes first
        assert not dialog.import_button.isEnabled()
        assert dialog.model.index(3, MOOD_COL).data() == "sleepy (choose above)"
        qtbot.keyClick(box, Qt.Key.Key_Down)
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentText() == "2 · Low"
        assert dialog.model.index(3, MOOD_COL).data() == "sleepy: Low"
        assert dialog.import_button.text() == "Import 6 moods"
        seen.append(dialog.summary.text())
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    _through_the_menu(actions, monkeypatch, SAMPLE, drive)
    assert seen[0].startswith("Found 6 moods from 5 March 2024 to 7 March 2024: 6 new.")
    assert sorted(e.mood for e in ctx.app.mood.entries()) == [1, 2, 2, 3, 4, 5]
    assert ctx.undo.undoText() == "Import 6 moods from Daylio"
    ctx.undo.undo()
    assert ctx.app.mood.entries() == []
    ctx.undo.redo()
    assert len(ctx.app.mood.entries()) == 6


def test_the_same_file_again_offers_nothing_to_import(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ctx.app.daylio_import.preview(SAMPLE.read_bytes())
    first.choose("sleepy", 2)
    ctx.app.import_daylio(first)
    actions = installed(ctx, qtbot, monkeypatch)
    seen: list[tuple[str, bool]] = []

    def drive(dialog: QDialog) -> bool:
        assert isinstance(dialog, DaylioDialog)
        dialog.name_boxes["sleepy"].setCurrentIndex(2)
        seen.append((dialog.summary.text(), dialog.import_button.isEnabled()))
        return False

    _through_the_menu(actions, monkeypatch, SAMPLE, drive)
    assert seen == [("Found 6 moods from 5 March 2024 to 7 March 2024: 0 new, 6 already "
                     "here (left as they are). Nothing is saved until you choose Import, and "
                     "you can undo it afterwards.", False)]
    assert len(ctx.app.mood.entries()) == 6


def test_a_file_that_is_not_from_daylio_says_so(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    actions = installed(ctx, qtbot, monkeypatch)
    other = tmp_path / "people.csv"
    other.write_text("First Name,Last Name\nRobin,Okafor\n", encoding="utf-8")
    _through_the_menu(actions, monkeypatch, other, lambda dialog: pytest.fail("no dialog"))
    assert "not a Daylio export" in actions.errors[0]  # type: ignore[attr-defined]


def test_the_preview_model_passes_the_model_tester(ctx: AppContext, qtmodeltester: object
                                                   ) -> None:
    preview = DaylioImportService(ctx.session).preview(SAMPLE.read_bytes())
    model = DaylioPreviewModel(preview)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    preview.choose("sleepy", 0)
    model.moods_changed()
    assert model.index(3, MOOD_COL).data() == "sleepy (left out)"
