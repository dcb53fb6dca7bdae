"""What an edit changed, field by field, and how to take back exactly that.

An undo must not write back a whole earlier record: a snooze or a pause made since,
from Today or the tray, would silently be lost. ``changed_paths`` says which fields an
edit changed (into nested records such as a supporter's cadence), and ``take_back``
puts only those fields back to how they were, on the record as it is *now*.

``Edit`` is what a use case that changed a record (an edit, an import joining a card
with someone already here) returns for its undo. Undoing it leaves alone a field that
has changed again since (the later change wins), and in a list it takes out only the
items the change added and puts back only those it removed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Path = tuple[str, ...]


@dataclass(frozen=True)
class Edit(Generic[R]):
    """What an edit changed: the record before and after, and the fields that differ."""

    before: R
    after: R
    fields: tuple[Path, ...]

    def undone(self, current: R) -> R:
        """``current`` with this edit's fields put back, unless changed again since."""
        result: Any = current
        for path in self.fields:
            now, old, new = _get(current, path), _get(self.before, path), _get(self.after, path)
            if now == new:
                result = _set(result, path, old)
            elif isinstance(now, list) and isinstance(old, list) and isinstance(new, list):
                result = _set(result, path, _list_taken_back(now, old, new))
        return result  # type: ignore[no-any-return]

    def redone(self, current: R) -> R:
        """``current`` with this edit's fields as the edit made them."""
        return take_back(current, self.after, list(self.fields))


def edit_of(before: R, after: R) -> Edit[R]:
    return Edit(before, after, tuple(changed_paths(before, after)))


def _list_taken_back(now: list[Any], old: list[Any], new: list[Any]) -> list[Any]:
    """``now`` without what ``old -> new`` added, with what it removed (the rest kept)."""
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    return [item for item in now if item not in added] + [
        item for item in removed if item not in now]


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
