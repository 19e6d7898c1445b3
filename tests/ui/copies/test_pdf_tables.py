"""Tables in printed copies: a real table in the document, cells as plain text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QTextDocument, QTextTable
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.log_sheet import BLANK_ROWS, log_sheet
from reflectjournal.domain.endorsement.records import ProviderRecord
from reflectjournal.domain.printable import Document, Table
from reflectjournal.ui.copies.pdf_layout import build_text_document, render_page_image


def _tables(document: Document) -> tuple[QTextDocument, list[QTextTable]]:
    doc = build_text_document(document)  # returned too: the tables live as long as it does
    return doc, [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def test_a_table_block_becomes_a_table_with_its_header_repeated(qtbot: QtBot) -> None:
    markup = "<b>not bold</b>"
    _doc, [table] = _tables(Document("t", "s", (Table(("A", "B"), ((markup, "2"),)),)))
    assert (table.rows(), table.columns()) == (2, 2)
    assert table.format().headerRowCount() == 1
    assert table.cellAt(1, 0).firstCursorPosition().block().text() == markup


def test_the_log_sheet_prints_on_a_page(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = log_sheet(ProviderRecord("p1", "Dr. Ada Lee"), [], "Sam Rivera",
                      dt.date(2026, 4, 1))
    _doc, [table] = _tables(sheet)
    assert table.rows() == 1 + BLANK_ROWS
    image = render_page_image(sheet)
    image.save(str(tmp_path / "log-sheet.png"))
    assert not image.isNull()
