"""File > Export > Everything… and Check-ins…, and File > Import > SupportDesk export…"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind, Mode
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.demo import fill_demo
from supportdesk.services.exporting import ExportFormat
from supportdesk.services.full_export import FullExportService
from supportdesk.services.full_import import FullImportService, PersonAction
from supportdesk.ui.context import AppContext
from supportdesk.ui.data_actions import DataActions, install
from supportdesk.ui.full_import_dialog import (
    ACTION_COL,
    CHOICES_ROLE,
    FullImportDialog,
    PeoplePreviewModel,
)
from tests.conftest import FIXED_NOW
from tests.gui.test_export_actions import installed
from tests.unit.services.test_full_export import LONDON, export_of, read_zip


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def answer_export(actions: DataActions, monkeypatch: pytest.MonkeyPatch, target: Path,
                  seen: list[str] | None = None) -> None:
    """Say yes to the warning and choose ``target`` in the save dialog."""
    monkeypatch.setattr(actions, "confirm_unencrypted", lambda fmt: (True, False))

    def save_path(fmt: ExportFormat, suggested: Path) -> Path:
        if seen is not None:
            seen.append(suggested.name)
        return target

    monkeypatch.setattr(actions, "ask_save_path", save_path)


def test_the_menus_offer_everything_checkins_and_the_import(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    actions = installed(ctx, qtbot, monkeypatch)
    exports = [a.text() for a in actions.export_menu.actions() if not a.isSeparator()]
    assert exports[-2:] == ["&Everything…", "Check-&ins…"]
    assert [a.text() for a in actions.import_menu.actions()] == [
        "&Contacts (vCard, Google or Outlook CSV)…", "&SupportDesk export…",
        "&Daylio backup (CSV)…"]
    file_menu = actions.window.menu("file")  # type: ignore[attr-defined]
    assert "&Import" in [a.text() for a in file_menu.actions()]


def test_export_everything_from_the_menu(demo_ctx: AppContext, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    actions = installed(demo_ctx, qtbot, monkeypatch)
    target = tmp_path / "mine.zip"
    suggested: list[str] = []
    answer_export(actions, monkeypatch, target, suggested)
    actions.export_actions[ExportFormat.ALL].trigger()
    assert suggested == ["supportdesk-everything.zip"]
    with zipfile.ZipFile(target) as archive:
        rows = csv_rows(archive.read("checkins.csv"))
        document = json.loads(archive.read("supportdesk.json"))
    assert len(rows) == len(document["checkins"]) == demo_ctx.session.repo.counts()["checkins"]
    assert actions.errors == []  # type: ignore[attr-defined]
    assert actions.window.messages[-1] == f"Saved mine.zip in {tmp_path}"  # type: ignore[attr-defined]


def test_export_checkins_follows_the_checkins_page_filter(
        demo_ctx: AppContext, main_window: QMainWindow, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    actions = install(main_window, demo_ctx)
    page = main_window.page("checkins")  # type: ignore[attr-defined]
    main_window.show_page("checkins")  # type: ignore[attr-defined]
    page.mode_filter.setCurrentIndex(page.mode_filter.findData(Mode.VIDEO))
    target = tmp_path / "video.csv"
    answer_export(actions, monkeypatch, target)
    words: list[str] = []
    real = actions.checkins_filter
    monkeypatch.setattr(actions, "checkins_filter",
                        lambda: (words.append(real().words_for({})), real())[1])
    actions.export_actions[ExportFormat.CHECKINS].trigger()
    rows = csv_rows(target.read_bytes())
    expected = [c for c in demo_ctx.session.repo.checkins() if c.mode is Mode.VIDEO]
    assert len(rows) == len(expected) > 0
    assert {r["mode"] for r in rows} == {"video"}
    assert [r["note"] for r in rows] == [c.note for c in expected]  # newest first, as shown
    assert words[0].endswith("video only.")


def test_the_unfiltered_checkins_export_holds_them_all(
        demo_ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    actions = installed(demo_ctx, qtbot, monkeypatch)  # no Check-ins page was ever opened
    target = tmp_path / "all.csv"
    answer_export(actions, monkeypatch, target)
    actions.export_actions[ExportFormat.CHECKINS].trigger()
    count = demo_ctx.session.repo.counts()["checkins"]
    assert len(csv_rows(target.read_bytes())) == count
    assert actions.window.messages[-1].startswith(f"Saved {count} check-ins to all.csv")  # type: ignore[attr-defined]


def test_the_people_preview_passes_the_model_tester(demo_ctx: AppContext,
                                                    qtmodeltester: object) -> None:
    raw = FullExportService(demo_ctx.session).zip_bytes()
    preview = FullImportService(demo_ctx.session).preview(raw)
    qtmodeltester.check(PeoplePreviewModel(preview))  # type: ignore[attr-defined]


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    """The sample network's full export, from a vault of its own."""
    target = tmp_path / "export.zip"
    target.write_bytes(export_of(lambda s: fill_demo(s, FIXED_NOW), tmp_path / "source"))
    return target


def test_import_an_export_from_the_menu_into_an_empty_vault_then_undo(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        export_file: Path) -> None:
    actions = installed(ctx, qtbot, monkeypatch)
    monkeypatch.setattr(actions, "ask_open_path", lambda *a: export_file)
    shown: list[FullImportDialog] = []

    def accept(dialog: QDialog) -> bool:
        assert isinstance(dialog, FullImportDialog)
        shown.append(dialog)
        assert ctx.session.repo.counts()["supporters"] == 0  # nothing written before Import
        assert dialog.settings_box.isChecked()  # an empty vault takes the file's settings
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(actions, "exec_dialog", accept)
    actions.import_export_action.trigger()
    assert shown and "18 people in the file: 18 to add" in shown[0].summary.text()
    before = read_zip(export_file.read_bytes())
    after = read_zip(FullExportService(ctx.session, LONDON).zip_bytes())
    assert {n: after[n] for n in before if n.endswith(".csv")} == {
        n: before[n] for n in before if n.endswith(".csv")}
    message = actions.window.messages[-1]  # type: ignore[attr-defined]
    assert message.startswith("Imported: 18 people added") and "Undo is in the Edit" in message
    assert ctx.undo.count() == 1
    ctx.undo.undo()
    assert ctx.session.repo.counts() == {"supporters": 0, "checkins": 0, "gratitude": 0,
                                         "plan_items": 0}
    ctx.undo.redo()
    assert ctx.session.repo.counts()["checkins"] == len(csv_rows(before["checkins.csv"]))


def test_a_proposed_same_person_can_be_kept_apart(ctx: AppContext, qtbot: QtBot,
                                                  tmp_path: Path) -> None:
    phone = ContactMethod(ContactType.PHONE, "07700 900123")
    ctx.session.network.save_supporter(Supporter("Robin Lind", Kind.PARTNER, contacts=[phone]))
    raw = FullExportService(ctx.session).zip_bytes()
    preview = FullImportService(ctx.session).preview(raw)
    dialog = FullImportDialog(ctx, preview, "export.zip")
    qtbot.addWidget(dialog)
    index = dialog.proxy.index(0, ACTION_COL)
    assert index.data() == "Same person"
    assert [label for _, label in index.data(CHOICES_ROLE)] == ["Add", "Same person",
                                                                "Leave out"]
    assert "0 to add, 1 already in your network" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()  # the file brings nothing new
    assert dialog.proxy.setData(index, PersonAction.ADD.value)
    assert "1 to add, 0 already in your network" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in ctx.session.network.supporters()] == ["Robin Lind", "Robin Lind"]


def test_a_file_that_is_not_an_export_says_so(ctx: AppContext, qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    actions = installed(ctx, qtbot, monkeypatch)
    path = tmp_path / "notes.json"
    path.write_text('{"hello": "world"}', encoding="utf-8")
    assert not actions.import_export(path)
    assert "not a SupportDesk export" in actions.errors[0]  # type: ignore[attr-defined]


def test_names_with_markup_are_shown_as_typed(ctx: AppContext, qtbot: QtBot) -> None:
    raw = json.dumps({
        "format": "supportdesk-export", "version": 1,
        "exported_at": "2026-11-24T10:00:00+00:00",
        "people": [{"id": 1, "name": "<b>Bo</b> &amp; co", "kind": "friend",
                    "contacts": [{"type": "email", "value": "not an address"}]},
                   {"id": 2, "name": "<i>Ada</i>", "kind": "friend"}]}).encode()
    preview = FullImportService(ctx.session).preview(raw)
    dialog = FullImportDialog(ctx, preview, "x.json")
    qtbot.addWidget(dialog)
    assert dialog.problems.textFormat() == Qt.TextFormat.PlainText
    assert "Person 1 (<b>Bo</b> &amp; co) was left out" in dialog.problems.text()
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    names = {dialog.proxy.index(row, 1).data() for row in range(dialog.proxy.rowCount())}
    assert names == {"<b>Bo</b> &amp; co", "<i>Ada</i>"}
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [s.name for s in ctx.session.network.supporters()] == ["<i>Ada</i>"]
