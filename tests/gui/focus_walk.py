"""Walking the Tab chain and comparing it with what is on screen (for the focus tests)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QWidget

TOLERANCE = 6  # pixels: widgets on one row rarely line up exactly


@dataclass(frozen=True)
class Stop:
    widget: QWidget
    rect: QRect  # where it is laid out, in the window (below a scrolled view's fold too)
    view: QRect | None = None  # the scroll area's viewport it sits in, if any

    def seen_from(self, other: Stop) -> QRect:
        """Where a reader places it beside ``other``: in the same scroll area, where it
        is laid out; beside something outside, inside its area (Tab scrolls to it)."""
        if self.view is None or self.view == other.view:
            return self.rect
        top = min(max(self.rect.top(), self.view.top()), self.view.bottom() - 1)
        return QRect(self.rect.left(), top, self.rect.width(),
                     max(1, min(self.rect.height(), self.view.bottom() - top)))

    @property
    def name(self) -> str:
        w = self.widget
        text = w.text() if isinstance(w, QAbstractButton) else ""
        return w.accessibleName() or text or w.objectName() or type(w).__name__


def tab_stops(window: QWidget, start: QWidget) -> list[Stop]:
    """Every widget Tab reaches, in Tab order, beginning at ``start``."""
    stops: list[Stop] = []
    widget: QWidget | None = start
    seen: set[int] = set()
    while widget is not None and id(widget) not in seen:
        seen.add(id(widget))
        if _reached_by_tab(widget, window):
            top_left = widget.mapTo(window, QPoint(0, 0))
            stops.append(Stop(widget, QRect(top_left, widget.size()), _view(widget, window)))
        widget = widget.nextInFocusChain()
    return stops


def _view(widget: QWidget, window: QWidget) -> QRect | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = area
    return None


def _reached_by_tab(widget: QWidget, window: QWidget) -> bool:
    return (widget.window() is window and widget.isVisible() and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None)


def comes_before(b: QRect, a: QRect) -> bool:
    """Whether a reader meets ``b`` before ``a``: earlier on the same row, or on a row
    above that is not a new column to the right."""
    overlap = min(a.bottom(), b.bottom()) - max(a.top(), b.top())
    same_row = overlap >= min(a.height(), b.height()) / 2
    if same_row:
        return b.right() <= a.left() + TOLERANCE
    above = b.bottom() <= a.top() + TOLERANCE
    new_column = b.left() >= a.right() - TOLERANCE
    return above and not new_column


def out_of_order(stops: list[Stop]) -> list[str]:
    """Each step where Tab goes back to something a reader met earlier."""
    return [f"{a.name!r} -> {b.name!r}" for a, b in itertools.pairwise(stops)
            if comes_before(b.seen_from(a), a.seen_from(b))]
