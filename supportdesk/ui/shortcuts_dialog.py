"""Help → Keyboard shortcuts: every shortcut the window has, Ctrl+Shift+H first.

Read from the window's actions and keys when it opens, so what extensions add is listed
too; nothing here is a list kept by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from supportdesk.ui.plain import plain_label


def _plain(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _menu_words(text: str) -> str:
    """An action's menu text without its mnemonic "&" or trailing "…"."""
    words = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return words.removesuffix("…").strip()


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action and key the window holds, as they say it:
    an action's "what's this" words if it has them, else its menu text; a key of one
    page by its "what's this". High-priority actions (Ctrl+Shift+H) come first."""
    rows: dict[str, str] = {}
    actions = sorted(window.findChildren(QAction),
                     key=lambda a: a.priority() != QAction.Priority.HighPriority)
    for action in actions:
        words = action.whatsThis() or _menu_words(action.text())
        for sequence in action.shortcuts():
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if keys and keys not in rows and words:
                rows[keys] = words
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and keys not in rows and shortcut.whatsThis():
            rows[keys] = shortcut.whatsThis()
    return list(rows.items())


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("ShortcutsDialog")
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.rows = shortcut_rows(window)
        for row, (keys, words) in enumerate(self.rows):
            key_label = _plain(keys, self)
            font = key_label.font()
            font.setWeight(font.Weight.DemiBold)
            key_label.setFont(font)
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_plain(words, self), row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
