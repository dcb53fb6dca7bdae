"""``edit``'s share of the editor's "Meetings and dates" tab: ``--add-meeting``,
``--remove-meeting``, ``--add-date`` and ``--remove-date``. A meeting or date is removed
by the number ``show`` gives it (or "all")."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any, TypeVar

from supportdesk.cli.occasion_words import (
    DATE_HELP,
    MEETING_HELP,
    date_words,
    meeting_words,
    parse_date,
    parse_meeting,
)
from supportdesk.core.errors import NotFoundError
from supportdesk.core.model import Supporter

T = TypeVar("T")


def add_arguments(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("--add-meeting", action="append", default=[], metavar="WHEN",
                      help=f"a regular meeting, {MEETING_HELP}")
    edit.add_argument("--remove-meeting", action="append", default=[], metavar="N",
                      help='remove meeting N as `supportdesk show` numbers them, or "all"')
    edit.add_argument("--add-date", action="append", default=[], metavar="DATE",
                      help=f"a date that matters: {DATE_HELP}")
    edit.add_argument("--remove-date", action="append", default=[], metavar="N",
                      help='remove date N as `supportdesk show` numbers them, or "all"')


def _removed(items: list[T], given: list[str], what: str, name: str,
             words: Any, done: list[str]) -> list[T]:
    """``items`` without those numbered in ``given`` (numbers count from 1 as listed)."""
    if any(g.strip().casefold() == "all" for g in given):
        if items:
            done.append(f"Removed every {what}.")
        return []
    gone: set[int] = set()
    for text in given:
        number = int(text) if text.strip().isdigit() else 0
        if not 1 <= number <= len(items):
            raise NotFoundError(f"{name} has no {what} {text.strip()}.",
                                hint=f"`supportdesk show \"{name}\"` numbers them.")
        gone.add(number - 1)
        done.append(f"Removed {words(items[number - 1])}.")
    return [item for index, item in enumerate(items) if index not in gone]


def edited_occasions(s: Supporter, args: argparse.Namespace,
                     done: list[str]) -> Supporter:
    meetings = _removed(list(s.meetings), args.remove_meeting, "meeting", s.name,
                        meeting_words, done)
    for text in args.add_meeting:
        meetings.append(parse_meeting(text))
        done.append(f"Added {meeting_words(meetings[-1])}.")
    dates = _removed(list(s.dates), args.remove_date, "date", s.name, date_words, done)
    for text in args.add_date:
        dates.append(parse_date(text))
        done.append(f"Added {date_words(dates[-1])}.")
    return replace(s, meetings=meetings, dates=dates)


def occasion_lines(s: Supporter) -> list[str]:
    """``show``'s numbered lines for the meetings and dates."""
    return ([f"  Meeting {n}: {meeting_words(m)}" for n, m in enumerate(s.meetings, 1)]
            + [f"  Date {n}: {date_words(d)}" for n, d in enumerate(s.dates, 1)])
