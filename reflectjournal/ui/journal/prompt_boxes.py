"""The editor's guided prompts: the kind's own, then any answers kept from another kind.

An answer is never dropped because the kind changed (domain/kind_change.py): answers to
prompts the kind does not ask stay visible and editable under "Kept from another kind" and
are saved with the entry; clearing one removes it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from reflectjournal.domain.kind_change import all_prompts, other_answers
from reflectjournal.domain.prompt_use import NO_USE, PromptUse, layout_prompts
from reflectjournal.domain.taxonomy import Catalog, EntryKind, Prompt

KEPT_HEADING = "Kept from another kind or template"
KEPT_NOTE = ("These answers belong to prompts this kind does not ask now: another kind's, "
             "or ones your template hid or reworded. They are saved with this entry; clear "
             "one to remove it.")


def text_box(name: str, lines: int = 4) -> QPlainTextEdit:
    """A plain-text box of a fixed height that Tab leaves (prompts, free text)."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    # A fixed height keeps every prompt on screen at once; longer answers scroll inside.
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def section(text: str, buddy: QWidget | None = None) -> QLabel:
    """A bold heading between parts of the editor; with a buddy, its &-mnemonic goes there."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


class PromptBoxes:
    """Builds and reads the prompt boxes inside the editor's layout."""

    def __init__(self, layout: QVBoxLayout, catalog: Catalog,
                 on_changed: Callable[[], None]) -> None:
        self._layout = layout
        self._prompts = all_prompts(catalog)
        self._on_changed = on_changed
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.kept_ids: list[str] = []  # answers shown under KEPT_HEADING
        self.use: PromptUse = NO_USE  # which prompts the user keeps answering, per kind
        self.more: QPushButton | None = None  # unfolds the prompts not used lately
        self._folded: list[QWidget] = []

    def use_catalog(self, catalog: Catalog) -> None:
        """Look prompts up in this catalog from the next rebuild (the user's templates)."""
        self._prompts = all_prompts(catalog)

    def answers(self) -> dict[str, str]:
        """Every box's text by prompt id, the kind's prompts first (empty ones included)."""
        return {prompt_id: box.toPlainText() for prompt_id, box in self.boxes.items()}

    def rebuild(self, kind: EntryKind, answers: Mapping[str, str]) -> None:
        """Show the kind's prompts with their answers, then every other non-empty answer.

        The prompts used lately come first; the others fold under "More prompts" (one
        key away), unless answered in this entry.
        """
        self._clear()
        if kind.prompt_set.prompts:
            self._layout.addWidget(section(kind.prompt_set.label))
        layout = layout_prompts(kind, self.use,
                                (k for k, text in answers.items() if text.strip()))
        kept = other_answers(kind, answers)
        in_place = self._in_place(layout.shown, answers, kept)
        for prompt in layout.shown:
            if prompt.id in in_place:
                old_id = in_place[prompt.id]
                old = self._prompts[old_id]
                self._add(old_id, old.label, old.text, kept.pop(old_id))
            else:
                self._add(prompt.id, prompt.label, prompt.text, answers.get(prompt.id, ""))
        if layout.folded:
            count = len(layout.folded)
            more = self.more = QPushButton(f"&More prompts ({count})")
            more.setCheckable(True)
            more.setAccessibleName("More prompts")
            more.setToolTip("Show the prompts you have not used lately: "
                            + ", ".join(p.label for p in layout.folded))
            more.toggled.connect(self._on_more_toggled)
            self._layout.addWidget(more, alignment=Qt.AlignmentFlag.AlignLeft)
            for prompt in layout.folded:
                self._folded += self._add(prompt.id, prompt.label, prompt.text, "")
            for widget in self._folded:
                widget.hide()
        self.kept_ids = list(kept)
        if kept:
            self._layout.addWidget(section(KEPT_HEADING))
            note = QLabel(KEPT_NOTE)
            note.setWordWrap(True)
            self._layout.addWidget(note)
        for prompt_id, text in kept.items():
            known = self._prompts.get(prompt_id)
            # A retired prompt's answer has only its id to show.
            label, question = (known.label, known.text) if known else (prompt_id, "")
            self._add(prompt_id, label, question, text)

    def _in_place(self, shown: Sequence[Prompt], answers: Mapping[str, str],
                  kept: Mapping[str, str]) -> dict[str, str]:
        """Return, by prompt id, the kept answer that takes an unanswered prompt's place.

        An answer written under an earlier wording of a prompt (a template reworded it, or
        another kind asks it under the same label) goes where that prompt is asked, under
        the question it answered: below "Kept from another kind or template" it read as if
        the answer had gone, above an empty box of the same name.
        """
        by_label: dict[str, str] = {}
        for prompt_id in kept:
            known = self._prompts.get(prompt_id)
            if known is not None:
                by_label.setdefault(known.label.casefold(), prompt_id)
        placed: dict[str, str] = {}
        for prompt in shown:
            old_id = by_label.get(prompt.label.casefold())
            if (old_id is not None and not answers.get(prompt.id, "").strip()
                    and old_id not in placed.values()):
                placed[prompt.id] = old_id
        return placed

    def focus_chain(self) -> list[QWidget]:
        """Return the boxes and the "More prompts" button in reading (Tab) order."""
        chain: list[QWidget] = []
        for box in self.boxes.values():
            if self.more is not None and self._folded and box is self._folded[1]:
                chain.append(self.more)
            chain.append(box)
        return chain

    def _on_more_toggled(self, shown: bool) -> None:
        for widget in self._folded:
            widget.setVisible(shown)
        if shown and self._folded:
            self._folded[1].setFocus()  # the first folded box, so typing goes on there

    def _add(self, prompt_id: str, label_text: str, question: str,
             text: str) -> list[QWidget]:
        # Escaped: a template's labels and questions may be the user's own words.
        name, asked = html.escape(label_text), html.escape(question)
        label = QLabel(f"<b>{name}</b><br>{asked}" if question else f"<b>{name}</b>")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        box = text_box(label_text, 4)
        if question:
            box.setAccessibleDescription(question)
        box.setPlainText(text)
        box.textChanged.connect(self._on_changed)
        label.setBuddy(box)
        self._layout.addWidget(label)
        self._layout.addWidget(box)
        self.boxes[prompt_id] = box
        return [label, box]

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach at once: deleteLater alone leaves the old prompts painted until
                # the event loop runs.
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.boxes.clear()
        self.kept_ids = []
        self.more = None
        self._folded = []
