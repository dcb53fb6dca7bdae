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

Every run of the writers ends in a real cut (the mount goes, the next run starts on
what the disk held) and, before it, takes cuts seen from outside: at random moments
the writers are stopped, what the disk would hold if the power went then is written
to a folder of its own, and they go on (``PowerCutDisk.snapshot``). Each such folder
is opened and checked just as the real one is, with what had been acknowledged by
that moment, so one run gives many cuts to check.

A few cuts per scenario by default (RUNS x (1 + SNAPSHOTS) = 10);
SUPPORTDESK_FULL_RELIABILITY=1 runs 1,000 each. The keys live outside the cut disk,
as a keyring daemon's own storage would; a cut seen from outside copies them as they
were at that moment.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

import pytest

from supportdesk.core.errors import DamagedVaultError, KnownError
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.services.exporting import ExportService
from supportdesk.services.session import Session
from supportdesk.services.settings import CADENCE_DAYS, QUIET_START, Settings
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
from tests.reliability.progress import ENV as PROGRESS_ENV
from tests.reliability.progress import said
from tests.reliability.vault_worker import EXTRA_COLUMN, MIGRATE_STEPS

RUNS = runs(5, 100)  # runs of the writers, each ending in a real cut
SNAPSHOTS = runs(1, 9)  # cuts seen from outside in each run
CUTS = RUNS * (1 + SNAPSHOTS)
T = TypeVar("T")
# About 2 s a run and 0.3 s a cut checked here.
pytestmark = [pytest.mark.real, pytest.mark.timeout(max(300, RUNS * 30))]

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
    snaps: int = 0

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

    @property
    def progress(self) -> Path:
        """What the writer of this run has said (tests/reliability/progress.py)."""
        return self.root / "progress.txt"

    def mode(self) -> tuple[str, float]:
        """How this cut drops what is pending; the first one (after an acknowledgement)
        drops all of it, the harshest test of what was acknowledged."""
        first, self.cuts = self.cuts == 0, self.cuts + 1
        return "all" if first else self.rng.choice(["all", "some"]), self.rng.random()

    def after_an_ack(self) -> bool:
        """Whether this cut waits for a first acknowledgement (always the first cut)."""
        return self.cuts == 0 or self.rng.random() < 0.5

    def snapshot_root(self) -> Path:
        """A new folder for a cut seen from outside: ``disk/`` and the keys beside it."""
        self.snaps += 1
        return self.root / "snaps" / str(self.snaps)

    def keep_keys(self, root: Path) -> None:
        """The keys as they are now, off the cut disk (as a keyring daemon keeps them)."""
        root.mkdir(parents=True, exist_ok=True)
        for name in ("keys.json", "keyring.json"):
            if (self.root / name).exists():
                shutil.copy2(self.root / name, root / name)

    def at(self, root: Path) -> Bench:
        """The same vault as it was left in ``root`` (a snapshot), with its own keys."""
        keystore: KeyStore = (KeyringKeyStore(FileKeyring(root / "keyring.json"))
                              if isinstance(self.keystore, KeyringKeyStore)
                              else FileKeyStore(root / "keys.json"))
        return replace(self, root=root, keystore=keystore, rng=random.Random(0))


@dataclass
class Snapshot(Generic[T]):
    """A cut seen from outside (``PowerCutDisk.snapshot``): what the disk held at that
    moment, and what had been acknowledged by then."""

    bench: Bench
    noted: T


def _take_snapshots(bench: Bench, disk: PowerCutDisk, delay: float,
                    writers: Callable[[], list[subprocess.Popen[str]]],
                    noted: Callable[[], T]) -> list[Snapshot[T]]:
    """Wait ``delay`` seconds, taking SNAPSHOTS cuts seen from outside at random moments
    within it; ``noted`` says, while the writers are stopped, what they had acknowledged."""
    began = time.monotonic()
    taken: list[Snapshot[T]] = []
    for moment in sorted(bench.rng.uniform(0, delay) for _ in range(SNAPSHOTS)):
        time.sleep(max(0.0, began + moment - time.monotonic()))
        root = bench.snapshot_root()
        found: list[T] = []

        def while_stopped(root: Path = root, found: list[T] = found) -> None:
            found.append(noted())
            bench.keep_keys(root)

        disk.snapshot(*bench.mode(), root / "disk", writers(), while_stopped)
        taken.append(Snapshot(bench.at(root), found[0]))
    time.sleep(max(0.0, began + delay - time.monotonic()))
    return taken


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
    # what each person's page holds: (notes, phone numbers)
    pages: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    cadence_middle: int = 0
    quiet_start_hour: int = -1


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
        session = Session(vault.db, vault=vault)
        outcome.notes = {c.note for c in session.network.checkins()}
        people = session.network.supporters()
        outcome.people = {s.name for s in people}
        outcome.pages = {s.name: (s.notes, tuple(c.value for c in s.contacts)) for s in people}
        outcome.columns = [c.name for c in vault.db.get_columns("supporter")]
        settings = Settings(session.repo)
        outcome.cadence_middle = settings.cadence_defaults()[Ring.MIDDLE].days
        outcome.quiet_start_hour = settings.get(QUIET_START).hour
    finally:
        vault.close()
    return outcome


@dataclass
class Tally:
    """One scenario's row in the figures table: ``runs`` counts cuts checked (real ones
    and those seen from outside), ``acknowledged`` the changes acknowledged before them."""

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
        self.problems += [f"cut {run}: {text}" for text, happened in found.items() if happened]

    def check(self, run: int, snapshots: list[Snapshot[T]],
              judge: Callable[[Outcome, T], tuple[int, list[str]]],
              steps: list[migrations.Migration] | None = None) -> None:
        """Open and judge each cut seen from outside, then let its folder go."""
        for number, snapshot in enumerate(snapshots):
            outcome = after_the_cut(snapshot.bench, steps)
            acknowledged, lost = judge(outcome, snapshot.noted)
            self.add(run * 100 + number + 1, outcome, acknowledged, lost)
            shutil.rmtree(snapshot.bench.root)

    def record(self, figures: Figures) -> None:
        figures.record(f"power cut during {self.name}", runs=self.runs,
                       acknowledged=self.acknowledged, lost=self.lost,
                       failed_opens=self.failed_opens, bad_backups=self.bad_backups)

    def done(self, figures: Figures) -> None:
        self.record(figures)
        assert self.problems == []
        assert self.runs == CUTS


# -- the writers -------------------------------------------------------------------------


def _env(bench: Bench) -> dict[str, str]:
    home = bench.root / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, SUPPORTDESK_NO_NETWORK="1", PYTHON_KEYRING_BACKEND=BACKEND,
               HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), PYTHONPATH=str(REPO))
    env[ENV_FILE] = str(bench.root / "keyring.json")
    env[PROGRESS_ENV] = str(bench.progress)
    return env


def _cli(bench: Bench, *args: str) -> subprocess.Popen[str]:
    """``supportdesk ARGS`` on the mounted vault (or on the --data-dir that ARGS name)."""
    where = [] if "--data-dir" in args else ["--data-dir", str(bench.mounted)]
    command = [sys.executable, "-c", "import tests.reliability.no_network; "
               "from supportdesk.app import main; raise SystemExit(main())", *where, *args]
    return subprocess.Popen(command, cwd=REPO, env=_env(bench), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _commands_until_cut(bench: Bench, command: Callable[[int], list[str]],
                        within: float) -> tuple[list[int], list[Snapshot[list[int]]]]:
    """Run ``command(n)`` one after another on the mounted vault, cut the power at a
    random moment, and return the n of each that exited 0 before the cut, with the cuts
    seen from outside before it (and the n that had exited 0 by each)."""
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

    def writers() -> list[subprocess.Popen[str]]:
        with guard:
            return [child for child in running if child.poll() is None]

    with PowerCutDisk(bench.backing, bench.mountpoint) as disk:
        worker = threading.Thread(target=loop, daemon=True)
        worker.start()
        if bench.after_an_ack():  # half the cuts come after a first command finished
            deadline = time.monotonic() + 60
            while not done and worker.is_alive() and time.monotonic() < deadline:
                time.sleep(0.005)
        snapshots = _take_snapshots(bench, disk, bench.rng.uniform(0, within), writers,
                                    lambda: list(done))
        with guard:
            stop.set()
        disk.cut(*bench.mode(), writers=running)
        worker.join(timeout=60)
    assert errors == [], errors[0] if errors else ""
    return done, snapshots


def _worker_until_cut(bench: Bench, within: float, *args: str,
                      stdin: str = "") -> tuple[list[str], list[Snapshot[list[str]]]]:
    """Start powercut_worker on the mounted vault, cut at a random moment inside its
    work (or, one time in five, anywhere in its start-up), and return what it printed,
    with the cuts seen from outside before it (and what it had said by each)."""
    lines: list[str] = []
    bench.progress.unlink(missing_ok=True)
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
            delay = bench.rng.uniform(0, 0.5)
        else:
            deadline = time.monotonic() + 60
            # Half the cuts come after a first round was acknowledged, all inside the work.
            awaited = "ack" if bench.after_an_ack() else "ready"
            while (not any(line.startswith(awaited) for line in lines)
                   and child.poll() is None and time.monotonic() < deadline):
                time.sleep(0.005)
            delay = bench.rng.uniform(0, within)
        snapshots = _take_snapshots(bench, disk, delay, lambda: [child],
                                    lambda: said(bench.progress))
        stopped_by_itself = child.poll() is not None
        disk.cut(*bench.mode(), writers=[child])
        reader.join(timeout=10)
        assert child.stderr is not None
        errors = child.stderr.read()
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()
    assert not stopped_by_itself, f"the worker stopped by itself: {errors[-2000:]}"
    return lines, snapshots


def _acks(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[1] for line in lines if line.startswith("ack ")]


def _starts(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[1] for line in lines if line.startswith("start ")]


def _in_flight(lines: list[str], before: set[str]) -> set[str]:
    """The rounds whose writes may be on disk after a cut, given what the writer said
    before it: the last round acknowledged (or, if none was in these lines, whatever
    the disk held before this run: ``before``) and any round started after it."""
    acks = _acks(lines)
    last_ack = max((i for i, line in enumerate(lines) if line.startswith("ack ")), default=-1)
    return ({acks[-1]} if acks else set(before)) | set(_starts(lines[last_ack + 1:]))


def _everyone_there(outcome: Outcome) -> list[str]:
    return [f"person {p}" for p in sorted({f"Person {n}" for n in range(PEOPLE)}
                                          - outcome.people)]


# -- the scenarios ------------------------------------------------------------------------


def test_power_cut_while_the_command_line_logs_check_ins(tmp_path: Path,
                                                         figures: Figures) -> None:
    keystore = KeyringKeyStore(FileKeyring(tmp_path / "keyring.json"))
    bench = _bench(tmp_path, "cli", keystore, people=["Ruth"])
    tally = Tally("check-ins logged from the command line")
    for run in range(RUNS):
        before = set(bench.ever_acknowledged)
        done, snapshots = _commands_until_cut(
            bench, lambda n, run=run: ["log", "Ruth", "--mode", "text", "--note", f"r{run}-{n}"],
            within=2.0)
        bench.ever_acknowledged.update(f"r{run}-{n}" for n in done)
        outcome = after_the_cut(bench)
        tally.add(run, outcome, len(done), sorted(bench.ever_acknowledged - outcome.notes))

        def judge(outcome: Outcome, numbers: list[int], run: int = run,
                  before: set[str] = before) -> tuple[int, list[str]]:
            acknowledged = before | {f"r{run}-{n}" for n in numbers}
            return len(numbers), sorted(acknowledged - outcome.notes)

        tally.check(run, snapshots, judge)
    tally.done(figures)
    assert tally.acknowledged > 0  # cuts landed after some commands had finished


def test_power_cut_while_the_app_logs_check_ins(tmp_path: Path, figures: Figures) -> None:
    """The services the app uses, committing as fast as they can (writer_process)."""
    bench = _bench(tmp_path, "services", people=["Ruth"])
    tally = Tally("check-ins logged by the app's services")
    key = bench.keystore.get(bench.uuid)
    assert key is not None
    for run in range(RUNS):
        lines: list[str] = []
        before = set(bench.ever_acknowledged)
        bench.progress.unlink(missing_ok=True)
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
            snapshots = _take_snapshots(bench, disk, bench.rng.uniform(0, 0.5),
                                        lambda child=child: [child],
                                        lambda: said(bench.progress))
            disk.cut(*bench.mode(), writers=[child])
            reader.join(timeout=10)
            child.stdin.close()
            child.stdout.close()
        acks = {line.split()[1] for line in lines if line.startswith("ack ")}
        bench.ever_acknowledged |= acks
        outcome = after_the_cut(bench)
        tally.add(run, outcome, len(acks), sorted(bench.ever_acknowledged - outcome.notes))

        def judge(outcome: Outcome, said_then: list[str],
                  before: set[str] = before) -> tuple[int, list[str]]:
            acks = set(_acks(said_then))
            return len(acks), sorted((before | acks) - outcome.notes)

        tally.check(run, snapshots, judge)
    tally.done(figures)
    assert tally.acknowledged > RUNS


def test_power_cut_while_people_are_edited(tmp_path: Path, figures: Figures) -> None:
    """Every person's page edited as the editor does it (the Application's use case):
    each person shows the notes and number of the last round acknowledged, or of a
    round under way; never a mix of rounds within one person, never older."""
    bench = _bench(tmp_path, "edit")
    tally = Tally("editing people")
    held = {""}  # the rounds the pages show now ("": never edited)

    def judge(outcome: Outcome, lines: list[str], held: set[str]) -> tuple[int, list[str]]:
        allowed = _in_flight(lines, held)
        lost = _everyone_there(outcome)
        for name, (notes, phones) in sorted(outcome.pages.items()):
            shown = notes.removeprefix("e")
            number = f"+44 20 7946 {int(shown) % 10000:04d}" if shown else None
            if shown not in allowed or phones != ((number,) if number else ()):
                lost.append(f"{name} shows {notes!r} {phones} (allowed: {sorted(allowed)})")
        return len(_acks(lines)), lost

    for run in range(RUNS):
        lines, snapshots = _worker_until_cut(bench, 1.0, "edit", str(run * 100_000))
        outcome = after_the_cut(bench)
        tally.add(run, outcome, *judge(outcome, lines, held))
        tally.check(run, snapshots, lambda outcome, said_then, held=set(held): judge(
            outcome, said_then, held))
        held = {notes.removeprefix("e") for notes, _phones in outcome.pages.values()}
    tally.done(figures)
    assert tally.acknowledged > 0


def test_power_cut_while_settings_change(tmp_path: Path, figures: Figures) -> None:
    """The reminder settings, changed as Settings does (two changes a round): each
    shows the value of the last round acknowledged, or of a round under way."""
    bench = _bench(tmp_path, "settings")
    tally = Tally("changing settings")
    held = (CADENCE_DAYS[Ring.MIDDLE].default, QUIET_START.default.hour)

    def judge(outcome: Outcome, lines: list[str], held: tuple[int, int]) -> tuple[int, list[str]]:
        acks = _acks(lines)
        rounds = _in_flight(lines, set()) if acks else _in_flight(lines, set()) | {"held"}
        cadences = {held[0] if n == "held" else 1 + int(n) % 365 for n in rounds}
        hours = {held[1] if n == "held" else int(n) % 24 for n in rounds}
        lost = []
        if not outcome.failed_open and outcome.cadence_middle not in cadences:
            lost.append(f"cadence {outcome.cadence_middle}, allowed {sorted(cadences)}")
        if not outcome.failed_open and outcome.quiet_start_hour not in hours:
            lost.append(f"quiet hours from {outcome.quiet_start_hour}, allowed {sorted(hours)}")
        return len(acks), lost

    for run in range(RUNS):
        lines, snapshots = _worker_until_cut(bench, 1.0, "settings", str(run * 100_000))
        outcome = after_the_cut(bench)
        tally.add(run, outcome, *judge(outcome, lines, held))
        tally.check(run, snapshots, lambda outcome, said_then, held=held: judge(
            outcome, said_then, held))
        held = (outcome.cadence_middle, outcome.quiet_start_hour)
    tally.done(figures)
    assert tally.acknowledged > 0


def test_power_cut_while_backups_are_written_and_rotated(tmp_path: Path,
                                                         figures: Figures) -> None:
    bench = _bench(tmp_path, "backup")
    tally = Tally("backup and rotation")

    def judge(outcome: Outcome, lines: list[str]) -> tuple[int, list[str]]:
        acks = _acks(lines)
        # Rotation keeps three, so the newest acknowledged backup is always kept.
        lost = [acks[-1]] if acks and acks[-1] not in outcome.good_backups else []
        return len(acks), lost + _everyone_there(outcome)

    for run in range(RUNS):
        lines, snapshots = _worker_until_cut(bench, 1.0, "backup")
        outcome = after_the_cut(bench)
        tally.add(run, outcome, *judge(outcome, lines))
        tally.check(run, snapshots, judge)
        # What cut-short backups leave is cleared by the next one: it never piles up.
        folder = bench.on_disk / BACKUP_DIR
        kept = {p.name for p in list_backups(folder)}
        leftovers = [p.name for p in folder.iterdir() if p.name not in kept and not (
            p.name.endswith(".json") and p.name[:-5] in kept)] if folder.is_dir() else []
        if len(leftovers) > 6:
            tally.problems.append(f"run {run}: {len(leftovers)} leftovers: {leftovers[:6]}")
    tally.done(figures)
    _a_damaged_vault_restores_from_what_the_cuts_left(bench)


def _a_damaged_vault_restores_from_what_the_cuts_left(bench: Bench) -> None:
    """The check's other branch, which the cuts themselves never reached: the database
    as good as gone, and the newest backup the cuts left behind restores it whole."""
    copy = bench.root / "damaged"
    shutil.copytree(bench.backing, copy / "disk")
    bench.keep_keys(copy)
    damaged = bench.at(copy)
    with open(damaged.on_disk / DB_FILE, "r+b") as db:
        db.write(os.urandom(8192))  # the first pages: the header and the schema
    for journal in ("-wal", "-shm"):
        (damaged.on_disk / f"{DB_FILE}{journal}").unlink(missing_ok=True)
    outcome = after_the_cut(damaged)
    assert outcome.restored_from, outcome.failed_open or "the damaged file opened"
    assert outcome.failed_open == ""
    assert _everyone_there(outcome) == []


@pytest.mark.parametrize("operation", ["rotate", "rewrap"])
def test_power_cut_while_vault_json_changes(operation: str, tmp_path: Path,
                                            figures: Figures) -> None:
    """Key rotation rewrites vault.json (and the keyring) several times per round."""
    bench = _bench(tmp_path, operation)
    label = {"rotate": "key rotation", "rewrap": "key rotation under the recovery key"}
    tally = Tally(label[operation])

    def judge(outcome: Outcome, lines: list[str], bench: Bench) -> tuple[int, list[str]]:
        if not outcome.failed_open:
            try:  # the recovery key the person holds still opens it, whatever was cut
                Vault.recover(bench.on_disk, bench.recovery_key, bench.keystore,
                              store_key=False).close()
            except KnownError as error:
                outcome.failed_open = f"the recovery key no longer opens it: {error}"
        return len(_acks(lines)), _everyone_there(outcome)

    for run in range(RUNS):
        lines, snapshots = _worker_until_cut(bench, 1.0, operation, stdin=bench.recovery_key)
        outcome = after_the_cut(bench)
        # judged before it is added: the recovery check may mark the open as failed
        acknowledged, lost = judge(outcome, lines, bench)
        tally.add(run, outcome, acknowledged, lost)
        for number, snapshot in enumerate(snapshots):
            seen = after_the_cut(snapshot.bench)
            tally.add(run * 100 + number + 1, seen, *judge(seen, snapshot.noted, snapshot.bench))
            shutil.rmtree(snapshot.bench.root)
    tally.done(figures)


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

    def judge(outcome: Outcome, lines: list[str], current: str) -> tuple[int, list[str]]:
        allowed = _in_flight(lines, {current})
        found = [name for name, people in contents.items() if people == outcome.people]
        lost = [] if set(found) & allowed or outcome.failed_open else [
            f"the vault holds neither {sorted(allowed)}"]
        return len(_acks(lines)), lost

    for run in range(RUNS):
        lines, snapshots = _worker_until_cut(bench, 1.5, "restore", str(sources / "first.sdbackup"),
                                             str(sources / "both.sdbackup"))
        outcome = after_the_cut(bench)
        tally.add(run, outcome, *judge(outcome, lines, current))
        tally.check(run, snapshots, lambda outcome, said_then, current=current: judge(
            outcome, said_then, current))
        found = [name for name, people in contents.items() if people == outcome.people]
        if found:
            current = found[0]
    tally.done(figures)


def test_power_cut_while_the_schema_migrates(tmp_path: Path, figures: Figures) -> None:
    bench = _bench(tmp_path, "migrate")
    tally = Tally("migration")

    def judge(outcome: Outcome, lines: list[str]) -> tuple[int, list[str]]:
        lost = _everyone_there(outcome)
        if not outcome.failed_open and EXTRA_COLUMN not in outcome.columns:
            lost.append("the migration's column")
        return len(_acks(lines)), lost

    for run in range(RUNS):
        lines, snapshots = _worker_until_cut(bench, 1.5, "migrate")
        outcome = after_the_cut(bench, steps=list(MIGRATE_STEPS))
        tally.add(run, outcome, *judge(outcome, lines))
        tally.check(run, snapshots, judge, steps=list(MIGRATE_STEPS))
    tally.done(figures)


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

    def judge(outcome: Outcome, backing: Path, acknowledged: bool) -> list[str]:
        written = backing / out
        if written.exists() and written.read_bytes() != expected:
            return [f"a partial export ({written.stat().st_size} bytes)"]
        if not written.exists() and acknowledged:
            return ["the acknowledged export"]
        return []

    for run in range(RUNS):
        before = bool(bench.ever_acknowledged)
        done, snapshots = _commands_until_cut(
            bench, lambda n: ["export", "--format", "csv", "--yes", str(bench.mountpoint / out)],
            within=2.0)
        if done:
            bench.ever_acknowledged.add(out)
        outcome = after_the_cut(bench)
        tally.add(run, outcome, len(done), judge(outcome, bench.backing,
                                                 bool(bench.ever_acknowledged)))
        for number, snapshot in enumerate(snapshots):
            judged = judge(Outcome(), snapshot.bench.backing, before or bool(snapshot.noted))
            seen = after_the_cut(snapshot.bench)
            tally.add(run * 100 + number + 1, seen, len(snapshot.noted), judged)
            shutil.rmtree(snapshot.bench.root)
    tally.done(figures)
    assert tally.acknowledged > 0


def test_power_cut_while_vaults_are_created(tmp_path: Path, figures: Figures) -> None:
    """``supportdesk init``: a vault it announced opens; one it did not is whole or absent."""
    keystore = KeyringKeyStore(FileKeyring(tmp_path / "keyring.json"))
    bench = _bench(tmp_path, "init", keystore)
    (bench.backing / "vaults").mkdir()
    tally = Tally("vault creation")

    def judge(bench: Bench, announced: set[str]) -> tuple[Outcome, list[str]]:
        outcome = Outcome()
        for folder in sorted((bench.backing / "vaults").iterdir()):
            if not (folder / DB_FILE).exists():
                continue  # never made: the next start is a first run, as it should be
            try:
                Vault.open(folder, bench.keystore).close()
            except KnownError as error:
                outcome.failed_open = f"{folder.name}: {type(error).__name__}: {error}"
        present = {f.name for f in (bench.backing / "vaults").iterdir()
                   if (f / DB_FILE).exists()}
        return outcome, sorted(announced - present)

    for run in range(RUNS):
        before = set(bench.ever_acknowledged)
        done, snapshots = _commands_until_cut(
            bench, lambda n, run=run: [
                "--data-dir", str(bench.mountpoint / "vaults" / f"v{run}-{n}"), "init"],
            within=2.0)
        bench.ever_acknowledged.update(f"v{run}-{n}" for n in done)
        tally.add(run, *judge(bench, bench.ever_acknowledged)[:1], len(done),
                  judge(bench, bench.ever_acknowledged)[1])
        for number, snapshot in enumerate(snapshots):
            announced = before | {f"v{run}-{n}" for n in snapshot.noted}
            outcome, lost = judge(snapshot.bench, announced)
            tally.add(run * 100 + number + 1, outcome, len(snapshot.noted), lost)
            shutil.rmtree(snapshot.bench.root)
    tally.done(figures)
    assert tally.acknowledged > 0
