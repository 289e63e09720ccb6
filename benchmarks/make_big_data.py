"""Write a synthetic data file 100 times the shipped one, valid per the loader.

Every source, structure, condition and region is copied with a suffix on its id, and each
copy cites its own copies, so the file exercises the loader and the UI at 100x scale.

With ``--distinct-words`` every word of four letters or more in the copies' text (names,
synonyms, summaries, notes, relations, cautions, titles) gets a two-letter ending of its copy
("piriformis" becomes "piriformisbc"), so the vocabulary grows with the data as real content
would (about 260,000 distinct words at 100x instead of the shipped 2,600), while a typed
prefix still finds them: a search index that scans its vocabulary pays for it here.

    python benchmarks/make_big_data.py [--copies 100] [--distinct-words] [-o FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from needleguide import paths  # noqa: E402


TEXT_KEYS = frozenset({"name", "synonyms", "summary", "note", "relation", "text", "title",
                       "claim"})
_WORD = re.compile(r"[^\W\d_]{4,}")


def distinct_words(value: Any, copy: int, key: str = "") -> Any:
    """``value`` with every long word of its text fields given this copy's ending."""
    if isinstance(value, dict):
        return {k: distinct_words(v, copy, k) for k, v in value.items()}
    if isinstance(value, list):
        return [distinct_words(v, copy, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        ending = "".join(chr(ord("a") + d) for d in divmod(copy, 26))
        return _WORD.sub(lambda m: m.group(0) + ending, value)
    return value


def suffixed(doc: dict[str, Any], copy: int) -> dict[str, Any]:
    up, low = f"-X{copy:03d}", f"-x{copy:03d}"

    def cite(ids: list[str]) -> list[str]:
        return [i + up for i in ids]

    def fix(item: dict[str, Any]) -> dict[str, Any]:
        out = dict(item)
        if "sources" in out:
            out["sources"] = cite(out["sources"])
        if "structure" in out:
            out["structure"] += low
        if "condition" in out:
            out["condition"] += low
        if "muscle" in out:
            out["muscle"] += low
        if "claimed_by" in out:
            out["claimed_by"] += up
        return out

    regions = []
    for region in doc["regions"]:
        r = dict(region, id=region["id"] + low, name=f"{region['name']} {copy}",
                 **numbered(region, "synonyms", copy))
        for key in ("muscles", "structures", "conditions", "cautions", "corrections",
                    "distances"):
            if key in r:
                r[key] = [fix(i) for i in r[key]]
        regions.append(r)
    muscles = []
    for muscle in doc.get("muscles", []):
        m = dict(muscle, id=muscle["id"] + low, name=f"{muscle['name']} {copy}",
                 regions=[r + low for r in muscle["regions"]], **numbered(muscle, "synonyms", copy))
        for key in ("relations", "distances", "approaches", "cautions"):
            if key in m:
                m[key] = [fix(i) for i in m[key]]
        muscles.append(m)
    return {
        "sources": [dict(s, id=s["id"] + up) for s in doc["sources"]],
        "muscles": muscles,
        "structures": [dict(s, id=s["id"] + low, name=f"{s['name']} {copy}",
                            **numbered(s, "synonyms", copy))
                       for s in doc["structures"]],
        "conditions": [dict(c, id=c["id"] + low, name=f"{c['name']} {copy}",
                            **numbered(c, "synonyms", copy))
                       for c in doc["conditions"]],
        "regions": regions,
        "safety": [dict(s, id=s["id"] + low, items=[fix(i) for i in s["items"]])
                   for s in doc.get("safety", [])],
        "after_events": [dict(s, id=s["id"] + low, items=[fix(i) for i in s["items"]])
                         for s in doc.get("after_events", [])],
    }


def numbered(entry: dict[str, Any], key: str, copy: int) -> dict[str, Any]:
    """A name people type leads to one entry only, so each copy's synonyms carry its number."""
    return {key: [f"{name} {copy}" for name in entry[key]]} if key in entry else {}


def build(copies: int, distinct: bool = False) -> str:
    doc = yaml.safe_load(paths.default_data_file().read_text(encoding="utf-8"))
    big: dict[str, Any] = {"version": str(doc["version"]), "updated": str(doc["updated"]),
                           "sources": [], "structures": [], "conditions": [], "muscles": [], "regions": [],
                           "safety": [], "after_events": []}
    for copy in range(1, copies + 1):
        part = suffixed(doc, copy)
        if distinct:
            part = distinct_words(part, copy)
        for key, items in part.items():
            big[key].extend(items)
    return str(yaml.dump(big, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False,
                         width=100))


class _NoAliasDumper(yaml.SafeDumper):  # type: ignore[misc]  # PyYAML is untyped
    """Reference data may not contain anchors/aliases; write shared values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--distinct-words", action="store_true",
                        help="give each copy its own words (a realistic vocabulary)")
    parser.add_argument("-o", "--output", type=Path, default=Path("/tmp/regions-100x.yaml"))
    args = parser.parse_args()
    args.output.write_text(build(args.copies, args.distinct_words), encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB, "
          f"{args.copies} copies)")


if __name__ == "__main__":
    main()
