"""Finding the shipped resources (icons, crisis lines, .desktop file).

They live in ``resources/`` at the top of a checkout, inside the package when
installed from a wheel (``supportdesk/_resources``), and beside the executable in a
frozen build (``sys._MEIPASS/resources``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates += [_PACKAGE_DIR.parent / "resources", _PACKAGE_DIR / "_resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("SupportDesk's resources folder is missing; please reinstall.")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
