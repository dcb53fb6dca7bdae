"""The daily automatic backup, written on a worker thread so the window stays responsive.

Only the copy itself runs there (``BackupScheduler.write``: an encrypted export read
through the worker thread's own connection, then renamed into place); deciding when,
and remembering how it went, stay on the GUI thread. ``wait()`` is called before the
vault closes or is restored, so a backup is never cut off half-way by the app itself.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import peewee as pw
from PySide6.QtCore import QObject, Signal

from supportdesk.core.errors import KnownError, StorageError
from supportdesk.services.auto_backup import BackupPlan, BackupScheduler

LOG = logging.getLogger(__name__)


class BackgroundBackup(QObject):
    """Runs one backup at a time; ``finished(plan, Path | KnownError)`` on the GUI thread."""

    finished = Signal(object, object)

    def __init__(self, scheduler: BackupScheduler, db: pw.Database,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.db = db
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, plan: BackupPlan) -> bool:
        """Begin writing ``plan``; False if a backup is already being written."""
        if self.running:
            return False
        self._thread = threading.Thread(target=self._write, args=(plan,),
                                        name="supportdesk-backup")
        self._thread.start()
        return True

    def wait(self) -> None:
        """Until the backup being written (if any) is complete."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _write(self, plan: BackupPlan) -> None:
        outcome: Path | KnownError
        try:
            outcome = self.scheduler.write(plan)
        except KnownError as error:
            outcome = error
        except Exception:
            # The log's formatter keeps the type and frames only, never the message.
            LOG.exception("the automatic backup stopped")
            outcome = StorageError("Something unexpected stopped the backup.",
                                   hint="Try Back up now from the File menu.")
        finally:
            self.db.close()  # this thread's own connection only
        self.finished.emit(plan, outcome)
