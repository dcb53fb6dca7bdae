"""Whatever a person types or imports: a plain ValidationError or a save, never a crash.

core/validation.py and the vCard reader have their own hypothesis tests; these drive
the whole service path (cleaning, validation, the encrypted store) with the same
kind of input, and read every supporter back unchanged.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportdesk.core.errors import KnownError, ValidationError
from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import (
    AvailabilityWindow,
    Boundaries,
    Cadence,
    CheckIn,
    ContactMethod,
    HelpNotes,
    Supporter,
)
from supportdesk.services.importing import ImportService
from supportdesk.services.session import Session
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures

EXAMPLES = runs(60, 1000)
text = st.text(max_size=300)
contacts = st.builds(ContactMethod, st.sampled_from(list(ContactType)), st.text(max_size=80),
                     st.text(max_size=20), st.booleans())
windows = st.builds(AvailabilityWindow, st.frozensets(st.integers(0, 6), max_size=7),
                    st.times(), st.times())
supporters = st.builds(
    Supporter, name=st.text(max_size=200), kind=st.sampled_from(list(Kind)),
    ring=st.sampled_from(list(Ring)), contacts=st.lists(contacts, max_size=4),
    availability=st.lists(windows, max_size=3), timezone=st.sampled_from(
        ["", "Europe/London", "America/New_York", "Nowhere/Atlantis", "UTC"]),
    boundaries=st.builds(Boundaries, text, text), help=st.builds(HelpNotes, text, text, text, text),
    notes=st.text(max_size=2000),
    cadence=st.builds(Cadence, st.one_of(st.none(), st.timedeltas(
        min_value=timedelta(days=-5), max_value=timedelta(days=4000)))),
)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@SETTINGS
@given(supporter=supporters)
def test_saving_any_supporter_is_refused_plainly_or_kept_exactly(
    session: Session, supporter: Supporter
) -> None:
    try:
        saved = session.network.save_supporter(supporter)
    except ValidationError as error:
        assert error.message and "Traceback" not in error.message
        return
    again = session.network.supporter(saved.id or 0)
    assert again.name == saved.name and again.notes == saved.notes
    assert again.contacts == saved.contacts


@SETTINGS
@given(note=st.text(max_size=5000), mood=st.one_of(st.none(), st.integers(-3, 9)),
       hour=st.integers(0, 23))
def test_logging_any_check_in_is_refused_plainly_or_kept(
    session: Session, note: str, mood: int | None, hour: int
) -> None:
    person = session.network.save_supporter(Supporter("Fuzz Friend", Kind.FRIEND))
    at = datetime(2026, 1, 1, hour, tzinfo=UTC)
    try:
        saved = session.network.log_checkin(CheckIn(person.id or 0, at, mood_before=mood,
                                                    note=note))
    except ValidationError:
        return
    assert session.network.checkin(saved.id or 0).note == saved.note


@st.composite
def vcards(draw: st.DrawFn) -> bytes:
    fields = draw(st.lists(st.sampled_from([
        "FN", "N", "TEL", "EMAIL", "NOTE", "ADR", "URL", "ORG", "TITLE", "BDAY", "PHOTO",
        "X-CUSTOM", "TEL;TYPE=CELL", "EMAIL;PREF=1", "item1.TEL"]), max_size=8))
    lines = ["BEGIN:VCARD", f"VERSION:{draw(st.sampled_from(['2.1', '3.0', '4.0', '9']))}"]
    lines += [f"{name}:{draw(st.text(max_size=60))}" for name in fields]
    if draw(st.booleans()):
        lines.append("END:VCARD")
    data = "\r\n".join(lines).encode("utf-8", "surrogatepass")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


@SETTINGS
@given(data=st.one_of(vcards(), st.binary(max_size=400)))
def test_importing_any_file_previews_and_applies_or_says_why(
    session: Session, data: bytes, figures: Figures
) -> None:
    importer = ImportService(session)
    try:
        preview = importer.preview(data)
        importer.apply(preview)
    except KnownError as error:
        assert error.message
    figures.record("hypothesis: import any bytes", examples=1, crashes=0)


def test_times_that_run_past_midnight_are_kept(session: Session) -> None:
    night = AvailabilityWindow(frozenset({4, 5}), time(22, 0), time(2, 0))
    saved = session.network.save_supporter(Supporter("Night Line", Kind.CRISIS,
                                                     availability=[night]))
    assert session.network.supporter(saved.id or 0).availability == [night]
