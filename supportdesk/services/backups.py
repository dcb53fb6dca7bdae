"""Looking into a backup and restoring it, for the restore dialog and ``supportdesk restore``.

Making backups (now, and the daily automatic one) is ``services.auto_backup``;
the encrypted copies themselves are ``vault.backup``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from supportdesk.core.errors import KnownError
from supportdesk.core.i18n import _, format_date, format_time, ngettext
from supportdesk.services.session import Session
from supportdesk.vault.backup import BackupInfo
from supportdesk.vault.vault import Vault

COUNT_WORDS: dict[str, Callable[[int], str]] = {
    "supporters": lambda n: ngettext("{count} person or service", "{count} people and services",
                                     n),
    "checkins": lambda n: ngettext("{count} check-in", "{count} check-ins", n),
    "gratitude": lambda n: ngettext("{count} gratitude note", "{count} gratitude notes", n),
    "plan_items": lambda n: ngettext("{count} safety-plan line", "{count} safety-plan lines",
                                     n),
}


class NoOpenVaultError(KnownError):
    """The session is not over a vault (a bare test database), so it cannot back up."""


def session_vault(session: Session) -> Vault:
    if session.vault is None:
        raise NoOpenVaultError("Backups need the vault to be open.")
    return session.vault


def inspect_backup(session: Session, path: Path, recovery_key: str | None = None) -> BackupInfo:
    """Verify a backup (both integrity checks) and say what it holds."""
    return session_vault(session).backup_info(Path(path), recovery_key)


def describe_backup(info: BackupInfo) -> list[str]:
    """Plain lines about a backup: when it was made and what is in it."""
    if info.created is None:
        made = _("This backup was made on an unknown date.")
    else:
        local = info.created.astimezone()
        # TRANSLATORS: {date} like "Tuesday 24 November 2026", {time} like "10:00".
        made = _("This backup was made on {date} at {time}.").format(
            date=format_date(local.date(), "full"), time=format_time(local))
    return [made, _("It holds:"), *(f"  {line}" for line in describe_counts(info.counts))]


def describe_counts(counts: dict[str, int]) -> list[str]:
    """``{"checkins": 3}`` -> ``["3 check-ins"]``, for every kind of thing counted."""
    lines = []
    for label, words in COUNT_WORDS.items():
        count = counts.get(label, 0)
        lines.append(words(count).format(count=count))
    return lines


def restore_backup(session: Session, path: Path, recovery_key: str | None = None) -> Path:
    """Replace the open vault with ``path`` (checked first); return the safety backup made.

    The session keeps working afterwards: the vault reopens the same database object.
    """
    return session_vault(session).restore(Path(path), recovery_key)


def back_up_to(session: Session, target: Path) -> Path:
    """One encrypted backup written to exactly ``target``."""
    return session_vault(session).backup(Path(target))
