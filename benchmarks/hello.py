"""The yardstick: a bare PySide6 QMainWindow, timed to its first paint like the app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def peak_kib() -> int:
    """This process's own peak memory (as the app's ``_peak_kib``): VmHWM on Linux."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


class FirstPaint(QObject):
    def __init__(self, app: QApplication, window: QMainWindow) -> None:
        super().__init__(window)
        self.app = app
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            print(f"first-paint {peak_kib()}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1000, 700)
    window.installEventFilter(FirstPaint(app, window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
