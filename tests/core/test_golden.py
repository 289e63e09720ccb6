"""Golden files for what a clinician sees on the shipped data: the ordered top results of real
clinical queries, and the study questions a region offers, per kind.

A change in ranking or in the question set fails with a diff of the golden file. If the change
is intended, read the diff as a clinician would, then rewrite the files with
    NEEDLEGUIDE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/core/test_golden.py
and commit them with the change.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from pathlib import Path

import pytest

from needleguide import paths
from needleguide.core import study
from needleguide.core.loader import load
from needleguide.core.model import ReferenceData
from needleguide.core.search import SearchIndex
from needleguide.core.vocabulary import load_vocabulary

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NEEDLEGUIDE_UPDATE_GOLDEN") == "1"
TOP = 5
QUERIES = [
    "sciatic", "siatic",            # a typo finds the same nerve
    "lung", "pleura", "pneumothorax",
    "median nerve", "medain nerve",  # transposed letters
    "brachial plexus", "ulnar", "radial nerve", "vertebral artery",
    "femoral nerve",  # not in the data: the posterior femoral cutaneous nerve, "not the phrase"
    "ulna", "fibula",  # bones, one letter from a nerve: a distinct pair, never the nerve
    "warfarin",        # the vocabulary leads to what the data calls it (anticoagulant)
]
STUDY_REGION = "neck"


@pytest.fixture(scope="module")
def shipped() -> ReferenceData:
    return load(paths.default_data_file())


@pytest.fixture(scope="module")
def index(shipped: ReferenceData) -> SearchIndex:
    """As the app searches: the shipped data with the shipped vocabulary."""
    vocabulary = load_vocabulary(paths.vocabulary_file_for(paths.default_data_file()), shipped)
    return SearchIndex(shipped, vocabulary=vocabulary)


def matches_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            text.splitlines(keepends=True),
                                            f"tests/golden/{name} (expected)", "now"))
        pytest.fail(f"{name} differs from the golden file; if intended, rerun with "
                    f"NEEDLEGUIDE_UPDATE_GOLDEN=1 and commit it:\n{diff}", pytrace=False)


def test_search_ranking_of_clinical_queries_is_pinned(index: SearchIndex) -> None:
    lines = [f"# Top {TOP} search results per query on data/regions.yaml "
             "(kind, page, label, where, what matched)"]
    for query in QUERIES:
        lines.append(f"\n## {query}")
        for n, hit in enumerate(index.search(query)[:TOP], 1):
            lines.append(f"{n}. {hit.kind} {hit.target or '-'} | {hit.label} | {hit.where} | "
                         f"{hit.matched[:70]}")
    matches_golden("search_ranking.txt", "\n".join(lines) + "\n")


def test_a_typo_finds_the_same_structure_first(index: SearchIndex) -> None:
    for typo, right in (("siatic", "sciatic"), ("medain nerve", "median nerve")):
        assert index.search(typo)[0][:2] == index.search(right)[0][:2]


def test_search_never_confuses_two_nerves(index: SearchIndex) -> None:
    """Typos are forgiven, but a query naming one nerve never puts another nerve first, and
    a bone one letter from a nerve (the vocabulary's distinct pairs) never finds the nerve."""
    for bone, nerve in (("ulna", "ulnar-nerve"), ("fibula", "common-fibular-nerve"),
                        ("radius", "radial-nerve"), ("medial", "median-nerve")):
        assert nerve not in {h.target for h in index.search(bone)}, bone
    for query, target in (("ulnar nerve", "ulnar-nerve"), ("radial nerve", "radial-nerve"),
                          ("median nerve", "median-nerve"), ("sciatic nerve", "sciatic-nerve"),
                          ("phrenic nerve", "phrenic-nerve")):
        structures = [h.target for h in index.search(query) if h.kind == "structure"]
        assert structures[:1] == [target], (query, structures)


def test_the_study_questions_of_a_region_are_pinned_per_kind(shipped: ReferenceData) -> None:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for question_id in study.question_ids(shipped):
        kind, region, subject = question_id.split(":", 2)
        if region == STUDY_REGION:
            by_kind[kind].append(subject)
    lines = [f"# Study questions on the {STUDY_REGION} region, per kind (question ids, in the "
             "data's order; a quiz draws from these)"]
    for kind in sorted(by_kind):
        lines.append(f"\n## {kind} ({len(by_kind[kind])})")
        lines.extend(by_kind[kind])
    matches_golden(f"study_questions_{STUDY_REGION}.txt", "\n".join(lines) + "\n")
