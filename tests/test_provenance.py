"""The shipped data's recorded hash is current, so an unedited install is not marked."""

from __future__ import annotations

from needleguide import paths, provenance


def test_the_recorded_hash_matches_the_shipped_data() -> None:
    shipped = paths.default_data_file()
    assert provenance.recorded_digest(shipped) == provenance.digest(shipped.read_bytes()), (
        "data/regions.yaml changed: run `python -m needleguide.provenance --record`")
