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
from supportdesk.core.validation import DIRECTION_CONTROLS, problems
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


PIECES = ["BEGIN:VCARD", "END:VCARD", "begin:vcard", "item1.BEGIN:VCARD", "AGENT:",
          "VERSION:2.1", "VERSION:3.0", "VERSION:4.0", "FN:Ann", "FN:", "N:;;;;", "N:a;b;c;d;e;f",
          "TEL:12", "TEL;TYPE=CELL:07700 900123", "EMAIL:not-an-email", "EMAIL:a@b.org",
          "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=", "NOTE;ENCODING=QUOTED-PRINTABLE:a=", " folded",
          "\tfolded", "PHOTO;ENCODING=b:AAAA", "ADR:;;;;;;", "TZ:Nowhere/Atlantis", "TZ:-05:00",
          "X-SUPPORTDESK-KIND:friend", "X-SUPPORTDESK-RING:nowhere", "CHARSET=UTF-99:x", ":", ";",
          "=", "\\", "FN;CHARSET=utf-16:Ann", "ORG:;;;", "BDAY:--0229", "KEY:", "URL:http://["]
ODD = st.sampled_from(["\x00", "\u202e", "\u2066", "\u200f", "\ufeff", "\ud800", "\r", "é",
                       "\u05e9", "\U0001f600", "\\n", "x" * 300])


BLOCKS = [["BEGIN:VCARD", "VERSION:3.0", "FN:Whole", "END:VCARD"],
          ["AGENT:", "BEGIN:VCARD", "FN:Inside", "END:VCARD"],  # a 2.1 card in a card
          ["BEGIN:VCARD", "FN:Unended"], ["END:VCARD", "END:VCARD"]]


@st.composite
def malformed_vcards(draw: st.DrawFn) -> bytes:
    """Cards cut short, nested, unended or stray, odd characters, any encoding, cut anywhere."""
    parts = draw(st.lists(st.one_of(
        st.sampled_from(BLOCKS),
        st.sampled_from(PIECES).map(lambda piece: [piece]),
        st.builds(lambda piece, odd: [piece + odd], st.sampled_from(PIECES), ODD),
        st.text(max_size=40).map(lambda line: [line])), max_size=15))
    text = draw(st.sampled_from(["\r\n", "\n", "\r"])).join(line for part in parts for line in part)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                     "utf-16-be", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")
    end = draw(st.sampled_from(["whole", "odd", "anywhere"]))
    if end == "odd" and len(data) % 2 == 0:
        data = data[:-1]  # UTF-16 cut part-way through a character
    elif end == "anywhere":
        data = data[:draw(st.integers(0, len(data)))] + draw(st.binary(max_size=8))
    return data


@SETTINGS
@given(data=malformed_vcards())
def test_a_malformed_vcard_never_crashes_and_stores_only_what_the_editor_accepts(
    session: Session, data: bytes, figures: Figures
) -> None:
    importer = ImportService(session)
    preview = importer.preview(data)
    assert all(str(problem) for problem in preview.problems)
    for row in preview.rows:  # every choice a person could make is accepted or refused
        for value, _label in row.choices():
            assert row.choose(value)
        assert row.choose(row.choices()[0][0])
    outcome = importer.apply(preview)
    for supporter_id in outcome.added_ids:
        saved = session.network.supporter(supporter_id)
        assert problems(saved) == {}
        assert not set(saved.name + saved.notes) & DIRECTION_CONTROLS
        assert "\x00" not in saved.name + saved.notes and "\n" not in saved.name
    importer.undo(outcome)
    figures.record("hypothesis: malformed vCard files", examples=1, crashes=0)


def test_times_that_run_past_midnight_are_kept(session: Session) -> None:
    night = AvailabilityWindow(frozenset({4, 5}), time(22, 0), time(2, 0))
    saved = session.network.save_supporter(Supporter("Night Line", Kind.CRISIS,
                                                     availability=[night]))
    assert session.network.supporter(saved.id or 0).availability == [night]
