"""The durable folder helper behaves like ``mkdir -p`` where it matters to a person."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from supportdesk.vault.atomic import make_folder_durably


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(NotADirectoryError):
        make_folder_durably(blocker)
    with pytest.raises(NotADirectoryError):
        make_folder_durably(blocker / "inside")
    assert blocker.read_text() == "a file"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_new_folders_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        make_folder_durably(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
