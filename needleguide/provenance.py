"""Where the reference data in use comes from, and the facts a support request needs.

Qt-free: the app and the CLI ask it; the UI passes in what only Qt knows (its versions and
folders). The shipped data file's SHA-256 is recorded beside it in ``regions.yaml.sha256``
(``python -m needleguide.provenance --record`` rewrites it when the data is edited, and a test
checks they agree), so an install whose data was changed afterwards can say so.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from pathlib import Path
from typing import Mapping, NamedTuple

from needleguide import __version__, paths

RECORD_SUFFIX = ".sha256"


class Provenance(NamedTuple):
    path: Path
    shipped: bool    # the data file that came with this install
    modified: bool   # shipped, but its content is not what was released

    def warning(self, version: str) -> str:
        """One line for the window when the data is not the shipped data as released."""
        if not self.shipped:
            return f"Data file in use: {self.path} (version {version}), not the shipped data"
        if self.modified:
            return (f"The shipped data file was changed after release: {self.path} "
                    f"(version {version})")
        return ""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def recorded_digest(data_file: Path) -> str:
    try:
        return data_file.with_name(data_file.name + RECORD_SUFFIX).read_text(
            "ascii").split()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        return ""


def provenance(data_file: Path, content: bytes | None = None,
               shipped_file: Path | None = None) -> Provenance:
    """Whether ``data_file`` is the shipped file (``shipped_file``, None: the installed one),
    and whether it still matches its record. ``content``: the bytes already read, to avoid a
    second read."""
    shipped = data_file.resolve() == (shipped_file or paths.default_data_file()).resolve()
    if not shipped:
        return Provenance(data_file, False, False)
    if content is None:
        try:
            content = data_file.read_bytes()
        except OSError:
            return Provenance(data_file, True, True)
    return Provenance(data_file, True, digest(content) != recorded_digest(data_file))


def diagnostics(data_file: Path, data_version: str, extra: Mapping[str, str]) -> str:
    """Plain text to paste into a support request: versions, platform, data file, folders."""
    try:
        import yaml
        yaml_version = f"{yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})"
    except ImportError:  # pragma: no cover - a dependency
        yaml_version = "not found"
    origin = provenance(data_file)
    state = ("shipped" if origin.shipped and not origin.modified else
             "shipped, changed after release" if origin.shipped else "not the shipped data")
    rows = {"needleguide": __version__,
            "Python": f"{platform.python_version()} ({sys.executable})",
            "Platform": platform.platform(),
            "PyYAML": yaml_version,
            **extra,
            "Data file": f"{data_file} (version {data_version}, {state})",
            "Frozen bundle": "yes" if getattr(sys, "frozen", False) else "no"}
    width = max(len(k) for k in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows.items()) + "\n"


def record(data_file: Path | None = None) -> Path:
    """Write the SHA-256 of the shipped data file beside it."""
    target = data_file or paths.default_data_file()
    out = target.with_name(target.name + RECORD_SUFFIX)
    out.write_text(f"{digest(target.read_bytes())}  {target.name}\n", encoding="ascii")
    return out


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python -m needleguide.provenance --record")
    print(f"wrote {record()}")
