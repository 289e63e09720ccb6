"""Browser-like back/forward history of what the user looked at (Qt-free, so testable)."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class History(Generic[T]):
    def __init__(self, limit: int = 200) -> None:
        self._items: list[T] = []
        self._index = -1
        self._limit = limit

    @property
    def position(self) -> int:
        """Where in the history we are (-1 before the first visit): a key for per-visit state
        such as a scroll position."""
        return self._index

    @property
    def current(self) -> T | None:
        return self._items[self._index] if self._index >= 0 else None

    def visit(self, item: T) -> None:
        """Go to ``item``; forward history is dropped, as in a browser. Re-visits are ignored."""
        if item == self.current:
            return
        del self._items[self._index + 1:]
        self._items.append(item)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._items) - 1

    def back(self) -> T | None:
        if self.can_go_back():
            self._index -= 1
        return self.current

    def forward(self) -> T | None:
        if self.can_go_forward():
            self._index += 1
        return self.current
