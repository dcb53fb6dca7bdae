"""What every page is to the main window: the topics it shows, and how to show them again.

The main window refreshes a visible page once per change-bus signal that names one of
its ``topics``; a hidden page is marked stale and refreshed when it is next shown.
A page never connects to the bus itself.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable


@runtime_checkable
class Page(Protocol):
    topics: ClassVar[frozenset[str]]

    def refresh(self) -> None: ...
