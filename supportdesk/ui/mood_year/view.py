"""The year at a glance, as Check-ins shows it ("Show: My year in moods"): the year's
grid, the year before and after, the focused day in words, and "Save as picture…".

It reads through ``ctx.app.mood_year`` and is refreshed by the Check-ins page, which
keeps the page contract ("checkins" covers moods noted on their own too).

Signals:
    year_shown(int): another year is now shown.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSizeF, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from supportdesk.core.errors import KnownError
from supportdesk.ui.context import AppContext
from supportdesk.ui.mood_year.day_dialog import DayEntriesDialog
from supportdesk.ui.mood_year.grid import MoodYearGrid
from supportdesk.ui.picture import save_png, save_svg
from supportdesk.ui.plain import plain_label, tell

PNG_FILTER, SVG_FILTER = "PNG picture (*.png)", "SVG picture (*.svg)"
EXPLAINED = ("Each square is a day, coloured by how you were on average: the moods you "
             "noted on their own and in check-ins. Arrow keys move a day; Enter shows "
             "what you noted.")
PICTURE_WIDTH = 760.0  # a saved picture is as wide as this, whatever the window
MARGIN = 16.0


class MoodYearView(QWidget):
    year_shown = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = self._today().year
        self._build()
        self._connect_signals()

    def _today(self) -> date:
        return self.ctx.app.now().astimezone(self.ctx.app.mood_year.zone).date()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.previous_button = QPushButton("", self)
        self.year_label = plain_label("", self)
        font = self.year_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.year_label.setFont(font)
        self.next_button = QPushButton("", self)
        self.save_button = QPushButton("Save as picture…", self)
        self.save_button.setAccessibleName("Save the year as a PNG or SVG picture")
        bar.addWidget(self.previous_button)
        bar.addWidget(self.year_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.explained = plain_label(EXPLAINED, self)
        self.explained.setWordWrap(True)
        layout.addWidget(self.explained)
        self.grid = MoodYearGrid(self)
        layout.addWidget(self.grid)
        self.day_label = plain_label("", self)
        self.day_label.setWordWrap(True)
        layout.addWidget(self.day_label)
        self.summary = plain_label("", self)
        self.summary.setEnabled(False)  # calm, muted
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.previous_button.clicked.connect(lambda: self.show_year(self.year - 1))
        self.next_button.clicked.connect(lambda: self.show_year(self.year + 1))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.grid.day_focused.connect(self._on_grid_day_focused)
        self.grid.day_activated.connect(self.open_day)
        self.grid.year_step_requested.connect(lambda step: self.show_year(self.year + step))

    def refresh(self) -> None:
        """Read the year shown again (one aggregate) and draw it."""
        today = self._today()
        moods = self.ctx.app.mood_year.year(self.year)
        self.grid.set_year(moods, today)
        self.year_label.setText(str(self.year))
        self.previous_button.setText(f"◀ {self.year - 1}")
        self.previous_button.setAccessibleName(f"Show {self.year - 1}")
        self.next_button.setText(f"{self.year + 1} ▶")
        self.next_button.setAccessibleName(f"Show {self.year + 1}")
        self.next_button.setEnabled(self.year < today.year)
        days = moods.noted_days
        self.summary.setText(f"Something noted on {days} day{'s' if days != 1 else ''} "
                             f"of {self.year}." if days else
                             f"Nothing noted in {self.year} yet.")
        self._on_grid_day_focused(self.grid.focused_day)

    def show_year(self, year: int) -> None:
        if year > self._today().year or year == self.year:
            return
        self.year = year
        self.refresh()
        self.year_shown.emit(year)

    def _on_grid_day_focused(self, _day: object) -> None:
        self.day_label.setText(self.grid.focused_words())

    def open_day(self, day: object) -> None:
        assert isinstance(day, date)
        DayEntriesDialog(self.ctx, day, self.window()).exec()

    # -- saving as a picture -------------------------------------------------------------

    def picture_size(self) -> QSizeF:
        title = self.fontMetrics().height() * 1.6
        return QSizeF(PICTURE_WIDTH + 2 * MARGIN,
                      title + self.grid.picture_height(PICTURE_WIDTH) + 2 * MARGIN)

    def _paint_picture(self, painter: QPainter, size: QSizeF) -> None:
        title_height = self.fontMetrics().height() * 1.6
        painter.translate(MARGIN, MARGIN)
        size = QSizeF(size.width() - 2 * MARGIN, size.height() - 2 * MARGIN)
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(0, 0, int(size.width()), int(title_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         f"My moods in {self.year}")
        painter.translate(0, title_height)
        self.grid.paint(painter, QSizeF(size.width(), size.height() - title_height))

    def _on_save_clicked(self) -> None:
        suggested = Path.home() / f"my-moods-{self.year}.png"
        path, chosen = QFileDialog.getSaveFileName(self, "Save the year as a picture",
                                                   str(suggested),
                                                   f"{PNG_FILTER};;{SVG_FILTER}")
        if path:
            with suppress(KnownError):  # told in export()
                self.export(Path(path), svg=chosen == SVG_FILTER or path.endswith(".svg"))

    def export(self, path: Path, svg: bool) -> Path:
        background = self.palette().color(QPalette.ColorRole.Window)
        target = path.with_suffix(".svg" if svg else ".png")
        try:
            self.ctx.app.exporting.refuse_own_file(target)
            if svg:
                return save_svg(target, self.picture_size(), self._paint_picture, background,
                                f"My moods in {self.year}")
            return save_png(target, self.picture_size(), self._paint_picture, background)
        except KnownError as error:
            tell(self, "Couldn't save the picture", str(error), warning=True)
            raise
