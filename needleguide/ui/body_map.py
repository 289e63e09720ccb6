"""The clickable body map: front and back figures, one highlightable shape per region.

The figure (outline, anatomy hints, labels) is drawn by QSvgRenderer from the SVG with its
region shapes hidden; the region shapes are drawn here from QPainterPaths built from the
outlines in needleguide.core.bodymap, and clicks are hit-tested against the same paths
through the same transform, so what you see is exactly what you can click.

Keyboard: Tab enters the map on the first region and moves through the regions in reading
order (then on to the next widget); arrow keys move to the nearest region in that direction;
Home/End jump to the first/last; Enter or Space opens the focused region.

Start-up: the shipped figures are parsed and drawn just after the widget's first paint, or
earlier the moment anything needs them (a click, a key, a view): the window appears without
waiting for the SVG parser, QtSvg and the figure's rendering (about 25 ms).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable, Mapping

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QBrush, QColor, QFocusEvent, QHelpEvent, QKeyEvent, QMouseEvent,
                           QPainter, QPainterPath, QPaintEvent, QPalette, QPen, QPixmap,
                           QTransform)
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QSizePolicy, QToolButton,
                               QToolTip, QVBoxLayout, QWidget)

from needleguide import paths
from needleguide.core.model import View
from needleguide.drawing.pages import tooltip

if TYPE_CHECKING:  # the SVG parser, QtSvg and QAccessible load when first needed
    from pathlib import Path

    from PySide6.QtSvg import QSvgRenderer

    from needleguide.core.bodymap import MapFigure, Shape

log = logging.getLogger("needleguide")

VIEWS = ("front", "back")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def _notify_accessibility(widget: QWidget, focus: bool) -> None:
    """Tell assistive technology (if any is listening) that the widget's focus (else its
    name) changed. QAccessible is imported here: its type costs 2 ms before the first paint."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    if QAccessible.isActive():
        event = QAccessible.Event.Focus if focus else QAccessible.Event.NameChanged
        QAccessible.updateAccessibility(QAccessibleEvent(widget, event))


def _alpha(color: QColor, alpha: float) -> QColor:
    result = QColor(color)
    result.setAlphaF(alpha)
    return result


class _Item:
    """A shape of the current figure as the widget sees it."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.path = QPainterPath()
        for op, args in shape.commands:
            if op == "M":
                self.path.moveTo(*args)
            elif op == "L":
                self.path.lineTo(*args)
            elif op == "Q":
                self.path.quadTo(*args)
            else:
                self.path.cubicTo(*args)
        self.path.closeSubpath()
        # For keyboard order and arrow moves an approximate centre is enough; the exact
        # interior point (core.bodymap) costs ~30 ms a shape, too much for start-up.
        self.centre = self.path.boundingRect().center()


class BodyMap(QWidget):
    """Front/back body figures; emits ``region_selected(id)`` when a region is opened."""

    region_selected = Signal(str)
    region_hovered = Signal(str)  # '' when the pointer leaves every region
    view_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None,
                 figures: Mapping[View, MapFigure] | None = None,
                 resources: Path | None = None) -> None:
        """``figures`` drawn now, else the shipped figures in ``resources`` (None: the
        installed resources folder), loaded when first needed."""
        super().__init__(parent)
        self._resources = resources
        self._loaded: dict[str, MapFigure] | None = None
        self._load_pending = False
        self._failure = ""  # why the figures could not be loaded
        self._view_follows_selection = False  # before loading: a selection chose the view
        self._items: dict[str, list[_Item]] = {}
        self._renderers: dict[tuple[str, str], QSvgRenderer] = {}
        self._figure_cache: dict[tuple[object, ...], QPixmap] = {}
        self._names: dict[str, str] | None = None  # None: every shape active, named by id
        self._home: dict[str, str] = {}
        self._view = VIEWS[0]
        self._selected: str | None = None
        self._lit: frozenset[str] = frozenset()
        self._hover: _Item | None = None
        self._pressed: _Item | None = None
        self._focus: _Item | None = None

        self.setObjectName("body_map")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self._buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addStretch(1)
        for view in VIEWS:
            button = QToolButton(self)
            button.setText(self._view_title(view))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(self.tr("Front: show the front of the body")
                                     if view == "front"
                                     else self.tr("Back: show the back of the body"))
            button.setToolTip(self._view_tip(view, lit=False))
            button.setObjectName(f"body_map_{view}_button")
            button.clicked.connect(lambda _=False, v=view: self.show_view(v))
            group.addButton(button)
            top.addWidget(button)
            self._buttons[view] = button
        top.addStretch(1)
        # The figure area: an empty, mouse-transparent placeholder the layout sizes for us.
        self._area = QWidget(self)
        self._area.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._label = QLabel(self)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setWordWrap(True)
        self._label.setObjectName("body_map_label")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self._area, 1)
        layout.addWidget(self._label)
        if figures is not None:
            self._install(figures)
        self._sync()

    # -- figures ------------------------------------------------------------------------------

    def load_figures(self) -> None:
        """Parse and show the shipped figures now (the first paint schedules this; anything
        that needs the figures earlier loads them itself)."""
        if self._loaded is not None or self._failure:
            return
        from needleguide.core.bodymap import load_maps, shipped_map_files
        from needleguide.core.errors import DataError

        try:
            figures = load_maps(shipped_map_files(self._resources or paths.resources_dir()))
        except DataError as exc:  # a damaged install: say so; the region list still works
            log.error("The body map could not be loaded:\n%s", exc)
            self._failure = self.tr("The body map could not be loaded ({problem}). The region "
                                    "list and search offer the same regions.").format(
                                        problem=exc.first)
            for button in self._buttons.values():
                button.setEnabled(False)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._sync()
            return
        self._install(figures)
        self._sync()

    def figures_loaded(self) -> bool:
        return self._loaded is not None

    def failure(self) -> str:
        """Why the figures could not be loaded, or ''."""
        return self._failure

    @property
    def _figures(self) -> dict[str, MapFigure]:
        if self._loaded is None:
            self.load_figures()
        return self._loaded or {}

    def _shown_items(self) -> list[_Item]:
        if self._loaded is None:
            self.load_figures()
        return self._items.get(self._view, [])

    def _install(self, figures: Mapping[View, MapFigure]) -> None:
        self._loaded = {view.value: figure for view, figure in figures.items()}
        self._items = {view: [_Item(s) for s in figure.shapes]
                       for view, figure in self._loaded.items()}
        for view, button in self._buttons.items():
            button.setEnabled(view in self._loaded)
        if self._view not in self._loaded:
            self._view = next(v for v in VIEWS if v in self._loaded)
        if self._selected and self._view_follows_selection:
            # chosen before the figures came (and no view chosen since): show its figure
            selected, self._selected = self._selected, None
            self.set_selected(selected)
        from needleguide.ui import accessible  # the regions as accessible children

        accessible.install(self)

    # -- public API ---------------------------------------------------------------------------

    def set_regions(self, names: Mapping[str, str]) -> None:
        """Region id -> display name. Shapes of regions not listed are shown inert."""
        self._names = dict(names)
        if self._focus is not None and not self._active(self._focus):
            self._focus = None
        if self._hover is not None and not self._active(self._hover):
            self._hover = None
        self._sync()

    def set_home_views(self, views: Mapping[str, str]) -> None:
        """Region id -> 'front' or 'back': the figure set_selected prefers for the region."""
        self._home = dict(views)

    def set_selected(self, region_id: str | None) -> None:
        """Highlight ``region_id`` (None: nothing), switching to a figure that shows it."""
        self._selected = region_id
        if region_id and self._loaded is None:
            self._view_follows_selection = True
            if self._home.get(region_id) in VIEWS:  # the buttons show the right figure at once
                self._view = self._home[region_id]
        elif region_id and self._loaded is not None:
            showing = [v for v in VIEWS if v in self._figures
                       and region_id in self._figures[v].regions()]
            # The figure stays when it shows the region and the user's focus is on it here
            # (a click or Enter on the back of the forearm keeps the back figure).
            chosen_here = self._focus is not None and self._focus.shape.region == region_id
            if showing and not (chosen_here and self._view in showing):
                home = self._home.get(region_id)
                self.show_view(home if home in showing else
                               self._view if self._view in showing else showing[0])
        self._sync()

    def selected(self) -> str | None:
        return self._selected

    def set_lit(self, region_ids: Iterable[str]) -> None:
        """Light these regions up (structures-at-risk mode), distinct from the selection."""
        self._lit = frozenset(region_ids)
        self._sync()

    def lit(self) -> frozenset[str]:
        return self._lit

    def show_view(self, view: str) -> None:
        if self._loaded is None and not self._failure:  # before the figures load: remember
            if view not in VIEWS:
                raise ValueError(f"no {view!r} figure; views are {', '.join(VIEWS)}")
            changed, self._view = view != self._view, view
            self._view_follows_selection = False
            self._sync()
            if changed:
                self.view_changed.emit(view)
            return
        if not self._figures:
            return  # the figures could not be loaded: nothing to switch to
        if view not in self._figures:
            raise ValueError(f"no {view!r} figure; the map has {', '.join(self._figures)}")
        changed = view != self._view
        self._view = view
        if changed:
            self._hover = self._pressed = None
            self._focus = None
            if self.hasFocus():
                order = self._order()
                self._focus = order[0] if order else None
        self._sync()
        if changed:
            self.view_changed.emit(view)

    def current_view(self) -> str:
        """The figure shown (before the figures load: the one that will be)."""
        return self._view

    def figure(self, view: str | None = None) -> MapFigure:
        """The Qt-free description of a figure (default: the one shown)."""
        return self._figures[view or self._view]

    def figure_transform(self) -> QTransform:
        """Maps SVG user units of the shown figure to this widget's coordinates."""
        vx, vy, vw, vh = self._figures[self._view].view_box
        area = QRectF(self._area.geometry())
        if area.isEmpty():
            layout = self.layout()
            if layout is not None:
                layout.activate()
            area = QRectF(self._area.geometry())
            if area.isEmpty():
                area = QRectF(self.rect())
        scale = min(area.width() / vw, area.height() / vh) if vw and vh else 1.0
        scale = max(scale, 1e-6)
        dx = area.x() + (area.width() - vw * scale) / 2 - vx * scale
        dy = area.y() + (area.height() - vh * scale) / 2 - vy * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_at(self, pos: QPointF) -> str:
        """The active region under a widget position, or ''."""
        item = self._item_at(pos)
        return item.shape.region if item else ""

    def focused_shape(self) -> str:
        """The id of the shape with keyboard focus, or ''."""
        return self._focus.shape.id if self._focus else ""

    def shape_name(self, shape: Shape) -> str:
        """What a user hears and reads for a shape, e.g. 'Gluteal, right'."""
        name = self._region_name(shape.region)
        if not shape.side:
            return name
        side = (self.tr("left") if shape.side == "left" else self.tr("right")
                if shape.side == "right" else shape.side.replace("-", " "))
        return self.tr("{region}, {side}").format(region=name, side=side)

    def _view_title(self, view: str) -> str:
        return self.tr("Front") if view == "front" else self.tr("Back")

    def _view_tip(self, view: str, lit: bool) -> str:
        if view == "front":
            return (self.tr("Show the front of the body (has highlighted regions)") if lit
                    else self.tr("Show the front of the body"))
        return (self.tr("Show the back of the body (has highlighted regions)") if lit
                else self.tr("Show the back of the body"))

    def sizeHint(self) -> QSize:
        return QSize(300, 620)

    def minimumSizeHint(self) -> QSize:
        return QSize(150, 320)

    # -- state --------------------------------------------------------------------------------

    def _region_name(self, region: str) -> str:
        if self._names and region in self._names:
            return self._names[region]
        return region.replace("-", " ").capitalize()

    def _active(self, item: _Item) -> bool:
        return self._names is None or item.shape.region in self._names

    def _order(self) -> list[_Item]:
        """Active shapes of the shown figure in reading order: rows top to bottom, a row being
        the shapes whose centre lies within the vertical extent of the row's first shape."""
        items = sorted((i for i in self._shown_items() if self._active(i)),
                       key=lambda i: i.centre.y())
        rows: list[list[_Item]] = []
        for item in items:
            if rows:
                first = rows[-1][0].path.boundingRect()
                if first.top() <= item.centre.y() <= first.bottom():
                    rows[-1].append(item)
                    continue
            rows.append([item])
        return [i for row in rows for i in sorted(row, key=lambda i: i.centre.x())]

    def _item_at(self, pos: QPointF) -> _Item | None:
        if not self._shown_items():
            return None
        inverse, ok = self.figure_transform().inverted()
        if not ok:
            return None
        point = inverse.map(QPointF(pos))
        for item in reversed(self._shown_items()):
            if self._active(item) and item.path.contains(point):
                return item
        return None

    def _sync(self) -> None:
        """Bring buttons, label and accessible text in line with the state, and repaint."""
        for view, button in self._buttons.items():
            button.setChecked(view == self._view)
            figures = self._loaded or {}
            lit_here = view in figures and bool(self._lit & figures[view].regions())
            marker = " \u2022" if lit_here and view != self._view else ""
            button.setText(self._view_title(view) + marker)
            button.setToolTip(self._view_tip(view, lit=bool(marker)))
            font = button.font()
            font.setBold(view == self._view)
            button.setFont(font)
        if self._failure:
            text = self._failure
        elif self._hover is not None:
            text = self.shape_name(self._hover.shape)
        elif self._focus is not None and self.hasFocus():
            text = self.shape_name(self._focus.shape)
        elif self._selected:
            text = self._region_name(self._selected)
        else:
            text = self.tr("Point at a region; click to open it")
        self._label.setText(text)
        self._update_accessible()
        self.update()

    def _update_accessible(self) -> None:
        view = (self.tr("Body map, front view") if self._view == "front"
                else self.tr("Body map, back view"))
        if self._focus is not None:
            order = self._order()
            shape = self._focus.shape
            state = []
            if shape.region == self._selected:
                state.append(self.tr("selected"))
            if shape.region in self._lit:
                state.append(self.tr("highlighted"))
            name = self.shape_name(shape)
            if state:
                name = self.tr("{region} ({states})").format(region=name,
                                                            states=", ".join(state))
            position = order.index(self._focus) + 1 if self._focus in order else 0
            description = self.tr("{view}, region {position} of {count}. Arrow keys move "
                                  "between regions; Enter opens the region.").format(
                                      view=view, position=position, count=len(order))
        else:
            name = view
            description = self.tr("Tab or arrow keys move between regions; Enter opens the "
                                  "region. The region list offers the same regions.")
        if name != self.accessibleName() or description != self.accessibleDescription():
            self.setAccessibleName(name)
            self.setAccessibleDescription(description)
            if self.isVisible():
                _notify_accessibility(self, focus=False)

    def _set_focus_item(self, item: _Item | None) -> None:
        if item is not self._focus:
            self._focus = item
            self._sync()
            if item is not None:
                _notify_accessibility(self, focus=True)
                self._notify_region_focus()

    # -- regions as accessible children (needleguide.ui.accessible) -----------------------------

    def accessible_regions(self) -> list[tuple[str, str, QRect, bool, bool]]:
        """(shape id, name, screen rectangle, focused, selected) of each region shown, in
        reading order: the map's children for a screen reader."""
        if self._loaded is None:
            return []
        transform = self.figure_transform()
        rows = []
        for item in self._order():
            box = transform.mapRect(item.path.boundingRect()).toAlignedRect()
            rows.append((item.shape.id, self.shape_name(item.shape),
                         QRect(self.mapToGlobal(box.topLeft()), box.size()),
                         item is self._focus and self.hasFocus(),
                         item.shape.region == self._selected))
        return rows

    def open_shape(self, shape_id: str) -> None:
        """Open the region of this shape (the accessible Press action of a region)."""
        item = next((i for i in self._order() if i.shape.id == shape_id), None)
        if item is not None:
            self._activate(item)

    def _notify_region_focus(self) -> None:
        from PySide6.QtGui import QAccessible

        if not QAccessible.isActive() or self._focus is None:
            return
        from needleguide.ui import accessible

        interface = accessible.interface_of(self)
        if isinstance(interface, accessible.MapAccessible):
            shape = self._focus.shape.id
            rows = [r[0] for r in self.accessible_regions()]
            if shape in rows:
                accessible.notify_focus(interface.child(rows.index(shape)))

    def _activate(self, item: _Item) -> None:
        """The user chose a region: say so. The selection follows when the window's
        navigation sets it (``set_selected``), like every other pane's."""
        self._focus = item
        self._sync()
        self.region_selected.emit(item.shape.region)

    def _set_hover(self, item: _Item | None) -> None:
        if item is self._hover:
            return
        self._hover = item
        self.setCursor(Qt.CursorShape.PointingHandCursor if item else Qt.CursorShape.ArrowCursor)
        self._sync()
        self.region_hovered.emit(item.shape.region if item else "")

    # -- painting -----------------------------------------------------------------------------

    def _renderer(self, ink: QColor) -> QSvgRenderer:
        key = (self._view, ink.name())
        renderer = self._renderers.get(key)
        if renderer is None:
            from PySide6.QtSvg import QSvgRenderer

            svg = self._figures[self._view].figure_svg(ink.name())
            renderer = QSvgRenderer(QByteArray(svg))
            self._renderers[key] = renderer
        return renderer

    def _figure_pixmap(self, ink: QColor, transform: QTransform) -> QPixmap:
        """The static figure, rendered from SVG once per view, size, scale and ink colour;
        hover, selection and lit regions are painted over it, so they stay cheap."""
        ratio = self.devicePixelRatioF()
        key = (self._view, self.width(), self.height(), ratio, ink.name())
        cached = self._figure_cache.get(key)
        if cached is not None:
            return cached
        if len(self._figure_cache) >= 4:  # a resize or palette change: start afresh
            self._figure_cache.clear()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        vx, vy, vw, vh = self._figures[self._view].view_box
        self._renderer(ink).render(painter, transform.mapRect(QRectF(vx, vy, vw, vh)))
        painter.end()
        self._figure_cache[key] = pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._loaded is None:  # the window's first paint comes first; the figure next
            if not self._load_pending:
                self._load_pending = True
                QTimer.singleShot(0, self, self.load_figures)  # dropped if the map is gone
            return
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        window = palette.color(QPalette.ColorRole.Window)
        transform = self.figure_transform()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.drawPixmap(0, 0, self._figure_pixmap(ink, transform))
        painter.setTransform(transform)

        def pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
            result = QPen(color, width, style)
            result.setCosmetic(True)  # widths in pixels, whatever the zoom
            result.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            return result

        idle_fill = _alpha(_mix(window, highlight, 0.5), 0.22)
        lit_fill = _alpha(_mix(highlight, window, 0.35), 0.55)
        hatch = QBrush(_alpha(_mix(highlight, ink, 0.35), 0.8), Qt.BrushStyle.BDiagPattern)
        for item in self._shown_items():
            region = item.shape.region
            if not self._active(item):
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(pen(_alpha(ink, 0.25), 1, Qt.PenStyle.DotLine))
                painter.drawPath(item.path)
                continue
            selected = region == self._selected
            if selected:
                painter.setBrush(_alpha(highlight, 0.85))
                painter.setPen(pen(_mix(highlight, ink, 0.45), 2.2))
            elif region in self._lit:
                painter.setBrush(lit_fill)
                painter.setPen(pen(_mix(highlight, ink, 0.3), 1.6))
            else:
                painter.setBrush(idle_fill)
                painter.setPen(pen(_alpha(ink, 0.45), 1, Qt.PenStyle.DashLine))
            painter.drawPath(item.path)
            if region in self._lit and not selected:
                painter.setBrush(hatch)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawPath(item.path)
            if item is self._hover:
                painter.setBrush(_alpha(highlight, 0.3) if not selected else Qt.BrushStyle.NoBrush)
                painter.setPen(pen(_mix(highlight, ink, 0.3), 2.4))
                painter.drawPath(item.path)
        if self._focus is not None and self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(pen(ink, 2.0, Qt.PenStyle.DashLine))
            painter.drawPath(self._focus.path)
        painter.end()

    # -- events -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._renderers.clear()
            self._figure_cache.clear()
            self.update()
        super().changeEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hover(self._item_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self._item_at(event.position())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self._item_at(event.position())
            pressed, self._pressed = self._pressed, None
            if item is not None and item is pressed:
                self._activate(item)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self._item_at(QPointF(event.pos()))
            if item is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), tooltip(self.shape_name(item.shape)), self)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        order = self._order()
        if order and (self._focus is None or event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)):
            backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
            self._focus = order[-1] if backwards else order[0]
        super().focusInEvent(event)
        self._sync()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._sync()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        """Tab and Shift+Tab walk the regions first, then leave the map."""
        if self.hasFocus():
            order = self._order()
            if self._focus in order:
                index = order.index(self._focus) + (1 if next else -1)
                if 0 <= index < len(order):
                    self._set_focus_item(order[index])
                    return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        order = self._order()
        if not order:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select):
            if self._focus is None:
                self._set_focus_item(order[0])
            else:
                self._activate(self._focus)
            return
        directions = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                      Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in directions:
            self._set_focus_item(self._neighbour(order, *directions[Qt.Key(key)]))
            return
        if key == Qt.Key.Key_Home:
            self._set_focus_item(order[0])
            return
        if key == Qt.Key.Key_End:
            self._set_focus_item(order[-1])
            return
        super().keyPressEvent(event)

    def _neighbour(self, order: list[_Item], dx: int, dy: int) -> _Item:
        """The nearest region in a direction (screen coordinates), else the next/previous one
        in reading order, so an arrow key always moves."""
        current = self._focus if self._focus in order else None
        if current is None:
            return order[0]
        origin = current.centre
        best: _Item | None = None
        best_score = float("inf")
        for item in order:
            if item is current:
                continue
            ox, oy = item.centre.x() - origin.x(), item.centre.y() - origin.y()
            along = ox * dx + oy * dy
            across = abs(ox * dy) + abs(oy * dx)
            if along <= 0 or across > along * 2.5:
                continue
            score = along + 2 * across
            if score < best_score:
                best, best_score = item, score
        if best is not None:
            return best
        index = order.index(current) + (1 if dx + dy > 0 else -1)
        return order[max(0, min(index, len(order) - 1))]
