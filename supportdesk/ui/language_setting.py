"""Settings > Appearance > Language: follow the system, or one of the shipped languages.

The choice is kept outside the vault (services/language_choice.py), so the command
line and the next start, first run and lock screen included, speak it too. It applies
the next time SupportDesk starts: every window is built in one language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QVBoxLayout, QWidget

from supportdesk.core import i18n
from supportdesk.services import language_choice
from supportdesk.ui.pages.view_parts import body

SYSTEM = ""  # the combo's data for "Follow the system"


class LanguageBox(QGroupBox):
    """The language combo and its note; a change is kept at once for the next start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Language"), parent)
        layout = QVBoxLayout(self)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(self.tr("Language"))
        self.combo.addItem(self.tr("Follow the system"), SYSTEM)
        for code in i18n.shipped_languages():
            self.combo.addItem(i18n.language_name(code), code)
        chosen = language_choice.chosen_language()
        self.combo.setCurrentIndex(max(0, self.combo.findData(chosen or SYSTEM)))
        layout.addWidget(self.combo)
        layout.addWidget(body(self.tr("Applies the next time SupportDesk starts."), self,
                              muted=True))
        self.combo.currentIndexChanged.connect(self._on_combo_changed)

    def _on_combo_changed(self, _index: int) -> None:
        code = self.combo.currentData()
        language_choice.choose_language(code if code else None)
