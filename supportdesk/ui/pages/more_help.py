""""When it might be time for more help": warm, plain points, each with where it came from.

The words are shipped (resources/more_help.json, read by services/more_help.py). Under
each point, "Where this comes from" shows its sources: who, the words read there, when
they were seen, and the address, which can be opened. Reached from the gentle low-mood
card on Today and from Help. Every part is reachable by Tab.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from supportdesk.services.more_help import Point, more_help
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.view_parts import Card, ScrollingPage, body
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url


class MoreHelpPage(ScrollingPage):
    topics: ClassVar[frozenset[str]] = frozenset()  # shipped words: no data of the vault

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(parent, text_scale=1.05)
        self.ctx = ctx
        self.opener = opener
        self.page = more_help()
        self.source_toggles: list[QToolButton] = []
        self.name_page(self.page.title)
        self._build()

    def _build(self) -> None:
        holder = self.holder
        self.column.addWidget(PageHeader(self.page.title, self.page.intro, holder))
        for section in self.page.sections:
            card = Card(section.title, holder)
            for point in section.points:
                self._add_point(card, point)
            self.column.addWidget(card)
        row = QHBoxLayout()
        self.reach_button = QPushButton("Reach out now", holder)
        self.reach_button.setAccessibleName("Reach out now")
        self.reach_button.clicked.connect(self.ctx.events.reach_out_requested.emit)
        row.addWidget(self.reach_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.column.addWidget(body(self.page.note, holder, muted=True))
        self.column.addStretch(1)

    def _add_point(self, card: Card, point: Point) -> None:
        card.content.addWidget(body(f"• {point.text}", card))
        toggle = QToolButton(card)
        toggle.setText("Where this comes from")
        toggle.setCheckable(True)
        toggle.setAutoRaise(True)
        toggle.setAccessibleName(f"Where this comes from: {point.text}")
        card.content.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
        sources = QWidget(card)
        layout = QHBoxLayout(sources)
        layout.setContentsMargins(16, 0, 0, 6)
        words = "\n".join(f"{s.publisher}, seen {s.seen.day} {s.seen:%B %Y}: “{s.quote}”\n{s.url}"
                          for s in point.sources)
        text = body(words, sources, muted=True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(text, 1)
        buttons = QVBoxLayout()
        pages = {s.url: s.publisher for s in point.sources}  # one button per page
        for url, publisher in pages.items():
            opener = QPushButton("Open the page" if len(pages) == 1
                                 else f"Open {publisher.split(',')[0]}", sources)
            opener.setAccessibleName(f"Open the page from {publisher}")
            opener.clicked.connect(lambda _checked=False, url=url: self.opener(QUrl(url)))
            buttons.addWidget(opener)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        sources.setVisible(False)
        toggle.toggled.connect(sources.setVisible)
        card.content.addWidget(sources)
        self.source_toggles.append(toggle)

    def refresh(self) -> None:
        """Nothing to read again: the page is the shipped words."""
