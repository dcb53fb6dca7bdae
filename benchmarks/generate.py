"""A "ten busy years" vault: 2,000 supporters of every kind, 200,000 check-ins,
20,000 gratitude entries, with realistic availability, contacts and cadences.

    python -m benchmarks.generate [--out DIR] [--force]

Rows go in through the store layer (``Repository.add_supporters`` and the check-in
and gratitude models with ``insert_many``) inside big transactions: about half a
minute here. The vault is cached under ``benchmarks/.cache/`` and rebuilt only when
missing or with ``--force``. Its key sits in a file-backed keyring (the tests'
``FileKeyring``) so the real app can open it from a benchmark child process.
The random generator is seeded: every build holds the same network.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from supportdesk.core.kinds import (
    ContactType,
    Direction,
    Initiator,
    Kind,
    Mode,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.model import (
    ALL_DAYS,
    WEEKDAYS,
    AvailabilityWindow,
    Cadence,
    CheckIn,
    ContactMethod,
    Supporter,
)
from supportdesk.store import convert, database
from supportdesk.store.models import CheckInRow, GratitudeRow
from supportdesk.store.repository import Repository
from supportdesk.vault.keystore import KeyringKeyStore
from supportdesk.vault.vault import Vault
from tests.reliability.file_keyring import FileKeyring

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
SUPPORTERS = 2_000
CHECKINS = 200_000
GRATITUDE = 20_000
YEARS = 10
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
BATCH = 5_000

FIRST = ["Alex", "Sam", "Jo", "Priya", "Tomasz", "Aisha", "Liam", "Mei", "Olu", "Zoë",
         "Carmen", "Ravi", "Niamh", "Yusuf", "Hana", "Emeka", "Ingrid", "Mateo", "Sasha", "Kofi"]
LAST = ["Smith", "Okafor", "Nowak", "Patel", "García", "Chen", "O'Brien", "Haddad", "Kim",
        "Jones", "Müller", "Silva", "Ahmed", "Rossi", "Andersson", "Mensah", "Dubois", "Ivanova"]
GROUPS = ["Hearing Voices", "Walking group", "Peer support circle", "Men's shed", "Choir",
          "Allotment club", "Recovery café", "Book club", "Parents' group", "Art therapy"]
NOTES = ["Good listener, best in the evenings.", "Prefers texts to calls.",
         "Knows about the hard winters.", "Ask about the garden.", "Practical help with forms.",
         "Calm in a crisis.", ""]
CHECKIN_NOTES = ["Talked it through.", "Walk in the park.", "Quick text, felt better.",
                 "Coffee and a chat.", "", "", ""]
KIND_WEIGHTS = {Kind.PARTNER: 1, Kind.FAMILY: 12, Kind.FRIEND: 40, Kind.PROFESSIONAL: 15,
                Kind.GROUP: 12, Kind.ONLINE: 12, Kind.CRISIS: 8}


def scale_dir(base: Path = CACHE) -> Path:
    return base / "scale-vault"


def keyring_file(base: Path = CACHE) -> Path:
    return base / "keyring.json"


def _availability(rng: random.Random, kind: Kind) -> list[AvailabilityWindow]:
    if kind is Kind.CRISIS:
        return [AvailabilityWindow.always()]
    if kind is Kind.PROFESSIONAL:
        return [AvailabilityWindow.office_hours()]
    if kind is Kind.GROUP:
        return [AvailabilityWindow(frozenset({rng.randrange(7)}), time(19, 0), time(21, 0))]
    start = rng.choice([7, 8, 9, 17, 18])
    evening = AvailabilityWindow(frozenset(rng.sample(sorted(ALL_DAYS), rng.randint(2, 7))),
                                 time(start, 0), time(min(start + 4, 23), 0))
    return [evening] + ([AvailabilityWindow(WEEKDAYS, time(12, 0), time(13, 0))]
                        if rng.random() < 0.3 else [])


def _supporter(rng: random.Random, number: int) -> Supporter:
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    if kind is Kind.GROUP:
        name = f"{rng.choice(GROUPS)} {number}"
    elif kind in (Kind.ONLINE, Kind.CRISIS):
        name = f"{rng.choice(['Forum', 'Line', 'Chat', 'Community'])} {number}"
    else:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
    contacts = [ContactMethod(ContactType.PHONE, f"+44 7700 {900000 + number:06d}",
                              "mobile", True)]
    if rng.random() < 0.6:
        contacts.append(ContactMethod(ContactType.EMAIL, f"person{number}@example.org"))
    ring = rng.choices(list(Ring), weights=[1, 3, 6])[0]
    return Supporter(
        name=name, kind=kind,
        role=rng.choice([r for r in Role if r is not Role.NONE])
        if kind is Kind.PROFESSIONAL else Role.NONE,
        ring=ring, tie=rng.choice(list(TieStrength)), stressful=rng.random() < 0.08,
        direction=rng.choice(list(Direction)), contacts=contacts,
        availability=_availability(rng, kind),
        meeting_schedule="Tuesdays 7pm" if kind is Kind.GROUP else "",
        notes=rng.choice(NOTES),
        cadence=Cadence(every=timedelta(days=rng.choice([3, 7, 14, 30, 90]))
                        if rng.random() < 0.4 else None, paused=rng.random() < 0.03),
        created=NOW - timedelta(days=YEARS * 365),
    )


def _checkin_rows(rng: random.Random, ids: list[int]) -> list[dict[str, object]]:
    # Inner-ring people get most of the contact, as in life.
    weights = [rng.choice([30, 8, 2]) for _ in ids]
    supports = list(SupportType)
    rows = []
    for supporter_id in rng.choices(ids, weights=weights, k=CHECKINS):
        at = NOW - timedelta(minutes=rng.randrange(YEARS * 365 * 24 * 60))
        rows.append(convert.checkin_fields(CheckIn(
            supporter_id=supporter_id, at=at, mode=rng.choice(list(Mode)),
            initiator=rng.choice(list(Initiator)),
            mood_before=rng.choice([None, 1, 2, 3, 3, 4]),
            mood_after=rng.choice([None, 2, 3, 4, 4, 5]),
            support_given=frozenset(rng.sample(supports, rng.randint(0, 2))),
            support_received=frozenset(rng.sample(supports, rng.randint(0, 2))),
            note=rng.choice(CHECKIN_NOTES),
        )))
    return rows


def build(target: Path, keyring_path: Path, seed: int = 2026) -> Path:
    """Build the scale vault at ``target`` (which must not exist yet)."""
    rng = random.Random(seed)
    keys = KeyringKeyStore(FileKeyring(keyring_path))
    vault, _recovery = Vault.create(target, keys)
    try:
        database.bind(vault.db)
        repo = Repository()
        ids = repo.add_supporters([_supporter(rng, n) for n in range(SUPPORTERS)], now=NOW)
        rows = _checkin_rows(rng, ids)
        with vault.db.atomic():
            for start in range(0, len(rows), BATCH):
                CheckInRow.insert_many(rows[start:start + BATCH]).execute()
            database.run_sql(vault.db, """
                UPDATE supporter SET last_contact =
                    (SELECT max(at) FROM check_in WHERE check_in.supporter_id = supporter.id)""")
            gratitude = [{"supporter": rng.choice(ids),
                          "on": date.fromordinal(NOW.date().toordinal() - rng.randrange(3650)),
                          "text": rng.choice(["Thank you for listening.", "The lift to the clinic.",
                                              "Checking in when I went quiet."]),
                          "thanked": rng.random() < 0.5} for _ in range(GRATITUDE)]
            for start in range(0, len(gratitude), BATCH):
                GratitudeRow.insert_many(gratitude[start:start + BATCH]).execute()
        database.run_sql(vault.db, "ANALYZE")
        database.run_sql(vault.db, "PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        vault.close()
    return target


def ensure(base: Path = CACHE, force: bool = False) -> Path:
    """The cached scale vault, built first if missing (or if ``force``)."""
    target = scale_dir(base)
    if force and target.exists():
        shutil.rmtree(target)
        keyring_file(base).unlink(missing_ok=True)
    if not (target / "supportdesk.db").exists():
        if target.exists():
            shutil.rmtree(target)  # an interrupted build
        keyring_file(base).unlink(missing_ok=True)
        base.mkdir(parents=True, exist_ok=True)
        started = clock.perf_counter()
        build(target, keyring_file(base))
        print(f"built the scale vault in {clock.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CACHE)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    print(ensure(args.out, args.force))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
