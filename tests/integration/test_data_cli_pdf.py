"""``supportdesk export --format pdf|card`` end to end: a real vault whose key is in the
real (throwaway) Secret Service keyring, drawn by the Qt child process."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from supportdesk.cli import run
from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.session import create_session

pytestmark = pytest.mark.real


@pytest.mark.parametrize(("fmt", "expected"), [("pdf", "My support plan"),
                                               ("card", "If things get hard")])
def test_cli_prints_the_plan_and_card(real_keyring: Any, tmp_path: Path, fmt: str,
                                      expected: str) -> None:
    folder = tmp_path / "vault"
    session, _recovery = create_session(folder)
    session.network.save_supporter(Supporter("Wren Hollis", Kind.FRIEND, ring=Ring.INNER,
                                             contacts=[ContactMethod(ContactType.PHONE,
                                                                     "07700 900777")]))
    session.close()
    out = tmp_path / f"{fmt}.pdf"
    assert run(["--data-dir", str(folder), "export", "--format", fmt, str(out), "--yes"]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert expected in text
    assert "Wren Hollis" in text and "07700 900777" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{fmt}.pdf", "vault"])


def test_cli_pdf_without_a_vault_is_a_clear_error(real_keyring: Any, tmp_path: Path,
                                                  capfd: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.pdf"
    code = run(["--data-dir", str(tmp_path / "none"), "export", "--format", "pdf", str(out),
                "--yes"])
    assert code != 0
    assert "no vault" in capfd.readouterr().err
    assert not out.exists()
