"""Importing a Daylio backup: a preview of the moods, a choice for each mood name of the
person's own, then one undo (File > Import > Daylio backup (CSV)…).

``DaylioPreviewModel`` is a thin table over a ``DaylioPreview``'s rows (when, mood,
feelings, note). ``DaylioDialog`` shows it with a combo box per name of the person's own
(1–5, or leave those out; Tab moves between them) and imports through
``ImportMoods``, the single undoable command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.model import MOOD_LABELS
from supportdesk.services.application import Application
from supportdesk.services.daylio_import import (
    LEAVE_OUT,
    DaylioImportOutcome,
    DaylioPreview,
)
from supportdesk.ui.context import AppContext
from supportdesk.ui.models.roles import Index
from supportdesk.ui.plain import plain_label, plain_title
from supportdesk.ui.undo_commands import ImportCommand, perform

COLUMNS = ["When", "Mood", "Feelings", "Note"]
WHEN_COL, MOOD_COL, FEELINGS_COL, NOTE_COL = range(4)
NOT_CHOSEN = "Choose…"
PROBLEMS_SHOWN = 8


class DaylioPreviewModel(QAbstractTableModel):
    """The file's moods as they will come in; the mood column follows the choices."""

    def __init__(self, preview: DaylioPreview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview = preview

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.preview.rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row, column = self.preview.rows[index.row()], index.column()
        if column == WHEN_COL:
            return f"{row.at:%d %b %Y, %H:%M}"
        if column == MOOD_COL:
            mood = self.preview.mood_for(row.mood_name)
            if mood is None:
                return f"{row.mood_name} (choose above)"
            return f"{row.mood_name}: {MOOD_LABELS[mood]}" if mood else \
                f"{row.mood_name} (left out)"
        if column == FEELINGS_COL:
            return ", ".join(row.feelings)
        return " ".join(row.note.split())[:200]

    def moods_changed(self) -> None:
        if self.preview.rows:
            self.dataChanged.emit(self.index(0, MOOD_COL),
                                  self.index(len(self.preview.rows) - 1, MOOD_COL))


class ImportMoods(ImportCommand[DaylioPreview, DaylioImportOutcome]):
    def __init__(self, ctx: AppContext, preview: DaylioPreview) -> None:
        count = preview.counts()[0]
        super().__init__(ctx, f"Import {count} mood{'s' if count != 1 else ''} from Daylio",
                         preview, Application.import_daylio, Application.undo_daylio_import)


class DaylioDialog(QDialog):
    """The preview: say what each of your own mood names means, then Import."""

    def __init__(self, ctx: AppContext, preview: DaylioPreview, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = preview
        self.command: ImportMoods | None = None
        self.name_boxes: dict[str, QComboBox] = {}
        self.setWindowTitle(plain_title(f"Import from {file_name}"))
        self.resize(820, 560)
        self.model = DaylioPreviewModel(preview, self)
        self._build()
        self._update()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if self.preview.own_names:
            group = QGroupBox("Moods with names of your own", self)
            form = QFormLayout(group)
            hint = plain_label("Daylio lets you name your moods. Say what each of yours "
                               "means here, from very low to very good.", group)
            hint.setWordWrap(True)
            form.addRow(hint)
            for name, count in self.preview.own_names.items():
                box = QComboBox(group)
                box.addItem(NOT_CHOSEN, None)
                for mood, label in MOOD_LABELS.items():
                    box.addItem(f"{mood} · {label}", mood)
                box.addItem("Leave these out", LEAVE_OUT)
                box.setAccessibleName(f"What “{name}” means")
                caption = plain_label(
                    f"“{name}” ({count} entr{'y' if count == 1 else 'ies'})", group)
                caption.setBuddy(box)
                form.addRow(caption, box)
                box.currentIndexChanged.connect(
                    lambda _i, n=name, b=box: self._on_name_box_changed(n, b))
                self.name_boxes[name] = box
            layout.addWidget(group)
        if self.preview.problems:
            shown = self.preview.problems[:PROBLEMS_SHOWN]
            more = len(self.preview.problems) - len(shown)
            self.problems = plain_label("Some lines could not be brought in as they are:\n"
                                        + "\n".join(f"• {p}" for p in shown)
                                        + (f"\n…and {more} more." if more else ""), self)
            self.problems.setWordWrap(True)
            layout.addWidget(self.problems)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Moods in the file")
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (WHEN_COL, MOOD_COL, FEELINGS_COL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE_COL, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        first = next(iter(self.name_boxes.values()), None)
        (first or self.import_button).setFocus()

    def _on_name_box_changed(self, name: str, box: QComboBox) -> None:
        mood = box.currentData()
        if mood is None:
            self.preview.unchoose(name)
        else:
            self.preview.choose(name, int(mood))
        self.model.moods_changed()
        self._update()

    def _update(self) -> None:
        self.summary.setText(self.preview.words() + " Nothing is saved until you choose "
                             "Import, and you can undo it afterwards.")
        new = self.preview.counts()[0]
        self.import_button.setText(f"Import {new} mood{'s' if new != 1 else ''}")
        self.import_button.setEnabled(new > 0 and not self.preview.unchosen)

    def _on_import_clicked(self) -> None:
        if not self.import_button.isEnabled():
            return
        self.command = ImportMoods(self.ctx, self.preview)
        perform(self.ctx, self.command)
        if self.command.outcome is not None:
            self.accept()


def daylio_dialog(ctx: AppContext, path: Path, parent: QWidget) -> DaylioDialog:
    """The preview dialog for ``path`` (not yet shown); NotDaylioError or OSError if the
    file cannot be read as a Daylio backup."""
    preview = ctx.app.daylio_import.preview(path.read_bytes())
    return DaylioDialog(ctx, preview, path.name, parent)
