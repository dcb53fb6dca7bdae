"""Drawing a PDF export and saving it the way every export is saved (all or nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale

from supportdesk.services.application import Application
from supportdesk.services.exporting import ExportFormat
from supportdesk.ui.pdf.card import render_card
from supportdesk.ui.pdf.plan import render_plan


def locale_country(locale: QLocale | None = None) -> str:
    return (locale or QLocale()).name().rpartition("_")[2].upper()


def pdf_bytes(app: Application, fmt: ExportFormat, locale: QLocale | None = None) -> bytes:
    """The support plan (``PDF``) or the crisis card (``CARD``)."""
    contents = app.exporting.plan_contents(locale_country(locale))
    if fmt is ExportFormat.CARD:
        emergency = app.crisis_lines.emergency_number(contents.country)
        return render_card(contents, emergency)
    if fmt is ExportFormat.PDF:
        return render_plan(contents, locale)
    raise ValueError(f"{fmt} is not a PDF")


def save_pdf(app: Application, fmt: ExportFormat, target: Path,
             locale: QLocale | None = None) -> Path:
    app.exporting.refuse_own_file(target)  # before drawing, so a refusal is quick
    return app.exporting.save(target, pdf_bytes(app, fmt, locale))
