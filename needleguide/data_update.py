"""Updating the reference data: a newer data file, validated in full, replaces the one in use,
and the one it replaced is kept so the update can be rolled back. Qt-free: the app's File menu
and the tests call it.

The update lives in the app-data folder (``data/regions.yaml``, with ``vocabulary.yaml`` when
the new file has one beside it); the shipped file inside the install is never touched. The app
and the command line use the update when there is one (``paths.data_file_in_use``); the window's
status bar then says which file and version are in use (``provenance``).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from needleguide import paths
from needleguide.core import safe_io
from needleguide.core.errors import DataError, Problem
from needleguide.core.loader import load_bytes
from needleguide.core.model import ReferenceData
from needleguide.core.yamltree import MAX_BYTES

CURRENT = "regions.yaml"
PREVIOUS = "regions.previous.yaml"
VOCABULARY = paths.VOCABULARY_NAME
PREVIOUS_VOCABULARY = "vocabulary.previous.yaml"


class UpdateError(Exception):
    """The update could not be made; the message says why, for a person."""


class Updated(NamedTuple):
    version: str
    previous_version: str
    path: Path


def _version_key(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


def _validate(raw: bytes, name: str) -> ReferenceData:
    from needleguide.core.bodymap import map_problems, shipped_map_files

    data = load_bytes(raw, name)
    problems = map_problems(data, shipped_map_files(paths.resources_dir()))
    if problems:
        raise DataError(problems)
    return data


def import_data(source: Path, in_use: ReferenceData) -> Updated:
    """Validate ``source`` in full (as ``needleguide check`` does, body map included) and make
    it the data in use, keeping the file it replaces. Refuses a file that is not newer than the
    data in use. Raises DataError (located problems) or UpdateError."""
    try:
        raw = safe_io.read_regular(source, MAX_BYTES)
    except OSError as exc:
        raise UpdateError(f"cannot read {source}: {safe_io.describe_error(exc)}") from None
    data = _validate(raw, str(source))
    new, old = _version_key(data.version), _version_key(in_use.version)
    if new is None or old is None:
        raise DataError([Problem(str(source), 1, 1, f"version {data.version!r} cannot be "
                                 f"compared with the version in use ({in_use.version})")])
    if new <= old:
        raise UpdateError(f"{source} holds data version {data.version}, which is not newer "
                          f"than the version in use ({in_use.version}); nothing was changed")
    vocabulary = source.with_name(VOCABULARY)
    vocabulary_raw = None
    if vocabulary.is_file():
        from needleguide.core.vocabulary import load_vocabulary

        load_vocabulary(vocabulary, data)  # raises DataError with its line and column
        vocabulary_raw = safe_io.read_regular(vocabulary, MAX_BYTES)
    try:
        folder = paths.update_folder()
        folder.mkdir(parents=True, exist_ok=True)
        current = folder / CURRENT
        for now, before in ((CURRENT, PREVIOUS), (VOCABULARY, PREVIOUS_VOCABULARY)):
            if current.is_file() and (folder / now).is_file():
                safe_io.write_atomic(folder / before,
                                     safe_io.read_regular(folder / now, MAX_BYTES))
            else:  # the shipped data (or vocabulary) was in use: roll back to it
                (folder / before).unlink(missing_ok=True)
        safe_io.write_atomic(current, raw)
        if vocabulary_raw is not None:
            safe_io.write_atomic(folder / VOCABULARY, vocabulary_raw)
        else:
            (folder / VOCABULARY).unlink(missing_ok=True)
    except (OSError, paths.AppDataError) as exc:
        why = safe_io.describe_error(exc) if isinstance(exc, OSError) else str(exc)
        raise UpdateError(f"the update could not be saved: {why}") from None
    return Updated(data.version, in_use.version, current)


def roll_back() -> Path:
    """Go back to the data in use before the last update: the previous update if there was
    one, else the shipped data. Returns the data file now in use. Raises UpdateError."""
    try:
        folder = paths.update_folder()
        current, previous = folder / CURRENT, folder / PREVIOUS
        if not current.is_file():
            raise UpdateError("there is no update to roll back: the shipped data is in use")
        if previous.is_file():
            previous.replace(current)
        else:
            current.unlink()
        if (folder / PREVIOUS_VOCABULARY).is_file():
            (folder / PREVIOUS_VOCABULARY).replace(folder / VOCABULARY)
        else:
            (folder / VOCABULARY).unlink(missing_ok=True)
    except OSError as exc:
        raise UpdateError(f"the roll-back failed: {safe_io.describe_error(exc)}") from None
    except paths.AppDataError as exc:
        raise UpdateError(str(exc)) from None
    return paths.data_file_in_use()
