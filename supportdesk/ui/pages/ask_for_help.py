""""Who can I ask for…?": pick a kind of help, see who offers it, free now first.

Shown on Reach out now (and built to stand anywhere a card can). Each helper comes with
their contact buttons, so asking is one more click.

Signals (``AskForHelpCard``):
    stops_changed(): the buttons in the card changed (the page orders Tab stops again).
    supporter_open_requested(int): "See their page" was used.
    reached_out(int, str): a helper's contact button was used.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QPushButton, QVBoxLayout, QWidget

from supportdesk.core.availability import next_available, next_available_words
from supportdesk.core.schedule import local_zone
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.view_parts import Card, ContactGrid, body
from supportdesk.ui.plain import literal_ampersands
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url

TITLE = "Who can I ask for…?"
CHOOSE = "Choose a kind of help…"


class AskForHelpCard(Card):
    """A kind of help to choose, and the people who offer it."""

    stops_changed = Signal()
    supporter_open_requested = Signal(int)
    reached_out = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("AskForHelpCard")
        self.setAccessibleName(TITLE)
        self.ctx = ctx
        self.opener = opener
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Kind of help")
        self.kind_box.addItem(CHOOSE, "")
        for kind in ctx.app.templates.help_kinds():
            self.kind_box.addItem(kind, kind)
        self.content.addWidget(self.kind_box, 0, Qt.AlignmentFlag.AlignLeft)
        self.results = QVBoxLayout()
        self.results.setSpacing(10)
        self.content.addLayout(self.results)
        self.result_widgets: list[QWidget] = []
        self.grids: list[ContactGrid] = []
        self.open_buttons: list[QPushButton] = []
        self.summary = body("", self, muted=True)
        self.content.addWidget(self.summary)
        self.kind_box.currentIndexChanged.connect(self._on_kind_chosen)
        self._on_kind_chosen()

    def choose(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))

    def helper_names(self) -> list[str]:
        return [w.accessibleName() for w in self.result_widgets]

    def _clear(self) -> None:
        for widget in self.result_widgets:
            self.results.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.result_widgets, self.grids, self.open_buttons = [], [], []

    def _on_kind_chosen(self) -> None:
        self._clear()
        kind = str(self.kind_box.currentData() or "")
        if not kind:
            self.summary.setText("Kinds of help are noted on each person's page, with Edit.")
            self.stops_changed.emit()
            return
        now, zone = self.ctx.app.now(), local_zone()
        helpers = self.ctx.app.templates.who_can_help(kind, now, zone)
        for supporter, free in helpers:
            row = QWidget(self)
            row.setAccessibleName(supporter.name)
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(4)
            status = "Available now" if free else next_available_words(
                next_available(supporter, now, zone), now, zone)
            name = body(supporter.name, row)
            bold = name.font()
            bold.setBold(True)
            name.setFont(bold)
            column.addWidget(name)
            column.addWidget(body(f"{supporter.kind_label} · {status}", row, muted=True))
            grid = ContactGrid(supporter.contacts, supporter.name, row, self.opener,
                               supporter_id=supporter.id or 0)
            grid.reached_out.connect(self.reached_out)
            column.addWidget(grid)
            page = QPushButton(literal_ampersands(f"See {supporter.name}'s page"), row)
            page.setFlat(True)
            page.setAccessibleName(f"See {supporter.name}'s page")
            sid = supporter.id or 0
            page.clicked.connect(lambda _=False, s=sid: self.supporter_open_requested.emit(s))
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignLeft)
            self.results.addWidget(row)
            self.result_widgets.append(row)
            self.grids.append(grid)
            self.open_buttons.append(page)
        self.summary.setText(
            f"No one is noted as helping with {kind} yet. You can add it on someone's "
            "page, with Edit." if not helpers else
            "Those free now come first.")
        self.stops_changed.emit()
