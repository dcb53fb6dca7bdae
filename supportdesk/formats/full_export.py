"""The full export as a .zip: a CSV file per kind of record, the JSON, its schema, a README.

Every CSV is UTF-8 (with a byte-order mark, so spreadsheet apps pick the encoding), has
a header row of stable snake_case column names, and escapes cells a spreadsheet would
run as a formula the way ``csv_io`` does. ``TABLES`` holds each file's columns with what
they mean; the README is written from it, so the two never disagree. Check-ins alone
(``checkins_csv``) use the same columns as the check-ins file in the zip.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo

from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.formats import full_export_v3
from supportdesk.formats.csv_io import SEPARATOR
from supportdesk.formats.export_table import (
    PERSON_COLUMNS,
    Table,
    flag,
    number,
    ref,
    write_rows,
)
from supportdesk.formats.supportdesk_json import (
    ExportData,
    days_text,
    every_days,
    hhmm,
    moment_text,
    to_json,
)

JSON_NAME = "supportdesk.json"
SCHEMA_NAME = "supportdesk-export.schema.json"
README_NAME = "README.txt"
CSV_ENCODING = "utf-8-sig"
FILE_MODE = 0o600  # how the files come out of the zip on Linux and macOS


PEOPLE = Table("people.csv", "Everyone in your support network, one row each.", (
    PERSON_COLUMNS[0],
    ("name", "their name"),
    ("kind", "partner, family, friend, professional, group (a support group), online "
             "(an online community) or crisis (a crisis line or service)"),
    ("role", "for professionals: gp, cpn (community psychiatric nurse), psychiatrist, "
             "psychologist, therapist, social_worker, support_worker or other"),
    ("ring", "closeness: inner, middle or outer circle"),
    ("tie", "how strong the bond feels: strong, normal or weak"),
    ("stressful", "true if contact with them can be stressful"),
    ("direction", "which way support mostly flows: receive (they support me), mutual, "
                  "give (I support them)"),
    ("timezone", "their time zone (an IANA name such as Europe/London), empty for your own"),
    ("meeting_schedule", "for groups: when they meet"),
    ("meeting_place", "for groups: where they meet"),
    ("check_in_every_days", "how often you want to be in touch, in days; empty means the "
                            "default for their circle"),
    ("paused", "true if check-in reminders for them are paused"),
    ("snoozed_until", "reminders snoozed until this moment (empty if not snoozed)"),
    ("created", "when they were added"),
    ("last_contact", "your last check-in with them (worked out from the check-ins)"),
    ("notes", "your notes about them"),
    ("help_with", "the kinds of help they offer (separated by “; ”; the list is in "
                  "help_kinds.csv)"),
    ("on_lock_screen", "true if they are shown on the lock screen's crisis help"),
))
CONTACTS = Table("contact_methods.csv", "Phone numbers, text numbers, email and web "
                 "addresses and postal addresses, one row each.", (
    *PERSON_COLUMNS,
    ("position", "the order they are listed in, from 0"),
    ("type", "phone, sms (text messages), email, web or address"),
    ("value", "the number or address"),
    ("label", "a label such as mobile, home or work"),
    ("preferred", "true for the way they prefer to be reached"),
))
AVAILABILITY = Table("availability.csv", "When each person can be reached, one row per "
                     "time window, in their time zone.", (
    *PERSON_COLUMNS,
    ("days", "the days of the week: mon tue wed thu fri sat sun"),
    ("start", "from (24-hour HH:MM)"),
    ("end", "until (24-hour HH:MM); earlier than start means past midnight, the same as "
            "start means the whole day"),
))
BOUNDARIES = Table("boundaries_and_help.csv", "Boundaries both ways and the “how you can "
                   "help me” notes, one row per person.", (
    *PERSON_COLUMNS,
    ("boundaries_mine", "boundaries I keep with them"),
    ("boundaries_theirs", "their boundaries that I respect"),
    ("help_warning_signs", "my warning signs they can spot"),
    ("help_what_helps", "what helps"),
    ("help_what_does_not", "what does not help"),
    ("help_in_a_crisis", "what I'd like them to do in a crisis"),
))
CHECKINS = Table("checkins.csv", "Every check-in you logged, oldest first.", (
    ("at", "when it happened (date and time with the UTC offset)"),
    *PERSON_COLUMNS,
    ("mode", "how: call, text, in_person, video, group (a group meeting) or online"),
    ("initiator", "who reached out: me or them"),
    ("mood_before", "your mood before, from 1 (very low) to 5 (very good); empty if not noted"),
    ("mood_after", "your mood after, from 1 to 5; empty if not noted"),
    ("support_given", "support you gave: emotional, practical, information, company "
                      "(separated by “; ”)"),
    ("support_received", "support you received, the same words"),
    ("note", "your note"),
))
GRATITUDE = Table("gratitude.csv", "Your gratitude entries, oldest first.", (
    ("on", "the day (YYYY-MM-DD)"),
    ("person_id", "the person it is about (empty for none)"),
    ("person", "their name"),
    ("text", "what you were grateful for"),
    ("thanked", "true once you thanked them"),
))
MOODS = Table("moods.csv", "How you were, noted on its own (“How are you?”), oldest "
              "first.", (
    ("at", "when (ISO 8601, with its UTC offset)"),
    ("mood", "1 (very low), 2 (low), 3 (okay), 4 (good) or 5 (very good)"),
    ("feelings", "the feelings you named (separated by “; ”)"),
    ("note", "your note"),
))
PLAN = Table("safety_plan.csv", "Your safety plan, step by step, in order.", (
    ("step", "the step: " + ", ".join(step.value for step in PlanStep)),
    ("step_title", "the step's title as the app shows it"),
    ("position", "the order within the step, from 0"),
    ("text", "what you wrote"),
    ("person_id", "for the people steps: the person it links to (empty for none)"),
    ("person", "their name"),
))
CRISIS_LINES = Table("crisis_lines.csv", "Crisis lines and services you added yourself "
                     "(the ones that come with SupportDesk are not repeated here).", (
    ("country", "the country (ISO code, like GB)"),
    ("name", "the service's name"),
    ("contact", "its number, text code or web address"),
    ("channel", "call, text or chat"),
    ("hours", "when it is open"),
    ("source", "where the details came from"),
    ("verified", "the day you last checked them (YYYY-MM-DD)"),
    ("notes", "your notes"),
))
SETTINGS = Table("settings.csv", "The settings that shape how SupportDesk looks after you.", (
    ("setting", "the setting's name (the same as in supportdesk.json)"),
    ("value", "its value"),
    ("meaning", "what it does"),
))
TABLES = (PEOPLE, CONTACTS, AVAILABILITY, BOUNDARIES, CHECKINS, GRATITUDE, MOODS, PLAN,
          CRISIS_LINES, SETTINGS, *full_export_v3.TABLES)


def checkin_row(checkin: CheckIn, person: str, tz: tzinfo) -> list[str]:
    return [moment_text(checkin.at, tz), str(checkin.supporter_id), person,
            checkin.mode.value, checkin.initiator.value, number(checkin.mood_before),
            number(checkin.mood_after),
            SEPARATOR.join(sorted(s.value for s in checkin.support_given)),
            SEPARATOR.join(sorted(s.value for s in checkin.support_received)), checkin.note]


def checkins_csv(checkins: Iterable[CheckIn], name_of: Callable[[int], str],
                 tz: tzinfo) -> str:
    """Check-ins as CSV, in the order given; ``name_of`` names each one's person."""
    return write_rows(CHECKINS, (checkin_row(c, name_of(c.supporter_id), tz)
                                 for c in checkins))


def _person_rows(people: list[Supporter], tz: tzinfo,
                 on_lock_screen: set[int]) -> dict[Table, list[list[str]]]:
    rows: dict[Table, list[list[str]]] = {PEOPLE: [], CONTACTS: [], AVAILABILITY: [],
                                          BOUNDARIES: []}
    for p in people:
        pid = str(p.id)
        rows[PEOPLE].append([
            pid, p.name, p.kind.value, p.role.value, p.ring.value, p.tie.value,
            flag(p.stressful), p.direction.value, p.timezone, p.meeting_schedule,
            p.meeting_place, number(every_days(p.cadence.every)), flag(p.cadence.paused),
            moment_text(p.cadence.snoozed_until, tz), moment_text(p.created, tz),
            moment_text(p.last_contact, tz), p.notes, SEPARATOR.join(p.help_with),
            flag(p.id in on_lock_screen)])
        rows[CONTACTS] += [[pid, p.name, str(position), c.type.value, c.value, c.label,
                            flag(c.preferred)] for position, c in enumerate(p.contacts)]
        rows[AVAILABILITY] += [[pid, p.name, " ".join(days_text(w.days)), hhmm(w.start),
                                hhmm(w.end)] for w in p.availability]
        rows[BOUNDARIES].append([pid, p.name, p.boundaries.mine, p.boundaries.theirs,
                                 p.help.warning_signs, p.help.what_helps,
                                 p.help.what_does_not, p.help.in_a_crisis])
    return rows


def csv_files(data: ExportData, tz: tzinfo, meanings: dict[str, str]) -> dict[str, str]:
    """Each CSV file's name and text; ``meanings`` explain the settings."""
    names = {p.id: p.name for p in data.people}

    def name_of(person_id: int | None) -> str:
        return names.get(person_id, "") if person_id is not None else ""

    rows = (_person_rows(data.people, tz, data.on_lock_screen)
            | full_export_v3.rows(data, tz, name_of))
    rows[GRATITUDE] = [[g.on.isoformat(), ref(g.supporter_id), name_of(g.supporter_id),
                        g.text, flag(g.thanked)] for g in data.gratitude]
    rows[MOODS] = [[moment_text(m.at, tz), str(m.mood), SEPARATOR.join(m.feelings), m.note]
                   for m in data.moods]
    rows[PLAN] = [[i.step.value, i.step.label, str(i.position), i.text, ref(i.supporter_id),
                   name_of(i.supporter_id)] for i in data.plan]
    rows[CRISIS_LINES] = [[c.country, c.name, c.contact, c.channel.value, c.hours, c.source,
                           c.verified.isoformat() if c.verified else "", c.notes]
                          for c in data.crisis_lines]
    rows[SETTINGS] = [[key, _setting_text(value), meanings.get(key, "")]
                      for key, value in data.settings.items()]
    files = {table.name: write_rows(table, rows[table]) for table in TABLES
             if table is not CHECKINS}
    files[CHECKINS.name] = checkins_csv(data.checkins, name_of, tz)
    return {table.name: files[table.name] for table in TABLES}


def _setting_text(value: object) -> str:
    return flag(value) if isinstance(value, bool) else str(value)


def readme_text(data: ExportData, tz: tzinfo) -> str:
    lines = [
        "SupportDesk: everything in your vault",
        "=====================================",
        "",
        f"Exported {moment_text(data.exported_at, tz)}"
        + (f" by SupportDesk {data.app_version}." if data.app_version else "."),
        "",
        "These files are NOT encrypted. Anyone who can open them can read them: keep them",
        "somewhere private and delete them when you no longer need them.",
        "",
        f"{JSON_NAME} holds all of it in one file, and SupportDesk can import it back",
        "(File > Import > SupportDesk export, or `supportdesk import supportdesk.json`).",
        f"{SCHEMA_NAME} describes its format (JSON Schema). The CSV files open in any",
        "spreadsheet. All files are UTF-8. Dates are YYYY-MM-DD; moments are ISO 8601 with",
        "their UTC offset, like 2026-11-24T18:30:00+00:00. true and false are yes and no.",
        "A cell that starts with = + - or @ has a ' put in front, so that a spreadsheet",
        "shows it rather than running it as a formula. People are numbered (person_id)",
        "within this export, so the files can be joined on that number.",
        "",
    ]
    for table in TABLES:
        lines += [table.name, "-" * len(table.name), table.about]
        lines += [f"  {column}: {meaning}" for column, meaning in table.columns]
        lines.append("")
    return "\n".join(lines)


def write_zip(data: ExportData, tz: tzinfo, schema: str, meanings: dict[str, str]) -> bytes:
    """The whole export as the bytes of a .zip file."""
    stamp = data.exported_at.astimezone(tz).timetuple()[:6]
    entries = {README_NAME: readme_text(data, tz).encode("utf-8"),
               JSON_NAME: to_json(data, tz).encode("utf-8"),
               SCHEMA_NAME: schema.encode("utf-8")}
    entries |= {name: text.encode(CSV_ENCODING)
                for name, text in csv_files(data, tz, meanings).items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, payload in entries.items():
            info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | FILE_MODE) << 16
            archive.writestr(info, payload)
    return buffer.getvalue()


def json_in_zip(raw: bytes) -> bytes:
    """``supportdesk.json`` from an export's .zip (KeyError if it has none)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return archive.read(JSON_NAME)


def is_zip(raw: bytes) -> bool:
    return raw.startswith(b"PK\x03\x04")


def names_by_id(people: Iterable[Supporter]) -> dict[int, str]:
    return {p.id: p.name for p in people if p.id is not None}


def default_name(now: datetime, tz: tzinfo, what: str = "export") -> str:
    return f"supportdesk-{what}-{now.astimezone(tz).date().isoformat()}"
