"""With an app-lock PIN set, commands that show or change your network ask for it.

Asked for with ``getpass`` in a terminal (up to three tries). A script without a
terminal is refused with one clear line unless it passes the PIN on standard input
and says so with ``--pin-stdin`` (the first line of standard input is the PIN), so a
PIN is never taken from somewhere the person did not choose. Wrong PINs slow down
exactly as in the app (the count and the pause are kept in the vault).

Which commands ask: every one that opens the vault through ``_session_opener`` — those
that show names and notes (``list``, ``show``, ``due``, ``reach``, ``gratitude``,
``plan``), those that change the network (``add``, ``edit``, ``remove``, ``log``,
``pause``, ``resume``, ``snooze``, ``thanks``, ``import``), ``export`` (it writes it out
unencrypted) and ``restore`` (it replaces everything, and an older backup may have no
PIN). ``check``, ``backup``, ``recover`` and ``init`` show nothing personal and do not;
nor does ``lines``, which shows what the lock screen's crisis help shows.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from supportdesk.services.app_lock import PinError, pause_words, session_lock
from supportdesk.services.session import Session

TERMINAL_TRIES = 3
NO_TERMINAL = ("SupportDesk is protected by a PIN. Run this command in a terminal to type "
               "it, or give it on standard input with --pin-stdin.")
NO_PIN_GIVEN = "No PIN came on standard input, so nothing was shown or changed."
WRONG = "That PIN didn't match."


def _read_pin(args: argparse.Namespace) -> str:
    if getattr(args, "pin_stdin", False):
        line = sys.stdin.readline()
        if not line.strip():
            raise PinError(NO_PIN_GIVEN)
        return line.strip()
    if not sys.stdin.isatty():
        raise PinError(NO_TERMINAL)
    return getpass.getpass("PIN: ")


def ask_for_pin(session: Session, args: argparse.Namespace) -> None:
    """Return once the right PIN was given (or none is set); raise PinError if not."""
    lock = session_lock(session)
    if not lock.policy().has_pin:
        return
    tries = TERMINAL_TRIES if not getattr(args, "pin_stdin", False) else 1
    for left in range(tries - 1, -1, -1):
        wait = lock.seconds_to_wait()
        if wait:
            raise PinError(f"{pause_words(wait)} Nothing was shown or changed.")
        attempt = lock.try_pin(_read_pin(args))
        if attempt.ok:
            return
        if attempt.wait_seconds:
            raise PinError(f"{WRONG} {pause_words(attempt.wait_seconds)}")
        if left:
            print(f"{WRONG} Please try again.", file=sys.stderr)
    raise PinError(f"{WRONG} Nothing was shown or changed.")


def unlocked(session: Session, args: argparse.Namespace) -> Session:
    """``session`` once its PIN (if any) was given; closed and PinError if it was not."""
    try:
        ask_for_pin(session, args)
    except BaseException:
        session.close()
        raise
    return session
