"""The import preview: a kind per contact, merge or skip duplicates, one undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats.vcard import ReadResult
from supportdesk.services.importing import Action, ImportService
from supportdesk.ui.context import AppContext
from supportdesk.ui.import_dialog import (
    ACTION_COL,
    KIND_COL,
    NAME_COL,
    CardReader,
    ImportDialog,
    ImportPreviewModel,
    import_file,
)


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


FILE = (card("FN:Alice Moss", "TEL;TYPE=CELL:07700 900001")
        + card("FN:Ben Ode", "EMAIL:ben@example.org")
        + card("TEL:0800 000 111")
        + "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nNO COLON HERE\nEND:VCARD\n")


def names(ctx: AppContext) -> list[str]:
    return [s.name for s in ctx.session.network.supporters()]


def test_model_passes_the_model_tester(ctx: AppContext, qtmodeltester: object) -> None:
    preview = ImportService(ctx.session).preview(FILE.encode())
    qtmodeltester.check(ImportPreviewModel(preview))  # type: ignore[attr-defined]


def test_preview_choose_and_import_then_one_undo(ctx: AppContext, qtbot: QtBot,
                                                tmp_path: Path) -> None:
    ctx.session.network.save_supporter(Supporter("Ben Ode", Kind.FAMILY, contacts=[
        ContactMethod(ContactType.PHONE, "0113 496 0000")]))
    path = tmp_path / "contacts.vcf"
    path.write_bytes(FILE.encode())
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = import_file(ctx, path, parent)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert names(ctx) == ["Ben Ode"]  # nothing written yet
    assert "Card 4 (line 18)" in dialog.problems.text()
    assert "1 had no name" in dialog.summary.text()

    model = dialog.model
    rows = {model.data(model.index(r, NAME_COL)): r for r in range(model.rowCount())}
    assert model.data(model.index(rows["Ben Ode"], ACTION_COL)) == "Merge"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(Kind.FAMILY.value))
    assert model.setData(model.index(rows["Alice Moss"], KIND_COL), Kind.PARTNER.value)
    unnamed = next(name for name in rows if name.startswith("Unnamed"))
    assert model.setData(model.index(rows[unnamed], ACTION_COL), Action.SKIP.value)
    assert dialog.import_button.text() == "Import 2 contacts"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    kinds = {s.name: s.kind for s in ctx.session.network.supporters()}
    assert kinds == {"Alice Moss": Kind.PARTNER, "Ben Ode": Kind.FAMILY}
    ben = next(s for s in ctx.session.network.supporters() if s.name == "Ben Ode")
    assert {m.value for m in ben.contacts} == {"0113 496 0000", "ben@example.org"}
    assert ctx.undo.count() == 1

    ctx.undo.undo()
    assert names(ctx) == ["Ben Ode"]
    ben = ctx.session.network.supporters()[0]
    assert [m.value for m in ben.contacts] == ["0113 496 0000"]
    ctx.undo.redo()
    assert names(ctx) == ["Alice Moss", "Ben Ode"]


def test_merge_is_not_offered_without_a_match(ctx: AppContext) -> None:
    preview = ImportService(ctx.session).preview(card("FN:Solo").encode())
    model = ImportPreviewModel(preview)
    assert not model.setData(model.index(0, ACTION_COL), Action.MERGE.value)
    assert preview.rows[0].action is Action.ADD


def test_filter_finds_rows(ctx: AppContext, qtbot: QtBot) -> None:
    preview = ImportService(ctx.session).preview(FILE.encode())
    dialog = ImportDialog(ctx, preview, "x.vcf")
    qtbot.addWidget(dialog)
    dialog.filter.setText("alice")
    assert dialog.proxy.rowCount() == 1


def test_reading_ten_thousand_cards_reports_progress_and_can_cancel(qtbot: QtBot) -> None:
    data = "".join(card(f"FN:Person {i}", f"TEL:0{i:09d}") for i in range(10_000)).encode()
    reader = CardReader(data)
    seen: list[int] = []
    results: list[ReadResult] = []
    reader.progressed.connect(lambda done, total: seen.append(done))
    reader.read.connect(results.append)

    def cancel_soon(done: int, total: int) -> None:
        if done >= 500:
            reader.cancel()

    reader.progressed.connect(cancel_soon)
    with qtbot.waitSignal(reader.finished, timeout=20_000):
        reader.start()
    qtbot.waitUntil(lambda: bool(results))
    assert results[0].cancelled
    assert 500 <= len(results[0].contacts) < 10_000
    assert seen and seen[0] == 0
