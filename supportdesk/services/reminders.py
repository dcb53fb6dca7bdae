"""Today's reminders: who is due, what to notify, when to look again, and the record.

Nothing is ever dropped. A reminder counts as shown only once a notification for
it was delivered (``mark_notified``); until then it stays pending, through quiet
hours, a closed app or a sleeping machine. ``last_reminder_check`` remembers when
the app last looked, so reminders that fell due while it was closed are told
apart on the next start ("while you were away").

Every delivery and every failure is written to the notification record, with the
channel, the count and a short technical detail, never a name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from supportdesk.core.i18n import _, format_list, ngettext
from supportdesk.core.schedule import (
    DueItem,
    SnoozeOption,
    due_items,
    next_reminder,
    snooze_until,
)
from supportdesk.services import settings as keys
from supportdesk.services.timed import TimedService

NAMES_SHOWN = 2


@dataclass(frozen=True)
class Notice:
    """One notification's words; ``supporter_id`` is set when it is about one person,
    ``about_mood`` for the daily "How are you?" reminder."""

    title: str
    body: str
    count: int
    supporter_id: int | None = None
    about_mood: bool = False


@dataclass(frozen=True)
class Check:
    """What a look at the reminders found.

    ``due``: everyone due now. ``to_notify``: due and not yet shown, and quiet hours
    allow a notification now. ``away``: those that fell due while the app was
    closed (only on the first check after a start).
    """

    due: list[DueItem]
    to_notify: list[DueItem]
    away: list[DueItem]


def join_names(names: list[str]) -> str:
    """"Sam", "Sam and Priya", "Sam, Priya and 1 more" (in the person's language)."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return format_list(names)
    more = len(names) - NAMES_SHOWN
    # TRANSLATORS: {names} is a list of two names, like "Sam, Priya".
    return ngettext("{names} and {count} more", "{names} and {count} more", more).format(
        names=", ".join(names[:NAMES_SHOWN]), count=more)


def reminder_notice(items: list[DueItem], discreet: bool) -> Notice:
    """The one notification for everything due now (never one per person)."""
    count = len(items)
    only = items[0].supporter_id if count == 1 else None
    if discreet:
        return Notice(_("Time to reach out"),
                      ngettext("{count} check-in is due.", "{count} check-ins are due.",
                               count).format(count=count), count, only)
    names = [item.name for item in items]
    if count == 1:
        return Notice(_("Time to check in with {name}").format(name=names[0]),
                      _("A quick hello is enough. Open SupportDesk when you're ready."),
                      1, only)
    return Notice(ngettext("{count} check-in is due", "{count} check-ins are due",
                           count).format(count=count),
                  f"{join_names(names)}.", count, None)


def away_notice(items: list[DueItem], discreet: bool) -> Notice:
    """The one summary shown on start for what fell due while the app was closed."""
    count = len(items)
    only = items[0].supporter_id if count == 1 else None
    title = _("While you were away")
    if discreet:
        return Notice(title, ngettext("{count} check-in came due.",
                                      "{count} check-ins came due.", count).format(
                                          count=count), count, only)
    # TRANSLATORS: {names} is who is due, like "Sam, Priya and 1 more".
    return Notice(title, ngettext("{count} check-in came due: {names}.",
                                  "{count} check-ins came due: {names}.", count).format(
                                      count=count, names=join_names([i.name for i in items])),
                  count, only)


def _not_shown(due: list[DueItem], notified: dict[int, str]) -> list[DueItem]:
    """Those whose current reminder has not been shown (a new snooze or due date counts anew)."""
    return [i for i in due if notified.get(i.supporter_id) != i.remind_at.isoformat()]


class ReminderService(TimedService):
    # -- what is due --------------------------------------------------------

    def due_now(self, now: datetime | None = None) -> list[DueItem]:
        moment = now or self.now()
        return due_items(self.session.repo.supporter_heads(), moment,
                         self.settings.cadence_defaults(), self.zone)

    @property
    def paused(self) -> bool:
        return self.settings.get(keys.REMINDERS_PAUSED)

    def set_paused(self, paused: bool) -> None:
        self.settings.set(keys.REMINDERS_PAUSED, paused)

    def check(self, now: datetime | None = None, starting: bool = False) -> Check:
        """Look at the reminders now; on start, also find what fell due while closed.

        Records the check time so the next start compares against it.
        """
        moment = now or self.now()
        due = self.due_now(moment)
        unseen = _not_shown(due, self._prune_notified(due))
        if self.paused:
            return self._checked(moment, Check(due, [], []))
        # On start, everything due and never shown is surfaced: what fell due while the
        # app was closed or asleep, and anything held back before it closed.
        away = unseen if starting else []
        quiet = self.settings.quiet_hours().contains(moment, self.zone)
        return self._checked(moment, Check(due, [] if quiet else unseen, away))

    def _checked(self, moment: datetime, result: Check) -> Check:
        self.settings.set(keys.LAST_REMINDER_CHECK, moment)
        return result

    def _prune_notified(self, due: list[DueItem]) -> dict[int, str]:
        notified = self.settings.get(keys.NOTIFIED)
        due_ids = {i.supporter_id for i in due}
        kept = {sid: at for sid, at in notified.items() if sid in due_ids}
        if kept != notified:
            self.settings.set(keys.NOTIFIED, kept)
        return kept

    def mark_notified(self, items: list[DueItem]) -> None:
        notified: dict[int, str] = self.settings.get(keys.NOTIFIED)
        notified.update({i.supporter_id: i.remind_at.isoformat() for i in items})
        self.settings.set(keys.NOTIFIED, notified)

    def next_wakeup(self, now: datetime | None = None) -> datetime | None:
        """The next moment the engine must look again (None: nothing will come due).

        The earliest future due moment, held to the end of quiet hours when it falls
        inside them; and, while something due is still waiting for quiet hours to
        end, that end.
        """
        if self.paused:
            return None
        moment = now or self.now()
        quiet = self.settings.quiet_hours()
        supporters = self.session.repo.supporter_heads()
        defaults = self.settings.cadence_defaults()
        candidates: list[datetime] = []
        upcoming = next_reminder(supporters, moment, defaults, self.zone)
        if upcoming is not None:
            candidates.append(quiet.release(upcoming, self.zone))
        waiting = _not_shown(due_items(supporters, moment, defaults, self.zone),
                             self.settings.get(keys.NOTIFIED))
        if waiting and quiet.contains(moment, self.zone):
            candidates.append(quiet.release(moment, self.zone))
        return min(candidates, default=None)

    # -- actions ------------------------------------------------------------

    def snooze(self, supporter_id: int, option: SnoozeOption,
               now: datetime | None = None) -> datetime:
        until = snooze_until(option, now or self.now(), self.zone)
        self._change_cadence(supporter_id, snoozed_until=until)
        return until

    def clear_snooze(self, supporter_id: int) -> None:
        self._change_cadence(supporter_id, snoozed_until=None)

    def snooze_all(self, option: SnoozeOption, now: datetime | None = None) -> int:
        """Snooze everyone due now; returns how many."""
        moment = now or self.now()
        due = self.due_now(moment)
        with self.session.repo.db.atomic():
            for item in due:
                self.snooze(item.supporter_id, option, moment)
        return len(due)

    def set_supporter_paused(self, supporter_id: int, paused: bool) -> None:
        self._change_cadence(supporter_id, paused=paused)

    def _change_cadence(self, supporter_id: int, **changes: Any) -> None:
        network = self.session.network
        supporter = network.supporter(supporter_id)
        network.save_supporter(replace(supporter, cadence=replace(supporter.cadence, **changes)))

    # -- the record ---------------------------------------------------------

    def record_delivery(self, channel: str, ok: bool, count: int, detail: str = "") -> None:
        """Write one delivery or failure; ``detail`` is technical, never personal."""
        self.session.repo.log_notification(self.now(), channel, ok, count, detail[:200])

