"""The catalogs are complete: a string in the code missing from them, or a shipped
language with an untranslated or fuzzy entry, fails here (``make translations``
brings them up to date; docs/TRANSLATIONS.md).

Two kinds of catalog: gettext for core/, services/ and cli/ (Babel's extractor, the
one ``make translations`` runs) and Qt Linguist's .ts for ui/ (pyside6-lupdate).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from supportdesk.core import i18n

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "supportdesk" / "locale"
QT_DIR = REPO / "resources" / "translations"
LAYERS = ("core", "services", "cli")
LANGUAGES = [code for code in i18n.shipped_languages() if code != i18n.SOURCE_LANGUAGE]
FIELD = re.compile(r"\{([^{}:!]*)[^{}]*\}")
HOW = "run `make translations`, then translate (docs/TRANSLATIONS.md)"

Key = tuple[str | None, str]


def _key(context: str | None, message: str | tuple[str, ...]) -> Key:
    return (context, message if isinstance(message, str) else message[0])


def in_the_code() -> set[Key]:
    found: set[Key] = set()
    for layer in LAYERS:
        for _file, _line, message, _comments, context in extract_from_dir(
                REPO / "supportdesk" / layer):
            found.add(_key(context, message))
    return found


def _catalog(path: Path, locale: str | None = None) -> object:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def test_the_three_languages_ship() -> None:
    assert set(LANGUAGES) >= {"de", "fr", "es"}


def test_every_string_in_the_code_is_in_the_template_and_no_stale_one() -> None:
    template = _catalog(LOCALE / "supportdesk.pot")
    listed = {_key(m.context, m.id) for m in template if m.id}  # type: ignore[attr-defined]
    code = in_the_code()
    assert code, "no marked strings found: is the extractor looking in the right place?"
    assert not code - listed, f"missing from supportdesk.pot ({HOW}): {sorted(code - listed)}"
    assert not listed - code, f"no longer in the code ({HOW}): {sorted(listed - code)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_translates_every_string_with_its_placeholders(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "supportdesk.po"
    catalog = _catalog(path, language)
    messages = {_key(m.context, m.id): m for m in catalog if m.id}  # type: ignore[attr-defined]
    missing = in_the_code() - set(messages)
    assert not missing, f"{language}: missing ({HOW}): {sorted(missing)}"
    problems = []
    for key, message in messages.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        fields = {f for source in sources for f in FIELD.findall(source)}
        if message.fuzzy:
            problems.append(f"fuzzy: {key}")
        elif not all(forms):
            problems.append(f"untranslated: {key}")
        elif isinstance(message.id, tuple) and len(forms) != catalog.num_plurals:  # type: ignore[attr-defined]
            problems.append(f"{len(forms)} plural forms, the language has "
                            f"{catalog.num_plurals}: {key}")  # type: ignore[attr-defined]
        for form in forms:
            used = set(FIELD.findall(form))
            # A plural form may leave out the number ("Ein Kontakt"), never add a name.
            if not used <= fields or (not isinstance(message.id, tuple) and used != fields):
                problems.append(f"placeholders {sorted(used)} vs {sorted(fields)}: {key}")
    assert not problems, f"{language}: " + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_current(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(folder / "supportdesk.po", language))  # type: ignore[arg-type]
    assert (folder / "supportdesk.mo").read_bytes() == compiled.getvalue(), HOW


def _qt_tool(name: str) -> str:
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    assert found, f"pyside6-{name} comes with PySide6"
    return found


def _ts_messages(path: Path) -> dict[tuple[str, str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_qt_catalog_has_every_tr_string_translated(language: str,
                                                       tmp_path: Path) -> None:
    shipped = QT_DIR / f"supportdesk_{language}.ts"
    fresh = tmp_path / shipped.name
    shutil.copy(shipped, fresh)
    subprocess.run([_qt_tool("lupdate"), "-extensions", "py", str(REPO / "supportdesk" / "ui"),
                    "-no-obsolete", "-locations", "none", "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    assert set(_ts_messages(fresh)) == set(_ts_messages(shipped)), HOW
    problems = []
    for key, message in _ts_messages(shipped).items():
        translation = message.find("translation")
        forms = [] if translation is None else (
            [form.text or "" for form in translation.iter("numerusform")]
            if message.get("numerus") == "yes" else [translation.text or ""])
        if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                              "vanished") or not all(forms):
            problems.append(str(key))
    assert not problems, f"{language}: untranslated in {shipped.name}: {problems}"
    compiled = tmp_path / f"supportdesk_{language}.qm"
    subprocess.run([_qt_tool("lrelease"), "-silent", str(shipped), "-qm", str(compiled)],
                   check=True, timeout=60)
    assert shipped.with_suffix(".qm").read_bytes() == compiled.read_bytes(), HOW
