"""The circles map: legend, list twin, dragging between rings (undoable), keys, export;
names that never overlap, a layout that stays put, fitting the view."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionGraphicsItem
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.ui.circles import items
from supportdesk.ui.circles.items import SupporterNode
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.circles import CirclesPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow
from tests.gui.views_seed import seed_network


@pytest.fixture
def page(ctx: AppContext, qtbot: QtBot) -> CirclesPage:
    seed_network(ctx.session, FIXED_NOW)
    widget = follow(ctx, CirclesPage(ctx))
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def node_named(page: CirclesPage, name: str) -> SupporterNode:
    return next(n for n in page.scene.nodes.values() if n.supporter.name == name)


def send_mouse(page: CirclesPage, kind: QEvent.Type, at: QPoint,
               buttons: Qt.MouseButton) -> None:
    viewport = page.view.viewport()
    event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)),
                        Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def drag(page: CirclesPage, node: SupporterNode, to_scene: QPointF) -> None:
    start = page.view.mapFromScene(node.pos())
    end = page.view.mapFromScene(to_scene)
    send_mouse(page, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        point = start + (end - start) * step / 10
        send_mouse(page, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
    send_mouse(page, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def positions(page: CirclesPage, but: int) -> dict[int, tuple[QPointF, QRectF]]:
    """Where every other node and its name sit on the map."""
    return {sid: (QPointF(node.scenePos()), node.name_label.sceneBoundingRect())
            for sid, node in page.scene.nodes.items() if sid != but}


def overlaps(page: CirclesPage) -> list[tuple[str, str]]:
    """Pairs of names, and names and ring titles, whose boxes on the map meet."""
    assert page.scene.rings is not None
    boxes = [(f"name {node.supporter.name}", node.name_label.sceneBoundingRect())
             for node in page.scene.nodes.values() if node.name_label.isVisible()]
    boxes += [(f"title {ring}", title.sceneBoundingRect())
              for ring, title in page.scene.rings.titles.items()]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
            if box_a.intersects(box_b)]


def open_page(ctx: AppContext, qtbot: QtBot, size: tuple[int, int] = (1100, 760)
              ) -> CirclesPage:
    widget = follow(ctx, CirclesPage(ctx))
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_no_names_overlap_on_the_sample_network(demo_ctx: AppContext, qtbot: QtBot) -> None:
    page = open_page(demo_ctx, qtbot)
    nodes = list(page.scene.nodes.values())
    assert len(nodes) > 15
    assert overlaps(page) == []
    shown = [n for n in nodes if n.name_label.isVisible()]
    assert len(shown) == len(nodes)  # room for every name
    whole = [n for n in shown if " ".join(n.name_label.lines) == n.supporter.name]
    assert len(whole) >= len(nodes) - 2, [n.name_label.lines for n in shown]


def test_no_names_overlap_among_forty_long_names(ctx: AppContext, qtbot: QtBot) -> None:
    kinds, rings = list(Kind), list(Ring)
    with ctx.session.db.atomic():
        for i in range(40):
            ctx.session.repo.add_supporter(Supporter(
                f"Alexandra-Josephine Pemberton-Nakamura {i}", kinds[i % len(kinds)],
                ring=rings[i % 3]), now=FIXED_NOW)
    page = open_page(ctx, qtbot)
    assert len(page.scene.nodes) == 40
    assert overlaps(page) == []
    shown = [n for n in page.scene.nodes.values() if n.name_label.isVisible()]
    assert len(shown) >= 30
    for node in page.scene.nodes.values():  # whoever has no room shows it on focus
        assert node.supporter.name in node.toolTip()
        page.view.show_supporter(node.supporter_id)
        assert node.name_label.isVisible()
        assert node.name_label.lines == (node.supporter.name,)


def test_after_a_drop_only_the_moved_person_moves_to_where_they_were_dropped(
        demo_ctx: AppContext, qtbot: QtBot) -> None:
    page = open_page(demo_ctx, qtbot)
    moving = next(n for n in page.scene.nodes.values() if n.supporter.ring is Ring.MIDDLE)
    sid = moving.supporter_id
    start = QPointF(moving.pos())
    before = positions(page, but=sid)
    inner, outer = page.scene.layout.band(Ring.OUTER)
    radius = (inner + outer) / 2
    taken = [box for _, box in before.values()] + [
        QRectF(p - QPointF(30, 30), p + QPointF(30, 30)) for p, _ in before.values()]
    target = next(point for degrees in range(0, 360, 5)
                  for point in [QPointF(radius * math.cos(math.radians(degrees)),
                                        radius * math.sin(math.radians(degrees)))]
                  if not any(box.intersects(QRectF(point - QPointF(60, 40),
                                                   point + QPointF(60, 40)))
                             for box in taken))
    with qtbot.waitSignal(demo_ctx.bus.changed):
        drag(page, moving, target)
    assert demo_ctx.session.network.supporter(sid).ring is Ring.OUTER
    def on_pixel(point: QPointF) -> QPointF:
        return page.view.mapToScene(page.view.mapFromScene(point))

    dropped = start + on_pixel(target) - on_pixel(start)  # held where it was grabbed
    moved = page.scene.nodes[sid]
    assert moved.pos().x() == pytest.approx(dropped.x())
    assert moved.pos().y() == pytest.approx(dropped.y())
    assert positions(page, but=sid) == before
    assert overlaps(page) == []
    demo_ctx.undo.undo()  # and back exactly where they were
    assert page.scene.nodes[sid].pos() == start
    assert positions(page, but=sid) == before


def test_the_ring_under_a_dragged_person_is_highlighted(page: CirclesPage) -> None:
    rings = page.scene.rings
    assert rings is not None and rings.target is None
    priya = node_named(page, "Priya")
    start = page.view.mapFromScene(priya.pos())
    inner, outer = page.scene.layout.band(Ring.OUTER)
    end = page.view.mapFromScene(QPointF(0, (inner + outer) / 2))
    send_mouse(page, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        send_mouse(page, QEvent.Type.MouseMove, start + (end - start) * step / 10,
                   Qt.MouseButton.LeftButton)
    assert rings.target is Ring.OUTER
    image = QImage(page.view.viewport().size(), QImage.Format.Format_ARGB32)
    page.view.viewport().render(image)
    highlight = page.palette().color(QPalette.ColorRole.Highlight)
    tinted = QColor(image.pixel(end + QPoint(40, 0)))
    assert abs(tinted.hue() - highlight.hue()) < 30 or highlight.saturation() < 30
    send_mouse(page, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    assert page.scene.rings is not None and page.scene.rings.target is None


def test_tab_moves_between_people_then_on_out_of_the_map(page: CirclesPage,
                                                          qtbot: QtBot) -> None:
    page.view.setFocus()
    order = page.scene.order
    for expected in order:
        qtbot.keyClick(page.view, Qt.Key.Key_Tab)
        assert page.selected_id() == expected
        assert page.view.hasFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Backtab)
    assert page.selected_id() == order[-2]
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)  # past the last person
    assert not page.view.hasFocus()


def test_a_screen_reader_hears_each_person_tab_reaches(page: CirclesPage,
                                                     qtbot: QtBot) -> None:
    # the people are drawn, not widgets: the focused map's name says who is chosen, so
    # the name change is what a screen reader announces
    page.view.setFocus()
    for expected in page.scene.order[:3]:
        qtbot.keyClick(page.view, Qt.Key.Key_Tab)
        name = page.scene.nodes[expected].supporter.name
        assert page.view.accessibleName() == f"Circles map: {name}"
        assert page.view.viewport().accessibleName() == page.view.accessibleName()


def test_at_800_by_600_the_whole_map_and_key_are_shown(demo_ctx: AppContext,
                                                       qtbot: QtBot) -> None:
    from supportdesk.ui.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("circles")
    page = window.stack.currentWidget()
    assert isinstance(page, CirclesPage)
    qtbot.wait(50)
    wide = page.view.transform().m11()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and window.height() == 600)
    qtbot.wait(50)
    assert page.view.transform().m11() < wide  # fitted again
    viewport = page.view.viewport()
    drawn = page.view.mapFromScene(page.scene.sceneRect()).boundingRect()
    assert viewport.rect().adjusted(-1, -1, 1, 1).contains(drawn)
    shown = window.rect()
    key = page.legend
    key_box = key.rect().translated(key.mapTo(window, QPoint(0, 0)))
    assert shown.contains(key_box), (key_box, shown)
    for child in key.findChildren(QLabel):
        if child.text():
            box = child.rect().translated(child.mapTo(window, QPoint(0, 0)))
            assert key_box.contains(box), child.text()
            assert child.height() >= child.heightForWidth(child.width()), child.text()


def test_the_legend_explains_every_shape_and_line(page: CirclesPage) -> None:
    assert page.legend.isVisible()
    words = " ".join(page.legend.rows)
    for expected in ("Person", "Professional", "Support group", "Online community",
                     "Crisis service", "Strong tie", "Weak tie", "stressful", "Arrow"):
        assert expected in words


def test_the_list_matches_the_map(page: CirclesPage) -> None:
    by_ring_on_map = {ring: sorted(n.supporter_id for n in page.scene.nodes.values()
                                   if n.supporter.ring is ring) for ring in Ring}
    listed = page.list.ids_by_ring()
    assert {ring: sorted(ids) for ring, ids in listed.items()} == by_ring_on_map
    assert len(page.scene.nodes) == 8
    for node in page.scene.nodes.values():
        distance = math.hypot(node.pos().x(), node.pos().y())
        assert page.scene.layout.ring_at(distance) is node.supporter.ring


def test_dragging_a_node_to_another_ring_moves_them_and_undo_brings_them_back(
        page: CirclesPage, ctx: AppContext, qtbot: QtBot) -> None:
    priya = node_named(page, "Priya")
    assert priya.supporter.ring is Ring.MIDDLE
    outer_edge = page.scene.layout.boundaries[Ring.OUTER] - 20
    with qtbot.waitSignal(ctx.bus.changed):
        drag(page, priya, QPointF(0, outer_edge))
    assert ctx.session.network.supporter(priya.supporter_id).ring is Ring.OUTER
    assert priya.supporter_id in page.list.ids_by_ring()[Ring.OUTER]
    assert node_named(page, "Priya").supporter.ring is Ring.OUTER
    ctx.undo.undo()
    assert ctx.session.network.supporter(priya.supporter_id).ring is Ring.MIDDLE
    assert priya.supporter_id in page.list.ids_by_ring()[Ring.MIDDLE]
    ctx.undo.redo()
    assert ctx.session.network.supporter(priya.supporter_id).ring is Ring.OUTER


def test_a_drop_in_the_same_ring_changes_no_data_and_they_stay_where_dropped(
        page: CirclesPage, ctx: AppContext) -> None:
    ana = node_named(page, "Ana Okafor")
    home = QPointF(ana.home)
    others = positions(page, but=ana.supporter_id)
    target = QPointF(home.x() * 1.08, home.y() * 1.08)  # a little further out, same ring
    assert page.scene.layout.ring_at(math.hypot(target.x(), target.y())) is ana.supporter.ring
    drag(page, ana, target)
    assert ctx.undo.count() == 0
    moved = node_named(page, "Ana Okafor")
    assert moved.pos() != home
    assert math.atan2(moved.y(), moved.x()) == pytest.approx(math.atan2(home.y(), home.x()))
    assert positions(page, but=ana.supporter_id) == others


def test_a_click_selects_and_a_double_click_opens(
        page: CirclesPage, ctx: AppContext, qtbot: QtBot) -> None:
    ben = node_named(page, "Ben Castillo-Whitfield")
    with qtbot.assertNotEmitted(ctx.events.supporter_open_requested, wait=100):
        drag(page, ben, ben.pos())
    assert page.selected_id() == ben.supporter_id
    assert page.list.current_id() == ben.supporter_id
    assert page.open_button.isEnabled()
    at = page.view.mapFromScene(ben.pos())
    with qtbot.waitSignal(ctx.events.supporter_open_requested) as opened:
        send_mouse(page, QEvent.Type.MouseButtonDblClick, at, Qt.MouseButton.LeftButton)
        send_mouse(page, QEvent.Type.MouseButtonRelease, at, Qt.MouseButton.NoButton)
    assert opened.args == [ben.supporter_id]


def test_keyboard_moves_between_people_opens_and_changes_rings(
        page: CirclesPage, ctx: AppContext, qtbot: QtBot) -> None:
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Right)
    first = page.selected_id()
    assert first == page.scene.order[0]
    assert page.list.current_id() == first  # the list follows
    qtbot.keyClick(page.view, Qt.Key.Key_Right)
    assert page.selected_id() == page.scene.order[1]
    chosen = page.selected_id()
    assert chosen is not None
    with qtbot.waitSignal(ctx.events.supporter_open_requested) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened.args == [chosen]
    before = ctx.session.network.supporter(chosen).ring
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ctx.session.network.supporter(chosen).ring.order == before.order + 1
    assert page.selected_id() == chosen  # still selected after the map is rebuilt


def test_selecting_in_the_list_selects_the_node_and_buttons_move_rings(
        page: CirclesPage, ctx: AppContext) -> None:
    mum = node_named(page, "Mum")
    page.list.setCurrentItem(page.list.items[mum.supporter_id])
    assert page.selected_id() == mum.supporter_id
    assert not page.closer_button.isEnabled()  # already in the inner circle
    page.further_button.click()
    assert ctx.session.network.supporter(mum.supporter_id).ring is Ring.MIDDLE
    assert ctx.undo.undoText() == "Move Mum further out"


def test_zoom_and_fit(page: CirclesPage, qtbot: QtBot) -> None:
    page.view.fit()
    fitted = page.view.transform().m11()
    page.zoom_in_button.click()
    assert page.view.transform().m11() == pytest.approx(fitted * 1.2)
    qtbot.keyClick(page.view, Qt.Key.Key_Minus)
    qtbot.keyClick(page.view, Qt.Key.Key_Minus)
    assert page.view.transform().m11() < fitted
    page.fit_button.click()
    assert page.view.transform().m11() == pytest.approx(fitted)


def test_export_png_and_svg(page: CirclesPage, tmp_path: Path) -> None:
    png = page.export(tmp_path / "circles", svg=False)
    image = QImage(str(png))
    assert png.suffix == ".png" and not image.isNull() and image.width() > 400
    svg = page.export(tmp_path / "circles", svg=True)
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "My support circles" in text and "Ana Okafor" in text


def test_a_long_name_is_written_whole_and_shown_whole_on_hover_and_focus(
        page: CirclesPage) -> None:
    ben = node_named(page, "Ben Castillo-Whitfield")
    assert " ".join(ben.name_label.lines) == "Ben Castillo-Whitfield"  # wrapped, not cut
    assert "Ben Castillo-Whitfield" in ben.toolTip()
    page.view.setFocus()
    page.view.show_supporter(ben.supporter_id)
    assert ben.name_label.isVisible() and ben.name_label.lines == ("Ben Castillo-Whitfield",)
    page.scene.clearSelection()
    page.scene.clearFocus()
    assert not ben.name_label.expanded


def test_five_hundred_supporters_stay_smooth(ctx: AppContext, qtbot: QtBot) -> None:
    kinds = list(Kind)
    rings = list(Ring)
    with ctx.session.db.atomic():
        for i in range(500):
            ctx.session.repo.add_supporter(
                Supporter(f"Person {i:03d}", kinds[i % len(kinds)], ring=rings[i % 3]),
                now=FIXED_NOW)
    started = time.perf_counter()
    page = follow(ctx, CirclesPage(ctx))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    built = time.perf_counter() - started
    node = next(iter(page.scene.nodes.values()))
    frames = []
    for step in range(30):
        began = time.perf_counter()
        node.setPos(node.home + QPointF(step * 4, step * 3))
        page.view.viewport().repaint()
        frames.append(time.perf_counter() - began)
    frames.sort()
    median = frames[len(frames) // 2]
    assert built < 5.0
    assert median < 0.05, f"median drag frame {median * 1000:.1f} ms"
    positions = {(round(n.home.x()), round(n.home.y())) for n in page.scene.nodes.values()}
    assert len(positions) == 500  # nobody is drawn on top of anyone else


def test_repainting_a_busy_map_many_times_does_not_crash(ctx: AppContext, qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call; painting
    this map hundreds of times used to abort the whole app (PySide6 6.12.0, now excluded)."""
    with ctx.session.db.atomic():
        for i in range(150):
            ctx.session.repo.add_supporter(Supporter(f"P{i}", Kind.FRIEND), now=FIXED_NOW)
    page = follow(ctx, CirclesPage(ctx))
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    for step in range(300):
        page.view.zoom_by(1.01 if step % 2 else 1 / 1.01)  # defeats the item caches
        page.view.viewport().repaint()
    assert page.view.isVisible()


def test_a_light_dark_switch_recolours_the_map_and_keeps_the_selection(
        page: CirclesPage) -> None:
    mum = node_named(page, "Mum")
    page.scene.select_only(mum.supporter_id)
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    page.setPalette(dark)
    node = node_named(page, "Mum")
    assert node.look.text.color() == QColor("#f0f0f0")
    assert node.look.backing.rgb() == QColor("#1e1e1e").rgb()
    assert page.scene.tie_colour.rgb() == QColor("#f0f0f0").rgb()
    assert page.selected_id() == mum.supporter_id


def test_painting_nodes_measures_and_builds_no_fonts(
        page: CirclesPage, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts, metrics and label boxes are worked out once per map, not per paint:
    a busy map paints hundreds of nodes at a time."""
    made: list[str] = []

    class CountedFont(QFont):
        def __init__(self, *args: object) -> None:
            made.append("font")
            super().__init__(*args)

    class CountedMetrics(QFontMetricsF):
        def __init__(self, *args: object) -> None:
            made.append("metrics")
            super().__init__(*args)

    monkeypatch.setattr(items, "QFont", CountedFont)
    monkeypatch.setattr(items, "QFontMetricsF", CountedMetrics)
    image = QImage(200, 200, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        for node in page.scene.nodes.values():
            for _ in range(2):
                node.paint(painter, QStyleOptionGraphicsItem())
    finally:
        painter.end()
    assert made == []
    looks = {id(node.look) for node in page.scene.nodes.values()}
    assert looks == {id(page.scene.look)}


def test_shown_again_with_nobody_changed_the_map_stands_and_a_change_redraws_it(
        page: CirclesPage, ctx: AppContext) -> None:
    from dataclasses import replace

    nodes = dict(page.scene.nodes)
    page.refresh()
    assert page.scene.nodes == nodes  # the very same items: nothing laid out again
    first = next(iter(nodes.values())).supporter
    ctx.app.network.save_supporter(replace(first, name=first.name + " Junior"))
    page.refresh()
    assert any(n.supporter.name == first.name + " Junior" for n in page.scene.nodes.values())
