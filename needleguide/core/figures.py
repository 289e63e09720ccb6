"""Validate the ``numbers:`` of a reported distance (issue 22): a depth from the skin and/or
needle counts, each number with its unit, checked against the distance's own figure text.

Called by the loader with its checker, so every problem is located (``FILE:LINE:COL``). The
figure text stays what the card shows; the numbers must say the same thing: each number as
written appears in the figure text, and each needle count appears as ``40 mm: 1 of 15``. So a
number typed wrongly into one place and not the other is refused, never drawn.
"""

from __future__ import annotations

import re
from typing import Callable, Protocol

from needleguide.core.model import UNITS, Figures, NeedleCount, Sample
from needleguide.core.yamltree import Map, Node, Seq

MAX_MM = 500.0  # no reported depth from the skin is half a metre
_NUMBER = re.compile(r"[0-9]{1,4}(\.[0-9]{1,3})?")
FIELDS = ("reaches", "unit", "site", "subgroup", "value", "mean", "sd", "low", "high", "needles",
          "outcome")


class Checker(Protocol):
    def problem(self, node: Node, message: str) -> None: ...

    def fields(self, node: Node, what: str, required: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> dict[str, Node] | None: ...

    def text(self, node: Node | None, what: str) -> str: ...

    def integer(self, node: Node | None, what: str, low: int, high: int) -> int | None: ...


def _in_text(number: str, figure: str) -> bool:
    """``number`` appears in ``figure`` as a whole number (``2.1`` is not found in ``12.1``)."""
    return re.search(rf"(?<![0-9.]){re.escape(number)}(?![0-9]|\.[0-9])", figure) is not None


def figures(check: Checker, node: Node, what: str, figure: str,
            sample: Sample | None) -> Figures | None:
    """The numbers of distance ``what``, or None after reporting every problem, located."""
    label = f"the numbers of distance '{what}'"
    f = check.fields(node, label, ("reaches",), FIELDS[1:])
    if f is None:
        return None
    bad = 0

    def fail(at: Node, message: str) -> None:
        nonlocal bad
        bad += 1
        check.problem(at, message)

    reaches = check.text(f.get("reaches"), f"reaches of {label}")
    subgroup = check.text(f.get("subgroup"), f"subgroup of {label}")
    site = check.text(f.get("site"), f"site of {label}")
    outcome = check.text(f.get("outcome"), f"outcome of {label}")
    unit = check.text(f.get("unit"), f"unit of {label}")
    given = [k for k in ("value", "mean", "sd", "low", "high", "needles") if k in f]
    if not given:
        fail(node, f"{label} give no number; add value or mean (with unit), or needles")
    if "unit" not in f and given:
        fail(f[given[0]], f"a number without a unit in {label}; add unit: mm or cm")
    elif unit and unit not in UNITS:
        fail(f["unit"], f"unit of {label} must be mm or cm, not '{unit}'")
        unit = ""
    if sample is None:
        fail(node, f"{label} need the distance's sample (n, who, method): a number without "
                   "its sample is never drawn")

    def number(key: str, low: float = 0.0) -> float | None:
        at = f.get(key)
        if at is None:
            return None
        written = check.text(at, f"{key} of {label}")
        if not written:
            return None
        if not _NUMBER.fullmatch(written) or float(written) < low:
            fail(at, f"{key} of {label} should be a number such as 2.1, not '{written}'")
            return None
        if not _in_text(written, figure):
            fail(at, f"{key} {written} of {label} is not in its figure text ('{figure}'); "
                     "the numbers must say what the figure says")
        if unit and float(written) * UNITS[unit] > MAX_MM:
            fail(at, f"{key} {written} {unit} of {label} is more than {MAX_MM:g} mm from the "
                     "skin; check the unit")
        return float(written)

    if "value" in f and "mean" in f:
        fail(f["mean"], f"{label} give both value and mean; keep one")
    value = number("value") if "value" in f else number("mean")
    is_mean = "mean" in f and "value" not in f
    sd = number("sd")
    low, high = number("low"), number("high")
    if "sd" in f and not is_mean:
        fail(f["sd"], f"sd of {label} needs a mean (write mean: instead of value:)")
    if ("low" in f) != ("high" in f):
        fail(f.get("low") or f["high"], f"{label} need both low and high for a range")
    if low is not None and high is not None:
        if low > high:
            fail(f["low"], f"low of {label} is more than its high")
        elif value is not None and not low <= value <= high:
            fail(f["low"], f"range {low:g} to {high:g} of {label} does not hold its value")
    if ("low" in f or "sd" in f) and "value" not in f and "mean" not in f:
        fail(node, f"{label} give an SD or a range without a value or mean")
    needles: list[NeedleCount] = []
    if "needles" in f:
        if not outcome:
            fail(f["needles"], f"needles of {label} need an outcome, e.g. outcome: "
                               "\"reached the pleural space\"")
        needles = _needles(check, f["needles"], label, figure, unit, sample, fail)
    elif "outcome" in f:
        fail(f["outcome"], f"outcome of {label} is only for needle counts (needles:)")
    if bad or not reaches or not unit:
        return None
    return Figures(reaches, unit, subgroup, value, is_mean, sd, low, high,
                   tuple(sorted(needles)), outcome, site)


def _needles(check: Checker, node: Node, label: str, figure: str, unit: str,
             sample: Sample | None, report: Callable[[Node, str], None]) -> list[NeedleCount]:
    if not isinstance(node, Seq) or not node.items:
        report(node, f"needles of {label} should be a list of {{length, reached, of}}")
        return []
    out: list[NeedleCount] = []
    seen: set[float] = set()
    for item in node.items:
        g = check.fields(item, f"a needle count of {label}", ("length", "reached", "of"))
        if g is None or not isinstance(item, Map):
            report(item, f"a needle count of {label} is incomplete")
            continue
        length_text = check.text(g.get("length"), f"length of a needle count of {label}")
        of = check.integer(g.get("of"), f"of of a needle count of {label}", 1, 10_000_000)
        reached = check.integer(g.get("reached"), f"reached of a needle count of {label}", 0,
                                10_000_000)
        if not _NUMBER.fullmatch(length_text) or float(length_text) <= 0:
            report(g.get("length") or item, f"length of a needle count of {label} should be "
                                             f"a number such as 40, not '{length_text}'")
            continue
        if of is None or reached is None:
            report(item, f"a needle count of {label} needs whole numbers reached and of")
            continue
        length = float(length_text)
        where = g["length"]
        if length in seen:
            report(where, f"needle length {length_text} is counted twice in {label}")
        seen.add(length)
        if reached > of:
            report(g["reached"], f"{reached} of {of} in {label}: reached is more than of")
        if sample is not None and of > sample.n:
            report(g["of"], f"{reached} of {of} in {label}: more than the sample "
                            f"(n = {sample.n})")
        if unit and length * UNITS[unit] > MAX_MM:
            report(where, f"needle length {length_text} {unit} of {label} is implausible; "
                          "check the unit")
        said = f"{length_text} {unit}: {reached} of {of}"
        if unit and said not in figure:
            report(where, f"needle count '{said}' of {label} is not in its figure text "
                          f"('{figure}'); the numbers must say what the figure says")
        out.append(NeedleCount(length, reached, of))
    return out
