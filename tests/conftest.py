from __future__ import annotations

from pathlib import Path

import pytest

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
