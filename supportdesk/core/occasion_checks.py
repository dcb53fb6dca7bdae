"""What a meeting or a date that matters must be before it is saved."""

from __future__ import annotations

from supportdesk.core.dates import ImportantDate, valid_day
from supportdesk.core.meetings import ORDINALS, Meeting

MAX_REMIND_MINUTES = 7 * 24 * 60  # a week before
MAX_REMIND_DAYS = 60
MAX_MINUTES = 24 * 60
LABEL_LIMIT = 200
PLACE_LIMIT = 1_000


def check_meeting(meeting: Meeting) -> str:
    if not 0 <= meeting.weekday <= 6:
        return "Please choose the day of the week it meets."
    if any(n not in ORDINALS for n in meeting.ordinals) or len(set(meeting.ordinals)) != len(
            meeting.ordinals):
        return "Please choose which weeks of the month it meets."
    if not 1 <= meeting.minutes <= MAX_MINUTES:
        return "A meeting lasts between a minute and a day."
    if meeting.remind_minutes is not None and not (
            0 <= meeting.remind_minutes <= MAX_REMIND_MINUTES):
        return "A reminder can come up to a week before."
    if len(meeting.place) > PLACE_LIMIT:
        return f"Please keep the place or link under {PLACE_LIMIT} characters."
    return ""


def check_date(item: ImportantDate) -> str:
    if not valid_day(item.month, item.day):
        return "That day does not exist in that month."
    if item.year is not None and not 1800 <= item.year <= 2200:
        return "Please give the year in four figures, or leave it out."
    if item.remind_days is not None and not 0 <= item.remind_days <= MAX_REMIND_DAYS:
        return f"A reminder can come up to {MAX_REMIND_DAYS} days before."
    if len(item.label) > LABEL_LIMIT:
        return f"Please keep its name under {LABEL_LIMIT} characters."
    return ""
