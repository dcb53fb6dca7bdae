"""Google Contacts and Outlook CSV go through the same preview, checks and undo as vCards."""

from __future__ import annotations

from pathlib import Path

from supportdesk.core.kinds import Kind
from supportdesk.services.importing import Action, ImportService
from supportdesk.services.session import Session

SAMPLES = Path(__file__).parents[1] / "formats" / "data" / "contacts-csv"


def test_the_samples_import_with_the_right_counts_and_undo(session: Session) -> None:
    service = ImportService(session)
    counts = {}
    for name in ("google-contacts.csv", "google-contacts-2024.csv", "outlook-contacts.csv"):
        preview = service.preview((SAMPLES / name).read_bytes())
        assert preview.problems == []
        counts[name] = (len(preview.rows), preview.count(Action.ADD))
    assert counts == {"google-contacts.csv": (5, 5), "google-contacts-2024.csv": (3, 3),
                      "outlook-contacts.csv": (4, 4)}
    preview = service.preview((SAMPLES / "google-contacts.csv").read_bytes())
    outcome = service.apply(preview)
    assert len(outcome.added_ids) == 5 == len(session.network.supporters())
    service.undo(outcome)
    assert session.network.supporters() == []


def test_what_fails_validation_is_left_out_and_said_by_row_and_line(session: Session) -> None:
    service = ImportService(session)
    preview = service.preview((SAMPLES / "google-contacts.csv").read_bytes())
    assert preview.issue_lines() == [
        "Row 4 (line 8): The email “marcus at example dot org” was left out: "
        + next(row for row in preview.rows
               if row.contact.name == "Marcus O'Brien").issues[0].split(": ", 1)[1]]
    service.apply(preview)
    marcus = next(s for s in session.network.supporters() if s.name == "Marcus O'Brien")
    assert [m.value for m in marcus.contacts if "@" in m.value or " at " in m.value] == []


def test_kinds_are_proposed_for_organisations_and_professionals(session: Session) -> None:
    service = ImportService(session)
    rows = service.preview((SAMPLES / "outlook-contacts.csv").read_bytes()).rows
    assert {row.contact.name: row.kind for row in rows} == {
        "Ms Renée Dubois": Kind.FRIEND, "Dr Priya Anjali Patel PhD": Kind.PROFESSIONAL,
        "Tom Fisher": Kind.FRIEND, "Samaritans": Kind.CRISIS}


def test_a_person_in_both_files_is_proposed_as_the_same_person(session: Session) -> None:
    service = ImportService(session)
    service.apply(service.preview((SAMPLES / "outlook-contacts.csv").read_bytes()))
    again = service.preview((SAMPLES / "outlook-contacts.csv").read_bytes())
    assert again.updating == 4
    assert again.match_lines()[0].startswith("Row 1 (Ms Renée Dubois): update Ms Renée Dubois")
