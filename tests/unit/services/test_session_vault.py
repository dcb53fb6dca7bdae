"""Sessions over a vault: create, open, recover, and restore while the session is in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportdesk.core.errors import KeyMissingError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.backups import (
    NoOpenVaultError,
    back_up_to,
    describe_backup,
    inspect_backup,
    restore_backup,
)
from supportdesk.services.session import (
    Session,
    create_session,
    open_session,
    recover_session,
)
from supportdesk.vault.keystore import MemoryKeyStore


def test_create_then_open_keeps_what_was_saved(tmp_path: Path) -> None:
    keystore = MemoryKeyStore()
    session, recovery_key = create_session(tmp_path, keystore)
    assert session.vault is not None and recovery_key
    session.network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    alongside = open_session(tmp_path, keystore)  # the command line while the app is open
    assert [p.name for p in alongside.network.supporters()] == ["Ruth"]
    alongside.close()
    session.close()
    again = open_session(tmp_path, keystore)
    try:
        assert [p.name for p in again.network.supporters()] == ["Ruth"]
    finally:
        again.close()


def test_recover_for_this_session_only_needs_no_keyring(tmp_path: Path) -> None:
    session, recovery_key = create_session(tmp_path, MemoryKeyStore())
    session.close()
    with pytest.raises(KeyMissingError):
        open_session(tmp_path, MemoryKeyStore())
    only_now = recover_session(tmp_path, recovery_key, store_key=False)
    try:
        assert only_now.vault is not None and only_now.network.supporters() == []
        assert only_now.vault.check() == []  # no keyring in use is not a problem here
    finally:
        only_now.close()


def test_restore_while_the_session_is_open_shows_the_restored_data(tmp_path: Path) -> None:
    session, _ = create_session(tmp_path / "data", MemoryKeyStore())
    try:
        session.network.save_supporter(Supporter("Ruth", Kind.FRIEND))
        backup = back_up_to(session, tmp_path / "b.sdbackup")
        session.network.save_supporter(Supporter("Sam", Kind.FRIEND))
        info = inspect_backup(session, backup)
        lines = describe_backup(info)
        assert lines[0].startswith("This backup was made on")
        assert "  1 person or service" in lines and "  0 check-ins" in lines
        safety = restore_backup(session, backup)
        assert [p.name for p in session.network.supporters()] == ["Ruth"]
        assert inspect_backup(session, safety).counts["supporters"] == 2
    finally:
        session.close()


def test_backups_need_a_vault(session: Session, tmp_path: Path) -> None:
    with pytest.raises(NoOpenVaultError):
        back_up_to(session, tmp_path / "b.sdbackup")
