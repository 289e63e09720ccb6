"""The body-map figures as plain data: which shape belongs to which region, and its outline.

The SVG files in resources/ (body-front.svg, body-back.svg) are read here without Qt, so the
command line can check them against the data and tests can reason about the geometry.

Conventions (see resources/README.md):

- The root ``<svg>`` has ``viewBox`` and ``data-view="front"`` or ``"back"``.
- Region shapes are the children of the one ``<g id="regions">``. Each is a ``<path d>`` with
  absolute M/L/C/Q/Z commands (one closed outline) or a ``<polygon points>``, and has no
  ``transform``; neither may the group or any ancestor.
- A shape's id is its region id (``neck``), or the region id, two hyphens and a suffix
  (``gluteal--right``, ``neck--front``). Region ids never contain ``--``, so the region is
  always the part before the first ``--``.

Every problem is a located :class:`Problem`; nothing else escapes. The XML is read with expat,
and a DOCTYPE (so any entity declaration) is rejected before it can expand anything.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence
from xml.parsers import expat

from needleguide.core.errors import DataError, Problem
from needleguide.core.ids import ID_PATTERN
from needleguide.core.model import ReferenceData, View

MAP_FILES = ("body-front.svg", "body-back.svg")
MAX_BYTES = 2_000_000
CURVE_STEPS = 24  # straight segments per Bézier curve in a flattened outline
SHAPE_ID = re.compile(rf"^({ID_PATTERN})(?:--({ID_PATTERN}))?$")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_PATH_TOKEN = re.compile(r"\s*(?:([A-Za-z])|([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))\s*,?")
_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """One clickable shape: ``commands`` reproduce it exactly, ``outline`` is it flattened."""

    id: str
    region: str
    view: View
    commands: tuple[tuple[str, tuple[float, ...]], ...]  # ("M"|"L"|"Q"|"C", coordinates)
    file: str
    line: int
    col: int

    @cached_property
    def outline(self) -> tuple[Point, ...]:
        """The shape flattened to a polygon, closed implicitly (last point joins the first).
        Computed on first use: the widget paints and hit-tests the exact commands with Qt,
        so start-up does not pay for flattening."""
        return _flatten(self.commands)

    @property
    def side(self) -> str:
        """The id's suffix after ``--`` (e.g. ``right``), or ''."""
        return self.id.partition("--")[2]

    def contains(self, point: Point) -> bool:
        return point_in_polygon(point, self.outline)

    def interior_point(self) -> Point:
        return interior_point(self.outline)


@dataclass(frozen=True)
class MapFigure:
    """One figure (front or back) of the body map."""

    view: View
    view_box: tuple[float, float, float, float]  # x, y, width, height
    shapes: tuple[Shape, ...]
    file: str
    svg: bytes  # the file as read
    regions_group_offset: int  # byte offset of the '<g' that opens the regions group

    def regions(self) -> set[str]:
        return {s.region for s in self.shapes}

    def shape_at(self, point: Point) -> Shape | None:
        """The topmost shape containing ``point`` (in SVG user units), or None."""
        for shape in reversed(self.shapes):
            if shape.contains(point):
                return shape
        return None

    def figure_svg(self, color: str | None = None) -> bytes:
        """The SVG without the region shapes (they are drawn by the app), optionally with the
        ink colour (``currentColor``) set to ``color`` (e.g. ``#1f2328``)."""
        at = self.regions_group_offset + 2
        svg = self.svg[:at] + b' display="none"' + self.svg[at:]
        if color is not None:
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
                raise ValueError(f"colour must be #rrggbb, not {color!r}")
            start = svg.index(b"<svg") + 4
            svg = svg[:start] + f' color="{color}"'.encode() + svg[start:]
        return svg


def load_map(path: str | os.PathLike[str]) -> MapFigure:
    """Read one body-map SVG, or raise DataError with every located problem."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DataError([Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")])\
            from None
    return parse_map(data, name)


def parse_map(data: bytes, path: str = "<svg>") -> MapFigure:
    if len(data) > MAX_BYTES:
        raise DataError([Problem(path, 1, 1, f"file is {len(data):,} bytes; a body map is at "
                                             f"most {MAX_BYTES:,} bytes")])
    try:
        return _MapParser(data, path).parse()
    except DataError:
        raise
    except Exception as exc:  # a bug of ours must still reach the user as a located error
        raise DataError([Problem(path, 1, 1, f"could not read the body map "
                                             f"({type(exc).__name__}: {exc}); please report "
                                             "this")]) from exc


def shipped_map_files(resources: str | os.PathLike[str]) -> list[str]:
    return [os.path.join(os.fspath(resources), name) for name in MAP_FILES]


def load_maps(files: Iterable[str | os.PathLike[str]]) -> dict[View, MapFigure]:
    """Load the figures, one per view, or raise DataError with the problems of all files."""
    maps: dict[View, MapFigure] = {}
    problems: list[Problem] = []
    for path in files:
        try:
            body_map = load_map(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if body_map.view in maps:
            problems.append(Problem(body_map.file, 1, 1, f"a second {body_map.view.value} "
                                    f"figure (the first is {maps[body_map.view].file})"))
            continue
        maps[body_map.view] = body_map
    if problems:
        raise DataError(problems)
    return maps


def map_problems(data: ReferenceData,
                 svg_files: Sequence[str | os.PathLike[str]]) -> list[Problem]:
    """Every region of ``data`` has a shape on its home figure, and every shape a region."""
    try:
        maps = load_maps(svg_files)
    except DataError as exc:
        return list(exc.problems)
    problems: list[Problem] = []
    files = ", ".join(os.path.basename(m.file) for m in maps.values())
    for region in data.regions:
        line, col = data.region_locations.get(region.id, (1, 1))
        home = maps.get(region.view)
        if not any(region.id in m.regions() for m in maps.values()):
            problems.append(Problem(data.path, line, col, f"region '{region.id}' has no shape "
                                    f"on the body map ({files}); add a shape with id "
                                    f"'{region.id}' to the regions group of the "
                                    f"{region.view.value} figure"))
        elif home is None or region.id not in home.regions():
            where = home.file if home else f"the {region.view.value} figure"
            problems.append(Problem(data.path, line, col, f"region '{region.id}' has view: "
                                    f"{region.view.value} but no shape in {where}; add one "
                                    "there or correct the view"))
    known = {r.id for r in data.regions}
    for body_map in maps.values():
        for shape in body_map.shapes:
            if shape.region not in known:
                problems.append(Problem(shape.file, shape.line, shape.col,
                                        f"shape '{shape.id}' belongs to region "
                                        f"'{shape.region}', which is not in {data.path}; "
                                        "rename the shape or remove it"))
    return problems


# -- geometry ---------------------------------------------------------------------------------

def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    """Even-odd rule, as QPainterPath.contains uses for a simple outline."""
    x, y = point
    inside = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < cross:
                inside = not inside
    return inside


def distance_to_outline(point: Point, polygon: Sequence[Point]) -> float:
    best = math.inf
    px, py = point
    n = len(polygon)
    for i in range(n):
        (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % n]
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy)
                                                  / length2))
        best = min(best, math.hypot(px - (x1 + t * dx), py - (y1 + t * dy)))
    return best


def interior_point(polygon: Sequence[Point]) -> Point:
    """A point well inside the outline: scan horizontal lines, take the middle of each inside
    span, keep the one farthest from the outline. Works for concave outlines too."""
    ys = [p[1] for p in polygon]
    top, bottom = min(ys), max(ys)
    best: Point | None = None
    best_clearance = -1.0
    steps = 48
    for k in range(1, steps):
        y = top + (bottom - top) * k / steps
        crossings = []
        n = len(polygon)
        for i in range(n):
            (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % n]
            if (y1 > y) != (y2 > y):
                crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        crossings.sort()
        for a, b in zip(crossings[::2], crossings[1::2]):
            candidate = ((a + b) / 2, y)
            clearance = distance_to_outline(candidate, polygon)
            if clearance > best_clearance:
                best, best_clearance = candidate, clearance
    if best is None:
        raise ValueError("outline has no inside")
    return best


def polygon_area(polygon: Sequence[Point]) -> float:
    n = len(polygon)
    return abs(sum(polygon[i][0] * polygon[(i + 1) % n][1] - polygon[(i + 1) % n][0]
                   * polygon[i][1] for i in range(n))) / 2


def _flatten(commands: Sequence[tuple[str, tuple[float, ...]]]) -> tuple[Point, ...]:
    points: list[Point] = []
    for op, args in commands:
        if op in ("M", "L"):
            points.append((args[0], args[1]))
        elif op == "Q":
            (x0, y0), (x1, y1, x2, y2) = points[-1], args
            for k in range(1, CURVE_STEPS + 1):
                t = k / CURVE_STEPS
                u = 1 - t
                points.append((u * u * x0 + 2 * u * t * x1 + t * t * x2,
                               u * u * y0 + 2 * u * t * y1 + t * t * y2))
        elif op == "C":
            (x0, y0), (x1, y1, x2, y2, x3, y3) = points[-1], args
            for k in range(1, CURVE_STEPS + 1):
                t = k / CURVE_STEPS
                u = 1 - t
                points.append((u ** 3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
                               u ** 3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3))
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return tuple(points)


# -- parsing ----------------------------------------------------------------------------------

class _Fail(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


class _MapParser:
    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        self.parser = expat.ParserCreate()
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        # (tag, attributes, line, col) of each open element, outermost first
        self.stack: list[tuple[str, dict[str, str], int, int]] = []
        self.problems: list[Problem] = []
        self.view: View | None = None
        self.view_box: tuple[float, float, float, float] | None = None
        self.group_offset = -1
        self.group_depth = -1
        self.shapes: list[Shape] = []
        self.ids: dict[str, tuple[int, int]] = {}

    def where(self) -> tuple[int, int]:
        return self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1

    def problem(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, message))

    def parse(self) -> MapFigure:
        try:
            self.parser.Parse(self.data, True)
        except _Fail as exc:
            self.problem(exc.line, exc.col, exc.message)
        except expat.ExpatError as exc:
            self.problem(exc.lineno, exc.offset + 1,
                         f"not well-formed SVG: {expat.ErrorString(exc.code)}")
        if not self.problems:
            if self.group_offset < 0:
                self.problem(1, 1, 'no <g id="regions"> group holding the region shapes')
            elif not self.shapes:
                self.problem(1, 1, 'the <g id="regions"> group has no shapes')
        if self.problems:
            raise DataError(self.problems)
        assert self.view is not None and self.view_box is not None
        return MapFigure(self.view, self.view_box, tuple(self.shapes), self.path, self.data,
                       self.group_offset)

    def _doctype(self, *_: object) -> None:
        raise _Fail(*self.where(), "a DOCTYPE is not allowed in a body map; remove it")

    def _entity(self, *_: object) -> None:  # pragma: no cover - a DOCTYPE fails first
        raise _Fail(*self.where(), "entity declarations are not allowed in a body map")

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        line, col = self.where()
        if "id" in attrs:
            if attrs["id"] in self.ids:
                first = self.ids[attrs["id"]][0]
                self.problem(line, col, f"duplicate id '{attrs['id']}' (first at line {first})")
            self.ids.setdefault(attrs["id"], (line, col))
        if not self.stack:
            self._root(tag, attrs, line, col)
        elif self.group_depth >= 0 and len(self.stack) > self.group_depth:
            if len(self.stack) == self.group_depth + 1:
                self._shape(tag, attrs, line, col)
            # children of a shape (e.g. <title>) are allowed and ignored
        elif tag == "g" and attrs.get("id") == "regions":
            if self.group_offset >= 0:
                raise _Fail(line, col, 'a second <g id="regions"> group; keep one')
            for _, parent_attrs, pline, pcol in self.stack + [(tag, attrs, line, col)]:
                if "transform" in parent_attrs:
                    self.problem(pline, pcol, "the regions group and its ancestors must have "
                                              "no transform; move the shapes instead")
            self.group_offset = self.parser.CurrentByteIndex
            self.group_depth = len(self.stack)
        self.stack.append((tag, attrs, line, col))

    def _end(self, tag: str) -> None:
        self.stack.pop()
        if len(self.stack) == self.group_depth:
            self.group_depth = -2  # closed: later elements are not region shapes

    def _root(self, tag: str, attrs: dict[str, str], line: int, col: int) -> None:
        if tag != "svg":
            raise _Fail(line, col, f"the root element must be <svg>, not <{tag}>")
        try:
            self.view = View(attrs.get("data-view", ""))
        except ValueError:
            self.problem(line, col, "the <svg> root needs data-view=\"front\" or \"back\"")
        box = _NUMBER.findall(attrs.get("viewBox", ""))
        if len(box) != 4 or float(box[2]) <= 0 or float(box[3]) <= 0:
            self.problem(line, col, "the <svg> root needs a viewBox of four numbers "
                                    "(x y width height)")
        else:
            x, y, w, h = (float(v) for v in box)
            self.view_box = (x, y, w, h)
        if "color" in attrs:
            self.problem(line, col, "the <svg> root must not set color (the app sets the ink "
                                    "colour; draw with currentColor)")

    def _shape(self, tag: str, attrs: dict[str, str], line: int, col: int) -> None:
        shape_id = attrs.get("id", "")
        if tag not in ("path", "polygon"):
            self.problem(line, col, f"<{tag}> in the regions group: region shapes must be "
                                    "<path> or <polygon>")
            return
        match = SHAPE_ID.match(shape_id)
        if not match:
            self.problem(line, col, f"region shape id '{shape_id}' must be a region id, "
                                    "optionally followed by -- and a suffix, e.g. "
                                    "'gluteal--right'")
            return
        if "transform" in attrs:
            self.problem(line, col, f"shape '{shape_id}' has a transform; write its "
                                    "coordinates directly")
            return
        try:
            if tag == "path":
                commands = _parse_path(attrs.get("d", ""))
            else:
                commands = _parse_points(attrs.get("points", ""))
        except ValueError as exc:
            self.problem(line, col, f"shape '{shape_id}': {exc}")
            return
        # Degenerate shapes have a degenerate control polygon too; checking that is cheap.
        anchors = [(args[-2], args[-1]) for _, args in commands]
        if len(anchors) < 3 or polygon_area(anchors) < 1e-6:
            self.problem(line, col, f"shape '{shape_id}' encloses no area")
            return
        assert self.view is not None or self.problems
        self.shapes.append(Shape(shape_id, match.group(1), self.view or View.FRONT,
                                 tuple(commands), self.path, line, col))


def _parse_points(text: str) -> list[tuple[str, tuple[float, ...]]]:
    if re.search(r"[^\d\s,.eE+-]", text):
        raise ValueError("points must be numbers separated by spaces or commas")
    numbers = [float(v) for v in _NUMBER.findall(text)]
    if len(numbers) % 2 or len(numbers) < 6:
        raise ValueError("points needs at least three x,y pairs")
    pairs: list[tuple[float, ...]] = [(numbers[i], numbers[i + 1])
                                      for i in range(0, len(numbers), 2)]
    return [("M", pairs[0])] + [("L", p) for p in pairs[1:]]


def _parse_path(text: str) -> list[tuple[str, tuple[float, ...]]]:
    """Absolute M, L, Q, C and Z only, one closed outline (M first, Z at most once, last)."""
    commands: list[tuple[str, tuple[float, ...]]] = []
    position = 0
    op: str | None = None
    closed = False
    pending: list[float] = []
    text = text.strip()
    while position < len(text):
        token = _PATH_TOKEN.match(text, position)
        if not token or token.end() == position:
            raise ValueError(f"cannot read the path data at character {position + 1} "
                             f"({text[position:position + 12]!r})")
        position = token.end()
        letter, number = token.groups()
        if letter:
            if pending:
                raise ValueError(f"'{op}' needs {_ARITY[op or 'M']} numbers per segment")
            if letter not in _ARITY:
                kind = "relative" if letter.islower() else "unsupported"
                raise ValueError(f"path command '{letter}' is {kind}; use only absolute "
                                 "M, L, C, Q and Z")
            if closed:
                raise ValueError("the path continues after Z; a region shape is one outline")
            if not commands and letter != "M":
                raise ValueError("the path must start with M")
            if commands and letter == "M":
                raise ValueError("a second M; a region shape is one outline")
            op = letter
            if op == "Z":
                closed = True
            continue
        if op is None or op == "Z":
            raise ValueError("a number outside a command")
        pending.append(float(number))
        if len(pending) == _ARITY[op]:
            if not math.isfinite(sum(pending)):
                raise ValueError("coordinates must be finite numbers")
            commands.append((op, tuple(pending)))
            pending = []
            if op == "M":
                op = "L"  # extra pairs after M are line-tos, as in SVG
    if pending:
        raise ValueError(f"'{op}' needs {_ARITY[op or 'M']} numbers per segment")
    if not commands:
        raise ValueError("the path has no d data")
    return commands
