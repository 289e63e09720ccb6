#!/usr/bin/env python3
"""Generate resources/body-front.svg and resources/body-back.svg (drawn for this project).

The figure is a simple, gender-neutral outline in the anatomical position, built from one
half-outline mirrored about the midline, with smooth curves through hand-placed points
(Catmull-Rom splines written as absolute cubic Béziers). Region shapes follow the convention in
resources/README.md. The script checks its own output: every region shape lies inside the
silhouette and no two shapes overlap.

    python3 scripts/make_body_map.py          # rewrite the two SVGs
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from needleguide.core.bodymap import (_flatten, _parse_path, load_map,  # noqa: E402
                                      point_in_polygon)

WIDTH, HEIGHT = 400, 830
CX = WIDTH / 2
Pt = tuple  # (dx, y) or (dx, y, "corner")

# The right half of the silhouette (dx = distance from the midline), from the crown of the
# head down the outside of the arm, round the hand, up the inside of the arm to the armpit,
# down the trunk and the outside of the leg, round the foot and up the inside of the leg.
HALF_OUTLINE: list[Pt] = [
    (0, 40), (19, 43), (30, 53), (35, 70), (35.5, 88), (33, 104), (28, 116), (22, 124),
    (20.5, 134), (21, 146, "corner"), (34, 155), (54, 162), (70, 167), (83, 175), (91, 190),
    (94, 212), (96, 240), (99, 268), (102, 292), (106, 320), (109, 352), (111, 380),
    (112, 398), (116, 407), (120.5, 419), (122, 430), (119.5, 436), (118.5, 448), (117, 460),
    (111, 471), (103, 472), (98, 464), (95, 446), (93, 424), (92, 404), (88, 378), (83, 345),
    (78, 310), (75, 284), (72, 262), (68, 243, "corner"), (64, 258), (62, 276), (58, 296),
    (56, 318), (58, 342), (64, 366), (70, 392), (72, 420), (70, 455), (65, 500), (60, 545),
    (57, 578), (57, 602), (60, 636), (58, 672), (50, 714), (46, 742), (49, 758), (50, 772),
    (45, 780), (32, 782), (23, 780), (20, 768), (21, 742), (21, 712), (19.5, 672), (16, 632),
    (13, 600), (12, 570), (11, 530), (9, 490), (6, 458), (0, 438, "corner"),
]


def mirror(points: list[Pt]) -> list[Pt]:
    return [(-p[0],) + tuple(p[1:]) for p in points]


def absolute(points: list[Pt]) -> list[Pt]:
    return [(CX + p[0], p[1]) + tuple(p[2:]) for p in points]


def catmull_rom(points: list[Pt], closed: bool = True, tension: float = 1.0) -> str:
    """Absolute M/C path data through ``points``; a point marked "corner" gets a sharp turn."""
    n = len(points)
    xy = [(p[0], p[1]) for p in points]
    corner = [len(p) > 2 and p[2] == "corner" for p in points]

    def tangent(i: int) -> tuple[float, float]:
        if corner[i] or (not closed and i in (0, n - 1)):
            return (0.0, 0.0)
        a, b = xy[(i - 1) % n], xy[(i + 1) % n]
        return ((b[0] - a[0]) * tension / 6, (b[1] - a[1]) * tension / 6)

    parts = [f"M{xy[0][0]:.1f},{xy[0][1]:.1f}"]
    last = n if closed else n - 1
    for i in range(last):
        j = (i + 1) % n
        t0, t1 = tangent(i), tangent(j)
        parts.append(f"C{xy[i][0] + t0[0]:.1f},{xy[i][1] + t0[1]:.1f} "
                     f"{xy[j][0] - t1[0]:.1f},{xy[j][1] - t1[1]:.1f} "
                     f"{xy[j][0]:.1f},{xy[j][1]:.1f}")
    if closed:
        parts.append("Z")
    return " ".join(parts)


def silhouette() -> str:
    right = HALF_OUTLINE
    left = list(reversed(mirror(HALF_OUTLINE)))[1:-1]  # skip the shared crotch and crown
    return catmull_rom(absolute(right + left))


def both_sides(points: list[Pt]) -> tuple[list[Pt], list[Pt]]:
    """(viewer's right, viewer's left) copies of a shape drawn on the viewer's right."""
    return absolute(points), absolute(list(reversed(mirror(points))))


# -- region shapes, drawn on the viewer's right half (dx > 0) --------------------------------

HEAD_TEMPLE: list[Pt] = [(19, 54), (27, 57), (32.5, 67), (33.5, 80), (31, 92), (25, 94), (21, 84), (19, 68)]
NECK_FRONT: list[Pt] = [(0, 127), (14, 128), (18.5, 134), (19, 146), (27, 154), (14, 159),
                        (0, 161), (-14, 159), (-27, 154), (-19, 146), (-18.5, 134), (-14, 128)]
CHEST: list[Pt] = [(6, 172), (24, 167), (46, 168), (62, 174), (66, 190), (64, 212), (60, 234), (46, 246), (26, 250), (8, 246), (5, 208)]
FOREARM: list[Pt] = [(80, 300), (99, 296), (103, 322), (106, 352), (107.5, 378), (107, 392), (95, 394), (90, 378), (85, 348), (81, 322)]

NECK_BACK: list[Pt] = [(0, 112), (16, 114), (17.5, 126), (18, 138), (20, 147), (26, 153), (14, 157), (0, 159), (-14, 157), (-26, 153), (-20, 147), (-18, 138), (-17.5, 126), (-16, 114)]
UPPER_BACK: list[Pt] = [(0, 164), (12, 162), (24, 163), (26, 190), (27, 228), (22, 262), (11, 280), (0, 284), (-11, 280), (-22, 262), (-27, 228), (-26, 190), (-24, 163), (-12, 162)]
SHOULDER: list[Pt] = [(31, 165), (56, 165), (74, 170), (85, 180), (91, 198), (93, 224), (93, 248), (84, 254), (74, 244), (66, 238), (56, 254), (45, 270), (36, 266), (32, 230), (30, 192)]
LOWER_BACK: list[Pt] = [(0, 300), (20, 300), (36, 304), (44, 330), (50, 356), (36, 368), (16, 376), (0, 378), (-16, 376), (-36, 368), (-50, 356), (-44, 330), (-36, 304), (-20, 300)]
GLUTEAL: list[Pt] = [(5, 398), (18, 386), (40, 378), (58, 380), (66, 392), (69, 414),
                     (66, 436), (54, 452), (32, 458), (12, 452), (5, 432)]
CALF_FOOT: list[Pt] = [(16, 596), (34, 590), (53, 596), (56.5, 630), (54, 672), (46, 712), (43, 740), (45, 760), (42, 774), (30, 778), (24, 770), (23.5, 742), (23.5, 712), (21.5, 672), (18.5, 632)]

FRONT_REGIONS: list[tuple[str, list[Pt], str]] = []
BACK_REGIONS: list[tuple[str, list[Pt], str]] = []


def _regions() -> None:
    # On the front view the patient's right is on the viewer's LEFT.
    temple_viewer_right, temple_viewer_left = both_sides(HEAD_TEMPLE)
    FRONT_REGIONS.extend([
        ("head--right", temple_viewer_left, "Head (temporalis), right"),
        ("head--left", temple_viewer_right, "Head (temporalis), left"),
        ("neck--front", absolute(NECK_FRONT), "Neck, front (scalenes)"),
    ])
    chest_r, chest_l = both_sides(CHEST)
    forearm_r, forearm_l = both_sides(FOREARM)
    FRONT_REGIONS.extend([
        ("chest--right", chest_l, "Chest, right"), ("chest--left", chest_r, "Chest, left"),
        ("forearm--right", forearm_l, "Forearm, right (flexor side)"),
        ("forearm--left", forearm_r, "Forearm, left (flexor side)"),
    ])
    # On the back view the patient's right is on the viewer's RIGHT.
    shoulder_r, shoulder_l = both_sides(SHOULDER)
    forearm_r, forearm_l = both_sides(FOREARM)
    gluteal_r, gluteal_l = both_sides(GLUTEAL)
    calf_r, calf_l = both_sides(CALF_FOOT)
    BACK_REGIONS.extend([
        ("neck", absolute(NECK_BACK), "Neck"),
        ("upper-back", absolute(UPPER_BACK), "Upper back"),
        ("shoulder--right", shoulder_r, "Shoulder, right"),
        ("shoulder--left", shoulder_l, "Shoulder, left"),
        ("forearm--right", forearm_r, "Forearm, right (extensor side)"),
        ("forearm--left", forearm_l, "Forearm, left (extensor side)"),
        ("lower-back", absolute(LOWER_BACK), "Lower back"),
        ("gluteal--right", gluteal_r, "Gluteal, right"),
        ("gluteal--left", gluteal_l, "Gluteal, left"),
        ("calf-foot--right", calf_r, "Calf and heel, right"),
        ("calf-foot--left", calf_l, "Calf and heel, left"),
    ])


# -- detail lines (not clickable): just enough anatomy to orient a student --------------------

def _side_lines(lines: list[list[Pt]]) -> list[str]:
    out = []
    for line in lines:
        for pts in both_sides(line):
            out.append(catmull_rom(pts, closed=False))
    return out


def front_details() -> list[str]:
    clavicle = [(7, 160), (24, 163), (46, 161), (70, 166)]
    elbow_crease = [(80, 290), (90, 293), (102, 290)]
    knee = [(22, 590), (34, 596), (48, 590)]
    ear = [(35, 78), (38.5, 84), (37.5, 96), (34, 100)]
    lines = _side_lines([clavicle, elbow_crease, knee, ear])
    lines.append(catmull_rom(absolute([(0, 320), (0, 321)]), closed=False))  # navel dot
    return lines


def back_details() -> list[str]:
    scapula = [(36, 176), (52, 174), (76, 178), (70, 214), (58, 244), (44, 262, "corner"),
               (39, 230), (37, 196)]
    spine_of_scapula = [(38, 198), (58, 189), (78, 181)]
    gluteal_fold = [(8, 452), (30, 462), (56, 456)]
    knee = [(20, 586), (34, 582), (50, 586)]
    ear = [(35, 78), (38.5, 84), (37.5, 96), (34, 100)]
    lines = [catmull_rom(absolute(scapula), closed=True) for _ in (0,)]
    lines += [catmull_rom(absolute(list(reversed(mirror(scapula)))), closed=True)]
    lines += _side_lines([spine_of_scapula, gluteal_fold, knee, ear])
    lines.append(catmull_rom(absolute([(0, 400), (0, 436)]), closed=False))  # natal cleft
    return lines


def spine_line() -> str:
    return catmull_rom(absolute([(0, 150), (0, 392)]), closed=False)


# -- writing ----------------------------------------------------------------------------------

def _label(x: float, y: float, text: str, size: float, weight: str = "normal",
           opacity: float = 1.0, anchor: str = "middle") -> str:
    extra = f' fill-opacity="{opacity}"' if opacity != 1.0 else ""
    return (f'    <text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}"{extra}>{text}</text>')


def svg(view: str) -> str:
    front = view == "front"
    regions = FRONT_REGIONS if front else BACK_REGIONS
    details = front_details() if front else back_details()
    viewer_left, viewer_right = ("RIGHT", "LEFT") if front else ("LEFT", "RIGHT")
    title = "FRONT" if front else "BACK"
    caption = ("Anterior view: the patient faces you" if front
               else "Posterior view: the patient's back is to you")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<!-- needleguide body map, {view} view. Drawn for this project by '
        'scripts/make_body_map.py; do not edit by hand. MIT licence. -->',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" data-view="{view}">',
        f'  <title>Body map, {view} view</title>',
        '  <g id="figure" fill="none" stroke="currentColor" stroke-linecap="round" '
        'stroke-linejoin="round">',
        f'    <path id="silhouette" d="{silhouette()}" fill="currentColor" '
        'fill-opacity="0.05" stroke-width="2.2"/>',
        '    <g id="details" stroke-width="1.3" stroke-opacity="0.45">',
    ]
    out += [f'      <path d="{d}"/>' for d in details]
    if not front:
        out.append(f'      <path d="{spine_line()}" stroke-dasharray="2 5"/>')
    out += [
        '    </g>',
        '  </g>',
        '  <g id="labels" fill="currentColor" stroke="none" '
        'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">',
        _label(CX, 27, title, 22, "bold"),
        _label(50, 82, "patient's", 13, opacity=0.8),
        _label(50, 102, viewer_left, 18, "bold"),
        _label(WIDTH - 50, 82, "patient's", 13, opacity=0.8),
        _label(WIDTH - 50, 102, viewer_right, 18, "bold"),
        _label(CX, 816, caption, 14, opacity=0.8),
        '  </g>',
        '  <g id="regions" fill="currentColor" fill-opacity="0.10" stroke="currentColor" '
        'stroke-opacity="0.5" stroke-width="1" stroke-dasharray="3 3">',
    ]
    for shape_id, points, title_text in regions:
        out.append(f'    <path id="{shape_id}" d="{catmull_rom(points)}">'
                   f'<title>{title_text}</title></path>')
    out += ['  </g>', '</svg>', '']
    return "\n".join(out)


def check(path: Path) -> list[str]:
    body_map = load_map(path)
    body = _flatten(_parse_path(silhouette()))  # the silhouette is not a region shape
    problems = []
    for shape in body_map.shapes:
        outside = [p for p in shape.outline if not point_in_polygon(p, body)]
        if outside:
            problems.append(f"{path}: {shape.id} leaves the silhouette at "
                            f"({outside[0][0]:.1f}, {outside[0][1]:.1f})")
    for a in body_map.shapes:
        for b in body_map.shapes:
            if a is not b and any(point_in_polygon(p, b.outline) for p in a.outline):
                problems.append(f"{path}: {a.id} overlaps {b.id}")
    return problems


def main() -> None:
    _regions()
    problems = []
    for view in ("front", "back"):
        path = ROOT / "resources" / f"body-{view}.svg"
        path.write_text(svg(view), encoding="utf-8")
        problems += check(path)
        print(f"wrote {path.relative_to(ROOT)}")
    if problems:
        raise SystemExit("\n".join(problems))


if __name__ == "__main__":
    main()
