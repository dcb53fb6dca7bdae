"""Kinds of help: tidied, matched ignoring case, and who offers one, free now first."""

from __future__ import annotations

from datetime import UTC, datetime

from supportdesk.core.help_kinds import (
    DEFAULT_HELP_KINDS,
    KIND_LIMIT,
    clean_kinds,
    kinds_in_use,
    offers,
    who_can_help,
)
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import AvailabilityWindow, Supporter

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_kinds_are_tidied_kept_once_and_in_order() -> None:
    assert clean_kinds(["  A  lift ", "listening", "a lift", "", "Forms\x07 and letters",
                        "x" * 100]) == ("A lift", "listening", "Forms and letters",
                                        "x" * KIND_LIMIT)
    assert "childcare" in DEFAULT_HELP_KINDS and "a lift" in DEFAULT_HELP_KINDS


def test_offering_a_kind_ignores_case_and_spacing() -> None:
    sam = Supporter("Sam", Kind.FRIEND, help_with=("A Lift",))
    assert offers(sam, "a  lift") and not offers(sam, "listening")


def test_a_kind_only_found_on_people_joins_the_list() -> None:
    sam = Supporter("Sam", Kind.FRIEND, help_with=("Dog walking", "listening"))
    assert kinds_in_use(("listening",), [sam]) == ("listening", "Dog walking")


def test_who_can_help_puts_those_free_now_first_then_closest() -> None:
    always = [AvailabilityWindow.always()]
    far = Supporter("Al", Kind.FRIEND, ring=Ring.OUTER, help_with=("listening",),
                    availability=always)
    near = Supporter("Bo", Kind.FAMILY, ring=Ring.INNER, help_with=("listening",))
    free_near = Supporter("Cy", Kind.FRIEND, ring=Ring.INNER, help_with=("Listening",),
                          availability=always)
    nobody = Supporter("Di", Kind.FRIEND, help_with=("a lift",), availability=always)
    found = who_can_help([far, near, free_near, nobody], "listening", NOW, UTC)
    assert [(s.name, free) for s, free in found] == [("Cy", True), ("Al", True),
                                                      ("Bo", False)]
