"""What the PyInstaller specs leave out, shared so the app and the benchmark's frozen
hello-world (benchmarks/hello.spec) are slimmed the same way.

Used from the specs: ``EXCLUDES`` for ``Analysis(excludes=...)``, then
``slim(analysis)`` on the result. Qt modules, plugins and translations the app does
not use are left out, and on Linux only the shared libraries something really links
to (or Qt loads at run time) are kept.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

Entry = tuple[str, str, str]  # PyInstaller's (destination, source, kind)

UNUSED_QT = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner",
    "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets",
    "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning",
    "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSql",
    "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets",
    "QtWebView", "QtXml",
]
EXCLUDES = [f"PySide6.{name}" for name in UNUSED_QT] + [
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "IPython", "matplotlib",
    "numpy", "pytest", "pytestqt", "hypothesis", "mypy", "ruff",
]

# Qt plugins kept: how windows are drawn (xcb, wayland, Windows, Cocoa, offscreen),
# image formats and icon engines (SVG icons), input methods, and native styles.
KEPT_PLUGIN_DIRS = {
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines",
    "xcbglintegrations", "styles", "wayland-decoration-client",
    "wayland-graphics-integration-client", "wayland-shell-integration",
}
DROPPED_PLUGINS = ("libqgtk3", "qgtk3", "libqwebgl", "libqvnc", "libqlinuxfb",
                   "libqeglfs", "libqminimalegl", "libqvkkhrdisplay", "qdirect2d")
UNUSED_QT_LIBS = (*(f"Qt6{name[2:]}" for name in UNUSED_QT),
                  "Qt6VirtualKeyboard", "Qt6QmlModels", "Qt6QmlWorkerScript", "Qt6QmlMeta",
                  "Qt6Quick", "Qt6Qml", "Qt6Pdf")
# Libraries Qt opens with dlopen, which no NEEDED entry points at.
LOADED_AT_RUN_TIME = ("libpython", "libdbus-1", "libGL", "libEGL", "libxkbcommon", "libxcb",
                      "libX11", "libwayland", "libfontconfig", "libfreetype", "libQt6")


# The app's languages (a folder each in supportdesk/locale) and English: only their Qt
# translations (Qt's own buttons and dialogs) and Babel's locale data are shipped.
_LOCALE = Path(__file__).resolve().parent.parent / "supportdesk" / "locale"
LANGUAGES = {"en", *(p.name for p in _LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())} \
    if _LOCALE.is_dir() else {"en"}


def _language_kept(parts: list[str]) -> bool | None:
    """Qt's translations and Babel's locale data: only for the app's languages."""
    name = parts[-1]
    if "translations" in parts and "PySide6" in parts:
        stem = name.rsplit(".", 1)[0]
        return stem.startswith("qtbase_") and stem.split("_", 1)[1] in LANGUAGES
    if "locale-data" in parts and "babel" in parts:
        stem = name.rsplit(".", 1)[0]
        return stem == "root" or stem.split("_")[0] in LANGUAGES
    return None


def kept(entry: Entry) -> bool:
    dest = entry[0].replace("\\", "/")
    parts = dest.split("/")
    language = _language_kept(parts)
    if language is not None:
        return language
    if "plugins" in parts:
        index = parts.index("plugins")
        group = parts[index + 1] if len(parts) > index + 1 else ""
        if group not in KEPT_PLUGIN_DIRS:
            return False
        if parts[-1].startswith(DROPPED_PLUGINS):
            return False
    name = parts[-1]
    if name.startswith("lib"):
        name = name[3:]
    if name.startswith(UNUSED_QT_LIBS):
        return False
    return not ("PySide6" in parts and name.endswith((".qml", ".qmltypes", ".qmldir")))


def _needed_by(path: str) -> set[str]:
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True,
                         check=False).stdout
    return {line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")}


def reachable_only(binaries: list[Entry]) -> list[Entry]:
    """Drop libraries that only left-out plugins needed (the GTK stack behind the gtk3
    theme, CUPS, EGLFS...): keep what the Python extensions, the kept plugins and the
    libraries Qt loads at run time really link to."""
    by_name = {Path(dest).name: (dest, src, kind) for dest, src, kind in binaries}
    roots = [entry for entry in binaries
             if ".cpython-" in entry[0] or ".abi3." in entry[0] or "/plugins/" in
             entry[0].replace("\\", "/") or Path(entry[0]).name.startswith(LOADED_AT_RUN_TIME)]
    seen = {Path(dest).name for dest, _src, _kind in roots}
    todo = [src for _dest, src, _kind in roots]
    while todo:
        for name in _needed_by(todo.pop()):
            if name in by_name and name not in seen:
                seen.add(name)
                todo.append(by_name[name][1])
    return [entry for entry in binaries
            if Path(entry[0]).name in seen or not Path(entry[0]).name.startswith("lib")
            or ".so" not in Path(entry[0]).name]


# Runtime hooks PyInstaller adds because some module in the graph could use the
# feature, run at every start before the app's own code (about 40 ms together): the app
# never starts processes (multiprocessing) or lists a frozen package's modules (pkgutil).
UNUSED_RUNTIME_HOOKS = {"pyi_rth_multiprocessing", "pyi_rth_pkgutil"}


def slim(analysis: Any) -> None:
    """Filter a PyInstaller ``Analysis`` in place."""
    analysis.scripts = [entry for entry in analysis.scripts
                        if entry[0] not in UNUSED_RUNTIME_HOOKS]
    analysis.binaries = [entry for entry in analysis.binaries if kept(entry)]
    analysis.datas = [entry for entry in analysis.datas if kept(entry)]
    if sys.platform.startswith("linux"):
        analysis.binaries = reachable_only(analysis.binaries)
