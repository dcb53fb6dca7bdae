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

from supportdesk.cli.pin_prompt import unlocked
from supportdesk.core.errors import (
    DamagedVaultError,
    KeyMissingError,
    KeyringUnavailableError,
    NoVaultError,
    WrongKeyError,
)
from supportdesk.services import backups
from supportdesk.services import session as sessions
from supportdesk.services.application import Application
from supportdesk.services.paths import data_dir
from supportdesk.services.session import Session, create_session, recover_session
from supportdesk.vault.backup import backup_name
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.recovery import GROUP_SIZE, GROUPS
from supportdesk.vault.vault import Vault

NO_KEYRING_INIT_HINT = (
    "Nothing was made. Sign in to a desktop session with a keyring and try again; the "
    "SupportDesk app can also start without one, with a recovery key you type each time."
)
NO_KEYRING_CLI_HINT = (
    "Add --recovery-key-stdin to type your recovery key for this one command (the keyring "
    "is left alone), or sign in to a desktop session with a keyring and try again."
)

RECOVERY_EXPLAINED = f"""\
This is your recovery key.

    {{key}}

Your vault is locked with a key kept in your computer's keyring. If that key is
ever lost (a new computer, a reset keyring), this recovery key is the only way
back in. Please write it down or print it, and keep it somewhere safe and private,
away from this computer. It is {GROUPS} groups of {GROUP_SIZE} letters and digits;
capitals, spaces and dashes do not matter when you type it in.
"""
UNTIL_CONFIRMED = (
    "SupportDesk shows this key until you say it is stored (then it is kept nowhere): "
    "'supportdesk recovery-key' shows it again, 'supportdesk recovery-key --confirm' "
    "says it is stored."
)


def register(sub: Any) -> None:
    init = sub.add_parser("init", help="create a new vault and show its recovery key")
    init.add_argument("--start-fresh", action="store_true",
                      help="make a new, empty vault where a vault's database has gone "
                           "(its old vault.json is kept aside under a dated name)")
    init.set_defaults(func=run_init)

    key = sub.add_parser(
        "recovery-key", help="show the recovery key until it is confirmed, confirm it, "
                             "or make a new one",
        description="Without options: show the recovery key again while it has not been "
                    "confirmed as stored. --new makes a new recovery key; the old one then "
                    "stops opening the vault.")
    what = key.add_mutually_exclusive_group()
    what.add_argument("--confirm", action="store_true",
                      help="say the recovery key is stored somewhere safe")
    what.add_argument("--new", action="store_true",
                      help="make a new recovery key (the old one stops working)")
    key.add_argument("--yes", "-y", action="store_true", help="make a new key without asking")
    key.set_defaults(func=run_recovery_key)

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
    """How every subcommand opens the vault: --data-dir, the keyring, checks first.

    With --recovery-key-stdin the recovery key opens it for this command only (the
    keyring is neither read nor written): the way in when there is no keyring.
    """
    if getattr(args, "demo", False):
        return _demo_session()
    folder = data_dir(args.data_dir)
    given = given_recovery_key(args)
    if given is not None:
        return recover_session(folder, given, MemoryKeyStore(), store_key=False)
    try:
        return sessions.open_session(folder, on_wait=_tell_waiting)
    except KeyringUnavailableError as error:
        raise KeyringUnavailableError(error.message, hint=NO_KEYRING_CLI_HINT) from None


def given_recovery_key(args: argparse.Namespace) -> str | None:
    """The recovery key asked for with --recovery-key-stdin (read once), else None."""
    if not getattr(args, "recovery_key_stdin", False):
        return None
    if getattr(args, "recovery_key_value", None) is None:
        args.recovery_key_value = read_recovery_key()
    return str(args.recovery_key_value)


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
    try:
        session, recovery_key = create_session(folder, start_fresh=args.start_fresh,
                                               until_confirmed=True)
    except KeyringUnavailableError as error:
        raise KeyringUnavailableError(error.message, hint=NO_KEYRING_INIT_HINT) from None
    try:
        print(f"Your new vault is made in {folder}.\n")
        if args.start_fresh:
            print("The old vault.json was kept aside beside it, with the date in its name.\n")
        print(RECOVERY_EXPLAINED.format(key=recovery_key))
        _ask_stored(backups.session_vault(session))
    finally:
        session.close()
    return 0


def _ask_stored(vault: Vault) -> None:
    """Confirm the shown key is stored: asked at a terminal, else left for later."""
    if sys.stdin.isatty():
        answer = input("Have you stored it somewhere safe? [y/N] ").strip().casefold()
        if answer in ("y", "yes"):
            vault.confirm_recovery_key()
            print("Thank you. Your vault is ready.")
            return
    print(UNTIL_CONFIRMED)


def run_recovery_key(args: argparse.Namespace) -> int:
    from supportdesk.cli.data_commands import confirm

    session = open_session(args)
    try:
        vault = backups.session_vault(session)
        if args.confirm:
            if vault.unconfirmed_recovery_key() is None:
                print("Your recovery key was already confirmed as stored.")
            vault.confirm_recovery_key()
            print("Thank you: the recovery key is confirmed, and SupportDesk keeps no copy.")
            return 0
        if args.new:
            if not confirm("Make a new recovery key? Your current one will stop opening "
                           "this vault.", args.yes):
                print("Nothing was changed.")
                return 1
            recovery_key = vault.new_recovery_key()
            print("Your new recovery key is made. The old one no longer opens this vault "
                  "(backups made before now still open with the old one).\n")
            print(RECOVERY_EXPLAINED.format(key=recovery_key))
            _ask_stored(vault)
            return 0
        shown = vault.unconfirmed_recovery_key()
        if shown is None:
            print("Your recovery key was confirmed as stored, and SupportDesk keeps no copy "
                  "of it, so it cannot be shown again. 'supportdesk recovery-key --new' "
                  "makes a new one (the old one then stops working).")
            return 1
        print(RECOVERY_EXPLAINED.format(key=shown))
        _ask_stored(vault)
        return 0
    finally:
        session.close()


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
    try:
        session = recover_session(folder, read_recovery_key())
    except KeyringUnavailableError as error:
        raise KeyringUnavailableError(error.message, hint=NO_KEYRING_CLI_HINT) from None
    session.close()
    print("Your vault is open again and its key is back in your keyring.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    session = open_session(args)
    try:
        target: Path = args.out.expanduser().absolute()
        if target.is_dir():
            folder, now, number = target, session.clock(), 2
            target = folder / backup_name(now)
            while target.exists():  # a backup made in the same second is kept too
                target = folder / backup_name(now, f"copy-{number}")
                number += 1
        written = backups.back_up_to(session, target)
    finally:
        session.close()
    print(f"Encrypted backup saved to {written}")
    print("It opens with this vault's key, or with your recovery key.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from supportdesk.cli.data_commands import confirm

    path: Path = args.file.expanduser().absolute()
    try:
        session = open_session(args)
    except (NoVaultError, DamagedVaultError):
        # Nothing to open (damaged, gone, or a new computer): put the backup in its place.
        return _restore_in_place(args, path)
    session = unlocked(session, args)  # an older backup may have no PIN
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


def _restore_in_place(args: argparse.Namespace, path: Path) -> int:
    """Restore where the vault cannot be opened: damaged, missing, or no vault at all."""
    from supportdesk.cli.data_commands import confirm

    folder = data_dir(args.data_dir)
    keystore = sessions.keyring_store()
    recovery_key = given_recovery_key(args)
    try:
        info = Vault.inspect_for_restore(folder, path, keystore, recovery_key)
    except (KeyMissingError, KeyringUnavailableError, WrongKeyError):
        if recovery_key is not None or not sys.stdin.isatty():
            raise
        print("The keyring does not have this vault's key; your recovery key opens the backup.")
        recovery_key = read_recovery_key()
        info = Vault.inspect_for_restore(folder, path, keystore, recovery_key)
    for line in backups.describe_backup(info):
        print(line)
    print("Both integrity checks passed.")
    if not confirm(f"Put this backup in place of the vault in {folder}?", args.yes):
        print("Nothing was changed.")
        return 1
    kept = Vault.restore_damaged(folder, path, keystore, recovery_key)
    print(f"Restored: your vault in {folder} holds this backup now.")
    if kept is not None:
        print(f"The damaged file was kept as {kept}")
    if recovery_key is not None:
        try:  # put the key back in the keyring, so the next command opens as usual
            recover_session(folder, recovery_key, keystore).close()
        except KeyringUnavailableError:
            print("There is no keyring here: add --recovery-key-stdin to each command.")
    return 0
