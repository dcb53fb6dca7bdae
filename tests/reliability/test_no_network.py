"""No network: SupportDesk never opens an internet socket.

The guard (tests/reliability/no_network.py) refuses AF_INET/AF_INET6 connections to
anything but loopback, and name lookups; Unix sockets (D-Bus, the single-instance
guard) pass. Every reliability test runs under it, the real app started by the
two-instance test runs under it, and here a representative part of the suite
(vault, formats, imports and exports, the command line) runs under it as a plugin.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.figures import Figures
from tests.reliability.no_network import NetworkForbidden

REPO = Path(__file__).resolve().parents[2]
SUBSET = ["tests/unit/vault", "tests/unit/formats", "tests/unit/cli",
          "tests/unit/services/test_importing.py", "tests/unit/services/test_exporting.py"]


def test_internet_is_refused_but_local_sockets_work(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as outside, \
            pytest.raises(NetworkForbidden):
        outside.connect(("93.184.216.34", 443))
    with pytest.raises(NetworkForbidden):
        socket.getaddrinfo("example.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    path = str(tmp_path / "local.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)


def test_representative_suite_passes_with_internet_forbidden(figures: Figures) -> None:
    present = [p for p in SUBSET if (REPO / p).exists()]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.reliability.no_network",
         "-p", "no:cacheprovider", *present],
        cwd=REPO, env=dict(os.environ, SUPPORTDESK_NO_NETWORK="1"),
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    passed = int(summary.split(" passed")[0].split()[-1])
    figures.record("no network (suite subset)", tests_passed=passed, network_attempts=0)
