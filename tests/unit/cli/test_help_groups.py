"""``supportdesk --help`` lists the commands in groups, each with its one-line help."""

from __future__ import annotations

import pytest

from supportdesk.cli import COMMAND_GROUPS, build_parser, grouped_description
from tests.unit.cli.cli_run import cli


def test_help_groups_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli("--help")
    out = capsys.readouterr().out
    titles = ["Your network:", "Check-ins:", "Gratitude and plan:", "Vault and data:"]
    positions = [out.index(title) for title in titles]
    assert positions == sorted(positions)
    network = out[positions[0]:positions[1]]
    for name in ("list", "show", "add", "edit", "remove", "reach", "lines"):
        assert f"\n  {name} " in network
    checkins = out[positions[1]:positions[2]]
    for name in ("log", "due", "pause", "resume", "snooze"):
        assert f"\n  {name} " in checkins
    assert "\n  thanks " in out[positions[2]:positions[3]]
    assert "\n  restore " in out[positions[3]:]
    assert max(len(line) for line in out.splitlines()) <= 80


def test_every_registered_command_is_in_a_group() -> None:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    registered = {name for name in sub.choices if not name.startswith("_")}  # type: ignore[union-attr]
    grouped = {name for _, names in COMMAND_GROUPS for name in names}
    assert registered <= grouped


def test_a_command_no_group_names_is_still_listed() -> None:
    text = grouped_description("Lead.", {"list": "list everyone", "hum": "hum a tune"})
    assert "Your network:\n  list  list everyone" in text
    assert "More:\n  hum   hum a tune" in text
