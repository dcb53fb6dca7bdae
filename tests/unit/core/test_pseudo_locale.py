"""The pseudo-locale's strings: longer, accented, bracketed, and still formatting."""

from __future__ import annotations

import pytest

from supportdesk.core.pseudo_locale import is_pseudo, pseudo


def test_a_string_comes_out_accented_bracketed_and_about_forty_percent_longer() -> None:
    text = "Support network"
    shown = pseudo(text)
    assert shown.startswith("[") and shown.endswith("~]")
    assert shown[1:len(text) + 1] == "Šüþþöŕţ ñéţŵöŕķ"
    assert 1.3 * len(text) <= len(shown) <= 1.6 * len(text)
    assert is_pseudo(shown) and not is_pseudo(text)


@pytest.mark.parametrize(("source", "kept"), [
    ("Time to check in with {name}", ["{name}"]),
    ("{count:d} check-ins are due", ["{count:d}"]),
    ("%n check-ins", ["%n"]),
    ("Save %1 to %2", ["%1", "%2"]),
    ("%(name)s is due", ["%(name)s"]),
    ("%d days and %s", ["%d", "%s"]),
])
def test_placeholders_come_through_untouched(source: str, kept: list[str]) -> None:
    shown = pseudo(source)
    for placeholder in kept:
        assert placeholder in shown
    if "{" in source:
        assert pseudo(source).format(name="Sam", count=2)  # still formats


def test_the_pseudo_form_still_formats_with_the_real_values() -> None:
    assert "Sam" in pseudo("Time to check in with {name}").format(name="Sam")
    assert pseudo("%(who)s came") % {"who": "Sam"} == pseudo("%(who)s came").replace(
        "%(who)s", "Sam")


def test_nothing_but_plain_text_is_added_and_empty_stays_empty() -> None:
    assert pseudo("") == ""
    shown = pseudo("Reach out now")
    assert "<" not in shown and "&" not in shown
    assert pseudo("<b>Bold</b> &amp; plain").count("<b>") == 1
    assert "&amp;" in pseudo("<b>Bold</b> &amp; plain")


def test_every_line_of_a_longer_text_is_accented() -> None:
    shown = pseudo("First line\nsecond line")
    assert "Ƒîŕšţ ĺîñé\nšéçöñđ ĺîñé" in shown
