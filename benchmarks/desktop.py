"""The benchmark rows that go through the real desktop: the Secret Service and an X screen.

Run inside ``scripts/test-env.sh`` (a private Xvfb, session D-Bus and unlocked
gnome-keyring with a throwaway HOME); ``benchmarks/run.py`` does that and reads the
rows this prints as JSON on its last line. An empty vault is made with the key in the
Secret Service, as a first run does, then, taking turns:

- a command (``due``, ``list``) against ``python -c "import sqlcipher3, peewee,
  secretstorage"`` (what any program that opens such a vault through the Secret Service
  must load), spawn to exit;
- the app until Today is painted, on the X screen, against the bare window's first paint.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.run import Row, _start_once  # noqa: E402

BASELINE = "import sqlcipher3, peewee, secretstorage"
COMMANDS = ("due", "list")


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHON_KEYRING_BACKEND")}
    env.update(PYTHONPATH=str(REPO), QT_QPA_PLATFORM="xcb")
    return env


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, timeout=120)
    return time.perf_counter() - started


def _spread(samples: list[float]) -> str:
    return f"{min(samples):.2f}-{max(samples):.2f}x pair by pair"


def cli_rows(vault: Path, runs: int) -> list[Row]:
    env = _env()
    python = sys.executable
    baseline = [python, "-c", BASELINE]
    rows = []
    for name in COMMANDS:
        command = [python, "-m", "supportdesk", "--data-dir", str(vault), name]
        _wall(command, env), _wall(baseline, env)  # warm-up, bytecode written
        pairs = [(_wall(command, env), _wall(baseline, env)) for _ in range(runs)]
        ratios = [a / b for a, b in pairs]
        ours = statistics.median(a for a, _ in pairs) * 1000
        theirs = statistics.median(b for _, b in pairs) * 1000
        rows.append(Row(f"CLI '{name}', empty vault, real Secret Service", ours, "ms", theirs,
                        1.5, f"vs python -c \"{BASELINE}\"; {_spread(ratios)}",
                        paired_ratio=statistics.median(ratios)))
    return rows


def gui_rows(vault: Path, runs: int) -> list[Row]:
    env = _env()
    app_env = dict(env, SUPPORTDESK_BENCH_FIRST_PAINT="1")
    python = sys.executable
    hello = [python, str(REPO / "benchmarks" / "hello.py")]
    app = [python, "-m", "supportdesk", "--data-dir", str(vault)]
    _start_once(hello, env), _start_once(app, app_env)  # warm-up
    pairs = [(_start_once(app, app_env), _start_once(hello, env)) for _ in range(runs)]
    ratios = [a["ready"] / h["first-paint"] for a, h in pairs]
    ready = statistics.median(a["ready"] for a, _ in pairs) * 1000
    bare = statistics.median(h["first-paint"] for _, h in pairs) * 1000
    return [Row("launch to Today painted, empty vault, X screen, real Secret Service", ready,
                "ms", bare, 1.8, f"vs the bare window's first paint; {_spread(ratios)}",
                paired_ratio=statistics.median(ratios))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not os.environ.get("SUPPORTDESK_TEST_ENV"):
        print("run me inside scripts/test-env.sh", file=sys.stderr)
        return 2
    from supportdesk.services.session import create_session

    with tempfile.TemporaryDirectory(prefix="bench-desktop-") as folder:
        vault = Path(folder) / "vault"
        session, _recovery = create_session(vault)  # the key goes into the Secret Service
        session.close()
        rows = cli_rows(vault, args.runs) + gui_rows(vault, args.runs)
    print(json.dumps([asdict(row) for row in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
