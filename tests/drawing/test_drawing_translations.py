"""Ready for translators (issue 16, item 5): the words the depth picture and the muscle card
draw around the data reach Qt's translator, under the context lupdate extracts them with; the
data's own words never do (clinical content stays as written); and a translation is shown as
text on the card, never run as markup."""

from __future__ import annotations

from typing import Iterator

import pytest
from PySide6.QtCore import QRectF, QSize, QTranslator
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from needleguide import paths
from needleguide.core import depth
from needleguide.core.loader import load
from needleguide.core.muscle_card import build_muscle_card
from needleguide.drawing.depth_paint import colours_for, paint_depth
from needleguide.drawing.muscle_page import muscle_page

DATA = load(paths.default_data_file())
CONTEXTS = ("depth_paint", "muscle_page")


class _Marker(QTranslator):
    """Translates the drawing contexts as 'T[source]' (placeholders kept); others unchanged."""

    def __init__(self, parent: QApplication, wrap: str = "T[{}]") -> None:
        super().__init__(parent)
        self.wrap = wrap

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return self.wrap.format(source) if context in CONTEXTS else source


@pytest.fixture
def marker(qapp: QApplication) -> Iterator[_Marker]:
    translator = _Marker(qapp)
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def _drawn(chart: depth.DepthChart, needle: float | None) -> list[str]:
    image = QImage(1000, 600, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        return paint_depth(painter, QRectF(0, 0, 1000, 600), chart, needle,
                           colours_for(QPalette()))
    finally:
        painter.end()


def test_the_depth_pictures_own_words_are_translated_and_its_data_is_not(marker):
    neck = depth.region_chart(DATA.region("neck"))
    drawn = _drawn(neck, 40)
    assert drawn[0] == f"T[{neck.title}: reported depths from the skin, needle T[40 mm]]"
    assert "T[skin 0]" in drawn and "T[10 mm]" in drawn
    assert "T[tip T[40 mm]]" in drawn
    counts = [f for f in neck.figures if f.needles]
    assert counts and "T[{} of {}]".format(counts[0].needles[0].reached,
                                           counts[0].needles[0].of) in drawn
    samples = {f.sample_label for f in neck.figures}
    assert samples <= set(drawn)  # the study's words, as the data has them
    upper = depth.region_chart(DATA.region("upper-back"))
    bands = [f for f in upper.figures if not f.needles]
    assert bands and f"T[to {bands[0].reaches}]" in _drawn(upper, None)


def test_a_depth_picture_with_nothing_to_draw_says_so_in_the_translation(marker):
    drawn = _drawn(depth.DepthChart("Gluteal", ()), None)
    assert drawn == ["T[Gluteal: reported depths from the skin]",
                     "T[No reported distance here gives a depth from the skin as numbers.]"]


def test_the_muscle_cards_own_words_are_translated_around_its_links(marker):
    muscle = DATA.muscle("upper-trapezius")
    html = muscle_page(DATA, muscle)
    first = build_muscle_card(DATA, muscle).regions[0]
    assert f'T[Muscle card \u00b7 region: <a href="region:{first.id}">' in html
    assert "T[Open the region for everything else at risk there" in html
    assert f"<h1>{muscle.name}</h1>" in html  # the data's name, untranslated
    if muscle.synonyms:
        assert "T[\u00b7 also: " in html


def test_a_translation_is_shown_as_text_never_as_markup(marker):
    marker.wrap = "<img src=file:///etc/passwd>{}"
    html = muscle_page(DATA, DATA.muscle("upper-trapezius"))
    assert "<img src=file" not in html
    assert "&lt;img src=file:///etc/passwd&gt;Muscle card" in html
    assert 'href="region:' in html  # the region links survive the translation


def test_a_translation_that_loses_the_region_field_keeps_the_links(marker):
    marker.wrap = "Muskelkarte"
    html = muscle_page(DATA, DATA.muscle("upper-trapezius"))
    assert "Muskelkarte" in html and 'href="region:' in html
