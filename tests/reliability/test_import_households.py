"""A whole address book of households: a shared home phone never merges two people.

Issue 13 found 9,985 of 20,000 people merged because couples shared a landline. This
reads a generated 20,000-card file through the importing service, imports it and counts
the people who came out: every distinct name is its own person.
"""

from __future__ import annotations

from supportdesk.services.importing import Action, ImportService
from supportdesk.services.session import Session
from tests.reliability.figures import Figures

HOUSEHOLDS = 10_000


def household_cards(number: int) -> str:
    home = f"TEL;TYPE=HOME:0113 {number:07d}"
    first = ["BEGIN:VCARD", "VERSION:3.0", f"FN:Parent {number} A", home,
             f"EMAIL:a{number}@example.org", "END:VCARD"]
    second = ["BEGIN:VCARD", "VERSION:3.0", f"FN:Parent {number} B", home,
              f"TEL;TYPE=CELL:07700 {number:06d}", f"NOTE:Lives with Parent {number} A",
              "END:VCARD"]
    return "\r\n".join(first + second) + "\r\n"


def test_twenty_thousand_cards_in_households_import_as_twenty_thousand_people(
        session: Session, figures: Figures) -> None:
    data = "".join(household_cards(n) for n in range(HOUSEHOLDS)).encode()
    service = ImportService(session)
    preview = service.preview(data)
    assert len(preview.rows) == 2 * HOUSEHOLDS and not preview.problems
    assert preview.count(Action.MERGE) == 0
    assert preview.possible_matches == HOUSEHOLDS  # each second parent shows the first
    outcome = service.apply(preview)
    people = session.network.supporters()
    merged = 2 * HOUSEHOLDS - len({s.name for s in people})
    assert merged == 0 and len(outcome.added_ids) == 2 * HOUSEHOLDS
    second = next(s for s in people if s.name == "Parent 7 B")
    assert {m.value for m in second.contacts} == {"0113 0000007", "07700 000007"}
    figures.record("vCard import, 20,000 cards sharing home phones", cards=2 * HOUSEHOLDS,
                   merged_people=merged)
