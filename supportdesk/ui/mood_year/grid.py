"""The year's grid: twelve rows of months, a square per day, coloured by the day's mean
mood; a legend with the mood words beneath.

The colours are five steps of viridis, a scale made to be told apart with every common
kind of colour blindness (and in grey: each step is lighter than the last), from dark
violet (very low) to yellow (very good). Every square has a thin outline in the text
colour, so the darkest shows on a dark window and the lightest on a light one; a day
with nothing noted is the outline alone.

Keyboard: Left/Right a day, Up/Down the same date a month away, Home/End the month's
first and last day, Ctrl+Home/End the year's, PageUp/PageDown the year before or after,
Enter what was noted that day. The focused day, in words, is the widget's accessible
name (and the tooltip under the mouse says the same of its day).

Signals:
    day_focused(object): the focused day (a ``date``) moved.
    day_activated(object): Enter or a double-click on a day (a ``date``).
    year_step_requested(int): PageUp (-1) or PageDown (+1).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.mood_year import MoodYear, day_words
from supportdesk.ui.plain import plain_tooltip

MOOD_COLOURS = {1: QColor("#440154"), 2: QColor("#3b528b"), 3: QColor("#21918c"),
                4: QColor("#5ec962"), 5: QColor("#fde725")}
NOTHING_NOTED = "Nothing noted"
MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]
MIN_CELL, MAX_CELL = 11.0, 24.0


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class Geometry:
    """Where each day's square is, for a given width and font."""

    def __init__(self, width: float, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        self.line = metrics.height()
        self.label_width = max(metrics.horizontalAdvance(m) for m in MONTHS) + 8
        room = (width - self.label_width - 2) / 31
        self.step = max(MIN_CELL + 3, min(MAX_CELL + 4, room))
        self.gap = max(2.0, round(self.step * 0.16))
        self.cell = self.step - self.gap
        self.top = self.line + 4  # the day numbers above the grid
        self.grid_bottom = self.top + 12 * self.step
        self.width = self.label_width + 31 * self.step

    def cell_rect(self, day: date) -> QRectF:
        return QRectF(self.label_width + (day.day - 1) * self.step,
                      self.top + (day.month - 1) * self.step, self.cell, self.cell)

    def day_at(self, point: QPointF, year: int) -> date | None:
        column = int((point.x() - self.label_width) // self.step)
        row = int((point.y() - self.top) // self.step)
        if not (0 <= column < 31 and 0 <= row < 12) or point.x() < self.label_width:
            return None
        if column + 1 > calendar.monthrange(year, row + 1)[1]:
            return None
        return date(year, row + 1, column + 1)


class MoodYearGrid(QWidget):
    day_focused = Signal(object)
    day_activated = Signal(object)
    year_step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moods = MoodYear(date.today().year)
        self.today = date.today()
        self.focused_day = self.today
        self._placed = False  # the focus starts on today, once set_year says when that is
        self._kept_squares: tuple[MoodYear, object, dict[tuple[bool, int], list[QRectF]]] \
            | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setAccessibleDescription(
            "A square for each day of the year, coloured by how you were on average. "
            "Arrow keys move a day; Enter shows what you noted that day.")
        self._announce()

    # -- state ---------------------------------------------------------------------

    def set_year(self, moods: MoodYear, today: date) -> None:
        """Show ``moods``; the focus stays on the same date in the new year if it can."""
        self.moods, self.today = moods, today
        wanted = self.focused_day
        if not self._placed or wanted.year != moods.year:
            self._placed = True
            wanted = today if today.year == moods.year else \
                _clamped(moods.year, wanted.month, wanted.day)
        self.focused_day = wanted
        self._announce()
        self.updateGeometry()
        self.update()

    def focus_day(self, day: date) -> None:
        day = min(max(day, self.moods.first), self.moods.last)
        if day != self.focused_day:
            self._update_around(self.focused_day)  # only the two squares are painted again
            self.focused_day = day
            self._announce()
            self._update_around(day)
            self.day_focused.emit(day)

    def _update_around(self, day: date) -> None:
        """Ask for ``day``'s square to be painted again, with its focus ring."""
        rect = self.geometry_for(self.width()).cell_rect(day).adjusted(-4, -4, 4, 4)
        self.update(rect.toAlignedRect())

    def focused_words(self) -> str:
        return day_words(self.focused_day, self.moods.get(self.focused_day))

    def _announce(self) -> None:
        self.setAccessibleName(self.focused_words())
        if QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.NameChanged))

    # -- size ----------------------------------------------------------------------

    def geometry_for(self, width: float) -> Geometry:
        return Geometry(width, self.font())

    def _legend_height(self, width: float) -> float:
        return self._legend(None, self.geometry_for(width), width, 0)

    def picture_height(self, width: float) -> float:
        geometry = self.geometry_for(width)
        return geometry.grid_bottom + 10 + self._legend_height(width)

    def sizeHint(self) -> QSize:
        width = Geometry(0, self.font()).label_width + 31 * (MAX_CELL + 4)
        return QSize(int(width), int(self.picture_height(width)) + 2)

    def minimumSizeHint(self) -> QSize:
        width = Geometry(0, self.font()).label_width + 31 * (MIN_CELL + 3) + 2
        return QSize(int(width), int(self.picture_height(width)) + 2)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self.picture_height(width)) + 2

    # -- drawing -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QSizeF(self.width(), self.height()), focus=self.hasFocus(),
                   exposed=QRectF(event.rect()))
        painter.end()

    def _squares(self, geometry: Geometry) -> dict[tuple[bool, int], list[QRectF]]:
        """Each day's square, grouped by how it is drawn (after today?, mood level or 0
        for nothing noted): worked out once per year shown, width and today, so a
        repaint only draws."""
        key = (self.today, geometry.step, geometry.label_width, geometry.top)
        kept = self._kept_squares
        if kept is not None and kept[0] is self.moods and kept[1] == key:
            return kept[2]
        groups: dict[tuple[bool, int], list[QRectF]] = {}
        day, one = self.moods.first, timedelta(days=1)
        while day.year == self.moods.year:
            mood = self.moods.days.get(day)
            style = (day > self.today, mood.level if mood is not None else 0)
            groups.setdefault(style, []).append(
                geometry.cell_rect(day).adjusted(0.5, 0.5, -0.5, -0.5))
            day += one
        self._kept_squares = (self.moods, key, groups)
        return groups

    def paint(self, painter: QPainter, size: QSizeF, focus: bool = False,
              exposed: QRectF | None = None) -> None:
        """The grid and its legend in ``size`` (also what a saved picture holds); only
        the squares that meet ``exposed`` when it is given (a focus move asks for two)."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        geometry = self.geometry_for(size.width())
        painter.setFont(self.font())
        painter.setPen(text)
        if exposed is None or exposed.top() < geometry.top:
            for number in (1, 5, 10, 15, 20, 25, 30):
                where = QRectF(geometry.label_width + (number - 1) * geometry.step - 4,
                               0, geometry.cell + 8, geometry.line)
                painter.drawText(where, Qt.AlignmentFlag.AlignCenter, str(number))
        if exposed is None or exposed.left() < geometry.label_width:
            for month in range(12):
                where = QRectF(0, geometry.top + month * geometry.step,
                               geometry.label_width - 6, geometry.cell)
                painter.drawText(where,
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 MONTHS[month])
        outline = QColor(text)
        outline.setAlpha(90)
        faint = QColor(text)
        faint.setAlpha(40)
        radius = max(1.5, geometry.cell / 6)
        for (later, level), rects in self._squares(geometry).items():
            painter.setPen(QPen(faint if later else outline, 1))
            if level:
                painter.setBrush(MOOD_COLOURS[level])
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in rects:
                if exposed is None or rect.intersects(exposed):
                    painter.drawRoundedRect(rect, radius, radius)
        year = self.moods.year
        if self.today.year == year:  # today: a firmer outline
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(text, 1.5))
            painter.drawRoundedRect(geometry.cell_rect(self.today).adjusted(-1, -1, 1, 1),
                                    radius + 1, radius + 1)
        if focus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2.5))
            painter.drawRoundedRect(geometry.cell_rect(self.focused_day).adjusted(-2, -2, 2, 2),
                                    radius + 2, radius + 2)
        if exposed is None or exposed.bottom() > geometry.grid_bottom:
            self._legend(painter, geometry, size.width(), geometry.grid_bottom + 10)

    def _legend(self, painter: QPainter | None, geometry: Geometry, width: float,
                top: float) -> float:
        """Draw the legend from ``top`` (or only measure it, without a painter); its height."""
        metrics = QFontMetricsF(self.font())
        swatch = min(geometry.cell, metrics.height() - 2)
        items: list[tuple[QColor | None, str]] = [(MOOD_COLOURS[level], MOOD_LABELS[level])
                                                  for level in range(1, 6)]
        items.append((None, NOTHING_NOTED))
        x, y = geometry.label_width, top
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        outline = QColor(text)
        outline.setAlpha(90)
        for colour, words in items:
            item_width = swatch + 6 + metrics.horizontalAdvance(words) + 18
            if x + item_width > width and x > geometry.label_width:
                x, y = geometry.label_width, y + metrics.height() + 4
            if painter is not None:
                box = QRectF(x + 0.5, y + (metrics.height() - swatch) / 2 + 0.5,
                             swatch - 1, swatch - 1)
                painter.setPen(QPen(outline, 1))
                if colour is None:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                else:
                    painter.setBrush(colour)
                painter.drawRoundedRect(box, 2, 2)
                painter.setPen(text)
                painter.drawText(QRectF(x + swatch + 6, y, item_width, metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 words)
            x += item_width
        return y + metrics.height() + 2 - top

    # -- input ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        day, key = self.focused_day, Qt.Key(event.key())
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        moves = {
            Qt.Key.Key_Left: lambda: day - timedelta(days=1),
            Qt.Key.Key_Right: lambda: day + timedelta(days=1),
            Qt.Key.Key_Up: lambda: _clamped(day.year, max(1, day.month - 1), day.day),
            Qt.Key.Key_Down: lambda: _clamped(day.year, min(12, day.month + 1), day.day),
            Qt.Key.Key_Home: lambda: date(day.year, 1, 1) if ctrl else day.replace(day=1),
            Qt.Key.Key_End: lambda: date(day.year, 12, 31) if ctrl else
            _clamped(day.year, day.month, 31),
        }
        if key in moves:
            self.focus_day(moves[key]())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_activated.emit(day)
        elif key == Qt.Key.Key_PageUp:
            self.year_step_requested.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.year_step_requested.emit(1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.geometry_for(self.width()).day_at(event.position(), self.moods.year)
        if day is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.focus_day(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.geometry_for(self.width()).day_at(event.position(), self.moods.year)
        if day is not None:
            self.day_activated.emit(day)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._update_around(self.focused_day)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._update_around(self.focused_day)

    def words_at(self, point: QPointF) -> str | None:
        """What the tooltip says at ``point``: that day in words (None off the grid)."""
        day = self.geometry_for(self.width()).day_at(point, self.moods.year)
        return None if day is None else day_words(day, self.moods.get(day))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            words = self.words_at(QPointF(event.pos()))
            if words is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(words), self)
            return True
        return super().event(event)
