"""File > Import > Contacts reads Google and Outlook CSV exports too: the same preview,
rows named by their line, one undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.services.importing import ImportService
from supportdesk.ui.context import AppContext
from supportdesk.ui.data_actions import DataActions
from supportdesk.ui.import_dialog import MATCH_COL, ImportDialog, ImportPreviewModel
from tests.gui.test_export_actions import installed

SAMPLES = Path(__file__).parents[1] / "unit" / "formats" / "data" / "contacts-csv"


@pytest.fixture
def actions(ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DataActions:
    return installed(ctx, qtbot, monkeypatch)


def names(ctx: AppContext) -> list[str]:
    return sorted(s.name for s in ctx.session.network.supporters())


def test_the_menu_and_the_file_dialog_offer_csv(actions: DataActions,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert actions.import_action.text() == "&Contacts (vCard, Google or Outlook CSV)…"
    asked: list[str] = []
    monkeypatch.setattr(actions, "ask_open_path",
                        lambda title, folder, filters: asked.append(filters))
    assert not actions.import_contacts()
    assert "*.csv" in asked[0] and "*.vcf" in asked[0]


def test_an_outlook_export_imports_through_the_preview_with_one_undo(
        actions: DataActions, ctx: AppContext, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[ImportDialog] = []

    def accept(dialog: ImportDialog) -> int:
        shown.append(dialog)
        assert "4 contacts found: 4 will be added" in dialog.summary.text()
        assert {dialog.model.preview.rows[r].kind for r in range(4)} >= {Kind.CRISIS}
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", accept)
    assert actions.import_contacts(SAMPLES / "outlook-contacts.csv")
    assert shown and names(ctx) == ["Dr Priya Anjali Patel PhD", "Ms Renée Dubois",
                                    "Samaritans", "Tom Fisher"]
    ctx.undo.undo()
    assert names(ctx) == []


def test_a_left_out_detail_is_named_by_row_and_line(ctx: AppContext, qtbot: QtBot,
                                                    actions: DataActions,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def look(dialog: ImportDialog) -> int:
        seen.append(dialog.issues.text())
        return 0

    monkeypatch.setattr(ImportDialog, "exec", look)
    assert not actions.import_contacts(SAMPLES / "google-contacts.csv")
    assert "Row 4 (line 8): The email “marcus at example dot org” was left out" in seen[0]
    assert names(ctx) == []


def test_a_csv_of_another_kind_says_what_it_reads(actions: DataActions,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"Who,Number\r\nAnn,0123\r\n")
    assert not actions.import_contacts(path)
    assert "Google Contacts or Outlook" in actions.errors[0]  # type: ignore[attr-defined]


def test_a_row_that_matches_someone_is_called_a_row(ctx: AppContext) -> None:
    service = ImportService(ctx.session)
    data = (SAMPLES / "outlook-contacts.csv").read_bytes()
    service.apply(service.preview(data))
    model = ImportPreviewModel(service.preview(data))
    tip = model.data(model.index(0, MATCH_COL), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("This row might be:") and "the row's new details" in tip
