"""Back up now, the automatic backup and Restore from backup, through the UI, on real vaults."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.auto_backup import BackupPlan
from supportdesk.services.session import Session
from supportdesk.ui.context import AppContext
from supportdesk.ui.data_actions import BackupsTab, DataActions
from supportdesk.ui.events import Events
from supportdesk.ui.restore_dialog import RestoreDialog
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault
from tests.gui.test_export_actions import DataHost, installed
from tests.unit.services.test_auto_backup import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def vault_ctx(tmp_path: Path, clock: Clock, qtbot: QtBot) -> Iterator[AppContext]:
    vault, _recovery = Vault.create(tmp_path / "data", MemoryKeyStore(), clock=clock)
    session = Session(vault.db, clock=clock, vault=vault)
    made = AppContext(session=session, events=Events(), undo=QUndoStack())
    yield made
    made.close()


@pytest.fixture
def actions(vault_ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
            ) -> DataActions:
    return installed(vault_ctx, qtbot, monkeypatch)


def people(ctx: AppContext) -> list[tuple[str, list[str]]]:
    return [(s.name, [m.value for m in s.contacts]) for s in ctx.session.network.supporters()]


def restore_by_clicking(actions: DataActions, qtbot: QtBot, recovery_key: str = "") -> None:
    def exec_restore(dialog: RestoreDialog) -> bool:
        qtbot.addWidget(dialog)
        if recovery_key:
            assert not dialog.key_row.isHidden()
            assert not dialog.restore_button.isEnabled()
            dialog.key_edit.setText(recovery_key)
            qtbot.mouseClick(dialog.key_button, Qt.MouseButton.LeftButton)
        assert dialog.restore_button.isEnabled(), dialog.message.text()
        actions.seen_holds = dialog.holds_label.text()  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    actions.exec_restore = exec_restore  # type: ignore[method-assign]


def test_back_up_then_restore_gives_back_the_same_data(
        actions: DataActions, vault_ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    network = vault_ctx.session.network
    network.save_supporter(Supporter("Noor Haddad", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "07700 900321", "mobile")]))
    network.save_supporter(Supporter("Dev Patel", Kind.FAMILY))
    before = people(vault_ctx)
    backup = actions.back_up_now(tmp_path / "usb")
    assert backup is not None and backup.parent == tmp_path / "usb"
    assert actions.scheduler is not None and actions.scheduler.folder() == tmp_path / "usb"

    dev = next(s for s in network.supporters() if s.name == "Dev Patel")
    assert dev.id is not None
    network.delete_supporter(dev.id)
    network.save_supporter(Supporter("Someone New", Kind.FRIEND))
    changed: list[frozenset[str]] = []
    vault_ctx.bus.flush()  # what the set-up above wrote
    vault_ctx.bus.changed.connect(changed.append)

    restore_by_clicking(actions, qtbot)
    assert actions.restore(backup)
    assert actions.seen_holds.startswith("2 people and services")  # type: ignore[attr-defined]
    assert people(vault_ctx) == before
    qtbot.waitUntil(lambda: bool(changed))
    # A restore tells every view to read again, whatever the counts say.
    assert changed[-1] >= {"people", "checkins", "gratitude", "plan", "settings"}
    assert "saved as supportdesk-" in actions.window.messages[-1]  # type: ignore[attr-defined]


def test_a_backup_from_another_vault_asks_for_its_recovery_key(
        actions: DataActions, vault_ctx: AppContext, qtbot: QtBot, tmp_path: Path,
        clock: Clock) -> None:
    other, recovery = Vault.create(tmp_path / "old-computer", MemoryKeyStore(), clock=clock)
    Session(other.db, clock=clock).network.save_supporter(Supporter("From Before",
                                                                    Kind.FRIEND))
    backup = other.backup(tmp_path / "old.sdbackup")
    other.close()
    Session(vault_ctx.session.db, clock=clock)  # rebind the models to this vault
    restore_by_clicking(actions, qtbot, recovery_key=recovery)
    assert actions.restore(backup)
    assert [name for name, _ in people(vault_ctx)] == ["From Before"]


def test_a_damaged_backup_is_refused_and_nothing_changes(
        actions: DataActions, vault_ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    vault_ctx.session.network.save_supporter(Supporter("Keep Me", Kind.FRIEND))
    backup = actions.back_up_now(tmp_path / "b")
    assert backup is not None
    data = bytearray(backup.read_bytes())
    data[5000:5100] = bytes(100)
    backup.write_bytes(bytes(data))
    dialog = RestoreDialog(vault_ctx.session, backup)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "damaged" in dialog.message.text()
    assert [name for name, _ in people(vault_ctx)] == ["Keep Me"]


def test_automatic_backup_daily_and_a_failure_shows_once(
        actions: DataActions, vault_ctx: AppContext, clock: Clock, tmp_path: Path,
        qtbot: QtBot) -> None:
    scheduler = actions.scheduler
    assert scheduler is not None and actions.timer.isActive() and actions.background
    scheduler.set_folder(tmp_path / "auto")
    with qtbot.waitSignal(actions.background.finished, timeout=30_000) as done:
        assert actions.run_automatic_backup()  # started on a worker thread
    written = done.args[1]
    assert isinstance(written, Path) and written.parent == tmp_path / "auto"
    assert scheduler.last_backup() == clock.now  # remembered on the GUI thread
    assert not actions.run_automatic_backup()  # not again the same day
    clock.now += timedelta(days=1)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    scheduler.set_folder(blocker)
    assert not actions.run_automatic_backup()
    assert not actions.run_automatic_backup()
    host = actions.window
    assert isinstance(host, DataHost)
    assert len(host.banners) == 1 and str(blocker) in host.banners[0]


def test_the_window_stays_responsive_while_the_automatic_backup_is_written(
        actions: DataActions, vault_ctx: AppContext, tmp_path: Path, qtbot: QtBot) -> None:
    scheduler, background = actions.scheduler, actions.background
    assert scheduler is not None and background is not None
    scheduler.set_folder(tmp_path / "auto")
    started = threading.Event()
    release = threading.Event()
    write = scheduler.write

    def slow_write(plan: BackupPlan) -> Path:
        started.set()
        release.wait(10)
        return write(plan)

    scheduler.write = slow_write  # type: ignore[method-assign]
    with qtbot.waitSignal(background.finished, timeout=30_000):
        assert actions.run_automatic_backup()
        assert started.wait(10)
        # The GUI thread is free: the person can keep adding people meanwhile.
        vault_ctx.session.repo.add_supporter(Supporter("Added Meanwhile", Kind.FRIEND))
        assert not actions.run_automatic_backup()  # one backup at a time
        release.set()
    assert not background.running
    assert "Added Meanwhile" in [name for name, _ in people(vault_ctx)]
    assert scheduler.last_backup() is not None


def test_backups_settings_tab(actions: DataActions, vault_ctx: AppContext, qtbot: QtBot,
                              tmp_path: Path) -> None:
    host = actions.window
    assert isinstance(host, DataHost)
    [(title, factory)] = host.settings_tabs
    assert title == "Backups"
    tab = factory(vault_ctx)
    qtbot.addWidget(tab)
    assert isinstance(tab, BackupsTab)
    assert tab.last_label.text() == "None yet"
    tab.keep_spin.setValue(4)
    tab.auto_box.setChecked(False)
    assert actions.scheduler is not None
    assert actions.scheduler.keep() == 4 and not actions.scheduler.enabled()
    actions.scheduler.set_folder(tmp_path / "tabbed")
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    assert tab.last_label.text() != "None yet"
    assert str(tmp_path / "tabbed") == tab.folder_label.text()


@pytest.mark.parametrize("name", ["supportdesk.db", "vault.json", "supportdesk.db-wal"])
def test_the_save_dialog_cannot_export_over_the_vaults_own_files(
        name: str, actions: DataActions, vault_ctx: AppContext,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.services.exporting import ExportFormat

    vault_ctx.session.network.save_supporter(Supporter("Iris Lane", Kind.FRIEND))
    assert vault_ctx.session.vault is not None
    own = vault_ctx.session.vault.data_dir / name
    before = own.read_bytes() if own.exists() else None
    monkeypatch.setattr(actions, "confirm_unencrypted", lambda fmt: (True, False))
    monkeypatch.setattr(actions, "ask_save_path", lambda fmt, suggested: own)
    assert actions.export(ExportFormat.CSV) is None
    assert "one of the files SupportDesk keeps your vault in" in actions.errors[-1]  # type: ignore[attr-defined]
    assert (own.read_bytes() if own.exists() else None) == before
    assert [n for n, _ in people(vault_ctx)] == ["Iris Lane"]


def test_the_backup_folder_is_shown_whole_not_clipped(
        actions: DataActions, vault_ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLineEdit

    host = actions.window
    assert isinstance(host, DataHost)
    [(_title, factory)] = host.settings_tabs
    tab = factory(vault_ctx)
    qtbot.addWidget(tab)
    assert actions.scheduler is not None
    deep = tmp_path / "a-rather-long-folder-name-for-backups" / "of-my-support-network"
    actions.scheduler.set_folder(deep)
    vault_ctx.app.feed.poll()
    qtbot.waitUntil(lambda: tab.folder_label.text() == str(deep))
    tab.resize(520, 400)
    tab.show()
    qtbot.waitExposed(tab)
    field = tab.folder_label
    assert isinstance(field, QLineEdit) and field.isReadOnly()
    assert field.height() >= field.sizeHint().height()  # one whole line, top to bottom
    assert field.toolTip() == str(deep)
