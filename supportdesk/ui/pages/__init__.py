"""The sidebar pages, in sidebar order, and how to build one lazily.

Every page is a QWidget subclass in ``supportdesk/ui/pages/<key>.py`` built as
``Page(ctx, parent=None)`` that fills itself and keeps the page contract
(``contract.Page``: the ``topics`` it shows and ``refresh()``), which the main window
uses to keep it current. Modules are imported on first show so start-up stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from supportdesk.ui.context import AppContext


class PageSpec(NamedTuple):  # not a dataclass: this module loads before the first paint
    key: str
    title: str


PAGES: tuple[PageSpec, ...] = tuple(PageSpec(*row) for row in (
    ("today", "Today"),
    ("people", "People"),
    ("circles", "Circles"),
    ("checkins", "Check-ins"),
    ("gratitude", "Gratitude"),
    ("safety_plan", "Safety plan"),
    ("reach_out", "Reach out now"),
))

PERSON_PAGE = PageSpec("person", "Person")
MORE_HELP_PAGE = PageSpec("more_help", "When it might be time for more help")

_BY_KEY = {spec.key: spec for spec in (*PAGES, PERSON_PAGE, MORE_HELP_PAGE)}


def spec_for(key: str) -> PageSpec:
    return _BY_KEY[key]


def build_page(spec: PageSpec, ctx: AppContext, parent: QWidget | None = None) -> QWidget:
    """Build the page (its module is imported on first use, so start-up stays quick)."""
    page: QWidget
    if spec.key == "today":
        from supportdesk.ui.pages.today import TodayPage
        page = TodayPage(ctx, parent)
    elif spec.key == "people":
        from supportdesk.ui.pages.people_split import PeopleSplit
        page = PeopleSplit(ctx, parent)
    elif spec.key == "circles":
        from supportdesk.ui.pages.circles import CirclesPage
        page = CirclesPage(ctx, parent)
    elif spec.key == "checkins":
        from supportdesk.ui.pages.checkins import CheckinsPage
        page = CheckinsPage(ctx, parent)
    elif spec.key == "gratitude":
        from supportdesk.ui.pages.gratitude import GratitudePage
        page = GratitudePage(ctx, parent)
    elif spec.key == "safety_plan":
        from supportdesk.ui.pages.safety_plan import SafetyPlanPage
        page = SafetyPlanPage(ctx, parent)
    elif spec.key == "reach_out":
        from supportdesk.ui.pages.reach_out import ReachOutPage
        page = ReachOutPage(ctx, parent)
    elif spec.key == "person":
        from supportdesk.ui.pages.person import PersonPage
        page = PersonPage(ctx, parent)
    elif spec.key == "more_help":
        from supportdesk.ui.pages.more_help import MoreHelpPage
        page = MoreHelpPage(ctx, parent)
    else:
        raise KeyError(spec.key)
    return page
