"""Every searchable text has its anchor on the page a result opens, so every result can be
scrolled to and marked."""

from __future__ import annotations

from needleguide import paths
from needleguide.core.fields import data_fields
from needleguide.core.loader import load
from needleguide.ui import pages


def test_every_field_anchor_is_on_the_page_it_opens() -> None:
    data = load(paths.default_data_file())
    html: dict[tuple[str, str], str] = {}
    for field in data_fields(data):
        if not field.anchor:
            continue
        kind, ident = field.page
        if field.page not in html:
            html[field.page] = (pages.region_page(data, data.region(ident)) if kind == "region"
                                else pages.checklist_page(data))
        assert f'name="{field.anchor}"' in html[field.page], field
