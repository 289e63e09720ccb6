"""What a screen reader gets (AT-SPI on Linux): the card's headings and links and the body
map's regions as child objects. Loaded after the first paint (see ``announce`` for the light
half: spoken status lines and drawn focus).

Measured with pyatspi against Qt 6.11: a QTextBrowser exposes one text object with no
children, so Orca can neither list nor activate the card's links. Here the card gets its own
accessible interface: a document whose text is the page's plain text (frame characters
removed), with one child per heading (role Heading) and per link (role Link, named by where
it goes, with a Press action that follows it). The body map gets one child per region (role
Button, name, position, selected/focused state, Press opens it).

PySide6 detail, found by trying: ``interface_cast`` must return the Python action object, or
``shiboken6.VoidPtr(0)`` for "not supported"; returning None or an int crashes Qt.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect
from PySide6.QtGui import (QAccessible, QAccessibleActionInterface, QAccessibleEvent,
                           QAccessibleInterface, QAccessibleTextInterface, QTextDocument)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from needleguide.drawing.pages import JUMPS, QT_TRANSLATE_NOOP, core_word

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow

# Characters QTextDocument uses for paragraph and frame boundaries; none is text to read.
_BREAKS = {"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n", "\ufffc": ""}
_BREAK_RE = re.compile("|".join(map(re.escape, _BREAKS)))
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_ICONS = "\u2611\u26a0\u25b2\u2139\u2193 "

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")

# Where a link goes, after its visible text ("Sciatic nerve: every region where it is at
# risk"); translated where used, in the context "accessible".
WHERE = {"region": QT_TRANSLATE_NOOP("accessible", "open its card"),
         "structure": QT_TRANSLATE_NOOP("accessible", "every region where it is at risk"),
         "condition": QT_TRANSLATE_NOOP("accessible", "every region needled for it"),
         "muscle": QT_TRANSLATE_NOOP("accessible", "open its muscle card"),
         "entry": QT_TRANSLATE_NOOP("accessible", "its entry on this card"),
         "fold": QT_TRANSLATE_NOOP("accessible", "fold or unfold the section")}
# A foldable section by its key, as its jump link names it (context "pages").
_SECTION_NAMES: dict[str, str] = {**{str(key): name for key, name in JUMPS},
                                  "corrections": QT_TRANSLATE_NOOP("pages", "Corrections")}


def plain_text(document: QTextDocument) -> str:
    """The page as a screen reader should read it: no frame or object characters."""
    return _BREAK_RE.sub(lambda m: _BREAKS[m.group()], document.toPlainText())


_AUTHOR = re.compile(r"^([A-Z][\w'\u2019-]+) (?:[A-Z]{1,3}\b|et al\b)")
TITLE_WORDS = 6  # a source without authors is named by the start of its title


def source_label(number: str, entry: str) -> str:
    """'Source 22: Poutoglidou 2020, systematic review' from the page's source-list entry
    ('[22] Poutoglidou F, ... 2020;12(11) ... (systematic review; read: ...)'); a source
    without authors by the start of its title ('Source 4: Superior gluteal nerve, anatomy
    reference')."""
    from needleguide.core.model import EvidenceKind

    citation = entry.split("]", 1)[-1].strip()
    author = _AUTHOR.match(citation)
    year = _YEAR.search(citation)
    if author:
        who = author.group(1) + (f" {year.group()}" if year else "")
    else:
        title = citation.split(". ", 1)[0].rstrip(".")
        who = " ".join(title.split()[:TITLE_WORDS]).rstrip(",;:")
    labels = (core_word(kind.label) for kind in EvidenceKind)  # as the page shows them
    kinds = [label for label in labels if f"({label}" in citation]
    kind = max(kinds, key=lambda k: citation.rfind(f"({k}"), default="")
    return translate("accessible", "Source {number}: {source}").format(
        number=number, source=", ".join(x for x in (who, kind) if x))


class LinkTarget(NamedTuple):
    href: str
    text: str
    start: int  # document position of the link text
    end: int


def link_name(link: LinkTarget, source_entry: Callable[[str], str]) -> str:
    """A name that begins with the visible text and says where the link goes."""
    kind, _, target = link.href.partition(":")
    text = link.text.strip(_ICONS + "\u25be\u25b8")
    if kind == "fold" and not text:  # the bare fold glyph: say which section
        section = _SECTION_NAMES.get(target)
        text = translate("pages", section) if section else target.capitalize()
    if kind == "source":
        entry = source_entry(target)
        return source_label(target, entry) if entry else translate(
            "accessible", "Source {number}").format(number=target)
    if kind in WHERE:
        return translate("accessible", "{link}: {where}").format(
            link=text, where=translate("accessible", WHERE[kind]))
    return text


def headings(document: QTextDocument) -> list[tuple[int, str, int]]:
    """(level, text, position) of every heading of the page, in order."""
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = block.text().strip().lstrip("\u25be\u25b8").strip()  # the fold link's glyph
        if level and text:
            found.append((level, text, block.position()))
        block = block.next()
    return found


def links(document: QTextDocument) -> list[LinkTarget]:
    """Every link of the page, in reading order (one per run of the same href)."""
    found: list[LinkTarget] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                end = fragment.position() + fragment.length()
                last = found[-1] if found else None
                if last is not None and last.href == href and last.end == fragment.position():
                    found[-1] = last._replace(text=last.text + fragment.text(), end=end)
                else:
                    found.append(LinkTarget(href, fragment.text(), fragment.position(), end))
            fragments += 1
        block = block.next()
    return found


class _Action(QAccessibleActionInterface):
    def __init__(self, press: Callable[[], None], description: str) -> None:
        super().__init__()
        self._press = press
        self._description = description

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self._press()

    def keyBindingsForAction(self, name: str) -> list[str]:
        return ["Return"]

    def localizedActionDescription(self, name: str) -> str:
        return self._description


class Part(QAccessibleInterface):
    """A child object without a widget of its own: a heading, link or map region."""

    def __init__(self, parent: QAccessibleInterface, role: QAccessible.Role, name: str,
                 rect: Callable[[], QRect], press: Callable[[], None] | None = None,
                 description: str = "", focused: Callable[[], bool] = lambda: False,
                 selected: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self._parent, self._role, self._name = parent, role, name
        self._rect, self._focused, self._selected = rect, focused, selected
        self._description = description
        self._action = _Action(press, description) if press is not None else None

    def name(self) -> str:
        return self._name

    def press(self) -> None:
        if self._action is not None:
            self._action.doAction(QAccessibleActionInterface.pressAction())

    def isValid(self) -> bool:
        return self._parent.isValid()

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self._parent.window()

    def parent(self) -> QAccessibleInterface:
        return self._parent

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._name
        if kind == QAccessible.Text.Description:
            return self._description
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        pass

    def rect(self) -> QRect:
        return self._rect()

    def role(self) -> QAccessible.Role:
        return self._role

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if self._action is not None:
            state.focusable = True  # type: ignore[misc]
            state.focused = self._focused()  # type: ignore[misc]
        if self._role == QAccessible.Role.Button:
            state.selectable = True  # type: ignore[misc]
            state.selected = self._selected()  # type: ignore[misc]
        return state

    def relations(self, match: Any = None) -> list[Any]:  # type: ignore[override]
        return []

    def interface_cast(self, kind: QAccessible.InterfaceType) -> Any:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ActionInterface and self._action is not None:
            return self._action
        return shiboken6.VoidPtr(0)


class _Text(QAccessibleTextInterface):
    """The card's text, read-only, without frame characters."""

    def __init__(self, text: Callable[[], str], cursor: Callable[[], int]) -> None:
        super().__init__()
        self._text, self._cursor = text, cursor

    def text(self, start: int, end: int) -> str:  # type: ignore[override]
        return self._text()[start:end]

    def characterCount(self) -> int:
        return len(self._text())

    def cursorPosition(self) -> int:
        return min(self._cursor(), self.characterCount())

    def setCursorPosition(self, position: int) -> None:
        pass

    def selectionCount(self) -> int:
        return 0

    def selection(self, index: int) -> tuple[int, int]:  # type: ignore[override]
        return (0, 0)

    def addSelection(self, start: int, end: int) -> None:
        pass

    def removeSelection(self, index: int) -> None:
        pass

    def setSelection(self, index: int, start: int, end: int) -> None:
        pass

    def characterRect(self, offset: int) -> QRect:
        return QRect()

    def offsetAtPoint(self, point: QPoint) -> int:
        return -1

    def scrollToSubstring(self, start: int, end: int) -> None:
        pass

    def attributes(self, offset: int) -> tuple[str, int, int]:  # type: ignore[override]
        return ("", offset, offset)


class CardLike(Protocol):
    """What the card accessible needs from the card view (kept as a protocol: no import)."""

    def document(self) -> QTextDocument: ...
    def source_text(self, number: str) -> str: ...
    def follow_link(self, href: str) -> None: ...
    def focused_link(self) -> str: ...
    def link_rect(self, start: int, end: int) -> QRect: ...
    def textCursor(self) -> object: ...


class CardAccessible(QAccessibleWidget):
    """The card as a document with heading and link children."""

    def __init__(self, card: QWidget) -> None:
        super().__init__(card, QAccessible.Role.Document)
        self._card = card
        self._revision = -1
        self._document: QTextDocument | None = None
        self._parts: list[Part] = []
        self._links: list[str] = []  # hrefs, parallel to the link parts
        self._text_cache = ""
        self._text = _Text(lambda: self._current_text(), self._cursor)

    def _view(self) -> CardLike:
        return self._card  # type: ignore[return-value]

    def _cursor(self) -> int:
        cursor = self._view().textCursor()
        return int(cursor.position())  # type: ignore[attr-defined]

    def _current_text(self) -> str:
        self.parts()
        return self._text_cache

    def parts(self) -> list[Part]:
        """Headings then links, rebuilt when the page changes."""
        view = self._view()
        document = view.document()
        if document is self._document and document.revision() == self._revision:
            return self._parts
        self._document, self._revision = document, document.revision()
        self._text_cache = plain_text(document)
        parts = []
        for level, text, position in headings(document):
            parts.append((position, Part(self, QAccessible.Role.Heading, text,
                                         partial(view.link_rect, position, position + 1),
                                         description=translate(
                                             "accessible", "Heading level {level}").format(
                                                 level=level))))
        self._links = []
        link_parts = []
        for link in links(document):
            part = Part(self, QAccessible.Role.Link, link_name(link, view.source_text),
                        partial(view.link_rect, link.start, link.end),
                        press=partial(view.follow_link, link.href),
                        description=translate("accessible", "Link"),
                        focused=partial(self._is_focused, link.href))
            link_parts.append((link.start, part))
            self._links.append(link.href)
        self._parts = [p for _, p in sorted(parts + link_parts, key=lambda x: x[0])]
        return self._parts

    def _is_focused(self, href: str) -> bool:
        return self._view().focused_link() == href

    def link_part(self, href: str) -> Part | None:
        for part in self.parts():
            if part.role() == QAccessible.Role.Link and part.text(QAccessible.Text.Name) \
                    and self._href_of(part) == href:
                return part
        return None

    def _href_of(self, part: Part) -> str:
        links_only = [p for p in self._parts if p.role() == QAccessible.Role.Link]
        index = links_only.index(part) if part in links_only else -1
        return self._links[index] if 0 <= index < len(self._links) else ""

    def childCount(self) -> int:
        return len(self.parts())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        parts = self.parts()
        return parts[index] if 0 <= index < len(parts) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        parts = self.parts()
        for index, part in enumerate(parts):
            if part is child:
                return index
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        href = self._view().focused_link()
        return self.link_part(href) if href else None

    def interface_cast(self, kind: QAccessible.InterfaceType) -> Any:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.TextInterface:
            return self._text
        return shiboken6.VoidPtr(0)


class MapLike(Protocol):
    def accessible_regions(self) -> list[tuple[str, str, QRect, bool, bool]]: ...
    def open_shape(self, shape_id: str) -> None: ...


class MapAccessible(QAccessibleWidget):
    """The body map with one child per region of the figure shown, in reading order."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Grouping)
        self._map = widget
        self._parts: dict[tuple[str, str, int, int], Part] = {}

    def parts(self) -> list[Part]:
        view: MapLike = self._map  # type: ignore[assignment]
        regions = view.accessible_regions()
        result = []
        kept = {}
        for number, (shape_id, name, rect, focused, selected) in enumerate(regions, 1):
            key = (shape_id, name, number, len(regions))
            part = self._parts.get(key)
            if part is None:
                part = Part(self, QAccessible.Role.Button, name,
                            partial(self._rect_of, shape_id),
                            press=partial(view.open_shape, shape_id),
                            description=translate(
                                "accessible", "Body map region {number} of {count}").format(
                                    number=number, count=len(regions)),
                            focused=partial(self._focused, shape_id),
                            selected=partial(self._selected, shape_id))
            kept[key] = part
            result.append(part)
        self._parts = kept
        return result

    def _row(self, shape_id: str) -> tuple[str, str, QRect, bool, bool] | None:
        view: MapLike = self._map  # type: ignore[assignment]
        return next((r for r in view.accessible_regions() if r[0] == shape_id), None)

    def _rect_of(self, shape_id: str) -> QRect:
        row = self._row(shape_id)
        return row[2] if row else QRect()

    def _focused(self, shape_id: str) -> bool:
        row = self._row(shape_id)
        return bool(row and row[3])

    def _selected(self, shape_id: str) -> bool:
        row = self._row(shape_id)
        return bool(row and row[4])

    # Children: the map's own widgets (the Front/Back buttons, the label), then the regions.
    def childCount(self) -> int:
        return super().childCount() + len(self.parts())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        widgets = super().childCount()
        if index < widgets:
            return super().child(index)
        parts = self.parts()
        index -= widgets
        return parts[index] if 0 <= index < len(parts) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if not isinstance(child, Part):
            return super().indexOfChild(child)
        for index, part in enumerate(self.parts()):
            if part is child:
                return super().childCount() + index
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        parts = self.parts()
        return next((p for p in parts if p.state().focused), None)  # type: ignore[attr-defined]


class _GroupAccessible(QAccessibleWidget):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Grouping)


_INTERFACES: dict[int, QAccessibleInterface] = {}  # kept alive: Qt holds raw pointers
_installed = False


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    kind = {"CardView": CardAccessible, "BodyMap": MapAccessible,
            "Group": _GroupAccessible}.get(key)
    if kind is None or not isinstance(obj, QWidget):
        return None
    interface = kind(obj)
    _INTERFACES[id(obj)] = interface
    obj.destroyed.connect(lambda _=None, k=id(obj): _INTERFACES.pop(k, None))
    return interface


def install(*widgets: QWidget) -> None:
    """Give the card, the map and groups their accessible interfaces (once per process).
    ``widgets`` whose interface was made before (a screen reader asked early) get it anew."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
    for widget in widgets:
        old = QAccessible.queryAccessibleInterface(widget)
        if old is not None and not isinstance(old, (CardAccessible, MapAccessible)):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(old))
            QAccessible.queryAccessibleInterface(widget)


def interface_of(widget: QObject) -> QAccessibleInterface | None:
    return QAccessible.queryAccessibleInterface(widget)


def notify_focus(child: QAccessibleInterface | None) -> None:
    """Tell a screen reader that focus moved to this child object."""
    if child is not None and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.Focus))
