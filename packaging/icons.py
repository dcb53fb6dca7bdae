"""App icons for the installers, drawn from resources/icons/supportdesk.svg.

Ready-made PNGs in resources/icons (``supportdesk-<size>.png`` or
``<size>x<size>/supportdesk.png``) are used as they are; missing sizes are rendered
from the SVG with Qt's SVG renderer, offscreen.

    python packaging/icons.py THEME_DIR [SIZE...]
        -> THEME_DIR/<size>x<size>/apps/supportdesk.png and scalable/apps/supportdesk.svg
        (the hicolor icon theme's layout)
    python packaging/icons.py --ico OUT.ico      (Windows; needs Pillow)
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
SVG = ICONS / "supportdesk.svg"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def shipped_png(size: int) -> Path | None:
    for candidate in (ICONS / f"supportdesk-{size}.png",
                      ICONS / f"{size}x{size}" / "supportdesk.png",
                      ICONS / "hicolor" / f"{size}x{size}" / "apps" / "supportdesk.png"):
        if candidate.is_file():
            return candidate
    return None


def render_png(size: int, target: Path) -> Path:
    """Write the app icon at ``size`` pixels square to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    ready = shipped_png(size)
    if ready is not None:
        shutil.copyfile(ready, target)
        return target
    if not SVG.is_file():
        raise FileNotFoundError(f"the app icon {SVG} is missing")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise OSError(f"could not write {target}")
    return target


def render_theme(theme_dir: Path, sizes: tuple[int, ...] = HICOLOR_SIZES) -> list[Path]:
    """The icon in the hicolor theme layout under ``theme_dir``."""
    written = [render_png(size, theme_dir / f"{size}x{size}" / "apps" / "supportdesk.png")
               for size in sizes]
    if SVG.is_file():
        scalable = theme_dir / "scalable" / "apps" / "supportdesk.svg"
        scalable.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SVG, scalable)
        written.append(scalable)
    return written


def write_ico(target: Path) -> Path:
    """A multi-size Windows .ico (for the installer; PyInstaller makes the exe's own)."""
    from PIL import Image

    source = render_png(256, target.with_suffix(".png"))
    with Image.open(source) as image:
        image.save(target, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    return target


if __name__ == "__main__":
    if sys.argv[1] == "--ico":
        print(write_ico(Path(sys.argv[2])))
        raise SystemExit(0)
    chosen = tuple(int(s) for s in sys.argv[2:]) or HICOLOR_SIZES
    for path in render_theme(Path(sys.argv[1]), chosen):
        print(path)
