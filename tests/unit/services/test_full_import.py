"""Importing a SupportDesk export: the round trip, matching, validation, settings and undo."""

from __future__ import annotations

import json
import zipfile
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportdesk.core.kinds import (
    Channel,
    ContactType,
    Initiator,
    Kind,
    Mode,
    PlanStep,
    Role,
    SupportType,
)
from supportdesk.core.model import (
    AvailabilityWindow,
    Boundaries,
    Cadence,
    CheckIn,
    ContactMethod,
    CrisisLine,
    HelpNotes,
    PlanItem,
    Supporter,
)
from supportdesk.formats.supportdesk_json import VERSION, ExportFileError, to_document
from supportdesk.services import settings as keys
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.demo import fill_demo
from supportdesk.services.full_export import FullExportService
from supportdesk.services.full_import import FullImportService, PersonAction
from supportdesk.services.safety_plan import SafetyPlanService, plan_from_items
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings
from tests.conftest import FIXED_NOW
from tests.unit.formats.test_supportdesk_json import JSON, paths, sample
from tests.unit.services.test_full_export import LONDON, export_of, read_zip, validate


def apart_from_when(files: dict[str, bytes]) -> dict[str, object]:
    """An export's files with the moment it was made taken out."""
    kept: dict[str, object] = {}
    for name, data in files.items():
        if name == "supportdesk.json":
            document = json.loads(data)
            assert document.pop("exported_at")
            kept[name] = document
        elif name == "README.txt":
            kept[name] = [line for line in data.decode().splitlines()
                          if not line.startswith("Exported ")]
        else:
            kept[name] = data
    return kept


def import_all(session: Session, raw: bytes) -> None:
    service = FullImportService(session)
    preview = service.preview(raw)
    assert preview.problems == []
    service.apply(preview)


def round_trip(session: Session, raw: bytes) -> None:
    """Import ``raw`` into the (empty) session's vault and export it again: the same."""
    import_all(session, raw)
    again = FullExportService(session, LONDON).zip_bytes()
    assert apart_from_when(read_zip(again)) == apart_from_when(read_zip(raw))


def test_round_trip_of_the_sample_network(session: Session, tmp_path: Path) -> None:
    raw = export_of(lambda s: fill_demo(s, FIXED_NOW), tmp_path / "source")
    round_trip(session, raw)
    assert session.repo.counts()["checkins"] > 300


PLAIN = "<b>bold</b> & <script>alert(1)</script> {{x}} %s \\n"
ODD = "Zoë 🧡 👩‍👩‍👧 مرحبا 東京 Å̊ \u200b‮ tab\there"
# What is kept of it: a right-to-left override is stripped when any text is saved.
KEPT = ODD.replace("\u202e", "")


def every_field(words: str) -> Supporter:
    return Supporter(
        name=f"Sam {words}", kind=Kind.PROFESSIONAL, role=Role.THERAPIST, stressful=True,
        contacts=[ContactMethod(ContactType.PHONE, "+44 7700 900123", f"mobile {words}", True),
                  ContactMethod(ContactType.EMAIL, "sam@example.org", words),
                  ContactMethod(ContactType.ADDRESS, f"1 Road {words}\nTown")],
        availability=[AvailabilityWindow(frozenset({0, 6}), time(22, 0), time(2, 0)),
                      AvailabilityWindow.always()],
        timezone="Asia/Tokyo", meeting_schedule=words, meeting_place=f"Hall\n{words}",
        boundaries=Boundaries(f"mine {words}", f"theirs\n{words}"),
        help=HelpNotes(f"signs {words}", f"helps {words}", f"not {words}", f"crisis {words}"),
        notes=f"notes\n\n{words}",
        cadence=Cadence(timedelta(days=9), paused=True,
                        snoozed_until=FIXED_NOW + timedelta(days=2, microseconds=7)))


def fill_odd(session: Session) -> None:
    net = session.network
    first = net.save_supporter(every_field(PLAIN))
    second = net.save_supporter(every_field(ODD))
    assert first.id is not None and second.id is not None
    for who, words in ((first.id, PLAIN), (second.id, ODD)):
        net.log_checkin(CheckIn(who, FIXED_NOW - timedelta(days=1, microseconds=123),
                                Mode.VIDEO, Initiator.THEM, 1, 5,
                                frozenset(SupportType), frozenset({SupportType.COMPANY}),
                                f"note {words}"))
        net.add_gratitude(who, f"thanks {words}", on=date(2026, 2, 28))
    net.add_gratitude(None, f"no one {ODD}", on=date(2025, 12, 31))
    SafetyPlanService(session.repo).save(plan_from_items([
        PlanItem(PlanStep.REASONS, f"reason {ODD}"), PlanItem(PlanStep.ASK_FOR_HELP, "", first.id),
        PlanItem(PlanStep.ASK_FOR_HELP, f"evenings {PLAIN}", second.id, 1)]))
    CrisisLinesService(session.repo).add_line(CrisisLine(
        "JP", f"Line {ODD}", "0120 000 000", Channel.CALL, f"24h {PLAIN}", "",
        date(2026, 1, 2), notes=f"notes {ODD}"))
    settings = Settings(session.repo)
    settings.set(keys.QUIET_ENABLED, True)
    settings.set(keys.QUIET_START, time(21, 15))
    settings.set(keys.CRISIS_COUNTRY, "JP")
    settings.set_cadence_default(next(iter(keys.CADENCE_DAYS)), 3)


def test_markup_and_odd_unicode_in_every_field_come_back_as_plain_text(
        session: Session, tmp_path: Path) -> None:
    raw = export_of(fill_odd, tmp_path / "source")
    validate(json.loads(read_zip(raw)["supportdesk.json"]))
    round_trip(session, raw)
    plain, odd = session.network.supporters()  # "<" sorts before "Z"
    assert plain.name == f"Sam {PLAIN}".strip()
    assert odd.name.startswith("Sam Zoë 🧡 👩‍👩‍👧 مرحبا 東京")
    assert odd.notes == f"notes\n\n{KEPT}"
    assert odd.help.in_a_crisis == f"crisis {KEPT}"
    assert plain.boundaries.mine == f"mine {PLAIN}"
    assert [line.name for line in session.repo.crisis_lines()] == [f"Line {KEPT}".replace(
        "\t", " ")]
    notes = {c.note for c in session.repo.checkins()}
    assert notes == {f"note {PLAIN}", f"note {KEPT}"}
    assert Settings(session.repo).get(keys.QUIET_START) == time(21, 15)


def scale_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                checkins: int) -> bytes:
    """The export of the benchmarks' generated vault: 2,000 people of every kind."""
    from benchmarks import generate

    monkeypatch.setattr(generate, "CHECKINS", checkins)
    monkeypatch.setattr(generate, "GRATITUDE", checkins // 10)
    target = generate.build(tmp_path / "scale", tmp_path / "keyring.json")
    from supportdesk.services.session import open_session
    from supportdesk.vault.keystore import KeyringKeyStore
    from tests.reliability.file_keyring import FileKeyring

    source = open_session(target, KeyringKeyStore(FileKeyring(tmp_path / "keyring.json")))
    try:
        assert source.repo.counts()["supporters"] == generate.SUPPORTERS == 2_000
        return FullExportService(source, LONDON).zip_bytes()
    finally:
        source.close()


def test_round_trip_of_a_generated_2000_person_vault(
        session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.store import database

    raw = scale_vault(tmp_path, monkeypatch, checkins=10_000)
    database.bind(session.db)
    round_trip(session, raw)
    assert session.repo.counts() == {"supporters": 2_000, "checkins": 10_000,
                                     "gratitude": 1_000, "plan_items": 0}


# -- into a vault that already has people --------------------------------------------


def exported(tmp_path: Path, *people: Supporter,
             checkin_for: str = "") -> bytes:
    def fill(source: Session) -> None:
        for person in people:
            saved = source.network.save_supporter(person)
            if saved.name == checkin_for and saved.id is not None:
                source.network.log_checkin(CheckIn(saved.id, FIXED_NOW - timedelta(hours=1),
                                                   note="tea"))
    return export_of(fill, tmp_path / f"source{len(list(tmp_path.iterdir()))}")


PHONE = ContactMethod(ContactType.PHONE, "07700 900123", "mobile")
EMAIL = ContactMethod(ContactType.EMAIL, "robin@example.org")


def test_same_name_and_a_shared_contact_is_proposed_as_the_same_person(
        session: Session, tmp_path: Path) -> None:
    here = session.network.save_supporter(Supporter("Robin Lind", Kind.PARTNER,
                                                    contacts=[PHONE]))
    raw = exported(tmp_path, Supporter("robin  lind", Kind.FRIEND,
                                                contacts=[ContactMethod(
                                                    ContactType.PHONE, "+44 7700 900123"),
                                                    EMAIL], notes="from the file"),
                   checkin_for="robin lind")
    service = FullImportService(session)
    preview = service.preview(raw)
    [row] = preview.people
    assert row.action is PersonAction.SAME and row.existing is not None
    assert row.existing.id == here.id and row.shares_contact
    outcome = service.apply(preview)
    [robin] = session.network.supporters()
    assert robin.kind is Kind.PARTNER and robin.name == "Robin Lind"  # theirs are kept
    assert [m.value for m in robin.contacts] == ["07700 900123", "robin@example.org"]
    assert robin.notes == "from the file"  # an empty field takes the file's words
    assert [c.note for c in session.repo.checkins()] == ["tea"]
    again = service.preview(raw)  # importing the same file again repeats nothing
    assert again.counts()["checkins"] == 0
    service.apply(again)
    assert len(session.repo.checkins()) == 1
    service.undo(outcome)  # (the second import brought nothing)
    assert session.network.supporters() == [here] and session.repo.checkins() == []


def test_the_same_name_alone_is_pointed_out_but_added_apart(session: Session,
                                                            tmp_path: Path) -> None:
    session.network.save_supporter(Supporter("Robin Lind", Kind.PARTNER, contacts=[PHONE]))
    raw = exported(tmp_path, Supporter("Robin Lind", Kind.FRIEND, contacts=[EMAIL]))
    preview = FullImportService(session).preview(raw)
    [row] = preview.people
    assert row.action is PersonAction.ADD and row.existing is not None
    assert not row.shares_contact
    assert row.match_words == "Another Robin Lind (no phone or email in common)"
    assert PersonAction.SAME in row.choices  # the person may still say they are one
    FullImportService(session).apply(preview)
    assert [s.kind for s in session.network.supporters()] == [Kind.PARTNER, Kind.FRIEND]


def test_a_shared_number_under_another_name_is_never_joined(session: Session,
                                                            tmp_path: Path) -> None:
    session.network.save_supporter(Supporter("Robin Lind", Kind.PARTNER, contacts=[PHONE]))
    raw = exported(tmp_path, Supporter("Alex Lind", Kind.FAMILY, contacts=[PHONE]))
    preview = FullImportService(session).preview(raw)
    [row] = preview.people
    assert row.action is PersonAction.ADD and row.existing is None
    assert row.choices == [PersonAction.ADD, PersonAction.SKIP]


def test_leaving_a_person_out_leaves_out_their_checkins(session: Session,
                                                        tmp_path: Path) -> None:
    session.network.save_supporter(Supporter("Kit", Kind.FRIEND))
    raw = exported(tmp_path, Supporter("Robin", Kind.FRIEND), checkin_for="Robin")
    service = FullImportService(session)
    preview = service.preview(raw)
    assert not preview.use_settings  # the vault has people: its own settings stay
    preview.people[0].action = PersonAction.SKIP
    assert preview.counts()["checkins"] == 0
    service.apply(preview)
    assert [s.name for s in session.network.supporters()] == ["Kit"]
    assert session.repo.checkins() == []


def test_settings_are_used_when_asked_and_undo_puts_them_back(session: Session,
                                                              tmp_path: Path) -> None:
    session.network.save_supporter(Supporter("Kit", Kind.FRIEND))
    Settings(session.repo).set(keys.DISCREET, True)

    def fill(source: Session) -> None:
        Settings(source.repo).set(keys.ESCALATION_COUNT, 5)

    raw = export_of(fill, tmp_path / "source")
    service = FullImportService(session)
    preview = service.preview(raw)
    preview.use_settings = True
    outcome = service.apply(preview)
    settings = Settings(session.repo)
    assert settings.get(keys.ESCALATION_COUNT) == 5 and settings.get(keys.DISCREET) is False
    service.undo(outcome)
    assert settings.get(keys.ESCALATION_COUNT) == 3 and settings.get(keys.DISCREET) is True


# -- validation: the editors' rules ---------------------------------------------------


def document(**parts: Any) -> bytes:
    base: dict[str, Any] = {"format": "supportdesk-export", "version": 1,
                            "exported_at": "2026-11-24T10:00:00+00:00"}
    return json.dumps({**base, **parts}).encode()


def test_records_that_fail_the_editors_checks_are_left_out_and_said(session: Session) -> None:
    raw = document(
        people=[{"id": 1, "name": "Ada\u0007 ", "kind": "friend",
                 "contacts": [{"type": "phone", "value": "07700 900001"}]},
                {"id": 2, "name": "Bo", "kind": "friend",
                 "contacts": [{"type": "email", "value": "not an address"}]},
                {"id": 3, "name": "   ", "kind": "family"}],
        checkins=[{"person": 1, "at": "2026-11-20T18:00:00+00:00", "note": "ok\u0000"},
                  {"person": 2, "at": "2026-11-20T18:00:00+00:00", "note": "Bo's"},
                  {"person": 1, "at": "2026-11-21T18:00:00+00:00", "note": "x" * 20_001}],
        gratitude=[{"person": 1, "on": "2026-11-20", "text": "  "}],
    )
    service = FullImportService(session)
    preview = service.preview(raw)
    assert [row.action for row in preview.people] == [PersonAction.ADD, PersonAction.SKIP,
                                                      PersonAction.SKIP]
    assert preview.people[1].choices == [PersonAction.SKIP]
    text = "\n".join(preview.problems)
    assert "Person 2 (Bo) was left out: This does not look like an email address" in text
    assert "Person 3 (no name) was left out: Please give a name" in text
    assert "Check-in 3 was left out: This is longer than 20,000 characters" in text
    assert "Gratitude entry 1 was left out" in text
    service.apply(preview)
    [ada] = session.network.supporters()
    assert ada.name == "Ada"  # cleaned as the editor cleans it
    assert [c.note for c in session.repo.checkins()] == ["ok"]


@pytest.mark.parametrize(("raw", "words"), [
    (b"not json at all", "not valid JSON (line 1)"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (json.dumps({"hello": 1}).encode(), "not a SupportDesk export"),
    (document(version=VERSION + 1), "made by a newer SupportDesk"),
    (document(people=[{"id": 1, "name": "Sam", "kind": "frend"}]),
     "people[0].kind should be one of"),
    (document(people=[{"id": 1, "name": "Sam", "kind": "friend",
                       "availability": [{"days": ["mon"], "start": "9am", "end": "17:00"}]}]),
     "people[0].availability[0].start should be a time of day"),
    (document(checkins=[{"person": 7, "at": "2026-11-20T18:00:00+00:00"}]),
     "checkins[0].person names nobody"),
    (document(checkins=[{"person": 1, "at": "2026-11-20T18:00:00"}],
              people=[{"id": 1, "name": "Sam", "kind": "friend"}]),
     "checkins[0].at should be a date and time with its time zone"),
    (document(exported_at="0001-01-01T00:30:00+01:00"),
     "exported_at should be a date and time with its time zone"),
    (document(checkins=[{"person": 1, "at": "2026-11-20T18:00:00Z", "mood_after": 9}],
              people=[{"id": 1, "name": "Sam", "kind": "friend"}]),
     "checkins[0].mood_after should be from 1"),
    (document(people=[{"id": 1, "name": "Sam", "kind": "friend",
                       "cadence": {"every_days": 1e300}}]),
     "people[0].cadence.every_days should be a number of days above 0"),
    (document(people=[{"id": 1, "name": "A", "kind": "friend"},
                      {"id": 1, "name": "B", "kind": "friend"}]), "people[1].id is used"),
])
def test_a_file_that_cannot_be_read_says_where_and_changes_nothing(
        session: Session, raw: bytes, words: str) -> None:
    with pytest.raises(ExportFileError) as caught:
        FullImportService(session).preview(raw)
    assert words in str(caught.value)
    assert "Sam" not in str(caught.value)  # where, never what the person wrote
    assert session.repo.counts()["supporters"] == 0


def test_a_zip_without_the_json_says_so(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "hello")
    with pytest.raises(ExportFileError, match="holds no SupportDesk export"):
        FullImportService(session).preview(path.read_bytes())


def test_the_json_alone_imports_as_the_zip_does(session: Session, tmp_path: Path) -> None:
    raw = export_of(lambda s: fill_demo(s, FIXED_NOW), tmp_path / "source")
    import_all(session, read_zip(raw)["supportdesk.json"])
    assert session.repo.counts()["supporters"] == 18


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_field_holding_anything_imports_or_is_refused_plainly(
        session: Session, data: st.DataObject) -> None:
    document = to_document(sample(), LONDON)
    path = data.draw(st.sampled_from(paths(document)))
    inner: Any = document
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = data.draw(JSON)
    service = FullImportService(session)
    try:
        preview = service.preview(json.dumps(document).encode())
    except ExportFileError:
        return
    before = session.repo.counts()
    outcome = service.apply(preview)
    service.undo(outcome)
    assert session.repo.counts() == before


# -- moods noted on their own (version 2) -------------------------------------------------


def test_moods_come_in_once_and_undo_takes_out_just_those(session: Session) -> None:
    from supportdesk.core.mood import MoodEntry

    kept = session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW, mood=3, note="here already"))
    raw = document(version=2, moods=[
        {"at": "2026-11-24T10:00:00+00:00", "mood": 3, "note": "here already"},
        {"at": "2026-11-23T22:15:00+09:00", "mood": 1, "feelings": [" Lonely ", "tired"],
         "note": "late"},
        {"at": "2026-11-23T22:15:00+09:00", "mood": 1, "note": "late"}])  # twice in the file
    service = FullImportService(session)
    preview = service.preview(raw)
    assert preview.problems == []
    assert preview.counts()["moods"] == 1
    assert "1 mood noted on its own" in preview.words()
    outcome = service.apply(preview)
    assert "1 mood entry" in outcome.summary
    entries = session.repo.mood_entries()
    assert [(e.mood, e.feelings, e.note) for e in entries] == [
        (3, (), "here already"), (1, ("lonely", "tired"), "late")]
    service.undo(outcome)
    assert session.repo.mood_entries() == [kept]


def test_a_version_1_file_has_no_moods_and_reads_as_before(session: Session) -> None:
    preview = FullImportService(session).preview(document(
        people=[{"id": 1, "name": "Sam", "kind": "friend"}]))
    assert preview.problems == [] and preview.data.moods == []
    assert preview.counts()["moods"] == 0


@pytest.mark.parametrize(("moods", "words"), [
    ([{"at": "2026-11-24T10:00:00+00:00", "mood": 0}], "moods[0].mood should be from 1"),
    ([{"at": "2026-11-24T10:00:00"}], "moods[0].at should be a date and time with its"),
    ([{"at": "2026-11-24T10:00:00+00:00"}], "missing moods[0].mood"),
])
def test_a_wrong_mood_in_the_file_says_where(session: Session, moods: list[object],
                                             words: str) -> None:
    with pytest.raises(ExportFileError) as caught:
        FullImportService(session).preview(document(version=2, moods=moods))
    assert words in caught.value.message
    assert session.repo.mood_entries() == []


def test_templates_and_kinds_of_help_travel_and_undo_puts_the_lists_back(
        session: Session, tmp_path: Path) -> None:
    from supportdesk.core.messages import MessageTemplate
    from supportdesk.services.application import Application

    def fill(source: Session) -> None:
        app = Application(source)
        app.save_message_templates([MessageTemplate("<b>Call</b> me & soon?", "Hi & <you>",
                                                    hard_time=True),
                                    MessageTemplate("Fancy a walk?")])
        app.set_help_kinds(["listening", "Dog walking"])
        app.add_supporter(Supporter("Sam", Kind.FRIEND, help_with=("Dog walking", "a lift")))

    raw = export_of(fill, tmp_path / "source")
    document = json.loads(read_zip(raw)["supportdesk.json"])
    validate(document)
    assert document["templates"][0] == {"text": "<b>Call</b> me & soon?",
                                        "subject": "Hi & <you>", "hard_time": True}
    assert document["people"][0]["help_with"] == ["Dog walking", "a lift"]
    app = Application(session)
    app.save_message_templates([MessageTemplate("My own words", hard_time=True),
                                MessageTemplate("fancy a  WALK?")])
    app.set_help_kinds(["listening", "gardening"])
    before = app.templates.templates()
    service = FullImportService(session)
    outcome = service.apply(service.preview(raw))
    texts = [t.text for t in app.templates.templates()]
    assert texts == ["My own words", "fancy a  WALK?", "<b>Call</b> me & soon?"]
    assert app.templates.hard_time().text == "My own words"  # the vault's own mark stands
    assert app.templates.listed_help_kinds() == ("listening", "gardening", "Dog walking")
    (sam,) = app.network.supporters()
    assert sam.help_with == ("Dog walking", "a lift")
    service.undo(outcome)
    assert app.templates.templates() == before
    assert app.templates.listed_help_kinds() == ("listening", "gardening")


def test_lists_nobody_has_changed_give_way_to_the_files_and_undo_puts_them_back(
        session: Session, tmp_path: Path) -> None:
    from supportdesk.core.messages import MessageTemplate
    from supportdesk.services.application import Application

    def fill(source: Session) -> None:
        app = Application(source)
        app.save_message_templates([MessageTemplate("Fancy a walk?"),
                                    MessageTemplate("Call me?", hard_time=True)])
        app.set_help_kinds(["Dog walking"])

    raw = export_of(fill, tmp_path / "source")
    app = Application(session)
    shipped, kinds = app.templates.templates(), app.templates.listed_help_kinds()
    service = FullImportService(session)
    outcome = service.apply(service.preview(raw))
    assert [(t.text, t.hard_time) for t in app.templates.templates()] == [
        ("Fancy a walk?", False), ("Call me?", True)]
    assert app.templates.listed_help_kinds() == ("Dog walking",)
    service.undo(outcome)
    assert app.templates.templates() == shipped
    assert app.templates.listed_help_kinds() == kinds


def test_a_version_2_file_without_templates_or_kinds_reads_as_before(session: Session) -> None:
    service = FullImportService(session)
    before = templates_of(session)
    service.apply(service.preview(document(version=2, people=[
        {"id": 1, "name": "Sam", "kind": "friend"}])))
    assert templates_of(session) == before
    assert [s.help_with for s in session.repo.supporters()] == [()]


def templates_of(session: Session) -> list[object]:
    return list(session.repo.message_templates())
