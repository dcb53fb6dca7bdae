"""Editing a supporter's contact methods: rows of type, value, label and "preferred"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.ui.editors.row_list import RowList
from supportdesk.ui.widgets.field_error import FieldError

_PLACEHOLDERS = {ContactType.PHONE: "+44 20 7946 0000", ContactType.SMS: "07700 900123",
                 ContactType.EMAIL: "name@example.org", ContactType.WEB: "example.org/group",
                 ContactType.ADDRESS: "Street, town"}


class ContactRow(QWidget):
    """One contact method.

    Signals:
        changed(): something in the row was edited.
        remove_requested(): the person asked to remove this row.
    """

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, contact: ContactMethod, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.type_box = QComboBox(self)
        for kind in ContactType:
            self.type_box.addItem(kind.label, kind)
        self.type_box.setCurrentIndex(self.type_box.findData(contact.type))
        self.value_edit = QLineEdit(contact.value, self)
        self.label_edit = QLineEdit(contact.label, self)
        self.label_edit.setPlaceholderText("mobile, work…")
        self.preferred_box = QCheckBox("Preferred", self)
        self.preferred_box.setChecked(contact.preferred)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove")
        self.error = FieldError(self)
        for widget, name in ((self.type_box, "type"), (self.value_edit, "number or address"),
                             (self.label_edit, "label"), (self.preferred_box, "preferred"),
                             (self.remove_button, "remove")):
            widget.setAccessibleName(f"Contact {number}: {name}")
        self.remove_button.setAccessibleDescription("Remove this contact")
        layout.addWidget(self.type_box, 0, 0)
        layout.addWidget(self.value_edit, 0, 1)
        layout.addWidget(self.label_edit, 0, 2)
        layout.addWidget(self.preferred_box, 0, 3)
        layout.addWidget(self.remove_button, 0, 4)
        layout.addWidget(self.error, 1, 1, 1, 4)
        layout.setColumnStretch(1, 3)
        layout.setColumnStretch(2, 1)
        self._update_placeholder()
        self.type_box.currentIndexChanged.connect(self._update_placeholder)
        self.type_box.currentIndexChanged.connect(self.changed)
        self.value_edit.textChanged.connect(self.changed)
        self.label_edit.textChanged.connect(self.changed)
        self.preferred_box.toggled.connect(self.changed)
        self.remove_button.clicked.connect(self.remove_requested)

    def _update_placeholder(self) -> None:
        self.value_edit.setPlaceholderText(_PLACEHOLDERS[self.contact_type()])

    def contact_type(self) -> ContactType:
        return ContactType(self.type_box.currentData())

    def value(self) -> ContactMethod:
        return ContactMethod(self.contact_type(), self.value_edit.text(),
                             self.label_edit.text(), self.preferred_box.isChecked())


class ContactRowsEditor(RowList):
    """Add and remove contact methods (signals: see ``RowList``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_button = QPushButton("Add a contact", self)
        self.add_button.setAccessibleName("Add a contact")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_button)
        add_line.addStretch(1)
        self.outer.addLayout(add_line)

    @property
    def rows(self) -> list[ContactRow]:
        return [row for row in self._row_widgets if isinstance(row, ContactRow)]

    def set_contacts(self, contacts: list[ContactMethod]) -> None:
        self._clear()
        for contact in contacts:
            self.add_row(contact)

    def add_row(self, contact: ContactMethod | None = None, focus: bool = False) -> ContactRow:
        row = ContactRow(contact or ContactMethod(ContactType.PHONE, ""), len(self.rows) + 1,
                         self)
        self._append(row, announce=True)
        if focus:
            row.value_edit.setFocus()
        return row

    def value(self) -> list[ContactMethod]:
        return [row.value() for row in self.rows]

    def show_errors(self, messages: dict[int, str]) -> None:
        for index, row in enumerate(self.rows):
            row.error.show_message(messages.get(index, ""))
