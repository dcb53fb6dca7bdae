"""People as a contacts app has it (ui/pages/people_split.py): the list on the left, the
chosen person's page beside it; the list alone, and the page in its place, when narrow."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QPushButton, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.ui.circles.shapes import initials, kind_fill
from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.models.roles import KIND_ROLE
from supportdesk.ui.models.supporter_table import Column
from supportdesk.ui.pages.people_split import PLACEHOLDER, PeopleSplit, shown_person_page
from supportdesk.ui.widgets.avatar_delegate import AvatarDelegate
from tests.conftest import FIXED_NOW
from tests.gui.conftest import answer_message_box

WIDE, NARROW = (1100, 720), (800, 600)
NAMES = ("Ana Reyes", "Ben Ola", "Cai", "Dr Dee")


def window_with(ctx: AppContext, qtbot: QtBot, size: tuple[int, int] = WIDE
                ) -> tuple[MainWindow, dict[str, int]]:
    ids = {name: ctx.app.add_supporter(Supporter(
        name, Kind.PROFESSIONAL if name.startswith("Dr") else Kind.FRIEND)).id or 0
        for name in NAMES}
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, ids


def people_of(window: MainWindow) -> PeopleSplit:
    page = window.page("people")
    assert isinstance(page, PeopleSplit)
    return page


def shown_name(split: PeopleSplit) -> str:
    page = split.shown_person()
    return page.name_label.text() if page is not None and page.isVisible() else ""


def test_choosing_someone_shows_their_page_beside_the_list(ctx: AppContext,
                                                           qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    qtbot.waitUntil(lambda: split.side_by_side)
    assert split.people.table.isVisible() and split.person.isVisible()
    assert shown_name(split) == "Ana Reyes"  # the first is chosen, and shown at once
    table = split.people.table
    rect = table.visualRect(split.people.index_of(ids["Cai"]))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert split.current_id() == ids["Cai"] and shown_name(split) == "Cai"
    assert window.current_key == "people"
    page = shown_person_page(window)  # what Ctrl+L and Ctrl+Shift+G preselect
    assert page is not None and page.supporter_id == ids["Cai"]
    assert split.people.width() >= split.people.minimumWidth() > 0
    assert split.person.width() > split.people.width()  # the page has the room


def test_down_moves_to_the_next_person_and_the_page_follows_without_the_focus(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    table = split.people.table
    split.select_id(ids["Ana Reyes"])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert split.current_id() == ids["Ben Ola"] and shown_name(split) == "Ben Ola"
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert shown_name(split) == "Cai"
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert shown_name(split) == "Ben Ola" and table.hasFocus()


def test_enter_goes_into_the_page_and_esc_or_backspace_back_to_the_list(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    table = split.people.table
    split.select_id(ids["Ben Ola"])
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Return)
        focused = QApplication.focusWidget()
        assert focused is split.person.edit_button  # the page's first stop
        qtbot.keyClick(focused, key)
        assert table.hasFocus()
        assert window.current_key == "people" and split.current_id() == ids["Ben Ola"]
    rect = table.visualRect(split.people.index_of(ids["Cai"]))
    with qtbot.waitSignal(table.doubleClicked):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert split.person.isAncestorOf(QApplication.focusWidget()) and shown_name(split) == "Cai"


def test_opening_someone_elsewhere_lands_on_people_with_them_chosen_and_back_returns(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    ctx.app.log_checkin(CheckIn(ids["Ben Ola"], FIXED_NOW - timedelta(days=90)))  # due
    split = people_of(window)
    window.show_page("today")
    today = window.page("today")
    opener = next(b for b in today.findChildren(QPushButton)
                  if b.accessibleName().startswith("Open Ben Ola"))
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    assert window.current_key == "people" and split.current_id() == ids["Ben Ola"]
    assert shown_name(split) == "Ben Ola"
    assert window.sidebar.currentItem().text() == "People"
    window.nav.go_back()
    assert window.current_key == "today"
    window.nav.go_forward()
    assert window.current_key == "people" and shown_name(split) == "Ben Ola"

    window.show_page("circles")
    circles = window.page("circles")
    circles.list.setFocus()
    circles.list.select(ids["Cai"])
    qtbot.keyClick(circles.list, Qt.Key.Key_Return)  # as a double click on the map opens
    assert window.current_key == "people" and shown_name(split) == "Cai"
    window.nav.go_back()
    assert window.current_key == "circles"

    window.show_page("reach_out")
    see = next(b for b in window.page("reach_out").findChildren(QPushButton)
               if b.accessibleName() == "See Dr Dee's page")
    qtbot.mouseClick(see, Qt.MouseButton.LeftButton)
    assert window.current_key == "people" and shown_name(split) == "Dr Dee"
    window.nav.go_back()
    assert window.current_key == "reach_out"


def test_someone_hidden_by_a_search_is_shown_when_opened_from_elsewhere(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    qtbot.keyClicks(split.people.search_edit, "ana")
    window.show_page("reach_out")
    ctx.events.supporter_open_requested.emit(ids["Cai"])
    assert window.current_key == "people" and shown_name(split) == "Cai"
    assert split.people.search_edit.text() == ""


def test_a_search_keeps_the_chosen_person_while_they_are_listed(ctx: AppContext,
                                                                qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    split.select_id(ids["Cai"])
    search = split.people.search_edit
    qtbot.keyClicks(search, "a")  # Ana, Cai (and Ben Ola) still listed
    assert shown_name(split) == "Cai"
    search.setText("ben")
    assert shown_name(split) == "Ben Ola"  # Cai is hidden: the one listed is chosen
    search.setText("zzz")
    assert split.current_id() is None
    assert split.side.currentWidget() is split.placeholder and split.placeholder.isVisible()
    assert split.placeholder.text() == PLACEHOLDER
    search.setText("")
    assert split.current_id() is not None and split.shown_person() is not None


def test_an_empty_network_shows_its_welcome_across_the_page(ctx: AppContext,
                                                            qtbot: QtBot) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*WIDE)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("people")
    split = people_of(window)
    assert split.people.empty.isVisible() and not split.side.isVisible()
    ctx.app.add_supporter(Supporter("Ana", Kind.FRIEND))
    qtbot.waitUntil(lambda: shown_name(split) == "Ana")


def test_a_narrow_window_shows_the_list_alone_and_the_page_in_its_place(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot, NARROW)
    window.show_page("people")
    split = people_of(window)
    assert split.people.isVisible() and not split.side.isVisible()
    assert not split.side_by_side and split.people.width() > NARROW[0] // 2
    table = split.people.table
    split.select_id(ids["Ben Ola"])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_key == "person" and window.page("person").supporter_id == ids["Ben Ola"]
    back = window.nav.toolbar.widgetForAction(window.nav.back_action)
    assert back is not None and back.isVisible() and back.isEnabled()
    assert "Back to People" in back.toolTip()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.current_key == "people" and split.current_id() == ids["Ben Ola"]
    window.resize(*WIDE)  # wide again: the page comes back beside the list
    qtbot.waitUntil(lambda: split.side_by_side)
    assert shown_name(split) == "Ben Ola"
    window.resize(*NARROW)
    qtbot.waitUntil(lambda: not split.side.isVisible())


def test_removing_the_person_shown_chooses_the_one_beside_them(ctx: AppContext,
                                                               qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    split.select_id(ids["Ben Ola"])
    answer_message_box(Qt.Key.Key_R, [])  # Remove (it asks first)
    split.person.delete_button.click()
    qtbot.waitUntil(lambda: shown_name(split) == "Cai")
    assert split.current_id() == ids["Cai"] and window.current_key == "people"
    # The list's table has the focus (once the window is active again after the question).
    qtbot.waitUntil(lambda: window.focusWidget() is split.people.table)
    ctx.undo.undo()
    qtbot.waitUntil(lambda: split.people.index_of(ids["Ben Ola"]).isValid())
    assert shown_name(split) == "Cai"  # Undo brings Ben back without taking the choice


def test_the_page_beside_follows_changes(ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    split.select_id(ids["Cai"])
    cai = ctx.app.network.supporter(ids["Cai"])
    ctx.app.edit_supporter(cai, replace(cai, name="Cai Mor"))
    qtbot.waitUntil(lambda: shown_name(split) == "Cai Mor")
    assert split.current_id() == ids["Cai"]


def test_where_the_divider_was_left_is_remembered(ctx: AppContext, qtbot: QtBot) -> None:
    window, _ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    handle = split.splitter.handle(1)
    before = split.people.width()
    middle = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(60, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(60, 0))
    wider = split.people.width()
    assert wider > before + 30
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.resize(*WIDE)
    again.show()
    qtbot.waitExposed(again)
    again.show_page("people")
    qtbot.waitUntil(lambda: people_of(again).side_by_side)
    assert abs(people_of(again).people.width() - wider) <= 2


def test_each_name_has_an_avatar_with_initials_and_its_kind_is_said(
        ctx: AppContext, qtbot: QtBot) -> None:
    assert initials("Ana Reyes") == "AR"
    assert initials("Dale Pemberton-Nakamura") == "DP"
    assert initials("Samaritans") == "S"
    assert initials("  (Mum) ") == "M" and initials("Ana Reyes", most=1) == "A"
    window, ids = window_with(ctx, qtbot)
    window.show_page("people")
    split = people_of(window)
    table = split.people.table
    delegate = table.itemDelegateForColumn(Column.NAME)
    assert isinstance(delegate, AvatarDelegate)
    for name, kind, words in (("Ana Reyes", Kind.FRIEND, "Ana Reyes, Friend"),
                              ("Dr Dee", Kind.PROFESSIONAL, "Dr Dee, Professional")):
        index = split.people.index_of(ids[name])
        assert index.data(Qt.ItemDataRole.AccessibleTextRole) == words
        assert Kind(index.data(KIND_ROLE)) is kind
        assert table.rowHeight(index.row()) >= delegate.size
        image = QImage(300, table.rowHeight(index.row()), QImage.Format.Format_ARGB32)
        image.fill(QColor("#808080"))
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.rect = image.rect()
        option.widget = table
        painter = QPainter(image)
        delegate.paint(painter, option, index)
        painter.end()
        colours = [image.pixelColor(x, y) for x in range(0, 60) for y in range(image.height())]
        fill = kind_fill(kind)
        assert any(_near(c, fill) for c in colours), name  # the kind's own fill
        assert any(_near(c, QColor("white")) for c in colours), name  # the initials


def _near(one: QColor, other: QColor) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(one.getRgb()[:3], other.getRgb()[:3],
                                                strict=True))


def test_many_ways_to_reach_someone_wrap_in_a_narrow_page(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from supportdesk.core.kinds import ContactType
    from supportdesk.core.model import ContactMethod
    from supportdesk.ui.widgets.contact_buttons import ContactButtons

    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = ContactButtons(holder)
    QVBoxLayout(holder).addWidget(buttons)
    buttons.set_contacts([
        ContactMethod(ContactType.PHONE, "01632 960100", "surgery", True),
        ContactMethod(ContactType.EMAIL, "amara.fenwick@surgery.example.net"),
        ContactMethod(ContactType.WEB, "https://surgery.example.net/book", "book online"),
        ContactMethod(ContactType.ADDRESS, "Willow Lane Surgery, 4 Willow Lane")], "Amara", 1)
    holder.resize(420, 200)
    holder.show()
    qtbot.waitExposed(holder)
    boxes = [b.geometry() for b in buttons.buttons]
    assert all(buttons.rect().contains(box) for box in boxes)  # none beyond the edge
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len({box.top() for box in boxes}) > 1  # on more than one line
    assert boxes[0].top() == boxes[1].top() or boxes[1].left() == boxes[0].left()
    assert buttons.height() >= boxes[-1].bottom()  # the lines below have their height
