"""Back/forward behave like a browser's."""

from needleguide.core.history import History


def test_back_and_forward_walk_the_visits():
    h: History[str] = History()
    for page in ("neck", "median-nerve", "forearm"):
        h.visit(page)
    assert h.back() == "median-nerve" and h.back() == "neck"
    assert not h.can_go_back() and h.back() == "neck"
    assert h.forward() == "median-nerve"


def test_a_new_visit_drops_the_forward_pages():
    h: History[str] = History()
    for page in ("a", "b", "c"):
        h.visit(page)
    h.back()
    h.back()
    h.visit("d")
    assert not h.can_go_forward()
    assert h.back() == "a"


def test_revisiting_the_current_page_adds_nothing():
    h: History[str] = History()
    h.visit("a")
    h.visit("a")
    assert not h.can_go_back()


def test_history_is_bounded():
    h: History[int] = History(limit=3)
    for i in range(10):
        h.visit(i)
    assert [h.back(), h.back(), h.back()] == [8, 7, 7]
