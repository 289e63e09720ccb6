"""What a valid data file becomes: every field of every section reaches the model, in the
order the file gives it, with the documented defaults for the optional ones.

The app, the sheets and the CLI show exactly what the loader builds: a field dropped, swapped
or defaulted wrongly here is a card that silently says something other than the file.
"""

from __future__ import annotations

import datetime as dt

from needleguide.core.loader import load_text
from needleguide.core.model import (Approach, Caution, Condition, Correction, Distance,
                                    EvidenceKind, Figures, Level, Muscle, MuscleCard,
                                    MuscleRelation, Position, ReferenceData, Region,
                                    RegionCondition, SafetyItem, SafetySection, Sample, Source,
                                    Structure, StructureAtRisk, StructureKind, View)

# Every optional field of every section is given (and some whitespace to fold), so each one
# must reach the model. Placeholder facts, not clinical content.
FULL = """\
version: "full-2"
updated: "2026-03-04"
after_events:
  - id: broken-needle
    title: Broken needle
    items:
      - text: Keep the patient still.
        sources: [STUDY1]
        level: danger
      - text: Note it down.
        sources: [STUDY1]
muscles:
  - id: test-muscle
    name: Test muscle
    synonyms: [TM, test belly]
    summary: A   muscle
      over the test nerve.
    regions: [upper-test, lower-test]
    relations:
      - position: beside
        text: A fascia beside it.
        sources: [STUDY1]
      - structure: test-nerve
        position: deep
        text: Runs under the test muscle.
        sources: [STUDY1, GUIDE1]
    distances:
      - what: Skin to nerve
        figure: "1.5 cm"
        sample: {n: 10, who: adults, method: ultrasound}
        sources: [STUDY1]
    approaches:
      - target: The muscle belly
        position: prone
        direction: toward the spine
        sources: [STUDY1]
      - target: The tendon
        sources: [GUIDE1]
    cautions:
      - level: info
        text: An info note on the muscle.
        sources: [STUDY1]
      - level: danger
        text: A danger note on the muscle.
        sources: [GUIDE1]
sources:
  - id: GUIDE1
    kind: guideline
    title: A guideline
    authors: Doe J
    published: "Journal of Tests. 2020;1(1):1-2"
    year: 2020
    doi: 10.1000/test
    pmid: "12345"
    url: https://example.org/guide
    read: abstract
    note: Only the abstract.
  - id: BLOG1
    kind: clinic-blog
    title: A clinic blog post
    read: full text
    url: https://example.org/blog
  - id: STUDY1
    kind: cadaver
    title: A cadaver study
    year: 1800
    pmid: "99"
    read: full text
structures:
  - id: test-nerve
    name: Test nerve
    kind: nerve
    synonyms: [probe nerve, TN]
  - id: test-lung
    name: Test lung
    kind: organ
  - id: test-artery
    name: Test artery
    kind: vessel
conditions:
  - id: test-syndrome
    name: Test syndrome
    synonyms: [TS]
  - id: other-pain
    name: Other pain
regions:
  - id: upper-test
    name: Upper test
    view: back
    synonyms: [top, upper]
    summary: The   upper
      test region.
    muscles:
      - name: Test muscle
        note: The main one.
        muscle: test-muscle
        sources: [GUIDE1]
      - name: Small muscle
        sources: [STUDY1, GUIDE1]
    structures:
      - structure: test-lung
        relation: Lies deep to the ribs.
        sources: [GUIDE1]
      - structure: test-nerve
        relation: Runs under the test muscle.
        sources: [STUDY1]
    conditions:
      - condition: test-syndrome
        note: Needled for it in one trial.
        sources: [GUIDE1, BLOG1]
      - condition: other-pain
        note: Also this.
        sources: [STUDY1]
    cautions:
      - level: info
        text: An info note.
        sources: [BLOG1]
      - level: warning
        text: A warning note.
        sources: [STUDY1]
      - level: danger
        text: A danger note.
        sources: [GUIDE1]
    distances:
      - what: Skin to rib
        figure: "2.1 ± 0.4 cm"
        sample: {n: 62, who: adults, method: ultrasound, position: prone}
        numbers: {reaches: rib, unit: cm, mean: "2.1", sd: "0.4"}
        sources: [GUIDE1]
      - what: Skin to lung
        figure: "3 cm"
        sample: {n: 10000000, who: everyone, method: CT}
        sources: [STUDY1]
    corrections:
      - claim: The blog says X.
        claimed_by: BLOG1
        evidence: The guideline says Y.
        sources: [GUIDE1, STUDY1]
  - id: lower-test
    name: Lower test
    view: front
    muscles:
      - name: Test muscle
        muscle: test-muscle
        sources: [GUIDE1]
    structures:
      - structure: test-nerve
        relation: Runs beside the other muscle.
        sources: [GUIDE1]
      - structure: test-artery
        relation: Runs beside the nerve.
        sources: [GUIDE1]
    conditions:
      - condition: test-syndrome
        note: Also needled for it.
        sources: [GUIDE1]
    cautions:
      - level: warning
        text: A warning note.
        sources: [GUIDE1]
safety:
  - id: screening
    title: Screening
    items:
      - text: Screen first.
        sources: [GUIDE1]
        level: warning
      - text: Ask about    anticoagulants.
        sources: [STUDY1, GUIDE1]
        level: info
  - id: consent
    title: Consent
    items:
      - text: Explain the risks.
        sources: [GUIDE1]
"""

GUIDE1 = Source("GUIDE1", EvidenceKind.GUIDELINE, "A guideline", authors="Doe J",
                published="Journal of Tests. 2020;1(1):1-2", year=2020, doi="10.1000/test",
                pmid="12345", url="https://example.org/guide", read="abstract",
                note="Only the abstract.")
BLOG1 = Source("BLOG1", EvidenceKind.CLINIC_BLOG, "A clinic blog post", read="full text",
               url="https://example.org/blog")
STUDY1 = Source("STUDY1", EvidenceKind.CADAVER, "A cadaver study", year=1800, pmid="99",
                read="full text")
NERVE = Structure("test-nerve", "Test nerve", StructureKind.NERVE, ("probe nerve", "TN"))
LUNG = Structure("test-lung", "Test lung", StructureKind.ORGAN)
ARTERY = Structure("test-artery", "Test artery", StructureKind.VESSEL)
SYNDROME = Condition("test-syndrome", "Test syndrome", ("TS",))
OTHER_PAIN = Condition("other-pain", "Other pain")

MUSCLE_CARD = MuscleCard(
    "test-muscle", "Test muscle", ("upper-test", "lower-test"),
    (MuscleRelation(Position.BESIDE, "A fascia beside it.", ("STUDY1",)),
     MuscleRelation(Position.DEEP, "Runs under the test muscle.", ("STUDY1", "GUIDE1"), NERVE)),
    ("TM", "test belly"), "A muscle over the test nerve.",
    (Distance("Skin to nerve", "1.5 cm", Sample(10, "adults", "ultrasound"), ("STUDY1",)),),
    (Approach("The muscle belly", ("STUDY1",), "prone", "toward the spine"),
     Approach("The tendon", ("GUIDE1",))),
    (Caution(Level.INFO, "An info note on the muscle.", ("STUDY1",)),
     Caution(Level.DANGER, "A danger note on the muscle.", ("GUIDE1",))))

UPPER = Region(
    "upper-test", "Upper test", View.BACK,
    (Muscle("Test muscle", ("GUIDE1",), "The main one.", "test-muscle"),
     Muscle("Small muscle", ("STUDY1", "GUIDE1"))),
    (StructureAtRisk(LUNG, "Lies deep to the ribs.", ("GUIDE1",)),
     StructureAtRisk(NERVE, "Runs under the test muscle.", ("STUDY1",))),
    (RegionCondition(SYNDROME, "Needled for it in one trial.", ("GUIDE1", "BLOG1")),
     RegionCondition(OTHER_PAIN, "Also this.", ("STUDY1",))),
    (Caution(Level.INFO, "An info note.", ("BLOG1",)),
     Caution(Level.WARNING, "A warning note.", ("STUDY1",)),
     Caution(Level.DANGER, "A danger note.", ("GUIDE1",))),
    ("top", "upper"), "The upper test region.",
    (Correction("The blog says X.", "BLOG1", "The guideline says Y.", ("GUIDE1", "STUDY1")),),
    (Distance("Skin to rib", "2.1 ± 0.4 cm", Sample(62, "adults", "ultrasound", "prone"),
              ("GUIDE1",), Figures("rib", "cm", value=2.1, is_mean=True, sd=0.4)),
     Distance("Skin to lung", "3 cm", Sample(10_000_000, "everyone", "CT"), ("STUDY1",))))

LOWER = Region(
    "lower-test", "Lower test", View.FRONT,
    (Muscle("Test muscle", ("GUIDE1",), "", "test-muscle"),),
    (StructureAtRisk(NERVE, "Runs beside the other muscle.", ("GUIDE1",)),
     StructureAtRisk(ARTERY, "Runs beside the nerve.", ("GUIDE1",))),
    (RegionCondition(SYNDROME, "Also needled for it.", ("GUIDE1",)),),
    (Caution(Level.WARNING, "A warning note.", ("GUIDE1",)),))


def test_every_field_of_a_full_file_reaches_the_model_in_file_order():
    data = load_text(FULL, "full.yaml")
    assert data == ReferenceData(
        version="full-2", updated=dt.date(2026, 3, 4),
        sources={"GUIDE1": GUIDE1, "BLOG1": BLOG1, "STUDY1": STUDY1},
        structures={"test-nerve": NERVE, "test-lung": LUNG, "test-artery": ARTERY},
        conditions={"test-syndrome": SYNDROME, "other-pain": OTHER_PAIN},
        regions=(UPPER, LOWER),
        safety=(SafetySection("screening", "Screening", (
                    SafetyItem("Screen first.", ("GUIDE1",), Level.WARNING),
                    SafetyItem("Ask about anticoagulants.", ("STUDY1", "GUIDE1"), Level.INFO))),
                SafetySection("consent", "Consent", (
                    SafetyItem("Explain the risks.", ("GUIDE1",), Level.INFO),))),
        path="full.yaml",
        region_locations={"upper-test": (line_of("  - id: upper-test"), 9),
                          "lower-test": (line_of("  - id: lower-test"), 9)},
        after_events=(SafetySection("broken-needle", "Broken needle", (
            SafetyItem("Keep the patient still.", ("STUDY1",), Level.DANGER),
            SafetyItem("Note it down.", ("STUDY1",), Level.INFO))),),
        muscles=(MUSCLE_CARD,))
    # the dictionaries keep the file's order too (lists and menus are built from them)
    assert list(data.sources) == ["GUIDE1", "BLOG1", "STUDY1"]
    assert list(data.structures) == ["test-nerve", "test-lung", "test-artery"]
    assert list(data.conditions) == ["test-syndrome", "other-pain"]


def line_of(needle: str) -> int:
    return FULL.splitlines().index(needle) + 1


def test_cautions_read_most_serious_first_and_a_card_lists_the_deepest_structure_first():
    data = load_text(FULL, "full.yaml")
    assert [c.text for c in data.region("upper-test").cautions_by_severity] == [
        "A danger note.", "A warning note.", "An info note."]
    card = data.muscle("test-muscle")
    assert [c.level for c in card.cautions_by_severity] == [Level.DANGER, Level.INFO]
    assert card.at_risk == (NERVE,)


def test_sections_load_wherever_they_stand_in_the_file():
    """Regions refer to sources, structures, conditions and muscle cards: these may come after
    the regions in the file (and muscle cards after the regions naming them)."""
    head, rest = FULL.split("sources:\n", 1)
    refs, regions = rest.split("regions:\n", 1)
    regions, safety = regions.split("safety:\n", 1)
    cards, sources_etc = head.split("muscles:\n", 1)
    reordered = ("regions:\n" + regions + "safety:\n" + safety + "sources:\n" + refs +
                 "muscles:\n" + sources_etc.split("sources:\n")[0] + cards)
    data = load_text(reordered, "full.yaml")
    assert data.regions[0] == UPPER
    assert data.muscles == (MUSCLE_CARD,)


def test_optional_sections_default_to_empty():
    text = FULL.split("after_events:\n", 1)[0] + "sources:\n" + FULL.split(
        "\nsources:\n", 1)[1].split("safety:\n", 1)[0]
    text = text.replace("        muscle: test-muscle\n", "")
    data = load_text(text, "bare.yaml")
    assert (data.safety, data.after_events, data.muscles) == ((), (), ())
    assert [m.muscle for m in data.region("upper-test").muscles] == ["", ""]


def test_optional_region_fields_default_to_empty():
    text = FULL.replace("    synonyms: [top, upper]\n    summary: The   upper\n"
                        "      test region.\n", "")
    start = text.index("    distances:\n      - what: Skin to rib")
    end = text.index("  - id: lower-test")
    data = load_text(text[:start] + text[end:], "f.yaml")
    upper = data.region("upper-test")
    assert (upper.synonyms, upper.summary, upper.corrections, upper.distances) == \
        ((), "", (), ())


def test_empty_optional_lists_are_allowed_where_documented(minimal_text):
    """muscles:, safety:, after_events:, a region's synonyms, corrections and distances, and a
    card's distances, approaches and cautions may be empty lists."""
    text = minimal_text.split("safety:\n", 1)[0] + "safety: []\nafter_events: []\n"
    text = text.replace("    synonyms: [top]\n", "    synonyms: []\n    corrections: []\n"
                        "    distances: []\n", 1)
    start = text.index("    distances:\n      - what: Skin to rib")
    text = text[:start] + text[text.index("  - id: lower-test"):]
    card = """muscles:
  - id: bare-muscle
    name: Bare muscle
    regions: [upper-test]
    relations:
      - structure: test-nerve
        position: deep
        text: Runs under it.
        sources: [GUIDE1]
    distances: []
    approaches: []
    cautions: []
"""
    data = load_text(text + card, "f.yaml")
    assert (data.safety, data.after_events) == ((), ())
    upper = data.region("upper-test")
    assert (upper.synonyms, upper.corrections, upper.distances) == ((), (), ())
    assert data.muscles[0][5:] == ("", (), (), ())
    assert load_text(text + "muscles: []\n", "f.yaml").muscles == ()
