"""Shown again with nothing changed, a page reads one change count and redraws in place:
the people list is not read again, the table is not reset, and one changed person
changes one row."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.session import Session
from supportdesk.ui.models.supporter_filter import SupporterFilterProxy
from supportdesk.ui.models.supporter_table import Column, SupporterTableModel
from tests.conftest import FIXED_NOW
from tests.unit.test_query_counts import counted


def _people(session: Session, names: list[str]) -> None:
    for name in names:
        session.network.save_supporter(Supporter(name, Kind.FRIEND))


def test_everyone_is_read_once_while_nobody_changes(session: Session) -> None:
    _people(session, ["Ana", "Ben", "Cleo"])
    first = session.network.people()
    with counted(session) as statements:
        again = session.network.people()
    assert [p.supporter for p in again] == [p.supporter for p in first]
    assert not any("FROM \"supporter\"" in sql for sql in statements), statements
    ben = next(p.supporter for p in first if p.supporter.name == "Ben")
    session.network.save_supporter(replace(ben, name="Bea"))
    assert sorted(p.supporter.name for p in session.network.people()) == ["Ana", "Bea", "Cleo"]


def test_the_same_people_update_in_place_and_one_change_moves_one_row(
        session: Session, qtbot: QtBot) -> None:
    _people(session, ["Ana", "Ben", "Cleo"])
    model = SupporterTableModel()
    proxy = SupporterFilterProxy(model)
    proxy.sort(Column.NAME)
    model.set_people(session.network.people(), FIXED_NOW)
    resets: list[bool] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, bottom, roles=(): changed.append((top.row(),
                                                                           bottom.row())))
    model.set_people(session.network.people(), FIXED_NOW)  # nothing changed
    assert resets == [] and changed == []
    model.set_people(session.network.people(), FIXED_NOW + timedelta(hours=1))
    assert resets == [] and changed == []  # an hour on, no one's words moved
    model.set_people(session.network.people(), FIXED_NOW + timedelta(days=40))
    assert resets == [] and changed == [(0, 0), (1, 1), (2, 2)]  # now due, all three
    model.set_people(session.network.people(), FIXED_NOW + timedelta(hours=1))
    changed.clear()
    ana = next(p.supporter for p in session.network.people() if p.supporter.name == "Ana")
    session.network.save_supporter(replace(ana, name="Zoe"))
    model.set_people(session.network.people(), FIXED_NOW + timedelta(hours=1))
    assert resets == [True]  # the names' order moved: the table is read afresh
    ben = next(p.supporter for p in session.network.people() if p.supporter.name == "Ben")
    resets.clear()
    session.network.save_supporter(replace(ben, kind=Kind.FAMILY))
    model.set_people(session.network.people(), FIXED_NOW + timedelta(hours=1))
    assert resets == [] and changed == [(0, 0)]  # Ben alone, first by name
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Ben", "Cleo", "Zoe"]


def test_gratitude_is_read_once_while_it_stands_still_and_the_table_is_left_alone(
        session: Session, qtbot: QtBot) -> None:
    from supportdesk.core.model import Gratitude
    from supportdesk.ui.models.gratitude_table import GratitudeTableModel

    _people(session, ["Ana"])
    ana = session.network.people()[0].supporter
    session.network.save_gratitude(Gratitude(ana.id, FIXED_NOW.date(), "Soup on Tuesday"))
    model = GratitudeTableModel()
    names = {ana.id or 0: "Ana"}
    model.set_entries(session.network.gratitude(), names)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with counted(session) as statements:
        model.set_entries(session.network.gratitude(), names)
    assert resets == []
    assert not any("FROM \"gratitude\"" in sql for sql in statements), statements
    session.network.save_gratitude(Gratitude(ana.id, FIXED_NOW.date(), "A long walk"))
    model.set_entries(session.network.gratitude(), names)
    assert resets == [True] and len(model.rows) == 2


def test_the_same_checkins_again_leave_the_list_in_place(session: Session,
                                                         qtbot: QtBot) -> None:
    from supportdesk.core.model import CheckIn
    from supportdesk.ui.models.checkin_table import CheckinTableModel

    _people(session, ["Ana"])
    ana = session.network.people()[0].supporter
    assert ana.id is not None
    session.network.log_checkin(CheckIn(ana.id, FIXED_NOW - timedelta(days=1), note="tea"))
    model = CheckinTableModel()
    names = {ana.id: "Ana"}

    def page(after: CheckIn | None, limit: int) -> list[CheckIn]:
        return session.network.checkins_page(after=after, limit=limit)

    model.set_source(page, names, FIXED_NOW)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_source(page, names, FIXED_NOW + timedelta(minutes=5))
    assert resets == [] and model.rowCount() == 1
    session.network.log_checkin(CheckIn(ana.id, FIXED_NOW, note="a walk"))
    model.set_source(page, names, FIXED_NOW + timedelta(minutes=5))
    assert resets == [True] and model.rowCount() == 2
