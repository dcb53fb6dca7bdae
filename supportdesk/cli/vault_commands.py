"""``supportdesk init | check | recover | backup OUT | restore FILE``, and how every
subcommand opens the vault (``open_session``)."""

from __future__ import annotations

import argparse
import atexit
import getpass
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from supportdesk.core.errors import WrongKeyError
from supportdesk.services import backups
from supportdesk.services.application import Application
from supportdesk.services.paths import data_dir
from supportdesk.services.session import Session, create_session, recover_session
from supportdesk.services.session import open_session as open_vault_session
from supportdesk.vault.backup import backup_name
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.recovery import GROUP_SIZE, GROUPS

RECOVERY_EXPLAINED = f"""\
This is your recovery key. It is shown only this once.

    {{key}}

Your vault is locked with a key kept in your computer's keyring. If that key is
ever lost (a new computer, a reset keyring), this recovery key is the only way
back in. Please write it down or print it, and keep it somewhere safe and private,
away from this computer. It is {GROUPS} groups of {GROUP_SIZE} letters and digits;
capitals, spaces and dashes do not matter when you type it in.
"""


def register(sub: Any) -> None:
    init = sub.add_parser("init", help="create a new vault and show its recovery key")
    init.set_defaults(func=run_init)

    check = sub.add_parser("check", help="check the vault's key and both integrity checks")
    check.set_defaults(func=run_check)

    recover = sub.add_parser(
        "recover", help="open the vault with your recovery key and put its key back in the keyring",
        description="Reads the recovery key from the terminal (hidden), or from standard "
                    "input when it is piped in.")
    recover.set_defaults(func=run_recover)

    backup = sub.add_parser("backup", help="write an encrypted backup of the vault")
    backup.add_argument("out", metavar="OUT", type=Path,
                        help="backup file to write, or a folder to put it in")
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="replace the vault with an encrypted backup")
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument("--yes", "-y", action="store_true", help="restore without asking")
    restore.set_defaults(func=run_restore)


def open_session(args: argparse.Namespace) -> Session:
    """How every subcommand opens the vault: --data-dir, the keyring, checks first."""
    if getattr(args, "demo", False):
        return _demo_session()
    return open_vault_session(data_dir(args.data_dir), on_wait=_tell_waiting)


def _tell_waiting(message: str) -> None:
    print(f"supportdesk: {message}", file=sys.stderr, flush=True)


def _demo_session() -> Session:
    """A throwaway vault with the sample network, removed when the command ends."""
    from supportdesk.services.demo import fill_demo

    folder = Path(tempfile.mkdtemp(prefix="supportdesk-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    session, _recovery_key = create_session(folder, MemoryKeyStore())
    fill_demo(session, session.clock())
    return session


def run_init(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    session, recovery_key = create_session(folder)
    session.close()
    print(f"Your new vault is ready in {folder}.\n")
    print(RECOVERY_EXPLAINED.format(key=recovery_key))
    return 0


def run_check(args: argparse.Namespace) -> int:
    app = Application(open_session(args))
    try:
        vault = backups.session_vault(app.session)
        problems = vault.check()
        counts = app.counts()
        print(f"Vault: {vault.path}")
        print(f"Key: kept in {vault.metadata.keyring_backend}")
        print(f"Schema version: {vault.metadata.schema_version}")
        print("Holds: " + ", ".join(backups.describe_counts(counts)))
        if problems:
            print("Problems found:")
            for problem in problems:
                print(f"  - {problem}")
            print("A backup can be restored with 'supportdesk restore FILE'.")
            return 1
        print("All is well: the key matches and both integrity checks passed.")
        return 0
    finally:
        app.close()


def read_recovery_key(prompt: str = "Recovery key: ") -> str:
    """From the terminal without echo, or one line from standard input when piped."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def run_recover(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    session = recover_session(folder, read_recovery_key())
    session.close()
    print("Your vault is open again and its key is back in your keyring.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        target: Path = args.out.expanduser().absolute()
        if target.is_dir():
            target = target / backup_name(session.clock())
        written = backups.back_up_to(session, target)
    finally:
        session.close()
    print(f"Encrypted backup saved to {written}")
    print("It opens with this vault's key, or with your recovery key.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from supportdesk.cli.data_commands import confirm

    path: Path = args.file.expanduser().absolute()
    session = open_session(args)
    try:
        recovery_key = None
        try:
            info = backups.inspect_backup(session, path)
        except WrongKeyError:
            if not sys.stdin.isatty():
                raise
            print("This backup was made with an older key; your recovery key opens it.")
            recovery_key = read_recovery_key()
            info = backups.inspect_backup(session, path, recovery_key)
        for line in backups.describe_backup(info):
            print(line)
        print("Both integrity checks passed.")
        if not confirm("Replace your vault with this backup? (A backup of it is made first.)",
                       args.yes):
            print("Nothing was changed.")
            return 1
        safety = backups.restore_backup(session, path, recovery_key)
    finally:
        session.close()
    print("Restored. Your vault as it was just before is kept in:")
    print(f"  {safety}")
    return 0
