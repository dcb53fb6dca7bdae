"""Look and feel: the platform's own style, light or dark as the OS says (or as the person
chose in Settings > Appearance), calm accents.

Sizes come from the font (``em``), never fixed pixels, so the app follows the system's
text size. The few colours we add are derived from the palette, so they work in both
light and dark and follow a switch made while the app is open.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

ACCENT_LIGHT = QColor("#2f8f80")
ACCENT_DARK = QColor("#6cc4b4")
# Styles whose look has aged badly or that ignore dark mode; Fusion reads better.
POOR_STYLES = {"windows"}


_forced_dark: bool | None = None  # set by Theme: the person's choice, screenshots, tests
_current: Theme | None = None
# Kept with the window's own settings (QSettings), not in the vault: the look applies
# before the vault is open, and it says nothing about anyone.
SCHEME_KEY = "appearance/scheme"
SCHEMES = ("system", "light", "dark")


def chosen_scheme() -> str:
    """"system" (follow the OS), "light" or "dark", as chosen in Settings > Appearance."""
    value = QSettings().value(SCHEME_KEY, "system")
    return value if isinstance(value, str) and value in SCHEMES else "system"


def choose_scheme(scheme: str) -> None:
    """Keep the choice and apply it at once to the running app."""
    if scheme not in SCHEMES:
        raise ValueError(scheme)
    QSettings().setValue(SCHEME_KEY, scheme)
    if _current is not None:
        _current.force_dark(None if scheme == "system" else scheme == "dark")


def is_dark(palette: QPalette | None = None) -> bool:
    if _forced_dark is not None:
        return _forced_dark
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent() -> QColor:
    return ACCENT_DARK if is_dark() else ACCENT_LIGHT


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def dark_palette() -> QPalette:
    """A soft dark palette for Fusion where the platform gives none."""
    p = QPalette()
    # Fields are a little lighter than the window: Fusion's dark outlines alone would
    # leave check boxes and inputs hard to see.
    window, base, text = QColor("#1f2526"), QColor("#2b3435"), QColor("#e4ecea")
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor("#313b3c"),
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: QColor("#354041"),
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text, QPalette.ColorRole.PlaceholderText:
            QColor("#8fa09d"), QPalette.ColorRole.Highlight: QColor("#2f7f73"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: ACCENT_DARK, QPalette.ColorRole.Mid: QColor("#3a4445"),
        QPalette.ColorRole.Light: QColor("#3d4748"), QPalette.ColorRole.Dark: QColor("#101415"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a8785"))
    return p


def light_palette(style_palette: QPalette) -> QPalette:
    p = QPalette(style_palette)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f8f80"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, ACCENT_LIGHT)
    return p


def style_sheet(palette: QPalette) -> str:
    window = palette.color(QPalette.ColorRole.Window)
    tint = _mix(window, accent(), 0.14).name()
    border = _mix(window, accent(), 0.45).name()
    sidebar = _mix(window, palette.color(QPalette.ColorRole.Base), 0.5).name()
    selected = palette.color(QPalette.ColorRole.Highlight).name()
    selected_text = palette.color(QPalette.ColorRole.HighlightedText).name()
    hover = _mix(window, accent(), 0.22).name()
    # The focus ring goes round the whole selected row, not just its words.
    focus_ring = palette.color(QPalette.ColorRole.WindowText).name()
    button = palette.color(QPalette.ColorRole.Button).name()
    button_text = palette.color(QPalette.ColorRole.ButtonText).name()
    outline = _mix(window, palette.color(QPalette.ColorRole.WindowText), 0.35).name()
    # A chosen day is filled with the accent, light or dark, so it never reads as unchosen.
    day_on = accent().name()
    day_on_text = "#0f2420" if is_dark(palette) else "#ffffff"
    return f"""
        QToolButton#DayToggle {{ background: {button}; color: {button_text};
                                 border: 1px solid {outline}; border-radius: 0.3em;
                                 padding: 0.2em 0.5em; }}
        QToolButton#DayToggle:hover {{ background: {hover}; }}
        QToolButton#DayToggle:checked {{ background: {day_on}; color: {day_on_text};
                                         border-color: {day_on}; font-weight: bold; }}
        QToolButton#DayToggle:focus {{ border: 2px solid {button_text}; }}
        QListWidget#Sidebar {{ background: {sidebar}; border: none; padding: 0.4em 0;
                               outline: none; }}
        QListWidget#Sidebar::item {{ padding: 0.45em 0.7em; border-radius: 0.3em;
                                     margin: 0.05em 0.35em; border: 2px solid transparent; }}
        QListWidget#Sidebar::item:selected:focus {{ border: 2px solid {focus_ring}; }}
        QListWidget#Sidebar::item:hover {{ background: {hover}; }}
        QListWidget#Sidebar::item:selected {{ background: {selected};
                                              color: {selected_text}; }}
        QFrame#Banner, QFrame#LogThis {{ background: {tint}; border: 1px solid {border};
                                         border-radius: 0.4em; margin: 0.5em; }}
        QFrame#RecoveryKey {{ background: {tint}; border: 1px solid {border};
                              border-radius: 0.4em; padding: 0.8em; }}
        QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
        QPushButton[flat="true"] {{ text-align: left; padding: 0.25em 0.5em; }}
        QLabel#FieldError {{ color: {"#f0a39a" if is_dark(palette) else "#a3372b"}; }}
    """


class Theme(QObject):
    """Applies the look to ``app`` and again whenever the OS switches light/dark."""

    def __init__(self, app: QApplication, forced_dark: bool | None = None) -> None:
        super().__init__(app)
        self.app = app
        self._choose_style()
        self._style_palette = QPalette(app.style().standardPalette())
        global _current
        _current = self
        if forced_dark is None and chosen_scheme() != "system":
            forced_dark = chosen_scheme() == "dark"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.force_dark(forced_dark)

    def force_dark(self, forced: bool | None) -> None:
        """Dark (True), light (False), or as the system says (None), from now on."""
        global _forced_dark
        _forced_dark = forced
        hints = QGuiApplication.styleHints()
        if forced is not None:
            hints.setColorScheme(Qt.ColorScheme.Dark if forced else Qt.ColorScheme.Light)
        elif hasattr(hints, "unsetColorScheme"):  # Qt 6.8 and later
            hints.unsetColorScheme()
        self.apply()

    def _choose_style(self) -> None:
        name = self.app.style().name().lower()
        styles = [k.lower() for k in QStyleFactory.keys()]  # noqa: SIM118 (a static method)
        if name in POOR_STYLES and "fusion" in styles:
            self.app.setStyle("Fusion")

    def apply(self) -> None:
        dark = is_dark()
        is_fusion = self.app.style().name().lower() == "fusion"
        if is_fusion:
            self.app.setPalette(dark_palette() if dark else light_palette(self._style_palette))
        self.app.setStyleSheet(style_sheet(self.app.palette()))

    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()
