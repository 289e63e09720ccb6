"""Search results drawn with a hanging indent: the title on its line, the explanation under
it indented on every line it wraps to (a plain list view puts wrapped lines at the margin)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QPainter, QPalette, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextDocument, QTextOption)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem)

AnyIndex = QModelIndex | QPersistentModelIndex
INDENT_EM = 1.5  # the explanation's indent, in line heights


class HangingIndentDelegate(QStyledItemDelegate):
    """Display text "TITLE\\nEXPLANATION": title in bold, explanation indented. The text is
    inserted as plain text, never parsed as markup."""

    def laid_out(self, option: QStyleOptionViewItem, index: AnyIndex,
                  width: int) -> QTextDocument:
        """The row as it is drawn at ``width``: bold title, indented explanation."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        title, _, rest = text.partition("\n")
        document = QTextDocument()
        document.setDefaultFont(option.font)  # type: ignore[attr-defined]
        document.setDocumentMargin(2)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(wrap)
        cursor = QTextCursor(document)
        bold = QTextCharFormat()
        bold.setFontWeight(700)
        cursor.insertText(title, bold)
        if rest.strip():
            block = QTextBlockFormat()
            block.setLeftMargin(INDENT_EM * option.fontMetrics.height())  # type: ignore[attr-defined]
            cursor.insertBlock(block, QTextCharFormat())
            cursor.insertText(rest.strip())
        document.setTextWidth(max(40, width))
        return document

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            return view.viewport().width() - 4
        return int(option.rect.width())  # type: ignore[attr-defined]

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        document = self.laid_out(option, index, self._width(option))
        return QSize(self._width(option), int(document.size().height()) + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # type: ignore[attr-defined]
        widget = item.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = item.rect  # type: ignore[attr-defined]
        document = self.laid_out(item, index, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text,
                                 item.palette.color(role))  # type: ignore[attr-defined]
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()
