from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The data cache of every test run, and of the CLI subprocesses it starts, lives in a temp
# folder: tests never write to the user's real cache.
os.environ["NEEDLEGUIDE_CACHE_DIR"] = tempfile.mkdtemp(prefix="needleguide-test-cache-")

TESTS = Path(__file__).resolve().parent
MINIMAL = TESTS / "data" / "minimal.yaml"


@pytest.fixture
def minimal_text() -> str:
    """A small valid data file (placeholder facts) that tests mutate."""
    return MINIMAL.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path):
    """Write text (or bytes) to a data file in a temp dir and return its path."""

    def _write(content: str | bytes, name: str = "regions.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


# -- hypothesis profiles (tests/core/test_fuzz.py) ---------------------------------------------
# "ci" (the default) is quick enough for every run; "long" is for hunting:
#     HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/core/test_fuzz.py -p no:qt
from hypothesis import HealthCheck as _HealthCheck  # noqa: E402
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("ci", max_examples=150, deadline=None,
                           suppress_health_check=[_HealthCheck.too_slow])
_settings.register_profile("long", max_examples=5_000, deadline=None, print_blob=True,
                           suppress_health_check=[_HealthCheck.too_slow,
                                                  _HealthCheck.data_too_large])
_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
