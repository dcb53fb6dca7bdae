"""Cropped screenshots of each element of docs/UI.md, light and dark, into docs/screenshots/.

    scripts/test-env.sh .venv/bin/python scripts/ui_shots.py [--out DIR] [--scheme light|dark]

Each element is grabbed (QWidget.grab()) from the real pages over the demo network, so
the guide shows what the app draws: ui-<element>-<scheme>.png for the page header, a
card, buttons (a page's own and a dialog's), body text, an empty state, the focus ring
and the colours. Without --scheme it runs itself once per scheme, in fresh processes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from screenshots import (  # noqa: E402 (the script's own folder first)
    PERSON_SHOWN,
    SMALL_SIZE,
    WINDOW_SIZE,
    _save,
    _vault_of_its_own,
    run_per_scheme,
    settle,
)


def shoot(scheme: str, out: Path) -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from supportdesk.services.demo import fill_demo
    from supportdesk.services.session import create_session
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.editors.checkin_dialog import CheckinDialog
    from supportdesk.ui.events import Events
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.pages.view_parts import Card
    from supportdesk.ui.theme import Theme
    from supportdesk.vault.keystore import MemoryKeyStore

    folder = Path(tempfile.mkdtemp(prefix="supportdesk-ui-shots-"))
    QCoreApplication.setOrganizationName("SupportDeskScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("SupportDesk")
    Theme(app, forced_dark=scheme == "dark")
    written: list[Path] = []

    def save(widget: object, name: str, area: object = None) -> None:
        shot = widget.grab(area) if area is not None else widget.grab()  # type: ignore[attr-defined]
        written.append(_save(shot, out / f"ui-{name}-{scheme}.png"))

    session, _key = create_session(folder / "vault", MemoryKeyStore())
    try:
        ids = fill_demo(session, datetime.now(UTC))
        ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
        window = MainWindow(ctx)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle(app, 1.0)
        window.show_supporter(ids[PERSON_SHOWN])
        settle(app)
        person = window.page("person")
        save(person.header, "header")  # type: ignore[attr-defined]
        window.show_page("today")
        settle(app)
        today = window.page("today")
        cards = [c for c in today.findChildren(Card) if c.title is not None]
        due = next(c for c in cards if c.title.text() == "Check-ins due")  # type: ignore[union-attr]
        save(due, "card")
        mood = next(c for c in cards if c.title.text() == "How are you?")  # type: ignore[union-attr]
        save(mood, "body")
        buttons = today.mood_buttons  # type: ignore[attr-defined]
        window.activateWindow()
        for _ in range(50):  # the private desktop has no window manager to hurry it
            if window.isActiveWindow():
                break
            settle(app, 0.05)
        buttons[2].setFocus(Qt.FocusReason.TabFocusReason)
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # as after a Tab
        settle(app)
        row = buttons[1].geometry().united(buttons[3].geometry())
        save(mood, "focus", row.adjusted(-8, -8, 8, 8))
        dialog = CheckinDialog(ctx, ids[PERSON_SHOWN], parent=window)
        dialog.show()
        settle(app)
        save(dialog.findChild(QDialogButtonBox), "dialog-buttons")
        dialog.mark_clean()
        dialog.reject()
        window.close()
        settle(app, 0.2)
    finally:
        session.close()
        shutil.rmtree(folder, ignore_errors=True)
    written.append(_empty_shot(app, scheme, out))
    written.append(_colours_shot(app, scheme, out))
    return written


def _empty_shot(app: object, scheme: str, out: Path) -> Path:
    """The People page's empty state, as a new vault shows it."""
    from supportdesk.ui.pages.people import PeoplePage

    with _vault_of_its_own() as ctx:
        page = PeoplePage(ctx)
        page.resize(*SMALL_SIZE)
        page.show()
        settle(app)
        area = page.empty.childrenRect().adjusted(-16, -16, 16, 16)
        shot = _save(page.empty.grab(area), out / f"ui-empty-{scheme}.png")
        page.close()
    return shot


def _colours_shot(app: object, scheme: str, out: Path) -> Path:
    """The palette roles and the few colours of our own, as swatches with their names."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QWidget

    from supportdesk.ui import theme
    from supportdesk.ui.plain import plain_label

    palette = QApplication.palette()
    role = QPalette.ColorRole
    error = "#f0a39a" if theme.is_dark() else "#a3372b"
    swatches = [("Window (page)", palette.color(role.Window)),
                ("Base (cards, fields)", palette.color(role.Base)),
                ("Mid (card border)", palette.color(role.Mid)),
                ("Text", palette.color(role.WindowText)),
                ("Highlight (selection, warm card)", palette.color(role.Highlight)),
                ("Accent (links, chosen day)", theme.accent()),
                ("Field error", QColor(error))]
    holder = QWidget()
    grid = QGridLayout(holder)
    for row, (name, colour) in enumerate(swatches):
        swatch = QFrame(holder)
        swatch.setFixedSize(56, 24)
        swatch.setAutoFillBackground(True)
        fill = swatch.palette()
        fill.setColor(role.Window, colour)
        swatch.setPalette(fill)
        swatch.setFrameShape(QFrame.Shape.Box)
        grid.addWidget(swatch, row, 0)
        grid.addWidget(plain_label(f"{name}  {colour.name()}", holder), row, 1)
    holder.show()
    settle(app)
    shot = _save(holder.grab(), out / f"ui-colours-{scheme}.png")
    holder.close()
    return shot


def main(argv: list[str] | None = None) -> int:
    return run_per_scheme(__file__, __doc__ or "", shoot, argv)


if __name__ == "__main__":
    raise SystemExit(main())
