"""Every new command works on a real vault (--data-dir, its shared lock) while the app
holds it open, and the app's change feed hears what each one changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.application import Application
from supportdesk.services.session import create_session
from supportdesk.vault.keystore import MemoryKeyStore
from tests.unit.cli.cli_run import cli


@pytest.fixture
def app_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Application:
    store = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: store)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    session, _ = create_session(tmp_path / "data", store)
    app = Application(session)
    app.add_supporter(Supporter("Ana", Kind.FRIEND))
    app.feed.poll()
    yield app  # type: ignore[misc]
    app.close()


@pytest.mark.parametrize("argv,topic", [
    (("log", "ana", "--mood-before", "2", "--mood-after", "3", "--gave", "company"),
     "checkins"),
    (("edit", "Ana", "--add-window", "24/7", "--notes", "Night owl"), "people"),
    (("pause", "Ana"), "people"),
    (("snooze", "Ana", "--for", "1w"), "people"),
    (("thanks", "Ana", "Sat with me"), "gratitude"),
    (("plan", "add", "coping", "Breathe slowly"), "plan"),
    (("remove", "Ana", "--yes"), "people"),
])
def test_a_change_made_alongside_the_app_reaches_its_feed(
        app_open: Application, tmp_path: Path, argv: tuple[str, ...], topic: str) -> None:
    assert cli("--data-dir", str(tmp_path / "data"), *argv) == 0
    assert topic in app_open.feed.poll()


@pytest.mark.parametrize("argv", [("list", "--json"), ("show", "Ana", "--json"), ("due",),
                                  ("gratitude",), ("plan",), ("lines",), ("reach",)])
def test_reading_alongside_the_app_works(app_open: Application, tmp_path: Path,
                                         argv: tuple[str, ...],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--data-dir", str(tmp_path / "data"), *argv) == 0
    assert capsys.readouterr().out


def test_a_piped_yes_after_the_pin_line_removes(app_open: Application, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app_open.app_lock.set_pin("4826")
    monkeypatch.setattr("sys.stdin", io.StringIO("4826\ny\n"))
    assert cli("--data-dir", str(tmp_path / "data"), "--pin-stdin", "remove", "Ana") == 0
    app_open.feed.poll()
    assert app_open.network.supporters() == []


def test_with_a_pin_lines_still_shows_but_reach_asks_for_it(
        app_open: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    app_open.app_lock.set_pin("4826")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script, no terminal, no PIN
    assert cli("--data-dir", str(tmp_path / "data"), "lines") == 0
    assert "Samaritans" in capsys.readouterr().out
    assert cli("--data-dir", str(tmp_path / "data"), "reach") != 0
    captured = capsys.readouterr()
    assert "PIN" in captured.err and "Ana" not in captured.out
