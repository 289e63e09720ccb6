"""The data cache makes loading faster, never different: it only serves exactly the file
and code that produced it, never caches invalid data, and survives a broken cache."""

from __future__ import annotations

import pytest

from needleguide import data_cache
from needleguide.core.errors import DataError
from needleguide.core.loader import load


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEEDLEGUIDE_CACHE_DIR", str(folder))
    return folder


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(cache, write, minimal_text):
    path = write(minimal_text)
    first = data_cache.load_cached(path)
    assert len(list(cache.glob("data-*.pickle"))) == 1
    again = data_cache.load_cached(path)
    assert again == first == load(path)


def test_an_edited_file_is_never_served_stale(cache, write, minimal_text):
    path = write(minimal_text)
    data_cache.load_cached(path)
    path.write_text(minimal_text.replace("name: Upper test", "name: Upper edited"),
                    encoding="utf-8")
    assert data_cache.load_cached(path).region("upper-test").name == "Upper edited"
    assert len(list(cache.glob("data-*.pickle"))) == 1  # the old entry is gone


def test_invalid_data_is_reported_and_never_cached(cache, write, minimal_text):
    path = write(minimal_text.replace("view: back", "view: side"))
    for _ in range(2):
        with pytest.raises(DataError, match="must be one of front, back"):
            data_cache.load_cached(path)
    assert not list(cache.glob("data-*.pickle"))


def test_a_corrupt_cache_entry_falls_back_to_loading(cache, write, minimal_text):
    path = write(minimal_text)
    data_cache.load_cached(path)
    entry = next(cache.glob("data-*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert data_cache.load_cached(path).version == "test-1"
    assert entry.read_bytes() != b"not a pickle"  # rewritten


def test_an_unwritable_cache_only_costs_speed(tmp_path, monkeypatch, write, minimal_text):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("NEEDLEGUIDE_CACHE_DIR", str(blocker / "cache"))
    assert data_cache.load_cached(write(minimal_text)).version == "test-1"


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, write, minimal_text):
    monkeypatch.setenv("NEEDLEGUIDE_CACHE_DIR", "")
    assert data_cache.cache_dir() is None
    assert data_cache.load_cached(write(minimal_text)).version == "test-1"


def test_a_missing_file_is_a_located_error(cache, tmp_path):
    with pytest.raises(DataError, match="cannot read the file"):
        data_cache.load_cached(tmp_path / "nope.yaml")


def test_an_oversized_file_is_reported_without_reading_it_all(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(data_cache, "MAX_BYTES", 1000)
    from needleguide.core import yamltree

    monkeypatch.setattr(yamltree, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 5000)
    with pytest.raises(DataError, match="at most 1,000 bytes"):
        data_cache.load_cached(big)


def test_the_depth_figures_come_back_from_the_cache(cache, monkeypatch):
    """Issue 22: a warm start serves the distances' numbers (the depth picture), from the cache
    itself and not from a silent reload."""
    from needleguide import paths
    from needleguide.core import loader

    shipped = paths.default_data_file()
    cold = data_cache.load_cached(shipped)

    def no_reload(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(loader, "load_bytes", no_reload)
    warm = data_cache.load_cached(shipped)
    numbers = [d.numbers for r in warm.regions for d in r.distances if d.numbers]
    assert numbers and numbers == [d.numbers for r in cold.regions for d in r.distances
                                   if d.numbers]
    assert any(n.needles for n in numbers)
