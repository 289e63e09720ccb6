"""A cache of validated reference data, so the command line and the app skip YAML parsing
when the data file has not changed.

The cache can make loading faster, never different, and it never executes or trusts what it
reads. An entry is plain JSON (strings, numbers, lists), rebuilt into the model's records by
code that checks every type; it is used only when all of these hold, and is otherwise
discarded and rewritten from a normal load:

- it is a regular file, owned by this user and writable by nobody else, of bounded size;
- its header names this cache format, the loader's version (the package version and the
  size and mtime of the loader's modules) and the BLAKE2 hash of the data file's bytes and
  path, which are hashed afresh on every load;
- the hash of its content, keyed with the data file's hash, matches;
- the rebuilt records keep the loader's rules that concern what is shown: every fact cites
  sources that exist, a danger caution rests on more than clinic blogs, every reference
  resolves, and no text holds a control or invisible format character.

Only valid data is cached. Anything wrong with the cache (unreadable, corrupt, tampered,
unwritable) falls back to a normal load. Set NEEDLEGUIDE_CACHE_DIR to move it, or to an empty
string to turn it off.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

try:  # hashlib would load OpenSSL (5 ms); the built-in BLAKE2 is enough for a cache key
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Python builds without the module
    from hashlib import blake2b

from needleguide import __version__, paths
from needleguide.core.errors import DataError, Problem
from needleguide.core.model import (UNITS, Approach, Caution, Condition, Correction, Distance,
                                    EvidenceKind, Figures, Level, Muscle, MuscleCard,
                                    MuscleRelation, NeedleCount, Position, ReferenceData, Region,
                                    RegionCondition, SafetyItem, SafetySection, Sample, Source,
                                    Structure, StructureAtRisk, StructureKind, View)
from needleguide.core.safe_io import FileTooLargeError, describe_error, read_regular
from needleguide.core.text import FORBIDDEN

FORMAT = "needleguide-data-cache 5"  # 4: distances carry their numbers; 5: muscle cards too
_CODE = ("loader.py", "model.py", "yamltree.py", "errors.py", "text.py", "figures.py")
MAX_BYTES = 32 * 1024 * 1024  # = yamltree.MAX_BYTES (not imported: that would load YAML)
MAX_ENTRY_BYTES = 4 * MAX_BYTES  # JSON of the records is about 1.5x the YAML
SUFFIX = ".json"
_PLAIN_ASCII = bytes([9, 10, 13, *range(0x20, 0x7f)])


class _Untrusted(Exception):
    """The cache entry is not exactly what this code would have written: do not use it."""


def cache_dir() -> Path | None:
    override = os.environ.get("NEEDLEGUIDE_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "needleguide" / "cache" if base else None
    home = paths.home_dir()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "needleguide" if home else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "needleguide"
    return home / ".cache" / "needleguide" if home else None  # no home: no cache


def loader_version() -> str:
    """The package version and a stamp of the loader's code: a cache entry written by other
    code is never used."""
    core = Path(__file__).resolve().parent / "core"
    parts = [__version__]
    for name in _CODE:
        try:
            info = (core / name).stat()
            parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:missing")
    return " ".join(parts)


def _source_hash(path: str, data: bytes) -> str:
    digest = blake2b(data, digest_size=32)
    digest.update(b"\0" + os.fsencode(path))
    return digest.hexdigest()


def _content_hash(source_hash: str, body: bytes) -> str:
    return blake2b(body, digest_size=32, key=bytes.fromhex(source_hash)).hexdigest()


def _entry_name(source_hash: str, version: str) -> str:
    key = blake2b(f"{FORMAT}\0{version}\0{source_hash}".encode(), digest_size=16)
    return f"data-{key.hexdigest()}{SUFFIX}"


def load_cached(path: str | os.PathLike[str]) -> ReferenceData:
    """Like ``core.loader.load``: the data, or a located DataError; faster when cached."""
    name = os.fspath(path)
    try:
        data = read_regular(name, MAX_BYTES)
    except FileTooLargeError as exc:
        from needleguide.core.yamltree import too_large

        raise DataError([Problem(name, 1, 1, too_large(exc.size))]) from None
    except OSError as exc:
        raise DataError([Problem(name, 1, 1, f"cannot read the file: {describe_error(exc)}")])\
            from None
    folder = cache_dir()
    source_hash = _source_hash(name, data)
    version = loader_version()
    entry = folder / _entry_name(source_hash, version) if folder else None
    if entry is not None:
        try:
            return _read_entry(entry, name, source_hash, version)
        except (OSError, ValueError, TypeError, KeyError, IndexError, _Untrusted):
            pass  # missing, unreadable, corrupt or tampered: load normally and rewrite
    from needleguide.core.loader import load_bytes  # YAML is imported only on a miss

    result = load_bytes(data, name)
    if entry is not None:
        _store(entry, result, source_hash, version)
    return result


# -- reading -----------------------------------------------------------------------------------

def _read_entry(entry: Path, name: str, source_hash: str, version: str) -> ReferenceData:
    info = os.lstat(entry)  # never blocks, and a link or a FIFO is refused before opening
    if not stat.S_ISREG(info.st_mode):
        raise _Untrusted("not a regular file")
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        raise _Untrusted("written by someone else, or writable by others")
    raw = read_regular(entry, MAX_ENTRY_BYTES)
    header_line, _, body = raw.partition(b"\n")
    header = json.loads(header_line)
    if (not isinstance(header, dict) or header.get("format") != FORMAT
            or header.get("loader") != version or header.get("source") != source_hash
            or header.get("content") != _content_hash(source_hash, body)):
        raise _Untrusted("another format, loader, data file or content")
    # What this module writes never holds a forbidden character, nor a \u escape (JSON needs
    # one only for control characters, which data may not contain), so one search checks
    # every string the records will hold: over the non-ASCII bytes and the ASCII controls
    # only (removing ASCII never splits a UTF-8 sequence), as the whole text costs 1 ms.
    if b"\\u" in body or FORBIDDEN.search(body.translate(None, _PLAIN_ASCII).decode("utf-8")):
        raise _Untrusted("a control or invisible format character")
    data = _rebuild(json.loads(body), name)
    _check_rules(data)
    return data


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Untrusted("not a string")
    return value


def _texts(values: Any) -> tuple[str, ...]:
    if type(values) is not list:
        raise _Untrusted("not a list")
    return tuple(_text(v) for v in values)


def _number(value: Any) -> int:
    if type(value) is not int:
        raise _Untrusted("not a whole number")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Untrusted("not a list")
    return value


def _real(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float):
        raise _Untrusted("not a number")
    return float(value)


def _figures(value: Any) -> Figures | None:
    """A distance's numbers (issue 22), as ``_plain_figures`` wrote them."""
    if value is None:
        return None
    reaches, unit, subgroup, v, is_mean, sd, low, high, needles, outcome, site = _list(value)
    if type(is_mean) is not bool or _text(unit) not in UNITS:
        raise _Untrusted("not a distance's numbers")
    counts = []
    for length, reached, of in _list(needles):
        if _real(length) is None:
            raise _Untrusted("a needle count without a length")
        counts.append(NeedleCount(float(length), _number(reached), _number(of)))
    return Figures(_text(reaches), unit, _text(subgroup), _real(v), is_mean, _real(sd),
                   _real(low), _real(high), tuple(counts), _text(outcome), _text(site))


def _rebuild(doc: Any, name: str) -> ReferenceData:
    if type(doc) is not dict:
        raise _Untrusted("not an object")
    sources: dict[str, Source] = {}
    for i, kind, title, authors, published, year, doi, pmid, url, read, note in \
            _list(doc["sources"]):
        sources[_text(i)] = Source(
            i, EvidenceKind(_text(kind)), _text(title), _text(authors), _text(published),
            None if year is None else _number(year), _text(doi), _text(pmid), _text(url),
            _text(read), _text(note))
    structures: dict[str, Structure] = {}
    for i, sname, kind, synonyms in _list(doc["structures"]):
        structures[_text(i)] = Structure(i, _text(sname), StructureKind(_text(kind)),
                                         _texts(synonyms))
    conditions: dict[str, Condition] = {}
    for i, cname, synonyms in _list(doc["conditions"]):
        conditions[_text(i)] = Condition(i, _text(cname), _texts(synonyms))
    regions = []
    for (i, rname, view, muscles, at_risk, needled, cautions, synonyms, summary, corrections,
         distances) in _list(doc["regions"]):
        regions.append(Region(
            _text(i), _text(rname), View(_text(view)),
            tuple(Muscle(_text(m), _texts(s), _text(n), _text(card))
                  for m, s, n, card in _list(muscles)),
            tuple(StructureAtRisk(structures[_text(r)], _text(rel), _texts(s))
                  for r, rel, s in _list(at_risk)),
            tuple(RegionCondition(conditions[_text(c)], _text(n), _texts(s))
                  for c, n, s in _list(needled)),
            tuple(Caution(Level(_text(lv)), _text(t), _texts(s)) for lv, t, s in _list(cautions)),
            _texts(synonyms), _text(summary),
            tuple(Correction(_text(c), _text(by), _text(e), _texts(s))
                  for c, by, e, s in _list(corrections)),
            _distances(distances)))
    safety, after_events = (tuple(
        SafetySection(_text(i), _text(title), tuple(
            SafetyItem(_text(t), _texts(s), Level(_text(lv))) for t, s, lv in _list(items)))
        for i, title, items in _list(doc[key])) for key in ("safety", "after_events"))
    muscle_cards = tuple(MuscleCard(
        _text(i), _text(mname), _texts(in_regions),
        tuple(MuscleRelation(Position(_text(pos)), _text(t), _texts(s),
                             None if ref is None else structures[_text(ref)])
              for pos, t, s, ref in _list(relations)),
        _texts(synonyms), _text(summary), _distances(distances),
        tuple(Approach(_text(t), _texts(s), _text(pos), _text(d))
              for t, s, pos, d in _list(approaches)),
        tuple(Caution(Level(_text(lv)), _text(t), _texts(s)) for lv, t, s in _list(cautions)))
        for i, mname, in_regions, relations, synonyms, summary, distances, approaches, cautions
        in _list(doc["muscles"]))
    locations = doc["region_locations"]
    if type(locations) is not dict:
        raise _Untrusted("not an object")
    return ReferenceData(
        _text(doc["version"]), _dt.date.fromisoformat(_text(doc["updated"])), sources,
        structures, conditions, tuple(regions), safety, name,
        MappingProxyType({_text(k): (_number(v[0]), _number(v[1]))
                          for k, v in locations.items()}),
        after_events, muscle_cards)


def _distances(values: Any) -> tuple[Distance, ...]:
    return tuple(Distance(_text(w), _text(f), Sample(_number(n), _text(who), _text(how),
                                                     _text(pos)), _texts(s), _figures(num))
                 for w, f, (n, who, how, pos), s, num in _list(values))


def _check_rules(data: ReferenceData) -> None:
    """The loader's rules about what a card shows, checked again on the rebuilt records: a
    tampered entry that passed every hash still cannot show an unsourced or blog-only danger,
    a dangling reference or an empty text."""

    def cited(sources: tuple[str, ...], level: Level | None = None) -> None:
        if not sources or any(s not in data.sources for s in sources):
            raise _Untrusted("a fact without sources, or citing an unknown one")
        if level is Level.DANGER and all(
                data.sources[s].kind is EvidenceKind.CLINIC_BLOG for s in sources):
            raise _Untrusted("a danger resting only on clinic blogs")

    if not data.version or not data.regions:
        raise _Untrusted("empty data")
    ids = {region.id for region in data.regions}
    if len(ids) != len(data.regions) or any(not i for i in ids):
        raise _Untrusted("duplicate or empty region ids")
    for region in data.regions:
        if not region.name:
            raise _Untrusted("a region without a name")
        for muscle in region.muscles:
            cited(muscle.sources)
        for at_risk in region.structures:
            cited(at_risk.sources)
        for condition in region.conditions:
            cited(condition.sources)
        for caution in region.cautions:
            if not caution.text:
                raise _Untrusted("an empty caution")
            cited(caution.sources, caution.level)
        for correction in region.corrections:
            cited(correction.sources)
            if correction.claimed_by not in data.sources:
                raise _Untrusted("a correction of an unknown source")
        for distance in region.distances:
            cited(distance.sources)
    cards = {muscle.id for muscle in data.muscles}
    for region in data.regions:
        if any(m.muscle and m.muscle not in cards for m in region.muscles):
            raise _Untrusted("a link to an unknown muscle card")
    for card in data.muscles:
        if not card.name or not card.relations or any(r not in ids for r in card.regions):
            raise _Untrusted("a muscle card without a name, relations or known regions")
        for relation in card.relations:
            cited(relation.sources)
        for distance in card.distances:
            cited(distance.sources)
        for approach in card.approaches:
            cited(approach.sources)
        for caution in card.cautions:
            cited(caution.sources, caution.level)
    for section in data.safety + data.after_events:
        for item in section.items:
            if not item.text:
                raise _Untrusted("an empty checklist item")
            cited(item.sources, item.level)
    for key, source in data.sources.items():
        if key != source.id or not source.title:
            raise _Untrusted("a source filed under another id, or without a title")
    for table in (data.structures, data.conditions):
        if any(key != record.id or not record.name for key, record in table.items()):
            raise _Untrusted("a record filed under another id, or without a name")


# -- writing -----------------------------------------------------------------------------------

def _plain_figures(f: Figures | None) -> list[Any] | None:
    if f is None:
        return None
    return [f.reaches, f.unit, f.subgroup, f.value, f.is_mean, f.sd, f.low, f.high,
            [[n.length, n.reached, n.of] for n in f.needles], f.outcome, f.site]


def _plain(data: ReferenceData) -> dict[str, Any]:
    """The records as plain JSON values, in the order ``_rebuild`` reads them."""
    return {
        "version": data.version,
        "updated": data.updated.isoformat(),
        "sources": [[s.id, s.kind.value, s.title, s.authors, s.published, s.year, s.doi,
                     s.pmid, s.url, s.read, s.note] for s in data.sources.values()],
        "structures": [[s.id, s.name, s.kind.value, list(s.synonyms)]
                       for s in data.structures.values()],
        "conditions": [[c.id, c.name, list(c.synonyms)] for c in data.conditions.values()],
        "regions": [[
            r.id, r.name, r.view.value,
            [[m.name, list(m.sources), m.note, m.muscle] for m in r.muscles],
            [[a.structure.id, a.relation, list(a.sources)] for a in r.structures],
            [[c.condition.id, c.note, list(c.sources)] for c in r.conditions],
            [[c.level.value, c.text, list(c.sources)] for c in r.cautions],
            list(r.synonyms), r.summary,
            [[c.claim, c.claimed_by, c.evidence, list(c.sources)] for c in r.corrections],
            _plain_distances(r.distances),
        ] for r in data.regions],
        "muscles": [[
            m.id, m.name, list(m.regions),
            [[r.position.value, r.text, list(r.sources),
              r.structure.id if r.structure is not None else None] for r in m.relations],
            list(m.synonyms), m.summary, _plain_distances(m.distances),
            [[a.target, list(a.sources), a.position, a.direction] for a in m.approaches],
            [[c.level.value, c.text, list(c.sources)] for c in m.cautions],
        ] for m in data.muscles],
        "safety": _sections(data.safety),
        "region_locations": {k: list(v) for k, v in data.region_locations.items()},
        "after_events": _sections(data.after_events),
    }


def _plain_distances(distances: tuple[Distance, ...]) -> list[Any]:
    return [[d.what, d.figure, [d.sample.n, d.sample.who, d.sample.method, d.sample.position],
             list(d.sources), _plain_figures(d.numbers)] for d in distances]


def _sections(sections: tuple[SafetySection, ...]) -> list[Any]:
    return [[s.id, s.title, [[i.text, list(i.sources), i.level.value] for i in s.items]]
            for s in sections]


def _store(entry: Path, data: ReferenceData, source_hash: str, version: str) -> None:
    body = json.dumps(_plain(data), ensure_ascii=False, separators=(",", ":")).encode()
    header = json.dumps({"format": FORMAT, "loader": version, "source": source_hash,
                         "content": _content_hash(source_hash, body)}).encode()
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for old in entry.parent.glob("data-*"):  # keep only the current version
            if old.name.endswith((SUFFIX, ".pickle")):
                old.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".data-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(temp, entry)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a read-only home or a full disk only costs speed

