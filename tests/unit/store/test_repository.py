from datetime import timedelta

from supportdesk.core.kinds import ContactType, Kind, Mode, Role, SupportType
from supportdesk.core.model import AvailabilityWindow, CheckIn, ContactMethod, Supporter
from tests.conftest import FIXED_NOW


def test_supporter_round_trip_keeps_every_field(session):
    s = Supporter(
        name="Dr Ávila 😊", kind=Kind.PROFESSIONAL, role=Role.PSYCHIATRIST,
        contacts=[ContactMethod(ContactType.PHONE, "+44 20 7946 0000", "work", True)],
        availability=[AvailabilityWindow.office_hours()],
        timezone="Europe/London",
    )
    saved = session.network.save_supporter(s)
    again = session.network.supporter(saved.id)
    assert again.name == "Dr Ávila 😊"
    assert again.role is Role.PSYCHIATRIST
    assert again.contacts == s.contacts
    assert again.availability == s.availability
    assert again.created == FIXED_NOW


def test_logging_a_checkin_sets_last_contact_and_delete_undo_restores(session):
    friend = session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    when = FIXED_NOW - timedelta(days=2)
    session.network.log_checkin(CheckIn(friend.id, when, Mode.TEXT, mood_before=2, mood_after=4,
                                        support_received=frozenset({SupportType.EMOTIONAL})))
    assert session.network.supporter(friend.id).last_contact == when
    snapshot = session.network.delete_supporter(friend.id)
    assert session.network.supporters() == []
    restored = session.network.restore_supporter(snapshot)
    assert restored.last_contact == when
    assert session.network.checkins(friend.id)[0].support_received == {SupportType.EMOTIONAL}
