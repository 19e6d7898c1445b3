"""Typesetting copies: user text stays text, and the paper follows the locale."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize
from pytestqt.qtbot import QtBot

from reflectjournal.domain import printable
from reflectjournal.ui.copies.pdf_layout import build_text_document, default_page_size

TODAY = dt.date(2026, 11, 21)


def test_user_text_is_inserted_as_plain_text(qtbot: QtBot) -> None:
    comment = printable.Comment(
        "<i>Ada</i>", "", False, TODAY, "<b>x</b> <img src=http://e/x.png>"
    )
    document = printable.Document(
        "<b>x</b>",
        "sub",
        (
            printable.Heading(2, "<b>x</b>"),
            printable.Paragraph("<b>x</b>"),
            printable.Bullets(("<b>x</b>",)),
            comment,
        ),
    )
    doc = build_text_document(document)
    html = doc.toHtml()
    assert "<b>x</b>" not in html
    assert "<img" not in html
    assert "<i>Ada" not in html
    assert html.count("&lt;b&gt;x&lt;/b&gt;") == 5
    assert doc.toPlainText().count("<b>x</b>") == 5


def test_paper_follows_the_locale(qtbot: QtBot) -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    canada = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    letter, a4 = QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.A4
    assert [default_page_size(loc).id() for loc in (us, canada, germany, uk)] == [
        letter,
        letter,
        a4,
        a4,
    ]
