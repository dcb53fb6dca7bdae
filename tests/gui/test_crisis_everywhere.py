"""Help within one key press from every state of the app: the main window, a modal
dialog, the lock screen and the tray. Keys are real key events sent to the focused
widget; links go to the real desktop services (offscreen Qt has no tel: handler)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services import app_lock
from supportdesk.services.app_lock import AppLock
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.settings import Settings
from supportdesk.ui import views_actions
from supportdesk.ui.context import AppContext
from supportdesk.ui.crisis.view import CrisisOnlyView
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.privacy import install as privacy
from supportdesk.ui.widgets.link_fallback import UnopenedLinkDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PIN = "2468"


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> Iterator[MainWindow]:
    CrisisLinesService(ctx.session.repo).set_country("GB")
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(1000, 700)
    main.show()
    qtbot.waitExposed(main)
    main.extensions = {"views_actions": views_actions.install(main, ctx),
                       "privacy": privacy.install(main, ctx)}
    yield main
    main.extensions["privacy"].screen.stop()  # type: ignore[attr-defined]
    app_lock.set_locked(False)
    for view in open_views():
        view.close()


def open_views() -> list[CrisisOnlyView]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, CrisisOnlyView) and w.isVisible()]


def press_reach_out(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_H, CTRL_SHIFT)


def shows_help(view: CrisisOnlyView) -> None:
    """The emergency number and a crisis line are on screen, one key from acting."""
    assert view.strip.emergency_button.isVisible()
    assert view.strip.emergency_button.accessibleName() == "Emergency: call 999"
    assert view.strip.line_button.isVisible()
    assert view.strip.line_button.accessibleName() == "Call Samaritans: 116 123"


def test_from_the_main_window_the_key_shows_reach_out(window: MainWindow, qtbot: QtBot) -> None:
    window.show_page("circles")
    with qtbot.waitActive(window):
        window.activateWindow()
    press_reach_out(window.focusWidget() or window)
    assert window.current_key == "reach_out"
    assert open_views() == []
    go = window.menu("go").actions()
    reach_out = next(a for a in go if a.text() == "Reach out now")
    assert reach_out.shortcut().toString() == "Ctrl+Shift+H"  # what the Go menu shows


def test_inside_a_modal_dialog_the_key_opens_crisis_help(window: MainWindow, qtbot: QtBot,
                                                          ) -> None:
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    seen: list[CrisisOnlyView] = []
    acted: list[UnopenedLinkDialog] = []

    focused_in_view: list[QWidget | None] = []

    def inside_the_dialog() -> None:
        try:
            assert QApplication.activeModalWidget() is dialog
            field.setFocus()
            press_reach_out(QApplication.focusWidget() or field)
            seen.extend(open_views())
            if seen:
                line_button = seen[0].strip.line_button
                qtbot.waitUntil(lambda: QApplication.focusWidget() is line_button, timeout=3000)
                focused = QApplication.focusWidget()
                focused_in_view.append(focused)
                if focused is not None:
                    QTest.keyClick(focused, Qt.Key.Key_Space)  # one more key acts
                acted.extend(w for w in QApplication.topLevelWidgets()
                             if isinstance(w, UnopenedLinkDialog) and w.isVisible())
        finally:
            QTimer.singleShot(0, dialog.reject)

    QTimer.singleShot(50, inside_the_dialog)
    dialog.exec()  # really modal: the window's own shortcuts are blocked
    assert len(seen) == 1
    shows_help(seen[0])
    assert focused_in_view == [seen[0].strip.line_button]
    assert [d.value.text() for d in acted] == ["116 123"]  # no tel: handler: the number
    assert window.current_key != "reach_out"
    for widget in acted:
        widget.close()


def lock(window: MainWindow, ctx: AppContext) -> None:
    policy = AppLock(Settings(ctx.session.repo))
    policy.set_enabled(True)
    policy.set_pin(PIN)
    ctx.app.feed.poll()  # as a change from elsewhere arrives
    window.extensions["privacy"].lock_now()  # type: ignore[attr-defined]
    assert app_lock.is_locked()


def test_on_the_lock_screen_help_shows_and_the_key_opens_only_crisis_help(
        window: MainWindow, ctx: AppContext, qtbot: QtBot) -> None:
    ana = ctx.session.repo.add_supporter(Supporter(
        "Ana Okafor", Kind.PARTNER, contacts=[ContactMethod(ContactType.PHONE, "07700 900123")]))
    ctx.session.repo.add_supporter(Supporter(
        "Ben Castillo", Kind.FRIEND, contacts=[ContactMethod(ContactType.PHONE, "07700 900456")]))
    assert ana.id is not None
    CrisisLinesService(ctx.session.repo).set_shown_when_locked(ana.id, True)
    lock(window, ctx)
    cover = window.extensions["privacy"].cover  # type: ignore[attr-defined]
    assert cover.isVisible() and not window.centralWidget().isVisible()
    assert cover.crisis.emergency_button.accessibleName() == "Emergency: call 999"
    assert cover.crisis.line_button.accessibleName() == "Call Samaritans: 116 123"
    assert "Shout" in cover.other_lines.text()
    with qtbot.waitActive(window):
        window.activateWindow()
    cover.pin.setFocus()
    qtbot.waitUntil(cover.pin.hasFocus)
    press_reach_out(cover.pin)
    views = open_views()
    assert len(views) == 1
    shows_help(views[0])
    assert [p.name for p in views[0].people] == ["Ana Okafor"]  # only who was chosen
    assert app_lock.is_locked() and not window.centralWidget().isVisible()
    views[0].close()
    cover.reach_out_button.click()  # the lock screen's own button
    assert len(open_views()) == 1 and app_lock.is_locked()


def test_the_tray_while_locked_opens_crisis_help(window: MainWindow, ctx: AppContext,
                                                 qtbot: QtBot) -> None:
    from supportdesk.ui.reminders.tray import ReminderTray

    tray = ReminderTray(ctx.events)
    lock(window, ctx)
    first = tray.menu.actions()[0]
    assert first is tray.reach_out_action
    first.trigger()
    views = open_views()
    assert len(views) == 1
    shows_help(views[0])
    assert app_lock.is_locked()


def test_the_crisis_view_people_are_opt_in_from_the_person_editor(
        ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.editors.supporter_editor import SupporterEditor

    ana = ctx.session.repo.add_supporter(Supporter("Ana Okafor", Kind.PARTNER))
    assert ana.id is not None
    editor = SupporterEditor(ctx, ana)
    qtbot.addWidget(editor)
    assert not editor.locked_box.isChecked()  # off by default
    editor.locked_box.setChecked(True)
    assert editor.has_unsaved_changes
    assert editor.save()
    assert CrisisLinesService(ctx.session.repo).shown_when_locked() == {ana.id}
    again = SupporterEditor(ctx, ctx.session.repo.supporter(ana.id))
    qtbot.addWidget(again)
    assert again.locked_box.isChecked()


def test_help_lists_the_shortcut_first(window: MainWindow, qtbot: QtBot) -> None:
    from supportdesk.ui.shortcuts_dialog import ShortcutsDialog

    help_items = [a.text() for a in window.menu("help").actions()]
    assert "&Keyboard shortcuts" in help_items
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    keys = [k for k, _words in dialog.rows]
    assert keys[0] == "Ctrl+Shift+H" and "Reach out now" in dialog.rows[0][1]
    assert "Ctrl+1" in keys and "Ctrl+," in keys


def test_at_first_run_i_need_help_now_comes_before_the_recovery_key(qtbot: QtBot) -> None:
    from PySide6.QtCore import QLocale

    from supportdesk.ui.startup.welcome import WelcomeDialog

    before = QLocale()
    QLocale.setDefault(QLocale("en_IE"))
    try:
        dialog = WelcomeDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789")
        qtbot.addWidget(dialog)
        seen: list[list[tuple[str, list[str], int]]] = []

        def look_and_close() -> None:
            views = open_views()
            seen.append([(v.strip.emergency_button.accessibleName(), v.line_names,
                          len(v.people)) for v in views])
            for view in views:
                view.close()

        def inside_the_welcome() -> None:
            try:
                QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_H, CTRL_SHIFT)
                look_and_close()
                dialog.help_button.click()  # the button does the same
                look_and_close()
            finally:
                dialog.stored_check.setChecked(True)
                QTimer.singleShot(0, dialog.continue_button.click)

        QTimer.singleShot(50, inside_the_welcome)
        dialog.exec()
        assert [len(views) for views in seen] == [1, 1]
        emergency, lines, people = seen[0][0]
        assert emergency == "Emergency: call 112"
        assert "Samaritans Ireland" in lines
        assert people == 0  # nothing from a vault
    finally:
        QLocale.setDefault(before)


def test_while_the_vault_is_still_opening_the_key_opens_crisis_help(qtbot: QtBot) -> None:
    """The recovery dialog comes before the vault is open: Ctrl+Shift+H in it still
    shows the emergency number and a crisis line, from the shipped list alone."""
    from PySide6.QtCore import QLocale

    from supportdesk.ui.startup.recovery import KEY_MISSING_TEXT, RecoveryDialog
    from supportdesk.ui.views_actions import catch_reach_out_early

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    early = catch_reach_out_early(app)
    try:
        dialog: RecoveryDialog[None] = RecoveryDialog(KEY_MISSING_TEXT, lambda _key: None)
        qtbot.addWidget(dialog)
        seen: list[tuple[str, list[str]]] = []

        def inside_the_dialog() -> None:
            try:
                QTest.keyClick(dialog.key_edit, Qt.Key.Key_H, CTRL_SHIFT)
                for view in open_views():
                    seen.append((view.strip.emergency_button.accessibleName(),
                                 view.line_names))
                    view.close()
            finally:
                QTimer.singleShot(0, dialog.reject)

        QTimer.singleShot(50, inside_the_dialog)
        dialog.exec()
    finally:
        app.removeEventFilter(early)
        QLocale.setDefault(before)
    assert len(seen) == 1
    emergency, lines = seen[0]
    assert "999" in emergency and lines and "Samaritans" in lines[0]
    assert dialog.key_edit.text() == ""  # the key never reached the dialog's field
