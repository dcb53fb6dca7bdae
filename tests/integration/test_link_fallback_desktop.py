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


MESSAGE_CHILD = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.session import create_session
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.messages.send_dialog import SendMessageDialog
from supportdesk.ui.widgets.link_fallback import UnopenedLinkDialog
from supportdesk.vault.keystore import MemoryKeyStore

app = QApplication(sys.argv[:1])
session, _key = create_session(Path(tempfile.mkdtemp()) / "vault", MemoryKeyStore())
ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND, contacts=[
    ContactMethod(ContactType.SMS, "07700 900123")]))
dialog = SendMessageDialog(ctx, sam.id)
dialog.show()
QTest.qWaitForWindowExposed(dialog)
QTest.keyClick(dialog.send_button, Qt.Key.Key_Space)
QTest.qWait(200)
shown = [(w.value.text(), w.words.text()) for w in QApplication.topLevelWidgets()
         if isinstance(w, UnopenedLinkDialog) and w.isVisible()]
print(json.dumps({"shown": shown, "copied": QGuiApplication.clipboard().text()}))
ctx.close()
"""


def test_a_message_with_no_messages_program_is_copied_and_shown_with_the_number(
        private_desktop: PrivateDesktop, display: str) -> None:
    result = subprocess.run([sys.executable, "-c", MESSAGE_CHILD], cwd=REPO,
                            env=private_desktop.child_env(), capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    words = "I'm having a hard time. Could you call me when you can?"
    assert found["shown"] == [["07700 900123", words]]
    assert found["copied"] == words
