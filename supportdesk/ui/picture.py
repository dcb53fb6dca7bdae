"""Saving something drawn as a picture: PNG (at twice screen resolution) or SVG.

``paint(painter, size)`` draws the picture into a ``size`` area at the painter's
origin; the same drawing makes both files (the circles map, the year of moods).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from supportdesk.core.errors import StorageError

PNG_SCALE = 2.0
Paint = Callable[[QPainter, QSizeF], None]


def _not_saved() -> StorageError:
    return StorageError("The picture could not be saved there.",
                        hint="Try another folder, or check there is free space.")


def _prepare(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)


def save_png(path: Path, size: QSizeF, paint: Paint, background: QColor) -> Path:
    pixels = QSize(int(size.width() * PNG_SCALE), int(size.height() * PNG_SCALE))
    image = QImage(pixels, QImage.Format.Format_ARGB32)
    image.fill(background)
    painter = QPainter(image)
    _prepare(painter)
    painter.scale(PNG_SCALE, PNG_SCALE)
    paint(painter, size)
    painter.end()
    if not image.save(str(path)):  # the format follows the .png suffix
        raise _not_saved()
    return path


def save_svg(path: Path, size: QSizeF, paint: Paint, background: QColor, title: str) -> Path:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(size.width()), int(size.height())))
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("Exported from SupportDesk")
    painter = QPainter()
    if not painter.begin(generator):
        raise _not_saved()
    _prepare(painter)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), background)
    paint(painter, size)
    painter.end()
    if not path.exists():
        raise _not_saved()
    return path
