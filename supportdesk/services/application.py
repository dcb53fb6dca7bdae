"""The application object: one open vault, every service over it once, and the use cases.

The GUI and the command line get everything from here and nothing from below it: reads
through the services it holds (``app.network.people()``, ``app.dashboard.today()``),
and every change through one of its use cases. A use case validates, writes in one
transaction, returns what an undo needs, and then polls the change feed, which tells
every listener the topics that changed ("people", "checkins", "gratitude", "plan",
"settings", "reminders"; a mood noted on its own is under "checkins"). Changes made
by another process (the command line while the app is open, a restore) reach the same
feed when it is next polled.

Undo takes back exactly what the use case changed, field by field
(``core.field_changes``): a snooze made from Today after an edit survives an undo of
that edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from supportdesk.core.appointments import Appointment, Ask
from supportdesk.core.errors import StorageError
from supportdesk.core.field_changes import Path as FieldPath
from supportdesk.core.field_changes import changed_paths, take_back
from supportdesk.core.insights import EscalationRule
from supportdesk.core.isolation import IsolationRule
from supportdesk.core.kinds import PlanStep, Ring
from supportdesk.core.model import CheckIn, CrisisLine, Gratitude, PlanItem, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.core.schedule import DueItem, SnoozeOption
from supportdesk.services import backups
from supportdesk.services.app_lock import AppLock
from supportdesk.services.appointments import AppointmentService
from supportdesk.services.auto_backup import BackupScheduler
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.dashboard import DashboardService
from supportdesk.services.exporting import ExportService
from supportdesk.services.feed import ChangeFeed
from supportdesk.services.full_export import FullExportService
from supportdesk.services.full_import import FullImportOutcome, FullImportPreview, FullImportService
from supportdesk.services.importing import ImportOutcome, ImportPreview, ImportService
from supportdesk.services.mood import MoodService
from supportdesk.services.network import NetworkService
from supportdesk.services.reminders import Check, ReminderService
from supportdesk.services.safety_plan import Plan, SafetyPlanService
from supportdesk.services.session import Session
from supportdesk.services.settings import Key, Settings
from supportdesk.store import change_counts
from supportdesk.store.repository import SupporterSnapshot
from supportdesk.vault.vault import Vault

__all__ = ["Application", "Edit", "SupporterSnapshot", "edit_of"]

T = TypeVar("T")
V = TypeVar("V")
R = TypeVar("R")


@dataclass(frozen=True)
class Edit(Generic[R]):
    """What an edit changed: the record before and after, and the fields that differ."""

    before: R
    after: R
    fields: tuple[FieldPath, ...]

    def undone(self, current: R) -> R:
        """``current`` with just this edit's fields put back."""
        return take_back(current, self.before, list(self.fields))

    def redone(self, current: R) -> R:
        return take_back(current, self.after, list(self.fields))


def edit_of(before: R, after: R) -> Edit[R]:
    return Edit(before, after, tuple(changed_paths(before, after)))


class Application:
    """The one way into an open vault for the GUI and the CLI (Qt-free)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        repo = session.repo
        self.network: NetworkService = session.network
        self.mood = MoodService(repo, lambda: session.clock())
        self.settings = Settings(repo)
        self.safety_plan = SafetyPlanService(repo)
        self.crisis_lines = CrisisLinesService(repo)
        self.reminders = ReminderService(session)
        self.appointments = AppointmentService(session)
        self.dashboard = DashboardService(session)
        self.importing = ImportService(session)
        self.exporting = ExportService(session)
        self.full_export = FullExportService(session)
        self.full_import = FullImportService(session)
        self.app_lock = AppLock(self.settings)
        # Backups need a vault (a bare test database has none).
        self.backups = (BackupScheduler(session.vault, self.settings, lambda: session.clock())
                        if session.vault is not None else None)
        self.feed = ChangeFeed(self._change_counts)
        self._depth = 0

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

    def back_up_to(self, target: Path) -> Path:
        return backups.back_up_to(self.session, target)

    def restore_backup(self, path: Path, recovery_key: str | None = None) -> Path:
        """Replace the vault with a verified backup; every topic is published after."""
        safety = backups.restore_backup(self.session, path, recovery_key)
        self.feed.poll()  # the epoch moved: everything kept is read again
        return safety
