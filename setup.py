"""Build hook: ship the top-level resources/ folder inside the package in a wheel.

A checkout (and an editable install) finds resources/ beside the package; a wheel has
no such folder, so build_py copies it to supportdesk/_resources, where
supportdesk.resources looks next. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "resources"
        if source.is_dir() and not self.editable_mode:
            target = Path(self.build_lib) / "supportdesk" / "_resources"
            shutil.copytree(source, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithResources})
