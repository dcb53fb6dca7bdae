"""The house rules, checked by the suite: the layers point one way and Qt stays in ui/
(import-linter), the code is ruff-clean, and every package and app.py pass mypy --strict.

Each runs the real tool from the virtual environment, as `make lint` does.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / name
    if not tool.exists():
        pytest.fail(f"{name} is not installed in {BIN}; run `make test` to install it")
    return subprocess.run([str(tool), *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600, check=False)


def test_layers_and_qt_boundary_hold() -> None:
    result = run_tool("lint-imports", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_qt_free_packages_pass_mypy_strict() -> None:
    result = run_tool("mypy", "--strict", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr
    checked = {"core", "store", "vault", "services", "formats", "ui", "cli", "app.py"}
    configured = (REPO / "pyproject.toml").read_text()
    assert all(f'"supportdesk/{name}"' in configured for name in checked)


def test_no_qt_outside_ui_and_app() -> None:
    """A backstop for imports import-linter cannot see (inside strings or exec)."""
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "supportdesk").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
        and path.relative_to(REPO / "supportdesk").parts[0] not in {"ui", "app.py"}
    ]
    assert offenders == []


WORKFLOW = REPO / ".github" / "workflows" / "build.yml"


def test_ci_workflow_is_valid_and_builds_every_platform() -> None:
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr
    text = WORKFLOW.read_text()
    for runner in ("ubuntu-", "windows-", "macos-14", "macos-13"):
        assert f"{runner}" in text, f"no {runner} build"
    assert text.count("--smoke-test") >= 3, "each platform must start its frozen app"
    assert "if: startsWith(github.ref, 'refs/tags/v')" in text, "release only on tags"


def test_shell_scripts_parse() -> None:
    scripts = [REPO / ".ci" / "run", *REPO.glob("scripts/*.sh"),
               *REPO.glob("packaging/**/*.sh")]
    for script in scripts:
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True,
                                timeout=60, check=False)
        assert result.returncode == 0, f"{script}: {result.stderr}"


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _called(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}" if owner in {"QLabel", "QMessageBox"} else f".{func.attr}"
    return ""


def test_labels_message_boxes_and_tooltips_show_user_text_as_typed() -> None:
    """Qt draws a label, message box or tooltip that looks like HTML as rich text, so
    a name could load a local file. Labels and message boxes are made only through
    ui/plain.py (always plain; rich_label only for our own fixed wording), and a
    tooltip that is not fixed wording goes through plain_tooltip."""
    offenders = []
    plain = REPO / "supportdesk" / "ui" / "plain.py"
    for path in [*(REPO / "supportdesk" / "ui").rglob("*.py"), REPO / "supportdesk" / "app.py"]:
        if path == plain:
            continue
        where = str(path.relative_to(REPO))
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            name = _called(call)
            at = f"{where}:{call.lineno}"
            if name in {"QLabel", "QMessageBox", "QMessageBox.information",
                        "QMessageBox.warning", "QMessageBox.critical", "QMessageBox.question"}:
                offenders.append(f"{at} {name}(): use ui/plain.py")
            elif name == "rich_label" and not (
                    call.args and isinstance(call.args[0], ast.Name | ast.Constant)
                    and (isinstance(call.args[0], ast.Constant)
                         or call.args[0].id.isupper())):
                offenders.append(f"{at} rich_label() with text that is not our own constant")
            elif name == ".setTextFormat" and "PlainText" not in ast.unparse(call):
                offenders.append(f"{at} setTextFormat other than PlainText")
            elif name == ".setToolTip" and call.args:
                tip = call.args[-1]
                fixed = isinstance(tip, ast.Constant)
                wrapped = isinstance(tip, ast.Call) and _called(tip) == "plain_tooltip"
                if not (fixed or wrapped):
                    offenders.append(f"{at} setToolTip({ast.unparse(tip)}) without plain_tooltip")
    assert offenders == []


def test_ui_and_cli_reach_nothing_through_the_session() -> None:
    """ui/ and cli/ use the application object (services/application.py): no repository,
    and no service taken off the session, where a change would skip the change feed."""
    import re

    reach = re.compile(r"\.repo\b|\bsession\.(network|repo)\b")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("ui", "cli")
        for path in (REPO / "supportdesk" / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reach.search(line.split("#")[0])
    ]
    app_py = (REPO / "supportdesk" / "app.py").read_text(encoding="utf-8")
    assert offenders == [] and not reach.search(app_py), offenders
