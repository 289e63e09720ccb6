"""A cache of validated reference data, so the command line and the app skip YAML parsing
when the data file has not changed.

The cache key is a hash of the file's bytes, its path and the code that validates it (the
package version and the loader modules' size and mtime), so a cached copy is only ever used
for exactly the file and code that produced it. Only valid data is cached. Anything wrong
with the cache (unreadable, corrupt, unwritable) falls back to a normal load: the cache can
make things faster, never different. Set NEEDLEGUIDE_CACHE_DIR to move it, or to an empty
string to turn it off.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

try:  # hashlib would load OpenSSL (5 ms); the built-in BLAKE2 is enough for a cache key
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Python builds without the module
    from hashlib import blake2b

from needleguide import __version__
from needleguide.core.errors import DataError, Problem
from needleguide.core.model import ReferenceData

_CODE = ("loader.py", "model.py", "yamltree.py", "errors.py", "figures.py")
MAX_BYTES = 32 * 1024 * 1024  # = yamltree.MAX_BYTES (not imported: that would load YAML)


def cache_dir() -> Path | None:
    override = os.environ.get("NEEDLEGUIDE_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "needleguide" / "cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "needleguide"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "needleguide"


def _key(path: str, data: bytes) -> str:
    digest = blake2b(data, digest_size=16)
    digest.update(f"\0{path}\0{__version__}".encode())
    core = Path(__file__).resolve().parent / "core"
    for name in _CODE:
        try:
            stat = (core / name).stat()
            digest.update(f"\0{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"\0{name}:missing".encode())
    return digest.hexdigest()


def load_cached(path: str | os.PathLike[str]) -> ReferenceData:
    """Like ``core.loader.load``: the data, or a located DataError; faster when cached."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the loader reports a larger file, located
    except OSError as exc:
        raise DataError([Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")])\
            from None
    folder = cache_dir()
    entry = folder / f"data-{_key(name, data)}.pickle" if folder else None
    if entry is not None:
        try:
            cached = pickle.loads(entry.read_bytes())
            if isinstance(cached, ReferenceData):
                return cached
        except Exception:  # missing, unreadable or corrupt: load normally and rewrite
            pass
    from needleguide.core.loader import load_bytes  # YAML is imported only on a miss

    result = load_bytes(data, name)
    if entry is not None:
        _store(entry, result)
    return result


def _store(entry: Path, data: ReferenceData) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        for old in entry.parent.glob("data-*.pickle"):  # keep only the current version
            old.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".data-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, entry)
    except OSError:
        pass  # a read-only home or a full disk only costs speed
