"""Records with the field names of the JSON export (formats/supportdesk_json.py), for
the command line's ``--json``: one set of names, so a script written against
``list --json`` reads an export too. People are numbered by their id in the vault."""

from __future__ import annotations

from supportdesk.formats.appointments_json import appointment_json, ask_json
from supportdesk.formats.occasions_json import date_json, meeting_json
from supportdesk.formats.supportdesk_json import (
    checkin_json,
    crisis_line_json,
    gratitude_json,
    moment_text,
    person_json,
    plan_item_json,
)

__all__ = ["appointment_json", "ask_json", "checkin_json", "crisis_line_json", "date_json",
           "gratitude_json", "meeting_json", "moment_text", "person_json", "plan_item_json"]
