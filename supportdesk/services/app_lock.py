"""The opt-in app lock: PIN hashing and checking, the idle policy, and "locked now".

The PIN is kept only as a scrypt hash with its own random salt, in the vault's
settings. ``is_locked()`` is read by the reminder code so notifications stay
discreet while the window is locked.

With a PIN set, the app starts locked and the command line asks for it. Wrong PINs
slow down: after every ``TRIES_BEFORE_PAUSE`` wrong tries the next one is heard only
after a pause that doubles each time (30 s, 1 min, 2 min, … at most 15 min). The count
and the pause are kept in the vault, so quitting, relaunching or running the command
line again does not reset them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from supportdesk.core.errors import KnownError, ValidationError
from supportdesk.services import settings as keys
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.vault.keystore import KeyringKeyStore, KeyStore

LOCK_ENABLED = keys.bool_key("privacy.lock_enabled", False)
IDLE_MINUTES = keys.int_key("privacy.idle_minutes", 5)
LOCK_WITH_SCREEN = keys.bool_key("privacy.lock_with_screen", True)
PIN_HASH = keys.str_key("privacy.pin_hash", "")
WRONG_TRIES = keys.int_key("privacy.pin_wrong_tries", 0)
PAUSED_UNTIL = keys.int_key("privacy.pin_paused_until", 0)  # Unix time, whole seconds

TRIES_BEFORE_PAUSE = 5
FIRST_PAUSE_SECONDS = 30
LONGEST_PAUSE_SECONDS = 15 * 60

IDLE_CHOICES = (1, 2, 5, 10, 15, 30, 60)
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
# scrypt at n=2**14, r=8 takes about 50 ms here: slow to guess, quick to unlock.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_PREFIX = "scrypt"
LOCK_CHECK_ID = "app-lock-check"  # a keyring entry that is only ever read


def check_pin_shape(pin: str) -> None:
    """Raise ValidationError unless ``pin`` is 4 to 12 digits."""
    if not pin.isdigit() or not pin.isascii():
        raise ValidationError("A PIN is made of digits only.", field="pin")
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        raise ValidationError(
            f"A PIN has {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits.", field="pin"
        )


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_pin(pin: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64 parts) for a PIN of the right shape."""
    check_pin_shape(pin)
    salt = secrets.token_bytes(16)
    digest = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    parts = (_PREFIX, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
             base64.b64encode(salt).decode(), base64.b64encode(digest).decode())
    return "$".join(parts)


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``; a malformed stored value never matches."""
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
        if prefix != _PREFIX:
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class PinError(KnownError):
    """The PIN was needed and not given, did not match, or must wait for a pause."""


def pause_words(seconds: int) -> str:
    """"Let's pause for 30 seconds before the next try." (minutes from 90 s on)."""
    if seconds < 90:
        return f"Let's pause for {seconds} seconds before the next try."
    minutes = math.ceil(seconds / 60)
    return f"Let's pause for {minutes} minutes before the next try."


@dataclass(frozen=True)
class PinAttempt:
    """What a try gave: ``ok``, or the seconds to wait before the next one is heard
    (``wait_seconds`` > 0 when this try was not even checked, or started a pause)."""

    ok: bool
    wait_seconds: int = 0


@dataclass(frozen=True)
class LockPolicy:
    enabled: bool
    idle_seconds: int
    with_screen: bool
    has_pin: bool

    def should_lock_after(self, idle_seconds: float) -> bool:
        return self.enabled and idle_seconds >= self.idle_seconds


class AppLock:
    """The lock's settings, and the one "is it locked now" state for this process."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.clock = clock  # wall-clock seconds: a pause outlives this process

    def policy(self) -> LockPolicy:
        minutes = self.settings.get(IDLE_MINUTES)
        minutes = minutes if minutes in IDLE_CHOICES else IDLE_MINUTES.default
        return LockPolicy(
            enabled=self.settings.get(LOCK_ENABLED),
            idle_seconds=minutes * 60,
            with_screen=self.settings.get(LOCK_WITH_SCREEN),
            has_pin=bool(self.settings.get(PIN_HASH)),
        )

    def set_enabled(self, enabled: bool) -> None:
        self.settings.set(LOCK_ENABLED, enabled)
        if not enabled:
            set_locked(False)

    def set_idle_minutes(self, minutes: int) -> None:
        if minutes not in IDLE_CHOICES:
            raise ValidationError("Choose one of the offered idle times.", field="idle")
        self.settings.set(IDLE_MINUTES, minutes)

    def set_lock_with_screen(self, on: bool) -> None:
        self.settings.set(LOCK_WITH_SCREEN, on)

    def set_pin(self, pin: str) -> None:
        self.settings.set(PIN_HASH, hash_pin(pin))
        self.settings.set(WRONG_TRIES, 0)
        self.settings.set(PAUSED_UNTIL, 0)

    def clear_pin(self) -> None:
        self.settings.set(PIN_HASH, "")

    def check_pin(self, pin: str) -> bool:
        stored = self.settings.get(PIN_HASH)
        return bool(stored) and verify_pin(pin, stored)

    def seconds_to_wait(self) -> int:
        """Seconds before the next PIN is heard (0: now). A pause that seems to end
        further off than the longest (the clock was turned back) ends at the longest."""
        left = self.settings.get(PAUSED_UNTIL) - self.clock()
        return max(0, math.ceil(min(left, LONGEST_PAUSE_SECONDS)))

    def try_pin(self, pin: str) -> PinAttempt:
        """Check ``pin`` unless a pause is on; count wrong tries and pause when due."""
        wait = self.seconds_to_wait()
        if wait:
            return PinAttempt(False, wait)
        if self.check_pin(pin):
            if self.settings.get(WRONG_TRIES) or self.settings.get(PAUSED_UNTIL):
                self.settings.set(WRONG_TRIES, 0)
                self.settings.set(PAUSED_UNTIL, 0)
            return PinAttempt(True)
        wrong = self.settings.get(WRONG_TRIES) + 1
        self.settings.set(WRONG_TRIES, wrong)
        if wrong % TRIES_BEFORE_PAUSE:
            return PinAttempt(False)
        pauses = wrong // TRIES_BEFORE_PAUSE
        pause = min(FIRST_PAUSE_SECONDS * 2 ** min(pauses - 1, 10), LONGEST_PAUSE_SECONDS)
        self.settings.set(PAUSED_UNTIL, math.ceil(self.clock() + pause))
        return PinAttempt(False, pause)


_state = {"locked": False}


def set_locked(locked: bool) -> None:
    _state["locked"] = locked


def is_locked() -> bool:
    """True while the app lock covers the window (notifications then name no one)."""
    return _state["locked"]


def keyring_answers(keystore: KeyStore | None = None) -> None:
    """Ask the OS keyring for this lock's entry; raise KeyringUnavailableError if it won't.

    A locked keyring asks the person for their login password here, which is what
    makes "unlock with your keyring" mean something when no PIN is set.
    """
    store = keystore if keystore is not None else KeyringKeyStore()
    store.get(LOCK_CHECK_ID)


def session_lock(session: Session) -> AppLock:
    """The app lock of an open vault, for a command that has no application object."""
    return AppLock(Settings(session.repo))
