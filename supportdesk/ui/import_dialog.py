"""Importing contacts: read the file off the GUI thread, preview, choose, then one undo.

``ImportPreviewModel`` is a thin table over an ``ImportPreview``: one row per card with
what will happen (add as a new person, update a match, leave out), the name, what they
are to you, their contact details and whom they might be. Every match is a choice the
person makes per row (F2 or typing opens it from the keyboard); none is assumed.
``ImportDialog`` shows it through a ``QSortFilterProxyModel``. ``ImportContacts`` is the
single undoable command.

Signals:
    CardReader.progressed(int, int): cards read so far, cards in the file.
    CardReader.read(object): the ``ReadResult`` (``cancelled`` set when stopped).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.kinds import Kind
from supportdesk.services.application import Application
from supportdesk.services.importing import (
    Action,
    ImportOutcome,
    ImportPreview,
    ImportRow,
    ReadResult,
    read_contacts,
)
from supportdesk.ui.context import AppContext
from supportdesk.ui.models.preview_table import PreviewTableModel, preview_proxy
from supportdesk.ui.models.roles import CHOICES_ROLE, SORT_ROLE, Index
from supportdesk.ui.plain import plain_label, plain_title, plain_tooltip
from supportdesk.ui.undo_commands import ImportCommand, perform
from supportdesk.ui.widgets.search_field import search_field

COLUMNS = ["Import as", "Name", "What they are to you", "Contact details", "Might be",
           "Left out"]
ACTION_COL, NAME_COL, KIND_COL, DETAILS_COL, MATCH_COL, ISSUES_COL = range(6)
SHOWN_LINES = 8  # problems listed above the table; the rest are counted


class ImportPreviewModel(PreviewTableModel):
    """The preview's rows; the action and the kind can be changed in place."""

    def __init__(self, preview: ImportPreview, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.preview = preview

    def rows(self) -> list[ImportRow]:
        return self.preview.rows

    def editable(self, index: Index) -> bool:
        return index.column() in (ACTION_COL, KIND_COL)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.preview.rows):
            return None
        row = self.preview.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == ACTION_COL:
                return row.choice_label
            if column == NAME_COL:
                return row.contact.name
            if column == KIND_COL:
                return row.kind.label
            if column == DETAILS_COL:
                values = list(dict.fromkeys(m.value for m in row.contact.contacts))
                return ", ".join(values[:3]) + (" …" if len(values) > 3 else "")
            if column == MATCH_COL:
                if not row.matches:
                    return ""
                more = len(row.matches) - 1
                return row.matches[0].words + (f" and {more} more" if more else "")
            if column == ISSUES_COL:
                more = len(row.issues) - 1
                return "" if not row.issues else \
                    row.issues[0] + (f" (and {more} more)" if more else "")
        if role == Qt.ItemDataRole.EditRole:
            if column == ACTION_COL:
                return row.choice
            if column == KIND_COL:
                return row.kind.value
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ISSUES_COL and row.issues:
                return "\n".join(row.issues)
            if column == NAME_COL and row.contact.name_missing:
                return "The file had no name for this contact. You can rename them afterwards."
            if column == DETAILS_COL:
                return plain_tooltip("\n".join(f"{m.type.label}: {m.value}"
                                               for m in row.contact.contacts))
            if column == MATCH_COL and row.matches:
                return plain_tooltip(f"This {row.contact.entry} might be:\n"
                                     + "\n".join(f"• {m.words}" for m in row.matches)
                                     + "\n\nChoose in “Import as”: add them as a new person, "
                                     f"or update one of these with the {row.contact.entry}'s "
                                     "new details.")
        if role == CHOICES_ROLE and column == ACTION_COL:
            return row.choices()
        if role == Qt.ItemDataRole.ForegroundRole and column == NAME_COL \
                and row.contact.name_missing:
            return Qt.GlobalColor.darkYellow
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.preview.rows[index.row()]
        if index.column() == ACTION_COL:
            if not isinstance(value, str) or not row.choose(value):
                return False
        elif index.column() == KIND_COL and value in Kind.__members__.values():
            row.kind = Kind(value)
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def set_all_kinds(self, kind: Kind, previous: Kind) -> None:
        """The default changed: rows still on the old default follow it."""
        for row in self.preview.rows:
            if row.kind is previous:
                row.kind = kind
        if self.preview.rows:
            self.dataChanged.emit(self.index(0, KIND_COL),
                                  self.index(len(self.preview.rows) - 1, KIND_COL))


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over (value, label) pairs; the model keeps values in EditRole.

    Rows that offer their own choices (the action column) give them in CHOICES_ROLE.
    """

    def __init__(self, choices: list[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self._choices_for(index):
            combo.addItem(label, value)
        return combo

    def _choices_for(self, index: Index) -> list[tuple[str, str]]:
        own = index.data(CHOICES_ROLE)
        return list(own) if own else self.choices

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CardReader(QThread):
    """Reads a contacts file (vCard, Google or Outlook CSV) off the GUI thread; ``cancel()``
    stops it between cards or rows. ``result`` holds what was read once the thread has
    finished (kept on the object, not sent by a queued signal, which a small file could
    outrun)."""

    progressed = Signal(int, int)

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._stop = threading.Event()
        self.result: ReadResult | None = None

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()

    def run(self) -> None:
        self.result = read_contacts(self.data, self._progress)


class ImportContacts(ImportCommand[ImportPreview, ImportOutcome]):
    def __init__(self, ctx: AppContext, preview: ImportPreview) -> None:
        count = len(preview.rows) - preview.count(Action.SKIP)
        super().__init__(ctx, f"Import {count} contact{'s' if count != 1 else ''}", preview,
                         Application.import_contacts, Application.undo_import)


class ImportDialog(QDialog):
    """The preview: per contact, a kind and what it becomes (new, an update, left out)."""

    def __init__(self, ctx: AppContext, preview: ImportPreview, file_name: str,
                 default_kind: Kind = Kind.FRIEND, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = preview
        self.default_kind = default_kind
        self.setWindowTitle(plain_title(f"Import contacts from {file_name}"))
        self.resize(820, 520)
        self.model = ImportPreviewModel(preview, self)
        self.proxy = preview_proxy(self.model, self)
        self._build()
        self._connect_signals()
        self._update_summary()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.summary = plain_label(parent=self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if self.preview.problems:
            self.problems = self._listed(
                "Some of the file could not be read as it is:",
                [str(p) for p in self.preview.problems])
            layout.addWidget(self.problems)
        issues = self.preview.issue_lines()
        if issues:
            self.issues = self._listed(
                "Some details cannot be kept as they are, so they will be left out "
                "(nothing else on those cards is lost):", issues)
            layout.addWidget(self.issues)
        controls = QHBoxLayout()
        controls.addWidget(plain_label("New people are:", self))
        self.kind_combo = QComboBox(self)
        for kind in Kind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(self.default_kind.value))
        self.kind_combo.setAccessibleName("What new people are to you")
        controls.addWidget(self.kind_combo)
        controls.addStretch(1)
        self.filter = search_field("Find in the list", "Find in the list", self)
        controls.addWidget(self.filter)
        layout.addLayout(controls)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME_COL, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(ACTION_COL, ChoiceDelegate([], self.table))
        self.table.setItemDelegateForColumn(
            KIND_COL, ChoiceDelegate([(k.value, k.label) for k in Kind], self.table))
        self.table.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        for column in (ACTION_COL, KIND_COL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(MATCH_COL, 220)
        header.resizeSection(ISSUES_COL, 220)
        header.setSectionResizeMode(DETAILS_COL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NAME_COL, 180)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Contacts found in the file")
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(self.buttons)

    def _listed(self, heading: str, lines: list[str]) -> QLabel:
        shown = lines[:SHOWN_LINES]
        more = len(lines) - len(shown)
        label = plain_label(heading + "\n" + "\n".join(f"• {line}" for line in shown)
                            + (f"\n…and {more} more." if more else ""), self)
        label.setWordWrap(True)
        return label

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.model.dataChanged.connect(self._update_summary)

    def _update_summary(self) -> None:
        preview = self.preview
        adding, merging = preview.count(Action.ADD), preview.count(Action.MERGE)
        unnamed = sum(1 for r in preview.rows if r.contact.name_missing)
        text = f"{len(preview.rows)} contacts found: {adding} will be added as new people"
        if preview.updating:
            text += f", {preview.updating} will add their new details to people already here"
        if preview.combining:
            text += f", {preview.combining} will be joined to an earlier card in this file"
        text += f", {preview.count(Action.SKIP)} left out."
        if preview.possible_matches:
            one = preview.possible_matches == 1
            text += (f" {preview.possible_matches} {'shares' if one else 'share'} a name, "
                     f"phone or email with someone: {'it is' if one else 'they are'} added "
                     f"as {'a new person' if one else 'new people'} unless you choose "
                     "otherwise in “Import as”.")
        text += " Nothing is saved until you choose Import, and you can undo it afterwards."
        if unnamed:
            text += f" {unnamed} had no name in the file (shown as “Unnamed contact”)."
        self.summary.setText(text)
        count = adding + merging
        self.import_button.setText(f"Import {count} contact{'s' if count != 1 else ''}")
        self.import_button.setEnabled(count > 0)

    def _on_kind_combo_changed(self, _index: int) -> None:
        kind = Kind(self.kind_combo.currentData())
        self.model.set_all_kinds(kind, self.default_kind)
        self.default_kind = kind

    def _on_import_clicked(self) -> None:
        self.command = ImportContacts(self.ctx, self.preview)
        perform(self.ctx, self.command)
        self.accept()


def read_with_progress(data: bytes, parent: QWidget) -> ReadResult:
    """Read cards in a worker thread behind a progress dialog with Cancel."""
    reader = CardReader(data)
    dialog = QProgressDialog("Reading contacts…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Import contacts")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    loop = QEventLoop()

    def on_progress(done: int, total: int) -> None:
        if not dialog.wasCanceled():
            dialog.setMaximum(total)
            dialog.setValue(done)

    reader.progressed.connect(on_progress)
    reader.finished.connect(loop.quit)
    dialog.canceled.connect(reader.cancel)
    reader.start()
    if not reader.isFinished():
        loop.exec()
    reader.wait()
    dialog.close()
    dialog.deleteLater()
    return reader.result or ReadResult(cancelled=True)


def import_file(ctx: AppContext, path: Path, parent: QWidget,
                default_kind: Kind = Kind.FRIEND) -> ImportDialog | None:
    """Read ``path`` and build the preview dialog (not yet shown); None if cancelled."""
    read = read_with_progress(path.read_bytes(), parent)
    if read.cancelled:
        return None
    preview = ctx.app.importing.preview_read(read, default_kind)
    return ImportDialog(ctx, preview, path.name, default_kind, parent)
