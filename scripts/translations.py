"""Translation catalogs: extract, compile, and start a new language.

    python scripts/translations.py extract    strings from the code into the templates,
                                              and the languages' catalogs updated
    python scripts/translations.py compile    .po -> .mo and .ts -> .qm (what the app loads)
    python scripts/translations.py new LANG   a catalog for a new language (like "it")

``make translations`` runs extract then compile. Two kinds of catalog, one per layer
(docs/TRANSLATIONS.md):

- gettext, for the Qt-free layers (core/, services/, cli/): Babel's extractor writes
  ``supportdesk/locale/supportdesk.pot``; each language has
  ``supportdesk/locale/<lang>/LC_MESSAGES/supportdesk.po``, compiled to ``.mo``.
- Qt Linguist, for ui/: ``pyside6-lupdate`` writes ``resources/translations/
  supportdesk_<lang>.ts``; ``pyside6-lrelease`` compiles it to ``.qm``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "supportdesk"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "supportdesk.pot"
QT_DIR = REPO / "resources" / "translations"
# The layers whose strings go through gettext (ui/ goes through Qt's tr()).
GETTEXT_SOURCES = ("core", "services", "cli")
DOMAIN = "supportdesk"


def languages() -> list[str]:
    """The languages with a gettext catalog (English is the source, so has none)."""
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def _qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} was not found (it comes with PySide6).")
    return found


def extract() -> None:
    from supportdesk import __version__

    LOCALE.mkdir(parents=True, exist_ok=True)
    _pybabel("extract", "--project", "SupportDesk", "--version", __version__,
             "--copyright-holder", "SupportDesk contributors",
             "--add-comments", "TRANSLATORS:", "--sort-by-file", "--add-location", "file",
             "--width", "90", "-o", str(TEMPLATE),
             *(f"supportdesk/{layer}" for layer in GETTEXT_SOURCES))  # run from REPO
    for lang in languages():
        _pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", lang,
                 "--ignore-obsolete", "--width", "90", "--update-header-comment")
    for ts in sorted(QT_DIR.glob(f"{DOMAIN}_*.ts")):
        subprocess.run([_qt_tool("lupdate"), "-extensions", "py", str(PACKAGE / "ui"),
                        "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)


def compile_all() -> None:
    _pybabel("compile", "-d", str(LOCALE), "-D", DOMAIN, "--statistics")
    for ts in sorted(QT_DIR.glob(f"{DOMAIN}_*.ts")):
        subprocess.run([_qt_tool("lrelease"), "-silent", str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], check=True, cwd=REPO)


def new_language(lang: str) -> None:
    if not lang.replace("_", "").isalpha():
        raise SystemExit(f"{lang!r} is not a language code (like it, pt_BR).")
    if (LOCALE / lang).exists():
        raise SystemExit(f"{lang} already has a catalog in {LOCALE / lang}.")
    if not TEMPLATE.exists():
        extract()
    _pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", DOMAIN, "-l", lang,
             "--width", "90")
    ts = QT_DIR / f"{DOMAIN}_{lang}.ts"
    subprocess.run([_qt_tool("lupdate"), "-extensions", "py", str(PACKAGE / "ui"),
                    "-source-language", "en", "-target-language", lang, "-locations", "none",
                    "-ts", str(ts)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    print(f"Now translate, in Poedit or Qt Linguist:\n  {LOCALE / lang / 'LC_MESSAGES'}"
          f"/{DOMAIN}.po\n  {ts}\nthen run `make translations`.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    sub.add_parser("extract")
    sub.add_parser("compile")
    new = sub.add_parser("new")
    new.add_argument("lang")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)  # the catalogs name files relative to the checkout
    if args.step == "extract":
        extract()
    elif args.step == "compile":
        compile_all()
    else:
        new_language(args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
