"""Every problem the loader finds, as a data editor reads it: ``FILE:LINE:COL: message``.

Each case makes one mistake in the small valid file (tests/data/minimal.yaml, with the muscle
card of test_muscles.py where ``card``) and pins every problem reported, in order: where it is
(the line is found by its text, so the table reads like the file) and the exact words, which
name the field, the entry it belongs to and how to fix it. Nothing more may be reported: a
spurious problem costs the editor a round. ``first_only`` cases pin the first problem only
(the entry the mistake is in is dropped, and what cites it is reported after it).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from needleguide.core.errors import DataError
from needleguide.core.loader import load_text
from tests.conftest import MINIMAL
from tests.core.test_muscles import with_card


class At(NamedTuple):
    """A problem on the line whose text is ``line`` (its ``nth`` occurrence), at ``col``."""

    line: str
    col: int
    message: str
    nth: int = 1


class Case(NamedTuple):
    name: str
    edits: list[tuple[str, str]]  # (old, new), each replaced once, in order
    problems: list[At]
    first_only: bool = False
    card: bool = False  # the file has the muscle card of test_muscles.py


CASES = [
    Case("unknown top-level field, no close match",
         [('version: "test-1"\n', 'version: "test-1"\ncolour: red\n')],
         [At("colour: red", 1,
             "unknown field 'colour' in the data file; allowed: version, updated, "
             "sources, structures, conditions, regions, safety, after_events, muscles")]),
    Case("unknown top-level field, a close match",
         [('version: "test-1"\n', 'version: "test-1"\nregion: []\n')],
         [At("region: []", 1,
             "unknown field 'region' in the data file; did you mean 'regions'?")]),
    Case("missing required top-level field",
         [('version: "test-1"\n', "")],
         [At('updated: "2026-01-02"', 1,
             "the data file is missing the required field 'version'")]),
    Case("text given a list",
         [('version: "test-1"', "version: [a]")],
         [At("version: [a]", 10,
             "version should be text, not a list")]),
    Case("text given a mapping",
         [('version: "test-1"', "version: {a: b}")],
         [At("version: {a: b}", 10,
             "version should be text, not a mapping")]),
    Case("blank text",
         [('version: "test-1"', 'version: "  "')],
         [At('version: "  "', 10,
             "version is empty; write the text or remove the field")]),
    Case("null text",
         [('version: "test-1"', "version:")],
         [At("version:", 9,
             "version is empty; write the text or remove the field")]),
    Case("a date in another format",
         [('updated: "2026-01-02"', 'updated: "02.01.2026"')],
         [At('updated: "02.01.2026"', 10,
             "updated should be a real date written YYYY-MM-DD, not '02.01.2026'")]),
    Case("an impossible date",
         [('updated: "2026-01-02"', 'updated: "2026-02-30"')],
         [At('updated: "2026-02-30"', 10,
             "updated should be a real date written YYYY-MM-DD, not '2026-02-30'")]),
    Case("a list not a list",
         [("    synonyms: [top]", "    synonyms: top")],
         [At("    synonyms: top", 15,
             "synonyms of region 'upper-test' should be a list (items starting with '- ')")]),
    Case("a required list empty",
         [("    cautions:\n      - level: warning\n        text: A warning note.\n        "
           "sources: [GUIDE1]",
           "    cautions: []")],
         [At("    cautions: []", 15,
             "cautions of region 'lower-test' needs at least one item")]),
    Case("a structure not a mapping",
         [("  - id: test-lung\n    name: Test lung\n    kind: organ\n", "  - test-lung\n")],
         [At("  - test-lung", 5,
             "a structure should be a mapping of fields (id, name, kind, synonyms)"),
          At("      - structure: test-lung", 20,
             "unknown structure 'test-lung'; did you mean 'test-nerve'?")]),
    Case("source id style",
         [("  - id: BLOG1", "  - id: blog-1"),
          ("sources: [BLOG1]", "sources: [blog-1]"),
          ("sources: [GUIDE1, BLOG1]", "sources: [GUIDE1, blog-1]"),
          ("claimed_by: BLOG1", "claimed_by: blog-1")],
         [At("  - id: blog-1", 9,
             "source id 'blog-1' is not a valid id; use the brief's tag in capitals, e.g. "
             "BRADY2014")], first_only=True),
    Case("source kind",
         [("    kind: clinic-blog", "    kind: blog")],
         [At("    kind: blog", 11,
             "evidence kind of source 'BLOG1' must be one of guideline, "
             "systematic-review, rct, cadaver, imaging, case-report, survey, anatomy-reference, "
             "review, clinic-blog; not 'blog'")]),
    Case("source year too early",
         [("    year: 2020", "    year: 1799")],
         [At("    year: 1799", 11,
             "year of source 'GUIDE1' should be a whole number from 1800 to 2100, not "
             "'1799'")]),
    Case("source year too late",
         [("    year: 2020", "    year: 2101")],
         [At("    year: 2101", 11,
             "year of source 'GUIDE1' should be a whole number from 1800 to 2100, not "
             "'2101'")]),
    Case("source year not digits",
         [("    year: 2020", "    year: 2020.0")],
         [At("    year: 2020.0", 11,
             "year of source 'GUIDE1' should be a whole number from 1800 to 2100, not "
             "'2020.0'")]),
    Case("source year ten digits",
         [("    year: 2020", "    year: 1234567890")],
         [At("    year: 1234567890", 11,
             "year of source 'GUIDE1' should be a whole number from 1800 to 2100, not "
             "'1234567890'")]),
    Case("source without read",
         [("    read: full text\n", "")],
         [At("  - id: BLOG1", 5,
             "source 'BLOG1' does not say what of it was read; add read: (e.g. read: "
             "abstract)")]),
    Case("source without address",
         [("    url: https://example.org/blog\n", "")],
         [At("  - id: BLOG1", 5,
             "source 'BLOG1' has no address of the copy read; add url:, doi: or pmid:")]),
    Case("duplicate source id",
         [("  - id: BLOG1\n", "  - id: GUIDE1\n")],
         [At("  - id: GUIDE1", 9,
             "duplicate source id 'GUIDE1' (first at line 5); ids must be unique", nth=2),
          At("        sources: [GUIDE1, BLOG1]", 27,
             "unknown source 'BLOG1' cited by condition 'test-syndrome' in region "
             "'upper-test'; add it to sources first"),
          At("        sources: [BLOG1]", 19,
             "unknown source 'BLOG1' cited by a caution in region 'upper-test'; add it to "
             "sources first"),
          At("        claimed_by: BLOG1", 21,
             "unknown source 'BLOG1' in claimed_by; add it to sources first")]),
    Case("source never cited",
         [("structures:\n",
           "  - id: SPARE1\n    kind: review\n    title: Spare\n    read: abstract\n    pmid: "
           "'1'\nstructures:\n")],
         [At("  - id: SPARE1", 9,
             "source 'SPARE1' is never cited; cite it from a fact or remove it")]),
    Case("source list written as a word",
         [("        sources: [BLOG1]", "        sources: BLOG1")],
         [At("        sources: BLOG1", 18,
             "sources of a caution in region 'upper-test' should be a list, e.g. [BLOG1]")]),
    Case("source list empty",
         [("        sources: [BLOG1]", "        sources: []")],
         [At("        sources: []", 18,
             "a caution in region 'upper-test' cites no source; every fact needs at least "
             "one source id, e.g. sources: [BRADY2014]")]),
    Case("source list missing value",
         [("        sources: [BLOG1]", "        sources:")],
         [At("        sources:", 17,
             "a caution in region 'upper-test' cites no source; every fact needs at least "
             "one source id, e.g. sources: [BRADY2014]")]),
    Case("source list a mapping",
         [("        sources: [BLOG1]", "        sources: {a: b}")],
         [At("        sources: {a: b}", 18,
             "a caution in region 'upper-test' cites no source; every fact needs at least "
             "one source id, e.g. sources: [BRADY2014]")]),
    Case("unknown source, close",
         [("        sources: [BLOG1]", "        sources: [BLOG2]")],
         [At("        sources: [BLOG2]", 19,
             "unknown source 'BLOG2' cited by a caution in region 'upper-test'; did you "
             "mean 'BLOG1'?")]),
    Case("unknown source, far",
         [("        sources: [BLOG1]", "        sources: [XYZ]")],
         [At("        sources: [XYZ]", 19,
             "unknown source 'XYZ' cited by a caution in region 'upper-test'; add it to "
             "sources first")]),
    Case("source cited twice",
         [("        sources: [BLOG1]", "        sources: [BLOG1, BLOG1]")],
         [At("        sources: [BLOG1, BLOG1]", 26,
             "source 'BLOG1' is cited twice by a caution in region 'upper-test'")]),
    Case("source id empty in a list",
         [("        sources: [BLOG1]", "        sources: [BLOG1, '']")],
         [At("        sources: [BLOG1, '']", 26,
             "a source id of a caution in region 'upper-test' is empty; write the text or "
             "remove the field")]),
    Case("structure id style",
         [("  - id: test-lung\n", "  - id: Test_Lung\n"),
          ("structure: test-lung", "structure: Test_Lung")],
         [At("  - id: Test_Lung", 9,
             "structure id 'Test_Lung' is not a valid id; use lower case with hyphens")],
         first_only=True),
    Case("structure kind",
         [("    kind: organ", "    kind: bone")],
         [At("    kind: bone", 11,
             "kind of structure 'test-lung' must be one of nerve, vessel, organ, cns; not "
             "'bone'")]),
    Case("structure name empty",
         [("    name: Test lung", "    name: ''")],
         [At("    name: ''", 11,
             "name of structure 'test-lung' is empty; write the text or remove the field")]),
    Case("structure duplicate id",
         [("  - id: test-lung\n", "  - id: test-nerve\n")],
         [At("  - id: test-nerve", 9,
             "duplicate structure id 'test-nerve' (first at line 19); ids must be unique", nth=2),
          At("      - structure: test-lung", 20,
             "unknown structure 'test-lung'; did you mean 'test-nerve'?")]),
    Case("structure synonym empty",
         [("    synonyms: [probe nerve]", "    synonyms: [probe nerve, '']")],
         [At("    synonyms: [probe nerve, '']", 29,
             "each of synonyms of structure 'test-nerve' is empty; write the text or "
             "remove the field")]),
    Case("condition id style",
         [("  - id: test-syndrome", "  - id: TS1")],
         [At("  - id: TS1", 9,
             "condition id 'TS1' is not a valid id; use lower case with hyphens")],
         first_only=True),
    Case("condition name missing",
         [("    name: Test syndrome\n", "")],
         [At("  - id: test-syndrome", 5,
             "a condition is missing the required field 'name'")]),
    Case("condition duplicate",
         [("conditions:\n  - id: test-syndrome\n    name: Test syndrome\n",
           "conditions:\n  - id: test-syndrome\n    name: Test syndrome\n  - id: test-syndrome\n"
           "    name: Other\n")],
         [At("  - id: test-syndrome", 9,
             "duplicate condition id 'test-syndrome' (first at line 27); ids must be "
             "unique", nth=2)]),
    Case("region id style",
         [("  - id: lower-test", "  - id: Lower Test")],
         [At("  - id: Lower Test", 9,
             "region id 'Lower Test' is not a valid id; use lower case with hyphens, e.g. "
             "upper-back")]),
    Case("region name empty",
         [("    name: Lower test", "    name: ' '")],
         [At("    name: ' '", 11,
             "name of region 'lower-test' is empty; write the text or remove the field")]),
    Case("region view",
         [("    view: front", "    view: side")],
         [At("    view: side", 11,
             "view of region 'lower-test' must be one of front, back; not 'side'")]),
    Case("region summary empty",
         [("    synonyms: [top]\n", "    synonyms: [top]\n    summary: ''\n")],
         [At("    summary: ''", 14,
             "summary of region 'upper-test' is empty; write the text or remove the field")]),
    Case("region duplicate",
         [("  - id: lower-test", "  - id: upper-test")],
         [At("  - id: upper-test", 9,
             "duplicate region id 'upper-test' (first at line 31); ids must be unique", nth=2)]),
    Case("structure listed twice in a region",
         [("      - structure: test-lung\n        relation: Lies deep to the ribs.",
           "      - structure: test-nerve\n        relation: Lies deep to the ribs.")],
         [At("      - structure: test-nerve", 20,
             "structure 'test-nerve' is listed twice in region 'upper-test'; merge the "
             "two entries", nth=2)]),
    Case("condition listed twice in a region",
         [("    cautions:\n      - level: warning",
           "      - condition: test-syndrome\n        note: Again.\n        sources: [GUIDE1]\n "
           "   cautions:\n      - level: warning")],
         [At("      - condition: test-syndrome", 20,
             "condition 'test-syndrome' is listed twice in region 'lower-test'; merge the "
             "two entries", nth=3)]),
    Case("region field unknown",
         [("    view: front\n", "    view: front\n    colour: red\n")],
         [At("    colour: red", 5,
             "unknown field 'colour' in a region; allowed: id, name, view, muscles, "
             "structures, conditions, cautions, synonyms, summary, corrections, distances")]),
    Case("region missing cautions",
         [("    cautions:\n      - level: warning\n        text: A warning note.\n        "
           "sources: [GUIDE1]\n",
           "")],
         [At("  - id: lower-test", 5,
             "a region is missing the required field 'cautions'")]),
    Case("muscle name empty",
         [("      - name: Other muscle", "      - name: ''")],
         [At("      - name: ''", 15,
             "muscle name in region 'lower-test' is empty; write the text or remove the "
             "field")]),
    Case("muscle note empty",
         [("      - name: Other muscle\n", "      - name: Other muscle\n        note: ''\n")],
         [At("        note: ''", 15,
             "note of muscle 'Other muscle' in region 'lower-test' is empty; write the "
             "text or remove the field")]),
    Case("muscle unknown card, no cards",
         [("      - name: Other muscle\n", "      - name: Other muscle\n        muscle: other\n")],
         [At("        muscle: other", 17,
             "unknown muscle card 'other' linked from muscle 'Other muscle' in region "
             "'lower-test'; define it under muscles: first")]),
    Case("muscle not a mapping",
         [("      - name: Other muscle\n        sources: [GUIDE1]\n", "      - Other muscle\n")],
         [At("      - Other muscle", 9,
             "a muscle of region 'lower-test' should be a mapping of fields (name, "
             "sources, note, muscle)")]),
    Case("at risk unknown structure far",
         [("structure: test-lung", "structure: spleen")],
         [At("      - structure: spleen", 20,
             "unknown structure 'spleen'; define it under structures first")]),
    Case("at risk relation empty",
         [("relation: Lies deep to the ribs.", "relation: ''")],
         [At("        relation: ''", 19,
             "relation of structure 'test-lung' in region 'upper-test' is empty; write "
             "the text or remove the field")]),
    Case("at risk missing relation",
         [("        relation: Lies deep to the ribs.\n", "")],
         [At("      - structure: test-lung", 9,
             "a structure at risk in region 'upper-test' is missing the required field "
             "'relation'")]),
    Case("at risk not mapping",
         [("      - structure: test-lung\n        relation: Lies deep to the ribs.\n        "
           "sources: [GUIDE1]",
           "      - test-lung")],
         [At("      - test-lung", 9,
             "a structure at risk in region 'upper-test' should be a mapping of fields "
             "(structure, relation, sources)")]),
    Case("region condition unknown",
         [("      - condition: test-syndrome\n        note: Also",
           "      - condition: test-syndrom\n        note: Also")],
         [At("      - condition: test-syndrom", 20,
             "unknown condition 'test-syndrom'; did you mean 'test-syndrome'?")]),
    Case("region condition far unknown",
         [("      - condition: test-syndrome\n        note: Also",
           "      - condition: flu\n        note: Also")],
         [At("      - condition: flu", 20,
             "unknown condition 'flu'; define it under conditions first")]),
    Case("region condition note empty",
         [("note: Also needled for it.", "note: ''")],
         [At("        note: ''", 15,
             "note of condition 'test-syndrome' in region 'lower-test' is empty; write "
             "the text or remove the field")]),
    Case("region condition not mapping",
         [("      - condition: test-syndrome\n        note: Also needled for it.\n        "
           "sources: [GUIDE1]",
           "      - [test-syndrome]")],
         [At("      - [test-syndrome]", 9,
             "a condition in region 'lower-test' should be a mapping of fields "
             "(condition, note, sources)")]),
    Case("caution level",
         [("      - level: warning", "      - level: high")],
         [At("      - level: high", 16,
             "level of a caution in region 'lower-test' must be one of danger, warning, "
             "info; not 'high'")]),
    Case("caution text empty",
         [("text: A warning note.", "text: ''")],
         [At("        text: ''", 15,
             "text of a caution in region 'lower-test' is empty; write the text or remove "
             "the field")]),
    Case("caution not mapping",
         [("      - level: warning\n        text: A warning note.\n        sources: [GUIDE1]",
           "      - A warning note.")],
         [At("      - A warning note.", 9,
             "a caution in region 'lower-test' should be a mapping of fields (level, "
             "text, sources)")]),
    Case("danger caution on a blog",
         [("        text: A danger note.\n        sources: [GUIDE1]",
           "        text: A danger note.\n        sources: [BLOG1]")],
         [At("      - level: danger", 9,
             "a danger caution in region 'upper-test' rests only on clinic blogs; cite a "
             "guideline, study or anatomy reference")]),
    Case("correction claimed_by unknown",
         [("claimed_by: BLOG1", "claimed_by: BLOG2")],
         [At("        claimed_by: BLOG2", 21,
             "unknown source 'BLOG2' in claimed_by; add it to sources first")]),
    Case("correction claim empty",
         [("claim: The blog says X.", "claim: ''")],
         [At("      - claim: ''", 16,
             "claim of a correction in region 'upper-test' is empty; write the text or "
             "remove the field")]),
    Case("correction evidence missing",
         [("        evidence: The guideline says Y.\n", "")],
         [At("      - claim: The blog says X.", 9,
             "a correction in region 'upper-test' is missing the required field 'evidence'")]),
    Case("correction not mapping",
         [("      - claim: The blog says X.\n        claimed_by: BLOG1\n        evidence: The "
           "guideline says Y.\n        sources: [GUIDE1]",
           "      - The blog says X.")],
         [At("      - The blog says X.", 9,
             "a correction in region 'upper-test' should be a mapping of fields (claim, "
             "claimed_by, evidence, sources)")]),
    Case("distance what empty",
         [("what: Skin to rib", "what: ''")],
         [At("      - what: ''", 15,
             "what of a distance in region 'upper-test' is empty; write the text or "
             "remove the field")]),
    Case("distance figure empty",
         [('figure: "2.1 ± 0.4 cm"', "figure: ''")],
         [At("        figure: ''", 17,
             "figure of distance 'Skin to rib' is empty; write the text or remove the "
             "field")]),
    Case("distance sample missing",
         [("        sample: {n: 62, who: adults, method: ultrasound, position: prone}\n", "")],
         [At("      - what: Skin to rib", 9,
             "a distance in region 'upper-test' is missing the required field 'sample'")]),
    Case("distance not mapping",
         [('      - what: Skin to rib\n        figure: "2.1 ± 0.4 cm"\n        sample: {n: 62, '
           "who: adults, method: ultrasound, position: prone}\n        sources: [GUIDE1]",
           "      - Skin to rib")],
         [At("      - Skin to rib", 9,
             "a distance in region 'upper-test' should be a mapping of fields (what, "
             "figure, sample, sources, numbers)")]),
    Case("sample n zero",
         [("n: 62", "n: 0")],
         [At("        sample: {n: 0, who: adults, method: ultrasound, position: prone}", 21,
             "n of the sample of distance 'Skin to rib' should be a whole number from 1 "
             "to 10000000, not '0'")]),
    Case("sample n too big",
         [("n: 62", "n: 10000001")],
         [At("        sample: {n: 10000001, who: adults, method: ultrasound, position: prone}", 21,
             "n of the sample of distance 'Skin to rib' should be a whole number from 1 "
             "to 10000000, not '10000001'")]),
    Case("sample who empty",
         [("who: adults", "who: ''")],
         [At("        sample: {n: 62, who: '', method: ultrasound, position: prone}", 30,
             "who of the sample of distance 'Skin to rib' is empty; write the text or "
             "remove the field")]),
    Case("sample method missing",
         [("method: ultrasound, ", "")],
         [At("        sample: {n: 62, who: adults, position: prone}", 17,
             "the sample of distance 'Skin to rib' is missing the required field 'method'")]),
    Case("sample position empty",
         [("position: prone}", "position: ''}")],
         [At("        sample: {n: 62, who: adults, method: ultrasound, position: ''}", 68,
             "position of the sample of distance 'Skin to rib' is empty; write the text "
             "or remove the field")]),
    Case("sample not mapping",
         [("sample: {n: 62, who: adults, method: ultrasound, position: prone}",
           "sample: 62 adults")],
         [At("        sample: 62 adults", 17,
             "the sample of distance 'Skin to rib' should be a mapping of fields (n, who, "
             "method, position)")]),
    Case("safety section id",
         [("  - id: screening", "  - id: Screening")],
         [At("  - id: Screening", 9,
             "safety section id 'Screening' is not a valid id; use lower case with hyphens")]),
    Case("safety title empty",
         [("    title: Screening", "    title: ''")],
         [At("    title: ''", 12,
             "title of safety section 'screening' is empty; write the text or remove the "
             "field")]),
    Case("safety items empty",
         [("    items:\n      - text: Screen first.\n        sources: [GUIDE1]\n        level: "
           "warning",
           "    items: []")],
         [At("    items: []", 12,
             "items of safety section 'screening' needs at least one item")]),
    Case("safety not mapping",
         [("  - id: screening\n    title: Screening\n    items:\n      - text: Screen first.\n  "
           "      sources: [GUIDE1]\n        level: warning",
           "  - screening")],
         [At("  - screening", 5,
             "a safety section should be a mapping of fields (id, title, items)")]),
    Case("safety item not mapping",
         [("      - text: Screen first.\n        sources: [GUIDE1]\n        level: warning",
           "      - Screen first.")],
         [At("      - Screen first.", 9,
             "an item of safety section 'screening' should be a mapping of fields (text, "
             "sources, level)")]),
    Case("safety item level",
         [("        level: warning", "        level: urgent")],
         [At("        level: urgent", 16,
             "level of an item in safety section 'screening' must be one of danger, "
             "warning, info; not 'urgent'")]),
    Case("safety item text empty",
         [("      - text: Screen first.", "      - text: ''")],
         [At("      - text: ''", 15,
             "text of an item in safety section 'screening' is empty; write the text or "
             "remove the field")]),
    Case("safety duplicate",
         [("safety:\n",
           "safety:\n  - id: screening\n    title: Again\n    items:\n      - text: x\n        "
           "sources: [GUIDE1]\n")],
         [At("  - id: screening", 9,
             "duplicate safety section id 'screening' (first at line 85); ids must be "
             "unique", nth=2)]),
    Case("safety item level empty",
         [("        level: warning", "        level: ''")],
         [At("        level: ''", 16,
             "level of an item in safety section 'screening' is empty; write the text or "
             "remove the field")]),
    Case("synonym naming two regions",
         [("    view: front\n", "    view: front\n    synonyms: [TOP]\n")],
         [At("    synonyms: [TOP]", 16,
             "'TOP' names both region 'upper-test' and region 'lower-test'; a name or "
             "synonym must lead to one entry only")]),
    Case("name of one region is synonym of other",
         [("    view: front\n", "    view: front\n    synonyms: [upper  test]\n")],
         [At("    synonyms: [upper  test]", 16,
             "'upper  test' names both region 'upper-test' and region 'lower-test'; a "
             "name or synonym must lead to one entry only")]),
    Case("condition synonym same as other's name",
         [("conditions:\n", "conditions:\n  - id: other\n    name: ts\n")],
         [At("    synonyms: [TS]", 16,
             "'TS' names both condition 'other' and condition 'test-syndrome'; a name or "
             "synonym must lead to one entry only")]),
    Case("card id style",
         [("  - id: test-muscle", "  - id: Test Muscle"),
          ("muscle: test-muscle", "muscle: Test Muscle")],
         [At("  - id: Test Muscle", 9,
             "muscle id 'Test Muscle' is not a valid id; use lower case with hyphens, "
             "e.g. upper-trapezius")], first_only=True, card=True),
    Case("card name empty",
         [("    name: Test muscle", "    name: ''")],
         [At("    name: ''", 11,
             "name of muscle 'test-muscle' is empty; write the text or remove the field")], card=True),
    Case("card summary empty",
         [("    synonyms: [TM]\n", "    synonyms: [TM]\n    summary: ''\n")],
         [At("    summary: ''", 14,
             "summary of muscle 'test-muscle' is empty; write the text or remove the field")],
         card=True),
    Case("card regions empty",
         [("    regions: [upper-test]", "    regions: []")],
         [At("    regions: []", 14,
             "regions of muscle 'test-muscle' needs at least one item")], card=True),
    Case("a card's region did not load: only its own problem is reported",
         [("    name: Upper test", "    name: ''")],
         [At("    name: ''", 11,
             "name of region 'upper-test' is empty; write the text or remove the field")],
         card=True),
    Case("card region twice",
         [("    regions: [upper-test]", "    regions: [upper-test, upper-test]")],
         [At("    regions: [upper-test, upper-test]", 27,
             "region 'upper-test' is listed twice in muscle 'test-muscle'")], card=True),
    Case("card region empty",
         [("    regions: [upper-test]", "    regions: [upper-test, '']")],
         [At("    regions: [upper-test, '']", 27,
             "a region of muscle 'test-muscle' is empty; write the text or remove the "
             "field")], card=True),
    Case("card region list item",
         [("    regions: [upper-test]", "    regions: [upper-test, [a]]")],
         [At("    regions: [upper-test, [a]]", 27,
             "a region of muscle 'test-muscle' should be text, not a list")], card=True),
    Case("card region unknown far",
         [("    regions: [upper-test]", "    regions: [upper-test, nowhere]")],
         [At("    regions: [upper-test, nowhere]", 27,
             "unknown region 'nowhere' in muscle 'test-muscle'; define it under regions: "
             "first")], card=True),
    Case("card region unknown close",
         [("    regions: [upper-test]", "    regions: [upper-test, lower-tst]")],
         [At("    regions: [upper-test, lower-tst]", 27,
             "unknown region 'lower-tst' in muscle 'test-muscle'; did you mean "
             "'lower-test'?")], card=True),
    Case("card not mapping",
         [("muscles:\n  - id: test-muscle", "muscles:\n  - test-muscle\n  - id: test-muscle")],
         [At("  - test-muscle", 5,
             "a muscle card should be a mapping of fields (id, name, regions, relations, "
             "synonyms, summary, distances, approaches, cautions)")], card=True),
    Case("relation position",
         [("position: deep", "position: under")],
         [At("        position: under", 19,
             "position of a relation of muscle 'test-muscle' must be one of deep, "
             "through, beside, superficial; not 'under'"),
          At("      - structure: test-nerve", 7,
             "muscle 'test-muscle' links no structure at risk; a muscle card needs at "
             "least one read source for a structure at risk (else list the muscle in "
             "OPEN-ITEMS.md as not covered)")], card=True),
    Case("relation text empty",
         [("text: Runs under the test muscle.", "text: ''")],
         [At("        text: ''", 15,
             "text of a relation of muscle 'test-muscle' is empty; write the text or "
             "remove the field"),
          At("      - structure: test-nerve", 7,
             "muscle 'test-muscle' links no structure at risk; a muscle card needs at "
             "least one read source for a structure at risk (else list the muscle in "
             "OPEN-ITEMS.md as not covered)")], card=True),
    Case("relation structure unknown",
         [("      - structure: test-nerve\n        position: deep",
           "      - structure: test-nerv\n        position: deep")],
         [At("      - structure: test-nerv", 20,
             "unknown structure 'test-nerv'; did you mean 'test-nerve'?"),
          At("      - structure: test-nerv", 7,
             "muscle 'test-muscle' links no structure at risk; a muscle card needs at "
             "least one read source for a structure at risk (else list the muscle in "
             "OPEN-ITEMS.md as not covered)")], card=True),
    Case("relation no structure at all",
         [("      - structure: test-nerve\n        position: deep\n        text: Runs under the "
           "test muscle.\n        sources: [GUIDE1]\n",
           "")],
         [At("      - position: beside", 7,
             "muscle 'test-muscle' links no structure at risk; a muscle card needs at "
             "least one read source for a structure at risk (else list the muscle in "
             "OPEN-ITEMS.md as not covered)")], card=True),
    Case("relation not mapping",
         [("      - position: beside\n        text: A fascia beside it.\n        sources: "
           "[GUIDE1]\n",
           "      - beside\n")],
         [At("      - beside", 9,
             "a relation of muscle 'test-muscle' should be a mapping of fields (position, "
             "text, sources, structure)")], card=True),
    Case("relation structure not at risk",
         [("structure: test-nerve\n        position: deep",
           "structure: test-lung\n        position: deep"),
          ("      - structure: test-lung\n        relation: Lies deep to the ribs.\n        "
           "sources: [GUIDE1]\n",
           "")],
         [At("  - id: test-muscle", 9,
             "muscle 'test-muscle' links structure 'test-lung', which none of its regions "
             "(upper-test) lists as at risk; add it to the region first")], card=True),
    Case("approach target empty",
         [("target: The muscle belly", "target: ''")],
         [At("      - target: ''", 17,
             "target of an approach of muscle 'test-muscle' is empty; write the text or "
             "remove the field")], card=True),
    Case("approach position empty",
         [("        position: prone\n", "        position: ''\n")],
         [At("        position: ''", 19,
             "position of an approach of muscle 'test-muscle' is empty; write the text or "
             "remove the field")], card=True),
    Case("approach direction empty",
         [("        position: prone\n", "        position: prone\n        direction: ''\n")],
         [At("        direction: ''", 20,
             "direction of an approach of muscle 'test-muscle' is empty; write the text "
             "or remove the field")], card=True),
    Case("approach not mapping",
         [("      - target: The muscle belly\n        position: prone\n        sources: "
           "[GUIDE1]\n",
           "      - The muscle belly\n")],
         [At("      - The muscle belly", 9,
             "an approach of muscle 'test-muscle' should be a mapping of fields (target, "
             "sources, position, direction)")], card=True),
    Case("card caution level",
         [("      - level: info\n        text: An info note on the muscle.",
           "      - level: low\n        text: An info note on the muscle.")],
         [At("      - level: low", 16,
             "level of a caution in muscle 'test-muscle' must be one of danger, warning, "
             "info; not 'low'")], card=True),
    Case("card danger caution on a blog",
         [("text: A danger note on the muscle.\n        sources: [GUIDE1]",
           "text: A danger note on the muscle.\n        sources: [BLOG1]")],
         [At("      - level: danger", 9,
             "a danger caution in muscle 'test-muscle' rests only on clinic blogs; cite a "
             "guideline, study or anatomy reference")], card=True),
    Case("card distance sample n",
         [("sample: {n: 10,", "sample: {n: ten,")],
         [At("        sample: {n: ten, who: adults, method: ultrasound}", 21,
             "n of the sample of distance 'Skin to nerve' should be a whole number from 1 "
             "to 10000000, not 'ten'")], card=True),
    Case("card id is a region id",
         [("  - id: test-muscle", "  - id: lower-test"),
          ("muscle: test-muscle", "muscle: lower-test")],
         [At("  - id: lower-test", 9,
             "muscle id 'lower-test' is also a region id; give the muscle card another id")],
         card=True),
    Case("region links card not naming it",
         [("    regions: [upper-test]", "    regions: [lower-test]"),
          ("      - structure: test-nerve\n        position: deep",
           "      - structure: test-nerve\n        position: deep")],
         [At("        muscle: test-muscle", 17,
             "region 'upper-test' links muscle card 'test-muscle', whose regions "
             "(lower-test) do not include it")], card=True),
    Case("region links card unknown close",
         [("        muscle: test-muscle", "        muscle: test-musle")],
         [At("        muscle: test-musle", 17,
             "unknown muscle card 'test-musle' linked from muscle 'Test muscle' in region "
             "'upper-test'; did you mean 'test-muscle'?")], card=True),
    Case("two cards share a synonym",
         [("regions:\n  - id: upper-test",
           "  - id: other-muscle\n    name: Other one\n    synonyms: [tm]\n    regions: "
           "[upper-test]\n    relations:\n      - structure: test-nerve\n        position: "
           "deep\n        text: t\n        sources: [GUIDE1]\nregions:\n  - id: upper-test")],
         [At("    synonyms: [tm]", 16,
             "'tm' names both muscle 'test-muscle' and muscle 'other-muscle'; a name or "
             "synonym must lead to one entry only")], card=True),
    Case("card unknown field",
         [("    synonyms: [TM]\n", "    synonyms: [TM]\n    depth: 3 cm\n")],
         [At("    depth: 3 cm", 5,
             "unknown field 'depth' in a muscle card; allowed: id, name, regions, "
             "relations, synonyms, summary, distances, approaches, cautions")], card=True),
    Case("card relations empty",
         [("    relations:\n      - structure: test-nerve\n        position: deep\n        "
           "text: Runs under the test muscle.\n        sources: [GUIDE1]\n      - position: "
           "beside\n        text: A fascia beside it.\n        sources: [GUIDE1]\n",
           "    relations: []\n")],
         [At("    relations: []", 16,
             "relations of muscle 'test-muscle' needs at least one item")], card=True),
    Case("a date without hyphens",
         [('updated: "2026-01-02"', 'updated: "20260102"')],
         [At('updated: "20260102"', 10,
             "updated should be a real date written YYYY-MM-DD, not '20260102'")]),
    Case("a date with a time",
         [('updated: "2026-01-02"', 'updated: "2026-01-02T10:00"')],
         [At('updated: "2026-01-02T10:00"', 10,
             "updated should be a real date written YYYY-MM-DD, not '2026-01-02T10:00'")]),
    Case("a source not a mapping",
         [("structures:\n", "  - SPARE1\nstructures:\n")],
         [At("  - SPARE1", 5,
             "a source should be a mapping of fields (id, kind, title, authors, "
             "published, year, doi, pmid, url, read, note)")]),
    Case("a source id a list",
         [("  - id: BLOG1\n", "  - id: [BLOG1]\n")],
         [At("  - id: [BLOG1]", 9,
             "source id should be text, not a list")], first_only=True),
    Case("a structure id a mapping",
         [("  - id: test-lung\n", "  - id: {a: b}\n")],
         [At("  - id: {a: b}", 9,
             "structure id should be text, not a mapping")], first_only=True),
    Case("a region structure ref a list",
         [("      - structure: test-lung", "      - structure: [test-lung]")],
         [At("      - structure: [test-lung]", 20,
             "structure id in region 'upper-test' should be text, not a list")]),
    Case("a region condition ref a list",
         [("      - condition: test-syndrome\n        note: Also",
           "      - condition: [test-syndrome]\n        note: Also")],
         [At("      - condition: [test-syndrome]", 20,
             "condition id in region 'lower-test' should be text, not a list")]),
    Case("a synonym not text",
         [("    synonyms: [top]", "    synonyms: [[top]]")],
         [At("    synonyms: [[top]]", 16,
             "each of synonyms of region 'upper-test' should be text, not a list")]),
    Case("a name not text",
         [("    name: Lower test", "    name: [Lower test]")],
         [At("    name: [Lower test]", 11,
             "name of region 'lower-test' should be text, not a list")]),
    Case("card region with inner spaces",
         [("    regions: [upper-test]", "    regions: [upper-test, 'lower   test']")],
         [At("    regions: [upper-test, 'lower   test']", 27,
             "unknown region 'lower test' in muscle 'test-muscle'; did you mean "
             "'lower-test'?")], card=True),
    Case("card region twice, then an unknown one",
         [("    regions: [upper-test]", "    regions: [upper-test, upper-test, lower-tst]")],
         [At("    regions: [upper-test, upper-test, lower-tst]", 27,
             "region 'upper-test' is listed twice in muscle 'test-muscle'"),
          At("    regions: [upper-test, upper-test, lower-tst]", 39,
             "unknown region 'lower-tst' in muscle 'test-muscle'; did you mean "
             "'lower-test'?")], card=True),
    Case("checklist item resting on a blog",
         [("      - text: Screen first.\n        sources: [GUIDE1]",
           "      - text: Screen first.\n        sources: [BLOG1]")],
         [At("      - text: Screen first.", 9,
             "an item in safety section 'screening' rests only on clinic blogs; every "
             "checklist and after-event item needs a guideline, study or review")]),
    Case("after-event item resting on a blog",
         [("        level: warning\n",
           "        level: warning\nafter_events:\n  - id: broken-needle\n    title: Broken "
           "needle\n    items:\n      - text: Keep still.\n        sources: [BLOG1]\n")],
         [At("      - text: Keep still.", 9,
             "an item in after-event section 'broken-needle' rests only on clinic blogs; "
             "every checklist and after-event item needs a guideline, study or review")]),
    Case("after-event danger item resting on a blog",
         [("        level: warning\n",
           "        level: warning\nafter_events:\n  - id: broken-needle\n    title: Broken "
           "needle\n    items:\n      - text: Keep still.\n        sources: [BLOG1]\n        "
           "level: danger\n")],
         [At("      - text: Keep still.", 9,
             "a danger item in after-event section 'broken-needle' rests only on clinic "
             "blogs; cite a guideline, study or anatomy reference")]),
    Case("after-event section id",
         [("        level: warning\n",
           "        level: warning\nafter_events:\n  - id: Broken_Needle\n    title: Broken "
           "needle\n    items:\n      - text: Keep still.\n        sources: [GUIDE1]\n")],
         [At("  - id: Broken_Needle", 9,
             "after-event section id 'Broken_Needle' is not a valid id; use lower case "
             "with hyphens")]),
    Case("after-event duplicate of a safety id is fine, twice is not",
         [("        level: warning\n",
           "        level: warning\nafter_events:\n  - id: screening\n    title: Broken needle\n"
           "    items:\n      - text: Keep still.\n        sources: [GUIDE1]\n  - id: "
           "screening\n    title: Broken needle\n    items:\n      - text: Keep still.\n        "
           "sources: [GUIDE1]\n")],
         [At("  - id: screening", 9,
             "duplicate after-event section id 'screening' (first at line 92); ids must "
             "be unique", nth=3)]),
    Case("a distance with numbers and a bad sample",
         [("        sample: {n: 62, who: adults, method: ultrasound, position: prone}\n",
           "        sample: {n: 62, who: adults, method: ultrasound, position: prone}\n        "
           'numbers: {reaches: rib, unit: cm, mean: "2.1", sd: "0.4"}\n'),
          ("{n: 62, who: adults", "{n: 62, who: ''")],
         [At("        sample: {n: 62, who: '', method: ultrasound, position: prone}", 30,
             "who of the sample of distance 'Skin to rib' is empty; write the text or "
             "remove the field"),
          At('        numbers: {reaches: rib, unit: cm, mean: "2.1", sd: "0.4"}', 18,
             "the numbers of distance 'Skin to rib' need the distance's sample (n, who, "
             "method): a number without its sample is never drawn")]),
    Case("two unknown sources in one list",
         [("        sources: [BLOG1]", "        sources: [XYZ, ABC, BLOG1]")],
         [At("        sources: [XYZ, ABC, BLOG1]", 19,
             "unknown source 'XYZ' cited by a caution in region 'upper-test'; add it to "
             "sources first"),
          At("        sources: [XYZ, ABC, BLOG1]", 24,
             "unknown source 'ABC' cited by a caution in region 'upper-test'; add it to "
             "sources first")]),
    Case("an empty source id, then an unknown one",
         [("        sources: [BLOG1]", "        sources: ['', XYZ, BLOG1]")],
         [At("        sources: ['', XYZ, BLOG1]", 19,
             "a source id of a caution in region 'upper-test' is empty; write the text or "
             "remove the field"),
          At("        sources: ['', XYZ, BLOG1]", 23,
             "unknown source 'XYZ' cited by a caution in region 'upper-test'; add it to "
             "sources first")]),
    Case("a source cited twice, then an unknown one",
         [("        sources: [BLOG1]", "        sources: [BLOG1, BLOG1, XYZ]")],
         [At("        sources: [BLOG1, BLOG1, XYZ]", 26,
             "source 'BLOG1' is cited twice by a caution in region 'upper-test'"),
          At("        sources: [BLOG1, BLOG1, XYZ]", 33,
             "unknown source 'XYZ' cited by a caution in region 'upper-test'; add it to "
             "sources first")]),
    Case("region condition resting on a blog",
         [("        note: Also needled for it.\n        sources: [GUIDE1]",
           "        note: Also needled for it.\n        sources: [BLOG1]")],
         [At("      - condition: test-syndrome", 9,
             "condition 'test-syndrome' in region 'lower-test' rests only on clinic "
             "blogs; a condition needled for needs a guideline, study or review", nth=2)]),
    Case("card duplicate id",
         [("regions:\n  - id: upper-test",
           "  - id: test-muscle\n    name: Other\n    regions: [lower-test]\n    relations:\n   "
           "   - structure: test-nerve\n        position: deep\n        text: t\n        "
           "sources: [GUIDE1]\nregions:\n  - id: upper-test")],
         [At("  - id: test-muscle", 9,
             "duplicate muscle id 'test-muscle' (first at line 31); ids must be unique", nth=2)],
         card=True),
    Case("updated given a list",
         [('updated: "2026-01-02"', "updated: [2026-01-02]")],
         [At("updated: [2026-01-02]", 10,
             "updated should be text, not a list")]),
    Case("updated empty",
         [('updated: "2026-01-02"', "updated: ''")],
         [At("updated: ''", 10,
             "updated is empty; write the text or remove the field")]),
    Case("sources not a list",
         [("sources:\n  - id: GUIDE1\n    kind: guideline\n    title: A guideline\n    authors: "
           'Doe J\n    published: "Journal of Tests. 2020;1(1):1-2"\n    year: 2020\n    doi: '
           "10.1000/test\n    read: abstract\n  - id: BLOG1\n    kind: clinic-blog\n    title: "
           "A clinic blog post\n    read: full text\n    url: https://example.org/blog\n",
           "sources: oops\n")],
         [At("sources: oops", 10,
             "sources should be a list (items starting with '- ')")], first_only=True),
    Case("structures not a list",
         [("structures:\n  - id: test-nerve\n    name: Test nerve\n    kind: nerve\n    "
           "synonyms: [probe nerve]\n  - id: test-lung\n    name: Test lung\n    kind: organ\n",
           "structures: oops\n")],
         [At("structures: oops", 13,
             "structures should be a list (items starting with '- ')")], first_only=True),
    Case("conditions not a list",
         [("conditions:\n  - id: test-syndrome\n    name: Test syndrome\n    synonyms: [TS]\n",
           "conditions: oops\n")],
         [At("conditions: oops", 13,
             "conditions should be a list (items starting with '- ')")], first_only=True),
    Case("safety not a list",
         [("safety:\n  - id: screening\n    title: Screening\n    items:\n      - text: Screen "
           "first.\n        sources: [GUIDE1]\n        level: warning\n",
           "safety: oops\n")],
         [At("safety: oops", 9,
             "safety should be a list (items starting with '- ')")], first_only=True),
    Case("muscles not a list",
         [("regions:\n", "muscles: oops\nregions:\n")],
         [At("muscles: oops", 10,
             "muscles should be a list (items starting with '- ')")], first_only=True),
    Case("after_events not a list",
         [("safety:\n", "after_events: oops\nsafety:\n")],
         [At("after_events: oops", 15,
             "after_events should be a list (items starting with '- ')")], first_only=True),
    Case("a name clash after a section that is not a list",
         [("conditions:\n  - id: test-syndrome\n    name: Test syndrome\n    synonyms: [TS]\n",
           "conditions: oops\n"),
          ("    view: front\n", "    view: front\n    synonyms: [TOP]\n")],
         [At("conditions: oops", 13,
             "conditions should be a list (items starting with '- ')"),
          At("      - condition: test-syndrome", 20,
             "unknown condition 'test-syndrome'; define it under conditions first"),
          At("      - condition: test-syndrome", 20,
             "unknown condition 'test-syndrome'; define it under conditions first", nth=2),
          At("    synonyms: [TOP]", 16,
             "'TOP' names both region 'upper-test' and region 'lower-test'; a name or "
             "synonym must lead to one entry only")]),
    Case("a name clash after an entry that is not a mapping",
         [("structures:\n", "structures:\n  - bogus\n"),
          ("    name: Test lung\n    kind: organ\n",
           "    name: Test lung\n    kind: organ\n    synonyms: [Probe nerve]\n")],
         [At("  - bogus", 5,
             "a structure should be a mapping of fields (id, name, kind, synonyms)"),
          At("    synonyms: [Probe nerve]", 16,
             "'Probe nerve' names both structure 'test-nerve' and structure 'test-lung'; "
             "a name or synonym must lead to one entry only")]),
    Case("a name clash after an entry whose id is a list",
         [("  - id: test-nerve\n", "  - id: [test-nerve]\n"),
          ("    name: Test lung\n    kind: organ\n",
           "    name: Test lung\n    kind: organ\n    synonyms: [TS]\n  - id: other-lung\n    "
           "name: Other\n    kind: organ\n    synonyms: [ts]\n")],
         [At("  - id: [test-nerve]", 9,
             "structure id should be text, not a list"),
          At("      - structure: test-nerve", 20,
             "unknown structure 'test-nerve'; did you mean 'test-lung'?"),
          At("      - structure: test-nerve", 20,
             "unknown structure 'test-nerve'; did you mean 'test-lung'?", nth=2),
          At("    synonyms: [ts]", 16,
             "'ts' names both structure 'test-lung' and structure 'other-lung'; a name or "
             "synonym must lead to one entry only")]),
    Case("a name clash after an entry repeating its own name",
         [("    view: front\n", "    view: front\n    synonyms: [Lower Test, TOP]\n")],
         [At("    synonyms: [Lower Test, TOP]", 28,
             "'TOP' names both region 'upper-test' and region 'lower-test'; a name or "
             "synonym must lead to one entry only")]),
    Case("two empty names are not a clash",
         [("    name: Upper test", "    name: ''"),
          ("    name: Lower test", "    name: ''")],
         [At("    name: ''", 11,
             "name of region 'upper-test' is empty; write the text or remove the field"),
          At("    name: ''", 11,
             "name of region 'lower-test' is empty; write the text or remove the field", nth=2)]),
    Case("card structure at risk in none of its regions",
         [("    regions: [upper-test]", "    regions: [upper-test, lower-test]"),
          ("structure: test-nerve\n        position: deep",
           "structure: test-lung\n        position: deep"),
          ("      - structure: test-lung\n        relation: Lies deep to the ribs.\n        "
           "sources: [GUIDE1]\n",
           "")],
         [At("  - id: test-muscle", 9,
             "muscle 'test-muscle' links structure 'test-lung', which none of its regions "
             "(upper-test, lower-test) lists as at risk; add it to the region first")], card=True),
    Case("region links a card naming other regions",
         [("safety:\n",
           "  - id: side-test\n    name: Side test\n    view: back\n    muscles:\n      - name: "
           "Side muscle\n        sources: [GUIDE1]\n    structures:\n      - structure: "
           "test-nerve\n        relation: Runs beside.\n        sources: [GUIDE1]\n    "
           "conditions:\n      - condition: test-syndrome\n        note: Also.\n        "
           "sources: [GUIDE1]\n    cautions:\n      - level: info\n        text: A note.\n      "
           "  sources: [GUIDE1]\nsafety:\n"),
          ("    regions: [upper-test]", "    regions: [lower-test, side-test]")],
         [At("        muscle: test-muscle", 17,
             "region 'upper-test' links muscle card 'test-muscle', whose regions "
             "(lower-test, side-test) do not include it")], card=True),
]


def edited(case: Case) -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    if case.card:
        text = with_card(text)
    for old, new in case.edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def where(text: str, at: At) -> str:
    rows = [n for n, row in enumerate(text.splitlines(), 1) if row == at.line]
    return f"f.yaml:{rows[at.nth - 1]}:{at.col}: {at.message}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_is_reported_where_it_is_in_words_an_editor_can_act_on(case: Case) -> None:
    text = edited(case)
    with pytest.raises(DataError) as info:
        load_text(text, "f.yaml")
    said = [str(p) for p in info.value.problems]
    if case.first_only:
        said = said[:1]
    assert said == [where(text, at) for at in case.problems]


def test_regions_written_as_a_word_is_reported_where_it_is(minimal_text: str) -> None:
    """The regions block is too long for a table edit: cut it out here."""
    head, _, rest = minimal_text.partition("regions:\n")
    text = head + "regions: oops\n" + rest[rest.index("safety:\n"):]
    with pytest.raises(DataError) as info:
        load_text(text, "f.yaml")
    line = text.splitlines().index("regions: oops") + 1
    assert str(info.value.first) == (f"f.yaml:{line}:10: regions should be a list (items "
                                     "starting with '- ')")
