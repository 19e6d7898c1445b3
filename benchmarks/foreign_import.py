"""Importing 10,000 jrnl entries against our own JSON import of the same entries (issue 16).

    python -m benchmarks.foreign_import              # 10,000 entries, 3 runs of each
    python -m benchmarks.foreign_import --size 2000 --runs 1 --json

The synthetic corpus (benchmarks/corpus.py, 150-400 words an entry) is written as a jrnl
journal file, the way jrnl 4.x writes one (`[2024-03-10 09:30:00 PM] Title`, body lines,
`@tags`). That file is parsed once to get the entries a jrnl import stores, and those same
entries, with the same tags, are written as our own JSON export. Each run imports one of
the two files into a new, empty journal, from reading the file to the commit; the two
kinds alternate so that a slower or busier moment of the machine hits both alike. The
ratio is jrnl over JSON, medians of the same run; the target is at most 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import zoneinfo
from collections.abc import Mapping
from pathlib import Path

from benchmarks.common import FAST, PASSPHRASE, SEED
from benchmarks.corpus import Generator, TagPools, user_tags
from reflectjournal.domain import exchange
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.foreign.entries import tag_labels, to_entry
from reflectjournal.domain.foreign.jrnl import parse_jrnl
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.services.journal import Journal

TARGET_RATIO = 2.0
ZONE = zoneinfo.ZoneInfo("America/New_York")


def jrnl_text(entries: list[Entry], labels: Mapping[TagId, str]) -> str:
    """Return entries as a jrnl journal file: title line, body, user tags as @words."""
    out = []
    for e in entries:
        when = e.created_at.astimezone(ZONE).strftime("%Y-%m-%d %I:%M:%S %p")
        text = "\n\n".join([*e.answers.values(), e.body]).strip()
        tags = " ".join("@" + "-".join(labels[t].lower().split()) for t in e.tags)
        star = " *" if e.starred else ""
        out.append(f"[{when}] {e.title or 'Untitled'}.{star}\n{text}\n{tags}".rstrip() + "\n")
    return "\n".join(out)


def prepare(size: int, folder: Path) -> tuple[Path, Path]:
    """Write the jrnl file and our JSON export of the same entries; return both paths."""
    with tempfile.TemporaryDirectory(prefix="rj-bench-catalog-") as scratch:
        journal, _ = Journal.create(Path(scratch) / "j", PASSPHRASE, FAST)
        with journal:
            catalog = journal.catalog
            pools = TagPools(tuple(journal.tags("competency")), tuple(journal.tags("theme")),
                             user_tags(SEED))
    generated = Generator(SEED, catalog, pools).entries(size)
    labels = {t.id: t.label for t in pools.user}
    jrnl_path = folder / "journal.txt"
    jrnl_path.write_text(jrnl_text(generated, labels), encoding="utf-8")
    parsed = parse_jrnl(jrnl_path.read_bytes(), ZONE)
    assert len(parsed.entries) == size, (len(parsed.entries), parsed.skipped[:3])
    tags = {key: Tag(TagId(f"u-{i:08x}"), "user", label)
            for i, (key, label) in enumerate(tag_labels(parsed.entries).items())}
    same = [to_entry(parsed, e, {k: t.id for k, t in tags.items()}) for e in parsed.entries]
    json_path = folder / "export.json"
    json_path.write_bytes(exchange.to_json(same, tags.values(),
                                           dt.datetime(2026, 12, 1, tzinfo=dt.UTC)))
    return jrnl_path, json_path


def _time_one(kind: str, path: Path, place: Path) -> float:
    journal, _ = Journal.create(place, PASSPHRASE, FAST)
    with journal:
        start = time.perf_counter()
        if kind == "jrnl":
            result = journal.foreign_import.import_source("jrnl", path, ZONE)
        else:
            result = journal.import_json(path.read_bytes())
        seconds = time.perf_counter() - start
        assert result.skipped == 0, result
        assert journal.count_entries() == result.added
    return seconds


def run(size: int, runs: int) -> dict[str, object]:
    """Measure both imports `runs` times each, alternating; return the figures."""
    times: dict[str, list[float]] = {"json": [], "jrnl": []}
    with tempfile.TemporaryDirectory(prefix="rj-bench-foreign-") as scratch:
        folder = Path(scratch)
        jrnl_path, json_path = prepare(size, folder)
        for i in range(runs):
            order = ("json", "jrnl") if i % 2 == 0 else ("jrnl", "json")
            for kind in order:
                path = jrnl_path if kind == "jrnl" else json_path
                times[kind].append(_time_one(kind, path, folder / f"{kind}-{i}"))
        sizes = {"jrnl_file_mib": jrnl_path.stat().st_size / 2**20,
                 "json_file_mib": json_path.stat().st_size / 2**20}
    medians = {k: statistics.median(v) for k, v in times.items()}
    ratio = medians["jrnl"] / medians["json"]
    return {"entries": size, "runs": runs, "seconds": times, "median_seconds": medians,
            "ratio": ratio, "target": TARGET_RATIO, "met": ratio <= TARGET_RATIO, **sizes}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 if the ratio misses the target."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.foreign_import")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.size, args.runs)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        med = figures["median_seconds"]
        assert isinstance(med, dict)
        print(f"{args.size:,} entries, {args.runs} runs each (median seconds, read to commit)")
        print(f"  our JSON import: {med['json']:.2f} s")
        print(f"  jrnl import:     {med['jrnl']:.2f} s")
        print(f"  ratio jrnl/JSON: {figures['ratio']:.2f} (target <= {TARGET_RATIO})")
    return 0 if figures["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
