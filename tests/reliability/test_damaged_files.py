"""Damaged copies of a vault: told apart as "damaged" (a restore is offered), never a
traceback, and the original is never touched.

Decision: once the key matches vault.json's key check, any failure to read the file
is "damaged" (DamagedVaultError), including a zeroed header that SQLCipher alone would
report as "not a database". WrongKeyError is kept for keys that fail the key check.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportdesk.core.errors import DamagedVaultError, KnownError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import DB_FILE, Vault
from tests.unit.vault.conftest import file_hash

PAGE = 4096


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, MemoryKeyStore]]:
    data_dir = tmp_path_factory.mktemp("original")
    keystore = MemoryKeyStore()
    vault, _ = Vault.create(data_dir, keystore)
    database.bind(vault.db)
    network = NetworkService(Repository())
    for number in range(60):
        person = network.save_supporter(Supporter(f"Person {number}", Kind.FRIEND,
                                                  notes="x" * 300))
        assert person.id is not None
        network.log_checkin(CheckIn(person.id, network.clock(), note="a good talk " * 20))
    vault.close()
    yield data_dir, keystore


def damaged_copy(original: Path, target: Path, damage: str, rng: random.Random) -> None:
    shutil.copytree(original, target)
    db = target / DB_FILE
    data = bytearray(db.read_bytes())
    if damage == "flip":
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif damage == "truncate":
        del data[rng.randrange(PAGE // 2, len(data) - 1):]
    elif damage == "truncate-to-pages":
        del data[PAGE * rng.randrange(1, len(data) // PAGE):]
    elif damage == "zero-header":
        data[:PAGE] = bytes(PAGE)
    elif damage == "zero-page":
        page = rng.randrange(1, len(data) // PAGE)
        data[page * PAGE:(page + 1) * PAGE] = bytes(PAGE)
    db.write_bytes(bytes(data))


CASES = [(damage, seed) for damage in ("flip", "truncate", "truncate-to-pages", "zero-page")
         for seed in range(6)] + [("zero-header", 0)]


@pytest.mark.parametrize(("damage", "seed"), CASES)
def test_damage_is_reported_plainly_and_the_original_is_untouched(
        original: tuple[Path, MemoryKeyStore], tmp_path: Path, damage: str, seed: int) -> None:
    source, keystore = original
    before = file_hash(source / DB_FILE)
    copy = tmp_path / "copy"
    damaged_copy(source, copy, damage, random.Random(f"{damage}{seed}"))
    copy_before = file_hash(copy / DB_FILE)
    with pytest.raises(DamagedVaultError) as caught:
        Vault.open(copy, keystore).close()
    assert "backup" in str(caught.value)
    assert file_hash(copy / DB_FILE) == copy_before  # not "repaired", not replaced
    assert file_hash(source / DB_FILE) == before


def test_the_cli_says_one_line_and_no_traceback(original: tuple[Path, MemoryKeyStore],
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.cli import run

    source, keystore = original
    copy = tmp_path / "copy"
    damaged_copy(source, copy, "zero-page", random.Random(1))
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: keystore)
    code = run(["--data-dir", str(copy), "check"])
    err = capsys.readouterr().err
    assert code != 0
    assert "damaged" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_every_damage_is_a_known_error(original: tuple[Path, MemoryKeyStore],
                                       tmp_path: Path) -> None:
    """A wider random sweep: every damage is noticed, as a KnownError, never a crash."""
    source, keystore = original
    rng = random.Random(7)
    for attempt in range(25):
        copy = tmp_path / f"copy{attempt}"
        damaged_copy(source, copy, rng.choice(["flip", "truncate", "zero-page"]), rng)
        with pytest.raises(KnownError):
            Vault.open(copy, keystore).close()
