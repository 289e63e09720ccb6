"""Markup in the data never reaches a page as markup (issue 19): every string of the shipped
data gets tags, a file: image, an entity and quotes appended; every page kind, the search
results' tooltips and every printed sheet (the PDFs' source HTML) show it as text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt

from needleguide import checklist_sheet, depth_sheet, muscle_sheet, paths, sheet
from needleguide.core.loader import load_text
from needleguide.core.model import ReferenceData
from needleguide.core.search import SearchIndex
from needleguide.drawing import pages
from needleguide.drawing.muscle_page import muscle_page
from needleguide.ui.search_box import SearchResultsModel

PAYLOAD = "<b>x</b><img src=file:///etc/passwd>&amp;\"'"
SHOWN = "&lt;b&gt;x&lt;/b&gt;&lt;img src=file:///etc/passwd&gt;&amp;amp;&quot;&#x27;"
# Keys whose values are ids, enumerations, numbers or references: the loader checks their
# form, so they cannot carry markup (and never reach a page unescaped either).
NOT_TEXT = {"id", "kind", "level", "view", "structure", "condition", "claimed_by", "sources",
            "regions", "muscle", "position", "updated", "year", "doi", "pmid", "url", "n",
            "read", "shape", "region", "numbers"}
PRINTED = dt.date(2026, 12, 1)


def _marked(node: Any, key: str = "") -> Any:
    records = isinstance(node, dict) or (isinstance(node, list)
                                         and any(isinstance(v, dict) for v in node))
    if key in NOT_TEXT and not (records and key != "numbers"):  # "regions:" holds records
        return node
    if isinstance(node, dict):
        return {k: _marked(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_marked(v, key) for v in node]
    return f"{node} {PAYLOAD}" if isinstance(node, str) else node


@pytest.fixture(scope="module")
def marked() -> ReferenceData:
    tree = yaml.safe_load(paths.default_data_file().read_text(encoding="utf-8"))
    return load_text(yaml.safe_dump(_marked(tree), allow_unicode=True, sort_keys=False))


def _everything(data: ReferenceData) -> dict[str, str]:
    """Every HTML the app and the sheets make from the data, by what it is."""
    out: dict[str, str] = {"checklist": pages.checklist_page(data),
                           "after-events": pages.after_events_page(data),
                           "checklist sheet": checklist_sheet.build_checklist_html(data, PRINTED)}
    for region in data.regions:
        out[f"region {region.id}"] = pages.region_page(data, region)
        out[f"region list tooltip {region.id}"] = pages.tooltip(region.summary or region.name)
        for group in sheet.style_groups():
            for style in group:
                out[f"sheet {region.id} {style}"] = sheet.build_sheet_html(
                    data, region, notes=f"note {PAYLOAD}", printed=PRINTED, style=style)
        out[f"depth page {region.id}"] = depth_sheet.depth_page_html(data, region, 40.0,
                                                                     PRINTED)
    for structure_id in data.structures:
        out[f"structure {structure_id}"] = pages.structure_page(data, structure_id)
    for condition_id in data.conditions:
        out[f"condition {condition_id}"] = pages.condition_page(data, condition_id)
    for muscle in data.muscles:
        out[f"muscle {muscle.id}"] = muscle_page(data, muscle)
        out[f"muscle sheet {muscle.id}"] = muscle_sheet.muscle_sheet_html(
            data, muscle, notes=f"note {PAYLOAD}", printed=PRINTED)
    model = SearchResultsModel()
    index = SearchIndex(data)
    for query in ("passwd", "img", "nerve", "danger", "source"):
        model.set_hits(index.search(query))
        for row in range(model.rowCount()):
            tip = model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)
            out[f"search tooltip {query} {row}"] = tip
    return out


def test_no_markup_from_the_data_reaches_any_page_tooltip_or_sheet(qapp, marked) -> None:
    rendered = _everything(marked)
    assert len(rendered) > 400
    leaked = [what for what, html in rendered.items()
              if "<b>x</b>" in html or "<img src=file" in html or "&amp;\"" in html]
    assert not leaked, f"data markup reached: {leaked[:10]}"
    shown = [what for what, html in rendered.items() if SHOWN in html]
    assert len(shown) == len(rendered), [w for w in rendered if w not in shown][:10]
