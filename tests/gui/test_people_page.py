"""The People page: table, search-as-you-type, filters, sorting, empty state, delete + Undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Mode, Ring, Role
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.network import PersonSummary
from supportdesk.ui.context import AppContext
from supportdesk.ui.models.supporter_filter import SupporterFilterProxy
from supportdesk.ui.models.supporter_table import Column, SupporterTableModel
from supportdesk.ui.pages.people import PeoplePage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import answer_message_box, follow


def add(ctx: AppContext, name: str, kind: Kind = Kind.FRIEND, **fields: object) -> Supporter:
    return ctx.session.network.save_supporter(Supporter(name=name, kind=kind, **fields))  # type: ignore[arg-type]


def page_for(ctx: AppContext, qtbot: QtBot) -> PeoplePage:
    page = follow(ctx, PeoplePage(ctx))
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    return page


def shown_names(page: PeoplePage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def test_models_pass_the_model_tester(demo_ctx: AppContext, qtmodeltester: ModelTester) -> None:
    model = SupporterTableModel()
    model.set_people(demo_ctx.session.network.people(), FIXED_NOW)
    qtmodeltester.check(model)
    proxy = SupporterFilterProxy(model)
    proxy.set_search("dr")
    qtmodeltester.check(proxy)


def test_an_empty_network_explains_the_kinds_of_support(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    assert page.stack.currentWidget() is page.empty
    text = page.empty.text()
    for words in ("Partner, family and friends", "Professionals", "Support groups",
                  "Online communities", "Crisis lines"):
        assert words in text
    assert page.empty.button is not None and page.empty.button.isVisible()


def test_columns_show_kind_ring_and_relative_last_contact(ctx: AppContext, qtbot: QtBot) -> None:
    sam = add(ctx, "Sam", ring=Ring.INNER)
    add(ctx, "Dr Ávila", Kind.PROFESSIONAL, role=Role.PSYCHIATRIST, ring=Ring.OUTER)
    assert sam.id is not None
    ctx.session.network.log_checkin(CheckIn(sam.id, FIXED_NOW - timedelta(days=3), Mode.CALL))
    page = page_for(ctx, qtbot)
    row = [page.proxy.index(1, c).data() for c in Column]
    assert row == ["Sam", "Friend", "Inner circle", "3 days ago", "In 4 days"]
    assert "21 Nov 2026" in page.proxy.index(1, Column.LAST_CONTACT).data(
        Qt.ItemDataRole.ToolTipRole)
    assert [page.proxy.index(0, c).data() for c in Column][1:4] == [
        "Psychiatrist", "Outer circle", "Not yet"]


def test_search_matches_names_roles_and_notes(ctx: AppContext, qtbot: QtBot) -> None:
    add(ctx, "Sam Lee", notes="Loves the allotment")
    add(ctx, "Dr Ávila", Kind.PROFESSIONAL, role=Role.PSYCHIATRIST)
    add(ctx, "Noor")
    page = page_for(ctx, qtbot)
    qtbot.keyClicks(page.search_edit, "psych")
    assert shown_names(page) == ["Dr Ávila"]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "ALLOT")
    assert shown_names(page) == ["Sam Lee"]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "zzz")
    assert page.stack.currentWidget() is page.no_match


def test_kind_and_ring_filters(ctx: AppContext, qtbot: QtBot) -> None:
    add(ctx, "Sam", ring=Ring.INNER)
    add(ctx, "Mum", Kind.FAMILY, ring=Ring.INNER)
    add(ctx, "Jo", ring=Ring.OUTER)
    page = page_for(ctx, qtbot)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData(Kind.FRIEND))
    assert shown_names(page) == ["Jo", "Sam"]
    page.ring_filter.setCurrentIndex(page.ring_filter.findData(Ring.INNER))
    assert shown_names(page) == ["Sam"]


def test_sorting_by_ring_and_by_last_contact(ctx: AppContext, qtbot: QtBot) -> None:
    for name, ring, days in (("Outer", Ring.OUTER, 1), ("Inner", Ring.INNER, 30),
                             ("Middle", Ring.MIDDLE, None)):
        s = add(ctx, name, ring=ring)
        if days is not None and s.id is not None:
            ctx.session.network.log_checkin(CheckIn(s.id, FIXED_NOW - timedelta(days=days)))
    page = page_for(ctx, qtbot)
    page.table.sortByColumn(Column.RING, Qt.SortOrder.AscendingOrder)
    assert shown_names(page) == ["Inner", "Middle", "Outer"]
    page.table.sortByColumn(Column.LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    assert shown_names(page) == ["Outer", "Inner", "Middle"]  # never contacted comes last


def test_each_keystroke_filters_2000_people_by_their_notes_too(qtbot: QtBot) -> None:
    """What a search finds, keystroke by keystroke; how fast is benchmarks/' job
    (benchmarks/run.py measures a keystroke at 2,000 people against its target)."""
    people = [PersonSummary(Supporter(name=f"Person {i} Example", kind=Kind.FRIEND,
                                      notes="walks on sundays" if i % 7 else "choir", id=i),
                            FIXED_NOW) for i in range(2000)]
    model = SupporterTableModel()
    model.set_people(people, FIXED_NOW)
    proxy = SupporterFilterProxy(model)
    proxy.sort(Column.NAME)
    typed = ""
    for ch in "choir":
        typed += ch
        proxy.set_search(typed)
        assert proxy.rowCount() == len([i for i in range(2000) if i % 7 == 0 or (
            typed in "walks on sundays")])
    assert proxy.rowCount() == len([i for i in range(2000) if i % 7 == 0])


def test_delete_key_removes_and_undo_brings_everything_back(
    ctx: AppContext, qtbot: QtBot
) -> None:
    sam = add(ctx, "Sam")
    assert sam.id is not None
    ctx.session.network.log_checkin(CheckIn(sam.id, FIXED_NOW - timedelta(days=1), note="tea"))
    page = page_for(ctx, qtbot)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    answer_message_box(Qt.Key.Key_R, [])  # asked first (tests/gui/test_remove_person.py)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert ctx.session.network.supporters() == []
    assert page.stack.currentWidget() is page.empty
    ctx.undo.undo()
    assert shown_names(page) == ["Sam"]
    assert ctx.session.network.checkins(sam.id)[0].note == "tea"


def test_enter_opens_the_person_and_down_moves_into_the_table(
    ctx: AppContext, qtbot: QtBot
) -> None:
    add(ctx, "Sam")
    noor = add(ctx, "Noor")
    page = page_for(ctx, qtbot)
    page.focus_search()
    qtbot.keyClicks(page.search_edit, "no")
    with qtbot.waitSignal(ctx.events.supporter_open_requested) as opened:
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert opened.args == [noor.id]
    page.search_edit.clear()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.table.currentIndex().isValid()
    with qtbot.waitSignal(ctx.events.supporter_open_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.current_id()]


def test_typing_in_the_table_goes_to_search(ctx: AppContext, qtbot: QtBot) -> None:
    add(ctx, "Sam")
    add(ctx, "Noor")
    page = page_for(ctx, qtbot)
    page.table.setFocus()
    qtbot.keyClicks(page.table, "no")
    assert page.search_edit.text() == "no"
    assert shown_names(page) == ["Noor"]


def test_the_page_follows_changes_made_elsewhere(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    add(ctx, "Sam")
    ctx.app.feed.poll()  # a change made elsewhere reaches the feed
    assert shown_names(page) == ["Sam"]


def test_the_help_filter_asks_who_can_help_with_what(ctx: AppContext, qtbot: QtBot) -> None:
    add(ctx, "Sam", help_with=("a lift", "listening"))
    add(ctx, "Jo", help_with=("A Lift",))
    add(ctx, "Mum", Kind.FAMILY, help_with=("Dog walking",))
    page = page_for(ctx, qtbot)
    items = [page.help_filter.itemText(i) for i in range(page.help_filter.count())]
    assert items[0] == "Any help" and "Can help with: listening" in items
    assert items[-1] == "Can help with: Dog walking"  # a kind only found on someone
    assert page.help_filter.accessibleName() == "Who can I ask for"
    page.help_filter.setFocus()
    page.help_filter.setCurrentIndex(page.help_filter.findData("a lift"))
    assert shown_names(page) == ["Jo", "Sam"]
    page.ring_filter.setCurrentIndex(page.ring_filter.findData(Ring.OUTER))
    assert shown_names(page) == []
    page.ring_filter.setCurrentIndex(0)
    ctx.app.set_help_kinds(["a lift", "childcare"])  # the list changes: the choice stays
    assert page.help_filter.currentData() == "a lift"
    assert shown_names(page) == ["Jo", "Sam"]
    page.help_filter.setCurrentIndex(page.help_filter.findData("childcare"))
    assert shown_names(page) == []
