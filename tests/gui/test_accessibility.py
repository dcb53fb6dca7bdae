"""Every interactive widget on every page has an accessible name a screen reader can say.

Pages are built over the demo network, so lists, editors and per-person widgets exist.
This test is meant to catch any page in the app, whoever wrote it.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.pages import PAGES, PERSON_PAGE, PageSpec, build_page
from supportdesk.ui.startup.recovery import RecoveryDialog
from supportdesk.ui.startup.welcome import WelcomeDialog
from supportdesk.vault.recovery import generate_recovery_key

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractSpinBox, QAbstractSlider, QAbstractItemView, QGraphicsView)
# Parts Qt builds inside a composite widget; the composite itself carries the name.
PARTS_OF_OTHERS = (QScrollBar, QHeaderView)
COMPOSITES = (QComboBox, QAbstractSpinBox, QLineEdit)  # their inner editors, clear buttons


def _is_part_of_composite(widget: QWidget) -> bool:
    if widget.objectName().startswith("qt_") or isinstance(widget, PARTS_OF_OTHERS):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES) or parent.objectName().startswith("qt_spinbox"):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_widgets(root: QWidget) -> list[str]:
    """Interactive widgets under ``root`` without an accessible name, described for a fix."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _is_part_of_composite(widget):
            continue
        if widget.accessibleName().strip():
            continue
        text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
        missing.append(f"{type(widget).__name__} objectName={widget.objectName()!r} "
                       f"text={text!r} in {type(widget.parentWidget()).__name__}")
    return missing


def _page(spec: PageSpec, ctx: AppContext, qtbot: QtBot) -> QWidget:
    page = build_page(spec, ctx)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    return page


@pytest.mark.parametrize("spec", PAGES, ids=[spec.key for spec in PAGES])
def test_every_page_names_its_controls(spec: PageSpec, demo_ctx: AppContext,
                                       qtbot: QtBot) -> None:
    page = _page(spec, demo_ctx, qtbot)
    page.refresh()  # type: ignore[attr-defined]
    assert unnamed_widgets(page) == []


def test_person_page_names_its_controls(demo_ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(PERSON_PAGE, demo_ctx, qtbot)
    for supporter in demo_ctx.session.repo.supporters():
        assert supporter.id is not None
        page.show_supporter(supporter.id)  # type: ignore[attr-defined]
        assert unnamed_widgets(page) == [], supporter.kind_label


def test_main_window_and_start_up_dialogs_name_their_controls(ctx: AppContext,
                                                              qtbot: QtBot) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_banner("Two check-ins came due.", [("Log a check-in", lambda: None)])
    welcome = WelcomeDialog(generate_recovery_key())
    qtbot.addWidget(welcome)
    recovery: RecoveryDialog[str] = RecoveryDialog("Key missing.", lambda text: text)
    qtbot.addWidget(recovery)
    for root in (window.sidebar, window.banner, welcome, recovery):
        assert unnamed_widgets(root) == []


def test_settings_tabs_from_every_extension_name_their_controls(
        demo_ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.extensions import install_all
    from supportdesk.ui.settings_dialog import SettingsDialog

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.extensions = install_all(window, demo_ctx)
    dialog = SettingsDialog(demo_ctx, window.settings_tabs, window)
    qtbot.addWidget(dialog)
    assert dialog.tabs.count() == len(window.settings_tabs)
    assert unnamed_widgets(dialog) == []
    assert unnamed_widgets(window.banner) == []


def test_the_check_itself_catches_an_unnamed_button(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    named = QPushButton("Log")
    named.setAccessibleName("Log a check-in")
    layout.addWidget(named)
    layout.addWidget(QPushButton("Snooze"))
    assert unnamed_widgets(root) == ["QPushButton objectName='' text='Snooze' in QWidget"]
