"""Help > About SupportDesk: the version, the licence, where the notes are kept, and the
promise that SupportDesk never uses the network."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from supportdesk import APP_NAME, __version__
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.view_parts import body, heading

# As pyproject.toml's ``license`` says (a test keeps the two the same).
LICENCE = "GPL-3.0-or-later"
LICENCE_WORDS = ("Free software under the GNU General Public License, version 3 or later "
                 f"({LICENCE}). You may use, share and change it.")
NO_NETWORK = ("SupportDesk never uses the network, not once: no accounts, no updates, no "
              "tracking. Nothing you write leaves this computer unless you export it "
              "yourself. A number or link you choose opens in your own phone app or browser.")


def where_words(data_dir: Path | None) -> str:
    kept = "in an encrypted database on this computer; the key is in its keyring."
    if data_dir is None:
        return f"Your notes are kept {kept}"
    return f"Your notes are kept {kept} The folder:\n{data_dir}"


class AboutDialog(QDialog):
    """What SupportDesk is, for the vault kept in ``data_dir`` (None: not on disk)."""

    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("AboutDialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.header = PageHeader(f"{APP_NAME} {__version__}", "A private home for the "
                                 "people and places that support you.", self)
        layout.addWidget(self.header)
        self.sections: dict[str, str] = {
            "Licence": LICENCE_WORDS,
            "Where your notes live": where_words(data_dir),
            "No network, ever": NO_NETWORK,
        }
        for title, words in self.sections.items():
            layout.addWidget(heading(title, 1.1, self))
            text = body(words, self)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            layout.addWidget(text)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = self.fontMetrics().horizontalAdvance("M") * 44
        self.setMinimumWidth(width)
        self.resize(width, layout.totalHeightForWidth(width))  # as tall as its words
