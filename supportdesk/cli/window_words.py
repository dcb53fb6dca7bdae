"""Availability windows as people type them: ``"mon-fri 9:00-17:00"``, ``"sat,sun all day"``,
``"every day 18:00-22:00"``, ``"24/7"`` or ``"office hours"`` — and back into words."""

from __future__ import annotations

from datetime import time

from supportdesk.core.errors import ValidationError
from supportdesk.core.model import ALL_DAYS, AvailabilityWindow
from supportdesk.core.validation import check_time_range, check_window, parse_time

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Monday is 0
WINDOW_HELP = ('like "mon-fri 9:00-17:00", "sat,sun all day", "every day 18:00-22:00", '
               '"24/7" or "office hours"')


def _day(word: str, text: str) -> int:
    key = word.strip().casefold()[:3]
    if key not in DAY_NAMES:
        raise ValidationError(f"“{text}”: “{word.strip()}” is not a day; write times "
                              f"{WINDOW_HELP}.", field="availability")
    return DAY_NAMES.index(key)


def _days(words: str, text: str) -> frozenset[int]:
    if words.casefold() in ("every day", "daily", "everyday"):
        return ALL_DAYS
    days: set[int] = set()
    for part in words.split(","):
        first, dash, last = part.partition("-")
        start = _day(first, text)
        end = _day(last, text) if dash else start
        days.update(range(start, end + 1) if start <= end else [*range(start, 7),
                                                                *range(end + 1)])
    return frozenset(days)


def parse_window(text: str) -> AvailabilityWindow:
    """One window from words; ValidationError with an example if they cannot be read."""
    plain = " ".join(text.split())
    folded = plain.casefold()
    if folded in ("24/7", "always"):
        return AvailabilityWindow.always()
    if folded == "office hours":
        return AvailabilityWindow.office_hours()
    if folded.endswith(" all day"):
        days, start, end, all_day = plain[:-len(" all day")], time(0), time(0), True
    else:
        days, _, hours = plain.rpartition(" ")
        first, dash, last = hours.partition("-")
        if not days or not dash:
            raise ValidationError(f"“{plain}” is not a time to reach someone; write it "
                                  f"{WINDOW_HELP}.", field="availability")
        start, end, all_day = parse_time(first), parse_time(last), False
    window = AvailabilityWindow(_days(days, plain), start, end)
    problem = check_window(window) or check_time_range(start, end, all_day)
    if problem:
        raise ValidationError(problem, field="availability")
    return window


def window_words(window: AvailabilityWindow) -> str:
    """"Mon-Fri 09:00-17:00", "Every day all day" — what ``parse_window`` reads back."""
    if window.days == ALL_DAYS:
        days = "Every day"
    else:
        ordered = sorted(window.days)
        runs: list[list[int]] = []
        for day in ordered:
            if runs and runs[-1][-1] == day - 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        days = ",".join(DAY_NAMES[r[0]].capitalize() if len(r) == 1 else
                        f"{DAY_NAMES[r[0]].capitalize()}-{DAY_NAMES[r[-1]].capitalize()}"
                        for r in runs)
    if window.start == window.end:
        return f"{days} all day"
    return f"{days} {window.start:%H:%M}-{window.end:%H:%M}"
