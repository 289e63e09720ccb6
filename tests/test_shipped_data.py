"""The shipped reference data: it loads, covers the brief's regions, and keeps the seed
documents' structures and conditions on the right regions, with their corrections."""

from __future__ import annotations

import pytest

from needleguide import paths
from needleguide.core.loader import load
from needleguide.core.model import EvidenceKind, Level, ReferenceData, StructureKind

BRIEF_REGIONS = {"neck", "upper-back", "chest", "shoulder", "forearm", "lower-back", "gluteal",
                 "calf-foot", "head"}


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load(paths.default_data_file())


def test_every_region_of_the_brief_is_present(data):
    assert {r.id for r in data.regions} == BRIEF_REGIONS


@pytest.mark.parametrize("region,structures,conditions", [
    ("gluteal", {"sciatic-nerve"}, {"piriformis-syndrome"}),
    ("forearm", {"median-nerve"}, {"carpal-tunnel-syndrome"}),
    ("neck", {"brachial-plexus", "lung-pleura", "spinal-cord"},
     {"thoracic-outlet-syndrome"}),
    ("upper-back", {"lung-pleura", "spinal-cord"}, set()),
])
def test_seed_named_structures_and_conditions_are_on_their_region(data, region, structures,
                                                                  conditions):
    r = data.region(region)
    assert structures <= {s.structure.id for s in r.structures}
    assert conditions <= {c.condition.id for c in r.conditions}


@pytest.mark.parametrize("region", ["neck", "upper-back"])
def test_neck_and_upper_back_warn_of_lung_and_spinal_canal_at_danger_level(data, region):
    dangers = " ".join(c.text.lower() for c in data.region(region).cautions
                       if c.level is Level.DANGER)
    assert "pneumothorax" in dangers or "pleura" in dangers or "lung" in dangers
    assert "spinal" in dangers or "cord" in dangers or "canal" in dangers


def test_carpal_tunnel_is_corrected_not_repeated(data):
    forearm = data.region("forearm")
    cts = next(c for c in forearm.conditions if c.condition.id == "carpal-tunnel-syndrome")
    assert "wrist" in cts.note.lower() or "carpal tunnel" in cts.note.lower()
    assert any(c.claimed_by == "SEED-B" and "median" in c.claim.lower()
               for c in forearm.corrections)


def test_cervical_radiculopathy_claim_is_flagged_as_unsupported(data):
    neck = data.region("neck")
    assert any(c.claimed_by == "SEED-B" and "root" in c.claim.lower() for c in neck.corrections)


@pytest.mark.parametrize("region,condition,claim_word", [
    ("neck", "cervical-radiculopathy", "root"),
    ("gluteal", "sciatica", "sciatic"),
])
def test_conditions_resting_on_a_refuted_seed_claim_are_not_listed_as_needled_for(
        data, region, condition, claim_word):
    """Review S2-2/S2-3: a clinic blog's refuted mechanism is a correction, not an indication;
    the correction cites evidence, not only the claimant."""
    r = data.region(region)
    assert condition not in {c.condition.id for c in r.conditions}
    correction = next(c for c in r.corrections
                      if c.claimed_by == "SEED-B" and claim_word in c.claim.lower())
    assert any(data.sources[s].kind is not EvidenceKind.CLINIC_BLOG for s in correction.sources)


@pytest.mark.parametrize("region", ["neck", "chest"])
def test_thoracic_outlet_seed_claim_has_a_correction(data, region):
    assert any(c.claimed_by == "SEED-B" and "outlet" in c.claim.lower()
               for c in data.region(region).corrections)


def test_no_text_says_bracketing_lowers_pneumothorax_risk(data):
    """Review S1-2: no source shows bracketing reduces risk."""
    texts = [c.text for r in data.regions for c in r.cautions]
    texts += [i.text for s in data.safety + data.after_events for i in s.items]
    for text in texts:
        low = text.lower()
        if "bracketing" in low:
            assert "lower" not in low and "reducer" not in low, text


def test_shoulder_does_not_present_the_scapula_as_a_needle_stop(data):
    """Review S1-1."""
    shoulder = data.region("shoulder")
    lung = next(s for s in shoulder.structures if s.structure.id == "lung-pleura")
    assert "usually stops" not in lung.relation.lower()


def test_vertebral_artery_caution_is_danger_level(data):
    """Review S2-6."""
    assert any(c.level is Level.DANGER and "vertebral artery" in c.text.lower()
               for c in data.region("neck").cautions)


def test_tibialis_posterior_is_not_listed_as_a_needled_muscle(data):
    """Review S2-1: its only support was an injection trial."""
    assert "Tibialis posterior" not in {m.name for m in data.region("calf-foot").muscles}


def test_after_events_cover_the_issue_topics(data):
    ids = {s.id for s in data.after_events}
    assert {"suspected-pneumothorax", "sudden-spinal-pain", "fainting", "broken-needle",
            "persistent-deficit"} <= ids
    pneumothorax = next(s for s in data.after_events if s.id == "suspected-pneumothorax")
    assert any(i.level is Level.DANGER and "urgent" in i.text.lower() for i in pneumothorax.items)


def test_checklist_has_consent_and_pregnancy_items(data):
    screening = next(s for s in data.safety if s.id == "screening")
    text = " ".join(i.text.lower() for i in screening.items)
    assert "consent" in text and "pregnan" in text


def test_every_checklist_and_after_event_item_cites_more_than_clinic_blogs(data):
    for section in data.safety + data.after_events:
        for item in section.items:
            assert any(data.sources[s].kind is not EvidenceKind.CLINIC_BLOG
                       for s in item.sources), (section.id, item.text)


def test_dense_nerve_network_reason_is_corrected(data):
    assert any(c.claimed_by == "SEED-A" for c in data.region("neck").corrections)


def test_every_region_has_structure_condition_caution_and_muscle(data):
    for r in data.regions:
        assert r.structures and r.conditions and r.cautions and r.muscles, r.id


def test_no_danger_caution_rests_on_clinic_blogs_alone(data):
    for r in data.regions:
        for c in r.cautions:
            if c.level is Level.DANGER:
                assert any(data.sources[s].kind is not EvidenceKind.CLINIC_BLOG
                           for s in c.sources), (r.id, c.text)


def test_seed_documents_are_clinic_blogs(data):
    assert data.sources["SEED-A"].kind is EvidenceKind.CLINIC_BLOG
    assert data.sources["SEED-B"].kind is EvidenceKind.CLINIC_BLOG


def test_no_unverified_source_is_cited(data):
    """Sources the brief marks READ-SECONDARY or UNVERIFIED, or flags, must not appear."""
    flagged = {"JENKINS2024", "JHSA1992-SRN", "VALERA-PREPRINT", "PHYSIOMAN-SECONDARY",
               "GOLDFIELDS-SECONDARY", "ASAP", "ISCP2012", "SWISS2014", "AACP2017", "APTA",
               "MCEVOY2013", "MARTINPINTADO2018", "ERNST2024-GHENT", "BMAS-BLOG-SECONDARY",
               "AAP-INFRA-SECONDARY", "AAP-KIDNEY-SECONDARY", "NEUROREHAB-WIKI-SECONDARY",
               "WIKI-MIRROR-FACIAL", "TAILIEU-SECONDARY", "JENKINS2024-REFLIST"}
    assert not flagged & set(data.sources)


def test_distances_carry_their_sample(data):
    distances = [d for r in data.regions for d in r.distances]
    assert len(distances) >= 5
    for d in distances:
        assert d.sample.n >= 1 and d.sample.method and d.sample.who


def test_structure_kinds_cover_nerves_organs_and_cord(data):
    kinds = {s.kind for s in data.structures.values()}
    assert {StructureKind.NERVE, StructureKind.ORGAN, StructureKind.CNS} <= kinds


def test_general_safety_checklist_has_the_core_sections(data):
    ids = {s.id for s in data.safety}
    assert {"pneumothorax-signs", "spinal-warning", "screening"} <= ids
