"""Every searchable text has its anchor on the page a result opens, so every result can be
scrolled to and marked."""

from __future__ import annotations

from needleguide import paths
from needleguide.core.fields import data_fields
from needleguide.core.loader import load
from needleguide.drawing import pages
from needleguide.drawing.muscle_page import muscle_page


def test_every_field_anchor_is_on_the_page_it_opens() -> None:
    data = load(paths.default_data_file())
    html: dict[tuple[str, str], str] = {}
    for field in data_fields(data):
        if not field.anchor:
            continue
        kind, ident = field.page
        if field.page not in html:
            html[field.page] = (pages.region_page(data, data.region(ident)) if kind == "region"
                                else muscle_page(data, data.muscle(ident)) if kind == "muscle"
                                else pages.after_events_page(data) if kind == "after-events"
                                else pages.checklist_page(data))
        assert f'name="{field.anchor}"' in html[field.page], field


def test_what_to_do_after_an_event_is_found_by_search() -> None:
    """The after-event page was added with no search entry: "broken needle" found nothing."""
    from needleguide.core.search import SearchIndex
    data = load(paths.default_data_file())
    index = SearchIndex(data)
    for query in ("broken needle", "suspected pneumothorax", "retained needle"):
        best = index.search(query)[0]
        assert best.page == ("after-events", "") and best.kind == "after-event", query
        assert best.where.startswith("Something went wrong: "), best.where
