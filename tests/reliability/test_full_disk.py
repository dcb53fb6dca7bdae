"""A full disk: a clear message, the typed text still on screen, nothing saved before lost."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import StorageError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.session import Session
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.supporter_editor import SupporterEditor
from supportdesk.vault.vault import Vault
from tests.reliability.figures import Figures
from tests.reliability.file_keystore import FileKeyStore

REPO = Path(__file__).resolve().parents[2]


def test_full_disk_refuses_plainly_and_keeps_what_was_saved(
    tmp_path: Path, figures: Figures
) -> None:
    keys = FileKeyStore(tmp_path / "keys.json")
    data_dir = tmp_path / "vault"
    vault, _recovery = Vault.create(data_dir, keys)
    Session(vault.db).network.save_supporter(Supporter("Saved Before", Kind.FAMILY))
    vault.close()

    child = subprocess.run(
        [sys.executable, "-m", "tests.reliability.disk_full_worker", str(data_dir),
         str(keys.path)],
        cwd=REPO, env=dict(os.environ, SUPPORTDESK_NO_NETWORK="1"),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert "unexpected" not in result, result
    assert result["type"] == "StorageError"
    # EFBIG reads as an I/O error to SQLite, a full tmpfs as "full": both say what to do.
    assert "not done" in result["message"] and "free space" in result["message"]
    assert "Traceback" not in child.stderr
    assert result["saved"] > 0  # the limit was reached part-way, like a real disk

    vault = Vault.open(data_dir, keys)
    try:
        assert vault.check() == []
        names = [s.name for s in Session(vault.db).network.repo.supporters()]
    finally:
        vault.close()
    assert "Saved Before" in names
    assert len(names) == 1 + result["saved"]  # every acknowledged save is there
    figures.record("full disk (RLIMIT_FSIZE)", runs=1, lost=0, integrity_failures=0,
                   clear_message=1)


def test_editor_keeps_the_dialog_and_the_text_when_the_disk_is_full(
    ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    ctx.session.network.save_supporter(Supporter("Saved Before", Kind.FRIEND))

    def disk_full(_supporter: Supporter) -> Supporter:
        raise StorageError("There is not enough free space on the disk, so this was not saved.",
                           hint="Free some space and save again; everything saved before is safe.")

    monkeypatch.setattr(ctx.session.network, "save_supporter", disk_full)
    editor = SupporterEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.name_edit, "Someone new")
    assert editor.save() is False
    assert editor.isVisible()
    assert editor.result() != editor.DialogCode.Accepted
    assert editor.name_edit.text() == "Someone new"
    assert "not enough free space" in editor.banner.text()
    monkeypatch.undo()
    assert [s.name for s in ctx.session.network.repo.supporters()] == ["Saved Before"]
    figures.record("full disk in the editor", runs=1, text_kept=1, dialog_kept=1)


@pytest.fixture
def ctx(session: Session, qtbot: QtBot) -> AppContext:
    from PySide6.QtGui import QUndoStack

    from supportdesk.ui.events import Events

    return AppContext(session=session, events=Events(), undo=QUndoStack())


def test_a_really_full_tmpfs_says_so_and_loses_nothing(tmp_path: Path,
                                                       figures: Figures) -> None:
    from supportdesk.vault.keystore import MemoryKeyStore
    from tests.reliability.readonly import small_tmpfs

    keys = MemoryKeyStore()
    with small_tmpfs(tmp_path / "small") as disk:
        vault, _recovery = Vault.create(disk / "vault", keys)
        network = Session(vault.db).network
        network.save_supporter(Supporter("Saved Before", Kind.FAMILY))
        filler = disk / "filler"
        # Unbuffered: a buffered file would try the write once more as it closes.
        with open(filler, "wb", buffering=0) as handle, pytest.raises(OSError):
            while True:
                handle.write(b"\0" * 65536)
        saved = 0
        with pytest.raises(StorageError) as raised:
            while saved < 1000:
                network.save_supporter(Supporter(f"Filler {saved}", Kind.FRIEND,
                                                 notes="a long note " * 400))
                saved += 1
        assert "not enough free space" in str(raised.value)
        assert str(disk / "vault") in str(raised.value)
        filler.unlink()
        network.save_supporter(Supporter("Saved After", Kind.FRIEND))
        assert vault.check() == []
        names = [s.name for s in network.repo.supporters()]
        vault.close()
    assert {"Saved Before", "Saved After"} <= set(names)
    assert len(names) == 2 + saved
    figures.record("full disk (small tmpfs)", runs=1, lost=0, integrity_failures=0,
                   clear_message=1)


# -- every command on a nearly full disk (issue 13, item 5) ---------------------------

WRITE_COMMANDS = ("log", "backup", "export", "restore")
DISK_FULL_WORDS = "not enough free space on the disk"


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` up to ``leave`` bytes of free space; return the filler file."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 4096)
    with open(filler, "r+b") as handle:
        handle.truncate(max(filler.stat().st_size - leave, 0))
    return filler


def _command(name: str, disk: Path, good_backup: Path) -> list[str]:
    return {
        "log": ["log", "Mum", "--note", "a good talk"],
        "list": ["list"],
        "backup": ["backup", str(disk / "copy.sdbackup")],
        "export": ["export", "--format", "csv", "--yes", str(disk / "people.csv")],
        "restore": ["restore", "--yes", str(good_backup)],
    }[name]


@pytest.mark.parametrize("leave", [0, 48 * 1024], ids=["full", "nearly-full"])
@pytest.mark.parametrize("name", ["log", "list", "backup", "export", "restore"])
def test_each_command_on_a_full_disk_says_so_and_leaves_nothing_behind(
        name: str, leave: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], figures: Figures) -> None:
    from supportdesk.cli import run
    from supportdesk.vault.keystore import MemoryKeyStore
    from tests.reliability.readonly import small_tmpfs

    keys = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: keys)
    good_backup = tmp_path / "good.sdbackup"
    with small_tmpfs(tmp_path / "small", size="4m") as disk:
        folder = disk / "vault"
        vault, _recovery = Vault.create(folder, keys)
        network = Session(vault.db).network
        mum = network.save_supporter(Supporter("Mum", Kind.FAMILY, notes="kind " * 2000))
        vault.backup(good_backup)
        vault.close()
        before = sorted(p.name for p in folder.iterdir())
        capsys.readouterr()

        filler = _fill(disk, leave)
        code = run(["--data-dir", str(folder), *_command(name, disk, good_backup)])
        err = capsys.readouterr().err
        filler.unlink()

        assert "Traceback" not in err and "Errno" not in err
        assert "damaged" not in err, "a full disk is not a damaged vault"
        if code != 0:
            assert DISK_FULL_WORDS in err and str(disk) in err, err
            assert "nothing was changed" in err
        elif name in WRITE_COMMANDS and leave == 0:
            pytest.fail(f"{name} reported success on a disk with no space at all")
        after = sorted(p.name for p in folder.iterdir())
        partial = [n for n in after if n not in before and n not in
                   ("supportdesk.db-wal", "supportdesk.db-shm")]
        assert partial == [] or code == 0, f"left behind: {partial}"
        leftovers = [p.name for p in disk.rglob(".*") if p.is_file()]
        assert leftovers == [], f"temporary files left behind: {leftovers}"
        if code != 0:
            for made in ("copy.sdbackup", "copy.sdbackup.json", "people.csv"):
                assert not (disk / made).exists(), f"a refused command left {made}"

        vault = Vault.open(folder, keys)
        try:
            assert vault.check() == []
            session = Session(vault.db)
            names = [s.name for s in session.network.repo.supporters()]
            logged = session.network.checkins(mum.id or 0)
        finally:
            vault.close()
    assert names == ["Mum"]
    assert len(logged) == (1 if name == "log" and code == 0 else 0)
    figures.record("full disk: CLI commands", runs=1, clear_message=int(code == 0 or
                   DISK_FULL_WORDS in err), lost=0, partial_files=0)


@pytest.mark.parametrize("leave", [0, 48 * 1024, -1],
                         ids=["full", "nearly-full", "room-for-one-copy"])
def test_restoring_over_a_damaged_vault_on_a_full_disk_leaves_nothing_behind(
        leave: int, tmp_path: Path, figures: Figures) -> None:
    """The start-up's "restore from a backup" (Vault.restore_damaged) on a full disk."""
    from supportdesk.core.errors import DiskFullError
    from supportdesk.vault.keystore import MemoryKeyStore
    from tests.reliability.readonly import small_tmpfs

    keys = MemoryKeyStore()
    good_backup = tmp_path / "good.sdbackup"
    with small_tmpfs(tmp_path / "small", size="4m") as disk:
        folder = disk / "vault"
        vault, _recovery = Vault.create(folder, keys)
        Session(vault.db).network.save_supporter(
            Supporter("Mum", Kind.FAMILY, notes="kind " * 2000))
        vault.backup(good_backup)
        vault.close()
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        if leave < 0:  # the staged copy fits, the copy of the damaged file kept aside not
            leave = (folder / "supportdesk.db").stat().st_size + 16 * 1024
        filler = _fill(disk, leave)
        with pytest.raises(DiskFullError) as raised:
            Vault.restore_damaged(folder, good_backup, keys)
        filler.unlink()
        assert str(folder) in str(raised.value)
        after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before, "nothing added, nothing changed"
    figures.record("full disk: restore over a damaged vault", runs=1, partial_files=0)
