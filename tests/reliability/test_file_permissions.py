"""Other users cannot read the vault's files (issue 13, item 9).

With the common umask 022 the data folder used to be 0755 and the database, its
-wal/-shm, backups, the log and a saved recovery-key file 0644. Now the folder is
0700 and every file in it 0600, whatever the umask, and an older vault's folder is
put right when it is opened. (Windows: the user's own profile is private already.)
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supportdesk.cli import run
from supportdesk.services.logging_setup import setup_logging
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault
from tests.reliability.figures import Figures

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def too_open(folder: Path) -> list[str]:
    """Every path under ``folder`` (itself included) that others could read or enter."""
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if not path.is_symlink() and mode != wanted:
            found.append(f"{path.relative_to(folder.parent)} {oct(mode)}")
    return found


def test_every_file_supportdesk_writes_is_for_its_owner_only(
        tmp_path: Path, umask_022: None, monkeypatch: pytest.MonkeyPatch,
        qtbot: QtBot, figures: Figures) -> None:
    from supportdesk.ui.startup.welcome import WelcomeDialog

    keys = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: keys)
    data = tmp_path / "data"
    cli = ["--data-dir", str(data)]
    assert run([*cli, "init"]) == 0
    os.umask(0o022)  # each step below starts from the usual umask again
    assert run([*cli, "add", "Mum", "--kind", "family"]) == 0
    os.umask(0o022)
    assert run([*cli, "log", "Mum", "--note", "a good talk"]) == 0
    os.umask(0o022)
    (data / "backups").mkdir(exist_ok=True)
    assert run([*cli, "backup", str(data / "backups")]) == 0
    os.umask(0o022)

    # The library on its own (no command-line start) keeps the same promise.
    vault = Vault.open(data, keys)
    vault.backup(reason="before-update")
    os.umask(0o022)
    log_file = setup_logging(data)
    try:
        for handler in [h for h in logging.getLogger().handlers
                        if h.get_name() == "supportdesk"]:
            logging.getLogger("supportdesk.test").warning("before the log rolls over")
            assert isinstance(handler, RotatingFileHandler)
            handler.doRollover()  # what a full log does: the new file is made afresh
            logging.getLogger("supportdesk.test").warning("after")
    finally:
        for handler in [h for h in logging.getLogger().handlers
                        if h.get_name() == "supportdesk"]:
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert Path(f"{log_file}.1").exists()  # rolled over at least once
    dialog = WelcomeDialog("ABCDE-" * 7 + "ABCDE")
    qtbot.addWidget(dialog)
    dialog.save_to(data / "recovery key.txt")
    wal = data / "supportdesk.db-wal"
    assert wal.exists() and (data / "supportdesk.db-shm").exists()
    try:
        assert too_open(data) == []
    finally:
        vault.close()
    figures.record("file permissions (umask 022)", files=sum(1 for _ in data.rglob("*")),
                   readable_by_others=len(too_open(data)))


def test_an_older_vault_folder_is_made_private_when_opened(
        tmp_path: Path, umask_022: None, figures: Figures) -> None:
    keys = MemoryKeyStore()
    data = tmp_path / "data"
    vault, _recovery = Vault.create(data, keys)
    vault.backup(reason="daily")
    vault.close()
    for path in [data, *data.rglob("*")]:  # as an older SupportDesk left it
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert too_open(data) != []
    Vault.open(data, keys).close()
    assert too_open(data) == []
    figures.record("file permissions (umask 022)", files=0, readable_by_others=0)


def test_the_app_starts_with_a_private_umask(umask_022: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """So the files SQLite and Qt make themselves are private from their first moment."""
    from supportdesk import app

    with pytest.raises(SystemExit):
        app.main(["--version"])
    current = os.umask(0o022)
    assert current == 0o077
