"""Circles: the support network as rings around me, with a list twin beside it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import Ring
from supportdesk.core.model import Supporter
from supportdesk.services.exporting import ExportService
from supportdesk.ui.circles.commands import ChangeRing
from supportdesk.ui.circles.export import export_png, export_svg
from supportdesk.ui.circles.legend import Legend
from supportdesk.ui.circles.ring_list import RingList
from supportdesk.ui.circles.scene import CirclesScene
from supportdesk.ui.circles.view import CirclesView
from supportdesk.ui.context import AppContext
from supportdesk.ui.focus_order import place_after
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.plain import plain_label, plain_tooltip, tell
from supportdesk.ui.undo_commands import perform

PNG_FILTER = "PNG image (*.png)"
SIDE_MOST = 300  # the list and key beside the map, at most
SVG_FILTER = "SVG drawing (*.svg)"


class CirclesPage(QWidget):
    topics: ClassVar[frozenset[str]] = frozenset({"people"})

    """The circles map. Ring changes go on ``ctx.undo``; opening a person via ``ctx.events``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supporters: dict[int, Supporter] = {}
        self._drawn_for: list[Supporter] | None = None  # the people the map shows
        self.setAccessibleName("Circles")
        self.scene = CirclesScene(self.palette(), self.font(), self)
        self.view = CirclesView(self.scene, self)
        self.legend = Legend(self)
        self.list = RingList(self)
        self.empty_note = plain_label("Add people to your network and they will appear on your "
                                      "circles, closest in the middle.", self)
        self.empty_note.setWordWrap(True)
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        self.header = PageHeader("Your circles", "Drag someone to another ring to change how "
                                 "close they are. Double-click someone, or press Enter, to "
                                 "open them.", self)
        self.zoom_in_button = self._tool("+", "Zoom in", self.view.zoom_in)
        self.zoom_out_button = self._tool("−", "Zoom out", self.view.zoom_out)
        self.fit_button = self._tool("Fit", "Fit the whole map", self.view.fit)
        self.export_button = QPushButton("Save as picture…", self)
        self.export_button.setAccessibleName("Save the map as a PNG or SVG picture")
        self.header.add_button(self.export_button)
        self.side = side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.list, 1)
        moves = QHBoxLayout()
        # short words, so the list and key fit beside a big map in a small window
        self.closer_button = QPushButton("Closer", side)
        self.closer_button.setAccessibleName("Move the selected person closer")
        self.closer_button.setToolTip("Move them closer (Ctrl+Up on the map)")
        self.further_button = QPushButton("Further out", side)
        self.further_button.setAccessibleName("Move the selected person further out")
        self.further_button.setToolTip("Move them further out (Ctrl+Down on the map)")
        self.open_button = QPushButton("Open", side)
        self.open_button.setAccessibleName("Open the selected person")
        for button in (self.closer_button, self.further_button, self.open_button):
            moves.addWidget(button)
        place_after(self.export_button, [self.view, self.list, self.closer_button,
                                         self.further_button, self.open_button])
        side_layout.addLayout(moves)
        side_layout.addWidget(self.empty_note)
        side_layout.addWidget(self.legend)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 300])
        self._side_sized_by_hand = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

    def _tool(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(plain_tooltip(name))
        button.clicked.connect(slot)
        self.header.add_button(button)
        return button

    def _connect_signals(self) -> None:
        self.scene.ring_change_requested.connect(self._on_scene_ring_change_requested)
        self.scene.open_requested.connect(self._on_open_requested)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.view.ring_step_requested.connect(self._on_ring_step_requested)
        self.list.current_supporter_changed.connect(self._on_list_current_changed)
        self.list.open_requested.connect(self._on_open_requested)
        self.closer_button.clicked.connect(lambda: self._step_selected(-1))
        self.further_button.clicked.connect(lambda: self._step_selected(1))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)

    # -- state ----------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.scene.selected_id() or self.list.current_id()
        supporters = self.ctx.app.network.supporters()
        # The vault gives back the very same people while nobody changed: the map and the
        # list drawn for them stand (2,000 nodes take a quarter of a second to lay out).
        drawn = self._drawn_for
        unchanged = drawn is not None and len(drawn) == len(supporters) and all(
            old is new for old, new in zip(drawn, supporters, strict=True))
        self.supporters = {s.id: s for s in supporters if s.id is not None}
        if not unchanged:
            self.scene.build(supporters)
            self.list.set_supporters(supporters)
            self._drawn_for = supporters
        self.empty_note.setVisible(not supporters)
        if selected is not None and selected in self.supporters:
            self.scene.select_only(selected)
            self.list.select(selected)
        self._update_buttons()

    def selected_id(self) -> int | None:
        return self.scene.selected_id()

    def _update_buttons(self) -> None:
        chosen = self.supporters.get(self.selected_id() or -1)
        self.closer_button.setEnabled(chosen is not None and chosen.ring is not Ring.INNER)
        self.further_button.setEnabled(chosen is not None and chosen.ring is not Ring.OUTER)
        self.open_button.setEnabled(chosen is not None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._side_sized_by_hand:
            # the list and key take about a quarter, so a small window keeps a big map
            width = self.splitter.width()
            side = max(self.side.minimumSizeHint().width(),
                       min(SIDE_MOST, int(width * 0.27)))
            self.splitter.setSizes([max(0, width - side), side])

    def _on_splitter_moved(self) -> None:
        self._side_sized_by_hand = True

    def changeEvent(self, event: QEvent) -> None:
        # The map is drawn in the page's colours: follow a light/dark switch.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and hasattr(
                self, "scene"):
            self.scene.set_look(self.palette(), self.font())
        super().changeEvent(event)

    # -- changes --------------------------------------------------------------

    def move_to_ring(self, supporter_id: int, ring: Ring) -> None:
        supporter = self.supporters.get(supporter_id)
        if supporter is None or supporter.ring is ring:
            return
        try:
            perform(self.ctx, ChangeRing(self.ctx, supporter_id, supporter.ring, ring,
                                         supporter.name))
        except KnownError as error:
            tell(self, "Couldn't move them", error.message)
            self.refresh()

    def _step_selected(self, step: int) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self._on_ring_step_requested(chosen, step)

    def _on_ring_step_requested(self, supporter_id: int, step: int) -> None:
        supporter = self.supporters.get(supporter_id)
        if supporter is None:
            return
        rings = list(Ring)
        index = max(0, min(len(rings) - 1, rings.index(supporter.ring) + step))
        self.move_to_ring(supporter_id, rings[index])

    def _on_scene_ring_change_requested(self, supporter_id: int, ring: str) -> None:
        self.move_to_ring(supporter_id, Ring(ring))

    def _on_open_requested(self, supporter_id: int) -> None:
        self.ctx.events.supporter_open_requested.emit(supporter_id)

    def _on_open_button_clicked(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self._on_open_requested(chosen)

    def _on_scene_selection_changed(self) -> None:
        if not shiboken6.isValid(self.scene):
            return  # the page is closing and its scene is going
        chosen = self.scene.selected_id()
        if chosen is not None:
            self.list.select(chosen)
        self._update_buttons()

    def _on_list_current_changed(self, supporter_id: int) -> None:
        self.view.show_supporter(supporter_id)
        self._update_buttons()

    def _on_export_clicked(self) -> None:
        path, chosen_filter = QFileDialog.getSaveFileName(
            self, "Save the map as a picture", str(Path.home() / "my-circles.png"),
            f"{PNG_FILTER};;{SVG_FILTER}")
        if path:
            self.export(Path(path), svg=chosen_filter == SVG_FILTER or path.endswith(".svg"))

    def export(self, path: Path, svg: bool) -> Path:
        background = self.palette().color(QPalette.ColorRole.Base)
        target = path.with_suffix(".svg" if svg else ".png")
        try:
            ExportService(self.ctx.session).refuse_own_file(target)
            if svg:
                return export_svg(self.scene, target, background)
            return export_png(self.scene, target, background)
        except KnownError as error:
            tell(self, "Couldn't save the picture", str(error), warning=True)
            raise
