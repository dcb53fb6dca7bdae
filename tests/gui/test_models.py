"""Every list model passes pytest-qt's model tester: the paged check-ins (as more pages
arrive), and one person's rows through the by-person proxy."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.modeltest import ModelTester

from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.services.application import Application
from supportdesk.services.session import Session
from supportdesk.ui.models.by_person import ByPersonProxy
from supportdesk.ui.models.checkin_table import CheckinTableModel
from supportdesk.ui.models.gratitude_table import GratitudeTableModel
from tests.conftest import FIXED_NOW


def _network(session: Session) -> tuple[Application, int, int]:
    app = Application(session)
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND))
    ruth = app.add_supporter(Supporter("Ruth", Kind.FAMILY))
    assert sam.id is not None and ruth.id is not None
    for n in range(130):
        who = sam.id if n % 3 else ruth.id
        app.log_checkin(CheckIn(who, FIXED_NOW - timedelta(hours=n), mood_after=1 + n % 5,
                                note=f"note {n}"))
    return app, sam.id, ruth.id


def test_the_paged_check_ins_model_keeps_the_model_rules(
        session: Session, qtmodeltester: ModelTester) -> None:
    app, _sam, _ruth = _network(session)
    names = {s.id: s.name for s in app.network.supporters() if s.id is not None}
    model = CheckinTableModel(page_size=50)

    def page(after: CheckIn | None, limit: int) -> list[CheckIn]:
        return app.network.checkins_page(after=after, limit=limit)

    model.set_source(page, names, FIXED_NOW)
    assert model.rowCount() == 50 and model.canFetchMore()
    qtmodeltester.check(model)  # fetches the rest page by page, checking each step
    assert model.rowCount() == 130 and not model.canFetchMore()
    assert [row.checkin.note for row in model.rows[:2]] == ["note 0", "note 1"]


def test_one_persons_rows_through_the_by_person_proxy(
        session: Session, qtmodeltester: ModelTester) -> None:
    app, sam, ruth = _network(session)
    names = {s.id: s.name for s in app.network.supporters() if s.id is not None}
    checkins = CheckinTableModel()
    checkins.set_checkins(app.network.checkins(), names, FIXED_NOW)
    proxy = ByPersonProxy(checkins)
    proxy.set_supporter(ruth)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 44
    app.add_gratitude(Gratitude(supporter_id=sam, on=FIXED_NOW.date(), text="Soup"))
    gratitude = GratitudeTableModel()
    gratitude.set_entries(app.network.gratitude(), names)
    by_person = ByPersonProxy(gratitude)
    by_person.set_supporter(ruth)
    qtmodeltester.check(by_person)
    assert by_person.rowCount() == 0
    by_person.set_supporter(sam)
    assert by_person.rowCount() == 1
