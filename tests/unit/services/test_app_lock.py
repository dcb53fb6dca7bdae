"""App lock: the PIN is kept only as a salted scrypt hash; the idle policy; locked state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportdesk.core.errors import ValidationError
from supportdesk.services import app_lock
from supportdesk.services.app_lock import AppLock, hash_pin, verify_pin
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings


@pytest.fixture
def lock(session: Session) -> Iterator[AppLock]:
    yield AppLock(Settings(session.repo))
    app_lock.set_locked(False)


def test_pin_is_stored_as_a_salted_hash_never_as_text(lock: AppLock, session: Session) -> None:
    lock.set_pin("482915")
    stored = session.repo.setting(app_lock.PIN_HASH.name, "")
    assert "482915" not in stored
    assert stored.startswith("scrypt$")
    assert lock.check_pin("482915")
    assert not lock.check_pin("482916")
    assert hash_pin("482915") != hash_pin("482915")  # each hash has its own salt


def test_without_a_pin_nothing_unlocks_by_pin(lock: AppLock) -> None:
    assert not lock.check_pin("0000")
    lock.set_pin("1234")
    lock.clear_pin()
    assert not lock.check_pin("1234")
    assert not lock.policy().has_pin


@pytest.mark.parametrize("pin", ["", "123", "12a4", "1234567890123", "１２３４"])
def test_pin_shape_is_explained(lock: AppLock, pin: str) -> None:
    with pytest.raises(ValidationError) as raised:
        lock.set_pin(pin)
    assert "PIN" in raised.value.message


@pytest.mark.parametrize("stored", ["", "plain", "scrypt$x$8$1$AA==$AA==", "md5$1$2$3$4$5"])
def test_a_damaged_stored_hash_never_unlocks(stored: str) -> None:
    assert not verify_pin("1234", stored)


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet="0123456789", min_size=4, max_size=12))
def test_any_valid_pin_round_trips(pin: str) -> None:
    stored = hash_pin(pin)
    assert verify_pin(pin, stored)
    assert not verify_pin(pin + "0", stored)


def test_idle_policy_follows_the_settings(lock: AppLock) -> None:
    assert not lock.policy().enabled
    assert not lock.policy().should_lock_after(10_000)
    lock.set_enabled(True)
    lock.set_idle_minutes(2)
    policy = lock.policy()
    assert not policy.should_lock_after(119)
    assert policy.should_lock_after(120)
    with pytest.raises(ValidationError):
        lock.set_idle_minutes(7)


def test_turning_the_lock_off_clears_the_locked_state(lock: AppLock) -> None:
    lock.set_enabled(True)
    app_lock.set_locked(True)
    assert app_lock.is_locked()
    lock.set_enabled(False)
    assert not app_lock.is_locked()


class WallClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_pins_slow_down_and_a_relaunch_does_not_reset_the_pause(
    session: Session,
) -> None:
    clock = WallClock()
    lock = AppLock(Settings(session.repo), clock)
    lock.set_pin("2468")
    for _ in range(4):
        assert lock.try_pin("0000") == app_lock.PinAttempt(False, 0)
    assert lock.try_pin("0000") == app_lock.PinAttempt(False, 30)  # the fifth: a pause
    assert lock.try_pin("2468") == app_lock.PinAttempt(False, 30)  # not even checked
    relaunched = AppLock(Settings(session.repo), clock)  # quit and start again
    clock.now += 10
    assert relaunched.try_pin("2468") == app_lock.PinAttempt(False, 20)
    clock.now += 20
    for _ in range(4):
        assert not relaunched.try_pin("1111").ok
    assert relaunched.try_pin("1111") == app_lock.PinAttempt(False, 60)  # twice as long
    clock.now += 60
    assert relaunched.try_pin("2468").ok
    for _ in range(4):
        relaunched.try_pin("0000")
    assert relaunched.try_pin("0000").wait_seconds == 30  # the right PIN started afresh


def test_a_pause_never_outlasts_the_longest_even_if_the_clock_goes_back(
    session: Session,
) -> None:
    clock = WallClock()
    lock = AppLock(Settings(session.repo), clock)
    lock.set_pin("2468")
    Settings(session.repo).set(app_lock.WRONG_TRIES, 5 * 12)  # many pauses already
    for _ in range(5):
        attempt = lock.try_pin("0000")
    assert attempt.wait_seconds == app_lock.LONGEST_PAUSE_SECONDS
    clock.now -= 86_400  # the clock was set a day back
    assert lock.seconds_to_wait() == app_lock.LONGEST_PAUSE_SECONDS
    assert app_lock.pause_words(30) == "Let's pause for 30 seconds before the next try."
    assert app_lock.pause_words(900) == "Let's pause for 15 minutes before the next try."
