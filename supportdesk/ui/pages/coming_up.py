"""Today's "Coming up" card: the next meetings and the dates that matter that are near.

A hard day the person asked about ("would you like someone with you that day?") offers
the closest people who can be reached, each a button that opens their page, and Reach
out now.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from supportdesk.core.dates import DateKind, days_words
from supportdesk.core.meetings import rule_words
from supportdesk.core.model import Supporter
from supportdesk.services.occasions import TODAY_DATES_DAYS, ComingDate, ComingMeeting
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.view_parts import Card, body
from supportdesk.ui.plain import literal_ampersands

MEETINGS_DAYS = 7
MEETINGS_SHOWN = 4
COMPANY_QUESTION = "Would you like someone with you that day?"


def next_meetings(ctx: AppContext, now: datetime) -> list[ComingMeeting]:
    """Each supporter's next meeting in the coming week, soonest first."""
    found = ctx.app.occasions.coming_meetings(now, timedelta(days=MEETINGS_DAYS))
    firsts: dict[int | None, ComingMeeting] = {}
    for coming in found:
        firsts.setdefault(coming.supporter.id, coming)
    return list(firsts.values())[:MEETINGS_SHOWN]


def coming_up_card(ctx: AppContext, now: datetime, parent: QWidget | None = None
                   ) -> ComingUpCard | None:
    """The card, or None when nothing comes up."""
    meetings = next_meetings(ctx, now)
    today = now.astimezone(ctx.app.occasions.zone).date()
    dates = ctx.app.occasions.coming_dates(today, TODAY_DATES_DAYS)
    if not (meetings or dates):
        return None
    return ComingUpCard(ctx, now, meetings, dates, parent)


class ComingUpCard(Card):
    def __init__(self, ctx: AppContext, now: datetime, meetings: list[ComingMeeting],
                 dates: list[ComingDate], parent: QWidget | None = None) -> None:
        super().__init__("Coming up", parent)
        self.ctx = ctx
        self.company_buttons: list[QPushButton] = []
        self.meeting_lines: list[str] = []
        self.date_lines: list[str] = []
        today = now.astimezone(ctx.app.occasions.zone).date()
        for coming in meetings:
            self._add_meeting(coming, now)
        for item in dates:
            self._add_date(item, today)
        if any(d.item.kind is DateKind.HARD and d.item.ask_company for d in dates):
            self._add_company(now)

    def _add_meeting(self, coming: ComingMeeting, now: datetime) -> None:
        words = f"{coming.supporter.name} · {coming.words(now, self.ctx.app.occasions.zone)}"
        if coming.meeting.place:
            words += f" · {coming.meeting.place}"
        self.meeting_lines.append(words)
        self.content.addWidget(body(words, self))

    def _add_date(self, coming: ComingDate, today: date) -> None:
        words = coming.words(today)
        self.date_lines.append(words)
        self.content.addWidget(body(words, self))

    def _add_company(self, now: datetime) -> None:
        self.content.addWidget(body(COMPANY_QUESTION, self, muted=True))
        grid = QGridLayout()  # two a row, so narrow windows keep every button whole
        buttons = []
        for person in self.ctx.app.occasions.company_for(now):
            button = QPushButton(literal_ampersands(f"Reach out to {person.name}"), self)
            button.setAccessibleName(f"Reach out to {person.name}")
            sid = person.id
            assert sid is not None
            button.clicked.connect(
                lambda _=False, sid=sid: self.ctx.events.supporter_open_requested.emit(sid))
            buttons.append(button)
        reach = QPushButton("Reach out now", self)
        reach.setAccessibleName("Reach out now")
        reach.clicked.connect(self.ctx.events.reach_out_requested.emit)
        buttons.append(reach)
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // 2, index % 2)
        grid.setColumnStretch(2, 1)
        self.company_buttons = buttons
        self.content.addLayout(grid)


def person_occasion_lines(ctx: AppContext, supporter: Supporter, now: datetime) -> list[str]:
    """The person page's lines: their next meeting (and its rule), and their dates."""
    occasions = ctx.app.occasions
    lines = []
    coming = occasions.next_meeting_of(supporter, now)
    if coming is not None:
        extra = [rule_words(coming.meeting), coming.meeting.place]
        lines.append(" · ".join([coming.words(now, occasions.zone), *filter(None, extra)]))
    today = now.astimezone(occasions.zone).date()
    for item in occasions.dates_of(supporter, today):
        lines.append(f"{item.item.title}: {item.on.day} {item.on:%B} "
                     f"({days_words(item.on, today)})")
    return lines
