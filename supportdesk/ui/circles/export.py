"""Saving the map as a picture: PNG (at twice screen resolution) or SVG (ui/picture.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from supportdesk.ui.picture import Paint, save_png, save_svg


def _painter_for(scene: QGraphicsScene) -> Paint:
    def paint(painter: QPainter, size: QSizeF) -> None:
        # cached items would paint screen-resolution bitmaps; draw them afresh instead,
        # so the PNG is sharp and the SVG holds real shapes and text
        cached = [(item, item.cacheMode()) for item in scene.items()]
        for item, _mode in cached:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            scene.render(painter, QRectF(0, 0, size.width(), size.height()),
                         scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            for item, mode in cached:
                item.setCacheMode(mode)
    return paint


def export_png(scene: QGraphicsScene, path: Path, background: QColor) -> Path:
    return save_png(path, scene.sceneRect().size(), _painter_for(scene), background)


def export_svg(scene: QGraphicsScene, path: Path, background: QColor) -> Path:
    return save_svg(path, scene.sceneRect().size(), _painter_for(scene), background,
                    "My support circles")
