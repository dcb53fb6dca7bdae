"""Many check-ins, gratitude entries or supporters at once (importing an export, its undo)."""

from __future__ import annotations

from datetime import date, timedelta

from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW


def test_many_checkins_at_once_keep_each_last_contact_right(session: Session) -> None:
    repo = session.repo
    sam, kit, bo = (repo.add_supporter(Supporter(n, Kind.FRIEND)) for n in ("Sam", "Kit", "Bo"))
    assert sam.id is not None and kit.id is not None and bo.id is not None
    newest = FIXED_NOW - timedelta(hours=1)
    ids = repo.add_checkins([CheckIn(sam.id, FIXED_NOW - timedelta(days=3), note="a"),
                             CheckIn(sam.id, newest, note="b"),
                             CheckIn(kit.id, FIXED_NOW - timedelta(days=9), note="c")])
    assert [repo.checkin(i).note for i in ids] == ["a", "b", "c"]
    assert repo.supporter(sam.id).last_contact == newest
    assert repo.supporter(kit.id).last_contact == FIXED_NOW - timedelta(days=9)
    assert repo.supporter(bo.id).last_contact is None
    repo.delete_checkins(ids[1:])
    assert repo.supporter(sam.id).last_contact == FIXED_NOW - timedelta(days=3)
    assert repo.supporter(kit.id).last_contact is None


def test_more_than_sqlite_takes_in_one_statement(session: Session) -> None:
    repo = session.repo
    ids = repo.add_supporters([Supporter(f"P{n}", Kind.FRIEND) for n in range(1_000)])
    entries = repo.add_gratitude_entries([Gratitude(i, date(2026, 1, 1), "thanks")
                                          for i in ids])
    checkins = repo.add_checkins([CheckIn(i, FIXED_NOW) for i in ids])
    assert len(set(entries)) == len(set(checkins)) == 1_000
    repo.delete_gratitude_entries(entries)
    repo.delete_checkins(checkins)
    assert repo.counts()["gratitude"] == repo.counts()["checkins"] == 0
    repo.delete_supporters(ids)
    assert repo.counts()["supporters"] == 0


def test_checkins_without_their_ids_go_in_too(session: Session) -> None:
    repo = session.repo
    sam = repo.add_supporter(Supporter("Sam", Kind.FRIEND))
    assert sam.id is not None
    assert repo.add_checkins([CheckIn(sam.id, FIXED_NOW - timedelta(days=d), note=str(d))
                              for d in (5, 1, 3)], ids=False) == []
    assert [c.note for c in repo.checkins()] == ["1", "3", "5"]
    assert repo.supporter(sam.id).last_contact == FIXED_NOW - timedelta(days=1)
