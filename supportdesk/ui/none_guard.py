"""A guard against a reference-counting bug in PySide6 6.12.0 on Python 3.11.

Measured here (PySide6-Essentials 6.12.0, CPython 3.11.7): every call to a Qt
method that returns nothing (``QPainter.setPen``, ``drawPath``, ``setBrush`` ...)
drops one reference to ``None`` without having taken it. Painting a few hundred
items exhausts ``None``'s count and CPython aborts ("none_dealloc: deallocating
None"). PySide6 6.11.3 does not do this, and from Python 3.12 ``None`` is immortal
so the bug is harmless there.

The real fix is a PySide6 without the bug (or Python 3.12+). Until then, on the
affected combination only, ``None`` is given a very large reference count once at
start, which makes it as good as immortal, exactly as Python 3.12 does.
"""

from __future__ import annotations

import sys

import PySide6

_AFFECTED = PySide6.__version__.startswith("6.12.")
_HEADROOM = 1 << 40


def guard_none() -> bool:
    """Give ``None`` headroom where the bug bites; True if it was needed."""
    if sys.version_info >= (3, 12) or not _AFFECTED:
        return False
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt leads every PyObject
    if refcount.value < _HEADROOM:
        refcount.value += _HEADROOM
    return True
