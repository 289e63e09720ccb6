"""Full-text search over every text the data holds, and the user's notes.

Case-, accent- and punctuation-insensitive. Every query word must match a word of the text:
exactly, as a prefix (while typing) or, only where the data has no word that the query word
equals or begins, within a small edit distance ("siatic", "piriformus", "carpel tunnel").
A typo never crosses between words the vocabulary marks as distinct (median/medial).

Ranking, best first: the query is a whole name or field; a name begins with it; it is an exact
phrase; all its words are exact; prefixes; typos. At equal match, names come before sentences
that mention them, and danger before warnings before the rest. The vocabulary
(``core.vocabulary``) leads words the data does not use ("warfarin", "short of breath") to the
text that does; topics the guide leaves out answer "Not covered in this guide".
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from typing import Iterable, Iterator, NamedTuple

from needleguide.core.navigation import NOTE_LINE
from needleguide.core.fields import Field, HitKind, data_fields
from needleguide.core.model import Level, ReferenceData, Structure
from needleguide.core.text import fold
from needleguide.core.vocabulary import Vocabulary

SNIPPET_CHARS = 60  # how much of a matched text a result quotes
# A muscle card comes before a region that has the muscle's name as a synonym: the card is
# the more precise answer to "piriformis".
K = HitKind
KIND_ORDER = {K.NOT_COVERED: -2, K.MUSCLE_CARD: -1, K.REGION: 0, K.STRUCTURE: 1, K.CONDITION: 2,
              K.MUSCLE: 3, K.CAUTION: 4, K.AFTER_EVENT: 5, K.CHECKLIST: 5, K.RELATION: 6,
              K.CONDITION_NOTE: 7, K.MUSCLE_NOTE: 8, K.APPROACH: 8, K.DISTANCE: 9,
              K.CORRECTION: 10, K.SUMMARY: 11, K.NOTE: 12, K.SOURCE: 13}
NO_MATCH = ("Nothing in this guide matched \u2018{query}\u2019. That does not mean there is no "
            "risk: check the pre-treatment checklist, the region\u2019s cautions and your "
            "professional body\u2019s guidance.")
NOT_COVERED_FOLLOW = ("Follow your professional body\u2019s guidance; this guide leaves it out "
                      "on purpose")
_LEVEL_RANK = {"danger": 0, "warning": 1}  # and 2 for the rest
# A term's own word before its other forms, at an otherwise equal match (a tie-break only).
_RANK_STEP = 0.001
_AFTER_NAMES = 3  # a structure linked by a harm: after the names (level rank 2) that match
_LEVEL_WORD = {"danger": "Danger caution", "warning": "Warning caution", "info": "Caution"}
_MARK = {"danger": "\u26a0 ", "warning": "\u25b2 "}
# tiers, best first
WHOLE, NAME_START, PHRASE, EXACT, PREFIX, FUZZY = 6, 5, 4, 3, 2, 1
NOT_COVERED_TIER = 7
SOURCE_RANK = KIND_ORDER[HitKind.SOURCE]
_NAME_KINDS = (K.REGION, K.STRUCTURE, K.CONDITION, K.MUSCLE, K.MUSCLE_CARD, K.NOT_COVERED,
               K.OFFER)
# A result is titled "Correction in Neck": searching the word of the title finds it, though
# the claim and the evidence it corrects never say "correction".
_TITLE_WORDS = {K.CORRECTION: frozenset({"correction", "corrections"})}
# Hits whose first line is their name (a page or a note), not where the match is.
_TITLED = (K.REGION, K.STRUCTURE, K.CONDITION, K.MUSCLE, K.MUSCLE_CARD, K.NOTE)


class Hit(NamedTuple):
    """One search result. ``target`` is the id of the page to open (``page``), ``anchor`` the
    entry on it; ``matched`` is the text that matched, as written in the data."""

    kind: HitKind
    target: str
    label: str
    matched: str
    score: float
    region: str = ""  # the region (or checklist section, or evidence kind) it belongs to
    page: tuple[str, str] = ("", "")
    anchor: str = ""
    level: str = ""  # danger | warning | info, for cautions and checklist items (and danger
    # for a structure found through the danger cautions about its harm)
    via: str = ""  # the vocabulary word that led here, e.g. "warfarin"
    means: str = ""  # ... and what the data calls it, e.g. "anticoagulant"
    tier: int = 0
    found: tuple[str, ...] = ()  # the words of the text that matched, query order
    apart: bool = False  # a name with all the query's words, but not as the phrase typed
    hazard: str = ""  # a structure found by the harm its danger cautions warn of: "pneumothorax"

    @property
    def where(self) -> str:
        """Where the match is, in words: 'Danger caution in Gluteal', 'Checklist: ...'."""
        kind, region = self.kind, self.region
        mark = _MARK.get(self.level, "")
        if kind == HitKind.CAUTION:
            return f"{mark}{_LEVEL_WORD.get(self.level, 'Caution')} in {region}"
        if kind == HitKind.CHECKLIST:
            return f"{mark}Checklist: {region}"
        if kind == HitKind.AFTER_EVENT:
            return f"{mark}Something went wrong: {region}"
        if kind == HitKind.RELATION and self.page[0] == "muscle":
            return f"{self.label}, on the {region} muscle card"
        if kind == HitKind.RELATION:
            return f"{self.label}, at risk in {region}"
        if kind == HitKind.CONDITION_NOTE:
            return f"{self.label}, needled in {region}"
        if kind == HitKind.MUSCLE_NOTE:
            return f"Muscle note in {region}: {self.label}"
        if kind == HitKind.APPROACH:
            return f"Needling approach: {region}"
        if kind == HitKind.DISTANCE:
            return f"Reported distance in {region}"
        if kind == HitKind.CORRECTION:
            return f"Correction in {region}"
        if kind == HitKind.SUMMARY:
            return f"Summary of {region}"
        if kind == HitKind.SOURCE:
            return f"Source ({region}): {_shorten(self.label)}"
        return f"{kind} in {region}" if region else kind

    @property
    def title(self) -> str:
        """The first line of a result: the name for names, where the match is for text."""
        if self.kind in _TITLED + (K.NOT_COVERED, K.OFFER):
            return self.label
        return self.where

    @property
    def explanation(self) -> str:
        """What the hit matched, in words: 'structure', 'muscle in Gluteal', a quote..."""
        if self.kind == HitKind.NOT_COVERED:  # the title says "Not covered in this guide: TOPIC"
            text = NOT_COVERED_FOLLOW
        elif self.kind == HitKind.OFFER:  # not a match: what to open when nothing matched
            text = self.matched
        elif self.kind in _TITLED:
            kind = "muscle card" if self.kind == HitKind.MUSCLE_CARD else self.kind
            what = f"{kind} in {self.region}" if self.region else kind
            if self.hazard:  # the lung, for "pneumothorax"
                text = (f"{what} at risk: the danger cautions about "
                        f"\u2018{self.hazard}\u2019 name it")
            elif self.apart:  # "femoral nerve" is not the posterior femoral cutaneous nerve
                text = (f"{what}; the words match, not the phrase "
                        f"\u2018{' '.join(self.found)}\u2019")
            elif fold(self.matched) not in fold(self.label):  # a synonym, not part of the name
                text = f"{what}, matched \u2018{_shorten(self.matched)}\u2019"
            else:
                text = what
        else:
            text = f"\u2018{_shorten(self.matched)}\u2019"
        if self.via:
            text += f" \u2014 found for \u2018{self.via}\u2019 as \u2018{self.means}\u2019"
        return text


def _shorten(text: str) -> str:
    quoted = " ".join(text.split())
    if len(quoted) > SNIPPET_CHARS:
        quoted = quoted[:SNIPPET_CHARS - 1].rstrip() + "\u2026"
    return quoted


# Not inside a word. (Ignoring case, a-z is A-Z too: mutating the case changes nothing.)
_WORD_START = r"(?<![0-9a-z])"  # pragma: no mutate


def snippet(text: str, words: Iterable[str]) -> str:
    """The part of ``text`` around the first of the (folded) ``words``, about one line."""
    for wanted in words:  # the first query word first: "median nerve" quotes "median"
        found = re.search(_WORD_START + re.escape(wanted), text, re.IGNORECASE)
        if found is not None:
            break
    else:
        return text
    start = found.start()
    if start < 25 or len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:start - 20].rfind(" ")
    return "\u2026" + text[cut + 1 if cut >= 0 else start:]


def _quoted(hit: Hit) -> Hit:
    """A text hit quotes the part of its text that matched (names are quoted whole)."""
    if hit.kind in _NAME_KINDS or hit.kind == HitKind.SOURCE:  # (snippet keeps a short text)
        return hit
    return hit._replace(matched=snippet(hit.matched, hit.found))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance up to ``limit``; beyond it, some value above
    ``limit`` (limit + 1 when it gives up early), so callers only compare with the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# Typos are matched in words up to this long only: the typo index holds every one-letter
# deletion of every word, so one 1 MB word in a note froze the app (10^6 strings of 1 MB).
MAX_TYPO_WORD = 40


def _allowed_typos(word: str) -> int:
    return 0 if len(word) < 4 or len(word) > MAX_TYPO_WORD else 1 if len(word) < 8 else 2


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class _Doc(NamedTuple):
    """One distinct folded text of one kind; the fields that hold it are its entries."""

    folded: str
    words: frozenset[str]
    length: int
    name: bool
    level_rank: int
    kind_rank: int
    entries: list[int]


class _Part:
    """The index of one set of texts: the data's, or the notes'. Identical texts of the same
    kind share one document, so the 100x data (and a note that repeats itself) score each
    text once."""

    def __init__(self, fields: Iterable[Field]) -> None:
        self.fields: list[Field] = []
        self.docs: list[_Doc] = []
        doc_of: dict[tuple[str, str, int, bool], int] = {}
        folded_of: dict[str, str] = {}
        for field in fields:
            folded = folded_of.get(field.text)
            if folded is None:
                folded = folded_of[field.text] = fold(field.text)
            if not folded:
                continue
            level = field.level.value if field.level is not None else ""
            key = (folded, field.kind, _LEVEL_RANK.get(level, 2), field.name)
            number = doc_of.get(key)
            if number is None:
                words = folded.split()
                number = doc_of[key] = len(self.docs)
                self.docs.append(_Doc(folded, frozenset(words) | _TITLE_WORDS.get(field.kind,
                                                                                  frozenset()),
                                      len(words), field.name, key[2], KIND_ORDER[field.kind], []))
            self.docs[number].entries.append(len(self.fields))
            self.fields.append(field)
        self.postings: dict[str, list[int]] = {}
        for number, doc in enumerate(self.docs):
            for word in doc.words:
                self.postings.setdefault(word, []).append(number)
        self.words = sorted(self.postings)
        self._by_deletion: dict[str, list[str]] | None = None

    @property
    def by_deletion(self) -> dict[str, list[str]]:
        """Words by each of their one-letter deletions, for typos: built on the first typo."""
        if self._by_deletion is None:
            self._by_deletion = {}
            for word in self.words:
                if 3 <= len(word) <= MAX_TYPO_WORD:
                    for variant in _deletions(word) | {word}:
                        self._by_deletion.setdefault(variant, []).append(word)
        return self._by_deletion

    def prefixed(self, token: str) -> Iterator[str]:
        at = bisect_left(self.words, token)
        while at < len(self.words) and self.words[at].startswith(token):
            yield self.words[at]
            at += 1


def _hazards(data: ReferenceData
             ) -> list[tuple[tuple[str, ...], tuple[Structure, ...], str]]:
    """The heading of each danger caution (its first sentence: the harm it warns of, such as
    "Pneumothorax." or "Nerve injury."), the structures its page lists at risk that the
    caution names (the data's own link from a harm to what it harms), and the caution."""
    pages = [(r.cautions, [item.structure for item in r.structures]) for r in data.regions]
    pages += [(m.cautions, [x.structure for x in m.relations if x.structure is not None])
              for m in data.muscles]
    out = []
    for cautions, at_risk in pages:
        for caution in cautions:
            if caution.level is not Level.DANGER:
                continue
            text = f" {fold(caution.text)} "
            named = tuple(s for s in at_risk
                          if any(f" {fold(name)} " in text for name in (s.name, *s.synonyms)))
            if named:
                heading = fold(caution.text.split(". ")[0]).split()
                out.append((tuple(heading), named, caution.text))
    return out


def _note_fields(data: ReferenceData, notes: dict[str, str] | None) -> Iterator[Field]:
    # Notes are keyed by region id, or by muscle id for a muscle card (the loader keeps the
    # two kinds of id apart).
    names = {r.id: ("region", r.name) for r in data.regions}
    names.update((m.id, ("muscle", m.name)) for m in data.muscles)
    for key, text in (notes or {}).items():
        if key in names and text.strip():
            kind, name = names[key]
            # One entry per line, so a hit quotes the line that matched, not the note.
            label = f"Your note on {name}"
            for number, line in enumerate(text.split("\n")):  # lines as the editor has them
                if line.strip():
                    yield Field(HitKind.NOTE, line, (kind, key), f"{NOTE_LINE}{number}", label,
                                name)


class SearchIndex:
    """Built once per data set; ``search`` is then cheap enough to run on every keystroke.
    When notes change, ``with_notes`` reuses the data's index and indexes only the notes."""

    def __init__(self, data: ReferenceData, notes: dict[str, str] | None = None,
                 vocabulary: Vocabulary | None = None, *, _data_part: _Part | None = None,
                 _hazards_of_data: list[tuple[tuple[str, ...], tuple[Structure, ...], str]]
                 | None = None) -> None:
        self.data = data
        self._data_part = _data_part or _Part(data_fields(data))
        self.parts = (self._data_part, _Part(_note_fields(data, notes)))
        self.vocabulary = vocabulary or Vocabulary()
        self._distinct: dict[str, set[str]] = {}
        for a, b in self.vocabulary.distinct:
            for x in fold(a).split():
                for y in fold(b).split():
                    self._distinct.setdefault(x, set()).add(y)
                    self._distinct.setdefault(y, set()).add(x)
        self._terms = {fold(w): (w, term.meanings) for term in self.vocabulary.terms
                       for w in term.words}
        self._not_covered = {fold(w): (w, topic.topic) for topic in self.vocabulary.not_covered
                             for w in topic.words}
        self._known = set(self._terms) | set(self._not_covered)
        self._token_cache: dict[str, dict[str, float]] = {}
        self._hazards = _hazards(data) if _hazards_of_data is None else _hazards_of_data

    def with_notes(self, notes: dict[str, str] | None) -> SearchIndex:
        """The same data and vocabulary with other notes: only the notes are indexed."""
        return SearchIndex(self.data, notes, self.vocabulary, _data_part=self._data_part,
                           _hazards_of_data=self._hazards)  # pragma: no mutate (speed only)

    def prepare_typos(self) -> None:
        """Build what typo matching needs now (idle time) rather than on the first typo."""
        for part in self.parts:
            part.by_deletion

    def _has(self, word: str) -> bool:
        return any(word in part.postings for part in self.parts)

    # -- matching words ------------------------------------------------------------------------
    def word_scores(self, token: str) -> dict[str, float]:
        """Words of the data that the query word matches, with how well (1 exact, 0.9 a
        prefix, 0.8 or 0.65 a typo)."""
        cached = self._token_cache.get(token)  # pragma: no mutate (speed only)
        if cached is not None:
            return cached
        blocked = self._distinct.get(token, set())
        # "ulna" is a whole word, not the start of "ulnar": no prefix is, or runs through, a
        # distinct partner, so "ulnaris" (beside the ulnar nerve) is not found for "ulna". A
        # typo cannot either: its candidates are at most one letter longer than the query word.
        through = tuple(b for b in blocked if b.startswith(token))
        scores: dict[str, float] = {}
        if self._has(token):
            scores[token] = 1.0
        if len(token) >= 2:
            for part in self.parts:
                for word in part.prefixed(token):
                    if word != token and not word.startswith(through):
                        scores[word] = 0.9
        if not scores and token not in self._known:
            scores = self._typos(token, blocked)
        # Memory only: the cache is emptied now and then; results are the same either way.
        if len(self._token_cache) > 2000:  # pragma: no mutate
            self._token_cache.clear()  # pragma: no mutate
        self._token_cache[token] = scores
        return scores

    def _typos(self, token: str, blocked: set[str]) -> dict[str, float]:
        limit = _allowed_typos(token)
        if not limit:
            return {}
        variants = _deletions(token) | {token}
        if limit == 2:
            variants |= {v for d in list(variants) for v in _deletions(d)}
        candidates = {w for part in self.parts for v in variants
                      for w in part.by_deletion.get(v, ())}
        found: dict[str, int] = {}
        for word in candidates:
            if word in blocked:
                continue
            distance = edit_distance(token, word, limit)
            if distance <= limit:
                found[word] = distance
        # Never cross a distinct pair: drop a word whose distinct partner is as close.
        for word in list(found):
            for partner in self._distinct.get(word, ()):
                if edit_distance(token, partner, limit) <= found[word]:
                    del found[word]
                    break
        return {w: 0.8 if d == 1 else 0.65 for w, d in found.items()}

    # -- searching -----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 30) -> list[Hit]:
        folded = fold(query)
        tokens = folded.split()
        if not tokens:
            return []
        folded = " ".join(tokens)
        hits = self._not_covered_hits(folded)
        if hits:  # "pregnant neck pain": the rest of the question is still answered
            rest = f" {folded} "
            for phrase in self._not_covered:
                rest = rest.replace(f" {phrase} ", " ")
            tokens = rest.split() or tokens
            folded = " ".join(tokens)
        ranked = self._ranked(tokens, limit)
        out = list(ranked)
        for via, means, expanded, rank in self._expansions(folded, tokens):
            for key, hit in self._ranked(expanded.split(), limit):
                # at most an exact match; the term's own `means` before its other forms
                capped = list(key)
                capped[0] = max(key[0], -EXACT)
                capped[4] += rank * _RANK_STEP
                out.append((tuple(capped), hit._replace(via=via, means=means,
                                                 tier=min(hit.tier, EXACT))))
        out.sort(key=lambda pair: pair[0])
        seen: set[tuple[str, tuple[str, str], str]] = set()
        for _, hit in out:  # one result per entry (a region's notes are one entry)
            ident = (hit.kind, hit.page, hit.anchor if hit.kind != HitKind.NOTE else "")
            if ident not in seen:
                seen.add(ident)
                hits.append(hit)
        return [_quoted(hit) for hit in hits[:limit]]

    def _expansions(self, folded: str, tokens: list[str]) -> list[tuple[str, str, str, int]]:
        """(typed word, what the data calls it, the query with it replaced, which of the
        term's meanings) for vocabulary words in the query; else for a vocabulary word the
        query begins or misspells."""
        found: list[tuple[str, str, str, int]] = []
        padded = f" {folded} "
        for phrase, (word, meanings) in self._terms.items():
            if f" {phrase} " in padded:
                found.extend((word, means, padded.replace(f" {phrase} ", f" {fold(means)} ")
                              .strip(), rank) for rank, means in enumerate(meanings))
        if found or len(tokens) != 1:
            return found
        token = tokens[0]
        if self._has(token):
            return found
        if len(token) >= 3:
            found = [(word, means, fold(means), rank)
                     for phrase, (word, meanings) in self._terms.items()
                     if phrase.startswith(token) for rank, means in enumerate(meanings)]
        if not found:
            limit = _allowed_typos(token)
            found = [(word, means, fold(means), rank)
                     for phrase, (word, meanings) in self._terms.items()
                     if limit and " " not in phrase and edit_distance(token, phrase, limit)
                     <= limit for rank, means in enumerate(meanings)]
        return found

    def _not_covered_hits(self, folded: str) -> list[Hit]:
        padded = f" {folded} "
        topics: dict[str, str] = {}
        for phrase, (word, topic) in self._not_covered.items():
            typed = len(folded) >= 4 and " " not in folded and phrase.startswith(folded)
            typo = (" " not in folded and len(folded) >= 5 and not self._has(folded)
                    and edit_distance(folded, phrase, _allowed_typos(folded))
                    <= _allowed_typos(folded))
            if f" {phrase} " in padded or typed or typo:
                topics.setdefault(topic, word)
        # (The score of this answer is never read: its tier puts it first.)
        return [Hit(HitKind.NOT_COVERED, "", f"Not covered in this guide: {topic}", word,
                    10.0,  # pragma: no mutate
                    page=("checklist", ""), tier=NOT_COVERED_TIER)
                for topic, word in topics.items()]

    def _ranked(self, tokens: list[str], limit: int) -> list[tuple[tuple[float, ...], Hit]]:
        per_token = [self.word_scores(t) for t in tokens]
        if not all(per_token):
            return []
        out: list[tuple[tuple[float, ...], Hit]] = []
        for part in self.parts:
            out.extend(self._ranked_in(part, tokens, per_token, limit))
        out.extend(self._at_risk(per_token))
        out.sort(key=lambda pair: pair[0])
        return out[:limit]

    def _at_risk(self, per_token: list[dict[str, float]]
                 ) -> list[tuple[tuple[float, ...], Hit]]:
        """The structures that danger cautions about the query's harm name ("pneumothorax"
        finds the lung and pleura): after the names that match, before the sentences."""
        out: list[tuple[tuple[float, ...], Hit]] = []
        seen: set[str] = set()
        for heading, named, caution in self._hazards:  # the query is the whole heading
            if len(heading) != len(per_token) or \
                    not all(w in s for w, s in zip(heading, per_token)):
                continue
            worst = min(s[w] for w, s in zip(heading, per_token))
            tier = PHRASE if worst == 1.0 else PREFIX if worst >= 0.9 else FUZZY
            hazard = " ".join(heading)
            for structure in named:
                if structure.id not in seen:
                    seen.add(structure.id)
                    key = (-tier, -1, _AFTER_NAMES, -worst, len(out))
                    out.append((key, Hit(K.STRUCTURE, structure.id, structure.name, caution,
                                         worst, page=("structure", structure.id),
                                         level=Level.DANGER.value, tier=tier, hazard=hazard)))
        return out

    def _ranked_in(self, part: _Part, tokens: list[str],
                   per_token: list[dict[str, float]], limit: int
                   ) -> list[tuple[tuple[float, ...], Hit]]:
        # Start from the query word with the fewest documents; check the others per document.
        # (Speed only: any order of the query words gives the same results.)
        sizes = [sum(len(part.postings.get(w, ())) for w in s)  # pragma: no mutate
                 for s in per_token]
        order = sorted(range(len(tokens)), key=sizes.__getitem__)  # pragma: no mutate
        first = per_token[order[0]]
        best: dict[int, float] = {}
        for word, score in first.items():  # a document counts its best word ("alpha alphabet")
            for number in part.postings.get(word, ()):
                best[number] = max(score, best.get(number, 0.0))
        totals = dict(best)
        quality = {d: s for d, s in best.items()}
        for position in order[1:]:
            scores = per_token[position]
            keep: dict[int, float] = {}
            for number in totals:
                words = part.docs[number].words
                # Speed only: both ways find the same best score of the word in the document.
                if len(words) < len(scores):  # pragma: no mutate
                    matched = [scores[w] for w in words if w in scores]
                else:
                    matched = [s for w, s in scores.items() if w in words]
                if matched:
                    keep[number] = max(matched)
            totals = {d: totals[d] + s for d, s in keep.items()}
            quality = {d: min(quality[d], s) for d, s in keep.items()}
        query = " ".join(tokens)
        keyed = []
        for doc_number, total in totals.items():
            doc = part.docs[doc_number]
            worst = quality[doc_number]
            if worst == 1.0:
                if doc.folded == query:
                    tier = WHOLE
                elif len(tokens) == 1 or f" {query} " in f" {doc.folded} ":
                    tier = PHRASE
                else:
                    tier = EXACT
            elif worst >= 0.9:
                tier = NAME_START if doc.name and doc.folded.startswith(query) else PREFIX
            else:
                tier = FUZZY
            if doc.kind_rank == SOURCE_RANK:  # a source's title is not the answer itself
                tier = min(tier, EXACT)
            # Float noise only (0.9 + 0.9 + 0.9): 6 or 7 digits give the same order.
            score = round(total, 6)  # pragma: no mutate
            # (A note's kind ranks after every kind of the guide's text: no part number needed.)
            keyed.append(((-tier, -doc.name, doc.level_rank, doc.kind_rank == SOURCE_RANK,
                           -score, doc.length, doc.kind_rank, doc_number), doc_number, tier))
        out: list[tuple[tuple[float, ...], Hit]] = []
        # Speed only: _ranked keeps the best `limit` of all parts anyway.
        for key, doc_number, tier in heapq.nsmallest(limit, keyed):  # pragma: no mutate
            for entry in part.docs[doc_number].entries:
                if len(out) >= limit:  # pragma: no mutate
                    return out
                words = part.docs[doc_number].words
                found = tuple(max((w for w in words if w in scores), key=scores.__getitem__)
                              for scores in per_token if any(w in scores for w in words))
                # (one word of a name is always "in" it: only a phrase can be apart)
                apart = (part.docs[doc_number].name
                         and f" {' '.join(found)} " not in f" {part.docs[doc_number].folded} ")
                out.append((key + (entry,), self._hit(part.fields[entry], tier, key[4], found,
                                                      apart)))
        return out

    def _hit(self, field: Field, tier: int, score: float, found: tuple[str, ...],
             apart: bool) -> Hit:
        matched = field.text
        return Hit(field.kind, field.page[1], field.label, matched, -score, field.where, field.page,
                   field.anchor, field.level.value if field.level is not None else "",
                   tier=tier, found=found, apart=apart)
