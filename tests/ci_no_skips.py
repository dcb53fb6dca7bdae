"""A pytest plugin: when CI is set, a skipped test that needs a real component fails.

Loaded by ``make test`` (``-p tests.ci_no_skips``). Locally, a `real` test may skip
because a component is not installed; in CI that would hide a missing component, so
the skip is turned into a failure that names the reason.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[
        None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if not os.environ.get("CI") or not report.skipped or hasattr(report, "wasxfail"):
        return
    if item.get_closest_marker("real") is None:
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"a real-component test skipped in CI, which is not allowed: {reason}"
