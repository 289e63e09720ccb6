"""The data cache makes loading faster, never different: it only serves exactly the file
and code that produced it, never caches invalid data, survives a broken cache, and never
executes or trusts what it reads (issue 12, item 4)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

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
    assert len(list(cache.glob("data-*.json"))) == 1
    again = data_cache.load_cached(path)
    assert again == first == load(path)


def test_the_shipped_data_comes_back_from_the_cache_whole(cache):
    """Every field of the records survives the cache: a field the cache does not write (as
    after_events once was) would silently vanish from every warm start."""
    from needleguide import paths

    fresh = load(paths.default_data_file())
    data_cache.load_cached(paths.default_data_file())
    warm = data_cache.load_cached(paths.default_data_file())
    assert warm == fresh
    assert all(getattr(fresh, field) for field in fresh._fields)  # no field is left empty
    assert set(data_cache._plain(fresh)) == set(fresh._fields) - {"path"}


def test_an_edited_file_is_never_served_stale(cache, write, minimal_text):
    path = write(minimal_text)
    data_cache.load_cached(path)
    path.write_text(minimal_text.replace("name: Upper test", "name: Upper edited"),
                    encoding="utf-8")
    assert data_cache.load_cached(path).region("upper-test").name == "Upper edited"
    assert len(list(cache.glob("data-*.json"))) == 1  # the old entry is gone


def test_invalid_data_is_reported_and_never_cached(cache, write, minimal_text):
    path = write(minimal_text.replace("view: back", "view: side"))
    for _ in range(2):
        with pytest.raises(DataError, match="must be one of front, back"):
            data_cache.load_cached(path)
    assert not list(cache.glob("data-*.json"))


def test_a_corrupt_cache_entry_falls_back_to_loading(cache, write, minimal_text):
    path = write(minimal_text)
    data_cache.load_cached(path)
    entry = next(cache.glob("data-*.json"))
    entry.write_bytes(b"not a cache entry")
    assert data_cache.load_cached(path).version == "test-1"
    assert entry.read_bytes() != b"not a cache entry"  # rewritten


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


# -- a cache that was tampered with ----------------------------------------------------------

class _RunsACommand:
    """Unpickling this runs a command: what a planted pickle cache entry did."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _entries(cache):
    return [p for p in cache.iterdir() if p.name.startswith("data-")]


def test_a_planted_pickle_is_never_executed(cache, tmp_path, write, minimal_text):
    """A cache entry that is a pickle (or anything else) is data at most: `needleguide list`
    ran a planted command when the cache was a pickle."""
    path = write(minimal_text)
    data_cache.load_cached(path)
    marker = tmp_path / "planted-command-ran"
    planted = pickle.dumps(_RunsACommand(str(marker)))
    for entry in _entries(cache):
        entry.write_bytes(planted)
    (cache / "data-0123456789abcdef0123456789abcdef.pickle").write_bytes(planted)
    env = dict(os.environ, NEEDLEGUIDE_CACHE_DIR=str(cache))
    result = subprocess.run([sys.executable, "-m", "needleguide", "--data", str(path), "list"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "upper-test" in result.stdout
    assert not marker.exists()
    assert data_cache.load_cached(path) == load(path)
    assert not marker.exists()


def _tamper(entry, change, rehash: bool) -> None:
    """Change the cached records; with ``rehash`` also recompute the content hash, as someone
    who read this module could."""
    raw = entry.read_bytes()
    if raw.startswith(b"\x80"):  # the old pickle format
        data = pickle.loads(raw)
        entry.write_bytes(pickle.dumps(change(data)))
        return
    header_line, _, body = raw.partition(b"\n")
    header = json.loads(header_line)
    doc = change(json.loads(body))
    body = json.dumps(doc, ensure_ascii=False).encode()
    if rehash:
        header["content"] = data_cache._content_hash(header["source"], body)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)


def _drop_caution_sources(data):
    if isinstance(data, dict):  # JSON: regions[0] field 6 holds [level, text, sources]
        for caution in data["regions"][0][6]:
            caution[2] = []
        return data
    region = data.regions[0]
    cautions = tuple(c._replace(sources=()) for c in region.cautions)
    return data._replace(regions=(region._replace(cautions=cautions),) + data.regions[1:])


def _reverse_figures(data):
    if isinstance(data, dict):
        for region in data["regions"]:
            for caution in region[6]:
                caution[1] = "\u202e" + caution[1]
        return data
    regions = tuple(r._replace(cautions=tuple(c._replace(text="\u202e" + c.text)
                                              for c in r.cautions)) for r in data.regions)
    return data._replace(regions=regions)


@pytest.mark.parametrize("rehash", [False, True], ids=["content-hash-stale", "rehashed"])
@pytest.mark.parametrize("change", [_drop_caution_sources, _reverse_figures])
def test_a_tampered_entry_is_discarded_and_the_real_data_used(cache, write, minimal_text,
                                                              change, rehash):
    """A danger caution with its sources removed (or a bidi override slipped into a text)
    was shown from a tampered cache while `check` said ok."""
    path = write(minimal_text)
    real = data_cache.load_cached(path)
    assert any(c.sources for r in real.regions for c in r.cautions)
    (entry,) = _entries(cache)
    _tamper(entry, change, rehash)
    assert data_cache.load_cached(path) == real == load(path)


def test_an_entry_others_can_write_is_not_trusted(cache, write, minimal_text):
    path = write(minimal_text)
    real = data_cache.load_cached(path)
    (entry,) = _entries(cache)
    _tamper(entry, lambda d: d if not isinstance(d, dict) else {**d, "version": "other"},
            rehash=True)
    entry.chmod(0o666)
    assert data_cache.load_cached(path) == real


def test_an_entry_of_another_loader_version_is_not_used(cache, write, minimal_text,
                                                        monkeypatch):
    path = write(minimal_text)
    data_cache.load_cached(path)
    monkeypatch.setattr(data_cache, "loader_version", lambda: "a later loader")
    from needleguide.core import loader

    calls = []
    real_load_bytes = loader.load_bytes

    def counted(*a):
        calls.append(a)
        return real_load_bytes(*a)
    monkeypatch.setattr(loader, "load_bytes", counted)
    assert data_cache.load_cached(path) == load(path)
    assert calls  # validated afresh
    assert len(_entries(cache)) == 1  # and the old entry replaced
