"""An answer button of study mode whose long text wraps; it shows right/wrong marks in words,
not only in colour."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from needleguide.core import study


def plain_label(parent: QWidget, name: str, *, wrap: bool = True) -> QLabel:
    """A label that shows its text as plain text (never rich text) and lets it be selected."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AnswerButton(QPushButton):
    """A push button whose (long) text wraps; ``mark`` is '', 'right' or 'wrong'."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.key = ""
        self._text = plain_label(self, f"answer_text_{number}")
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._layout = layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self._text)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setObjectName(f"answer_{number}")
        self.setProperty("mark", "")

    def set_choice(self, choice: study.Choice) -> None:
        self.key = choice.key
        self._show(choice.text, "")

    def set_mark(self, mark: str) -> None:
        text = self._plain
        prefix = {"right": self.tr("✔ Right answer: "), "wrong": self.tr("✘ Your answer: ")}.get(mark, "")
        self._show(text, mark, prefix)

    def text_shown(self) -> str:
        return self._text.text()

    def _show(self, text: str, mark: str, prefix: str = "") -> None:
        self._plain = text
        self._text.setText(f"{self.number}.  {prefix}{text}")
        self.setAccessibleName(self.tr("Answer {number}: {text}").format(number=self.number,
                                                                         text=prefix + text))
        self.setProperty("mark", mark)
        self.style().unpolish(self)
        self.style().polish(self)
        self.updateGeometry()   # the wrapped text's height changed: tell the page layout

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        return self._layout.totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._layout.totalMinimumSize()
