"""``needleguide depth REGION [--needle MM] [--json]``: the depth picture as text.

Qt-free, like the rest of the command line: the same figures and sentences as the picture
(``needleguide.core.depth``).
"""

from __future__ import annotations

import json
import sys
import textwrap
from typing import TextIO

from needleguide.core import depth
from needleguide.core.model import ReferenceData
from needleguide.core.queries import find_region

EXIT_OK, EXIT_USAGE = 0, 2


def depth_command(data: ReferenceData, query: str, needle: float | None, as_json: bool,
                  out: TextIO, columns: int = 88) -> int:
    region = find_region(data, query)
    if region is None:
        valid = ", ".join(r.id for r in data.regions)
        print(f"needleguide: unknown region '{query}'. Valid regions: {valid}", file=sys.stderr)
        return EXIT_USAGE
    chart = depth.region_chart(region)
    if as_json:
        json.dump(depth.to_json(chart, region.id, needle), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    out.write(depth_text(chart, needle, columns))
    if not chart.figures:
        with_figures = ", ".join(r.id for r in depth.regions_with_figures(data))
        out.write(f"\n{region.name} has no reported distance with numbers to draw. "
                  f"Regions that have: {with_figures}.\n")
    return EXIT_OK


def depth_text(chart: depth.DepthChart, needle: float | None, columns: int = 88) -> str:
    width = max(40, min(columns, 100))
    lines: list[str] = []

    def para(text: str, indent: str = "", later: str | None = None) -> None:
        lines.extend(textwrap.wrap(text, width, initial_indent=indent,
                                   subsequent_indent=later if later is not None else indent,
                                   break_on_hyphens=False) or [indent])

    title = f"{chart.title.upper()}  reported depths"
    if needle is not None:
        title += f", needle {depth.mm(needle)} mm"
    lines.append(title)
    para(depth.CAVEAT)
    for figure in chart.figures:
        lines.append("")
        para(f"{figure.what} [{', '.join(figure.sources)}]")
        para(f"reaches: {figure.reaches}", "  ", "     ")
        para(f"as reported: {figure.figure}", "  ", "     ")
        para(f"in mm: {depth.in_mm(figure)}", "  ", "     ")
        para(f"sample: {figure.sample.describe()}", "  ", "     ")
        if needle is not None:
            para(depth.check(figure, needle).text, "  > ", "    ")
    if chart.text_only:
        lines.append("")
        lines.append("Not drawn (no depth from the skin as numbers; text only):")
        for distance in chart.text_only:
            para(f"{distance.what}: {distance.figure} (sample: {distance.sample.describe()}) "
                 f"[{', '.join(distance.sources)}]", "  - ", "    ")
    return "\n".join(lines) + "\n"
