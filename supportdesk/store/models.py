"""The peewee models: one table per domain type, bound late to the open vault."""

from __future__ import annotations

from typing import Any

import peewee as pw

database_proxy: Any = pw.DatabaseProxy()


class BaseModel(pw.Model):
    # peewee adds the primary key at run time; its stubs cannot know it.
    id: Any

    class Meta:
        database = database_proxy
        legacy_table_names = False


class SupporterRow(BaseModel):
    name = pw.TextField()
    kind = pw.TextField(index=True)
    role = pw.TextField(default="")
    ring = pw.TextField(default="middle", index=True)
    tie = pw.TextField(default="normal")
    stressful = pw.BooleanField(default=False)
    direction = pw.TextField(default="mutual")
    timezone = pw.TextField(default="")
    meeting_schedule = pw.TextField(default="")
    meeting_place = pw.TextField(default="")
    boundaries_mine = pw.TextField(default="")
    boundaries_theirs = pw.TextField(default="")
    help_warning_signs = pw.TextField(default="")
    help_what_helps = pw.TextField(default="")
    help_what_does_not = pw.TextField(default="")
    help_in_a_crisis = pw.TextField(default="")
    notes = pw.TextField(default="")
    cadence_days = pw.FloatField(null=True)
    paused = pw.BooleanField(default=False)
    snoozed_until = pw.DateTimeField(null=True)
    created = pw.DateTimeField()
    last_contact = pw.DateTimeField(null=True, index=True)  # kept in step with check_in_row
    help_with = pw.TextField(default="")  # schema 5: a JSON list of kinds of help, or ""

    class Meta:
        table_name = "supporter"


class ContactMethodRow(BaseModel):
    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="contact_rows", on_delete="CASCADE")
    type = pw.TextField()
    value = pw.TextField()
    label = pw.TextField(default="")
    preferred = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "contact_method"


class AvailabilityRow(BaseModel):
    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="availability_rows", on_delete="CASCADE")
    days = pw.IntegerField()  # bit mask, Monday = bit 0
    start_minute = pw.IntegerField()
    end_minute = pw.IntegerField()

    class Meta:
        table_name = "availability_window"


class CheckInRow(BaseModel):
    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="checkin_rows", on_delete="CASCADE")
    at = pw.DateTimeField()  # indexed first in the covering index below
    mode = pw.TextField(default="call")
    initiator = pw.TextField(default="me")
    mood_before = pw.IntegerField(null=True)
    mood_after = pw.IntegerField(null=True)
    support_given = pw.TextField(default="")  # comma-separated SupportType values
    support_received = pw.TextField(default="")
    note = pw.TextField(default="")

    class Meta:
        table_name = "check_in"
        indexes = (
            (("supporter", "at"), False),
            # Serves every range of ``at`` and the newest-first order (at, id) the
            # Check-ins list pages through, and covers Today's give-and-take count:
            # recent check-ins read from the index alone, however the rows lie in the file.
            (("at", "id", "supporter", "support_given", "support_received"), False),
            # Covers the mood reads by time (the year's grid, what people do for your mood).
            (("at", "supporter", "mood_before", "mood_after"), False),
        )


class GratitudeRow(BaseModel):
    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(
        SupporterRow, backref="gratitude_rows", null=True, on_delete="SET NULL"
    )
    on = pw.DateField(index=True)
    text = pw.TextField()
    thanked = pw.BooleanField(default=False)

    class Meta:
        table_name = "gratitude"
        # Covers "last thanked" per person (Today's gratitude prompts) without the rows.
        indexes = ((("supporter", "thanked", "on"), False),)


class PlanItemRow(BaseModel):
    supporter_id: Any  # set by peewee for the foreign key below
    step = pw.TextField(index=True)
    text = pw.TextField(default="")
    supporter = pw.ForeignKeyField(SupporterRow, null=True, on_delete="SET NULL")
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "plan_item"


class CrisisLineRow(BaseModel):
    country = pw.TextField(index=True)
    name = pw.TextField()
    contact = pw.TextField()
    channel = pw.TextField()
    hours = pw.TextField(default="")
    source = pw.TextField(default="")
    verified = pw.DateField(null=True)
    user_added = pw.BooleanField(default=False)
    notes = pw.TextField(default="")

    class Meta:
        table_name = "crisis_line"


class SettingRow(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()

    class Meta:
        table_name = "setting"


class NotificationLogRow(BaseModel):
    """Every reminder delivery and failure, so none is ever silent."""

    at = pw.DateTimeField(index=True)
    channel = pw.TextField()  # "dbus", "plyer", "tray", "summary"
    ok = pw.BooleanField()
    count = pw.IntegerField(default=1)
    detail = pw.TextField(default="")  # never personal data

    class Meta:
        table_name = "notification_log"


class MoodEntryRow(BaseModel):
    """A mood noted on its own (schema 4)."""

    at = pw.DateTimeField()
    mood = pw.IntegerField()
    feelings = pw.TextField(default="")  # comma-separated, as the person named them
    note = pw.TextField(default="")

    class Meta:
        table_name = "mood_entry"
        indexes = ((("at", "id"), False),)  # newest first, paged and ranged by time


class MeetingRow(BaseModel):
    """A regular meeting of a supporter (a group's, most often) (schema: meetings and dates)."""

    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="meeting_rows", on_delete="CASCADE")
    weekday = pw.IntegerField()  # Monday is 0
    ordinals = pw.TextField(default="")  # "1,3", "-1"; empty is every week
    start_minute = pw.IntegerField()
    timezone = pw.TextField(default="")
    minutes = pw.IntegerField(default=90)
    place = pw.TextField(default="")
    skipped = pw.TextField(default="")  # ISO dates, comma-separated
    remind_minutes = pw.IntegerField(null=True)
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "meeting"


class ImportantDateRow(BaseModel):
    """A birthday, an anniversary or a hard date; a person's, or one's own (no supporter)."""

    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="date_rows", null=True,
                                   on_delete="CASCADE")
    kind = pw.TextField()
    month = pw.IntegerField()
    day = pw.IntegerField()
    year = pw.IntegerField(null=True)
    label = pw.TextField(default="")
    remind_days = pw.IntegerField(null=True)
    ask_company = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "important_date"


class MessageTemplateRow(BaseModel):
    """Words kept ready to send (schema 5)."""

    position = pw.IntegerField(default=0)
    text = pw.TextField()
    subject = pw.TextField(default="")
    hard_time = pw.BooleanField(default=False)  # the one "Send to my people" sends

    class Meta:
        table_name = "message_template"


class AppointmentRow(BaseModel):
    """An appointment with a professional (schema: ``_appointments_and_asks_v7``)."""

    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="appointment_rows", on_delete="CASCADE")
    at = pw.DateTimeField(index=True)
    place = pw.TextField(default="")
    remind_minutes = pw.IntegerField(null=True)
    note = pw.TextField(default="")
    reminded = pw.BooleanField(default=False)

    class Meta:
        table_name = "appointment"


class AskRow(BaseModel):
    """Something to ask about next time, or a question to bring (``AskKind``)."""

    supporter_id: Any  # set by peewee for the foreign key below
    supporter = pw.ForeignKeyField(SupporterRow, backref="ask_rows", on_delete="CASCADE")
    kind = pw.TextField(default="next_time")
    text = pw.TextField()
    created = pw.DateTimeField()
    done = pw.BooleanField(default=False)

    class Meta:
        table_name = "ask"


# Every table as it is now, after every migration (store/migrations.py builds them, from
# schema_v1.py's SQL on; a test checks that the two agree column for column).
ALL_MODELS: list[type[BaseModel]] = [
    SupporterRow,
    ContactMethodRow,
    AvailabilityRow,
    CheckInRow,
    GratitudeRow,
    PlanItemRow,
    CrisisLineRow,
    SettingRow,
    NotificationLogRow,
    MoodEntryRow,
    MeetingRow,
    ImportantDateRow,
    MessageTemplateRow,
    AppointmentRow,
    AskRow,
]
