"""Plain words for when someone can be reached: "Every day 09:00–21:30", "Weekdays",
"Mon–Wed, Fri". One wording for the person page and the printed pages (the command
line keeps its own, which it must read back: cli/window_words.py)."""

from __future__ import annotations

from supportdesk.core.model import ALL_DAYS, WEEKDAYS, AvailabilityWindow

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKEND = frozenset({5, 6})


def days_phrase(days: frozenset[int]) -> str:
    """"Every day", "Weekdays", "Weekends", else the days with runs of three or more
    joined: "Mon–Wed, Fri", "Tue, Thu"."""
    if days == ALL_DAYS:
        return "Every day"
    if days == WEEKDAYS:
        return "Weekdays"
    if days == WEEKEND:
        return "Weekends"
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    pieces: list[str] = []
    for run in runs:
        if len(run) >= 3:
            pieces.append(f"{DAY_NAMES[run[0]]}–{DAY_NAMES[run[-1]]}")
        else:
            pieces.extend(DAY_NAMES[day] for day in run)
    return ", ".join(pieces)


def window_phrase(window: AvailabilityWindow) -> str:
    """"Any time, day or night", "Weekends, all day", "Every day 09:00–21:30"."""
    if window.is_always:
        return "Any time, day or night"
    if window.start == window.end:
        return f"{days_phrase(window.days)}, all day"
    return f"{days_phrase(window.days)} {window.start:%H:%M}–{window.end:%H:%M}"
