"""``appointments`` (upcoming, with their questions; ``add``) and ``asks NAME`` (list,
``add TEXT``, ``done N``): the same use cases as the person page."""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from supportdesk.cli.json_output import add_json_argument, print_json
from supportdesk.cli.network_commands import opening
from supportdesk.core.appointments import (
    Appointment,
    Ask,
    AskKind,
    local_moment,
    remind_words,
    when_words,
)
from supportdesk.core.errors import ValidationError
from supportdesk.core.schedule import local_zone
from supportdesk.services.application import Application
from supportdesk.services.appointments import Upcoming
from supportdesk.services.records import appointment_json, ask_json

NO_APPOINTMENTS = ("No appointments coming up. Add one with: "
                   "supportdesk appointments add NAME 'YYYY-MM-DD HH:MM'")
WHEN = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})\s*$")
LEAD = re.compile(r"^\s*(\d{1,5})\s*([mhd])\s*$", re.IGNORECASE)


def register(sub: Any) -> None:
    appointments = sub.add_parser(
        "appointments", help="appointments coming up, with the questions to bring",
        description="Appointments with professionals still to come, soonest first, each "
                    "with the questions you noted to bring. 'appointments add NAME WHEN' "
                    "adds one (WHEN in your local time, like '2026-12-10 14:30').")
    appointments.add_argument("action", nargs="?", choices=["add"], metavar="add",
                              help="add an appointment")
    appointments.add_argument("name", nargs="?", metavar="NAME")
    appointments.add_argument("when", nargs="?", metavar="WHEN")
    appointments.add_argument("--place", default="", help="where, or a link for a video call")
    appointments.add_argument("--remind", metavar="30m|2h|1d",
                              help="a reminder this long before (minutes, hours or days)")
    add_json_argument(appointments)
    appointments.set_defaults(func=opening(appointments_command))

    asks = sub.add_parser(
        "asks", help="things to ask someone about next time (add, done)",
        description="A short list per person: things to ask them about next time and, for "
                    "a professional, questions to bring to the next appointment. "
                    "'asks NAME add TEXT' adds one (--question: one to bring); "
                    "'asks NAME done N' ticks off number N.")
    asks.add_argument("name", metavar="NAME")
    asks.add_argument("action", nargs="?", choices=["add", "done"], metavar="add|done")
    asks.add_argument("words", nargs="*", metavar="TEXT|N")
    asks.add_argument("--question", action="store_true",
                      help="with add: a question to bring to the next appointment")
    asks.add_argument("--all", action="store_true", help="list ticked-off ones too")
    add_json_argument(asks)
    asks.set_defaults(func=opening(asks_command))


# -- appointments ---------------------------------------------------------------------


def appointment_lines(items: list[Upcoming], now: datetime, tz: tzinfo) -> list[str]:
    if not items:
        return [NO_APPOINTMENTS]
    lines = []
    for item in items:
        a = item.appointment
        place = f" · {a.place}" if a.place else ""
        remind = f" · reminder {remind_words(a.remind_before)}" if a.remind_before else ""
        lines.append(f"{when_words(a, now, tz)}  {item.supporter.name}{place}{remind}")
        lines += [f"    ? {q.text}" for q in item.questions]
    return lines


def appointments_command(app: Application, args: argparse.Namespace) -> int:
    zone = local_zone()
    if args.action == "add":
        return _add_appointment(app, args, zone)
    if args.name or args.when:
        raise ValidationError("To add one: supportdesk appointments add NAME 'YYYY-MM-DD HH:MM'",
                              field="action")
    items = app.appointments.upcoming()
    if args.json:
        print_json({"appointments": [
            {**appointment_json(u.appointment, zone), "name": u.supporter.name,
             "questions": [q.text for q in u.questions]} for u in items]})
        return 0
    for line in appointment_lines(items, app.now(), zone):
        print(line)
    return 0


def parse_when(text: str, zone: tzinfo) -> datetime:
    match = WHEN.match(text or "")
    try:
        if match is None:
            raise ValueError
        day = date.fromisoformat(match.group(1))
        clock = time(int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValidationError(f"“{(text or '').strip()}” is not a date and time; write it "
                              "like 2026-12-10 14:30.", field="when") from None
    return local_moment(day, clock, zone)


def parse_lead(text: str | None) -> timedelta | None:
    if text is None:
        return None
    match = LEAD.match(text)
    if match is None:
        raise ValidationError(f"“{text.strip()}” is not a time before; use minutes, hours "
                              "or days, like 30m, 2h or 1d.", field="remind")
    unit = {"m": "minutes", "h": "hours", "d": "days"}[match.group(2).lower()]
    return timedelta(**{unit: int(match.group(1))})


def _add_appointment(app: Application, args: argparse.Namespace, zone: tzinfo) -> int:
    if not args.name or not args.when:
        raise ValidationError("Name the person and when: supportdesk appointments add NAME "
                              "'YYYY-MM-DD HH:MM'", field="when")
    supporter = app.network.find_one(args.name)
    at = parse_when(args.when, zone)
    if at <= app.now():
        raise ValidationError("That time has passed; an appointment to add is still to "
                              "come.", field="when")
    saved = app.add_appointment(Appointment(supporter.id or 0, at, args.place,
                                            remind_before=parse_lead(args.remind)))
    print(f"Added an appointment with {supporter.name}: {when_words(saved, app.now(), zone)}.")
    return 0


# -- asks ---------------------------------------------------------------------------


def numbered(items: list[Ask]) -> list[Ask]:
    """The order ``asks NAME`` numbers them in: next time first, then questions."""
    order = list(AskKind)
    return sorted(items, key=lambda a: order.index(a.kind))


def ask_lines(name: str, items: list[Ask]) -> list[str]:
    if not items:
        return [f"Nothing on {name}'s list. Add something with: "
                f"supportdesk asks \"{name}\" add TEXT"]
    lines: list[str] = []
    kind: AskKind | None = None
    for number, item in enumerate(items, start=1):
        if item.kind is not kind:
            kind = item.kind
            lines.append(f"{kind.label}:")
        tick = "[x]" if item.done else "[ ]"
        lines.append(f"  {number}. {tick} {item.text}")
    return lines


def asks_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    sid = supporter.id or 0
    listed = numbered(app.appointments.asks(sid) if args.all
                      else app.appointments.open_asks(sid))
    if args.action == "add":
        text = " ".join(args.words)
        kind = AskKind.QUESTION if args.question else AskKind.NEXT_TIME
        saved = app.add_ask(app.appointments.new_ask(sid, text, kind))
        where = "questions to bring" if args.question else "things to ask about next time"
        print(f"Added to {supporter.name}'s {where}: {saved.text}")
        return 0
    if args.action == "done":
        chosen = _chosen(args.words, listed)
        app.set_asks_done([item.id or 0 for item in chosen], True)
        for item in chosen:
            print(f"Ticked off: {item.text}")
        return 0
    if args.json:
        zone = local_zone()
        print_json({"asks": [{**ask_json(item, zone), "number": number}
                             for number, item in enumerate(listed, start=1)]})
        return 0
    for line in ask_lines(supporter.name, listed):
        print(line)
    return 0


def _chosen(words: list[str], listed: list[Ask]) -> list[Ask]:
    if not words:
        raise ValidationError("Say which: supportdesk asks NAME done N (the number in the "
                              "list).", field="number")
    chosen = []
    for word in words:
        if not word.isdigit() or not 1 <= int(word) <= len(listed):
            raise ValidationError(f"There is no number {word} on the list; "
                                  "'supportdesk asks NAME' shows the numbers.", field="number")
        chosen.append(listed[int(word) - 1])
    return chosen
