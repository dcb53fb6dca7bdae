"""What an edit changed, field by field, and how to take back exactly that.

An undo must not write back a whole earlier record: a snooze or a pause made since,
from Today or the tray, would silently be lost. ``changed_paths`` says which fields an
edit changed (into nested records such as a supporter's cadence), and ``take_back``
puts only those fields back to how they were, on the record as it is *now*.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

T = TypeVar("T")
Path = tuple[str, ...]


def changed_paths(before: object, after: object, prefix: Path = ()) -> list[Path]:
    """The fields (as paths, e.g. ``("cadence", "every")``) that differ between two records."""
    if type(before) is not type(after) or not _is_record(before):
        return [] if before == after else [prefix]
    found: list[Path] = []
    for field in fields(before):  # type: ignore[arg-type]
        old, new = getattr(before, field.name), getattr(after, field.name)
        if old == new:
            continue
        if _is_record(old) and type(old) is type(new):
            found += changed_paths(old, new, (*prefix, field.name))
        else:
            found.append((*prefix, field.name))
    return found


def take_back(current: T, before: object, paths: list[Path]) -> T:
    """``current`` with each field in ``paths`` set back to its value in ``before``."""
    result: Any = current
    for path in paths:
        result = _set(result, path, _get(before, path))
    return result  # type: ignore[no-any-return]


def _get(record: object, path: Path) -> object:
    value = record
    for name in path:
        value = getattr(value, name)
    return value


def _set(record: Any, path: Path, value: object) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    return replace(record, **{head: _set(getattr(record, head), rest, value)})


def _is_record(value: object) -> bool:
    return is_dataclass(value) and not isinstance(value, type)
