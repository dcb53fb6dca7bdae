"""The vault's key in this computer's own keyring: the Secret Service on Linux (under
scripts/test-env.sh), the login keychain on macOS, Credential Manager on Windows. The
CI workflow runs this module on each of those runners; ``make test`` runs it here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.session import create_session, open_session
from supportdesk.vault.keystore import KeyringKeyStore

pytestmark = pytest.mark.real


def os_keyring() -> Any:
    """This platform's own keyring backend, chosen by name (not whatever keyring the
    test process happens to hold: other tests pick file or failing keyrings)."""
    if sys.platform.startswith("linux"):
        from keyring.backends import SecretService

        return SecretService.Keyring()
    if sys.platform == "darwin":
        from keyring.backends import macOS

        return macOS.Keyring()
    from keyring.backends import Windows

    return Windows.WinVaultKeyring()


def test_the_vault_key_is_kept_in_the_os_keyring_and_opens_the_vault(tmp_path: Path) -> None:
    store = KeyringKeyStore(os_keyring())
    try:
        session, _recovery_key = create_session(tmp_path / "vault", store)
    except KeyringUnavailableError as error:  # a failure when CI is set (ci_no_skips)
        pytest.skip(f"no usable OS keyring here: {error}")
    assert session.vault is not None
    vault_uuid = session.vault.uuid
    try:
        session.network.save_supporter(Supporter("Sam", Kind.FRIEND))
    finally:
        session.close()
    try:
        assert store.get(vault_uuid) is not None  # read back from the keyring itself
        again = open_session(tmp_path / "vault", KeyringKeyStore(os_keyring()))  # afresh
        try:
            assert [s.name for s in again.network.supporters()] == ["Sam"]
        finally:
            again.close()
    finally:
        store.delete(vault_uuid)
    assert KeyringKeyStore(os_keyring()).get(vault_uuid) is None
