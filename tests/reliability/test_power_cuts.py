"""Power cuts, not only crashes: nothing acknowledged is lost when the machine goes down.

Each run mounts the power-cut file system (tests/reliability/powercut_fs.py) over the
vault's folder, lets the real code work on it, cuts the power at a random moment
(kill -9 of the writers, then every write not made durable is dropped: all of them,
or a random part with a torn last page) and opens what the disk held with today's
code. After every cut:

* the vault opens, or is reported damaged and the newest good backup restores it;
* every acknowledged change is there (a command that exited 0, an operation that
  returned);
* vault.json is readable whenever the database file is there;
* every backup SupportDesk lists verifies (complete, both integrity checks);
* an exported file is either absent or complete.

A few cuts per scenario by default; SUPPORTDESK_FULL_RELIABILITY=1 runs 1,000 each.
The keys live outside the cut disk, as a keyring daemon's own storage would.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from supportdesk.core.errors import DamagedVaultError, KnownError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.exporting import ExportService
from supportdesk.services.session import Session
from supportdesk.store import migrations
from supportdesk.vault.backup import backup_info, list_backups
from supportdesk.vault.files import DB_FILE
from supportdesk.vault.keystore import KeyringKeyStore, KeyStore
from supportdesk.vault.metadata import metadata_path, read_metadata
from supportdesk.vault.vault import BACKUP_DIR, Vault
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring
from tests.reliability.file_keystore import FileKeyStore
from tests.reliability.powercut import PowerCutDisk, fuse_problem
from tests.reliability.vault_worker import EXTRA_COLUMN, MIGRATE_STEPS

COUNT = runs(5, 1000)
# About 2 s a cut here; a full run of one scenario takes most of an hour.
pytestmark = [pytest.mark.real, pytest.mark.timeout(max(300, COUNT * 15))]

REPO = Path(__file__).resolve().parents[2]
PEOPLE = 20


@pytest.fixture(autouse=True)
def _needs_fuse() -> None:
    problem = fuse_problem()
    if problem:
        pytest.skip(f"the power-cut tests need FUSE: {problem}")


@dataclass
class Bench:
    """A vault on the disk underneath, and where it appears once mounted."""

    root: Path
    keystore: KeyStore
    uuid: str
    recovery_key: str
    rng: random.Random
    ever_acknowledged: set[str] = field(default_factory=set)
    cuts: int = 0

    @property
    def backing(self) -> Path:
        return self.root / "disk"

    @property
    def mountpoint(self) -> Path:
        return self.root / "mnt"

    @property
    def on_disk(self) -> Path:
        return self.backing / "vault"

    @property
    def mounted(self) -> Path:
        return self.mountpoint / "vault"

    def mode(self) -> tuple[str, float]:
        """How this cut drops what is pending; the first one (after an acknowledgement)
        drops all of it, the harshest test of what was acknowledged."""
        first, self.cuts = self.cuts == 0, self.cuts + 1
        return "all" if first else self.rng.choice(["all", "some"]), self.rng.random()

    def after_an_ack(self) -> bool:
        """Whether this cut waits for a first acknowledgement (always the first cut)."""
        return self.cuts == 0 or self.rng.random() < 0.5


def _bench(tmp_path: Path, name: str, keystore: KeyStore | None = None,
           people: list[str] | None = None) -> Bench:
    (tmp_path / "disk").mkdir()
    keystore = keystore or FileKeyStore(tmp_path / "keys.json")
    vault, recovery_key = Vault.create(tmp_path / "disk" / "vault", keystore)
    try:
        network = Session(vault.db, vault=vault).network
        for person in people or [f"Person {n}" for n in range(PEOPLE)]:
            network.save_supporter(Supporter(person, list(Kind)[len(person) % len(Kind)]))
        uuid = vault.uuid
    finally:
        vault.close()
    seed = os.environ.get("SUPPORTDESK_RELIABILITY_SEED", "power-cut")
    return Bench(tmp_path, keystore, uuid, recovery_key, random.Random(f"{seed}-{name}"))


# -- after the cut ---------------------------------------------------------------------


@dataclass
class Outcome:
    """What the next start finds on the disk that was left."""

    failed_open: str = ""
    restored_from: str = ""
    metadata_bad: bool = False
    bad_backups: list[str] = field(default_factory=list)
    good_backups: list[str] = field(default_factory=list)
    notes: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    columns: list[str] = field(default_factory=list)


def after_the_cut(bench: Bench, steps: list[migrations.Migration] | None = None) -> Outcome:
    data_dir = bench.on_disk
    outcome = Outcome()
    outcome.metadata_bad = ((data_dir / DB_FILE).exists()
                            and read_metadata(metadata_path(data_dir)) is None)
    good: list[Path] = []
    for made in list_backups(data_dir / BACKUP_DIR):
        try:  # the recovery key alone: the keyring may be what the person lost
            backup_info(made, recovery_key=bench.recovery_key)
            good.append(made)
        except KnownError:
            outcome.bad_backups.append(made.name)
    outcome.good_backups = [p.name for p in good]
    try:
        vault = Vault.open(data_dir, bench.keystore, steps=steps)
    except DamagedVaultError as damaged:
        if not good:
            outcome.failed_open = f"damaged, and no good backup: {damaged}"
            return outcome
        Vault.restore_damaged(data_dir, good[0], bench.keystore)
        outcome.restored_from = good[0].name
        vault = Vault.open(data_dir, bench.keystore, steps=steps)
    except KnownError as error:
        outcome.failed_open = f"{type(error).__name__}: {error}"
        return outcome
    try:
        problems = vault.check()
        if problems:
            outcome.failed_open = f"opened with problems: {problems}"
        network = Session(vault.db, vault=vault).network
        outcome.notes = {c.note for c in network.checkins()}
        outcome.people = {s.name for s in network.supporters()}
        outcome.columns = [c.name for c in vault.db.get_columns("supporter")]
    finally:
        vault.close()
    return outcome


@dataclass
class Tally:
    """One scenario's row in the figures table."""

    name: str
    runs: int = 0
    acknowledged: int = 0
    lost: int = 0
    failed_opens: int = 0
    bad_backups: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, run: int, outcome: Outcome, acknowledged: int, lost: list[str]) -> None:
        self.runs += 1
        self.acknowledged += acknowledged
        self.lost += len(lost)
        self.failed_opens += bool(outcome.failed_open)
        self.bad_backups += len(outcome.bad_backups)
        found = {
            outcome.failed_open: bool(outcome.failed_open),
            f"lost {', '.join(sorted(lost)[:5])}": bool(lost),
            "vault.json unreadable beside the database": outcome.metadata_bad,
            f"bad backups {outcome.bad_backups}": bool(outcome.bad_backups),
        }
        self.problems += [f"run {run}: {text}" for text, happened in found.items() if happened]

    def record(self, figures: Figures) -> None:
        figures.record(f"power cut during {self.name}", runs=self.runs,
                       acknowledged=self.acknowledged, lost=self.lost,
                       failed_opens=self.failed_opens, bad_backups=self.bad_backups)


# -- the writers -------------------------------------------------------------------------


def _env(bench: Bench) -> dict[str, str]:
    home = bench.root / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, SUPPORTDESK_NO_NETWORK="1", PYTHON_KEYRING_BACKEND=BACKEND,
               HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), PYTHONPATH=str(REPO))
    env[ENV_FILE] = str(bench.root / "keyring.json")
    return env


def _cli(bench: Bench, *args: str) -> subprocess.Popen[str]:
    """``supportdesk ARGS`` on the mounted vault (or on the --data-dir that ARGS name)."""
    where = [] if "--data-dir" in args else ["--data-dir", str(bench.mounted)]
    command = [sys.executable, "-c", "import tests.reliability.no_network; "
               "from supportdesk.app import main; raise SystemExit(main())", *where, *args]
    return subprocess.Popen(command, cwd=REPO, env=_env(bench), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _commands_until_cut(bench: Bench, command: Callable[[int], list[str]],
                        within: float) -> list[int]:
    """Run ``command(n)`` one after another on the mounted vault, cut the power at a
    random moment, and return the n of each that exited 0 before the cut."""
    done: list[int] = []
    errors: list[str] = []
    running: list[subprocess.Popen[str]] = []
    stop = threading.Event()
    guard = threading.Lock()

    def loop() -> None:
        number = 0
        while True:
            number += 1
            with guard:
                if stop.is_set():
                    return
                child = _cli(bench, *command(number))
                running.append(child)
            _out, err = child.communicate()
            if child.returncode == 0:
                done.append(number)
            elif child.returncode != -9 and not stop.is_set():
                errors.append(err[-2000:])
                return

    with PowerCutDisk(bench.backing, bench.mountpoint) as disk:
        worker = threading.Thread(target=loop, daemon=True)
        worker.start()
        if bench.after_an_ack():  # half the cuts come after a first command finished
            deadline = time.monotonic() + 60
            while not done and worker.is_alive() and time.monotonic() < deadline:
                time.sleep(0.005)
        time.sleep(bench.rng.uniform(0, within))
        with guard:
            stop.set()
        disk.cut(*bench.mode(), writers=running)
        worker.join(timeout=60)
    assert errors == [], errors[0] if errors else ""
    return done


def _worker_until_cut(bench: Bench, within: float, *args: str,
                      stdin: str = "") -> list[str]:
    """Start powercut_worker on the mounted vault, cut at a random moment inside its
    work (or, one time in five, anywhere in its start-up), and return what it printed."""
    lines: list[str] = []
    with PowerCutDisk(bench.backing, bench.mountpoint) as disk:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.powercut_worker", str(bench.mounted),
             str(bench.root / "keys.json"), *args],
            cwd=REPO, env=_env(bench), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(stdin + "\n")
        child.stdin.flush()
        stdout = child.stdout
        reader = threading.Thread(target=lambda: lines.extend(line.strip() for line in stdout),
                                  daemon=True)
        reader.start()
        if bench.cuts and bench.rng.random() < 0.2:
            time.sleep(bench.rng.uniform(0, 0.5))
        else:
            deadline = time.monotonic() + 60
            # Half the cuts come after a first round was acknowledged, all inside the work.
            awaited = "ack" if bench.after_an_ack() else "ready"
            while (not any(line.startswith(awaited) for line in lines)
                   and child.poll() is None and time.monotonic() < deadline):
                time.sleep(0.005)
            time.sleep(bench.rng.uniform(0, within))
        stopped_by_itself = child.poll() is not None
        disk.cut(*bench.mode(), writers=[child])
        reader.join(timeout=10)
        assert child.stderr is not None
        errors = child.stderr.read()
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()
    assert not stopped_by_itself, f"the worker stopped by itself: {errors[-2000:]}"
    return lines


def _acks(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[1] for line in lines if line.startswith("ack ")]


def _starts(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[1] for line in lines if line.startswith("start ")]


# -- the scenarios ------------------------------------------------------------------------


def test_power_cut_while_the_command_line_logs_check_ins(tmp_path: Path,
                                                         figures: Figures) -> None:
    keystore = KeyringKeyStore(FileKeyring(tmp_path / "keyring.json"))
    bench = _bench(tmp_path, "cli", keystore, people=["Ruth"])
    tally = Tally("check-ins logged from the command line")
    for run in range(COUNT):
        done = _commands_until_cut(
            bench, lambda n, run=run: ["log", "Ruth", "--mode", "text", "--note", f"r{run}-{n}"],
            within=2.0)
        bench.ever_acknowledged.update(f"r{run}-{n}" for n in done)
        outcome = after_the_cut(bench)
        tally.add(run, outcome, len(done), sorted(bench.ever_acknowledged - outcome.notes))
    tally.record(figures)
    assert tally.problems == []
    assert tally.acknowledged > 0  # cuts landed after some commands had finished


def test_power_cut_while_the_app_logs_check_ins(tmp_path: Path, figures: Figures) -> None:
    """The services the app uses, committing as fast as they can (writer_process)."""
    bench = _bench(tmp_path, "services", people=["Ruth"])
    tally = Tally("check-ins logged by the app's services")
    key = bench.keystore.get(bench.uuid)
    assert key is not None
    for run in range(COUNT):
        lines: list[str] = []
        with PowerCutDisk(bench.backing, bench.mountpoint) as disk:
            child = subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.writer_process", str(bench.mounted),
                 f"r{run}"], cwd=REPO, env=_env(bench), stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(key.hex() + "\n")
            child.stdin.flush()
            stdout = child.stdout
            reader = threading.Thread(target=lambda out=stdout, got=lines: got.extend(out),
                                      daemon=True)
            reader.start()
            deadline = time.monotonic() + 60
            while "ready\n" not in lines and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(bench.rng.uniform(0, 0.5))
            disk.cut(*bench.mode(), writers=[child])
            reader.join(timeout=10)
            child.stdin.close()
            child.stdout.close()
        acks = {line.split()[1] for line in lines if line.startswith("ack ")}
        bench.ever_acknowledged |= acks
        outcome = after_the_cut(bench)
        tally.add(run, outcome, len(acks), sorted(bench.ever_acknowledged - outcome.notes))
    tally.record(figures)
    assert tally.problems == []
    assert tally.acknowledged > COUNT


def test_power_cut_while_backups_are_written_and_rotated(tmp_path: Path,
                                                         figures: Figures) -> None:
    bench = _bench(tmp_path, "backup")
    tally = Tally("backup and rotation")
    for run in range(COUNT):
        lines = _worker_until_cut(bench, 1.0, "backup")
        acks = _acks(lines)
        outcome = after_the_cut(bench)
        # Rotation keeps three, so the newest acknowledged backup is always kept.
        lost = [acks[-1]] if acks and acks[-1] not in outcome.good_backups else []
        lost += [f"person {p}" for p in sorted({f"Person {n}" for n in range(PEOPLE)}
                                               - outcome.people)]
        tally.add(run, outcome, len(acks), lost)
        # What cut-short backups leave is cleared by the next one: it never piles up.
        folder = bench.on_disk / BACKUP_DIR
        kept = {p.name for p in list_backups(folder)}
        leftovers = [p.name for p in folder.iterdir() if p.name not in kept and not (
            p.name.endswith(".json") and p.name[:-5] in kept)] if folder.is_dir() else []
        if len(leftovers) > 6:
            tally.problems.append(f"run {run}: {len(leftovers)} leftovers: {leftovers[:6]}")
    tally.record(figures)
    assert tally.problems == []


@pytest.mark.parametrize("operation", ["rotate", "rewrap"])
def test_power_cut_while_vault_json_changes(operation: str, tmp_path: Path,
                                            figures: Figures) -> None:
    """Key rotation rewrites vault.json (and the keyring) several times per round."""
    bench = _bench(tmp_path, operation)
    label = {"rotate": "key rotation", "rewrap": "key rotation under the recovery key"}
    tally = Tally(label[operation])
    for run in range(COUNT):
        lines = _worker_until_cut(bench, 1.0, operation, stdin=bench.recovery_key)
        outcome = after_the_cut(bench)
        lost = [f"person {p}" for p in sorted({f"Person {n}" for n in range(PEOPLE)}
                                               - outcome.people)]
        if not outcome.failed_open:
            try:  # the recovery key the person holds still opens it, whatever was cut
                Vault.recover(bench.on_disk, bench.recovery_key, bench.keystore,
                              store_key=False).close()
            except KnownError as error:
                outcome.failed_open = f"the recovery key no longer opens it: {error}"
        tally.add(run, outcome, len(_acks(lines)), lost)
    tally.record(figures)
    assert tally.problems == []


def test_power_cut_while_a_backup_is_restored(tmp_path: Path, figures: Figures) -> None:
    first = [f"First {n}" for n in range(PEOPLE)]
    second = [f"Second {n}" for n in range(PEOPLE // 2)]
    bench = _bench(tmp_path, "restore", people=first)
    sources = tmp_path / "sources"
    vault = Vault.open(bench.on_disk, bench.keystore)
    try:
        vault.backup(sources / "first.sdbackup")
        network = Session(vault.db, vault=vault).network
        for person in second:
            network.save_supporter(Supporter(person, Kind.FRIEND))
        vault.backup(sources / "both.sdbackup")
    finally:
        vault.close()
    contents = {"first.sdbackup": set(first), "both.sdbackup": set(first + second)}
    tally = Tally("restore")
    current = "both.sdbackup"  # what the vault holds now
    for run in range(COUNT):
        lines = _worker_until_cut(bench, 1.5, "restore", str(sources / "first.sdbackup"),
                                  str(sources / "both.sdbackup"))
        acks, starts = _acks(lines), _starts(lines)
        if acks:
            current = acks[-1]
        allowed = {current} | ({starts[-1]} if starts else set())
        outcome = after_the_cut(bench)
        found = [name for name, people in contents.items() if people == outcome.people]
        lost = [] if set(found) & allowed or outcome.failed_open else [
            f"the vault holds neither {sorted(allowed)}"]
        if found:
            current = found[0]
        tally.add(run, outcome, len(acks), lost)
    tally.record(figures)
    assert tally.problems == []


def test_power_cut_while_the_schema_migrates(tmp_path: Path, figures: Figures) -> None:
    bench = _bench(tmp_path, "migrate")
    tally = Tally("migration")
    for run in range(COUNT):
        lines = _worker_until_cut(bench, 1.5, "migrate")
        outcome = after_the_cut(bench, steps=list(MIGRATE_STEPS))
        lost = [f"person {p}" for p in sorted({f"Person {n}" for n in range(PEOPLE)}
                                               - outcome.people)]
        if not outcome.failed_open and EXTRA_COLUMN not in outcome.columns:
            lost.append("the migration's column")
        tally.add(run, outcome, len(_acks(lines)), lost)
    tally.record(figures)
    assert tally.problems == []


def test_power_cut_while_exporting(tmp_path: Path, figures: Figures) -> None:
    keystore = KeyringKeyStore(FileKeyring(tmp_path / "keyring.json"))
    bench = _bench(tmp_path, "export", keystore)
    (bench.backing / "exports").mkdir()
    vault = Vault.open(bench.on_disk, keystore)
    try:
        expected = ExportService(Session(vault.db, vault=vault)).csv()
    finally:
        vault.close()
    out = "exports/people.csv"
    tally = Tally("export")
    for run in range(COUNT):
        done = _commands_until_cut(
            bench, lambda n: ["export", "--format", "csv", "--yes", str(bench.mountpoint / out)],
            within=2.0)
        if done:
            bench.ever_acknowledged.add(out)
        outcome = after_the_cut(bench)
        written = bench.backing / out
        lost = []
        if written.exists() and written.read_bytes() != expected:
            lost.append(f"a partial export ({written.stat().st_size} bytes)")
        elif not written.exists() and bench.ever_acknowledged:
            lost.append("the acknowledged export")
        tally.add(run, outcome, len(done), lost)
    tally.record(figures)
    assert tally.problems == []
    assert tally.acknowledged > 0


def test_power_cut_while_vaults_are_created(tmp_path: Path, figures: Figures) -> None:
    """``supportdesk init``: a vault it announced opens; one it did not is whole or absent."""
    keystore = KeyringKeyStore(FileKeyring(tmp_path / "keyring.json"))
    bench = _bench(tmp_path, "init", keystore)
    (bench.backing / "vaults").mkdir()
    tally = Tally("vault creation")
    for run in range(COUNT):
        done = _commands_until_cut(
            bench, lambda n, run=run: [
                "--data-dir", str(bench.mountpoint / "vaults" / f"v{run}-{n}"), "init"],
            within=2.0)
        bench.ever_acknowledged.update(f"v{run}-{n}" for n in done)
        outcome = Outcome()
        for folder in sorted((bench.backing / "vaults").iterdir()):
            if not (folder / DB_FILE).exists():
                continue  # never made: the next start is a first run, as it should be
            try:
                Vault.open(folder, keystore).close()
            except KnownError as error:
                outcome.failed_open = f"{folder.name}: {type(error).__name__}: {error}"
        present = {f.name for f in (bench.backing / "vaults").iterdir()
                   if (f / DB_FILE).exists()}
        tally.add(run, outcome, len(done), sorted(bench.ever_acknowledged - present))
    tally.record(figures)
    assert tally.problems == []
    assert tally.acknowledged > 0
