"""The frozen app, as a person on Linux gets it: build it with PyInstaller, pack the
.deb, unpack the .deb into a throwaway root, and start it under Xvfb with the real
keyring and notification daemon in --smoke-test mode. It must create a vault whose key
is in the keyring, show its window, deliver a notification, and exit 0.

The build is cached in build/frozen-test/<hash of its inputs>, so a second
`make test` with nothing changed does not build again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from tests.integration.conftest import NotifyMonitor, PrivateDesktop, missing

pytestmark = [pytest.mark.real, pytest.mark.frozen,
              pytest.mark.timeout(900),  # the first test builds the app
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux .deb")]

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / "build" / "frozen-test"
BUILD_INPUTS = ("supportdesk", "resources", "packaging", "pyproject.toml", "setup.py")


def build_inputs_hash() -> str:
    digest = hashlib.sha256()
    for tool in ("pyinstaller", "PySide6-Essentials"):
        digest.update(f"{tool}={metadata.version(tool)}\n".encode())
    digest.update(sys.version.encode())
    for top in BUILD_INPUTS:
        base = REPO / top
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_logged(argv: list[str], log: Path, env: dict[str, str] | None = None) -> None:
    with open(log, "ab") as out:
        result = subprocess.run(argv, cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                env=env, timeout=900, check=False)
    if result.returncode != 0:
        pytest.fail(f"{argv[0]} failed; the end of {log}:\n"
                    + log.read_text(errors="replace")[-3000:], pytrace=False)


@pytest.fixture(scope="module")
def deb_package() -> Path:
    """The .deb for the current sources: built once, then reused until they change."""
    for program in ("dpkg-deb", "strip"):
        if shutil.which(program) is None:
            missing(f"{program} is not installed (see scripts/system-packages.txt)")
    target = CACHE / build_inputs_hash()
    done = target / "deb-path"
    if done.exists():
        return Path(done.read_text().strip())
    if CACHE.exists():
        for old in CACHE.iterdir():
            if old.name != "work":
                shutil.rmtree(old, ignore_errors=True)
    target.mkdir(parents=True)
    log = target / "build.log"
    bin_dir = Path(sys.executable).parent
    run_logged([str(bin_dir / "pyinstaller"), "--noconfirm", "--log-level", "WARN",
                "--distpath", str(target / "dist"), "--workpath", str(CACHE / "work"),
                "packaging/supportdesk.spec"], log)
    env = dict(os.environ, DEB_COMPRESSION="gzip", PYTHON=sys.executable)
    run_logged(["bash", "packaging/linux/build_deb.sh", str(target / "dist" / "supportdesk"),
                str(target)], log, env=env)
    shutil.rmtree(target / "dist")  # the .deb holds it; keep the cache small
    deb = next(target.glob("supportdesk_*.deb"))
    done.write_text(str(deb))
    return deb


@pytest.fixture(scope="module")
def installed_root(deb_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(deb_package), str(root)], check=True, timeout=300)
    return root


def test_deb_declares_what_it_needs(deb_package: Path) -> None:
    fields = subprocess.run(["dpkg-deb", "-f", str(deb_package)], capture_output=True,
                            text=True, check=True, timeout=60).stdout
    assert "Package: supportdesk" in fields
    import supportdesk

    assert f"Version: {supportdesk.__version__}" in fields
    depends = next(line for line in fields.splitlines() if line.startswith("Depends:"))
    for library in ("libgl1", "libegl1", "libxkbcommon-x11-0", "libxcb-cursor0",
                    "libdbus-1-3", "fonts-dejavu-core"):
        assert library in depends


def test_deb_installs_launcher_menu_entry_and_icons(installed_root: Path) -> None:
    app = installed_root / "opt" / "supportdesk" / "supportdesk"
    assert os.access(app, os.X_OK)
    launcher = installed_root / "usr" / "bin" / "supportdesk"
    assert os.access(launcher, os.X_OK)
    assert "/opt/supportdesk/supportdesk" in launcher.read_text()
    entry = installed_root / "usr" / "share" / "applications" / "supportdesk.desktop"
    assert "Exec=supportdesk" in entry.read_text()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(entry)], check=True, timeout=60)
    hicolor = installed_root / "usr" / "share" / "icons" / "hicolor"
    for size in (16, 32, 48, 128, 256):
        assert (hicolor / f"{size}x{size}" / "apps" / "supportdesk.png").is_file()
    shipped = list((installed_root / "opt" / "supportdesk").rglob("crisis_lines.json"))
    assert shipped, "the shipped resources are missing from the frozen app"


def test_frozen_app_version(installed_root: Path) -> None:
    import supportdesk

    app = installed_root / "opt" / "supportdesk" / "supportdesk"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(app), "--version"], capture_output=True, text=True,
                            timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert supportdesk.__version__ in result.stdout + result.stderr


def window_seen(env: dict[str, str], process: subprocess.Popen[str]) -> bool:
    """Poll for a mapped SupportDesk window while the app runs."""
    while process.poll() is None:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "SupportDesk"],
                               env=env, capture_output=True, text=True, timeout=30,
                               check=False)
        if found.stdout.strip():
            return True
        time.sleep(0.02)
    return False


def test_smoke_test_creates_vault_shows_window_and_notifies(
        installed_root: Path, real_keyring: object, notification_daemon: NotifyMonitor,
        tray_host: str, private_desktop: PrivateDesktop, tmp_path: Path) -> None:
    if shutil.which("xdotool") is None:
        missing("xdotool is not installed (apt-get install xdotool)")
    data_dir = tmp_path / "data"
    env = private_desktop.child_env()
    app = installed_root / "opt" / "supportdesk" / "supportdesk"
    process = subprocess.Popen([str(app), "--smoke-test", "--data-dir", str(data_dir)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        shown = window_seen(env, process)
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, output
    assert "smoke-test ok" in output, output
    assert shown, "the main window was never shown"

    vault = json.loads((data_dir / "vault.json").read_text())
    key = subprocess.run(["secret-tool", "lookup", "service", "supportdesk",
                          "username", f"vault:{vault['uuid']}"], env=env,
                         capture_output=True, text=True, timeout=30, check=False).stdout
    assert len(key.strip()) == 64, "the vault's key is not in the real keyring"
    databases = [p for p in data_dir.iterdir() if p.suffix == ".db"]
    assert databases and not databases[0].read_bytes().startswith(b"SQLite format 3")

    calls = notification_daemon.wait_for(1)
    assert any(call.app_name == "SupportDesk" for call in calls), calls


@pytest.mark.parametrize(("fmt", "expected"), [("pdf", "My support plan"),
                                               ("card", "If things get hard")])
def test_frozen_cli_prints_the_plan_and_the_card(
        installed_root: Path, real_keyring: object, private_desktop: PrivateDesktop,
        tmp_path: Path, fmt: str, expected: str) -> None:
    """``export --format pdf|card`` draws in a child of the same frozen program (its
    parser knows no ``python -m``): the hidden ``_render-pdf`` subcommand."""
    env = {**private_desktop.child_env(), "QT_QPA_PLATFORM": "offscreen"}
    app = installed_root / "opt" / "supportdesk" / "supportdesk"
    data_dir = tmp_path / "data"
    made = subprocess.run([str(app), "--data-dir", str(data_dir), "init"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    out = tmp_path / f"{fmt}.pdf"
    done = subprocess.run([str(app), "--data-dir", str(data_dir), "export", "--format", fmt,
                           str(out), "--yes"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True, timeout=60).stdout
        assert expected in text
    else:
        assert out.read_bytes().startswith(b"%PDF")
