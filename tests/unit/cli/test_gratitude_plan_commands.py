"""``thanks``, ``gratitude`` and ``plan`` over a real vault file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportdesk.core.kinds import PlanStep
from tests.unit.cli.cli_run import cli, opened


def test_thanks_then_gratitude_lists_it_newest_first(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Zoë", "--kind", "friend")
    assert cli("thanks", "zoe", "Drove me to the appointment", "--thanked") == 0
    assert "grateful to Zoë" in capsys.readouterr().out
    assert cli("gratitude") == 0
    assert capsys.readouterr().out == (
        "Tue 24 Nov 2026  Zoë: Drove me to the appointment  (thanked)\n")
    with opened(vault, db_key) as app:
        (entry,) = app.network.gratitude()
    assert entry.thanked and entry.text == "Drove me to the appointment"


def test_gratitude_json_has_the_exports_fields(vault: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    cli("thanks", "Sam", "Listened")
    capsys.readouterr()
    assert cli("gratitude", "--json") == 0
    (entry,) = json.loads(capsys.readouterr().out)["gratitude"]
    assert entry == {"person": 1, "on": "2026-11-24", "text": "Listened", "thanked": False}


def test_empty_thanks_is_one_clear_line(vault: Path, db_key: bytes,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    assert cli("thanks", "Sam", "  ") != 0
    assert capsys.readouterr().err.strip().splitlines() == [
        "supportdesk: Write a few words about what you are grateful for."]


def test_plan_add_show_and_remove(vault: Path, db_key: bytes,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Priya", "--kind", "family")
    assert cli("plan", "add", "coping", "Go for a walk") == 0
    assert cli("plan", "add", "coping", "Cold water on my face") == 0
    assert cli("plan", "add", "ask-for-help", "She knows", "--person", "priya") == 0
    capsys.readouterr()
    assert cli("plan") == 0
    out = capsys.readouterr().out
    assert "Things I can do on my own (coping)\n  1. Go for a walk\n  2. Cold water on my face\n" \
        in out
    assert "People I can ask for help (ask-for-help)\n  1. Priya: She knows\n" in out
    assert cli("plan", "remove", "coping", "1") == 0
    with opened(vault, db_key) as app:
        plan = app.safety_plan.plan()
    assert [i.text for i in plan[PlanStep.COPING]] == ["Cold water on my face"]
    assert plan[PlanStep.ASK_FOR_HELP][0].supporter_id is not None
    capsys.readouterr()
    assert cli("plan", "--json") == 0
    items = json.loads(capsys.readouterr().out)["safety_plan"]
    assert items[0] == {"step": "coping", "position": 0, "text": "Cold water on my face",
                        "person": None}


@pytest.mark.parametrize("argv,words", [
    (("plan", "add", "hobbies", "Knit"), "is not a step"),
    (("plan", "add", "coping"), "Write the line"),
    (("plan", "add", "coping", "Walk", "--person", "Priya"), "does not name people"),
    (("plan", "remove", "coping", "3"), "has no line 3"),
])
def test_plan_mistakes_are_one_clear_line(vault: Path, capsys: pytest.CaptureFixture[str],
                                          argv: tuple[str, ...], words: str) -> None:
    cli("add", "Priya", "--kind", "family")
    capsys.readouterr()
    assert cli(*argv) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


@pytest.mark.parametrize("argv", [("thanks",), ("gratitude",), ("plan",), ("plan", "add"),
                                  ("plan", "remove")])
def test_each_has_help(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli(*argv, "--help")
    assert raised.value.code == 0
    assert f"supportdesk {' '.join(argv)}" in capsys.readouterr().out
