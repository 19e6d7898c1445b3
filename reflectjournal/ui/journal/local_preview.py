"""Rich text that never loads anything: the free text's preview and the reading pane."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser


class LocalOnlyBrowser(QTextBrowser):
    """Shows only the HTML it is given: no files, no network, no images; links do not open."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)

    def loadResource(self, _type: int, _name: QUrl | str) -> object:
        return None
