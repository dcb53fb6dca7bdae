"""Importing a SupportDesk export: a preview of the people, choose, then one undo.

``PeoplePreviewModel`` is a thin table over a ``FullImportPreview``'s people: what will
happen to each (add, same person, leave out), the name, what they are to you, their
contact details and who they may already be. ``FullImportDialog`` shows it through a
``QSortFilterProxyModel`` with what else comes with them (check-ins, gratitude, the
safety plan, crisis lines) and whether to use the file's settings. ``ImportEverything``
is the single undoable command. ``ExportReader`` reads and checks the file off the GUI
thread (ten years of check-ins take seconds).

Signals:
    ExportReader.read(object): the ``CheckedExport``, or the exception that stopped it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QProgressDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supportdesk.services.application import Application
from supportdesk.services.full_import import (
    CheckedExport,
    FullImportOutcome,
    FullImportPreview,
    PersonAction,
    PersonRow,
    read_and_check,
)
from supportdesk.ui.context import AppContext
from supportdesk.ui.import_dialog import ChoiceDelegate
from supportdesk.ui.models.preview_table import PreviewTableModel, preview_proxy
from supportdesk.ui.models.roles import CHOICES_ROLE, SORT_ROLE, Index
from supportdesk.ui.plain import plain_label
from supportdesk.ui.undo_commands import ImportCommand, perform
from supportdesk.ui.widgets.search_field import search_field

COLUMNS = ["Import", "Name", "What they are to you", "Contact details", "Already in your network"]
ACTION_COL, NAME_COL, KIND_COL, DETAILS_COL, MATCH_COL = range(5)


class PeoplePreviewModel(PreviewTableModel):
    """The people in the file; what happens to each can be changed in place."""

    def __init__(self, preview: FullImportPreview, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.preview = preview

    def rows(self) -> list[PersonRow]:
        return self.preview.people

    def editable(self, index: Index) -> bool:
        return index.column() == ACTION_COL and len(self.preview.people[index.row()].choices) > 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.preview.people):
            return None
        row = self.preview.people[index.row()]
        person, column = row.person, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == ACTION_COL:
                return row.action.label
            if column == NAME_COL:
                return person.name
            if column == KIND_COL:
                return person.kind_label
            if column == DETAILS_COL:
                values = list(dict.fromkeys(m.value for m in person.contacts))
                return ", ".join(values[:3]) + (" …" if len(values) > 3 else "")
            if column == MATCH_COL:
                return row.match_words
        if role == Qt.ItemDataRole.EditRole and column == ACTION_COL:
            return row.action.value
        if role == CHOICES_ROLE and column == ACTION_COL:
            return [(choice.value, choice.label) for choice in row.choices]
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problem and column in (ACTION_COL, NAME_COL):
                return f"This person cannot be imported as they are: {row.problem}"
            if column == DETAILS_COL:
                return "\n".join(f"{m.type.label}: {m.value}" for m in person.contacts)
            if column == MATCH_COL and row.existing is not None:
                return (f"Same person joins them with {row.existing.name}: new details, "
                        "check-ins and gratitude go to them. Add keeps them apart; "
                        "Leave out brings neither them nor their check-ins.")
        if role == Qt.ItemDataRole.ForegroundRole and row.problem:
            return Qt.GlobalColor.darkYellow
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole \
                or index.column() != ACTION_COL:
            return False
        row = self.preview.people[index.row()]
        allowed = {choice.value: choice for choice in row.choices}
        if value not in allowed:
            return False
        row.action = allowed[value]
        self.dataChanged.emit(index, index)
        return True


class ImportEverything(ImportCommand[FullImportPreview, FullImportOutcome]):
    def __init__(self, ctx: AppContext, preview: FullImportPreview) -> None:
        super().__init__(ctx, "Import a SupportDesk export", preview,
                         Application.import_export_file, Application.undo_export_file_import)


class FullImportDialog(QDialog):
    """The preview: choose what happens to each person, and about settings, then import."""

    def __init__(self, ctx: AppContext, preview: FullImportPreview, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = preview
        self.command: ImportEverything | None = None
        self.setWindowTitle(f"Import from {file_name}")
        self.resize(860, 560)
        self.model = PeoplePreviewModel(preview, self)
        self.proxy = preview_proxy(self.model, self)
        self._build()
        self._connect_signals()
        self._update_summary()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if self.preview.problems:
            shown = self.preview.problems[:8]
            more = len(self.preview.problems) - len(shown)
            self.problems = plain_label("Some things in the file cannot be saved as they are and "
                                        "will be left out:\n"
                                        + "\n".join(f"• {p}" for p in shown)
                                        + (f"\n…and {more} more." if more else ""), self)
            self.problems.setWordWrap(True)
            layout.addWidget(self.problems)
        self.settings_box = QCheckBox("Use the settings from the file (check-in rhythm, "
                                      "reminders, quiet hours, crisis country, backups)", self)
        self.settings_box.setChecked(self.preview.use_settings)
        self.settings_box.setEnabled(bool(self.preview.data.settings))
        layout.addWidget(self.settings_box)
        controls = QHBoxLayout()
        controls.addStretch(1)
        self.filter = search_field("Find in the list", "Find in the list", self)
        controls.addWidget(self.filter)
        layout.addLayout(controls)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME_COL, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(
            ACTION_COL, ChoiceDelegate([(a.value, a.label) for a in PersonAction],
                                       self.table))
        self.table.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        for column in (ACTION_COL, KIND_COL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MATCH_COL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NAME_COL, 180)
        header.resizeSection(DETAILS_COL, 180)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("People in the file")
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.model.dataChanged.connect(self._update_summary)
        self.settings_box.toggled.connect(self._on_settings_box_toggled)

    def _update_summary(self) -> None:
        counts = self.preview.counts()  # one pass over ten years of check-ins, not two
        self.summary.setText(self.preview.words(counts) + " Nothing is saved until you "
                             "choose Import, and you can undo it afterwards.")
        self.import_button.setEnabled(self.preview.brings_anything(counts))

    def _on_settings_box_toggled(self, on: bool) -> None:
        self.preview.use_settings = on
        self._update_summary()

    def _on_import_clicked(self) -> None:
        self.command = ImportEverything(self.ctx, self.preview)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # ten years take seconds
        try:
            perform(self.ctx, self.command)
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()


class ExportReader(QThread):
    """Reads and checks an export in a worker thread; nothing there touches the vault.
    ``result`` holds the checked export, or what reading raised, once it has finished."""

    def __init__(self, raw: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.raw = raw
        self.result: object = RuntimeError("the export reader stopped")

    def run(self) -> None:
        try:
            self.result = read_and_check(self.raw)
        except Exception as error:  # raised again on the GUI thread
            self.result = error


def read_in_background(raw: bytes, parent: QWidget) -> CheckedExport:
    """The file read and checked behind a busy dialog; raises what reading raised."""
    reader = ExportReader(raw)
    dialog = QProgressDialog("Reading the export…", "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle("Import a SupportDesk export")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    loop = QEventLoop()
    reader.finished.connect(loop.quit)
    reader.start()
    if not reader.isFinished():
        loop.exec()
    reader.wait()
    dialog.close()
    dialog.deleteLater()
    result = reader.result
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, CheckedExport)
    return result
