"""The navigation model: one change per intent, whoever asked, and Back/Forward as in a
browser, each visit reopening at the scroll position it was left at."""

from __future__ import annotations

from needleguide.core.navigation import Navigator, Page, PageKind, Visit

PAGES = {Page(PageKind.REGION, "gluteal"), Page(PageKind.REGION, "neck"),
         Page(PageKind.STRUCTURE, "sciatic-nerve"), Page(PageKind.CHECKLIST)}


class Card:
    """Stands in for the card: what it was told to show and where it is scrolled."""

    def __init__(self) -> None:
        self.visits: list[Visit] = []
        self.scroll = 0


def navigator() -> tuple[Navigator, Card]:
    card = Card()
    nav = Navigator(PAGES.__contains__, lambda: card.scroll)
    nav.subscribe(card.visits.append)
    return nav, card


def test_each_intent_is_announced_once_and_repeating_it_changes_nothing() -> None:
    nav, card = navigator()
    assert nav.go(("region", "gluteal"))  # a plain pair, as read back from settings
    assert nav.go(Page(PageKind.REGION, "gluteal"))  # the map echoing the list: no change
    assert card.visits == [Visit(Page(PageKind.REGION, "gluteal"))]
    assert nav.current == ("region", "gluteal") and nav.current.kind is PageKind.REGION


def test_an_unknown_page_or_kind_is_refused_and_nothing_changes() -> None:
    nav, card = navigator()
    nav.go(("region", "neck"))
    assert not nav.go(("region", "no-such-region"))
    assert not nav.go(("recipe", "neck"))
    assert nav.current == ("region", "neck") and len(card.visits) == 1
    assert not nav.can_go_back()


def test_an_anchor_on_the_page_shown_is_announced_as_the_same_page() -> None:
    nav, card = navigator()
    nav.go(("region", "gluteal"))
    assert nav.go(("region", "gluteal"), "structure-sciatic-nerve")
    assert card.visits[-1] == Visit(Page(PageKind.REGION, "gluteal"),
                                    "structure-sciatic-nerve", same_page=True)
    assert not nav.can_go_back()  # marking an entry is not a visit


def test_back_and_forward_reopen_each_page_where_it_was_left() -> None:
    nav, card = navigator()
    nav.go(("region", "gluteal"))
    card.scroll = 420
    nav.go(("structure", "sciatic-nerve"))
    assert card.visits[-1].scroll is None  # a new visit opens at the top
    card.scroll = 80
    assert nav.back()
    assert card.visits[-1] == Visit(Page(PageKind.REGION, "gluteal"), scroll=420)
    assert nav.can_go_forward()
    card.scroll = 400
    assert nav.forward()
    assert card.visits[-1] == Visit(Page(PageKind.STRUCTURE, "sciatic-nerve"), scroll=80)
    assert not nav.forward() and len(card.visits) == 4


def test_a_new_visit_after_going_back_drops_the_forward_history() -> None:
    nav, _ = navigator()
    for page in (("region", "gluteal"), ("region", "neck"), ("checklist", "")):
        nav.go(page)
    nav.back()
    nav.back()
    nav.go(("structure", "sciatic-nerve"))
    assert not nav.can_go_forward()
    assert nav.back() and nav.current == ("region", "gluteal")
    assert not nav.back()


def test_every_listener_hears_every_change() -> None:
    nav, card = navigator()
    heard: list[Page] = []
    nav.subscribe(lambda visit: heard.append(visit.page))
    nav.go(("region", "neck"))
    nav.go(("checklist", ""))
    nav.back()
    assert heard == [v.page for v in card.visits] == [
        ("region", "neck"), ("checklist", ""), ("region", "neck")]
