"""``supportdesk meetings`` and ``supportdesk dates``: what comes round soon.

``meetings`` lists every meeting in the next two weeks (``--days`` for more), soonest
first, on the user's clock; ``dates`` the birthdays, anniversaries and hard dates of
the next month, one's own included. Both take ``--json`` like the other listings.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from supportdesk.cli.due_command import SessionOpener, _session_opener
from supportdesk.cli.json_output import add_json_argument, print_json
from supportdesk.core.meetings import rule_words, when_words
from supportdesk.core.schedule import local_zone
from supportdesk.services.application import Application
from supportdesk.services.occasions import DATES_AHEAD_DAYS, MEETINGS_AHEAD
from supportdesk.services.records import date_json, meeting_json, moment_text

NO_MEETINGS = "No meetings in the next {days} days."
NO_DATES = "No dates coming up in the next {days} days."


def register(sub: Any) -> None:
    meetings = sub.add_parser("meetings", help="list the meetings coming up",
                              description="List the meetings of the next two weeks, "
                                          "soonest first.")
    meetings.add_argument("--days", type=int, default=MEETINGS_AHEAD.days,
                          help="how many days ahead (default: %(default)s)")
    add_json_argument(meetings)
    meetings.set_defaults(func=run_meetings)
    dates = sub.add_parser("dates", help="list the birthdays and other dates coming up",
                           description="List birthdays, anniversaries and hard dates "
                                       "coming up, yours and your people's.")
    dates.add_argument("--days", type=int, default=DATES_AHEAD_DAYS,
                       help="how many days ahead (default: %(default)s)")
    add_json_argument(dates)
    dates.set_defaults(func=run_dates)


def _days(args: argparse.Namespace) -> int:
    return max(0, min(366, int(args.days)))


def meeting_lines(app: Application, days: int) -> list[str]:
    zone, now = app.occasions.zone, app.now()
    found = app.occasions.coming_meetings(now, timedelta(days=days))
    if not found:
        return [NO_MEETINGS.format(days=days)]
    width = max(len(c.supporter.name) for c in found)
    lines = []
    for c in found:
        place = f"  · {c.meeting.place}" if c.meeting.place else ""
        lines.append(f"{when_words(c.start, now, zone):<20} {c.supporter.name.ljust(width)}"
                     f"  ({rule_words(c.meeting)}){place}")
    return lines


def date_lines(app: Application, days: int) -> list[str]:
    today = app.now().astimezone(app.occasions.zone).date()
    found = app.occasions.coming_dates(today, days)
    if not found:
        return [NO_DATES.format(days=days)]
    return [f"{c.on:%a %d %b}  {c.words(today)}" for c in found]


def run_meetings(args: argparse.Namespace, opener: SessionOpener | None = None) -> int:
    app = Application((opener or _session_opener())(args))
    try:
        app.occasions.tz = local_zone()
        if getattr(args, "json", False):
            zone, now = app.occasions.zone, app.now()
            print_json({"meetings": [
                {"person": c.supporter.id, "name": c.supporter.name,
                 "start": moment_text(c.start, zone), "rule": rule_words(c.meeting),
                 "meeting": meeting_json(c.meeting)}
                for c in app.occasions.coming_meetings(now, timedelta(days=_days(args)))]})
            return 0
        for line in meeting_lines(app, _days(args)):
            print(line)
    finally:
        app.close()
    return 0


def run_dates(args: argparse.Namespace, opener: SessionOpener | None = None) -> int:
    app = Application((opener or _session_opener())(args))
    try:
        app.occasions.tz = local_zone()
        today = app.now().astimezone(app.occasions.zone).date()
        if getattr(args, "json", False):
            print_json({"dates": [
                {"person": c.supporter.id if c.supporter else None, "name": c.name,
                 "on": c.on.isoformat(), "days_away": (c.on - today).days,
                 "words": c.words(today), "date": date_json(c.item)}
                for c in app.occasions.coming_dates(today, _days(args))]})
            return 0
        for line in date_lines(app, _days(args)):
            print(line)
    finally:
        app.close()
    return 0
