"""A command names its module: only that module's parsers are built (and imported)."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supportdesk import cli
from supportdesk.cli import COMMAND_MODULE_OF, COMMAND_MODULES, command_module

REPO = Path(__file__).resolve().parents[3]


def test_the_table_names_every_command_of_every_module() -> None:
    registered: dict[str, str] = {}
    for name in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(name).register(cli._RecordingHelp(sub))
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == COMMAND_MODULE_OF


@pytest.mark.parametrize(("argv", "module"), [
    (["due"], "supportdesk.cli.due_command"),
    (["--data-dir", "/x", "list", "--json"], "supportdesk.cli.network_commands"),
    (["--data-dir=/x", "--pin-stdin", "export", "out.csv"], "supportdesk.cli.data_commands"),
    (["--data-dir", "due", "list"], "supportdesk.cli.network_commands"),  # a folder named due
    (["--help", "due"], None),  # the whole help, with every command
    (["--data", "/x", "due"], None),  # an abbreviation: argparse reads it, all are built
    (["-h"], None),
    (["nonsense"], None),  # the full parser says which commands there are
    ([], None),
])
def test_which_module_a_command_line_needs(argv: list[str], module: str | None) -> None:
    assert command_module(argv) == module


def test_a_command_imports_no_other_commands_module(tmp_path: Path) -> None:
    code = ("import sys\nfrom supportdesk.app import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('supportdesk.cli.') "
            "and m.endswith(('_commands', '_command'))))")
    env = {**os.environ, "PYTHONPATH": str(REPO), "SUPPORTDESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code, "due", "--help"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.strip().splitlines()[-1]
    assert "supportdesk.cli.due_command" in loaded
    for other in ("data_commands", "person_commands", "crisis_commands", "edit_command",
                  "mood_import_command", "occasion_commands", "appointment_commands"):
        assert other not in loaded
    assert "usage: supportdesk due" in result.stdout


def test_a_command_runs_with_the_cyclic_collector_on(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """app.main holds the collector over the start-up imports; a command's own work (an
    import of thousands of cards, say) collects as usual, and so does what comes after."""
    import gc

    from supportdesk import app

    seen: list[bool] = []

    def run_parsed(_parser: object, _args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "run_parsed", run_parsed)
    assert app.main(["--data-dir", str(tmp_path), "due"]) == 0
    assert seen == [True]
    assert gc.isenabled()
