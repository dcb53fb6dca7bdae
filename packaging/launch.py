"""The frozen app's entry point (PyInstaller needs a script, not a module path)."""

from supportdesk.app import main

raise SystemExit(main())
