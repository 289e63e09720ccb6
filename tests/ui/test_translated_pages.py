"""The card's own words reach a translator (issue 16, item 5): headings, links, counts and
empty states of the page HTML go through Qt's translation functions, while the clinical
content from the data stays English."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from needleguide.core.card import build_card
from needleguide.core.model import EvidenceKind, ReferenceData, StructureKind
from needleguide.drawing import pages


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


@pytest.mark.usefixtures("marked")
def test_a_region_card_is_translated_around_english_clinical_content(
        ui_data: ReferenceData) -> None:
    region = ui_data.region("gluteal")
    html = str(pages.region_page(ui_data, region))
    text = plain(html)
    for word in ("pages|\u26a0 DANGER", "pages|Structures at risk", "pages|Nerves:",
                 "pages|Jump to:", "pages|Skip to my notes", "pages|read before every session",
                 "pages|Front of the body" if region.view.value == "front"
                 else "pages|Back of the body", "pages|Sources",
                 "pages|General safety / pre-treatment checklist"):
        assert word in text, word
    assert "PageWords|" in text  # the count of dangers in the glance strip
    assert 'title="pages|Source 1"' in html and 'title="pages|Fold pages|Cautions"' in html
    # the data's words are the data's: never handed to a translator
    assert region.name in text and f"|{region.name}" not in text
    caution = region.cautions[0].text
    assert caution in text and f"|{caution}" not in text
    assert f"pages|Data {ui_data.version}, updated {ui_data.updated.isoformat()}." in text


@pytest.mark.usefixtures("marked")
def test_cross_link_and_general_pages_are_translated(ui_data: ReferenceData) -> None:
    structure = next(iter(ui_data.structures))
    assert "PageWords|At risk in" in plain(pages.structure_page(ui_data, structure))
    condition = next(iter(ui_data.conditions))
    assert "pages|Regions needled for it (" in plain(
        pages.condition_page(ui_data, condition))
    assert "pages|Applies to every region." in plain(pages.checklist_page(ui_data))
    assert plain(pages.after_events_page(ui_data)).startswith("pages|Something went wrong")
    assert pages.checklist_title() == "pages|General safety / pre-treatment checklist"


def test_a_translation_is_escaped_like_data(qapp: QApplication, ui_data: ReferenceData) -> None:
    """A translation is text: markup in it is shown, never obeyed."""

    class Markup(QTranslator):
        def translate(self, context: str, source: str, disambiguation: str | None = None,
                      n: int = -1) -> str:
            return '<img src="file:///etc/passwd">' if source == "Applies to every region." \
                else ""

    translator = Markup(qapp)
    qapp.installTranslator(translator)
    try:
        html = str(pages.checklist_page(ui_data))
    finally:
        qapp.removeTranslator(translator)
    assert "<img" not in html and "&lt;img" in html


def test_every_heading_and_label_core_puts_on_a_card_is_offered_to_translators(
        ui_data: ReferenceData) -> None:
    """core (no Qt) makes section headings and kind labels; pages lists them for lupdate.
    A new one in core would stay English in every language."""
    shown = {text for region in ui_data.regions
             for section in build_card(ui_data, region).sections
             for text in (section.title, section.group) if text}
    labels = {kind.label for kind in StructureKind} | {kind.label for kind in EvidenceKind}
    assert shown | labels <= pages.CORE_WORDS, sorted((shown | labels) - pages.CORE_WORDS)


def test_english_pages_need_no_translation(ui_data: ReferenceData) -> None:
    """Without a translator the counts read as English: one danger, two dangers."""
    assert pages.words().dangers(1) == "1 danger"
    assert pages.words().dangers(2) == "2 dangers"
    assert pages.words().at_risk_in(1) == "At risk in 1 region"
    assert pages.words().at_risk_in(3) == "At risk in 3 regions"
    assert pages.words().folded(4) == "(4 folded)"
