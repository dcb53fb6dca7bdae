"""kill -9 of a writer at random moments: every acknowledged check-in is still there and
both integrity checks are clean.

50 kills run by default (about 15 s); SUPPORTDESK_FULL_RELIABILITY=1 runs 500.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.session import Session
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.vault import Vault
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures

REPO = Path(__file__).resolve().parents[2]


def start_writer(data_dir: Path, label: str, key: bytes) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.writer_process", str(data_dir), label],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    assert process.stdin is not None
    process.stdin.write(key.hex() + "\n")
    process.stdin.flush()
    return process


def kill_at_random(process: subprocess.Popen[str], rng: random.Random) -> tuple[list[str], str]:
    """Let it write for a random while (or not start at all), kill -9, return its acks."""
    lines: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.extend(stdout), daemon=True)
    reader.start()
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0, 0.3))  # anywhere, start-up included
    else:
        deadline = time.monotonic() + 10
        while "ready\n" not in lines and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.08))  # inside the writing
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(timeout=5)
    assert process.stderr is not None and process.stdin is not None
    errors = process.stderr.read()
    for stream in (process.stdin, stdout, process.stderr):
        stream.close()
    return [line.split()[1] for line in lines if line.startswith("ack ")], errors


def test_kill_9_never_loses_an_acknowledged_write(tmp_path: Path, figures: Figures) -> None:
    keystore = MemoryKeyStore()
    data_dir = tmp_path / "data"
    vault, _ = Vault.create(data_dir, keystore)
    Session(vault.db, vault=vault).network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    key = keystore.get(vault.uuid)
    assert key is not None
    vault.close()
    rng = random.Random(os.environ.get("SUPPORTDESK_RELIABILITY_SEED", "kill-writes"))
    count = runs(50, 500)
    acknowledged: set[str] = set()
    lost = integrity_failures = 0
    for run in range(count):
        process = start_writer(data_dir, f"r{run}", key)
        acks, errors = kill_at_random(process, rng)
        assert "Traceback" not in errors, errors
        acknowledged.update(acks)
        reopened = Vault.open(data_dir, keystore)
        try:
            problems = reopened.check()
            notes = {c.note for c in Session(reopened.db, vault=reopened).network.checkins()}
        finally:
            reopened.close()
        integrity_failures += bool(problems)
        lost += len(acknowledged - notes)
        assert problems == [], f"run {run}: {problems}"
        assert acknowledged <= notes, f"run {run}: lost {sorted(acknowledged - notes)[:5]}"
    figures.record("kill -9 during check-in writes", runs=count, acknowledged=len(acknowledged),
                   lost=lost, integrity_failures=integrity_failures)
    assert len(acknowledged) > count  # the kills really landed among writes
