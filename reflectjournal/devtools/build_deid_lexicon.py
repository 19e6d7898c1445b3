"""Rebuild the word lists of the identifier check (resources/deid/) from public sources.

    python -m reflectjournal.devtools.build_deid_lexicon NAMES_DIR DICT_FILE

NAMES_DIR holds the 1990 US Census name frequency files (dist.male.first, dist.female.first,
dist.all.last; public domain, as shipped in the `names` 0.3.0 sdist on PyPI). DICT_FILE is
SCOWL's American English list (Debian's `wamerican`, /usr/share/dict/american-english).
Nothing is fetched at run time: the app reads only the files this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent.parent / "resources" / "deid"
# Enough surnames to cover about nine in ten people in the 1990 census; the long tail is
# mostly rare words that would turn ordinary capitalised words into "names".
SURNAMES_KEPT = 30000


def _census(path: Path, limit: int | None = None) -> list[str]:
    names = [line.split()[0].lower() for line in path.read_text().splitlines() if line.strip()]
    return names[:limit] if limit else names


def main(argv: list[str]) -> int:
    """Write given_names.txt, surnames.txt, english_words.txt and proper_nouns.txt."""
    names_dir, dict_file = Path(argv[0]), Path(argv[1])
    given = sorted(set(_census(names_dir / "dist.male.first"))
                   | set(_census(names_dir / "dist.female.first")))
    surnames = sorted(set(_census(names_dir / "dist.all.last", SURNAMES_KEPT)))
    words = [w for w in dict_file.read_text(encoding="utf-8").splitlines()
             if w and "'" not in w]
    lower = sorted({w for w in words if w.islower()})
    lower_set = set(lower)
    # Capitalised entries with no lower-case twin are proper nouns: names, places, brands.
    proper = sorted({w.lower() for w in words if w[0].isupper() and w.lower() not in lower_set
                     and not w.isupper()})
    OUT.mkdir(parents=True, exist_ok=True)
    for name, items in (("given_names.txt", given), ("surnames.txt", surnames),
                        ("english_words.txt", lower), ("proper_nouns.txt", proper)):
        (OUT / name).write_text("\n".join(items) + "\n", encoding="utf-8")
        print(f"{name}: {len(items)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
