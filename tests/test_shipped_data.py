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
    ("gluteal", {"sciatic-nerve"}, {"piriformis-syndrome", "sciatica"}),
    ("forearm", {"median-nerve"}, {"carpal-tunnel-syndrome"}),
    ("neck", {"brachial-plexus", "lung-pleura", "spinal-cord"},
     {"thoracic-outlet-syndrome", "cervical-radiculopathy"}),
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
