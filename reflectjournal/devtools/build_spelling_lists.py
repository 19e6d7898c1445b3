"""Rebuild the spell-checker's extra Spanish words (resources/spelling/) from wordfreq's data.

    python -m reflectjournal.devtools.build_spelling_lists

Needs `pip install wordfreq` (3.1; code Apache-2.0, data CC BY-SA 4.0) at build time only.
pyspellchecker's Spanish list is built from lemmas and misses most inflected forms
("estaba", "lloró", "juguetes", "preocupada"); this adds the Spanish words wordfreq sees at
least once per million words (Zipf 3.0) that the list lacks. Rarer ones are left out: below
that, wordfreq's lists hold common typos ("qeu" at 2.8, "porqe" at 2.3). Nothing is fetched
at run time: the app reads only the file this writes.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent.parent / "resources" / "spelling"
SMALLEST_ZIPF = 3.0
_LETTERS = re.compile(r"[^\W\d_]+")


def main(argv: list[str]) -> int:
    """Write es-more.txt.gz: one word a line, sorted."""
    del argv
    from spellchecker import SpellChecker
    from wordfreq import iter_wordlist, zipf_frequency  # build time only

    known = SpellChecker(language="es", distance=1)
    extra = sorted({
        word for word in iter_wordlist("es", "large")
        if _LETTERS.fullmatch(word) and len(word) > 1 and word not in known
        and zipf_frequency(word, "es", "large") >= SMALLEST_ZIPF
    })
    OUT.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same words give the same bytes, so a rebuild shows no change in git.
    with gzip.GzipFile(OUT / "es-more.txt.gz", "wb", mtime=0) as out:
        out.write(("\n".join(extra) + "\n").encode())
    print(f"{len(extra)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
