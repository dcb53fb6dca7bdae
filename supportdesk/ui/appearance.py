"""Settings > Appearance: light, dark, or as the system says (ui/theme.py keeps it).

On a bare window manager the system says nothing, and the app would always be light;
here the person chooses. Installed by ``install(window, ctx)`` (``window.settings_tabs``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QRadioButton, QVBoxLayout, QWidget

from supportdesk.ui import theme
from supportdesk.ui.context import AppContext
from supportdesk.ui.language_setting import LanguageBox
from supportdesk.ui.pages.view_parts import body

LABELS = {"system": "As my computer is set", "light": "Light", "dark": "Dark"}


class AppearanceTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        box = QGroupBox("Light or dark", self)
        inner = QVBoxLayout(box)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for scheme in theme.SCHEMES:
            button = QRadioButton(LABELS[scheme], box)
            button.setAccessibleName(f"Appearance: {LABELS[scheme]}")
            self.group.addButton(button)
            self.buttons[scheme] = button
            inner.addWidget(button)
        self.buttons[theme.chosen_scheme()].setChecked(True)
        inner.addWidget(body("Changes at once, and is remembered on this computer.", box,
                             muted=True))
        layout.addWidget(box)
        layout.addWidget(LanguageBox(self))
        layout.addStretch(1)
        for scheme, button in self.buttons.items():
            button.toggled.connect(
                lambda on, chosen=scheme: theme.choose_scheme(chosen) if on else None)


def install(window: QWidget, ctx: AppContext) -> bool:
    """Add the tab; False when the window has no settings tabs."""
    tabs = getattr(window, "settings_tabs", None)
    if not isinstance(tabs, list):
        return False
    tabs.append(("Appearance", AppearanceTab))
    return True
