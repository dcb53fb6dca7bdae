"""What a power-cut writer has said so far, readable exactly while it is stopped.

A writer's ``say`` prints a line (``ready``, ``start X``, ``ack X``) and, when the
parent asked for it (POWERCUT_PROGRESS names a file off the cut disk), also appends it
there with one write. A pipe may still hold lines the parent has not read; the file
holds every line said before the writer was stopped, which is what a snapshot needs.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "POWERCUT_PROGRESS"


def say(line: str) -> None:
    print(line, flush=True)
    path = os.environ.get(ENV)
    if path:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{line}\n".encode())
        finally:
            os.close(fd)


def said(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
