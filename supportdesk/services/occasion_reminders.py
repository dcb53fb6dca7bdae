"""Reminders before meetings and dates that matter, for the reminder engine.

Opt-in: a meeting reminds only with a lead time chosen for it, a date only with a
number of days chosen. A meeting's reminder comes that long before it starts; a
date's at 09:00 on its reminder day. Like check-in reminders they wait for quiet
hours to end, stop while reminders are paused, leave names out when discreet, and
count as shown only once delivered (then never again for that occurrence).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from supportdesk.core.dates import DateKind, ImportantDate, days_words, next_on, remind_on
from supportdesk.core.i18n import N_, _
from supportdesk.core.meetings import occurrences, when_words
from supportdesk.core.model import Supporter
from supportdesk.services import settings as keys
from supportdesk.services.occasions import ComingDate
from supportdesk.services.reminders import Notice
from supportdesk.services.settings import Key
from supportdesk.services.timed import TimedService
from supportdesk.store import meeting_rows

DATE_REMINDER_TIME = time(9, 0)
# A reminder missed (the app was closed) still comes while its meeting or date is ahead.
LOOK_BACK = timedelta(days=1)
COMPANY_WORDS = N_("Would you like someone with you that day? SupportDesk can help you ask.")


def _parse_keys(text: str) -> list[str]:
    raw = json.loads(text)
    if not isinstance(raw, list):
        raise ValueError("not a list")
    return [str(item) for item in raw]


# Which occurrences were reminded of (bookkeeping: counted under "reminders").
OCCASIONS_NOTIFIED: Key[list[str]] = Key("reminders.occasions_notified", [], _parse_keys,
                                         lambda v: json.dumps(sorted(v)))


@dataclass(frozen=True)
class OccasionReminder:
    key: str  # one occurrence: shown once
    at: datetime  # when the reminder is due
    until: datetime  # after this it is no longer worth showing
    notice: Notice


def _meeting_reminders(supporter: Supporter, now: datetime, zone: tzinfo,
                       discreet: bool) -> list[OccasionReminder]:
    found = []
    for index, meeting in enumerate(supporter.meetings):
        if meeting.remind_minutes is None:
            continue
        lead = timedelta(minutes=meeting.remind_minutes)
        for start in occurrences(meeting, now, zone, limit=2):
            at = start - lead
            if discreet:
                notice = Notice(_("A meeting soon"), _("Open SupportDesk for the details."),
                                1, supporter.id)
            else:
                place = f" · {meeting.place}" if meeting.place else ""
                # TRANSLATORS: {name} is a group's name; {when} like "Today 19:00".
                title = _("{name} meets {when}").format(name=supporter.name,
                                                       when=when_words(start, at, zone))
                # TRANSLATORS: {place} is empty or " · " and a place, like " · Room 4".
                body = _("A reminder you asked for{place}.").format(place=place)
                notice = Notice(title, body, 1, supporter.id)
            found.append(OccasionReminder(f"m:{supporter.id}:{index}:{start.isoformat()}",
                                          at, start, notice))
    return found


def _date_reminders(supporter: Supporter | None, dates: list[ImportantDate], now: datetime,
                    zone: tzinfo, discreet: bool) -> list[OccasionReminder]:
    found = []
    today = (now - LOOK_BACK).astimezone(zone).date()
    now_day = now.astimezone(zone).date()
    owner = supporter.id if supporter is not None else 0
    for index, item in enumerate(dates):
        day = remind_on(item, today)
        if day is None:
            continue
        on = next_on(item, today)
        at = datetime.combine(day, DATE_REMINDER_TIME).replace(tzinfo=zone)
        until = datetime.combine(on + timedelta(days=1), time(0)).replace(tzinfo=zone)
        if discreet:
            notice = Notice(_("A date coming up"), _("Open SupportDesk when you're ready."),
                            1, owner or None)
        else:
            words = ComingDate(item, on, supporter).words(max(day, now_day))
            body = (_(COMPANY_WORDS) if item.kind is DateKind.HARD and item.ask_company
                    else _("Be gentle with yourself.") if item.kind is DateKind.HARD
                    # TRANSLATORS: {when} is "today", "tomorrow" or "in 5 days".
                    else _("It's {when}.").format(when=days_words(on, max(day, now_day))))
            notice = Notice(words, body, 1, owner or None)
        found.append(OccasionReminder(f"d:{owner}:{index}:{on.isoformat()}", at, until,
                                      notice))
    return found


class OccasionReminderService(TimedService):
    def _all(self, now: datetime, discreet: bool) -> list[OccasionReminder]:
        zone = self.zone
        found: list[OccasionReminder] = []
        for supporter in self.session.repo.supporter_heads():
            found += _meeting_reminders(supporter, now, zone, discreet)
            found += _date_reminders(supporter, supporter.dates, now, zone, discreet)
        found += _date_reminders(None, meeting_rows.own_dates(), now, zone, discreet)
        return found

    def due(self, now: datetime, discreet: bool = False) -> list[OccasionReminder]:
        """Reminders due now and not yet shown (none while paused or in quiet hours)."""
        if self.settings.get(keys.REMINDERS_PAUSED):
            return []
        if self.settings.quiet_hours().contains(now, self.zone):
            return []
        notified: list[str] = self.settings.get(OCCASIONS_NOTIFIED)
        shown = set(notified)
        return sorted((r for r in self._all(now, discreet)
                       if r.at <= now < r.until and r.key not in shown), key=lambda r: r.at)

    def next_wakeup(self, now: datetime) -> datetime | None:
        """When the next reminder falls due (held to the end of quiet hours)."""
        if self.settings.get(keys.REMINDERS_PAUSED):
            return None
        notified: list[str] = self.settings.get(OCCASIONS_NOTIFIED)
        shown = set(notified)
        ahead = [r.at for r in self._all(now, False) if r.at > now and r.key not in shown]
        if not ahead:
            return None
        return self.settings.quiet_hours().release(min(ahead), self.zone)

    def mark_shown(self, reminders: list[OccasionReminder], now: datetime) -> None:
        """Remember what was shown; forget occurrences long past."""
        keep = {r.key for r in self._all(now, False)}
        shown = {k for k in self.settings.get(OCCASIONS_NOTIFIED) if k in keep}
        shown.update(r.key for r in reminders)
        self.settings.set(OCCASIONS_NOTIFIED, sorted(shown))
