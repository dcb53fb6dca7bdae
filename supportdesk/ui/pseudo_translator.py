"""The Qt side of the pseudo-locale (``SUPPORTDESK_LANGUAGE=pseudo``, docs/TRANSLATIONS.md)."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from supportdesk.core.pseudo_locale import pseudo


class PseudoTranslator(QTranslator):
    """Every source text Qt translates (the app's and Qt's own) in its pseudo form;
    Qt fills in ``%n`` afterwards, as for any translation."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return pseudo(source_text)

    def isEmpty(self) -> bool:  # Qt's name: a pseudo translator is never empty
        return False
