"""The pass over every page, made after the vault is open: a damaged page in an otherwise
openable vault is found and told plainly, naming the newest backup; a sound vault says
nothing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportdesk.core.errors import DamagedVaultError
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import HelpNotes, PlanItem, Supporter
from supportdesk.services.network import NetworkService
from supportdesk.services.page_check import DAMAGED, damage_found
from supportdesk.services.safety_plan import SafetyPlanService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.backup import list_backups
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import DB_FILE, Vault

PAGE = 4096


def many_pages(data_dir: Path, keystore: MemoryKeyStore) -> Path:
    """A closed vault of many pages, one backup made; its newest backup's path."""
    moments = iter([datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(minutes=m)
                    for m in range(10_000)])
    vault, _recovery = Vault.create(data_dir, keystore, clock=lambda: next(moments))
    database.bind(vault.db)
    network = NetworkService(Repository())
    network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    vault.backup(reason="auto")
    for number in range(20):
        network.save_supporter(Supporter(f"Friend {number}", Kind.FRIEND,
                                         help=HelpNotes(what_helps="a walk " * 120)))
    # Written last, so the file's last pages hold the safety plan, which Today never reads.
    SafetyPlanService(Repository()).save({PlanStep.COPING: [
        PlanItem(PlanStep.COPING, f"Breathe slowly, count to ten ({n}). " * 40, position=n)
        for n in range(120)]})
    vault.close()
    return list_backups(data_dir / "backups")[0]


def damage_a_late_page(data_dir: Path) -> None:
    path = data_dir / DB_FILE
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages > 20, "the test needs a vault of many pages"
    at = (pages - 3) * PAGE + 1000
    data[at:at + 64] = bytes(64)
    path.write_bytes(bytes(data))


def test_a_damaged_page_refuses_a_checked_open_and_is_found_after_an_unchecked_one(
        tmp_path: Path) -> None:
    keystore = MemoryKeyStore()
    data_dir = tmp_path / "data"
    newest = many_pages(data_dir, keystore)
    damage_a_late_page(data_dir)
    with pytest.raises(DamagedVaultError):
        Vault.open(data_dir, keystore)  # the command line's open checks every page
    vault = Vault.open(data_dir, keystore, check_pages=False)  # the window's open
    try:
        assert not vault.pages_checked
        found: list[str | None] = []
        worker = threading.Thread(target=lambda: found.append(damage_found(vault)))
        worker.start()
        worker.join(30)
        message = found[0]
        assert message is not None and message.startswith(DAMAGED)
        assert str(newest) in message and "Nothing has been changed" in message
        # The vault's own connection is still open and in use.
        assert not vault.db.is_closed()
    finally:
        vault.close()


def test_a_sound_vault_says_nothing(tmp_path: Path) -> None:
    keystore = MemoryKeyStore()
    data_dir = tmp_path / "data"
    many_pages(data_dir, keystore)
    vault = Vault.open(data_dir, keystore, check_pages=False)
    try:
        assert damage_found(vault) is None
        assert not vault.db.is_closed()
    finally:
        vault.close()
