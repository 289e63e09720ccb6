"""Forgiving search over regions, structures, conditions, muscles and the user's notes.

Case-, accent- and punctuation-insensitive; every query word must match a word of the entry
exactly, as a prefix, or within a small edit distance ("siatic", "piriformus", "carpel tunnel").
Fuzzy comparison runs against the de-duplicated vocabulary, so typing stays fast on large data.
"""

from __future__ import annotations

from typing import NamedTuple
from typing import Iterable

from needleguide.core.model import ReferenceData
from needleguide.core.text import fold

SNIPPET_CHARS = 60  # how much of a matched note line a result quotes
KIND_ORDER = {"region": 0, "structure": 1, "condition": 2, "muscle": 3, "note": 4}


class Hit(NamedTuple):
    """One search result. ``target`` is the id to open (a region id for regions and muscles)."""

    kind: str  # region | structure | condition | muscle | note
    target: str
    label: str
    matched: str  # the name or synonym that matched, as written in the data
    score: float
    region: str = ""  # for muscles and notes: the region they belong to (its name)

    @property
    def explanation(self) -> str:
        """What the hit matched, in words: 'structure', 'muscle in Gluteal', 'synonym ...'."""
        what = f"{self.kind} in {self.region}" if self.region else self.kind
        if fold(self.matched) not in fold(self.label):  # a synonym, not part of the name
            quoted = " ".join(self.matched.split())
            if len(quoted) > SNIPPET_CHARS:
                quoted = quoted[:SNIPPET_CHARS - 1].rstrip() + "\u2026"
            return f"{what}, matched \u2018{quoted}\u2019"
        return what


class _Entry(NamedTuple):
    """One searchable name of something, folded into words."""

    kind: str
    target: str
    label: str
    text: str  # as written
    words: tuple[str, ...]  # folded
    region: str = ""


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up (returning limit + 1) beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


class SearchIndex:
    """Built once per data set; ``search`` is then cheap enough to run on every keystroke."""

    def __init__(self, data: ReferenceData, notes: dict[str, str] | None = None) -> None:
        self.entries: list[_Entry] = []
        for region in data.regions:
            self._add("region", region.id, region.name, (region.name, region.id, *region.synonyms))
            for muscle in region.muscles:
                self._add("muscle", region.id, muscle.name, (muscle.name,), region.name)
        for structure in data.structures.values():
            self._add("structure", structure.id, structure.name,
                      (structure.name, *structure.synonyms))
        for condition in data.conditions.values():
            self._add("condition", condition.id, condition.name,
                      (condition.name, *condition.synonyms))
        names = {r.id: r.name for r in data.regions}
        for region_id, text in (notes or {}).items():
            if region_id in names and text.strip():
                # One entry per line, so a hit quotes the line that matched, not the note.
                lines = [line for line in text.splitlines() if line.strip()]
                self._add("note", region_id, f"Your note on {names[region_id]}", lines,
                          names[region_id])
        self.vocabulary: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for word in set(entry.words):
                self.vocabulary.setdefault(word, []).append(index)

    def _add(self, kind: str, target: str, label: str, texts: Iterable[str],
             region: str = "") -> None:
        for text in texts:
            words = tuple(fold(text).split())
            if words:
                self.entries.append(_Entry(kind, target, label, text, words, region))

    def _word_scores(self, token: str) -> dict[str, float]:
        """Vocabulary words that the query token matches, with how well."""
        limit = _allowed_typos(token)
        scores: dict[str, float] = {}
        for word in self.vocabulary:
            if word == token:
                scores[word] = 1.0
            elif len(token) >= 2 and word.startswith(token):
                scores[word] = 0.9
            elif limit:
                distance = edit_distance(token, word, limit)
                factor = 1.0
                if distance > limit and len(word) > len(token):  # a typo in a typed prefix
                    factor = 0.9
                    distance = min(edit_distance(token, word[:n], limit)
                                   for n in (len(token) - 1, len(token), len(token) + 1))
                if distance <= limit:
                    scores[word] = (0.8 if distance == 1 else 0.65) * factor
        return scores

    def search(self, query: str, limit: int = 30) -> list[Hit]:
        tokens = fold(query).split()
        if not tokens:
            return []
        per_token = [self._word_scores(t) for t in tokens]
        candidates: set[int] | None = None
        for scores in per_token:
            found = {i for word in scores for i in self.vocabulary[word]}
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return []
        best: dict[tuple[str, str, str], Hit] = {}
        folded_query = " ".join(tokens)
        for index in candidates or ():
            entry = self.entries[index]
            total = 0.0
            for scores in per_token:
                total += max(scores.get(w, 0.0) for w in entry.words)
            score = total / len(tokens)
            phrase = " ".join(entry.words)
            if phrase == folded_query:
                score += 0.5
            elif phrase.startswith(folded_query):
                score += 0.2
            score -= 0.01 * max(0, len(entry.words) - len(tokens))  # prefer tighter matches
            key = (entry.kind, entry.target, entry.region)
            if key not in best or score > best[key].score:
                best[key] = Hit(entry.kind, entry.target, entry.label, entry.text, score,
                                entry.region)
        hits = sorted(best.values(),
                      key=lambda h: (-round(h.score, 6), KIND_ORDER[h.kind], h.label))
        return hits[:limit]
