"""Back up now and the daily automatic backup, on a real vault."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportdesk.core.errors import StorageError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.auto_backup import BackupScheduler
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def vault(tmp_path: Path, clock: Clock) -> Iterator[Vault]:
    opened, _recovery = Vault.create(tmp_path / "data", MemoryKeyStore(), clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def scheduler(vault: Vault, clock: Clock) -> BackupScheduler:
    session = Session(vault.db, clock=clock)
    session.network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    return BackupScheduler(vault, Settings(session.repo), clock)


def test_daily_backup_goes_to_the_chosen_folder_once_a_day(
        scheduler: BackupScheduler, clock: Clock, tmp_path: Path, vault: Vault) -> None:
    chosen = tmp_path / "my backups"
    scheduler.set_folder(chosen)
    first = scheduler.run_if_due()
    assert first is not None and first.parent == chosen and first.exists()
    assert vault.backup_info(first).counts["supporters"] == 1
    clock.now += timedelta(hours=23)
    assert scheduler.run_if_due() is None
    clock.now += timedelta(hours=1)
    assert scheduler.run_if_due() is not None
    assert len(scheduler.backups()) == 2


def test_keeps_only_the_newest_n(scheduler: BackupScheduler, clock: Clock,
                                 tmp_path: Path) -> None:
    scheduler.set_folder(tmp_path / "b")
    scheduler.set_keep(3)
    made = []
    for _ in range(5):
        made.append(scheduler.back_up())
        clock.now += timedelta(days=1)
    assert scheduler.backups() == list(reversed(made[-3:]))


def test_turned_off_means_no_automatic_backup(scheduler: BackupScheduler) -> None:
    scheduler.set_enabled(False)
    assert scheduler.run_if_due() is None
    assert scheduler.backups() == []


def test_unwritable_folder_is_a_clear_error_and_remembered(
        scheduler: BackupScheduler, tmp_path: Path, vault: Vault,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "usb"

    def refuse(*args: object, **kwargs: object) -> Path:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(vault, "backup", refuse)
    with pytest.raises(StorageError) as caught:
        scheduler.back_up(folder)
    assert str(folder) in caught.value.message
    assert scheduler.last_failure() == caught.value.message
    assert scheduler.last_backup() is None


def test_back_up_now_twice_in_the_same_second_keeps_both(
        scheduler: BackupScheduler, vault: Vault) -> None:
    """Into the vault's own backups folder, where nothing is ever written over."""
    first = scheduler.back_up()
    second = scheduler.back_up()
    assert first != second and first.exists() and second.exists()
    assert first.parent == second.parent == vault.backup_dir
