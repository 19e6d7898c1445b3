"""The Markdown preview of an entry's free text, which never loads anything."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser


class LocalOnlyBrowser(QTextBrowser):
    """Markdown preview that never loads anything: no files, no network, no images."""

    def loadResource(self, _type: int, _name: QUrl | str) -> object:
        return None
