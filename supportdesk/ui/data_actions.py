"""File menu: Import ▸ (contacts, a SupportDesk export, a Daylio backup), Export ▸
(… Everything…, Check-ins…), Back up now…, Restore from backup…; the "Backups" settings tab; and the
automatic daily backup while the app runs.

Every unencrypted export asks first, with the same plain warning. Errors from the
disk (full, read-only, missing folder) are shown as the message the service gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.services.auto_backup import MAX_KEEP, MIN_KEEP, BackupPlan
from supportdesk.services.checkin_filter import CheckinFilter
from supportdesk.services.exporting import (
    UNENCRYPTED_WARNING,
    ExportCancelledError,
    ExportFormat,
)
from supportdesk.services.settings import str_key
from supportdesk.ui.background_backup import BackgroundBackup
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label, plain_message_box, plain_tooltip, tell

if TYPE_CHECKING:  # the dialogs load with their first use
    from supportdesk.ui.daylio_dialog import DaylioDialog
    from supportdesk.ui.full_import_dialog import FullImportDialog
from supportdesk.ui.restore_dialog import RestoreDialog

EXPORT_FOLDER = str_key("export.folder", "")
IMPORT_FOLDER = str_key("import.folder", "")
CHECK_EVERY_MS = 30 * 60 * 1000
FIRST_CHECK_MS = 2 * 60 * 1000
FILTERS = {
    ExportFormat.VCARD: "Contacts (*.vcf)",
    ExportFormat.VCARD3: "Contacts (*.vcf)",
    ExportFormat.CSV: "Spreadsheet (*.csv)",
    ExportFormat.ICS: "Calendar (*.ics)",
    ExportFormat.PDF: "PDF (*.pdf)",
    ExportFormat.CARD: "PDF (*.pdf)",
    ExportFormat.ALL: "Zip archive (*.zip)",
    ExportFormat.CHECKINS: "Spreadsheet (*.csv)",
}
DEFAULT_NAMES = {
    ExportFormat.VCARD: "supportdesk-contacts.vcf",
    ExportFormat.VCARD3: "supportdesk-contacts-3.0.vcf",
    ExportFormat.CSV: "supportdesk-network.csv",
    ExportFormat.ICS: "supportdesk-check-ins.ics",
    ExportFormat.PDF: "my-support-plan.pdf",
    ExportFormat.CARD: "my-crisis-card.pdf",
    ExportFormat.ALL: "supportdesk-everything.zip",
    ExportFormat.CHECKINS: "supportdesk-check-in-history.csv",
}
MENU_LABELS = {
    ExportFormat.VCARD: "&Contacts (vCard)…",
    ExportFormat.VCARD3: "Contacts for &older address books (vCard 3.0)…",
    ExportFormat.CSV: "&Spreadsheet (CSV)…",
    ExportFormat.ICS: "Calendar of &check-ins (ICS)…",
    ExportFormat.PDF: "Support &plan (PDF)…",
    ExportFormat.CARD: "C&risis card (PDF)…",
    ExportFormat.ALL: "&Everything…",
    ExportFormat.CHECKINS: "Check-&ins…",
}
MENU_TIPS = {
    ExportFormat.VCARD3: "vCard 3.0, for Outlook, older phones and address books that do "
                         "not read vCard 4.0",
    ExportFormat.ALL: "Everything in SupportDesk as spreadsheet files and one JSON file, "
                      "in a zip; File > Import > SupportDesk export reads it back",
    ExportFormat.CHECKINS: "Your check-in history as a spreadsheet, filtered as the "
                           "Check-ins page shows it",
}


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while something takes a moment on the GUI thread."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class DataActions(QObject):
    """The data menu items and the backup timer for one main window."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.settings = ctx.app.settings
        self.scheduler = ctx.app.backups
        self.background = (BackgroundBackup(self.scheduler, ctx.session.db, self)
                           if self.scheduler is not None else None)
        self._shown_failure = ""
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self._build_menu()
        self._connect_signals()
        if self.scheduler is not None:
            self.timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self, self.run_automatic_backup)

    # -- building ---------------------------------------------------------------

    def _build_menu(self) -> None:
        menu: QMenu = self.window.menu("file")  # type: ignore[attr-defined]
        first = menu.actions()[0] if menu.actions() else None
        self.import_menu = QMenu("&Import", self.window)
        self.import_action = QAction("&Contacts (vCard, Google or Outlook CSV)…", self.window)
        self.import_export_action = QAction("&SupportDesk export…", self.window)
        self.import_export_action.setStatusTip(
            "Bring back everything from a SupportDesk export (.json or the .zip of "
            "File > Export > Everything)")
        self.import_daylio_action = QAction("&Daylio backup (CSV)…", self.window)
        self.import_daylio_action.setStatusTip("Bring in the moods from Daylio's CSV export")
        self.import_menu.addAction(self.import_action)
        self.import_menu.addAction(self.import_export_action)
        self.import_menu.addAction(self.import_daylio_action)
        self.export_menu = QMenu("&Export", self.window)
        self.export_actions: dict[ExportFormat, QAction] = {}
        for fmt in ExportFormat:
            if fmt is ExportFormat.ALL:
                self.export_menu.addSeparator()
            action = QAction(MENU_LABELS[fmt], self.window)
            action.setStatusTip(MENU_TIPS.get(fmt, ""))
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_menu.addAction(action)
            self.export_actions[fmt] = action
        self.backup_action = QAction("&Back up now…", self.window)
        self.restore_action = QAction("&Restore from backup…", self.window)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(self.scheduler is not None)
        menu.insertMenu(first, self.import_menu)  # type: ignore[arg-type]
        menu.insertMenu(first, self.export_menu)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        menu.insertAction(first, self.backup_action)  # type: ignore[arg-type]
        menu.insertAction(first, self.restore_action)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]
        tabs = getattr(self.window, "settings_tabs", None)
        if tabs is not None and self.scheduler is not None:
            tabs.append(("Backups", lambda ctx: BackupsTab(ctx, self)))

    def _connect_signals(self) -> None:
        if self.background is not None:
            self.background.finished.connect(self._on_background_finished)
            app = QApplication.instance()
            if app is not None:  # the vault closes after the loop ends: finish first
                app.aboutToQuit.connect(self.background.wait)
        self.import_action.triggered.connect(lambda: self.import_contacts())
        self.import_export_action.triggered.connect(lambda: self.import_export())
        self.import_daylio_action.triggered.connect(lambda: self.import_daylio())
        self.backup_action.triggered.connect(lambda: self.back_up_now())
        self.restore_action.triggered.connect(lambda: self.restore())
        self.timer.timeout.connect(self.run_automatic_backup)

    # -- asking the person (replaced in tests) -------------------------------------

    def ask_open_path(self, title: str, folder: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, title, folder, filters)
        return Path(name) if name else None

    def ask_save_path(self, fmt: ExportFormat, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.window, f"Export {fmt.label}",
                                              str(suggested), FILTERS[fmt])
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(fmt.suffix)

    def ask_folder(self, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.window, title, str(start))
        return Path(name) if name else None

    def confirm_unencrypted(self, fmt: ExportFormat) -> tuple[bool, bool]:
        """(go ahead, discreet): the plain warning, with a names-out choice for calendars."""
        box = plain_message_box(QMessageBox.Icon.Warning, f"Export {fmt.label}",
                                UNENCRYPTED_WARNING, self.window)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        chosen = self.checkins_filter().words_for(self._names()) \
            if fmt is ExportFormat.CHECKINS else ""
        box.setInformativeText((f"{chosen}\n\n" if chosen else "")
                               + "Keep it somewhere private, and delete it when you no "
                               "longer need it.")
        go = box.addButton("Export", QMessageBox.ButtonRole.AcceptRole)
        discreet = None
        if fmt is ExportFormat.ICS:
            discreet = QCheckBox("Leave names out of the calendar (shows “Check-in”)")
            box.setCheckBox(discreet)
        box.exec()
        return box.clickedButton() is go, bool(discreet and discreet.isChecked())

    def show_error(self, title: str, error: KnownError) -> None:
        tell(self.window, title, str(error), warning=True)

    def _status(self, text: str) -> None:
        show = getattr(self.window, "status_message", None)
        if show is not None:
            show(text)

    # -- import -----------------------------------------------------------------------

    def import_contacts(self, path: Path | None = None) -> bool:
        path = path or self.ask_open_path("Import contacts", self.settings.get(IMPORT_FOLDER),
                                          "Contacts (*.vcf *.vcard *.csv);;All files (*)")
        if path is None:
            return False
        try:
            from supportdesk.ui.import_dialog import import_file  # loads the readers

            dialog = import_file(self.ctx, path, self.window)
        except OSError as error:
            self._unreadable("Import contacts", path, error)
            return False
        self.ctx.app.set_setting(IMPORT_FOLDER, str(path.parent))
        if dialog is None:
            self._status("Import cancelled; nothing was changed.")
            return False
        if not dialog.preview.rows:
            dialog.deleteLater()
            why = dialog.preview.problems[0].message if dialog.preview.problems else ""
            self.show_error("Import contacts", KnownError(
                f"No contacts were found in {path.name}"
                + (f": {why}" if why else "."),
                hint="Choose a vCard file (.vcf), such as one exported from your phone or "
                     "Apple Contacts, or a CSV file exported from Google Contacts or "
                     "Outlook."))
            return False
        accepted = dialog.exec() == dialog.DialogCode.Accepted
        if accepted:
            self._status(f"{dialog.command.text()} done. Undo is in the Edit menu.")
        dialog.deleteLater()
        return accepted

    def import_export(self, path: Path | None = None) -> bool:
        """File > Import > SupportDesk export: preview, choose, import (one undo)."""
        title = "Import a SupportDesk export"
        path = path or self.ask_open_path(title, self.settings.get(IMPORT_FOLDER),
                                          "SupportDesk export (*.json *.zip);;All files (*)")
        if path is None:
            return False
        from supportdesk.ui.full_import_dialog import FullImportDialog, read_in_background

        try:
            checked = read_in_background(path.read_bytes(), self.window)
            with busy():
                preview = self.ctx.app.full_import.preview_checked(checked)
        except OSError as error:
            self._unreadable(title, path, error)
            return False
        except KnownError as error:
            self.show_error(title, error)
            return False
        self.ctx.app.set_setting(IMPORT_FOLDER, str(path.parent))
        dialog = FullImportDialog(self.ctx, preview, path.name, self.window)
        return self._run_import(dialog)

    def import_daylio(self, path: Path | None = None) -> bool:
        """File > Import > Daylio backup (CSV): preview, choose, import (one undo)."""
        title = "Import a Daylio backup"
        path = path or self.ask_open_path(title, self.settings.get(IMPORT_FOLDER),
                                          "Daylio backup (*.csv);;All files (*)")
        if path is None:
            return False
        from supportdesk.ui.daylio_dialog import daylio_dialog

        try:
            dialog = daylio_dialog(self.ctx, path, self.window)
        except OSError as error:
            self._unreadable(title, path, error)
            return False
        except ValueError as error:  # not a Daylio export
            self.show_error(title, KnownError(str(error), hint="In Daylio: More > Export "
                                              "entries > CSV."))
            return False
        self.ctx.app.set_setting(IMPORT_FOLDER, str(path.parent))
        return self._run_import(dialog)

    def _unreadable(self, title: str, path: Path, error: OSError) -> None:
        self.show_error(title, KnownError(
            f"SupportDesk could not read {path} ({error.strerror or error})."))

    def _run_import(self, dialog: FullImportDialog | DaylioDialog) -> bool:
        """Show the preview; once imported, say what came in (Undo takes it back)."""
        accepted = self.exec_dialog(dialog)
        if accepted and dialog.command is not None and dialog.command.outcome is not None:
            self._status(f"Imported: {dialog.command.outcome.summary}. "
                         "Undo is in the Edit menu.")
        dialog.deleteLater()
        return accepted

    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- export -----------------------------------------------------------------------

    def export(self, fmt: ExportFormat, target: Path | None = None) -> Path | None:
        go, discreet = self.confirm_unencrypted(fmt)
        if not go:
            return None
        folder = Path(self.settings.get(EXPORT_FOLDER) or Path.home())
        target = target or self.ask_save_path(fmt, folder / DEFAULT_NAMES[fmt])
        if target is None:
            return None
        saved = ""
        try:
            if fmt in (ExportFormat.PDF, ExportFormat.CARD):
                from supportdesk.ui.pdf.export import save_pdf

                save_pdf(self.ctx.app, fmt, target)
            elif fmt is ExportFormat.CHECKINS:
                with busy():
                    count = self.ctx.app.full_export.export_checkins(
                        target, self.checkins_filter())
                saved = f"{count} check-in{'s' if count != 1 else ''} "
            else:
                with busy():  # ten years of check-ins take seconds to zip
                    self.ctx.app.exporting.export(fmt, target, discreet)
        except ExportCancelledError:
            return None
        except KnownError as error:
            self.show_error(f"Export {fmt.label}", error)
            return None
        self.ctx.app.set_setting(EXPORT_FOLDER, str(target.parent))
        self._status(f"Saved {saved}{'to ' if saved else ''}{target.name} in {target.parent}")
        return target

    def checkins_filter(self) -> CheckinFilter:
        """What the Check-ins page shows now (everything if it was never opened)."""
        page = self.window.findChild(QWidget, "page_checkins")
        current = getattr(page, "current_filter", None)
        found = current() if current is not None else None
        return found if isinstance(found, CheckinFilter) else CheckinFilter()

    def _names(self) -> dict[int, str]:
        return {s.id or 0: s.name for s in self.ctx.app.network.supporter_heads()}

    # -- backups ----------------------------------------------------------------------

    def back_up_now(self, folder: Path | None = None) -> Path | None:
        if self.scheduler is None:
            return None
        folder = folder or self.ask_folder("Choose a folder for backups",
                                           self.scheduler.folder())
        if folder is None:
            return None
        self.wait_for_backup()
        try:
            self.scheduler.set_folder(folder)
            written = self.scheduler.back_up(folder)
        except KnownError as error:
            self.show_error("Back up", error)
            return None
        self.ctx.app.feed.poll()  # the scheduler noted the backup in the settings
        self._status(f"Backed up to {written.name} in {written.parent}")
        return written

    def run_automatic_backup(self) -> bool:
        """Start today's automatic backup on a worker thread when one is due; True if so.
        How it went arrives in ``_on_background_finished`` (``background.finished``)."""
        if self.scheduler is None or self.background is None:
            return False
        if self.ctx.session.db.is_closed():
            # The vault was closed (quitting, or a restore under way): nothing to back up.
            self.timer.stop()
            return False
        if self.background.running or not self.scheduler.is_due():
            return False
        try:
            plan = self.scheduler.plan(automatic=True)
        except KnownError as error:
            self._tell_backup_failed(error)
            return False
        return self.background.start(plan)

    def wait_for_backup(self) -> None:
        """Let an automatic backup being written finish (before a restore or a manual one)."""
        if self.background is not None:
            self.background.wait()

    def _on_background_finished(self, plan: BackupPlan, outcome: object) -> None:
        if self.scheduler is None or self.ctx.session.db.is_closed():
            return
        if isinstance(outcome, KnownError):
            self.scheduler.record(plan, outcome)
            self._tell_backup_failed(outcome)
            return
        self.scheduler.record(plan)
        self._shown_failure = ""
        self.ctx.app.feed.poll()  # the scheduler noted the backup in the settings

    def _tell_backup_failed(self, error: KnownError) -> None:
        """Once per distinct problem, in the banner, with a way to try by hand."""
        if error.message == self._shown_failure:
            return
        self._shown_failure = error.message
        banner = getattr(self.window, "show_banner", None)
        text = f"Today's automatic backup could not be made. {error}"
        if banner is not None:
            banner(text, [("Back up now…", lambda: self.back_up_now())])
        else:
            self._status(text)

    def restore(self, path: Path | None = None) -> bool:
        if self.scheduler is None:
            return False
        path = path or self.ask_open_path("Restore from backup", str(self.scheduler.folder()),
                                          "SupportDesk backups (*.sdbackup)")
        if path is None:
            return False
        self.wait_for_backup()  # the restore replaces the file a backup may be reading
        dialog = RestoreDialog(self.ctx.session, path, self.window)
        accepted = self.exec_restore(dialog)
        if accepted:
            self.ctx.undo.clear()  # undo steps refer to what was there before
            self.ctx.app.feed.poll()  # the epoch moved: every view reads again
            kept = dialog.safety_backup
            self._status("Restored from the backup." + (
                f" What you had before is saved as {kept.name}." if kept else ""))
        dialog.deleteLater()
        return accepted

    def exec_restore(self, dialog: RestoreDialog) -> bool:
        return dialog.exec() == dialog.DialogCode.Accepted


class BackupsTab(QWidget):
    """Settings > Backups: daily automatic backups, where, how many, and the last one."""

    def __init__(self, ctx: AppContext, actions: DataActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data_actions = actions
        assert actions.scheduler is not None
        self.scheduler = actions.scheduler
        layout = QVBoxLayout(self)
        intro = plain_label("Backups are encrypted copies of everything in SupportDesk. They open "
                            "with this vault's key, or with your recovery key on another computer.",
                            self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.auto_box = QCheckBox("Back up automatically once a day while SupportDesk runs",
                                  self)
        form.addRow(self.auto_box)
        folder_row = QHBoxLayout()
        # A path has no spaces to wrap at: a wrapping label clipped it top and bottom.
        # A read-only field shows it whole on one line, to read, select or scroll.
        self.folder_label = QLineEdit(self)
        self.folder_label.setReadOnly(True)
        self.folder_label.setAccessibleName("Backup folder")
        self.folder_button = QPushButton("Choose…", self)
        self.folder_button.setAccessibleName("Choose the backup folder")
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        form.addRow("Folder:", folder_row)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setRange(MIN_KEEP, MAX_KEEP)
        self.keep_spin.setSuffix(" backups")
        self.keep_spin.setAccessibleName("How many backups to keep")
        self.keep_spin.setMaximumWidth(160)
        form.addRow("Keep the newest:", self.keep_spin)
        self.last_label = plain_label(parent=self)
        self.last_label.setWordWrap(True)
        form.addRow("Last backup:", self.last_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("Back up now", self)
        self.restore_button = QPushButton("Restore from backup…", self)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._refresh()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.auto_box.toggled.connect(self._on_auto_box_toggled)
        self.keep_spin.valueChanged.connect(self._on_keep_spin_changed)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(lambda: self.data_actions.restore())
        self.ctx.bus.changed.connect(self._on_bus_changed)

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        if "settings" in topics:
            self._refresh()

    def _refresh(self) -> None:
        self.auto_box.blockSignals(True)
        self.auto_box.setChecked(self.scheduler.enabled())
        self.auto_box.blockSignals(False)
        self.keep_spin.blockSignals(True)
        self.keep_spin.setValue(self.scheduler.keep())
        self.keep_spin.blockSignals(False)
        self.folder_label.setText(str(self.scheduler.folder()))
        self.folder_label.setCursorPosition(0)
        self.folder_label.setToolTip(plain_tooltip(self.folder_label.text()))
        last = self.scheduler.last_backup()
        text = last.astimezone().strftime("%d %B %Y, %H:%M") if last else "None yet"
        failure = self.scheduler.last_failure()
        if failure:
            text += f"\nThe last try did not work: {failure}"
        self.last_label.setText(text)

    def _on_auto_box_toggled(self, on: bool) -> None:
        self.scheduler.set_enabled(on)

    def _on_keep_spin_changed(self, value: int) -> None:
        self.scheduler.set_keep(value)

    def _on_folder_button_clicked(self) -> None:
        folder = self.data_actions.ask_folder("Choose a folder for backups",
                                              self.scheduler.folder())
        if folder is not None:
            self.scheduler.set_folder(folder)
            self._refresh()

    def _on_backup_button_clicked(self) -> None:
        self.data_actions.back_up_now(self.scheduler.folder())
        self._refresh()


def install(window: QWidget, ctx: AppContext) -> DataActions:
    assert isinstance(window, QMainWindow)
    return DataActions(window, ctx)
