"""Everything out, in open formats: the full export (.zip) and the check-in history (CSV).

The full export numbers people 1, 2, 3… in name order and lists everything else in the
order it happened, so the same vault always gives the same files, and a vault imported
from an export gives that export again (apart from when it was made). Like every
export it is written whole or not at all (``write_atomic``), readable only by the
person (0600), and not encrypted: callers show ``UNENCRYPTED_WARNING`` first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import time, tzinfo
from pathlib import Path
from typing import Any

from supportdesk import __version__
from supportdesk.core.kinds import Ring
from supportdesk.core.model import CheckIn
from supportdesk.core.schedule import local_zone
from supportdesk.formats.full_export import checkins_csv, write_zip
from supportdesk.formats.supportdesk_json import ExportData, SettingValue, hhmm
from supportdesk.resources import resource_path
from supportdesk.services import auto_backup
from supportdesk.services import settings as keys
from supportdesk.services.checkin_filter import EVERYTHING, CheckinFilter
from supportdesk.services.exporting import write_atomic
from supportdesk.services.safety_plan import plan_from_items
from supportdesk.services.session import Session
from supportdesk.services.settings import Key, Settings
from supportdesk.services.templates import HELP_KINDS
from supportdesk.store import appointments_repo, meeting_rows

__all__ = ["EXPORTED_SETTINGS", "CheckinFilter", "ExportedSetting", "FullExportService"]

SCHEMA_FILE = "supportdesk-export.schema.json"
PAGE = 50_000  # check-ins read at a time: few queries (each skips those before it)


@dataclass(frozen=True)
class ExportedSetting:
    """A setting that matters to the person, as the export names and explains it."""

    key: Key[Any]
    meaning: str
    low: int | None = None  # numbers are kept within low..high on import
    high: int | None = None

    @property
    def name(self) -> str:
        return self.key.name


RING_WORDS = {Ring.INNER: "inner", Ring.MIDDLE: "middle", Ring.OUTER: "outer"}
EXPORTED_SETTINGS = (
    *(ExportedSetting(keys.CADENCE_DAYS[ring], f"check in with the {RING_WORDS[ring]} "
                      "circle every this many days, unless a person has their own",
                      keys.MIN_CADENCE_DAYS, keys.MAX_CADENCE_DAYS) for ring in Ring),
    ExportedSetting(keys.REMINDERS_PAUSED, "true while all check-in reminders are paused"),
    ExportedSetting(keys.DISCREET, "true to leave names out of reminder notifications"),
    ExportedSetting(keys.QUIET_ENABLED, "true to hold reminders during quiet hours"),
    ExportedSetting(keys.QUIET_START, "quiet hours start (HH:MM)"),
    ExportedSetting(keys.QUIET_END, "quiet hours end (HH:MM)"),
    ExportedSetting(keys.CRISIS_COUNTRY, "the country whose crisis lines are shown "
                    "(empty: the computer's own)"),
    ExportedSetting(keys.ESCALATION_ENABLED, "true to suggest professional help after "
                    "several low moods in a row"),
    ExportedSetting(keys.ESCALATION_THRESHOLD, "a mood at or below this (1 to 5) counts "
                    "as low", 1, 5),
    ExportedSetting(keys.ESCALATION_COUNT, "how many low moods in a row before the "
                    "suggestion", 1, 14),
    ExportedSetting(keys.ISOLATION_ENABLED, "true to suggest someone to contact when you "
                    "have not been in touch with anyone for a while"),
    ExportedSetting(keys.ISOLATION_DAYS, "how many days without contact before that "
                    "suggestion", 1, 60),
    ExportedSetting(keys.MOOD_REMINDER_ENABLED, "true to be asked \"How are you?\" once a day"),
    ExportedSetting(keys.MOOD_REMINDER_AT, "the time of day to ask (HH:MM)"),
    ExportedSetting(keys.MOOD_EFFECT_ENABLED, "true to show how you tend to feel after time "
                    "with each person"),
    ExportedSetting(auto_backup.AUTO_ENABLED, "true to make an encrypted backup once a day"),
    ExportedSetting(auto_backup.KEEP, "how many backups to keep", auto_backup.MIN_KEEP,
                    auto_backup.MAX_KEEP),
)
SETTING_MEANINGS = {s.name: s.meaning for s in EXPORTED_SETTINGS}


def setting_json(value: object) -> SettingValue:
    if isinstance(value, time):
        return hhmm(value)
    assert isinstance(value, bool | int | str)
    return value


def shipped_schema() -> str:
    return resource_path(SCHEMA_FILE).read_text(encoding="utf-8")


class FullExportService:
    def __init__(self, session: Session, tz: tzinfo | None = None) -> None:
        self.session = session
        self.tz = tz or local_zone()

    # -- everything ------------------------------------------------------------------

    def gather(self) -> ExportData:
        """Everything worth keeping, people numbered from 1 in name order. Read in one
        transaction: the app or another command writing meanwhile (the same vault is
        shared) cannot leave a check-in whose person was read before they existed."""
        repo = self.session.repo
        # DEFERRED: a read snapshot, which holds no write lock (the vault's transactions
        # are IMMEDIATE, which would make every other writer wait for the whole export).
        with repo.db.atomic(lock_type="DEFERRED"):
            people = sorted(repo.supporters(), key=lambda s: (s.name, s.id or 0))
            checkins = list(self.checkins())  # raw pages: a third of repo.checkins()'s time
            gratitude = repo.gratitude()
            moods = repo.mood_entries()
            own_dates = meeting_rows.own_dates()
            appointments = appointments_repo.appointments()
            asks = appointments_repo.asks()
            items = repo.plan_items()
            lines = [replace(line, id=None) for line in repo.crisis_lines() if line.user_added]
            settings = Settings(repo)
            values = {s.name: setting_json(settings.get(s.key)) for s in EXPORTED_SETTINGS}
            templates = [replace(t, id=None) for t in repo.message_templates()]
            listed_kinds: tuple[str, ...] = settings.get(HELP_KINDS)
            help_kinds = list(listed_kinds)
            shown: list[int] = settings.get(keys.SHOWN_WHEN_LOCKED)
        number = {s.id: index for index, s in enumerate(people, start=1)}
        checkins.reverse()  # oldest first
        gratitude.reverse()
        moods.reverse()
        plan = [replace(item, position=position, supporter_id=number.get(item.supporter_id),
                        id=None)
                for step_items in plan_from_items(items).values()
                for position, item in enumerate(step_items)]
        return ExportData(
            exported_at=self.session.clock(),
            people=[replace(s, id=number[s.id]) for s in people],
            checkins=[replace(c, supporter_id=number[c.supporter_id], id=None)
                      for c in checkins],
            gratitude=[replace(g, supporter_id=number.get(g.supporter_id), id=None)
                       for g in gratitude],
            moods=[replace(m, id=None) for m in moods],
            plan=plan,
            crisis_lines=lines,
            settings=values,
            app_version=__version__,
            own_dates=own_dates,
            templates=templates,
            help_kinds=help_kinds,
            appointments=[replace(a, supporter_id=number[a.supporter_id], id=None,
                                  reminded=False) for a in appointments],
            asks=[replace(a, supporter_id=number[a.supporter_id], id=None) for a in asks],
            on_lock_screen={number[i] for i in shown if i in number},
        )

    def zip_bytes(self) -> bytes:
        return write_zip(self.gather(), self.tz, shipped_schema(), SETTING_MEANINGS)

    def export_zip(self, target: Path) -> Path:
        return write_atomic(target, self.zip_bytes())

    # -- the check-in history -----------------------------------------------------------

    def checkins(self, which: CheckinFilter = EVERYTHING) -> Iterator[CheckIn]:
        """The check-ins ``which`` picks, newest first (as the page lists them)."""
        after: CheckIn | None = None
        while True:
            page = self.session.network.checkins_page(
                supporter_id=which.supporter_id, mode=which.mode, words=which.words,
                after=after, limit=PAGE)
            yield from page
            if len(page) < PAGE:
                return
            after = page[-1]

    def checkins_text(self, which: CheckinFilter = EVERYTHING) -> tuple[str, int]:
        """The CSV text and how many check-ins it holds."""
        names = {s.id: s.name for s in self.session.repo.supporter_heads()}
        chosen: Sequence[CheckIn] = list(self.checkins(which))
        text = checkins_csv(chosen, lambda supporter_id: names.get(supporter_id, ""), self.tz)
        return text, len(chosen)

    def checkins_csv(self, which: CheckinFilter = EVERYTHING) -> bytes:
        return self.checkins_text(which)[0].encode("utf-8-sig")

    def export_checkins(self, target: Path,
                        which: CheckinFilter = EVERYTHING) -> int:
        """Write the chosen check-ins to ``target``; how many were written."""
        text, count = self.checkins_text(which)
        write_atomic(target, text.encode("utf-8-sig"))
        return count
