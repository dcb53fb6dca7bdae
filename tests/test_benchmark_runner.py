"""The benchmark runner measures each child itself, not what it inherited from the runner."""

from __future__ import annotations

import os
import sys

from benchmarks import run


def test_a_childs_peak_memory_is_its_own_however_big_the_runner_grew() -> None:
    hello = [sys.executable, str(run.REPO / "benchmarks" / "hello.py")]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    alone = run._start_once(hello, env)["peak"]
    grown = bytearray(400 * 1024 * 1024)  # the runner after building the scale vault, say
    grown[::4096] = b"x" * len(grown[::4096])  # touched, so it is really resident
    beside_a_big_runner = run._start_once(hello, env)["peak"]
    del grown
    assert beside_a_big_runner < 400 * 1024, "the runner's own size was counted"
    assert abs(beside_a_big_runner - alone) < 0.2 * alone
