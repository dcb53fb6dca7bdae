"""The reliability suite: moderate counts by default, full counts behind one switch.

    SUPPORTDESK_FULL_RELIABILITY=1 pytest tests/reliability

runs every fault the number of times issue 7 asks for (hundreds of kills, a thousand
damaged copies); without it the same tests run a few times each so CI stays quick.

Figures: every test that counts something records it through the ``figures``
fixture, and a table of them is printed at the end of the run::

    def test_kill_during_writes(figures: Figures) -> None:
        ...
        figures.record("kill -9 during writes", runs=50, lost=0, integrity_failures=0)

Each call adds one row; numbers recorded under the same name are added up.
Use ``runs(moderate, full)`` for a count that follows the switch.

Sockets: every test here runs with internet sockets forbidden (loopback and Unix
sockets, which D-Bus and the single-instance guard use, stay allowed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.reliability.figures import FIGURES_KEY, Figures
from tests.reliability.no_network import forbid_internet

FULL = os.environ.get("SUPPORTDESK_FULL_RELIABILITY") == "1"


def runs(moderate: int, full: int) -> int:
    """How many times to repeat a fault: ``full`` under the switch, else ``moderate``."""
    return full if FULL else moderate


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> Figures:
    """The run's figures table; ``figures.record(name, **counts)`` adds to it."""
    return request.config.stash.setdefault(FIGURES_KEY, Figures(full=FULL))


@pytest.fixture(autouse=True)
def _no_internet() -> Iterator[None]:
    with forbid_internet():
        yield


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> None:
    table = config.stash.get(FIGURES_KEY, None)
    if table is not None and table.rows:
        terminalreporter.write_sep("=", "reliability figures")
        for line in table.lines():
            terminalreporter.write_line(line)
