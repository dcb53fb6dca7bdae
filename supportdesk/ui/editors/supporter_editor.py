"""Adding or editing a supporter: every field, checked inline, never losing what was typed.

Saving goes through ``undo_commands`` (so it can be undone). A refused save shows
its message at the top and keeps the dialog open with everything as typed.
Closing with unsaved changes asks first: Save, Discard or Keep editing.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError, ValidationError
from supportdesk.core.help_kinds import kind_key
from supportdesk.core.kinds import Direction, Kind, Ring, Role, TieStrength
from supportdesk.core.model import Boundaries, Cadence, HelpNotes, Supporter
from supportdesk.core.schedule import local_zone
from supportdesk.core.validation import problems
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.availability import AvailabilityEditor
from supportdesk.ui.editors.cadence_field import CadenceField
from supportdesk.ui.editors.contact_rows import ContactRowsEditor
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.editors.help_kinds import HelpKindsEditor
from supportdesk.ui.editors.occasion_rows import DatesEditor, MeetingsEditor
from supportdesk.ui.plain import plain_label, plain_title, plain_tooltip
from supportdesk.ui.undo_commands import AddSupporter, EditSupporter, perform
from supportdesk.ui.widgets.field_error import FieldError
from supportdesk.ui.widgets.typing_box import name_typing_box

TAB_ABOUT, TAB_CONTACT, TAB_BEFORE, TAB_NOTES, TAB_OCCASIONS = range(5)
TIE_WORDS = {TieStrength.STRONG: "Very close", TieStrength.NORMAL: "Close",
             TieStrength.WEAK: "Not so close"}


def _combo(items: list[tuple[str, Any]], name: str, parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for label, data in items:
        box.addItem(label, data)
    box.setAccessibleName(name)
    return box


def _text_box(name: str, placeholder: str, parent: QWidget, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def own_zone_name() -> str:
    return str(getattr(local_zone(), "key", "")) or "UTC"


class SupporterEditor(GuardedDialog):
    """The add/edit dialog. After ``accept()``, ``saved_id`` is the supporter's id."""

    def __init__(self, ctx: AppContext, supporter: Supporter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = supporter or Supporter(name="", kind=Kind.FRIEND)
        self.saved_id: int | None = self.original.id
        self.setWindowTitle(plain_title(f"Edit {self.original.name}") if self.original.id
                            else "Add someone")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumSize(640, 520)
        self._build()
        self._load(self.original)
        self.mark_clean()
        self.name_edit.setFocus()

    # -- building ----------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner = FieldError(self)
        layout.addWidget(self.banner)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections")
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._scrolling(self._about_tab()), "About")
        self.tabs.addTab(self._scrolling(self._contact_tab()), "Contact and times")
        self.tabs.addTab(self._scrolling(self._before_tab()), "Before reaching out")
        self.tabs.addTab(self._scrolling(self._notes_tab()), "Notes")
        self.tabs.addTab(self._scrolling(self._occasions_tab()), "Meetings and dates")
        self.buttons = self.save_cancel_buttons()
        layout.addWidget(self.buttons)

    def _scrolling(self, page: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus and scroll it
        area.setWidget(page)
        return area

    def _about_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.name_edit = QLineEdit(page)
        self.name_edit.setAccessibleName("Name")
        self.name_edit.setPlaceholderText("A name, nickname or initials")
        self.name_error = FieldError(page)
        form.addRow("&Name", self.name_edit)
        form.addRow("", self.name_error)
        self.kind_box = _combo([(k.label, k) for k in Kind], "Kind of support", page)
        form.addRow("&Kind", self.kind_box)
        self.role_box = _combo([(r.label, r) for r in Role if r is not Role.NONE],
                               "Professional role", page)
        self.role_label = plain_label("&Role", page)
        self.role_label.setBuddy(self.role_box)
        form.addRow(self.role_label, self.role_box)
        self.schedule_edit = QLineEdit(page)
        self.schedule_edit.setAccessibleName("When the group meets")
        self.schedule_edit.setPlaceholderText(
            "In your words; set the days and times under Meetings and dates")
        self.schedule_label = plain_label("Meets", page)
        self.schedule_label.setBuddy(self.schedule_edit)
        form.addRow(self.schedule_label, self.schedule_edit)
        self.place_edit = QLineEdit(page)
        self.place_edit.setAccessibleName("Where the group meets")
        self.place_edit.setPlaceholderText("Community centre, Room 2 — or online")
        self.place_label = plain_label("Where", page)
        self.place_label.setBuddy(self.place_edit)
        form.addRow(self.place_label, self.place_edit)
        self.group_error = FieldError(page)
        form.addRow("", self.group_error)
        self.ring_box = _combo([(r.label, r) for r in Ring], "Circle", page)
        self.ring_box.setAccessibleDescription("Inner: closest; outer: more distant.")
        form.addRow("C&ircle", self.ring_box)
        self.tie_box = _combo([(TIE_WORDS[t], t) for t in TieStrength], "How close you feel",
                              page)
        form.addRow("How close you &feel", self.tie_box)
        self.direction_box = _combo([(d.label, d) for d in Direction], "Direction of support",
                                    page)
        form.addRow("Support", self.direction_box)
        self.stressful_box = QCheckBox("Contact can sometimes be stressful", page)
        self.stressful_box.setAccessibleName("Contact can sometimes be stressful")
        form.addRow("", self.stressful_box)
        self.cadence_field = CadenceField(page)
        self.cadence_field.unit_box.setAccessibleDescription(
            "Days, weeks or months; or the circle's default.")
        self.cadence_error = FieldError(page)
        form.addRow("Be in touch &every", self.cadence_field)
        form.addRow("", self.cadence_error)
        self.paused_box = QCheckBox("Pause reminders for now", page)
        self.paused_box.setAccessibleName("Pause reminders for this person")
        form.addRow("", self.paused_box)
        self.kind_box.currentIndexChanged.connect(self._sync_kind)
        self.ring_box.currentIndexChanged.connect(self._sync_cadence_hint)
        return page

    def _contact_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self._heading("How to reach them", page))
        self.contacts = ContactRowsEditor(page)
        layout.addWidget(self.contacts)
        layout.addWidget(self._heading("When they can be reached", page))
        self.availability = AvailabilityEditor(page)
        layout.addWidget(self.availability)
        zone_form = QFormLayout()
        self.zone_box = QComboBox(page)
        self.zone_box.setEditable(True)
        self.zone_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_box.setAccessibleName("Their time zone")
        name_typing_box(self.zone_box)
        own = own_zone_name()
        self.zone_box.addItem(f"Same as mine ({own})", "")
        for name in sorted(zoneinfo.available_timezones()):
            self.zone_box.addItem(name, name)
        completer = self.zone_box.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.zone_error = FieldError(page)
        zone_form.addRow("Time zone", self.zone_box)
        zone_form.addRow("", self.zone_error)
        layout.addLayout(zone_form)
        self.locked_box = QCheckBox("Show them on the lock screen's crisis help", page)
        self.locked_box.setAccessibleName("Show them on the lock screen's crisis help")
        self.locked_box.setAccessibleDescription(
            "While SupportDesk is locked, its crisis help shows the emergency number, crisis "
            "lines and only the people you tick here, with their contact details.")
        self.locked_box.setToolTip(plain_tooltip(self.locked_box.accessibleDescription()))
        layout.addWidget(self.locked_box)
        layout.addStretch(1)
        return page

    def _before_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.text_fields: dict[str, QPlainTextEdit] = {}
        self.text_errors: dict[str, FieldError] = {}
        form.addRow(self._heading("What they can help with", page))
        self.help_kinds = HelpKindsEditor(page)
        self.help_kinds.list_change_requested.connect(self._on_help_list_requested)
        form.addRow(self.help_kinds)
        form.addRow(self._heading("Boundaries", page))
        self._add_text(form, page, "boundaries.mine", "Boundaries I keep",
                       "e.g. I don't talk about work on weekends")
        self._add_text(form, page, "boundaries.theirs", "Their boundaries",
                       "e.g. No calls after 10pm; they need notice before visits")
        form.addRow(self._heading("How you can help me", page))
        self._add_text(form, page, "help.warning_signs", "My warning signs",
                       "Things they may notice when I'm starting to struggle")
        self._add_text(form, page, "help.what_helps", "What helps",
                       "e.g. A walk, sitting with me, a short text")
        self._add_text(form, page, "help.what_does_not", "What doesn't help",
                       "e.g. Being told to cheer up")
        self._add_text(form, page, "help.in_a_crisis", "In a crisis",
                       "What I'd like them to do if things get very hard")
        return page

    def _notes_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self._add_text(form, page, "notes", "Notes", "Anything else worth remembering",
                       lines=10)
        return page

    def _occasions_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self._heading("When they meet", page))
        self.meetings = MeetingsEditor(own_zone_name(), page)
        layout.addWidget(self.meetings)
        layout.addWidget(self._heading("Dates that matter", page))
        self.dates = DatesEditor(page)
        layout.addWidget(self.dates)
        layout.addStretch(1)
        return page

    def _add_text(self, form: QFormLayout, page: QWidget, key: str, label: str,
                  placeholder: str, lines: int = 3) -> None:
        box = _text_box(label, placeholder, page, lines)
        error = FieldError(page)
        form.addRow(label, box)
        form.addRow("", error)
        self.text_fields[key] = box
        self.text_errors[key] = error

    def _heading(self, text: str, parent: QWidget) -> QLabel:
        label = plain_label(text, parent)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # -- state ---------------------------------------------------------------

    def _load(self, s: Supporter) -> None:
        self.name_edit.setText(s.name)
        self.kind_box.setCurrentIndex(self.kind_box.findData(s.kind))
        if s.role is not Role.NONE:
            self.role_box.setCurrentIndex(self.role_box.findData(s.role))
        self.schedule_edit.setText(s.meeting_schedule)
        self.place_edit.setText(s.meeting_place)
        self.ring_box.setCurrentIndex(self.ring_box.findData(s.ring))
        self.tie_box.setCurrentIndex(self.tie_box.findData(s.tie))
        self.direction_box.setCurrentIndex(self.direction_box.findData(s.direction))
        self.stressful_box.setChecked(s.stressful)
        self.cadence_field.set_every(s.cadence.every)
        self.paused_box.setChecked(s.cadence.paused)
        self.contacts.set_contacts(s.contacts)
        self.availability.set_windows(s.availability)
        self.meetings.set_meetings(s.meetings)
        self.dates.set_dates(s.dates)
        zone_index = self.zone_box.findData(s.timezone)
        self.zone_box.setCurrentIndex(max(zone_index, 0))
        self.locked_box.setChecked(s.id is not None
                                   and s.id in self.ctx.app.crisis_lines.shown_when_locked())
        texts = {"boundaries.mine": s.boundaries.mine, "boundaries.theirs": s.boundaries.theirs,
                 "help.warning_signs": s.help.warning_signs, "help.what_helps": s.help.what_helps,
                 "help.what_does_not": s.help.what_does_not,
                 "help.in_a_crisis": s.help.in_a_crisis, "notes": s.notes}
        for key, text in texts.items():
            self.text_fields[key].setPlainText(text)
        self.help_kinds.set_kinds(self.ctx.app.templates.help_kinds(), s.help_with)
        self._sync_kind()

    def _state(self) -> tuple[Any, ...]:
        """Everything as typed, to tell whether anything changed."""
        return (
            self.name_edit.text(), self.kind_box.currentIndex(), self.role_box.currentIndex(),
            self.schedule_edit.text(), self.place_edit.text(), self.ring_box.currentIndex(),
            self.tie_box.currentIndex(), self.direction_box.currentIndex(),
            self.stressful_box.isChecked(), self.cadence_field.state(),
            self.paused_box.isChecked(), tuple(self.contacts.value()),
            tuple(self.availability.value()), self.zone_box.currentText(),
            tuple(box.toPlainText() for box in self.text_fields.values()),
            tuple(self.meetings.value()), tuple(self.dates.value()),
            self.help_kinds.value(),
            self.locked_box.isChecked(),  # last: a setting, not part of the supporter
        )


    def _sync_kind(self) -> None:
        kind = Kind(self.kind_box.currentData())
        professional: tuple[QWidget, ...] = (self.role_label, self.role_box)
        group: tuple[QWidget, ...] = (self.schedule_label, self.schedule_edit,
                                      self.place_label, self.place_edit)
        for widget in professional:
            widget.setVisible(kind is Kind.PROFESSIONAL)
        for widget in group:
            widget.setVisible(kind is Kind.GROUP)
        self._sync_cadence_hint()

    def _sync_cadence_hint(self) -> None:
        ring = Ring(self.ring_box.currentData())
        days = self.ctx.app.settings.cadence_defaults()[ring].days
        self.cadence_field.set_default_days(days)

    def _zone(self) -> str:
        text = self.zone_box.currentText().strip()
        if not text or text == self.zone_box.itemText(0):
            return ""
        index = self.zone_box.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            raise ValidationError("Choose a time zone from the list, like Europe/London.",
                                  field="timezone")
        return str(self.zone_box.itemData(index))

    def value(self) -> Supporter:
        """The supporter as typed (raises ValidationError for cadence or time zone)."""
        return self._value(self.cadence_field.every(), self._zone())

    def _value(self, every: timedelta | None, zone: str) -> Supporter:
        kind = Kind(self.kind_box.currentData())
        fields = self.text_fields
        return replace(
            self.original,
            name=self.name_edit.text(),
            kind=kind,
            role=Role(self.role_box.currentData()) if kind is Kind.PROFESSIONAL else Role.NONE,
            meeting_schedule=self.schedule_edit.text() if kind is Kind.GROUP else "",
            meeting_place=self.place_edit.text() if kind is Kind.GROUP else "",
            ring=Ring(self.ring_box.currentData()),
            tie=TieStrength(self.tie_box.currentData()),
            direction=Direction(self.direction_box.currentData()),
            stressful=self.stressful_box.isChecked(),
            contacts=self.contacts.value(),
            availability=self.availability.value(),
            meetings=self.meetings.value(),
            dates=self.dates.value(),
            timezone=zone,
            boundaries=Boundaries(fields["boundaries.mine"].toPlainText(),
                                  fields["boundaries.theirs"].toPlainText()),
            help=HelpNotes(fields["help.warning_signs"].toPlainText(),
                           fields["help.what_helps"].toPlainText(),
                           fields["help.what_does_not"].toPlainText(),
                           fields["help.in_a_crisis"].toPlainText()),
            notes=fields["notes"].toPlainText(),
            help_with=self.help_kinds.value(),
            cadence=Cadence(every=every,
                            paused=self.paused_box.isChecked(),
                            snoozed_until=self.original.cadence.snoozed_until),
        )

    # -- checking and saving -------------------------------------------------

    def _check(self) -> Supporter | None:
        """Show every problem next to its field; the supporter when there are none."""
        found: dict[str, str] = {}
        every: timedelta | None = None
        zone = ""
        try:
            every = self.cadence_field.every()
        except ValidationError as error:
            found["cadence"] = error.message
        try:
            zone = self._zone()
        except ValidationError as error:
            found["timezone"] = error.message
        supporter = self._value(every, zone)
        found = {**problems(supporter), **found}
        self.name_error.show_message(found.get("name", ""))
        self.cadence_error.show_message(found.get("cadence", ""))
        self.zone_error.show_message(found.get("timezone", ""))
        self.group_error.show_message(found.get("meeting_schedule", "")
                                      or found.get("meeting_place", ""))
        self.contacts.show_errors({int(k.split(".")[1]): m for k, m in found.items()
                                   if k.startswith("contacts.")})
        windows_ok = self.availability.check()
        occasions_ok = self.meetings.check() & self.dates.check()
        if not occasions_ok and not found and windows_ok:
            self.tabs.setCurrentIndex(TAB_OCCASIONS)
            self.banner.show_message("Please check the note next to the field before saving.")
            return None
        for key, error_label in self.text_errors.items():
            error_label.show_message(found.get(key, ""))
        if found or not windows_ok:
            self._reveal_first_problem(found, windows_ok)
            return None
        return supporter

    def _reveal_first_problem(self, found: dict[str, str], windows_ok: bool) -> None:
        about = {"name", "cadence", "meeting_schedule", "meeting_place"}
        if found.keys() & about:
            self.tabs.setCurrentIndex(TAB_ABOUT)
            if "name" in found:
                self.name_edit.setFocus()
            elif "cadence" in found:
                self.cadence_field.count_box.setFocus()
        elif any(k.startswith(("contacts.", "timezone")) for k in found) or not windows_ok:
            self.tabs.setCurrentIndex(TAB_CONTACT)
        elif any(k.startswith(("meetings.", "dates.")) for k in found):
            self.tabs.setCurrentIndex(TAB_OCCASIONS)
        elif "notes" in found:
            self.tabs.setCurrentIndex(TAB_NOTES)
        else:
            self.tabs.setCurrentIndex(TAB_BEFORE)
        self.banner.show_message("Please check the note next to the field before saving.")

    def save(self) -> bool:
        supporter = self._check()
        if supporter is None:
            return False
        if self.original.id is not None and self._state()[:-1] == self._clean_state[:-1]:
            self._save_shown_when_locked(self.original.id)
            self.accept_saved()
            return True
        try:
            if self.original.id is None:
                command = AddSupporter(self.ctx, supporter)
                perform(self.ctx, command)
                self.saved_id = command.supporter_id
            else:
                perform(self.ctx, EditSupporter(self.ctx, self.original, supporter))
        except KnownError as error:
            self.banner.show_message(f"Not saved yet: {error}")
            return False
        if self.saved_id is not None:
            self._save_shown_when_locked(self.saved_id)
        self._keep_new_help_kinds()
        self.banner.show_message("")
        self.accept_saved()
        return True

    def _on_help_list_requested(self) -> None:
        from supportdesk.ui.editors.help_kinds_list import HelpKindsListDialog

        dialog = HelpKindsListDialog(self.ctx, self)
        if dialog.exec():
            self.help_kinds.set_listed(self.ctx.app.templates.help_kinds())
        dialog.deleteLater()

    def _keep_new_help_kinds(self) -> None:
        """A kind of help typed here joins the person's list, for everyone."""
        listed = self.ctx.app.templates.listed_help_kinds()
        known = {kind_key(k) for k in listed}
        new = [k for k in self.help_kinds.value() if kind_key(k) not in known]
        if new:
            self.ctx.app.set_help_kinds([*listed, *new])

    def _save_shown_when_locked(self, supporter_id: int) -> None:
        shown = self.locked_box.isChecked()
        if (supporter_id in self.ctx.app.crisis_lines.shown_when_locked()) != shown:
            self.ctx.app.set_shown_when_locked(supporter_id, shown)
