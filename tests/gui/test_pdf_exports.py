"""The printed support plan and crisis card: rendered to PNG and read back as text."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from supportdesk.core.kinds import Channel, ContactType, Kind, PlanStep, Ring
from supportdesk.core.model import (
    AvailabilityWindow,
    Boundaries,
    ContactMethod,
    CrisisLine,
    HelpNotes,
    PlanItem,
    Supporter,
)
from supportdesk.services.application import Application
from supportdesk.services.exporting import ExportFormat, PlanContents
from supportdesk.services.session import Session
from supportdesk.ui.pdf.card import render_card
from supportdesk.ui.pdf.export import save_pdf
from supportdesk.ui.pdf.plan import page_size_for, render_plan

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def contents() -> PlanContents:
    people = [
        Supporter("Maya Okonkwo", Kind.FRIEND, ring=Ring.INNER, id=1,
                  contacts=[ContactMethod(ContactType.PHONE, "07700 900123", "mobile", True)],
                  availability=[AvailabilityWindow.office_hours()],
                  boundaries=Boundaries("No calls after 10pm", ""),
                  help=HelpNotes(what_helps="A walk and tea")),
        Supporter("Tom Baker", Kind.FAMILY, ring=Ring.MIDDLE, id=2,
                  contacts=[ContactMethod(ContactType.PHONE, "0161 496 0000", "home")],
                  help_with=("a lift", "<b>forms</b> & letters")),
        Supporter("Hilltop Group", Kind.GROUP, ring=Ring.OUTER, id=3,
                  meeting_schedule="Tuesdays 7pm", meeting_place="Church hall"),
    ]
    items = [PlanItem(PlanStep.ASK_FOR_HELP, "any time", supporter_id=2),
             PlanItem(PlanStep.REASONS, "My niece Lily"),
             PlanItem(PlanStep.WARNING_SIGNS, "Not sleeping")]
    lines = [CrisisLine("GB", "Samaritans", "116 123", Channel.CALL, "24/7", "samaritans.org",
                        date(2026, 10, 1))]
    return PlanContents(people, items, lines, date(2026, 11, 24), "GB")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def to_png(path: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(path.with_suffix(""))],
                   check=True)
    return sorted(path.parent.glob(path.stem + "-*.png"))


def test_support_plan_shows_people_plan_and_crisis_lines(qapp: object, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(render_plan(contents(), QLocale("en_GB")))
    text = pdf_text(target)
    for expected in ("My support plan", "Inner circle", "Maya Okonkwo", "07700 900123",
                     "Weekdays 09:00–17:00", "No calls after 10pm",
                     "Tuesdays 7pm, Church hall", "A walk and tea",
                     "People I can ask for help", "Tom Baker", "My niece Lily", "Samaritans",
                     "116 123", "samaritans.org", "01 Oct 2026"):
        assert expected in text, expected
    # what someone can help with, with the person and again in the plan, as typed
    assert text.count("Can help with: a lift, <b>forms</b> & letters") == 2
    pngs = to_png(target)
    assert pngs and all(p.stat().st_size > 2000 for p in pngs)


def test_paper_size_follows_the_locale() -> None:
    assert page_size_for(QLocale("en_US")).id().name == "Letter"
    assert page_size_for(QLocale("de_DE")).id().name == "A4"


def test_crisis_card_is_wallet_size_front_and_back(qapp: object, tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    target.write_bytes(render_card(contents(), "999"))
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True,
                          check=True).stdout
    assert "Pages:           2" in info
    assert "243 x 153 pts" in info  # 85.6 × 54 mm
    text = pdf_text(target)
    assert text.index("Tom Baker") < text.index("Maya Okonkwo")  # the plan's people first
    for expected in ("0161 496 0000", "07700 900123", "Samaritans", "116 123",
                     "My reasons for living", "My niece Lily", "999"):
        assert expected in text, expected
    assert len(to_png(target)) == 2


def test_saving_from_a_vault(qapp: object, session: Session, tmp_path: Path) -> None:
    session.network.save_supporter(Supporter("Ruth Ellis", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "07700 900999")]))
    out = tmp_path / "out"
    out.mkdir()
    app = Application(session)
    plan = save_pdf(app, ExportFormat.PDF, out / "p.pdf", QLocale("en_GB"))
    card = save_pdf(app, ExportFormat.CARD, out / "c.pdf", QLocale("en_GB"))
    assert "Ruth Ellis" in pdf_text(plan)
    assert "07700 900999" in pdf_text(card)
    assert sorted(p.name for p in out.iterdir()) == ["c.pdf", "p.pdf"]
