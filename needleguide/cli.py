"""Command line: list, show, check and export the reference data; no arguments opens the app.

This module imports no Qt: only the bare ``needleguide`` command (the app) and ``export``
(which renders a PDF) load it, inside the function that needs it.
"""

from __future__ import annotations

import codecs
import gc
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing costs 3 ms at start; it is only needed by the type checker
if TYPE_CHECKING:
    import argparse
    from typing import Any, Callable, Sequence, TextIO

from needleguide import __version__, paths
from needleguide.core.card import (Card, DistanceRow, Section, build_card, distance_rows,
                                   glance, numbering, SectionKind)
from needleguide.core.errors import DataError
from needleguide.core.ids import DISCLAIMER
from needleguide.core.model import Level, MuscleCard, ReferenceData, Region, Source
from needleguide.core.queries import find_region
from needleguide.data_cache import load_cached

EXIT_OK, EXIT_INVALID_DATA, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not for the bare command, which opens the app (2 ms before its card)

    parser = argparse.ArgumentParser(
        prog="needleguide",
        description="Offline dry-needling safety reference. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"needleguide {__version__}")
    data_help = "use this data file instead of the shipped data/regions.yaml"
    parser.add_argument("--data", metavar="FILE", type=Path, help=data_help)
    # --data is also accepted after the command; SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", metavar="FILE", type=Path, default=argparse.SUPPRESS,
                        help=data_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    lister = commands.add_parser("list", parents=[common],
                                 help="list the regions (id and name)")
    lister.add_argument("--json", action="store_true", help="print JSON")
    lister.add_argument("--muscles", action="store_true",
                        help="list the muscle cards (id, name, regions) instead")
    show = commands.add_parser("show", parents=[common],
                               help="show one region's safety card, or one muscle's card")
    show.add_argument("region", metavar="REGION|MUSCLE",
                      help="region or muscle id, name or synonym, e.g. gluteal, 'upper back', "
                           "piriformis, 'pec minor'")
    show.add_argument("--json", action="store_true", help="print JSON")
    search = commands.add_parser(
        "search", parents=[common], help="search every text of the guide (as the app does)",
        description="Search names, cautions, checklist, relations, distances, corrections and "
                    "sources, with drug names, lay words and abbreviations (data/vocabulary."
                    "yaml); ranked as in the app. Your notes are searched in the app only.")
    search.add_argument("query", metavar="QUERY", nargs="+", help="e.g. warfarin, or "
                                                                  "'short of breath'")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=20, metavar="N",
                        help="at most N results (default 20)")
    check = commands.add_parser("check", parents=[common], help="validate data files")
    check.add_argument("files", metavar="FILE", nargs="*", type=Path,
                       help="files to check (default: the data file in use)")
    check.add_argument("--no-map", action="store_true",
                       help="skip the body-map rules (for partial data files)")
    depth = commands.add_parser(
        "depth", parents=[common],
        help="reported depths in a region, and what a needle length reached in the studies",
        description="Reported distances with numbers in REGION, each with its sample, and, "
                    "with --needle, where a needle of that length lies against each of them "
                    "(never a safe depth).")
    depth.add_argument("region", metavar="REGION", help="region id or name, e.g. neck")
    depth.add_argument("--needle", metavar="MM", type=_needle_mm,
                       help="needle length in mm, e.g. 40 (common: 13 15 25 30 40 50 60 75)")
    depth.add_argument("--json", action="store_true", help="print JSON")
    export = commands.add_parser(
        "export", parents=[common],
        help="write one region's printable safety sheet as a one-page PDF, or a muscle card",
        description="Write REGION's safety sheet as a PDF (runs headless). Exit codes: 0 ok, "
                    "1 invalid data, 2 usage error (unknown region, or FILE cannot be written).")
    export.add_argument("region", metavar="REGION|MUSCLE",
                        help="region or muscle id or name, e.g. gluteal or piriformis; or "
                             "'checklist' for the whole general checklist (several pages)")
    export.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                        help="the PDF to write, e.g. gluteal.pdf (replaced atomically)")
    export.add_argument("--page-size", choices=("a4", "letter"),
                        help="paper size (default: from the locale; Letter in the US, Canada "
                             "and other Letter countries, A4 elsewhere)")
    export.add_argument("--needle", metavar="MM", type=_needle_mm,
                        help="add a page with the depth picture for this needle length (mm)")
    return parser


def _needle_mm(text: str) -> float:
    """A needle length in mm as typed: a number from 1 to 150."""
    import argparse  # already loaded by the parser calling this; local, so no import order ties

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a needle length in mm, e.g. 40")\
            from None
    if not 1 <= value <= 150:
        raise argparse.ArgumentTypeError(f"a needle length from 1 to 150 mm, not {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    codecs.register_error(_ERRORS, _write_back_or_escape)
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 terminal must not crash a report
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=_ERRORS)
    if not (sys.argv[1:] if argv is None else argv):
        # The bare command opens the app: no parser to build (5 ms before the first paint).
        return open_app(paths.data_file_in_use())
    args = build_parser().parse_args(argv)
    data_file = args.data or paths.data_file_in_use()
    try:
        if args.command is None:
            return open_app(data_file)
        if args.command == "check":
            return _check(args.files or [data_file], sys.stdout, not args.no_map)
        data = load_or_report(data_file)
        if data is None:
            return EXIT_INVALID_DATA
        if args.command == "export":
            return _export(data, args.region, args.output, args.page_size, args.needle)
        if args.command == "depth":
            from needleguide.cli_depth import depth_command

            return depth_command(data, args.region, args.needle, args.json, sys.stdout)
        if args.command == "list":
            if args.muscles:
                return _list_muscles(data, args.json, sys.stdout)
            return _list(data, args.json, sys.stdout)
        if args.command == "search":
            return _search(data, data_file, " ".join(args.query), args.json, args.limit,
                           sys.stdout)
        return _show(data, args.region, args.json, sys.stdout)
    except BrokenPipeError:  # e.g. `needleguide show neck | head`
        sys.stderr.close()
        return EXIT_OK


_ERRORS = "needleguide-terminal"


def _write_back_or_escape(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Encoding errors on stdout/stderr: the bytes of a file name the locale could not decode
    (Python keeps them as surrogates) are written back as they were, so a message names the
    file the user gave; any other character the terminal lacks is backslash-escaped."""
    if isinstance(exc, UnicodeEncodeError):
        chunk = exc.object[exc.start:exc.end]
        if all("\udc80" <= c <= "\udcff" for c in chunk):
            return bytes(ord(c) - 0xDC00 for c in chunk), exc.end
    return codecs.backslashreplace_errors(exc)


def gui_main() -> int:
    """The `needleguide-gui` launcher: the app only, with no console window on Windows."""
    return main([])


def open_app(data_file: Path) -> int:
    problem = _no_display()
    if problem:
        print(f"needleguide: {problem}", file=sys.stderr)
        return EXIT_USAGE
    # Start-up makes tens of thousands of objects (Qt's Python types, the data) and keeps
    # them: the cyclic collector would scan them again and again for nothing (6 ms before the
    # first paint). The app turns it back on once the window has painted.
    gc.disable()
    from needleguide.app import run_app  # Qt is imported only here

    return run_app(data_file)


def _no_display() -> str:
    """Why the app cannot open a window here, or ''. Without this check Qt aborts the process
    with a misleading message about missing libraries."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return ("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
            "Start it from a desktop session; 'needleguide list', 'show', 'check' and "
            "'export' work without one.")


def load_or_report(path: Path) -> ReferenceData | None:
    missing = paths.missing_shipped_data(path)
    if missing:
        print(f"needleguide: {missing}", file=sys.stderr)
        return None
    # Reading the cache makes every object of the data at once and frees none: the cyclic
    # collector would rescan them for nothing (at 100x, 75 of 120 ms). The loader does the
    # same for a fresh load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return load_cached(path)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"needleguide: {path} is not valid; run 'needleguide check {path}' after fixing "
              "it", file=sys.stderr)
        return None
    finally:
        if collecting:
            gc.enable()


def _check(files: list[Path], out: TextIO, with_map: bool = True) -> int:
    from needleguide.core.bodymap import map_problems, shipped_map_files
    from needleguide.core.loader import load  # check always validates afresh, not from cache

    from needleguide.core.vocabulary import load_vocabulary

    status = EXIT_OK
    for path in files:
        if path.name == paths.VOCABULARY_NAME:  # checked against the data file beside it
            path = path.parent / paths.default_data_file().name
        try:
            data = load(path)
            problems = (map_problems(data, shipped_map_files(paths.resources_dir()))
                        if with_map else [])
            if problems:
                raise DataError(problems)
            print(f"{path}: ok", file=out)
        except DataError as exc:
            print(exc, file=out)
            status = EXIT_INVALID_DATA
            continue
        vocabulary = path.parent / paths.VOCABULARY_NAME
        if vocabulary.is_file():  # the search vocabulary must lead to entries of this data
            try:
                load_vocabulary(vocabulary, data)
                print(f"{vocabulary}: ok", file=out)
            except DataError as exc:
                print(exc, file=out)
                status = EXIT_INVALID_DATA
    return status


def _list(data: ReferenceData, as_json: bool, out: TextIO) -> int:
    if as_json:
        import json

        json.dump([{"id": r.id, "name": r.name} for r in data.regions], out, indent=2,
                  ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    width = max(len(r.id) for r in data.regions)
    for region in data.regions:
        print(f"{region.id:<{width}}  {region.name}", file=out)
    return EXIT_OK


def _saved_notes() -> dict[str, str]:
    """Your notes as the app last saved them (read only), so search finds them here too."""
    from needleguide.store.notes import saved_notes

    try:
        return saved_notes(paths.app_data_dir())
    except paths.AppDataError:
        return {}


def _search(data: ReferenceData, data_file: Path, query: str, as_json: bool, limit: int,
            out: TextIO) -> int:
    from needleguide.core.search import NO_MATCH, SearchIndex
    from needleguide.core.vocabulary import Vocabulary, load_vocabulary

    try:
        vocabulary = load_vocabulary(paths.vocabulary_file_for(data_file))
    except DataError as exc:  # search still works; check says how to fix it
        print(exc, file=sys.stderr)
        print("needleguide: searching without the vocabulary (drug names, lay words)",
              file=sys.stderr)
        vocabulary = Vocabulary()
    hits = SearchIndex(data, _saved_notes(), vocabulary).search(query, limit=max(1, limit))
    message = NO_MATCH.format(query=" ".join(query.split())) if not hits else ""
    if as_json:
        import json

        json.dump({"query": query, "message": message, "results": [
            {"kind": h.kind, "where": h.where, "title": h.title, "text": h.matched,
             "explanation": h.explanation, "page": {"kind": h.page[0], "id": h.page[1]},
             "anchor": h.anchor, "level": h.level, "via": h.via, "means": h.means,
             "rank": h.tier} for h in hits]}, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    import textwrap

    width = max(40, min(_terminal_columns(), 100))
    if not hits:
        out.write(textwrap.fill(message, width) + "\n")
        return EXIT_OK
    for number, hit in enumerate(hits, 1):
        page = ":".join(p for p in hit.page if p) or "checklist"
        out.write(textwrap.fill(f"{number:>2}  {hit.title}  [{page}]", width,
                                subsequent_indent="    ") + "\n")
        out.write(textwrap.fill(hit.explanation, width, initial_indent="    ",
                                subsequent_indent="    ") + "\n")
    return EXIT_OK


def _list_muscles(data: ReferenceData, as_json: bool, out: TextIO) -> int:
    if as_json:
        import json

        json.dump([{"id": m.id, "name": m.name, "regions": list(m.regions)}
                   for m in data.muscles], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    width = max((len(m.id) for m in data.muscles), default=0)
    for muscle in data.muscles:
        print(f"{muscle.id:<{width}}  {muscle.name}  ({', '.join(muscle.regions)})", file=out)
    return EXIT_OK


def _muscle_first(data: ReferenceData, query: str, region: Region | None) -> MuscleCard | None:
    """The muscle card ``query`` names, unless it is a region's own id or name: a muscle's
    name may also be a region synonym ('piriformis'), and then the card is meant."""
    from needleguide.core.muscle_card import find_muscle
    from needleguide.core.text import fold

    muscle = find_muscle(data, query)
    if muscle is None or (region is not None and fold(query) in (fold(region.id),
                                                                 fold(region.name))):
        return None
    return muscle


def _show(data: ReferenceData, query: str, as_json: bool, out: TextIO) -> int:
    region = find_region(data, query)
    muscle = _muscle_first(data, query, region)
    if muscle is not None:
        from needleguide.cli_muscle import muscle_json, muscle_text

        if as_json:
            import json

            json.dump(muscle_json(data, muscle), out, indent=2, ensure_ascii=False)
            out.write("\n")
        else:
            out.write(muscle_text(data, muscle, _terminal_columns()))
        return EXIT_OK
    if region is None:
        valid = ", ".join(r.id for r in data.regions)
        muscles = ", ".join(m.id for m in data.muscles)
        print(f"needleguide: unknown region '{query}', and no muscle card has that name. "
              f"Valid regions: {valid}" + (f". Muscles: {muscles}" if muscles else ""),
              file=sys.stderr)
        return EXIT_USAGE
    if as_json:
        import json

        json.dump(region_json(data, region), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(card_text(data, build_card(data, region), _terminal_columns()))
    return EXIT_OK


def _export(data: ReferenceData, query: str, output: Path, page_size: str | None,
            needle: float | None = None) -> int:
    """Write the region's sheet (or a muscle card, or for ``checklist`` the whole general
    checklist) as a PDF. Qt is imported here only: the other commands stay Qt-free."""
    region = find_region(data, query)
    if region is None and query.strip().lower() == "checklist":
        return _export_checklist(data, output, page_size)
    muscle = _muscle_first(data, query, region)
    if muscle is not None:
        return _export_muscle(data, muscle, output, page_size)
    if region is None:
        valid = ", ".join(r.id for r in data.regions)
        print(f"needleguide: unknown region '{query}'. Valid regions: {valid}", file=sys.stderr)
        return EXIT_USAGE
    from needleguide import sheet  # Qt is imported only here

    return _write_pdf(output, page_size, region.name,
                      lambda size: sheet.write_pdf(data, region, output, page_size=size,
                                                   needle=needle).pages)


def _export_muscle(data: ReferenceData, muscle: MuscleCard, output: Path,
                   page_size: str | None) -> int:
    from needleguide import muscle_sheet  # Qt is imported only here

    return _write_pdf(output, page_size, muscle.name,
                      lambda size: muscle_sheet.write_muscle_pdf(data, muscle, output,
                                                                 page_size=size))


def _export_checklist(data: ReferenceData, output: Path, page_size: str | None) -> int:
    from needleguide import checklist_sheet  # Qt is imported only here

    return _write_pdf(output, page_size, "general checklist",
                      lambda size: checklist_sheet.write_checklist_pdf(data, output,
                                                                       page_size=size))


def _write_pdf(output: Path, page_size: str | None, what: str,
               write: Callable[[str], int]) -> int:
    """Run ``write`` (given the paper size, returning the page count) headless, and say what
    was written, or why not (exit 2)."""
    from needleguide import sheet  # Qt is imported only here

    sheet.ensure_gui_application()
    size = page_size or sheet.default_page_size()
    try:
        count = write(size)
    except sheet.SheetError as exc:
        print(f"needleguide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    pages = "1 page" if count == 1 else f"{count} pages"
    paper = {"a4": "A4", "letter": "Letter"}[size]
    print(f"needleguide: wrote {output} ({what}, {paper}, {pages})")
    return EXIT_OK


def _terminal_columns() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):  # not a terminal: honour COLUMNS
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() else 88


def region_json(data: ReferenceData, region: Region) -> dict[str, Any]:
    """The region as one JSON object; every fact lists the ids of its sources."""
    card = build_card(data, region)
    return {
        "id": region.id,
        "name": region.name,
        "view": region.view.value,
        "data_version": data.version,
        "data_updated": data.updated.isoformat(),
        "muscles": [{"name": m.name, "note": m.note, "sources": list(m.sources)}
                    for m in region.muscles],
        "structures": [{"id": s.structure.id, "name": s.structure.name,
                        "kind": s.structure.kind.value, "relation": s.relation,
                        "sources": list(s.sources)} for s in region.structures],
        "conditions": [{"id": c.condition.id, "name": c.condition.name, "note": c.note,
                        "sources": list(c.sources)} for c in region.conditions],
        "cautions": [{"level": c.level.value, "text": c.text, "sources": list(c.sources)}
                     for c in region.cautions_by_severity],
        "distances": [{"what": d.what, "figure": d.figure,
                       "sample": {"n": d.sample.n, "who": d.sample.who,
                                  "method": d.sample.method, "position": d.sample.position},
                       "sources": list(d.sources)} for d in region.distances],
        "corrections": [{"claim": c.claim, "claimed_by": c.claimed_by, "evidence": c.evidence,
                         "sources": list(c.sources)} for c in region.corrections],
        "sources": [{"id": s.id, "citation": s.citation, "kind": s.kind.value}
                    for s in card.sources],
    }


def card_text(data: ReferenceData, card: Card, columns: int = 88) -> str:
    """The card for a terminal: danger first and marked, sources numbered at the end."""
    import textwrap

    width = max(40, min(columns, 100))
    lines: list[str] = []

    def para(text: str, indent: str, later: str | None = None) -> None:
        lines.extend(textwrap.wrap(text, width, initial_indent=indent,
                                   subsequent_indent=later if later is not None else indent,
                                   break_on_hyphens=False) or [indent])

    region = card.region
    lines.append(f"{region.name.upper()}  ({region.view.value} of the body)")
    if region.summary:
        para(region.summary, "")
    para(f"Data {data.version}, updated {data.updated.isoformat()}. {DISCLAIMER}", "")
    seen = glance(card)
    if seen.dangers or seen.structures:
        lines.append("")
        if seen.dangers:
            count = len(seen.dangers)
            para(f"{count} danger{'s' if count != 1 else ''}: "
                 + " \u00b7 ".join(words for words, _ in seen.dangers), "", "  ")
        for kind, items in seen.structures:
            para(f"{kind}: " + ", ".join(name for name, _ in items), "", "  ")
    return sections_text(lines, card.sections, card.sources, width,
                         distance_rows(region, card.numbers))


def sections_text(lines: list[str], sections: tuple[Section, ...],
                  sources: tuple[Source, ...], width: int,
                  distances: tuple[DistanceRow, ...] | None = None) -> str:
    """Card sections for a terminal after ``lines`` (the heading): danger marked, reported
    distances as a table when given, sources numbered at the end. Shared by region and
    muscle cards."""
    import textwrap  # the commands that print need it; the bare command (the app) does not

    def para(text: str, indent: str, later: str | None = None) -> None:
        lines.extend(textwrap.wrap(text, width, initial_indent=indent,
                                   subsequent_indent=later if later is not None else indent,
                                   break_on_hyphens=False) or [indent])

    numbers_of = numbering(sources)

    def refs(numbers: tuple[int, ...]) -> str:
        return " [" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""

    last_title = ""
    for section in sections:
        if section.title != last_title:
            lines.append("")
            lines.append(section.title.upper())
            last_title = section.title
        if section.group:
            lines.append(f"  {section.group}")
        if section.key is SectionKind.DISTANCES and distances is not None:
            rows = [(r.site, r.figure, r.sample, r.method, refs(r.sources).strip())
                    for r in distances]
            lines.extend(text_table(("Site", "Figure", "Sample", "Method", "Source"), rows,
                                    width, (30, 26, 24, 14, 6), "  "))
            continue
        indent = "    " if section.group else "  "
        for entry in section.entries:
            cited = refs(numbers_of(entry.sources))
            if entry.level is Level.DANGER:
                para(f"!! DANGER: {entry.detail}{cited}", indent, indent + "   ")
            elif entry.level is not None:
                para(f"{entry.title.upper()}: {entry.detail}{cited}", indent, indent + "   ")
            elif entry.detail:
                para(f"{entry.title} \u2014 {entry.detail}{cited}", indent, indent + "   ")
            elif entry.title:
                para(f"{entry.title}{cited}", indent, indent + "   ")
            else:
                para(f"{entry.detail}{cited}", indent, indent + "   ")
    lines.append("")
    lines.append("SOURCES")
    for number, source in enumerate(sources, 1):
        para(f"[{number}] {source.citation} ({source.kind.label}"
             f"{'; ' + source.note if source.note else ''})", "  ", "      ")
    return "\n".join(lines) + "\n"


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int,
               shares: Sequence[int], indent: str = "") -> list[str]:
    """A plain-text table: each cell wrapped in its column (``shares`` are percentages of
    the width), columns two spaces apart, a rule under the headers."""
    import textwrap
    room = width - len(indent) - 2 * (len(headers) - 1)
    widths = [max(6, room * share // 100) for share in shares]
    out = []

    def add(cells: Sequence[str]) -> None:
        wrapped = [textwrap.wrap(c, w, break_on_hyphens=False) or [""]
                   for c, w in zip(cells, widths)]
        for n in range(max(len(w) for w in wrapped)):
            parts = [(w[n] if n < len(w) else "").ljust(size)
                     for w, size in zip(wrapped, widths)]
            out.append((indent + "  ".join(parts)).rstrip())

    add(headers)
    out.append(indent + "  ".join("-" * w for w in widths))
    for row in rows:
        add(row)
    return out
