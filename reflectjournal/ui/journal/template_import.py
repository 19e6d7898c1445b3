"""Importing a template file: what it holds, and whether it replaces the one of its name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from reflectjournal.domain.templates import summary_words

if TYPE_CHECKING:
    from reflectjournal.services.templates import ImportPreview


def import_question(preview: ImportPreview, kind_label: str) -> str:
    """Say what the file holds and what importing it does (plain text: the file's words)."""
    template, same = preview.template, preview.replaces
    lines = [f"“{template.label}” for {kind_label} entries: "
             f"{summary_words(template, True).removesuffix(' (yours)')}"]
    lines += [f"{'  (hidden) ' if p.hidden else '• '}{p.label}: {p.text}"
              for p in template.prompts]
    lines.append("It is added as a new template." if same is None else
                 f"You have a template of that name, asking "
                 f"{summary_words(same.template, same.custom)}: replace it, or add the "
                 "file's under a number?")
    return "\n".join(lines)


def ask_import(parent: QWidget, preview: ImportPreview, kind_label: str) -> bool | None:
    """Ask whether to import: None for no, else whether to replace the same-named one."""
    same_name = preview.replaces is not None
    box = QMessageBox(QMessageBox.Icon.Question, "Import template",
                      import_question(preview, kind_label),
                      QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    replace_button = (box.addButton("&Replace yours", QMessageBox.ButtonRole.AcceptRole)
                      if same_name else None)
    add = box.addButton("Add as &new" if same_name else "&Import",
                        QMessageBox.ButtonRole.YesRole if same_name
                        else QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if replace_button is not None and box.clickedButton() is replace_button:
        return True
    return False if box.clickedButton() is add else None
