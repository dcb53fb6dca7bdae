"""What the PyInstaller spec, the Windows installer and the CI workflow promise, checked
here on Linux: Windows cannot be run on this machine, so the spec is executed with
PyInstaller's build steps recorded instead of run, as PyInstaller itself would execute it
on each platform.

On Windows the app is a windowed program (no console), so a command typed in a terminal
would print nothing; the bundle carries a console companion, ``supportdesk-cli.exe``,
built from the same analysis into the same folder.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "supportdesk.spec"


class Step:
    """One PyInstaller build step (Analysis, PYZ, EXE, COLLECT, BUNDLE), as called."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        self.binaries: list[Any] = []
        self.datas: list[Any] = []


def run_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Step]:
    steps: list[Step] = []

    def step(kind: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> Step:
            steps.append(Step(kind, *args, **kwargs))
            return steps[-1]
        return make

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [package]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    icons = types.ModuleType("icons")
    icons.render_png = lambda size, target: target  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "icons", icons)
    slim = types.ModuleType("slim")
    slim.EXCLUDES = []  # type: ignore[attr-defined]
    slim.slim = lambda analysis: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "slim", slim)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {"SPECPATH": str(SPEC.parent), "workpath": str(tmp_path),
                 "__file__": str(SPEC), **{kind: step(kind) for kind in (
                     "Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}}
    exec(compile(SPEC.read_text(), str(SPEC), "exec"), namespace)
    return steps


def exes(steps: list[Step]) -> dict[str, Step]:
    return {s.kwargs["name"]: s for s in steps if s.kind == "EXE"}


def test_windows_bundle_has_a_console_companion_beside_the_windowed_app(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = run_spec("win32", tmp_path, monkeypatch)
    built = exes(steps)
    assert set(built) == {"SupportDesk", "supportdesk-cli"}
    app, companion = built["SupportDesk"], built["supportdesk-cli"]
    assert app.kwargs["console"] is False
    assert companion.kwargs["console"] is True
    assert companion.args == app.args  # the same program: same archive, same scripts
    assert companion.kwargs["exclude_binaries"] is True  # it shares the folder's libraries
    assert companion.kwargs["version"] == app.kwargs["version"]
    [collect] = [s for s in steps if s.kind == "COLLECT"]
    assert app in collect.args and companion in collect.args
    assert collect.kwargs["name"] == "supportdesk"


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_the_app_itself_prints_and_there_is_no_companion(
        platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(exes(run_spec(platform, tmp_path, monkeypatch))) == 1


def test_the_installer_ships_the_companion_and_offers_it_on_path() -> None:
    script = (REPO / "packaging" / "windows" / "supportdesk.iss").read_text()
    tasks = re.findall(r'^Name: "(\w+)";.*$', script.split("[Tasks]")[1].split("[")[0],
                       re.MULTILINE)
    assert "addtopath" in tasks
    registry = script.split("[Registry]")[1].split("\n[")[0]
    path_entry = next(line for line in registry.splitlines()
                      if 'ValueName: "Path"' in line)
    assert "Tasks: addtopath" in path_entry and "{app}" in path_entry
    assert "Check: NeedsAddPath" in path_entry
    code = script.split("[Code]")[1]
    assert "function NeedsAddPath" in code
    assert "usUninstall" in code and "RemoveFromPath" in code  # taken off PATH again


def test_the_windows_job_runs_the_companion_on_a_fresh_vault() -> None:
    """(The workflow's schema is checked by check-jsonschema; this reads its steps.)"""
    workflow = (REPO / ".github" / "workflows" / "build.yml").read_text()
    job = workflow.split("\n  windows:\n")[1].split("\n  macos:\n")[0]
    steps = re.split(r"\n      - ", job)
    freeze = next(i for i, step in enumerate(steps) if step.startswith("name: Freeze"))
    [companion] = [i for i, step in enumerate(steps) if "supportdesk-cli.exe" in step]
    assert companion > freeze
    script = steps[companion]
    for command in ("--version", " init", " add ", " import ", "list --json"):
        assert command in script, command
    # each output is checked, so a companion that prints nothing fails the job
    assert '[[ "$version" == *"$expected"* ]] ||' in script
    assert "json.load(open(sys.argv[1], encoding='utf-8'))" in script


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_frozen_app_carries_every_languages_catalogs(
        platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gettext catalogs where core/i18n.py looks (supportdesk/locale), and resources/
    with the Qt catalogs (resources/translations), on every platform."""
    [analysis] = [s for s in run_spec(platform, tmp_path, monkeypatch) if s.kind == "Analysis"]
    datas = {(Path(source).relative_to(REPO).as_posix(), dest)
             for source, dest in analysis.kwargs["datas"]}
    for language in ("de", "es", "fr"):
        folder = f"supportdesk/locale/{language}/LC_MESSAGES"
        assert (f"{folder}/supportdesk.mo", folder) in datas
        assert (REPO / "resources" / "translations" / f"supportdesk_{language}.qm").is_file()
    assert ("resources", "resources") in datas


def test_slimming_keeps_qt_and_babel_data_for_the_apps_languages_only() -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import slim
    finally:
        sys.path.remove(str(REPO / "packaging"))

    def kept(dest: str) -> bool:
        return bool(slim.kept((dest, "source", "DATA")))

    assert kept("PySide6/Qt/translations/qtbase_de.qm")
    assert kept("PySide6/Qt/translations/qtbase_fr.qm")
    assert not kept("PySide6/Qt/translations/qtbase_ja.qm")
    assert not kept("PySide6/Qt/translations/assistant_de.qm")
    assert kept("babel/locale-data/es_MX.dat") and kept("babel/locale-data/root.dat")
    assert not kept("babel/locale-data/ja.dat")
    assert kept("babel/global.dat")
