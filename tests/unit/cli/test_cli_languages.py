"""The command line speaks the person's language: the system's, or the one chosen in
Settings (kept outside the vault, so the GUI and the CLI agree)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from supportdesk.cli.due_command import format_due
from supportdesk.core import i18n
from supportdesk.core.schedule import DueItem
from supportdesk.services import language_choice
from tests.conftest import FIXED_NOW
from tests.unit.cli.cli_run import cli


@pytest.fixture(autouse=True)
def own_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(tmp_path / "config"))
    for name in ("SUPPORTDESK_LANGUAGE", *i18n.SYSTEM_ENV):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.activate("en")


def test_with_language_de_the_command_line_answers_in_german(
        vault: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    assert cli("due") == 0
    assert capsys.readouterr().out == "Nichts ist fällig – du bist auf dem Laufenden.\n"
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    assert cli("pause", "Sam") == 0
    assert capsys.readouterr().out == (
        "Erinnerungen für Sam sind pausiert. `supportdesk resume` schaltet sie wieder ein.\n")
    assert cli("resume", "Sam") == 0
    assert capsys.readouterr().out == "Erinnerungen für Sam sind wieder an.\n"


def test_the_choice_made_in_settings_wins_over_the_system(
        vault: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    language_choice.choose_language("es")
    assert cli("due") == 0
    assert capsys.readouterr().out == "No hay nada pendiente: lo tienes todo al día.\n"
    language_choice.choose_language("fr")
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    assert cli("resume", "Sam") == 0
    assert capsys.readouterr().out == "Les rappels pour Sam sont déjà activés.\n"


def _due(name: str, days: int) -> DueItem:
    at = FIXED_NOW - timedelta(days=days)
    return DueItem(1, name, at, at, timedelta(days=days))


def test_the_due_list_counts_with_plural_forms() -> None:
    i18n.activate("de")
    one = format_due([_due("Sam", 1)], UTC)
    assert one == ["1 Kontakt fällig:", "  Sam  fällig am Mo., 23. Nov. 2026, 10:00  (gestern)"]
    i18n.activate("fr")
    assert format_due([_due("Sam", 3), _due("Jo", 2)], UTC)[0] == "2 échanges en attente :"


def test_show_and_list_speak_spanish(vault: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert cli("list") == 0
    assert capsys.readouterr().out.startswith("Tu red todavía está vacía.")
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    assert cli("list") == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.split() == ["Nombre", "Tipo", "Círculo", "Último", "contacto", "Próximo"]
    assert cli("show", "Sam") == 0
    assert "  Último contacto: todavía no\n" in capsys.readouterr().out


def test_the_crisis_lines_speak_french_with_the_countrys_own_name(
        vault: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    assert cli("lines", "--country", "DE") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Lignes d'écoute : Allemagne (DE)"
    assert out[1].startswith("Urgences : ")
