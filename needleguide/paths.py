"""The one place that finds data/ and resources/ (in a checkout or an installed wheel) and
the user's home and application-data folders.

A checkout is preferred when we run from one: hatchling's editable install keeps a copy of
data/ and resources/ in site-packages, which goes stale as soon as the checkout is edited.

Folders are computed here in Python, from the environment, and not by Qt: Qt decodes file
names as UTF-8 whatever the locale, Python by the locale's encoding, so under a non-UTF-8
locale a non-ASCII path Qt gave us would name another folder when Python opened it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANISATION = APPLICATION = "needleguide"  # = ui.settings (not imported: that loads Qt)


class AppDataError(Exception):
    """There is no folder to keep the user's notes and log in; the message says what to do."""

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


def home_dir() -> Path | None:
    """The user's home folder: $HOME when it is an absolute path, else the home the password
    database gives (as ``os.path.expanduser`` does), else None. Never '/' by default: with
    HOME unset, Qt would put the user's files under the root folder."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home)
    try:
        import pwd

        entry = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, AttributeError):
        return None
    if os.path.isabs(entry) and entry != "/" and os.path.isdir(entry):
        return Path(entry)
    return None


def app_data_dir() -> Path:
    """The folder for the user's notes, study history and logs (not created here).

    Linux and other XDG systems: $XDG_DATA_HOME (if absolute) or ~/.local/share, then
    needleguide/needleguide, the folder Qt's AppDataLocation names for this app. macOS:
    ~/Library/Application Support/needleguide/needleguide. Windows: %APPDATA%. Raises
    AppDataError when there is none (no HOME and no home in the password database): the app
    refuses to start rather than write the user's files somewhere unexpected.
    """
    if sys.platform == "win32":
        base = os.environ.get("APPDATA", "")
        if os.path.isabs(base):
            return Path(base) / ORGANISATION / APPLICATION
        raise AppDataError("no folder for your notes and log: APPDATA is not set")
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if sys.platform != "darwin" and os.path.isabs(xdg):
        return Path(xdg) / ORGANISATION / APPLICATION
    home = home_dir()
    if home is None:
        raise AppDataError("no folder for your notes and log: HOME is not set and this user "
                           "has no home folder. Set HOME (or XDG_DATA_HOME) to a folder you "
                           "own and start needleguide again.")
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / ORGANISATION / APPLICATION
    return home / ".local" / "share" / ORGANISATION / APPLICATION


def settle_home() -> None:
    """Set HOME for Qt (its folders derive from it) when it is unset or relative and the
    password database knows the user's home, so Qt and ``app_data_dir`` agree."""
    home = home_dir()
    if home is not None and not os.path.isabs(os.environ.get("HOME", "")):
        os.environ["HOME"] = str(home)


def from_qt(path: str) -> str:
    """A file name Qt gave us (a file dialog's answer), as Python must spell it to open the
    same file: Qt encodes names as UTF-8 whatever the locale, Python with the locale's
    encoding. The identity under a UTF-8 locale."""
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return path
    return os.fsdecode(path.encode("utf-8", "surrogatepass"))


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


UPDATE_FOLDER = "data"  # in the app-data folder: reference data updates (data_update.py)


def update_folder() -> Path:
    return app_data_dir() / UPDATE_FOLDER


def data_file_in_use() -> Path:
    """The data file the app and the command line use: an update the user imported
    (File > Update reference data) if there is one, else the shipped file."""
    try:
        current = update_folder() / "regions.yaml"
    except AppDataError:
        return default_data_file()
    return current if current.is_file() else default_data_file()
