"""Reach out now, in order of need.

A strip that never scrolls away holds the emergency number and the country's main
crisis line (one click or one key each, and the first Tab stops). Below it: the people
and professionals the person's own safety plan names, who is free right now, other
professionals, the other crisis lines (each service once: a service the person keeps
in their network stands in for the directory's entry), everyone else, and the rest of
the plan. No reminder chores here. The order is ``services.reach_out``'s, the same the
command line's ``reach`` prints; this page only draws it.

Calm and large on purpose: a person may open this in a very hard moment. Focus lands
on the first person's contact button (or the crisis line when there is nobody yet).
"""

from __future__ import annotations

import itertools
from typing import ClassVar
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.appointments import AskKind
from supportdesk.core.crisis import confirmation_words
from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import CrisisLine, PlanItem, Supporter
from supportdesk.core.schedule import local_zone
from supportdesk.services.reach_out import (
    PLAN_PEOPLE_STEPS,
    Mention,
    Part,
    Reachable,
    Section,
    free_now,
    reach_out_now,
)
from supportdesk.services.safety_plan import plan_is_empty
from supportdesk.ui.context import AppContext
from supportdesk.ui.crisis.strip import CrisisStrip, line_detail
from supportdesk.ui.pages.ask_for_help import AskForHelpCard
from supportdesk.ui.pages.crisis_line_dialog import CrisisLineDialog
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.plan_commands import RemoveCrisisLine
from supportdesk.ui.pages.view_parts import (
    CONTENT_WIDTH,
    Card,
    ContactGrid,
    ScrollingPage,
    body,
    crisis_contact,
    heading,
)
from supportdesk.ui.pdf.export import locale_country
from supportdesk.ui.plain import plain_tooltip, tell
from supportdesk.ui.undo_commands import perform
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url

WARM_LINE = "You don't have to go through this alone."
EMPTY_NETWORK = ("There's no one in SupportDesk yet, and that's all right. The crisis line "
                 "at the top is there for you right now, any time of day or night. When you "
                 "feel able, you can add someone you trust.")
MAX_OTHERS = 6
# Cards shown at first in each list; "Show N more" adds the rest. In a hard moment the
# closest few are what matter, and a long network still opens this page at once.
FIRST_AVAILABLE = 8
FIRST_PROFESSIONALS = 4
FIRST_OWN_SERVICES = 4
MORE_AT_A_TIME = 20
CHECK_AVAILABILITY_MS = 5 * 60 * 1000


class ReachOutPage(ScrollingPage):
    """Reach out now. Emits navigation through ``ctx.events`` only."""

    topics: ClassVar[frozenset[str]] = frozenset({"people", "plan", "settings"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(parent, text_scale=1.2)  # calm and large
        self.ctx = ctx
        self.opener = opener
        self.crisis = ctx.app.crisis_lines
        self.plan = ctx.app.safety_plan
        self.contact_rows: list[ContactGrid] = []
        self.available_ids: list[int] = []  # as shown, closest first
        self.plan_ids: list[int] = []  # people the plan names, as shown
        self.line_names: list[str] = []  # every crisis line shown, the strip's first
        self.country_box: QComboBox | None = None
        self.name_page("Reach out now")
        self._build_strip()
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CHECK_AVAILABILITY_MS)
        self._connect_signals()
        self.clock_timer.start()
        self.refresh()

    def _build_strip(self) -> None:
        """The strip above the scrolling column, made once so it keeps the first Tab
        stops (the scroll area is moved after it in the focus chain)."""
        self.strip_holder = QWidget(self)
        row = QHBoxLayout(self.strip_holder)
        row.setContentsMargins(24, 12, 24, 0)
        self.strip = CrisisStrip(self.strip_holder, self.opener)
        self.strip.setMaximumWidth(CONTENT_WIDTH)
        row.addWidget(self.strip)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(0, self.strip_holder)
        self.scroll_area.setParent(None)  # rejoins the focus chain after the strip
        outer.addWidget(self.scroll_area, 1)

    def _connect_signals(self) -> None:
        self.strip.add_service_requested.connect(self._on_add_line_clicked)
        self.clock_timer.timeout.connect(self._on_clock_tick)

    def showEvent(self, event: QShowEvent) -> None:
        # the main window refreshes the page as it shows it ("right now" moves on);
        # focus goes to the first contact once that is done
        super().showEvent(event)
        QTimer.singleShot(0, self.focus_first_contact)

    # -- building -------------------------------------------------------------

    def refresh(self) -> None:
        self.clear_column()
        self.contact_rows = []
        self.ask_card: AskForHelpCard | None = None
        self.people_rows: list[ContactGrid] = []
        now = self.ctx.app.now()
        zone = local_zone()
        supporters = self.ctx.app.network.supporters()
        crisis = self.crisis.now(locale_country())
        self.strip.show_now(crisis)
        main = crisis.main
        self.line_names = [main.name] if main is not None else []
        self.column.addWidget(PageHeader(WARM_LINE, "Here is who you can reach. One click "
                                         "is enough." if supporters else "", self.holder))
        if not supporters:
            self._add_empty_network()
        else:
            self._add_words_row()
        plan = self.plan.plan()
        reach = reach_out_now(supporters, plan, crisis, now, zone)
        self.available_ids = reach.available_ids
        self.plan_ids = []
        for section in reach.sections:
            if section.part is Part.PLAN:
                self._add_plan_people(section)
            elif section.part is Part.AVAILABLE:
                self._add_available(section)
                if supporters:
                    self._add_ask_for_help()
            elif section.part is Part.PROFESSIONALS:
                self._add_professionals(section.people)
            elif section.part is Part.CRISIS_LINES:
                self._add_crisis_lines(section, main)
            else:
                self._add_others(section.people)
        self._add_plan(plan, supporters)
        self.column.addStretch(1)
        QTimer.singleShot(0, self._fit_column)
        self._order_tabs()

    def _fit_column(self) -> None:
        """Give the column the height its text needs at this width. Rebuilt while showing,
        the scroll area could keep a stale, far too small height (a blank page)."""
        width = self.scroll_area.viewport().width()
        self.holder.setMinimumHeight(max(0, self.holder.heightForWidth(width)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_column)
        return super().eventFilter(watched, event)

    def _order_tabs(self) -> None:
        """The strip's buttons, then the column's, in the order they are drawn."""
        for first, second in itertools.pairwise([*self.strip.buttons(), self.scroll_area]):
            QWidget.setTabOrder(first, second)
        self.keep_tab_order()

    def _add_words_row(self) -> None:
        """Words ready when they are hard to find: a message, or the plan's people."""
        row = QWidget(self.holder)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.message_button = QPushButton("Send a message…", row)
        self.message_button.setAccessibleName("Send a message with words ready to go")
        self.my_people_button = QPushButton("Send to my people…", row)
        self.my_people_button.setAccessibleName(
            "Send your hard-time message to the people in your safety plan, one at a time")
        line.addWidget(self.message_button)
        line.addWidget(self.my_people_button)
        line.addStretch(1)
        self.message_button.clicked.connect(self._on_message_clicked)
        self.my_people_button.clicked.connect(self._on_my_people_clicked)
        self.column.addWidget(row)

    def _add_ask_for_help(self) -> None:
        card = self.ask_card = AskForHelpCard(self.ctx, self.holder, self.opener)
        card.reached_out.connect(self.ctx.events.reached_out)
        card.supporter_open_requested.connect(self.ctx.events.supporter_open_requested)
        card.stops_changed.connect(self._on_ask_card_changed)
        self.column.addWidget(card)

    def _on_ask_card_changed(self) -> None:
        self._order_tabs()
        QTimer.singleShot(0, self._fit_column)

    def _on_message_clicked(self) -> None:
        from supportdesk.ui.messages.send_dialog import SendMessageDialog, run_dialog

        run_dialog(SendMessageDialog(self.ctx, parent=self.window(), opener=self.opener))

    def _on_my_people_clicked(self) -> None:
        from supportdesk.ui.messages.my_people import SendToMyPeopleDialog
        from supportdesk.ui.messages.send_dialog import run_dialog

        run_dialog(SendToMyPeopleDialog(self.ctx, self.window(), self.opener))

    def _add_empty_network(self) -> None:
        self.column.addWidget(body(EMPTY_NETWORK, self.holder, scale=1.1))
        add = QPushButton("Add someone you trust…", self.holder)
        add.setAccessibleName("Add a first person to your network")
        add.clicked.connect(self._on_add_person_clicked)
        self.column.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)

    def _add_plan_people(self, section: Section) -> None:
        """The people and professionals one step of the person's own safety plan names,
        first (a service that is the strip's line is pointed to, not listed again)."""
        self.column.addWidget(heading(section.title, 1.3, self.holder))
        for entry in section.entries:
            if isinstance(entry, Mention):
                self.column.addWidget(body(f"•  {entry.words}", self.holder))
                continue
            supporter = entry.supporter
            if supporter.id is not None:
                self.plan_ids.append(supporter.id)
            card = self._person_card(supporter, entry.when)
            if entry.note:
                card.content.insertWidget(2, body(entry.note, card))
            self.column.addWidget(card)

    def _person_card(self, supporter: Supporter, status: str) -> Card:
        card = Card(supporter.name, self.holder)
        card.setAccessibleName(f"{supporter.name}, {supporter.kind_label}. {status}")
        card.content.addWidget(body(f"{supporter.kind_label} · {status}", card, muted=True))
        meeting = self.ctx.app.occasions.next_meeting_of(supporter)
        if meeting is not None:
            card.content.addWidget(body(meeting.words(self.ctx.app.now(),
                                                      self.ctx.app.occasions.zone), card))
        buttons = ContactGrid(supporter.contacts, supporter.name, card, self.opener,
                              supporter_id=supporter.id or 0)
        buttons.reached_out.connect(self.ctx.events.reached_out)
        self.contact_rows.append(buttons)
        if supporter.kind is not Kind.CRISIS:
            self.people_rows.append(buttons)
        card.content.addWidget(buttons)
        if supporter.help_with:
            card.content.addWidget(body(f"Can help with: {', '.join(supporter.help_with)}",
                                        card))
        if supporter.boundaries.theirs:
            card.content.addWidget(body(f"Their boundaries: {supporter.boundaries.theirs}", card))
        if supporter.boundaries.mine:
            card.content.addWidget(body(f"My boundaries with them: {supporter.boundaries.mine}",
                                        card))
        notes = supporter.help
        for label, text in (("What helps", notes.what_helps),
                            ("In a crisis, I'd like them to", notes.in_a_crisis),
                            ("What doesn't help", notes.what_does_not)):
            if text:
                card.content.addWidget(body(f"{label}: {text}", card))
        asks = self.ctx.app.appointments.open_asks(supporter.id or 0, AskKind.NEXT_TIME)
        if asks:
            card.content.addWidget(body("Ask about: " + "; ".join(a.text for a in asks), card))
        open_button = QPushButton("See their page", card)
        open_button.setAccessibleName(f"See {supporter.name}'s page")
        open_button.setFlat(True)
        sid = supporter.id or 0
        open_button.clicked.connect(lambda: self.ctx.events.supporter_open_requested.emit(sid))
        card.content.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def _add_available(self, section: Section) -> None:
        if not section.is_shown:
            return
        self.column.addWidget(heading(section.title, 1.3, self.holder))
        if not section.entries:
            self.column.addWidget(body(section.if_empty, self.holder))
        self._add_cards(section.people, FIRST_AVAILABLE, "people available now")

    def _add_others(self, others: list[Reachable]) -> None:
        if others:
            self.column.addWidget(heading("Others close to you", 1.1, self.holder))
            self._add_cards(others, MAX_OTHERS, "people close to you")

    def _add_cards(self, people: list[Reachable], first: int, what: str) -> None:
        """Cards for the first ``first``; a button puts more where it stands, a few at
        a time, so a long list never keeps the page from answering."""
        for person in people[:first]:
            self.column.addWidget(self._person_card(person.supporter, person.when))
        rest = people[first:]
        if not rest:
            return
        more = QPushButton(self.holder)
        more.setFlat(True)

        def label() -> None:
            batch = min(len(rest), MORE_AT_A_TIME)
            words = f"Show {batch} more {what}"
            more.setText(words if batch == len(rest) else f"{words} ({len(rest)} in all)")
            more.setAccessibleName(words)

        def show_more() -> None:
            at = self.column.indexOf(more)
            for offset, person in enumerate(rest[:MORE_AT_A_TIME]):
                self.column.insertWidget(at + offset,
                                         self._person_card(person.supporter, person.when))
            del rest[:MORE_AT_A_TIME]
            QTimer.singleShot(0, self._fit_column)
            if rest:
                label()
            else:
                more.hide()
                self.column.removeWidget(more)
                more.deleteLater()

        label()
        more.clicked.connect(show_more)
        self.column.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)

    def _add_professionals(self, professionals: list[Reachable]) -> None:
        if not professionals:
            return
        self.column.addWidget(heading("Professionals", 1.3, self.holder))
        self._add_cards(professionals, FIRST_PROFESSIONALS, "professionals")

    def _add_crisis_lines(self, section: Section, main: CrisisLine | None) -> None:
        """The country's other lines, each service once: the person's own entry for a
        directory service stands in for it, and the strip's line is not repeated."""
        self.column.addWidget(heading(section.title, 1.3, self.holder))
        own = section.people  # services the person keeps in their own network come first
        self._add_cards(own, FIRST_OWN_SERVICES, "of your services")
        self.line_names += [r.supporter.name for r in own]
        country = self.crisis.country(locale_country())
        row = QHBoxLayout()
        self.country_box = QComboBox(self.holder)
        self.country_box.setAccessibleName("Country for crisis lines")
        if not country:
            self.country_box.addItem("Choose your country…", "")
        for code, name in self.crisis.countries():
            self.country_box.addItem(name, code)
        if country and self.country_box.findData(country) < 0:
            self.country_box.addItem(QLocale.territoryToString(
                QLocale.codeToTerritory(country)) or country, country)
        self.country_box.setCurrentIndex(max(0, self.country_box.findData(country)))
        self.country_box.currentIndexChanged.connect(self._on_country_changed)
        add = QPushButton("Add a local service…", self.holder)
        add.setAccessibleName("Add a local crisis or support service")
        add.clicked.connect(self._on_add_line_clicked)
        row.addWidget(self.country_box)
        row.addStretch(1)
        row.addWidget(add)
        holder = QWidget(self.holder)
        holder.setLayout(row)
        self.column.addWidget(holder)
        rest = section.lines
        self.line_names += [line.name for line in rest]
        if not rest and not own and main is not None:
            self.column.addWidget(body("The line at the top is the one SupportDesk knows for "
                                       "this country. You can add one you trust.", self.holder))
        for line in rest:
            self.column.addWidget(self._line_card(line))

    def _line_card(self, line: CrisisLine) -> Card:
        card = Card(line.name, self.holder)
        card.setAccessibleName(f"{line.name}, {line.channel.label}, {line.hours}")
        card.content.addWidget(body(f"{line.channel.label} · {line_detail(line)}", card))
        buttons = ContactGrid([crisis_contact(line)], line.name, card, self.opener)
        self.contact_rows.append(buttons)
        card.content.addWidget(buttons)
        if line.user_added:
            source = "Added by you"
            remove = QPushButton("Remove", card)
            remove.setAccessibleName(f"Remove {line.name} from your list")
            remove.clicked.connect(lambda: self._remove_line(line))
            card.content.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            evidence = self.crisis.evidence(line)
            source = confirmation_words(evidence)
            site = urlsplit(line.source).netloc.removeprefix("www.") or line.source
            source += f" The service's own site: {site}."
        note = body(source, card, muted=True, scale=0.9)
        note.setToolTip(plain_tooltip(line.source))
        card.content.addWidget(note)
        return card

    def _add_plan(self, plan: dict[PlanStep, list[PlanItem]],
                  supporters: list[Supporter]) -> None:
        self.column.addWidget(heading("My safety plan", 1.3, self.holder))
        edit = QPushButton("Open my safety plan", self.holder)
        edit.setAccessibleName("Open my safety plan")
        edit.clicked.connect(lambda: self.ctx.events.page_requested.emit("safety_plan"))
        if plan_is_empty(plan):
            self.column.addWidget(body("You haven't written a safety plan yet. When you feel "
                                       "able, it can help to have one ready.", self.holder))
            self.column.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)
            return
        names = {s.id: s.name for s in supporters}
        for step, items in plan.items():
            if items and step not in PLAN_PEOPLE_STEPS:  # those are at the top
                card = Card(step.label, self.holder)
                for item in items:
                    card.content.addWidget(body(f"•  {plan_item_words(item, names)}", card))
                self.column.addWidget(card)
        self.column.addWidget(edit, 0, Qt.AlignmentFlag.AlignLeft)

    # -- actions --------------------------------------------------------------

    def focus_first_contact(self) -> None:
        """The first person's first contact, else the strip's crisis line."""
        first = next((row.buttons[0] for row in self.people_rows if row.buttons), None)
        if first is None:
            strip = self.strip.buttons()
            first = strip[-1] if strip else None
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            first.setDefault(True)
            self.scroll_area.ensureVisible(0, 0)

    def _on_country_changed(self) -> None:
        if self.country_box is None:
            return
        self.ctx.app.set_crisis_country(str(self.country_box.currentData() or ""))
        if not self.isVisible():
            self.refresh()

    def _remove_line(self, line: CrisisLine) -> None:
        try:
            perform(self.ctx, RemoveCrisisLine(self.ctx, line))  # Edit > Undo brings it back
        except KnownError as error:
            tell(self, "Couldn't remove it", error.message)
        if not self.isVisible():
            self.refresh()

    def _on_clock_tick(self) -> None:
        """Every few minutes: rebuild only if who is free has changed (keeps focus otherwise)."""
        if not self.isVisible():
            return
        now = self.ctx.app.now()
        reachable = [s.id for s in free_now(self.ctx.app.network.supporter_heads(), now,
                                            local_zone())]
        if reachable != self.available_ids:
            self.refresh()

    def _on_add_person_clicked(self) -> None:
        from supportdesk.ui.editors.supporter_editor import SupporterEditor

        editor = SupporterEditor(self.ctx, parent=self)
        if editor.exec() and editor.saved_id is not None:
            self.ctx.events.supporter_open_requested.emit(editor.saved_id)

    def _on_add_line_clicked(self) -> None:
        code = str(self.country_box.currentData() or "") if self.country_box else ""
        dialog = CrisisLineDialog(self.crisis, code, self.crisis.countries(), self)
        if dialog.exec() and dialog.saved is not None:
            self.ctx.app.feed.poll()  # the dialog added the line through the service
            if not self.isVisible():
                self.refresh()


def plan_item_words(item: PlanItem, names: dict[int | None, str]) -> str:
    """A plan item as one line: the linked person's name and the note."""
    person = names.get(item.supporter_id, "") if item.supporter_id is not None else ""
    if person and item.text:
        return f"{person}: {item.text}"
    return person or item.text

