"""Exports: vCard, CSV, calendar and the contents of the printable plan.

Every file is written to a hidden temporary file in the target folder and renamed
into place only when complete, so a cancel, a full disk or a crash leaves nothing
half-written behind. None of these files is encrypted: callers must show
``UNENCRYPTED_WARNING`` and get an explicit yes first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from supportdesk.core.errors import KnownError, StorageError
from supportdesk.core.model import CrisisLine, PlanItem, Supporter
from supportdesk.core.schedule import cadence_for, local_zone, next_due
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from supportdesk.vault.atomic import atomic_write_bytes
from supportdesk.vault.files import refuse_own_file

if TYPE_CHECKING:  # the writers (icalendar, vobject) load when something is exported
    from supportdesk.formats.ics import CheckInSeries

UNENCRYPTED_WARNING = "This file will not be encrypted. Anyone who can open it can read it."


class ExportFormat(StrEnum):
    VCARD = "vcard"
    VCARD3 = "vcard3"  # vCard 3.0, for address books that do not read 4.0
    CSV = "csv"
    ICS = "ics"
    PDF = "pdf"  # the support plan; drawn by the GUI layer
    CARD = "card"  # the wallet-size crisis card; drawn by the GUI layer
    ALL = "all"  # everything: a .zip of CSV files and the JSON (services/full_export.py)
    CHECKINS = "checkins"  # the check-in history as CSV

    @property
    def suffix(self) -> str:
        return {"vcard": ".vcf", "vcard3": ".vcf", "csv": ".csv", "ics": ".ics", "pdf": ".pdf",
                "card": ".pdf", "all": ".zip", "checkins": ".csv"}[self.value]

    @property
    def label(self) -> str:
        return {"vcard": "Contacts (vCard)", "vcard3": "Contacts (vCard 3.0)",
                "csv": "Spreadsheet (CSV)",
                "ics": "Calendar of check-ins (ICS)", "pdf": "Safety plan and my people (PDF)",
                "card": "Crisis card (PDF)", "all": "Everything (zip of CSV and JSON)",
                "checkins": "Check-ins (CSV)"}[self.value]


class ExportCancelledError(KnownError):
    """The person cancelled; nothing was written."""


def write_atomic(target: Path, data: bytes,
                 cancelled: Callable[[], bool] | None = None) -> Path:
    """Write ``data`` to ``target`` all at once, or not at all."""
    if not target.parent.is_dir():
        raise StorageError(f"The folder {target.parent} does not exist.",
                           hint="Choose another folder.")
    if cancelled is not None and cancelled():
        raise ExportCancelledError("The export was cancelled; nothing was saved.")
    atomic_write_bytes(target, data)
    return target


@dataclass
class PlanContents:
    """Everything the printable support plan and crisis card show."""

    supporters: list[Supporter]
    plan_items: list[PlanItem]
    crisis_lines: list[CrisisLine]
    made_on: date
    country: str = ""
    supporter_by_id: dict[int, Supporter] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.supporter_by_id = {s.id: s for s in self.supporters if s.id is not None}


class ExportService:
    def __init__(self, session: Session, tz: tzinfo | None = None) -> None:
        self.session = session
        self.tz = tz or local_zone()

    def vcard(self, version: str = "4.0") -> bytes:
        from supportdesk.formats.vcard import write_vcards

        return write_vcards(self.session.network.supporters(), version).encode("utf-8")

    def csv(self) -> bytes:
        from supportdesk.formats.csv_io import write_csv

        return write_csv(self.session.network.supporters()).encode("utf-8-sig")

    def check_in_series(self) -> list[CheckInSeries]:
        from supportdesk.formats.ics import CheckInSeries

        defaults = Settings(self.session.repo).cadence_defaults()
        today = self.session.clock().astimezone(self.tz).date()
        series = []
        for supporter in self.session.network.supporters():
            due = next_due(supporter, defaults, self.tz)
            if supporter.cadence.paused:
                continue
            first = max(today, due.astimezone(self.tz).date()) if due is not None else today
            every = cadence_for(supporter, defaults)
            series.append(CheckInSeries(supporter, first, max(every, timedelta(days=1))))
        return series

    def ics(self, discreet: bool = False) -> bytes:
        from supportdesk.formats.ics import AppointmentEvent, write_ics
        from supportdesk.services.appointments import AppointmentService
        from supportdesk.services.occasions_export import occasion_events_now

        coming = tuple(AppointmentEvent(u.appointment, u.supporter.name,
                                        tuple(q.text for q in u.questions))
                       for u in AppointmentService(self.session).upcoming())
        return write_ics(self.check_in_series(), self.session.clock(), discreet,
                         occasion_events_now(self.session, self.tz, discreet), coming)

    def data(self, fmt: ExportFormat, discreet: bool = False) -> bytes:
        if fmt is ExportFormat.VCARD:
            return self.vcard()
        if fmt is ExportFormat.VCARD3:
            return self.vcard("3.0")
        if fmt is ExportFormat.CSV:
            return self.csv()
        if fmt is ExportFormat.ICS:
            return self.ics(discreet)
        if fmt in (ExportFormat.ALL, ExportFormat.CHECKINS):
            from supportdesk.services.full_export import FullExportService

            full = FullExportService(self.session, self.tz)
            return full.zip_bytes() if fmt is ExportFormat.ALL else full.checkins_csv()
        raise ValueError(f"{fmt} is drawn by the GUI layer")

    def export(self, fmt: ExportFormat, target: Path, discreet: bool = False) -> Path:
        self.refuse_own_file(target)
        return self.save(target, self.data(fmt, discreet))

    def refuse_own_file(self, target: Path) -> None:
        """OwnFileError if ``target`` is one of the vault's own files (checked again on save)."""
        vault = self.session.vault
        refuse_own_file(target, vault.data_dir if vault is not None else None)

    def save(self, target: Path, data: bytes) -> Path:
        """Write an export all at once, never over one of the vault's own files."""
        self.refuse_own_file(target)
        return write_atomic(target, data)

    def plan_contents(self, locale_country: str = "") -> PlanContents:
        """The plan as printed: the person's crisis lines for their chosen country."""
        crisis = CrisisLinesService(self.session.repo)
        country = crisis.country(locale_country)
        return PlanContents(
            supporters=self.session.network.supporters(),
            plan_items=self.session.repo.plan_items(),
            crisis_lines=crisis.lines(country) if country else [],
            made_on=self.session.clock().astimezone(self.tz).date(),
            country=country,
        )
