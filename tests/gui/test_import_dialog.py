"""The import preview: a kind per contact, a choice for every match, one undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.core.validation import problems
from supportdesk.services.importing import Action, ImportService
from supportdesk.ui.context import AppContext
from supportdesk.ui.import_dialog import (
    ACTION_COL,
    CHOICES_ROLE,
    ISSUES_COL,
    KIND_COL,
    MATCH_COL,
    NAME_COL,
    CardReader,
    ImportDialog,
    ImportPreviewModel,
    import_file,
)


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


FILE = (card("FN:Alice Moss", "TEL;TYPE=CELL:07700 900001")
        + card("FN:Ben Ode", "TEL:0113 496 0000", "EMAIL:ben@example.org")
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
    assert "Card 4 (line 19)" in dialog.problems.text()
    assert "1 had no name" in dialog.summary.text()

    model = dialog.model
    rows = {model.data(model.index(r, NAME_COL)): r for r in range(model.rowCount())}
    assert model.data(model.index(rows["Ben Ode"], ACTION_COL)) == "Update Ben Ode"
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


def choose_by_keyboard(qtbot: QtBot, dialog: ImportDialog, name: str, label: str) -> None:
    """Go to the card's "Import as" cell, open it with F2, arrow to ``label``, Enter."""
    proxy = dialog.proxy
    row = next(r for r in range(proxy.rowCount())
               if proxy.index(r, NAME_COL).data() == name)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(proxy.index(row, ACTION_COL))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    steps = labels.index(label) - combo.currentIndex()
    for _ in range(abs(steps)):
        qtbot.keyClick(combo, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: proxy.index(row, ACTION_COL).data() == label)


def test_every_match_is_a_choice_made_in_the_preview_by_keyboard(
        ctx: AppContext, qtbot: QtBot) -> None:
    ctx.session.network.save_supporter(Supporter("Mum", Kind.FAMILY, contacts=[
        ContactMethod(ContactType.PHONE, "0113 496 0123", "home")]))
    data = (card("FN:Dad", "TEL;TYPE=HOME:0113 496 0123", "TEL;TYPE=CELL:07700 900456")
            + card("FN:MUM", "TEL:0113 496 0123", "EMAIL:mum@example.org"))
    dialog = ImportDialog(ctx, ImportService(ctx.session).preview(data.encode()), "home.vcf")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # what the window manager does for a new dialog
    qtbot.waitActive(dialog)
    proxy = dialog.proxy
    shown = {proxy.index(r, NAME_COL).data(): (proxy.index(r, ACTION_COL).data(),
                                               proxy.index(r, MATCH_COL).data())
             for r in range(proxy.rowCount())}
    assert shown == {
        "Dad": ("Add as a new person", "Mum (shares a phone number)"),
        "MUM": ("Update Mum", "Mum (same name and phone number) and 1 more"),
    }
    assert "1 shares a name, phone or email with someone" in dialog.summary.text()

    choose_by_keyboard(qtbot, dialog, "Dad", "Update Mum")
    choose_by_keyboard(qtbot, dialog, "MUM", "Add as a new person")
    assert dialog.import_button.text() == "Import 2 contacts"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    people = {s.name: {m.value for m in s.contacts} for s in ctx.session.network.supporters()}
    assert people == {"Mum": {"0113 496 0123", "07700 900456"},
                      "MUM": {"0113 496 0123", "mum@example.org"}}


def test_what_cannot_be_kept_is_listed_with_its_reason_and_never_stored(
        ctx: AppContext, qtbot: QtBot) -> None:
    data = (card("FN:Ada\\nLove\x00lace", "TEL:12", "EMAIL:not-an-email",
                 "TEL;TYPE=CELL:07700 900777", "NOTE:" + "x" * 30_000)
            + card("FN:" + "N" * 100_000, "TEL:07700 900888"))
    dialog = ImportDialog(ctx, ImportService(ctx.session).preview(data.encode()), "bad.vcf")
    qtbot.addWidget(dialog)
    listed = dialog.issues.text()
    assert "Card 1 (line 1): The phone number “12” was left out: this phone number looks " \
           "too short." in listed
    assert "The email “not-an-email” was left out" in listed
    assert "The note was left out: it is 30,000 characters long" in listed
    assert "Card 2 (line 9): This card is left out: the name is 100,000 characters" in listed
    model = dialog.model
    assert model.data(model.index(0, NAME_COL)) == "Ada Lovelace"
    assert model.data(model.index(0, ISSUES_COL)).endswith("(and 2 more)")
    assert model.data(model.index(1, ACTION_COL)) == "Leave out"
    assert model.data(model.index(1, ACTION_COL), CHOICES_ROLE) == [("skip", "Leave out")]
    assert not model.setData(model.index(1, ACTION_COL), "add")
    assert dialog.import_button.text() == "Import 1 contact"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    [ada] = ctx.session.network.supporters()
    assert ada.name == "Ada Lovelace" and ada.notes == ""
    assert [m.value for m in ada.contacts] == ["07700 900777", "07700 900777"]
    assert problems(ada) == {}


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
    reader.progressed.connect(lambda done, total: seen.append(done))

    def cancel_soon(done: int, total: int) -> None:
        if done >= 500:
            reader.cancel()

    reader.progressed.connect(cancel_soon)
    with qtbot.waitSignal(reader.finished, timeout=20_000):
        reader.start()
    reader.wait()
    result = reader.result
    assert result is not None and result.cancelled
    assert 500 <= len(result.contacts) < 10_000
    assert seen and seen[0] == 0


def test_a_small_file_read_faster_than_the_event_loop_turns_is_not_taken_for_a_cancel(
        qtbot: QtBot) -> None:
    """The reader can finish before the progress loop starts; what it read must still
    come back (it used to arrive by a queued signal that was never delivered)."""
    from supportdesk.ui.import_dialog import read_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    for _ in range(20):  # the race needs the thread to win: try it often
        result = read_with_progress(card("FN:Ada").encode(), parent)
        assert not result.cancelled and [c.name for c in result.contacts] == ["Ada"]
