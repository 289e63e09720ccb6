"""The card view keeps laid-out pages for instant revisits; it must never show a stale one."""

from __future__ import annotations

from needleguide.core.safe_html import SafeHtml, markup

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QPalette

from needleguide.drawing.pages import Theme
from needleguide.ui.card_view import CACHED_PAGES, Builder, CardView


def page(text: str):  # type: ignore[no-untyped-def]
    return lambda theme: f'<p style="color: {theme.text}">{text}</p>'


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def test_a_page_without_a_key_never_overwrites_a_kept_page(qtbot) -> None:
    view = CardView()
    qtbot.addWidget(view)
    view.show_page(page("Gluteal card"), key=("region", "gluteal"))
    view.show_page(page("Temporary page"))  # not kept
    assert view.toPlainText() == "Temporary page"
    view.show_page(page("Neck card"), key=("region", "neck"))
    view.show_page(page("Gluteal card"), key=("region", "gluteal"))
    assert view.toPlainText() == "Gluteal card"


def test_a_kept_page_revisited_after_a_palette_change_has_the_new_colours(qtbot) -> None:
    view = CardView()
    qtbot.addWidget(view)
    view.show_page(page("Gluteal card"), key=("region", "gluteal"))
    view.show_page(page("Neck card"), key=("region", "neck"))
    light = view.theme().text
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    view.setPalette(dark)
    flush_deletes()
    assert view.theme().text == "#e8eaed" != light
    assert "#e8eaed" in view.toHtml()
    view.show_page(page("Gluteal card"), key=("region", "gluteal"))
    assert view.toPlainText() == "Gluteal card"
    assert "#e8eaed" in view.toHtml() and light not in view.toHtml()


def test_evicting_old_pages_never_deletes_the_page_on_screen(qtbot) -> None:
    view = CardView()
    qtbot.addWidget(view)
    view.show()
    view.show_page(page("On screen"), key="first")
    view.prefetch((n, page(f"Page {n}")) for n in range(CACHED_PAGES))
    qtbot.waitUntil(lambda: view.has_page(CACHED_PAGES - 1))  # the last one: all laid out
    flush_deletes()
    assert view.toPlainText() == "On screen"  # the document is alive and unchanged


def test_the_next_region_card_is_laid_out_before_the_user_arrows_to_it(qtbot, window) -> None:
    """After a region opens, its list neighbours are prepared in idle time."""
    regions = [r.id for r in window.data.regions]
    window.show_region(regions[0])
    qtbot.waitUntil(lambda: window.card_view.has_page(("region", regions[1])))


def test_the_latest_prefetch_request_is_served_first(qtbot) -> None:
    view = CardView()
    qtbot.addWidget(view)
    built: list[int] = []

    def recording(n: int) -> Builder:
        def build(theme: Theme) -> SafeHtml:
            built.append(n)
            return markup("<p>page {}</p>", n)
        return build

    view.prefetch((("p", n), recording(n)) for n in range(10))
    view.prefetch([(("p", 7), recording(7))])
    qtbot.waitUntil(lambda: len(built) == 10)
    assert built[0] == 7 and sorted(built) == list(range(10))  # each laid out once
