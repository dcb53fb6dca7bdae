"""A small dialog to add a local crisis or support service of the person's own."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.field_error import FieldError


def _fit_placeholder(edit: QLineEdit) -> None:
    """Wide enough to show its whole hint: a cut-off hint helps no one."""
    margins = edit.textMargins().left() + edit.textMargins().right() + 24
    needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + margins
    edit.setMinimumWidth(max(edit.minimumWidth(), needed))


class CrisisLineDialog(QDialog):
    """Asks for the service's details; on OK saves it through the service (``self.saved``)."""

    def __init__(self, service: CrisisLinesService, country: str,
                 countries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a local service")
        self.service = service
        self.saved: CrisisLine | None = None
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Service name")
        self.name.setPlaceholderText("e.g. Night-time peer support line")
        self.channel = QComboBox(self)
        self.channel.setAccessibleName("How to reach it")
        for channel, words in ((Channel.CALL, "Call"), (Channel.TEXT, "Text"),
                               (Channel.CHAT, "Chat on the web")):
            self.channel.addItem(words, channel)
        self.contact = QLineEdit(self)
        self.contact.setAccessibleName("Number, text code or web address")
        self.contact.setPlaceholderText("Number, short code, or https:// address for chat")
        self.hours = QLineEdit(self)
        self.hours.setAccessibleName("Hours")
        self.hours.setPlaceholderText("e.g. 24/7, or weekdays 6pm to midnight")
        self.country = QComboBox(self)
        self.country.setAccessibleName("Country")
        for code, name in countries:
            self.country.addItem(f"{name} ({code})" if name != code else code, code)
        if self.country.findData(country) < 0 and country:
            self.country.addItem(country, country)
        self.country.setCurrentIndex(max(0, self.country.findData(country)))
        self.notes = QLineEdit(self)
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Anything worth remembering (optional)")
        self.error = FieldError(self)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Reach it by", self.channel)
        form.addRow("N&umber or address", self.contact)
        form.addRow("&Hours", self.hours)
        form.addRow("&Country", self.country)
        form.addRow("N&otes", self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Add a service you trust. It will show in Reach out now.",
                                     self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fields = {"name": self.name, "contact": self.contact, "country": self.country}
        for edit in (self.name, self.contact, self.hours, self.notes):
            _fit_placeholder(edit)

    def line(self) -> CrisisLine:
        return CrisisLine(country=str(self.country.currentData() or ""), name=self.name.text(),
                          contact=self.contact.text(), channel=Channel(self.channel.currentData()),
                          hours=self.hours.text(), source="", notes=self.notes.text())

    def accept(self) -> None:
        try:
            self.saved = self.service.add_line(self.line())
        except ValidationError as error:
            self.error.show_message(error.message)
            self._fields.get(error.field, self.name).setFocus()
            return  # keep everything typed
        super().accept()
