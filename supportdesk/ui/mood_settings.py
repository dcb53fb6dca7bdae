"""Settings > Mood: whether to show what your people do for your mood (off by default).

Installed by ``install(window, ctx)`` (``window.settings_tabs``); the choice is saved at
once through a use case, which publishes "settings", so Today and the person page follow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from supportdesk.core.mood_effect import EXPLAINED
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.mood_effect_parts import ENOUGH
from supportdesk.ui.pages.view_parts import body


class MoodSettingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        box = QGroupBox("What your people do for your mood", self)
        inner = QVBoxLayout(box)
        self.mood_effect = QCheckBox("Show how I tend to feel after time with each person "
                                     "(on Today and on their page)", box)
        self.mood_effect.setAccessibleName("Show how I tend to feel after time with each "
                                           "person")
        self.mood_effect.setChecked(ctx.app.mood_effect.enabled)
        inner.addWidget(self.mood_effect)
        inner.addWidget(body(f"{EXPLAINED} {ENOUGH}", box, muted=True))
        layout.addWidget(box)
        layout.addStretch(1)
        self.mood_effect.toggled.connect(self._on_mood_effect_toggled)

    def _on_mood_effect_toggled(self, on: bool) -> None:
        self.ctx.app.set_mood_effect_shown(on)


def install(window: QWidget, ctx: AppContext) -> bool:
    """Add the tab; False when the window has no settings tabs."""
    tabs = getattr(window, "settings_tabs", None)
    if not isinstance(tabs, list):
        return False
    tabs.append(("Mood", MoodSettingsTab))
    return True
