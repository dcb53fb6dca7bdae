"""The app icon and the sidebar's line icons, drawn from the SVGs in resources/icons.

Page icons are drawn in the palette's text colour so they read well in light and dark.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from supportdesk.resources import resource_path

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon_svg() -> Path:
    return resource_path("icons", "supportdesk.svg")


def render_svg(svg: bytes, size: int) -> QPixmap:
    """``svg`` drawn into a transparent square pixmap ``size`` pixels wide."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(svg))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return pixmap


@cache
def app_icon() -> QIcon:
    svg = app_icon_svg().read_bytes()
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addPixmap(render_svg(svg, size))
    return icon


def _text_color() -> QColor:
    app = QGuiApplication.instance()
    palette = QGuiApplication.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.WindowText)


def _highlighted_text_color() -> QColor:
    app = QGuiApplication.instance()
    palette = QGuiApplication.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.HighlightedText)


def page_icon(key: str) -> QIcon:
    """The line icon for the page ``key``, in the current text colour; selected (a
    sidebar row), in the highlighted text's colour, so it stays clear on the highlight."""
    return _page_icon(key, _text_color().name(), _highlighted_text_color().name())


@cache
def _page_icon(key: str, color: str, selected_color: str) -> QIcon:
    path = resource_path("icons", "pages", f"{key}.svg")
    if not path.exists():
        return QIcon()
    svg = path.read_bytes()
    icon = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, color), (QIcon.Mode.Selected, selected_color)):
        drawn = svg.replace(b"currentColor", colour.encode())
        for size in (16, 20, 24, 32, 48):
            icon.addPixmap(render_svg(drawn, size), mode)
    return icon


def sidebar_icon_size(widget: QWidget) -> QSize:
    """Icons a little taller than a line of text, so they scale with the font."""
    side = round(widget.fontMetrics().height() * 1.3)
    return QSize(side, side)
