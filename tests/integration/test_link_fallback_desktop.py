"""On a real Linux desktop with no program for tel: (the private test desktop has none,
like most Linux desktops), Call shows the number to dial instead of failing silently.

Qt alone reports success there (it only starts xdg-open), so this runs the real xcb
platform in a child process and presses the real button with a real key."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.integration.conftest import REPO, PrivateDesktop

CHILD = r"""
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.ui.widgets.contact_buttons import ContactButtons, xdg_has_handler
from supportdesk.ui.widgets.link_fallback import UnopenedLinkDialog

app = QApplication(sys.argv[:1])
row = ContactButtons()
row.set_contacts([ContactMethod(ContactType.PHONE, "116 123", preferred=True)], "Samaritans")
row.show()
QTest.qWaitForWindowExposed(row)
QTest.keyClick(row.buttons[0], Qt.Key.Key_Space)
QTest.qWait(200)
shown = [w.value.text() for w in QApplication.topLevelWidgets()
         if isinstance(w, UnopenedLinkDialog) and w.isVisible()]
print(json.dumps({"platform": app.platformName(), "tel_handler": xdg_has_handler("tel"),
                  "shown": shown}))
"""


def test_call_without_a_phone_program_shows_the_number(private_desktop: PrivateDesktop,
                                                       display: str) -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO,
                            env=private_desktop.child_env(), capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["platform"] == "xcb"
    assert found["tel_handler"] is False  # as on most Linux desktops
    assert found["shown"] == ["116 123"]
