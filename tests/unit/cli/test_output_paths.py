"""No command writes over the vault's own files (issue 13, item 6).

``export --format csv --yes <data dir>/supportdesk.db`` once overwrote the live vault
and ``backup <data dir>/vault.json`` replaced the file the recovery key needs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from supportdesk.cli import run
from supportdesk.vault.keystore import MemoryKeyStore


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> Path:
    store = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: store)
    folder = tmp_path / "data"
    assert run(["--data-dir", str(folder), "init"]) == 0
    assert run(["--data-dir", str(folder), "add", "Mum", "--kind", "family"]) == 0
    assert run(["--data-dir", str(folder), "backup", str(folder / "backups")]) != 0
    (folder / "backups").mkdir()  # not a file called "backups": a folder to put them in
    assert run(["--data-dir", str(folder), "backup", str(folder / "backups")]) == 0
    capsys.readouterr()
    return folder


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".log"
            and not p.name.endswith(("-wal", "-shm"))}


def own_targets(folder: Path) -> list[Path]:
    backup = next((folder / "backups").glob("*.sdbackup"))
    return [folder / "supportdesk.db", folder / "vault.json", folder / "supportdesk.lock",
            folder / "supportdesk.db-wal", backup, Path(f"{backup}.json"), folder]


@pytest.mark.parametrize("command", [
    ["export", "--format", "csv", "--yes"],
    ["export", "--format", "vcard", "--yes"],
    ["export", "--format", "ics", "--yes"],
    ["backup"],
])
def test_commands_refuse_the_vaults_own_files(
        command: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(data_dir)
    for target in own_targets(data_dir):
        if command == ["backup"] and target == data_dir:
            continue  # a folder: the backup gets a new name inside it
        code = run(["--data-dir", str(data_dir), *command, str(target)])
        err = capsys.readouterr().err
        assert code != 0, f"{command} wrote over {target.name}"
        assert "one of the files SupportDesk keeps your vault in" in err, err
        assert fingerprint(data_dir) == before
    assert run(["--data-dir", str(data_dir), "list"]) == 0
    assert "Mum" in capsys.readouterr().out


def test_a_backup_whose_sidecar_would_be_vault_json_is_refused(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(data_dir)
    assert run(["--data-dir", str(data_dir), "backup", str(data_dir / "vault")]) != 0
    assert "vault.json" in capsys.readouterr().err
    assert fingerprint(data_dir) == before


def test_links_to_the_vaults_files_are_refused(tmp_path: Path, data_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(data_dir)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "people.csv").symlink_to(data_dir / "supportdesk.db")
    os.link(data_dir / "vault.json", elsewhere / "notes.csv")
    (elsewhere / "inside").symlink_to(data_dir, target_is_directory=True)
    for target in (elsewhere / "people.csv", elsewhere / "notes.csv",
                   elsewhere / "inside" / "supportdesk.db"):
        assert run(["--data-dir", str(data_dir), "export", "--format", "csv", "--yes",
                    str(target)]) != 0, target
        assert "keeps your vault in" in capsys.readouterr().err
        assert run(["--data-dir", str(data_dir), "backup", str(target)]) != 0, target
        capsys.readouterr()
    assert fingerprint(data_dir) == before


def test_ordinary_places_are_still_fine(tmp_path: Path, data_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from supportdesk.vault.files import is_own_file

    assert run(["--data-dir", str(data_dir), "export", "--format", "csv", "--yes",
                str(tmp_path / "people.csv")]) == 0
    assert run(["--data-dir", str(data_dir), "backup", str(tmp_path / "copy.sdbackup")]) == 0
    assert run(["--data-dir", str(data_dir), "backup", str(data_dir / "backups")]) == 0
    assert not is_own_file(tmp_path / "people.csv", data_dir)
    assert is_own_file(data_dir / "SUPPORTDESK.DB", data_dir) == (
        (data_dir / "SUPPORTDESK.DB").exists())  # the same file on a case-insensitive disk
