"""Page HTML: order, marks, sources, escaping. Pure functions, no widgets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from needleguide.core.model import ReferenceData
from needleguide.drawing import pages

pytestmark = pytest.mark.usefixtures("qapp")  # QTextDocument lays out fonts


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_danger_comes_first_marked_with_icon_and_the_word(ui_data: ReferenceData) -> None:
    text = plain(pages.region_page(ui_data, ui_data.region("gluteal")))
    danger = text.index("\u26a0 DANGER")
    assert danger < text.index("Structures at risk") < text.index("Muscles needled here")
    assert text.index("Placeholder gluteal danger caution.") > danger


def test_card_sections_follow_the_card_order(ui_data: ReferenceData) -> None:
    text = plain(pages.region_page(ui_data, ui_data.region("gluteal")))
    text = text[text.index(pages.CHECKLIST_TITLE):]  # the sections, after the glance strip
    order = ["DANGER", "Structures at risk", "Nerves", "Sciatic nerve", "Vessels",
             "Muscles needled here", "Conditions needled for",
             "Reported distances (one study sample each; not a safe depth)",
             "Corrections to source claims", "Cautions", "WARNING", "INFO", "Sources"]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)


def test_the_card_says_plainly_where_it_corrects_a_source(ui_data: ReferenceData) -> None:
    text = plain(pages.region_page(ui_data, ui_data.region("gluteal")))
    assert "corrects claims made in a source" in text
    assert "The blog says the nerve is never at risk." in text
    assert "What the evidence says: The cadaver study found it within reach." in text


def test_every_item_links_to_its_numbered_sources(ui_data: ReferenceData) -> None:
    html = pages.region_page(ui_data, ui_data.region("gluteal"))
    assert '<a href="source:1"' in html and '<a name="source-1">' in html
    text = plain(html)
    assert ("[2] A cadaver study of test regions. 2019. PMID 123 (cadaver study; small sample; "
            "read: abstract)") in text
    assert "(clinic blog)" in text


def test_cross_links_use_internal_anchors(ui_data: ReferenceData) -> None:
    html = pages.region_page(ui_data, ui_data.region("gluteal"))
    assert 'href="structure:sciatic-nerve"' in html
    assert 'href="condition:piriformis-syndrome"' in html
    assert 'href="checklist:"' in html


def test_structure_page_lists_every_region_with_its_relation(ui_data: ReferenceData) -> None:
    text = plain(pages.structure_page(ui_data, "median-nerve"))
    assert "At risk in 2 regions" in text
    assert "Forearm \u2014 Placeholder relation of the median nerve in the forearm." in text
    assert "Upper back \u2014 Placeholder second region of the median nerve." in text


def test_condition_page_lists_the_regions_needled_for_it(ui_data: ReferenceData) -> None:
    text = plain(pages.condition_page(ui_data, "carpal-tunnel-syndrome"))
    assert "Forearm \u2014 Placeholder note on carpal tunnel syndrome." in text
    assert "Upper back \u2014 Placeholder second region for carpal tunnel." in text


def test_checklist_shows_sections_items_and_sources(ui_data: ReferenceData) -> None:
    text = plain(pages.checklist_page(ui_data))
    assert pages.CHECKLIST_TITLE in text
    assert text.index("Before you needle") < text.index("Afterwards")
    assert "\u26a0 DANGER" in text and "Placeholder aftercare item." in text
    assert "Sources" in text and "A guideline on test needling" in text


def test_checklist_without_safety_data_says_so(ui_data: ReferenceData) -> None:
    empty = ui_data._replace(safety=())
    text = plain(pages.checklist_page(empty))
    assert "has no general safety content yet" in text


def test_every_page_carries_the_data_version_and_disclaimer(ui_data: ReferenceData) -> None:
    for html in (pages.region_page(ui_data, ui_data.regions[0]),
                 pages.structure_page(ui_data, "sciatic-nerve"),
                 pages.condition_page(ui_data, "piriformis-syndrome"),
                 pages.checklist_page(ui_data)):
        text = plain(html)
        assert "Data ui-test-7, updated 2026-03-04" in text
        assert "supports, and does not replace, clinical judgement and training" in text


def test_data_text_is_escaped_not_interpreted(ui_data: ReferenceData) -> None:
    hostile = "<b>bold</b> <img src=file:///etc/passwd> & \"quotes\""
    region = ui_data.region("gluteal")
    changed = region._replace(name=hostile, summary=hostile)
    html = pages.region_page(ui_data, changed)
    assert "<img src=file" not in html and "<b>bold</b>" not in html
    assert plain(html).count(hostile) == 2


# -- "Something went wrong" (issue 14) -----------------------------------------------------------
def test_after_events_page_shows_sections_marks_and_sources(ui_data: ReferenceData) -> None:
    text = plain(pages.after_events_page(ui_data))
    assert pages.AFTER_EVENTS_TITLE in text and "Placeholder broken needle" in text
    assert text.index("\u26a0 DANGER") < text.index("Placeholder keep still <b>now</b>.")
    assert "Placeholder after-event info item." in text
    assert "Sources" in text and "A cadaver study of test regions" in text


def test_after_events_data_is_shown_literally(ui_data: ReferenceData) -> None:
    html = pages.after_events_page(ui_data)
    assert "<b>now</b>" not in html and "&lt;b&gt;now&lt;/b&gt;" in html


def test_after_events_page_without_data_says_so(ui_data: ReferenceData) -> None:
    text = plain(pages.after_events_page(ui_data._replace(after_events=())))
    assert "no after-event content" in text


def test_every_page_links_to_something_went_wrong(ui_data: ReferenceData) -> None:
    for html in (pages.region_page(ui_data, ui_data.regions[0]),
                 pages.structure_page(ui_data, "sciatic-nerve"),
                 pages.condition_page(ui_data, "piriformis-syndrome")):
        assert 'href="after-events:"' in html
        assert pages.AFTER_EVENTS_TITLE in plain(html)
