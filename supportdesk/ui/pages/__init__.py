"""The sidebar pages, in sidebar order, and how to build one lazily.

Every page is a QWidget subclass in ``supportdesk/ui/pages/<key>.py`` built as
``Page(ctx, parent=None)`` that fills itself, with a ``refresh()`` method the main
window calls when the page is shown again. Pages connect to ``ctx.events`` themselves
for later changes. Modules are imported on first show so start-up stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from supportdesk.ui.context import AppContext


class PageSpec(NamedTuple):  # not a dataclass: this module loads before the first paint
    key: str
    title: str
    module: str
    class_name: str


PAGES: tuple[PageSpec, ...] = tuple(PageSpec(*row) for row in (
    ("today", "Today", "supportdesk.ui.pages.today", "TodayPage"),
    ("people", "People", "supportdesk.ui.pages.people", "PeoplePage"),
    ("circles", "Circles", "supportdesk.ui.pages.circles", "CirclesPage"),
    ("checkins", "Check-ins", "supportdesk.ui.pages.checkins", "CheckinsPage"),
    ("gratitude", "Gratitude", "supportdesk.ui.pages.gratitude", "GratitudePage"),
    ("safety_plan", "Safety plan", "supportdesk.ui.pages.safety_plan", "SafetyPlanPage"),
    ("reach_out", "Reach out now", "supportdesk.ui.pages.reach_out", "ReachOutPage"),
))

PERSON_PAGE = PageSpec("person", "Person", "supportdesk.ui.pages.person", "PersonPage")

_BY_KEY = {spec.key: spec for spec in (*PAGES, PERSON_PAGE)}


def spec_for(key: str) -> PageSpec:
    return _BY_KEY[key]


def build_page(spec: PageSpec, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    """Import the page's module (on first use, so start-up stays quick) and build it."""
    module = importlib.import_module(spec.module)
    page: QWidget = getattr(module, spec.class_name)(ctx, parent)
    return page
