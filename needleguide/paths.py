"""The one place that finds data/ and resources/, in a checkout or an installed wheel.

A checkout is preferred when we run from one: hatchling's editable install keeps a copy of
data/ and resources/ in site-packages, which goes stale as soon as the checkout is edited.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE_DIR.parent


def _root(name: str) -> Path:
    in_checkout = _CHECKOUT / name
    if (_CHECKOUT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    installed = _PACKAGE_DIR / name  # the wheel maps data/ and resources/ into the package
    if installed.is_dir():
        return installed
    from importlib import resources  # e.g. a zipped install: 7 ms to import, so last resort

    return Path(str(resources.files("needleguide") / name))


def data_dir() -> Path:
    return _root("data")


def resources_dir() -> Path:
    return _root("resources")


def default_data_file() -> Path:
    return data_dir() / "regions.yaml"


VOCABULARY_NAME = "vocabulary.yaml"


def vocabulary_file_for(data_file: str | Path) -> Path:
    """The search vocabulary that goes with a data file: the one beside it, else the shipped
    one (a data file elsewhere, e.g. a benchmark's, still gets drug names and lay words)."""
    beside = Path(data_file).parent / VOCABULARY_NAME
    return beside if beside.is_file() else data_dir() / VOCABULARY_NAME


def missing_shipped_data(data_file: Path) -> str:
    """What to tell the user when the shipped data file is not where the install put it
    (a damaged or half-copied install), or '' when it is there or another file was asked for.
    Without this, the loader's "cannot read the file" reads like a problem in the data."""
    if data_file != default_data_file() or data_file.exists():
        return ""
    return (f"the reference data file is missing ({data_file}): reinstall needleguide, or "
            "unpack the whole bundle folder again")
