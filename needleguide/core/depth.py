"""Reported depths as figures to draw, and a needle-length check against them (issue 22).

Qt-free: the depth picture, its table, the printed sheet and ``needleguide depth`` all take
their content from here, so they say the same thing. Every sentence is generated from the
data, names the sample, and compares a needle's length with what one study reported; none
says that a depth is safe. A distance without numbers (``numbers:`` in the data) stays text
only and is not drawn; a distance cannot exist without its sample (the loader refuses it).

A chart is built from any list of distances with a title, so a region and (later) a muscle
card can each have one.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from needleguide.core.model import UNITS, Distance, NeedleCount, ReferenceData, Region, Sample

COMMON_LENGTHS = (13, 15, 25, 30, 40, 50, 60, 75)  # mm: the needle lengths offered first
MIN_NEEDLE, MAX_NEEDLE = 1, 150  # mm: what a typed needle length may be
CAVEAT = ("Each figure is a distance reported in one study sample, not your patient's depth "
          "and never a safe depth. A needle's length is compared as if inserted fully and "
          "straight; angle, position and body build change what it reaches.")


def mm(value: float) -> str:
    """A length in mm as a clinician writes it: 40, 7.3, 37."""
    return f"{round(value, 1):g}"


class DepthFigure(NamedTuple):
    """One reported distance with numbers, in mm, ready to draw."""

    what: str
    reaches: str
    subgroup: str
    figure: str               # as reported, with its own unit
    sample: Sample
    sources: tuple[str, ...]
    mean: float | None = None  # mm: the value or mean
    low: float | None = None   # mm: mean - SD or the range's low, else the value
    high: float | None = None
    spread: str = ""           # "mean ± SD", "range", "mean", "value"
    needles: tuple[NeedleCount, ...] = ()  # lengths in mm
    outcome: str = ""
    site: str = ""

    @property
    def sample_label(self) -> str:
        """The short sample line under the figure: "n = 62 patients in all, ultrasound" (who up
        to the first comma; the subgroup has its own line)."""
        who = re.split(r"[,;(]", self.sample.who, maxsplit=1)[0].strip()
        whole = " in all" if self.subgroup else ""  # the subgroup's own size may be unknown
        return f"n = {self.sample.n} {who}{whole}, {self.sample.method}"

    @property
    def deepest(self) -> float:
        return max([x for x in (self.high, self.mean) if x is not None]
                   + [n.length for n in self.needles] + [0.0])

    def count_at(self, length: float) -> NeedleCount | None:
        return next((n for n in self.needles if abs(n.length - length) < 1e-9), None)


class DepthChart(NamedTuple):
    """The figures to draw for one region (or muscle), and the distances left as text."""

    title: str
    figures: tuple[DepthFigure, ...]
    text_only: tuple[Distance, ...] = ()

    def scale_max(self, needle: float | None = None) -> float:
        """The depth the scale runs to (mm): past the deepest figure and the needle tip."""
        deepest = max([f.deepest for f in self.figures] + [needle or 0.0, 10.0])
        step = 10.0 if deepest <= 80 else 20.0
        return (int(deepest * 1.1 / step) + 1) * step


class Finding(NamedTuple):
    """What a needle length means against one figure, as one generated sentence."""

    figure: DepthFigure
    where: str   # "past", "within", "short of", "counted", "not tested"
    text: str
    needle: float = 0.0

    @property
    def short(self) -> str:
        """The few words the picture writes under the figure."""
        length = f"{mm(self.needle)} mm"
        if self.where == "counted":
            count = self.figure.count_at(self.needle)
            assert count is not None
            return f"{length}: {count.reached} of {count.of}"
        if self.where == "not tested":
            return f"{length}: not tested"
        band = {"mean ± SD": "mean ± SD", "range": "the range"}.get(self.figure.spread,
                                                                    f"the {self.figure.spread}")
        return f"{length}: {self.where} {band}"


def figure_of(distance: Distance) -> DepthFigure | None:
    """The distance as a figure to draw, or None when it has no numbers (text only)."""
    numbers = distance.numbers
    if numbers is None or distance.sample is None:
        return None
    scale = UNITS[numbers.unit]
    needles = tuple(NeedleCount(n.length * scale, n.reached, n.of) for n in numbers.needles)
    mean = low = high = None
    spread = ""
    if numbers.value is not None:
        mean = low = high = numbers.value * scale
        spread = "mean" if numbers.is_mean else "value"
        if numbers.sd is not None:
            low, high = max(0.0, mean - numbers.sd * scale), mean + numbers.sd * scale
            spread = "mean ± SD"
        elif numbers.low is not None and numbers.high is not None:
            low, high = numbers.low * scale, numbers.high * scale
            spread = "range"
    return DepthFigure(distance.what, numbers.reaches, numbers.subgroup, distance.figure,
                       distance.sample, distance.sources, mean, low, high, spread, needles,
                       numbers.outcome, numbers.site)


def chart(title: str, distances: Iterable[Distance]) -> DepthChart:
    figures: list[DepthFigure] = []
    text_only: list[Distance] = []
    for distance in distances:
        figure = figure_of(distance)
        if figure is None:
            text_only.append(distance)
        else:
            figures.append(figure)
    return DepthChart(title, tuple(figures), tuple(text_only))


def region_chart(region: Region) -> DepthChart:
    return chart(region.name, region.distances)


def regions_with_figures(data: ReferenceData) -> tuple[Region, ...]:
    return tuple(r for r in data.regions if any(d.numbers for d in r.distances))


def _who(sample: Sample) -> str:
    how = sample.method + (f", {sample.position}" if sample.position else "")
    return f"{sample.who} ({how})"


def _band(figure: DepthFigure) -> str:
    spread = (f"{figure.spread} {mm(figure.low or 0.0)}–{mm(figure.high or 0.0)} mm; "
              if figure.spread in ("mean ± SD", "range") else "")
    group = f" in the {figure.subgroup} group" if figure.subgroup else ""
    return (f"the reported skin-to-{figure.reaches} distance{group}, {figure.figure} "
            f"({spread}sample: {figure.sample.describe()})")


def check(figure: DepthFigure, needle: float) -> Finding:
    """Where a needle of ``needle`` mm lies against one figure, said from the data."""
    length = f"{mm(needle)} mm"
    if figure.needles:
        counted = figure.count_at(needle)
        if counted is not None:
            return Finding(figure, "counted",
                           f"{length}: {figure.outcome} in {counted.reached} of {counted.of} "
                           f"{_who(figure.sample)}.", needle)
        shorter = [n for n in figure.needles if n.length < needle]
        longer = [n for n in figure.needles if n.length > needle]
        near = ([shorter[-1]] if shorter else []) + ([longer[0]] if longer else [])
        said = ", ".join(f"{mm(n.length)} mm{' ' + figure.outcome if i == 0 else ''} in "
                         f"{n.reached} of {n.of}" for i, n in enumerate(near))
        tested = ", ".join(mm(n.length) for n in figure.needles)
        return Finding(figure, "not tested",
                       f"{length} was not tested in this study (tested: {tested} mm). "
                       f"Nearest: {said} {_who(figure.sample)}.", needle)
    assert figure.low is not None and figure.high is not None
    if needle > figure.high:
        where, edge = "past", ("" if figure.high == figure.low else
                               f", and past its upper end ({mm(figure.high)} mm)")
        text = f"{length} is longer than {_band(figure)}{edge}."
    elif needle >= figure.low and figure.high > figure.low:
        where = "within"
        text = f"{length} lies within {_band(figure)}."
    else:
        where = "short of"
        text = (f"{length} is shorter than {_band(figure)}"
                + ("." if figure.high == figure.low else
                   f"; a {figure.spread} band does not include every patient."))
    return Finding(figure, where, text, needle)


def needle_check(depth_chart: DepthChart, needle: float) -> tuple[Finding, ...]:
    return tuple(check(f, needle) for f in depth_chart.figures)


TABLE_HEADERS = ("Reported distance", "Reaches", "As reported", "In mm", "Sample",
                 "Needle check")


def in_mm(figure: DepthFigure) -> str:
    if figure.needles:
        return "; ".join(f"{mm(n.length)} mm: {n.reached} of {n.of}" for n in figure.needles)
    if figure.spread in ("mean ± SD", "range"):
        return f"{figure.spread} {mm(figure.low or 0.0)}–{mm(figure.high or 0.0)} mm, " \
               f"mean {mm(figure.mean or 0.0)} mm"
    return f"{mm(figure.mean or 0.0)} mm"


def table_rows(depth_chart: DepthChart, needle: float | None) -> list[tuple[str, ...]]:
    """The text alternative of the picture: one row per drawn figure."""
    rows: list[tuple[str, ...]] = []
    for figure in depth_chart.figures:
        finding = check(figure, needle).text if needle is not None else ""
        rows.append((figure.what, figure.reaches, figure.figure, in_mm(figure),
                     figure.sample.describe(), finding))
    return rows


def to_json(depth_chart: DepthChart, region_id: str, needle: float | None) -> dict[str, object]:
    return {
        "region": region_id,
        "name": depth_chart.title,
        "needle_mm": needle,
        "caveat": CAVEAT,
        "figures": [
            {"what": f.what, "site": f.site, "reaches": f.reaches, "subgroup": f.subgroup,
             "figure": f.figure, "mean_mm": f.mean, "low_mm": f.low, "high_mm": f.high,
             "spread": f.spread,
             "needles": [{"length_mm": n.length, "reached": n.reached, "of": n.of}
                         for n in f.needles],
             "outcome": f.outcome,
             "sample": f.sample._asdict(), "sources": list(f.sources),
             "check": (_check_json(check(f, needle)) if needle is not None else None)}
            for f in depth_chart.figures],
        "text_only": [{"what": d.what, "figure": d.figure, "sample": d.sample._asdict(),
                       "sources": list(d.sources)} for d in depth_chart.text_only],
    }


def _check_json(finding: Finding) -> dict[str, object]:
    return {"needle_mm": finding.needle, "where": finding.where, "text": finding.text,
            "short": finding.short}
