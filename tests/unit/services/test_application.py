"""The application object: use cases publish what they changed, whoever changed it, and an
undo takes back only what its edit changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import Cadence, CheckIn, ContactMethod, Gratitude, Supporter
from supportdesk.core.schedule import SnoozeOption
from supportdesk.services import settings as keys
from supportdesk.services.application import Application
from supportdesk.services.session import Session, create_session, open_session
from supportdesk.vault.keystore import MemoryKeyStore
from tests.conftest import FIXED_NOW


def heard(app: Application) -> list[frozenset[str]]:
    got: list[frozenset[str]] = []
    app.feed.subscribe(got.append)
    return got


def test_each_use_case_publishes_exactly_the_topics_it_changed(session: Session) -> None:
    app = Application(session)
    topics = heard(app)
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND))
    assert sam.id is not None
    app.log_checkin(CheckIn(sam.id, FIXED_NOW))
    app.add_gratitude(Gratitude(supporter_id=sam.id, on=FIXED_NOW.date(), text="Soup"))
    app.set_setting(keys.DISCREET, True)
    app.snooze(sam.id, SnoozeOption.TOMORROW)
    assert topics == [
        {"people"},
        {"checkins", "people"},  # a check-in moves the person's last contact
        {"gratitude"},
        {"settings"},
        {"people"},
    ]


def test_the_reminder_engines_bookkeeping_is_not_a_settings_change(session: Session) -> None:
    app = Application(session)
    app.add_supporter(Supporter("Sam", Kind.FRIEND, ring=Ring.INNER))
    marks_before = session.repo.change_marks()
    topics = heard(app)
    app.check_reminders(FIXED_NOW + timedelta(days=30), starting=True)
    app.mark_notified(app.reminders.due_now(FIXED_NOW + timedelta(days=30)))
    assert topics == [{"reminders"}, {"reminders"}]
    # Today's kept reads (cadence defaults, due moments) stay valid.
    assert session.repo.change_marks()["settings"] == marks_before["settings"]


def test_a_write_by_another_process_reaches_the_feed_when_polled(tmp_path: Path) -> None:
    keys_ = MemoryKeyStore()
    mine, _recovery = create_session(tmp_path, keys_)
    app = Application(mine)
    topics = heard(app)
    other = open_session(tmp_path, keys_)  # the command line, say
    try:
        other.network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    finally:
        other.close()
    assert app.feed.poll() == {"people"}
    assert topics == [{"people"}]
    assert app.feed.poll() == frozenset()  # said once
    app.close()


def test_a_restore_whose_counts_match_today_still_shows_what_it_holds(tmp_path: Path) -> None:
    """Counts only say "changed since": two files with equal counts can hold different
    people. The epoch a restore moves makes every kept read go back to the file."""
    session, _recovery = create_session(tmp_path / "vault", MemoryKeyStore(),
                                        clock=lambda: FIXED_NOW)
    app = Application(session)
    empty = app.back_up_to(tmp_path / "empty.sdbackup")
    app.add_supporter(Supporter("Ann", Kind.FRIEND))
    with_ann = app.back_up_to(tmp_path / "ann.sdbackup")
    app.restore_backup(empty)
    app.add_supporter(Supporter("Bea", Kind.FRIEND))  # the same counts as with_ann now
    assert [s.name for s in app.dashboard.today().supporters.values()] == ["Bea"]
    assert [i.name for i in app.reminders.due_now(FIXED_NOW + timedelta(days=60))] == ["Bea"]
    topics = heard(app)
    app.restore_backup(with_ann)
    assert topics and topics[-1] >= {"people", "checkins", "gratitude", "plan", "settings"}
    assert [s.name for s in app.dashboard.today().supporters.values()] == ["Ann"]
    due = app.reminders.due_now(FIXED_NOW + timedelta(days=60))
    assert [item.name for item in due] == ["Ann"]
    app.close()


def test_undoing_an_edit_keeps_a_snooze_and_a_pause_made_since(session: Session) -> None:
    app = Application(session)
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND, notes="old notes"))
    assert sam.id is not None
    edit = app.edit_supporter(sam, replace(sam, name="Samira", notes="new notes",
                                           cadence=Cadence(every=timedelta(days=3))))
    until = app.snooze(sam.id, SnoozeOption.NEXT_WEEK)  # from Today, after the edit
    app.set_supporter_paused(sam.id, True)  # from the tray
    undone = app.undo_supporter_edit(edit)
    assert (undone.name, undone.notes) == ("Sam", "old notes")
    assert undone.cadence.every is None  # what the edit changed went back...
    assert undone.cadence.snoozed_until == until  # ...and what came after stayed
    assert undone.cadence.paused
    redone = app.redo_supporter_edit(edit)
    assert (redone.name, redone.cadence.every) == ("Samira", timedelta(days=3))
    assert redone.cadence.paused and redone.cadence.snoozed_until == until


def test_undoing_a_check_in_edit_keeps_a_note_added_since(session: Session) -> None:
    app = Application(session)
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND))
    assert sam.id is not None
    logged = app.log_checkin(CheckIn(sam.id, FIXED_NOW, mood_after=2))
    edit = app.edit_checkin(logged, replace(logged, mood_after=4))
    assert logged.id is not None
    later = app.network.checkin(logged.id)
    app.edit_checkin(later, replace(later, note="we laughed"))
    undone = app.undo_checkin_edit(edit)
    assert (undone.mood_after, undone.note) == (2, "we laughed")


def vcard(*lines: str) -> bytes:
    return ("\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n").encode()


def test_undoing_a_vcard_import_keeps_a_snooze_and_an_edit_made_since(session: Session) -> None:
    app = Application(session)
    zoe = app.add_supporter(Supporter("Zoë Adams", Kind.FRIEND, notes="from school", contacts=[
        ContactMethod(ContactType.PHONE, "+44 7700 900123", "mobile")]))
    assert zoe.id is not None
    preview = app.importing.preview(vcard("FN:Zoe Adams", "TEL;TYPE=CELL:07700 900123",
                                          "EMAIL:zoe@example.org") + vcard("FN:Kai"))
    outcome = app.import_contacts(preview)
    merged = app.network.supporter(zoe.id)
    assert "zoe@example.org" in {m.value for m in merged.contacts}
    until = app.snooze(zoe.id, SnoozeOption.NEXT_WEEK)  # from Today, after the import
    now = app.network.supporter(zoe.id)
    extra = ContactMethod(ContactType.EMAIL, "zoe@work.example.org")
    app.edit_supporter(now, replace(now, name="Zoë", notes="from school, and choir",
                                    contacts=[*now.contacts, extra]))
    app.undo_import(outcome)
    after = app.network.supporter(zoe.id)
    assert [s.name for s in app.network.supporters()] == ["Zoë"]  # Kai, added, is gone
    assert (after.name, after.notes) == ("Zoë", "from school, and choir")
    assert after.cadence.snoozed_until == until
    assert after.contacts == [*zoe.contacts, extra]  # only what the import added went


def test_undoing_a_full_import_keeps_a_pause_and_an_edit_made_since(
        session: Session, tmp_path: Path) -> None:
    from tests.unit.services.test_full_import import exported

    app = Application(session)
    phone = ContactMethod(ContactType.PHONE, "07700 900123", "mobile")
    robin = app.add_supporter(Supporter("Robin Lind", Kind.PARTNER, contacts=[phone]))
    assert robin.id is not None
    email = ContactMethod(ContactType.EMAIL, "robin@example.org")
    raw = exported(tmp_path, Supporter("Robin Lind", Kind.FRIEND, contacts=[phone, email],
                                       notes="from the file", meeting_place="The Crown"),
                   checkin_for="Robin Lind")
    outcome = app.import_export_file(app.full_import.preview(raw))
    joined = app.network.supporter(robin.id)
    assert (joined.notes, joined.meeting_place) == ("from the file", "The Crown")
    app.set_supporter_paused(robin.id, True)  # from the tray, after the import
    app.edit_supporter(joined, replace(joined, notes="mine now", ring=Ring.INNER))
    app.undo_export_file_import(outcome)
    after = app.network.supporter(robin.id)
    assert after.cadence.paused and after.ring is Ring.INNER  # what came after stayed
    assert after.notes == "mine now"  # changed again since: the later words stay
    assert after.meeting_place == "" and after.contacts == [phone]  # the import's went
    assert app.network.checkins() == []
