"""What the search box searches: the data, the user's notes and the search vocabulary.

The data's part of the index is built once; the notes' part is rebuilt on each change of the
notes. The vocabulary beside the data file (else the shipped one) is read once; a broken one
is logged and search carries on without it (`needleguide check` says what is wrong)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from needleguide.core.model import ReferenceData

if TYPE_CHECKING:
    from needleguide.core.search import SearchIndex
    from needleguide.core.vocabulary import Vocabulary
    from needleguide.store.notes import NotesStore

log = logging.getLogger("needleguide")


class SearchSource:
    """Builds the search index on demand (the search box asks when it first needs one)."""

    def __init__(self, data: ReferenceData, notes: NotesStore) -> None:
        self._data = data
        self._notes = notes
        self._vocabulary: Vocabulary | None = None
        self._base: SearchIndex | None = None

    def index(self) -> SearchIndex:
        from needleguide.core.search import SearchIndex

        if self._base is None:  # the data's part is built once; notes on each change
            self._base = SearchIndex(self._data, self._notes.notes(), self.vocabulary())
            return self._base
        return self._base.with_notes(self._notes.notes())

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            from needleguide import paths
            from needleguide.core.errors import DataError
            from needleguide.core.vocabulary import Vocabulary, load_vocabulary

            try:
                self._vocabulary = load_vocabulary(
                    paths.vocabulary_file_for(self._data.path or paths.default_data_file()))
            except DataError as exc:
                log.error("Search vocabulary not used: %s", exc)
                self._vocabulary = Vocabulary()
        return self._vocabulary
