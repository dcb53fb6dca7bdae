"""The full export's CSV files for what version 3 added: a group's meetings, the dates
that matter (a person's and one's own), appointments, things to ask, the messages kept
ready and the list of kinds of help. Their columns are the JSON's field names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.meetings import LAST, WEEKDAY_NAMES
from supportdesk.formats.csv_io import SEPARATOR
from supportdesk.formats.export_table import PERSON_COLUMNS, Table, flag, number, ref
from supportdesk.formats.supportdesk_json import ExportData, moment_text

MEETINGS = Table("meetings.csv", "Regular meetings, such as a group's, one row each.", (
    *PERSON_COLUMNS,
    ("weekday", "the day of the week: " + ", ".join(d.lower() for d in WEEKDAY_NAMES)),
    ("weeks_of_month", "which of the month's weeks, 1 to 5 or last (separated by “; ”; "
                       "-1 in supportdesk.json); empty means every week"),
    ("time", "when it starts (24-hour HH:MM)"),
    ("timezone", "the time zone of that time (an IANA name); empty for your own"),
    ("minutes", "how long it lasts, in minutes"),
    ("place", "where: an address, a room or a link"),
    ("skipped", "days it does not meet (YYYY-MM-DD, separated by “; ”)"),
    ("remind_minutes_before", "a reminder this many minutes before; empty for none"),
))
DATES = Table("dates.csv", "Birthdays and other dates that matter, a person's and your "
              "own, one row each.", (
    ("person_id", "whose date it is (empty for a date of your own)"),
    ("person", "their name"),
    ("kind", ", ".join(k.value for k in DateKind)
     + " (a hard day, such as a loss, named in label)"),
    ("month", "the month, 1 to 12"),
    ("day", "the day of the month"),
    ("year", "the year, when it is known"),
    ("label", "your own name for it"),
    ("remind_days_before", "a reminder this many days before; empty for none"),
    ("ask_company", "true to be asked whether you would like someone with you that day"),
))
APPOINTMENTS = Table("appointments.csv", "Appointments with professionals, oldest first.", (
    *PERSON_COLUMNS,
    ("at", "when (date and time with the UTC offset)"),
    ("place", "where: an address, a room or a link for a video call"),
    ("remind_minutes_before", "a reminder this many minutes before; empty for none"),
    ("note", "a few words after"),
))
ASKS = Table("asks.csv", "Things to ask someone about next time, and questions to bring "
             "to an appointment.", (
    *PERSON_COLUMNS,
    ("kind", "next_time (to ask them about next time) or question (to bring to the next "
             "appointment)"),
    ("text", "what to ask"),
    ("created", "when you noted it"),
    ("done", "true once it was asked"),
))
TEMPLATES = Table("templates.csv", "The messages you keep ready to send, in order.", (
    ("text", "the message"),
    ("subject", "its subject, for an email"),
    ("hard_time", "true for the one “Send to my people” sends when things are hard"),
))
HELP_KINDS = Table("help_kinds.csv", "The kinds of help you keep a list of (who offers "
                   "each is in people.csv, help_with).", (
    ("help_kind", "a kind of help, like listening or a lift"),
))
TABLES = (MEETINGS, DATES, APPOINTMENTS, ASKS, TEMPLATES, HELP_KINDS)


def _date_row(pid: str, name: str, item: ImportantDate) -> list[str]:
    return [pid, name, item.kind.value, str(item.month), str(item.day), number(item.year),
            item.label, number(item.remind_days), flag(item.ask_company)]


def rows(data: ExportData, tz: tzinfo,
         name_of: Callable[[int | None], str]) -> dict[Table, list[list[str]]]:
    """Each table's rows; ``name_of`` names a person by their number in the file."""
    found: dict[Table, list[list[str]]] = {table: [] for table in TABLES}
    for p in data.people:
        pid = ref(p.id)
        found[MEETINGS] += [
            [pid, p.name, WEEKDAY_NAMES[m.weekday].lower(),
             SEPARATOR.join("last" if n == LAST else str(n) for n in m.ordinals),
             f"{m.at:%H:%M}", m.timezone,
             str(m.minutes), m.place, SEPARATOR.join(d.isoformat() for d in m.skipped),
             number(m.remind_minutes)] for m in p.meetings]
        found[DATES] += [_date_row(pid, p.name, d) for d in p.dates]
    found[DATES] += [_date_row("", "", d) for d in data.own_dates]
    found[APPOINTMENTS] = [
        [ref(a.supporter_id), name_of(a.supporter_id), moment_text(a.at, tz), a.place,
         number(int(a.remind_before.total_seconds() // 60) if a.remind_before else None),
         a.note] for a in data.appointments]
    found[ASKS] = [[ref(a.supporter_id), name_of(a.supporter_id), a.kind.value, a.text,
                    moment_text(a.created, tz), flag(a.done)] for a in data.asks]
    found[TEMPLATES] = [[t.text, t.subject, flag(t.hard_time)] for t in data.templates]
    found[HELP_KINDS] = [[kind] for kind in data.help_kinds]
    return found
