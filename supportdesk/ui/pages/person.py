"""One person's page: how to reach them, what to keep in mind first, and your story together.

Order matters: the contact buttons sit with their boundary notes and "how you can
help me" notes, so those are read before reaching out. Below: reciprocity, the
check-in timeline (newest first; edit and delete with Undo) and gratitude.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.appointments import AskKind
from supportdesk.core.availability_words import window_phrase
from supportdesk.core.errors import KnownError, NotFoundError
from supportdesk.core.kinds import Kind
from supportdesk.core.messages import message_ways
from supportdesk.core.model import Supporter
from supportdesk.core.schedule import local_zone
from supportdesk.core.text import exact_time, relative_day
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
from supportdesk.ui.editors.supporter_editor import SupporterEditor
from supportdesk.ui.models.by_person import ByPersonProxy
from supportdesk.ui.models.checkin_table import (
    CheckinColumn,
    CheckinTableModel,
)
from supportdesk.ui.models.gratitude_table import (
    GratitudeColumn,
    GratitudeTableModel,
)
from supportdesk.ui.models.roles import ID_ROLE
from supportdesk.ui.pages.coming_up import person_occasion_lines
from supportdesk.ui.pages.mood_effect_parts import MoodEffectBox
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.view_parts import Card, name_scroll_area
from supportdesk.ui.plain import plain_label, plain_tooltip
from supportdesk.ui.remove_person import remove_person
from supportdesk.ui.undo_commands import (
    DeleteCheckin,
    DeleteGratitude,
    mark_thanked,
    perform,
)
from supportdesk.ui.widgets.appointment_box import AppointmentBox, appointment_words
from supportdesk.ui.widgets.asks_list import AsksList
from supportdesk.ui.widgets.contact_buttons import ContactButtons
from supportdesk.ui.widgets.key_actions import KeyActions
from supportdesk.ui.widgets.tables import list_table


def _wrapping_label(parent: QWidget) -> QLabel:
    label = plain_label(parent=parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PersonPage(QWidget):
    """A supporter's page; ``show_supporter(id)`` chooses who.

    Signals:
        removed(): the person shown was removed from here (Remove, then confirmed).
    """

    topics: ClassVar[frozenset[str]] = frozenset({"people", "checkins", "gratitude",
                                                  "settings"})
    removed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supporter_id: int | None = None
        self.supporter: Supporter | None = None
        self.tz = local_zone()
        self.setAccessibleName("Person")
        self.checkin_model = CheckinTableModel(self, tz=self.tz)
        self.checkin_proxy = ByPersonProxy(self.checkin_model, self)
        self.gratitude_model = GratitudeTableModel(self)
        self.gratitude_proxy = ByPersonProxy(self.gratitude_model, self)
        self._build()
        self._connect_signals()
        self.refresh()

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        name_scroll_area(scroll, "Person")
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setSpacing(14)

        self.header = PageHeader("", "", body)
        self.name_label = self.header.title
        self.summary_label = self.header.subtitle
        layout.addWidget(self.header)
        self.contact_label = _wrapping_label(body)
        layout.addWidget(self.contact_label)
        self.occasions_label = _wrapping_label(body)  # next meeting, dates that matter
        self.occasions_label.setAccessibleName("Meetings and dates")
        layout.addWidget(self.occasions_label)
        self.edit_button = QPushButton("Edit", body)
        self.log_button = QPushButton("Log check-in", body)
        self.delete_button = QPushButton("Remove", body)
        for button, name in ((self.edit_button, "Edit this person"),
                             (self.log_button, "Log a check-in with this person"),
                             (self.delete_button, "Remove this person from your network")):
            button.setAccessibleName(name)
            self.header.add_button(button)
        self.delete_button.setToolTip("Removed people can be brought back with Undo (Ctrl+Z)")

        reach = Card("Reach out", body)
        reach_layout = reach.content
        self.contacts = ContactButtons(reach)
        self.contacts.reached_out.connect(self.ctx.events.reached_out)
        reach_layout.addWidget(self.contacts)
        self.message_button = QPushButton("Send a message…", reach)
        self.message_button.setAccessibleName("Send this person a message with words ready")
        reach_layout.addWidget(self.message_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.help_with_label = _wrapping_label(reach)
        self.help_with_label.setObjectName("HelpWithLabel")
        reach_layout.addWidget(self.help_with_label)
        self.availability_label = _wrapping_label(reach)
        reach_layout.addWidget(self.availability_label)
        layout.addWidget(reach)

        self.before_box = Card("Before you reach out", body)
        before = QGridLayout()
        self.before_box.content.addLayout(before)
        before.setColumnStretch(1, 1)
        self.note_labels: dict[str, tuple[QLabel, QLabel]] = {}
        titles_in_order = [("boundaries.mine", "Boundaries I keep"),
                           ("boundaries.theirs", "Their boundaries"),
                           ("help.warning_signs", "My warning signs"),
                           ("help.what_helps", "What helps"),
                           ("help.what_does_not", "What doesn't help"),
                           ("help.in_a_crisis", "In a crisis")]
        for row, (key, title) in enumerate(titles_in_order):
            title_label = plain_label(title, self.before_box)
            bold = title_label.font()
            bold.setBold(True)
            title_label.setFont(bold)
            text_label = _wrapping_label(self.before_box)
            before.addWidget(title_label, row, 0, Qt.AlignmentFlag.AlignTop)
            before.addWidget(text_label, row, 1)
            self.note_labels[key] = (title_label, text_label)
        self.notes_label = _wrapping_label(self.before_box)
        before.addWidget(self.notes_label, len(titles_in_order), 0, 1, 2)
        layout.addWidget(self.before_box)
        # With nothing noted, one quiet line instead of an empty box.
        self.before_empty = _wrapping_label(body)
        self.before_empty.setText("Before you reach out: nothing noted yet (add notes with Edit).")
        layout.addWidget(self.before_empty)

        self.asks_box = Card(AskKind.NEXT_TIME.label, body)
        asks_layout = self.asks_box.content
        self.asks = AsksList(self.ctx, AskKind.NEXT_TIME, self.asks_box)
        asks_layout.addWidget(self.asks)
        layout.addWidget(self.asks_box)
        self.appointment_box = AppointmentBox(self.ctx, body)
        layout.addWidget(self.appointment_box)

        together = Card("Give and take", body)
        together_layout = together.content
        self.reciprocity_labels = [_wrapping_label(together), _wrapping_label(together)]
        for label in self.reciprocity_labels:
            together_layout.addWidget(label)
        layout.addWidget(together)
        self.mood_effect_box = MoodEffectBox(self.ctx, body)
        layout.addWidget(self.mood_effect_box)

        checkins = Card("Check-ins", body)
        checkins_layout = checkins.content
        self.checkin_table = list_table(self.checkin_proxy, "Check-ins with this person",
                                        checkins)
        self.checkin_table.setMinimumHeight(160)
        self.checkin_table.setColumnHidden(CheckinColumn.WHO, True)
        self.checkin_table.setWordWrap(False)
        for column in CheckinColumn:
            self.checkin_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column is CheckinColumn.NOTE
                else QHeaderView.ResizeMode.Interactive if column is CheckinColumn.SUPPORT
                else QHeaderView.ResizeMode.ResizeToContents)
        self.checkin_table.horizontalHeader().resizeSection(
            CheckinColumn.SUPPORT, self.fontMetrics().horizontalAdvance("M") * 18)
        self.checkin_empty = plain_label("No check-ins yet. When you are in touch, log it here — "
                                         "even a short text counts.", checkins)
        self.checkin_empty.setWordWrap(True)
        checkins_layout.addWidget(self.checkin_empty)
        checkins_layout.addWidget(self.checkin_table)
        row_buttons = QHBoxLayout()
        self.edit_checkin_button = QPushButton("Edit check-in", checkins)
        self.delete_checkin_button = QPushButton("Delete check-in", checkins)
        self.edit_checkin_button.setAccessibleName("Edit the selected check-in")
        self.delete_checkin_button.setAccessibleName("Delete the selected check-in")
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.edit_checkin_button)
        row_buttons.addWidget(self.delete_checkin_button)
        checkins_layout.addLayout(row_buttons)
        layout.addWidget(checkins)

        gratitude = Card("Gratitude", body)
        gratitude_layout = gratitude.content
        self.gratitude_table = list_table(self.gratitude_proxy, "Gratitude for this person",
                                          gratitude)
        self.gratitude_table.setMinimumHeight(120)
        self.gratitude_table.setColumnHidden(GratitudeColumn.WHO, True)
        for gratitude_column in GratitudeColumn:
            self.gratitude_table.horizontalHeader().setSectionResizeMode(
                gratitude_column, QHeaderView.ResizeMode.Stretch
                if gratitude_column is GratitudeColumn.TEXT
                else QHeaderView.ResizeMode.ResizeToContents)
        self.gratitude_empty = plain_label("Nothing noted yet. Small things count too.", gratitude)
        gratitude_layout.addWidget(self.gratitude_empty)
        gratitude_layout.addWidget(self.gratitude_table)
        gratitude_buttons = QHBoxLayout()
        self.add_gratitude_button = QPushButton("Add gratitude", gratitude)
        self.delete_gratitude_button = QPushButton("Delete", gratitude)
        self.add_gratitude_button.setAccessibleName("Add something you're grateful for")
        self.delete_gratitude_button.setAccessibleName("Delete the selected gratitude entry")
        gratitude_buttons.addStretch(1)
        gratitude_buttons.addWidget(self.add_gratitude_button)
        gratitude_buttons.addWidget(self.delete_gratitude_button)
        gratitude_layout.addLayout(gratitude_buttons)
        layout.addWidget(gratitude)
        layout.addStretch(1)

        self.gone_label = plain_label("This person is no longer in your network.", self)
        self.gone_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.gone_label)
        self.body = scroll

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self.edit_supporter)
        self.log_button.clicked.connect(self._on_log_button_clicked)
        self.message_button.clicked.connect(self._on_message_button_clicked)
        self.delete_button.clicked.connect(self.delete_supporter)
        self.edit_checkin_button.clicked.connect(self.edit_checkin)
        self.delete_checkin_button.clicked.connect(self.delete_checkin)
        self.checkin_table.activated.connect(self.edit_checkin)
        self.add_gratitude_button.clicked.connect(self.add_gratitude)
        self.delete_gratitude_button.clicked.connect(self.delete_gratitude)
        self.gratitude_model.thanked_toggled.connect(self._on_gratitude_thanked_toggled)
        self.appointment_box.print_requested.connect(self._on_appointment_print_requested)
        self._checkin_keys = KeyActions(self.checkin_table, {
            Qt.Key.Key_Delete: self.delete_checkin, Qt.Key.Key_Return: self.edit_checkin,
            Qt.Key.Key_Enter: self.edit_checkin})
        self._gratitude_keys = KeyActions(self.gratitude_table, {
            Qt.Key.Key_Delete: self.delete_gratitude, Qt.Key.Key_Space: self._toggle_thanked})

    # -- showing ---------------------------------------------------------------

    def show_supporter(self, supporter_id: int) -> None:
        self.supporter_id = supporter_id
        self.checkin_proxy.set_supporter(supporter_id)
        self.gratitude_proxy.set_supporter(supporter_id)
        self.refresh()

    def refresh(self) -> None:
        network = self.ctx.app.network
        person = None
        if self.supporter_id is not None:
            try:
                person = network.person(self.supporter_id)
            except NotFoundError:
                person = None
        self.body.setVisible(person is not None)
        self.gone_label.setVisible(person is None and self.supporter_id is not None)
        if person is None:
            self.supporter = None
            return
        s = self.supporter = person.supporter
        now = self.ctx.app.now()
        self.header.set_title(s.name)
        self.name_label.setAccessibleName(s.name)
        parts = [s.kind_label, s.ring.label]
        if s.kind is Kind.GROUP and s.meeting_schedule:
            parts.append(f"meets {s.meeting_schedule}")
        if s.kind is Kind.GROUP and s.meeting_place:
            parts.append(s.meeting_place)
        if s.stressful:
            parts.append("contact can be stressful")
        self.header.set_subtitle(" · ".join(parts))
        last = (f"Last in touch {relative_day(s.last_contact, now, self.tz)}"
                if s.last_contact else "Not in touch yet")
        if s.cadence.paused:
            due = "reminders paused"
        elif person.next_due is None:
            due = ""
        elif person.next_due <= now:
            due = "a check-in is due"
        else:
            due = f"next check-in {relative_day(person.next_due, now, self.tz)}"
        self.contact_label.setText(" · ".join(x for x in (last, due) if x))
        if s.last_contact:
            self.contact_label.setToolTip(plain_tooltip(exact_time(s.last_contact, self.tz)))
        occasions = person_occasion_lines(self.ctx, s, now)
        self.occasions_label.setText("\n".join(occasions))
        self.occasions_label.setVisible(bool(occasions))
        self.contacts.set_contacts(s.contacts, s.name, s.id or 0)
        self.message_button.setVisible(bool(message_ways(s)))
        self.help_with_label.setText(f"Can help with: {', '.join(s.help_with)}"
                                     if s.help_with else "")
        self.help_with_label.setVisible(bool(s.help_with))
        self.availability_label.setText(self._availability_words(s))
        self.availability_label.setVisible(bool(s.availability))
        self._show_notes(s)
        self.asks.show_person(s.id or 0)
        self.appointment_box.setVisible(s.kind is Kind.PROFESSIONAL)
        if s.kind is Kind.PROFESSIONAL:
            self.appointment_box.show_person(s.id or 0, s.name)
        recent, year = (network.reciprocity(s.id or 0, months) for months in (3, 12))
        self.reciprocity_labels[0].setText(recent.words)
        self.reciprocity_labels[1].setText(year.words)
        self.reciprocity_labels[1].setVisible(year.adds_to(recent))
        self.mood_effect_box.show_for(s)
        names = {s.id or 0: s.name}
        self.checkin_model.set_checkins(network.checkins(s.id), names, now)
        self.gratitude_model.set_entries(network.gratitude(s.id), names)
        self.checkin_table.setVisible(bool(self.checkin_model.rows))
        self.checkin_empty.setVisible(not self.checkin_model.rows)
        for button in (self.edit_checkin_button, self.delete_checkin_button):
            button.setEnabled(bool(self.checkin_model.rows))
        self.gratitude_table.setVisible(bool(self.gratitude_model.rows))
        self.gratitude_empty.setVisible(not self.gratitude_model.rows)
        self.delete_gratitude_button.setEnabled(bool(self.gratitude_model.rows))

    def _availability_words(self, s: Supporter) -> str:
        if not s.availability:
            return ""
        pieces = [window_phrase(window) for window in s.availability]
        zone = f" ({s.timezone} time)" if s.timezone else ""
        return "Usually reachable: " + "; ".join(pieces) + zone

    def _show_notes(self, s: Supporter) -> None:
        texts = {"boundaries.mine": s.boundaries.mine, "boundaries.theirs": s.boundaries.theirs,
                 "help.warning_signs": s.help.warning_signs,
                 "help.what_helps": s.help.what_helps,
                 "help.what_does_not": s.help.what_does_not,
                 "help.in_a_crisis": s.help.in_a_crisis}
        for key, (title, text_label) in self.note_labels.items():
            text_label.setText(texts[key])
            title.setVisible(bool(texts[key]))
            text_label.setVisible(bool(texts[key]))
        self.notes_label.setText(s.notes)
        self.notes_label.setVisible(bool(s.notes))
        empty = not any(texts.values()) and not s.notes
        self.before_box.setVisible(not empty)
        self.before_empty.setVisible(empty)

    def first_stop(self) -> QWidget | None:
        """The first control Tab reaches on the page (where the focus goes into it)."""
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (self.isAncestorOf(widget) and not isinstance(widget, QScrollArea)
                    and widget.isVisibleTo(self) and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and widget.focusProxy() is None):
                return widget
            widget = widget.nextInFocusChain()
        return None

    # -- intents ---------------------------------------------------------------

    def edit_supporter(self) -> None:
        if self.supporter is not None:
            SupporterEditor(self.ctx, self.supporter, parent=self.window()).exec()

    def _on_log_button_clicked(self) -> None:
        if self.supporter_id is not None:
            CheckinDialog(self.ctx, self.supporter_id, parent=self.window()).exec()

    def _on_message_button_clicked(self) -> None:
        if self.supporter_id is not None:
            from supportdesk.ui.messages.send_dialog import SendMessageDialog, run_dialog

            run_dialog(SendMessageDialog(self.ctx, self.supporter_id, parent=self.window()))

    def delete_supporter(self) -> None:
        if self.supporter is None:
            return
        if remove_person(self, self.ctx, self.supporter):
            self.removed.emit()
            self.ctx.events.page_requested.emit("people")

    def _selected_checkin_id(self) -> int | None:
        index = self.checkin_table.currentIndex()
        if not index.isValid() and self.checkin_proxy.rowCount() == 1:
            index = self.checkin_proxy.index(0, 0)
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def edit_checkin(self) -> None:
        checkin_id = self._selected_checkin_id()
        if checkin_id is not None:
            checkin = self.ctx.app.network.checkin(checkin_id)
            CheckinDialog(self.ctx, checkin=checkin, parent=self.window()).exec()

    def delete_checkin(self) -> None:
        checkin_id = self._selected_checkin_id()
        if checkin_id is not None:
            checkin = self.ctx.app.network.checkin(checkin_id)
            perform(self.ctx, DeleteCheckin(self.ctx, checkin))

    def add_gratitude(self) -> None:
        if self.supporter_id is not None:
            GratitudeDialog(self.ctx, self.supporter_id, parent=self.window()).exec()

    def delete_gratitude(self) -> None:
        index = self.gratitude_table.currentIndex()
        if index.isValid():
            entry = self.ctx.app.network.gratitude_entry(int(index.data(ID_ROLE)))
            perform(self.ctx, DeleteGratitude(self.ctx, entry))

    def _toggle_thanked(self) -> None:
        index = self.gratitude_table.currentIndex()
        if index.isValid():
            entry = self.ctx.app.network.gratitude_entry(int(index.data(ID_ROLE)))
            mark_thanked(self.ctx, entry.id or 0, not entry.thanked)

    def _on_gratitude_thanked_toggled(self, entry_id: int, thanked: bool) -> None:
        mark_thanked(self.ctx, entry_id, thanked)

    def _on_appointment_print_requested(self, supporter_id: int) -> None:
        """The questions to bring as a small PDF, saved where the person chooses."""
        from PySide6.QtWidgets import QFileDialog

        from supportdesk.ui.pdf.questions import render_questions
        from supportdesk.ui.plain import tell

        if self.supporter is None:
            return
        name, _ = QFileDialog.getSaveFileName(self.window(), "Save the questions to print",
                                              "questions-to-bring.pdf", "PDF (*.pdf)")
        if not name:
            return
        app = self.ctx.app
        coming = app.appointments.next_for(supporter_id)
        when = appointment_words(coming, app.now(), self.tz) if coming else ""
        questions = [q.text for q in app.appointments.open_asks(supporter_id,
                                                                 AskKind.QUESTION)]
        try:
            app.exporting.save(Path(name), render_questions(self.supporter.name, when,
                                                            questions))
        except KnownError as error:
            tell(self.window(), "Not saved", str(error), warning=True)
