"""Damaged copies of a vault: told apart as "damaged" (a restore is offered), never a
traceback, and the original is never touched.

Decision: once the key matches vault.json's key check, any failure to read the file
is "damaged" (DamagedVaultError), including a zeroed header that SQLCipher alone would
report as "not a database". WrongKeyError is kept for keys that fail the key check.

Once vault.json exists, a database that is missing, empty, cut short or one page long is
damaged or missing, never a new vault (issue 13): each such case is a row in the
figures, with the number of files changed (always 0). The random sweep damages copies
of a real vault many ways (100 by default, 1,000 with SUPPORTDESK_FULL_RELIABILITY=1).
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportdesk.cli import run
from supportdesk.core.errors import DamagedVaultError, KnownError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import DB_FILE, Vault
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures
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


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (the lock file aside) and its hash."""
    return {str(p.relative_to(folder)): file_hash(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "supportdesk.lock"}


def changed_files(before: dict[str, str], after: dict[str, str]) -> int:
    return sum(1 for name in before.keys() | after.keys() if before.get(name) != after.get(name))


@pytest.fixture(scope="module")
def with_backup(original: tuple[Path, MemoryKeyStore],
                tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, MemoryKeyStore]:
    """The original vault with one backup in its own backups folder."""
    source, keystore = original
    folder = tmp_path_factory.mktemp("backed-up") / "vault"
    shutil.copytree(source, folder)
    vault = Vault.open(folder, keystore)
    vault.backup(reason="auto")
    vault.close()
    return folder, keystore


EMPTY_LIKE = {
    "empty (0 bytes)": lambda db: db.write_bytes(b""),
    "1 byte": lambda db: db.write_bytes(db.read_bytes()[:1]),
    "one page": lambda db: db.write_bytes(db.read_bytes()[:PAGE]),
    "missing, vault.json present": lambda db: db.unlink(),
}


@pytest.mark.parametrize("damage", list(EMPTY_LIKE))
def test_an_emptied_or_missing_database_is_never_a_new_vault(
        with_backup: tuple[Path, MemoryKeyStore], tmp_path: Path, figures: Figures,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        damage: str) -> None:
    source, keystore = with_backup
    copy = tmp_path / "copy"
    shutil.copytree(source, copy)
    EMPTY_LIKE[damage](copy / DB_FILE)
    newest = next((copy / "backups").glob("*.sdbackup"))
    before = folder_state(copy)
    with pytest.raises(DamagedVaultError) as caught:
        Vault.open(copy, keystore).close()
    assert newest.name in str(caught.value)
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: keystore)
    for command in (["check"], ["list"], ["backup", str(tmp_path)], ["init"]):
        assert run(["--data-dir", str(copy), *command]) == 2
        err = capsys.readouterr().err
        assert newest.name in err and "Traceback" not in err, command
        assert "no vault" not in err.lower() and "All is well" not in err
    changed = changed_files(before, folder_state(copy))
    assert changed == 0
    assert [p.name for p in tmp_path.iterdir()] == ["copy"]  # no backup written elsewhere
    figures.record(f"damaged file: {damage}", runs=1, refused=1, files_changed=changed)


def _random_damage(copy: Path, other_meta: bytes, rng: random.Random) -> str:
    db = copy / DB_FILE
    data = bytearray(db.read_bytes())
    kind = rng.choice(["truncate", "zero-range", "swap-pages", "foreign-vault.json"])
    if kind == "truncate":  # half of them to less than two pages, where SQLite sees "new"
        del data[rng.randrange(0, 2 * PAGE if rng.random() < 0.5 else len(data)):]
    elif kind == "zero-range":
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 3 * PAGE))
        data[start:end] = bytes(end - start)
    elif kind == "swap-pages":
        pages = len(data) // PAGE
        first, second = rng.sample(range(pages), 2)
        a = bytes(data[first * PAGE:(first + 1) * PAGE])
        data[first * PAGE:(first + 1) * PAGE] = data[second * PAGE:(second + 1) * PAGE]
        data[second * PAGE:(second + 1) * PAGE] = a
    else:
        (copy / "vault.json").write_bytes(other_meta)
    db.write_bytes(bytes(data))
    return kind


def test_randomly_damaged_copies_are_all_refused_plainly(
        original: tuple[Path, MemoryKeyStore], tmp_path: Path, figures: Figures,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Truncation at random lengths, zeroed ranges, swapped pages and a vault.json from
    another vault: every copy is refused with a plain message, no file changes, no
    traceback; every tenth goes through the command line too."""
    source, keystore = original
    other, _ = Vault.create(tmp_path / "other", keystore)
    other.close()
    other_meta = (tmp_path / "other" / "vault.json").read_bytes()
    source_before = folder_state(source)
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: keystore)
    count = runs(100, 1000)
    rng = random.Random(int(os.environ.get("SUPPORTDESK_RELIABILITY_SEED", "13")))
    kinds: dict[str, int] = {}
    changed = 0
    for attempt in range(count):
        copy = tmp_path / f"copy{attempt}"
        shutil.copytree(source, copy)
        kind = _random_damage(copy, other_meta, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        before = folder_state(copy)
        with pytest.raises(KnownError) as caught:
            Vault.open(copy, keystore).close()
        text = str(caught.value)
        assert "backup" in text, (kind, text)
        if kind == "foreign-vault.json":
            assert "another vault" in text, text
        if attempt % 10 == 0:
            assert run(["--data-dir", str(copy), "check"]) != 0
            err = capsys.readouterr().err
            assert "Traceback" not in err and len(err.strip().splitlines()) == 1, (kind, err)
        changed += changed_files(before, folder_state(copy))
        shutil.rmtree(copy)
    assert changed == 0
    assert folder_state(source) == source_before
    figures.record("randomly damaged copies", runs=count, refused=count, files_changed=changed,
                   tracebacks=0, **{kind.replace("-", "_").replace(".", "_"): n
                                    for kind, n in sorted(kinds.items())})
