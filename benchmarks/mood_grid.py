"""The year at a glance on ten years: 3,650 daily moods on their own plus the scale
vault's 200,000 check-ins (issue 16: the year grid draws in 50 ms or less).

The scale vault is copied (the cached one is left as generate.py built it) and a mood
is added for each of its ten years' days. Then, for one full year (2025, about 20,000
check-ins and 365 moods):

- the grid painted: what a repaint of the grid draws, into an image the size it has on
  the Check-ins page (366 squares, the labels and the legend);
- the year read: the one SQL query, each local day's moods added up
  (``MoodYearService.year``);
- another year shown: what paging to a year not read yet costs, read and painted,
  through the real view (``MoodYearView.refresh`` and a synchronous repaint);
- a year shown again: the same, for a year read before and unchanged since.
"""

from __future__ import annotations

import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks import generate

DAYS = 3650
YEAR = 2025
GRID_WIDTH = 880  # the grid's width on the Check-ins page in a 1100x720 window


def _vault_with_moods(work: Path) -> Any:
    from supportdesk.core.mood import MoodEntry
    from supportdesk.services.session import Session
    from supportdesk.store import database
    from supportdesk.store.repository import Repository
    from supportdesk.vault.keystore import KeyringKeyStore
    from supportdesk.vault.vault import Vault
    from tests.reliability.file_keyring import FileKeyring

    copy = work / "mood-vault"
    shutil.copytree(generate.ensure(), copy)
    vault = Vault.open(copy, KeyringKeyStore(FileKeyring(generate.keyring_file())))
    database.bind(vault.db)
    evening = generate.NOW.replace(hour=20)
    entries = [MoodEntry(at=evening - timedelta(days=day), mood=1 + (day * 7 + day // 3) % 5)
               for day in range(DAYS)]
    Repository().add_mood_entries(entries)
    database.run_sql(vault.db, "ANALYZE")
    return Session(vault.db, vault=vault)


def _median_ms(work: Any, runs: int) -> float:
    import statistics

    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def mood_grid_rows(work: Path, runs: int) -> list[Any]:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QImage, QPainter, QUndoStack
    from PySide6.QtWidgets import QApplication

    from benchmarks.run import Row
    from supportdesk.services.mood_year import MoodYearService
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.events import Events
    from supportdesk.ui.mood_year.grid import MoodYearGrid
    from supportdesk.ui.mood_year.view import MoodYearView

    QApplication.instance() or QApplication([])
    session = _vault_with_moods(work)
    try:
        service = MoodYearService(session)
        moods = service.year(YEAR)
        assert moods.noted_days >= 365, moods.noted_days
        grid = MoodYearGrid()
        grid.resize(GRID_WIDTH, grid.heightForWidth(GRID_WIDTH))
        grid.set_year(moods, moods.last)
        image = QImage(grid.size(), QImage.Format.Format_ARGB32_Premultiplied)

        def paint() -> None:
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            grid.paint(painter, QSizeF(grid.size()), focus=True)
            painter.end()

        painted = _median_ms(paint, max(runs, 20))
        read = _median_ms(lambda: MoodYearService(session).year(YEAR), runs)
        ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
        view = MoodYearView(ctx)
        view.resize(GRID_WIDTH + 20, 640)
        view.show()
        QApplication.processEvents()
        unread = iter(range(YEAR, YEAR - 10, -1))  # back through the years, each read once

        def shown(year: int) -> None:
            view.year = year
            view.refresh()
            view.grid.repaint()

        shown_ms = _median_ms(lambda: shown(next(unread)), min(runs, 10))
        again = _median_ms(lambda: shown(YEAR), runs)  # read above: kept until a change
        view.close()
        ctx.bus.stop()
    finally:
        session.close()
    note = f"{DAYS:,} moods + 200,000 check-ins, one year"
    return [
        Row("year grid: painted (366 squares, labels, legend)", painted, "ms", None, 50,
            note),
        Row("year grid: the year's moods added up by local day", read, "ms", None,
            float("inf"), "shown, no target: one SQL query"),
        Row("year grid: another year shown (read and painted)", shown_ms, "ms", None, 50,
            note),
        Row("year grid: a year shown again (kept, painted)", again, "ms", None, 50,
            "nothing written since it was read"),
    ]
