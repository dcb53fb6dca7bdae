"""``remove``, ``pause``, ``resume`` and ``snooze``: someone's place in the network and
their reminders, through the same use cases as the app's buttons."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from supportdesk.cli.data_commands import confirm
from supportdesk.cli.network_commands import opening
from supportdesk.core.errors import ValidationError
from supportdesk.core.i18n import _, ngettext
from supportdesk.core.schedule import SNOOZE_MORNING, local_zone
from supportdesk.core.text import exact_time
from supportdesk.services.application import Application

SNOOZE_FOR = re.compile(r"^\s*(\d{1,3})\s*([dw])\s*$", re.IGNORECASE)


def register(sub: Any) -> None:
    remove = sub.add_parser(
        "remove", help="remove someone from your network (asks first)",
        description="Remove someone, with their check-ins (your gratitude notes "
                    "about them are kept). Asks "
                    "first; --yes skips the question, or pipe y into it from a script.")
    remove.add_argument("name", metavar="NAME")
    remove.add_argument("--yes", "-y", action="store_true", help="remove without asking")
    remove.set_defaults(func=opening(remove_command))

    pause = sub.add_parser("pause", help="pause check-in reminders for someone",
                           description="No reminders for this person until you resume.")
    pause.add_argument("name", metavar="NAME")
    pause.set_defaults(func=opening(pause_command))

    resume = sub.add_parser("resume", help="resume someone's reminders (ends a pause or "
                                           "snooze)",
                            description="Reminders for this person again, from now.")
    resume.add_argument("name", metavar="NAME")
    resume.set_defaults(func=opening(resume_command))

    snooze = sub.add_parser("snooze", help="put off someone's reminder for a while",
                            description="No reminder for this person until the morning "
                                        "(09:00) after the time given; logging a check-in "
                                        "ends the snooze.")
    snooze.add_argument("name", metavar="NAME")
    snooze.add_argument("--for", dest="span", default="1d", metavar="1d|3d|1w",
                        help="how long: days (3d) or weeks (1w); default 1d, tomorrow "
                             "morning")
    snooze.set_defaults(func=opening(snooze_command))


def snooze_end(span: str, now: datetime) -> datetime:
    """09:00 local, ``span`` (``3d``, ``1w``) after today, as the app's snooze ends."""
    match = SNOOZE_FOR.match(span)
    days = int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1) if match else 0
    if not 1 <= days <= 365:
        raise ValidationError(f"“{span.strip()}” is not a time to snooze for; use days or "
                              "weeks, like 1d, 3d or 1w (up to a year).", field="snooze")
    zone = local_zone()
    day = now.astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, SNOOZE_MORNING, tzinfo=zone)


def remove_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    assert supporter.id is not None
    count = len(app.network.checkins(supporter.id))
    name = supporter.name
    if count:
        question = ngettext("Remove {name} and their {count} check-in from your network?",
                            "Remove {name} and their {count} check-ins from your network?",
                            count).format(name=name, count=count)
        done = ngettext("Removed {name} and their {count} check-in.",
                        "Removed {name} and their {count} check-ins.", count).format(
                            name=name, count=count)
    else:
        question = _("Remove {name} from your network?").format(name=name)
        done = _("Removed {name}.").format(name=name)
    if not confirm(question, args.yes):
        print(_("Nothing was changed."))
        return 1
    app.delete_supporter(supporter.id)
    print(done)
    return 0


def pause_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    assert supporter.id is not None
    app.set_supporter_paused(supporter.id, True)
    print(_("Reminders for {name} are paused. `supportdesk resume` brings them back.").format(
        name=supporter.name))
    return 0


def resume_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    assert supporter.id is not None
    cadence = supporter.cadence
    if not cadence.paused and cadence.snoozed_until is None:
        print(_("Reminders for {name} are already on.").format(name=supporter.name))
        return 0
    app.edit_supporter(supporter, replace(supporter, cadence=replace(
        cadence, paused=False, snoozed_until=None)))
    print(_("Reminders for {name} are back on.").format(name=supporter.name))
    return 0


def snooze_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    until = snooze_end(args.span, app.now())
    app.edit_supporter(supporter, replace(supporter, cadence=replace(
        supporter.cadence, snoozed_until=until)))
    print(_("Snoozed {name} until {when}.").format(name=supporter.name,
                                                   when=exact_time(until, local_zone())))
    return 0
