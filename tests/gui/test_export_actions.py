"""File > Export: the plain warning first, the file only on yes, nothing left on failure."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.exporting import UNENCRYPTED_WARNING, ExportFormat
from supportdesk.ui.context import AppContext
from supportdesk.ui.data_actions import DataActions, install


class DataHost(QMainWindow):
    """What DataActions uses of the main window: ``menu``, ``settings_tabs``, messages."""

    def __init__(self) -> None:
        super().__init__()
        self.menus: dict[str, QMenu] = {}
        self.settings_tabs: list[tuple[str, Callable[[AppContext], QWidget]]] = []
        self.messages: list[str] = []
        self.banners: list[str] = []
        self.menu("file").addAction("&Quit")

    def menu(self, name: str) -> QMenu:
        if name not in self.menus:
            self.menus[name] = self.menuBar().addMenu(name.capitalize())
        return self.menus[name]

    def status_message(self, text: str, timeout_ms: int = 6000) -> None:
        self.messages.append(text)

    def show_banner(self, text: str, actions: list[tuple[str, Callable[[], None]]]) -> None:
        self.banners.append(text)


def installed(ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DataActions:
    host = DataHost()
    qtbot.addWidget(host)
    found = install(host, ctx)
    errors: list[str] = []
    monkeypatch.setattr(found, "show_error", lambda title, error: errors.append(str(error)))
    found.errors = errors  # type: ignore[attr-defined]
    return found


@pytest.fixture
def actions(ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DataActions:
    ctx.session.network.save_supporter(Supporter("Iris Lane", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "07700 900555", "mobile")]))
    return installed(ctx, qtbot, monkeypatch)


def test_file_menu_has_import_export_backup_restore(actions: DataActions) -> None:
    texts = [a.text() for a in actions.window.menu("file").actions()]  # type: ignore[attr-defined]
    assert "&Import" in texts
    assert "&Export" in texts
    assert [a.text() for a in actions.import_menu.actions()] == [
        "&Contacts (vCard, Google or Outlook CSV)…", "&SupportDesk export…",
        "&Daylio backup (CSV)…"]
    assert [a.text() for a in actions.export_menu.actions()] == [
        "&Contacts (vCard)…", "Contacts for &older address books (vCard 3.0)…",
        "&Spreadsheet (CSV)…", "Calendar of &check-ins (ICS)…",
        "Support &plan (PDF)…", "C&risis card (PDF)…", "", "&Everything…", "Check-&ins…"]


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_each_export_writes_after_a_yes(actions: DataActions, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        fmt: ExportFormat) -> None:
    monkeypatch.setattr(actions, "confirm_unencrypted", lambda f: (True, False))
    target = tmp_path / f"out{fmt.suffix}"
    assert actions.export(fmt, target) == target
    data = target.read_bytes()
    assert data
    if fmt in (ExportFormat.VCARD, ExportFormat.VCARD3, ExportFormat.CSV, ExportFormat.ICS):
        assert b"Iris Lane" in data
    if fmt in (ExportFormat.VCARD, ExportFormat.VCARD3):
        assert b"\r\nVERSION:" + (b"3.0" if fmt is ExportFormat.VCARD3 else b"4.0") in data
    assert actions.errors == []  # type: ignore[attr-defined]


def test_saying_no_writes_nothing(actions: DataActions, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "confirm_unencrypted", lambda f: (False, False))
    out = tmp_path / "out"
    out.mkdir()
    assert actions.export(ExportFormat.CSV, out / "x.csv") is None
    assert list(out.iterdir()) == []


def test_the_warning_is_shown_in_plain_words(actions: DataActions, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.append(box.checkBox().text() if box.checkBox() else "")
        box.reject()

    QTimer.singleShot(100, answer)
    assert actions.confirm_unencrypted(ExportFormat.ICS) == (False, False)
    assert seen[0] == UNENCRYPTED_WARNING
    assert "Leave names out" in seen[1]


def test_a_full_disk_shows_a_message_and_leaves_no_file(
        actions: DataActions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "confirm_unencrypted", lambda f: (True, False))

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", full)
    assert actions.export(ExportFormat.PDF, out / "plan.pdf") is None
    assert list(out.iterdir()) == []
    [message] = actions.errors  # type: ignore[attr-defined]
    assert str(out) in message


def test_a_folder_that_is_gone_is_named(actions: DataActions, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "confirm_unencrypted", lambda f: (True, False))
    assert actions.export(ExportFormat.VCARD, tmp_path / "gone" / "x.vcf") is None
    assert "does not exist" in actions.errors[0]  # type: ignore[attr-defined]


def test_a_file_without_contacts_says_so(actions: DataActions, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x00\x01 just some text, no cards here")
    assert not actions.import_contacts(path)
    assert "No contacts were found in notes.txt" in actions.errors[0]  # type: ignore[attr-defined]
