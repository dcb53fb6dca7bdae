"""Saving the map as a picture: PNG (at twice screen resolution) or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from supportdesk.core.errors import StorageError

PNG_SCALE = 2.0


def _render(scene: QGraphicsScene, painter: QPainter, target: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # cached items would paint screen-resolution bitmaps; draw them afresh instead,
    # so the PNG is sharp and the SVG holds real shapes and text
    cached = [(item, item.cacheMode()) for item in scene.items()]
    for item, _mode in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def export_png(scene: QGraphicsScene, path: Path, background: QColor) -> Path:
    rect = scene.sceneRect()
    size = QSize(int(rect.width() * PNG_SCALE), int(rect.height() * PNG_SCALE))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(background)
    painter = QPainter(image)
    _render(scene, painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    if not image.save(str(path)):  # the format follows the .png suffix
        raise StorageError("The picture could not be saved there.",
                           hint="Try another folder, or check there is free space.")
    return path


def export_svg(scene: QGraphicsScene, path: Path, background: QColor) -> Path:
    rect = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle("My support circles")
    generator.setDescription("Exported from SupportDesk")
    painter = QPainter()
    if not painter.begin(generator):
        raise StorageError("The picture could not be saved there.",
                           hint="Try another folder, or check there is free space.")
    painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), background)
    _render(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    painter.end()
    if not path.exists():
        raise StorageError("The picture could not be saved there.",
                           hint="Try another folder, or check there is free space.")
    return path
