"""A QPdfWriter that draws into memory, so the file is written in one go afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPageLayout, QPdfWriter


@contextmanager
def pdf_in_memory(title: str, layout: QPageLayout, resolution: int
                  ) -> Iterator[tuple[QPdfWriter, QByteArray]]:
    """Yield a writer and the bytes it fills; they are complete when the block ends."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("SupportDesk")
    writer.setResolution(resolution)
    writer.setPageLayout(layout)
    try:
        yield writer, data
    finally:
        buffer.close()
