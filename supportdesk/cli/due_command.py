"""``supportdesk due``: who is due a check-in now, and for how long, for scripts and tests.

Prints one line per person, longest overdue first, and exits 0 (also when nothing
is due). Paused people are left out; snoozed people show once their snooze ends.
The vault is opened the same way as every other subcommand, through
``vault_commands.open_session(args)``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from supportdesk.cli import vault_commands
from supportdesk.cli.json_output import add_json_argument, print_json
from supportdesk.cli.pin_prompt import unlocked
from supportdesk.core.i18n import N_, _, ngettext
from supportdesk.core.schedule import DueItem, local_zone
from supportdesk.core.text import exact_time, relative_day
from supportdesk.services.application import Application
from supportdesk.services.records import moment_text
from supportdesk.services.session import Session

NOTHING_DUE = N_("Nothing is due — you're up to date.")

SessionOpener = Callable[[argparse.Namespace], Session]


def register(sub: Any) -> None:
    parser = sub.add_parser("due", help="list the check-ins that are due or overdue",
                            description="List who is due a check-in, longest overdue first.")
    add_json_argument(parser)
    parser.set_defaults(func=run)


def format_due(items: list[DueItem], tz: tzinfo) -> list[str]:
    """One line per person: name, when it fell due (local time), and how long ago."""
    if not items:
        return [_(NOTHING_DUE)]
    width = max(len(item.name) for item in items)
    count = len(items)
    lines = [ngettext("{count} check-in due:", "{count} check-ins due:", count).format(
        count=count)]
    for item in items:
        now = item.due_at + item.overdue_by
        # TRANSLATORS: {when} like "Wed, 11 Nov 2026, 10:00"; {ago} like "13 days ago".
        due = _("due {when}  ({ago})").format(when=exact_time(item.due_at, tz),
                                              ago=relative_day(item.due_at, now, tz))
        lines.append(f"  {item.name.ljust(width)}  {due}")
    return lines


def due_lines(app: Application, now: datetime | None = None,
              tz: tzinfo | None = None) -> list[str]:
    zone = tz or local_zone()
    app.reminders.tz = zone
    return format_due(app.reminders.due_now(now), zone)


def _session_opener() -> SessionOpener:
    """Looked up when a command runs, so tests can point it at a test vault. Every
    command that opens the vault this way shows or changes personal data, so with a
    PIN set it is asked for before anything is read (cli/pin_prompt.py)."""
    return lambda args: unlocked(vault_commands.open_session(args), args)


def due_record(item: DueItem, tz: tzinfo) -> dict[str, Any]:
    """``person`` is the person's id, as in ``list --json`` and the export."""
    return {"person": item.supporter_id, "name": item.name,
            "due_at": moment_text(item.due_at, tz),
            "overdue_days": round(item.overdue_by.total_seconds() / 86400, 2)}


def run(args: argparse.Namespace, opener: SessionOpener | None = None) -> int:
    app = Application((opener or _session_opener())(args))
    try:
        if getattr(args, "json", False):
            zone = local_zone()
            app.reminders.tz = zone
            print_json({"due": [due_record(item, zone) for item in app.reminders.due_now()]})
            return 0
        for line in due_lines(app):
            print(line)
    finally:
        app.close()
    return 0
