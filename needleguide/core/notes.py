"""The clinician's notes as data: the JSON export format, the one size limit and the merge
rules of an import. Pure: the store (``needleguide.store.notes``) does the saving.

The export and import format (also the format of the notes.json of earlier versions):

    {"version": 1, "notes": {"gluteal": "text", ...}}

One limit holds everywhere notes are saved, exported and imported: a note may hold at most
``MAX_NOTE_BYTES`` of UTF-8 text and all notes together at most ``MAX_TOTAL_BYTES``. A save
over the limit is refused (the text stays in the editor); anything saved within it always
loads, and a notes file written by an export always imports. Loading what is already stored
is never refused for its size.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from needleguide.core.ids import ID

FORMAT_VERSION = 1
MAX_NOTE_BYTES = 1024 * 1024          # one note: 1 MB of text, hundreds of pages
MAX_TOTAL_BYTES = 8 * 1024 * 1024     # every note together
# A JSON file of notes within the limits: escaping at most multiplies text by 6 (\u0001).
MAX_FILE_BYTES = 6 * MAX_TOTAL_BYTES + 1024 * 1024
REGION_ID = ID  # core.ids: the one id pattern


class NotesFormatError(ValueError):
    """A notes file is not one this version reads; the message names the file and the first
    problem, for a person."""


def size_text(size: int) -> str:
    """A byte count as a person reads it: 1.2 MB, 340 kB, 12 bytes."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size} bytes"


def note_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def note_problem(region_id: str, text: str) -> str:
    """Why one note cannot be saved ("" if it can): it is over ``MAX_NOTE_BYTES``."""
    size = note_bytes(text)
    if size <= MAX_NOTE_BYTES:
        return ""
    return (f"the note on {region_id} is {size_text(size)} ({size:,} bytes); a note can hold "
            f"at most {size_text(MAX_NOTE_BYTES)} ({MAX_NOTE_BYTES:,} bytes). Shorten it (or "
            "keep part of it in another file) and it will be saved")


def total_problem(notes: Mapping[str, str]) -> str:
    """Why ``notes`` cannot be saved together ("" if they can): over ``MAX_TOTAL_BYTES``."""
    total = sum(note_bytes(text) for text in notes.values())
    if total <= MAX_TOTAL_BYTES:
        return ""
    return (f"your notes together would be {size_text(total)} ({total:,} bytes); "
            f"needleguide keeps at most {size_text(MAX_TOTAL_BYTES)} of notes. Shorten some "
            "notes and it will be saved")


def limit_problem(notes: Mapping[str, str]) -> str:
    """Why ``notes`` cannot be saved or imported ("" if they can)."""
    for region_id in sorted(notes):
        problem = note_problem(region_id, notes[region_id])
        if problem:
            return problem
    return total_problem(notes)


def parse_notes(raw: bytes, name: str, *, within_limits: bool = True) -> dict[str, str]:
    """Validate a whole notes file; raise NotesFormatError naming the file and the first problem.

    ``within_limits=False`` is for migrating notes an earlier version already saved: they
    are taken whatever their size, so that nothing saved is lost."""
    import json  # on first use: not needed to paint the window

    if len(raw) > MAX_FILE_BYTES:
        raise NotesFormatError(f"{name} is too large to be a notes file ({size_text(len(raw))}, "
                         f"{len(raw):,} bytes)")
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise NotesFormatError(f"{name} is not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise NotesFormatError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno}") from None
    except RecursionError:
        raise NotesFormatError(f"{name} is nested too deeply to be a notes file") from None
    if not isinstance(document, dict):
        raise NotesFormatError(f"{name} is not a needleguide notes file (expected a JSON object "
                         'with "version" and "notes")')
    unknown = sorted(set(document) - {"version", "notes"})
    if unknown:
        raise NotesFormatError(f"{name} has unknown fields: {', '.join(unknown)}")
    version = document.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise NotesFormatError(f"{name} has notes format version {version!r}; this needleguide "
                         f"reads version {FORMAT_VERSION}")
    notes = document.get("notes")
    if not isinstance(notes, dict):
        raise NotesFormatError(f'{name}: "notes" must be an object mapping region ids to text')
    for region_id, text in notes.items():
        if not REGION_ID.match(region_id):
            raise NotesFormatError(f"{name}: '{region_id}' is not a region id (lower case with "
                             "hyphens, e.g. upper-back)")
        if not isinstance(text, str):
            raise NotesFormatError(f"{name}: the note for '{region_id}' must be text, not "
                             f"{type(text).__name__}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise NotesFormatError(f"{name}: the note for '{region_id}' holds a lone surrogate "
                             "escape (\\ud800-\\udfff), which is not text") from None
    parsed = {k: v for k, v in notes.items() if v.strip()}
    if within_limits:
        problem = limit_problem(parsed)
        if problem:
            raise NotesFormatError(f"{name} cannot be imported: {problem}")
    return parsed


def dump_notes(notes: Mapping[str, str]) -> bytes:
    """The file format: sorted, indented, UTF-8, readable and diffable by a person."""
    import json

    document = {"version": FORMAT_VERSION,
                "notes": {k: notes[k] for k in sorted(notes) if notes[k].strip()}}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def merge_imported(current: str, imported: str, label: str) -> str:
    """The note after importing ``imported`` into ``current``: nothing is replaced.

    Same text, or text already in the note: unchanged (importing twice changes nothing). An
    empty note, or one the import already contains: the imported text. Otherwise the imported
    text follows the note under a line that says where it came from (``label``)."""
    if not imported.strip() or imported.strip() in current:
        return current
    if not current.strip() or current.strip() in imported:
        return imported
    return f"{current.rstrip()}\n\n\u2014 {label} \u2014\n{imported}"


def merge_notes(current: Mapping[str, str], incoming: Mapping[str, str],
                label: str) -> dict[str, str]:
    """The notes an import of ``incoming`` changes, each as ``merge_imported`` makes it;
    notes the import leaves as they were are not in the result."""
    changed = {}
    for region_id, text in incoming.items():
        before = current.get(region_id, "")
        merged = merge_imported(before, text, label)
        if merged != before:
            changed[region_id] = merged
    return changed


def refused_saves(notes: Mapping[str, str], changed: Iterable[str],
                  saved: Mapping[str, str]) -> dict[str, str]:
    """The ``changed`` notes that may not be saved, with why: a note over the limit, or one
    that grew (against ``saved``, its text as last saved) while all ``notes`` together are
    over it. Shrinking a note is always allowed, so a user over the limit can get under it."""
    refused = {}
    too_much = total_problem(notes)
    for region_id in sorted(changed):
        text = notes.get(region_id, "")
        problem = note_problem(region_id, text)
        grew = len(text) > len(saved.get(region_id, ""))
        if problem or (too_much and grew):
            refused[region_id] = problem or too_much
    return refused
