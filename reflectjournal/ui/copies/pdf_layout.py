"""Typesetting a printable Document: text layout, pages, painting, PDF bytes and previews."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTableCellFormat,
    QTextTableFormat,
)

from reflectjournal.domain import printable
from reflectjournal.services.files import write_chosen_file

PDF_DPI = 300
_MM = 1 / 25.4  # inches per millimetre
_MARGINS_MM = (20.0, 16.0, 20.0, 16.0)  # left, top, right, bottom
_BODY_PT = 10.5
_INK = QColor("#1d232b")
_MUTED = QColor("#525c69")
_COMMENT_BG = QColor("#eef2f6")
_COMMENT_EDGE = QColor("#7d8a9a")
_RULE = QColor("#9aa3ae")
# Smaller type before giving up on one page; the domain's caps make the first fit usually.
_ONE_PAGE_SCALES = (1.0, 0.93, 0.86, 0.8)
_BULLET = "•\u2002"
_HEADING = QTextFormat.Property.UserProperty.value + 1  # marks headings for keep-with-next


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Return Letter where it is the usual paper (the Americas' Letter countries), else A4."""
    locale = locale or QLocale.system()
    letter = {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.PuertoRico,
    }
    if (
        locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        or locale.territory() in letter
    ):
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def _char(
    size: float, *, bold: bool = False, italic: bool = False, color: QColor = _INK
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontPointSize(size)
    fmt.setFontWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    fmt.setForeground(color)
    return fmt


def _block(
    top: float = 0, bottom: float = 0, *, indent: float = 0, line_height: float = 115
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLeftMargin(indent)
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


class _Writer:
    """Appends blocks to a QTextDocument, user text always as plain text."""

    def __init__(self, doc: QTextDocument, scale: float) -> None:
        self.doc = doc
        self.cursor = QTextCursor(doc)
        self.scale = scale
        self.fresh = True  # the cursor sits in an empty block that can take the next text

    def pt(self, size: float) -> float:
        return size * self.scale

    def text(self, text: str, char: QTextCharFormat, block: QTextBlockFormat) -> None:
        if self.fresh:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self.fresh = False
        else:
            self.cursor.insertBlock(block, char)
        # U+2028 keeps the user's line breaks inside one paragraph.
        self.cursor.insertText(text.replace("\r\n", "\n").replace("\n", "\u2028"), char)

    def paragraphs(self, text: str, char: QTextCharFormat, *, indent: float = 0) -> None:
        parts = [part.strip("\n") for part in text.strip().split("\n\n") if part.strip()]
        for i, part in enumerate(parts):
            self.text(part, char, _block(self.pt(3 if i else 0), self.pt(5), indent=indent))

    def comment(self, c: printable.Comment) -> None:
        frame = QTextFrameFormat()
        frame.setBorder(1)
        frame.setBorderBrush(_COMMENT_EDGE)
        frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame.setBackground(_COMMENT_BG)
        frame.setPadding(self.pt(8))
        frame.setLeftMargin(self.pt(14))
        frame.setTopMargin(self.pt(2))
        frame.setBottomMargin(self.pt(8))
        if self.fresh:  # the empty block after a previous comment: make it take no room
            gap = _block()
            gap.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            self.cursor.setBlockFormat(gap)
        self.cursor.insertFrame(frame)
        self.fresh = True
        self.text(
            c.attribution,
            _char(self.pt(_BODY_PT - 1), bold=True, color=_MUTED),
            _block(0, self.pt(4)),
        )
        self.paragraphs(c.text, _char(self.pt(_BODY_PT)))
        self.cursor = self.doc.rootFrame().lastCursorPosition()
        self.fresh = True

    def table(self, table: printable.Table, char: QTextCharFormat) -> None:
        frame = QTextTableFormat()
        frame.setBorderCollapse(True)  # one line between cells, as on a paper form
        frame.setBorder(self.pt(0.8))
        frame.setBorderBrush(_MUTED)
        frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame.setCellPadding(self.pt(3))
        frame.setCellSpacing(0)
        frame.setHeaderRowCount(1)  # repeated at the top of each page the table runs onto
        frame.setTopMargin(self.pt(2))
        frame.setBottomMargin(self.pt(8))
        frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        if self.fresh:
            gap = _block()
            gap.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            self.cursor.setBlockFormat(gap)
        grid = self.cursor.insertTable(len(table.rows) + 1, len(table.columns), frame)
        bold = QTextCharFormat(char)
        bold.setFontWeight(QFont.Weight.Bold)
        edge = QTextTableCellFormat()  # collapsed borders are drawn cell by cell
        edge.setBorder(self.pt(0.8))
        edge.setBorderBrush(_MUTED)
        edge.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        for r, cells in enumerate((table.columns, *table.rows)):
            for c in range(len(table.columns)):
                grid.cellAt(r, c).setFormat(edge)
                cursor = grid.cellAt(r, c).firstCursorPosition()
                fmt = cursor.blockFormat()
                if c in table.figures:
                    fmt.setAlignment(Qt.AlignmentFlag.AlignRight)
                if not any(cells):  # a blank row of a form: room to write by hand
                    fmt.setLineHeight(self.pt(20),
                                      QTextBlockFormat.LineHeightTypes.MinimumHeight.value)
                cursor.setBlockFormat(fmt)
                text = cells[c] if c < len(cells) else ""
                cursor.insertText(text.replace("\n", " "), bold if r == 0 else char)
        self.cursor = self.doc.rootFrame().lastCursorPosition()
        self.fresh = True

    def notes(self, lines: int) -> None:
        for _ in range(lines):
            self.text("", _char(self.pt(4)), _ruler(_block(self.pt(16), 0)))


def _ruler(fmt: QTextBlockFormat) -> QTextBlockFormat:
    fmt.setProperty(
        QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
        QTextLength(QTextLength.Type.PercentageLength, 100),
    )
    return fmt


def build_text_document(
    document: printable.Document, *, scale: float = 1.0
) -> QTextDocument:
    """Return the document as a QTextDocument; every piece of text is inserted as plain text."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    compact = document.one_page  # the agenda: tighter spacing so that it fits one page
    body_pt = _BODY_PT - (0.5 if compact else 0)
    font = QFont(doc.defaultFont())
    font.setPointSizeF(body_pt * scale)
    doc.setDefaultFont(font)
    w = _Writer(doc, scale)
    w.text(document.title, _char(w.pt(19), bold=True), _block(0, w.pt(2)))
    w.text(document.subtitle, _char(w.pt(_BODY_PT - 0.5), color=_MUTED), _block(0, w.pt(8)))
    # level: (size, space above, space below)
    headings = (
        {2: (13.0, 10, 2), 3: (11.0, 6, 1)} if compact else {2: (14.0, 14, 3), 3: (11.5, 9, 3)}
    )
    for block in document.blocks:
        if isinstance(block, printable.Heading):
            size, top, bottom = headings.get(block.level, (11.0, 8, 3))
            fmt = _block(w.pt(top), w.pt(bottom))
            fmt.setProperty(_HEADING, True)
            w.text(block.text, _char(w.pt(size), bold=True), fmt)
        elif isinstance(block, printable.Meta):
            w.text(
                block.text,
                _char(w.pt(body_pt - 1.5), italic=True, color=_MUTED),
                _block(0, w.pt(2 if compact else 5)),
            )
        elif isinstance(block, printable.Paragraph):
            w.paragraphs(block.text, _char(w.pt(body_pt)))
        elif isinstance(block, printable.Bullets):
            for item in block.items:
                char = _char(w.pt(body_pt))
                # Wrapped lines hang under the text, not under the dot (lengths here are in
                # the layout's logical pixels, the unit QFontMetricsF measures in).
                hang = QFontMetricsF(char.font()).horizontalAdvance(_BULLET)
                fmt = _block(0, w.pt(2), indent=w.pt(8) + hang)
                fmt.setTextIndent(-hang)
                w.text(f"{_BULLET}{item}", char, fmt)
        elif isinstance(block, printable.Comment):
            w.comment(block)
        elif isinstance(block, printable.Notes):
            w.notes(block.lines)
        elif isinstance(block, printable.Table):
            w.table(block, _char(w.pt(body_pt - 1)))
        else:
            w.text("", _char(w.pt(4)), _ruler(_block(w.pt(10), w.pt(4))))
    return doc


def _keep_headings_with_text(doc: QTextDocument) -> bool:
    """Start a page at a heading that would sit at the foot of one; return whether any moved."""
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.boolProperty(_HEADING) and fmt.pageBreakPolicy() == (
            QTextFormat.PageBreakFlag.PageBreak_Auto
        ):
            top = layout.blockBoundingRect(block).top()
            if top % height > height * 0.85 and top > height * 0.5:
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                return True
        block = block.next()
    return False


@dataclass(frozen=True, slots=True)
class _Page:
    """A page's geometry in device pixels."""

    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    band: float  # room for the header line above the body, and the footer line below

    @property
    def body(self) -> QSizeF:
        return QSizeF(
            self.width - self.left - self.right,
            self.height - self.top - self.bottom - 2 * self.band,
        )


def _page_geometry(size: QPageSize, dpi: float) -> _Page:
    mm = size.size(QPageSize.Unit.Millimeter)
    px = dpi * _MM  # device pixels per millimetre
    left, top, right, bottom = (m * px for m in _MARGINS_MM)
    return _Page(mm.width() * px, mm.height() * px, left, top, right, bottom, 9 * px)


def _laid_out(
    document: printable.Document, device: QPaintDevice, page: _Page
) -> QTextDocument:
    """Lay the document out on the device's pages; an agenda gives up note lines, then shrinks."""
    tries = [(1.0, document)]
    if document.one_page:
        notes = [b for b in document.blocks if isinstance(b, printable.Notes)]
        fewer = [
            dataclasses.replace(
                document,
                blocks=tuple(
                    printable.Notes(n) if isinstance(b, printable.Notes) else b
                    for b in document.blocks
                ),
            )
            for n in range(max((b.lines for b in notes), default=0) - 1, 1, -1)
        ]
        tries += [(1.0, d) for d in fewer]
        tries += [(scale, fewer[-1] if fewer else document) for scale in _ONE_PAGE_SCALES[1:]]
    for scale, attempt in tries:
        doc = build_text_document(attempt, scale=scale)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(page.body)
        if doc.pageCount() == 1:
            return doc
    for _ in range(100):  # each pass moves one heading to the next page
        if not _keep_headings_with_text(doc):
            break
    return doc


def _paint_page(
    painter: QPainter,
    doc: QTextDocument,
    document: printable.Document,
    page: _Page,
    index: int,
    count: int,
) -> None:
    body = page.body
    small = QFont(doc.defaultFont())
    small.setPointSizeF(8)
    painter.setFont(small)
    painter.setPen(_MUTED)
    header = QRectF(page.left, page.top, body.width(), page.band * 0.7)
    painter.drawText(
        header, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), document.notice
    )
    painter.setPen(QPen(_COMMENT_EDGE, max(1.0, page.band / 40)))
    rule_y = page.top + page.band * 0.72
    painter.drawLine(int(page.left), int(rule_y), int(page.left + body.width()), int(rule_y))
    footer = QRectF(
        page.left, page.height - page.bottom - page.band * 0.6, body.width(), page.band * 0.6
    )
    painter.setPen(_MUTED)
    painter.drawText(
        footer, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), document.title
    )
    painter.drawText(
        footer,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
        f"Page {index + 1} of {count}",
    )
    painter.save()
    painter.translate(page.left, page.top + page.band - index * body.height())
    clip = QRectF(0, index * body.height(), body.width(), body.height())
    painter.setClipRect(clip)
    # Paper is white whatever the app's theme: a fixed palette for text and rules.
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, _INK)
    palette.setColor(QPalette.ColorRole.WindowText, _RULE)  # what Qt draws rules with
    context.palette = palette
    doc.documentLayout().draw(painter, context)
    painter.restore()


def render_pdf_bytes(
    document: printable.Document, *, page_size: QPageSize | None = None
) -> tuple[bytes, int]:
    """Return the document as PDF bytes and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(document.title)  # a neutral title, never an entry's
    writer.setCreator("ReflectJournal")
    writer.setPageLayout(
        QPageLayout(
            page_size or default_page_size(),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    page = _page_geometry(writer.pageLayout().pageSize(), writer.resolution())
    doc = _laid_out(document, writer, page)
    count = doc.pageCount()
    painter = QPainter(writer)
    try:
        for index in range(count):
            if index:
                writer.newPage()
            _paint_page(painter, doc, document, page, index, count)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), count


def render_pdf(
    document: printable.Document, path: Path, *, page_size: QPageSize | None = None
) -> int:
    """Write the document as a PDF (owner-only, atomically); return the pages written."""
    data, count = render_pdf_bytes(document, page_size=page_size)
    write_chosen_file(path, data)
    return count


def render_page_image(
    document: printable.Document,
    index: int = 0,
    *,
    dpi: int = 110,
    page_size: QPageSize | None = None,
) -> QImage:
    """Return one page as the PDF would show it, for a preview or a screenshot."""
    page = _page_geometry(page_size or default_page_size(), dpi)
    image = QImage(int(page.width), int(page.height), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    doc = _laid_out(document, image, page)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint_page(painter, doc, document, page, index, doc.pageCount())
    finally:
        painter.end()
    return image
