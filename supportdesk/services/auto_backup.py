"""Backups the person asks for and the daily automatic one, into the folder they chose.

The backup itself is the vault's (``Vault.backup``: an encrypted ``sqlcipher_export``
copy, renamed into place when complete, older ones rotated). This module decides
where, when and how many to keep, and remembers the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

import peewee as pw

from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import KnownError, StorageError
from supportdesk.services.settings import Settings, bool_key, int_key, moment_key, str_key
from supportdesk.vault.atomic import make_folder_durably
from supportdesk.vault.backup import backup_name, list_backups

AUTO_ENABLED = bool_key("backups.auto", True)
FOLDER = str_key("backups.folder", "")  # empty: the vault's own backups folder
KEEP = int_key("backups.keep", 7)
LAST_BACKUP = moment_key("backups.last")
LAST_FAILURE = str_key("backups.last_failure", "")
EVERY = timedelta(days=1)
MIN_KEEP, MAX_KEEP = 1, 100


class BackingVault(Protocol):
    """What this needs of ``supportdesk.vault.vault.Vault``."""

    @property
    def backup_dir(self) -> Path: ...

    def backup(self, target: Path | None = None, *, reason: str = "",
               keep: int | None = None) -> Path: ...


class BackupScheduler:
    def __init__(self, vault: BackingVault, settings: Settings,
                 clock: Callable[[], datetime]) -> None:
        self.vault = vault
        self.settings = settings
        self.clock = clock

    # -- settings ---------------------------------------------------------------

    def folder(self) -> Path:
        chosen = self.settings.get(FOLDER)
        return Path(chosen).expanduser() if chosen else self.vault.backup_dir

    def set_folder(self, folder: Path | None) -> None:
        self.settings.set(FOLDER, str(folder) if folder is not None else "")

    def keep(self) -> int:
        return max(MIN_KEEP, min(MAX_KEEP, self.settings.get(KEEP)))

    def set_keep(self, count: int) -> None:
        self.settings.set(KEEP, max(MIN_KEEP, min(MAX_KEEP, count)))

    def enabled(self) -> bool:
        return self.settings.get(AUTO_ENABLED)

    def set_enabled(self, on: bool) -> None:
        self.settings.set(AUTO_ENABLED, on)

    def last_backup(self) -> datetime | None:
        return self.settings.get(LAST_BACKUP)

    def last_failure(self) -> str:
        return self.settings.get(LAST_FAILURE)

    def backups(self) -> list[Path]:
        return list_backups(self.folder())

    # -- doing it -----------------------------------------------------------------

    def is_due(self, now: datetime | None = None) -> bool:
        if not self.enabled():
            return False
        last = self.last_backup()
        moment = now or self.clock()
        return last is None or moment - last >= EVERY or last > moment

    def back_up(self, folder: Path | None = None, *, automatic: bool = False) -> Path:
        """One backup now into ``folder`` (default: the chosen one), keeping the newest N."""
        plan = self.plan(folder, automatic=automatic)
        try:
            written = self.write(plan)
        except KnownError as error:
            self.record(plan, error)
            raise
        self.record(plan)
        return written

    # A backup in three steps, so the slow middle one can run on a worker thread (it
    # touches neither settings nor anything else than the vault file and the folder).

    def plan(self, folder: Path | None = None, *, automatic: bool = False) -> BackupPlan:
        """Where and when, and how many to keep (reads settings: the caller's thread)."""
        target_dir = folder or self.folder()
        now = self.clock()
        try:
            make_folder_durably(target_dir)  # the folder must outlive a power cut too
        except OSError as error:
            failure = _storage_error(error, target_dir)
            self.settings.set(LAST_FAILURE, failure.message)
            raise failure from None
        reason, number = "auto" if automatic else "", 2
        target = target_dir / backup_name(now, reason)
        while target.exists():  # two in the same second: keep both
            target = target_dir / backup_name(now, f"{reason or 'copy'}-{number}")
            number += 1
        return BackupPlan(target, now, self.keep())

    def write(self, plan: BackupPlan) -> Path:
        """The backup itself; any thread (a thread's own connection reads the vault)."""
        try:
            return self.vault.backup(plan.target, keep=plan.keep)
        except KnownError:
            raise
        except (OSError, pw.PeeweeException) as error:
            raise _storage_error(error, plan.target.parent) from None

    def record(self, plan: BackupPlan, failure: KnownError | None = None) -> None:
        """Remember how it went (writes settings: the caller's thread)."""
        if failure is not None:
            self.settings.set(LAST_FAILURE, failure.message)
            return
        self.settings.set(LAST_BACKUP, plan.when)
        self.settings.set(LAST_FAILURE, "")

    def run_if_due(self) -> Path | None:
        """The automatic daily backup, when one is due; None when not."""
        if not self.is_due():
            return None
        return self.back_up(automatic=True)


@dataclass(frozen=True)
class BackupPlan:
    target: Path
    when: datetime
    keep: int


def _storage_error(error: Exception, folder: Path) -> StorageError:
    return disk_refusal(error, folder) or StorageError(
        f"The backup could not be written to {folder}.", hint="Check the folder and try again.")
