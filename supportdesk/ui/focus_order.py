"""Keeping Tab order the same as reading order when widgets are added after the fact.

Qt adds a new widget at the end of its window's Tab chain, so rows, buttons and lists
built after the page or dialog land after everything else (after Save and Cancel, after
the last table). ``place_after`` puts them where a reader meets them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QWidget


def tab_targets(widget: QWidget) -> list[QWidget]:
    """The controls Tab stops at in ``widget`` (itself or inside it), in creation order;
    a control's own parts (a spin box's line edit) are left to it."""
    if _stops(widget):
        return [widget]
    found: list[QWidget] = []
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        found.extend(tab_targets(child))
    return found


def place_after(anchor: QWidget, widgets: Iterable[QWidget]) -> QWidget:
    """Put the controls in each of ``widgets`` right after ``anchor`` (a control), in
    the order given; returns the last one placed (or ``anchor``)."""
    previous = anchor
    for widget in widgets:
        for target in tab_targets(widget):
            QWidget.setTabOrder(previous, target)
            previous = target
    return previous


def _stops(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def previous_stop(widget: QWidget) -> QWidget | None:
    """The control before ``widget`` (and what is inside it) in Tab order."""
    current = widget.previousInFocusChain()
    while current is not None and current is not widget:
        if not widget.isAncestorOf(current) and _stops(current):
            return current
        current = current.previousInFocusChain()
    return None


def keep_in_place(container: QWidget, widgets: Iterable[QWidget]) -> None:
    """Tab through ``widgets`` (in the order given) where ``container`` stands in the
    Tab order, not at the end of the window's, where Qt adds whatever is made late."""
    anchor = previous_stop(container)
    if anchor is not None:
        place_after(anchor, widgets)


def layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets in ``layout`` and the layouts inside it, in layout order."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            found.append(widget)
        elif inner is not None:
            found.extend(layout_widgets(inner))
    return found
