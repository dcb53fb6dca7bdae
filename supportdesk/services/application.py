"""The application object: one open vault, every service over it once, and the use cases.

The GUI and the command line get everything from here and nothing from below it: reads
through the services it holds (``app.network.people()``, ``app.dashboard.today()``),
and every change through one of its use cases. A use case validates, writes in one
transaction, returns what an undo needs, and then polls the change feed, which tells
every listener the topics that changed ("people", "checkins", "gratitude", "plan",
"settings", "reminders", "templates"; a mood noted on its own is under "checkins"). Changes made
by another process (the command line while the app is open, a restore) reach the same
feed when it is next polled.

Undo takes back exactly what the use case changed, field by field
(``core.field_changes``): a snooze made from Today after an edit survives an undo of
that edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from supportdesk.core.appointments import Appointment, Ask
from supportdesk.core.dates import ImportantDate
from supportdesk.core.errors import StorageError
from supportdesk.core.field_changes import Edit, edit_of
from supportdesk.core.insights import EscalationRule
from supportdesk.core.isolation import IsolationRule
from supportdesk.core.kinds import PlanStep, Ring
from supportdesk.core.messages import MessageTemplate
from supportdesk.core.model import CheckIn, CrisisLine, Gratitude, PlanItem, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.core.mood_reminder import MoodReminderRule
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.core.schedule import DueItem, SnoozeOption
from supportdesk.services import backups
from supportdesk.services.app_lock import AppLock
from supportdesk.services.appointments import AppointmentService
from supportdesk.services.auto_backup import BackupScheduler
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.dashboard import DashboardService
from supportdesk.services.feed import ChangeFeed
from supportdesk.services.mood import MoodService
from supportdesk.services.mood_effect import MoodEffectService
from supportdesk.services.mood_reminder import MoodReminderService
from supportdesk.services.mood_year import MoodYearService
from supportdesk.services.network import NetworkService
from supportdesk.services.occasion_reminders import OccasionReminder, OccasionReminderService
from supportdesk.services.occasions import OccasionsService
from supportdesk.services.reminders import Check, ReminderService
from supportdesk.services.safety_plan import Plan, SafetyPlanService
from supportdesk.services.session import Session
from supportdesk.services.settings import Key, Settings
from supportdesk.services.templates import TemplatesService
from supportdesk.store import change_counts
from supportdesk.store.repository import SupporterSnapshot
from supportdesk.vault.vault import Vault

if TYPE_CHECKING:  # loaded when first used: the formats they read and write are large
    from supportdesk.services.daylio_import import (
        DaylioImportOutcome,
        DaylioImportService,
        DaylioPreview,
    )
    from supportdesk.services.exporting import ExportService
    from supportdesk.services.full_export import FullExportService
    from supportdesk.services.full_import import (
        FullImportOutcome,
        FullImportPreview,
        FullImportService,
    )
    from supportdesk.services.importing import ImportOutcome, ImportPreview, ImportService

__all__ = ["Application", "Edit", "SupporterSnapshot", "edit_of"]

T = TypeVar("T")
V = TypeVar("V")


class Application:
    """The one way into an open vault for the GUI and the CLI (Qt-free)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        repo = session.repo
        self.network: NetworkService = session.network
        self.mood = MoodService(repo, lambda: session.clock())
        self.mood_year = MoodYearService(session)  # the year at a glance
        self.settings = Settings(repo)
        self.safety_plan = SafetyPlanService(repo)
        self.crisis_lines = CrisisLinesService(repo)
        self.templates = TemplatesService(repo)
        self.reminders = ReminderService(session)
        self.mood_reminder = MoodReminderService(self.reminders)
        self.mood_effect = MoodEffectService(session, self.settings,
                                             lambda: self.dashboard.zone)
        self.appointments = AppointmentService(session)
        self.dashboard = DashboardService(session)
        self.occasions = OccasionsService(session)
        self.occasion_reminders = OccasionReminderService(session)
        self.app_lock = AppLock(self.settings)
        # Backups need a vault (a bare test database has none).
        self.backups = (BackupScheduler(session.vault, self.settings, lambda: session.clock())
                        if session.vault is not None else None)
        self.feed = ChangeFeed(self._change_counts)
        self._depth = 0

    # Import and export are made when first used: a command or a start that uses neither
    # does not load vCard, ICS and the export formats (about 40 ms of imports).
    @cached_property
    def importing(self) -> ImportService:
        from supportdesk.services.importing import ImportService

        return ImportService(self.session)

    @cached_property
    def exporting(self) -> ExportService:
        from supportdesk.services.exporting import ExportService

        return ExportService(self.session)

    @cached_property
    def full_export(self) -> FullExportService:
        from supportdesk.services.full_export import FullExportService

        return FullExportService(self.session)

    @cached_property
    def daylio_import(self) -> DaylioImportService:
        from supportdesk.services.daylio_import import DaylioImportService

        return DaylioImportService(self.session)

    @cached_property
    def full_import(self) -> FullImportService:
        from supportdesk.services.full_import import FullImportService

        return FullImportService(self.session)

    def _change_counts(self) -> dict[str, int]:
        """Read from this session's own database (never reopening a closed one)."""
        db = self.session.db
        if db.is_closed():
            raise StorageError("The vault is closed.")
        return change_counts.read(db)

    @property
    def vault(self) -> Vault | None:
        return self.session.vault

    def now(self) -> datetime:
        return self.session.clock()

    def close(self) -> None:
        self.feed.close()
        self.session.close()

    def counts(self) -> dict[str, int]:
        """How many people, check-ins, gratitude notes and plan lines the vault holds."""
        return self.session.repo.counts()

    # -- the envelope every use case runs in -------------------------------------------

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """One transaction; once the outermost one commits, the feed says what changed."""
        self._depth += 1
        try:
            with self.session.db.atomic():
                yield
        finally:
            self._depth -= 1
        if self._depth == 0:
            self.feed.poll()

    def _change(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._changing():
            return work(*args, **kwargs)

    # -- people ----------------------------------------------------------------------

    def add_supporter(self, supporter: Supporter) -> Supporter:
        return self._change(self.network.save_supporter, replace(supporter, id=None))

    def edit_supporter(self, before: Supporter, after: Supporter) -> Edit[Supporter]:
        """Save ``after``; the Edit undoes only what differs from ``before``."""
        with self._changing():
            edit = edit_of(before, replace(after, id=before.id))
            self._put_supporter(edit, edit.redone)
        return edit

    def undo_supporter_edit(self, edit: Edit[Supporter]) -> Supporter:
        with self._changing():
            return self._put_supporter(edit, edit.undone)

    def redo_supporter_edit(self, edit: Edit[Supporter]) -> Supporter:
        with self._changing():
            return self._put_supporter(edit, edit.redone)

    def _put_supporter(self, edit: Edit[Supporter],
                       change: Callable[[Supporter], Supporter]) -> Supporter:
        assert edit.before.id is not None
        return self.network.save_supporter(change(self.network.supporter(edit.before.id)))

    def change_ring(self, supporter_id: int, ring: Ring) -> Edit[Supporter]:
        current = self.network.supporter(supporter_id)
        return self.edit_supporter(current, replace(current, ring=ring))

    def delete_supporter(self, supporter_id: int) -> SupporterSnapshot:
        return self._change(self.network.delete_supporter, supporter_id)

    def restore_supporter(self, snapshot: SupporterSnapshot) -> Supporter:
        return self._change(self.network.restore_supporter, snapshot)

    # -- check-ins -------------------------------------------------------------------

    def log_checkin(self, checkin: CheckIn) -> CheckIn:
        return self._change(self.network.log_checkin, replace(checkin, id=None))

    def edit_checkin(self, before: CheckIn, after: CheckIn) -> Edit[CheckIn]:
        with self._changing():
            edit = edit_of(before, replace(after, id=before.id))
            self._put_checkin(edit, edit.redone)
        return edit

    def undo_checkin_edit(self, edit: Edit[CheckIn]) -> CheckIn:
        with self._changing():
            return self._put_checkin(edit, edit.undone)

    def redo_checkin_edit(self, edit: Edit[CheckIn]) -> CheckIn:
        with self._changing():
            return self._put_checkin(edit, edit.redone)

    def _put_checkin(self, edit: Edit[CheckIn], change: Callable[[CheckIn], CheckIn]
                     ) -> CheckIn:
        assert edit.before.id is not None
        return self.network.log_checkin(change(self.network.checkin(edit.before.id)))

    def delete_checkin(self, checkin_id: int) -> CheckIn:
        return self._change(self.network.delete_checkin, checkin_id)

    def restore_checkin(self, checkin: CheckIn) -> CheckIn:
        return self._change(self.network.restore_checkin, checkin)

    # -- mood on its own ("How are you?") -------------------------------------------

    def add_mood_entry(self, entry: MoodEntry) -> MoodEntry:
        return self._change(self.mood.save, replace(entry, id=None))

    def edit_mood_entry(self, before: MoodEntry, after: MoodEntry) -> Edit[MoodEntry]:
        with self._changing():
            edit = edit_of(before, replace(after, id=before.id))
            self._put_mood_entry(edit, edit.redone)
        return edit

    def undo_mood_entry_edit(self, edit: Edit[MoodEntry]) -> MoodEntry:
        with self._changing():
            return self._put_mood_entry(edit, edit.undone)

    def redo_mood_entry_edit(self, edit: Edit[MoodEntry]) -> MoodEntry:
        with self._changing():
            return self._put_mood_entry(edit, edit.redone)

    def _put_mood_entry(self, edit: Edit[MoodEntry],
                        change: Callable[[MoodEntry], MoodEntry]) -> MoodEntry:
        assert edit.before.id is not None
        return self.mood.save(change(self.mood.entry(edit.before.id)))

    def delete_mood_entry(self, entry_id: int) -> MoodEntry:
        return self._change(self.mood.delete, entry_id)

    def restore_mood_entry(self, entry: MoodEntry) -> MoodEntry:
        """Put back a deleted (or undone) entry with the id it had."""
        assert entry.id is not None
        return self._change(self.mood.save, entry)

    # -- gratitude -------------------------------------------------------------------

    def add_gratitude(self, entry: Gratitude) -> Gratitude:
        """A new entry (or one put back by redo or undo, with the id it had)."""
        return self._change(self.network.save_gratitude, entry)

    def edit_gratitude(self, before: Gratitude, after: Gratitude) -> Edit[Gratitude]:
        with self._changing():
            edit = edit_of(before, replace(after, id=before.id))
            self._put_gratitude(edit, edit.redone)
        return edit

    def undo_gratitude_edit(self, edit: Edit[Gratitude]) -> Gratitude:
        with self._changing():
            return self._put_gratitude(edit, edit.undone)

    def redo_gratitude_edit(self, edit: Edit[Gratitude]) -> Gratitude:
        with self._changing():
            return self._put_gratitude(edit, edit.redone)

    def _put_gratitude(self, edit: Edit[Gratitude],
                       change: Callable[[Gratitude], Gratitude]) -> Gratitude:
        assert edit.before.id is not None
        return self.network.save_gratitude(change(
            self.network.gratitude_entry(edit.before.id)))

    def delete_gratitude(self, entry_id: int) -> Gratitude:
        return self._change(self.network.delete_gratitude, entry_id)

    # -- one's own dates that matter (a supporter's change with the supporter) ----------

    def set_own_dates(self, dates: Sequence[ImportantDate]) -> list[ImportantDate]:
        """Replace one's own dates; returns what they were, which undo sets back."""
        return self._change(self.occasions.set_own_dates, list(dates))

    # -- reminders -------------------------------------------------------------------

    def snooze(self, supporter_id: int, option: SnoozeOption) -> datetime:
        return self._change(self.reminders.snooze, supporter_id, option)

    def clear_snooze(self, supporter_id: int) -> None:
        self._change(self.reminders.clear_snooze, supporter_id)

    def snooze_all(self, option: SnoozeOption) -> int:
        return self._change(self.reminders.snooze_all, option)

    def set_supporter_paused(self, supporter_id: int, paused: bool) -> None:
        self._change(self.reminders.set_supporter_paused, supporter_id, paused)

    def set_reminders_paused(self, paused: bool) -> None:
        self._change(self.reminders.set_paused, paused)

    def check_reminders(self, now: datetime | None = None, starting: bool = False) -> Check:
        """The reminder engine's look (its bookkeeping is the "reminders" topic)."""
        return self._change(self.reminders.check, now, starting)

    def mark_notified(self, items: list[DueItem]) -> None:
        self._change(self.reminders.mark_notified, items)

    def set_mood_reminder(self, rule: MoodReminderRule) -> None:
        """Whether (and at what local time) to ask "How are you?" once a day."""
        self._change(self.mood_reminder.set_rule, rule)

    def mark_mood_reminder_shown(self, day: date) -> None:
        self._change(self.mood_reminder.mark_shown, day)

    def mark_occasions_shown(self, reminders: list[OccasionReminder]) -> None:
        """Meeting and date reminders delivered (bookkeeping, the "reminders" topic)."""
        self._change(self.occasion_reminders.mark_shown, reminders, self.now())

    def record_delivery(self, channel: str, ok: bool, count: int, detail: str = "") -> None:
        self._change(self.reminders.record_delivery, channel, ok, count, detail)

    # -- appointments, questions to bring, things to ask about next time ---------------

    def add_appointment(self, appointment: Appointment) -> Appointment:
        return self._change(self.appointments.save_appointment, replace(appointment, id=None))

    def put_appointment(self, appointment: Appointment) -> Appointment:
        """Save an edit, or put one back as it was (undo, redo) with the id it had."""
        assert appointment.id is not None
        return self._change(self.appointments.save_appointment, appointment)

    def delete_appointment(self, appointment_id: int) -> Appointment:
        return self._change(self.appointments.delete_appointment, appointment_id)

    def mark_appointments_reminded(self, appointment_ids: Sequence[int]) -> None:
        self._change(self.appointments.mark_reminded, appointment_ids)

    def add_ask(self, item: Ask) -> Ask:
        return self._change(self.appointments.save_ask, replace(item, id=None))

    def put_ask(self, item: Ask) -> Ask:
        """Save an edit, or put one back as it was (undo, redo) with the id it had."""
        assert item.id is not None
        return self._change(self.appointments.save_ask, item)

    def delete_ask(self, ask_id: int) -> Ask:
        return self._change(self.appointments.delete_ask, ask_id)

    def set_asks_done(self, ask_ids: Sequence[int], done: bool) -> list[Ask]:
        """Tick (or untick) these at once; returns them as they were, for undo."""
        return self._change(self.appointments.set_done, ask_ids, done)

    # -- settings ----------------------------------------------------------------------

    def set_setting(self, key: Key[V], value: V) -> None:
        self._change(self.settings.set, key, value)

    def set_cadence_default(self, ring: Ring, days: int) -> None:
        self._change(self.settings.set_cadence_default, ring, days)

    def set_quiet_hours(self, hours: QuietHours) -> None:
        self._change(self.settings.set_quiet_hours, hours)

    def set_escalation_rule(self, rule: EscalationRule) -> None:
        self._change(self.dashboard.set_escalation_rule, rule)

    def set_mood_effect_shown(self, shown: bool) -> None:
        """Whether how you tend to feel after time with each person is shown (off by
        default)."""
        self._change(self.mood_effect.set_enabled, shown)

    def set_isolation_rule(self, rule: IsolationRule) -> None:
        """Whether (and after how many quiet days) Today suggests someone to contact."""
        self._change(self.dashboard.set_isolation_rule, rule)

    # -- the safety plan and crisis lines ------------------------------------------------

    def save_plan(self, plan: Mapping[PlanStep, Sequence[PlanItem]]) -> Plan:
        return self._change(self.safety_plan.save, plan)

    def add_crisis_line(self, line: CrisisLine) -> CrisisLine:
        return self._change(self.crisis_lines.add_line, line)

    def remove_crisis_line(self, line_id: int) -> CrisisLine:
        return self._change(self.crisis_lines.remove_line, line_id)

    def restore_crisis_line(self, line: CrisisLine) -> CrisisLine:
        return self._change(self.crisis_lines.restore_line, line)

    def set_crisis_country(self, code: str) -> None:
        self._change(self.crisis_lines.set_country, code)

    def set_shown_when_locked(self, supporter_id: int, shown: bool) -> None:
        """Whether this person is on the lock screen's crisis help (off by default)."""
        self._change(self.crisis_lines.set_shown_when_locked, supporter_id, shown)

    # -- words ready to send, kinds of help ------------------------------------------

    def save_message_templates(self, templates: Sequence[MessageTemplate]
                               ) -> list[MessageTemplate]:
        """The whole list of templates, in order (undo saves the list before)."""
        return self._change(self.templates.save, templates)

    def set_help_kinds(self, kinds: Sequence[str]) -> tuple[str, ...]:
        """The person's list of kinds of help (a setting)."""
        return self._change(self.templates.set_help_kinds, kinds)

    # -- importing, backups ------------------------------------------------------------

    def import_contacts(self, preview: ImportPreview) -> ImportOutcome:
        return self._change(self.importing.apply, preview)

    def undo_import(self, outcome: ImportOutcome) -> None:
        self._change(self.importing.undo, outcome)

    def import_export_file(self, preview: FullImportPreview) -> FullImportOutcome:
        """A SupportDesk export (.json or .zip) brought in, as one undoable step."""
        return self._change(self.full_import.apply, preview)

    def undo_export_file_import(self, outcome: FullImportOutcome) -> None:
        self._change(self.full_import.undo, outcome)

    def import_daylio(self, preview: DaylioPreview) -> DaylioImportOutcome:
        """Moods from a Daylio backup, as one undoable step."""
        return self._change(self.daylio_import.apply, preview)

    def undo_daylio_import(self, outcome: DaylioImportOutcome) -> None:
        self._change(self.daylio_import.undo, outcome)

    def back_up_to(self, target: Path) -> Path:
        return backups.back_up_to(self.session, target)

    def restore_backup(self, path: Path, recovery_key: str | None = None) -> Path:
        """Replace the vault with a verified backup; every topic is published after."""
        safety = backups.restore_backup(self.session, path, recovery_key)
        self.feed.poll()  # the epoch moved: everything kept is read again
        return safety
