"""Typed app settings, kept in the vault's ``setting`` table.

Each setting is a ``Key`` with a name, a default and how it is written as text.
To add one, declare a key below with the helper for its type, e.g.::

    SHOW_TIPS = bool_key("ui.show_tips", True)

and read or write it with ``Settings(repo).get(SHOW_TIPS)`` / ``.set(SHOW_TIPS, False)``.
A stored value that cannot be read back falls back to the default, so a damaged or
older setting never stops the app.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Generic, TypeVar

from supportdesk.core.kinds import Ring
from supportdesk.core.mood_reminder import DEFAULT_TIME as DEFAULT_MOOD_REMINDER_TIME
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.core.schedule import DEFAULT_CADENCE, CadenceDefaults
from supportdesk.store.repository import Repository

T = TypeVar("T")


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    default: T
    parse: Callable[[str], T]
    dump: Callable[[T], str]


def _parse_bool(text: str) -> bool:
    if text not in ("1", "0"):
        raise ValueError(text)
    return text == "1"


def bool_key(name: str, default: bool) -> Key[bool]:
    return Key(name, default, _parse_bool, lambda v: "1" if v else "0")


def int_key(name: str, default: int) -> Key[int]:
    return Key(name, default, int, str)


def str_key(name: str, default: str) -> Key[str]:
    return Key(name, default, str, str)


def time_key(name: str, default: time) -> Key[time]:
    return Key(name, default, time.fromisoformat, lambda v: v.strftime("%H:%M"))


def _parse_moment(text: str) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def moment_key(name: str) -> Key[datetime | None]:
    return Key(name, None, _parse_moment,
               lambda v: "" if v is None else v.astimezone(UTC).isoformat())


def _parse_id_moments(text: str) -> dict[int, str]:
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("not a mapping")
    return {int(k): str(v) for k, v in raw.items()}


def _parse_ids(text: str) -> list[int]:
    raw = json.loads(text)
    if not isinstance(raw, list):
        raise ValueError("not a list")
    return [int(item) for item in raw]


def id_moments_key(name: str) -> Key[dict[int, str]]:
    return Key(name, {}, _parse_id_moments, lambda v: json.dumps(v, sort_keys=True))


# -- reminders (issue 4) ----------------------------------------------------
CADENCE_DAYS = {
    ring: int_key(f"cadence.{ring.value}_days", DEFAULT_CADENCE[ring].days) for ring in Ring
}
REMINDERS_PAUSED = bool_key("reminders.paused", False)
DISCREET = bool_key("notifications.discreet", False)
QUIET_ENABLED = bool_key("quiet.enabled", False)
QUIET_START = time_key("quiet.start", time(22, 0))
QUIET_END = time_key("quiet.end", time(8, 0))
START_AT_LOGIN = bool_key("startup.at_login", False)
TRAY_HINT_SHOWN = bool_key("tray.close_hint_shown", False)
NO_TRAY_NOTICE_SHOWN = bool_key("tray.missing_notice_shown", False)
LAST_REMINDER_CHECK = moment_key("reminders.last_check")
NOTIFIED = id_moments_key("reminders.notified")  # supporter id -> reminder moment shown

# -- views and insights (issue 5) -------------------------------------------
CRISIS_COUNTRY = str_key("crisis.country", "")  # empty: follow the locale
CRISIS_DATA_VERSION = int_key("crisis.data_version", 0)  # shipped lines loaded into the vault
# supporter ids the person chose to show on the lock screen (opt-in, per person)
SHOWN_WHEN_LOCKED: Key[list[int]] = Key("crisis.shown_when_locked", [], _parse_ids,
                                        lambda v: json.dumps(sorted(v)))
ESCALATION_ENABLED = bool_key("escalation.enabled", False)
ESCALATION_THRESHOLD = int_key("escalation.threshold", 2)  # mood at or below, 1..5
ESCALATION_COUNT = int_key("escalation.count", 3)  # moods in a row (check-ins or alone)
ISOLATION_ENABLED = bool_key("isolation.enabled", False)  # issue 16: opt-in
ISOLATION_DAYS = int_key("isolation.days", 7)  # with no contact with anyone, 1..60
# issue 16: the daily "How are you?" reminder (opt-in) and what people do for your mood
MOOD_REMINDER_ENABLED = bool_key("mood_reminder.enabled", False)
MOOD_REMINDER_AT = time_key("mood_reminder.at", DEFAULT_MOOD_REMINDER_TIME)
# the latest day (ISO date) a reminder was shown for; written at most once a day, it
# counts under "settings" (no new bookkeeping key: that would need the triggers redone)
MOOD_REMINDER_SHOWN_FOR = str_key("mood_reminder.shown_for", "")
MOOD_EFFECT_ENABLED = bool_key("mood_effect.enabled", False)

MIN_CADENCE_DAYS = 1
MAX_CADENCE_DAYS = 365


class Settings:
    """Read and write settings by key; the typed views the reminder code needs."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def get(self, key: Key[T]) -> T:
        return self._parsed(key, self.repo.setting(key.name, ""))

    def get_all(self, keys: list[Key[T]]) -> list[T]:
        """Several settings read in one query (Today reads many)."""
        found = self.repo.settings_named([key.name for key in keys])
        return [self._parsed(key, found.get(key.name, "")) for key in keys]

    @staticmethod
    def _parsed(key: Key[T], text: str) -> T:
        if text == "":
            return copy.deepcopy(key.default)  # a caller may change what it was given
        try:
            return key.parse(text)
        except (ValueError, TypeError):
            return copy.deepcopy(key.default)

    def set(self, key: Key[T], value: T) -> None:
        self.repo.set_setting(key.name, key.dump(value))

    def cadence_defaults(self) -> CadenceDefaults:
        days = self.get_all([CADENCE_DAYS[ring] for ring in Ring])
        return {ring: timedelta(days=max(MIN_CADENCE_DAYS, min(MAX_CADENCE_DAYS, n)))
                for ring, n in zip(Ring, days, strict=True)}

    def set_cadence_default(self, ring: Ring, days: int) -> None:
        self.set(CADENCE_DAYS[ring], max(MIN_CADENCE_DAYS, min(MAX_CADENCE_DAYS, days)))

    def quiet_hours(self) -> QuietHours:
        return QuietHours(self.get(QUIET_START), self.get(QUIET_END), self.get(QUIET_ENABLED))

    def set_quiet_hours(self, hours: QuietHours) -> None:
        self.set(QUIET_START, hours.start)
        self.set(QUIET_END, hours.end)
        self.set(QUIET_ENABLED, hours.enabled)
