"""The app lock on the real main window: installed by its extension, covering the pages."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from supportdesk.services import app_lock
from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.privacy import install as privacy
from supportdesk.ui.privacy.install import PrivacyUi
from supportdesk.ui.privacy.settings_tab import PrivacyTab


def test_the_extension_adds_privacy_settings_and_locks_the_real_window(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    ui = privacy.install(window, ctx)
    assert isinstance(ui, PrivacyUi)
    try:
        names = [name for name, _factory in window.settings_tabs]
        assert "Privacy" in names
        factory = dict(window.settings_tabs)["Privacy"]
        tab = factory()
        assert isinstance(tab, PrivacyTab)
        qtbot.addWidget(tab)
        tab.enabled.click()
        tab.pin.setText("2468")
        tab.pin_again.setText("2468")
        tab.save_pin.click()
        central = window.centralWidget()
        assert central is not None and central.isVisible()
        ui.lock_now()
        assert not central.isVisible()
        assert ui.cover.isVisible() and ui.cover.geometry() == window.rect()
        assert app_lock.is_locked()
        window.resize(1100, 760)
        qtbot.wait(10)
        assert ui.cover.geometry() == window.rect()
        window.grab().save(str(tmp_path / "locked.png"))
        ui.cover.pin.setText("2468")
        ui.cover.unlock_button.click()
        assert central.isVisible() and not app_lock.is_locked()
    finally:
        ui.screen.stop()
        app_lock.set_locked(False)
