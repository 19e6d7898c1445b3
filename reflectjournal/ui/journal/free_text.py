"""The editor's free text: a Markdown box with a preview tab that loads nothing remote."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from reflectjournal.ui.journal.local_preview import LocalOnlyBrowser
from reflectjournal.ui.journal.prompt_boxes import section, text_box


class FreeText:
    """Builds the heading, the box and its preview; the preview renders when shown."""

    def __init__(self) -> None:
        self.heading = section("Free text")
        self.body = text_box("Free text", 8)
        self.body.setPlaceholderText("Anything else. Markdown works: *emphasis*, - lists, "
                                     "# headings.")
        self.preview = LocalOnlyBrowser()
        self.preview.setAccessibleName("Free text preview")
        self.preview.setOpenLinks(False)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Free text, write or preview")
        self.tabs.addTab(self.body, "&Write")
        self.tabs.addTab(self.preview, "Pre&view")
        self.tabs.currentChanged.connect(self._on_tab_changed)

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            self.preview.setMarkdown(self.body.toPlainText())
