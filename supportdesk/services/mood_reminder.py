"""The daily "How are you?" reminder's use of the vault: its rule, whether it is due,
when to look again, and which day was last shown (the rules are core.mood_reminder).

It goes with the other reminders: paused with them, held by the same quiet hours, in
the same local time zone, and shown by the same reminder engine and notifier.
"""

from __future__ import annotations

from datetime import date, datetime

from supportdesk.core.i18n import N_, _
from supportdesk.core.mood_reminder import MoodReminderRule, current_day, due_day, next_moment
from supportdesk.services import settings as keys
from supportdesk.services.reminders import Notice, ReminderService

TITLE = N_("How are you?")
BODY = N_("A moment just for you. Note how you are, if you'd like to.")
DISCREET_TITLE = N_("A gentle reminder")
DISCREET_BODY = N_("Open SupportDesk when you have a moment.")


def mood_notice(discreet: bool) -> Notice:
    """Its words; discreet ones say nothing about moods (as check-in reminders then name
    no one), for a screen others may see."""
    if discreet:
        return Notice(_(DISCREET_TITLE), _(DISCREET_BODY), 1, about_mood=True)
    return Notice(_(TITLE), _(BODY), 1, about_mood=True)


class MoodReminderService:
    def __init__(self, reminders: ReminderService) -> None:
        self.reminders = reminders
        self.settings = reminders.settings

    def rule(self) -> MoodReminderRule:
        return MoodReminderRule(self.settings.get(keys.MOOD_REMINDER_ENABLED),
                                self.settings.get(keys.MOOD_REMINDER_AT))

    def set_rule(self, rule: MoodReminderRule) -> None:
        """Save it; the day that stood before counts as shown, so switching it on (or
        moving the time earlier) asks from the next reminder on, not at once."""
        rule = MoodReminderRule(rule.enabled, rule.at.replace(second=0, microsecond=0))
        self.settings.set(keys.MOOD_REMINDER_ENABLED, rule.enabled)
        self.settings.set(keys.MOOD_REMINDER_AT, rule.at)
        standing = current_day(rule, self.reminders.now(), self.reminders.zone,
                               self.settings.quiet_hours())
        shown = self.shown_for()
        if standing is not None and (shown is None or standing > shown):
            self.mark_shown(standing)

    def _live_rule(self) -> MoodReminderRule:
        """Off while every reminder is paused."""
        rule = self.rule()
        return MoodReminderRule(False, rule.at) if self.reminders.paused else rule

    def shown_for(self) -> date | None:
        text = self.settings.get(keys.MOOD_REMINDER_SHOWN_FOR)
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            return None

    def due(self, now: datetime) -> date | None:
        """The day to remind about now, or None (see ``core.mood_reminder.due_day``)."""
        rule = self._live_rule()
        if not rule.enabled:
            return None  # off, as by default: one settings read, nothing else
        latest = self.reminders.session.repo.mood_entries(limit=1)
        return due_day(rule, now, self.reminders.zone, self.settings.quiet_hours(),
                       self.shown_for(), latest[0].at if latest else None)

    def next_wakeup(self, now: datetime) -> datetime | None:
        """When to look again: the end of quiet hours while today's reminder waits for
        it, else the next reminder moment."""
        rule = self._live_rule()
        if not rule.enabled:
            return None
        zone, quiet = self.reminders.zone, self.settings.quiet_hours()
        if quiet.contains(now, zone):
            held = due_day(rule, quiet.release(now, zone), zone, quiet, self.shown_for(),
                           None)
            if held is not None:
                return quiet.release(now, zone)
        return next_moment(rule, now, zone, quiet)

    def mark_shown(self, day: date) -> None:
        self.settings.set(keys.MOOD_REMINDER_SHOWN_FOR, day.isoformat())
